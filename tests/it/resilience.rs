//! Faults during `image sync`, injected by `tests/tools/faultproxy.py` in front of the dev environment's real
//! registry and real Glance (the faults real services do not produce on demand), plus a real Keystone token
//! revoked mid-sync. In each case: the sync succeeds with the right image, or fails cleanly (no wrong image
//! active, nothing left in Glance), and a re-run converges.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::common::{Berth, FaultProxy, Out, demo, demo_with, dev, seed, unique};
use serde_json::Value;

/// The anonymous dev registry behind a fault proxy with `flags`.
fn registry_proxy(flags: &[&str]) -> FaultProxy {
    FaultProxy::start(&format!("http://{}", dev("BERTH_DEV_REGISTRY_ANON")), flags)
}

/// The seeded image `library/busybox:<tag>`: manifest digest and its big (first) layer's digest and size.
fn seeded(tag: &str) -> (String, String, u64) {
    let s = &seed()[format!("library/busybox:{tag}")];
    let layer = &s["layers"][0];
    (
        s["digest"].as_str().unwrap().to_string(),
        layer["digest"].as_str().unwrap().to_string(),
        layer["size"].as_u64().unwrap(),
    )
}

/// Every Glance image named `name`, older (hidden) versions included.
fn all_versions(b: &Berth, name: &str) -> Vec<Value> {
    let all = b.run(&["image", "list", "--all-versions", "-o", "json"]).ok().json();
    all.as_array().unwrap().iter().filter(|i| i["name"] == name).cloned().collect()
}

fn show(b: &Berth, id: &str) -> Value {
    b.run(&["image", "show", id, "-o", "json"]).ok().json()
}

/// The sync's one row, after checking it is the verified, active, current image of `digest`.
#[track_caller]
fn synced_right(b: &Berth, out: Out, name: &str, digest: &str) -> (Value, String) {
    let out = out.ok();
    let rows = out.json();
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    let row = rows[0].clone();
    assert_eq!(row["status"], "synced", "{row}");
    assert_eq!(row["digest"], digest, "{row}");
    let image = show(b, row["id"].as_str().unwrap());
    assert_eq!(image["status"], "active", "{image}");
    let visible: Vec<Value> = all_versions(b, name).into_iter().filter(|i| i["current"] == true).collect();
    assert_eq!(visible.len(), 1, "one current version of {name}: {visible:#?}");
    assert_eq!(visible[0]["id"], row["id"]);
    (row, out.stderr)
}

/// The requests the proxy saw for paths containing `text`.
fn seen(proxy: &FaultProxy, text: &str) -> Vec<Value> {
    proxy.requests().into_iter().filter(|r| r["path"].as_str().unwrap().contains(text)).collect()
}

