//! The OpenStack client: an authenticated session (token from the cache or Keystone), endpoint lookup, and
//! requests that outlive their token: one about to expire is renewed before it is sent, and one that Keystone
//! no longer accepts (a 401: revoked, deleted, expired early) is renewed and the request sent once more. So a
//! long sync whose token runs out or is revoked mid-way goes on with a new one. Idempotent requests (GET, HEAD,
//! DELETE) are also retried on transient failures by [`Http::send`] (`--retries`); uploads never are.

pub mod appcred;
pub mod auth;
pub mod cache;
pub mod catalog;
pub mod glance;
pub mod heat;
pub mod lookup;
pub mod magnum;
pub mod neutron;
pub mod nova;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{Method, RequestBuilder, Response, StatusCode};

use crate::config::CloudConfig;
use crate::error::{ExitCode, Failure};
use crate::net::{Http, Redirects, TlsOptions};
use auth::{Plan, Token};
use cache::TokenCache;

/// A cached token is used only while it stays valid this much longer, so that a command never starts with a
/// token about to expire.
pub const CACHE_MARGIN: Duration = Duration::from_secs(300);

/// A request is sent with a token that stays valid at least this much longer; else the token is renewed first
/// (Glance checks the token when an upload starts, so this is also the margin an upload starts with).
pub const RENEW_MARGIN: Duration = Duration::from_secs(60);

/// TLS options from a resolved cloud configuration; a named CA file that does not exist is a usage error.
pub fn tls_options(cfg: &CloudConfig) -> anyhow::Result<TlsOptions> {
    let file = |key: &str| -> anyhow::Result<Option<std::path::PathBuf>> {
        let Some(s) = cfg.setting(key) else { return Ok(None) };
        let path = std::path::PathBuf::from(&s.value);
        if !path.is_file() {
            return Err(Failure::usage(format!(
                "the {key} file `{}` (from {}) does not exist",
                path.display(),
                s.source
            ))
            .hint(format!("fix `{key}` where it is set, or remove it to use the system's trust store"))
            .into());
        }
        Ok(Some(path))
    };
    Ok(TlsOptions { cacert: file("cacert")?, cert: file("cert")?, key: file("key")?, insecure: !cfg.verify_tls() })
}

/// The cloud's HTTP client. Every request it sends carries a token or a password (Keystone's auth, then
/// `X-Auth-Token` to each service), so it follows redirects only within their origin and never from https to http.
pub fn http(cfg: &CloudConfig, net: &crate::net::Options) -> anyhow::Result<Http> {
    Http::new(&tls_options(cfg)?, net, Redirects::SameOrigin)
}

pub struct Session {
    pub http: Arc<Http>,
    pub cfg: CloudConfig,
    plan: Plan,
    cache: Option<TokenCache>,
    token: Mutex<Token>,
    /// Whether the current token came from the cache.
    from_cache: Mutex<bool>,
}

impl Session {
    /// A session with a valid token: the cached one when it has time left, else a new one from Keystone. A
    /// password or passcode set nowhere is asked of `prompt` when there is one (a terminal), and only when no
    /// cached token will do.
    pub async fn open(
        cfg: CloudConfig,
        http: Arc<Http>,
        use_cache: bool,
        prompt: Option<Arc<dyn auth::Prompt>>,
    ) -> anyhow::Result<Session> {
        let plan = Plan::new(&cfg, prompt)?;
        let cache = if use_cache { TokenCache::default_location() } else { None };
        let cached = cache.as_ref().and_then(|c| c.load(&plan.cache_key).map(|t| (c.path(&plan.cache_key), t)));
        let (token, from_cache) = match cached {
            Some((path, t)) if t.valid_for(CACHE_MARGIN) => {
                http.feedback().log(
                    1,
                    "auth",
                    format_args!(
                        "using the cached token for {} from `{}` (expires {})",
                        plan.who,
                        path.display(),
                        t.body.expires_at
                    ),
                );
                (t, true)
            }
            _ => {
                let t = plan.authenticate(&http).await?;
                (t, false)
            }
        };
        let s = Session { http, cfg, plan, cache, token: Mutex::new(token), from_cache: Mutex::new(from_cache) };
        if !from_cache {
            s.store();
        }
        Ok(s)
    }

    /// A session with the cached token alone, or none: never asks Keystone or the person at the terminal, writes no
    /// cache (shell completion, which must answer at once). The token must stay valid past [`RENEW_MARGIN`].
    pub fn cached(cfg: CloudConfig, http: Arc<Http>) -> Option<Session> {
        let plan = Plan::without_asking(&cfg).ok()?;
        let token = TokenCache::default_location()?.load(&plan.cache_key)?;
        if !token.valid_for(RENEW_MARGIN * 2) {
            return None;
        }
        Some(Session { http, cfg, plan, cache: None, token: Mutex::new(token), from_cache: Mutex::new(true) })
    }

