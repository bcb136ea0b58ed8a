//! The README's promises, kept against the real services: usage checks (`-c` included) come before anything
//! changes; a revoked token is an authentication failure (4); `server logs` has a structured form and ends with a
//! line end.

use crate::common::{Berth, demo, dev, glance_images, unique};

#[test]
fn an_unknown_column_is_refused_before_anything_is_changed() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{}/busybox:1.36", unique("col"));
    // A sync that would upload: nothing may reach Glance.
    let out =
        b.run(&["image", "sync", &format!("{anon}/library/busybox:1.36"), "--name", &name, "-c", "nosuch"]).code(2);
    assert!(out.stderr.contains("unknown column `nosuch`"), "{}", out.stderr);
    assert!(out.stderr.contains("status"), "the hint lists the columns: {}", out.stderr);
    assert!(glance_images(&b, &name).is_empty(), "the image was uploaded before the usage check");
    // A boot that would create a server: no server.
    let server = unique("col");
    b.run(&["boot", &server, "--image", &name, "--flavor", "m1.tiny", "--no-network", "-c", "nosuch"]).code(2);
    let servers = b.run(&["server", "list", "--name", &server, "-o", "json"]).ok().json();
    assert_eq!(servers.as_array().unwrap().len(), 0, "a server was created: {servers}");
    // Destructive commands: refused before they act, whatever they would have done.
    for args in [
        &["image", "prune", "--all", "--yes", "-c", "nosuch"][..],
        &["image", "rollback", "x", "-c", "nosuch"],
        &["server", "delete", "x", "-c", "nosuch"],
        &["auth", "revoke", "-c", "nosuch"],
        &["server", "logs", "x", "-c", "nosuch"],
        &["completions", "bash", "-c", "id"],
    ] {
        let out = b.run(args).code(2);
        assert!(out.stderr.contains("unknown column"), "{args:?}: {}", out.stderr);
    }
    // Known columns still work, in the user's spelling.
    b.run(&["auth", "token", "-c", "Expires-At", "-o", "value"]).ok();
}

#[test]
fn a_revoked_token_is_an_authentication_failure() {
    // The cached token is the one `auth revoke` revokes.
    let b = Berth::new().clouds().env("OS_CLOUD", "berth-demo");
    let id = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    b.run(&["auth", "revoke"]).ok();
    let auth_url = dev("BERTH_DEV_AUTH_URL");
    let args = [
        "--os-auth-url",
        &auth_url,
        "--os-token",
        &id,
        "--os-project-name",
        "demo",
        "--os-project-domain-name",
        "Default",
        "auth",
        "token",
    ];
    let out = Berth::new().run(&args).code(4);
    assert!(out.stderr.contains("revoked"), "the hint says why: {}", out.stderr);
    assert!(!out.stderr.contains("auth_url does not point at Keystone"), "{}", out.stderr);
}

#[test]
fn server_logs_ends_with_a_line_end_and_has_a_structured_form() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{}/busybox:1.36", unique("log"));
    b.run(&["image", "sync", &format!("{anon}/library/busybox:1.36"), "--name", &name]).ok();
    let server = unique("log");
    b.run(&["boot", &server, "--image", &name, "--flavor", "m1.tiny", "--no-network", "--wait"]).ok();
    let text = b.run(&["server", "logs", &server]).ok().stdout;
    assert!(text.is_empty() || text.ends_with('\n'), "{text:?}");
    let doc = b.run(&["server", "logs", &server, "-o", "json"]).ok().json();
    assert!(doc["server"].is_string() && doc["lines"].is_array(), "{doc}");
    let lines = doc["lines"].as_array().unwrap().len();
    assert_eq!(lines, text.lines().count(), "the same log, line by line");
    b.run(&["server", "delete", "--wait", &server]).ok();
}

#[test]
fn a_digest_alone_never_moves_the_latest_lineage() {
    // `repo:latest` synced, then the same repository by digest with the same --name: Docker gives a digest pull
    // no tag, so berth asks for one instead of making it `latest` version 2.
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = unique("dig");
    let seed = crate::common::seed();
    let digest = seed["library/busybox:1.35"]["digest"].as_str().unwrap().to_string();
    b.run(&["image", "sync", &format!("{anon}/library/busybox:latest"), "--name", &name]).ok();
    let by_digest = format!("{anon}/library/busybox@{digest}");
    let out = b.run(&["image", "sync", &by_digest, "--name", &name]).code(2);
    assert!(out.stderr.contains("by its digest alone") && out.stderr.contains(":TAG"), "{}", out.stderr);
    let latest = glance_images(&b, &format!("{name}:latest"));
    assert_eq!(latest.len(), 1, "the latest lineage is untouched: {latest:?}");
    // With a tag of its own it is a lineage of its own.
    let rows = b.run(&["image", "sync", &by_digest, "--name", &format!("{name}:pinned"), "-o", "json"]).ok().json();
    assert_eq!(rows[0]["name"], format!("{name}:pinned").as_str());
    assert_eq!(rows[0]["digest"], digest.as_str());
    assert_eq!(glance_images(&b, &format!("{name}:latest")).len(), 1);
}

