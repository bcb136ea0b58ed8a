//! Registry credentials and challenges: where credentials come from (flags, then Docker's `config.json` with
//! its credential helpers), and what a registry's `WWW-Authenticate` asks for.
//!
//! Docker's config is read by hand rather than with the `docker_credential` crate: that crate has no way to
//! point it at another config directory (berth's `docker_config_dir`), turns every problem into one opaque error
//! (berth must tell a malformed file, exit 2, from a missing or failing helper, and name the fix), and the
//! format is three maps, parsed below in a few lines of serde.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine;
use serde::Deserialize;

use crate::error::{ExitCode, Failure};
use crate::registry::reference::DOCKER_HUB_REGISTRY;

/// The key Docker stores Docker Hub's credentials under, and the server URL its helpers are asked for.
pub const DOCKER_HUB_SERVER: &str = "https://index.docker.io/v1/";
/// The user name credential helpers return for an identity (refresh) token instead of a password.
pub const IDENTITY_TOKEN_USER: &str = "<token>";

/// A user name and password (or, with the user `<token>`, an identity token). Debug never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl Credentials {
    /// True when the secret is an identity token (OAuth2 refresh token) rather than a password.
    pub fn is_identity_token(&self) -> bool {
        self.username == IDENTITY_TOKEN_USER
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("username", &self.username).field("password", &"<redacted>").finish()
    }
}

/// Credentials and where they came from, for messages (`--registry-user`, `auths` in `~/.docker/config.json`...).
#[derive(Debug, Clone)]
pub struct Found {
    pub credentials: Credentials,
    pub source: String,
}

/// Where Docker's config.json is: `dir` when given, else `$DOCKER_CONFIG`, else `~/.docker`.
pub fn docker_config_path(dir: Option<&Path>) -> Option<PathBuf> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => match std::env::var_os("DOCKER_CONFIG").filter(|v| !v.is_empty()) {
            Some(d) => PathBuf::from(d),
            None => dirs::home_dir()?.join(".docker"),
        },
    };
    Some(dir.join("config.json"))
}

/// The server address Docker uses for a registry host in its config and with credential helpers.
pub fn server_address(host: &str) -> String {
    if is_hub(host) { DOCKER_HUB_SERVER.to_string() } else { host.to_string() }
}

fn is_hub(host: &str) -> bool {
    matches!(host, DOCKER_HUB_REGISTRY | "docker.io" | "index.docker.io")
}

/// The host of a config key, as Docker's `ConvertToHostname`: `https://host:5000/v1/` -> `host:5000`; Docker
/// Hub's aliases all become `docker.io`.
fn key_host(key: &str) -> String {
    let rest = key.strip_prefix("https://").or_else(|| key.strip_prefix("http://")).unwrap_or(key);
    let host = rest.split('/').next().unwrap_or(rest).to_ascii_lowercase();
    if is_hub(&host) { "docker.io".into() } else { host }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DockerConfig {
    #[serde(default)]
    auths: BTreeMap<String, AuthEntry>,
    #[serde(default)]
    creds_store: Option<String>,
    #[serde(default)]
    cred_helpers: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
struct AuthEntry {
    auth: Option<String>,
    username: Option<String>,
    password: Option<String>,
    identitytoken: Option<String>,
}

/// The entry of `map` for `host`: the exact key first (`host`, or Docker Hub's URL), then any key whose host
/// is the same (`https://host`, `http://host/v1/`...).
fn entry_for<'a, V>(map: &'a BTreeMap<String, V>, host: &str) -> Option<(&'a String, &'a V)> {
    let server = server_address(host);
    map.get_key_value(host)
        .or_else(|| map.get_key_value(&server))
        .or_else(|| map.iter().find(|(k, _)| key_host(k) == key_host(host)))
}

/// Credentials for `host`: `given` (from `--registry-user` / `--registry-password-stdin`) first, else Docker's
/// config (`credHelpers[host]`, else `credsStore`, else `auths`). None when there are none. A malformed config
/// is a usage error (2); a missing credential helper too; a failing helper an auth error (4).
pub fn lookup(host: &str, given: Option<&Credentials>, config_dir: Option<&Path>) -> anyhow::Result<Option<Found>> {
    if let Some(c) = given {
        return Ok(Some(Found { credentials: c.clone(), source: "`--registry-user`".into() }));
    }
    let Some(path) = docker_config_path(config_dir) else {
        return Ok(None);
    };
    let text = match std::fs::read(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Failure::usage(format!("cannot read the docker config `{}`: {e}", path.display()))
                .hint("fix its permissions, or point `DOCKER_CONFIG` at another directory")
                .into());
        }
    };
    let config: DockerConfig = serde_json::from_slice(&text).map_err(|e| {
        Failure::usage(format!("the docker config `{}` is malformed: {e}", path.display()))
            .hint("fix the JSON (or run `docker login` again), or point `DOCKER_CONFIG` at another directory")
    })?;
    lookup_in(&config, &path, host, &|helper, server| run_helper(helper, server, &path, host))
}