    /// The same identity and token in another region of the cloud (a Keystone token is valid in every region):
    /// its services are the catalog's endpoints in `region`.
    pub fn in_region(&self, region: &str) -> Session {
        let mut s = self.share();
        let source = crate::config::Source::Flag("--to".into());
        s.cfg.values.insert("region_name".into(), crate::config::Setting { value: region.to_string(), source });
        s
    }

    /// Another session with the same identity, token and settings (one per destination of a sync).
    pub fn share(&self) -> Session {
        Session {
            http: self.http.clone(),
            cfg: self.cfg.clone(),
            plan: self.plan.clone(),
            cache: self.cache.clone(),
            token: Mutex::new(self.token()),
            from_cache: Mutex::new(self.from_cache()),
        }
    }

    /// The regions whose catalog has an endpoint of `kind` for the configured interface, sorted.
    pub fn regions_with(&self, kind: &str) -> Vec<String> {
        let token = self.token();
        let interface = self.cfg.get("interface").unwrap_or("public");
        let mut regions: Vec<String> = catalog::find(&token.body.catalog, kind)
            .map(|s| {
                s.endpoints
                    .iter()
                    .filter(|e| e.interface == interface)
                    .filter_map(|e| e.region())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        regions.sort();
        regions.dedup();
        regions
    }

    /// The region this session's `kind` endpoint is in: the configured one, else the endpoint's own.
    pub fn region_of(&self, kind: &str) -> Option<String> {
        if let Some(r) = self.cfg.get("region_name") {
            return Some(r.to_string());
        }
        let token = self.token();
        let interface = self.cfg.get("interface").unwrap_or("public");
        let service = catalog::find(&token.body.catalog, kind)?;
        catalog::select(service, interface, None).ok()?.region().map(str::to_string)
    }

    fn store(&self) {
        if let Some(c) = &self.cache {
            let token = self.token();
            match c.store(&self.plan.cache_key, &token) {
                Ok(path) => {
                    self.http.feedback().log(1, "auth", format_args!("cached the token in `{}`", path.display()))
                }
                Err(e) => self.http.feedback().warn(&format!("cannot write the token cache: {e:#}"), None),
            }
        }
    }

    pub fn token(&self) -> Token {
        self.token.lock().unwrap().clone()
    }

    pub fn from_cache(&self) -> bool {
        *self.from_cache.lock().unwrap()
    }

    pub fn cache_path(&self) -> Option<std::path::PathBuf> {
        self.cache.as_ref().map(|c| c.path(&self.plan.cache_key))
    }

    /// Forget the current token and get a new one from Keystone.
    pub async fn renew(&self) -> anyhow::Result<()> {
        if let Some(c) = &self.cache {
            c.remove(&self.plan.cache_key);
        }
        let t = self.plan.authenticate(&self.http).await?;
        *self.token.lock().unwrap() = t;
        *self.from_cache.lock().unwrap() = false;
        self.store();
        Ok(())
    }

    /// Renew the token first when it expires within [`RENEW_MARGIN`] (a long command outliving its token).
    async fn fresh_token(&self) -> anyhow::Result<Token> {
        let token = self.token();
        if expires_within(&token, RENEW_MARGIN) {
            self.http.feedback().log(
                1,
                "auth",
                format_args!("the token expires at {}; getting a new one", token.body.expires_at),
            );
            self.renew().await?;
            return Ok(self.token());
        }
        Ok(token)
    }

    /// The base URL of a service: `<service>_endpoint_override`, else the catalog's endpoint for the configured
    /// interface and region.
    pub fn endpoint(&self, kind: &str) -> anyhow::Result<String> {
        for alias in catalog::aliases(kind) {
            if let Some(url) = self.cfg.endpoint_override(alias) {
                return Ok(url.trim_end_matches('/').to_string());
            }
        }
        let token = self.token();
        let service = catalog::find(&token.body.catalog, kind).ok_or_else(|| {
            let mut have: Vec<&str> = token.body.catalog.iter().map(|s| s.kind.as_str()).collect();
            have.sort_unstable();
            Failure::new(ExitCode::Failure, format!("the cloud's catalog has no `{kind}` service")).hint(format!(
                "services here: {}; or set `{}_endpoint_override` in clouds.yaml",
                have.join(", "),
                kind.replace('-', "_")
            ))
        })?;
        let interface = self.cfg.get("interface").unwrap_or("public");
        let ep = catalog::select(service, interface, self.cfg.get("region_name"))?;
        Ok(ep.url.trim_end_matches('/').to_string())
    }

    /// An authenticated request to `path` under a service's endpoint. A 401 means Keystone no longer accepts the
    /// token (revoked, deleted, expired early): get a new one once and repeat the request.
    pub async fn request(
        &self,
        method: Method,
        kind: &str,
        path: &str,
        build: impl Fn(RequestBuilder) -> RequestBuilder,
    ) -> anyhow::Result<Response> {
        let url = format!("{}{}", self.endpoint(kind)?, path);
        self.request_url(method, &url, build).await
    }

    /// [`Session::request`] to a whole URL (a service whose base is more than its endpoint, as Heat's with the
    /// project in it).
    pub async fn request_url(
        &self,
        method: Method,
        url: &str,
        build: impl Fn(RequestBuilder) -> RequestBuilder,
    ) -> anyhow::Result<Response> {
        for attempt in 0..2 {
            let token = self.fresh_token().await?;
            let req = build(self.http.client().request(method.clone(), url).header("X-Auth-Token", &token.id));
            let resp = self.http.send(req).await?;
            if resp.status() == StatusCode::UNAUTHORIZED && attempt == 0 {
                self.http.feedback().log(
                    1,
                    "auth",
                    format_args!("`{url}` answered 401; getting a new token and trying once more"),
                );
                self.renew().await?;
                continue;
            }
            return Ok(resp);
        }
        unreachable!("the loop returns on its second pass")
    }

    /// An authenticated upload, sent once (its body is a stream that cannot be replayed), without a read timeout
    /// (see `Http::upload_client`). Callers use it right after another request succeeded with the same token.
    pub async fn request_once(
        &self,
        method: Method,
        kind: &str,
        path: &str,
        build: impl FnOnce(RequestBuilder) -> RequestBuilder,
    ) -> anyhow::Result<Response> {
        let url = format!("{}{}", self.endpoint(kind)?, path);
        let token = self.fresh_token().await?;
        let req = build(self.http.upload_client()?.request(method, &url).header("X-Auth-Token", token.id));
        self.http.send_once(req).await
    }

    /// Revoke the token at Keystone and drop it from the cache. Returns whether Keystone still accepted it.
    pub async fn revoke(&self) -> anyhow::Result<bool> {
        let token = self.token();
        let url = format!("{}/auth/tokens", token.identity_url);
        let req =
            self.http.client().delete(&url).header("X-Auth-Token", &token.id).header("X-Subject-Token", &token.id);
        let resp = self.http.send(req).await?;
        if let Some(c) = &self.cache {
            c.remove(&self.plan.cache_key);
        }
        match resp.status().as_u16() {
            200..=299 => Ok(true),
            401 | 404 => Ok(false),
            code => Err(anyhow::anyhow!(
                "Keystone at `{url}` could not revoke the token (HTTP {code}): {}",
                auth::api_message(resp).await
            )),
        }
    }
}

/// True when the token's expiry is known and comes within `margin` (a token without a readable expiry is left
/// to the 401 path).
fn expires_within(token: &Token, margin: Duration) -> bool {
    token.expires_at().is_some() && !token.valid_for(margin)
}

/// Turn a service's error answer into an error: 401/403 are auth failures (4), the rest runtime failures (1).
pub async fn check(resp: Response, what: &str) -> anyhow::Result<Response> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let url = crate::net::redact_url(resp.url());
    let retried = crate::net::retry::after_retries(&resp);
    let come_back = crate::net::retry::come_back(status, resp.headers());
    let message = auth::api_message(resp).await;
    let (code, hint) = match status.as_u16() {
        401 => (ExitCode::Auth, Some("the token was refused even after renewal; check the credentials".to_string())),
        // Nova answers a quota overrun with 403 ("Quota exceeded for ram: ..."), Neutron with 409 ("Quota exceeded
        // for resources: ['floatingip']"): a limit, not a missing role.
        403 | 409 | 413 if message.to_ascii_lowercase().contains("quota exceeded") => (
            ExitCode::Failure,
            Some(
                "the project's quota does not allow this: `openstack quota show` shows its limits and usage; free resources or ask an admin to raise the quota"
                    .to_string(),
            ),
        ),
        403 => (
            ExitCode::Auth,
            Some("the identity lacks the role this needs; ask for it or use an admin identity".to_string()),
        ),
        _ => (ExitCode::Failure, come_back),
    };
    let f = Failure::new(code, format!("{what} failed: `{url}` answered HTTP {}{retried}: {message}", status.as_u16()));
    Err(match hint {
        Some(h) => f.hint(h),
        None => f,
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(expires_at: &str) -> Token {
        serde_json::from_value(
            serde_json::json!({"id": "t", "identity_url": "http://k/v3", "body": {"expires_at": expires_at}}),
        )
        .unwrap()
    }

    #[test]
    fn tokens_are_renewed_before_they_expire_not_when_the_expiry_is_unknown() {
        let in_ =
            |secs: i64| jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_secs(secs)).unwrap().to_string();
        assert!(!expires_within(&token(&in_(3600)), RENEW_MARGIN));
        assert!(expires_within(&token(&in_(30)), RENEW_MARGIN));
        assert!(expires_within(&token(&in_(-10)), RENEW_MARGIN));
        assert!(!expires_within(&token("not a time"), RENEW_MARGIN));
    }
}
