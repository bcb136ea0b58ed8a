//! The sync file's parser against hand-written files: every option, every mistake.

use super::*;

fn parse_ok(text: &str) -> SyncFile {
    parse(text, Path::new("images.yaml")).unwrap()
}

fn parse_err(text: &str) -> String {
    let e = parse(text, Path::new("images.yaml")).unwrap_err();
    assert_eq!(crate::error::exit_code(&e), crate::error::ExitCode::Usage);
    format!("{e:#}")
}

#[test]
fn skopeo_shape() {
    let f = parse_ok(
        r#"
docker.io:
  images:
    busybox: []
    redis: ["1.0", "sha256:0000000000000000000000000000000000000000000000000000000000000000"]
  images-by-tag-regex:
    nginx: ^1\.2[0-9]$
  images-by-semver:
    alpine: ">= 3.18, < 4"
  credentials: {username: u, password: p}
127.0.0.1:5001:
  tls-verify: false
  images:
    library/busybox: ["1.36"]
"#,
    );
    assert_eq!(f.registries.len(), 2);
    let hub = f.registries.iter().find(|s| s.registry == "docker.io").unwrap();
    assert_eq!(hub.entries.len(), 4);
    assert!(matches!(hub.entries[0].tags, TagSelection::All));
    assert!(matches!(&hub.entries[1].tags, TagSelection::Listed(t) if t.len() == 2));
    assert_eq!(hub.credentials, Some(("u".into(), "p".into())));
    assert!(!hub.insecure);
    let local = f.registries.iter().find(|s| s.registry == "127.0.0.1:5001").unwrap();
    assert!(local.insecure);
}

#[test]
fn entry_options() {
    let f = parse_ok(
        r#"
r.example:
  images:
    team/app:
      semver: "~1.4"
      platform: linux/arm64
      name: ops/app
      for: zun
      visibility: shared
      properties: {owner: ops, tier: 2}
      glance-tags: [prod]
"#,
    );
    let e = &f.registries[0].entries[0];
    assert_eq!(e.options.platform.as_ref().unwrap().to_string(), "linux/arm64");
    assert_eq!(e.options.consumer, Some(Consumer::Zun));
    assert_eq!(e.options.name.as_deref(), Some("ops/app"));
    assert_eq!(e.options.properties, vec![("owner".into(), "ops".into()), ("tier".into(), "2".into())]);
    let tags: Vec<String> =
        ["1.3.9", "1.4", "1.4.2", "1.5.0", "latest", "v1.4.7"].iter().map(|s| s.to_string()).collect();
    assert_eq!(e.tags.select(&tags), vec!["1.4", "1.4.2", "v1.4.7"]);
}

#[test]
fn mistakes_are_usage_errors_that_say_where() {
    let e = parse_err("docker.io:\n  images:\n    busybox: [1.10]\n");
    assert!(e.contains("quote it as written (`\"1.10\"`)") && e.contains("reads as 1.1"), "{e}");
    let e = parse_err("docker.io:\n  images:\n    busybox: [3]\n");
    assert!(e.contains("quote it (`\"3\"`)"), "{e}");
    assert!(parse_err("docker.io:\n  image:\n    busybox: []\n").contains("unknown field `image`"));
    assert!(
        parse_err("docker.io:\n  images-by-tag-regex:\n    busybox: \"(\"\n")
            .contains("`docker.io` > `busybox`: the tag regex")
    );
    assert!(parse_err("docker.io:\n  images-by-semver:\n    busybox: \">> 1\"\n").contains("semver range is invalid"));
    assert!(parse_err("docker.io:\n  images:\n    b:\n      tags: [\"1\"]\n      semver: \"1\"\n").contains("one of"));
    assert!(parse_err("docker.io:\n  images:\n    b:\n      for: kubernetes\n").contains("nova-docker"));
    assert!(parse_err("docker.io:\n  images:\n    b:\n      name: x/y:1\n").contains("has a tag"));
    assert!(parse_err("docker.io/library:\n  images:\n    b: []\n").contains("not a registry host"));
    assert!(parse_err("docker.io:\n  tls-verify: true\n").contains("lists no images"));
    assert!(parse_err("{}").contains("names no registry"));
    assert!(parse_err("docker.io:\n  images:\n    busybox:1: []\n").contains("not a repository"));
    assert!(parse_err("docker.io:\n  images:\n    Bad Repo: []\n").contains("not a repository"));
    assert!(parse_err("docker.io:\n  images:\n    b: 3\n").contains("found a number"));
    // One listed tag may carry its own tag in the name.
    parse_ok("docker.io:\n  images:\n    b:\n      tags: [\"1\"]\n      name: x/y:one\n");
}

