//! The parts of issue 18 that were built before its tests: clouds-public.yaml and a cloud's `profile:` against
//! the real Keystone, with their sources in `config show`; tables for people on a terminal (human sizes, short
//! digests, the terminal's width, `--wide`) and unchanged off one.

use std::path::Path;
use std::process::Command;

use rexpect::session::spawn_command;

use crate::common::{Berth, demo, dev};

#[test]
fn a_profile_from_clouds_public_yaml_authenticates_and_config_show_names_it() {
    let b = Berth::new();
    std::fs::write(
        b.home().join("clouds-public.yaml"),
        format!(
            "public-clouds:\n  devpub:\n    auth:\n      auth_url: {}\n    region_name: RegionOne\n",
            dev("BERTH_DEV_AUTH_URL")
        ),
    )
    .unwrap();
    std::fs::write(
        b.home().join("clouds.yaml"),
        format!(
            "clouds:\n  c:\n    profile: devpub\n    auth: {{username: demo, password: '{}', project_name: demo, \
             user_domain_name: Default, project_domain_name: Default}}\n",
            dev("BERTH_DEV_DEMO_PASSWORD")
        ),
    )
    .unwrap();
    let shown = b.run(&["--os-cloud", "c", "config", "show", "-o", "json"]).ok().json();
    let source = |key: &str| shown.as_array().unwrap().iter().find(|r| r["key"] == key).unwrap()["source"].clone();
    assert_eq!(source("auth_url"), "public file clouds-public.yaml (profile devpub)");
    assert_eq!(source("region_name"), "public file clouds-public.yaml (profile devpub)");
    assert_eq!(source("username"), "file clouds.yaml");
    let t = b.run(&["--os-cloud", "c", "auth", "token", "-o", "json"]).ok().json();
    assert_eq!(t["project_name"], "demo");
    // A profile nobody knows is named in a warning (openstacksdk goes on without it too).
    std::fs::write(b.home().join("clouds.yaml"), "clouds:\n  c:\n    profile: no-such-vendor\n").unwrap();
    b.run(&["--os-cloud", "c", "config", "show"]).ok().stderr_has("no-such-vendor");
}

/// `berth ARGS` on a pseudo-terminal COLUMNS wide; what it printed.
fn on_terminal(b: &Berth, columns: u16, args: &str) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_berth")).display().to_string();
    let mut c = Command::new("sh");
    c.args(["-c", &format!("stty cols {columns} rows 50; {bin} {args}; echo \"rc=$?\"")]).env_clear();
    for (k, v) in b.command(&[]).get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    let mut p = spawn_command(c, Some(60_000)).unwrap();
    let (shown, rc) = p.exp_regex("rc=\\d+").unwrap();
    assert!(p.exp_eof().is_ok());
    format!("{shown}{rc}")
}

#[test]
fn tables_on_a_terminal_have_human_sizes_short_digests_and_fit_its_width() {
    let b = demo();
    let (image, _) = crate::boot::synced_image(&b);
    let args = format!("image history {image} -c name -c version -c digest -c size -c created_at");
    let piped = b.run(&["image", "history", &image, "-o", "json"]).ok().json();
    let row = &piped[0];
    let (size, digest) = (row["size"].as_u64().unwrap(), row["digest"].as_str().unwrap().to_string());
    assert!(digest.starts_with("sha256:") && digest.len() == 71, "{digest}");

    let shown = on_terminal(&b, 80, &args);
    assert!(shown.lines().all(|l| l.chars().count() <= 80), "wider than the terminal:\n{shown}");
    assert!(shown.contains(&digest[..19]) && !shown.contains(&digest[..20]), "digest not cut to 12 hex:\n{shown}");
    assert!(shown.contains("KiB") || shown.contains("MiB"), "no human size for {size} bytes:\n{shown}");
    assert!(!shown.contains(&size.to_string()), "{shown}");
    assert!(shown.contains("rc=0"));

    let wide = on_terminal(&b, 250, &format!("image history {image} --wide -c digest"));
    assert!(wide.contains(&digest), "--wide shows the digest whole:\n{wide}");

    // Off a terminal nothing changes: whole digests and bytes in a table too.
    let table = b.run(&["image", "history", &image]).ok().stdout;
    assert!(table.contains(&digest) && table.contains(&size.to_string()), "{table}");
}
