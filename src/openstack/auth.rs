//! Keystone v3 authentication: building the request from the resolved configuration, version discovery, and
//! the token answer.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::config::CloudConfig;
use crate::error::{ExitCode, Failure};
use crate::net::{Http, body};
use crate::openstack::catalog::Service;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Password,
    ApplicationCredential,
    Token,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Password => "password",
            Method::ApplicationCredential => "v3applicationcredential",
            Method::Token => "token",
        }
    }
}

/// Everything needed to get a token, decided before any request is made.
#[derive(Clone)]
pub struct Plan {
    pub auth_url: String,
    pub method: Method,
    /// The body of `POST /v3/auth/tokens`. Holds the secret: never log it.
    body: Value,
    /// Who is authenticating, for messages: `user `demo` in domain `Default``.
    pub who: String,
    /// Identifies the identity, scope and secret without containing the secret (for the token cache).
    pub cache_key: String,
}

fn need(cfg: &CloudConfig, key: &str, why: &str) -> anyhow::Result<String> {
    cfg.get(key).map(str::to_string).ok_or_else(|| {
        let env = crate::config::key(key).map_or(String::new(), |k| format!("`{}`, ", k.env));
        Failure::usage(format!("no `{key}` is set for {} (needed {why})", cfg.describe()))
            .hint(format!("set {env}`--{}` or `{key}` in clouds.yaml", flag_of(key)))
            .into()
    })
}

fn flag_of(key: &str) -> String {
    format!("os-{}", key.replace('_', "-"))
}

fn sha256_hex(s: &str) -> String {
    format!("{:x}", Sha256::digest(s.as_bytes()))
}

/// `{"name": .., "domain": {..}}` or `{"id": ..}` for a user or project.
fn named(cfg: &CloudConfig, prefix: &str) -> anyhow::Result<Option<Value>> {
    if let Some(id) = cfg.get(&format!("{prefix}_id")) {
        return Ok(Some(json!({ "id": id })));
    }
    let Some(name) = cfg.get(&format!("{prefix}_name")) else {
        return Ok(None);
    };
    let domain = if let Some(id) = cfg.get(&format!("{prefix}_domain_id")) {
        json!({ "id": id })
    } else if let Some(n) = cfg.get(&format!("{prefix}_domain_name")) {
        json!({ "name": n })
    } else {
        let upper = prefix.to_uppercase();
        return Err(Failure::usage(format!(
            "{} names the {prefix} `{name}` but not its domain, so Keystone cannot tell which one is meant",
            cfg.describe()
        ))
        .hint(format!(
            "set `{prefix}_domain_name` (often `Default`) or `{prefix}_domain_id`: `OS_{upper}_DOMAIN_NAME`, `--os-{prefix}-domain-name`"
        ))
        .into());
    };
    Ok(Some(json!({ "name": name, "domain": domain })))
}

fn scope(cfg: &CloudConfig) -> anyhow::Result<Value> {
    if let Some(project) = named(cfg, "project")? {
        return Ok(json!({ "project": project }));
    }
    if let Some(id) = cfg.get("domain_id") {
        return Ok(json!({ "domain": { "id": id } }));
    }
    if let Some(name) = cfg.get("domain_name") {
        return Ok(json!({ "domain": { "name": name } }));
    }
    Err(Failure::usage(format!("{} names no project or domain to scope the token to", cfg.describe()))
        .hint("an unscoped token has no catalog: set `project_name` + `project_domain_name` or `project_id` (`OS_PROJECT_NAME`, `--os-project-name`), or a domain")
        .into())
}

/// The user part for password and application-credential auth (`username` is the clouds.yaml key).
fn user(cfg: &CloudConfig) -> anyhow::Result<Option<Value>> {
    if let Some(id) = cfg.get("user_id") {
        return Ok(Some(json!({ "id": id })));
    }
    let Some(name) = cfg.get("username") else { return Ok(None) };
    let domain = if let Some(id) = cfg.get("user_domain_id") {
        json!({ "id": id })
    } else if let Some(n) = cfg.get("user_domain_name") {
        json!({ "name": n })
    } else {
        return Err(Failure::usage(format!(
            "{} names the user `{name}` but not its domain, so Keystone cannot tell which one is meant",
            cfg.describe()
        ))
        .hint("set `user_domain_name` (often `Default`) or `user_domain_id`: `OS_USER_DOMAIN_NAME`, `--os-user-domain-name`")
        .into());
    };
    Ok(Some(json!({ "name": name, "domain": domain })))
}

