"""A fault-injecting HTTP proxy for berth's tests: it relays every request to a real service (a registry, Glance)
and spoils the ones a rule matches, for faults a real service cannot produce on demand.

usage: faultproxy.py TARGET_BASE_URL [--corrupt-blobs] [--corrupt-blobs-from N] [--slow-blobs SECONDS]
                      [--hold-blobs FILE]
                      [--blob-path TEXT] [--fail-upload STATUS[:AFTER_BYTES]] [--schema-drop-format FORMAT]
                      [--delay-gets TEXT:SECONDS] [--catalog-drop TYPE] [--reset-blobs-after BYTES] [--drop-range]
                      [--fail-first TEXT:N:STATUS[:RETRY_AFTER]]... [--ratelimit LIMIT:REMAINING[:WINDOW]]
                      [--strict-tokens KEYSTONE_V3_URL] [--token-ttl SECONDS] [--tar-hide-config]
                      [--tar-link-over-config] [--log FILE]

  --corrupt-blobs       flip one byte in the body of every GET .../blobs/sha256:... answer (same length)
  --corrupt-blobs-from N  the same, but only from the Nth GET of each blob on (2: a blob read twice is served
                        intact, then spoiled: a registry that changes its answer between two reads)
  --slow-blobs S        send blob bodies in 4 KiB pieces, sleeping S seconds before each
  --hold-blobs FILE     send the first 4 KiB of each blob body, then nothing more until FILE exists (at most
                        120 s): a transfer that stays under way until the test has looked at it
  --blob-path TEXT      what makes a GET a "blob" for the four rules above: its path contains TEXT (default
                        `/blobs/sha256:`; `/get` for the `docker save` of a Docker engine)
  --fail-upload STATUS[:AFTER_BYTES]  read the whole body of PUT .../file, then answer STATUS (Glance's store
                        failing the upload); with AFTER_BYTES, answer STATUS and close the connection after reading
                        only that many bytes of the body (a failure mid-upload)
  --schema-drop-format FORMAT  remove FORMAT from the `container_format` enum of GET /v2/schemas/image(s) (a Glance
                        whose `container_formats` setting lacks it)
  --delay-gets TEXT:SECONDS  hold every GET whose path contains TEXT for SECONDS before relaying it (a slow API,
                        e.g. `/servers/:5` keeps a client polling a server waiting)
  --catalog-drop TYPE   remove services of TYPE from the catalogs Keystone answers (POST /v3/auth/tokens,
                        GET /v3/auth/catalog): a cloud where that service is not deployed
  --reset-blobs-after BYTES  on the first GET of each blob that is longer than BYTES (and not a Range request),
                        send the headers (full Content-Length) and BYTES of the body, then reset the connection (RST):
                        a blob cut off mid-way. Range requests are relayed to the target as they come.
  --drop-range          remove the Range header from blob GETs before relaying them: a registry that ignores Range
                        and answers 200 with the whole blob
  --fail-first TEXT:N:STATUS[:RETRY_AFTER]  answer the first N requests whose path contains TEXT with STATUS (and
                        `Retry-After: RETRY_AFTER` when given) without relaying them; STATUS 0 resets the
                        connection instead of answering; repeatable. E.g. `/manifests/:1:429:1` (rate limited
                        once), `/blobs/:10:503` (a burst of 503s), `/blobs/:2:0` (two connection resets)
  --ratelimit LIMIT:REMAINING[:WINDOW]  add Docker Hub's `ratelimit-limit: LIMIT;w=WINDOW`, `ratelimit-remaining`
                        and `docker-ratelimit-source` headers to manifest answers (WINDOW default 21600). As on Docker
                        Hub, a manifest GET by tag counts as a pull (a HEAD does not): REMAINING goes down by one, and
                        a GET by tag when it is 0 is answered 429 TOOMANYREQUESTS
  --strict-tokens KEYSTONE_V3_URL  check the X-Auth-Token of every request at Keystone before relaying it, and
                        answer 401 when Keystone no longer accepts it: a service without keystonemiddleware's token
                        cache (which otherwise accepts a revoked token for up to `token_cache_time`, 300 s)
  --token-ttl SECONDS   in Keystone's answers to POST /v3/auth/tokens, set the token's `expires_at` SECONDS from now
                        (both in the body and the client's view): a token that expires during a long command, without
                        changing Keystone's expiration for everyone
  --tar-hide-config     in a "blob" answer that is a `docker save` tar, add after the image config `<hex>.json` a
                        directory entry whose size field covers a second `<hex>.json` entry (another config): Go's
                        tar reader, hence `docker load`, gives a directory no data and reads the hidden entry,
                        which replaces the real config; a reader that skips `size` bytes after it never sees it
  --tar-link-over-config  the same, but add a file `evil.json` (another config) and then a symbolic link
                        `<hex>.json` -> `evil.json`, which replaces the real config for `docker load`
  --log FILE            append one JSON line per request: method, path, range, status, bytes (body bytes sent),
                        reset (cut off on purpose), injected (answered by the proxy itself), start and end (wall
                        clock seconds: requests whose spans overlap were served at the same time)

Prints `port N` on stdout once it listens on 127.0.0.1:N (an ephemeral port), then serves until killed.
"""
import argparse
import collections
import json
import os
import http.client
import socket
import struct
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