#[test]
fn a_platform_the_image_does_not_offer_is_an_error_when_asked_for_and_a_warning_by_default() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let seed = crate::common::seed();
    let arm64 = seed["library/busybox:multi"]["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["platform"]["architecture"] == "arm64")
        .expect("the seed's multi-platform image has an arm64 entry")["digest"]
        .as_str()
        .unwrap()
        .to_string();
    // A single-platform arm64 image: its manifest by digest.
    let r = format!("{anon}/library/busybox@{arm64}");
    let out = b.run(&["registry", "inspect", &r, "--platform", "linux/amd64"]).code(1);
    assert!(out.stderr.contains("linux/arm64") && out.stderr.contains("--platform linux/arm64"), "{}", out.stderr);
    let out = b.run(&["registry", "inspect", &r, "-o", "json"]).ok();
    assert!(out.stderr.contains("warning:") && out.stderr.contains("(the default)"), "{}", out.stderr);
    assert_eq!(out.json()[0]["platform"], "linux/arm64/v8");

    let name = format!("{}:arm", unique("plat"));
    let out = b.run(&["image", "sync", &r, "--name", &name, "--platform", "linux/amd64"]).code(1);
    assert!(out.stderr.contains("not for `linux/amd64`"), "{}", out.stderr);
    assert!(glance_images(&b, &name).is_empty());
    let out = b.run(&["image", "sync", &r, "--name", &name, "-o", "json"]).ok();
    assert!(out.stderr.contains("warning:"), "{}", out.stderr);
    let id = out.json()[0]["id"].as_str().unwrap().to_string();
    let shown = crate::common::show(&b, &id);
    assert_eq!(shown["architecture"], "aarch64", "Glance's architecture is the image's own: {shown}");
}

