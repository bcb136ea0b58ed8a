//! Idempotent re-sync and versions (`image history`, `rollback`, `prune`) against the real dev cloud: a tag of the
//! anonymous dev registry is moved with skopeo between syncs, as a registry push would move it.

use std::process::{Command, Stdio};

use crate::common::{Berth, demo, dev, push, unique};
use serde_json::Value;

fn sync(b: &Berth, args: &[&str]) -> (Value, String) {
    let mut a = vec!["image", "sync", "-o", "json", "-v"];
    a.extend_from_slice(args);
    let out = b.run(&a).ok();
    let rows = out.json();
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    (rows[0].clone(), out.stderr)
}

/// Glance images named `name`: the visible ones, or every version.
fn images(b: &Berth, name: &str, all_versions: bool) -> Vec<Value> {
    let mut args = vec!["image", "list", "-o", "json"];
    if all_versions {
        args.push("--all-versions");
    }
    let all = b.run(&args).ok().json();
    all.as_array().unwrap().iter().filter(|i| i["name"] == name).cloned().collect()
}

fn history(b: &Berth, name: &str) -> Vec<Value> {
    b.run(&["image", "history", name, "-o", "json"]).ok().json().as_array().unwrap().clone()
}

/// The one current version's ID.
#[track_caller]
fn current(h: &[Value]) -> String {
    let ids: Vec<&str> = h.iter().filter(|v| v["current"] == true).map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 1, "one current version: {h:#?}");
    ids[0].to_string()
}

/// Boot a server from an image ID; returns the server ID.
fn boot(b: &Berth, image: &str) -> String {
    let name = unique("v");
    let rows = b
        .run(&["boot", &name, "--image", image, "--flavor", "m1.tiny", "--no-network", "--wait", "-o", "json"])
        .ok()
        .json();
    assert_eq!(rows[0]["status"], "ACTIVE", "{rows}");
    rows[0]["id"].as_str().unwrap().to_string()
}

/// The registry requests of a `-v` log.
fn registry_requests(stderr: &str) -> Vec<&str> {
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    stderr.lines().filter(|l| l.starts_with("http: ") && l.contains(&format!("{anon}/v2/"))).collect()
}

#[test]
fn a_re_sync_of_an_unchanged_tag_transfers_nothing_and_force_uploads_again() {
    let b = demo();
    let repo = format!("{}/app", unique("v"));
    push("1.35", &format!("{repo}:v1"));
    let reference = format!("{}/{repo}:v1", dev("BERTH_DEV_REGISTRY_ANON"));
    let name = format!("{repo}:v1");
    let (first, _) = sync(&b, &[&reference, "--name", &name]);
    assert_eq!(first["status"], "synced");

    let (again, log) = sync(&b, &[&reference, "--name", &name]);
    assert_eq!(again["status"], "up to date");
    assert_eq!(again["id"], first["id"]);
    assert_eq!(again["digest"], first["digest"]);
    assert_eq!(images(&b, &name, true).len(), 1, "an unchanged tag made a new Glance image");
    // One manifest HEAD at the registry (a plain-http registry may cost a failed https attempt first), no GET.
    let reqs = registry_requests(&log);
    assert!(
        !reqs.is_empty() && reqs.iter().all(|l| l.starts_with("http: HEAD ") && l.contains("/manifests/v1")),
        "{reqs:#?}"
    );
    assert_eq!(reqs.iter().filter(|l| l.contains("-> 200")).count(), 1, "{reqs:#?}");
    // One Glance query, nothing written.
    let glance: Vec<&str> =
        log.lines().filter(|l| l.starts_with("http: ") && l.contains(&dev("BERTH_DEV_IMAGE_URL"))).collect();
    assert_eq!(glance.len(), 1, "{glance:#?}");
    assert!(glance[0].starts_with("http: GET "), "{glance:#?}");

    // The table says so too.
    let out = b.run(&["image", "sync", &reference, "--name", &name]).ok();
    assert!(out.stdout.contains("up to date"), "{}", out.stdout);

    // --force uploads again: a new current version, the first one hidden.
    let (forced, log) = sync(&b, &[&reference, "--name", &name, "--force"]);
    assert_eq!(forced["status"], "synced");
    assert_ne!(forced["id"], first["id"]);
    assert!(registry_requests(&log).iter().any(|l| l.contains("/blobs/")), "--force did not read the blobs");
    let visible = images(&b, &name, false);
    assert_eq!(visible.len(), 1, "{visible:#?}");
    assert_eq!(visible[0]["id"], forced["id"]);
    assert_eq!(images(&b, &name, true).len(), 2);
    b.run(&["image", "prune", &name, "--keep", "1", "--yes"]).ok();
    assert_eq!(images(&b, &name, true).len(), 1);
}

