//! `image sync` to several Glances at once (`--to`, the sync file's `to:`), the report file, and mirror mode
//! (`--prune-missing`), against the dev cloud's real Glance and registry. "Another cloud" is the dev cloud as
//! another identity (berth-admin: another project, so another set of images); a destination that fails mid-stream
//! is berth-admin's Glance through the fault proxy.

use std::process::Command;

use crate::common::{Berth, FaultProxy, dev, push, unique};
use serde_json::Value;

/// berth with a clouds.yaml of the test's own: berth-demo (the current cloud) and berth-admin, whose entry gets
/// `admin_extra` (indented YAML lines, e.g. an `image_endpoint_override`); the passwords stay in secure.yaml.
fn two_clouds(admin_extra: &str) -> Berth {
    let b = Berth::new();
    let entry = |name: &str, user: &str, project: &str, extra: &str| {
        format!(
            "  {name}:\n    auth:\n      auth_url: {}\n      username: {user}\n      project_name: {project}\n      \
             user_domain_name: Default\n      project_domain_name: Default\n    region_name: {}\n    interface: public\n{extra}",
            dev("BERTH_DEV_AUTH_URL"),
            dev("BERTH_DEV_REGION")
        )
    };
    let text = format!(
        "clouds:\n{}{}",
        entry("berth-demo", &dev("BERTH_DEV_DEMO_USER"), &dev("BERTH_DEV_DEMO_PROJECT"), ""),
        entry("berth-admin", &dev("BERTH_DEV_ADMIN_USER"), &dev("BERTH_DEV_ADMIN_PROJECT"), admin_extra)
    );
    let path = b.home().join("clouds.yaml");
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap().to_string();
    b.env("OS_CLIENT_CONFIG_FILE", &p)
        .env("OS_CLIENT_SECURE_FILE", &dev("BERTH_DEV_SECURE_YAML"))
        .env("OS_CLOUD", "berth-demo")
}

/// berth as `cloud` of the dev clouds.yaml.
fn cloud(name: &str) -> Berth {
    Berth::new().clouds().env("OS_CLOUD", name)
}

/// Every version (hidden ones too) named `name`, as `b` sees them.
fn versions(b: &Berth, name: &str) -> Vec<Value> {
    let all = b.run(&["image", "list", "--all-versions", "-o", "json"]).ok().json();
    all.as_array().unwrap().iter().filter(|i| i["name"] == name).cloned().collect()
}

/// The versions of `name` as `image history` shows them: `b`'s own project's, or when it has none, every one `b`
/// sees (an admin's `image list` shows every project's).
fn own_versions(b: &Berth, name: &str) -> Vec<Value> {
    let out = b.run(&["image", "history", name, "-o", "json"]);
    if out.code == 2 && out.stderr.contains("no docker image") {
        return vec![];
    }
    out.ok().json().as_array().unwrap().clone()
}

fn visible(b: &Berth, name: &str) -> Vec<Value> {
    let all = b.run(&["image", "list", "-o", "json"]).ok().json();
    all.as_array().unwrap().iter().filter(|i| i["name"] == name).cloned().collect()
}

#[track_caller]
fn row<'a>(rows: &'a [Value], destination: &str) -> &'a Value {
    let found: Vec<&Value> = rows.iter().filter(|r| r["destination"] == destination).collect();
    assert_eq!(found.len(), 1, "one row for `{destination}` in {rows:#?}");
    found[0]
}

