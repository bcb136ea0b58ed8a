"""The dev cloud is a real OpenStack: tokens for the three identities, a docker-format Glance image, a server
booted by Nova's fake driver, the catalog and (per BERTH_DEV_HEAT) Heat. Everything goes through
python-openstackclient, once via clouds.yaml (`--os-cloud`) and once via the openrc files.

Names are unique per run, so the tests can run in parallel and again against the same persistent cloud."""
import hashlib
import io
import json
import os
import subprocess
import tarfile
import time
import urllib.error
import urllib.request
import uuid

import pytest

from conftest import run

CLOUDS = {  # cloud -> (openrc file, project the token must be scoped to)
    "berth-admin": ("openrc-admin", "admin"),
    "berth-demo": ("openrc-demo", "demo"),
    "berth-appcred": ("openrc-appcred", "demo"),
}
REQUIRED_SERVICES = {"identity", "image", "compute", "placement", "network"}


def _clean_environ():
    """The test process's environment without any OS_* variable (they would leak into the client)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("OS_")}


def _openrc_environ(path):
    """The environment an openrc file produces, computed by bash itself."""
    p = run(["bash", "-c", 'set -e; . "$1"; env -0', "openrc", path], env=_clean_environ())
    env = dict(item.split("=", 1) for item in p.stdout.split("\0") if "=" in item)
    assert any(k.startswith("OS_") for k in env), f"{path} sets no OS_* variable"
    return env


class Cli:
    """python-openstackclient as one identity (a cloud of clouds.yaml, or an openrc file)."""

    def __init__(self, env, cloud, via="clouds.yaml"):
        self.binary = env["BERTH_DEV_OPENSTACK"]
        if via == "clouds.yaml":
            self.environ = _clean_environ()
            self.environ["OS_CLIENT_CONFIG_FILE"] = env["BERTH_DEV_CLOUDS_YAML"]
            self.environ["OS_CLIENT_SECURE_FILE"] = env["BERTH_DEV_SECURE_YAML"]
            self.prefix = [self.binary, "--os-cloud", cloud]
        else:
            self.environ = _openrc_environ(os.path.join(env["BERTH_DEV_OPENRC_DIR"], CLOUDS[cloud][0]))
            self.prefix = [self.binary]

    def __call__(self, *args, check=True, timeout=300):
        return run(self.prefix + list(args), check=check, env=self.environ, timeout=timeout)

    def json(self, *args, timeout=300):
        return json.loads(self(*args, "-f", "json", timeout=timeout).stdout)


@pytest.fixture(scope="session")
def admin(env):
    return Cli(env, "berth-admin")


@pytest.fixture(scope="session")
def demo(env):
    return Cli(env, "berth-demo")


@pytest.fixture(scope="session")
def project_ids(admin):
    return {p["Name"]: p["ID"] for p in admin.json("project", "list")}


def _small_tar(tag):
    """A small tar archive (in memory) whose content is unique to this run."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in (("manifest.json", json.dumps([{"RepoTags": [f"{tag}:latest"]}]).encode()),
                           ("hello.txt", f"hello from {tag}\n".encode() * 100)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.fixture
def docker_image(demo, tmp_path):
    """A docker-format Glance image of demo (created, yield its `image show`, deleted)."""
    name = f"berth-test-{uuid.uuid4().hex[:12]}"
    data = _small_tar(name)
    path = tmp_path / "image.tar"
    path.write_bytes(data)
    created = demo.json("image", "create", name, "--container-format", "docker", "--disk-format", "raw",
                        "--private", "--file", str(path))
    try:
        yield {"name": name, "data": data, "id": created["id"], "created": created}
    finally:
        demo("image", "delete", created["id"], check=False)


# ------------------------------------------------------------------------------------------------ identity

@pytest.mark.parametrize("via", ["clouds.yaml", "openrc"])
@pytest.mark.parametrize("cloud", sorted(CLOUDS))
def test_token_is_issued(env, project_ids, cloud, via):
    token = Cli(env, cloud, via).json("token", "issue")
    assert set(token) >= {"id", "expires", "project_id", "user_id"}
    assert token["id"].startswith("gAAAA"), "keystone issues fernet tokens"
    assert len(token["id"]) > 100
    assert token["project_id"] == project_ids[CLOUDS[cloud][1]]


