//! `berth boot` and `berth server ...` against the dev cloud's real Nova (fake virt driver) and Glance, from
//! images synced by berth.

use std::process::Command;

use crate::common::{Berth, FaultProxy, Out, demo, demo_with, dev, unique};
use serde_json::Value;

/// Sync the seeded busybox:1.36 under a unique docker name; returns (docker name, Glance ID).
pub fn synced_image(b: &Berth) -> (String, String) {
    let name = format!("{}/busybox:1.36", unique("b"));
    let out = b
        .run(&[
            "image",
            "sync",
            "-o",
            "json",
            &format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_ANON")),
            "--name",
            &name,
        ])
        .ok();
    let id = out.json()[0]["id"].as_str().unwrap().to_string();
    (name, id)
}

pub fn boot(b: &Berth, args: &[&str]) -> Out {
    let mut a = vec!["boot", "-o", "json"];
    a.extend_from_slice(args);
    b.run(&a)
}

pub fn delete(b: &Berth, ids: &[&str]) {
    let mut a = vec!["server", "delete", "--wait"];
    a.extend_from_slice(ids);
    b.run(&a).ok();
}

/// Servers whose name starts with `prefix`.
pub fn servers_named(b: &Berth, prefix: &str) -> Vec<Value> {
    let all = b.run(&["server", "list", "-o", "json"]).ok().json();
    all.as_array().unwrap().iter().filter(|s| s["name"].as_str().unwrap().starts_with(prefix)).cloned().collect()
}

fn glance_curl(b: &Berth, method: &str, path: &str, body: Option<&str>, content_type: &str) -> Value {
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let mut c = Command::new("curl");
    c.args([
        "-fsS",
        "-X",
        method,
        "-H",
        &format!("X-Auth-Token: {token}"),
        "-H",
        &format!("Content-Type: {content_type}"),
    ]);
    if let Some(b) = body {
        c.args(["-d", b]);
    }
    let out = c.arg(format!("{}{path}", dev("BERTH_DEV_IMAGE_URL"))).output().unwrap();
    assert!(out.status.success(), "curl {method} {path}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

#[test]
fn boot_by_docker_reference_wait_show_logs_delete() {
    let b = demo();
    let (image, image_id) = synced_image(&b);
    let name = unique("b");
    let out = boot(
        &b,
        &[
            &name,
            "--image",
            &image,
            "--flavor",
            "m1.tiny",
            "--no-network",
            "--env",
            "GREETING=hello",
            "--property",
            "team=ops",
            "--wait",
            "-v",
        ],
    )
    .ok();
    assert!(out.stderr.contains("berth uses 2."), "no microversion under -v:\n{}", out.stderr);
    let rows = out.json();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let server = &rows[0];
    assert_eq!(server["status"], "ACTIVE");
    assert_eq!(server["name"], name.as_str());
    assert_eq!(server["image"], image.as_str());
    assert_eq!(server["flavor"], "m1.tiny");
    let id = server["id"].as_str().unwrap();

    let shown = b.run(&["server", "show", &name, "-o", "json"]).ok().json();
    assert_eq!(shown["image"], image_id.as_str());
    assert_eq!(shown["metadata"]["GREETING"], "hello");
    assert_eq!(shown["metadata"]["team"], "ops");
    // For scripts: the ID alone.
    let only_id = b.run(&["server", "show", id, "-o", "value", "-c", "id"]).ok();
    assert_eq!(only_id.stdout.trim(), id);

    // The fake driver's console log stands in for the container log.
    let logs = b.run(&["server", "logs", &name]).ok();
    assert!(logs.stdout.contains("FAKE CONSOLE OUTPUT"), "{}", logs.stdout);
    // Nova's console log has no final line end (the fake driver's neither): berth adds one, and only one.
    assert!(logs.stdout.ends_with("LAST LINE\n"), "{:?}", logs.stdout);

    // Filters.
    let by_image = b.run(&["server", "list", "--image", &image, "-o", "json"]).ok().json();
    assert!(by_image.as_array().unwrap().iter().any(|s| s["id"] == id));
    let by_status = b.run(&["server", "list", "--status", "ERROR", "-o", "json"]).ok().json();
    assert!(!by_status.as_array().unwrap().iter().any(|s| s["id"] == id));

    b.run(&["server", "delete", "--wait", &name, "-o", "json"]).ok();
    assert!(servers_named(&b, &name).is_empty());
}

#[test]
fn boot_by_glance_id_and_count() {
    let b = demo();
    let (_, image_id) = synced_image(&b);
    let name = unique("b");
    let rows =
        boot(&b, &[&name, "--image", &image_id, "--flavor", "m1.tiny", "--no-network", "--count", "3", "--wait"])
            .ok()
            .json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["status"] == "ACTIVE"), "{rows:?}");
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    delete(&b, &ids);
    assert!(servers_named(&b, &name).is_empty());
}

