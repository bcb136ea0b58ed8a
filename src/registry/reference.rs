//! Docker image references (`busybox`, `127.0.0.1:5001/team/app:1.0`, `busybox@sha256:...`), parsed and
//! normalised the way Docker parses them (the grammar of `distribution/reference`, `ParseNormalizedNamed`):
//!
//! ```text
//! reference  := name [ ":" tag ] [ "@" digest ]
//! name       := [ domain "/" ] component ( "/" component )*         at most 255 characters with the domain
//! domain     := host [ ":" port ]                                    host: DNS labels or "[" IPv6 "]"
//! component  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
//! tag        := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
//! digest     := algorithm ":" hex                                    sha256 (64), sha384 (96), sha512 (128)
//! ```
//!
//! The first component is a domain when it holds a `.` or a `:`, is `localhost`, or has an uppercase letter
//! (as in Docker). Without one, the image is on Docker Hub, whose single-component names live under
//! `library/`. `docker.io` and `index.docker.io` are Docker Hub's names; its API host is `registry-1.docker.io`.
//! One deliberate difference from Docker: `registry-1.docker.io/busybox` is normalised like `docker.io/busybox`
//! (Docker would ask Hub for a `busybox` repository without `library/`, which does not exist).

use std::fmt;
use std::str::FromStr;

use crate::error::Failure;

/// Docker Hub's API host: where references without a domain are pulled from.
pub const DOCKER_HUB_REGISTRY: &str = "registry-1.docker.io";
/// Docker Hub's name in canonical references (`docker.io/library/busybox:latest`).
pub const DOCKER_HUB_DOMAIN: &str = "docker.io";
/// The tag Docker assumes when a reference has neither a tag nor a digest.
pub const DEFAULT_TAG: &str = "latest";
/// The longest repository name Docker accepts, counted with its domain (`docker.io/` for Hub images).
pub const NAME_TOTAL_LENGTH_MAX: usize = 255;
const TAG_LENGTH_MAX: usize = 128;

/// The shape of a reference, for hints.
const SHAPE: &str = "a reference looks like `[registry[:port]/]repository[:tag][@sha256:digest]`, \
                     e.g. `busybox:1.36` or `127.0.0.1:5001/team/app:1.0`";

/// A parsed, normalised image reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// The registry's host[:port] as used for API calls: `registry-1.docker.io` for Docker Hub.
    pub registry: String,
    /// The repository path in that registry: `library/busybox`, `team/app`.
    pub repository: String,
    /// The tag exactly as given; `None` when the reference had none (see [`Reference::tag_or_default`]).
    pub tag: Option<String>,
    /// The digest as given (`sha256:<64 hex>`), already validated.
    pub digest: Option<String>,
}

/// Parse a reference as Docker does; a malformed one is a usage error (exit code 2) that says what is wrong.
pub fn parse(s: &str) -> anyhow::Result<Reference> {
    parse_reference(s).map_err(|(what, hint)| {
        let failure = Failure::usage(format!("invalid reference `{s}`: {what}"));
        anyhow::Error::new(failure.hint(hint.unwrap_or_else(|| SHAPE.to_string())))
    })
}

impl FromStr for Reference {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> anyhow::Result<Reference> {
        parse(s)
    }
}

impl Reference {
    /// True for Docker Hub images (given without a domain, or as `docker.io`, `index.docker.io`).
    pub fn is_docker_hub(&self) -> bool {
        self.registry == DOCKER_HUB_REGISTRY
    }

    /// The registry's host[:port] for API calls (`registry-1.docker.io` for Docker Hub).
    pub fn registry_host(&self) -> &str {
        &self.registry
    }

    /// The tag to name the image by: the given tag, else `latest` (also for a reference with only a digest:
    /// what is fetched is [`Reference::manifest_reference`]; whether a tag was given is in [`Reference::tag`]).
    pub fn tag_or_default(&self) -> &str {
        self.tag.as_deref().unwrap_or(DEFAULT_TAG)
    }

    /// What to ask the registry's `/v2/<repository>/manifests/<...>` for: the digest when there is one (it wins
    /// over a tag, as in Docker), else the tag, else `latest`.
    pub fn manifest_reference(&self) -> &str {
        self.digest.as_deref().unwrap_or_else(|| self.tag_or_default())
    }

