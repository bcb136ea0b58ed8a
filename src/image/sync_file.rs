//! The sync file of `berth image sync -f FILE`: the YAML of `skopeo sync --src yaml`, plus per-repository options.
//!
//! ```yaml
//! registry.example.com:            # a registry: host[:port]
//!   images:                        # repository -> tags ([] = every tag); a tag may be a digest (sha256:...)
//!     busybox: []
//!     team/app: ["1.0", "2.0"]
//!     team/tool:                   # berth: a mapping instead of a list, with options for these images
//!       tags: ["1.4"]              #   or tag-regex: / semver: ; none of them = every tag
//!       platform: linux/arm64      #   or all-platforms: true
//!       name: ops/tool             #   Glance/docker name: repo (each tag kept) or repo:tag (one tag only)
//!       for: zun                   #   nova-docker | zun
//!       visibility: shared
//!       properties: {owner: ops}   #   extra Glance properties
//!       glance-tags: [prod]        #   extra Glance tags
//!   images-by-tag-regex:           # repository -> regex, unanchored as in skopeo (use ^...$)
//!     nginx: ^1\.2[0-9]\.[0-9]+$
//!   images-by-semver:              # repository -> semver range; tags that are no version are skipped
//!     alpine: ">= 3.18, < 4"
//!   credentials: {username: u, password: p}
//!   tls-verify: false              # skopeo's: do not verify TLS (and allow plain http)
//!   cert-dir: /etc/containers/certs.d/registry.example.com   # *.crt CA, *.cert + *.key client certificate
//! ```
//!
//! Parsing is pure: it checks the whole file (unknown keys, bad regexes and ranges, tags YAML read as numbers)
//! before any request. Which tags a regex, range or `[]` selects is decided later against the registry's tag list
//! with [`TagSelection::select`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::naming::Consumer;
use crate::error::Failure;
use crate::registry::Platform;

/// The file, in order: one section per registry.
#[derive(Debug)]
pub struct SyncFile {
    pub registries: Vec<Section>,
    /// `to:`: destinations besides the command line's (`CLOUD`, `CLOUD/REGION`, `/REGION`).
    pub to: Vec<String>,
}

/// One registry's part of the file.
#[derive(Debug)]
pub struct Section {
    /// host[:port] as written (`docker.io`, `127.0.0.1:5001`).
    pub registry: String,
    pub entries: Vec<Entry>,
    pub credentials: Option<(String, String)>,
    /// `tls-verify: false`.
    pub insecure: bool,
    pub cacert: Option<PathBuf>,
    pub client_cert: Option<(PathBuf, PathBuf)>,
    /// `exclude:` for every repository of the section.
    pub exclude: Vec<regex::Regex>,
    /// `prune-missing:` for every repository of the section (an entry may say otherwise).
    pub prune_missing: bool,
}

/// One repository with the tags to take and the options for its images.
#[derive(Debug)]
pub struct Entry {
    pub repository: String,
    pub tags: TagSelection,
    pub options: EntryOptions,
}

/// What narrows a tag list after its selection: tags to leave out, and how many of the highest versions to keep.
#[derive(Debug, Default, Clone)]
pub struct Narrowing {
    /// Tags any of these match (unanchored) are left out (`--exclude`, `exclude:`).
    pub exclude: Vec<regex::Regex>,
    /// Keep the N highest versions by semver (`--newest`, `newest:`); tags that are no version are left out.
    pub newest: Option<usize>,
}

impl Narrowing {
    /// `self`, then `more` on top: both sets of exclusions; `more`'s `newest` when it has one.
    pub fn and(&self, more: &Narrowing) -> Narrowing {
        Narrowing {
            exclude: self.exclude.iter().chain(&more.exclude).cloned().collect(),
            newest: more.newest.or(self.newest),
        }
    }

    /// `tags` narrowed, in their order.
    pub fn apply(&self, tags: Vec<String>) -> Vec<String> {
        let mut kept: Vec<String> =
            tags.into_iter().filter(|t| !self.exclude.iter().any(|re| re.is_match(t))).collect();
        if let Some(n) = self.newest {
            let mut versions: Vec<(semver::Version, String)> =
                kept.iter().filter_map(|t| lenient_version(t).map(|v| (v, t.clone()))).collect();
            versions.sort_by(|a, b| b.0.cmp(&a.0));
            let newest: std::collections::BTreeSet<String> = versions.into_iter().take(n).map(|(_, t)| t).collect();
            kept.retain(|t| newest.contains(t));
        }
        kept
    }