#[test]
fn one_read_streams_to_every_destination_and_a_failing_one_drops_out() {
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let region = dev("BERTH_DEV_REGION");
    let (demo_dest, admin_dest) = (format!("berth-demo/{region}"), format!("berth-admin/{region}"));
    let name = format!("{}/fan:1", unique("f"));
    // The registry through a proxy that counts what is read; berth-admin's Glance fails the upload mid-way.
    let registry = FaultProxy::start(&format!("http://{anon}"), &[]);
    let glance = FaultProxy::start(&dev("BERTH_DEV_IMAGE_URL"), &["--fail-upload", "503:200000"]);
    let b = two_clouds(&format!("    image_endpoint_override: http://{}\n", glance.addr()));
    let report = b.home().join("report.jsonl");
    let source = format!("{}/library/busybox:1.36", registry.addr());
    // `image sync SOURCE --name NAME --to berth-demo --to berth-admin -o json`, and `more`.
    let to_both = |more: &[&str]| -> Vec<String> {
        let head = ["image", "sync", &source, "--name", &name, "--to", "berth-demo", "--to", "berth-admin"];
        head.iter().chain(more).chain(&["-o", "json"]).map(|s| s.to_string()).collect()
    };
    let out = b.run_args(&to_both(&["--report", report.to_str().unwrap()]));
    let out = out.code(6).stderr_has(&format!("to `{admin_dest}`"));
    let rows = out.json().as_array().unwrap().clone();
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(row(&rows, &demo_dest)["status"], "synced");
    assert_eq!(row(&rows, &admin_dest)["status"], "failed");
    // The registry was read once: every blob once, however many destinations.
    let blob_gets: Vec<String> = registry
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "GET" && r["path"].as_str().unwrap().contains("/blobs/"))
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    let mut distinct = blob_gets.clone();
    distinct.sort();
    distinct.dedup();
    assert!(!blob_gets.is_empty() && blob_gets.len() == distinct.len(), "{blob_gets:#?}");
    // The failed destination has nothing left; the other has its image, current.
    let failed = out.stderr.split("the incomplete Glance image `").nth(1).and_then(|r| r.split('`').next());
    let failed = failed.unwrap_or_else(|| panic!("the error names the deleted record: {}", out.stderr));
    cloud("berth-admin").run(&["image", "show", failed]).code(2);
    let demo = versions(&cloud("berth-demo"), &name);
    let ids = |rows: &[Value]| rows.iter().map(|r| r["id"].clone()).collect::<Vec<_>>();
    // berth-admin has none of its own, so it is shown berth-demo's (an admin sees every project's).
    assert_eq!(ids(&own_versions(&cloud("berth-admin"), &name)), ids(&demo), "the failed record was deleted");
    assert_eq!((demo.len(), &demo[0]["current"]), (1, &Value::from(true)), "{demo:#?}");
    // The report: a line per image and destination.
    let lines: Vec<Value> =
        std::fs::read_to_string(&report).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    let ok = lines.iter().find(|l| l["destination"] == demo_dest.as_str()).unwrap();
    assert_eq!(ok["glance_id"], demo[0]["id"]);
    assert_eq!(ok["reference"], source.as_str());
    assert_eq!(ok["manifest_digest"], demo[0]["digest"]);
    assert_eq!(ok["status"], "synced");
    assert!(ok["bytes"].as_u64().unwrap() > 0 && ok["seconds"].as_f64().is_some(), "{ok}");
    let bad = lines.iter().find(|l| l["destination"] == admin_dest.as_str()).unwrap();
    assert_eq!(bad["status"], "failed");
    // The proxy answers 503 and closes mid-body: berth reads the 503, or (when the close wins) fails writing.
    let error = bad["error"].as_str().unwrap();
    assert!(["503", "Broken pipe", "reset by peer"].iter().any(|e| error.contains(e)), "{bad}");
    assert!(error.contains(&format!("to `{admin_dest}`")) && error.contains("was deleted"), "{bad}");

    // Again, without the fault: up to date at one destination, synced at the other, and only the other read.
    let fixed = two_clouds("");
    let before = registry.requests().len();
    let out = fixed.run_args(&to_both(&[]));
    let rows = out.ok().json().as_array().unwrap().clone();
    assert_eq!(row(&rows, &demo_dest)["status"], "up to date");
    assert_eq!(row(&rows, &admin_dest)["status"], "synced");
    assert_eq!(row(&rows, &demo_dest)["digest"], row(&rows, &admin_dest)["digest"]);
    let again: Vec<Value> = registry.requests().into_iter().skip(before).collect();
    let blob_gets = again.iter().filter(|r| r["method"] == "GET" && r["path"].as_str().unwrap().contains("/blobs/"));
    assert_eq!(blob_gets.count(), distinct.len(), "one read for the one destination that needed it: {again:#?}");
    assert_eq!(own_versions(&cloud("berth-admin"), &name).len(), 1);
    // A third time: nothing to read but the manifest's HEAD.
    let before = registry.requests().len();
    let rows = fixed
        .run(&["image", "sync", &source, "--name", &name, "--to", "berth-demo", "--to", "berth-admin", "-o", "json"])
        .ok()
        .json();
    assert!(rows.as_array().unwrap().iter().all(|r| r["status"] == "up to date"), "{rows:#?}");
    let again: Vec<Value> = registry.requests().into_iter().skip(before).collect();
    assert!(again.iter().all(|r| r["method"] == "HEAD" || r["path"] == "/v2/"), "{again:#?}");
}

