//! The only code that writes to stdout. Commands hand over a [`Record`] (one object: `show`-like) or a
//! [`List`] (rows: `list`-like) and the chosen format renders it: a table for people, json/yaml with stable
//! snake_case keys for programs, `value` (bare values, space-separated) for shell scripts.

pub mod human;
mod settings;
pub mod timing;

use std::io::{self, BufWriter, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value};

use crate::error::Failure;
pub use human::Look;
pub use settings::{ColorWhen, Flags, Format, Settings, Terminal};

/// One object with ordered fields, e.g. a token or a cloud's configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub fields: Vec<(String, Value)>,
}

impl Record {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn field(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.fields.push((key.to_string(), value.into()));
        self
    }

    /// The record, whose fields must be the ones its command declares (what `-c` is checked against before the
    /// command acts); a debug build stops on a difference.
    pub fn declared(self, fields: &[&str]) -> Self {
        debug_assert_eq!(self.fields.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), fields, "undeclared fields");
        self
    }
}

/// Rows of objects sharing the same ordered columns, e.g. the service catalog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct List {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl List {
    pub fn new(columns: &[&str]) -> Self {
        List { columns: columns.iter().map(|c| c.to_string()).collect(), rows: Vec::new() }
    }
    /// Add a row; it must have one value per column.
    pub fn row(&mut self, values: Vec<Value>) {
        debug_assert_eq!(values.len(), self.columns.len(), "row width differs from the columns");
        self.rows.push(values);
    }
}

pub struct Output {
    settings: Settings,
    stdout: BufWriter<io::Stdout>,
}

impl Output {
    pub fn new(settings: Settings) -> Self {
        Output { settings, stdout: BufWriter::new(io::stdout()) }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Check `-c` against the columns (or fields) a command will print, before it does anything: a typo must not
    /// be found only after a server was created or an image deleted. Commands with free-form output pass none.
    pub fn check_columns(&self, available: &[&str]) -> anyhow::Result<()> {
        let available: Vec<String> = available.iter().map(|c| c.to_string()).collect();
        select(&available, &self.settings.columns).map(|_| ())
    }

    /// Bytes that have their own format (a completion script, an archive).
    pub fn raw(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.stdout.write_all(bytes)?;
        Ok(())
    }

    pub fn record(&mut self, record: &Record) -> anyhow::Result<()> {
        let text = render_record(record, self.settings.format, &self.settings.columns, self.look())?;
        self.stdout.write_all(text.as_bytes())?;
        Ok(())
    }

    pub fn list(&mut self, list: &List) -> anyhow::Result<()> {
        let text = render_list(list, self.settings.format, &self.settings.columns, self.look())?;
        self.stdout.write_all(text.as_bytes())?;
        Ok(())
    }

    /// Rows as they come (`stack events --follow`), flushed at once: one line per row in `table` and `value` (the
    /// values, two spaces apart in `table`), one JSON object per line in `json` (JSON Lines), one YAML document
    /// per row in `yaml`.
    pub fn rows(&mut self, list: &List) -> anyhow::Result<()> {
        let text = render_rows(list, self.settings.format, &self.settings.columns)?;
        self.stdout.write_all(text.as_bytes())?;
        self.flush()
    }

    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.stdout.flush()?;
        Ok(())
    }

    /// Tables for people only when stdout is a terminal: wrapped to its width, human sizes, short digests.
    /// Piped tables keep whole lines and exact values.
    fn look(&self) -> Look {
        if !self.settings.stdout_tty {
            return Look::default();
        }
        Look { width: comfy_table::Table::new().width(), human: true, wide: self.settings.wide }
    }
}