/// What a credential helper said: credentials, or that it has none for the server.
type HelperFn<'a> = dyn Fn(&str, &str) -> anyhow::Result<Option<Credentials>> + 'a;

fn lookup_in(config: &DockerConfig, path: &Path, host: &str, helper: &HelperFn) -> anyhow::Result<Option<Found>> {
    let server = server_address(host);
    let shown = path.display();
    if let Some((_, name)) = entry_for(&config.cred_helpers, host) {
        let found = helper(name, &server)?;
        return Ok(found.map(|c| Found {
            credentials: c,
            source: format!("`docker-credential-{name}` (credHelpers in `{shown}`)"),
        }));
    }
    if let Some(name) = config.creds_store.as_deref().filter(|s| !s.is_empty())
        && let Some(c) = helper(name, &server)?
    {
        return Ok(Some(Found {
            credentials: c,
            source: format!("`docker-credential-{name}` (credsStore in `{shown}`)"),
        }));
    }
    let Some((key, entry)) = entry_for(&config.auths, host) else {
        return Ok(None);
    };
    let source = format!("auths `{key}` in `{shown}`");
    if let Some(token) = entry.identitytoken.as_deref().filter(|t| !t.is_empty()) {
        let credentials = Credentials { username: IDENTITY_TOKEN_USER.into(), password: token.into() };
        return Ok(Some(Found { credentials, source }));
    }
    if let Some(auth) = entry.auth.as_deref().filter(|a| !a.is_empty()) {
        let bad = |why: &str| -> anyhow::Error {
            Failure::usage(format!("`auths.\"{key}\".auth` in the docker config `{shown}` {why}"))
                .hint(format!("it must be base64 of `user:password`; run `docker login {host}` again or fix the file"))
                .into()
        };
        let decoded =
            base64::engine::general_purpose::STANDARD.decode(auth.trim()).map_err(|_| bad("is not base64"))?;
        let text = String::from_utf8(decoded).map_err(|_| bad("is not UTF-8 text"))?;
        let (user, pass) = text.split_once(':').ok_or_else(|| bad("has no `:` between user and password"))?;
        return Ok(Some(Found { credentials: Credentials { username: user.into(), password: pass.into() }, source }));
    }
    match (&entry.username, &entry.password) {
        (Some(u), Some(p)) if !u.is_empty() => {
            Ok(Some(Found { credentials: Credentials { username: u.clone(), password: p.clone() }, source }))
        }
        _ => Ok(None),
    }
}