    /// The short name Docker shows, without tag: `busybox`, `myorg/app`, `127.0.0.1:5001/library/busybox`.
    pub fn familiar(&self) -> String {
        if self.is_docker_hub() {
            match self.repository.strip_prefix("library/") {
                Some(rest) if !rest.contains('/') => rest.to_string(),
                _ => self.repository.clone(),
            }
        } else {
            format!("{}/{}", self.registry, self.repository)
        }
    }

    /// The familiar name with its tag (`busybox:latest`): the RepoTag in archives and the Glance image name.
    pub fn familiar_with_tag(&self) -> String {
        format!("{}:{}", self.familiar(), self.tag_or_default())
    }

    /// The repository with its domain as Docker names it: `docker.io/library/busybox`, `localhost:5000/app`.
    pub fn canonical_name(&self) -> String {
        let domain = if self.is_docker_hub() { DOCKER_HUB_DOMAIN } else { &self.registry };
        format!("{domain}/{}", self.repository)
    }
}

/// The canonical full form: `docker.io/library/busybox:latest`, `host:port/repo:tag@sha256:...`. `latest` is
/// added only when there is neither a tag nor a digest, as Docker does.
impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical_name())?;
        match (&self.tag, &self.digest) {
            (Some(tag), _) => write!(f, ":{tag}")?,
            (None, None) => write!(f, ":{DEFAULT_TAG}")?,
            (None, Some(_)) => {}
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// What is wrong, and a hint when there is a better one than the general shape.
type Problem = (String, Option<String>);

fn problem(what: impl Into<String>) -> Problem {
    (what.into(), None)
}

fn parse_reference(s: &str) -> Result<Reference, Problem> {
    if s.is_empty() {
        return Err(problem("the reference is empty"));
    }
    if s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err((
            "a 64-character hexadecimal string is an image ID, not a repository name".into(),
            Some("name the image by repository, e.g. `busybox@sha256:<digest>`".into()),
        ));
    }

    // The name never holds `@`, and a tag never holds `/`: split the digest first, then the tag.
    let (rest, digest) = match s.split_once('@') {
        Some((_, digest)) if digest.contains('@') => return Err(problem("it has more than one `@`")),
        Some((rest, digest)) => (rest, Some(digest)),
        None => (s, None),
    };
    let slash = rest.rfind('/');
    let (name, tag) = match rest.rfind(':') {
        Some(colon) if slash.is_none_or(|slash| colon > slash) => (&rest[..colon], Some(&rest[colon + 1..])),
        _ => (rest, None),
    };
    if name.is_empty() {
        return Err(problem("the repository name is missing"));
    }

    let (domain, path) = split_domain(name);
    if let Some(domain) = domain {
        check_domain(domain)?;
    }
    check_path(path, domain.is_some())?;
    if let Some(tag) = tag {
        check_tag(tag)?;
    }
    if let Some(digest) = digest {
        check_digest(digest)?;
    }

    let hub = match domain {
        None => true,
        Some(d) => ["docker.io", "index.docker.io", DOCKER_HUB_REGISTRY].contains(&d),
    };
    let repository = if hub && !path.contains('/') { format!("library/{path}") } else { path.to_string() };
    let reference = Reference {
        registry: if hub { DOCKER_HUB_REGISTRY.to_string() } else { domain.unwrap_or_default().to_string() },
        repository,
        tag: tag.map(str::to_string),
        digest: digest.map(str::to_string),
    };
    let canonical = reference.canonical_name();
    if canonical.len() > NAME_TOTAL_LENGTH_MAX {
        return Err(problem(format!(
            "the repository name `{canonical}` is {} characters long; Docker allows at most {NAME_TOTAL_LENGTH_MAX}",
            canonical.len()
        )));
    }
    Ok(reference)
}

/// A registry host as the `--registry-host` flag and sync-file keys name one (`host[:port]`, an IP address, or
/// `localhost`), normalised as references are (`docker.io` and `index.docker.io` are Docker Hub's API host). A word
/// without a `.` or `:` is no host (Docker would read it as a Docker Hub namespace): an error.
pub fn registry_host(s: &str) -> anyhow::Result<String> {
    let problem = |why: String| -> anyhow::Error {
        Failure::usage(format!("`{s}` is not a registry host: {why}"))
            .hint("name a registry as `host[:port]`, e.g. `registry.example.com:5000`, `127.0.0.1:5001` or `docker.io`")
            .into()
    };
    if !(s.contains(['.', ':']) || s == "localhost") {
        return Err(problem("it has no `.` or `:` (Docker reads such a word as a Docker Hub namespace)".into()));
    }
    if s.contains('/') {
        return Err(problem("it has a `/`".into()));
    }
    check_domain(s).map_err(|(why, _)| problem(why))?;
    Ok(if ["docker.io", "index.docker.io", DOCKER_HUB_REGISTRY].contains(&s) {
        DOCKER_HUB_REGISTRY.to_string()
    } else {
        s.to_string()
    })
}

