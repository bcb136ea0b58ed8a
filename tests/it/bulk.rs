//! Bulk `berth image sync`: a sync file (skopeo sync's YAML plus per-repository options), `--all-tags`, `-j`,
//! `--dry-run`, and the partial-failure summary, against the dev environment's real registries and Glance.

use std::path::PathBuf;

use crate::common::{Berth, Out, demo, dev, unique};
use serde_json::Value;

/// A sync file in a fresh directory (kept until the test ends).
struct SyncFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn sync_file(text: &str) -> SyncFile {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("images.yaml");
    std::fs::write(&path, text).unwrap();
    SyncFile { _dir: dir, path }
}

fn sync(b: &Berth, args: &[&str]) -> Out {
    let mut a = vec!["image", "sync", "-o", "json"];
    a.extend_from_slice(args);
    b.run(&a)
}

fn rows(out: &Out) -> Vec<Value> {
    out.json().as_array().unwrap().clone()
}

/// The row for a Glance name (and platform), which must be there exactly once.
#[track_caller]
fn row<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    let found: Vec<&Value> = rows.iter().filter(|r| r["name"] == name).collect();
    assert_eq!(found.len(), 1, "one row for `{name}` in {rows:#?}");
    found[0]
}

/// Every Glance image (hidden versions too) named `name`.
fn glance(b: &Berth, name: &str) -> Vec<Value> {
    let all = b.run(&["image", "list", "--all", "--all-versions", "-o", "json"]).ok().json();
    all.as_array().unwrap().iter().filter(|i| i["name"] == name).cloned().collect()
}

fn show(b: &Berth, id: &str) -> Value {
    b.run(&["image", "show", id, "-o", "json"]).ok().json()
}

#[test]
fn a_sync_file_with_lists_ranges_regexes_and_entry_options() {
    let b = demo();
    let (anon, prefix) = (dev("BERTH_DEV_REGISTRY_ANON"), unique("bulk"));
    let f = sync_file(&format!(
        r#"
{anon}:
  images:
    library/busybox:
      tags: ["1.36", "1.35"]
      name: {prefix}/zun
      for: zun
      properties: {{team: ops, tier: 2}}
      glance-tags: [prod]
  images-by-semver:
    library/busybox: ">= 1.35, < 1.36"
  images-by-tag-regex:
    private/secret: "^1\\."
"#
    ));
    let out = sync(&b, &["-f", f.path.to_str().unwrap()]).ok();
    let r = rows(&out);
    // Two Zun-named images under one Glance name (two lineages: one per docker tag), the semver match under its
    // reference's own name, the regex match from the private repository.
    let zun: Vec<&Value> = r.iter().filter(|x| x["name"] == format!("{prefix}/zun")).collect();
    assert_eq!(zun.len(), 2, "{r:#?}");
    assert!(zun.iter().all(|x| x["status"] == "synced"));
    for z in &zun {
        let shown = show(&b, z["id"].as_str().unwrap());
        let tags = shown["tags"].as_array().unwrap();
        assert!(tags.contains(&Value::from("prod")), "{shown:#}");
        assert!(tags.contains(&Value::from("1.36")) || tags.contains(&Value::from("1.35")), "{shown:#}");
        assert_eq!(shown["properties"]["team"], "ops");
        assert_eq!(shown["properties"]["tier"], "2");
    }
    let semver = row(&r, &format!("{anon}/library/busybox:1.35"));
    assert!(["synced", "up to date"].contains(&semver["status"].as_str().unwrap()));
    let secret = row(&r, &format!("{anon}/private/secret:1.0"));
    assert!(["synced", "up to date"].contains(&secret["status"].as_str().unwrap()));
    // Both Zun images are current: parallel syncs under one name do not hide each other.
    let current: Vec<Value> =
        glance(&b, &format!("{prefix}/zun")).into_iter().filter(|i| i["current"] == true).collect();
    assert_eq!(current.len(), 2);

    // Again: nothing to transfer.
    let again = rows(&sync(&b, &["-f", f.path.to_str().unwrap()]).ok());
    assert_eq!(again.len(), r.len());
    assert!(again.iter().all(|x| x["status"] == "up to date"), "{again:#?}");
}

