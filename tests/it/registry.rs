//! `berth registry inspect|tags` against the dev environment's real registries: anonymous, Basic auth, Docker-Hub
//! style tokens, TLS with its own CA. Every digest is checked against `$BERTH_DEV_SEED` (seed.json).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::{Berth, Out, dev, run_stdin, seed};
use base64::Engine;
use serde_json::Value;

const SEED_REFS: [&str; 7] = [
    "library/busybox:1.35",
    "library/busybox:1.36",
    "library/busybox:latest",
    "library/busybox:oci",
    "library/busybox:multi",
    "library/busybox:multi-oci",
    "private/secret:1.0",
];

fn args<'a>(first: &[&'a str], rest: &[&'a str]) -> Vec<&'a str> {
    first.iter().chain(rest).copied().collect()
}

/// `registry inspect HOST/REF -o json [extra]`, with `password` on stdin when given.
fn inspect(b: &Berth, host: &str, reference: &str, extra: &[&str], password: Option<&str>) -> Out {
    let r = format!("{host}/{reference}");
    let a = args(&["registry", "inspect", &r, "-o", "json"], extra);
    match password {
        Some(p) => run_stdin(b, &a, &format!("{p}\n")),
        None => b.run(&a),
    }
}

/// The single images of a seed entry: itself, or the entries of its list/index.
fn singles(want: &Value) -> Vec<Value> {
    match want["manifests"].as_array() {
        Some(m) => m.clone(),
        None => vec![want.clone()],
    }
}

fn platform_of(single: &Value) -> String {
    let p = &single["platform"];
    let mut s = format!("{}/{}", p["os"].as_str().unwrap(), p["architecture"].as_str().unwrap());
    if let Some(v) = p["variant"].as_str() {
        s.push('/');
        s.push_str(v);
    }
    s
}

/// One row of `inspect -o json` equals the seed's single image (and names the index it came through).
#[track_caller]
fn check_row(row: &Value, single: &Value, index: Option<&str>, what: &str) {
    assert_eq!(row["manifest_digest"], single["digest"], "{what}: {row}");
    assert_eq!(row["media_type"], single["media_type"], "{what}");
    assert_eq!(row["config_digest"], single["config"]["digest"], "{what}");
    assert_eq!(row["platform"], platform_of(single).as_str(), "{what}");
    let layers = row["layers"].as_array().unwrap();
    let want_layers = single["layers"].as_array().unwrap();
    assert_eq!(layers.len(), want_layers.len(), "{what}");
    for (got, want) in layers.iter().zip(want_layers) {
        assert_eq!(got["digest"], want["digest"], "{what}");
        assert_eq!(got["size"], want["size"], "{what}");
        assert_eq!(got["media_type"], want["media_type"], "{what}");
    }
    let size: u64 = want_layers.iter().map(|l| l["size"].as_u64().unwrap()).sum();
    assert_eq!(row["size"], size, "{what}");
    match index {
        Some(d) => assert_eq!(row["index_digest"], d, "{what}"),
        None => assert!(row["index_digest"].is_null(), "{what}: {row}"),
    }
}

/// Inspect every seeded tag with `flags` (and `password` on stdin): the default platform, linux/arm64 and
/// `--all-platforms` of the multi-platform tags.
fn inspect_every_seeded_tag(b: &Berth, host: &str, flags: &[&str], password: Option<&str>, refs: &[&str]) {
    let seed = seed();
    for reference in refs {
        let want = &seed[*reference];
        assert!(want.is_object(), "seed.json lacks {reference}");
        let what = format!("{host}/{reference} {flags:?}");
        let rows = inspect(b, host, reference, flags, password).ok().json();
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 1, "{what}: {rows:?}");
        assert_eq!(rows[0]["reference"], format!("{host}/{reference}").as_str());
        let all = singles(want);
        if want["manifests"].is_array() {
            let index = want["digest"].as_str();
            let amd64 = all.iter().find(|s| platform_of(s) == "linux/amd64").unwrap();
            check_row(&rows[0], amd64, index, &what);

            let arm = inspect(b, host, reference, &args(flags, &["--platform", "linux/arm64"]), password).ok().json();
            let arm64 = all.iter().find(|s| platform_of(s).starts_with("linux/arm64")).unwrap();
            check_row(&arm[0], arm64, index, &format!("{what} --platform linux/arm64"));

            let every = inspect(b, host, reference, &args(flags, &["--all-platforms"]), password).ok().json();
            let every = every.as_array().unwrap();
            assert_eq!(every.len(), all.len(), "{what} --all-platforms");
            for (row, single) in every.iter().zip(&all) {
                check_row(row, single, index, &format!("{what} --all-platforms"));
            }
        } else {
            check_row(&rows[0], want, None, &what);
        }
    }
}

