//! The registry client (Docker Registry HTTP API v2 / OCI distribution): manifests, blobs, tags, with Basic and
//! Bearer-token auth, over https (plain http only where Docker allows it), every digest verified.
//!
//! Every request goes through [`Http::send`], so `-v` logs it with secrets redacted. Credentials and tokens are
//! only ever sent to this registry's host (and credentials to its token server); reqwest drops `Authorization`
//! when a redirect leaves the host, port or scheme (blob downloads redirected to a CDN), which a test below
//! checks.
//!
//! Resilience: idempotent requests are retried by [`Http::send`] (`--retries`); a blob whose body is cut off
//! mid-way is resumed with a `Range` request from the first missing byte, into the same verified stream, so its
//! reader never notices (see [`Registry::blob`]). Pull quotas that the registry reports (Docker Hub's
//! `ratelimit-*` headers) are remembered, and a manifest GET that the registry already said it would refuse
//! (0 pulls left) fails at once instead of collecting 429s.

use std::collections::HashMap;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use reqwest::header::{ACCEPT, CONTENT_RANGE, CONTENT_TYPE, HeaderMap, HeaderValue, LINK, RANGE, WWW_AUTHENTICATE};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::Deserialize;
use sha2::Digest;

use crate::error::{ExitCode, Failure, Transport};
use crate::http::{Http, Retry, Timing, TlsOptions, redact_url};
use crate::registry::auth::{self, Challenge, Credentials, Found};
use crate::registry::manifest::{self, Descriptor, Manifest, Platform};
use crate::registry::quota::{self, Quota};
use crate::registry::reference::{DOCKER_HUB_REGISTRY, Reference};

/// The largest manifest berth reads (distribution's own limit is 4 MiB).
const MANIFEST_MAX: usize = 4 << 20;
/// The largest image config berth reads into memory.
const CONFIG_MAX: u64 = 16 << 20;
/// Docker's floor for a token's lifetime, also the default when the token server names none.
const TOKEN_MIN_LIFETIME: u64 = 60;

/// How to reach one registry.
#[derive(Debug, Clone)]
pub struct RegistryOptions {
    pub tls: TlsOptions,
    /// From `--registry-user` + `--registry-password-stdin`; when None, Docker's config is read.
    pub credentials: Option<Credentials>,
    /// Where Docker's `config.json` is; else `$DOCKER_CONFIG`, else `~/.docker`.
    pub docker_config_dir: Option<std::path::PathBuf>,
    pub timeout: Duration,
    /// `--retries`: for requests, and for resuming a blob cut off mid-way.
    pub retry: crate::retry::Policy,
    pub verbose: u8,
    /// What the registry clients made from these options learn and share during one command.
    pub shared: Arc<Shared>,
}

/// What one command's registry clients share: pull quotas by registry host, and manifest HEAD answers kept
/// for the next client that asks (see [`Registry::head_manifest_kept`]).
#[derive(Debug, Default)]
pub struct Shared {
    quotas: Mutex<HashMap<String, Quota>>,
    heads: Mutex<HashMap<String, ManifestHead>>,
}

impl Default for RegistryOptions {
    fn default() -> Self {
        RegistryOptions {
            tls: TlsOptions::default(),
            credentials: None,
            docker_config_dir: None,
            timeout: Duration::from_secs(30),
            retry: crate::retry::Policy::default(),
            verbose: 0,
            shared: Arc::default(),
        }
    }
}

/// One image (one platform) a reference resolves to.
#[derive(Debug, Clone)]
pub struct Image {
    pub reference: Reference,
    pub manifest_digest: String,
    pub manifest_media_type: String,
    /// The exact config blob, its digest verified.
    pub config: Vec<u8>,
    pub config_digest: String,
    /// Bottom first; every media type is one a docker-archive can carry.
    pub layers: Vec<Descriptor>,
    /// From the config's os / architecture / variant.
    pub platform: Platform,
    /// The digest of the manifest list / OCI index the image was resolved through.
    pub index_digest: Option<String>,
}

impl Image {
    /// The layers' total size in bytes, as stored (compressed).
    pub fn layers_size(&self) -> u64 {
        self.layers.iter().map(|l| l.size).sum()
    }
}

/// What a HEAD of a manifest tells (a HEAD does not count as a pull on Docker Hub).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestHead {
    /// `Docker-Content-Digest`.
    pub digest: Option<String>,
    pub media_type: Option<String>,
    pub size: Option<u64>,
    /// The pull quota, when the registry reports one (Docker Hub's `ratelimit-*` headers).
    pub quota: Option<Quota>,
}

/// What to send in `Authorization`.
#[derive(Clone)]
enum AuthHeader {
    Basic(Credentials),
    Bearer(String),
}

#[derive(Default)]
struct AuthState {
    /// Basic was asked for: send it up front from now on.
    basic: bool,
    /// Bearer tokens by scope, with the instant they stop being used.
    tokens: HashMap<String, (String, Instant)>,
}

/// A registry client. Clones share everything (connections, scheme, credentials, tokens), so a blob stream can
/// keep one to resume itself.
#[derive(Clone)]
pub struct Registry {
    host: String,
    http: Arc<Http>,
    opts: RegistryOptions,
    /// `https` or `http`, once the first request has settled it.
    scheme: Arc<Mutex<Option<&'static str>>>,
    /// Credentials, looked up on the first 401 only (no credential helper runs for anonymous registries).
    credentials: Arc<Mutex<Option<Option<Found>>>>,
    auth: Arc<Mutex<AuthState>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry").field("host", &self.host).finish_non_exhaustive()
    }
}

/// True for 127.0.0.0/8, ::1 and localhost (with or without a port): registries Docker treats as insecure.
pub fn is_loopback(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or(rest)
    } else if host.matches(':').count() == 1 {
        host.split(':').next().unwrap_or(host)
    } else {
        host
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host name of `host[:port]` (brackets kept for IPv6), to compare hosts regardless of port.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    }
}

enum Hasher {
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    fn for_digest(digest: &str) -> anyhow::Result<Hasher> {
        match digest.split_once(':').map(|(a, _)| a) {
            Some("sha256") => Ok(Hasher::Sha256(sha2::Sha256::new())),
            Some("sha384") => Ok(Hasher::Sha384(sha2::Sha384::new())),
            Some("sha512") => Ok(Hasher::Sha512(sha2::Sha512::new())),
            _ => anyhow::bail!("the digest `{digest}` does not use sha256, sha384 or sha512"),
        }
    }
    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }
    fn finish(self) -> String {
        let (algorithm, bytes) = match self {
            Hasher::Sha256(h) => ("sha256", h.finalize().to_vec()),
            Hasher::Sha384(h) => ("sha384", h.finalize().to_vec()),
            Hasher::Sha512(h) => ("sha512", h.finalize().to_vec()),
        };
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("{algorithm}:{hex}")
    }
}

