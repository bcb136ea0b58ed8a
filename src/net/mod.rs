//! The network foundation: berth's one HTTP client ([`http`]: TLS, redaction, logs, timing), its retry policy
//! ([`retry`]), how transport failures are classified ([`transport`]) and the `--timing` sink ([`timing`]).

pub mod http;
pub mod retry;
pub mod timing;
pub mod transport;

use std::time::Duration;

pub use http::{Http, Retry, TlsOptions, redact_url};
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
