//! Keystone and Glance stand-ins that try to send berth's password or token elsewhere.

use super::{PASSWORD, cloud, untouched};
use crate::stub::{Reply, Stub, keystone_token};

#[test]
fn a_keystone_redirecting_the_password_to_another_host_gets_nothing_there() {
    let trap = Stub::trap("127.0.0.3");
    let elsewhere = format!("{}/v3/auth/tokens", trap.http());
    let keystone = Stub::start("127.0.0.2", move |_| Reply::redirect(307, &elsewhere));
    let out = cloud(&format!("{}/v3", keystone.http())).run(&["auth", "token"]).code(1);
    untouched(&trap);
    assert!(out.stderr.contains(&format!("`{}/v3/auth/tokens`", keystone.http())), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("`{}/v3/auth/tokens`", trap.http())), "{}", out.stderr);
    assert!(out.stderr.contains("another origin") && out.stderr.contains("hint:"), "{}", out.stderr);
    assert!(!out.stderr.contains(PASSWORD));
    // The password went to Keystone once, and only there.
    assert_eq!(keystone.requests().len(), 1);
}

#[test]
fn a_service_redirecting_the_token_to_another_host_gets_nothing_there() {
    let trap = Stub::trap("127.0.0.3");
    let elsewhere = format!("{}/v2/images", trap.http());
    let glance = Stub::start("127.0.0.2", move |_| Reply::redirect(302, &elsewhere));
    let image = glance.http();
    let keystone = Stub::start("127.0.0.2", move |_| keystone_token(&[("image", &image)]));
    let out = cloud(&format!("{}/v3", keystone.http())).run(&["image", "list"]).code(1);
    untouched(&trap);
    assert!(out.stderr.contains(&trap.addr()) && out.stderr.contains(&glance.addr()), "{}", out.stderr);
    // Glance had the token, as it should.
    assert!(glance.requests().iter().all(|r| r.header("x-auth-token") == Some("stub-token-0123456789")));
}

#[test]
fn a_same_origin_redirect_is_still_followed() {
    let keystone = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let me = keystone.clone();
    let stub = Stub::start("127.0.0.2", move |r| match r.path.as_str() {
        "/v3/auth/tokens" => Reply::redirect(307, &format!("{}/identity/v3/auth/tokens", me.get().unwrap())),
        _ => keystone_token(&[("image", "http://127.0.0.2:9")]),
    });
    keystone.set(stub.http()).unwrap();
    let out = cloud(&format!("{}/v3", stub.http())).run(&["auth", "token", "-o", "value", "-c", "id"]).ok();
    assert_eq!(out.stdout.trim(), "stub-token-0123456789");
    // The 307 kept the method and the body.
    let second = &stub.requests()[1];
    assert_eq!((second.method.as_str(), second.path.as_str()), ("POST", "/identity/v3/auth/tokens"));
    assert!(second.text().contains(PASSWORD));
}

#[test]
fn a_keystone_error_without_end_is_cut_at_64_kib() {
    let keystone = Stub::start("127.0.0.2", |_| Reply::status(401).endless());
    let out = cloud(&format!("{}/v3", keystone.http())).run(&["auth", "token"]).code(4);
    assert!(out.stderr.contains("larger than 64 KiB, the most berth reads of an error answer"), "{}", out.stderr);
}

#[test]
fn a_glance_page_without_end_is_cut_at_4_mib() {
    let glance = Stub::start("127.0.0.2", |_| Reply::status(200).header("Content-Type", "application/json").endless());
    let image = glance.http();
    let keystone = Stub::start("127.0.0.2", move |_| keystone_token(&[("image", &image)]));
    let out = cloud(&format!("{}/v3", keystone.http())).run(&["image", "list"]).code(1);
    assert!(out.stderr.contains("larger than 4 MiB, the most berth reads of a page of a list"), "{}", out.stderr);
}

/// Keystone's answer to `GET /`: a version list whose v3 `self` link is `href`.
fn versions(status: u16, href: &str) -> Reply {
    let doc = serde_json::json!({"versions": {"values": [
        {"id": "v3.14", "status": "stable", "links": [{"rel": "self", "href": href}]},
    ]}});
    Reply::json(status, &doc)
}

#[test]
fn a_version_list_naming_another_host_gets_no_password_sent_there() {
    let trap = Stub::trap("127.0.0.3");
    let elsewhere = format!("{}/v3/", trap.http());
    let keystone = Stub::start("127.0.0.2", move |_| versions(300, &elsewhere));
    let out = cloud(&keystone.http()).run(&["auth", "token"]).code(2);
    untouched(&trap);
    assert!(out.stderr.contains("another host or port"), "{}", out.stderr);
    assert!(out.stderr.contains("hint: set a versioned auth_url (`OS_AUTH_URL`"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("`{}/v3`", keystone.http())), "{}", out.stderr);
}

