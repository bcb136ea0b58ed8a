//! The `--timing` table: every request of the command, from the one timing sink, printed on stderr at the end.

use std::time::Duration;

use crate::net::Timing;

/// The table, with a total row.
pub fn table(timings: &[Timing]) -> String {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::ASCII_FULL_CONDENSED);
    t.set_header(["method", "url", "status", "ms"]);
    let mut total = Duration::ZERO;
    for x in timings {
        total += x.elapsed;
        t.add_row([
            x.method.clone(),
            x.url.clone(),
            x.status.map_or("-".into(), |s| s.to_string()),
            format!("{:.1}", x.elapsed.as_secs_f64() * 1000.0),
        ]);
    }
    t.add_row([
        "total".into(),
        format!("{} requests", timings.len()),
        String::new(),
        format!("{:.1}", total.as_secs_f64() * 1000.0),
    ]);
    format!("{t}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_table_sums() {
        let t = table(&[
            Timing {
                method: "GET".into(),
                url: "http://a".into(),
                status: Some(200),
                elapsed: Duration::from_millis(3),
            },
            Timing { method: "POST".into(), url: "http://b".into(), status: None, elapsed: Duration::from_millis(4) },
        ]);
        assert!(t.contains("| total  | 2 requests |        | 7.0 |"), "{t}");
    }
}
