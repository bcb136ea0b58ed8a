//! How a request failed before any answer came: the one place that reads reqwest's and rustls's errors, so that
//! retries, hints and exit codes branch on a [`Transport`] kind, never on message text.

use super::redirect;
use crate::error::{ExitCode, Failure, Transport};

/// The whole cause chain of an error on one line.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut src = e.source();
    while let Some(s) = src {
        let t = s.to_string();
        if !parts.iter().any(|p| p.contains(&t)) {
            parts.push(t);
        }
        src = s.source();
    }
    parts.join(": ")
}

/// True when `e` or an error it wraps is rustls refusing the server's certificate (unknown issuer, wrong name,
/// expired, none presented). hyper hides rustls's error inside an `io::Error`, whose `source()` skips it, so those
/// are opened too. A server that does not speak TLS at all is not this (rustls then finds a corrupt message).
pub fn is_certificate_error(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(e);
    while let Some(err) = current {
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return matches!(
                tls,
                rustls::Error::InvalidCertificate(_)
                    | rustls::Error::NoCertificatesPresented
                    | rustls::Error::InvalidCertRevocationList(_)
            );
        }
        if let Some(inner) = err.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref)
            && is_certificate_error(inner)
        {
            return true;
        }
        current = err.source();
    }
    false
}

/// The kind of a transport failure.
pub fn kind(e: &reqwest::Error) -> Transport {
    if is_certificate_error(e) {
        Transport::Tls
    } else if redirect::refused(e).is_some() {
        Transport::Redirect
    } else if e.is_timeout() {
        Transport::Timeout
    } else if e.is_connect() {
        Transport::Connect
    } else {
        Transport::Other
    }
}

/// A request to `url` (redacted) that got no answer, as a [`Failure`] carrying its kind, after `retries` retries.
pub fn failure(method: &str, url: &str, e: &reqwest::Error, retries: u32) -> anyhow::Error {
    let mut detail = chain(e);
    if retries > 0 {
        detail.push_str(&format!(" (after {retries} {})", if retries == 1 { "retry" } else { "retries" }));
    }
    let kind = kind(e);
    let failure = match kind {
        Transport::Tls => Failure::new(ExitCode::Failure, format!("TLS verification of `{url}` failed: {detail}")).hint(
            "trust the server's CA with `--os-cacert`, `OS_CACERT` or `cacert` in clouds.yaml (or, for a test cloud only, `--insecure`)",
        ),
        Transport::Timeout => Failure::new(ExitCode::Failure, format!("{method} `{url}` timed out: {detail}"))
            .hint("the service is slow or unreachable; raise `--http-timeout` or check the endpoint"),
        Transport::Connect => Failure::new(ExitCode::Failure, format!("cannot connect to `{url}`: {detail}"))
            .hint("check that the URL is right and the service is up (auth_url, `OS_AUTH_URL`, endpoint overrides, proxies in `HTTPS_PROXY`/`NO_PROXY`)"),
        Transport::Redirect => match redirect::refused(e) {
            Some(r) => Failure::new(ExitCode::Failure, r.message(method, url)).hint(r.hint()),
            None => Failure::new(ExitCode::Failure, format!("{method} `{url}` failed: {detail}")),
        },
        Transport::Other => Failure::new(ExitCode::Failure, format!("{method} `{url}` failed: {detail}")),
    };
    Failure { transport: Some(kind), ..failure }.into()
}
