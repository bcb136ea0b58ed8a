//! Keystone auth, cloud configuration, token cache, catalog and errors, against the dev environment's real
//! Keystone (and Glance for the requests that need a service).

use std::os::unix::fs::PermissionsExt;

use crate::common::{Berth, dev, openrc};
use serde_json::Value;

fn token(b: &Berth, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["auth", "token", "-o", "json"]);
    b.run(&a).ok().json()
}

/// `--os-foo-bar VALUE` flags from an openrc file's `OS_FOO_BAR=VALUE` lines.
fn flags_from_openrc(which: &str) -> Vec<String> {
    openrc(which)
        .into_iter()
        .filter(|(k, _)| k != "OS_IDENTITY_API_VERSION")
        .flat_map(|(k, v)| [format!("--{}", k.to_lowercase().replace('_', "-")), v])
        .collect()
}

const IDENTITIES: [(&str, &str, &str); 3] =
    [("admin", "admin", "password"), ("demo", "demo", "password"), ("appcred", "demo", "application_credential")];

#[test]
fn every_identity_via_clouds_yaml() {
    for (which, project, method) in IDENTITIES {
        let t = token(&Berth::new().clouds(), &["--os-cloud", &format!("berth-{which}")]);
        assert_eq!(t["project_name"], project, "{which}: {t}");
        assert_eq!(t["methods"], serde_json::json!([method]), "{which}: {t}");
        assert_eq!(t["cached"], false);
        assert!(t["id"].as_str().unwrap().len() > 20);
        assert!(t["expires_at"].as_str().unwrap().ends_with('Z'));
    }
}

#[test]
fn every_identity_via_os_variables_only() {
    for (which, project, method) in IDENTITIES {
        let t = token(&Berth::new().envs(&openrc(which)), &[]);
        assert_eq!(t["project_name"], project, "{which}: {t}");
        assert_eq!(t["methods"], serde_json::json!([method]));
    }
}

#[test]
fn every_identity_via_flags_only() {
    for (which, project, method) in IDENTITIES {
        let flags = flags_from_openrc(which);
        let args: Vec<&str> = flags.iter().map(String::as_str).collect();
        let t = token(&Berth::new(), &args);
        assert_eq!(t["project_name"], project, "{which}: {t}");
        assert_eq!(t["methods"], serde_json::json!([method]));
    }
}

#[test]
fn token_auth_via_flags_env_and_clouds_yaml() {
    let demo = token(&Berth::new().clouds(), &["--os-cloud", "berth-demo", "--no-cache"]);
    let id = demo["id"].as_str().unwrap();
    let auth_url = dev("BERTH_DEV_AUTH_URL");

    let via_flags = token(
        &Berth::new(),
        &[
            "--os-auth-url",
            &auth_url,
            "--os-token",
            id,
            "--os-project-name",
            "demo",
            "--os-project-domain-name",
            "Default",
        ],
    );
    let via_env = token(
        &Berth::new()
            .env("OS_AUTH_URL", &auth_url)
            .env("OS_TOKEN", id)
            .env("OS_PROJECT_ID", demo["project_id"].as_str().unwrap()),
        &[],
    );
    let b = Berth::new();
    let clouds = b.home().join("clouds.yaml");
    std::fs::write(
        &clouds,
        format!("clouds:\n  tok:\n    auth_type: token\n    auth:\n      auth_url: {auth_url}\n      token: {id}\n      project_name: demo\n      project_domain_name: Default\n"),
    )
    .unwrap();
    let via_file = token(&b.env("OS_CLIENT_CONFIG_FILE", clouds.to_str().unwrap()), &["--os-cloud", "tok"]);
    for t in [via_flags, via_env, via_file] {
        assert_eq!(t["project_name"], "demo", "{t}");
        assert!(t["methods"].as_array().unwrap().contains(&"token".into()), "{t}");
        assert_eq!(t["user_name"], "demo");
    }
}

