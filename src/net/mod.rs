//! The network foundation: berth's one HTTP client ([`http`]: TLS, logs, timing), the redirects each client
//! follows ([`redirect`]), bodies read whole under a cap ([`body`]), lists paged through to an end ([`pages`]), URLs
//! without their secrets ([`redact`]), its retry policy ([`retry`]), how transport failures are classified
//! ([`transport`]) and the `--timing` sink ([`timing`]).

pub mod body;
pub mod http;
pub mod pages;
pub mod redact;
pub mod redirect;
pub mod retry;
pub mod timing;
pub mod transport;

use std::time::Duration;

pub use http::{Http, Retry, TlsOptions};
pub use redact::redact_url;
pub use redirect::Redirects;
pub use retry::Policy;
pub use timing::{Timing, Timings};

use crate::feedback::Feedback;

/// What every HTTP client of a command shares, resolved once from the flags: `--http-timeout`, `--retries`, where
/// logs and warnings go (`-v`), and the `--timing` sink.
#[derive(Debug, Clone)]
pub struct Options {
    pub timeout: Duration,
    pub retry: Policy,
    pub feedback: Feedback,
    pub timings: Timings,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(30),
            retry: Policy::default(),
            feedback: Feedback::silent(),
            timings: Timings::default(),
        }
    }
}
