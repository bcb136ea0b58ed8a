//! Registry and token-server stand-ins: redirects of credentials, hostile realms, bodies without end, loops.

use super::untouched;
use crate::common::{Berth, run_stdin};
use crate::stub::{Reply, Stub};

const DOCKER_CONFIG_MANIFEST: &str = "application/vnd.docker.container.image.v1+json";

fn sha256(data: &[u8]) -> String {
    use sha2::Digest;
    format!("sha256:{:x}", sha2::Sha256::digest(data))
}

/// A berth whose Docker config.json holds `auths` for `host`: an identity token.
fn with_identity_token(host: &str, token: &str) -> Berth {
    let b = Berth::new();
    let dir = b.home().join(".docker");
    std::fs::create_dir_all(&dir).unwrap();
    let config = serde_json::json!({"auths": {host: {"identitytoken": token}}});
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    b
}

/// A one-image manifest (no layers) whose config is `config`.
fn manifest_of(config: &[u8]) -> Reply {
    let m = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": DOCKER_CONFIG_MANIFEST, "digest": sha256(config), "size": config.len()},
        "layers": [],
    });
    Reply::json(200, &m).header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
}

const CONFIG: &[u8] = br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#;

#[test]
fn a_token_server_redirecting_the_identity_token_to_another_host_gets_nothing_there() {
    let trap = Stub::trap("127.0.0.3");
    let elsewhere = format!("{}/token", trap.http());
    let tokens = Stub::start("127.0.0.2", move |_| Reply::redirect(307, &elsewhere));
    let realm = format!("{}/token", tokens.http());
    let registry = Stub::start("127.0.0.2", move |_| {
        Reply::status(401).header("WWW-Authenticate", &format!("Bearer realm=\"{realm}\",service=\"stub\""))
    });
    let b = with_identity_token(&registry.addr(), "stub-identity-token");
    let out = b.run(&["registry", "tags", &format!("{}/x", registry.addr())]).code(1);
    untouched(&trap);
    assert!(out.stderr.contains(&trap.addr()) && out.stderr.contains(&tokens.addr()), "{}", out.stderr);
    assert!(!out.stderr.contains("stub-identity-token"));
    // The token server itself had the identity token, in a POST form.
    assert!(tokens.requests().iter().any(|r| r.method == "POST" && r.text().contains("stub-identity-token")));
}

/// A TLS registry (Basic auth) whose blob GET redirects to `location`.
fn tls_registry_redirecting_blobs(location: String) -> Stub {
    Stub::start_tls("127.0.0.2", move |r| {
        if r.header("authorization").is_none() {
            return Reply::status(401).header("WWW-Authenticate", "Basic realm=\"stub\"");
        }
        if r.path.contains("/manifests/") { manifest_of(CONFIG) } else { Reply::redirect(307, &location) }
    })
}

fn inspect(registry: &Stub) -> crate::common::Out {
    let args = [
        "registry",
        "inspect",
        &format!("{}/x:latest", registry.addr()),
        "--registry-insecure",
        "--registry-user",
        "u",
        "--registry-password-stdin",
        "-o",
        "json",
    ];
    run_stdin(&Berth::new(), &args, "stub-registry-password\n")
}

#[test]
fn a_blob_redirect_from_https_to_http_is_not_followed() {
    let trap = Stub::trap("127.0.0.3");
    let registry = tls_registry_redirecting_blobs(format!("{}/blob", trap.http()));
    let out = inspect(&registry).code(1);
    untouched(&trap);
    assert!(out.stderr.contains("from https to plain http"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("{}/blob", trap.http())), "{}", out.stderr);
}

#[test]
fn a_blob_redirect_to_an_https_cdn_on_another_host_is_followed_without_credentials() {
    let cdn = Stub::start_tls("127.0.0.3", |_| Reply::status(200).body(CONFIG.to_vec()));
    let registry = tls_registry_redirecting_blobs(format!("{}/blob?sig=1", cdn.https()));
    let out = inspect(&registry).ok();
    assert_eq!(out.json()[0]["config_digest"], sha256(CONFIG), "{}", out.stdout);
    let at_cdn = cdn.requests();
    assert_eq!(at_cdn.len(), 1, "{at_cdn:?}");
    assert!(at_cdn[0].tls && at_cdn[0].header("authorization").is_none(), "{}", at_cdn[0].text());
}

