"""The dev cloud's `network` endpoint is a real Neutron: its own extensions, the networks `berth-dev up` seeded,
networks, subnets, ports, routers, security groups and floating IPs made and deleted with python-openstackclient,
and servers booted on a network that get an ACTIVE, bound port with a fixed IP and take a floating IP.

What is under test goes through `openstack`; the checks around it read Neutron's REST API with a token issued
once (an `openstack` call costs seconds of start-up). Names are unique per run, so the tests can run in parallel
and again against the same persistent cloud."""
import ipaddress
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import Cli, wait_gone

# What an API-only Neutron (ML2 + router, qos, trunk service plugins) offers here; the stand-in it replaces had none.
EXTENSIONS = {"router", "external-net", "extraroute", "security-group", "port-security", "binding", "provider",
              "quotas", "allowed-address-pairs", "fip-port-details", "dns-integration", "qos", "trunk",
              "standard-attr-tag", "net-mtu"}


class NeutronApi:
    """GETs on Neutron's v2.0 API with a token of one identity."""

    def __init__(self, env, cli):
        self.url = env["BERTH_DEV_NETWORK_URL"].rstrip("/") + "/v2.0"
        self.token = cli.json("token", "issue")["id"]

    def get(self, path, **params):
        """The JSON answer of GET path, or None for 404."""
        query = "?" + urllib.parse.urlencode(params) if params else ""
        req = urllib.request.Request(self.url + path + query, headers={"X-Auth-Token": self.token})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return json.load(r)
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return None
            raise

    def one(self, collection, rid):
        body = self.get(f"/{collection}/{rid}")
        return body and body[collection[:-1].replace("-", "_")]

    def list(self, collection, **params):
        return self.get(f"/{collection}", **params)[collection.replace("-", "_")]


@pytest.fixture(scope="module")
def admin_api(env, admin):
    return NeutronApi(env, admin)


@pytest.fixture(scope="module")
def demo_api(env, demo):
    return NeutronApi(env, demo)


def unique(kind):
    return f"berth-test-{kind}-{uuid.uuid4().hex[:10]}"


def network_endpoint(cli):
    return next(e["url"] for entry in cli.json("catalog", "list") if entry["Type"] == "network"
                for e in entry["Endpoints"] if e["interface"] == "public")


# ------------------------------------------------------------------------------------------------ the service

def test_neutron_answers_with_its_extensions(env, demo, admin_api):
    endpoint = network_endpoint(demo)
    assert endpoint.rstrip("/") == env["BERTH_DEV_NETWORK_URL"]
    with urllib.request.urlopen(endpoint + "/", timeout=10) as r:
        versions = json.load(r)["versions"]
    assert {v["id"]: v["status"] for v in versions} == {"v2.0": "CURRENT"}, versions
    # Without a token Neutron refuses (keystonemiddleware in front of it).
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(endpoint + "/v2.0/networks", timeout=10)
    assert e.value.code == 401

    aliases = {x["Alias"] for x in demo.json("extension", "list", "--network")}
    assert EXTENSIONS <= aliases, f"missing extensions: {EXTENSIONS - aliases}"
    assert len(aliases) > 50, aliases
    # The API alone: no agent ever reports in (ports are bound by the devenv's ML2 driver).
    assert admin_api.list("agents") == []


