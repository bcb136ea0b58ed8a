//! Neutron and Keystone by their APIs, for tests that make what they need (ports, networks, floating IPs, a fresh
//! project of their own) and remove it afterwards, even when they fail: every [`Made`] deletes its resources on drop.

use std::process::Command;

use serde_json::{Value, json};

use crate::common::{Berth, admin_token, api, dev, unique};

/// `BERTH_DEV_NETWORK_URL` + `/v2.0` + `path`.
pub fn url(path: &str) -> String {
    format!("{}/v2.0{path}", dev("BERTH_DEV_NETWORK_URL"))
}

/// A Neutron call with `token`; fails the test on an error answer.
pub fn neutron(token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    api(token, method, &url(path), body)
}

/// The HTTP status of a GET (for "is it gone").
pub fn status(token: &str, path: &str) -> u16 {
    let out = Command::new("curl")
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", &format!("X-Auth-Token: {token}")])
        .arg(url(path))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).parse().unwrap()
}

/// A token of `b`'s identity.
pub fn token(b: &Berth) -> String {
    b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string()
}

/// What a test made, deleted in reverse order on drop (a resource already gone is fine).
pub struct Made {
    token: String,
    urls: Vec<String>,
}

impl Made {
    pub fn new(token: &str) -> Made {
        Made { token: token.to_string(), urls: Vec::new() }
    }

    /// Create `body` in `collection` (e.g. `/ports`), under `key` in the answer; deleted on drop.
    pub fn create(&mut self, collection: &str, key: &str, body: Value) -> Value {
        let made = neutron(&self.token, "POST", collection, Some(json!({ key: body })))[key].clone();
        self.urls.push(url(&format!("{collection}/{}", made["id"].as_str().unwrap())));
        made
    }

    /// A network with one IPv4 subnet of `cidr`, `extra` merged into the network's body.
    pub fn network(&mut self, name: &str, cidr: &str, extra: Value) -> (Value, Value) {
        let mut body = json!({"name": name});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let net = self.create("/networks", "network", body);
        let subnet = self.create(
            "/subnets",
            "subnet",
            json!({"name": format!("{name}-subnet"), "network_id": net["id"], "ip_version": 4, "cidr": cidr}),
        );
        (net, subnet)
    }
}

impl Drop for Made {
    fn drop(&mut self) {
        for u in self.urls.iter().rev() {
            let out = Command::new("curl")
                .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE"])
                .args(["-H", &format!("X-Auth-Token: {}", self.token)])
                .arg(u)
                .output();
            let code = out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
            if !matches!(code.as_str(), "200" | "202" | "204" | "404") {
                eprintln!("warning: DELETE {u} answered {code}: remove it by hand");
            }
        }
    }
}

/// A project and a member user of its own, made by the admin; removed (with the Neutron and Nova quotas set for it)
/// on drop.
pub struct Project {
    pub id: String,
    pub name: String,
    user: String,
    user_id: String,
    password: String,
    admin: String,
}

fn keystone(token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    api(token, method, &format!("{}{path}", dev("BERTH_DEV_AUTH_URL")), body)
}

impl Project {
    pub fn new() -> Project {
        let admin = admin_token();
        let name = unique("proj");
        let project = keystone(
            &admin,
            "POST",
            "/projects",
            Some(json!({"project": {"name": name, "domain_id": "default", "description": "a berth test's"}})),
        );
        let id = project["project"]["id"].as_str().unwrap().to_string();
        let user = unique("user");
        let password = unique("pw-");
        let u = keystone(
            &admin,
            "POST",
            "/users",
            Some(
                json!({"user": {"name": user, "domain_id": "default", "password": password, "default_project_id": id}}),
            ),
        );
        let user_id = u["user"]["id"].as_str().unwrap().to_string();
        let me = Project { id, name, user, user_id, password, admin };
        let roles = keystone(&me.admin, "GET", "/roles?name=member", None);
        let role = roles["roles"][0]["id"].as_str().unwrap().to_string();
        keystone(&me.admin, "PUT", &format!("/projects/{}/users/{}/roles/{role}", me.id, me.user_id), None);
        me
    }

    /// berth as the project's member, from a clouds.yaml of its own.
    pub fn berth(&self) -> Berth {
        let b = Berth::new();
        let text = format!(
            "clouds:\n  fresh:\n    auth:\n      auth_url: {}\n      username: {}\n      password: {}\n      \
             project_name: {}\n      user_domain_name: Default\n      project_domain_name: Default\n    \
             region_name: {}\n",
            dev("BERTH_DEV_AUTH_URL"),
            self.user,
            self.password,
            self.name,
            dev("BERTH_DEV_REGION")
        );
        let path = b.home().join("clouds.yaml");
        std::fs::write(&path, text).unwrap();
        let p = path.to_str().unwrap().to_string();
        b.env("OS_CLIENT_CONFIG_FILE", &p).env("OS_CLOUD", "fresh")
    }

    pub fn admin(&self) -> &str {
        &self.admin
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let base = dev("BERTH_DEV_AUTH_URL");
        for u in [
            url(&format!("/quotas/{}", self.id)),
            format!("{}/os-quota-sets/{}", dev("BERTH_DEV_COMPUTE_URL"), self.id),
            format!("{base}/users/{}", self.user_id),
            format!("{base}/projects/{}", self.id),
        ] {
            let _ = Command::new("curl")
                .args(["-fsS", "-o", "/dev/null", "-X", "DELETE", "-H", &format!("X-Auth-Token: {}", self.admin)])
                .arg(u)
                .status();
        }
    }
}