/// An anonymous registry on 127.0.0.2 whose token server (also on 127.0.0.2) answers with `token_answer`.
fn registry_with_token_server(token_answer: fn() -> Reply) -> (Stub, Stub) {
    let tokens = Stub::start("127.0.0.2", move |_| token_answer());
    let realm = format!("{}/token", tokens.http());
    let registry = Stub::start("127.0.0.2", move |r| match r.header("authorization") {
        Some(_) => Reply::json(200, &serde_json::json!({"name": "x", "tags": ["1"]})),
        None => Reply::status(401).header("WWW-Authenticate", &format!("Bearer realm=\"{realm}\",service=\"stub\"")),
    });
    (registry, tokens)
}

#[test]
fn a_token_answer_of_10_mib_is_refused() {
    let (registry, _tokens) = registry_with_token_server(|| {
        let token = "a".repeat(10 << 20);
        Reply::json(200, &serde_json::json!({ "token": token }))
    });
    let out = Berth::new().run(&["registry", "tags", &format!("{}/x", registry.addr())]).code(1);
    assert!(out.stderr.contains("larger than 1 MiB, the most berth reads of a token answer"), "{}", out.stderr);
    // No token was sent to the registry.
    assert!(registry.requests().iter().all(|r| r.header("authorization").is_none()));
}

#[test]
fn a_token_answer_without_end_is_cut_at_1_mib() {
    let (registry, _tokens) = registry_with_token_server(|| Reply::status(200).endless());
    let out = Berth::new().run(&["registry", "tags", &format!("{}/x", registry.addr())]).code(1);
    assert!(out.stderr.contains("larger than 1 MiB, the most berth reads of a token answer"), "{}", out.stderr);
}

#[test]
fn a_registry_error_without_end_is_cut_at_64_kib() {
    let registry = Stub::start("127.0.0.2", |_| Reply::status(500).endless());
    let out = Berth::new().run(&["--retries", "0", "registry", "tags", &format!("{}/x", registry.addr())]).code(1);
    assert!(out.stderr.contains("larger than 64 KiB, the most berth reads of an error answer"), "{}", out.stderr);
}

#[test]
fn a_tag_page_without_end_is_cut_at_4_mib() {
    let registry = Stub::start("127.0.0.2", |_| Reply::status(200).endless());
    let out = Berth::new().run(&["registry", "tags", &format!("{}/x", registry.addr())]).code(1);
    assert!(out.stderr.contains("larger than 4 MiB, the most berth reads of a page of a list"), "{}", out.stderr);
}

#[test]
fn an_https_registry_naming_an_http_realm_on_its_own_host_gets_no_credentials_over_http() {
    // The realm keeps the registry's host (127.0.0.2), on another port, over plain http.
    let trap = Stub::trap("127.0.0.2");
    let realm = format!("{}/token", trap.http());
    let registry = Stub::start_tls("127.0.0.2", move |_| {
        Reply::status(401).header("WWW-Authenticate", &format!("Bearer realm=\"{realm}\",service=\"stub\""))
    });
    let args = [
        "registry",
        "tags",
        &format!("{}/x", registry.addr()),
        "--registry-insecure",
        "--registry-user",
        "u",
        "--registry-password-stdin",
    ];
    let out = run_stdin(&Berth::new(), &args, "stub-registry-password\n").code(1);
    untouched(&trap);
    assert!(out.stderr.contains("plain http, while the registry speaks https"), "{}", out.stderr);
    assert!(out.stderr.contains(&trap.addr()) && out.stderr.contains("hint:"), "{}", out.stderr);
}

#[test]
fn a_registry_on_loopback_may_name_a_token_server_on_another_loopback_address() {
    let tokens = Stub::start("127.0.0.3", |_| Reply::json(200, &serde_json::json!({"token": "stub-bearer"})));
    let realm = format!("{}/token", tokens.http());
    let registry = Stub::start("127.0.0.2", move |r| match r.header("authorization") {
        Some("Bearer stub-bearer") => Reply::json(200, &serde_json::json!({"name": "x", "tags": ["1.0"]})),
        _ => Reply::status(401).header("WWW-Authenticate", &format!("Bearer realm=\"{realm}\",service=\"stub\"")),
    });
    let out = Berth::new().run(&["registry", "tags", &format!("{}/x", registry.addr()), "-o", "value"]).ok();
    assert_eq!(out.stdout.trim(), "1.0");
    assert_eq!(tokens.requests().len(), 1);
}

