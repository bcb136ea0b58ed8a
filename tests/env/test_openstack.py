"""The dev cloud is a real OpenStack: tokens for the three identities, a docker-format Glance image, a server
booted by Nova's fake driver without a network, the catalog and (per BERTH_DEV_HEAT) Heat; Neutron and servers on
a network are in test_neutron.py. Everything goes through python-openstackclient, once via clouds.yaml
(`--os-cloud`) and once via the openrc files.

Names are unique per run, so the tests can run in parallel and again against the same persistent cloud."""
import hashlib
import json
import uuid

import pytest

from conftest import CLOUDS, Cli, not_found, wait_gone

REQUIRED_SERVICES = {"identity", "image", "compute", "placement", "network"}


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
    # python-openstackclient 10 titles the keys ("Name"), 6.6 (2024.1's) does not
    assert cred.get("Name", cred.get("name")) == env["BERTH_DEV_APPCRED_NAME"]
    assert cred["Project ID"] == project_ids[env["BERTH_DEV_DEMO_PROJECT"]]
    assert "admin" not in {r["name"] for r in cred["Roles"]}
    assert env["BERTH_DEV_AUTH_URL"].endswith("/v3")


@pytest.mark.parametrize("who", ["DEMO", "OTHER"])
def test_member_is_not_admin(env, admin, who):
    roles = admin.json("role", "assignment", "list", "--user", env[f"BERTH_DEV_{who}_USER"], "--names")
    assert {r["Role"] for r in roles} == {"member"}
    assert all(r["Project"].startswith(env[f"BERTH_DEV_{who}_PROJECT"] + "@") for r in roles)
    p = Cli(env, f"berth-{who.lower()}")("user", "list", check=False)
    assert p.returncode != 0, "a member must not list users"


# ------------------------------------------------------------------------------------------------ catalog

def test_catalog(env, demo):
    catalog = demo.json("catalog", "list")
    types = {entry["Type"] for entry in catalog}
    assert REQUIRED_SERVICES <= types, f"missing from the catalog: {REQUIRED_SERVICES - types}"
    for entry in catalog:
        # Every service is in RegionOne; the image service is in RegionTwo too (an image-only region).
        regions = {"RegionOne", env["BERTH_DEV_REGION2"]} if entry["Type"] == "image" else {"RegionOne"}
        for region in regions:
            interfaces = {e["interface"] for e in entry["Endpoints"] if e["region_id"] == region}
            assert interfaces == {"public", "internal", "admin"}, (region, entry)
        for e in entry["Endpoints"]:
            assert e["url"].startswith("http://127.0.0.1:"), e
            assert e["region_id"] in regions, e
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
    wait_gone(demo, server_id)


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
    assert not_found(gone.stderr), gone.stderr


# ------------------------------------------------------------------------------------------------ servers

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
    wait_gone(cli, server["id"])


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
    wait_gone(demo, name)