/// Normalise a column name as users type it: `-c ID`, `-c expires-at` and `-c expires_at` are the same.
fn normalise(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

/// The indices of the requested columns among `available`, in the requested order; all when none requested.
fn select(available: &[String], wanted: &[String]) -> anyhow::Result<Vec<usize>> {
    if wanted.is_empty() {
        return Ok((0..available.len()).collect());
    }
    wanted
        .iter()
        .map(|w| {
            let w = normalise(w);
            available.iter().position(|a| *a == w).ok_or_else(|| {
                Failure::usage(format!("unknown column `{w}`"))
                    .hint(format!("columns here: {}", available.join(", ")))
                    .into()
            })
        })
        .collect()
}

/// A value as one cell of text: strings bare (control characters escaped: what a server said must not drive the
/// terminal), null empty, lists of scalars comma-separated, objects as JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => crate::error::printable(s),
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            items.iter().map(cell).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

fn to_object(keys: &[&String], values: &[&Value]) -> Value {
    let map: Map<String, Value> = keys.iter().zip(values).map(|(k, v)| ((*k).clone(), (*v).clone())).collect();
    Value::Object(map)
}

/// A cell of a table: as [`cell`], or as a person reads it on a terminal (see [`human`]).
fn table_cell(key: &str, value: &Value, look: Look) -> String {
    human::humane(key, value, look).unwrap_or_else(|| cell(value))
}

fn new_table(width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::ASCII_FULL_CONDENSED);
    match width {
        Some(w) => {
            // Never wider than the terminal: columns shrink and their cells wrap.
            t.set_content_arrangement(ContentArrangement::Dynamic).set_width(w);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t
}

fn structured(value: &Value, format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(value)?),
        Format::Yaml => serde_yaml_ng::to_string(value)?,
        Format::Table | Format::Value => unreachable!("not a structured format"),
    })
}

pub fn render_record(record: &Record, format: Format, columns: &[String], look: Look) -> anyhow::Result<String> {
    let keys: Vec<String> = record.fields.iter().map(|(k, _)| k.clone()).collect();
    let picked = select(&keys, columns)?;
    let fields: Vec<(&String, &Value)> = picked.iter().map(|&i| (&record.fields[i].0, &record.fields[i].1)).collect();
    Ok(match format {
        Format::Json | Format::Yaml => {
            let (k, v): (Vec<&String>, Vec<&Value>) = fields.into_iter().unzip();
            structured(&to_object(&k, &v), format)?
        }
        Format::Value => fields.iter().map(|(_, v)| format!("{}\n", cell(v))).collect(),
        Format::Table => {
            let mut t = new_table(look.width);
            t.set_header(["field", "value"]);
            for (k, v) in fields {
                t.add_row([k.clone(), table_cell(k, v, look)]);
            }
            format!("{t}\n")
        }
    })
}

pub fn render_list(list: &List, format: Format, columns: &[String], look: Look) -> anyhow::Result<String> {
    let picked = select(&list.columns, columns)?;
    let keys: Vec<&String> = picked.iter().map(|&i| &list.columns[i]).collect();
    Ok(match format {
        Format::Json | Format::Yaml => {
            let rows: Vec<Value> = list
                .rows
                .iter()
                .map(|row| to_object(&keys, &picked.iter().map(|&i| &row[i]).collect::<Vec<_>>()))
                .collect();
            structured(&Value::Array(rows), format)?
        }
        Format::Value => list
            .rows
            .iter()
            .map(|row| format!("{}\n", picked.iter().map(|&i| cell(&row[i])).collect::<Vec<_>>().join(" ")))
            .collect(),
        Format::Table => {
            let mut t = new_table(look.width);
            t.set_header(keys.iter().map(|k| k.as_str()));
            let rows: Vec<Vec<String>> = list
                .rows
                .iter()
                .map(|row| picked.iter().map(|&i| table_cell(&list.columns[i], &row[i], look)).collect())
                .collect();
            if let Some(width) = look.width {
                keep_short_values_whole(&mut t, &keys, &rows, width);
            }
            for row in rows {
                t.add_row(row);
            }
            format!("{t}\n")
        }
    })
}

/// A value a person reads as one word: a short digest, a size, a status, a time. Longer ones (UUIDs, names) may
/// wrap.
const SHORT_VALUE: usize = 24;

/// On a terminal narrower than the table, wrap the long text and keep the short one-word values whole (a digest
/// or a date cut in two is unreadable), when they alone fit; else every column shrinks alike.
fn keep_short_values_whole(t: &mut Table, keys: &[&String], rows: &[Vec<String>], width: u16) {
    use comfy_table::{ColumnConstraint, Width};
    let widths: Vec<(usize, bool)> = (0..keys.len())
        .map(|c| {
            let cells = rows.iter().map(|r| r[c].as_str()).chain([keys[c].as_str()]);
            let widest = cells.clone().map(|v| v.chars().count()).max().unwrap_or(0);
            (widest, widest <= SHORT_VALUE && cells.clone().all(|v| !v.contains(char::is_whitespace)))
        })
        .collect();
    let whole: usize = widths.iter().filter(|(_, short)| *short).map(|(w, _)| w + 3).sum();
    let others = widths.iter().filter(|(_, short)| !*short).count();
    // Borders and padding: 3 per column and 1; at least 8 columns of text for each column that wraps.
    if whole + others * (8 + 3) + 1 > usize::from(width) {
        return;
    }
    for (c, (w, short)) in widths.iter().enumerate() {
        if *short && let (Some(col), Ok(w)) = (t.column_mut(c), u16::try_from(*w)) {
            col.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w + 2)));
        }
    }
}