/// A registry whose tag list pages link on as `next_of(n)` says for the page after the nth (none: the end).
fn paged_registry(next_of: fn(u64) -> Option<u64>) -> Stub {
    Stub::start("127.0.0.2", move |r| {
        let n: u64 = r.path.split("last=").nth(1).and_then(|v| v.parse().ok()).unwrap_or(0);
        let page = Reply::json(200, &serde_json::json!({"name": "x", "tags": [format!("t{n}")]}));
        match next_of(n) {
            Some(0) => page.header("Link", "</v2/x/tags/list>; rel=\"next\""),
            Some(m) => page.header("Link", &format!("</v2/x/tags/list?last={m}>; rel=\"next\"")),
            None => page,
        }
    })
}

#[test]
fn a_tag_list_whose_link_loops_ends_at_the_first_repeat() {
    // Page 0 -> 1 -> 2 -> 1.
    let registry = paged_registry(|n| Some(if n == 2 { 1 } else { n + 1 }));
    let out = Berth::new()
        .run_for(&["registry", "tags", &format!("{}/x", registry.addr())], std::time::Duration::from_secs(60))
        .code(1);
    assert!(out.stderr.contains("leads back to `/v2/x/tags/list?last=1`"), "{}", out.stderr);
    assert_eq!(registry.requests().len(), 3);
}

#[test]
fn a_tag_list_without_end_stops_at_1000_pages() {
    let registry = paged_registry(|n| Some(n + 1));
    let out = Berth::new()
        .run_for(&["registry", "tags", &format!("{}/x", registry.addr())], std::time::Duration::from_secs(120))
        .code(1);
    assert!(out.stderr.contains("more than 1000 pages"), "{}", out.stderr);
    assert_eq!(registry.requests().len(), 1000);
}

#[test]
fn a_tag_list_of_several_pages_is_read_whole() {
    let registry = paged_registry(|n| (n < 2).then_some(n + 1));
    let out = Berth::new().run(&["registry", "tags", &format!("{}/x", registry.addr()), "-o", "value"]).ok();
    assert_eq!(out.stdout.lines().collect::<Vec<_>>(), ["t0", "t1", "t2"]);
}

/// An anonymous registry on 127.0.0.2 whose `x:latest` is `manifest` (of `media_type`).
fn registry_serving(manifest: serde_json::Value, media_type: &'static str) -> Stub {
    Stub::start("127.0.0.2", move |r| match r.path.as_str() {
        "/v2/x/manifests/latest" => Reply::json(200, &manifest).header("Content-Type", media_type),
        _ => Reply::status(200).body(CONFIG.to_vec()),
    })
}

#[track_caller]
fn only_asked_for_the_manifest(registry: &Stub) {
    let paths: Vec<String> = registry.requests().into_iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert_eq!(paths, ["GET /v2/x/manifests/latest"], "berth used a digest it should have refused");
}

#[test]
fn a_config_digest_that_is_no_digest_never_becomes_a_request() {
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": DOCKER_CONFIG_MANIFEST, "digest": "sha256:../../../v2/x/manifests/latest?", "size": 9},
        "layers": [],
    });
    let registry = registry_serving(manifest, "application/vnd.docker.distribution.manifest.v2+json");
    let out = Berth::new().run(&["registry", "inspect", &format!("{}/x:latest", registry.addr())]).code(1);
    only_asked_for_the_manifest(&registry);
    assert!(out.stderr.contains("the manifest's config has no valid digest"), "{}", out.stderr);
}

#[test]
fn an_index_entry_digest_in_uppercase_never_becomes_a_request() {
    let entry = format!("sha256:{}", sha256(CONFIG).trim_start_matches("sha256:").to_uppercase());
    let index = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": entry, "size": 9,
                       "platform": {"os": "linux", "architecture": "amd64"}}],
    });
    let registry = registry_serving(index, "application/vnd.oci.image.index.v1+json");
    let out = Berth::new().run(&["registry", "inspect", &format!("{}/x:latest", registry.addr())]).code(1);
    only_asked_for_the_manifest(&registry);
    assert!(out.stderr.contains("the manifest's entry 1 has no valid digest"), "{}", out.stderr);
    assert!(out.stderr.contains("not a lowercase hexadecimal digit"), "{}", out.stderr);
}
