//! Registry pull quotas as Docker Hub reports them: `ratelimit-limit: 100;w=21600`,
//! `ratelimit-remaining: 76;w=21600` (the IETF RateLimit header draft: a count, then `w=` the window in seconds)
//! and `docker-ratelimit-source` (the IP address or user the quota is counted for). Docker Hub sends them on
//! manifest answers; a HEAD does not count as a pull, a GET does. Other registries send none.

use reqwest::header::HeaderMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub limit: u64,
    pub remaining: u64,
    /// The window the limit applies to, in seconds.
    pub window: Option<u64>,
    pub source: Option<String>,
}

/// `100;w=21600` -> (100, Some(21600)); `76` -> (76, None).
fn parse_value(v: &str) -> Option<(u64, Option<u64>)> {
    let mut parts = v.split(';');
    let count = parts.next()?.trim().parse().ok()?;
    let window = parts.find_map(|p| p.trim().strip_prefix("w=").and_then(|w| w.trim().parse().ok()));
    Some((count, window))
}

/// The quota the headers of an answer report, if they report one.
pub fn from_headers(h: &HeaderMap) -> Option<Quota> {
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok());
    let (limit, w1) = parse_value(get("ratelimit-limit")?)?;
    let (remaining, w2) = parse_value(get("ratelimit-remaining")?)?;
    let source = get("docker-ratelimit-source").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Some(Quota { limit, remaining, window: w2.or(w1), source })
}

impl Quota {
    /// `76 of 100 pulls left per 6 h window`.
    pub fn summary(&self) -> String {
        let window = self.window.map_or(String::new(), |w| format!(" per {} window", shown_window(w)));
        format!("{} of {} pulls left{window}", self.remaining, self.limit)
    }
}

/// `21600` -> `6 h`, `90` -> `90 s`.
pub fn shown_window(secs: u64) -> String {
    match secs {
        s if s >= 3600 && s % 3600 == 0 => format!("{} h", s / 3600),
        s if s >= 60 && s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn docker_hub_headers() {
        let q = from_headers(&headers(&[
            ("ratelimit-limit", "100;w=21600"),
            ("ratelimit-remaining", "76;w=21600"),
            ("docker-ratelimit-source", "203.0.113.5"),
        ]))
        .unwrap();
        assert_eq!(q, Quota { limit: 100, remaining: 76, window: Some(21600), source: Some("203.0.113.5".into()) });
        assert_eq!(q.summary(), "76 of 100 pulls left per 6 h window");
    }

    #[test]
    fn bare_counts_and_missing_or_bad_headers() {
        let q = from_headers(&headers(&[("ratelimit-limit", "200"), ("ratelimit-remaining", " 0 ")])).unwrap();
        assert_eq!((q.limit, q.remaining, q.window, q.source.clone()), (200, 0, None, None));
        assert_eq!(q.summary(), "0 of 200 pulls left");
        assert!(from_headers(&HeaderMap::new()).is_none());
        assert!(from_headers(&headers(&[("ratelimit-limit", "100;w=21600")])).is_none());
        assert!(from_headers(&headers(&[("ratelimit-limit", "lots"), ("ratelimit-remaining", "1")])).is_none());
    }

    #[test]
    fn windows() {
        assert_eq!(shown_window(21600), "6 h");
        assert_eq!(shown_window(600), "10 min");
        assert_eq!(shown_window(90), "90 s");
    }
}