def keystone_accepts(keystone, token):
    """Whether Keystone still validates `token` (GET /v3/auth/tokens with it as both auth and subject)."""
    u = urllib.parse.urlsplit(keystone)
    conn_cls = http.client.HTTPSConnection if u.scheme == "https" else http.client.HTTPConnection
    conn = conn_cls(u.hostname, u.port, timeout=30)
    conn.request("GET", u.path.rstrip("/") + "/auth/tokens", headers={"X-Auth-Token": token, "X-Subject-Token": token})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp.status == 200


def parse_fail_first(rule):
    """`TEXT:N:STATUS[:RETRY_AFTER]` -> [text, n, status, retry_after or None]; TEXT may hold colons."""
    parts = rule.split(":")
    nums = []
    while len(parts) > 1 and len(nums) < 3 and parts[-1].strip().isdigit():
        nums.insert(0, parts.pop())
    if len(nums) < 2:
        sys.exit(f"--fail-first {rule!r}: want TEXT:N:STATUS[:RETRY_AFTER]")
    n, status, after = (nums + [None])[:3]
    return [":".join(parts), int(n), int(status), after]


def tar_entry(name, typeflag, size, data=b"", link=""):
    """One raw ustar entry: a header whose size field says `size` (whatever `data` holds), `data`, padding."""
    h = bytearray(512)
    h[0:len(name)] = name.encode()
    h[100:108] = b"0000644\0"
    h[108:116] = b"0000000\0"
    h[116:124] = b"0000000\0"
    h[124:136] = b"%011o\0" % size
    h[136:148] = b"%011o\0" % int(time.time())
    h[156:157] = typeflag
    h[157:157 + len(link)] = link.encode()
    h[257:265] = b"ustar\x0000"
    h[148:156] = b" " * 8
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h) + data + b"\0" * (-len(data) % 512)


def spoil_saved_tar(data, mode):
    """A `docker save` tar with entries that Go's reader (`docker load`) takes in place of the image config."""
    import io
    import re
    import tarfile
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        config = next(m for m in tf.getmembers() if re.fullmatch(r"[0-9a-f]{64}\.json", m.name))
        doc = json.loads(tf.extractfile(config).read())
    doc.setdefault("config", {})["Cmd"] = ["echo", "not the image berth checked"]
    evil = json.dumps(doc).encode()
    if mode == "hide":
        hidden = tar_entry(config.name, b"0", len(evil), evil)
        extra = tar_entry("berth-cover/", b"5", len(hidden), hidden)
    else:
        extra = tar_entry("evil.json", b"0", len(evil), evil) + tar_entry(config.name, b"2", 0, link="evil.json")
    end = config.offset_data + config.size + (-config.size % 512)
    return data[:end] + extra + data[end:]


HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("target")
    ap.add_argument("--corrupt-blobs", action="store_true")
    ap.add_argument("--corrupt-blobs-from", type=int, default=0)
    ap.add_argument("--slow-blobs", type=float, default=0.0)
    ap.add_argument("--hold-blobs", default="")
    ap.add_argument("--blob-path", default="/blobs/sha256:")
    ap.add_argument("--fail-upload", default="")
    ap.add_argument("--schema-drop-format", default="")
    ap.add_argument("--delay-gets", default="")
    ap.add_argument("--catalog-drop", default="")
    ap.add_argument("--reset-blobs-after", type=int, default=0)
    ap.add_argument("--drop-range", action="store_true")
    ap.add_argument("--fail-first", action="append", default=[])
    ap.add_argument("--ratelimit", default="")
    ap.add_argument("--strict-tokens", default="")
    ap.add_argument("--token-ttl", type=int, default=0)
    ap.add_argument("--add-tags", default="", help="comma-separated tags added to every tag list")
    ap.add_argument("--tar-hide-config", action="store_true")
    ap.add_argument("--tar-link-over-config", action="store_true")
    ap.add_argument("--log", default="")
    args = ap.parse_args()
    fail_upload_status, _, fail_upload_after = args.fail_upload.partition(":")
    fail_upload_status = int(fail_upload_status or 0)
    fail_upload_after = int(fail_upload_after) if fail_upload_after else None
    fail_first = [parse_fail_first(rule) for rule in args.fail_first]
    ratelimit = None
    if args.ratelimit:
        parts = [int(x) for x in args.ratelimit.split(":")]
        ratelimit = {"limit": parts[0], "remaining": parts[1], "window": parts[2] if len(parts) > 2 else 21600}
    reset_done = set()
    target = urllib.parse.urlsplit(args.target)
    if args.corrupt_blobs:
        args.corrupt_blobs_from = 1
    blob_gets = collections.Counter()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            sys.stderr.write("faultproxy: " + (fmt % a) + "\n")

        def _record(self, status, sent, reset=False, injected=False):
            if not args.log:
                return
            length = self.headers.get("Content-Length")
            line = json.dumps({"method": self.command, "path": self.path, "range": self.headers.get("Range"),
                               "length": int(length) if length is not None else None,
                               "status": status, "bytes": sent, "reset": reset, "injected": injected,
                               "start": getattr(self, "started", None), "end": time.time()})
            with lock:
                with open(args.log, "a") as f:
                    f.write(line + "\n")

        def _stream(self, length):
            """The request body, `length` bytes, as an iterator of pieces read as they arrive."""
            left = length
            while left > 0:
                piece = self.rfile.read1(min(left, 65536))
                if not piece:
                    return
                left -= len(piece)
                yield piece

        def _answer(self, status, body, headers=()):
            """Answer from the proxy itself."""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            self._record(status, 0 if self.command == "HEAD" else len(body), injected=True)

        def _reset(self):
            """Reset the connection (RST, not a clean close)."""
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

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
            self.started = time.time()
            if args.delay_gets and self.command == "GET":
                text, seconds = args.delay_gets.rsplit(":", 1)
                if text in self.path:
                    time.sleep(float(seconds))
            is_blob = self.command == "GET" and args.blob_path in self.path
            blob_key = self.path.split("/blobs/")[-1]
            for rule in fail_first:
                text, left, status, after = rule
                if text in self.path:
                    with lock:
                        hit = rule[1] > 0
                        rule[1] -= 1 if hit else 0
                    if hit and status == 0:
                        # STATUS 0: reset the connection instead of answering.
                        self._body()
                        self._record(0, 0, reset=True, injected=True)
                        self._reset()
                        return
                    if hit:
                        self._body()
                        code = "TOOMANYREQUESTS" if status == 429 else "UNAVAILABLE"
                        msg = json.dumps({"errors": [{"code": code, "message": f"injected {status}"}]}).encode()
                        self._answer(status, msg, [("Retry-After", after)] if after is not None else [])
                        return
            if fail_upload_status and self.command == "PUT" and self.path.endswith("/file"):
                msg = b'{"message": "injected failure"}'
                if fail_upload_after is None:
                    self._body()
                    self._answer(fail_upload_status, msg)
                    return
                # Mid-upload: read part of the body, answer, and close without reading the rest.
                self.rfile.read(min(fail_upload_after, int(self.headers.get("Content-Length") or 0)))
                self.close_connection = True
                self.send_response(fail_upload_status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(msg)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(msg)
                self._record(fail_upload_status, len(msg), injected=True)
                return
            is_manifest = "/manifests/" in self.path and self.command in ("GET", "HEAD")
            by_tag = is_manifest and "/manifests/sha256:" not in self.path
            if ratelimit and by_tag and self.command == "GET":
                with lock:
                    exhausted = ratelimit["remaining"] <= 0
                    if not exhausted:
                        ratelimit["remaining"] -= 1
                if exhausted:
                    msg = json.dumps({"errors": [{"code": "TOOMANYREQUESTS", "message": "You have reached your pull rate limit."}]}).encode()
                    self._answer(429, msg, self._ratelimit_headers())
                    return
            # As keystonemiddleware does: the token is checked when the request arrives, before its body is read.
            token = self.headers.get("X-Auth-Token")
            refused = bool(args.strict_tokens and token and not keystone_accepts(args.strict_tokens, token))
            # An upload (PUT with a length) is relayed as it arrives, so the service sees it start when the client
            # starts it, as without the proxy; other bodies are small and read first.
            length = int(self.headers.get("Content-Length") or 0)
            streamed = self.command == "PUT" and length > 0 and not refused
            body = self._stream(length) if streamed else self._body()
            if refused:
                self._answer(401, b'{"error": {"code": 401, "title": "Unauthorized", "message": "The token is not valid (checked by faultproxy)."}}')
                return
            conn_cls = http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
            conn = conn_cls(target.hostname, target.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and k.lower() != "host"}
            if args.drop_range and is_blob:
                headers = {k: v for k, v in headers.items() if k.lower() != "range"}
            headers["Host"] = target.netloc
            conn.request(self.command, target.path.rstrip("/") + self.path, body=body if streamed else (body or None), headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            if is_blob and resp.status == 200:
                with lock:
                    blob_gets[blob_key] += 1
                    nth = blob_gets[blob_key]
            if is_blob and resp.status == 200 and args.corrupt_blobs_from and nth >= args.corrupt_blobs_from and data:
                i = len(data) // 2
                data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]
            if is_blob and resp.status == 200 and (args.tar_hide_config or args.tar_link_over_config):
                data = spoil_saved_tar(data, "hide" if args.tar_hide_config else "link")
            if (args.schema_drop_format and self.command == "GET" and resp.status == 200
                    and self.path.split("?")[0].rstrip("/") in ("/v2/schemas/image", "/v2/schemas/images")):
                data = json.dumps(drop_format(json.loads(data), args.schema_drop_format)).encode()
            if (args.add_tags and self.command == "GET" and resp.status == 200
                    and self.path.split("?")[0].endswith("/tags/list")):
                doc = json.loads(data)
                doc["tags"] = (doc.get("tags") or []) + args.add_tags.split(",")
                data = json.dumps(doc).encode()
            if (args.catalog_drop and 200 <= resp.status < 300 and data
                    and self.path.split("?")[0].rstrip("/").endswith(("/auth/tokens", "/auth/catalog"))):
                doc = json.loads(data)
                for holder in (doc.get("token", {}), doc):
                    if isinstance(holder.get("catalog"), list):
                        holder["catalog"] = [c for c in holder["catalog"] if c.get("type") != args.catalog_drop]
                data = json.dumps(doc).encode()
            if (args.token_ttl and self.command == "POST" and 200 <= resp.status < 300 and data
                    and self.path.split("?")[0].rstrip("/").endswith("/auth/tokens")):
                doc = json.loads(data)
                expires = time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(time.time() + args.token_ttl))
                doc["token"]["expires_at"] = expires
                data = json.dumps(doc).encode()
            self.send_response(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() not in HOP and k.lower() != "content-length":
                    # Keep redirects and token realms pointing at the proxy's target as they are.
                    self.send_header(k, v)
            if ratelimit and is_manifest:
                for k, v in self._ratelimit_headers():
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command == "HEAD":
                self._record(resp.status, 0)
                return
            digest = blob_key if is_blob else None
            if (is_blob and resp.status == 200 and args.reset_blobs_after and len(data) > args.reset_blobs_after
                    and "Range" not in self.headers):
                with lock:
                    first = digest not in reset_done
                    reset_done.add(digest)
                if first:
                    self.wfile.write(data[:args.reset_blobs_after])
                    self._record(resp.status, args.reset_blobs_after, reset=True)
                    self._reset()
                    return
            if is_blob and args.hold_blobs and len(data) > 4096:
                self.wfile.write(data[:4096])
                self.wfile.flush()
                deadline = time.time() + 120
                while not os.path.exists(args.hold_blobs) and time.time() < deadline:
                    time.sleep(0.05)
                self.wfile.write(data[4096:])
            elif is_blob and args.slow_blobs:
                for off in range(0, len(data), 4096):
                    time.sleep(args.slow_blobs)
                    self.wfile.write(data[off:off + 4096])
                    self.wfile.flush()
            else:
                self.wfile.write(data)
            # Recorded once sent, so `end` is when the last byte went out.
            self._record(resp.status, len(data))

        def _ratelimit_headers(self):
            w = ratelimit["window"]
            return [("ratelimit-limit", f"{ratelimit['limit']};w={w}"),
                    ("ratelimit-remaining", f"{max(ratelimit['remaining'], 0)};w={w}"),
                    ("docker-ratelimit-source", "127.0.0.1")]

        do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = _relay

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"port {srv.server_address[1]}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
