//! URLs for logs and messages, with their secrets removed.

/// A URL for logs and messages: user:password@ and query values named like secrets are removed.
pub fn redact_url(url: &reqwest::Url) -> String {
    let mut u = url.clone();
    if u.password().is_some() {
        let _ = u.set_password(Some("redacted"));
    }
    if u.query().is_some() {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                // `sig`: Swift temp URLs (`temp_url_sig`) and Azure SAS (`sig`) carry their signature there.
                let k_lower = k.to_lowercase();
                let secret =
                    ["token", "secret", "password", "signature", "credential"].iter().any(|s| k_lower.contains(s))
                        || k_lower == "sig"
                        || k_lower.ends_with("_sig");
                (k.into_owned(), if secret { "redacted".into() } else { v.into_owned() })
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_passwords_and_secret_query_values() {
        let u = reqwest::Url::parse("https://bob:hunter2@r.example/token?service=s&access_token=abc&scope=x").unwrap();
        let r = redact_url(&u);
        assert!(!r.contains("hunter2") && !r.contains("abc"), "{r}");
        assert!(r.contains("service=s") && r.contains("scope=x"));
        let u = reqwest::Url::parse("https://swift/v1/o?temp_url_sig=abc123&temp_url_expires=9&sig=def456&sv=2020")
            .unwrap();
        let r = redact_url(&u);
        assert!(!r.contains("abc123") && !r.contains("def456"), "{r}");
        assert!(r.contains("temp_url_expires=9") && r.contains("sv=2020"), "{r}");
    }
}