#[test]
fn a_moved_tag_makes_a_new_version_with_history_rollback_and_prune() {
    let b = demo();
    let seed = crate::common::seed();
    let repo = format!("{}/app", unique("v"));
    let tag = format!("{repo}:v1");
    let name = tag.clone();
    push("1.35", &tag);
    let reference = format!("{}/{tag}", dev("BERTH_DEV_REGISTRY_ANON"));
    let (old, _) = sync(&b, &[&reference, "--name", &name]);
    assert_eq!(old["digest"], seed["library/busybox:1.35"]["digest"]);
    let old_id = old["id"].as_str().unwrap().to_string();

    // The tag moves: a new version becomes current, the old one is hidden but still there.
    push("1.36", &tag);
    let (new, _) = sync(&b, &[&reference, "--name", &name]);
    assert_eq!(new["status"], "synced");
    assert_eq!(new["digest"], seed["library/busybox:1.36"]["digest"]);
    let new_id = new["id"].as_str().unwrap().to_string();
    let visible = images(&b, &name, false);
    assert_eq!(
        visible.iter().map(|i| i["id"].clone()).collect::<Vec<_>>(),
        [new["id"].clone()],
        "only the new version is listed"
    );
    assert_eq!(images(&b, &name, true).len(), 2, "--all-versions shows both");
    let shown = b.run(&["image", "show", &old_id, "-o", "json"]).ok().json();
    assert_eq!(shown["current"], false);
    assert_eq!(shown["version"], 1);
    let shown_new = b.run(&["image", "show", &new_id, "-o", "json"]).ok().json();
    assert_eq!((shown_new["current"].clone(), shown_new["version"].clone()), (Value::from(true), Value::from(2)));
    assert_eq!(shown_new["previous"], old_id.as_str());
    // And the new one is up to date now.
    assert_eq!(sync(&b, &[&reference, "--name", &name]).0["status"], "up to date");

    // The hidden version is still bootable by ID.
    let server = boot(&b, &old_id);

    // History: newest first, the current marker, the server using the old version.
    let h = history(&b, &name);
    assert_eq!(h.iter().map(|v| v["id"].as_str().unwrap()).collect::<Vec<_>>(), [new_id.as_str(), old_id.as_str()]);
    assert_eq!(h.iter().map(|v| v["version"].clone()).collect::<Vec<_>>(), [Value::from(2), Value::from(1)]);
    assert_eq!(current(&h), new_id);
    assert_eq!(h[0]["servers"], serde_json::json!([]));
    assert_eq!(h[1]["servers"].as_array().unwrap().len(), 1, "{h:#?}");
    for key in ["name", "repo_tag", "platform", "version", "id", "digest", "current", "created_at", "size", "servers"] {
        assert!(h[0].get(key).is_some(), "history lacks `{key}`");
    }
    // By docker reference too.
    assert_eq!(history(&b, &reference).len(), 2);
    // An admin sees servers of every project: the demo project's server keeps the old version from an admin's
    // prune too.
    let admin = crate::common::Berth::new().clouds().env("OS_CLOUD", "berth-admin");
    let h = history(&admin, &name);
    let used = h.iter().find(|v| v["id"] == old_id.as_str()).expect("the admin sees the old version");
    assert_eq!(used["servers"].as_array().unwrap().len(), 1, "{h:#?}");
    let plan = admin.run(&["image", "prune", &name, "--keep", "1", "--dry-run", "-o", "json"]).ok().json();
    let old_plan = plan
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == old_id.as_str())
        .expect("the old version is in the plan")
        .clone();
    assert_ne!(old_plan["action"], "delete", "{plan:#}");

    // Rollback: --dry-run prints the plan and changes nothing.
    let plan = b.run(&["image", "rollback", &name, "--dry-run", "-o", "json"]).ok().json();
    let actions: Vec<(&str, &str)> =
        plan.as_array().unwrap().iter().map(|r| (r["action"].as_str().unwrap(), r["id"].as_str().unwrap())).collect();
    assert_eq!(actions, [("make current", old_id.as_str()), ("hide", new_id.as_str())]);
    assert_eq!(current(&history(&b, &name)), new_id);
    b.run(&["image", "rollback", &name, "--steps", "2"]).code(2);
    b.run(&["image", "rollback", &name]).ok();
    assert_eq!(current(&history(&b, &name)), old_id);
    assert_eq!(images(&b, &name, false)[0]["id"], old_id.as_str());
    // Back again by digest.
    let digest = new["digest"].as_str().unwrap();
    b.run(&["image", "rollback", &name, "--to", digest]).ok();
    assert_eq!(current(&history(&b, &name)), new_id);
    // After a rollback, a sync of the tag makes its digest current again, restoring the hidden version.
    b.run(&["image", "rollback", &name]).ok();
    assert_eq!(current(&history(&b, &name)), old_id);
    let (restored, log) = sync(&b, &[&reference, "--name", &name]);
    assert_eq!((restored["status"].as_str(), restored["id"].as_str()), (Some("restored"), Some(new_id.as_str())));
    assert!(registry_requests(&log).iter().all(|l| l.starts_with("http: HEAD ")), "{log}");
    assert_eq!(current(&history(&b, &name)), new_id);
    assert_eq!(images(&b, &name, true).len(), 2);

    // A third version, so that prune has one to delete and one a server uses.
    push("1.35", &tag);
    let (third, _) = sync(&b, &[&reference, "--name", &name, "--force"]);
    let third_id = third["id"].as_str().unwrap().to_string();
    assert_eq!(current(&history(&b, &name)), third_id);

    // Prune without a terminal refuses unless --yes, and changes nothing.
    b.run(&["image", "prune", &name, "--keep", "1"]).code(2).stderr_has("--yes");
    assert_eq!(images(&b, &name, true).len(), 3);
    let plan = b.run(&["image", "prune", &name, "--keep", "1", "--dry-run", "-o", "json"]).ok().json();
    assert_eq!(plan.as_array().unwrap().iter().filter(|r| r["action"] == "delete").count(), 1, "{plan:#?}");
    assert_eq!(images(&b, &name, true).len(), 3);
    let done = b.run(&["image", "prune", &name, "--keep", "1", "--yes", "-o", "json"]).ok().json();
    let row = |id: &str| done.as_array().unwrap().iter().find(|r| r["id"] == id).cloned().unwrap_or(Value::Null);
    assert_eq!(row(&new_id)["action"], "deleted");
    assert_eq!(row(&third_id)["action"], "keep");
    assert_eq!(row(&third_id)["reason"], "current");
    assert_eq!(row(&old_id)["action"], "keep");
    assert!(row(&old_id)["reason"].as_str().unwrap().starts_with("used by server"), "{done:#?}");
    let left: Vec<Value> = images(&b, &name, true).iter().map(|i| i["id"].clone()).collect();
    assert_eq!(left.len(), 2);
    assert!(left.contains(&Value::from(old_id.as_str())) && left.contains(&Value::from(third_id.as_str())));

    // Once no server uses it, the old version goes too.
    b.run(&["server", "delete", "--wait", &server]).ok();
    b.run(&["image", "prune", &name, "--keep", "1", "--yes"]).ok();
    assert_eq!(
        images(&b, &name, true).iter().map(|i| i["id"].clone()).collect::<Vec<_>>(),
        [Value::from(third_id.as_str())]
    );
}