    pub fn is_empty(&self) -> bool {
        self.exclude.is_empty() && self.newest.is_none()
    }

    /// How it reads in messages: ` except `re`, the 3 newest`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.exclude.iter().map(|re| format!("except `{}`", re.as_str())).collect();
        if let Some(n) = self.newest {
            parts.push(format!("the {n} newest versions"));
        }
        if parts.is_empty() { String::new() } else { format!(", {}", parts.join(", ")) }
    }
}

/// Regexes as written in a sync file (`exclude:`) or on the command line (`--exclude`).
pub fn regexes(items: &[String]) -> Result<Vec<regex::Regex>, String> {
    items.iter().map(|re| regex::Regex::new(re).map_err(|e| format!("the regex `{re}` is invalid: {e}"))).collect()
}

/// Per-repository options; unset ones fall back to the command line.
#[derive(Debug, Default, Clone)]
pub struct EntryOptions {
    pub platform: Option<Platform>,
    pub all_platforms: bool,
    pub name: Option<String>,
    pub consumer: Option<Consumer>,
    pub visibility: Option<String>,
    pub properties: Vec<(String, String)>,
    pub glance_tags: Vec<String>,
    pub narrowing: Narrowing,
    /// `prune-missing:` of this repository, over its section's.
    pub prune_missing: Option<bool>,
}

#[derive(Debug, Clone)]
pub enum TagSelection {
    /// `[]`: every tag of the repository.
    All,
    /// Tags and digests as listed.
    Listed(Vec<String>),
    /// Tags the regex matches (unanchored).
    Regex(regex::Regex),
    /// Tags that read as versions within the range: alternatives (`||`), each all of its comparators.
    Semver(String, Vec<semver::VersionReq>),
}

impl TagSelection {
    /// Whether the registry's tag list is needed to know the tags.
    pub fn needs_tag_list(&self) -> bool {
        !matches!(self, TagSelection::Listed(_))
    }

    /// The tags this selection takes out of the repository's `tags` (in the registry's order); `Listed` ignores them.
    pub fn select(&self, tags: &[String]) -> Vec<String> {
        match self {
            TagSelection::All => tags.to_vec(),
            TagSelection::Listed(listed) => listed.clone(),
            TagSelection::Regex(re) => tags.iter().filter(|t| re.is_match(t)).cloned().collect(),
            TagSelection::Semver(_, alternatives) => tags
                .iter()
                .filter(|t| lenient_version(t).is_some_and(|v| alternatives.iter().any(|req| req.matches(&v))))
                .cloned()
                .collect(),
        }
    }

    /// How the selection reads in messages.
    pub fn describe(&self) -> String {
        match self {
            TagSelection::All => "every tag".into(),
            TagSelection::Listed(t) => t.join(", "),
            TagSelection::Regex(re) => format!("tags matching `{}`", re.as_str()),
            TagSelection::Semver(range, _) => format!("tags in the semver range `{range}`"),
        }
    }
}