fn describe_user(u: &Value) -> String {
    match (u.get("id"), u.get("name")) {
        (Some(id), _) => format!("user ID `{}`", id.as_str().unwrap_or_default()),
        (_, Some(n)) => format!("user `{}`", n.as_str().unwrap_or_default()),
        _ => "a user".into(),
    }
}

impl Plan {
    pub fn from_config(cfg: &CloudConfig) -> anyhow::Result<Plan> {
        let auth_url = need(cfg, "auth_url", "to find Keystone")?;
        let method = match cfg.get("auth_type").map(|t| t.to_ascii_lowercase()) {
            Some(t) => match t.as_str() {
                "password" | "v3password" => Method::Password,
                "v3applicationcredential" | "applicationcredential" | "application_credential" => {
                    Method::ApplicationCredential
                }
                "token" | "v3token" => Method::Token,
                other => {
                    return Err(Failure::usage(format!("auth_type `{other}` of {} is not supported", cfg.describe()))
                        .hint("use `password`, `v3applicationcredential` or `token`")
                        .into());
                }
            },
            None if cfg.get("application_credential_id").is_some()
                || cfg.get("application_credential_name").is_some() =>
            {
                Method::ApplicationCredential
            }
            None if cfg.get("token").is_some() && cfg.get("password").is_none() => Method::Token,
            None => Method::Password,
        };
        let (body, who, key_parts): (Value, String, Vec<String>) = match method {
            Method::Password => {
                let u = user(cfg)?.ok_or_else(|| {
                    Failure::usage(format!("{} names no user to authenticate as", cfg.describe()))
                        .hint("set `username` + `user_domain_name` or `user_id` (`OS_USERNAME`, `--os-username`), or use an application credential")
                })?;
                let password = need(cfg, "password", "for password authentication")?;
                let scope = scope(cfg)?;
                let mut user_obj = u.clone();
                user_obj["password"] = json!(password);
                let body = json!({"auth": {"identity": {"methods": ["password"], "password": {"user": user_obj}}, "scope": scope}});
                (body, describe_user(&u), vec![u.to_string(), scope.to_string(), sha256_hex(&password)])
            }
            Method::ApplicationCredential => {
                let secret = need(cfg, "application_credential_secret", "for application-credential authentication")?;
                let cred = if let Some(id) = cfg.get("application_credential_id") {
                    json!({ "id": id, "secret": secret })
                } else if let Some(name) = cfg.get("application_credential_name") {
                    let u = user(cfg)?.ok_or_else(|| {
                        Failure::usage(format!("{} names application credential `{name}` but not its user", cfg.describe()))
                            .hint("an application credential by name needs `username` + `user_domain_name` or `user_id`; or give `application_credential_id`")
                    })?;
                    json!({ "name": name, "user": u, "secret": secret })
                } else {
                    return Err(Failure::usage(format!(
                        "{} has no `application_credential_id` or `application_credential_name`",
                        cfg.describe()
                    ))
                    .hint("set `OS_APPLICATION_CREDENTIAL_ID` or `--os-application-credential-id`")
                    .into());
                };
                let mut shown = cred.clone();
                shown.as_object_mut().unwrap().remove("secret");
                let who = format!(
                    "application credential `{}`",
                    cfg.get("application_credential_id").or(cfg.get("application_credential_name")).unwrap_or_default()
                );
                let body = json!({"auth": {"identity": {"methods": ["application_credential"], "application_credential": cred}}});
                (body, who, vec![shown.to_string(), sha256_hex(&secret)])
            }
            Method::Token => {
                let token = need(cfg, "token", "for token authentication")?;
                let scope = scope(cfg)?;
                let body =
                    json!({"auth": {"identity": {"methods": ["token"], "token": {"id": token}}, "scope": scope}});
                (body, "the given token".into(), vec![scope.to_string(), sha256_hex(&token)])
            }
        };
        let cache_key = sha256_hex(&format!("{auth_url}\n{}\n{}", method.name(), key_parts.join("\n")));
        Ok(Plan { auth_url, method, body, who, cache_key })
    }

