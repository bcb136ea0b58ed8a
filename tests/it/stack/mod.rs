//! `berth stack ...` against the dev cloud's real Heat 27 (with the Docker plugin), Nova (fake driver), Glance,
//! Keystone and Docker engine: templates of the four container paths, validation, the preflight's refusals,
//! stacks that complete, fail, time out and are interrupted, a container of the Docker plugin in the real
//! engine, the `vm` path's user data run against that engine as a VM would run it, and Zun's schema.

mod create;
mod preflight;
mod template;
mod vm;
mod zun;

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{Berth, Out, admin_token, api, demo, dev, unique};

/// Heat must be on: a tier that did not run must not pass.
fn heat_on() {
    assert_eq!(
        dev("BERTH_DEV_HEAT"),
        "1",
        "these tests need Heat: `devenv/berth-dev up --heat` (devenv/test turns it on)"
    );
}

/// berth as the demo user, with Heat checked to be on.
fn berth() -> Berth {
    heat_on();
    demo()
}

/// The seeded busybox:1.36 in the anonymous registry, which the dev engine can pull.
fn busybox() -> String {
    format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_ANON"))
}

/// Sync the seeded busybox:1.36 under a unique name (nova-docker naming); its Glance name and ID.
fn synced(b: &Berth) -> (String, String) {
    let name = format!("{}/busybox:1.36", unique("st"));
    let out = b.run(&["image", "sync", "-o", "json", &busybox(), "--name", &name]).ok();
    (name, out.json()[0]["id"].as_str().unwrap().to_string())
}

/// A Glance VM image (bare, raw, a few bytes: the fake driver boots anything) of a unique name; its ID.
fn vm_image(b: &Berth) -> String {
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let glance = dev("BERTH_DEV_IMAGE_URL");
    let image = api(
        &token,
        "POST",
        &format!("{glance}/v2/images"),
        Some(json!({"name": unique("st-vm"), "container_format": "bare", "disk_format": "raw"})),
    );
    let id = image["id"].as_str().unwrap().to_string();
    let st = Command::new("curl")
        .args([
            "-fsS",
            "-X",
            "PUT",
            "-H",
            &format!("X-Auth-Token: {token}"),
            "-H",
            "Content-Type: application/octet-stream",
        ])
        .args(["--data-binary", "not a disk, which the fake driver does not mind"])
        .arg(format!("{glance}/v2/images/{id}/file"))
        .status()
        .unwrap();
    assert!(st.success(), "uploading the VM image");
    id
}

/// `berth stack ARGS` as `b`.
fn stack(b: &Berth, args: &[&str]) -> Out {
    let mut a = vec!["stack"];
    a.extend_from_slice(args);
    b.run(&a)
}

/// The stack named `name` as `stack list` shows it, if there is one.
fn listed(b: &Berth, name: &str) -> Option<Value> {
    let all = stack(b, &["list", "-o", "json"]).ok().json();
    all.as_array().unwrap().iter().find(|s| s["name"] == name).cloned()
}

/// Wait until the stack is gone (a delete berth did not wait for).
fn gone(b: &Berth, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while listed(b, name).is_some() {
        assert!(Instant::now() < deadline, "stack `{name}` is still there");
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Stacks a test made, deleted when it ends (pass or fail).
struct Cleanup {
    b: Berth,
    stacks: Vec<String>,
}

impl Cleanup {
    fn new() -> Cleanup {
        Cleanup { b: demo(), stacks: Vec::new() }
    }

    /// A unique stack name, deleted at the end.
    fn name(&mut self) -> String {
        let n = unique("st");
        self.stacks.push(n.clone());
        n
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for s in &self.stacks {
            let _ = self.b.command(&["stack", "delete", s]).output();
        }
    }
}

/// A template of one `OS::Heat::TestResource` that takes `secs` to create (and to update), in a temp file.
fn slow_template(dir: &std::path::Path, secs: u32) -> String {
    let path = dir.join("slow.yaml");
    std::fs::write(
        &path,
        format!(
            "heat_template_version: 2021-04-16\nparameters:\n  wait: {{type: number, default: {secs}}}\n\
             resources:\n  slow:\n    type: OS::Heat::TestResource\n    properties:\n      value: done\n      \
             action_wait_secs: {{create: {{get_param: wait}}, update: {{get_param: wait}}}}\n\
             outputs:\n  value:\n    value: {{get_attr: [slow, output]}}\n"
        ),
    )
    .unwrap();
    path.to_str().unwrap().to_string()
}

/// A Nova server as the admin sees it (with its user data, microversion 2.3+).
fn server_as_admin(id: &str) -> Value {
    let out = Command::new("curl")
        .args(["-fsS", "-H", &format!("X-Auth-Token: {}", admin_token()), "-H", "OpenStack-API-Version: compute 2.90"])
        .arg(format!("{}/servers/{id}", dev("BERTH_DEV_COMPUTE_URL")))
        .output()
        .unwrap();
    assert!(out.status.success(), "reading server {id}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["server"].clone()
}