/// A tag as a version the way registries' tags are written: `1.2.3`, `v1.2`, `3.18`, `1.2.3-rc.1`; missing minor
/// and patch are 0. None for the rest (`latest`, `stable-slim`, `1.2.3.4`).
pub fn lenient_version(tag: &str) -> Option<semver::Version> {
    let t = tag.strip_prefix('v').unwrap_or(tag);
    if let Ok(v) = semver::Version::parse(t) {
        return Some(v);
    }
    let (core, rest) = match t.find(['-', '+']) {
        Some(i) => t.split_at(i),
        None => (t, ""),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty()
        || parts.len() > 2
        || !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let padded = format!("{}{}{rest}", core, ".0".repeat(3 - parts.len()));
    semver::Version::parse(&padded).ok()
}

/// A semver range as skopeo (Masterminds/semver) writes it: `>= 1.2, < 2`, `~1.4`, `^2`, `1.x`, alternatives
/// joined by `||`.
pub fn parse_range(range: &str) -> Result<Vec<semver::VersionReq>, String> {
    range
        .split("||")
        .map(|alt| {
            let alt = alt.trim();
            // Masterminds also separates comparators with spaces: `>= 1.2 < 2` -> `>=1.2, <2`.
            let mut joined = String::new();
            let mut words = alt.split_whitespace().peekable();
            while let Some(w) = words.next() {
                joined.push_str(w);
                let operator_only = w.chars().all(|c| "<>=~^!".contains(c));
                if !operator_only && words.peek().is_some() && !w.ends_with(',') {
                    joined.push(',');
                }
                if !operator_only {
                    joined.push(' ');
                }
            }
            semver::VersionReq::parse(joined.trim().trim_end_matches(',')).map_err(|e| format!("`{alt}`: {e}"))
        })
        .collect()
}

/// The whole file: registries, and a `to:` list (no registry is called `to`: a registry host has a `.` or `:`).
#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    to: Vec<String>,
    #[serde(flatten)]
    registries: BTreeMap<String, RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSection {
    #[serde(default)]
    images: BTreeMap<String, serde_yaml_ng::Value>,
    #[serde(default)]
    images_by_tag_regex: BTreeMap<String, String>,
    #[serde(default)]
    images_by_semver: BTreeMap<String, String>,
    credentials: Option<RawCredentials>,
    tls_verify: Option<bool>,
    cert_dir: Option<PathBuf>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    prune_missing: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCredentials {
    username: String,
    password: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEntry {
    tags: Option<Vec<serde_yaml_ng::Value>>,
    tag_regex: Option<String>,
    semver: Option<String>,
    platform: Option<String>,
    #[serde(default)]
    all_platforms: bool,
    name: Option<String>,
    #[serde(rename = "for")]
    consumer: Option<String>,
    visibility: Option<String>,
    #[serde(default)]
    properties: BTreeMap<String, serde_yaml_ng::Value>,
    #[serde(default)]
    glance_tags: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    newest: Option<usize>,
    prune_missing: Option<bool>,
}

/// Read and check `path`.
pub fn load(path: &Path) -> anyhow::Result<SyncFile> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::usage(format!("cannot read the sync file `{}`: {e}", path.display()))
            .hint("`-f` takes a YAML file in skopeo sync's format")
    })?;
    parse(&text, path)
}

/// Parse the text of a sync file; `path` is for messages and for relative `cert-dir`s.
pub fn parse(text: &str, path: &Path) -> anyhow::Result<SyncFile> {
    let bad = |what: String| Failure::usage(format!("sync file `{}`: {what}", path.display()));
    let RawFile { to, registries: raw } = serde_yaml_ng::from_str(text).map_err(|e| {
        bad(e.to_string()).hint("the file maps registries to `images`, `images-by-tag-regex`, `images-by-semver`, `credentials`, `tls-verify`, `cert-dir`, `exclude`, `prune-missing`, besides a `to:` list (see `berth image sync --help`)")
    })?;
    if raw.is_empty() {
        return Err(bad("names no registry".into())
            .hint("start with a registry, e.g. `docker.io:` then `  images:` then `    busybox: [\"1.36\"]`")
            .into());
    }
    let base = path.parent().unwrap_or(Path::new("."));
    let mut registries = Vec::new();
    for (registry, s) in raw {
        let at = |repo: &str| format!("`{registry}` > `{repo}`");
        // A key without a `.` or `:` would resolve to Docker Hub (a namespace there), and its credentials with it.
        if let Err(e) = crate::registry::reference::registry_host(&registry) {
            return Err(bad(format!("{e}"))
                .hint("top-level keys are registries (`docker.io`, `host:port`), repositories go under `images`")
                .into());
        }
        let mut entries = Vec::new();
        for (repo, value) in &s.images {
            entries.push(entry(repo, value, text).map_err(|e| bad(format!("{}: {e}", at(repo))))?);
        }
        for (repo, re) in &s.images_by_tag_regex {
            let re = regex::Regex::new(re).map_err(|e| bad(format!("{}: the tag regex is invalid: {e}", at(repo))))?;
            entries.push(Entry {
                repository: repo.clone(),
                tags: TagSelection::Regex(re),
                options: EntryOptions::default(),
            });
        }
        for (repo, range) in &s.images_by_semver {
            let reqs =
                parse_range(range).map_err(|e| bad(format!("{}: the semver range is invalid: {e}", at(repo))))?;
            entries.push(Entry {
                repository: repo.clone(),
                tags: TagSelection::Semver(range.clone(), reqs),
                options: EntryOptions::default(),
            });
        }
        for e in &entries {
            let ok = crate::registry::reference::parse(&format!("{registry}/{}", e.repository))
                .is_ok_and(|r| r.tag.is_none() && r.digest.is_none());
            if !ok {
                return Err(bad(format!("{} is not a repository", at(&e.repository)))
                    .hint("a repository is a path such as `library/busybox` or `team/app`; tags go in its list")
                    .into());
            }
        }
        if entries.is_empty() {
            return Err(bad(format!("`{registry}` lists no images"))
                .hint("add `images:` with `repository: [tags]`")
                .into());
        }
        let (cacert, client_cert) = match &s.cert_dir {
            Some(dir) => cert_dir(&base.join(dir)).map_err(|e| bad(format!("`{registry}` > `cert-dir`: {e}")))?,
            None => (None, None),
        };
        let exclude = regexes(&s.exclude).map_err(|e| bad(format!("`{registry}` > `exclude`: {e}")))?;
        registries.push(Section {
            registry,
            entries,
            credentials: s.credentials.map(|c| (c.username, c.password)),
            insecure: s.tls_verify == Some(false),
            cacert,
            client_cert,
            exclude,
            prune_missing: s.prune_missing,
        });
    }
    Ok(SyncFile { registries, to })
}

