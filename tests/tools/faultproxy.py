"""A fault-injecting HTTP proxy for berth's tests: it relays every request to a real service (a registry, Glance)
and spoils the ones a rule matches, for faults a real service cannot produce on demand.

usage: faultproxy.py TARGET_BASE_URL [--corrupt-blobs] [--corrupt-blobs-from N] [--slow-blobs SECONDS]
                      [--blob-path TEXT] [--fail-upload STATUS] [--schema-drop-format FORMAT] [--delay-gets TEXT:SECONDS]
                      [--catalog-drop TYPE]

  --corrupt-blobs       flip one byte in the body of every GET .../blobs/sha256:... answer (same length)
  --corrupt-blobs-from N  the same, but only from the Nth GET of each blob on (2: a blob read twice is served
                        intact, then spoiled: a registry that changes its answer between two reads)
  --slow-blobs S        send blob bodies in 4 KiB pieces, sleeping S seconds before each
  --blob-path TEXT      what makes a GET a "blob" for the three rules above: its path contains TEXT (default
                        `/blobs/sha256:`; `/get` for the `docker save` of a Docker engine)
  --fail-upload STATUS  read the whole body of PUT .../file, then answer STATUS (Glance's store failing the upload)
  --schema-drop-format FORMAT  remove FORMAT from the `container_format` enum of GET /v2/schemas/image(s) (a Glance
                        whose `container_formats` setting lacks it)
  --delay-gets TEXT:SECONDS  hold every GET whose path contains TEXT for SECONDS before relaying it (a slow API,
                        e.g. `/servers/:5` keeps a client polling a server waiting)
  --catalog-drop TYPE   remove services of TYPE from the catalogs Keystone answers (POST /v3/auth/tokens,
                        GET /v3/auth/catalog): a cloud where that service is not deployed

Prints `port N` on stdout once it listens on 127.0.0.1:N (an ephemeral port), then serves until killed.
"""
import argparse
import collections
import json
import http.client
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

def drop_format(doc, fmt):
    """Remove `fmt` from every `container_format` enum in a JSON schema."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k == "container_format" and isinstance(v, dict) and isinstance(v.get("enum"), list):
                v["enum"] = [x for x in v["enum"] if x != fmt]
            drop_format(v, fmt)
    elif isinstance(doc, list):
        for v in doc:
            drop_format(v, fmt)
    return doc


HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("target")
    ap.add_argument("--corrupt-blobs", action="store_true")
    ap.add_argument("--corrupt-blobs-from", type=int, default=0)
    ap.add_argument("--slow-blobs", type=float, default=0.0)
    ap.add_argument("--blob-path", default="/blobs/sha256:")
    ap.add_argument("--fail-upload", type=int, default=0)
    ap.add_argument("--schema-drop-format", default="")
    ap.add_argument("--delay-gets", default="")
    ap.add_argument("--catalog-drop", default="")
    args = ap.parse_args()
    target = urllib.parse.urlsplit(args.target)
    if args.corrupt_blobs:
        args.corrupt_blobs_from = 1
    blob_gets = collections.Counter()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            sys.stderr.write("faultproxy: " + (fmt % a) + "\n")

        def _body(self):
            if "chunked" in self.headers.get("Transfer-Encoding", ""):
                data = b""
                while True:
                    size = int(self.rfile.readline().strip().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else b""

        def _relay(self):
            if args.delay_gets and self.command == "GET":
                text, seconds = args.delay_gets.rsplit(":", 1)
                if text in self.path:
                    time.sleep(float(seconds))
            is_blob = self.command == "GET" and args.blob_path in self.path
            blob_key = self.path.split("/blobs/")[-1]
            if args.fail_upload and self.command == "PUT" and self.path.endswith("/file"):
                self._body()
                msg = b'{"message": "injected failure"}'
                self.send_response(args.fail_upload)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(msg)))
                self.end_headers()
                self.wfile.write(msg)
                return
            body = self._body()
            conn_cls = http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
            conn = conn_cls(target.hostname, target.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and k.lower() != "host"}
            headers["Host"] = target.netloc
            conn.request(self.command, target.path.rstrip("/") + self.path, body=body or None, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            if is_blob and resp.status == 200:
                with lock:
                    blob_gets[blob_key] += 1
                    nth = blob_gets[blob_key]
            if is_blob and resp.status == 200 and args.corrupt_blobs_from and nth >= args.corrupt_blobs_from and data:
                i = len(data) // 2
                data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]
            if (args.schema_drop_format and self.command == "GET" and resp.status == 200
                    and self.path.split("?")[0].rstrip("/") in ("/v2/schemas/image", "/v2/schemas/images")):
                data = json.dumps(drop_format(json.loads(data), args.schema_drop_format)).encode()
            if (args.catalog_drop and 200 <= resp.status < 300 and data
                    and self.path.split("?")[0].rstrip("/").endswith(("/auth/tokens", "/auth/catalog"))):
                doc = json.loads(data)
                for holder in (doc.get("token", {}), doc):
                    if isinstance(holder.get("catalog"), list):
                        holder["catalog"] = [c for c in holder["catalog"] if c.get("type") != args.catalog_drop]
                data = json.dumps(doc).encode()
            self.send_response(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() not in HOP and k.lower() != "content-length":
                    # Keep redirects and token realms pointing at the proxy's target as they are.
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command == "HEAD":
                return
            if is_blob and args.slow_blobs:
                for off in range(0, len(data), 4096):
                    time.sleep(args.slow_blobs)
                    self.wfile.write(data[off:off + 4096])
                    self.wfile.flush()
            else:
                self.wfile.write(data)

        do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = _relay

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"port {srv.server_address[1]}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