#[test]
fn a_quota_refusal_is_no_missing_role() {
    // A project of the test's own whose RAM quota is 1 MiB: Nova refuses the boot with 403 "Quota exceeded".
    let token = crate::common::admin_token();
    let keystone = dev("BERTH_DEV_AUTH_URL");
    let project_name = unique("quota");
    let project = crate::common::api(
        &token,
        "POST",
        &format!("{keystone}/projects"),
        Some(serde_json::json!({"project": {"name": project_name, "domain_id": "default"}})),
    )["project"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let user = crate::common::api(
        &token,
        "GET",
        &format!("{keystone}/users?name={}", dev("BERTH_DEV_DEMO_USER")),
        None,
    )["users"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let role = crate::common::api(&token, "GET", &format!("{keystone}/roles?name=member"), None)["roles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    crate::common::api(&token, "PUT", &format!("{keystone}/projects/{project}/users/{user}/roles/{role}"), None);
    crate::common::api(
        &token,
        "PUT",
        &format!("{}/os-quota-sets/{project}", dev("BERTH_DEV_COMPUTE_URL")),
        Some(serde_json::json!({"quota_set": {"ram": 1}})),
    );
    let b = demo().env("OS_PROJECT_NAME", &project_name).env("OS_PROJECT_DOMAIN_NAME", "Default");
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{}/busybox:1.36", unique("quota"));
    b.run(&["image", "sync", &format!("{anon}/library/busybox:1.36"), "--name", &name]).ok();
    let out = b.run(&["boot", &unique("q"), "--image", &name, "--flavor", "m1.tiny", "--no-network"]);
    crate::common::api(&token, "DELETE", &format!("{keystone}/projects/{project}"), None);
    let out = out.code(1);
    assert!(out.stderr.to_ascii_lowercase().contains("quota exceeded"), "{}", out.stderr);
    assert!(out.stderr.contains("openstack quota show"), "the hint names the quota: {}", out.stderr);
    assert!(!out.stderr.contains("lacks the role"), "{}", out.stderr);
}

#[test]
fn a_dry_run_uses_no_pulls_and_never_says_it_synced() {
    // A registry that counts pulls (the fault proxy's Docker-Hub-style rate limit, one pull left): a dry run asks by
    // HEAD alone, so the pull is still there afterwards; and its summary never claims a sync.
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let proxy = crate::common::FaultProxy::start(&format!("http://{anon}"), &["--ratelimit", "100:1"]);
    let prefix = unique("dry");
    let refs = [format!("{}/library/busybox:1.36", proxy.addr()), format!("{}/library/busybox:1.35", proxy.addr())];
    let mut args = vec!["image", "sync", "--dry-run", "-o", "json"];
    args.extend(refs.iter().map(String::as_str));
    let out = b.run(&args).ok();
    let rows = out.json();
    assert_eq!(rows.as_array().unwrap().len(), 2, "{rows}");
    assert!(rows.as_array().unwrap().iter().all(|r| r["status"] == "would sync" && r["size"].is_null()), "{rows}");
    let gets: Vec<_> = proxy
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "GET" && r["path"].as_str().unwrap().contains("/manifests/"))
        .collect();
    assert!(gets.is_empty(), "a dry run pulled: {gets:?}");
    // The pull is still there for the real sync.
    let name = format!("{prefix}/busybox:1.36");
    b.run(&["image", "sync", &refs[0], "--name", &name]).ok();

    // A dry run of which one image cannot be planned: the summary says nothing was synced.
    let out = b
        .run(&[
            "image",
            "sync",
            "--dry-run",
            &format!("{anon}/library/busybox:1.36"),
            &format!("{anon}/library/busybox:nosuch"),
        ])
        .code(6);
    assert!(
        out.stderr.contains("dry run: nothing was synced") && !out.stderr.contains("the others are synced"),
        "{}",
        out.stderr
    );
}

#[test]
fn smaller_promises_config_sources_image_show_by_reference_prune_declined_and_name_exit_codes() {
    let b = demo();
    // config show: each file with where it was found.
    let rows = b.run(&["config", "show", "-o", "json"]).ok().json();
    let row = |key: &str| rows.as_array().unwrap().iter().find(|r| r["key"] == key).cloned();
    assert_eq!(row("clouds_file").unwrap()["source"], "env OS_CLIENT_CONFIG_FILE", "{rows}");
    assert_eq!(row("secure_file").unwrap()["source"], "env OS_CLIENT_SECURE_FILE", "{rows}");
    assert!(row("config_file").is_none(), "{rows}");

    // image show takes a docker reference as boot and history do.
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let repo = format!("{}/show", unique("p"));
    let name = format!("{repo}:1.36");
    crate::common::push("1.36", &format!("{repo}:a"));
    crate::common::push("1.35", &format!("{repo}:b"));
    b.run(&["image", "sync", &format!("{anon}/{repo}:a"), "--name", &name]).ok();
    b.run(&["image", "sync", &format!("{anon}/{repo}:b"), "--name", &name]).ok();
    let shown = b.run(&["image", "show", &name, "-o", "json"]).ok().json();
    assert_eq!(shown["repo_tag"], name.as_str());
    // By the reference one version was synced from, the whole lineage is judged (both versions), not that one.
    let by_ref = b.run(&["image", "history", &format!("{anon}/{repo}:b"), "-o", "json"]).ok().json();
    let of_ours: Vec<_> = by_ref.as_array().unwrap().iter().filter(|v| v["name"] == name.as_str()).collect();
    assert_eq!(of_ours.len(), 2, "{by_ref}");

    // A declined prune on a terminal is an answer: exit 0, nothing deleted.
    let before = b.run(&["image", "history", &name, "-o", "json"]).ok().json().as_array().unwrap().len();
    assert_eq!(before, 2);
    let out = b.on_a_terminal(&["image", "prune", &name, "--keep", "1"], "n\n");
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("nothing was deleted"), "{}", out.stdout);
    assert_eq!(b.run(&["image", "history", &name, "-o", "json"]).ok().json().as_array().unwrap().len(), 2);

    // A name that matches nothing is a usage error (2) everywhere.
    for args in [
        &["image", "history", "nosuch-image-xyz:1"][..],
        &["image", "rollback", "nosuch-image-xyz:1"],
        &["image", "show", "nosuch-image-xyz:1"],
        &["server", "show", "nosuch-server-xyz"],
        &["catalog", "show", "nosuch-service"],
        &["boot", "x", "--image", "nosuch-image-xyz:1", "--flavor", "m1.tiny", "--no-network"],
    ] {
        b.run(args).code(2);
    }
    // A boot hint never suggests syncing what is no reference.
    let out = b.run(&["boot", "x", "--image", "a:b:c", "--flavor", "m1.tiny", "--no-network"]).code(2);
    assert!(!out.stderr.contains("image sync a:b:c"), "{}", out.stderr);
}
