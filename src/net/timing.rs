//! `--timing`: one sink that every HTTP client of a command (the cloud's, every registry's, the Docker engine's)
//! reports its requests to, so the table at the end lists them all.

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as `--timing` lists it.
#[derive(Debug, Clone)]
pub struct Timing {
    pub method: String,
    /// Redacted.
    pub url: String,
    pub status: Option<u16>,
    pub elapsed: Duration,
}

/// The shared sink; clones report to the same list.
#[derive(Debug, Clone, Default)]
pub struct Timings(Arc<Mutex<Vec<Timing>>>);

impl Timings {
    pub fn record(&self, t: Timing) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(t);
    }

    /// Every request so far, in the order they ended.
    pub fn all(&self) -> Vec<Timing> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}
