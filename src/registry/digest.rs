//! Content digests, `algorithm:hex`: the one check every digest passes before berth puts it in a URL path
//! (`/v2/<repository>/manifests/<digest>`, `/v2/<repository>/blobs/<digest>`), whether a user typed it or a
//! registry's manifest or index named it. A prefix check is not enough: `sha256:../../x` or `sha256:a?b#c` would
//! change the request's path or query.

/// The algorithms berth verifies, with the number of hexadecimal digits of their digests.
pub const ALGORITHMS: [(&str, usize); 3] = [("sha256", 64), ("sha384", 96), ("sha512", 128)];

/// A digest as messages show it: escaped, and cut after 80 characters.
pub fn shown(digest: &str) -> String {
    let escaped: String = digest.escape_debug().collect();
    if escaped.chars().count() > 80 { format!("{}...", escaped.chars().take(80).collect::<String>()) } else { escaped }
}

/// Ok when `digest` is a supported algorithm, `:`, and exactly as many lowercase hexadecimal digits as that
/// algorithm's digests have; else what is wrong with it.
pub fn check(digest: &str) -> Result<(), String> {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(format!("the digest `{}` has no `algorithm:` prefix", shown(digest)));
    };
    let Some(&(_, expected)) = ALGORITHMS.iter().find(|(a, _)| *a == algorithm) else {
        return Err(format!("the digest algorithm `{}` is not supported", shown(algorithm)));
    };
    if let Some(ch) = hex.chars().find(|c| !matches!(c, '0'..='9' | 'a'..='f')) {
        return Err(format!(
            "the digest `{}` contains `{}`, which is not a lowercase hexadecimal digit",
            shown(digest),
            ch.escape_debug()
        ));
    }
    if hex.len() != expected {
        return Err(format!("the {algorithm} digest has {} hexadecimal digits; it needs {expected}", hex.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_of_each_algorithm_and_length() {
        for (algorithm, n) in ALGORITHMS {
            assert_eq!(check(&format!("{algorithm}:{}", "0a".repeat(n / 2))), Ok(()));
            assert!(check(&format!("{algorithm}:{}", "0a".repeat(n / 2 - 1))).is_err());
            assert!(check(&format!("{algorithm}:{}0", "0a".repeat(n / 2))).is_err());
        }
    }

    #[test]
    fn anything_that_could_change_a_url_is_refused() {
        let hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        for bad in [
            "sha256:../../../v2/x/manifests/latest".to_string(),
            format!("sha256:{}", hex.to_uppercase()),
            format!("sha256:{}/", &hex[1..]),
            format!("sha256:{}?", &hex[1..]),
            format!("sha256:{}#", &hex[1..]),
            format!("sha256:{}%", &hex[1..]),
            format!("sha256:{} ", &hex[1..]),
            format!("sha256:{hex}\n"),
            format!("SHA256:{hex}"),
            format!("md5:{hex}"),
            format!("sha256:{hex}:{hex}"),
            format!("sha256{hex}"),
            "sha256:".to_string(),
            String::new(),
        ] {
            assert!(check(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn messages_show_the_digest_escaped_and_short() {
        let e = check("sha256:\u{1b}[31mred").unwrap_err();
        assert!(e.contains("\\u{1b}"), "{e}");
        let long = format!("sha256:{}", "z".repeat(500));
        assert!(check(&long).unwrap_err().len() < 200);
    }
}