/// See [`Output::rows`].
pub fn render_rows(list: &List, format: Format, columns: &[String]) -> anyhow::Result<String> {
    let picked = select(&list.columns, columns)?;
    let keys: Vec<&String> = picked.iter().map(|&i| &list.columns[i]).collect();
    let mut out = String::new();
    for row in &list.rows {
        let values: Vec<&Value> = picked.iter().map(|&i| &row[i]).collect();
        match format {
            Format::Json => out.push_str(&format!("{}\n", serde_json::to_string(&to_object(&keys, &values))?)),
            Format::Yaml => out.push_str(&format!("---\n{}", serde_yaml_ng::to_string(&to_object(&keys, &values))?)),
            Format::Value => {
                out.push_str(&format!("{}\n", values.iter().map(|v| cell(v)).collect::<Vec<_>>().join(" ")))
            }
            Format::Table => {
                out.push_str(&format!("{}\n", values.iter().map(|v| cell(v)).collect::<Vec<_>>().join("  ")))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ExitCode, exit_code};
    use serde_json::json;

    fn token() -> Record {
        Record::new()
            .field("id", "gAAAA")
            .field("expires_at", "2026-11-25T23:00:00Z")
            .field("roles", json!(["admin", "member"]))
            .field("domain", Value::Null)
    }

    fn catalog() -> List {
        let mut l = List::new(&["type", "name", "endpoints"]);
        l.row(vec![json!("identity"), json!("keystone"), json!(["public: http://a"])]);
        l.row(vec![json!("image"), json!("glance"), json!([])]);
        l
    }

    #[test]
    fn record_value_prints_one_value_per_line() {
        let s = render_record(&token(), Format::Value, &["id".into()], Look::default()).unwrap();
        assert_eq!(s, "gAAAA\n");
        let s = render_record(&token(), Format::Value, &[], Look::default()).unwrap();
        assert_eq!(s, "gAAAA\n2026-11-25T23:00:00Z\nadmin, member\n\n");
    }

    #[test]
    fn columns_keep_requested_order_and_forgive_case() {
        let s = render_record(&token(), Format::Json, &["Expires-At".into(), "ID".into()], Look::default()).unwrap();
        assert_eq!(s, "{\n  \"expires_at\": \"2026-11-25T23:00:00Z\",\n  \"id\": \"gAAAA\"\n}\n");
    }

    #[test]
    fn unknown_column_is_a_usage_error_listing_the_columns() {
        let e = render_record(&token(), Format::Table, &["user".into()], Look::default()).unwrap_err();
        assert_eq!(exit_code(&e), ExitCode::Usage);
        let f = e.downcast_ref::<Failure>().unwrap();
        assert_eq!(f.message, "unknown column `user`");
        assert_eq!(f.hint.as_deref(), Some("columns here: id, expires_at, roles, domain"));
    }

    #[test]
    fn record_json_keeps_field_order_and_types() {
        let s = render_record(&token(), Format::Json, &[], Look::default()).unwrap();
        let keys: Vec<&str> = s.lines().filter_map(|l| l.trim().split('"').nth(1)).collect();
        assert_eq!(&keys[..3], &["id", "expires_at", "roles"]);
        let v: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["roles"], json!(["admin", "member"]));
        assert_eq!(v["domain"], Value::Null);
    }

    #[test]
    fn record_table_has_field_value_rows() {
        let s = render_record(&token(), Format::Table, &["id".into(), "roles".into()], Look::default()).unwrap();
        assert_eq!(
            s,
            "+-------+---------------+\n| field | value         |\n+=======================+\n| id    | gAAAA         |\n| roles | admin, member |\n+-------+---------------+\n"
        );
    }

    #[test]
    fn list_formats() {
        let l = catalog();
        assert_eq!(render_list(&l, Format::Value, &["type".into()], Look::default()).unwrap(), "identity\nimage\n");
        let v: Value = serde_json::from_str(&render_list(&l, Format::Json, &[], Look::default()).unwrap()).unwrap();
        assert_eq!(v[1], json!({"type": "image", "name": "glance", "endpoints": []}));
        let y = render_list(&l, Format::Yaml, &["name".into()], Look::default()).unwrap();
        assert_eq!(y, "- name: keystone\n- name: glance\n");
        let t = render_list(&l, Format::Table, &[], Look::default()).unwrap();
        assert!(t.contains("| identity | keystone | public: http://a |"), "{t}");
    }

    #[test]
    fn terminal_tables_fit_the_width_with_human_sizes_and_short_digests() {
        let digest = format!("sha256:{}", "0123456789abcdef".repeat(4));
        let mut l = List::new(&["id", "name", "digest", "size", "created_at"]);
        for n in 0..3 {
            l.row(vec![
                json!(format!("6f9619ff-8b86-d011-b42d-00cf4fc964f{n}")),
                json!("registry.example.com:5000/team/application-with-a-long-name:1.2.3"),
                json!(digest),
                json!(1_048_576 * (n + 1)),
                json!("2026-11-25T23:00:00Z"),
            ]);
        }
        let look = Look { width: Some(80), human: true, wide: false };
        let t = render_list(&l, Format::Table, &[], look).unwrap();
        for line in t.lines() {
            assert!(line.chars().count() <= 80, "{} columns: {line}\n{t}", line.chars().count());
        }
        assert!(t.contains("1.0 MiB") && t.contains("3.0 MiB"), "{t}");
        // Short values whole on their line, the long name wrapped.
        assert!(t.contains("sha256:0123456789ab") && !t.contains(&digest[..30]), "{t}");
        assert!(t.contains("2026-11-25T23:00:00Z"), "{t}");
        assert!(!t.contains("application-with-a-long-name"), "{t}");
        // Too narrow to keep them whole: everything shrinks, still within the width.
        let narrow = render_list(&l, Format::Table, &[], Look { width: Some(40), ..look }).unwrap();
        assert!(narrow.lines().all(|l| l.chars().count() <= 40), "{narrow}");
        let wide = render_list(&l, Format::Table, &["digest".into()], Look { wide: true, ..look }).unwrap();
        assert!(wide.replace(['|', ' ', '\n'], "").contains(&digest), "{wide}");
        // The same list for programs: bytes and whole digests.
        let v: Value = serde_json::from_str(&render_list(&l, Format::Json, &[], look).unwrap()).unwrap();
        assert_eq!((v[0]["size"].clone(), v[0]["digest"].clone()), (json!(1_048_576), json!(digest)));
        let value = render_list(&l, Format::Value, &["size".into(), "digest".into()], look).unwrap();
        assert_eq!(value.lines().next().unwrap(), format!("1048576 {digest}"));
    }

    #[test]
    fn rows_as_they_come() {
        let l = catalog();
        assert_eq!(
            render_rows(&l, Format::Json, &["type".into()]).unwrap(),
            "{\"type\":\"identity\"}\n{\"type\":\"image\"}\n"
        );
        assert_eq!(
            render_rows(&l, Format::Table, &[]).unwrap().lines().next(),
            Some("identity  keystone  public: http://a")
        );
        assert_eq!(
            render_rows(&l, Format::Yaml, &["name".into()]).unwrap(),
            "---\nname: keystone\n---\nname: glance\n"
        );
    }

    #[test]
    fn empty_list_is_an_empty_array() {
        let l = List::new(&["id"]);
        assert_eq!(render_list(&l, Format::Json, &[], Look::default()).unwrap(), "[]\n");
        assert_eq!(render_list(&l, Format::Yaml, &[], Look::default()).unwrap(), "[]\n");
        assert_eq!(render_list(&l, Format::Value, &[], Look::default()).unwrap(), "");
    }

    #[test]
    fn nested_objects_render_as_json_in_cells() {
        assert_eq!(cell(&json!({"a": 1})), "{\"a\":1}");
        assert_eq!(cell(&json!([{"a": 1}])), "[{\"a\":1}]");
        assert_eq!(cell(&json!(3)), "3");
        assert_eq!(cell(&json!(true)), "true");
        assert_eq!(cell(&json!("a\x1b[2Jb")), "a\\u{1b}[2Jb");
    }
}