#[test]
fn one_image_failing_does_not_stop_the_others_and_the_exit_code_says_partial() {
    let b = demo();
    let (anon, prefix) = (dev("BERTH_DEV_REGISTRY_ANON"), unique("part"));
    let f = sync_file(&format!(
        "{anon}:\n  images:\n    library/busybox:\n      tags: [\"1.36\", \"no-such-tag\", \"1.35\"]\n      name: {prefix}/bb\n"
    ));
    let out = sync(&b, &["-f", f.path.to_str().unwrap(), "-j", "2"]).code(6);
    assert!(out.stderr.contains("no tag `no-such-tag`"), "{}", out.stderr);
    assert!(out.stderr.contains("1 of 3 images failed to sync"), "{}", out.stderr);
    let r = rows(&out);
    assert_eq!(r.len(), 3, "a row for each: {r:#?}");
    let order: Vec<&str> = r.iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(
        order,
        [format!("{prefix}/bb:1.36"), format!("{prefix}/bb:no-such-tag"), format!("{prefix}/bb:1.35")],
        "in the order asked for"
    );
    assert_eq!(row(&r, &format!("{prefix}/bb:1.36"))["status"], "synced");
    assert_eq!(row(&r, &format!("{prefix}/bb:1.35"))["status"], "synced");
    let failed = row(&r, &format!("{prefix}/bb:no-such-tag"));
    assert_eq!(failed["status"], "failed");
    assert!(failed["error"].as_str().unwrap().contains("no-such-tag"), "{failed:#}");
    assert!(glance(&b, &format!("{prefix}/bb:no-such-tag")).is_empty(), "nothing is left for the failed one");
    // Everything failed: the failure's own code, not "partial".
    let f = sync_file(&format!(
        "{anon}:\n  images:\n    library/busybox:\n      tags: [\"gone-1\", \"gone-2\"]\n      name: {prefix}/none\n"
    ));
    let out = sync(&b, &["-f", f.path.to_str().unwrap()]).code(1);
    assert_eq!(rows(&out).len(), 2);
}