    /// The Keystone v3 base URL: `auth_url` itself when it ends in `/v3`, else discovered from its version list.
    /// Keystone answers its root with 300 Multiple Choices: 2xx and 300 are version documents, any other status
    /// an error, never a list to trust. The v3 `self` link is resolved against `auth_url` and must stay on its
    /// host and port, without going from https to http (see [`v3_from_link`]): the password goes there next.
    pub async fn identity_v3(&self, http: &Http) -> anyhow::Result<String> {
        let base = self.auth_url.trim_end_matches('/');
        if base.ends_with("/v3") {
            return Ok(base.to_string());
        }
        let resp = http.send(http.client().get(base).header("Accept", "application/json")).await?;
        let status = resp.status();
        if !status.is_success() && status != reqwest::StatusCode::MULTIPLE_CHOICES {
            let message = api_message(resp).await;
            let code = if status.is_server_error() { ExitCode::Failure } else { ExitCode::Usage };
            return Err(Failure::new(
                code,
                format!("Keystone's version list at `{base}` answered HTTP {}: {message}", status.as_u16()),
            )
            .hint(versioned_hint(base))
            .into());
        }
        let doc: Value = body::json(resp, body::DOCUMENT).await.unwrap_or(Value::Null);
        let versions = doc
            .pointer("/versions/values")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_else(|| doc.get("version").map(|v| vec![v.clone()]).unwrap_or_default());
        let v3 = versions.iter().find(|v| v["id"].as_str().is_some_and(|id| id.starts_with("v3")));
        let href = v3
            .and_then(|v| v["links"].as_array())
            .and_then(|links| links.iter().find(|l| l["rel"] == "self").and_then(|l| l["href"].as_str()));
        match href {
            Some(h) => v3_from_link(base, h),
            None => Err(Failure::usage(format!(
                "`{base}` did not list an identity v3 API (HTTP {})",
                status.as_u16()
            ))
            .hint("point auth_url (`OS_AUTH_URL`, `--os-auth-url`) at Keystone, e.g. `https://keystone.example:5000/v3`")
            .into()),
        }
    }

