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
