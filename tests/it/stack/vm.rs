//! The `vm` path for real, short of a VM (Nova's driver is the fake one): the stack reaches CREATE_COMPLETE, and
//! the user data Nova holds for the server, after Heat filled in its parameters, is what a VM would run. Its
//! start script runs here against the dev Docker engine as cloud-init would run it: it pulls the image by digest
//! from the registry, or downloads it from Glance with the application credential berth made, which Keystone's
//! access rules (enforced by Glance's auth_token, `service_type = image`) let read that image's data and nothing
//! else; either way the container runs.

use std::process::Command;

use base64::Engine;
use serde_json::Value;

use super::{Cleanup, berth, busybox, server_as_admin, stack, vm_image};
use crate::common::{Berth, dev, docker, docker_ok, unique};

/// Create a `vm` stack of `image` with `extra` options and wait; the server's user data after Heat's
/// substitutions, and the start script in it.
fn vm_stack(b: &Berth, name: &str, image: &str, extra: &[&str]) -> (String, String) {
    let vm = vm_image(b);
    let mut args = vec!["create", name, image, "--for", "vm", "--vm-image", &vm, "--flavor", "m1.tiny", "--no-network"];
    args.extend_from_slice(extra);
    args.extend(["--wait", "-o", "json"]);
    let s = stack(b, &args).ok().json();
    assert_eq!(s["status"], "CREATE_COMPLETE", "{s}");
    let server = server_as_admin(s["outputs"]["server_id"].as_str().unwrap());
    assert_eq!(server["image"]["id"], vm.as_str());
    let raw = base64::engine::general_purpose::STANDARD
        .decode(server["OS-EXT-SRV-ATTR:user_data"].as_str().expect("the server has user data"))
        .unwrap();
    let user_data = String::from_utf8(raw).unwrap();
    assert!(user_data.starts_with("#cloud-config\n"), "{user_data}");
    for secret in ["BERTH_DEV_ADMIN_PASSWORD", "BERTH_DEV_DEMO_PASSWORD", "BERTH_DEV_APPCRED_SECRET"] {
        assert!(!user_data.contains(&dev(secret)), "the user data holds {secret}");
    }
    let cc: Value = serde_yaml_ng::from_str(&user_data).unwrap();
    assert_eq!(cc["write_files"][0]["path"], "/usr/local/sbin/berth-container");
    assert_eq!(cc["runcmd"][0][0], "/usr/local/sbin/berth-container");
    (user_data, cc["write_files"][0]["content"].as_str().unwrap().to_string())
}

/// Run the start script as cloud-init would (here: against the dev engine, with the dev docker client).
fn run_script(script: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("berth-container");
    std::fs::write(&file, script).unwrap();
    let docker_dir = std::path::Path::new(&dev("BERTH_DEV_DOCKER")).parent().unwrap().to_path_buf();
    let out = Command::new("sh")
        .arg(&file)
        .env("PATH", format!("{}:{}", docker_dir.display(), std::env::var("PATH").unwrap_or_default()))
        .env("DOCKER_HOST", dev("BERTH_DEV_DOCKER_HOST"))
        .env("TMPDIR", dir.path())
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the start script failed:\n{said}");
    said
}

/// The running container called `name`, as `docker inspect` shows it; removed from the engine on drop.
struct Running(String);

impl Running {
    fn inspect(&self) -> Value {
        serde_json::from_str::<Value>(&docker_ok(&["inspect", &self.0])).unwrap()[0].clone()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        docker(&["rm", "-f", &self.0]);
    }
}

#[test]
fn from_the_registry_the_vm_pulls_the_image_by_digest_and_runs_it() {
    let b = berth();
    let mut cleanup = Cleanup::new();
    let name = cleanup.name();
    let (_, script) = vm_stack(&b, &name, &busybox(), &["--env", "GREETING=hello there", "--command", "sleep 3600"]);
    let digest = b.run(&["registry", "inspect", &busybox(), "-o", "json"]).ok().json()[0]["manifest_digest"]
        .as_str()
        .unwrap()
        .to_string();
    let pinned = format!("{}/library/busybox@{digest}", dev("BERTH_DEV_REGISTRY_ANON"));
    assert!(script.contains(&format!("image={pinned}\n")), "{script}");
    run_script(&script);
    let c = Running(name.clone());
    let i = c.inspect();
    assert_eq!(i["State"]["Running"], true, "{i}");
    assert_eq!(i["Config"]["Image"], pinned.as_str());
    assert!(i["Config"]["Env"].as_array().unwrap().contains(&Value::from("GREETING=hello there")), "{i}");
    assert_eq!(i["Config"]["Cmd"], serde_json::json!(["sleep", "3600"]));
}