def test_seeded_networks(env, admin_api, demo_api, project_ids):
    demo_id = project_ids[env["BERTH_DEV_DEMO_PROJECT"]]
    admin_id = project_ids["admin"]

    private = admin_api.one("networks", env["BERTH_DEV_NET_PRIVATE_ID"])
    assert (private["name"], private["project_id"], private["status"]) == \
        (env["BERTH_DEV_NET_PRIVATE"], demo_id, "ACTIVE")
    assert private["router:external"] is False and private["shared"] is False
    assert private["provider:network_type"] == "vxlan"

    shared = admin_api.one("networks", env["BERTH_DEV_NET_SHARED_ID"])
    assert (shared["name"], shared["project_id"], shared["shared"]) == (env["BERTH_DEV_NET_SHARED"], admin_id, True)

    public = admin_api.one("networks", env["BERTH_DEV_NET_PUBLIC_ID"])
    assert public["name"] == env["BERTH_DEV_NET_PUBLIC"]
    assert public["router:external"] is True
    assert (public["provider:network_type"], public["provider:physical_network"]) == ("flat", "public")
    public_subnet = admin_api.one("subnets", env["BERTH_DEV_SUBNET_PUBLIC_ID"])
    assert public_subnet["network_id"] == public["id"]
    pool = public_subnet["allocation_pools"][0]
    assert ipaddress.ip_address(pool["start"]) < ipaddress.ip_address(pool["end"])

    # demo sees its own, the shared and the external network by name.
    seen = {n["name"]: n["id"] for n in demo_api.list("networks")}
    assert [seen.get(n) for n in ("private", "shared", "public")] == [private["id"], shared["id"], public["id"]]

    router = demo_api.one("routers", env["BERTH_DEV_ROUTER_ID"])
    assert (router["name"], router["project_id"]) == (env["BERTH_DEV_ROUTER"], demo_id)
    assert router["external_gateway_info"]["network_id"] == public["id"]
    private_subnet = demo_api.one("subnets", env["BERTH_DEV_SUBNET_PRIVATE_ID"])
    assert private_subnet["network_id"] == private["id"]
    interfaces = demo_api.list("ports", device_id=router["id"], network_id=private["id"])
    assert [f["ip_address"] for p in interfaces for f in p["fixed_ips"]] == [private_subnet["gateway_ip"]]

    sg = demo_api.one("security-groups", env["BERTH_DEV_SECGROUP_DEMO_ID"])
    assert (sg["name"], sg["project_id"]) == ("default", demo_id)

    quota = admin_api.get(f"/quotas/{demo_id}")["quota"]
    assert quota["port"] >= 1000 and quota["floatingip"] >= 200 and quota["router"] >= 50, quota


# ------------------------------------------------------------------------------------------------ resources

def test_network_resources_lifecycle(env, demo, demo_api):
    """A project's own topology: network, subnet, router to `public`, security group, port, floating IP."""
    net_name, router_name, sg_name, port_name = (unique(k) for k in ("net", "router", "sg", "port"))
    created = []  # (kind, id) to delete, last first
    try:
        net = demo.json("network", "create", net_name)
        created.append(("network", net["id"]))
        assert net["status"] == "ACTIVE" and net["port_security_enabled"] is True
        subnet = demo.json("subnet", "create", "--network", net["id"], "--subnet-range", "192.0.2.0/26",
                           net_name + "-subnet")
        assert (subnet["cidr"], subnet["gateway_ip"]) == ("192.0.2.0/26", "192.0.2.1")

        router = demo.json("router", "create", "--external-gateway", env["BERTH_DEV_NET_PUBLIC"], router_name)
        created.append(("router", router["id"]))
        assert router["external_gateway_info"]["network_id"] == env["BERTH_DEV_NET_PUBLIC_ID"]
        demo("router", "add", "subnet", router["id"], subnet["id"])
        created.append(("router-interface", (router["id"], subnet["id"])))

        sg = demo.json("security", "group", "create", sg_name)
        created.append(("security group", sg["id"]))
        rule = demo.json("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "8080",
                         "--remote-ip", "192.0.2.0/24", sg["id"])
        assert (rule["port_range_min"], rule["direction"]) == (8080, "ingress")

        port = demo.json("port", "create", "--network", net["id"], "--security-group", sg["id"], port_name)
        created.append(("port", port["id"]))
        ip = port["fixed_ips"][0]["ip_address"]
        assert ipaddress.ip_address(ip) in ipaddress.ip_network("192.0.2.0/26")
        assert port["security_group_ids"] == [sg["id"]]

        fip = demo.json("floating", "ip", "create", "--port", port["id"], env["BERTH_DEV_NET_PUBLIC"])
        created.append(("floating ip", fip["id"]))
        assert fip["port_id"] == port["id"] and fip["fixed_ip_address"] == ip
        assert ipaddress.ip_address(fip["floating_ip_address"]) in ipaddress.ip_network("203.0.113.0/24")
        assert fip["router_id"] == router["id"]

        # port security off: the security groups have to go with it
        demo("port", "set", "--no-security-group", "--disable-port-security", port["id"])
        off = demo_api.one("ports", port["id"])
        assert (off["port_security_enabled"], off["security_groups"]) == (False, [])
    finally:
        for kind, rid in reversed(created):
            if kind == "router-interface":
                demo("router", "remove", "subnet", *rid, check=False)
            else:
                demo(*kind.split(), "delete", rid, check=False)
    collections = {"network": "networks", "router": "routers", "security group": "security-groups",
                   "port": "ports", "floating ip": "floatingips"}
    for kind, rid in created:
        if kind != "router-interface":
            assert demo_api.one(collections[kind], rid) is None, f"{kind} {rid} still exists after delete"
    assert demo_api.list("networks", name=net_name) == []


# ------------------------------------------------------------------------------------------------ servers

