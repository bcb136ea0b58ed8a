"""A local stand-in for the public etcd discovery service (https://discovery.etcd.io), for the dev cloud's Magnum.

Magnum's conductor asks `[cluster] etcd_discovery_service_endpoint_format` for a discovery URL when a cluster is
created without one, then reads `<url>/_config/size` and wants `{"node": {"value": "N"}}` equal to the master count.
The dev cloud points that option here, so nothing ever goes to discovery.etcd.io.

    etcd_discovery.py HOST:PORT

`GET /new?size=N` answers `http://HOST:PORT/<token>`; `GET /<token>/_config/size` answers the size; `GET /` is a
health check. Nothing is kept on disk.
"""
import json
import secrets
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SIZES = {}


class Handler(BaseHTTPRequestHandler):
    def send(self, status, body, ctype="text/plain"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = [p for p in url.path.split("/") if p]
        if not parts:
            return self.send(200, "etcd discovery stand-in\n")
        if parts == ["new"]:
            size = urllib.parse.parse_qs(url.query).get("size", ["3"])[0]
            token = secrets.token_hex(16)
            SIZES[token] = size
            host, port = self.server.server_address[:2]
            return self.send(200, "http://%s:%s/%s" % (host, port, token))
        if len(parts) == 3 and parts[1:] == ["_config", "size"] and parts[0] in SIZES:
            node = {"key": "/_etcd/registry/%s/_config/size" % parts[0], "value": SIZES[parts[0]]}
            return self.send(200, json.dumps({"action": "get", "node": node}), "application/json")
        return self.send(404, json.dumps({"errorCode": 100, "message": "Key not found"}), "application/json")

    def log_message(self, fmt, *args):
        sys.stderr.write("etcd-discovery: %s\n" % (fmt % args))


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    ThreadingHTTPServer((host, int(port)), Handler).serve_forever()


if __name__ == "__main__":
    main()