#[test]
fn anonymous_registry_serves_every_seeded_tag() {
    inspect_every_seeded_tag(&Berth::new(), &dev("BERTH_DEV_REGISTRY_ANON"), &[], None, &SEED_REFS);
}

#[test]
fn basic_registry_with_password_on_stdin() {
    let user = dev("BERTH_DEV_REGISTRY_BASIC_USER");
    let password = dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD");
    let flags = ["--registry-user", &user, "--registry-password-stdin"];
    inspect_every_seeded_tag(&Berth::new(), &dev("BERTH_DEV_REGISTRY_BASIC"), &flags, Some(&password), &SEED_REFS);
}

fn write_docker_config(dir: &Path, json: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("config.json"), json).unwrap();
}

fn basic_auth_value(user: &str, password: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
}

#[test]
fn basic_registry_with_docker_config_auths() {
    let host = dev("BERTH_DEV_REGISTRY_BASIC");
    let auth = basic_auth_value(&dev("BERTH_DEV_REGISTRY_BASIC_USER"), &dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD"));
    let b = Berth::new();
    // A key with a scheme, as older `docker login` wrote them: matched by host.
    write_docker_config(
        &b.home().join(".docker"),
        &format!(r#"{{"auths": {{"http://{host}": {{"auth": "{auth}"}}}}}}"#),
    );
    inspect_every_seeded_tag(
        &b,
        &host,
        &[],
        None,
        &["library/busybox:1.36", "library/busybox:multi-oci", "private/secret:1.0"],
    );

    // $DOCKER_CONFIG wins over ~/.docker.
    let elsewhere = b.home().join("elsewhere");
    write_docker_config(&elsewhere, &format!(r#"{{"auths": {{"{host}": {{"auth": "{auth}"}}}}}}"#));
    write_docker_config(&b.home().join(".docker"), "{}");
    let b = b.env("DOCKER_CONFIG", elsewhere.to_str().unwrap());
    inspect_every_seeded_tag(&b, &host, &[], None, &["library/busybox:oci"]);
}

/// A `docker-credential-berthtest` on PATH that knows the basic and token registries' credentials and logs
/// every server it was asked about.
fn credential_helper(b: &Berth) -> (String, std::path::PathBuf) {
    let bin = b.home().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = b.home().join("helper.log");
    let script = format!(
        r#"#!/bin/sh
[ "$1" = get ] || exit 2
server=$(cat)
echo "$server" >> '{log}'
case "$server" in
  '{basic}') printf '{{"ServerURL":"%s","Username":"{basic_user}","Secret":"{basic_password}"}}' "$server" ;;
  '{token}') printf '{{"ServerURL":"%s","Username":"{token_user}","Secret":"{token_password}"}}' "$server" ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
"#,
        log = log.display(),
        basic = dev("BERTH_DEV_REGISTRY_BASIC"),
        basic_user = dev("BERTH_DEV_REGISTRY_BASIC_USER"),
        basic_password = dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD"),
        token = dev("BERTH_DEV_REGISTRY_TOKEN"),
        token_user = dev("BERTH_DEV_REGISTRY_TOKEN_USER"),
        token_password = dev("BERTH_DEV_REGISTRY_TOKEN_PASSWORD"),
    );
    let path = bin.join("docker-credential-berthtest");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    let search = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    (search, log)
}

#[test]
fn credential_helpers_from_docker_config() {
    let basic = dev("BERTH_DEV_REGISTRY_BASIC");
    let token = dev("BERTH_DEV_REGISTRY_TOKEN");
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let b = Berth::new();
    let (path, log) = credential_helper(&b);
    write_docker_config(
        &b.home().join(".docker"),
        &format!(r#"{{"credHelpers": {{"{basic}": "berthtest", "{token}": "berthtest", "{anon}": "berthtest"}}}}"#),
    );
    let b = b.env("PATH", &path);
    inspect_every_seeded_tag(&b, &basic, &[], None, &["library/busybox:multi", "private/secret:1.0"]);
    inspect_every_seeded_tag(&b, &token, &[], None, &["private/secret:1.0", "library/busybox:latest"]);
    // The anonymous registry never asks, so its helper never runs.
    inspect_every_seeded_tag(&b, &anon, &[], None, &["library/busybox:1.35"]);
    let asked = std::fs::read_to_string(&log).unwrap();
    assert!(asked.lines().any(|l| l == basic) && asked.lines().any(|l| l == token), "{asked}");
    assert!(!asked.contains(&anon), "the helper ran for a registry that wants no credentials: {asked}");

    // credsStore works the same way; a helper with nothing for the registry means no credentials.
    write_docker_config(&b.home().join(".docker"), r#"{"credsStore": "berthtest"}"#);
    inspect_every_seeded_tag(&b, &basic, &[], None, &["library/busybox:oci"]);
    write_docker_config(&b.home().join(".docker"), &format!(r#"{{"credHelpers": {{"{basic}": "berthtest"}}}}"#));
    let other = format!("localhost:{}", basic.rsplit(':').next().unwrap());
    inspect(&b, &other, "library/busybox:oci", &[], None).code(4).stderr_has("wants credentials");
}

#[test]
fn broken_docker_configs_are_usage_errors_naming_the_fix() {
    let basic = dev("BERTH_DEV_REGISTRY_BASIC");
    let b = Berth::new();
    write_docker_config(&b.home().join(".docker"), r#"{"credsStore": "berth-no-such-helper"}"#);
    inspect(&b, &basic, "library/busybox:1.36", &[], None)
        .code(2)
        .stderr_has("`docker-credential-berth-no-such-helper` is not on PATH")
        .stderr_has("--registry-password-stdin");
    write_docker_config(&b.home().join(".docker"), r#"{"auths": {"#);
    inspect(&b, &basic, "library/busybox:1.36", &[], None).code(2).stderr_has("is malformed");
    write_docker_config(&b.home().join(".docker"), &format!(r#"{{"auths": {{"{basic}": {{"auth": "%%%"}}}}}}"#));
    inspect(&b, &basic, "library/busybox:1.36", &[], None).code(2).stderr_has("is not base64");
    // A failing helper is an auth failure that names it.
    let bin = b.home().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let helper = bin.join("docker-credential-broken");
    std::fs::write(&helper, "#!/bin/sh\necho 'keychain is locked' >&2\nexit 3\n").unwrap();
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap();
    write_docker_config(&b.home().join(".docker"), r#"{"credsStore": "broken"}"#);
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    inspect(&b.env("PATH", &path), &basic, "library/busybox:1.36", &[], None)
        .code(4)
        .stderr_has("`docker-credential-broken` failed")
        .stderr_has("keychain is locked");
}

#[test]
fn token_registry_anonymous_for_library_credentials_for_private() {
    let host = dev("BERTH_DEV_REGISTRY_TOKEN");
    let library: Vec<&str> = SEED_REFS.iter().copied().filter(|r| r.starts_with("library/")).collect();
    inspect_every_seeded_tag(&Berth::new(), &host, &[], None, &library);

    let out = inspect(&Berth::new(), &host, "private/secret:1.0", &[], None).code(4);
    assert!(out.stderr.contains(&format!("`{host}` wants credentials for `private/secret`")), "{}", out.stderr);
    assert!(out.stderr.contains("--registry-user") && out.stderr.contains("docker login"), "{}", out.stderr);

    let user = dev("BERTH_DEV_REGISTRY_TOKEN_USER");
    let password = dev("BERTH_DEV_REGISTRY_TOKEN_PASSWORD");
    let flags = ["--registry-user", &user, "--registry-password-stdin"];
    inspect_every_seeded_tag(&Berth::new(), &host, &flags, Some(&password), &SEED_REFS);
}

#[test]
fn tls_registry_needs_its_ca() {
    let ca = dev("BERTH_DEV_REGISTRY_CA");
    for host in [dev("BERTH_DEV_REGISTRY_TLS"), dev("BERTH_DEV_REGISTRY_TLS_HOST")] {
        inspect_every_seeded_tag(&Berth::new(), &host, &["--registry-cacert", &ca], None, &SEED_REFS);
        let out = inspect(&Berth::new(), &host, "library/busybox:1.36", &[], None).code(1);
        assert!(out.stderr.contains("TLS verification of `https://"), "{}", out.stderr);
        assert!(out.stderr.contains("hint: ") && out.stderr.contains("--registry-cacert"), "{}", out.stderr);
        assert!(out.stderr.contains("--registry-insecure"), "{}", out.stderr);
        // A certificate failure never falls back to plain http.
        let v = inspect(&Berth::new(), &host, "library/busybox:1.36", &["-v"], None).code(1);
        assert!(!v.stderr.contains("http://"), "{}", v.stderr);
    }
    let insecure =
        inspect(&Berth::new(), &dev("BERTH_DEV_REGISTRY_TLS"), "library/busybox:oci", &["--registry-insecure"], None)
            .ok();
    assert_eq!(insecure.json()[0]["manifest_digest"], seed()["library/busybox:oci"]["digest"]);
}

#[test]
fn wrong_or_missing_passwords_are_auth_failures() {
    let basic = dev("BERTH_DEV_REGISTRY_BASIC");
    let token = dev("BERTH_DEV_REGISTRY_TOKEN");
    let user = dev("BERTH_DEV_REGISTRY_BASIC_USER");
    let flags = ["--registry-user", &user, "--registry-password-stdin"];

    let out = inspect(&Berth::new(), &basic, "library/busybox:1.36", &[], None).code(4);
    assert!(out.stderr.contains(&format!("`{basic}` wants credentials for `library/busybox`")), "{}", out.stderr);
    assert!(out.stderr.contains("--registry-password-stdin") && out.stderr.contains("docker login"), "{}", out.stderr);

    let out = inspect(&Berth::new(), &basic, "library/busybox:1.36", &flags, Some("not-the-password")).code(4);
    assert!(out.stderr.contains(&format!("`{basic}` refused the credentials of `{user}`")), "{}", out.stderr);

    let out = inspect(&Berth::new(), &token, "private/secret:1.0", &flags, Some("not-the-password")).code(4);
    assert!(out.stderr.contains("refused the credentials of"), "{}", out.stderr);
    assert!(out.stderr.contains("incorrect username or password"), "{}", out.stderr);
    // Even for a public repository, wrong credentials are not silently dropped.
    inspect(&Berth::new(), &token, "library/busybox:1.36", &flags, Some("not-the-password")).code(4);

    // An empty password, or a user without the password flag, is bad usage.
    inspect(&Berth::new(), &basic, "library/busybox:1.36", &flags, Some("")).code(2).stderr_has("empty password");
    inspect(&Berth::new(), &basic, "library/busybox:1.36", &["--registry-user", &user], None).code(2);
}

#[test]
fn unknown_tags_repositories_and_platforms() {
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let token = dev("BERTH_DEV_REGISTRY_TOKEN");
    for host in [&anon, &token] {
        let out = inspect(&Berth::new(), host, "library/busybox:no-such-tag", &[], None).code(1);
        assert!(
            out.stderr.contains(&format!("registry `{host}` has no tag `no-such-tag` in `library/busybox`")),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains(&format!("hint: list the tags with `berth registry tags {host}/library/busybox`")),
            "{}",
            out.stderr
        );
        inspect(&Berth::new(), host, "library/no-such-repo:1", &[], None)
            .code(1)
            .stderr_has("has no tag `1` in `library/no-such-repo`");
        let out = Berth::new().run(&["registry", "tags", &format!("{host}/library/no-such-repo")]).code(1);
        assert!(out.stderr.contains("has no repository `library/no-such-repo`"), "{}", out.stderr);
    }
    let missing = format!("sha256:{}", "0".repeat(64));
    inspect(&Berth::new(), &anon, &format!("library/busybox@{missing}"), &[], None)
        .code(1)
        .stderr_has(&format!("has no manifest `{missing}`"));

    for bad in ["Busy Box", "busybox:", "127.0.0.1:5001/library/busybox@sha256:abc"] {
        Berth::new().run(&["registry", "inspect", bad]).code(2).stderr_has("invalid reference");
    }
    Berth::new().run(&["registry", "inspect", "busybox", "--platform", "linux"]).code(2).stderr_has("invalid platform");

    let out = inspect(&Berth::new(), &anon, "library/busybox:multi", &["--platform", "linux/s390x"], None).code(2);
    assert!(out.stderr.contains("has no `linux/s390x` variant; it has: linux/amd64, linux/arm64/v8"), "{}", out.stderr);
    assert!(out.stderr.contains("--all-platforms"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_digest_reference_is_verified_and_resolves_the_same() {
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let seed = seed();
    for reference in ["library/busybox:multi", "library/busybox:oci"] {
        let digest = seed[reference]["digest"].as_str().unwrap();
        let by_tag = inspect(&Berth::new(), &anon, reference, &[], None).ok().json();
        let by_digest = inspect(&Berth::new(), &anon, &format!("library/busybox@{digest}"), &[], None).ok().json();
        assert_eq!(by_tag[0]["manifest_digest"], by_digest[0]["manifest_digest"]);
        assert_eq!(by_digest[0]["reference"], format!("{anon}/library/busybox@{digest}").as_str());
    }
}

#[test]
fn tags_of_every_registry() {
    let seed = seed();
    let want = |repo: &str| -> Vec<String> {
        let mut t: Vec<String> = SEED_REFS
            .iter()
            .filter_map(|r| r.split_once(':'))
            .filter(|(name, _)| *name == repo)
            .map(|(_, tag)| tag.to_string())
            .collect();
        t.sort();
        t
    };
    assert!(seed.is_object());
    let ca = dev("BERTH_DEV_REGISTRY_CA");
    let basic_password = dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD");
    let token_password = dev("BERTH_DEV_REGISTRY_TOKEN_PASSWORD");
    let basic_user = dev("BERTH_DEV_REGISTRY_BASIC_USER");
    let token_user = dev("BERTH_DEV_REGISTRY_TOKEN_USER");
    let cases: Vec<(String, Vec<&str>, Option<&str>)> = vec![
        (dev("BERTH_DEV_REGISTRY_ANON"), vec![], None),
        (
            dev("BERTH_DEV_REGISTRY_BASIC"),
            vec!["--registry-user", &basic_user, "--registry-password-stdin"],
            Some(&basic_password),
        ),
        (dev("BERTH_DEV_REGISTRY_TOKEN"), vec![], None),
        (dev("BERTH_DEV_REGISTRY_TLS"), vec!["--registry-cacert", &ca], None),
    ];
    for (host, flags, password) in &cases {
        for repo in ["library/busybox", "private/secret"] {
            if repo == "private/secret" && host == &dev("BERTH_DEV_REGISTRY_TOKEN") {
                continue; // needs credentials: below
            }
            let r = format!("{host}/{repo}");
            let a = args(&["registry", "tags", &r, "-o", "value"], flags);
            let out = match password {
                Some(p) => run_stdin(&Berth::new(), &a, &format!("{p}\n")),
                None => Berth::new().run(&a),
            }
            .ok();
            let got: Vec<String> = out.stdout.lines().map(str::to_string).collect();
            for tag in want(repo) {
                assert!(got.contains(&tag), "{r}: {got:?} lacks {tag}");
            }
            let mut sorted = got.clone();
            sorted.sort();
            assert_eq!(got, sorted, "tags are printed sorted");
        }
    }
    let token = dev("BERTH_DEV_REGISTRY_TOKEN");
    let r = format!("{token}/private/secret");
    Berth::new().run(&["registry", "tags", &r]).code(4).stderr_has("wants credentials");
    let out = run_stdin(
        &Berth::new(),
        &["registry", "tags", &r, "-o", "json", "--registry-user", &token_user, "--registry-password-stdin"],
        &format!("{token_password}\n"),
    )
    .ok();
    assert_eq!(out.json(), serde_json::json!([{"tag": "1.0"}]));
    Berth::new()
        .run(&["registry", "tags", &format!("{token}/library/busybox:1.36")])
        .code(2)
        .stderr_has("takes a repository");
}

#[test]
fn verbose_logs_never_show_passwords_or_tokens() {
    let basic = dev("BERTH_DEV_REGISTRY_BASIC");
    let token = dev("BERTH_DEV_REGISTRY_TOKEN");
    let basic_password = dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD");
    let token_password = dev("BERTH_DEV_REGISTRY_TOKEN_PASSWORD");
    let user = dev("BERTH_DEV_REGISTRY_BASIC_USER");
    let flags = ["-vv", "--registry-user", &user, "--registry-password-stdin"];
    let runs = [
        inspect(&Berth::new(), &basic, "library/busybox:multi", &flags, Some(&basic_password)).ok(),
        inspect(&Berth::new(), &token, "private/secret:1.0", &flags, Some(&token_password)).ok(),
        inspect(&Berth::new(), &token, "library/busybox:multi", &["-vv", "--all-platforms"], None).ok(),
        // A wrong password, echoed nowhere either.
        inspect(&Berth::new(), &token, "private/secret:1.0", &flags, Some("wrong-pw-Zx81")).code(4),
    ];
    let basic_b64 = basic_auth_value(&user, &basic_password);
    let token_b64 = basic_auth_value(&user, &token_password);
    for out in &runs {
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("authorization: <redacted>"), "{}", out.stderr);
        for secret in [basic_password.as_str(), &token_password, &basic_b64, &token_b64, "wrong-pw-Zx81"] {
            assert!(!all.contains(secret), "a secret leaked in {:?}:\n{all}", out.args);
        }
        // Bearer tokens are JWTs: base64 of `{"` starts with `eyJ`.
        assert!(!all.contains("eyJ"), "a token leaked in {:?}:\n{all}", out.args);
    }
    assert!(runs[1].stderr.contains("/token?service="), "{}", runs[1].stderr);
    // One token serves every request of the run (index, two manifests, two configs): it is cached per scope.
    let token_get = format!("http: GET {}?", dev("BERTH_DEV_TOKEN_REALM"));
    assert_eq!(runs[2].stderr.matches(&token_get).count(), 1, "{}", runs[2].stderr);
}