/// An image of the test's own in the dev engine (a unique config, so a unique image ID): busybox that prints
/// `stamp` (as a line) and stays up. Returns its ID.
fn build(tag: &str, stamp: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("rootfs/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy("/bin/busybox", bin.join("busybox")).expect("/bin/busybox (Debian's busybox-static)");
    for l in ["sh", "cat", "sleep"] {
        std::os::unix::fs::symlink("busybox", bin.join(l)).unwrap();
    }
    std::fs::write(dir.path().join("stamp"), stamp).unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM scratch\nCOPY rootfs/ /\nCOPY stamp /stamp\nCMD [\"/bin/sh\", \"-c\", \"cat /stamp; echo; exec sleep 3600\"]\n",
    )
    .unwrap();
    let out = Command::new(dev("BERTH_DEV_DOCKER"))
        .args(["build", "--no-cache", "-q", "-t", tag])
        .arg(dir.path())
        .env("DOCKER_HOST", dev("BERTH_DEV_DOCKER_HOST"))
        .env("DOCKER_BUILDKIT", "0")
        .output()
        .unwrap();
    assert!(out.status.success(), "docker build: {}", String::from_utf8_lossy(&out.stderr));
    docker_ok(&["image", "inspect", "-f", "{{.Id}}", tag]).trim().to_string()
}

/// A request to Glance with a token: its HTTP status.
fn glance_status(token: &str, path: &str) -> u16 {
    let out = Command::new("curl")
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", &format!("X-Auth-Token: {token}")])
        .arg(format!("{}{path}", dev("BERTH_DEV_IMAGE_URL")))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).parse().unwrap()
}

/// Keystone's answer to authenticating with the application credential `id`/`secret` (the secret on curl's
/// stdin): the HTTP status and the token, when there is one.
fn credential_auth(id: &str, secret: &str) -> (u16, Option<String>) {
    let body = serde_json::json!({"auth": {"identity": {"methods": ["application_credential"],
        "application_credential": {"id": id, "secret": secret}}}});
    let mut child = Command::new("curl")
        .args(["-sS", "-D", "-", "-o", "/dev/null", "-H", "Content-Type: application/json", "-d", "@-"])
        .arg(format!("{}/auth/tokens", dev("BERTH_DEV_AUTH_URL")))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), body.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let head = String::from_utf8_lossy(&out.stdout).into_owned();
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let token = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("x-subject-token").then(|| v.trim().to_string())
    });
    (status, token)
}

/// A shell assignment `var='value'` of the script.
fn assigned(script: &str, var: &str) -> String {
    script
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{var}=")))
        .map(|v| v.trim_matches('\'').to_string())
        .unwrap_or_else(|| panic!("no `{var}=` in\n{script}"))
}

#[test]
fn from_glance_the_vm_downloads_with_a_credential_that_can_read_that_image_alone() {
    let b = berth().env("DOCKER_HOST", &dev("BERTH_DEV_DOCKER_HOST"));
    let tag = format!("{}/vm:1", unique("st"));
    let stamp = unique("stamp");
    let id = build(&tag, &stamp);
    let synced = b.run(&["image", "sync", "--from-daemon", &tag, "-o", "json"]).ok().json();
    let glance_id = synced[0]["id"].as_str().unwrap().to_string();
    // The engine forgets the image: the VM's script must fetch it from Glance.
    docker_ok(&["rmi", "-f", &tag]);
    assert!(!docker(&["image", "inspect", &id]).status.success());

    let mut cleanup = Cleanup::new();
    let name = cleanup.name();
    let (_, script) = vm_stack(&b, &name, &tag, &["--source", "glance", "--credential-ttl", "600"]);
    assert_eq!(assigned(&script, "image_id"), glance_id);
    assert_eq!(assigned(&script, "docker_id"), id);
    let said = run_script(&script);
    assert!(said.contains("Loaded image"), "{said}");
    let c = Running(name.clone());
    assert_eq!(c.inspect()["Image"], id.as_str());
    assert_eq!(c.inspect()["State"]["Running"], true);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    // Docker logs a line once it ends: the stamp, then the line end the command adds.
    while docker_ok(&["logs", &name]).trim_end() != stamp {
        assert!(std::time::Instant::now() < deadline, "the container did not print its stamp");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    drop(c);
    docker(&["rmi", "-f", &id]);

    // The credential in the user data reads that image's data, and nothing else of Glance.
    let (cred_id, cred_secret) = (assigned(&script, "credential_id"), assigned(&script, "credential_secret"));
    let token = credential_auth(&cred_id, &cred_secret).1.expect("a token of the image credential");
    assert_eq!(glance_status(&token, &format!("/v2/images/{glance_id}/file")), 200);
    for other in ["/v2/images".to_string(), format!("/v2/images/{glance_id}"), "/v2/schemas/image".to_string()] {
        assert_eq!(glance_status(&token, &other), 401, "the credential may GET {other}");
    }
    let (_, other_id) = super::synced(&b);
    assert_eq!(glance_status(&token, &format!("/v2/images/{other_id}/file")), 401, "it reads another image");

    // berth made it for this stack, short-lived; `stack delete` deletes it.
    let user = b.run(&["auth", "token", "-o", "value", "-c", "user_id"]).ok().stdout.trim().to_string();
    let listed = crate::common::api(
        b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim(),
        "GET",
        &format!("{}/users/{user}/application_credentials?name=berth-stack-{name}", dev("BERTH_DEV_AUTH_URL")),
        None,
    );
    let creds = listed["application_credentials"].as_array().unwrap();
    assert_eq!(creds.len(), 1, "{listed}");
    assert_eq!(creds[0]["access_rules"][0]["path"], format!("/v2/images/{glance_id}/file"));
    assert_eq!(creds[0]["access_rules"][0]["method"], "GET");
    assert!(creds[0]["expires_at"].is_string(), "{listed}");
    stack(&b, &["delete", &name, "--wait"]).ok();
    // Keystone no longer knows it (404), so no token.
    let (status, token) = credential_auth(&cred_id, &cred_secret);
    assert!(token.is_none() && matches!(status, 401 | 404), "the credential outlived its stack: HTTP {status}");
}
