"""The dev registries serve the seeded images with the authentication each one stands for.

anon (plain HTTP, no auth), basic (htpasswd), token (Docker-Hub-style Bearer tokens), tls (HTTPS, own CA).
Everything is checked against $BERTH_DEV_SEED (seed.json, written when the images were pushed)."""
import base64
import datetime
import hashlib
import json
import re
import uuid

import jwt
import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding

DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
ACCEPT = ", ".join([DOCKER_MANIFEST, DOCKER_LIST, OCI_MANIFEST, OCI_INDEX])
VARIANTS = ["anon", "basic", "token", "tls"]
SEED_REFS = ["library/busybox:1.35", "library/busybox:1.36", "library/busybox:latest", "library/busybox:oci",
             "library/busybox:multi", "library/busybox:multi-oci", "private/secret:1.0"]
TIMEOUT = 30


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def challenge(resp):
    """The parameters of a `WWW-Authenticate: Bearer k="v",...` header."""
    header = resp.headers.get("WWW-Authenticate", "")
    assert header.startswith("Bearer "), f"expected a Bearer challenge, got {header!r}"
    return dict(re.findall(r'(\w+)="([^"]*)"', header))


class Registry:
    """A tiny registry client for one variant: base URL, TLS verification and the right credentials."""

    def __init__(self, env, variant, credentials=True):
        self.env, self.variant = env, variant
        host = env[{"anon": "BERTH_DEV_REGISTRY_ANON", "basic": "BERTH_DEV_REGISTRY_BASIC",
                    "token": "BERTH_DEV_REGISTRY_TOKEN", "tls": "BERTH_DEV_REGISTRY_TLS"}[variant]]
        self.base = ("https://" if variant == "tls" else "http://") + host
        self.verify = env["BERTH_DEV_REGISTRY_CA"] if variant == "tls" else True
        self.auth = None
        if credentials and variant == "basic":
            self.auth = (env["BERTH_DEV_REGISTRY_BASIC_USER"], env["BERTH_DEV_REGISTRY_BASIC_PASSWORD"])
        self.token_auth = None
        if credentials and variant == "token":
            self.token_auth = (env["BERTH_DEV_REGISTRY_TOKEN_USER"], env["BERTH_DEV_REGISTRY_TOKEN_PASSWORD"])
        self.session = requests.Session()

    def get(self, path, headers=None, **kw):
        headers = dict(headers or {})
        r = self.session.get(self.base + path, headers=headers, auth=self.auth, verify=self.verify,
                             timeout=TIMEOUT, **kw)
        if r.status_code == 401 and self.variant == "token":
            token = fetch_token(self.env, challenge(r), self.token_auth)
            headers["Authorization"] = "Bearer " + token
            r = self.session.get(self.base + path, headers=headers, verify=self.verify, timeout=TIMEOUT, **kw)
        return r

    def manifest(self, repo, ref):
        return self.get(f"/v2/{repo}/manifests/{ref}", headers={"Accept": ACCEPT})

    def blob(self, repo, digest):
        return self.get(f"/v2/{repo}/blobs/{digest}")