#[test]
fn a_blob_cut_off_mid_way_resumes_with_a_range_request() {
    let b = demo();
    let (digest, layer, size) = seeded("1.36");
    let proxy = registry_proxy(&["--reset-blobs-after", "300000"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out = b.run(&[
        "-v",
        "image",
        "sync",
        "-o",
        "json",
        &format!("{}/library/busybox:1.36", proxy.addr()),
        "--name",
        &name,
    ]);
    let (_, log) = synced_right(&b, out, &name, &digest);

    let gets = seen(&proxy, &layer);
    assert_eq!(gets.len(), 2, "one cut-off GET, one resume: {gets:#?}");
    assert_eq!((gets[0]["reset"].as_bool(), gets[0]["range"].as_str()), (Some(true), None), "{gets:#?}");
    // The resume asks for the rest only, from where the first answer stopped, and gets it (206), not a restart.
    let from: u64 = gets[1]["range"]
        .as_str()
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.strip_suffix('-'))
        .unwrap()
        .parse()
        .unwrap();
    assert!(from > 0 && from <= 300_000, "{gets:#?}");
    assert_eq!(gets[1]["status"], 206);
    assert_eq!(gets[1]["bytes"].as_u64().unwrap(), size - from);
    assert!(log.contains(&format!("resuming from byte {from}")), "{log}");
}

#[test]
fn a_registry_that_ignores_range_is_skipped_into_place() {
    // The registry answers the resume with the whole blob (200): berth drops what it already has.
    let b = demo();
    let (digest, layer, size) = seeded("1.36");
    let proxy = registry_proxy(&["--reset-blobs-after", "300000", "--drop-range"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out =
        b.run(&["image", "sync", "-o", "json", &format!("{}/library/busybox:1.36", proxy.addr()), "--name", &name]);
    synced_right(&b, out, &name, &digest);
    let gets = seen(&proxy, &layer);
    assert_eq!(gets.len(), 2, "{gets:#?}");
    assert_eq!((gets[1]["status"].as_u64(), gets[1]["bytes"].as_u64()), (Some(200), Some(size)), "{gets:#?}");
}

#[test]
fn a_429_with_retry_after_is_waited_for_then_the_sync_succeeds() {
    let b = demo();
    let (digest, layer, _) = seeded("1.36");
    let hex = layer.strip_prefix("sha256:").unwrap();
    let proxy = registry_proxy(&["--fail-first", &format!("{hex}:1:429:1")]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out = b.run(&[
        "-v",
        "image",
        "sync",
        "-o",
        "json",
        &format!("{}/library/busybox:1.36", proxy.addr()),
        "--name",
        &name,
    ]);
    let (_, log) = synced_right(&b, out, &name, &digest);
    assert!(
        log.contains("retry 1/4 of GET") && log.contains("429 Too Many Requests; its Retry-After says 1.0 s"),
        "{log}"
    );
    let gets: Vec<(u64, bool)> =
        seen(&proxy, hex).iter().map(|r| (r["status"].as_u64().unwrap(), r["injected"] == true)).collect();
    assert_eq!(gets, vec![(429, true), (200, false)]);
}

#[test]
fn connections_reset_before_an_answer_are_retried() {
    let b = demo();
    let (digest, _, _) = seeded("1.36");
    let config = seed()["library/busybox:1.36"]["config"]["digest"].as_str().unwrap().to_string();
    let hex = config.strip_prefix("sha256:").unwrap().to_string();
    let proxy = registry_proxy(&["--fail-first", &format!("{hex}:2:0")]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out = b.run(&[
        "-v",
        "image",
        "sync",
        "-o",
        "json",
        &format!("{}/library/busybox:1.36", proxy.addr()),
        "--name",
        &name,
    ]);
    let (_, log) = synced_right(&b, out, &name, &digest);
    assert!(log.contains("retry 1/4 of GET") && log.contains("retry 2/4 of GET"), "{log}");
    assert!(!log.contains("retry 3/4"), "{log}");
    let gets: Vec<(u64, bool)> =
        seen(&proxy, &hex).iter().map(|r| (r["status"].as_u64().unwrap(), r["reset"] == true)).collect();
    assert_eq!(gets, vec![(0, true), (0, true), (200, false)]);
}

#[test]
fn a_503_burst_longer_than_the_retries_fails_cleanly_and_a_rerun_converges() {
    let b = demo();
    let (digest, layer, _) = seeded("1.36");
    let hex = layer.strip_prefix("sha256:").unwrap();
    // Three 503s for the layer: the first try and two retries. The layer is read after the Glance record exists.
    let proxy = registry_proxy(&["--fail-first", &format!("{hex}:3:503")]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let reference = format!("{}/library/busybox:1.36", proxy.addr());
    let out = b.run(&["--retries", "2", "image", "sync", &reference, "--name", &name]);
    let out = out.code(1).stderr_has("503 Service Unavailable (after 2 retries)").stderr_has("was deleted");
    assert!(all_versions(&b, &name).is_empty(), "{:?} left Glance images behind", out.args);
    assert_eq!(seen(&proxy, hex).len(), 3);

    // The burst is over: the same command converges.
    let out = b.run(&["--retries", "2", "image", "sync", "-o", "json", &reference, "--name", &name]);
    synced_right(&b, out, &name, &digest);
    assert_eq!(all_versions(&b, &name).len(), 1);
}

#[test]
fn retries_0_tries_once() {
    let b = demo();
    let (_, layer, _) = seeded("1.36");
    let hex = layer.strip_prefix("sha256:").unwrap();
    let proxy = registry_proxy(&["--fail-first", &format!("{hex}:1:503")]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out =
        b.run(&["--retries", "0", "image", "sync", &format!("{}/library/busybox:1.36", proxy.addr()), "--name", &name]);
    let out = out.code(1).stderr_has("503 Service Unavailable");
    assert!(!out.stderr.contains("after 1 retr"), "{}", out.stderr);
    assert!(all_versions(&b, &name).is_empty());
    assert_eq!(seen(&proxy, hex).len(), 1);
}

#[test]
fn a_retry_after_longer_than_berth_waits_fails_at_once_saying_when_to_come_back() {
    let b = demo();
    let proxy = registry_proxy(&["--fail-first", "/manifests/:10:429:3600"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out = b.run(&["-v", "image", "sync", &format!("{}/library/busybox:1.36", proxy.addr()), "--name", &name]);
    let out =
        out.code(1).stderr_has("refuses more requests for now (rate limit)").stderr_has("hint: try again after 20");
    assert!(
        out.stderr.contains("(in 3600 s, as its Retry-After says)") && out.stderr.contains("not retrying"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("retry 1/"), "{}", out.stderr);
    assert!(all_versions(&b, &name).is_empty());
}

#[test]
fn glance_failing_mid_upload_keeps_the_previous_version_and_a_rerun_converges() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{}/busybox:1", unique("t"));
    let (old_digest, _, _) = seeded("1.35");
    let (new_digest, _, _) = seeded("1.36");
    let out = b.run(&["image", "sync", "-o", "json", &format!("{anon}/library/busybox:1.35"), "--name", &name]);
    let (v1, _) = synced_right(&b, out, &name, &old_digest);

    // Glance through the proxy: the upload is answered 503 after 200000 bytes, the connection closed.
    let proxy = FaultProxy::start(&dev("BERTH_DEV_IMAGE_URL"), &["--fail-upload", "503:200000"]);
    let faulty = demo_with(&format!("    image_endpoint_override: http://{}\n", proxy.addr()));
    let out = faulty.run(&["image", "sync", &format!("{anon}/library/busybox:1.36"), "--name", &name]);
    out.code(1).stderr_has("was deleted");
    // (An empty PUT may follow: berth asking whether a cut-off upload was Glance's policy refusing it.)
    let puts: Vec<Value> = proxy.requests().into_iter().filter(|r| r["method"] == "PUT" && r["length"] != 0).collect();
    assert_eq!(puts.len(), 1, "an upload is never retried: {puts:#?}");
    let left = all_versions(&b, &name);
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!((&left[0]["id"], &left[0]["current"]), (&v1["id"], &Value::from(true)), "{left:#?}");

    let out = b.run(&["image", "sync", "-o", "json", &format!("{anon}/library/busybox:1.36"), "--name", &name]);
    synced_right(&b, out, &name, &new_digest);
    assert_eq!(all_versions(&b, &name).len(), 2);
}

/// Run `berth -v image sync REF --name NAME`, and call `meanwhile` once the Glance record exists (the upload is
/// under way); returns the exit code and the whole stderr.
fn sync_and_meanwhile(
    b: &Berth,
    reference: &str,
    name: &str,
    until: &str,
    meanwhile: impl FnOnce(u32),
) -> (i32, String, String) {
    let mut child = b
        .command(&["-v", "image", "sync", "-o", "json", reference, "--name", name])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut log = String::new();
    loop {
        let mut line = String::new();
        let n = stderr.read_line(&mut line).unwrap();
        assert!(n > 0, "berth ended before `{until}`:\n{log}");
        log.push_str(&line);
        if line.contains(until) {
            break;
        }
    }
    meanwhile(child.id());
    stderr.read_to_string(&mut log).unwrap();
    let mut stdout = String::new();
    child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
    let status = child.wait().unwrap();
    let out = Out::checked(
        &["image", "sync"],
        std::process::Output { status, stdout: stdout.into_bytes(), stderr: log.into_bytes() },
    );
    (out.code, out.stdout, out.stderr)
}

/// A token revoked at Keystone mid-sync. Glance's keystonemiddleware caches a validated token per worker (for
/// `token_cache_time`, 300 s by default), so the dev Glance would keep accepting the revoked token; Glance is
/// reached through the fault proxy with `--strict-tokens`, which asks the real Keystone about every request's
/// token, as a Glance without that cache (or with revocation checks) does.
#[test]
fn a_keystone_token_revoked_mid_sync_is_renewed_and_the_sync_completes() {
    let (digest, _, _) = seeded("1.36");
    let glance = FaultProxy::start(&dev("BERTH_DEV_IMAGE_URL"), &["--strict-tokens", &dev("BERTH_DEV_AUTH_URL")]);
    let b = demo_with(&format!("    image_endpoint_override: http://{}\n", glance.addr()));
    // Blobs trickle in (4 KiB every 20 ms, about 5 s), so the token is revoked while the upload streams.
    let registry = registry_proxy(&["--slow-blobs", "0.02"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let reference = format!("{}/library/busybox:1.36", registry.addr());
    let (code, stdout, log) = sync_and_meanwhile(&b, &reference, &name, "/v2/images -> 201", |_| {
        // The upload starts right after the record exists and lasts about 5 s: let it get under way (Glance checks
        // the token when a request arrives, so a PUT that started with it goes on).
        std::thread::sleep(std::time::Duration::from_secs(1));
        // Another process revokes the token berth cached and uses (same home, same cache).
        let revoked = b.run(&["auth", "revoke", "-o", "json"]).ok().json();
        assert_eq!(revoked["revoked"], true, "{revoked}");
    });
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("answered 401; getting a new token"), "the revoked token was never refused:\n{log}");
    let refused: Vec<Value> = glance.requests().into_iter().filter(|r| r["status"] == 401).collect();
    assert_eq!(refused.len(), 1, "{refused:#?}");
    let rows: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rows[0]["digest"], digest.as_str());
    let direct = demo();
    assert_eq!(show(&direct, rows[0]["id"].as_str().unwrap())["status"], "active");
    assert_eq!(all_versions(&direct, &name).len(), 1);
}

/// A token that expires mid-sync: Keystone, reached through the fault proxy, issues tokens that say they expire
/// 61 s after issue (Keystone's own expiration is global, so it stays as it is); berth renews a token with less
/// than a minute left before using it, so the requests after the ~5 s upload go out with a new token.
#[test]
fn a_keystone_token_expiring_mid_sync_is_renewed_before_use() {
    let (digest, _, _) = seeded("1.36");
    let keystone_url = dev("BERTH_DEV_AUTH_URL");
    let keystone = FaultProxy::start(keystone_url.trim_end_matches("/v3"), &["--token-ttl", "61"]);
    let b = demo().env("OS_AUTH_URL", &format!("http://{}/v3", keystone.addr()));
    let registry = registry_proxy(&["--slow-blobs", "0.02"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out = b.run(&[
        "-v",
        "image",
        "sync",
        "-o",
        "json",
        &format!("{}/library/busybox:1.36", registry.addr()),
        "--name",
        &name,
    ]);
    let (_, log) = synced_right(&b, out, &name, &digest);
    assert!(log.contains("; getting a new one"), "the token was not renewed:\n{log}");
    let issued =
        keystone.requests().into_iter().filter(|r| r["method"] == "POST" && r["path"] == "/v3/auth/tokens").count();
    assert!(issued >= 2, "{:#?}", keystone.requests());
}

#[test]
fn ctrl_c_while_waiting_to_retry_deletes_the_incomplete_image() {
    // (Ctrl-C during the upload itself: tests/sync.rs.) Here berth is waiting out a 429's Retry-After for a
    // layer, after the Glance record exists: the wait is interrupted at once and the record deleted.
    let b = demo();
    let (_, layer, _) = seeded("1.36");
    let hex = layer.strip_prefix("sha256:").unwrap();
    let proxy = registry_proxy(&["--fail-first", &format!("{hex}:1:429:30")]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let reference = format!("{}/library/busybox:1.36", proxy.addr());
    let (code, _, log) = sync_and_meanwhile(&b, &reference, &name, "retry 1/4 of GET", |pid| {
        let st = Command::new("kill").args(["-INT", &pid.to_string()]).status().unwrap();
        assert!(st.success());
    });
    assert_eq!(code, 130, "{log}");
    assert!(log.contains("interrupted: deleted the incomplete Glance image"), "{log}");
    assert!(all_versions(&b, &name).is_empty(), "the interrupted image is still in Glance");
    assert_eq!(seen(&proxy, hex).len(), 1, "no request after the interrupt");
}

#[test]
fn registry_quota_shows_docker_hub_style_rate_limits_or_says_there_are_none() {
    let b = Berth::new();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let plain = b.run(&["registry", "quota", &format!("{anon}/library/busybox:1.36"), "-o", "json"]).ok().json();
    assert_eq!(plain["summary"], "no rate limit reported", "{plain}");
    assert!(plain["limit"].is_null() && plain["remaining"].is_null() && plain["window_seconds"].is_null(), "{plain}");

    let proxy = registry_proxy(&["--ratelimit", "100:76"]);
    let reference = format!("{}/library/busybox:1.36", proxy.addr());
    let q = b.run(&["registry", "quota", &reference, "-o", "json"]).ok().json();
    assert_eq!(
        (q["limit"].as_u64(), q["remaining"].as_u64(), q["window_seconds"].as_u64()),
        (Some(100), Some(76), Some(21600)),
        "{q}"
    );
    assert_eq!(q["source"], "127.0.0.1");
    assert_eq!(q["summary"], "76 of 100 pulls left per 6 h window");
    // A HEAD is no pull: asking again costs nothing.
    let again = b.run(&["registry", "quota", &reference, "-o", "value", "-c", "remaining"]).ok();
    assert_eq!(again.stdout.trim(), "76");
    assert!(proxy.requests().iter().all(|r| r["method"] != "GET"), "{:#?}", proxy.requests());
}

/// Delete a Glance image this test created.
fn delete(b: &Berth, id: &str) {
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let st = Command::new("curl")
        .args(["-fsS", "-X", "DELETE", "-H", &format!("X-Auth-Token: {token}")])
        .arg(format!("{}/v2/images/{id}", dev("BERTH_DEV_IMAGE_URL")))
        .status()
        .unwrap();
    assert!(st.success(), "deleting image {id} failed");
}

#[test]
fn a_sync_that_would_exceed_the_quota_says_so_before_pulling_and_stops_at_zero() {
    let b = demo();
    // One pull left, two images to sync, one after the other (at once, both would pass the check and the second
    // would collect 429s until its retries ran out: also a clean failure, but not this one).
    let proxy = registry_proxy(&["--ratelimit", "100:1"]);
    let refs = [format!("{}/library/busybox:1.35", proxy.addr()), format!("{}/library/busybox:1.36", proxy.addr())];
    let out = b.run(&["image", "sync", "-j", "1", "-o", "json", &refs[0], &refs[1]]);
    let rows = out.json();
    let out = out.code(6);
    let warning = out.stderr.lines().position(|l| l.starts_with("warning:")).expect("a warning");
    assert!(
        out.stderr.contains(&format!(
            "warning: `{}` reports 1 of 100 pulls left per 6 h window; this sync may pull up to 2 images",
            proxy.addr()
        )),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`docker login"), "{}", out.stderr);
    // The second image is not pulled: berth knows no pull is left, and does not collect a 429.
    assert!(out.stderr.contains("reports 0 of 100 pulls left; not pulling the manifest of"), "{}", out.stderr);
    let pulls: Vec<Value> = proxy
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "GET" && r["path"].as_str().unwrap().contains("/manifests/1.3"))
        .collect();
    assert_eq!(pulls.len(), 1, "{pulls:#?}");
    assert_eq!(pulls[0]["status"], 200);
    // The warning came before the pull.
    assert!(out.stderr.lines().skip(warning).any(|l| l.contains("reports 0 of 100")), "{}", out.stderr);
    let statuses: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["synced", "failed"], "{rows:#}");
    delete(&b, rows[0]["id"].as_str().unwrap());
}

#[test]
fn with_no_pull_left_an_unchanged_tag_is_up_to_date_and_force_pulls_nothing() {
    let b = demo();
    let (digest, _, _) = seeded("1.36");
    let name = format!("{}/busybox:1.36", unique("t"));
    let first = registry_proxy(&["--ratelimit", "100:5"]);
    let out =
        b.run(&["image", "sync", "-o", "json", &format!("{}/library/busybox:1.36", first.addr()), "--name", &name]);
    synced_right(&b, out, &name, &digest);

    let empty = registry_proxy(&["--ratelimit", "100:0"]);
    let reference = format!("{}/library/busybox:1.36", empty.addr());
    let out = b.run(&["image", "sync", "-o", "json", &reference, "--name", &name]).ok();
    assert_eq!(out.json()[0]["status"], "up to date");
    assert!(out.stderr.contains("reports 0 of 100 pulls left"), "the warning: {}", out.stderr);

    let out = b.run(&["image", "sync", &reference, "--name", &name, "--force"]);
    out.code(1)
        .stderr_has("reports 0 of 100 pulls left; not pulling the manifest of")
        .stderr_has("hint: wait for the quota to refill (the window is 6 h)");
    assert!(empty.requests().iter().all(|r| r["method"] == "HEAD"), "{:#?}", empty.requests());
    assert_eq!(all_versions(&b, &name).len(), 1);
}
