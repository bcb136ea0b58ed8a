"""Idempotent bootstrap of the dev cloud's identities, catalog, flavors and quotas (run with the venv's python).

    os_bootstrap.py identity < config.json   service project/users, regions and catalog, demo and other
                                             users/projects, the TOTP users totp and mfa, heat domain (or no orchestration entry), the demo
                                             application credential
    os_bootstrap.py compute  < config.json   flavors and nova quotas (nova-api must answer)
    os_bootstrap.py network  < config.json   neutron quotas; networks `private` (demo's), `shared`, `public`
                                             (external for admin and demo only, flat), their subnets, demo's router `router1` and
                                             default security group; their IDs to config["network_file"]

config.json is written by devenv/lib/openstack.sh (_os_bootstrap_json). Every step is "ensure": running it again
changes nothing that is already right, so it can re-run when ports or the heat switch change.
"""
import json
import os
import sys

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

INTERFACES = ("public", "internal", "admin")

# name, vcpus, ram MB, disk GB. x1.huge fits no host: the fake driver offers 1000 vCPU (x4 allocation ratio),
# 800000 MB and 600000 GB, so booting it must end in "No valid host was found".
FLAVORS = [
    ("m1.tiny", 1, 512, 1),
    ("m1.small", 1, 2048, 20),
    ("m1.medium", 2, 4096, 40),
    ("m1.large", 4, 8192, 80),
    ("x1.huge", 8192, 1048576, 1000000),
]
QUOTAS = {"instances": 100, "cores": 20000, "ram": 4194304}
# Neutron's defaults (port 500, floatingip 50, router 10, security_group 10) run out under parallel tests.
NEUTRON_QUOTAS = {"network": 200, "subnet": 400, "port": 2000, "router": 100, "floatingip": 500,
                  "security_group": 200, "security_group_rule": 2000}
# The seed networks. Documentation ranges (RFC 5737): they are database records, and no packet is ever routed to
# them (no agent, no data plane); nothing on this machine uses them.
SEED_NETWORKS = {
    "private": {"name": "private", "cidr": "192.0.2.0/24", "what": "tenant vxlan network of project demo"},
    "shared": {"name": "shared", "cidr": "198.51.100.0/24", "what": "shared by admin with every project"},
    "public": {"name": "public", "cidr": "203.0.113.0/24", "pool": ("203.0.113.10", "203.0.113.250"),
               "what": "external (router:external) for projects admin and demo, flat provider network: floating IPs"},
}
ROUTER = "router1"


def log(msg):
    print(msg, flush=True)


class Keystone:
    def __init__(self, sess, url):
        self.s, self.url = sess, url.rstrip("/")

    def get(self, path, **params):
        return self.s.get(self.url + path, params=params).json()

    def post(self, path, body):
        return self.s.post(self.url + path, json=body).json()

    def patch(self, path, body):
        return self.s.patch(self.url + path, json=body).json()

    def put(self, path):
        self.s.put(self.url + path)

    def delete(self, path):
        self.s.delete(self.url + path)

    def find(self, collection, **filters):
        items = self.get("/" + collection, **filters)[collection]
        return items[0] if items else None

    def ensure(self, collection, key, body, **filters):
        item = self.find(collection, **filters)
        if item is None:
            item = self.post("/" + collection, {key: body})[key]
            log("created %s %s" % (key, body.get("name", body.get("type"))))
        return item

    def role(self, name):
        return self.ensure("roles", "role", {"name": name}, name=name)

    def user(self, name, domain_id, password, project_id=None):
        user = self.find("users", name=name, domain_id=domain_id)
        if user is None:
            body = {"name": name, "domain_id": domain_id, "password": password, "enabled": True}
            if project_id:
                body["default_project_id"] = project_id
            user = self.post("/users", {"user": body})["user"]
            log("created user %s" % name)
        else:
            self.patch("/users/%s" % user["id"], {"user": {"password": password, "enabled": True}})
        return user

    def grant_project(self, user, project, role):
        self.put("/projects/%s/users/%s/roles/%s" % (project["id"], user["id"], role["id"]))

    def grant_domain(self, user, domain, role):
        self.put("/domains/%s/users/%s/roles/%s" % (domain["id"], user["id"], role["id"]))

    def region(self, region_id):
        # GET /regions/{id} answers 404 for a missing one, which the session raises: look in the list instead.
        if region_id not in {r["id"] for r in self.get("/regions")["regions"]}:
            self.post("/regions", {"region": {"id": region_id, "description": "berth dev"}})
            log("created region %s" % region_id)

    def service(self, stype, name, url, region):
        """The service of type STYPE with its three endpoints in REGION at URL (its endpoints in other regions
        are left alone: one service type may be in several regions)."""
        svc = self.find("services", type=stype)
        if svc is None:
            svc = self.post("/services", {"service": {"type": stype, "name": name, "enabled": True}})["service"]
            log("created service %s" % stype)
        have = {e["interface"]: e for e in self.get("/endpoints", service_id=svc["id"])["endpoints"]
                if e.get("region_id") == region}
        for iface in INTERFACES:
            ep = have.get(iface)
            if ep is None:
                self.post("/endpoints", {"endpoint": {"service_id": svc["id"], "interface": iface, "url": url,
                                                      "region_id": region, "enabled": True}})
                log("created %s endpoint of %s in %s: %s" % (iface, stype, region, url))
            elif ep["url"] != url:
                self.patch("/endpoints/%s" % ep["id"], {"endpoint": {"url": url}})
        return svc

    def remove_service(self, stype):
        for svc in self.get("/services", type=stype)["services"]:
            for ep in self.get("/endpoints", service_id=svc["id"])["endpoints"]:
                self.delete("/endpoints/%s" % ep["id"])
            self.delete("/services/%s" % svc["id"])
            log("removed service %s" % stype)