def fetch_token(env, params, credentials=None):
    assert params["realm"] == env["BERTH_DEV_TOKEN_REALM"]
    assert params["service"] == env["BERTH_DEV_TOKEN_SERVICE"]
    query = {"service": params["service"]}
    if "scope" in params:
        query["scope"] = params["scope"]
    r = requests.get(params["realm"], params=query, auth=credentials, timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    return r.json()["token"]


def token_request(env, scopes, credentials=None):
    return requests.get(env["BERTH_DEV_TOKEN_REALM"], auth=credentials, timeout=TIMEOUT,
                        params=[("service", env["BERTH_DEV_TOKEN_SERVICE"])] + [("scope", s) for s in scopes])


def token_credentials(env):
    return env["BERTH_DEV_REGISTRY_TOKEN_USER"], env["BERTH_DEV_REGISTRY_TOKEN_PASSWORD"]


def claims(token):
    return jwt.decode(token, options={"verify_signature": False})


@pytest.fixture(scope="session")
def seed(env):
    with open(env["BERTH_DEV_SEED"]) as f:
        doc = json.load(f)
    assert set(SEED_REFS) <= set(doc["images"]), "seed.json lacks some seeded tags"
    return doc["images"]


def check_manifest(reg, repo, ref, want):
    r = reg.manifest(repo, ref)
    assert r.status_code == 200, f"{reg.variant} {repo}:{ref}: {r.status_code} {r.text[:300]}"
    assert r.headers["Docker-Content-Digest"] == want["digest"]
    assert sha256(r.content) == want["digest"]
    assert r.headers["Content-Type"] == want["media_type"]
    body = r.json()
    assert body["mediaType"] == want["media_type"]
    return body


def check_blob(reg, repo, desc):
    r = reg.blob(repo, desc["digest"])
    assert r.status_code == 200, f"{reg.variant} blob {desc['digest']}: {r.status_code}"
    assert sha256(r.content) == desc["digest"]
    assert len(r.content) == desc["size"]
    return r.content


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("ref", SEED_REFS)
def test_serves_seeded_manifest_and_blobs(env, seed, variant, ref):
    want = seed[ref]
    repo, tag = ref.rsplit(":", 1)
    reg = Registry(env, variant)
    body = check_manifest(reg, repo, tag, want)
    singles = want["manifests"] if "manifests" in want else [want]
    for single in singles:
        if single is not want:  # a child of a list/index, by digest
            check_manifest(reg, repo, single["digest"], single)
        config = json.loads(check_blob(reg, repo, single["config"]))
        assert config["rootfs"]["diff_ids"] == single["diff_ids"]
        assert config["architecture"] == single["platform"]["architecture"]
        assert config["config"]["Cmd"] == single["cmd"]
        for layer in single["layers"]:
            check_blob(reg, repo, layer)
    if "layers" in body:
        assert [l["digest"] for l in body["layers"]] == [l["digest"] for l in want["layers"]]


def test_seed_tags_are_distinct(seed):
    digests = {ref: seed[ref]["digest"] for ref in SEED_REFS}
    assert len(set(digests.values())) == len(digests), digests
    assert len(seed["library/busybox:1.36"]["layers"]) == len(seed["library/busybox:1.35"]["layers"]) + 1
    assert seed["library/busybox:1.36"]["layers"][0] == seed["library/busybox:1.35"]["layers"][0]
    assert seed["library/busybox:oci"]["config"]["digest"] == seed["library/busybox:1.36"]["config"]["digest"]
    for ref in ["library/busybox:1.35", "library/busybox:1.36", "library/busybox:latest", "private/secret:1.0"]:
        assert seed[ref]["media_type"] == DOCKER_MANIFEST
        assert seed[ref]["platforms"] == ["linux/amd64"]
    assert seed["library/busybox:oci"]["media_type"] == OCI_MANIFEST


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("tag,list_type,child_type", [("multi", DOCKER_LIST, DOCKER_MANIFEST),
                                                       ("multi-oci", OCI_INDEX, OCI_MANIFEST)])
def test_multi_arch(env, seed, variant, tag, list_type, child_type):
    reg = Registry(env, variant)
    want = seed[f"library/busybox:{tag}"]
    body = check_manifest(reg, "library/busybox", tag, want)
    assert body["mediaType"] == list_type
    archs = {}
    for m in body["manifests"]:
        assert m["mediaType"] == child_type
        assert m["platform"]["os"] == "linux"
        archs[m["platform"]["architecture"]] = m
    assert set(archs) == {"amd64", "arm64"}
    assert archs["arm64"]["platform"].get("variant") == "v8"
    for arch, m in archs.items():
        child = reg.manifest("library/busybox", m["digest"])
        assert child.status_code == 200
        assert child.headers["Content-Type"] == child_type
        assert sha256(child.content) == m["digest"]
        config = json.loads(reg.blob("library/busybox", child.json()["config"]["digest"]).content)
        assert config["architecture"] == arch
    # the amd64 image of the list is the 1.36 image
    assert seed["library/busybox:1.36"]["config"]["digest"] in {
        c["config"]["digest"] for c in want["manifests"]}


@pytest.mark.parametrize("variant", VARIANTS)
def test_tags_list(env, variant):
    r = Registry(env, variant).get("/v2/library/busybox/tags/list")
    assert r.status_code == 200
    assert {"1.35", "1.36", "latest", "oci", "multi", "multi-oci"} <= set(r.json()["tags"])


def test_blob_range(env, seed):
    reg = Registry(env, "anon")
    layer = seed["library/busybox:1.35"]["layers"][0]
    r = reg.get(f"/v2/library/busybox/blobs/{layer['digest']}", headers={"Range": "bytes=10-19"})
    assert r.status_code == 206
    assert len(r.content) == 10


def test_anon_needs_no_credentials(env, seed):
    r = requests.get(f"http://{env['BERTH_DEV_REGISTRY_ANON']}/v2/library/busybox/manifests/1.36",
                     headers={"Accept": ACCEPT}, timeout=TIMEOUT)
    assert r.status_code == 200
    assert r.headers["Docker-Content-Digest"] == seed["library/busybox:1.36"]["digest"]


@pytest.mark.parametrize("path", ["/v2/", "/v2/library/busybox/manifests/1.36", "/v2/private/secret/tags/list"])
def test_basic_requires_credentials(env, path):
    url = f"http://{env['BERTH_DEV_REGISTRY_BASIC']}{path}"
    r = requests.get(url, headers={"Accept": ACCEPT}, timeout=TIMEOUT)
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"].startswith("Basic realm=")
    r = requests.get(url, headers={"Accept": ACCEPT}, timeout=TIMEOUT,
                     auth=(env["BERTH_DEV_REGISTRY_BASIC_USER"], "not-the-password"))
    assert r.status_code == 401
    r = requests.get(url, headers={"Accept": ACCEPT}, timeout=TIMEOUT,
                     auth=(env["BERTH_DEV_REGISTRY_BASIC_USER"], env["BERTH_DEV_REGISTRY_BASIC_PASSWORD"]))
    assert r.status_code == 200


def test_token_registry_challenges(env):
    base = f"http://{env['BERTH_DEV_REGISTRY_TOKEN']}"
    r = requests.get(base + "/v2/library/busybox/manifests/1.36", headers={"Accept": ACCEPT}, timeout=TIMEOUT)
    assert r.status_code == 401
    params = challenge(r)
    assert params == {"realm": env["BERTH_DEV_TOKEN_REALM"], "service": env["BERTH_DEV_TOKEN_SERVICE"],
                      "scope": "repository:library/busybox:pull"}
    assert r.json()["errors"][0]["code"] == "UNAUTHORIZED"
    r = requests.get(base + "/v2/", timeout=TIMEOUT)
    assert r.status_code == 401
    assert "scope" not in challenge(r)


def test_token_response_like_docker_hub(env):
    r = token_request(env, ["repository:library/busybox:pull"])
    assert r.status_code == 200
    body = r.json()
    assert body["token"] == body["access_token"]
    assert body["expires_in"] == int(env["BERTH_DEV_TOKEN_TTL"])
    issued = datetime.datetime.strptime(body["issued_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)
    assert abs((datetime.datetime.now(datetime.timezone.utc) - issued).total_seconds()) < 120
    c = claims(body["token"])
    assert c["iss"] == env["BERTH_DEV_TOKEN_ISSUER"]
    assert c["aud"] == env["BERTH_DEV_TOKEN_SERVICE"]  # a string: distribution 2.8 rejects a list
    assert c["exp"] - c["iat"] == body["expires_in"]
    assert c["access"] == [{"type": "repository", "name": "library/busybox", "actions": ["pull"]}]


def test_token_signature_chains_to_the_ca(env):
    token = token_request(env, ["repository:library/busybox:pull"]).json()["token"]
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256"
    chain = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in header["x5c"]]
    with open(env["BERTH_DEV_REGISTRY_CA"], "rb") as f:
        ca = x509.load_pem_x509_certificate(f.read())
    ca.public_key().verify(chain[0].signature, chain[0].tbs_certificate_bytes, padding.PKCS1v15(),
                           chain[0].signature_hash_algorithm)
    decoded = jwt.decode(token, chain[0].public_key(), algorithms=["RS256"],
                         audience=env["BERTH_DEV_TOKEN_SERVICE"], issuer=env["BERTH_DEV_TOKEN_ISSUER"])
    assert decoded["access"][0]["name"] == "library/busybox"


def test_token_grants_only_what_is_allowed(env):
    anon = claims(token_request(env, ["repository:library/busybox:pull,push",
                                      "repository:private/secret:pull"]).json()["token"])
    assert anon["access"] == [{"type": "repository", "name": "library/busybox", "actions": ["pull"]},
                              {"type": "repository", "name": "private/secret", "actions": []}]
    user = claims(token_request(env, ["repository:library/busybox:pull,push", "repository:private/secret:pull"],
                                token_credentials(env)).json()["token"])
    assert user["sub"] == env["BERTH_DEV_REGISTRY_TOKEN_USER"]
    assert user["access"] == [{"type": "repository", "name": "library/busybox", "actions": ["pull", "push"]},
                              {"type": "repository", "name": "private/secret", "actions": ["pull"]}]


def test_token_server_rejects_wrong_password(env):
    r = token_request(env, ["repository:library/busybox:pull"], (env["BERTH_DEV_REGISTRY_TOKEN_USER"], "wrong"))
    assert r.status_code == 401
    assert "token" not in r.json()


def test_token_anonymous_pull_public(env, seed):
    reg = Registry(env, "token", credentials=False)
    r = reg.manifest("library/busybox", "1.36")
    assert r.status_code == 200
    assert r.headers["Docker-Content-Digest"] == seed["library/busybox:1.36"]["digest"]


def test_token_private_repository(env, seed):
    base = f"http://{env['BERTH_DEV_REGISTRY_TOKEN']}"
    url = base + "/v2/private/secret/manifests/1.0"
    r = requests.get(url, headers={"Accept": ACCEPT}, timeout=TIMEOUT)
    assert r.status_code == 401
    params = challenge(r)
    anon_token = fetch_token(env, params)
    r = requests.get(url, headers={"Accept": ACCEPT, "Authorization": "Bearer " + anon_token}, timeout=TIMEOUT)
    assert r.status_code == 401
    assert challenge(r).get("error") == "insufficient_scope"
    user_token = fetch_token(env, params, token_credentials(env))
    r = requests.get(url, headers={"Accept": ACCEPT, "Authorization": "Bearer " + user_token}, timeout=TIMEOUT)
    assert r.status_code == 200
    assert r.headers["Docker-Content-Digest"] == seed["private/secret:1.0"]["digest"]


def test_token_push_requires_credentials(env):
    base = f"http://{env['BERTH_DEV_REGISTRY_TOKEN']}"
    data = f"berth env test {uuid.uuid4()}\n".encode()
    repo = f"berth-envtest/push-{uuid.uuid4().hex[:12]}"
    url = f"{base}/v2/{repo}/blobs/uploads/"
    scope = f"repository:{repo}:pull,push"
    anon = token_request(env, [scope]).json()["token"]
    r = requests.post(url, headers={"Authorization": "Bearer " + anon}, timeout=TIMEOUT)
    assert r.status_code == 401
    assert challenge(r).get("error") == "insufficient_scope"
    user = {"Authorization": "Bearer " + token_request(env, [scope], token_credentials(env)).json()["token"]}
    r = requests.post(url, headers=user, timeout=TIMEOUT)
    assert r.status_code == 202, r.text
    location = requests.compat.urljoin(base, r.headers["Location"])
    sep = "&" if "?" in location else "?"
    r = requests.put(f"{location}{sep}digest={sha256(data)}", data=data, timeout=TIMEOUT,
                     headers=dict(user, **{"Content-Type": "application/octet-stream"}))
    assert r.status_code == 201, r.text
    assert r.headers["Docker-Content-Digest"] == sha256(data)
    r = requests.get(f"{base}/v2/{repo}/blobs/{sha256(data)}", headers=user, timeout=TIMEOUT)
    assert r.status_code == 200 and r.content == data


def test_tls_needs_the_generated_ca(env):
    url = f"https://{env['BERTH_DEV_REGISTRY_TLS']}/v2/"
    assert requests.get(url, verify=env["BERTH_DEV_REGISTRY_CA"], timeout=TIMEOUT).status_code == 200
    host_url = f"https://{env['BERTH_DEV_REGISTRY_TLS_HOST']}/v2/"  # localhost: DNS SAN
    assert requests.get(host_url, verify=env["BERTH_DEV_REGISTRY_CA"], timeout=TIMEOUT).status_code == 200
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(url, timeout=TIMEOUT)  # the system's CAs do not know ours
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(url, verify=True, timeout=TIMEOUT)