def _server_port(admin_api, server_id):
    ports = admin_api.list("ports", device_id=server_id)
    assert len(ports) == 1, ports
    return ports[0]


def test_server_on_private_network(env, admin_api, docker_image):
    """`server create --network private` reaches ACTIVE with a bound ACTIVE port and a fixed IP; a floating IP can
    be associated with that port; delete removes server and port and leaves the floating IP unassociated."""
    cli = Cli(env, "berth-demo", "openrc")
    name = unique("server")
    server = cli.json("server", "create", "--flavor", "m1.tiny", "--image", docker_image["id"],
                      "--network", env["BERTH_DEV_NET_PRIVATE"], "--wait", name)
    fip = None
    try:
        assert server["status"] == "ACTIVE", server
        addresses = cli.json("server", "show", server["id"])["addresses"]
        assert list(addresses) == [env["BERTH_DEV_NET_PRIVATE"]], addresses
        (fixed_ip,) = addresses[env["BERTH_DEV_NET_PRIVATE"]]
        assert ipaddress.ip_address(fixed_ip) in ipaddress.ip_network("192.0.2.0/24")

        port = _server_port(admin_api, server["id"])
        assert port["status"] == "ACTIVE", port
        assert port["network_id"] == env["BERTH_DEV_NET_PRIVATE_ID"]
        assert [f["ip_address"] for f in port["fixed_ips"]] == [fixed_ip]
        assert (port["binding:host_id"], port["binding:vif_type"]) == ("berth-dev", "ovs")
        assert port["device_owner"].startswith("compute:")
        assert port["security_groups"] == [env["BERTH_DEV_SECGROUP_DEMO_ID"]]

        fip = cli.json("floating", "ip", "create", env["BERTH_DEV_NET_PUBLIC"])
        cli("server", "add", "floating", "ip", server["id"], fip["floating_ip_address"])
        # Neutron does not notify Nova here: ask Neutron, not the server's addresses.
        associated = admin_api.one("floatingips", fip["id"])
        assert (associated["port_id"], associated["fixed_ip_address"]) == (port["id"], fixed_ip)
        assert associated["router_id"] == env["BERTH_DEV_ROUTER_ID"]
        assert [f["id"] for f in admin_api.list("floatingips", port_id=port["id"])] == [fip["id"]]
    finally:
        deleted = cli("server", "delete", "--wait", server["id"], check=False)
        left = fip and admin_api.one("floatingips", fip["id"])
        if fip:
            cli("floating", "ip", "delete", fip["id"], check=False)
    # Without Nova's service token Neutron refuses to delete the port and the server ends in ERROR.
    assert deleted.returncode == 0, f"server delete failed:\n{deleted.stderr}"
    wait_gone(cli, server["id"])
    assert admin_api.list("ports", device_id=server["id"]) == [], "the server's port outlived it"
    assert left["port_id"] is None, left
    assert admin_api.one("floatingips", fip["id"]) is None


def test_server_on_shared_network_and_port(env, admin_api, demo, docker_image):
    """A server on the shared network, and one booted with a port made beforehand (`--port`), which outlives it.
    Both boot at once (each `openstack ... --wait` is mostly waiting)."""
    name = unique("server")
    port = demo.json("port", "create", "--network", env["BERTH_DEV_NET_PRIVATE"], name + "-port")
    boots = {name + "-a": ["--nic", "net-id=" + env["BERTH_DEV_NET_SHARED_ID"]], name + "-b": ["--port", port["id"]]}
    try:
        with ThreadPoolExecutor(len(boots)) as pool:
            servers = list(pool.map(lambda n: demo.json("server", "create", "--flavor", "m1.tiny", "--image",
                                                        docker_image["id"], *boots[n], "--wait", n), boots))
        assert [s["status"] for s in servers] == ["ACTIVE", "ACTIVE"]
        shared_port = _server_port(admin_api, servers[0]["id"])
        assert (shared_port["network_id"], shared_port["status"]) == (env["BERTH_DEV_NET_SHARED_ID"], "ACTIVE")
        bound = admin_api.one("ports", port["id"])
        assert (bound["device_id"], bound["status"], bound["binding:host_id"]) == \
            (servers[1]["id"], "ACTIVE", "berth-dev")
    finally:
        # by name: a boot that failed may still have made its server
        demo("server", "delete", "--wait", *boots, check=False)
    for n in boots:
        wait_gone(demo, n)
    try:
        # Nova unbinds a port it did not create and leaves it.
        left = admin_api.one("ports", port["id"])
        assert left["device_id"] == "" and left["binding:host_id"] == "", left
    finally:
        demo("port", "delete", port["id"])