    /// `POST /v3/auth/tokens`.
    pub async fn authenticate(&self, http: &Http) -> anyhow::Result<Token> {
        let v3 = self.identity_v3(http).await?;
        let url = format!("{v3}/auth/tokens");
        let resp = http.send(http.client().post(&url).json(&self.body)).await?;
        let status = resp.status();
        if !status.is_success() {
            let message = api_message(resp).await;
            let (code, hint) = match (status.as_u16(), self.method) {
                (401, Method::Password) => (
                    ExitCode::Auth,
                    "check the password (`OS_PASSWORD`, secure.yaml), the user's domain and the project",
                ),
                (401, Method::ApplicationCredential) => (
                    ExitCode::Auth,
                    "the application credential is wrong, expired or deleted: check `application_credential_id`/`_secret` or create a new one",
                ),
                (401, Method::Token) => (
                    ExitCode::Auth,
                    "the token is invalid or expired: get a new one (`berth auth token`, `openstack token issue`)",
                ),
                (403, _) => (
                    ExitCode::Auth,
                    "the identity may not use this scope: check the project/domain and its role assignments",
                ),
                // Keystone answers 404 ("Could not find token") for a token it does not know: revoked or expired.
                (404, Method::Token) => (
                    ExitCode::Auth,
                    "Keystone does not know this token: it was revoked, has expired, or comes from another cloud; get a new one (`berth auth token`, `openstack token issue`)",
                ),
                (404, _) => (ExitCode::Usage, "auth_url does not point at Keystone v3"),
                _ => (ExitCode::Failure, "Keystone failed; its log says why"),
            };
            return Err(Failure::new(
                code,
                format!("Keystone at `{url}` refused {} (HTTP {}): {message}", self.who, status.as_u16()),
            )
            .hint(hint)
            .into());
        }
        let id = resp
            .headers()
            .get("x-subject-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .ok_or_else(|| anyhow::anyhow!("Keystone at `{url}` answered without an X-Subject-Token header"))?;
        let body: TokenBody = body::json(resp, body::DOCUMENT)
            .await
            .map_err(|e| e.context(format!("Keystone's token at `{url}` is not what v3 returns")))?;
        let token = Token { id, identity_url: v3, body: body.token };
        if token.body.catalog.is_empty() {
            return Err(Failure::new(
                ExitCode::Auth,
                format!("the token for {} has an empty service catalog", self.who),
            )
            .hint("the identity has no role on the scoped project, or the token is unscoped")
            .into());
        }
        Ok(token)
    }
}

fn versioned_hint(base: &str) -> String {
    format!(
        "set a versioned auth_url (`OS_AUTH_URL`, `--os-auth-url`, `auth_url` in clouds.yaml), e.g. `{base}/v3` \
         or `https://keystone.example:5000/v3`: berth then asks no version list"
    )
}

/// The v3 API a version list's `self` link names, resolved against `auth_url` (a relative link is relative to
/// it). The password is sent there next, so it must be http(s) on `auth_url`'s own host and port, and not plain
/// http behind an https `auth_url`: a version list cannot send the password elsewhere.
pub fn v3_from_link(auth_url: &str, href: &str) -> anyhow::Result<String> {
    let refuse = |why: &str| -> anyhow::Error {
        Failure::usage(format!(
            "Keystone's version list at `{auth_url}` names `{href}` as its identity v3 API, {why}: berth does not \
             send the password there"
        ))
        .hint(versioned_hint(auth_url))
        .into()
    };
    let base = reqwest::Url::parse(&format!("{auth_url}/")).map_err(|e| {
        Failure::usage(format!("auth_url `{auth_url}` is not a URL: {e}")).hint(
            "set auth_url (`OS_AUTH_URL`, `--os-auth-url`) to Keystone's URL, e.g. `https://keystone.example:5000/v3`",
        )
    })?;
    let url = base.join(href).map_err(|_| refuse("which is not a URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse("which is not http(s)"));
    }
    if base.scheme() == "https" && url.scheme() == "http" {
        return Err(refuse("plain http behind an https auth_url"));
    }
    if url.host() != base.host() || url.port_or_known_default() != base.port_or_known_default() {
        return Err(refuse("on another host or port than auth_url"));
    }
    if url.username() != "" || url.password().is_some() {
        return Err(refuse("with a user name in it"));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Keystone's `{"error": {"message": ..}}` (or any service's error body), trimmed to one line. A body over
/// [`body::ERROR`] is not read on: the message then says so.
pub async fn api_message(resp: reqwest::Response) -> String {
    let text = match body::read(resp, body::ERROR).await {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => return e.to_string(),
    };
    let parsed: Option<Value> = serde_json::from_str(&text).ok();
    let msg = parsed
        .as_ref()
        .and_then(|v| {
            v.pointer("/error/message")
                .or_else(|| v.get("message"))
                .or_else(|| v.as_object().and_then(|o| o.values().find_map(|inner| inner.get("message"))))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or(text);
    let one_line = msg.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 300 {
        format!("{}...", one_line.chars().take(300).collect::<String>())
    } else {
        one_line
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct TokenBody {
    token: TokenInfo,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Named {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<Box<Named>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenInfo {
    pub expires_at: String,
    #[serde(default)]
    pub issued_at: String,
    #[serde(default)]
    pub methods: Vec<String>,
    #[serde(default)]
    pub user: Named,
    #[serde(default)]
    pub project: Option<Named>,
    #[serde(default)]
    pub domain: Option<Named>,
    #[serde(default)]
    pub roles: Vec<Named>,
    #[serde(default)]
    pub catalog: Vec<Service>,
}

/// A token with what Keystone said about it.
#[derive(Clone, Serialize, Deserialize)]
pub struct Token {
    pub id: String,
    /// The Keystone v3 base URL that issued it.
    pub identity_url: String,
    pub body: TokenInfo,
}

/// The token's ID is a credential: never in Debug output.
impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("id", &"<redacted>")
            .field("identity_url", &self.identity_url)
            .field("body", &self.body)
            .finish()
    }
}

/// The request body holds the password, secret or token: never in Debug output.
impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("auth_url", &self.auth_url)
            .field("method", &self.method)
            .field("body", &"<redacted>")
            .field("who", &self.who)
            .field("cache_key", &self.cache_key)
            .finish()
    }
}

impl Token {
    pub fn expires_at(&self) -> Option<jiff::Timestamp> {
        self.body.expires_at.parse().ok()
    }

    /// Still valid for at least `margin`?
    pub fn valid_for(&self, margin: std::time::Duration) -> bool {
        let Some(exp) = self.expires_at() else { return false };
        let Ok(margin) = jiff::SignedDuration::try_from(margin) else { return false };
        jiff::Timestamp::now().checked_add(margin).is_ok_and(|t| t < exp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Setting, Source};

    fn cfg(pairs: &[(&str, &str)]) -> CloudConfig {
        let mut c = CloudConfig::default();
        for (k, v) in pairs {
            c.values.insert(k.to_string(), Setting { value: v.to_string(), source: Source::Default });
        }
        c
    }

    const PW: &[(&str, &str)] = &[
        ("auth_url", "http://k:5000/v3"),
        ("username", "demo"),
        ("user_domain_name", "Default"),
        ("password", "s3cret"),
        ("project_name", "demo"),
        ("project_domain_id", "default"),
    ];

    #[test]
    fn password_body_and_scope() {
        let p = Plan::from_config(&cfg(PW)).unwrap();
        assert_eq!(p.method, Method::Password);
        assert_eq!(
            p.body,
            json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "s3cret"}}},
                   "scope": {"project": {"name": "demo", "domain": {"id": "default"}}}}})
        );
        assert_eq!(p.who, "user `demo`");
        assert!(!p.cache_key.contains("s3cret"));
    }