#[test]
fn all_tags_syncs_every_tag_of_a_repository() {
    let b = demo();
    let (anon, prefix) = (dev("BERTH_DEV_REGISTRY_ANON"), unique("all"));
    let repo = format!("{anon}/library/busybox");
    let tags: Vec<String> = b
        .run(&["registry", "tags", &repo, "-o", "json"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().or(t.as_str()).unwrap().to_string())
        .collect();
    assert!(tags.len() >= 4, "{tags:?}");
    let name = format!("{prefix}/bb");
    let r = rows(&sync(&b, &["--all-tags", &repo, "--name", &name, "-j", "3"]).ok());
    let mut got: Vec<String> =
        r.iter().map(|x| x["name"].as_str().unwrap().trim_start_matches(&format!("{name}:")).to_string()).collect();
    got.sort();
    got.dedup();
    let mut want = tags.clone();
    want.sort();
    assert_eq!(got, want);
    assert!(r.iter().all(|x| x["status"] == "synced"), "{r:#?}");
    // A tag given with --all-tags, or a tagged --name, is a usage error.
    sync(&b, &["--all-tags", &format!("{repo}:1.36")]).code(2).stderr_has("takes repositories");
    sync(&b, &["--all-tags", &repo, "--name", &format!("{name}:x")]).code(2).stderr_has("has a tag");
    // An unknown repository: its own error, exit 1.
    sync(&b, &["--all-tags", &format!("{anon}/library/{prefix}")]).code(1).stderr_has("cannot list the tags");
}

#[test]
fn dry_run_changes_nothing_and_says_what_would_happen() {
    let b = demo();
    let (anon, prefix) = (dev("BERTH_DEV_REGISTRY_ANON"), unique("dry"));
    let f = sync_file(&format!(
        "{anon}:\n  images:\n    library/busybox:\n      tags: [\"1.36\", \"multi\"]\n      name: {prefix}/bb\n      all-platforms: true\n"
    ));
    let r = rows(&sync(&b, &["-f", f.path.to_str().unwrap(), "--dry-run"]).ok());
    assert!(r.len() >= 3, "1.36 and every platform of multi: {r:#?}");
    assert!(r.iter().all(|x| x["status"] == "would sync" && x["id"] == ""), "{r:#?}");
    assert!(r.iter().any(|x| x["platform"].as_str().unwrap().starts_with("linux/arm64")), "{r:#?}");
    assert!(
        glance(&b, &format!("{prefix}/bb:1.36")).is_empty() && glance(&b, &format!("{prefix}/bb:multi")).is_empty()
    );
    sync(&b, &["-f", f.path.to_str().unwrap()]).ok();
    let r = rows(&sync(&b, &["-f", f.path.to_str().unwrap(), "--dry-run"]).ok());
    assert!(r.iter().all(|x| x["status"] == "up to date"), "{r:#?}");
}

#[test]
fn registry_credentials_and_tls_come_from_the_sync_file() {
    let b = demo();
    let prefix = unique("cred");
    let certs = tempfile::tempdir().unwrap();
    std::fs::copy(dev("BERTH_DEV_REGISTRY_CA"), certs.path().join("ca.crt")).unwrap();
    let f = sync_file(&format!(
        "{basic}:\n  credentials: {{username: {user}, password: '{password}'}}\n  images:\n    library/busybox:\n      tags: [\"1.36\"]\n      name: {prefix}/basic\n\
         {tls}:\n  cert-dir: {certs}\n  images:\n    library/busybox:\n      tags: [\"1.35\"]\n      name: {prefix}/tls\n\
         {tls_ip}:\n  tls-verify: false\n  images:\n    library/busybox:\n      tags: [\"1.36\"]\n      name: {prefix}/noverify\n",
        basic = dev("BERTH_DEV_REGISTRY_BASIC"),
        user = dev("BERTH_DEV_REGISTRY_BASIC_USER"),
        password = dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD"),
        tls = dev("BERTH_DEV_REGISTRY_TLS_HOST"),
        tls_ip = dev("BERTH_DEV_REGISTRY_TLS"),
        certs = certs.path().display(),
    ));
    // Out::checked (in every run) fails the test if the password shows up in any output.
    let r = rows(&sync(&b, &["-f", f.path.to_str().unwrap()]).ok());
    assert_eq!(row(&r, &format!("{prefix}/basic:1.36"))["status"], "synced");
    assert_eq!(row(&r, &format!("{prefix}/tls:1.35"))["status"], "synced");
    assert_eq!(row(&r, &format!("{prefix}/noverify:1.36"))["status"], "synced");
    // Without them: the basic registry refuses (exit 4, the first failure's code) and TLS verification fails,
    // each on its own row.
    let f = sync_file(&format!(
        "{basic}:\n  images:\n    library/busybox:\n      tags: [\"1.36\"]\n      name: {prefix}/basic2\n{tls}:\n  images:\n    library/busybox:\n      tags: [\"1.35\"]\n      name: {prefix}/tls2\n",
        basic = dev("BERTH_DEV_REGISTRY_BASIC"),
        tls = dev("BERTH_DEV_REGISTRY_TLS_HOST"),
    ));
    let out = sync(&b, &["-f", f.path.to_str().unwrap()]).code(4);
    let r = rows(&out);
    assert!(r.iter().all(|x| x["status"] == "failed"), "{r:#?}");
    assert!(row(&r, &format!("{prefix}/tls2:1.35"))["error"].as_str().unwrap().contains("TLS verification"), "{r:#?}");
}

#[test]
fn sync_file_mistakes_are_usage_errors() {
    let b = Berth::new();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let f = sync_file(&format!("{anon}:\n  images:\n    library/busybox: [1.10]\n"));
    b.run(&["image", "sync", "-f", f.path.to_str().unwrap()]).code(2).stderr_has("YAML number");
    let f = sync_file(&format!("{anon}:\n  imgs:\n    library/busybox: []\n"));
    b.run(&["image", "sync", "-f", f.path.to_str().unwrap()]).code(2).stderr_has("unknown field `imgs`");
    b.run(&["image", "sync", "-f", "/nonexistent/images.yaml"]).code(2).stderr_has("cannot read the sync file");
    let f = sync_file(&format!("{anon}:\n  images:\n    library/busybox@x: [\"1\"]\n"));
    b.run(&["image", "sync", "-f", f.path.to_str().unwrap()]).code(2).stderr_has("is not a repository");
    let f = sync_file(&format!("{anon}:\n  images:\n    library/busybox: [\"1.36\"]\n"));
    b.run(&["image", "sync", "-f", f.path.to_str().unwrap(), "--name", "x/y"]).code(2);
    b.run(&["image", "sync"]).code(2);
    b.run(&["image", "sync", "busybox", "-j", "0"]).code(2);
    b.run(&["image", "sync", "busybox", "--property", "owner=me"]).code(2).stderr_has("Glance's own attribute");
    let f = sync_file(&format!("{anon}:\n  images:\n    library/busybox:\n      properties: {{berth_version: 9}}\n"));
    b.run(&["image", "sync", "-f", f.path.to_str().unwrap()]).code(2).stderr_has("not a property berth can set");
}

/// The most GETs with `path_part` in their path the proxy served at the same time.
fn most_at_once(requests: &[Value], path_part: &str) -> usize {
    let spans: Vec<(f64, f64)> = requests
        .iter()
        .filter(|r| r["method"] == "GET" && r["path"].as_str().unwrap().contains(path_part) && r["start"].is_f64())
        .map(|r| (r["start"].as_f64().unwrap(), r["end"].as_f64().unwrap()))
        .collect();
    spans.iter().map(|(s, e)| spans.iter().filter(|(s2, e2)| s2 < e && s < e2).count()).max().unwrap_or(0)
}

#[test]
fn per_registry_bounds_the_transfers_from_one_registry() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    // Slow blobs (about half a second each), so images synced at once overlap at the registry.
    for (per_registry, bounded) in [("1", true), ("3", false)] {
        let proxy = crate::common::FaultProxy::start(&format!("http://{anon}"), &["--slow-blobs", "0.002"]);
        let prefix = unique("per");
        let f = sync_file(&format!(
            "{}:\n  images:\n    library/busybox:\n      tags: [\"1.35\", \"1.36\", \"latest\"]\n      name: {prefix}/bb\n",
            proxy.addr()
        ));
        let r = rows(&sync(&b, &["-f", f.path.to_str().unwrap(), "-j", "3", "--per-registry", per_registry]).ok());
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|x| x["status"] == "synced"), "{r:#?}");
        let at_once = most_at_once(&proxy.requests(), "/blobs/sha256:");
        if bounded {
            assert_eq!(at_once, 1, "--per-registry 1: one blob download at a time");
        } else {
            assert!(at_once >= 2, "--per-registry 3 with -j 3: downloads overlap ({at_once} at most)");
        }
    }
}