fn entry(repo: &str, value: &serde_yaml_ng::Value, source: &str) -> Result<Entry, String> {
    use serde_yaml_ng::Value;
    let (tags, options) = match value {
        Value::Null => (TagSelection::All, EntryOptions::default()),
        Value::Sequence(items) => (listed(items, source)?, EntryOptions::default()),
        Value::Mapping(_) => {
            let raw: RawEntry = serde_yaml_ng::from_value(value.clone()).map_err(|e| e.to_string())?;
            let chosen =
                [raw.tags.is_some(), raw.tag_regex.is_some(), raw.semver.is_some()].iter().filter(|b| **b).count();
            if chosen > 1 {
                return Err("give one of `tags`, `tag-regex` and `semver`".into());
            }
            let tags = if let Some(items) = &raw.tags {
                listed(items, source)?
            } else if let Some(re) = &raw.tag_regex {
                TagSelection::Regex(regex::Regex::new(re).map_err(|e| format!("the tag regex is invalid: {e}"))?)
            } else if let Some(range) = &raw.semver {
                TagSelection::Semver(
                    range.clone(),
                    parse_range(range).map_err(|e| format!("the semver range is invalid: {e}"))?,
                )
            } else {
                TagSelection::All
            };
            if raw.platform.is_some() && raw.all_platforms {
                return Err("give `platform` or `all-platforms`, not both".into());
            }
            let platform =
                raw.platform.as_deref().map(str::parse::<Platform>).transpose().map_err(|e| e.to_string())?;
            let consumer = match raw.consumer.as_deref() {
                None => None,
                Some("nova-docker") => Some(Consumer::NovaDocker),
                Some("zun") => Some(Consumer::Zun),
                Some(other) => return Err(format!("`for: {other}` is not a driver: use `nova-docker` or `zun`")),
            };
            if let Some(v) = &raw.visibility
                && !["private", "shared", "community", "public"].contains(&v.as_str())
            {
                return Err(format!("`visibility: {v}` is not one of private, shared, community, public"));
            }
            let mut properties = Vec::new();
            for (k, v) in raw.properties {
                properties.push((
                    k.clone(),
                    scalar(&v).ok_or_else(|| format!("property `{k}` must be a string, number or boolean"))?,
                ));
            }
            let options = EntryOptions {
                platform,
                all_platforms: raw.all_platforms,
                name: raw.name,
                consumer,
                visibility: raw.visibility,
                properties,
                glance_tags: raw.glance_tags,
                narrowing: Narrowing { exclude: regexes(&raw.exclude)?, newest: raw.newest },
                prune_missing: raw.prune_missing,
            };
            (tags, options)
        }
        other => return Err(format!("expected a list of tags or a mapping of options, found {}", kind(other))),
    };
    let one_tag = matches!(&tags, TagSelection::Listed(t) if t.len() == 1);
    if let Some(name) = &options.name
        && !one_tag
        && name.rsplit('/').next().is_some_and(|last| last.contains(':'))
    {
        return Err(format!(
            "`name: {name}` has a tag, but the entry can select several tags: name only the repository (each image keeps its tag)"
        ));
    }
    Ok(Entry { repository: repo.to_string(), tags, options })
}