    #[test]
    fn debug_output_shows_no_secret() {
        let p = Plan::from_config(&cfg(PW)).unwrap();
        assert!(!format!("{p:?}").contains("s3cret"), "{p:?}");
        let t: Token = serde_json::from_value(
            json!({"id": "gAAAA-secret-token", "identity_url": "http://k/v3", "body": {"expires_at": "2099-01-01T00:00:00Z"}}),
        )
        .unwrap();
        assert!(!format!("{t:?}").contains("gAAAA-secret-token"), "{t:?}");
    }

    #[test]
    fn cache_key_changes_with_secret_and_scope() {
        let a = Plan::from_config(&cfg(PW)).unwrap().cache_key;
        let mut other = PW.to_vec();
        other[3] = ("password", "other");
        assert_ne!(a, Plan::from_config(&cfg(&other)).unwrap().cache_key);
        other[3] = ("password", "s3cret");
        other[4] = ("project_name", "admin");
        assert_ne!(a, Plan::from_config(&cfg(&other)).unwrap().cache_key);
    }

    #[test]
    fn application_credential_is_guessed_and_unscoped() {
        let p = Plan::from_config(&cfg(&[
            ("auth_url", "u"),
            ("application_credential_id", "abc"),
            ("application_credential_secret", "x"),
        ]))
        .unwrap();
        assert_eq!(p.method, Method::ApplicationCredential);
        assert_eq!(p.body["auth"]["identity"]["application_credential"], json!({"id": "abc", "secret": "x"}));
        assert!(p.body["auth"].get("scope").is_none());
    }

