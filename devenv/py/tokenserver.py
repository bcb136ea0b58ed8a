"""A small Docker-Hub-style token server (like auth.docker.io) for the dev environment's token registry.

    GET /token?service=S&scope=repository:NAME:pull,push[&scope=...]   [Authorization: Basic ...]

- No credentials: pull of any repository not under a private prefix (default `private/`); nothing else.
- Valid Basic credentials: every requested action on every repository, and `registry:catalog:*`.
- Wrong Basic credentials: 401 `{"details": "incorrect username or password"}`.
- Like Docker Hub, a request for actions that are not allowed still gets a token (200), whose `access` lists
  the repository with only the allowed actions (possibly none); the registry then answers 401
  `insufficient_scope`.
- Answer: `{"token", "access_token", "expires_in", "issued_at"}`. The JWT is RS256 with the signing
  certificate chain in `x5c`, `iss` = issuer, `aud` = service (a string: distribution 2.8 rejects a list).
- `expires_in` is read from --ttl-file on every request (so `BERTH_DEV_TOKEN_TTL=5 berth-dev up registry`
  changes it without a restart), default 300 s.
"""
import argparse
import base64
import binascii
import datetime
import hmac
import json
import logging
import os
import secrets
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import serialization

log = logging.getLogger("tokenserver")


def load_chain(paths):
    """x5c: base64 DER of the signing certificate first, then its issuers."""
    out = []
    for p in paths:
        with open(p, "rb") as f:
            for cert in x509.load_pem_x509_certificates(f.read()):
                out.append(base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode())
    return out


def parse_scopes(values):
    """`repository:library/busybox:pull,push` -> (type, name, [actions]). The name may hold colons
    (`repository:host:5000/x:pull`), so the type is before the first colon and the actions after the last."""
    scopes = []
    for value in values:
        for item in value.split():
            if item.count(":") < 2:
                continue
            typ, rest = item.split(":", 1)
            name, actions = rest.rsplit(":", 1)
            scopes.append((typ, name, [a for a in actions.split(",") if a]))
    return scopes


class Config:
    def __init__(self, args):
        self.issuer = args.issuer
        self.service = args.service
        self.user = args.user
        with open(args.password_file) as f:
            self.password = f.read().strip()
        with open(args.key, "rb") as f:
            self.key = serialization.load_pem_private_key(f.read(), password=None)
        self.x5c = load_chain(args.chain)
        self.private_prefixes = tuple(args.private_prefix)
        self.ttl_file = args.ttl_file

    def ttl(self):
        try:
            with open(self.ttl_file) as f:
                return max(1, int(f.read().strip()))
        except (OSError, ValueError, TypeError):
            return 300

    def grant(self, account, typ, name, actions):
        if typ == "repository":
            if account is not None:
                allowed = {"pull", "push", "delete", "*"}
            elif name.startswith(self.private_prefixes):
                allowed = set()
            else:
                allowed = {"pull"}
            return [a for a in actions if a in allowed]
        if typ == "registry" and name == "catalog" and account is not None:
            return [a for a in actions if a == "*"]
        return []


class Handler(BaseHTTPRequestHandler):
    server_version = "berth-dev-tokenserver/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        log.info("%s %s", self.address_string(), fmt % args)

    def send_json(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def account(self):
        """None = anonymous; a user name = valid credentials; raises PermissionError for wrong ones."""
        cfg = self.server.cfg
        auth = self.headers.get("Authorization")
        if not auth:
            return None
        scheme, _, value = auth.partition(" ")
        if scheme.lower() != "basic":
            raise PermissionError("unsupported authorization scheme")
        try:
            user, _, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError) as e:
            raise PermissionError("malformed basic credentials") from e
        if hmac.compare_digest(user.encode(), cfg.user.encode()) and \
                hmac.compare_digest(password.encode(), cfg.password.encode()):
            return user
        raise PermissionError("incorrect username or password")

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if url.path != "/token":
            return self.send_json(404, {"details": "not found"})
        cfg = self.server.cfg
        query = urllib.parse.parse_qs(url.query)
        try:
            account = self.account()
        except PermissionError as e:
            return self.send_json(401, {"details": str(e)},
                                  [("WWW-Authenticate", 'Basic realm="berth-dev token server"')])
        service = query.get("service", [cfg.service])[0]
        access = []
        for typ, name, actions in parse_scopes(query.get("scope", [])):
            access.append({"type": typ, "name": name, "actions": cfg.grant(account, typ, name, actions)})
        now = int(time.time())
        ttl = cfg.ttl()
        claims = {
            "iss": cfg.issuer,
            "sub": account or "",
            "aud": service,
            "exp": now + ttl,
            "nbf": now - 1,
            "iat": now,
            "jti": secrets.token_hex(16),
            "access": access,
        }
        token = jwt.encode(claims, cfg.key, algorithm="RS256", headers={"x5c": cfg.x5c, "typ": "JWT"})
        issued = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        log.info("token for %s: %s", account or "<anonymous>", json.dumps(access))
        self.send_json(200, {"token": token, "access_token": token, "expires_in": ttl, "issued_at": issued})

    def do_POST(self):
        # Docker Hub also has the OAuth2 POST flow (refresh tokens); clients fall back to GET on 404.
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_json(404, {"details": "POST /token (OAuth2) is not supported here; use GET"})


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--listen", default="127.0.0.1:5004")
    p.add_argument("--issuer", required=True)
    p.add_argument("--service", required=True)
    p.add_argument("--key", required=True, help="PEM RSA private key that signs the tokens")
    p.add_argument("--chain", required=True, nargs="+", help="PEM certificates for x5c, signing cert first")
    p.add_argument("--user", default="berth")
    p.add_argument("--password-file", required=True)
    p.add_argument("--private-prefix", action="append", default=None)
    p.add_argument("--ttl-file", default="")
    args = p.parse_args()
    if args.private_prefix is None:
        args.private_prefix = ["private/"]
    logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    host, port = args.listen.rsplit(":", 1)
    server = ThreadingHTTPServer((host, int(port)), Handler)
    server.daemon_threads = True
    server.cfg = Config(args)
    log.info("listening on http://%s/token (issuer %s, service %s, pid %d)", args.listen, args.issuer,
             args.service, os.getpid())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