/// The digest of `data` with the algorithm of `like` (`sha256:...`).
fn digest_like(like: &str, data: &[u8]) -> anyhow::Result<String> {
    let mut h = Hasher::for_digest(like)?;
    h.update(data);
    Ok(h.finish())
}

/// The `{"errors": [{"code", "message"}]}` of a registry's error answer, as `CODE: message; ...`, else the body's
/// first line.
#[derive(Debug, Default)]
struct RegistryError {
    codes: Vec<String>,
    text: String,
}

async fn read_error(resp: Response) -> RegistryError {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        errors: Vec<Item>,
        /// Token servers: `{"details": "incorrect username or password"}` (Docker Hub), or OAuth2's `error`.
        details: Option<String>,
        error_description: Option<String>,
    }
    #[derive(Deserialize)]
    struct Item {
        #[serde(default)]
        code: String,
        #[serde(default)]
        message: String,
    }
    let body = resp.bytes().await.unwrap_or_default();
    match serde_json::from_slice::<Body>(&body) {
        Ok(b) if !b.errors.is_empty() => RegistryError {
            text: b.errors.iter().map(|e| format!("{}: {}", e.code, e.message)).collect::<Vec<_>>().join("; "),
            codes: b.errors.into_iter().map(|e| e.code).collect(),
        },
        Ok(Body { details: Some(text), .. } | Body { error_description: Some(text), .. }) if !text.is_empty() => {
            RegistryError { codes: Vec::new(), text }
        }
        _ => {
            let text = String::from_utf8_lossy(&body);
            let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
            RegistryError { codes: Vec::new(), text: line.chars().take(300).collect() }
        }
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// The target of `Link: <url>; rel="next"`.
fn next_link(headers: &HeaderMap) -> Option<String> {
    for value in headers.get_all(LINK) {
        let value = value.to_str().ok()?;
        for part in value.split(',') {
            let (url, params) = part.split_once(';').unwrap_or((part, ""));
            let is_next = params.split(';').any(|p| {
                p.trim()
                    .strip_prefix("rel=")
                    .is_some_and(|v| v.trim_matches('"').split_whitespace().any(|r| r == "next"))
            });
            if is_next {
                return Some(url.trim().trim_start_matches('<').trim_end_matches('>').to_string());
            }
        }
    }
    None
}

impl Registry {
    /// A client for the registry at `host` (`host[:port]` as in [`Reference::registry`]).
    pub fn new(host: &str, opts: RegistryOptions) -> anyhow::Result<Registry> {
        let http = Arc::new(Http::new(&opts.tls, opts.timeout, opts.verbose)?.with_retry(opts.retry));
        Ok(Registry {
            host: host.to_string(),
            http,
            opts,
            scheme: Arc::default(),
            credentials: Arc::default(),
            auth: Arc::default(),
        })
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// The HTTP client, e.g. for `--timing`.
    pub fn http(&self) -> &Arc<Http> {
        &self.http
    }

    pub fn timings(&self) -> Vec<Timing> {
        self.http.timings()
    }

    fn log(&self, msg: impl AsRef<str>) {
        if self.opts.verbose >= 1 {
            eprintln!("registry: {}", msg.as_ref());
        }
    }

    /// Plain http may be tried when https fails for another reason than the certificate: loopback registries and
    /// `--registry-insecure`, never Docker Hub.
    fn http_allowed(&self) -> bool {
        self.host != DOCKER_HUB_REGISTRY && (is_loopback(&self.host) || self.opts.tls.insecure)
    }

    /// Registry-specific hints for the transport failures of `Http::send`.
    fn transport(&self, e: anyhow::Error) -> anyhow::Error {
        let Some(f) = e.downcast_ref::<Failure>() else {
            return e;
        };
        let hint = match f.transport {
            Some(Transport::Tls) => format!(
                "trust the registry's CA with `--registry-cacert FILE` (or, for a test registry only, `--registry-insecure`){}",
                if is_loopback(&self.host) { "" } else { "; a registry without TLS needs `--registry-insecure`" }
            ),
            Some(Transport::Timeout) => {
                "the registry is slow or unreachable; raise `--http-timeout` or check the host".to_string()
            }
            Some(Transport::Connect) => {
                format!(
                    "check that `{}` is the registry's host and port and that it is up (proxies: `HTTPS_PROXY`, `NO_PROXY`)",
                    self.host
                )
            }
            Some(Transport::Other) | None => return e,
        };
        Failure { hint: Some(hint), ..f.clone() }.into()
    }

    /// Send the request `make(base)` builds, settling the scheme on the first call: https, then plain http when
    /// allowed and https failed for another reason than its certificate (the server does not speak TLS).
    async fn execute(&self, make: &(dyn Fn(&str) -> RequestBuilder + Sync)) -> anyhow::Result<Response> {
        let known = *self.scheme.lock().unwrap();
        if let Some(scheme) = known {
            return self.http.send(make(&format!("{scheme}://{}", self.host))).await.map_err(|e| self.transport(e));
        }
        // While plain http is still an option, a transport failure of https means "try http", not "try again".
        let probe = if self.http_allowed() { Retry::Answers } else { Retry::All };
        match self.http.send_with(make(&format!("https://{}", self.host)), probe).await {
            Ok(r) => {
                *self.scheme.lock().unwrap() = Some("https");
                Ok(r)
            }
            Err(e)
                if self.http_allowed()
                    && crate::error::failure(&e).and_then(|f| f.transport) != Some(Transport::Tls) =>
            {
                self.log(format!("`{}` does not answer https; trying plain http", self.host));
                match self.http.send(make(&format!("http://{}", self.host))).await {
                    Ok(r) => {
                        *self.scheme.lock().unwrap() = Some("http");
                        Ok(r)
                    }
                    Err(e2) => {
                        Err(self.transport(e2).context(format!("`{}` answered neither https nor http", self.host)))
                    }
                }
            }
            Err(e) => Err(self.transport(e)),
        }
    }

    /// The credentials for this registry, looked up once.
    fn credentials(&self) -> anyhow::Result<Option<Found>> {
        let mut slot = self.credentials.lock().unwrap();
        if let Some(found) = &*slot {
            return Ok(found.clone());
        }
        let found = auth::lookup(&self.host, self.opts.credentials.as_ref(), self.opts.docker_config_dir.as_deref())?;
        if let Some(f) = &found {
            self.log(format!("credentials for `{}`: {} from {}", self.host, who(&f.credentials), f.source));
        }
        *slot = Some(found.clone());
        Ok(found)
    }

    /// The credentials already looked up, if any (for messages; never runs a helper).
    fn known_credentials(&self) -> Option<Found> {
        self.credentials.lock().unwrap().clone().flatten()
    }

    /// What to send up front: Basic once asked for, or a live token for `scope`.
    fn auth_for(&self, scope: &str) -> Option<AuthHeader> {
        let state = self.auth.lock().unwrap();
        if state.basic {
            return self.known_credentials().map(|f| AuthHeader::Basic(f.credentials));
        }
        match state.tokens.get(scope) {
            Some((token, until)) if Instant::now() < *until => Some(AuthHeader::Bearer(token.clone())),
            _ => None,
        }
    }

    /// A request to this registry about `repo`: auth sent up front when known; on 401 the challenge is answered
    /// (Basic credentials, or a Bearer token fetched for its scope) and the request sent once more.
    async fn request(&self, method: Method, path: &str, repo: &str, accept: Option<&str>) -> anyhow::Result<Response> {
        let mut headers = HeaderMap::new();
        if let Some(a) = accept {
            headers.insert(ACCEPT, HeaderValue::from_str(a).context("an Accept header")?);
        }
        self.request_headers(method, path, repo, headers).await
    }

    /// [`Registry::request`] with any headers (`Accept`, `Range`). Every answer's quota headers are noted.
    async fn request_headers(
        &self,
        method: Method,
        path: &str,
        repo: &str,
        headers: HeaderMap,
    ) -> anyhow::Result<Response> {
        let default_scope = format!("repository:{repo}:pull");
        let mut auth = self.auth_for(&default_scope);
        let mut answered = false;
        loop {
            let sent = auth.clone();
            let make = |base: &str| {
                let b = self.http.client().request(method.clone(), format!("{base}{path}")).headers(headers.clone());
                match &sent {
                    Some(AuthHeader::Basic(c)) => b.basic_auth(&c.username, Some(&c.password)),
                    Some(AuthHeader::Bearer(t)) => b.bearer_auth(t),
                    None => b,
                }
            };
            let resp = self.execute(&make).await?;
            if let Some(q) = quota::from_headers(resp.headers()) {
                self.opts.shared.quotas.lock().unwrap().insert(self.host.clone(), q);
            }
            match resp.status() {
                StatusCode::UNAUTHORIZED if !answered => {
                    answered = true;
                    let values = resp.headers().get_all(WWW_AUTHENTICATE).iter().filter_map(|v| v.to_str().ok());
                    let challenges = auth::parse_challenges(values);
                    drop(resp);
                    auth = Some(self.answer(challenges, repo, &default_scope).await?);
                }
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                    return Err(self.denied(repo, read_error(resp).await));
                }
                _ => return Ok(resp),
            }
        }
    }

    /// Answer a 401's challenge: what to send on the retry.
    async fn answer(&self, challenges: Vec<Challenge>, repo: &str, default_scope: &str) -> anyhow::Result<AuthHeader> {
        let bearer = challenges.iter().find(|c| matches!(c, Challenge::Bearer { .. }));
        let challenge = bearer.or(challenges.first()).cloned();
        let found = self.credentials()?;
        match challenge {
            Some(Challenge::Bearer { realm, service, scope, .. }) => {
                let scope = scope.unwrap_or_else(|| default_scope.to_string());
                let (token, lifetime) =
                    self.fetch_token(&realm, service.as_deref(), &scope, repo, found.as_ref()).await?;
                let until =
                    Instant::now() + lifetime.saturating_sub(Duration::from_secs(5)).max(Duration::from_secs(1));
                self.auth.lock().unwrap().tokens.insert(scope, (token.clone(), until));
                Ok(AuthHeader::Bearer(token))
            }
            Some(Challenge::Basic { .. }) => {
                let Some(f) = found else {
                    return Err(self.denied(repo, RegistryError::default()));
                };
                if f.credentials.is_identity_token() {
                    return Err(Failure::new(
                        ExitCode::Auth,
                        format!(
                            "`{}` asks for a user and password, but the credentials from {} are an identity token",
                            self.host, f.source
                        ),
                    )
                    .hint("pass `--registry-user USER` with `--registry-password-stdin`")
                    .into());
                }
                self.auth.lock().unwrap().basic = true;
                Ok(AuthHeader::Basic(f.credentials))
            }
            None => Err(Failure::new(
                ExitCode::Auth,
                format!(
                    "`{}` answered 401 for `{repo}` without a Basic or Bearer challenge berth can answer",
                    self.host
                ),
            )
            .into()),
        }
    }

    /// Get a Bearer token for `scope` from the token server `realm`, with the credentials when there are some.
    async fn fetch_token(
        &self,
        realm: &str,
        service: Option<&str>,
        scope: &str,
        repo: &str,
        found: Option<&Found>,
    ) -> anyhow::Result<(String, Duration)> {
        let url = reqwest::Url::parse(realm).map_err(|e| {
            Failure::new(
                ExitCode::Failure,
                format!("`{}` names the token server `{realm}`, which is not a URL: {e}", self.host),
            )
        })?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(Failure::new(
                ExitCode::Failure,
                format!("`{}` names the token server `{realm}`, which is not http(s)", self.host),
            )
            .into());
        }
        if let Some(f) = found {
            // `host_str` keeps an IPv6 address's brackets, as `host_name` does.
            let realm_host = url.host_str().unwrap_or("");
            let same_host = realm_host.eq_ignore_ascii_case(host_name(&self.host));
            // Loopback to loopback never leaves the machine.
            let local = is_loopback(&self.host) && is_loopback(realm_host);
            if url.scheme() == "http" && !same_host && !local {
                return Err(Failure::new(
                    ExitCode::Auth,
                    format!(
                        "refusing to send the credentials of {} for `{}` over plain http to the token server `{realm}`, another host",
                        who(&f.credentials),
                        self.host
                    ),
                )
                .hint("the registry's token realm must be https, on the registry's own host, or both on loopback")
                .into());
            }
        }
        let mut query: Vec<(&str, &str)> = Vec::new();
        if let Some(s) = service {
            query.push(("service", s));
        }
        query.push(("scope", scope));
        let req = match found.map(|f| &f.credentials) {
            Some(c) if c.is_identity_token() => {
                // An identity token is an OAuth2 refresh token (Docker's `docker login` with an identity provider).
                let mut form = query.clone();
                form.extend([
                    ("grant_type", "refresh_token"),
                    ("client_id", "berth"),
                    ("refresh_token", c.password.as_str()),
                ]);
                self.http.client().post(url.clone()).form(&form)
            }
            Some(c) => self.http.client().get(url.clone()).query(&query).basic_auth(&c.username, Some(&c.password)),
            None => self.http.client().get(url.clone()).query(&query),
        };
        let shown = redact_url(&url);
        self.log(format!(
            "getting a token for `{scope}` from `{shown}`{}",
            found.map_or(String::new(), |f| format!(" as {}", who(&f.credentials)))
        ));
        let resp = self.http.send(req).await.map_err(|e| self.transport(e))?;
        let status = resp.status();
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            let said = read_error(resp).await.text;
            let said = if said.is_empty() { String::new() } else { format!(": {said}") };
            return Err(match found {
                Some(f) => Failure::new(
                    ExitCode::Auth,
                    format!(
                        "the token server `{shown}` refused the credentials of {} for `{}`{said}",
                        who(&f.credentials),
                        self.host
                    ),
                )
                .hint(format!("check the user and password (they came from {})", f.source)),
                None => self.wants_credentials(repo),
            }
            .into());
        }
        if !status.is_success() {
            let said = read_error(resp).await.text;
            return Err(Failure::new(
                ExitCode::Failure,
                format!("the token server `{shown}` answered {status}: {said}"),
            )
            .into());
        }
        #[derive(Deserialize)]
        struct TokenAnswer {
            token: Option<String>,
            access_token: Option<String>,
            expires_in: Option<u64>,
        }
        let body = resp.bytes().await.with_context(|| format!("reading the answer of the token server `{shown}`"))?;
        let answer: TokenAnswer = serde_json::from_slice(&body).map_err(|e| {
            Failure::new(
                ExitCode::Failure,
                format!("the token server `{shown}` answered something that is not a token: {e}"),
            )
        })?;
        let token =
            answer.token.filter(|t| !t.is_empty()).or(answer.access_token.filter(|t| !t.is_empty())).ok_or_else(
                || Failure::new(ExitCode::Failure, format!("the token server `{shown}` answered without a token")),
            )?;
        let lifetime = answer.expires_in.unwrap_or(TOKEN_MIN_LIFETIME).max(TOKEN_MIN_LIFETIME);
        self.log(format!("got a token for `{scope}`, valid {lifetime} s"));
        Ok((token, Duration::from_secs(lifetime)))
    }

    fn wants_credentials(&self, repo: &str) -> Failure {
        Failure::new(ExitCode::Auth, format!("`{}` wants credentials for `{repo}`", self.host)).hint(format!(
            "pass `--registry-user USER` with the password on stdin (`--registry-password-stdin`), or run `docker login {}` \
             (berth reads Docker's config.json and credential helpers); a repository that does not exist can also look like this",
            self.host
        ))
    }

    /// The error for a final 401/403.
    fn denied(&self, repo: &str, said: RegistryError) -> anyhow::Error {
        match self.credentials().ok().flatten() {
            None => self.wants_credentials(repo).into(),
            Some(f) => {
                let said = if said.text.is_empty() { String::new() } else { format!(": {}", said.text) };
                Failure::new(
                    ExitCode::Auth,
                    format!("`{}` refused the credentials of {} for `{repo}`{said}", self.host, who(&f.credentials)),
                )
                .hint(format!(
                    "check the user, the password and their access to `{repo}` (they came from {})",
                    f.source
                ))
                .into()
            }
        }
    }

    /// The error for any other failed answer about `what` in `r`'s repository.
    async fn failed(&self, resp: Response, r: &Reference, what: Option<&str>) -> anyhow::Error {
        let status = resp.status();
        let come_back = crate::retry::come_back(status, resp.headers());
        let retried = crate::retry::after_retries(&resp);
        let said = read_error(resp).await;
        let host = &self.host;
        let repo = &r.repository;
        let code = |c: &str| said.codes.iter().any(|x| x == c);
        if status == StatusCode::NOT_FOUND || code("NAME_UNKNOWN") || code("MANIFEST_UNKNOWN") {
            if code("NAME_UNKNOWN") {
                return Failure::new(ExitCode::Failure, format!("registry `{host}` has no repository `{repo}`"))
                    .hint(if r.is_docker_hub() {
                        "check the name: official Docker Hub images are `library/NAME` (just `NAME`), others `USER/NAME`".to_string()
                    } else {
                        format!("check the repository name (list them on the registry's side; `berth registry tags {}` lists tags)", r.familiar())
                    })
                    .into();
            }
            let hint = format!("list the tags with `berth registry tags {}`", r.familiar());
            return match what {
                Some(w) if w.contains(':') && w.starts_with("sha") => {
                    Failure::new(ExitCode::Failure, format!("registry `{host}` has no manifest `{w}` in `{repo}`"))
                        .hint(hint)
                }
                Some(tag) => {
                    Failure::new(ExitCode::Failure, format!("registry `{host}` has no tag `{tag}` in `{repo}`"))
                        .hint(hint)
                }
                None => Failure::new(ExitCode::Failure, format!("registry `{host}` has no repository `{repo}`")),
            }
            .into();
        }
        if status == StatusCode::TOO_MANY_REQUESTS || code("TOOMANYREQUESTS") {
            return Failure::new(ExitCode::Failure, format!("`{host}` refuses more requests for now (rate limit){retried}: {}", said.text))
                .hint(format!(
                    "{}; on Docker Hub, logged-in pulls have a higher limit (`docker login`, or `--registry-user`); `berth registry quota` shows it",
                    come_back.unwrap_or_else(|| "try again later".to_string())
                ))
                .into();
        }
        let text = if said.text.is_empty() { String::new() } else { format!(": {}", said.text) };
        let f = Failure::new(ExitCode::Failure, format!("`{host}` answered {status} about `{repo}`{retried}{text}"));
        match come_back {
            Some(h) => f.hint(h),
            None => f,
        }
        .into()
    }

    /// GET a manifest by tag or digest, verified: the body's digest must equal `Docker-Content-Digest` and, for a
    /// digest, the one asked for.
    async fn manifest(&self, r: &Reference, reference: &str) -> anyhow::Result<(String, Manifest)> {
        let path = format!("/v2/{}/manifests/{reference}", r.repository);
        let resp = self.request(Method::GET, &path, &r.repository, Some(manifest::ACCEPT)).await?;
        if !resp.status().is_success() {
            return Err(self.failed(resp, r, Some(reference)).await);
        }
        let content_type = header(resp.headers(), CONTENT_TYPE.as_str()).unwrap_or_default();
        let announced = header(resp.headers(), "docker-content-digest");
        let mut body = Vec::new();
        let mut resp = resp;
        while let Some(chunk) = resp.chunk().await.with_context(|| format!("reading the manifest of `{r}`"))? {
            body.extend_from_slice(&chunk);
            if body.len() > MANIFEST_MAX {
                anyhow::bail!("the manifest of `{r}` is larger than {MANIFEST_MAX} bytes");
            }
        }
        let requested = reference.contains(':').then_some(reference);
        let digest = match (requested, announced.as_deref()) {
            (Some(d), _) => d.to_string(),
            (None, Some(a)) if Hasher::for_digest(a).is_ok() => a.to_string(),
            _ => digest_like("sha256:", &body)?,
        };
        let actual = digest_like(&digest, &body)?;
        if actual != digest {
            let what = if requested.is_some() { "asked for" } else { "announced in Docker-Content-Digest" };
            return Err(Failure::new(
                ExitCode::Failure,
                format!("the manifest `{reference}` of `{}` from `{}` has the digest `{actual}`, not `{digest}` as {what}", r.repository, self.host),
            )
            .hint("the registry (or something between) served other content than asked for; try again, or check the reference")
            .into());
        }
        if let (Some(_), Some(a)) = (requested, announced.as_deref())
            && Hasher::for_digest(a).is_ok()
            && digest_like(a, &body)? != a
        {
            return Err(Failure::new(
                ExitCode::Failure,
                format!("`{}` announced the digest `{a}` for the manifest `{reference}` of `{}`, but its content has another", self.host, r.repository),
            )
            .into());
        }
        let parsed = manifest::parse(&content_type, &body)
            .with_context(|| format!("reading the manifest `{reference}` of `{}`", r.repository))?;
        Ok((digest, parsed))
    }

    /// Resolve `r` to one image per requested platform: a plain manifest is returned as it is; a manifest list /
    /// OCI index gives its entry for `platform`, or every entry (but `unknown/unknown` attestations) when `all`.
    pub async fn resolve(&self, r: &Reference, platform: &Platform, all: bool) -> anyhow::Result<Vec<Image>> {
        // The pull is counted on this GET (Docker Hub counts an index and its entry's manifest as one pull).
        self.check_quota(r)?;
        let (digest, top) = self.manifest(r, r.manifest_reference()).await?;
        match top {
            Manifest::Image { media_type, config, layers } => {
                Ok(vec![self.image(r, digest, media_type, config, layers, None).await?])
            }
            Manifest::Index { manifests, .. } => {
                let mut images = Vec::new();
                for entry in manifest::select(&manifests, platform, all)? {
                    let (child_digest, child) = self.manifest(r, &entry.digest).await?;
                    let Manifest::Image { media_type, config, layers } = child else {
                        anyhow::bail!(
                            "the index `{digest}` of `{r}` lists another index (`{}`) for `{}`, which berth does not follow",
                            entry.digest,
                            entry.platform.as_ref().map_or("?".into(), Platform::to_string)
                        );
                    };
                    images.push(self.image(r, child_digest, media_type, config, layers, Some(digest.clone())).await?);
                }
                Ok(images)
            }
        }
    }

    async fn image(
        &self,
        r: &Reference,
        manifest_digest: String,
        media_type: String,
        config: Descriptor,
        layers: Vec<Descriptor>,
        index_digest: Option<String>,
    ) -> anyhow::Result<Image> {
        let context = || format!("the image `{manifest_digest}` of `{r}`");
        manifest::check_config(&config).with_context(context)?;
        manifest::check_layers(&layers).with_context(context)?;
        if config.size > CONFIG_MAX {
            anyhow::bail!(
                "the config of {} is {} bytes; berth reads configs of up to {CONFIG_MAX}",
                context(),
                config.size
            );
        }
        let mut stream = Box::pin(self.blob(&r.repository, &config.digest, config.size).await?);
        let mut bytes = Vec::with_capacity(config.size as usize);
        while let Some(chunk) = stream.next().await {
            bytes.extend_from_slice(&chunk.with_context(context)?);
        }
        let platform = manifest::config_platform(&bytes).with_context(context)?;
        Ok(Image {
            reference: r.clone(),
            manifest_digest,
            manifest_media_type: media_type,
            config: bytes,
            config_digest: config.digest,
            layers,
            platform,
            index_digest,
        })
    }

    /// Stream a blob, verifying its size and digest on the fly: the stream never yields more than `size` bytes,
    /// and ends with an error (not Ok) when the size or digest does not match.
    ///
    /// A body cut off mid-way (a reset, a read timeout, an early end) is resumed: the blob is asked for again
    /// with `Range: bytes=N-` (N the first byte not yet received; redirects followed as before) and the stream
    /// goes on where it stopped, with the same hash, so its reader sees one uninterrupted blob. A registry that
    /// answers 200 instead of 206 sends the whole blob again: its first N bytes are skipped. `--retries` bounds
    /// the resumes in a row that brought less than [`RESUME_PROGRESS`] bytes; the final digest check applies.
    pub async fn blob(
        &self,
        repository: &str,
        digest: &str,
        size: u64,
    ) -> anyhow::Result<impl Stream<Item = anyhow::Result<Bytes>> + Send + 'static> {
        let hasher = Hasher::for_digest(digest)?;
        let (resp, skip) = self.blob_from(repository, digest, size, 0).await?;
        let state = Resume {
            registry: self.clone(),
            repository: repository.to_string(),
            digest: digest.to_string(),
            size,
            inner: Box::pin(resp.bytes_stream()),
            skip,
            seen: 0,
            since_resume: 0,
            resumes: 0,
            done: false,
        };
        Ok(verified(Box::pin(resumed(state)), digest.to_string(), size, hasher))
    }

    /// GET a blob from byte `from` on: the answer, and how many bytes of its body to skip (a 200 to a `Range`
    /// request carries the whole blob).
    async fn blob_from(&self, repository: &str, digest: &str, size: u64, from: u64) -> anyhow::Result<(Response, u64)> {
        let path = format!("/v2/{repository}/blobs/{digest}");
        let mut headers = HeaderMap::new();
        if from > 0 {
            headers.insert(RANGE, HeaderValue::from_str(&format!("bytes={from}-")).context("a Range header")?);
        }
        let resp = self.request_headers(Method::GET, &path, repository, headers).await?;
        let status = resp.status();
        let announced = resp.content_length();
        match status {
            StatusCode::OK => {
                if let Some(len) = announced
                    && len != size
                {
                    anyhow::bail!(
                        "`{}` sends {len} bytes for the blob `{digest}`, whose manifest says {size}",
                        self.host
                    );
                }
                Ok((resp, from))
            }
            StatusCode::PARTIAL_CONTENT if from > 0 => {
                let range = header(resp.headers(), CONTENT_RANGE.as_str()).unwrap_or_default();
                let start = range
                    .strip_prefix("bytes ")
                    .and_then(|r| r.split('-').next())
                    .and_then(|n| n.trim().parse::<u64>().ok());
                if start != Some(from) {
                    anyhow::bail!(
                        "`{}` answered the range `bytes={from}-` of the blob `{digest}` with `Content-Range: {range}`",
                        self.host
                    );
                }
                Ok((resp, 0))
            }
            _ => {
                let retried = crate::retry::after_retries(&resp);
                let come_back = crate::retry::come_back(status, resp.headers());
                let said = read_error(resp).await;
                if status == StatusCode::NOT_FOUND {
                    return Err(Failure::new(
                        ExitCode::Failure,
                        format!("registry `{}` has no blob `{digest}` in `{repository}`", self.host),
                    )
                    .hint("the image is incomplete in the registry; push it again")
                    .into());
                }
                let from = if from > 0 { format!(" from byte {from}") } else { String::new() };
                let f = Failure::new(
                    ExitCode::Failure,
                    format!("`{}` answered {status}{retried} for the blob `{digest}`{from}: {}", self.host, said.text),
                );
                Err(match come_back {
                    Some(h) => f.hint(h),
                    None => f,
                }
                .into())
            }
        }
    }

    /// The pull quota this registry reported last (to any client made from the same options), if it did.
    pub fn quota(&self) -> Option<Quota> {
        self.opts.shared.quotas.lock().unwrap().get(&self.host).cloned()
    }

    /// A manifest GET by the reference counts as a pull on Docker Hub: when the registry already said no pull is
    /// left, fail now with what to do, instead of collecting 429s.
    fn check_quota(&self, r: &Reference) -> anyhow::Result<()> {
        match self.quota() {
            Some(q) if q.remaining == 0 => {
                let window = q.window.map_or(String::new(), |w| format!(" (the window is {})", quota::shown_window(w)));
                Err(Failure::new(
                    ExitCode::Failure,
                    format!("`{}` reports 0 of {} pulls left; not pulling the manifest of `{r}`", self.host, q.limit),
                )
                .hint(format!(
                    "wait for the quota to refill{window}, or pull as a user with a higher limit: `docker login {}` or `--registry-user`; \
                     `berth registry quota {r}` shows it",
                    self.host
                ))
                .into())
            }
            _ => Ok(()),
        }
    }

    /// HEAD a manifest, and keep the answer for the next [`Registry::head_manifest`] of the same reference by
    /// any client made from the same options (one command asks once).
    pub async fn head_manifest_kept(&self, r: &Reference) -> anyhow::Result<ManifestHead> {
        let head = self.head_manifest(r).await?;
        self.opts.shared.heads.lock().unwrap().insert(format!("{}/{}", self.host, r), head.clone());
        Ok(head)
    }

    /// HEAD a manifest: its digest and the rate-limit headers, without counting as a pull. An answer kept by
    /// [`Registry::head_manifest_kept`] is used (once) instead of asking again.
    pub async fn head_manifest(&self, r: &Reference) -> anyhow::Result<ManifestHead> {
        if let Some(kept) = self.opts.shared.heads.lock().unwrap().remove(&format!("{}/{}", self.host, r)) {
            return Ok(kept);
        }
        let reference = r.manifest_reference();
        let path = format!("/v2/{}/manifests/{reference}", r.repository);
        let resp = self.request(Method::HEAD, &path, &r.repository, Some(manifest::ACCEPT)).await?;
        if !resp.status().is_success() {
            return Err(self.failed(resp, r, Some(reference)).await);
        }
        let h = resp.headers();
        Ok(ManifestHead {
            digest: header(h, "docker-content-digest"),
            media_type: header(h, CONTENT_TYPE.as_str()),
            size: header(h, "content-length").and_then(|s| s.parse().ok()),
            quota: quota::from_headers(h),
        })
    }

    /// Every tag of `repository`, following `Link: <...>; rel="next"` pages, in the registry's order.
    pub async fn tags(&self, repository: &str) -> anyhow::Result<Vec<String>> {
        #[derive(Deserialize)]
        struct Page {
            #[serde(default)]
            tags: Option<Vec<String>>,
        }
        let r = Reference { registry: self.host.clone(), repository: repository.to_string(), tag: None, digest: None };
        let mut path = format!("/v2/{repository}/tags/list");
        let mut tags = Vec::new();
        for _ in 0..10_000 {
            let resp = self.request(Method::GET, &path, repository, None).await?;
            if !resp.status().is_success() {
                return Err(self.failed(resp, &r, None).await);
            }
            let next = next_link(resp.headers());
            let body = resp.bytes().await.with_context(|| format!("reading the tags of `{repository}`"))?;
            let page: Page = serde_json::from_slice(&body).map_err(|e| {
                Failure::new(ExitCode::Failure, format!("`{}` answered a tag list that is not JSON: {e}", self.host))
            })?;
            tags.extend(page.tags.unwrap_or_default());
            let Some(next) = next else {
                return Ok(tags);
            };
            path = self.same_host_path(&next)?;
        }
        anyhow::bail!("`{}` keeps sending more pages of tags for `{repository}`", self.host)
    }

    /// The path and query of a `Link` target, which must stay on this registry.
    fn same_host_path(&self, link: &str) -> anyhow::Result<String> {
        if link.starts_with('/') {
            return Ok(link.to_string());
        }
        let url =
            reqwest::Url::parse(link).with_context(|| format!("`{}` sent the next-page link `{link}`", self.host))?;
        let authority = match url.port() {
            Some(p) => format!("{}:{p}", url.host_str().unwrap_or("")),
            None => url.host_str().unwrap_or("").to_string(),
        };
        if authority != self.host {
            anyhow::bail!("`{}` sent a next-page link to another host: `{}`", self.host, redact_url(&url));
        }
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    }
}

