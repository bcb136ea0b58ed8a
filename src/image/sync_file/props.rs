//! Property tests of the sync file: any text, and any YAML built from its vocabulary (registries, sections,
//! options, tags YAML reads as numbers, regexes, ranges), is read or refused as a usage error, never a panic; what
//! is read names repositories that parse under their registry.

use proptest::prelude::*;
use serde_yaml_ng::{Mapping, Value};

use super::*;

const KEYS: &[&str] = &[
    "docker.io",
    "127.0.0.1:5001",
    "a/b",
    "",
    "images",
    "images-by-tag-regex",
    "images-by-semver",
    "credentials",
    "username",
    "password",
    "tls-verify",
    "tags",
    "tag-regex",
    "semver",
    "platform",
    "all-platforms",
    "name",
    "for",
    "visibility",
    "properties",
    "glance-tags",
    "library/busybox",
    "team/app",
    "busybox:1",
    "Upper/Case",
];
const SCALARS: &[&str] = &[
    "1.36",
    "latest",
    "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "^1\\.2[0-9]$",
    "(unclosed",
    ">= 2.1, < 3",
    "~3.20 || >= 3.21",
    "not a range",
    "linux/arm64",
    "linux",
    "zun",
    "nova-docker",
    "docker",
    "shared",
    "ops/app",
    "ops/app:2",
    "berth_version",
];

fn yaml() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        (0u32..30).prop_map(|n| Value::Number((f64::from(n) / 10.0).into())),
        prop::sample::select(SCALARS).prop_map(|s| Value::String(s.into())),
        ".{0,10}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Sequence),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k.into()), v)).collect::<Mapping>())
            }),
        ]
    })
}

/// A file of the right shape: registries with `images` of repositories, each a tag list, nothing, or options.
fn file() -> impl Strategy<Value = Value> {
    let s = |v: &str| Value::String(v.into());
    let tags = prop::collection::vec(prop::sample::select(SCALARS).prop_map(s), 0..4).prop_map(Value::Sequence);
    let options = prop::collection::vec((prop::sample::select(&KEYS[11..21]), yaml()), 0..4)
        .prop_map(|kv| Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k.into()), v)).collect()));
    let entry = prop_oneof![Just(Value::Null), tags, options];
    let repo = prop::sample::select(vec!["library/busybox", "team/app", "x", "a//b", "Upper", "app:1"]);
    let images = prop::collection::vec((repo, entry), 1..4)
        .prop_map(|kv| Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k.into()), v)).collect()));
    let section = (images, prop::option::of(any::<bool>())).prop_map(|(images, tls)| {
        let mut m = Mapping::new();
        m.insert("images".into(), images);
        if let Some(tls) = tls {
            m.insert("tls-verify".into(), Value::Bool(tls));
        }
        Value::Mapping(m)
    });
    prop::collection::vec((prop::sample::select(&KEYS[..4]), section), 1..3)
        .prop_map(|kv| Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k.into()), v)).collect()))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    // In a folder that does not exist, so that a relative `cert-dir` reads nothing.
    let path = Path::new("/nonexistent/berth-props/images.yaml");
    match parse(text, path) {
        Ok(file) => {
            prop_assert!(!file.registries.is_empty());
            for s in &file.registries {
                prop_assert!(!s.entries.is_empty());
                for e in &s.entries {
                    let r = crate::registry::reference::parse(&format!("{}/{}", s.registry, e.repository));
                    prop_assert!(
                        r.is_ok_and(|r| r.tag.is_none() && r.digest.is_none()),
                        "{}/{}",
                        s.registry,
                        e.repository
                    );
                    let _ = e.tags.select(&["1.36".into(), "2.1.0".into(), "latest".into()]);
                    let _ = e.tags.describe();
                }
            }
        }
        Err(e) => prop_assert_eq!(crate::error::exit_code(&e), crate::error::ExitCode::Usage, "{:#}", e),
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_text_is_read_or_refused(text in ".{0,200}") {
        check(&text)?;
    }

    #[test]
    fn yaml_of_the_files_vocabulary_is_read_or_refused(doc in yaml()) {
        check(&serde_yaml_ng::to_string(&doc).unwrap())?;
    }

    #[test]
    fn files_of_the_right_shape_are_read_or_refused(doc in file()) {
        check(&serde_yaml_ng::to_string(&doc).unwrap())?;
    }

    #[test]
    fn versions_and_ranges_never_panic(tag in "[v0-9.+a-z-]{0,16}", range in "[<>=~^|, 0-9.*a-z-]{0,24}") {
        let _ = lenient_version(&tag);
        if let Ok(reqs) = parse_range(&range)
            && let Some(v) = lenient_version(&tag)
        {
            let _ = reqs.iter().any(|r| r.matches(&v));
        }
    }
}
