"""RegionTwo and the `berth-other` cloud are real: what berth's cross-region and cross-cloud tests stand on.

RegionTwo has only an image service, a second Glance that refuses the classic upload (`PUT /v2/images/{id}/file`)
by policy and takes images through the interoperable import: glance-direct (stage, then import), and copy-image
between its two file stores. `berth-other` is a member of project `other`: another tenant, standing for
"another cloud". These tests talk HTTP to Keystone and Glance directly (as berth does), on 127.0.0.1 only.

Names are unique per run, so the tests can run in parallel and again against the same persistent cloud."""
import hashlib
import http.client
import json
import os
import select
import socket
import time
import urllib.parse
import urllib.request
import uuid

import pytest

from conftest import run

IMPORT_TIMEOUT = 120  # seconds; a few MB import in about a second here
REFUSED_UPLOAD = "You are not authorized to complete upload_image action."


class Session:
    """A project-scoped Keystone token and the catalog it came with."""

    def __init__(self, env, who):
        user, project = env[f"BERTH_DEV_{who}_USER"], env[f"BERTH_DEV_{who}_PROJECT"]
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": env[f"BERTH_DEV_{who}_PASSWORD"]}}},
            "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
        url = env["BERTH_DEV_AUTH_URL"] + "/auth/tokens"
        assert url.startswith("http://127.0.0.1:"), url
        req = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            self.token = r.headers["X-Subject-Token"]
            self.info = json.load(r)["token"]
        self.project_id = self.info["project"]["id"]

    def endpoints(self, service_type):
        return [e for s in self.info["catalog"] if s["type"] == service_type for e in s["endpoints"]]

    def image_url(self, region):
        urls = {e["url"] for e in self.endpoints("image") if e["interface"] == "public" and e["region_id"] == region}
        assert len(urls) == 1, (region, self.endpoints("image"))
        return urls.pop()


class Glance:
    """One Glance API as one identity: requests with the token, answers as (status, headers, bytes)."""

    def __init__(self, url, session):
        u = urllib.parse.urlsplit(url)
        assert u.scheme == "http" and u.hostname == "127.0.0.1", url
        self.host, self.port, self.session = u.hostname, u.port, session

    def request(self, method, path, body=None, headers=None, timeout=60):
        h = {"X-Auth-Token": self.session.token, "Accept": "application/json"}
        h.update(headers or {})
        c = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            c.close()

    def json(self, method, path, body=None, expect=200):
        status, _, data = self.request(method, path, None if body is None else json.dumps(body).encode(),
                                       {"Content-Type": "application/json"})
        assert status == expect, (method, path, status, data[:500])
        return json.loads(data) if data else None

    def create(self, **extra):
        body = {"name": f"berth-test-{uuid.uuid4().hex[:12]}", "container_format": "docker", "disk_format": "raw",
                "visibility": "private"}
        body.update(extra)
        return self.json("POST", "/v2/images", body, expect=201)

    def show(self, image_id):
        return self.json("GET", f"/v2/images/{image_id}")

    def delete(self, image_id):
        self.request("DELETE", f"/v2/images/{image_id}")

    def wait(self, image_id, done, what, timeout=IMPORT_TIMEOUT):
        """Poll the image until done(image) holds; fail on a failed import or after timeout seconds."""
        deadline = time.time() + timeout
        while True:
            image = self.show(image_id)
            if done(image):
                return image
            assert not image.get("os_glance_failed_import"), image
            assert image["status"] not in ("killed", "deleted"), image
            if time.time() > deadline:
                pytest.fail(f"image {image_id}: not {what} after {timeout}s: {image}")
            time.sleep(0.3)


@pytest.fixture(scope="module")
def demo(env):
    return Session(env, "DEMO")


@pytest.fixture(scope="module")
def admin(env):
    return Session(env, "ADMIN")


@pytest.fixture(scope="module")
def other(env):
    return Session(env, "OTHER")


@pytest.fixture(scope="module")
def region2(env):
    return env["BERTH_DEV_REGION2"]


@pytest.fixture
def cleanup():
    """Images to delete after the test: append (glance, id)."""
    made = []
    yield made
    for glance, image_id in made:
        glance.delete(image_id)