    #[test]
    fn token_method_needs_scope() {
        let e = Plan::from_config(&cfg(&[("auth_url", "u"), ("token", "t")])).unwrap_err();
        assert!(e.to_string().contains("no project or domain"), "{e}");
        let p = Plan::from_config(&cfg(&[("auth_url", "u"), ("token", "t"), ("project_id", "p1")])).unwrap();
        assert_eq!(p.method, Method::Token);
        assert_eq!(p.body["auth"]["scope"], json!({"project": {"id": "p1"}}));
    }

    #[test]
    fn missing_pieces_are_usage_errors_naming_the_fix() {
        let e = Plan::from_config(&cfg(&[("username", "x")])).unwrap_err();
        let f = crate::error::failure(&e).unwrap();
        assert_eq!(f.code, ExitCode::Usage);
        assert_eq!(f.message, "no `auth_url` is set for the `OS_*` settings (needed to find Keystone)");
        assert!(f.hint.as_deref().unwrap().contains("OS_AUTH_URL"));

        let e =
            Plan::from_config(&cfg(&[("auth_url", "u"), ("username", "x"), ("password", "p"), ("project_id", "p")]))
                .unwrap_err();
        assert!(e.to_string().contains("not its domain"), "{e}");

        let e = Plan::from_config(&cfg(&[("auth_url", "u"), ("auth_type", "saml2")])).unwrap_err();
        assert!(e.to_string().contains("`saml2`"));
    }

    #[test]
    fn discovered_v3_links_stay_on_the_auth_urls_host_and_port() {
        let ok = |base: &str, href: &str| v3_from_link(base, href).unwrap();
        assert_eq!(ok("https://k.example:5000", "https://k.example:5000/v3/"), "https://k.example:5000/v3");
        assert_eq!(ok("https://K.EXAMPLE", "https://k.example:443/v3/"), "https://k.example/v3");
        // Relative links are relative to auth_url (path-based deployments).
        assert_eq!(ok("http://k:80/identity", "v3/"), "http://k/identity/v3");
        assert_eq!(ok("http://k/identity", "/identity/v3"), "http://k/identity/v3");
        assert_eq!(ok("http://[::1]:5000", "http://[::1]:5000/v3"), "http://[::1]:5000/v3");
        // An upgrade to https on the same port is fine.
        assert_eq!(ok("http://k:5000", "https://k:5000/v3"), "https://k:5000/v3");
    }

    #[test]
    fn discovered_v3_links_elsewhere_are_refused_with_a_hint() {
        for (base, href, why) in [
            ("https://k.example:5000", "http://k.example:5000/v3/", "plain http behind an https auth_url"),
            ("https://k.example:5000", "https://evil.example:5000/v3/", "another host or port"),
            ("https://k.example:5000", "https://k.example:5001/v3/", "another host or port"),
            ("http://127.0.0.2:5000", "http://127.0.0.3:5000/v3/", "another host or port"),
            ("https://k.example", "//evil.example/v3", "another host or port"),
            ("https://k.example", "https://k.example@evil.example/v3", "another host or port"),
            ("https://k.example", "https://u:p@k.example/v3", "a user name"),
            ("https://k.example", "file:///etc/passwd", "not http(s)"),
        ] {
            let e = v3_from_link(base, href).unwrap_err();
            let f = crate::error::failure(&e).unwrap();
            assert_eq!(f.code, ExitCode::Usage);
            assert!(f.message.contains(why) && f.message.contains(href), "{href}: {}", f.message);
            assert!(f.hint.as_deref().unwrap().contains(&format!("`{base}/v3`")), "{:?}", f.hint);
        }
    }

    #[test]
    fn expiry_margin() {
        let soon = (jiff::Timestamp::now() + jiff::SignedDuration::from_secs(60)).to_string();
        let t = Token {
            id: "x".into(),
            identity_url: "u".into(),
            body: serde_json::from_value(json!({"expires_at": soon})).unwrap(),
        };
        assert!(t.valid_for(std::time::Duration::from_secs(10)));
        assert!(!t.valid_for(std::time::Duration::from_secs(300)));
    }
}