/// Run `docker-credential-<helper> get` with the server address on stdin, as Docker does.
fn run_helper(helper: &str, server: &str, config: &Path, host: &str) -> anyhow::Result<Option<Credentials>> {
    let program = format!("docker-credential-{helper}");
    let fix = format!(
        "install `{program}`, remove it from `credHelpers`/`credsStore` in `{}`, or pass `--registry-user` with `--registry-password-stdin`",
        config.display()
    );
    let child =
        Command::new(&program).arg("get").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Failure::usage(format!(
                "the docker config `{}` names the credential helper `{helper}` for `{host}`, but `{program}` is not on PATH",
                config.display()
            ))
            .hint(fix)
            .into());
        }
        Err(e) => {
            return Err(Failure::new(ExitCode::Auth, format!("cannot run the credential helper `{program}`: {e}"))
                .hint(fix)
                .into());
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A helper that exits without reading stdin is judged by its exit status below.
        let _ = stdin.write_all(server.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| Failure::new(ExitCode::Auth, format!("running the credential helper `{program}`: {e}")))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let said = [stdout.trim(), String::from_utf8_lossy(&out.stderr).trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        if said.to_lowercase().contains("credentials not found") {
            return Ok(None);
        }
        return Err(Failure::new(
            ExitCode::Auth,
            format!("the credential helper `{program}` failed for `{server}` ({}): {said}", out.status),
        )
        .hint(format!("log in again with `docker login {host}`, or {fix}"))
        .into());
    }
    parse_helper_output(&stdout).map_err(|e| {
        Failure::new(
            ExitCode::Auth,
            format!("the credential helper `{program}` answered something that is not its JSON: {e}"),
        )
        .hint(fix)
        .into()
    })
}

fn parse_helper_output(stdout: &str) -> Result<Option<Credentials>, serde_json::Error> {
    #[derive(Deserialize)]
    struct Answer {
        #[serde(rename = "Username", default)]
        username: String,
        #[serde(rename = "Secret", default)]
        secret: String,
    }
    let a: Answer = serde_json::from_str(stdout.trim())?;
    if a.secret.is_empty() {
        return Ok(None);
    }
    Ok(Some(Credentials { username: a.username, password: a.secret }))
}

/// One challenge of a `WWW-Authenticate` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    Basic { realm: Option<String> },
    Bearer { realm: String, service: Option<String>, scope: Option<String>, error: Option<String> },
}