/// `` `user` `` for messages, or "an identity token".
fn who(c: &Credentials) -> String {
    if c.is_identity_token() { "an identity token".into() } else { format!("`{}`", c.username) }
}

type ByteStream = Pin<Box<dyn Stream<Item = anyhow::Result<Bytes>> + Send>>;

/// A resume that brought at least this much gives the next one a fresh `--retries` budget.
pub const RESUME_PROGRESS: u64 = 1 << 20;

struct Resume {
    registry: Registry,
    repository: String,
    digest: String,
    size: u64,
    inner: Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>,
    /// Bytes of the current body still to drop (a 200 to a Range request).
    skip: u64,
    /// Bytes passed on so far.
    seen: u64,
    /// Bytes passed on since the last resume.
    since_resume: u64,
    /// Resumes in a row that brought less than RESUME_PROGRESS.
    resumes: u32,
    done: bool,
}

/// A blob's body, resumed with Range requests when it is cut off before `size` bytes (see [`Registry::blob`]).
fn resumed(state: Resume) -> impl Stream<Item = anyhow::Result<Bytes>> + Send + 'static {
    futures_util::stream::unfold(state, |mut st| async move {
        if st.done {
            return None;
        }
        loop {
            let cut = match st.inner.next().await {
                Some(Ok(mut chunk)) => {
                    if st.skip > 0 {
                        let n = st.skip.min(chunk.len() as u64);
                        chunk = chunk.slice(n as usize..);
                        st.skip -= n;
                    }
                    if chunk.is_empty() {
                        continue;
                    }
                    st.seen += chunk.len() as u64;
                    st.since_resume += chunk.len() as u64;
                    return Some((Ok(chunk), st));
                }
                // All there (or more, which the digest check reports): done.
                None if st.seen >= st.size => return None,
                None => "the body ended early".to_string(),
                Some(Err(_)) if st.seen >= st.size => return None,
                Some(Err(e)) => crate::http::chain(&e),
            };
            if st.since_resume >= RESUME_PROGRESS {
                st.resumes = 0;
            }
            let policy = st.registry.opts.retry;
            if st.resumes >= policy.retries {
                st.done = true;
                let tries = if st.resumes > 0 { format!(" (after {} resumes)", st.resumes) } else { String::new() };
                let e = Failure::new(
                    ExitCode::Failure,
                    format!(
                        "reading the blob `{}` from `{}` broke off after {} of {} bytes{tries}: {cut}",
                        st.digest, st.registry.host, st.seen, st.size
                    ),
                )
                .hint("the connection to the registry keeps breaking: check the network, or raise `--retries`");
                return Some((Err(e.into()), st));
            }
            let delay = policy.backoff(st.resumes);
            st.resumes += 1;
            st.since_resume = 0;
            st.registry.log(format!(
                "the blob `{}` broke off after {} of {} bytes ({cut}); resuming from byte {} in {} ({}/{})",
                st.digest,
                st.seen,
                st.size,
                st.seen,
                crate::retry::shown(delay),
                st.resumes,
                policy.retries
            ));
            tokio::time::sleep(delay).await;
            match st.registry.blob_from(&st.repository, &st.digest, st.size, st.seen).await {
                Ok((resp, skip)) => {
                    st.inner = Box::pin(resp.bytes_stream());
                    st.skip = skip;
                }
                Err(e) => {
                    st.done = true;
                    let e = e.context(format!(
                        "resuming the blob `{}` after {} of {} bytes ({cut})",
                        st.digest, st.seen, st.size
                    ));
                    return Some((Err(e), st));
                }
            }
        }
    })
}