#[test]
fn each_platform_of_a_multi_platform_image_succeeds_or_fails_on_its_own() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let seed = crate::common::seed();
    let manifests = seed["library/busybox:multi"]["manifests"].as_array().unwrap().clone();
    let arm = manifests.iter().find(|m| m["platform"]["architecture"] == "arm64").unwrap();
    // Only the arm64 image's own layer arrives spoiled.
    let arm_layer = arm["layers"][0]["digest"].as_str().unwrap();
    let proxy =
        crate::common::FaultProxy::start(&format!("http://{anon}"), &["--corrupt-blobs", "--blob-path", arm_layer]);
    let name = format!("{}/bb", unique("plat"));
    let out =
        sync(&b, &[&format!("{}/library/busybox:multi", proxy.addr()), "--all-platforms", "--name", &name]).code(6);
    let r = rows(&out);
    let amd = r.iter().find(|x| x["platform"] == "linux/amd64").expect("an amd64 row");
    assert_eq!(amd["status"], "synced", "{r:#?}");
    let failed = r.iter().find(|x| x["status"] == "failed").expect("a failed row");
    assert!(failed["platform"].as_str().unwrap().starts_with("linux/arm64"), "{r:#?}");
    assert!(out.stderr.contains("digest"), "{}", out.stderr);
    // Only the verified platform is in Glance.
    let stored = glance(&b, &format!("{name}:multi"));
    assert_eq!(stored.len(), 1, "{stored:#?}");
    assert_eq!(stored[0]["platform"], "linux/amd64");
}

