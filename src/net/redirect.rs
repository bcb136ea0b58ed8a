//! berth's own redirect policies. reqwest's default follows any redirect and drops only `Authorization` and
//! `Cookie` when it leaves the origin: a Keystone answering `307` to another host would get the password JSON
//! POSTed there again, and an `X-Auth-Token` goes to any `Location`. So each client states what it follows:
//!
//! - [`Redirects::SameOrigin`]: only to the same scheme, host and port. For every request that carries a token or
//!   a password (the OpenStack client, the registry's API and token requests).
//! - [`Redirects::CrossOrigin`]: to any origin, but never from https to plain http. For registry blob downloads,
//!   which registries send to a CDN; reqwest drops `Authorization` when a redirect leaves the origin.
//!
//! A refused redirect fails the request with a [`Refused`] error naming both URLs, which
//! [`super::transport::failure`] turns into a clear failure with a hint.

use std::fmt;

use reqwest::Url;

use super::redact::redact_url;

/// The longest chain of redirects followed (reqwest's own default).
pub const MAX_HOPS: usize = 10;

/// Which redirects a client follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redirects {
    /// Only to the same origin (scheme, host, port): requests that carry a token or a password.
    SameOrigin,
    /// To any origin, never from https to http: downloads whose credentials reqwest drops when the origin changes.
    CrossOrigin,
}

impl Redirects {
    pub(super) const ALL: [Redirects; 2] = [Redirects::SameOrigin, Redirects::CrossOrigin];

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// The reqwest policy that applies this one.
    pub(super) fn policy(self) -> reqwest::redirect::Policy {
        reqwest::redirect::Policy::custom(move |attempt| match check(self, attempt.previous(), attempt.url()) {
            Ok(()) => attempt.follow(),
            Err(refused) => attempt.error(refused),
        })
    }
}

/// Why a redirect was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The target is another scheme, host or port, and the request may carry a token or a password.
    OtherOrigin,
    /// From https to plain http.
    Downgrade,
    /// More than [`MAX_HOPS`] in a row.
    TooMany,
}

/// A redirect berth refused to follow: from where (the URL that answered with it) to where, both redacted.
#[derive(Debug, Clone)]
pub struct Refused {
    pub from: String,
    pub to: String,
    pub why: Why,
}

impl Refused {
    fn why(&self) -> &'static str {
        match self.why {
            Why::OtherOrigin => {
                "it leads to another origin (scheme, host or port), and this client's requests carry tokens and passwords"
            }
            Why::Downgrade => "it leads from https to plain http",
            Why::TooMany => "it is the 11th redirect in a row",
        }
    }

    /// The failure's message for the request `method url` (redacted) that met this redirect.
    pub fn message(&self, method: &str, url: &str) -> String {
        if self.from == url {
            format!("{method} `{url}` was redirected to `{}`, which berth does not follow: {}", self.to, self.why())
        } else {
            format!("{method} `{url}` failed: {self}")
        }
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "berth does not follow the redirect from `{}` to `{}`: {}", self.from, self.to, self.why())
    }
}

impl std::error::Error for Refused {}

impl Refused {
    /// What fixes it, for the failure's hint.
    pub fn hint(&self) -> String {
        match self.why {
            Why::OtherOrigin => format!(
                "berth never sends a token or password across a redirect to another origin; if `{}` is where the \
                 service really is, configure that URL directly (auth_url, `<service>_endpoint_override`, the \
                 registry's host)",
                self.to
            ),
            Why::Downgrade => {
                "the server redirects to an unencrypted URL; have it redirect to https, or configure the URL you trust \
                 directly"
                    .to_string()
            }
            Why::TooMany => "the server redirects in a loop; check the URL and the server".to_string(),
        }
    }
}

/// Whether `policy` follows a redirect to `next` after the chain `previous` (the request's URL first, the URL
/// that answered with this redirect last).
pub fn check(policy: Redirects, previous: &[Url], next: &Url) -> Result<(), Refused> {
    let Some(from) = previous.last() else { return Ok(()) };
    let refused = |why| Refused { from: redact_url(from), to: redact_url(next), why };
    if previous.len() > MAX_HOPS {
        return Err(refused(Why::TooMany));
    }
    if next.scheme() == "http" && previous.iter().any(|u| u.scheme() == "https") {
        return Err(refused(Why::Downgrade));
    }
    match policy {
        Redirects::SameOrigin if previous.iter().any(|u| u.origin() != next.origin()) => Err(refused(Why::OtherOrigin)),
        _ => Ok(()),
    }
}