#[test]
fn a_boot_nova_cannot_place_shows_the_fault() {
    let b = demo();
    let (image, _) = synced_image(&b);
    let name = unique("b");
    boot(&b, &[&name, "--image", &image, "--flavor", "x1.huge", "--no-network", "--wait"])
        .code(1)
        .stderr_has("went to ERROR: No valid host was found")
        .stderr_has("hint: no compute host accepted the request")
        .stderr_has("berth server delete");
    let left = servers_named(&b, &name);
    assert_eq!(left.len(), 1, "the failed server should be left without --delete-on-failure");
    assert_eq!(left[0]["status"], "ERROR");
    let shown = b.run(&["server", "show", left[0]["id"].as_str().unwrap(), "-o", "json"]).ok().json();
    assert!(shown["fault"]["message"].as_str().unwrap().contains("No valid host"));
    delete(&b, &[left[0]["id"].as_str().unwrap()]);

    // --delete-on-failure cleans up.
    let name = unique("b");
    boot(&b, &[&name, "--image", &image, "--flavor", "x1.huge", "--no-network", "--wait", "--delete-on-failure"])
        .code(1)
        .stderr_has("No valid host")
        .stderr_has("--delete-on-failure");
    assert!(servers_named(&b, &name).is_empty());
}

#[test]
fn a_wait_that_runs_out_exits_with_the_timeout_code() {
    let b = demo();
    let (image, _) = synced_image(&b);
    let name = unique("b");
    // The first poll comes right after the POST; the dev cloud's driver keeps this server BUILD for 10 s.
    let args =
        [name.as_str(), "--image", &image, "--flavor", "m1.tiny", "--no-network", "--property", "berth_spawn_delay=10"];
    boot(&b, &[&args[..], &["--wait", "--timeout", "0.01"]].concat())
        .code(5)
        .stderr_has("still BUILD")
        .stderr_has("berth server delete");
    let left = servers_named(&b, &name);
    assert_eq!(left.len(), 1);
    delete(&b, &[left[0]["id"].as_str().unwrap()]);
}