#[test]
fn tag_lists_are_fetched_at_once_up_to_jobs() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    for (jobs, together) in [("1", false), ("3", true)] {
        // Each tag list takes half a second to come, so lists fetched at once overlap at the registry.
        let proxy = crate::common::FaultProxy::start(&format!("http://{anon}"), &["--delay-gets", "/tags/list:0.5"]);
        let f = sync_file(&format!(
            "{}:\n  images-by-semver:\n    library/busybox: \">= 1.35, < 1.36\"\n  images-by-tag-regex:\n    private/secret: \"^1\\\\.\"\n  images:\n    library/busybox:\n      tag-regex: \"^1\\\\.36$\"\n",
            proxy.addr()
        ));
        let r = rows(&sync(&b, &["-f", f.path.to_str().unwrap(), "-j", jobs, "--dry-run"]).ok());
        assert_eq!(r.len(), 3, "{r:#?}");
        let at_once = most_at_once(&proxy.requests(), "/tags/list");
        if together {
            assert!(at_once >= 2, "-j 3: the three tag lists overlap ({at_once} at most)");
        } else {
            assert_eq!(at_once, 1, "-j 1: one tag list at a time");
        }
    }
}

#[test]
fn exclude_and_newest_narrow_tag_lists() {
    let b = demo();
    let (anon, prefix) = (dev("BERTH_DEV_REGISTRY_ANON"), unique("narrow"));
    let repo = format!("{anon}/library/busybox");
    let name = format!("{prefix}/bb");
    let tags_of = |out: Out| {
        let mut t: Vec<String> = rows(&out)
            .iter()
            .map(|x| x["name"].as_str().unwrap().trim_start_matches(&format!("{name}:")).to_string())
            .collect();
        t.sort();
        t.dedup();
        t
    };
    // Every tag but the `multi*` and `oci` ones (unanchored regexes, repeatable).
    let got = tags_of(
        sync(&b, &["--all-tags", &repo, "--name", &name, "--exclude", "multi", "--exclude", "^oci$", "--dry-run"]).ok(),
    );
    assert_eq!(got, ["1.35", "1.36", "latest"]);
    // The highest version only: tags that are no version (`latest`, `multi`) are left out.
    let got = tags_of(sync(&b, &["--all-tags", &repo, "--name", &name, "--newest", "1", "--dry-run"]).ok());
    assert_eq!(got, ["1.36"]);
    // The sync file's own: a section's `exclude` and an entry's `newest` on top of the command line's.
    let f = sync_file(&format!(
        "{anon}:\n  exclude: [\"^1\\\\.36$\"]\n  images:\n    library/busybox:\n      name: {name}\n      newest: 5\n"
    ));
    let got = tags_of(sync(&b, &["-f", f.path.to_str().unwrap(), "--dry-run"]).ok());
    assert_eq!(got, ["1.35"]);
    // Narrowing everything away says so; narrowing no tag list is a usage error, and so is a bad regex.
    sync(&b, &["--all-tags", &repo, "--exclude", ".", "--dry-run"]).code(1).stderr_has("except `.`");
    sync(&b, &[&format!("{repo}:1.36"), "--newest", "2"]).code(2).stderr_has("no tag list was asked for");
    sync(&b, &["--all-tags", &repo, "--exclude", "("]).code(2).stderr_has("`--exclude`: the regex `(` is invalid");
    assert!(glance(&b, &format!("{name}:1.36")).is_empty(), "dry runs change nothing");
}

