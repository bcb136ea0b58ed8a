//! Where in a template Heat's message points. Heat names a line for YAML it cannot parse (`line 5, column 4`),
//! and a path for everything else (`resources.server.properties.flavor`, `The Resource Type (X) could not be
//! found`). This finds that path's line in the template text as written, so an error can say `line 14`.
//!
//! The walk reads block-style YAML by indentation (what people write and what berth prints); inside a flow
//! collection (`{...}`, `[...]`) it stops and names the line of the key that holds it.

/// A step of a path: a map key or a list index.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The line (1-based) Heat's `message` is about in `text`, and the path or type it names, when berth can tell.
pub fn line_of(message: &str, text: &str) -> Option<(usize, String)> {
    if let Some(line) = parse_error_line(message) {
        return Some((line, String::new()));
    }
    if let Some(path) = heat_path(message) {
        return locate(text, &steps(&path)).map(|l| (l, path));
    }
    if let Some(t) = named_type(message) {
        return type_line(text, &t).map(|l| (l, t));
    }
    None
}

/// The line of a YAML parse error, as PyYAML says it: the last `line N` in the message (where it gave up).
fn parse_error_line(message: &str) -> Option<usize> {
    let re = regex::Regex::new(r"line (\d+), column \d+").ok()?;
    re.captures_iter(message).last().and_then(|c| c[1].parse().ok())
}

/// `resources.server.properties.networks[0].network` in a message.
fn heat_path(message: &str) -> Option<String> {
    let re = regex::Regex::new(r"\b((?:resources|parameters|outputs)(?:\.[A-Za-z0-9_\-]+|\[\d+\])+)").ok()?;
    re.captures(message).map(|c| c[1].to_string())
}

/// The resource type a message is about: `The Resource Type (X) could not be found`, `resource type X,`.
pub fn named_type(message: &str) -> Option<String> {
    let re = regex::Regex::new(r"(?:Resource Type \(|resource type )([A-Za-z0-9_:.\-]+::[A-Za-z0-9_.\-]+)").ok()?;
    re.captures(message).map(|c| c[1].to_string())
}

fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(n) = idx.trim_end_matches(']').parse() {
                out.push(Step::Index(n));
            }
        }
    }
    out
}

/// A line of the template: its indentation and text (comments and blank lines are skipped by the walk).
#[derive(Debug, Clone)]
struct Line {
    no: usize,
    indent: usize,
    text: String,
}

fn lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| Line { no: i + 1, indent: l.len() - l.trim_start().len(), text: l.trim_start().to_string() })
        .collect()
}

/// The text of a key as written: `name`, `"name"`, `'name'`.
fn key_of(text: &str) -> Option<String> {
    let (k, _) = text.split_once(':')?;
    let k = k.trim();
    let unquoted = k.trim_matches(|c| c == '"' || c == '\'');
    // `OS::Nova::Server: x` is no key line; a key has no `:` of its own unless quoted.
    if text.starts_with(['"', '\'']) {
        let q = &text[..1];
        let end = text[1..].find(q)? + 1;
        return Some(text[1..end].to_string()).filter(|_| text[end + 1..].trim_start().starts_with(':'));
    }
    Some(unquoted.to_string()).filter(|_| !k.is_empty())
}

/// The line `steps` lead to, or the deepest one found on the way.
fn locate(text: &str, path: &[Step]) -> Option<usize> {
    let mut ls = lines(text);
    let (mut lo, mut hi) = (0, ls.len());
    let mut found = None;
    for step in path {
        // The children of what was found: the lines in (lo, hi), at the indentation of the first of them.
        let Some(first) = ls.get(lo).filter(|_| lo < hi) else { break };
        let indent = first.indent;
        let pos = match step {
            Step::Key(k) => (lo..hi).find(|&i| ls[i].indent == indent && key_of(&ls[i].text).as_deref() == Some(k)),
            Step::Index(n) => {
                let items: Vec<usize> =
                    (lo..hi).filter(|&i| ls[i].indent == indent && ls[i].text.starts_with('-')).collect();
                items.get(*n).copied()
            }
        };
        let Some(i) = pos else { break };
        found = Some(ls[i].no);
        let end = (i + 1..hi).find(|&j| ls[j].indent <= indent).unwrap_or(hi);
        match step {
            Step::Key(_) => {
                let value = ls[i].text.split_once(':').map_or("", |(_, v)| v.trim());
                if !value.is_empty() && !value.starts_with('#') {
                    break; // a value on the key's line (scalar or flow): nothing deeper to find
                }
                (lo, hi) = (i + 1, end);
            }
            Step::Index(_) => {
                // The item's own line holds its first key after `- `: read it as a line of its own, deeper.
                let rest = ls[i].text[1..].trim_start().to_string();
                let shift = ls[i].text.len() - rest.len();
                if rest.is_empty() {
                    (lo, hi) = (i + 1, end);
                } else {
                    ls[i] = Line { no: ls[i].no, indent: indent + shift, text: rest };
                    (lo, hi) = (i, end);
                }
            }
        }
    }
    found
}

/// The first line that says `type: T`.
fn type_line(text: &str, t: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.strip_prefix("type:")
                .or_else(|| l.strip_prefix("Type:"))
                .is_some_and(|v| v.trim().trim_matches(|c| c == '"' || c == '\'') == t)
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "heat_template_version: 2021-04-16
# a comment
parameters:
  flavor:
    type: string
    default: m1.tiny
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: {get_param: flavor}
      networks:
        - network: private
        - allocate_network: none
          fixed_ip: 10.0.0.1
      metadata:
        'A': b
  container:
    type: OS::Zun::Container
";

    #[test]
    fn paths_lead_to_their_lines() {
        let at = |m: &str| line_of(m, T).map(|(l, _)| l);
        assert_eq!(at("Property error: : resources.server.properties.flavor: : Error validating value 'x'"), Some(12));
        assert_eq!(at("Property error: resources.server.properties.networks[1].fixed_ip: bad"), Some(16));
        assert_eq!(at("resources.server.properties.networks[0].network: not found"), Some(14));
        assert_eq!(at("resources.server.properties.metadata.A: odd"), Some(18));
        assert_eq!(at("parameters.flavor: The Flavor ID (m1.tnyi) could not be found."), Some(4));
        // Deeper than the template goes: the deepest line found.
        assert_eq!(at("resources.server.properties.image.get_param: x"), Some(11));
        assert_eq!(at("resources.nothing.properties: x"), Some(7));
        assert_eq!(
            at("HEAT-E99001 Service zun is not available for resource type OS::Zun::Container, reason: ..."),
            Some(20)
        );
        assert_eq!(at("The Resource Type (OS::Zun::Container) could not be found."), Some(20));
        assert_eq!(
            at(
                "Error parsing template: while parsing\n in \"<unicode string>\", line 3, column 3:\n x\n expected, line 5, column 4:"
            ),
            Some(5)
        );
        assert_eq!(at("something else entirely"), None);
    }

    #[test]
    fn types_and_keys() {
        assert_eq!(
            named_type("HEAT-E99001 Service zun is not available for resource type OS::Zun::Container, reason"),
            Some("OS::Zun::Container".into())
        );
        assert_eq!(key_of("\"a:b\": c"), Some("a:b".into()));
        assert_eq!(key_of("name: x"), Some("name".into()));
    }
}
