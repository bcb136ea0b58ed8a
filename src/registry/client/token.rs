//! The auth dance: what to send up front, how to answer a 401's challenge (Basic credentials, or a Bearer token
//! fetched from the token server for the scope), and the errors of a final refusal.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use reqwest::header::{ACCEPT, HeaderMap, HeaderValue, WWW_AUTHENTICATE};
use reqwest::{Method, Response, StatusCode};
use serde::Deserialize;

use super::errors::{RegistryError, read_error};
use super::{Registry, host_name, is_loopback};
use crate::error::{ExitCode, Failure};
use crate::net::{Redirects, body, redact_url};
use crate::registry::auth::{self, Challenge, Credentials, Found};
use crate::registry::{quota, realm};

/// Docker's floor for a token's lifetime, also the default when the token server names none.
const TOKEN_MIN_LIFETIME: u64 = 60;

/// What to send in `Authorization`.
#[derive(Clone)]
pub(super) enum AuthHeader {
    Basic(Credentials),
    Bearer(String),
}

#[derive(Default)]
pub(super) struct AuthState {
    /// Basic was asked for: send it up front from now on.
    basic: bool,
    /// Bearer tokens by scope, with the instant they stop being used.
    tokens: HashMap<String, (String, Instant)>,
}

impl Registry {
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
    pub(super) async fn request(
        &self,
        method: Method,
        path: &str,
        repo: &str,
        accept: Option<&str>,
    ) -> anyhow::Result<Response> {
        let mut headers = HeaderMap::new();
        if let Some(a) = accept {
            headers.insert(ACCEPT, HeaderValue::from_str(a).context("an Accept header")?);
        }
        self.request_headers(method, path, repo, headers, Redirects::SameOrigin).await
    }

    /// [`Registry::request`] with any headers (`Accept`, `Range`), following the redirects `follow` allows. Every
    /// answer's quota headers are noted.
    pub(super) async fn request_headers(
        &self,
        method: Method,
        path: &str,
        repo: &str,
        headers: HeaderMap,
        follow: Redirects,
    ) -> anyhow::Result<Response> {
        let client = self.http.client_with(follow)?;
        let default_scope = format!("repository:{repo}:pull");
        let mut auth = self.auth_for(&default_scope);
        let mut answered = false;
        loop {
            let sent = auth.clone();
            let make = |base: &str| {
                let b = client.request(method.clone(), format!("{base}{path}")).headers(headers.clone());
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
                // `expires_in` is the token server's number: a huge one must not overflow the clock.
                let until = Instant::now()
                    .checked_add(lifetime.saturating_sub(Duration::from_secs(5)).max(Duration::from_secs(1)))
                    .ok_or_else(|| {
                        Failure::new(
                            ExitCode::Failure,
                            format!(
                                "the token server `{realm}` of `{}` answered a token valid for {} s, longer than berth can count",
                                self.host,
                                lifetime.as_secs()
                            ),
                        )
                        .hint("the token server's `expires_in` is wrong: ask the registry's operator to fix it")
                    })?;
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
        let url = self.realm_url(realm, found)?;
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
        let (token, lifetime) = read_token(resp, &shown).await?;
        self.log(format!("got a token for `{scope}`, valid {} s", lifetime.as_secs()));
        Ok((token, lifetime))
    }

    /// The token server's URL, when berth may ask it (with these credentials, if any): see [`realm::check`],
    /// then credentials never go over plain http to another host (loopback to loopback aside).
    fn realm_url(&self, realm: &str, found: Option<&Found>) -> anyhow::Result<reqwest::Url> {
        let url = reqwest::Url::parse(realm).map_err(|e| {
            Failure::new(
                ExitCode::Failure,
                format!("`{}` names the token server `{realm}`, which is not a URL: {e}", self.host),
            )
        })?;
        let scheme = self.scheme.lock().unwrap().unwrap_or("https");
        if let Err(refusal) = realm::check(&url, &self.host, scheme) {
            return Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "`{}` names the token server `{}`, which is {}; berth does not ask it for a token",
                    self.host,
                    redact_url(&url),
                    refusal.why()
                ),
            )
            .hint(
                "a registry's token realm must be https (http only for a registry berth speaks http to), and on a \
                 private, link-local or loopback address only on the registry's own host (loopback: a registry on \
                 loopback); tell the registry's operator",
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
        Ok(url)
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
}

/// `` `user` `` for messages, or "an identity token".
fn who(c: &Credentials) -> String {
    if c.is_identity_token() { "an identity token".into() } else { format!("`{}`", c.username) }
}

/// A token server's answer: the token (`token`, or OAuth2's `access_token`) and how long it is good for (at least
/// Docker's floor).
async fn read_token(resp: Response, shown: &str) -> anyhow::Result<(String, Duration)> {
    #[derive(Deserialize)]
    struct TokenAnswer {
        token: Option<String>,
        access_token: Option<String>,
        expires_in: Option<u64>,
    }
    let body = body::read(resp, body::TOKEN).await?;
    let answer: TokenAnswer = serde_json::from_slice(&body).map_err(|e| {
        Failure::new(
            ExitCode::Failure,
            format!("the token server `{shown}` answered something that is not a token: {e}"),
        )
    })?;
    let token =
        answer.token.filter(|t| !t.is_empty()).or(answer.access_token.filter(|t| !t.is_empty())).ok_or_else(|| {
            Failure::new(ExitCode::Failure, format!("the token server `{shown}` answered without a token"))
        })?;
    let lifetime = answer.expires_in.unwrap_or(TOKEN_MIN_LIFETIME).max(TOKEN_MIN_LIFETIME);
    Ok((token, Duration::from_secs(lifetime)))
}
