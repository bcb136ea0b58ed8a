//! `berth coe ...` against the dev cloud's real Magnum 22.0.0 (API + conductor, Heat as its back end, the
//! k8s_fedora_coreos_v1 driver), Glance, Nova (fake driver) and Neutron: node images, the preflight with every
//! finding made true and false, templates with and without `--force`, a cluster followed to CREATE_FAILED (the
//! fake driver's nodes never signal their software deployments), its kubeconfig signed by the real conductor, and
//! `gaps --only magnum`.

mod cluster;
mod preflight;

use serde_json::{Value, json};

use crate::common::{Berth, admin_token, api, demo, dev, unique};

/// A node image made by `berth coe image` from a small generated raw file (a real Fedora CoreOS image cannot be
/// downloaded here): (name, id).
pub fn node_image(b: &Berth, os_distro: &str) -> (String, String) {
    let name = unique("fcos");
    let file = b.home().join(format!("{name}.raw"));
    std::fs::write(&file, vec![7u8; 64 * 1024]).unwrap();
    let out =
        b.run(&["coe", "image", file.to_str().unwrap(), "--name", &name, "--os-distro", os_distro, "-o", "json"]).ok();
    (name, out.json()["id"].as_str().unwrap().to_string())
}

/// An active image of `name` with exactly `properties` (no os_distro unless given), through Glance's API.
pub fn plain_image(b: &Berth, name: &str, properties: Value) -> String {
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let mut body = json!({"name": name, "container_format": "bare", "disk_format": "raw"});
    for (k, v) in properties.as_object().unwrap() {
        body[k] = v.clone();
    }
    let url = dev("BERTH_DEV_IMAGE_URL");
    let img = api(&token, "POST", &format!("{url}/v2/images"), Some(body));
    let id = img["id"].as_str().unwrap().to_string();
    let st = std::process::Command::new("curl")
        .args(["-fsS", "-X", "PUT", "-H", &format!("X-Auth-Token: {token}")])
        .args(["-H", "Content-Type: application/octet-stream", "--data-binary", "node image"])
        .arg(format!("{url}/v2/images/{id}/file"))
        .status()
        .unwrap();
    assert!(st.success());
    id
}

/// A keypair of the demo user (Nova generates it; the private key is thrown away).
pub fn keypair(b: &Berth) -> String {
    let name = unique("k");
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    api(
        &token,
        "POST",
        &format!("{}/os-keypairs", dev("BERTH_DEV_COMPUTE_URL")),
        Some(json!({"keypair": {"name": name}})),
    );
    name
}

/// A public flavor with a root disk of 0 GiB (admin).
pub fn flavor_without_disk() -> String {
    let name = unique("d0");
    let body = json!({"flavor": {"name": name, "vcpus": 1, "ram": 512, "disk": 0}});
    api(&admin_token(), "POST", &format!("{}/flavors", dev("BERTH_DEV_COMPUTE_URL")), Some(body));
    name
}