def admin_session(cfg):
    auth = v3.Password(auth_url=cfg["auth_url"], username="admin", password=cfg["admin_password"],
                       user_domain_id="default", project_name="admin", project_domain_id="default")
    return ks_session.Session(auth=auth)


def identity(cfg):
    ks = Keystone(admin_session(cfg), cfg["auth_url"])
    region = cfg["region"]
    default = {"id": "default"}
    admin_role, member = ks.role("admin"), ks.role("member")
    service_role = ks.role("service")
    ks.role("reader")

    service = ks.ensure("projects", "project", {"name": "service", "domain_id": "default",
                                                "description": "OpenStack service users"},
                        name="service", domain_id="default")
    for name in cfg["service_users"]:
        user = ks.user(name, "default", cfg["service_password"], service["id"])
        ks.grant_project(user, service, admin_role)
        ks.grant_project(user, service, service_role)

    for entry in cfg["catalog"]:
        ks.region(entry.get("region", region))
        ks.service(entry["type"], entry["name"], entry["url"], entry.get("region", region))

    demo_project = ks.ensure("projects", "project", {"name": cfg["demo_project"], "domain_id": "default",
                                                     "description": "berth dev: non-admin project"},
                             name=cfg["demo_project"], domain_id="default")
    demo = ks.user(cfg["demo_user"], "default", cfg["demo_password"], demo_project["id"])
    ks.grant_project(demo, demo_project, member)
    # "Another cloud" for tests: a member of a project of its own, who must see none of demo's private images.
    other_project = ks.ensure("projects", "project", {"name": cfg["other_project"], "domain_id": "default",
                                                      "description": "berth dev: another tenant"},
                              name=cfg["other_project"], domain_id="default")
    other = ks.user(cfg["other_user"], "default", cfg["other_password"], other_project["id"])
    ks.grant_project(other, other_project, member)
    totp_users(ks, cfg, demo_project, member)

    if cfg["heat"]:
        ks.role("heat_stack_owner")
        ks.role("heat_stack_user")
        heat_domain = ks.ensure("domains", "domain", {"name": "heat", "description": "Heat stack projects and users"},
                                name="heat")
        hda = ks.user("heat_domain_admin", heat_domain["id"], cfg["heat_domain_admin_password"])
        ks.grant_domain(hda, heat_domain, admin_role)
        hc = cfg["heat_catalog"]
        ks.service(hc["type"], hc["name"], hc["url"], region)
    else:
        ks.remove_service("orchestration")
        ks.remove_service("cloudformation")

    if cfg.get("magnum"):
        # Magnum's trustee domain: the conductor creates a trustee user per cluster there, as its admin.
        magnum_domain = ks.ensure("domains", "domain", {"name": "magnum",
                                                        "description": "Magnum cluster trustees"}, name="magnum")
        mda = ks.user("magnum_domain_admin", magnum_domain["id"], cfg["magnum_domain_admin_password"])
        ks.grant_domain(mda, magnum_domain, admin_role)
        mc = cfg["magnum_catalog"]
        ks.service(mc["type"], mc["name"], mc["url"], region)
    else:
        ks.remove_service("container-infra")
    stale(cfg, ks)

    ensure_appcred(cfg, demo, demo_project)


