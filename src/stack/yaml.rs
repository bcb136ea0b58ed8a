//! A small YAML writer for the templates berth prints. Written by hand rather than with serde_yaml_ng because a
//! template is read by people: it carries comments (which no serde serializer writes), intrinsic functions in
//! flow style (`{get_param: image}`), and scripts as literal blocks (`|`) instead of one escaped line.
//!
//! What it writes is checked by parsing it back (unit tests compare the parse with [`Node::to_json`]), and Heat
//! parses every kind of template in the integration tests. Scalars are written plain only when YAML 1.1 (Heat's
//! PyYAML) and 1.2 read them back as the same string; anything else is double-quoted with JSON escapes, which
//! both read the same way.

use serde_json::{Map, Value};

/// A YAML value, with comments where a person needs them.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Map(Vec<Entry>),
    Seq(Vec<Node>),
    /// A string written as a literal block (`|`): scripts, cloud-config.
    Block(String),
    /// A map or sequence written on one line: `{get_param: image}`, `[sh, -c, ...]`.
    Flow(Box<Node>),
    /// A scalar written exactly as given (`2021-04-16`, which YAML 1.1 reads as a date and Heat takes as its
    /// template version): for values the caller knows to be safe plain.
    Raw(String),
}

/// One key of a map, with the comment lines written above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Node,
    pub comment: Vec<String>,
}

/// `key: value` without a comment.
pub fn entry(key: &str, value: Node) -> Entry {
    Entry { key: key.to_string(), value, comment: Vec::new() }
}

/// `key: value` with comment lines above it (each line of `comment` becomes `# line`).
pub fn commented(key: &str, value: Node, comment: &str) -> Entry {
    Entry { key: key.to_string(), value, comment: comment.lines().map(str::to_string).collect() }
}

pub fn s(text: impl Into<String>) -> Node {
    Node::Str(text.into())
}

/// `{fun: arg}` in flow style, as Heat's intrinsic functions are usually written.
pub fn call(fun: &str, arg: Node) -> Node {
    Node::Flow(Box::new(Node::Map(vec![entry(fun, arg)])))
}

/// `[a, b, c]` in flow style.
pub fn flow_seq(items: Vec<Node>) -> Node {
    Node::Flow(Box::new(Node::Seq(items)))
}

impl Node {
    /// The value this node stands for, as a YAML parser reads it back.
    pub fn to_json(&self) -> Value {
        match self {
            Node::Str(t) | Node::Block(t) | Node::Raw(t) => Value::from(t.clone()),
            Node::Int(i) => Value::from(*i),
            Node::Float(f) => Value::from(*f),
            Node::Bool(b) => Value::from(*b),
            Node::Map(entries) => {
                Value::Object(entries.iter().map(|e| (e.key.clone(), e.value.to_json())).collect::<Map<_, _>>())
            }
            Node::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Node::Flow(inner) => inner.to_json(),
        }
    }

    /// The node as a YAML document (a map at the top).
    pub fn document(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Map(entries) => write_entries(entries, 0, &mut out, true),
            other => {
                out.push_str(&inline(other, false));
                out.push('\n');
            }
        }
        out
    }
}

/// The words YAML 1.1 reads as booleans or null (PyYAML, case as YAML allows).
const SPECIAL: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"];

/// Whether `text` can be written plain and read back as the same string by YAML 1.1 and 1.2 parsers. It starts
/// with a letter, `_` or `/` (so no indicator, number, date or `.inf`), is none of YAML 1.1's special words, and has
/// no control character, tab, `: ` or ` #`, nor a space or `:` at its end. In flow style (`{...}`, `[...]`) it
/// has only letters, digits and `_ . / - @ = +`: no space, comma, bracket, and no `:` (PyYAML reads `a:b` there as
/// a key in some versions).
fn plain(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let ok_first = first.is_ascii_alphabetic() || first == '_' || first == '/';
    let ok_rest = if in_flow {
        text.chars().all(|c| c.is_ascii_alphanumeric() || "_./-@=+".contains(c))
    } else {
        text.chars().all(|c| !c.is_control() && c != '\t')
            && !text.contains(": ")
            && !text.contains(" #")
            && !text.ends_with([' ', ':'])
    };
    ok_first && ok_rest && !SPECIAL.contains(&text.to_ascii_lowercase().as_str())
}

fn scalar(text: &str, in_flow: bool) -> String {
    if plain(text, in_flow) { text.to_string() } else { Value::from(text).to_string() }
}

fn float(f: f64) -> String {
    let t = format!("{f}");
    if t.contains('.') || t.contains('e') { t } else { format!("{t}.0") }
}