#[test]
fn a_version_list_downgrading_to_http_gets_no_password_over_http() {
    // One port serves https and plain http: the link keeps the host and port and drops TLS.
    let me = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let addr = me.clone();
    let keystone = Stub::start_tls("127.0.0.2", move |r| match r.path.as_str() {
        "/" => versions(300, &format!("http://{}/v3/", addr.get().unwrap())),
        _ => keystone_token(&[("image", "http://127.0.0.2:9")]),
    });
    me.set(keystone.addr()).unwrap();
    let out = cloud(&keystone.https()).env("OS_INSECURE", "true").run(&["auth", "token"]).code(2);
    let plain: Vec<String> = keystone.requests().iter().filter(|r| !r.tls).map(|r| r.text()).collect();
    assert!(plain.is_empty(), "requests over plain http: {plain:?}");
    assert!(out.stderr.contains("plain http behind an https auth_url"), "{}", out.stderr);
}

#[test]
fn a_version_list_in_an_error_answer_is_not_trusted() {
    let me = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let url = me.clone();
    let keystone = Stub::start("127.0.0.2", move |r| match r.path.as_str() {
        "/" => versions(404, &format!("{}/v3/", url.get().unwrap())),
        _ => keystone_token(&[("image", "http://127.0.0.2:9")]),
    });
    me.set(keystone.http()).unwrap();
    let out = cloud(&keystone.http()).run(&["auth", "token"]).code(2);
    let paths: Vec<String> = keystone.requests().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert_eq!(paths, ["GET /"], "berth went on after a 404");
    assert!(out.stderr.contains("answered HTTP 404"), "{}", out.stderr);
}

#[test]
fn a_multiple_choices_version_list_with_a_relative_link_is_followed() {
    let keystone = Stub::start("127.0.0.2", |r| match r.path.as_str() {
        "/identity" => versions(300, "v3/"),
        _ => keystone_token(&[("image", "http://127.0.0.2:9")]),
    });
    let out = cloud(&format!("{}/identity", keystone.http())).run(&["auth", "token", "-o", "value", "-c", "id"]).ok();
    assert_eq!(out.stdout.trim(), "stub-token-0123456789");
    let paths: Vec<String> = keystone.requests().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert_eq!(paths, ["GET /identity", "POST /identity/v3/auth/tokens"]);
}

/// A cloud whose Glance answers every image-list page with `next_of(marker)` as its `next` link.
fn glance_paging(next_of: fn(u64) -> Option<String>) -> (Stub, Stub) {
    let glance = Stub::start("127.0.0.2", move |r| {
        let marker: u64 = r.path.split("marker=").nth(1).and_then(|v| v.parse().ok()).unwrap_or(0);
        Reply::json(200, &serde_json::json!({"images": [], "next": next_of(marker)}))
    });
    let image = glance.http();
    let keystone = Stub::start("127.0.0.2", move |_| keystone_token(&[("image", &image)]));
    (keystone, glance)
}

#[test]
fn a_glance_list_whose_next_loops_ends_at_the_first_repeat() {
    let (keystone, glance) = glance_paging(|m| Some(format!("/v2/images?marker={}", m.max(1))));
    let out = cloud(&format!("{}/v3", keystone.http()))
        .run_for(&["image", "list"], std::time::Duration::from_secs(60))
        .code(1);
    assert!(out.stderr.contains("leads back to `/v2/images?marker=1`"), "{}", out.stderr);
    assert_eq!(glance.requests().len(), 2);
}

#[test]
fn a_glance_list_without_end_stops_at_1000_pages() {
    let (keystone, glance) = glance_paging(|m| Some(format!("/v2/images?marker={}", m + 1)));
    let out = cloud(&format!("{}/v3", keystone.http()))
        .run_for(&["image", "list"], std::time::Duration::from_secs(120))
        .code(1);
    assert!(out.stderr.contains("more than 1000 pages"), "{}", out.stderr);
    assert_eq!(glance.requests().len(), 1000);
}

#[test]
fn a_glance_next_link_to_another_host_gets_no_token_sent_there() {
    let trap = Stub::trap("127.0.0.3");
    let next = format!("@{}/v2/images", trap.addr());
    let glance = Stub::start("127.0.0.2", move |_| Reply::json(200, &serde_json::json!({"images": [], "next": next})));
    let image = glance.http();
    let keystone = Stub::start("127.0.0.2", move |_| keystone_token(&[("image", &image)]));
    let out = cloud(&format!("{}/v3", keystone.http())).run(&["image", "list"]).code(1);
    untouched(&trap);
    assert!(out.stderr.contains(&format!("the next-page link `@{}/v2/images`", trap.addr())), "{}", out.stderr);
    assert_eq!(glance.requests().len(), 1);
}

#[test]
fn glance_next_links_under_an_endpoint_path_are_followed() {
    // Path-based deployments (`http://host/image`): `next` is relative to the endpoint.
    let glance = Stub::start("127.0.0.2", |r| match r.path.contains("marker=") {
        false => Reply::json(200, &serde_json::json!({"images": [], "next": "/v2/images?marker=m1&limit=200"})),
        true => Reply::json(200, &serde_json::json!({"images": []})),
    });
    let image = format!("{}/image", glance.http());
    let keystone = Stub::start("127.0.0.2", move |_| keystone_token(&[("image", &image)]));
    cloud(&format!("{}/v3", keystone.http())).run(&["image", "list"]).ok();
    let paths: Vec<String> = glance.requests().into_iter().map(|r| r.path).collect();
    assert!(paths[0].starts_with("/image/v2/images?"), "{paths:?}");
    assert_eq!(paths[1], "/image/v2/images?marker=m1&limit=200");
}
