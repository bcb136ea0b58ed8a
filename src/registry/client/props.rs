//! Property tests of `Link` header parsing (tag-list paging): any header values give a next link or none, never a
//! panic; a generated `rel="next"` link among others is found whatever the order and spacing.

use proptest::prelude::*;
use reqwest::header::{HeaderMap, HeaderValue, LINK};

use super::manifests::next_link;

fn headers(values: &[Vec<u8>]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for v in values {
        if let Ok(v) = HeaderValue::from_bytes(v) {
            h.append(LINK, v);
        }
    }
    h
}

/// A URL path as registries page: `/v2/<repo>/tags/list?n=..&last=..`.
fn target() -> impl Strategy<Value = String> {
    ("[a-z0-9/]{1,20}", "[A-Za-z0-9._-]{0,10}")
        .prop_map(|(repo, last)| format!("/v2/{repo}/tags/list?n=50&last={last}"))
}

proptest! {
    #[test]
    fn any_link_headers_give_a_next_link_or_none(values in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..100), 0..4)) {
        let _ = next_link(&headers(&values));
    }

    #[test]
    fn link_like_headers_give_a_next_link_or_none(values in prop::collection::vec("[<>;,=\" a-z/?&]{0,60}", 0..4)) {
        let values: Vec<Vec<u8>> = values.into_iter().map(String::into_bytes).collect();
        let _ = next_link(&headers(&values));
    }

    #[test]
    fn the_next_link_is_found_among_others(
        next in target(),
        others in prop::collection::vec((target(), "(prev|first|last)"), 0..3),
        at in 0usize..4,
        space in "[ ]{0,2}",
        quoted in any::<bool>(),
    ) {
        let rel = if quoted { "\"next\"" } else { "next" };
        let mut links: Vec<String> = others.iter().map(|(t, r)| format!("<{t}>;{space}rel=\"{r}\"")).collect();
        links.insert(at.min(links.len()), format!("<{next}>;{space}rel={rel}"));
        let value = links.join(&format!(",{space}"));
        prop_assert_eq!(next_link(&headers(&[value.into_bytes()])), Some(next));
    }
}