/// The Basic and Bearer challenges in `WWW-Authenticate` header values (several per header, or several headers;
/// quoted values may hold commas and `\"`). Other schemes, and Bearer without a realm, are left out.
pub fn parse_challenges<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<Challenge> {
    let mut out = Vec::new();
    for value in values {
        for (scheme, params) in split_challenges(value) {
            let get = |k: &str| params.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone());
            match scheme.to_ascii_lowercase().as_str() {
                "basic" => out.push(Challenge::Basic { realm: get("realm") }),
                "bearer" => {
                    if let Some(realm) = get("realm").filter(|r| !r.is_empty()) {
                        out.push(Challenge::Bearer {
                            realm,
                            service: get("service"),
                            scope: get("scope"),
                            error: get("error"),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// `Scheme k=v, k="v", Scheme2 k=v` -> [(scheme, [(k, v)])], keys lowercase.
fn split_challenges(s: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = s.as_bytes();
    let is_tchar = |c: u8| c.is_ascii_alphanumeric() || b"!#$%&'*+.^_`|~-".contains(&c);
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i] == b',' || b[i].is_ascii_whitespace()) {
            i += 1;
        }
        let start = i;
        while i < b.len() && is_tchar(b[i]) {
            i += 1;
        }
        if start == i {
            i += 1; // not a token: skip it
            continue;
        }
        let token = &s[start..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            // A parameter of the current challenge.
            i = j + 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = if i < b.len() && b[i] == b'"' {
                i += 1;
                let mut v = String::new();
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' && i + 1 < b.len() {
                        i += 1;
                    }
                    let ch = s[i..].chars().next().unwrap_or('?');
                    v.push(ch);
                    i += ch.len_utf8();
                }
                i += 1; // the closing quote
                v
            } else {
                let vs = i;
                while i < b.len() && b[i] != b',' {
                    i += 1;
                }
                s[vs..i].trim().to_string()
            };
            if let Some((_, params)) = out.last_mut() {
                params.push((token.to_ascii_lowercase(), value));
            }
        } else {
            out.push((token.to_string(), Vec::new()));
            i = j;
        }
    }
    out
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::exit_code;

    fn bearer(realm: &str, service: Option<&str>, scope: Option<&str>, error: Option<&str>) -> Challenge {
        Challenge::Bearer {
            realm: realm.into(),
            service: service.map(Into::into),
            scope: scope.map(Into::into),
            error: error.map(Into::into),
        }
    }

    #[test]
    fn parses_basic_and_bearer_challenges() {
        assert_eq!(
            parse_challenges(["Basic realm=\"berth-dev\""]),
            vec![Challenge::Basic { realm: Some("berth-dev".into()) }]
        );
        assert_eq!(parse_challenges(["basic"]), vec![Challenge::Basic { realm: None }]);
        assert_eq!(
            parse_challenges([
                r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull""#
            ]),
            vec![bearer(
                "https://auth.docker.io/token",
                Some("registry.docker.io"),
                Some("repository:library/busybox:pull"),
                None
            )]
        );
        // Commas inside quotes, spaces around `=`, escapes, an error parameter, unquoted values.
        assert_eq!(
            parse_challenges([
                r#"Bearer realm = "http://127.0.0.1:5004/token", service=svc, scope="repository:a/b:pull,push repository:c:pull",error="insufficient_scope",x="a\"b""#
            ]),
            vec![bearer(
                "http://127.0.0.1:5004/token",
                Some("svc"),
                Some("repository:a/b:pull,push repository:c:pull"),
                Some("insufficient_scope")
            )]
        );
    }

    #[test]
    fn parses_several_challenges_and_skips_others() {
        let got = parse_challenges([
            r#"Negotiate abc, Bearer realm="https://r/t",service="s", Basic realm="x, y""#,
            "Digest realm=\"d\", nonce=\"n\"",
        ]);
        assert_eq!(
            got,
            vec![bearer("https://r/t", Some("s"), None, None), Challenge::Basic { realm: Some("x, y".into()) }]
        );
        assert_eq!(parse_challenges(["Bearer service=\"no realm\""]), vec![]);
        assert_eq!(parse_challenges([""]), vec![]);
    }

    fn config(json: &str) -> DockerConfig {
        serde_json::from_str(json).unwrap()
    }

    fn no_helper(_: &str, _: &str) -> anyhow::Result<Option<Credentials>> {
        panic!("no helper should run")
    }

    fn find(c: &DockerConfig, host: &str, helper: &HelperFn) -> Option<(String, String, String)> {
        lookup_in(c, Path::new("/h/.docker/config.json"), host, helper)
            .unwrap()
            .map(|f| (f.credentials.username, f.credentials.password, f.source))
    }

    #[test]
    fn auths_decode_and_keys_normalise() {
        // dXNlcjpwYTpzcw== is `user:pa:ss` (the password may hold colons).
        let c = config(
            r#"{"auths": {
            "https://index.docker.io/v1/": {"auth": "aHViOmh1YnB3"},
            "http://127.0.0.1:5002": {"auth": "dXNlcjpwYTpzcw=="},
            "https://registry.example.com/v1/": {"username": "u", "password": "p"},
            "token.example.com": {"identitytoken": "refresh"},
            "empty.example.com": {}
        }}"#,
        );
        assert_eq!(find(&c, DOCKER_HUB_REGISTRY, &no_helper).unwrap().0, "hub");
        let (u, p, src) = find(&c, "127.0.0.1:5002", &no_helper).unwrap();
        assert_eq!((u.as_str(), p.as_str()), ("user", "pa:ss"));
        assert_eq!(src, "auths `http://127.0.0.1:5002` in `/h/.docker/config.json`");
        assert_eq!(find(&c, "registry.example.com", &no_helper).unwrap().1, "p");
        let (u, p, _) = find(&c, "token.example.com", &no_helper).unwrap();
        assert_eq!((u.as_str(), p.as_str()), (IDENTITY_TOKEN_USER, "refresh"));
        assert!(find(&c, "empty.example.com", &no_helper).is_none());
        assert!(find(&c, "127.0.0.1:5003", &no_helper).is_none());
        // Hub under any of its names.
        let c = config(r#"{"auths": {"docker.io": {"auth": "aHViOmh1YnB3"}}}"#);
        assert_eq!(find(&c, DOCKER_HUB_REGISTRY, &no_helper).unwrap().0, "hub");
    }

    #[test]
    fn bad_auth_values_are_usage_errors() {
        for auth in ["not base64!", "bm9jb2xvbg=="] {
            let c = config(&format!(r#"{{"auths": {{"r.example": {{"auth": "{auth}"}}}}}}"#));
            let e = lookup_in(&c, Path::new("/c.json"), "r.example", &no_helper).unwrap_err();
            assert_eq!(exit_code(&e), ExitCode::Usage, "{e}");
            assert!(e.to_string().contains("`auths.\"r.example\".auth`"), "{e}");
        }
    }

    #[test]
    fn cred_helpers_win_then_creds_store_then_auths() {
        let c = config(
            r#"{"auths": {"a.example": {"auth": "ZmlsZTpmaWxl"}, "b.example": {"auth": "ZmlsZTpmaWxl"}},
            "credsStore": "store", "credHelpers": {"a.example": "special", "https://index.docker.io/v1/": "hub"}}"#,
        );
        let calls = std::cell::RefCell::new(Vec::new());
        let helper = |name: &str, server: &str| -> anyhow::Result<Option<Credentials>> {
            calls.borrow_mut().push((name.to_string(), server.to_string()));
            Ok((server != "c.example").then(|| Credentials { username: name.into(), password: "s".into() }))
        };
        let (u, _, src) = find(&c, "a.example", &helper).unwrap();
        assert_eq!(u, "special");
        assert_eq!(src, "`docker-credential-special` (credHelpers in `/h/.docker/config.json`)");
        assert_eq!(find(&c, "b.example", &helper).unwrap().0, "store");
        assert_eq!(find(&c, DOCKER_HUB_REGISTRY, &helper).unwrap().0, "hub");
        // The store has nothing for c.example, and neither has auths.
        assert!(find(&c, "c.example", &helper).is_none());
        assert_eq!(
            calls.borrow().clone(),
            vec![
                ("special".into(), "a.example".into()),
                ("store".into(), "b.example".into()),
                ("hub".into(), DOCKER_HUB_SERVER.into()),
                ("store".into(), "c.example".into()),
            ]
        );
        // A store without the entry falls back to inline auths.
        let c = config(r#"{"auths": {"c.example": {"auth": "ZmlsZTpmaWxl"}}, "credsStore": "store"}"#);
        assert_eq!(find(&c, "c.example", &helper).unwrap().0, "file");
    }

    #[test]
    fn missing_config_means_no_credentials_and_malformed_is_usage() {
        let dir = tempfile::tempdir().unwrap();
        assert!(lookup("r.example", None, Some(dir.path())).unwrap().is_none());
        std::fs::write(dir.path().join("config.json"), "{\"auths\": [").unwrap();
        let e = lookup("r.example", None, Some(dir.path())).unwrap_err();
        assert_eq!(exit_code(&e), ExitCode::Usage);
        assert!(e.to_string().contains("is malformed"), "{e}");
        let given = Credentials { username: "u".into(), password: "p".into() };
        assert_eq!(lookup("r.example", Some(&given), Some(dir.path())).unwrap().unwrap().credentials, given);
    }

    #[test]
    fn a_missing_helper_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.json"), r#"{"credsStore": "berth-surely-missing"}"#).unwrap();
        let e = lookup("r.example", None, Some(dir.path())).unwrap_err();
        assert_eq!(exit_code(&e), ExitCode::Usage);
        assert!(e.to_string().contains("`docker-credential-berth-surely-missing` is not on PATH"), "{e}");
    }

    #[test]
    fn helper_answers() {
        let c = parse_helper_output(r#"{"ServerURL":"r","Username":"u","Secret":"s"}"#).unwrap().unwrap();
        assert_eq!((c.username.as_str(), c.password.as_str()), ("u", "s"));
        let t = parse_helper_output(r#"{"Username":"<token>","Secret":"rt"}"#).unwrap().unwrap();
        assert!(t.is_identity_token());
        assert!(parse_helper_output(r#"{"Username":"","Secret":""}"#).unwrap().is_none());
        assert!(parse_helper_output("nope").is_err());
    }

    #[test]
    fn debug_hides_the_password() {
        let c = Credentials { username: "bob".into(), password: "hunter2".into() };
        let d = format!("{c:?}");
        assert!(d.contains("bob") && !d.contains("hunter2"), "{d}");
    }
}
