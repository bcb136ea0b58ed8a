//! What servers say is untrusted: a tag list with a tag that is no valid reference costs that tag, not the whole
//! bulk sync; terminal escapes in a registry's error reach the terminal escaped, never raw.

use crate::common::{FaultProxy, demo, dev};
use crate::stub::{Reply, Stub};

#[test]
fn an_invalid_tag_in_a_tag_list_is_skipped_with_a_warning() {
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    // The real registry's tag list, plus a tag no registry should list (a space, an escape).
    let proxy = FaultProxy::start(&format!("http://{anon}"), &["--add-tags", "bad tag\u{1b}[2J"]);
    let out = demo()
        .run(&["image", "sync", "--all-tags", &format!("{}/library/busybox", proxy.addr()), "--dry-run", "-o", "json"])
        .ok();
    let rows = out.json();
    assert!(rows.as_array().unwrap().len() >= 4, "the valid tags are still planned: {rows}");
    assert!(out.stderr.contains("which is no valid reference: skipped"), "{}", out.stderr);
    assert!(!out.stderr.contains('\u{1b}'), "a raw escape reached stderr: {:?}", out.stderr);
    assert!(out.stderr.contains("\\u{1b}[2J"), "{}", out.stderr);
}

#[test]
fn terminal_escapes_in_a_registry_error_are_shown_escaped() {
    let hostile = Stub::start("127.0.0.2", |_| {
        let body = r#"{"errors": [{"code": "UNKNOWN", "message": "\u001b[2J\u001b[31mgone\r"}]}"#;
        Reply::status(500).header("Content-Type", "application/json").body(body.as_bytes().to_vec())
    });
    let out = demo()
        .run(&["registry", "inspect", "--retries", "0", &format!("{}/library/busybox:1", hostile.addr())])
        .code(1);
    assert!(!out.stderr.contains('\u{1b}') && !out.stderr.contains('\r'), "raw control characters: {:?}", out.stderr);
    assert!(out.stderr.contains("\\u{1b}[31mgone\\u{d}"), "the server's words, escaped: {}", out.stderr);
}
