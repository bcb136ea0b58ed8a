//! Registry credentials stay with their host: the `--registry-*` flags belong to one registry (`--registry-host`,
//! else the only one a command reaches); a second registry, here a hostile one on 127.0.0.2 that asks everybody
//! for a Basic password, never gets them, nor does a sync-file section that names no credentials of its own.

use crate::common::{demo, dev, run_stdin};
use crate::stub::{Reply, Stub};

/// A registry that answers everything with 401 and a Basic challenge: it would take any password offered.
fn basic_registry(ip: &str) -> Stub {
    Stub::start(ip, |_| Reply::status(401).header("WWW-Authenticate", "Basic realm=\"hostile\""))
}

/// True when any request to `stub` carried an `Authorization` header.
fn got_credentials(stub: &Stub) -> bool {
    stub.requests().iter().any(|r| r.header("authorization").is_some())
}

#[test]
fn flag_credentials_never_reach_a_second_registry() {
    let hostile = basic_registry("127.0.0.2");
    let basic = dev("BERTH_DEV_REGISTRY_BASIC");
    let (user, password) = (dev("BERTH_DEV_REGISTRY_BASIC_USER"), dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD"));
    let good = format!("{basic}/library/busybox:1.36");
    let evil = format!("{}/library/busybox:1.36", hostile.addr());
    let b = demo();

    // Two registries, credentials flags and no --registry-host: refused before any request, naming both.
    let args = ["image", "sync", &good, &evil, "--registry-user", &user, "--registry-password-stdin", "--dry-run"];
    let out = run_stdin(&b, &args, &format!("{password}\n")).code(2);
    assert!(
        out.stderr.contains(&format!("`{basic}`")) && out.stderr.contains(&format!("`{}`", hostile.addr())),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--registry-host"), "{}", out.stderr);
    assert!(
        hostile.requests().is_empty(),
        "berth asked the hostile registry before refusing: {:?}",
        hostile.requests()
    );

    // With --registry-host the flags go to that registry alone: the hostile one asks, gets nothing, and its image
    // fails on its own (6: partial) while the real one would sync.
    let out = run_stdin(
        &b,
        &[
            "image",
            "sync",
            &good,
            &evil,
            "--registry-user",
            &user,
            "--registry-password-stdin",
            "--registry-host",
            &basic,
            "--dry-run",
        ],
        &format!("{password}\n"),
    )
    .code(6);
    assert!(out.stderr.contains(&hostile.addr()) && out.stderr.contains("wants credentials"), "{}", out.stderr);
    assert!(!got_credentials(&hostile), "credentials went to the hostile registry: {:?}", hostile.requests());
    assert!(out.stdout.contains("would sync") || out.stdout.contains("up to date"), "{}", out.stdout);
    assert!(!hostile.requests().is_empty(), "the hostile registry was never asked");

    // A --registry-host that is none of the registries reached is a usage error too.
    let out = run_stdin(
        &b,
        &[
            "registry",
            "tags",
            &format!("{basic}/library/busybox"),
            "--registry-user",
            &user,
            "--registry-password-stdin",
            "--registry-host",
            "127.0.0.9:1",
        ],
        &format!("{password}\n"),
    )
    .code(2);
    assert!(out.stderr.contains("127.0.0.9:1"), "{}", out.stderr);
}

#[test]
fn sync_file_sections_without_credentials_get_none_of_the_flags() {
    let hostile = basic_registry("127.0.0.3");
    let basic = dev("BERTH_DEV_REGISTRY_BASIC");
    let (user, password) = (dev("BERTH_DEV_REGISTRY_BASIC_USER"), dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD"));
    let b = demo();
    let file = b.home().join("images.yaml");
    std::fs::write(
        &file,
        format!(
            "{basic}:\n  images:\n    library/busybox: [\"1.36\"]\n{}:\n  images:\n    library/busybox: [\"1.36\"]\n",
            hostile.addr()
        ),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let out = run_stdin(
        &b,
        &[
            "image",
            "sync",
            "-f",
            file,
            "--registry-user",
            &user,
            "--registry-password-stdin",
            "--registry-host",
            &basic,
            "--dry-run",
        ],
        &format!("{password}\n"),
    )
    .code(6);
    assert!(out.stderr.contains(&hostile.addr()), "{}", out.stderr);
    assert!(!hostile.requests().is_empty() && !got_credentials(&hostile), "{:?}", hostile.requests());

    // A key that is no registry host would resolve to Docker Hub with that section's credentials: refused.
    std::fs::write(
        b.home().join("hub.yaml"),
        "myteam:\n  images:\n    app: [\"1\"]\n  credentials: {username: u, password: p}\n",
    )
    .unwrap();
    let out = b.run(&["image", "sync", "-f", b.home().join("hub.yaml").to_str().unwrap(), "--dry-run"]).code(2);
    assert!(out.stderr.contains("`myteam` is not a registry host"), "{}", out.stderr);
}
