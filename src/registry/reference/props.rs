//! Property tests of reference parsing: any string is parsed or refused, never a panic; a generated valid reference
//! parses, and its canonical form parses back to the same reference.

use proptest::prelude::*;

use super::*;

/// A path component: `[a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*`.
fn component() -> impl Strategy<Value = String> {
    ("[a-z0-9]{1,6}", prop::collection::vec(("(\\.|_|__|-{1,3})", "[a-z0-9]{1,6}"), 0..3))
        .prop_map(|(first, rest)| rest.into_iter().fold(first, |s, (sep, part)| s + &sep + &part))
}

/// A registry that Docker takes for one: DNS labels with a `.`, `localhost`, an IPv6 literal; a port maybe.
fn domain() -> impl Strategy<Value = String> {
    let label = "[a-zA-Z0-9]([a-zA-Z0-9-]{0,5}[a-zA-Z0-9])?";
    let host = prop_oneof![
        prop::collection::vec(label, 2..4).prop_map(|l| l.join(".")),
        Just("localhost".to_string()),
        Just("[::1]".to_string()),
        "[A-Z][a-z0-9]{0,6}",
    ];
    (host, prop::option::of(1u32..65536)).prop_map(|(h, p)| p.map_or(h.clone(), |p| format!("{h}:{p}")))
}

fn tag() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}"
}

fn digest() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9a-f]{64}".prop_map(|h| format!("sha256:{h}")), "[0-9a-f]{128}".prop_map(|h| format!("sha512:{h}"))]
}

/// A valid reference string with a tag or a digest (or both).
fn reference() -> impl Strategy<Value = String> {
    let tail = prop_oneof![
        tag().prop_map(|t| format!(":{t}")),
        digest().prop_map(|d| format!("@{d}")),
        (tag(), digest()).prop_map(|(t, d)| format!(":{t}@{d}")),
    ];
    (prop::option::of(domain()), prop::collection::vec(component(), 1..4), tail).prop_map(|(d, mut path, tail)| {
        // Without a domain, a first component that looks like one would be taken for it, as Docker does.
        if d.is_none() && path.len() > 1 && (path[0].contains('.') || path[0] == "localhost") {
            path[0] = path[0].replace('.', "_") + "x";
        }
        let path = path.join("/");
        d.map_or(path.clone(), |d| format!("{d}/{path}")) + &tail
    })
}

proptest! {
    #[test]
    fn any_string_parses_or_is_refused(s in ".{0,300}") {
        let _ = parse(&s);
    }

    #[test]
    fn strings_of_reference_characters_parse_or_are_refused_and_parsed_ones_round_trip(
        s in "[a-zA-Z0-9._:/@\\[\\]-]{0,80}",
    ) {
        if let Ok(r) = parse(&s) {
            let back = parse(&r.to_string()).map_err(|e| TestCaseError::fail(format!("{r}: {e:#}")))?;
            // The canonical form makes `latest` explicit when there was neither tag nor digest.
            let defaulted = if r.tag.is_none() && r.digest.is_none() {
                Reference { tag: Some(DEFAULT_TAG.into()), ..r.clone() }
            } else {
                r.clone()
            };
            prop_assert_eq!(back, defaulted);
        }
    }

    #[test]
    fn generated_references_parse_and_round_trip(s in reference()) {
        let r = parse(&s).map_err(|e| TestCaseError::fail(format!("`{s}`: {e:#}")))?;
        prop_assert_eq!(parse(&r.to_string()).map_err(|e| TestCaseError::fail(format!("{e:#}")))?, r.clone());
        prop_assert_eq!(parse(&r.familiar_with_tag()).map(|f| (f.registry, f.repository)).ok(), Some((r.registry, r.repository)));
    }
}
