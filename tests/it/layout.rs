//! The architecture, checked: the files of `src/` import each other without circles (at the level of files and of
//! top-level modules), the domains import nothing from the layers above them, and no source file outgrows 600
//! lines. A change that breaks the ladder fails here, in the test command, not in a later review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules that hold a domain's rules: no command-line types, no printing, no commands.
const DOMAINS: &[&str] = &["image", "gaps", "boot", "stack"];
/// What a domain may not import.
const ABOVE_DOMAINS: &[&str] = &["commands", "cli", "output", "app"];
const MAX_LINES: usize = 600;

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file: `src/image/sync/mod.rs` -> `image::sync`; the crate root is empty.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|l| l == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The source without comments and without its unit tests (which may import anything).
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let comments = regex::Regex::new(r"//[^\n]*").unwrap();
    comments.replace_all(text, "").into_owned()
}

/// Every `crate::a::b...` path a file names (in `use` trees, braces expanded, or inline), and `super::` paths
/// resolved against the file's module.
fn paths(file: &Path) -> Vec<Vec<String>> {
    let text = code(file);
    let mut out = Vec::new();
    let uses = regex::Regex::new(r"(?s)\buse\s+crate::(.*?);").unwrap();
    for m in uses.captures_iter(&text) {
        expand(&[], &m[1].replace('\n', " "), &mut out);
    }
    let inline = regex::Regex::new(r"\bcrate::((?:\w+::)*\w+)").unwrap();
    for m in inline.captures_iter(&text) {
        out.push(m[1].split("::").map(str::to_string).collect());
    }
    let module = module_of(file);
    let is_mod_rs = file.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs");
    let parent: Vec<String> = if is_mod_rs || module.is_empty() {
        module[..module.len().saturating_sub(1)].to_vec()
    } else {
        module[..module.len() - 1].to_vec()
    };
    let sup = regex::Regex::new(r"\bsuper::((?:\w+::)*\w+)").unwrap();
    for m in sup.captures_iter(&text) {
        let mut p = parent.clone();
        p.extend(m[1].split("::").map(str::to_string));
        out.push(p);
    }
    out
}

/// `a::{b, c::{d, e}}` -> `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &[String], body: &str, out: &mut Vec<Vec<String>>) {
    let (mut depth, mut current) = (0, String::new());
    let mut items = Vec::new();
    for ch in body.chars().chain([',']) {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(ch);
        }
    }
    for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        let mut p = prefix.to_vec();
        if let Some(open) = item.find('{') {
            p.extend(item[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string));
            expand(&p, &item[open + 1..item.rfind('}').unwrap()], out);
        } else {
            let name = item.split(" as ").next().unwrap_or(item);
            p.extend(name.split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string));
            out.push(p);
        }
    }
}

struct Graph {
    /// module path -> file
    modules: BTreeMap<Vec<String>, PathBuf>,
    /// file -> files it imports
    edges: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
}

fn graph() -> Graph {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let modules: BTreeMap<Vec<String>, PathBuf> = all.iter().map(|f| (module_of(f), f.clone())).collect();
    let resolve = |p: &[String]| (1..=p.len()).rev().find_map(|n| modules.get(&p[..n]).cloned());
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (module, file) in &modules {
        let targets = edges.entry(file.clone()).or_default();
        if module.is_empty() {
            continue; // the crate root declares everything
        }
        for p in paths(file) {
            if let Some(t) = resolve(&p).filter(|t| t != file && !module_of(t).is_empty()) {
                targets.insert(t);
            }
        }
    }
    Graph { modules, edges }
}

/// Strongly connected components of two or more nodes (Tarjan).
fn circles<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Vec<Vec<N>> {
    struct State<N> {
        index: BTreeMap<N, usize>,
        low: BTreeMap<N, usize>,
        stack: Vec<N>,
        on: BTreeSet<N>,
        next: usize,
        out: Vec<Vec<N>>,
    }
    fn visit<N: Ord + Clone>(v: &N, edges: &BTreeMap<N, BTreeSet<N>>, s: &mut State<N>) {
        s.index.insert(v.clone(), s.next);
        s.low.insert(v.clone(), s.next);
        s.next += 1;
        s.stack.push(v.clone());
        s.on.insert(v.clone());
        for w in edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(w, edges, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v.clone(), low);
            } else if s.on.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v.clone(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on.remove(&w);
                let done = &w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                s.out.push(component);
            }
        }
    }
    let mut s = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(v, edges, &mut s);
        }
    }
    s.out
}

#[test]
fn files_import_each_other_without_circles() {
    let g = graph();
    let found = circles(&g.edges);
    assert!(found.is_empty(), "import circles between files of src/: {found:?}");
}

#[test]
fn top_level_modules_form_a_ladder() {
    let g = graph();
    let top = |f: &PathBuf| module_of(f).first().cloned().unwrap_or_default();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in &g.edges {
        for to in tos {
            if top(from) != top(to) {
                edges.entry(top(from)).or_default().insert(top(to));
            }
        }
    }
    let found = circles(&edges);
    assert!(found.is_empty(), "top-level modules import each other in a loop: {found:?}");
    for domain in DOMAINS {
        let above: Vec<&String> =
            edges.get(*domain).into_iter().flatten().filter(|m| ABOVE_DOMAINS.contains(&m.as_str())).collect();
        assert!(above.is_empty(), "the domain `{domain}` imports {above:?}, which sit above it");
    }
    assert!(g.modules.len() > 40, "the walk found only {} modules", g.modules.len());
}

#[test]
fn no_source_file_over_600_lines() {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let long: Vec<String> = all
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n})", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "source files over {MAX_LINES} lines (split them by concern): {long:?}");
}

#[test]
fn the_checker_sees_a_circle_and_a_domain_reaching_up() {
    // The checks above must be able to fail: a made-up graph with a loop and a domain importing `output`.
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    edges.entry("a").or_default().insert("b");
    edges.entry("b").or_default().insert("c");
    edges.entry("c").or_default().insert("a");
    edges.entry("d").or_default().insert("a");
    let found = circles(&edges);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].iter().copied().collect::<BTreeSet<_>>(), BTreeSet::from(["a", "b", "c"]));
    let mut out = Vec::new();
    expand(&[], "image::{naming::{self, Consumer}, lineage}, output::List", &mut out);
    let joined: Vec<String> = out.iter().map(|p| p.join("::")).collect();
    assert_eq!(joined, ["image::naming::self", "image::naming::Consumer", "image::lineage", "output::List"]);
}