/// Split `name` (without tag and digest) into its domain, if its first component is one, and the path.
fn split_domain(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':']) || first == "localhost" || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    }
}

fn check_domain(domain: &str) -> Result<(), Problem> {
    let bad = |why: String| -> Problem {
        (
            format!("registry `{domain}` {why}"),
            Some(
                "a registry is a host name or IP address with an optional `:port`, e.g. `registry.example.com:5000`"
                    .into(),
            ),
        )
    };
    let (host, port) = if let Some(inner) = domain.strip_prefix('[') {
        let Some((ipv6, after)) = inner.split_once(']') else {
            return Err(bad("has a `[` without a closing `]`".into()));
        };
        if ipv6.is_empty() || !ipv6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return Err(bad(format!("has `{ipv6}` in brackets, which is not an IPv6 address")));
        }
        match after {
            "" => (None, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None => return Err(bad(format!("has `{after}` after `]`; expected `:port`"))),
            },
        }
    } else {
        match domain.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(domain), None),
        }
    };
    if let Some(host) = host {
        if host.is_empty() {
            return Err(bad("has no host name".into()));
        }
        for label in host.split('.') {
            let ok = !label.is_empty()
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-');
            if !ok {
                return Err(bad(format!(
                    "has the host name part `{label}`; parts are letters, digits and inner `-`, separated by `.`"
                )));
            }
        }
    }
    if let Some(port) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err((
            format!("registry `{domain}` has the port `{port}`, which is not a number"),
            Some("a registry's port is a number, as in `localhost:5000/app`; a tag cannot contain `/`".into()),
        ));
    }
    Ok(())
}

fn check_path(path: &str, has_domain: bool) -> Result<(), Problem> {
    let components: Vec<&str> = path.split('/').collect();
    for (i, component) in components.iter().enumerate() {
        if component.is_empty() {
            let what = if i + 1 == components.len() && components.len() > 1 {
                "the repository name ends with `/`".to_string()
            } else if i == 0 && has_domain {
                "the repository name is missing after the registry".to_string()
            } else if i == 0 {
                "the repository name starts with `/`".to_string()
            } else {
                format!("the repository name `{path}` has an empty path component (`//`)")
            };
            return Err(problem(what));
        }
    }
    for component in &components {
        check_component(component).map_err(|why| {
            let what = if components.len() == 1 {
                format!("repository name `{component}` {why}")
            } else {
                format!("path component `{component}` of repository name `{path}` {why}")
            };
            (
                what,
                Some(
                    "a repository name is lowercase letters and digits, separated by `.`, `_`, `__` or `-`, \
                     in path components separated by `/`"
                        .into(),
                ),
            )
        })?;
    }
    if path.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = path.to_ascii_lowercase();
        return Err((format!("repository name must be lowercase: `{path}`"), Some(format!("use `{lower}`"))));
    }
    Ok(())
}

/// Check one path component against `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`, ignoring case (uppercase gets its
/// own error afterwards); the error says why not.
fn check_component(c: &str) -> Result<(), String> {
    let bytes = c.as_bytes();
    let alnum = |b: u8| b.is_ascii_alphanumeric();
    if let Some(pos) = bytes.iter().position(|&b| !alnum(b) && !matches!(b, b'.' | b'_' | b'-')) {
        let ch = c[pos..].chars().next().unwrap_or('?');
        return Err(format!("contains `{ch}` (at character {})", c[..pos].chars().count() + 1));
    }
    if !alnum(bytes[0]) {
        return Err(format!("starts with `{}`", bytes[0] as char));
    }
    if !alnum(bytes[bytes.len() - 1]) {
        return Err(format!("ends with `{}`", bytes[bytes.len() - 1] as char));
    }
    // Every run of separators between alphanumerics must be `.`, `_`, `__` or dashes only.
    let mut i = 0;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|b| b == b'-')) {
            return Err(format!(
                "has the separator `{sep}`; only `.`, `_`, `__` or dashes may separate letters and digits"
            ));
        }
    }
    Ok(())
}