#[test]
fn config_show_names_the_source_of_every_value() {
    let b = Berth::new().clouds().env("OS_REGION_NAME", "RegionOne");
    let out = b.run(&["--os-cloud", "berth-demo", "--os-interface", "internal", "config", "show", "-o", "json"]).ok();
    let rows = out.json();
    let source = |key: &str| -> String {
        rows.as_array().unwrap().iter().find(|r| r["key"] == key).unwrap_or_else(|| panic!("no `{key}` in {rows}"))["source"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(source("cloud"), "flag --os-cloud");
    assert_eq!(source("auth_url"), format!("file {}", dev("BERTH_DEV_CLOUDS_YAML")));
    assert_eq!(source("password"), format!("file {}", dev("BERTH_DEV_SECURE_YAML")));
    assert_eq!(source("region_name"), "env OS_REGION_NAME");
    assert_eq!(source("interface"), "flag --os-interface");
    assert!(out.stdout.contains("<masked>"));
    assert!(!out.stdout.contains(&dev("BERTH_DEV_DEMO_PASSWORD")), "config show printed the password");

    let out = Berth::new().envs(&openrc("demo")).run(&["config", "show", "-o", "json"]).ok();
    let rows = out.json();
    let row = rows.as_array().unwrap().iter().find(|r| r["key"] == "interface").unwrap();
    assert_eq!(row["source"], "env OS_INTERFACE");
    assert!(!rows.as_array().unwrap().iter().any(|r| r["key"] == "cloud"));
}

#[test]
fn second_token_comes_from_the_cache_without_asking_keystone() {
    let b = Berth::new().clouds();
    let first =
        b.run(&["--os-cloud", "berth-demo", "-v", "auth", "token", "-o", "value", "-c", "id", "-c", "cached"]).ok();
    assert!(first.stderr.contains("http: POST http://127.0.0.1:5000/v3/auth/tokens -> 201"), "{}", first.stderr);
    let second =
        b.run(&["--os-cloud", "berth-demo", "-v", "auth", "token", "-o", "value", "-c", "id", "-c", "cached"]).ok();
    assert!(!second.stderr.contains("http:"), "the cached run made a request:\n{}", second.stderr);
    assert!(second.stderr.contains("using the cached token"), "{}", second.stderr);
    let (id1, id2) = (first.stdout.lines().next().unwrap(), second.stdout.lines().next().unwrap());
    assert_eq!(id1, id2);
    assert_eq!(first.stdout.lines().nth(1), Some("false"));
    assert_eq!(second.stdout.lines().nth(1), Some("true"));

    let dir = b.cache_dir().join("tokens");
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].metadata().unwrap().permissions().mode() & 0o777, 0o600);

    // Another identity gets its own entry; --no-cache neither reads nor writes.
    b.run(&["--os-cloud", "berth-admin", "auth", "token"]).ok();
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    let nc = b.run(&["--os-cloud", "berth-demo", "--no-cache", "-v", "auth", "token", "-o", "value", "-c", "id"]).ok();
    assert!(nc.stderr.contains("http: POST"), "{}", nc.stderr);
    assert_ne!(nc.stdout.trim(), id1);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
}

#[test]
fn a_revoked_or_deleted_cached_token_is_replaced_transparently() {
    let b = Berth::new().clouds();
    let args = ["--os-cloud", "berth-demo"];
    let id = token(&b, &args)["id"].as_str().unwrap().to_string();

    // Revoke it behind berth's back (the token revokes itself).
    let url = format!("{}/auth/tokens", dev("BERTH_DEV_AUTH_URL"));
    let st = std::process::Command::new("curl")
        .args([
            "-fsS",
            "-X",
            "DELETE",
            "-H",
            &format!("X-Auth-Token: {id}"),
            "-H",
            &format!("X-Subject-Token: {id}"),
            &url,
        ])
        .status()
        .unwrap();
    assert!(st.success(), "revoking with curl failed");

    let out = b.run(&["--os-cloud", "berth-demo", "-v", "image", "list", "-o", "json"]).ok();
    assert!(out.stderr.contains("answered 401; getting a new token"), "{}", out.stderr);
    assert!(out.json().is_array());
    let renewed = token(&b, &args);
    assert_ne!(renewed["id"], id.as_str());
    assert_eq!(renewed["cached"], true, "the renewed token was not cached");

    // A cache file that disappeared: authenticate again.
    for f in std::fs::read_dir(b.cache_dir().join("tokens")).unwrap().flatten() {
        std::fs::remove_file(f.path()).unwrap();
    }
    let again = token(&b, &args);
    assert_eq!(again["cached"], false);
}

#[test]
fn auth_revoke_revokes_at_keystone_and_in_the_cache() {
    let b = Berth::new().clouds();
    let id = token(&b, &["--os-cloud", "berth-demo"])["id"].as_str().unwrap().to_string();
    let out = b.run(&["--os-cloud", "berth-demo", "auth", "revoke", "-o", "json"]).ok().json();
    assert_eq!(out["revoked"], true);
    assert_eq!(std::fs::read_dir(b.cache_dir().join("tokens")).unwrap().count(), 0);
    // Keystone no longer validates it.
    let code = std::process::Command::new("curl")
        .args([
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-H",
            &format!("X-Auth-Token: {id}"),
            "-H",
            &format!("X-Subject-Token: {id}"),
        ])
        .arg(format!("{}/auth/tokens", dev("BERTH_DEV_AUTH_URL")))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&code.stdout), "401");
    let next = token(&b, &["--os-cloud", "berth-demo"]);
    assert_ne!(next["id"], id.as_str());
}