/// `repo:t00` .. `repo:t{n-1}` in the anonymous registry: one skopeo copy, then its manifest put under each tag.
fn many_tags(repo: &str, n: usize) {
    crate::common::push("1.36", &format!("{repo}:t00"));
    let base = format!("http://{}/v2/{repo}/manifests", dev("BERTH_DEV_REGISTRY_ANON"));
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("manifest");
    let accept =
        "Accept: application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";
    let got = std::process::Command::new("curl")
        .args(["-fsS", "-H", accept, "-w", "%{content_type}", "-o"])
        .arg(&manifest)
        .arg(format!("{base}/t00"))
        .output()
        .unwrap();
    assert!(got.status.success(), "{}", String::from_utf8_lossy(&got.stderr));
    let kind = String::from_utf8_lossy(&got.stdout).trim().to_string();
    for i in 1..n {
        let put = std::process::Command::new("curl")
            .args(["-fsS", "-X", "PUT", "-H", &format!("Content-Type: {kind}"), "--data-binary"])
            .arg(format!("@{}", manifest.display()))
            .arg(format!("{base}/t{i:02}"))
            .output()
            .unwrap();
        assert!(put.status.success(), "{}", String::from_utf8_lossy(&put.stderr));
    }
}

#[test]
fn a_bulk_re_sync_lists_only_its_own_names_and_finds_every_tag_up_to_date() {
    // 34 tags: a bulk run (32 images or more), which lists Glance once instead of asking per image.
    let repo = format!("{}/many", unique("bulk"));
    many_tags(&repo, 34);
    let source = format!("{}/{repo}", dev("BERTH_DEV_REGISTRY_ANON"));
    let name = format!("{}/many", unique("bulk"));
    let b = demo();
    let first = rows(&sync(&b, &["--all-tags", &source, "--name", &name, "-j", "8"]).ok());
    assert_eq!(first.len(), 34, "{first:#?}");
    assert!(first.iter().all(|r| r["status"] == "synced"), "{first:#?}");

    // Again, through a proxy that records what Glance is asked: every tag up to date, decided from a listing
    // of this run's names alone (the project's other docker images are not read), and no query per image.
    let proxy = crate::common::FaultProxy::start(&dev("BERTH_DEV_IMAGE_URL"), &[]);
    let counted = crate::common::demo_with(&format!("    image_endpoint_override: http://{}\n", proxy.addr()));
    let again = rows(&sync(&counted, &["--all-tags", &source, "--name", &name, "-j", "8"]).ok());
    assert_eq!(again.len(), 34);
    assert!(again.iter().all(|r| r["status"] == "up to date"), "{again:#?}");
    let ids = |rs: &[Value]| {
        let mut v: Vec<String> = rs.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&again), ids(&first), "the same Glance images, found again");
    let lists: Vec<String> = proxy
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "GET" && r["path"].as_str().unwrap().starts_with("/v2/images?"))
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert!(!lists.is_empty() && lists.len() <= 4, "one listing (visible and hidden) of the names: {lists:#?}");
    assert!(lists.iter().all(|p| p.contains("name=in%3A")), "every listing names its images: {lists:#?}");
    let others: Vec<Value> = proxy
        .requests()
        .into_iter()
        .filter(|r| !(r["method"] == "GET" && r["path"].as_str().unwrap().starts_with("/v2/images?")))
        .filter(|r| r["path"].as_str().unwrap().starts_with("/v2/"))
        .collect();
    assert!(others.is_empty(), "a no-op asks Glance nothing else: {others:#?}");
}