/// A node on one line (scalars, flow collections, empty collections).
fn inline(node: &Node, in_flow: bool) -> String {
    match node {
        Node::Str(t) | Node::Block(t) => scalar(t, in_flow),
        Node::Raw(t) => t.clone(),
        Node::Int(i) => i.to_string(),
        Node::Float(f) => float(*f),
        Node::Bool(b) => b.to_string(),
        Node::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!("{}: {}", scalar(&e.key, true), inline(&e.value, true)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Node::Seq(items) => {
            format!("[{}]", items.iter().map(|i| inline(i, true)).collect::<Vec<_>>().join(", "))
        }
        Node::Flow(inner) => inline(inner, true),
    }
}

/// Whether a string can be a literal block: printable lines (tabs allowed), no trailing spaces that a reader
/// might not keep, not only white space.
fn block_ok(text: &str) -> bool {
    !text.trim().is_empty()
        && text.chars().all(|c| c == '\n' || c == '\t' || !c.is_control())
        && text.lines().all(|l| l == l.trim_end())
        && !text.starts_with(['\n', ' '])
}

/// Whether a node goes on the lines after its key (a block collection or a literal block).
fn nested(node: &Node) -> bool {
    match node {
        Node::Map(e) => !e.is_empty(),
        Node::Seq(i) => !i.is_empty(),
        _ => false,
    }
}

fn pad(n: usize) -> String {
    " ".repeat(n)
}

/// How wide comments are wrapped.
const WIDTH: usize = 110;

/// Comment lines at `indent`, each wrapped at [`WIDTH`] columns on spaces.
fn write_comment(lines: &[String], indent: usize, out: &mut String) {
    for l in lines {
        if l.is_empty() {
            out.push_str(&format!("{}#\n", pad(indent)));
            continue;
        }
        let room = WIDTH.saturating_sub(indent + 2).max(40);
        let mut line = String::new();
        for word in l.split(' ') {
            if !line.is_empty() && line.len() + 1 + word.len() > room {
                out.push_str(&format!("{}# {line}\n", pad(indent)));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&format!("{}# {line}\n", pad(indent)));
    }
}

/// `key: value` lines at `indent`; at the top level, a blank line before each commented or nested entry.
fn write_entries(entries: &[Entry], indent: usize, out: &mut String, top: bool) {
    for (i, e) in entries.iter().enumerate() {
        if top && i > 0 && (!e.comment.is_empty() || nested(&e.value)) {
            out.push('\n');
        }
        write_comment(&e.comment, indent, out);
        out.push_str(&pad(indent));
        write_keyed(&scalar(&e.key, false), &e.value, indent, out);
    }
}

/// What follows `key` (already written at `indent`): `: value`, or `:` and the nested lines.
fn write_keyed(key: &str, value: &Node, indent: usize, out: &mut String) {
    match value {
        Node::Block(t) if block_ok(t) => {
            out.push_str(&format!("{key}: {}\n", block_header(t)));
            write_block(t, indent + 2, out);
        }
        Node::Map(entries) if !entries.is_empty() => {
            out.push_str(&format!("{key}:\n"));
            write_entries(entries, indent + 2, out, false);
        }
        Node::Seq(items) if !items.is_empty() => {
            out.push_str(&format!("{key}:\n"));
            write_items(items, indent + 2, out);
        }
        other => out.push_str(&format!("{key}: {}\n", inline(other, false))),
    }
}

/// `|` keeps one final line end, `|-` none, `|+` all of them.
fn block_header(text: &str) -> &'static str {
    if !text.ends_with('\n') {
        "|-"
    } else if text.ends_with("\n\n") {
        "|+"
    } else {
        "|"
    }
}

fn write_block(text: &str, indent: usize, out: &mut String) {
    for line in text.trim_end_matches('\n').split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{}{line}\n", pad(indent)));
        }
    }
    // `|+` keeps the extra line ends: write them as empty lines.
    let extra = text.len() - text.trim_end_matches('\n').len();
    for _ in 1..extra {
        out.push('\n');
    }
}