#[test]
fn preflight_refusals_create_nothing() {
    let b = demo();
    let (image, image_id) = synced_image(&b);

    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--flavor".into(), "m1.tnyi".into()], "did you mean `m1.tiny`?"),
        (
            vec!["--flavor".into(), "m1.tiny".into(), "--volume".into(), "0b1c3e5a-0000-4000-8000-000000000001".into()],
            "cannot attach Cinder volumes",
        ),
        (vec!["--flavor".into(), "m1.tiny".into(), "--config-drive".into()], "no config drive"),
        (vec!["--flavor".into(), "m1.tiny".into(), "--command".into(), "sleep 1".into()], "os_command_line"),
        (
            vec!["--flavor".into(), "m1.tiny".into(), "--network".into(), "privat".into()],
            "no network is called `privat`",
        ),
    ];
    for (extra, needle) in cases {
        let name = unique("b");
        let mut args: Vec<&str> = vec![&name, "--image", &image];
        if !extra.iter().any(|a| a == "--network") {
            args.push("--no-network");
        }
        args.extend(extra.iter().map(String::as_str));
        boot(&b, &args).code(2).stderr_has(needle);
        assert!(servers_named(&b, &name).is_empty(), "{args:?} created a server");
    }

    // No network named where demo sees two it may boot on (private, shared): Nova would answer 409.
    let name = unique("b");
    boot(&b, &[&name, "--image", &image, "--flavor", "m1.tiny"])
        .code(2)
        .stderr_has("none was named")
        .stderr_has("--no-network");
    assert!(servers_named(&b, &name).is_empty());

    // An unknown image, with a suggestion from the docker images.
    let name = unique("b");
    let typo = image.replace("busybox", "busybx");
    boot(&b, &[&name, "--image", &typo, "--flavor", "m1.tiny", "--no-network"]).code(2).stderr_has("did you mean");

    // A non-docker image.
    let bare = glance_curl(
        &b,
        "POST",
        "/v2/images",
        Some(&format!(r#"{{"name": "{}", "container_format": "bare", "disk_format": "raw"}}"#, unique("b"))),
        "application/json",
    );
    let bare_id = bare["id"].as_str().unwrap();
    boot(&b, &[&name, "--image", bare_id, "--flavor", "m1.tiny", "--no-network"])
        .code(2)
        .stderr_has("container_format `bare`");
    glance_curl(&b, "DELETE", &format!("/v2/images/{bare_id}"), None, "application/json");

    // A flavor too small for the image's min_ram.
    glance_curl(
        &b,
        "PATCH",
        &format!("/v2/images/{image_id}"),
        Some(r#"[{"op": "replace", "path": "/min_ram", "value": 4096}]"#),
        "application/openstack-images-v2.1-json-patch",
    );
    boot(&b, &[&name, "--image", &image_id, "--flavor", "m1.tiny", "--no-network"]).code(2).stderr_has("is too small");
    assert!(servers_named(&b, &name).is_empty());
}

#[test]
fn admins_are_warned_when_no_hypervisor_runs_containers() {
    let admin = Berth::new().clouds().env("OS_CLOUD", "berth-admin");
    let (image, _) = synced_image(&admin);
    let name = unique("b");
    let out = boot(&admin, &[&name, "--image", &image, "--flavor", "m1.tiny", "--no-network", "--wait"]).ok();
    assert!(
        out.stderr.contains("warning: no hypervisor of this cloud is a container one (docker, lxc): it has fake"),
        "{}",
        out.stderr
    );
    // The admin sees the host.
    assert!(out.json()[0]["host"].as_str().is_some_and(|h| !h.is_empty()), "{}", out.stdout);
    delete(&admin, &[out.json()[0]["id"].as_str().unwrap()]);
    // A member may not list hypervisors: no warning, no failure.
    let b = demo();
    let (image, _) = synced_image(&b);
    let name = unique("b");
    let out = boot(&b, &[&name, "--image", &image, "--flavor", "m1.tiny", "--no-network"]);
    let out = out.ok();
    assert!(!out.stderr.contains("warning: no hypervisor"));
    delete(&b, &[out.json()[0]["id"].as_str().unwrap()]);
}

#[test]
fn ctrl_c_during_the_wait_leaves_the_server_or_deletes_it() {
    let b = demo();
    let (image, _) = synced_image(&b);
    for delete_on_failure in [false, true] {
        // Nova behind a proxy that holds every GET of a server for 30 s: the boot is still waiting at SIGINT, even
        // when a loaded machine makes this test slow to see the server (3 s was not always enough). After SIGINT
        // berth sends no GET of a server, so the hold costs nothing. The proxy relays to Nova's root; the override
        // adds the /v2.1 of the real endpoint.
        let proxy = FaultProxy::start(
            dev("BERTH_DEV_COMPUTE_URL").trim_end_matches("/v2.1"),
            &["--delay-gets", "/servers/:30"],
        );
        let slow = demo_with(&format!("    compute_endpoint_override: http://{}/v2.1\n", proxy.addr()));
        let name = unique("b");
        let mut args = vec!["boot", &name, "--image", &image, "--flavor", "m1.tiny", "--no-network", "--wait"];
        if delete_on_failure {
            args.push("--delete-on-failure");
        }
        let child = slow
            .command(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the server exists (seen directly, not through the proxy), then interrupt the wait.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while servers_named(&b, &name).is_empty() {
            assert!(std::time::Instant::now() < deadline, "the server never appeared");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "{stderr}");
        assert!(stderr.contains("interrupted while waiting"), "{stderr}");
        let left = servers_named(&b, &name);
        if delete_on_failure {
            assert!(stderr.contains("--delete-on-failure"), "{stderr}");
            // Nova may still be finishing the delete: wait until it is gone.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
            while !servers_named(&b, &name).is_empty() {
                assert!(std::time::Instant::now() < deadline, "the interrupted server was not deleted");
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
        } else {
            assert!(stderr.contains("berth server delete"), "{stderr}");
            assert_eq!(left.len(), 1, "the interrupted server should be left");
            delete(&b, &[left[0]["id"].as_str().unwrap()]);
        }
    }
}