#[test]
fn an_interrupted_switch_converges_on_the_next_sync() {
    // Two visible versions of one image (as a sync stopped between upload and hiding the old one leaves them):
    // the next sync of the unchanged tag keeps the one with the tag's digest and hides the other.
    let b = demo();
    let repo = format!("{}/app", unique("v"));
    let tag = format!("{repo}:v1");
    push("1.35", &tag);
    let reference = format!("{}/{tag}", dev("BERTH_DEV_REGISTRY_ANON"));
    let (old, _) = sync(&b, &[&reference, "--name", &tag]);
    push("1.36", &tag);
    let (new, _) = sync(&b, &[&reference, "--name", &tag]);
    // Make the old one visible again behind berth's back.
    let old_id = old["id"].as_str().unwrap();
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let st = Command::new("curl")
        .args(["-fsS", "-o", "/dev/null", "-X", "PATCH", "-H", &format!("X-Auth-Token: {token}")])
        .args(["-H", "Content-Type: application/openstack-images-v2.1-json-patch"])
        .args(["-d", r#"[{"op": "replace", "path": "/os_hidden", "value": false}]"#])
        .arg(format!("{}/v2/images/{old_id}", dev("BERTH_DEV_IMAGE_URL")))
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(images(&b, &tag, false).len(), 2);
    let (again, _) = sync(&b, &[&reference, "--name", &tag]);
    assert_eq!(again["status"], "up to date");
    assert_eq!(again["id"], new["id"]);
    let visible = images(&b, &tag, false);
    assert_eq!(visible.len(), 1, "{visible:#?}");
    assert_eq!(visible[0]["id"], new["id"]);
    b.run(&["image", "prune", &tag, "--keep", "1", "--yes"]).ok();
}

#[test]
fn eight_concurrent_syncs_of_one_tag_transfer_it_once_and_agree_on_one_version() {
    // Two cron jobs or CI pipelines syncing the same tag is ordinary. Eight at once: one uploads, the others wait for
    // it and find it up to date; one current version, unique version numbers, nothing left behind.
    let b = demo();
    let repo = format!("{}/race", unique("c"));
    push("1.36", &format!("{repo}:t"));
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{repo}:t");
    let reference = format!("{anon}/{repo}:t");
    for round in ["first", "after the tag moved"] {
        let children: Vec<_> = (0..8)
            .map(|_| {
                b.command(&["image", "sync", &reference, "--name", &name, "-o", "json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
        let mut statuses = Vec::new();
        for o in &outs {
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert!(o.status.success(), "{round}: a sync failed: {stderr}");
            let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
            statuses.push(rows[0]["status"].as_str().unwrap().to_string());
        }
        assert_eq!(statuses.iter().filter(|s| *s == "synced").count(), 1, "{round}: one upload: {statuses:?}");
        assert!(statuses.iter().all(|s| s == "synced" || s == "up to date"), "{round}: {statuses:?}");
        let waited = outs
            .iter()
            .filter(|o| String::from_utf8_lossy(&o.stderr).contains("another sync is making this version"))
            .count();
        assert!(waited >= 1, "{round}: no sync said it waited for another");
        let h = history(&b, &name);
        current(&h);
        let versions: Vec<u64> = h.iter().map(|v| v["version"].as_u64().unwrap()).collect();
        let unique_versions: std::collections::BTreeSet<u64> = versions.iter().copied().collect();
        assert_eq!(versions.len(), unique_versions.len(), "{round}: version numbers repeat: {h:#?}");
        assert_eq!(images(&b, &name, false).len(), 1, "{round}: one visible image");
        push("1.35", &format!("{repo}:t"));
    }
    assert_eq!(history(&b, &name).len(), 2, "two versions in all: nothing uploaded twice, nothing left behind");
}

#[test]
fn a_new_version_stays_hidden_until_it_is_verified() {
    // While v2 uploads (its layer held back by the fault proxy), Glance's default listing shows only v1, the current
    // one; a half-uploaded image is never what `openstack server create --image NAME` or a driver finds.
    let b = demo();
    let repo = format!("{}/hide", unique("c"));
    push("1.36", &format!("{repo}:t"));
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{repo}:t");
    let (v1, _) = sync(&b, &[&format!("{anon}/{repo}:t"), "--name", &name]);
    push("1.35", &format!("{repo}:t"));
    // The layers stay under way until the test has looked (the file `release` appears).
    let release = b.home().join("release");
    let proxy =
        crate::common::FaultProxy::start(&format!("http://{anon}"), &["--hold-blobs", release.to_str().unwrap()]);
    let mut child = b
        .command(&["-v", "image", "sync", &format!("{}/{repo}:t", proxy.addr()), "--name", &name, "-o", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut log = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        assert!(std::io::BufRead::read_line(&mut log, &mut line).unwrap() > 0, "berth ended early:\n{seen}");
        seen.push_str(&line);
        if line.contains("/v2/images -> 201") {
            break;
        }
    }
    let visible = images(&b, &name, false);
    assert_eq!(visible.len(), 1, "only the current version is visible during the upload: {visible:#?}");
    assert_eq!(visible[0]["id"], v1["id"]);
    let pending: Vec<Value> = images(&b, &name, true).into_iter().filter(|i| i["id"] != v1["id"]).collect();
    assert_eq!(pending.len(), 1, "{pending:#?} {:#?} {seen}", images(&b, &name, true));
    assert_eq!(pending[0]["current"], false);
    std::fs::write(&release, "").unwrap();
    std::io::Read::read_to_string(&mut log, &mut seen).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{seen}");
    let visible = images(&b, &name, false);
    assert_eq!(visible.len(), 1, "{visible:#?}");
    assert_eq!(visible[0]["id"], pending[0]["id"], "the new version is current once verified");
}
