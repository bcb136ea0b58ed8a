//! berth's one retry policy: which failures are worth another try, and how long to wait before it.
//!
//! Exponential backoff with full jitter (AWS's "Exponential Backoff And Jitter"): before retry `n` (0-based),
//! wait a uniformly random time in `[0, min(cap, base * 2^n)]`, so that many clients failing together do not come
//! back together. A `Retry-After` (seconds or an HTTP-date) on a 429 or 503 is honoured instead, up to
//! [`Policy::max_retry_after`]; when a server asks for a longer wait, berth stops there and its error says when to
//! try again ([`come_back`]), rather than sleeping for an hour.
//!
//! Only idempotent requests are retried (GET, HEAD, DELETE), and only on what can pass: connection failures,
//! resets and timeouts, 429, 500, 502, 503 and 504. Never a request whose body is a stream (the Glance upload).

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// The default of `--retries`.
pub const DEFAULT_RETRIES: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Retries after the first attempt; 0 disables retrying.
    pub retries: u32,
    /// The backoff ceiling before the first retry; it doubles for each further one.
    pub base: Duration,
    /// The backoff ceiling never exceeds this.
    pub cap: Duration,
    /// The longest `Retry-After` berth waits for.
    pub max_retry_after: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::with_retries(DEFAULT_RETRIES)
    }
}

impl Policy {
    pub fn with_retries(retries: u32) -> Policy {
        Policy {
            retries,
            base: Duration::from_millis(250),
            cap: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }

    /// No retries at all.
    pub fn none() -> Policy {
        Policy::with_retries(0)
    }

    /// The backoff before retry `n` (0-based): full jitter under `min(cap, base * 2^n)`.
    pub fn backoff(&self, n: u32) -> Duration {
        let ceiling = self.ceiling(n);
        ceiling.mul_f64(random_unit())
    }

    /// `min(cap, base * 2^n)`.
    pub fn ceiling(&self, n: u32) -> Duration {
        self.base.saturating_mul(1u32.checked_shl(n.min(31)).unwrap_or(u32::MAX)).min(self.cap)
    }

    /// How long to wait before retry `n` after an answer with `status` and `headers`: the server's
    /// `Retry-After` for 429/503 when it sent one, else the backoff. `None` when the server asks for longer than
    /// `max_retry_after`: then the answer is the caller's to report, with [`come_back`] saying when.
    pub fn wait(&self, n: u32, status: StatusCode, headers: &HeaderMap) -> Option<Wait> {
        if matches!(status, StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE)
            && let Some(after) = retry_after(headers, jiff::Timestamp::now())
        {
            return (after <= self.max_retry_after).then_some(Wait { delay: after, told: true });
        }
        Some(Wait { delay: self.backoff(n), told: false })
    }
}

/// For an error about a 429/503 answer with `Retry-After`: `try again after 2024-01-10T10:34:45Z (in 3600 s)`.
pub fn come_back(status: StatusCode, headers: &HeaderMap) -> Option<String> {
    if !matches!(status, StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE) {
        return None;
    }
    let now = jiff::Timestamp::now();
    let after = retry_after(headers, now)?;
    let at = now.checked_add(jiff::SignedDuration::try_from(after).ok()?).ok()?;
    Some(format!(
        "try again after {} (in {} s, as its Retry-After says)",
        at.round(jiff::Unit::Second).unwrap_or(at),
        after.as_secs()
    ))
}

/// How long to wait, and whether the server said so (`Retry-After`) or the backoff chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    pub delay: Duration,
    pub told: bool,
}

/// Requests that may be sent again without changing their effect.
pub fn idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::DELETE | Method::OPTIONS)
}

/// Answers worth another try: rate limited, or a server or gateway that may recover.
pub fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504)
}

/// Transport failures worth another try: connection refused or reset, timeouts, a connection closed mid-answer.
/// Not TLS verification failures, nor requests berth could not even build.
pub fn retryable_error(e: &reqwest::Error) -> bool {
    if e.is_builder() || e.is_redirect() || e.is_status() || super::transport::is_certificate_error(e) {
        return false;
    }
    e.is_timeout() || e.is_connect() || e.is_request() || e.is_body() || e.is_decode()
}

/// `Retry-After` as a duration from `now`: delta-seconds, or an HTTP-date (a date in the past is zero).
pub fn retry_after(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::DateTimeParser::new().parse_timestamp(value).ok()?;
    let d = now.duration_until(at);
    Some(if d.is_negative() { Duration::ZERO } else { d.unsigned_abs() })
}

/// A uniformly random number in [0, 1), good enough for jitter: the standard library's per-process random hash
/// keys, mixed with a counter and the clock. No crate needed for this.
fn random_unit() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// `1.2 s` / `250 ms`, for logs.
pub fn shown(d: Duration) -> String {
    if d < Duration::from_secs(1) { format!("{} ms", d.as_millis()) } else { format!("{:.1} s", d.as_secs_f64()) }
}

/// How many retries an answer took: put into the last response's extensions when the retries ran out, so the
/// error about it can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retried(pub u32);