def test_appcred_belongs_to_demo(env, demo, admin, project_ids):
    token = Cli(env, "berth-appcred").json("token", "issue")
    demo_user = admin.json("user", "show", env["BERTH_DEV_DEMO_USER"])
    assert token["user_id"] == demo_user["id"]
    cred = demo.json("application", "credential", "show", env["BERTH_DEV_APPCRED_ID"])
    assert cred["Name"] == env["BERTH_DEV_APPCRED_NAME"]
    assert cred["Project ID"] == project_ids[env["BERTH_DEV_DEMO_PROJECT"]]
    assert "admin" not in {r["name"] for r in cred["Roles"]}
    assert env["BERTH_DEV_AUTH_URL"].endswith("/v3")


def test_demo_is_not_admin(env, demo, admin, project_ids):
    roles = admin.json("role", "assignment", "list", "--user", env["BERTH_DEV_DEMO_USER"], "--names")
    assert {r["Role"] for r in roles} == {"member"}
    assert all(r["Project"].startswith(env["BERTH_DEV_DEMO_PROJECT"] + "@") for r in roles)
    p = demo("user", "list", check=False)
    assert p.returncode != 0, "a member must not list users"


# ------------------------------------------------------------------------------------------------ catalog

def test_catalog(env, demo):
    catalog = demo.json("catalog", "list")
    types = {entry["Type"] for entry in catalog}
    assert REQUIRED_SERVICES <= types, f"missing from the catalog: {REQUIRED_SERVICES - types}"
    for entry in catalog:
        interfaces = {e["interface"] for e in entry["Endpoints"]}
        assert interfaces == {"public", "internal", "admin"}, entry
        for e in entry["Endpoints"]:
            assert e["url"].startswith("http://127.0.0.1:"), e
            assert e["region_id"] == "RegionOne", e
    if env["BERTH_DEV_HEAT"] == "1":
        assert "orchestration" in types
        resource_types = {r["Resource Type"] for r in demo.json("orchestration", "resource", "type", "list")}
        assert "OS::Nova::Server" in resource_types
        assert "OS::Heat::None" in resource_types
    else:
        assert env["BERTH_DEV_HEAT"] == "0"
        assert "orchestration" not in types
        assert "cloudformation" not in types


def test_heat(env, demo, docker_image, tmp_path):
    """With Heat a stack with a server completes; without it there is no orchestration endpoint to talk to."""
    if env["BERTH_DEV_HEAT"] != "1":
        p = demo("stack", "list", check=False)
        assert p.returncode != 0 and "orchestration" in (p.stderr + p.stdout).lower(), p
        return
    template = tmp_path / "stack.yaml"
    template.write_text(f"""heat_template_version: 2021-04-16
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: {docker_image["id"]}
      flavor: m1.tiny
      networks: [{{allocate_network: none}}]
outputs:
  id:
    value: {{get_resource: server}}
""")
    name = f"berth-test-{uuid.uuid4().hex[:12]}"
    demo("stack", "create", "-t", str(template), "--wait", name)
    try:
        stack = demo.json("stack", "show", name)
        assert stack["stack_status"] == "CREATE_COMPLETE", stack
        server_id = next(o["output_value"] for o in stack["outputs"] if o["output_key"] == "id")
        assert demo.json("server", "show", server_id)["status"] == "ACTIVE"
    finally:
        demo("stack", "delete", "--yes", "--wait", name)
    assert name not in {s["Stack Name"] for s in demo.json("stack", "list")}
    _wait_gone(demo, server_id)


def test_network_standin(demo):
    endpoint = next(e["url"] for entry in demo.json("catalog", "list") if entry["Type"] == "network"
                    for e in entry["Endpoints"] if e["interface"] == "public")
    with urllib.request.urlopen(endpoint + "/v2.0/security-groups?device_id=x", timeout=10) as r:
        assert json.load(r) == {"security_groups": []}
    with urllib.request.urlopen(endpoint + "/v2.0/ports.json", timeout=10) as r:
        assert json.load(r) == {"ports": []}
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(endpoint + f"/v2.0/networks/{uuid.uuid4()}", timeout=10)
    assert e.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(urllib.request.Request(endpoint + "/v2.0/ports", data=b"{}", method="POST"),
                               timeout=10)
    assert e.value.code == 501


# ------------------------------------------------------------------------------------------------ compute setup