#[test]
fn auth_url_without_v3_is_discovered() {
    let mut vars = openrc("demo");
    for (k, v) in vars.iter_mut() {
        if k == "OS_AUTH_URL" {
            *v = v.trim_end_matches("/v3").to_string();
        }
    }
    let t = token(&Berth::new().envs(&vars), &[]);
    assert_eq!(t["project_name"], "demo");
}

#[test]
fn catalog_list_and_show() {
    // The services listed below are the catalog as it is: not while a test adds one.
    let _as_is = crate::common::catalog_as_is();
    let b = Berth::new().clouds();
    let list = b.run(&["--os-cloud", "berth-demo", "catalog", "list", "-o", "json"]).ok().json();
    let types: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["type"].as_str().unwrap()).collect();
    for t in ["compute", "identity", "image", "network", "placement"] {
        assert!(types.contains(&t), "{t} missing from {types:?}");
    }
    let endpoints = &list.as_array().unwrap().iter().find(|s| s["type"] == "image").unwrap()["endpoints"];
    assert!(endpoints.as_array().unwrap().iter().any(|e| e["interface"] == "public" && e["region"] == "RegionOne"));

    let ep = b.run(&["--os-cloud", "berth-demo", "catalog", "show", "image", "-o", "value", "-c", "endpoint"]).ok();
    assert_eq!(ep.stdout.trim(), dev("BERTH_DEV_IMAGE_URL"));
    let ep = b.run(&["--os-cloud", "berth-demo", "catalog", "show", "compute", "-o", "value", "-c", "endpoint"]).ok();
    assert_eq!(ep.stdout.trim(), dev("BERTH_DEV_COMPUTE_URL"));

    // Aliases: block-storage is volumev3 & co.; the dev cloud has none, and says what it has.
    let mut here = vec!["compute", "identity", "image", "network", "placement"];
    if dev("BERTH_DEV_HEAT") == "1" {
        here.push("orchestration");
    }
    if std::env::var("BERTH_DEV_MAGNUM").as_deref() == Ok("1") {
        here.push("container-infra");
    }
    here.sort();
    let services = format!("services here: {}", here.join(", "));
    // A name that matches nothing is a usage error (2), as everywhere.
    b.run(&["--os-cloud", "berth-demo", "catalog", "show", "block-storage"])
        .code(2)
        .stderr_has("no `block-storage` service")
        .stderr_has(&services);
    // A region the cloud lacks.
    b.run(&["--os-cloud", "berth-demo", "--os-region-name", "Nowhere", "catalog", "show", "image"])
        .code(2)
        .stderr_has("in region `Nowhere`");
}

#[test]
fn bad_inputs_have_clear_errors_and_documented_codes() {
    // Unknown cloud: lists the known ones.
    Berth::new()
        .clouds()
        .run(&["--os-cloud", "nope", "auth", "token"])
        .code(2)
        .stderr_has("cloud `nope` is not in")
        .stderr_has("`berth-admin`");

    // Malformed YAML: file and line.
    let b = Berth::new();
    let bad = b.home().join("clouds.yaml");
    std::fs::write(&bad, "clouds:\n  x:\n    auth: {auth_url: [\n").unwrap();
    b.env("OS_CLIENT_CONFIG_FILE", bad.to_str().unwrap())
        .run(&["--os-cloud", "x", "auth", "token"])
        .code(2)
        .stderr_has(&format!("`{}` is not valid YAML (line", bad.display()));

    // No auth_url.
    Berth::new()
        .env("OS_USERNAME", "demo")
        .run(&["auth", "token"])
        .code(2)
        .stderr_has("no `auth_url`")
        .stderr_has("OS_AUTH_URL");

    // Wrong password: auth failure (4), with Keystone's message and a hint.
    Berth::new()
        .clouds()
        .env("OS_PASSWORD", "certainly-wrong")
        .run(&["--os-cloud", "berth-demo", "auth", "token"])
        .code(4)
        .stderr_has("HTTP 401")
        .stderr_has("hint: check the password");

    // Unreachable Keystone: runtime failure (1) with a hint.
    let mut vars = openrc("demo");
    vars.retain(|(k, _)| k != "OS_AUTH_URL");
    Berth::new()
        .envs(&vars)
        .env("OS_AUTH_URL", "http://127.0.0.1:9/v3")
        .run(&["auth", "token"])
        .code(1)
        .stderr_has("cannot connect to `http://127.0.0.1:9/v3/auth/tokens`")
        .stderr_has("hint:");

    // A cacert file that does not exist: configuration error naming the file and where it was set.
    let b = Berth::new();
    let f = b.home().join("clouds.yaml");
    std::fs::write(
        &f,
        format!(
            "clouds:\n  c:\n    cacert: /nonexistent/ca.pem\n    auth:\n      auth_url: {}\n",
            dev("BERTH_DEV_AUTH_URL")
        ),
    )
    .unwrap();
    b.env("OS_CLIENT_CONFIG_FILE", f.to_str().unwrap())
        .run(&["--os-cloud", "c", "auth", "token"])
        .code(2)
        .stderr_has("the cacert file `/nonexistent/ca.pem`")
        .stderr_has(&f.display().to_string());

    // Unknown output column.
    Berth::new()
        .clouds()
        .run(&["--os-cloud", "berth-demo", "auth", "token", "-c", "nope"])
        .code(2)
        .stderr_has("unknown column `nope`");
}