#[test]
fn destinations_are_checked_before_anything_is_read() {
    let b = two_clouds("");
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let source = format!("{anon}/library/busybox:1.36");
    b.run(&["image", "sync", &source, "--to", "a/b/c"]).code(2).stderr_has("is not a destination");
    b.run(&["image", "sync", &source, "--to", "/"]).code(2).stderr_has("is not a destination");
    b.run(&["image", "sync", &source, "--to", "nosuch"]).code(2).stderr_has("cloud `nosuch` is not in");
    b.run(&["image", "sync", &source, "--to", "/NoSuchRegion"])
        .code(2)
        .stderr_has("`NoSuchRegion` has no image endpoint");
    b.run(&["image", "sync", &source, "--stores", "fast"])
        .code(2)
        .stderr_has("has no store `fast`")
        .stderr_has("its stores: fs");
    // The OS_* variables are the current cloud's: never applied to another one.
    // (The current cloud is not even opened when no destination is in it.)
    let out = two_clouds("").env("OS_PASSWORD", "not-for-other-clouds").run(&[
        "image",
        "sync",
        &source,
        "--to",
        "berth-admin",
        "--dry-run",
        "-o",
        "json",
    ]);
    let rows = out.ok().json();
    assert_eq!(rows[0]["destination"], format!("berth-admin/{}", dev("BERTH_DEV_REGION")).as_str(), "{rows}");
}

