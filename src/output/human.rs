//! Tables for people: what a cell shows on a terminal. Sizes in binary units (`1.0 MiB`), long digests cut to the
//! 12 hex digits Docker shows (what `image rollback --to` takes as a prefix) unless `--wide`. Off a terminal, and in
//! every other format, values stay exactly as the API gave them: scripts read bytes and whole digests.

use serde_json::Value;

/// How table cells are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Look {
    /// Wrap the table to this many columns (stdout is a terminal of that width).
    pub width: Option<u16>,
    /// Human sizes and short digests (stdout is a terminal).
    pub human: bool,
    /// `--wide`: digests whole.
    pub wide: bool,
}

/// How many hex digits of a digest a terminal table shows.
const SHORT_HEX: usize = 12;

/// A column (or record field) that holds a size in bytes.
fn is_size(key: &str) -> bool {
    key == "size" || key.ends_with("_size") || key == "bytes"
}

/// The value as a person at a terminal reads it; `None` when it shows as it is.
pub fn humane(key: &str, value: &Value, look: Look) -> Option<String> {
    if !look.human {
        return None;
    }
    match value {
        Value::Number(n) if is_size(key) => n.as_u64().map(bytes),
        Value::String(s) if !look.wide => short_digest(s),
        _ => None,
    }
}

/// `512 B`, `1.5 KiB`, `1.0 MiB`, ... with one decimal from KiB on.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    // Round first, so that 1023.96 KiB reads `1.0 MiB`, not `1024.0 KiB`.
    while (value * 10.0).round() / 10.0 >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// `sha256:` + 64 hex -> `sha256:` + 12 hex; a bare hex string of 64 digits or more (a sha512 `os_hash_value`)
/// -> its first 12. Anything else (IDs, names, md5 checksums) is left alone.
fn short_digest(s: &str) -> Option<String> {
    let hex = |h: &str| h.len() >= 64 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    match s.split_once(':') {
        Some((alg, h)) if ["sha256", "sha384", "sha512"].contains(&alg) && hex(h) => {
            Some(format!("{alg}:{}", &h[..SHORT_HEX]))
        }
        None if hex(s) => Some(s[..SHORT_HEX].to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TTY: Look = Look { width: Some(80), human: true, wide: false };

    #[test]
    fn sizes_in_binary_units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1.0 KiB");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(1024 * 1024), "1.0 MiB");
        assert_eq!(bytes(1024 * 1024 - 1), "1.0 MiB");
        assert_eq!(bytes(4_404_019), "4.2 MiB");
        assert_eq!(bytes(u64::MAX), "16.0 EiB");
    }

    #[test]
    fn only_on_a_terminal_and_only_size_columns() {
        assert_eq!(humane("size", &json!(2_097_152), TTY).as_deref(), Some("2.0 MiB"));
        assert_eq!(humane("layer_size", &json!(2048), TTY).as_deref(), Some("2.0 KiB"));
        assert_eq!(humane("version", &json!(2048), TTY), None);
        assert_eq!(humane("size", &json!(2048), Look::default()), None);
        assert_eq!(humane("size", &json!(null), TTY), None);
    }

    #[test]
    fn digests_shortened_unless_wide() {
        let d = format!("sha256:{}", "ab12".repeat(16));
        assert_eq!(humane("digest", &json!(d), TTY).as_deref(), Some("sha256:ab12ab12ab12"));
        assert_eq!(humane("digest", &json!(d), Look { wide: true, ..TTY }), None);
        assert_eq!(humane("digest", &json!(d), Look::default()), None);
        assert_eq!(humane("os_hash_value", &json!("f".repeat(128)), TTY).as_deref(), Some("ffffffffffff"));
        // IDs, md5 checksums, names and upper-case hex are no digests to cut.
        for keep in ["6f9619ff-8b86-d011-b42d-00cf4fc964ff", &"a".repeat(32), "sha256:short", &"A".repeat(64)] {
            assert_eq!(humane("x", &json!(keep), TTY), None, "{keep}");
        }
    }
}