/// ` (after N retries)` for an answer that took retries, else nothing.
pub fn after_retries(resp: &reqwest::Response) -> String {
    match resp.extensions().get::<Retried>() {
        Some(Retried(n)) if *n > 0 => format!(" (after {n} {})", if *n == 1 { "retry" } else { "retries" }),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, retry_after.parse().unwrap());
        h
    }

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap_with_full_jitter() {
        let p = Policy::default();
        let ceilings: Vec<u64> = (0..8).map(|n| p.ceiling(n).as_millis() as u64).collect();
        assert_eq!(ceilings, vec![250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(p.ceiling(200), Duration::from_secs(8));
        let waits: Vec<Duration> = (0..200).map(|_| p.backoff(3)).collect();
        assert!(waits.iter().all(|w| *w <= Duration::from_secs(2)), "{waits:?}");
        // Full jitter: spread over the whole range, not bunched at the ceiling.
        assert!(
            waits.iter().any(|w| *w < Duration::from_millis(500))
                && waits.iter().any(|w| *w > Duration::from_millis(1500))
        );
    }

    #[test]
    fn retry_after_in_seconds_or_as_an_http_date() {
        let now: jiff::Timestamp = "2024-01-10T10:34:40Z".parse().unwrap();
        assert_eq!(retry_after(&headers("3"), now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&headers(" 0 "), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("Wed, 10 Jan 2024 10:34:45 GMT"), now), Some(Duration::from_secs(5)));
        assert_eq!(retry_after(&headers("Wed, 10 Jan 2024 10:34:00 GMT"), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn retry_after_is_honoured_for_429_and_503_only_and_capped() {
        let p = Policy::default();
        let w = p.wait(0, StatusCode::TOO_MANY_REQUESTS, &headers("2")).unwrap();
        assert_eq!(w, Wait { delay: Duration::from_secs(2), told: true });
        let w = p.wait(0, StatusCode::SERVICE_UNAVAILABLE, &headers("1")).unwrap();
        assert_eq!(w.delay, Duration::from_secs(1));
        // A 502 with Retry-After: the backoff decides.
        let w = p.wait(0, StatusCode::BAD_GATEWAY, &headers("30")).unwrap();
        assert!(!w.told && w.delay <= Duration::from_millis(250));
        assert_eq!(p.wait(0, StatusCode::TOO_MANY_REQUESTS, &headers("3600")), None);
        let hint = come_back(StatusCode::TOO_MANY_REQUESTS, &headers("3600")).unwrap();
        assert!(
            hint.starts_with("try again after 20") && hint.ends_with("(in 3600 s, as its Retry-After says)"),
            "{hint}"
        );
        assert_eq!(come_back(StatusCode::BAD_GATEWAY, &headers("3600")), None);
        assert_eq!(come_back(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new()), None);
    }

    #[test]
    fn what_is_retried() {
        for s in [429, 500, 502, 503, 504] {
            assert!(retryable_status(StatusCode::from_u16(s).unwrap()), "{s}");
        }
        for s in [200, 206, 301, 400, 401, 403, 404, 409, 413, 416, 501] {
            assert!(!retryable_status(StatusCode::from_u16(s).unwrap()), "{s}");
        }
        assert!(idempotent(&Method::GET) && idempotent(&Method::HEAD) && idempotent(&Method::DELETE));
        assert!(!idempotent(&Method::POST) && !idempotent(&Method::PUT) && !idempotent(&Method::PATCH));
    }

    #[test]
    fn random_units_are_in_range_and_vary() {
        let xs: Vec<f64> = (0..100).map(|_| random_unit()).collect();
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        let mut sorted = xs.clone();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup();
        assert!(sorted.len() > 90);
    }
}

/// Property tests of `Retry-After`: any header value gives a wait or none, never a panic (nor does deciding the
/// wait or the error's hint); seconds and HTTP-dates mean what they say.
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;
    use reqwest::header::HeaderValue;

    fn headers(value: &[u8]) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Ok(v) = HeaderValue::from_bytes(value) {
            h.insert(RETRY_AFTER, v);
        }
        h
    }

    /// Instants from the year 1 to 9999, in seconds: what an HTTP-date can name.
    fn instant() -> impl Strategy<Value = i64> {
        -62_135_596_800i64..253_402_300_799
    }

    proptest! {
        #[test]
        fn any_value_gives_a_wait_or_none(value in prop::collection::vec(any::<u8>(), 0..60), now in instant(), n in any::<u32>()) {
            let h = headers(&value);
            let now = jiff::Timestamp::from_second(now).unwrap();
            let _ = retry_after(&h, now);
            for status in [StatusCode::TOO_MANY_REQUESTS, StatusCode::SERVICE_UNAVAILABLE, StatusCode::BAD_GATEWAY] {
                let _ = Policy::default().wait(n, status, &h);
                let _ = come_back(status, &h);
            }
        }

        #[test]
        fn date_like_values_give_a_wait_or_none(value in "[A-Za-z0-9 ,:+-]{0,40}", now in instant()) {
            let _ = retry_after(&headers(value.as_bytes()), jiff::Timestamp::from_second(now).unwrap());
            let _ = come_back(StatusCode::TOO_MANY_REQUESTS, &headers(value.as_bytes()));
        }

        #[test]
        fn seconds_are_a_duration(secs in any::<u64>(), now in instant()) {
            let now = jiff::Timestamp::from_second(now).unwrap();
            prop_assert_eq!(retry_after(&headers(secs.to_string().as_bytes()), now), Some(Duration::from_secs(secs)));
            let told = Policy::default().wait(0, StatusCode::TOO_MANY_REQUESTS, &headers(secs.to_string().as_bytes()));
            prop_assert_eq!(told.map(|w| w.delay), (secs <= 60).then(|| Duration::from_secs(secs)));
        }

        #[test]
        fn http_dates_are_the_time_until_them(at in instant(), now in instant()) {
            let (at_ts, now_ts) = (jiff::Timestamp::from_second(at).unwrap(), jiff::Timestamp::from_second(now).unwrap());
            let date = jiff::fmt::rfc2822::DateTimePrinter::new().timestamp_to_rfc9110_string(&at_ts).unwrap();
            let expected = Duration::from_secs(u64::try_from(at - now).unwrap_or(0));
            prop_assert_eq!(retry_after(&headers(date.as_bytes()), now_ts), Some(expected), "{}", date);
        }
    }
}