fn check_tag(tag: &str) -> Result<(), Problem> {
    let hint = || Some("a tag is up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`".into());
    if tag.is_empty() {
        return Err((
            "the tag after `:` is empty".into(),
            Some("drop the `:` or name a tag, e.g. `busybox:1.36`".into()),
        ));
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    if let Some(pos) = tag.bytes().position(|b| !word(b) && b != b'.' && b != b'-') {
        let ch = tag[pos..].chars().next().unwrap_or('?');
        return Err((
            format!("the tag `{tag}` contains `{ch}` (at character {})", tag[..pos].chars().count() + 1),
            hint(),
        ));
    }
    if !word(tag.as_bytes()[0]) {
        return Err((format!("the tag `{tag}` starts with `{}`", tag.as_bytes()[0] as char), hint()));
    }
    if tag.len() > TAG_LENGTH_MAX {
        return Err((
            format!("the tag is {} characters long; at most {TAG_LENGTH_MAX} are allowed", tag.len()),
            hint(),
        ));
    }
    Ok(())
}

fn check_digest(digest: &str) -> Result<(), Problem> {
    let hint = || Some("a digest is `sha256:` followed by 64 lowercase hexadecimal digits".into());
    if digest.is_empty() {
        return Err(("the digest after `@` is empty".into(), hint()));
    }
    super::digest::check(digest).map_err(|why| (why, hint()))
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ExitCode, exit_code, failure};

    const HEX: &str = "6b3a3ad6d2e1d1b1a5e9c8a8d0e8cd8e35a0f1f2ccf4e7e1b0b0c6a3a0d9e8f1";

    fn ok(s: &str) -> Reference {
        parse(s).unwrap_or_else(|e| panic!("`{s}` should parse: {e:#}"))
    }

    fn err(s: &str) -> String {
        let e = parse(s).expect_err(&format!("`{s}` should not parse"));
        assert_eq!(exit_code(&e), ExitCode::Usage, "{s}");
        assert!(failure(&e).unwrap().hint.is_some(), "{s} has a hint");
        e.to_string()
    }

    /// input, registry, repository, tag, digest, familiar_with_tag, Display.
    type Case<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str, &'a str);

    #[test]
    fn parses_and_normalises() {
        let hub = DOCKER_HUB_REGISTRY;
        // `<D>` stands for a sha256 digest.
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("busybox", hub, "library/busybox", None, None, "busybox:latest", "docker.io/library/busybox:latest"),
            ("library/busybox:1.36", hub, "library/busybox", Some("1.36"), None, "busybox:1.36", "docker.io/library/busybox:1.36"),
            ("docker.io/library/busybox", hub, "library/busybox", None, None, "busybox:latest", "docker.io/library/busybox:latest"),
            ("index.docker.io/busybox:1.36", hub, "library/busybox", Some("1.36"), None, "busybox:1.36", "docker.io/library/busybox:1.36"),
            ("registry-1.docker.io/busybox", hub, "library/busybox", None, None, "busybox:latest", "docker.io/library/busybox:latest"),
            ("myorg/app:2", hub, "myorg/app", Some("2"), None, "myorg/app:2", "docker.io/myorg/app:2"),
            ("docker.io/myorg/app", hub, "myorg/app", None, None, "myorg/app:latest", "docker.io/myorg/app:latest"),
            ("docker.io/library/a/b", hub, "library/a/b", None, None, "library/a/b:latest", "docker.io/library/a/b:latest"),
            ("127.0.0.1:5001/library/busybox:multi", "127.0.0.1:5001", "library/busybox", Some("multi"), None,
             "127.0.0.1:5001/library/busybox:multi", "127.0.0.1:5001/library/busybox:multi"),
            ("localhost/app", "localhost", "app", None, None, "localhost/app:latest", "localhost/app:latest"),
            ("localhost:5000/a/b/c:v1", "localhost:5000", "a/b/c", Some("v1"), None, "localhost:5000/a/b/c:v1", "localhost:5000/a/b/c:v1"),
            ("registry.example.com/team/app_x.y__z---w:V1.0_rc-1", "registry.example.com", "team/app_x.y__z---w", Some("V1.0_rc-1"), None,
             "registry.example.com/team/app_x.y__z---w:V1.0_rc-1", "registry.example.com/team/app_x.y__z---w:V1.0_rc-1"),
            ("[::1]:5000/app:1", "[::1]:5000", "app", Some("1"), None, "[::1]:5000/app:1", "[::1]:5000/app:1"),
            // Docker takes a first component with uppercase letters for a (case-insensitive) host name.
            ("MyRegistry/app", "MyRegistry", "app", None, None, "MyRegistry/app:latest", "MyRegistry/app:latest"),
            // `localhost:5000` alone is the Hub image `localhost` with the tag `5000`, as in Docker.
            ("localhost:5000", hub, "library/localhost", Some("5000"), None, "localhost:5000", "docker.io/library/localhost:5000"),
            ("busybox@<D>", hub, "library/busybox", None, Some("<D>"), "busybox:latest", "docker.io/library/busybox@<D>"),
            ("busybox:1.36@<D>", hub, "library/busybox", Some("1.36"), Some("<D>"), "busybox:1.36", "docker.io/library/busybox:1.36@<D>"),
            ("127.0.0.1:5001/x/y@<D>", "127.0.0.1:5001", "x/y", None, Some("<D>"), "127.0.0.1:5001/x/y:latest", "127.0.0.1:5001/x/y@<D>"),
        ];
        let d = |s: &str| s.replace("<D>", &format!("sha256:{HEX}"));
        for &(input, registry, repository, tag, digest, with_tag, display) in cases {
            let input = d(input);
            let r = ok(&input);
            assert_eq!(r.registry, registry, "{input}");
            assert_eq!(r.registry_host(), registry, "{input}");
            assert_eq!(r.repository, repository, "{input}");
            assert_eq!(r.tag.as_deref(), tag, "{input}");
            assert_eq!(r.digest, digest.map(d), "{input}");
            assert_eq!(r.familiar_with_tag(), with_tag, "{input}");
            assert_eq!(format!("{}:{}", r.familiar(), r.tag_or_default()), with_tag, "{input}");
            assert_eq!(r.to_string(), d(display), "{input}");
            assert_eq!(r.is_docker_hub(), registry == hub, "{input}");
            // The canonical form parses back to the same image (its `latest` now explicit), the familiar name to the
            // same repository.
            let back = ok(&r.to_string());
            assert_eq!(Reference { tag: r.tag.clone().or(back.tag.clone()), ..r.clone() }, back, "{input} -> {r}");
            let again = ok(&r.familiar());
            assert_eq!((again.registry, again.repository), (r.registry.clone(), r.repository.clone()), "{input}");
        }
        assert_eq!(ok("busybox").familiar(), "busybox");
        assert_eq!(ok("127.0.0.1:5001/library/busybox:1.36").familiar(), "127.0.0.1:5001/library/busybox");
        let sha512 = format!("sha512:{HEX}{HEX}");
        assert_eq!(ok(&format!("app@{sha512}")).digest, Some(sha512));
        let sha384 = format!("sha384:{}", &format!("{HEX}{HEX}")[..96]);
        assert_eq!(ok(&format!("app@{sha384}")).digest, Some(sha384));
    }

    #[test]
    fn default_tag_and_manifest_reference() {
        let r = ok("busybox");
        assert_eq!((r.tag.as_deref(), r.tag_or_default(), r.manifest_reference()), (None, "latest", "latest"));
        let r = ok("busybox:latest");
        assert_eq!((r.tag.as_deref(), r.tag_or_default()), (Some("latest"), "latest"));
        let r = ok("busybox:1.36");
        assert_eq!(r.manifest_reference(), "1.36");
        let digest = format!("sha256:{HEX}");
        assert_eq!(ok(&format!("busybox:1.36@{digest}")).manifest_reference(), digest);
        assert_eq!(ok(&format!("busybox@{digest}")).manifest_reference(), digest);
        let r: Reference = "localhost/app".parse().unwrap();
        assert_eq!(r.canonical_name(), "localhost/app");
        assert_eq!(ok("busybox").canonical_name(), "docker.io/library/busybox");
    }

    #[test]
    fn rejects_malformed_references_saying_what_and_where() {
        assert_eq!(HEX.len(), 64);
        let long = "a".repeat(256);
        let hub_limit = "a".repeat(NAME_TOTAL_LENGTH_MAX - "docker.io/library/".len() + 1);
        let cases: Vec<(&str, &str)> = vec![
            ("", "invalid reference ``: the reference is empty"),
            ("Busybox", "invalid reference `Busybox`: repository name must be lowercase: `Busybox`"),
            ("library/BusyBox:1", "repository name must be lowercase: `library/BusyBox`"),
            ("localhost:5000/Team/app", "repository name must be lowercase: `Team/app`"),
            ("busy box", "invalid reference `busy box`: repository name `busy box` contains ` ` (at character 5)"),
            ("Busy Box", "invalid reference `Busy Box`: repository name `Busy Box` contains ` ` (at character 5)"),
            ("busybox:", "invalid reference `busybox:`: the tag after `:` is empty"),
            ("busybox:bad/tag", "registry `busybox:bad` has the port `bad`, which is not a number"),
            ("busybox:bad tag", "the tag `bad tag` contains ` ` (at character 4)"),
            ("busybox:-1", "the tag `-1` starts with `-`"),
            ("busybox:.1", "the tag `.1` starts with `.`"),
            (
                "busybox@sha256:short",
                "the digest `sha256:short` contains `s`, which is not a lowercase hexadecimal digit",
            ),
            ("busybox@sha256:abc123", "the sha256 digest has 6 hexadecimal digits; it needs 64"),
            ("busybox@sha512:abc123", "the sha512 digest has 6 hexadecimal digits; it needs 128"),
            ("busybox@md5:abc123", "the digest algorithm `md5` is not supported"),
            ("busybox@abc", "the digest `abc` has no `algorithm:` prefix"),
            ("busybox@", "the digest after `@` is empty"),
            (":tag", "invalid reference `:tag`: the repository name is missing"),
            ("@sha256:abc", "the repository name is missing"),
            ("a//b", "invalid reference `a//b`: the repository name `a//b` has an empty path component (`//`)"),
            ("busybox/", "invalid reference `busybox/`: the repository name ends with `/`"),
            ("/busybox", "the repository name starts with `/`"),
            ("localhost:5000/", "the repository name is missing after the registry"),
            ("-app", "repository name `-app` starts with `-`"),
            ("app-", "repository name `app-` ends with `-`"),
            ("a..b", "repository name `a..b` has the separator `..`"),
            ("a___b", "has the separator `___`"),
            ("a.-b", "has the separator `.-`"),
            ("team/a+b", "path component `a+b` of repository name `team/a+b` contains `+` (at character 2)"),
            ("exa_mple.com/app", "registry `exa_mple.com` has the host name part `exa_mple`"),
            ("-bad.com/app", "registry `-bad.com` has the host name part `-bad`"),
            ("example..com/app", "registry `example..com` has the host name part ``"),
            ("host:/app", "registry `host:` has the port ``, which is not a number"),
            (":5000/app", "registry `:5000` has no host name"),
            ("[::1/app", "registry `[::1` has a `[` without a closing `]`"),
            ("[zz]:5000/app", "has `zz` in brackets, which is not an IPv6 address"),
            ("[::1]x/app", "has `x` after `]`"),
            ("a@b@sha256:x", "it has more than one `@`"),
            (&long, "characters long; Docker allows at most 255"),
            (&hub_limit, "is 256 characters long; Docker allows at most 255"),
            (HEX, "is an image ID"),
        ];
        for (input, expected) in cases {
            let message = err(input);
            assert!(message.contains(expected), "`{input}`: {message:?} should contain {expected:?}");
            assert!(message.starts_with(&format!("invalid reference `{input}`: ")), "{message}");
        }
        let tag = format!("busybox:{}", "t".repeat(129));
        assert!(err(&tag).contains("the tag is 129 characters long; at most 128 are allowed"));
        assert!(parse(&format!("busybox:{}", "t".repeat(128))).is_ok());
        // The limit counts the domain: 255 with it is fine.
        assert!(parse(&"a".repeat(NAME_TOTAL_LENGTH_MAX - "docker.io/library/".len())).is_ok());
        let with_domain = format!("localhost/{}", "a".repeat(NAME_TOTAL_LENGTH_MAX - "localhost/".len()));
        assert!(parse(&with_domain).is_ok());
        assert!(parse(&format!("{with_domain}a")).is_err());
        // Uppercase hexadecimal is not a valid digest.
        assert!(err(&format!("busybox@sha256:{}", HEX.to_ascii_uppercase())).contains("not a lowercase hexadecimal"));
    }

    #[test]
    fn uppercase_hint_suggests_the_lowercase_name() {
        let e = parse("BusyBox:1.36").unwrap_err();
        assert_eq!(failure(&e).unwrap().hint.as_deref(), Some("use `busybox`"));
    }
}