def _data(size=3 * 1024 * 1024 + 17):
    """Bytes unique to this run (an odd size: no block boundary hides a truncation)."""
    seed = uuid.uuid4().bytes
    return (seed * (size // len(seed) + 1))[:size]


def _imported(image):
    """The import is over: the image is active and Glance dropped its import lock. The image turns active a moment
    (~0.2 s here) before its task ends; until then another import (copy-image) answers 409 "Image has active task"."""
    return image["status"] == "active" and "os_glance_import_task" not in image


def _stage_and_import(glance, image_id, data):
    status, _, body = glance.request("PUT", f"/v2/images/{image_id}/stage", data,
                                     {"Content-Type": "application/octet-stream"})
    assert status == 204, (status, body)
    assert glance.show(image_id)["status"] == "uploading"
    glance.json("POST", f"/v2/images/{image_id}/import", {"method": {"name": "glance-direct"}}, expect=202)
    return glance.wait(image_id, _imported, "imported")


# ------------------------------------------------------------------------------------------------ catalog

def test_region2_image_endpoints_in_catalog(env, demo, region2):
    """The token's catalog has the image service in both regions, each with its three interfaces, and nothing
    else in RegionTwo; the openstack client reaches RegionTwo's Glance by region name."""
    assert region2 == "RegionTwo"
    image = demo.endpoints("image")
    for region, url in (("RegionOne", env["BERTH_DEV_IMAGE_URL"]), (region2, env["BERTH_DEV_GLANCE2_URL"])):
        mine = [e for e in image if e["region_id"] == region]
        assert {e["interface"] for e in mine} == {"public", "internal", "admin"}, image
        assert {e["url"] for e in mine} == {url}, image
        assert all(e["region"] == region for e in mine), mine
    assert env["BERTH_DEV_GLANCE2_URL"] != env["BERTH_DEV_IMAGE_URL"]
    elsewhere = {s["type"] for s in demo.info["catalog"] for e in s["endpoints"] if e["region_id"] == region2}
    assert elsewhere == {"image"}, elsewhere

    # Through openrc-demo with OS_REGION_NAME changed: with `--os-cloud berth-demo` the client refuses any region
    # but the cloud's `region_name` (clouds.yaml would have to list `regions:`).
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    p = run(["bash", "-c", '. "$1"; export OS_REGION_NAME=$2; shift 2; exec "$@"', "openrc",
             os.path.join(env["BERTH_DEV_OPENRC_DIR"], "openrc-demo"), region2,
             env["BERTH_DEV_OPENSTACK"], "--debug", "image", "list", "-f", "json"], env=clean)
    assert isinstance(json.loads(p.stdout), list)
    assert env["BERTH_DEV_GLANCE2_URL"] + "/v2/images" in p.stderr, "the client did not ask RegionTwo's Glance"


# ------------------------------------------------------------------------------------------------ upload refused

@pytest.mark.parametrize("who", ["demo", "admin"])
def test_region2_refuses_direct_upload(demo, admin, region2, cleanup, who):
    """PUT /v2/images/{id}/file is denied by policy (`upload_image: "!"`), to admin too; the image stays queued."""
    session = {"demo": demo, "admin": admin}[who]
    glance = Glance(session.image_url(region2), session)
    image = glance.create()
    cleanup.append((glance, image["id"]))
    # A small body: http.client writes all of it before reading, and Glance closes after the 403 without reading
    # (the next test); what fits the socket buffers cannot fail on write.
    status, headers, body = glance.request("PUT", f"/v2/images/{image['id']}/file", _data(64 * 1024 + 1),
                                           {"Content-Type": "application/octet-stream"})
    assert status == 403, (status, body)
    assert headers["content-type"].startswith("application/json"), headers
    err = json.loads(body)
    assert err["code"] == "403 Forbidden" and err["title"] == "Forbidden", err
    assert err["message"].startswith(REFUSED_UPLOAD), err
    after = glance.show(image["id"])
    assert after["status"] == "queued" and after["size"] is None, after


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_region2_refuses_upload_before_reading_the_body(demo, region2, cleanup, framing):
    """The 403 comes before Glance reads the body: announce 1 GiB, send a trickle, and the answer is there at once
    (gunicorn then closes the connection: a client that goes on writing gets EPIPE/ECONNRESET)."""
    glance = Glance(demo.image_url(region2), demo)
    image = glance.create()
    cleanup.append((glance, image["id"]))
    head = (f"PUT /v2/images/{image['id']}/file HTTP/1.1\r\nHost: {glance.host}:{glance.port}\r\n"
            f"X-Auth-Token: {demo.token}\r\nContent-Type: application/octet-stream\r\nAccept: application/json\r\n")
    head += "Content-Length: 1073741824\r\n" if framing == "content-length" else "Transfer-Encoding: chunked\r\n"
    chunk = b"\0" * 1024
    piece = chunk if framing == "content-length" else b"400\r\n" + chunk + b"\r\n"
    sent, answer, t0 = 0, b"", time.monotonic()
    with socket.create_connection((glance.host, glance.port), timeout=30) as s:
        s.sendall((head + "\r\n").encode())
        # 1 KiB per 0.2 s: 5 KiB/s, so a server that waited for the body would answer in 2.5 days.
        while b"\r\n\r\n" not in answer and time.monotonic() - t0 < 30:
            if select.select([s], [], [], 0.2)[0]:
                more = s.recv(65536)
                if not more:
                    break
                answer += more
            else:
                s.sendall(piece)
                sent += len(chunk)
        took = time.monotonic() - t0
    assert answer.startswith(b"HTTP/1.1 403 "), answer[:300]
    assert took < 10, f"the 403 came after {took:.1f}s"
    assert sent <= 64 * 1024, f"{sent} body bytes went before the answer"
    assert b"connection: close" in answer.lower(), answer[:300]
    assert glance.show(image["id"])["status"] == "queued"


# ------------------------------------------------------------------------------------------------ import

def test_region2_offers_glance_direct_and_copy_image(demo, region2):
    glance = Glance(demo.image_url(region2), demo)
    methods = glance.json("GET", "/v2/info/import")["import-methods"]["value"]
    assert sorted(methods) == ["copy-image", "glance-direct"], methods
    # RegionOne's Glance is as it was: its defaults, web-download included.
    one = Glance(demo.image_url("RegionOne"), demo).json("GET", "/v2/info/import")["import-methods"]["value"]
    assert "glance-direct" in one and "web-download" in one, one


def test_region2_glance_direct_import(env, demo, region2, cleanup):
    """Stage, then import with glance-direct: the image ends active, in the default store, bytes intact."""
    glance = Glance(demo.image_url(region2), demo)
    data = _data()
    image = glance.create()
    cleanup.append((glance, image["id"]))
    done = _stage_and_import(glance, image["id"], data)
    assert done["size"] == len(data)
    assert done["checksum"] == hashlib.md5(data).hexdigest()
    assert done["os_hash_algo"] == "sha512"
    assert done["os_hash_value"] == hashlib.sha512(data).hexdigest()
    assert done["container_format"] == "docker" and done["disk_format"] == "raw"
    assert done["stores"] == env["BERTH_DEV_GLANCE2_STORES"].split(",")[0], done
    status, _, body = glance.request("GET", f"/v2/images/{image['id']}/file")
    assert status == 200 and body == data
    tasks = glance.json("GET", f"/v2/images/{image['id']}/tasks")["tasks"]
    assert [(t["type"], t["status"]) for t in tasks] == [("api_image_import", "success")], tasks


def test_region2_copy_image_to_the_second_store(env, demo, admin, region2, cleanup):
    """Two stores; copy-image puts an active image into the second one. It is admin's (Glance's default
    `copy_image` policy): the owner, a member, is refused."""
    default, second = env["BERTH_DEV_GLANCE2_STORES"].split(",")
    glance = Glance(demo.image_url(region2), demo)
    stores = glance.json("GET", "/v2/info/stores")["stores"]
    assert [s["id"] for s in stores] == [default, second], stores
    assert [s["id"] for s in stores if s.get("default") in (True, "true")] == [default], stores

    data = _data(1024 * 1024 + 3)
    image = glance.create()
    cleanup.append((glance, image["id"]))
    _stage_and_import(glance, image["id"], data)
    copy = {"method": {"name": "copy-image"}, "stores": [second]}
    status, _, body = glance.request("POST", f"/v2/images/{image['id']}/import", json.dumps(copy).encode(),
                                     {"Content-Type": "application/json"})
    assert status == 403, (status, body)
    assert "copy_image" in json.loads(body)["message"], body

    as_admin = Glance(admin.image_url(region2), admin)
    as_admin.json("POST", f"/v2/images/{image['id']}/import", copy, expect=202)
    done = as_admin.wait(image["id"], lambda i: _imported(i) and i["stores"].split(",") == [default, second],
                         f"in stores {default} and {second}")
    assert done["status"] == "active" and done["checksum"] == hashlib.md5(data).hexdigest(), done
    # Asking again for a store that has it is refused, not a second copy.
    status, _, body = as_admin.request("POST", f"/v2/images/{image['id']}/import", json.dumps(copy).encode(),
                                       {"Content-Type": "application/json"})
    assert status == 400, (status, body)
    assert f"Image is already present at store '{second}'" in json.loads(body)["message"], body


# ------------------------------------------------------------------------------------------------ other cloud

def test_other_cloud_sees_none_of_demos_private_images(env, demo, other, region2, cleanup):
    """berth-other authenticates (a member of `other`) and sees none of demo's private images, in either region."""
    assert other.project_id != demo.project_id
    roles = {r["name"] for r in other.info["roles"]}
    assert "member" in roles and "admin" not in roles, roles  # member implies reader
    assert other.info["project"]["name"] == env["BERTH_DEV_OTHER_PROJECT"]
    mine = []
    one = Glance(demo.image_url("RegionOne"), demo)
    image = one.create()
    cleanup.append((one, image["id"]))
    status, _, body = one.request("PUT", f"/v2/images/{image['id']}/file", b"demo's own\n",
                                  {"Content-Type": "application/octet-stream"})
    assert status == 204, (status, body)
    mine.append(("RegionOne", image["id"]))
    two = Glance(demo.image_url(region2), demo)
    image = two.create()
    cleanup.append((two, image["id"]))
    mine.append((region2, image["id"]))

    for region, image_id in mine:
        glance = Glance(other.image_url(region), other)
        listed = glance.json("GET", "/v2/images?limit=1000")["images"]
        assert not [i for i in listed if i["owner"] == demo.project_id], (region, listed)
        assert image_id not in {i["id"] for i in listed}
        status, _, _ = glance.request("GET", f"/v2/images/{image_id}")
        assert status == 404, (region, status)
        # and demo does see it: the negative above is not an empty cloud's
        assert Glance(demo.image_url(region), demo).show(image_id)["owner"] == demo.project_id