#[test]
fn very_verbose_logs_never_show_secrets() {
    let secrets = [dev("BERTH_DEV_ADMIN_PASSWORD"), dev("BERTH_DEV_DEMO_PASSWORD"), dev("BERTH_DEV_APPCRED_SECRET")];
    for (which, _, _) in IDENTITIES {
        let b = Berth::new().clouds();
        let cloud = format!("berth-{which}");
        let t = b.run(&["--os-cloud", &cloud, "-vv", "auth", "token", "-o", "value", "-c", "id"]).ok();
        let l = b.run(&["--os-cloud", &cloud, "-vv", "--no-cache", "image", "list"]).ok();
        let r = b.run(&["--os-cloud", &cloud, "-vv", "auth", "revoke"]).ok();
        let token_id = t.stdout.trim();
        for (out, what) in [(&t, "auth token"), (&l, "image list"), (&r, "auth revoke")] {
            assert!(out.stderr.contains("http: > "), "{what}: -vv logged no request:\n{}", out.stderr);
            assert!(!out.stderr.contains(token_id), "{which} {what}: -vv printed the token");
            for s in &secrets {
                assert!(!out.stderr.contains(s.as_str()), "{which} {what}: -vv printed a secret");
            }
        }
        assert!(t.stderr.contains("x-subject-token: <redacted>"), "{}", t.stderr);
    }
}

#[test]
fn keystone_over_tls_needs_its_ca() {
    let url = dev("BERTH_DEV_AUTH_URL_TLS");
    let ca = dev("BERTH_DEV_CA");
    let mut vars = openrc("demo");
    vars.retain(|(k, _)| k != "OS_AUTH_URL");

    // Without the CA: a TLS failure (1) whose hint names the fix.
    Berth::new()
        .envs(&vars)
        .env("OS_AUTH_URL", &url)
        .run(&["--no-cache", "auth", "token"])
        .code(1)
        .stderr_has("TLS verification of `https://127.0.0.1")
        .stderr_has("hint: trust the server's CA with `--os-cacert`");

    // With it, by variable, by flag, and by clouds.yaml `cacert`.
    let t = token(&Berth::new().envs(&vars).env("OS_AUTH_URL", &url).env("OS_CACERT", &ca), &["--no-cache"]);
    assert_eq!(t["project_name"], "demo");
    let t = token(&Berth::new().envs(&vars).env("OS_AUTH_URL", &url), &["--no-cache", "--os-cacert", &ca]);
    assert_eq!(t["project_name"], "demo");
    let b = Berth::new();
    let f = b.home().join("clouds.yaml");
    std::fs::write(
        &f,
        format!(
            "clouds:\n  tls:\n    cacert: {ca}\n    auth:\n      auth_url: {url}\n      username: demo\n      password: {}\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n",
            dev("BERTH_DEV_DEMO_PASSWORD")
        ),
    )
    .unwrap();
    let t = token(&b.env("OS_CLIENT_CONFIG_FILE", f.to_str().unwrap()), &["--os-cloud", "tls"]);
    assert_eq!(t["project_name"], "demo");

    // --insecure skips verification (for test clouds only).
    let t = token(&Berth::new().envs(&vars).env("OS_AUTH_URL", &url), &["--no-cache", "--insecure"]);
    assert_eq!(t["project_name"], "demo");
}
