"""A minimal stand-in for the `network` (Neutron) endpoint of the dev cloud.

Nova has no "no network" mode: even servers booted with `networks: none` make nova-api ask Neutron for ports and
security groups when a server is shown, listed or deleted. A real Neutron needs MariaDB and ML2; servers without
ports only need these answers:

    GET /                         the version document (v2.0)
    GET /v2.0/<collection>[.json] {"<collection>": []}  (security-groups -> security_groups)
    GET /v2.0/<collection>/<id>   404 NotFound
    anything else                 501 Not Implemented

Usage: python netstub.py HOST PORT
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "berth-netstub/1"

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status, kind, message):
        self._send(status, {"NeutronError": {"type": kind, "message": message, "detail": ""}})

    def _drain(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)

    def do_GET(self):
        self._drain()
        path = urlsplit(self.path).path.rstrip("/")
        if path.endswith(".json"):
            path = path[: -len(".json")]
        parts = [p for p in path.split("/") if p]
        host = self.headers.get("Host") or "%s:%d" % self.server.server_address[:2]
        if not parts:
            self._send(200, {"versions": [{"id": "v2.0", "status": "CURRENT", "links": [
                {"rel": "self", "href": "http://%s/v2.0/" % host}]}]})
        elif parts == ["v2.0"]:
            self._send(200, {"resources": []})
        elif parts[0] == "v2.0" and len(parts) == 2:
            self._send(200, {parts[1].replace("-", "_"): []})
        else:
            self._error(404, "NotFound", "The resource could not be found (berth dev network stand-in).")

    do_HEAD = do_GET

    def _not_implemented(self):
        self._drain()
        self._error(501, "NotImplemented",
                    "The berth dev cloud has no real network service; only empty listings are served.")

    do_POST = do_PUT = do_DELETE = do_PATCH = _not_implemented

    def log_message(self, fmt, *args):
        sys.stdout.write("%s %s\n" % (self.address_string(), fmt % args))
        sys.stdout.flush()


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer((host, port), Handler)
    print("network stand-in listening on http://%s:%d" % (host, port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
