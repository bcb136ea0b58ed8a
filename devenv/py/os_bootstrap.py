"""Idempotent bootstrap of the dev cloud's identities, catalog, flavors and quotas (run with the venv's python).

    os_bootstrap.py identity < config.json   service project/users, catalog, demo user/project, heat domain
                                             (or no orchestration entry), the demo application credential
    os_bootstrap.py compute  < config.json   flavors and nova quotas (nova-api must answer)

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

    def service(self, stype, name, url, region):
        svc = self.find("services", type=stype)
        if svc is None:
            svc = self.post("/services", {"service": {"type": stype, "name": name, "enabled": True}})["service"]
            log("created service %s" % stype)
        have = {e["interface"]: e for e in self.get("/endpoints", service_id=svc["id"])["endpoints"]}
        for iface in INTERFACES:
            ep = have.get(iface)
            if ep is None:
                self.post("/endpoints", {"endpoint": {"service_id": svc["id"], "interface": iface, "url": url,
                                                      "region_id": region, "enabled": True}})
            elif ep["url"] != url or ep.get("region_id") != region:
                self.patch("/endpoints/%s" % ep["id"], {"endpoint": {"url": url, "region_id": region}})
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
        ks.service(entry["type"], entry["name"], entry["url"], region)

    demo_project = ks.ensure("projects", "project", {"name": cfg["demo_project"], "domain_id": "default",
                                                     "description": "berth dev: non-admin project"},
                             name=cfg["demo_project"], domain_id="default")
    demo = ks.user(cfg["demo_user"], "default", cfg["demo_password"], demo_project["id"])
    ks.grant_project(demo, demo_project, member)

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

    ensure_appcred(cfg, demo, demo_project)


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


def main():
    cfg = json.load(sys.stdin)
    {"identity": identity, "compute": compute}[sys.argv[1]](cfg)


if __name__ == "__main__":
    main()