struct Verify {
    inner: ByteStream,
    hasher: Option<Hasher>,
    digest: String,
    size: u64,
    seen: u64,
}

/// Pass `inner`'s chunks through while counting and hashing them; end with an error when there are more than
/// `size` bytes (the excess is never yielded), fewer, or their digest is not `digest`.
fn verified(
    inner: ByteStream,
    digest: String,
    size: u64,
    hasher: Hasher,
) -> impl Stream<Item = anyhow::Result<Bytes>> + Send + 'static {
    let state = Verify { inner, hasher: Some(hasher), digest, size, seen: 0 };
    futures_util::stream::unfold(state, |mut st| async move {
        st.hasher.as_ref()?;
        match st.inner.next().await {
            Some(Ok(chunk)) => {
                st.seen += chunk.len() as u64;
                if st.seen > st.size {
                    st.hasher = None;
                    let e = anyhow::anyhow!(
                        "the blob `{}` has more than the {} bytes its manifest says",
                        st.digest,
                        st.size
                    );
                    return Some((Err(e), st));
                }
                if let Some(h) = st.hasher.as_mut() {
                    h.update(&chunk);
                }
                Some((Ok(chunk), st))
            }
            Some(Err(e)) => {
                st.hasher = None;
                Some((Err(e), st))
            }
            None => {
                let hasher = st.hasher.take()?;
                if st.seen != st.size {
                    let e = anyhow::anyhow!(
                        "the blob `{}` ended after {} bytes; its manifest says {}",
                        st.digest,
                        st.seen,
                        st.size
                    );
                    return Some((Err(e), st));
                }
                let actual = hasher.finish();
                if actual != st.digest {
                    let e = anyhow::anyhow!(
                        "the blob `{}` arrived with the digest `{actual}`: its content is not what the manifest names",
                        st.digest
                    );
                    return Some((Err(e), st));
                }
                None
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha256(data: &[u8]) -> String {
        digest_like("sha256:", data).unwrap()
    }

    fn chunks(parts: &[&'static [u8]]) -> ByteStream {
        let items: Vec<anyhow::Result<Bytes>> = parts.iter().map(|p| Ok(Bytes::from_static(p))).collect();
        Box::pin(futures_util::stream::iter(items))
    }

    fn collect(s: impl Stream<Item = anyhow::Result<Bytes>>) -> Vec<Result<Vec<u8>, String>> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(s.map(|r| r.map(|b| b.to_vec()).map_err(|e| e.to_string())).collect())
    }

    #[test]
    fn verified_streams_pass_good_blobs() {
        let d = sha256(b"hello world");
        let out = collect(verified(chunks(&[b"hello ", b"world"]), d.clone(), 11, Hasher::for_digest(&d).unwrap()));
        assert_eq!(out, vec![Ok(b"hello ".to_vec()), Ok(b"world".to_vec())]);
    }

    #[test]
    fn verified_streams_end_in_an_error_on_a_bad_digest_or_size() {
        let d = sha256(b"hello world");
        let h = || Hasher::for_digest(&d).unwrap();
        let bad = collect(verified(chunks(&[b"hello", b" there"]), d.clone(), 11, h()));
        assert!(bad.last().unwrap().as_ref().unwrap_err().contains("arrived with the digest"), "{bad:?}");
        let short = collect(verified(chunks(&[b"hello"]), d.clone(), 11, h()));
        assert!(short.last().unwrap().as_ref().unwrap_err().contains("ended after 5 bytes"), "{short:?}");
        let long = collect(verified(chunks(&[b"hello world", b"!!"]), d.clone(), 11, h()));
        // The excess chunk is never yielded: only the first, then the error.
        assert_eq!(long.len(), 2);
        assert!(long[1].as_ref().unwrap_err().contains("more than the 11 bytes"), "{long:?}");
        let total: usize = long.iter().filter_map(|r| r.as_ref().ok()).map(Vec::len).sum();
        assert!(total <= 11);
    }

    /// The lead's code may spawn these futures on a runtime: they must be Send.
    #[allow(dead_code, clippy::let_underscore_future)]
    fn futures_are_send(reg: &Registry, r: &Reference, p: &Platform) {
        fn send<T: Send>(_: T) {}
        send(reg.resolve(r, p, false));
        send(reg.blob("x", "sha256:0", 1));
        send(reg.head_manifest(r));
        send(reg.tags("x"));
    }

    #[test]
    fn loopback_hosts() {
        for h in
            ["127.0.0.1:5001", "127.1.2.3", "localhost", "localhost:5000", "LOCALHOST:1", "[::1]:5000", "[::1]", "::1"]
        {
            assert!(is_loopback(h), "{h}");
        }
        for h in ["registry-1.docker.io", "10.0.0.1:5000", "[fe80::1]:5000", "localhost.example.com"] {
            assert!(!is_loopback(h), "{h}");
        }
        assert_eq!(host_name("127.0.0.1:5003"), "127.0.0.1");
        assert_eq!(host_name("[::1]:5003"), "[::1]");
        assert_eq!(host_name("example.com"), "example.com");
    }

    #[test]
    fn link_headers() {
        let mut h = HeaderMap::new();
        h.insert(LINK, r#"</v2/library/busybox/tags/list?last=b&n=2>; rel="next""#.parse().unwrap());
        assert_eq!(next_link(&h).as_deref(), Some("/v2/library/busybox/tags/list?last=b&n=2"));
        let mut h = HeaderMap::new();
        h.insert(LINK, r#"<https://r.example/v2/x/tags/list?last=a>; rel=next"#.parse().unwrap());
        assert_eq!(next_link(&h).as_deref(), Some("https://r.example/v2/x/tags/list?last=a"));
        let mut h = HeaderMap::new();
        h.insert(LINK, r#"<https://r.example/prev>; rel="prev""#.parse().unwrap());
        assert_eq!(next_link(&h), None);
        let reg = Registry::new("r.example", RegistryOptions::default()).unwrap();
        assert_eq!(reg.same_host_path("https://r.example/v2/x/tags/list?last=a").unwrap(), "/v2/x/tags/list?last=a");
        assert!(reg.same_host_path("https://evil.example/v2/x/tags/list").is_err());
    }

    #[test]
    fn digests_of_each_algorithm() {
        assert_eq!(sha256(b""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert!(digest_like("sha512:", b"").unwrap().starts_with("sha512:cf83e135"));
        assert!(digest_like("sha384:", b"").unwrap().starts_with("sha384:38b060a7"));
        assert!(digest_like("md5:", b"").is_err());
    }

    /// A one-shot HTTP server on 127.0.0.1 that answers every connection with `answer` and reports each request's
    /// head. For what the dev registries cannot do on demand: redirect a blob to another host.
    fn server(answer: impl Fn(&str) -> String + Send + 'static) -> (String, std::sync::mpsc::Receiver<String>) {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut first = [0u8; 1];
                if stream.peek(&mut first).is_ok() && first[0] == 0x16 {
                    // A TLS ClientHello: answer as Go's HTTP server does, in plain HTTP.
                    let mut s = stream;
                    let _ = s.write_all(
                        b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n",
                    );
                    continue;
                }
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut head = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    head.push_str(&line);
                }
                if head.is_empty() {
                    continue; // a TLS probe or a closed connection
                }
                let _ = tx.send(head.clone());
                let mut s = stream;
                let _ = s.write_all(answer(&head).as_bytes());
            }
        });
        (addr, rx)
    }

    #[test]
    fn credentials_never_go_over_plain_http_to_another_host() {
        // The token realm is plain http on another host than the registry's.
        let (registry, _) = server(|_| {
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"http://auth.example.invalid/token\",service=\"s\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
        });
        let opts = RegistryOptions {
            credentials: Some(Credentials { username: "u".into(), password: "secret-pw".into() }),
            ..RegistryOptions::default()
        };
        let reg = Registry::new(&registry, opts).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let e = rt.block_on(reg.tags("x")).unwrap_err();
        assert_eq!(crate::error::exit_code(&e), ExitCode::Auth);
        assert!(e.to_string().contains("refusing to send the credentials of `u`"), "{e}");
    }

    #[test]
    fn redirects_to_another_host_do_not_carry_authorization() {
        let (cdn, cdn_seen) =
            server(|_| "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello".to_string());
        let blob = sha256(b"hello");
        let location = format!("http://{cdn}/blob");
        let (registry, registry_seen) = server(move |head| {
            if head.to_lowercase().contains("authorization: basic") {
                format!(
                    "HTTP/1.1 307 Temporary Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
            } else {
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"t\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
            }
        });
        let opts = RegistryOptions {
            credentials: Some(Credentials { username: "u".into(), password: "secret-pw".into() }),
            ..RegistryOptions::default()
        };
        let reg = Registry::new(&registry, opts).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let data = rt.block_on(async {
            let mut s = Box::pin(reg.blob("x", &blob, 5).await.unwrap());
            let mut data = Vec::new();
            while let Some(c) = s.next().await {
                data.extend_from_slice(&c.unwrap());
            }
            data
        });
        assert_eq!(data, b"hello");
        let heads: Vec<String> = registry_seen.try_iter().collect();
        assert!(heads.iter().any(|h| h.to_lowercase().contains("authorization: basic")), "{heads:?}");
        let cdn_heads: Vec<String> = cdn_seen.try_iter().collect();
        assert_eq!(cdn_heads.len(), 1, "{cdn_heads:?}");
        assert!(!cdn_heads[0].to_lowercase().contains("authorization"), "the CDN got credentials: {}", cdn_heads[0]);
    }
}