/// A list of tags; YAML reads `1.10` as the number 1.1, so numbers are refused rather than guessed at, with the
/// tag as the file (`source`) spells it when it can be found there.
fn listed(items: &[serde_yaml_ng::Value], source: &str) -> Result<TagSelection, String> {
    if items.is_empty() {
        return Ok(TagSelection::All);
    }
    let mut tags = Vec::new();
    for item in items {
        match item {
            serde_yaml_ng::Value::String(s) if !s.is_empty() => tags.push(s.clone()),
            serde_yaml_ng::Value::Number(n) => return Err(unquoted_number(n, source)),
            other => return Err(format!("a tag must be a string, found {}", kind(other))),
        }
    }
    Ok(TagSelection::Listed(tags))
}

/// The error for a tag YAML read as the number `n`: quote it as written. A number that lost digits (`1.10` read
/// as 1.1) is found in the file as it was written, so the hint names the tag meant, not the number YAML made.
fn unquoted_number(n: &serde_yaml_ng::Number, source: &str) -> String {
    let value = n.as_f64();
    let written = regex::Regex::new(r"[0-9]+(?:\.[0-9]+)?")
        .ok()
        .into_iter()
        .flat_map(|re| re.find_iter(source).map(|m| m.as_str().to_string()).collect::<Vec<_>>())
        .find(|t| *t != n.to_string() && t.parse::<f64>().ok() == value && t.contains('.'));
    match written {
        Some(t) => format!(
            "the tag `{t}` is a YAML number, which YAML reads as {n} (the trailing zero is lost): quote it as written (`\"{t}\"`)"
        ),
        None => format!(
            "the tag {n} is a YAML number: quote it (`\"{n}\"`); a tag such as `1.10` must be quoted too, else YAML reads it as 1.1"
        ),
    }
}

fn scalar(v: &serde_yaml_ng::Value) -> Option<String> {
    match v {
        serde_yaml_ng::Value::String(s) => Some(s.clone()),
        serde_yaml_ng::Value::Number(n) => Some(n.to_string()),
        serde_yaml_ng::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn kind(v: &serde_yaml_ng::Value) -> &'static str {
    match v {
        serde_yaml_ng::Value::Null => "nothing",
        serde_yaml_ng::Value::Bool(_) => "a boolean",
        serde_yaml_ng::Value::Number(_) => "a number",
        serde_yaml_ng::Value::String(_) => "a string",
        serde_yaml_ng::Value::Sequence(_) => "a list",
        serde_yaml_ng::Value::Mapping(_) => "a mapping",
        serde_yaml_ng::Value::Tagged(_) => "a tagged value",
    }
}

/// skopeo's (containers') cert-dir: `*.crt` CA certificates (one file here), `*.cert` + `*.key` a client certificate.
type CertDir = (Option<PathBuf>, Option<(PathBuf, PathBuf)>);

fn cert_dir(dir: &Path) -> Result<CertDir, String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let with =
        |ext: &str| files.iter().filter(|p| p.extension().is_some_and(|e| e == ext)).cloned().collect::<Vec<_>>();
    let (crt, cert, key) = (with("crt"), with("cert"), with("key"));
    if crt.len() > 1 {
        return Err(format!(
            "`{}` has {} `*.crt` files; berth takes one CA bundle: concatenate them into one",
            dir.display(),
            crt.len()
        ));
    }
    let client = match (cert.as_slice(), key.as_slice()) {
        ([], []) => None,
        ([c], [k]) => Some((c.clone(), k.clone())),
        _ => {
            return Err(format!(
                "`{}` needs exactly one `*.cert` with one `*.key` for a client certificate",
                dir.display()
            ));
        }
    };
    if crt.is_empty() && client.is_none() {
        return Err(format!("`{}` has no `*.crt`, `*.cert` or `*.key` file", dir.display()));
    }
    Ok((crt.into_iter().next(), client))
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