def test_flavors_and_quotas(env, admin, demo, project_ids):
    flavors = {f["Name"]: f for f in demo.json("flavor", "list")}
    assert {"m1.tiny", "m1.small", "m1.large", "x1.huge"} <= set(flavors)
    tiny = flavors["m1.tiny"]
    assert (tiny["VCPUs"], tiny["RAM"], tiny["Disk"]) == (1, 512, 1)
    assert flavors["x1.huge"]["RAM"] >= 1024 * 1024
    for project in ("admin", env["BERTH_DEV_DEMO_PROJECT"]):
        quota = admin.json("quota", "show", "--compute", project_ids[project])
        q = {row["Resource"]: row["Limit"] for row in quota} if isinstance(quota, list) else quota
        assert q["instances"] >= 50, q
        assert q["cores"] >= 8192 and q["ram"] >= 1024 * 1024, q


def test_compute_host_is_fake(admin):
    hypervisors = admin.json("hypervisor", "list", "--long")
    assert len(hypervisors) == 1
    assert hypervisors[0]["Hypervisor Type"] == "fake"
    assert hypervisors[0]["State"] == "up"
    services = admin.json("compute", "service", "list")
    assert {s["Binary"] for s in services} >= {"nova-conductor", "nova-scheduler", "nova-compute"}
    assert all(s["State"] == "up" and s["Status"] == "enabled" for s in services), services


# ------------------------------------------------------------------------------------------------ image

def test_docker_image_roundtrip(demo, docker_image, tmp_path):
    data = docker_image["data"]
    image = demo.json("image", "show", docker_image["id"])
    assert image["name"] == docker_image["name"]
    assert image["status"] == "active"
    assert image["container_format"] == "docker"
    assert image["disk_format"] == "raw"
    assert image["visibility"] == "private"
    assert image["size"] == len(data)
    assert image["checksum"] == hashlib.md5(data).hexdigest()
    props = image["properties"]
    assert props["os_hash_algo"] == "sha512"
    assert props["os_hash_value"] == hashlib.sha512(data).hexdigest()
    out = tmp_path / "saved.tar"
    demo("image", "save", "--file", str(out), docker_image["id"])
    assert out.read_bytes() == data

    demo("image", "delete", docker_image["id"])
    gone = demo("image", "show", docker_image["id"], check=False)
    assert gone.returncode != 0
    assert _not_found(gone.stderr), gone.stderr


# ------------------------------------------------------------------------------------------------ servers

def _not_found(stderr):
    s = stderr.lower()
    return any(m in s for m in ("no server found", "no image found", "no server with a name or id", "404"))


def _wait_gone(cli, server_id, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        p = cli("server", "show", server_id, check=False)
        if p.returncode != 0:
            assert _not_found(p.stderr), p.stderr
            return
        time.sleep(1)
    pytest.fail(f"server {server_id} still exists after {timeout}s")


@pytest.mark.parametrize("via", ["clouds.yaml", "openrc"])
def test_server_boots_and_is_deleted(env, admin, docker_image, via):
    cli = Cli(env, "berth-demo", via)
    name = f"berth-test-{uuid.uuid4().hex[:12]}"
    server = cli.json("server", "create", "--flavor", "m1.tiny", "--image", docker_image["id"], "--nic", "none",
                      "--wait", name)
    try:
        assert server["name"] == name
        assert server["status"] == "ACTIVE"
        shown = cli.json("server", "show", server["id"])
        assert shown["status"] == "ACTIVE"
        assert shown["addresses"] in ({}, "", None)
        assert docker_image["id"] in json.dumps(shown["image"])
        detail = admin.json("server", "show", server["id"])
        assert detail["OS-EXT-SRV-ATTR:host"] == "berth-dev"
        assert detail["OS-EXT-STS:vm_state"] == "active"
        assert name in {s["Name"] for s in cli.json("server", "list", "--name", name)}
    finally:
        cli("server", "delete", "--wait", server["id"])
    _wait_gone(cli, server["id"])


def test_huge_flavor_fits_no_host(demo, docker_image):
    name = f"berth-test-huge-{uuid.uuid4().hex[:12]}"
    p = demo("server", "create", "--flavor", "x1.huge", "--image", docker_image["id"], "--nic", "none",
             "--wait", name, check=False)
    try:
        assert p.returncode != 0, "x1.huge must not fit the fake host"
        server = demo.json("server", "show", name)
        assert server["status"] == "ERROR"
        assert "No valid host" in json.dumps(server.get("fault")), server.get("fault")
    finally:
        demo("server", "delete", "--wait", name, check=False)
    _wait_gone(demo, name)
