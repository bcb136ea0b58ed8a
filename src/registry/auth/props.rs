//! Property tests of `WWW-Authenticate` parsing: any header values give challenges or none, never a panic; generated
//! Basic and Bearer challenges, with quoted values holding commas, quotes and backslashes, come back as written.

use proptest::prelude::*;

use super::*;

/// A parameter value as the registry means it: anything printable, quotes and backslashes included.
fn value() -> impl Strategy<Value = String> {
    "[ -~]{0,30}"
}

/// `"v"` with `"` and `\` escaped.
fn quoted(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

fn bearer() -> impl Strategy<Value = (String, Challenge)> {
    let realm = "[ -~]{1,30}";
    (realm, prop::option::of(value()), prop::option::of(value()), "(Bearer|bearer|BEARER)", "[ ,]{0,2}").prop_map(
        |(realm, service, scope, scheme, gap)| {
            let mut params = vec![format!("realm={}", quoted(&realm))];
            params.extend(service.iter().map(|s| format!("service={}", quoted(s))));
            params.extend(scope.iter().map(|s| format!("Scope ={}", quoted(s))));
            let header = format!("{scheme} {}", params.join(&format!(",{gap}")));
            (header, Challenge::Bearer { realm, service, scope, error: None })
        },
    )
}

fn basic() -> impl Strategy<Value = (String, Challenge)> {
    prop::option::of(value()).prop_map(|realm| {
        let header = realm.as_ref().map_or("Basic".to_string(), |r| format!("Basic realm={}", quoted(r)));
        (header, Challenge::Basic { realm })
    })
}

proptest! {
    #[test]
    fn any_header_values_give_challenges_or_none(values in prop::collection::vec(".{0,120}", 0..4)) {
        let _ = parse_challenges(values.iter().map(String::as_str));
    }

    #[test]
    fn header_like_values_give_challenges_or_none(values in prop::collection::vec("[A-Za-z =,\"\\\\;:/.]{0,80}", 0..4)) {
        for c in parse_challenges(values.iter().map(String::as_str)) {
            if let Challenge::Bearer { realm, .. } = c {
                prop_assert!(!realm.is_empty());
            }
        }
    }

    #[test]
    fn generated_challenges_come_back_as_written(
        challenges in prop::collection::vec(prop_oneof![bearer(), basic()], 1..4),
        one_header in any::<bool>(),
    ) {
        let headers: Vec<String> = challenges.iter().map(|(h, _)| h.clone()).collect();
        let expected: Vec<Challenge> = challenges.into_iter().map(|(_, c)| c).collect();
        let joined = [headers.join(", ")];
        let values: &[String] = if one_header { &joined } else { &headers };
        prop_assert_eq!(parse_challenges(values.iter().map(String::as_str)), expected);
    }
}
