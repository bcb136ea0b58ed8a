"""Magnum is real: its API and conductor (magnum 22.0.0 from PyPI, in a venv of its own) answer on 127.0.0.1,
its endpoint is in the catalog as `container-infra`, and its conductor never calls the public etcd discovery
service: `[cluster] etcd_discovery_service_endpoint_format` points at the local stand-in, which answers as
discovery.etcd.io does (`/new?size=N`, then `<url>/_config/size`). devenv/test turns Magnum on (--magnum)."""
import json
import os
import urllib.request

import pytest

from conftest import run


@pytest.fixture(scope="module")
def magnum(env):
    if env["BERTH_DEV_MAGNUM"] != "1":
        pytest.fail("Magnum is off in this environment: `devenv/berth-dev up --magnum` (devenv/test turns it on)")
    return env["BERTH_DEV_MAGNUM_URL"]


def get(url, token=None):
    req = urllib.request.Request(url, headers={"X-Auth-Token": token} if token else {})
    req.add_header("OpenStack-API-Version", "container-infra latest")
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read().decode()


def test_container_infra_is_in_the_catalog_and_its_conductor_is_up(magnum, admin):
    catalog = admin.json("catalog", "list")
    types = {s["Type"] for s in catalog}
    assert "container-infra" in types and "orchestration" in types, types
    token = admin.json("token", "issue")["id"]
    services = json.loads(get(magnum + "/mservices", token))["mservices"]
    assert [s["state"] for s in services if s["binary"] == "magnum-conductor"] == ["up"], services


def test_discovery_never_leaves_the_machine(env, magnum):
    conf = open(os.path.join(env["BERTH_DEV_STATE"], "openstack", "etc", "magnum", "magnum.conf")).read()
    line = [l for l in conf.splitlines() if l.startswith("etcd_discovery_service_endpoint_format")]
    settings = "\n".join(l for l in conf.splitlines() if not l.lstrip().startswith("#"))
    assert line and "127.0.0.1" in line[0] and "discovery.etcd.io" not in settings, line
    base = env["BERTH_DEV_ETCD_DISCOVERY_URL"]
    url = get(base + "/new?size=1").strip()
    assert url.startswith(base + "/"), url
    node = json.loads(get(url + "/_config/size"))["node"]
    assert node["value"] == "1", node
    mode = os.stat(os.path.join(env["BERTH_DEV_STATE"], "openstack", "etc", "magnum", "magnum.conf")).st_mode
    assert mode & 0o777 == 0o600, oct(mode)  # it holds passwords