/// The arguments of a spec every check passes, for `image` and `keypair`.
pub fn good(image: &str, keypair: &str) -> Vec<String> {
    [
        "--image",
        image,
        "--flavor",
        "m1.small",
        "--master-flavor",
        "m1.small",
        "--keypair",
        keypair,
        "--external-network",
        &dev("BERTH_DEV_NET_PUBLIC"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// A template every check passes (a new node image and keypair), made with `coe template create`; its name.
pub fn template(b: &Berth) -> String {
    let (image, _) = node_image(b, "fedora-coreos");
    let k = keypair(b);
    let name = unique("ct");
    let mut args = vec!["coe".to_string(), "template".into(), "create".into(), name.clone()];
    args.extend(good(&image, &k));
    b.run_args(&args).ok();
    name
}

/// `coe preflight` of `args` (-o json): (exit code, findings by id -> status).
pub fn preflight(b: &Berth, args: &[String]) -> (i32, Vec<(String, String)>, Value) {
    let mut a = vec!["coe", "preflight", "-o", "json"];
    a.extend(args.iter().map(String::as_str));
    let out = b.run(&a);
    let doc = out.json();
    let found = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap().to_string(), f["status"].as_str().unwrap().to_string()))
        .collect();
    (out.code, found, doc)
}

pub fn status_of(found: &[(String, String)], id: &str) -> String {
    found
        .iter()
        .find(|(i, _)| i == id)
        .map(|(_, s)| s.clone())
        .unwrap_or_else(|| panic!("no finding `{id}` in {found:?}"))
}

#[test]
fn coe_image_streams_verifies_and_sets_os_distro() {
    let b = demo();
    let (name, id) = node_image(&b, "fedora-coreos");
    let img = b.run(&["image", "show", &id, "-o", "json"]);
    // `image show` is about docker images; Glance's own record says what Magnum reads.
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let g = api(&token, "GET", &format!("{}/v2/images/{id}", dev("BERTH_DEV_IMAGE_URL")), None);
    assert_eq!(g["name"], name.as_str());
    assert_eq!(g["os_distro"], "fedora-coreos");
    assert_eq!((g["disk_format"].as_str(), g["container_format"].as_str()), (Some("raw"), Some("bare")));
    assert_eq!(g["status"], "active");
    let md5 = std::process::Command::new("md5sum").arg(b.home().join(format!("{name}.raw"))).output().unwrap();
    assert!(String::from_utf8_lossy(&md5.stdout).starts_with(g["checksum"].as_str().unwrap()), "{img:?}");
    // qcow2 is recognised by its magic.
    let q = b.home().join("q.qcow2");
    let mut data = b"QFI\xfb\0\0\0\x03".to_vec();
    data.resize(4096, 0);
    std::fs::write(&q, data).unwrap();
    let out = b.run(&["coe", "image", q.to_str().unwrap(), "--name", &unique("q"), "-o", "json"]).ok();
    assert_eq!(out.json()["disk_format"], "qcow2");
    // Bad inputs: exit 2, nothing created.
    let missing = b.run(&["coe", "image", "/nonexistent/fcos.qcow2", "--name", "x"]).code(2);
    assert!(missing.stderr.contains("is not a file"), "{}", missing.stderr);
    let p = b.run(&["coe", "image", q.to_str().unwrap(), "--name", "x", "--property", "os_distro=ubuntu"]).code(2);
    assert!(p.stderr.contains("--os-distro"), "{}", p.stderr);
    // A URL: RegionTwo's Glance offers no `web-download` (exit 2, before anything is made); RegionOne's does, and
    // refuses a loopback URL by its import filter: the record berth made is deleted again.
    let url = "http://127.0.0.1:1/fcos.qcow2";
    let none = b.run(&["--os-region-name", &dev("BERTH_DEV_REGION2"), "coe", "image", url, "--name", "x"]).code(2);
    assert!(none.stderr.contains("does not offer the `web-download` import"), "{}", none.stderr);
    let web = unique("web");
    let filtered = b.run(&["coe", "image", url, "--name", &web]).code(1);
    assert!(filtered.stderr.contains("was deleted"), "{}", filtered.stderr);
    assert!(filtered.stderr.contains("does not pass filtering"), "{}", filtered.stderr);
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let left = api(&token, "GET", &format!("{}/v2/images?name={web}", dev("BERTH_DEV_IMAGE_URL")), None);
    assert_eq!(left["images"].as_array().unwrap().len(), 0, "{left}");
}

#[test]
fn gaps_only_magnum_uses_the_preflight() {
    let b = demo();
    let (image, _) = node_image(&b, "fedora-coreos");
    let name = unique("gt");
    let mut args = vec!["coe".to_string(), "template".into(), "create".into(), name.clone(), "--force".into()];
    args.extend(good(&image, "no-such-keypair"));
    b.run_args(&args).ok();
    // A generous probe timeout: this report's facts are under test, not its speed (the other tests load Magnum).
    let out = b.run(&["gaps", "--only", "magnum", "--probe-timeout", "20", "-o", "json"]).ok();
    let doc = out.json();
    let find = |id: &str| doc.as_array().unwrap().iter().find(|f| f["id"] == id).cloned().unwrap_or(Value::Null);
    assert_eq!(find("magnum.service")["status"], "ok");
    assert_eq!(find("magnum.services")["status"], "ok");
    assert_eq!(find("magnum.node-image")["status"], "ok");
    assert!(find("magnum.node-image")["evidence"].as_str().unwrap().contains(&image));
    assert_eq!(find("magnum.external-network")["status"], "ok");
    let t = find(&format!("magnum.template.{name}"));
    assert_eq!(t["status"], "fail", "{t}");
    assert!(t["evidence"].as_str().unwrap().contains("magnum.keypair"), "{t}");
    assert!(doc.as_array().unwrap().iter().all(|f| f["area"] == "magnum"));
    // --fail-on sees it.
    b.run(&["gaps", "--only", "magnum", "--probe-timeout", "20", "--fail-on", "fail", "-o", "json"]).code(3);
    b.run(&["coe", "template", "delete", &name]).ok();
}

#[test]
fn bad_inputs_are_usage_errors_before_any_request() {
    let b = demo();
    for (args, needle) in [
        (vec!["coe", "cluster", "create", "x", "--template", "t", "--timeout", "0"], "--timeout"),
        (vec!["coe", "cluster", "create", "x"], "--template"),
        (vec!["coe", "preflight", "--template", "t", "--image", "i"], "cannot be used with"),
        (vec!["coe", "template", "create", "t", "--label", "novalue"], "KEY=VALUE"),
        (vec!["coe", "image", "f.qcow2"], "--name"),
        (vec!["coe", "preflight", "-c", "nope"], "nope"),
    ] {
        let out = b.run(&args).code(2);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let missing = b.run(&["coe", "config", "no-such-cluster", "--dir", b.home().to_str().unwrap()]).code(2);
    assert!(missing.stderr.contains("no cluster is called `no-such-cluster`"), "{}", missing.stderr);
    assert!(!b.home().join("config").exists());
    b.run(&["coe", "cluster", "show", "no-such-cluster"]).code(2);
    b.run(&["coe", "cluster", "delete", "no-such-cluster"]).code(2);
}