def totp_users(ks, cfg, project, member):
    """Members of demo's project with a TOTP credential (the base32 secret cfg["totp_secret"]): `totp`, who may
    log in with a passcode alone (v3totp) or a password, and `mfa`, whose multi-factor rules want both."""
    for name, rules in (("totp", []), ("mfa", [["password", "totp"]])):
        user = ks.user(name, "default", cfg[name + "_password"], project["id"])
        ks.grant_project(user, project, member)
        ks.patch("/users/%s" % user["id"], {"user": {"options": {
            "multi_factor_auth_rules": rules, "multi_factor_auth_enabled": bool(rules)}}})
        have = ks.get("/credentials", user_id=user["id"], type="totp")["credentials"]
        if [c["blob"] for c in have] != [cfg["totp_secret"]]:
            for c in have:
                ks.delete("/credentials/%s" % c["id"])
            ks.post("/credentials", {"credential": {"type": "totp", "user_id": user["id"],
                                                    "blob": cfg["totp_secret"]}})
            log("TOTP credential of %s (multi-factor rules %s)" % (name, rules))


def ensure_appcred(cfg, demo, demo_project):
    """An application credential of demo, created with demo's own token; its secret is kept in a 0600 file."""
    path = cfg["appcred_file"]
    if os.path.exists(path):
        with open(path) as f:
            saved = json.load(f)
        try:
            auth = v3.ApplicationCredential(auth_url=cfg["auth_url"], application_credential_id=saved["id"],
                                            application_credential_secret=saved["secret"])
            if ks_session.Session(auth=auth).get_token():
                log("application credential %s still valid" % saved["name"])
                return
        except ks_exc.ClientException as e:
            log("saved application credential unusable (%s): recreating" % e)
    auth = v3.Password(auth_url=cfg["auth_url"], username=cfg["demo_user"], password=cfg["demo_password"],
                       user_domain_id="default", project_name=cfg["demo_project"], project_domain_id="default")
    ks = Keystone(ks_session.Session(auth=auth), cfg["auth_url"])
    base = "/users/%s/application_credentials" % demo["id"]
    for old in ks.get(base, name=cfg["appcred_name"])["application_credentials"]:
        ks.delete("%s/%s" % (base, old["id"]))
    cred = ks.post(base, {"application_credential": {
        "name": cfg["appcred_name"], "description": "berth dev: demo's application credential"}})[
        "application_credential"]
    out = {"id": cred["id"], "name": cred["name"], "secret": cred["secret"], "user_id": demo["id"],
           "project_id": cred["project_id"]}
    assert cred["project_id"] == demo_project["id"], cred
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(out, f)
    os.replace(path + ".tmp", path)
    log("created application credential %s (%s)" % (cred["name"], cred["id"]))


def compute(cfg):
    sess = admin_session(cfg)
    nova = cfg["nova_url"].rstrip("/")
    ks = Keystone(sess, cfg["auth_url"])
    have = {f["name"] for f in sess.get(nova + "/flavors/detail", params={"is_public": "None"}).json()["flavors"]}
    for name, vcpus, ram, disk in FLAVORS:
        if name not in have:
            sess.post(nova + "/flavors", json={"flavor": {"name": name, "vcpus": vcpus, "ram": ram, "disk": disk,
                                                          "os-flavor-access:is_public": True}})
            log("created flavor %s" % name)
    for pname in ("admin", cfg["demo_project"]):
        project = ks.find("projects", name=pname, domain_id="default")
        sess.put(nova + "/os-quota-sets/%s" % project["id"], json={"quota_set": QUOTAS})
        log("quotas of %s: %s" % (pname, QUOTAS))


class Neutron:
    """Neutron's v2.0 API through a keystoneauth session (errors raise)."""

    def __init__(self, sess, url):
        self.s, self.url = sess, url.rstrip("/") + "/v2.0"

    def list(self, collection, **params):
        return self.s.get("%s/%s" % (self.url, collection), params=params).json()[collection.replace("-", "_")]

    def create(self, collection, key, body):
        return self.s.post("%s/%s" % (self.url, collection), json={key: body}).json()[key]

    def put(self, path, body):
        return self.s.put(self.url + path, json=body).json()

    def delete(self, path):
        self.s.delete(self.url + path)

    def ensure(self, collection, key, body, **filters):
        found = self.list(collection, **filters)
        if found:
            return found[0]
        item = self.create(collection, key, body)
        log("created %s %s" % (key, body.get("name")))
        return item


def password_session(cfg, user, password, project):
    auth = v3.Password(auth_url=cfg["auth_url"], username=user, password=password, user_domain_id="default",
                       project_name=project, project_domain_id="default")
    return ks_session.Session(auth=auth)