#[test]
fn regex_is_unanchored_as_in_skopeo() {
    let f = parse_ok("r.example:\n  images-by-tag-regex:\n    app: \"1\\\\.2\"\n");
    let tags: Vec<String> = ["1.2", "v1.2-rc", "1.3"].iter().map(|s| s.to_string()).collect();
    assert_eq!(f.registries[0].entries[0].tags.select(&tags), vec!["1.2", "v1.2-rc"]);
}

#[test]
fn versions_and_ranges_as_registries_write_them() {
    assert_eq!(lenient_version("v1.2").unwrap().to_string(), "1.2.0");
    assert_eq!(lenient_version("3.18").unwrap().to_string(), "3.18.0");
    assert_eq!(lenient_version("2").unwrap().to_string(), "2.0.0");
    assert_eq!(lenient_version("1.2.3-rc.1").unwrap().to_string(), "1.2.3-rc.1");
    assert_eq!(lenient_version("1.2-alpine").unwrap().to_string(), "1.2.0-alpine");
    assert!(lenient_version("latest").is_none());
    assert!(lenient_version("1.2.3.4").is_none());
    let sel = |range: &str, tags: &[&str]| {
        let reqs = parse_range(range).unwrap();
        TagSelection::Semver(range.into(), reqs).select(&tags.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    };
    let tags = ["1.0", "1.9.9", "2.0.0", "2.3", "3.1.0", "edge", "2.1.0-rc.1"];
    assert_eq!(sel(">= 2, < 3", &tags), vec!["2.0.0", "2.3"]);
    assert_eq!(sel(">= 2 < 3", &tags), vec!["2.0.0", "2.3"]);
    assert_eq!(sel("< 1.5 || >= 3", &tags), vec!["1.0", "3.1.0"]);
    assert_eq!(sel("^2", &tags), vec!["2.0.0", "2.3"]);
    assert_eq!(sel("2.x", &tags), vec!["2.0.0", "2.3"]);
    assert!(parse_range("not a range").is_err());
}

#[test]
fn cert_dir_takes_one_ca_and_a_client_pair() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("ca.crt"), "x").unwrap();
    let (ca, client) = cert_dir(d.path()).unwrap();
    assert!(ca.unwrap().ends_with("ca.crt") && client.is_none());
    std::fs::write(d.path().join("me.cert"), "x").unwrap();
    assert!(cert_dir(d.path()).unwrap_err().contains("exactly one"));
    std::fs::write(d.path().join("me.key"), "x").unwrap();
    assert!(cert_dir(d.path()).unwrap().1.is_some());
    std::fs::write(d.path().join("other.crt"), "x").unwrap();
    assert!(cert_dir(d.path()).unwrap_err().contains("concatenate"));
}

#[test]
fn narrowing_excludes_then_keeps_the_highest_versions() {
    let tags: Vec<String> =
        ["1.9", "latest", "1.10", "v2.0.0-rc.1", "2.0", "1.10-alpine", "edge"].iter().map(|s| s.to_string()).collect();
    let n = Narrowing { exclude: regexes(&["alpine".into()]).unwrap(), newest: None };
    assert_eq!(n.apply(tags.clone()), ["1.9", "latest", "1.10", "v2.0.0-rc.1", "2.0", "edge"]);
    // Semver order, not the registry's nor the strings' (1.10 > 1.9); a pre-release is below its release, above
    // the versions before it; the result keeps the registry's order.
    let n = Narrowing { exclude: vec![], newest: Some(2) };
    assert_eq!(n.apply(tags.clone()), ["v2.0.0-rc.1", "2.0"]);
    let both = Narrowing { exclude: regexes(&["^2".into()]).unwrap(), newest: None }.and(&n);
    assert_eq!(both.apply(tags.clone()), ["1.10", "v2.0.0-rc.1"]);
    assert!(both.describe().contains("except `^2`") && both.describe().contains("the 2 newest"));
    assert!(Narrowing::default().is_empty() && Narrowing::default().apply(tags.clone()) == tags);
    assert!(regexes(&["(".into()]).unwrap_err().contains("the regex `(` is invalid"));
}

#[test]
fn exclude_and_newest_in_the_sync_file() {
    let f = parse_ok(
        "r.example:\n  exclude: [\"-rc\"]\n  images:\n    app:\n      newest: 3\n      exclude: [\"^0\\\\.\"]\n",
    );
    assert_eq!(f.registries[0].exclude.len(), 1);
    let n = &f.registries[0].entries[0].options.narrowing;
    assert_eq!((n.newest, n.exclude.len()), (Some(3), 1));
    assert!(
        parse_err("r.example:\n  exclude: [\"(\"]\n  images:\n    app: []\n")
            .contains("`r.example` > `exclude`: the regex")
    );
    assert!(parse_err("r.example:\n  images:\n    app:\n      newest: -1\n").contains("app"));
}