/// `- item` lines at `indent`; a map item's first key goes on the dash's line.
fn write_items(items: &[Node], indent: usize, out: &mut String) {
    for item in items {
        match item {
            Node::Map(entries) if !entries.is_empty() => {
                for (i, e) in entries.iter().enumerate() {
                    if i == 0 {
                        write_comment(&e.comment, indent, out);
                        out.push_str(&format!("{}- ", pad(indent)));
                    } else {
                        write_comment(&e.comment, indent + 2, out);
                        out.push_str(&pad(indent + 2));
                    }
                    write_keyed(&scalar(&e.key, false), &e.value, indent + 2, out);
                }
            }
            Node::Seq(inner) if !inner.is_empty() => {
                out.push_str(&format!("{}-\n", pad(indent)));
                write_items(inner, indent + 2, out);
            }
            Node::Block(t) if block_ok(t) => {
                out.push_str(&format!("{}- {}\n", pad(indent), block_header(t)));
                write_block(t, indent + 2, out);
            }
            other => out.push_str(&format!("{}- {}\n", pad(indent), inline(other, false))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(node: &Node) -> String {
        let text = node.document();
        let back: Value = serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        assert_eq!(back, node.to_json(), "{text}");
        text
    }

    #[test]
    fn scalars_that_yaml_would_read_otherwise_are_quoted() {
        for t in [
            "yes",
            "No",
            "on",
            "null",
            "~",
            "1.36",
            "0x1f",
            "2021-04-16",
            "a: b",
            "#x",
            "- x",
            "",
            " x",
            "a #b",
            "x:",
            "*a",
            "&a",
            "!t",
            "%x",
            "@x",
            "`x",
            "{a}",
            "[a]",
            "a,b",
            "it's",
            "say \"hi\"",
            "tab\there",
            "line\nbreak",
            "190:20:30",
            "1_000",
            ".5",
            "+1",
            "-1",
            "=",
            "é",
            "a b",
            "a  b",
            "a b ",
            "a: b c",
            "a #b",
            "a#b",
            "a b: c",
            "Yes sir",
            "x - y",
            "/data/x y",
            "a,b [c] {d}",
            "it's `x`",
            "a\\b",
            "\\",
        ] {
            let node = Node::Map(vec![entry("k", s(t)), entry(t, s("v"))]);
            let text = node.document();
            let back: Value = serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{t:?}: {e}:\n{text}"));
            assert_eq!(back, json!({"k": t, t: "v"}), "{t:?}:\n{text}");
        }
        assert!(plain("OS::Nova::Server", false));
        assert!(!plain("OS::stack_name", true));
        assert!(plain("the docker driver's way, [really]", false) && !plain("a, b", true));
        assert!(!plain("127.0.0.1", false), "starts with a digit: quoted");
        assert!(plain("busybox", false) && plain("/data", false) && plain("get_param", true));
    }

    #[test]
    fn documents_read_back_as_their_value() {
        let node = Node::Map(vec![
            commented("heat_template_version", Node::Raw("x2021".into()), "a comment\n\nof two paragraphs"),
            entry(
                "resources",
                Node::Map(vec![commented(
                    "server",
                    Node::Map(vec![
                        entry("type", s("OS::Nova::Server")),
                        entry(
                            "properties",
                            Node::Map(vec![
                                entry("name", call("get_param", s("OS::stack_name"))),
                                entry(
                                    "networks",
                                    Node::Seq(vec![Node::Map(vec![entry("allocate_network", s("none"))])]),
                                ),
                                entry("cmd", flow_seq(vec![s("sh"), s("-c"), s("echo hi; sleep 1")])),
                                entry("metadata", Node::Map(vec![])),
                                entry("empty", Node::Seq(vec![])),
                                entry("cpu", Node::Float(1.0)),
                                entry("memory", Node::Int(256)),
                                entry("tty", Node::Bool(false)),
                                entry(
                                    "user_data",
                                    Node::Block("#cloud-config\nruncmd:\n  - [ls, /]\n\n  # x\n".into()),
                                ),
                                entry("chomped", Node::Block("no end".into())),
                                entry("kept", Node::Block("two ends\n\n".into())),
                                entry("nested", Node::Seq(vec![Node::Seq(vec![s("a"), Node::Int(1)])])),
                                entry("items", Node::Seq(vec![Node::Block("a\nb\n".into()), s("plain")])),
                            ]),
                        ),
                    ]),
                    "the server",
                )]),
            ),
        ]);
        let text = round_trip(&node);
        assert!(text.starts_with("# a comment\n#\n# of two paragraphs\nheat_template_version: x2021\n"), "{text}");
        assert!(text.contains("\n      name: {get_param: \"OS::stack_name\"}\n"), "{text}");
        assert!(
            text.contains("      user_data: |\n        #cloud-config\n        runcmd:\n          - [ls, /]\n"),
            "{text}"
        );
        assert!(text.contains("      networks:\n        - allocate_network: none\n"), "{text}");
    }

    #[test]
    fn blocks_that_cannot_be_literal_are_quoted() {
        for t in [" leading space\n", "trailing space \n", "\nleading newline", "bell\u{7}\n", "   \n"] {
            round_trip(&Node::Map(vec![entry("k", Node::Block(t.into()))]));
        }
    }
}