def external_for(na, net, projects):
    """Make `net` external for `projects` only: an access_as_external RBAC policy for each, and none for `*`
    (which Neutron creates with router:external=True). A test's fresh project then sees no external network, as
    in clouds whose external networks are not offered to every project, and can be given one of its own."""
    have = na.list("rbac-policies", object_id=net["id"], action="access_as_external")
    targets = {p["target_tenant"] for p in have}
    for project in projects:
        if project["id"] not in targets:
            na.create("rbac-policies", "rbac_policy", {"object_type": "network", "object_id": net["id"],
                                                       "action": "access_as_external",
                                                       "target_tenant": project["id"]})
            log("network %s external for project %s" % (net["name"], project["name"]))
    for p in have:
        if p["target_tenant"] == "*":
            na.delete("/rbac-policies/%s" % p["id"])
            log("network %s no longer external for every project" % net["name"])


def network(cfg):
    sess = admin_session(cfg)
    ks = Keystone(sess, cfg["auth_url"])
    admin_project = ks.find("projects", name="admin", domain_id="default")
    demo_project = ks.find("projects", name=cfg["demo_project"], domain_id="default")
    na = Neutron(sess, cfg["network_url"])
    # demo makes its own network, router and security group: they are owned by demo as a user's would be.
    nd = Neutron(password_session(cfg, cfg["demo_user"], cfg["demo_password"], cfg["demo_project"]),
                 cfg["network_url"])
    for project in (admin_project, demo_project):
        na.put("/quotas/%s" % project["id"], {"quota": NEUTRON_QUOTAS})
        log("neutron quotas of %s: %s" % (project["name"], NEUTRON_QUOTAS))

    out = {"networks": {}}

    def seed(key, client, project, net_body, subnet_body):
        spec = SEED_NETWORKS[key]
        net = client.ensure("networks", "network", dict(net_body, name=spec["name"]),
                            name=spec["name"], project_id=project["id"])
        sub_name = spec["name"] + "-subnet"
        body = {"name": sub_name, "network_id": net["id"], "ip_version": 4, "cidr": spec["cidr"]}
        body.update(subnet_body)
        if "pool" in spec:
            body["allocation_pools"] = [{"start": spec["pool"][0], "end": spec["pool"][1]}]
        sub = client.ensure("subnets", "subnet", body, name=sub_name, network_id=net["id"])
        out["networks"][key] = {
            "name": net["name"], "id": net["id"], "what": spec["what"],
            "subnet": {"name": sub["name"], "id": sub["id"], "cidr": sub["cidr"],
                       "pool": "-".join(spec["pool"]) if "pool" in spec else None}}
        return net, sub

    public, _ = seed("public", na, admin_project,
                     {"router:external": True, "provider:network_type": "flat",
                      "provider:physical_network": cfg["physnet"]},
                     {"enable_dhcp": False, "gateway_ip": "203.0.113.1"})
    external_for(na, public, (admin_project, demo_project))
    seed("shared", na, admin_project, {"shared": True}, {})
    private, private_sub = seed("private", nd, demo_project, {}, {})

    router = nd.ensure("routers", "router", {"name": ROUTER, "external_gateway_info": {"network_id": public["id"]}},
                       name=ROUTER, project_id=demo_project["id"])
    if not (router.get("external_gateway_info") or {}).get("network_id"):
        nd.put("/routers/%s" % router["id"], {"router": {"external_gateway_info": {"network_id": public["id"]}}})
    attached = nd.list("ports", device_id=router["id"], network_id=private["id"])
    if not attached:
        nd.put("/routers/%s/add_router_interface" % router["id"], {"subnet_id": private_sub["id"]})
        log("attached %s to %s" % (private_sub["name"], ROUTER))
    out["router"] = {"name": router["name"], "id": router["id"], "internal": private_sub["name"],
                     "external": public["name"]}

    # Listing its security groups creates a project's `default` group.
    sg = nd.list("security-groups", name="default", project_id=demo_project["id"])
    if not sg:
        raise SystemExit("neutron made no default security group for project %s" % demo_project["name"])
    out["security_group"] = {"name": "default", "id": sg[0]["id"]}

    path = cfg["network_file"]
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(out, f, indent=1)
    os.replace(path + ".tmp", path)
    log("seed networks: %s" % json.dumps(out))


def stale(cfg, ks=None):
    """What a killed test run can leave in the catalog: the dev cloud has no Zun, so a `container` service is one a
    test registered for a while (gaps' ZunService); the tests that count on the catalog as it is would fail on it."""
    (ks or Keystone(admin_session(cfg), cfg["auth_url"])).remove_service("container")


def main():
    cfg = json.load(sys.stdin)
    {"identity": identity, "compute": compute, "network": network, "stale": stale}[sys.argv[1]](cfg)


if __name__ == "__main__":
    main()