/// The refused redirect in an error's chain, if that is why it failed.
pub fn refused<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a Refused> {
    let mut current = Some(e);
    while let Some(err) = current {
        if let Some(r) = err.downcast_ref::<Refused>() {
            return Some(r);
        }
        current = err.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(list: &[&str]) -> Vec<Url> {
        list.iter().map(|u| Url::parse(u).unwrap()).collect()
    }

    fn verdict(policy: Redirects, previous: &[&str], next: &str) -> Result<(), Why> {
        check(policy, &urls(previous), &Url::parse(next).unwrap()).map_err(|r| r.why)
    }

    #[test]
    fn same_origin_follows_only_the_same_scheme_host_and_port() {
        let p = Redirects::SameOrigin;
        assert_eq!(verdict(p, &["https://k.example:5000/v3/auth/tokens"], "https://k.example:5000/v3/x"), Ok(()));
        // The default port spelled out is the same origin.
        assert_eq!(verdict(p, &["https://k.example/a"], "https://k.example:443/b"), Ok(()));
        for other in [
            "https://evil.example:5000/v3/auth/tokens",
            "https://k.example:5001/v3/auth/tokens",
            "http://k.example:5000/v3/auth/tokens",
            "http://127.0.0.3:5000/v3/auth/tokens",
        ] {
            assert!(verdict(p, &["https://k.example:5000/v3/auth/tokens"], other).is_err(), "{other}");
        }
        // Even an upgrade to https changes the origin.
        assert_eq!(verdict(p, &["http://k.example/a"], "https://k.example/a"), Err(Why::OtherOrigin));
        // A chain that left the origin once never comes back to it.
        assert_eq!(
            verdict(p, &["http://a.example/1", "http://b.example/2"], "http://a.example/3"),
            Err(Why::OtherOrigin)
        );
    }

    #[test]
    fn cross_origin_follows_anywhere_but_never_down_to_http() {
        let p = Redirects::CrossOrigin;
        assert_eq!(verdict(p, &["https://r.example/v2/x/blobs/sha256:1"], "https://cdn.example/b?sig=1"), Ok(()));
        assert_eq!(verdict(p, &["http://127.0.0.1:5000/v2/x/blobs/a"], "http://127.0.0.1:6000/b"), Ok(()));
        assert_eq!(verdict(p, &["https://r.example/v2/b"], "http://cdn.example/b"), Err(Why::Downgrade));
        // https anywhere earlier in the chain counts.
        assert_eq!(
            verdict(p, &["https://r.example/v2/b", "https://cdn.example/b"], "http://cdn2.example/b"),
            Err(Why::Downgrade)
        );
        assert_eq!(verdict(Redirects::SameOrigin, &["https://r.example/a"], "http://r.example/a"), Err(Why::Downgrade));
    }

    #[test]
    fn chains_end_after_ten_hops() {
        let chain: Vec<String> = (0..=MAX_HOPS).map(|i| format!("https://r.example/{i}")).collect();
        let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
        assert_eq!(verdict(Redirects::CrossOrigin, &chain[..MAX_HOPS], "https://r.example/x"), Ok(()));
        assert_eq!(verdict(Redirects::CrossOrigin, &chain, "https://r.example/x"), Err(Why::TooMany));
    }

    #[test]
    fn refusals_name_both_urls_without_secrets() {
        let e = check(
            Redirects::SameOrigin,
            &urls(&["https://k.example/v3/auth/tokens"]),
            &Url::parse("https://evil.example/steal?token=abc").unwrap(),
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(text.contains("`https://k.example/v3/auth/tokens`"), "{text}");
        assert!(text.contains("`https://evil.example/steal?token=redacted`"), "{text}");
        assert!(!text.contains("abc"), "{text}");
    }
}