#[test]
fn mirror_mode_hides_or_deletes_what_left_the_source_but_never_what_a_server_uses() {
    let b = two_clouds("");
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let prefix = unique("m");
    let repo = format!("{prefix}/app");
    // Three tags of different content (so deleting one's manifest leaves the others).
    push("1.36", &format!("{repo}:keep"));
    push("1.35", &format!("{repo}:gone"));
    push("oci", &format!("{repo}:used"));
    let source = format!("{anon}/{repo}");
    let name = format!("{prefix}/mirror");
    let rows = b.run(&["image", "sync", "--all-tags", &source, "--name", &name, "-o", "json"]).ok().json();
    assert_eq!(rows.as_array().unwrap().len(), 3, "{rows:#?}");
    let id_of = |tag: &str| {
        let v = visible(&b, &format!("{name}:{tag}"));
        assert_eq!(v.len(), 1, "{tag}: {v:#?}");
        v[0]["id"].as_str().unwrap().to_string()
    };
    let (keep, gone, used) = (id_of("keep"), id_of("gone"), id_of("used"));
    let server = unique("m");
    b.run(&["boot", &server, "--image", &used, "--flavor", "m1.tiny", "--no-network", "--wait"]).ok();
    // An image of the same name berth did not make from that repository: never touched.
    let not_berths = b
        .run(&[
            "image",
            "sync",
            &format!("{anon}/library/busybox:1.35"),
            "--name",
            &format!("{prefix}/other:gone"),
            "-o",
            "json",
        ])
        .ok()
        .json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for tag in ["gone", "used"] {
        let st = Command::new("skopeo")
            .args(["delete", "--tls-verify=false", &format!("docker://{source}:{tag}")])
            .status()
            .unwrap();
        assert!(st.success(), "skopeo delete {tag}");
    }
    let sync = |extra: &[&str]| {
        let mut a = vec!["image", "sync", "--all-tags", &source, "--name", &name, "--prune-missing", "-o", "json"];
        a.extend_from_slice(extra);
        b.run(&a)
    };
    // Without a terminal it needs --yes, and says so before anything changes.
    sync(&[]).code(2).stderr_has("--yes");
    // The plan: hide `gone`, leave `used` (a server boots from it), `keep` is up to date.
    let rows = sync(&["--dry-run"]).ok().json();
    let status = |rows: &Value, id: &str| {
        rows.as_array().unwrap().iter().find(|r| r["id"] == id).map(|r| r["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status(&rows, &gone).as_deref(), Some("would hide"), "{rows:#?}");
    assert_eq!(status(&rows, &used).as_deref(), Some("in use"), "{rows:#?}");
    assert_eq!(status(&rows, &keep).as_deref(), Some("up to date"), "{rows:#?}");
    assert_eq!(visible(&b, &format!("{name}:gone")).len(), 1, "a dry run changes nothing");
    let out = sync(&["--yes"]).ok();
    let rows = out.json();
    assert_eq!(status(&rows, &gone).as_deref(), Some("hidden"), "{rows:#?}");
    assert!(out.stderr.contains(&server), "the warning names the server: {}", out.stderr);
    assert!(visible(&b, &format!("{name}:gone")).is_empty());
    assert_eq!(versions(&b, &format!("{name}:gone")).len(), 1, "hidden, not deleted");
    assert_eq!(visible(&b, &format!("{name}:used")).len(), 1, "in use: left as it is");
    // --delete: the hidden one goes too; the one in use and the one berth did not make from there stay.
    let rows = sync(&["--yes", "--delete"]).ok().json();
    assert_eq!(status(&rows, &gone).as_deref(), Some("deleted"), "{rows:#?}");
    assert!(versions(&b, &format!("{name}:gone")).is_empty());
    assert_eq!(visible(&b, &format!("{name}:used")).len(), 1);
    assert_eq!(visible(&b, &format!("{prefix}/other:gone"))[0]["id"], not_berths.as_str());
    b.run(&["server", "delete", &server, "--wait"]).ok();
}

/// berth as `cloud`, showing what RegionTwo's Glance holds.
fn in_region_two(cloud_name: &str) -> Berth {
    cloud(cloud_name).env("OS_REGION_NAME", &dev("BERTH_DEV_REGION2"))
}

#[test]
fn glances_that_refuse_direct_uploads_get_the_import_api() {
    let b = cloud("berth-demo");
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let two = dev("BERTH_DEV_REGION2");
    let prefix = unique("i");
    // auto: the direct upload is refused (403, by policy), RegionTwo offers glance-direct: staged and imported.
    let name = format!("{prefix}/auto:1");
    let out = b.run(&[
        "image",
        "sync",
        &format!("{anon}/library/busybox:1.36"),
        "--name",
        &name,
        "--to",
        &format!("/{two}"),
        "-o",
        "json",
    ]);
    let out = out.ok().stderr_has("refuses direct uploads: using its import API (`glance-direct`)");
    let rows = out.json();
    assert_eq!(
        (rows[0]["status"].as_str(), rows[0]["destination"].as_str()),
        (Some("synced"), Some(&*format!("berth-demo/{two}")))
    );
    let shown =
        in_region_two("berth-demo").run(&["image", "show", rows[0]["id"].as_str().unwrap(), "-o", "json"]).ok().json();
    assert_eq!(
        (shown["status"].as_str(), shown["size"].as_u64()),
        (Some("active"), rows[0]["size"].as_u64()),
        "{shown}"
    );
    assert!(own_versions(&cloud("berth-demo"), &name).is_empty(), "RegionOne got nothing");

    // RegionOne and RegionTwo at once through the import API of both: one read of the registry for both.
    let registry = FaultProxy::start(&format!("http://{anon}"), &[]);
    let name = format!("{prefix}/both:1");
    let rows = b
        .run(&[
            "image",
            "sync",
            &format!("{}/library/busybox:1.35", registry.addr()),
            "--name",
            &name,
            "--all-regions",
            "--upload-method",
            "glance-direct",
            "-o",
            "json",
        ])
        .ok()
        .json();
    let mut dests: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["destination"].as_str().unwrap()).collect();
    dests.sort();
    assert_eq!(dests, [format!("berth-demo/{}", dev("BERTH_DEV_REGION")), format!("berth-demo/{two}")]);
    assert!(rows.as_array().unwrap().iter().all(|r| r["status"] == "synced"), "{rows:#?}");
    let blob_gets: Vec<Value> = registry
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "GET" && r["path"].as_str().unwrap().contains("/blobs/"))
        .collect();
    let mut distinct: Vec<&str> = blob_gets.iter().map(|r| r["path"].as_str().unwrap()).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(blob_gets.len(), distinct.len(), "{blob_gets:#?}");

    // direct: refused, and the record is gone.
    let name = format!("{prefix}/direct:1");
    let out = b.run(&[
        "image",
        "sync",
        &format!("{anon}/library/busybox:1.36"),
        "--name",
        &name,
        "--to",
        &format!("/{two}"),
        "--upload-method",
        "direct",
    ]);
    out.code(4).stderr_has("refuses direct uploads").stderr_has("was deleted");
    assert!(own_versions(&in_region_two("berth-demo"), &name).is_empty());
}

#[test]
fn stores_of_a_multi_store_glance_get_a_copy() {
    // copy-image is an admin's by Glance's default policy.
    let b = cloud("berth-admin");
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let two = dev("BERTH_DEV_REGION2");
    let stores = dev("BERTH_DEV_GLANCE2_STORES");
    let name = format!("{}/stores:1", unique("s"));
    let rows = b
        .run(&[
            "image",
            "sync",
            &format!("{anon}/library/busybox:1.36"),
            "--name",
            &name,
            "--to",
            &format!("/{two}"),
            "--stores",
            &stores,
            "-o",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(rows[0]["status"], "synced", "{rows}");
    let id = rows[0]["id"].as_str().unwrap();
    let token = crate::common::admin_token();
    let img = crate::common::api(&token, "GET", &format!("{}/v2/images/{id}", dev("BERTH_DEV_GLANCE2_URL")), None);
    let mut held: Vec<&str> = img["stores"].as_str().unwrap().split(',').collect();
    held.sort();
    let mut want: Vec<&str> = stores.split(',').collect();
    want.sort();
    assert_eq!(held, want, "{img}");
    b.run(&["image", "sync", "x", "--to", &format!("/{two}"), "--stores", "nosuch"])
        .code(2)
        .stderr_has("has no store `nosuch`");
}

#[test]
fn ctrl_c_during_a_fan_out_deletes_the_incomplete_records_everywhere() {
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let region = dev("BERTH_DEV_REGION");
    // The layer is held back by the proxy (nothing creates `never`), so the upload is under way when both records
    // exist.
    let never = std::env::temp_dir().join(format!("{}-never", unique("hold")));
    let registry = FaultProxy::start(&format!("http://{anon}"), &["--hold-blobs", never.to_str().unwrap()]);
    let name = format!("{}/int:1", unique("c"));
    let b = cloud("berth-demo");
    let source = format!("{}/library/busybox:1.36", registry.addr());
    let (code, log) = crate::common::signal_once_records_exist(
        &b,
        &["image", "sync", &source, "--name", &name, "--to", "berth-demo", "--to", "berth-admin"],
        "INT",
        2,
    );
    assert_eq!(code, Some(130), "{log}");
    for dest in ["berth-demo", "berth-admin"] {
        // Both records existed (they are made at once) and each deletion names its destination.
        assert!(log.contains(&format!("` at `{dest}/{region}`")), "{log}");
        assert!(own_versions(&cloud(dest), &name).is_empty(), "{dest} kept a record: {log}");
    }
    assert!(log.contains("deleted the incomplete Glance image"), "{log}");
}
