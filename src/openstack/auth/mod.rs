//! Keystone v3 authentication: the plan made from the resolved configuration (which methods, for whom, in which
//! scope, and a cache key that holds no secret), the request and Keystone's answer ([`keystone`]), multi-factor
//! rules (a 401 with an auth receipt, then the missing factor), OpenID Connect through Keystone's federation API
//! ([`oidc`]), where Keystone's v3 API is ([`discovery`]), and the token ([`token`]).
//!
//! A password or TOTP passcode that is set nowhere is asked for on the terminal, without echo, when there is one
//! ([`Prompt`]); without one, the missing setting is a usage error naming its variable and flag, as before any
//! request.

mod discovery;
mod keystone;
mod oidc;
mod token;

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::config::CloudConfig;
use crate::error::Failure;
pub use discovery::{api_message, identity_v3, v3_from_link};
pub use token::{Named, Token, TokenInfo};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Password,
    ApplicationCredential,
    Token,
    Totp,
    MultiFactor,
    OidcPassword,
    OidcAccessToken,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Password => "password",
            Method::ApplicationCredential => "v3applicationcredential",
            Method::Token => "token",
            Method::Totp => "v3totp",
            Method::MultiFactor => "v3multifactor",
            Method::OidcPassword => "v3oidcpassword",
            Method::OidcAccessToken => "v3oidcaccesstoken",
        }
    }

    /// The `auth_type` names berth takes, as keystoneauth spells them (and their older aliases).
    pub const TYPES: &str = "password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or \
                             v3oidcaccesstoken";

    fn parse(name: &str) -> Option<Method> {
        Some(match name.to_ascii_lowercase().as_str() {
            "password" | "v3password" => Method::Password,
            "v3applicationcredential" | "applicationcredential" | "application_credential" => {
                Method::ApplicationCredential
            }
            "token" | "v3token" => Method::Token,
            "v3totp" | "totp" => Method::Totp,
            "v3multifactor" | "multifactor" => Method::MultiFactor,
            "v3oidcpassword" => Method::OidcPassword,
            "v3oidcaccesstoken" => Method::OidcAccessToken,
            _ => return None,
        })
    }
}

/// One identity method of Keystone's `POST /v3/auth/tokens` (a factor, in Keystone's MFA rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Factor {
    Password,
    Totp,
    Token,
    ApplicationCredential,
}

impl Factor {
    /// Keystone's name of the method.
    pub fn keystone(self) -> &'static str {
        match self {
            Factor::Password => "password",
            Factor::Totp => "totp",
            Factor::Token => "token",
            Factor::ApplicationCredential => "application_credential",
        }
    }

    fn from_keystone(name: &str) -> Option<Factor> {
        [Factor::Password, Factor::Totp, Factor::Token, Factor::ApplicationCredential]
            .into_iter()
            .find(|f| f.keystone() == name)
    }

    /// `auth_methods` of v3multifactor: keystoneauth's plugin names (`v3password`) or Keystone's (`password`).
    fn from_auth_method(name: &str) -> Option<Factor> {
        let name = name.trim().to_ascii_lowercase();
        Factor::from_keystone(name.strip_prefix("v3").unwrap_or(&name))
            .or_else(|| (name == "v3applicationcredential").then_some(Factor::ApplicationCredential))
    }
}

/// Asks the person at the terminal for a secret, without echo.
pub trait Prompt: Send + Sync {
    /// The answer to `question` (e.g. `Password for user `demo``), typed without echo. Ctrl-C is an error
    /// (interrupted, exit 130) that leaves the terminal as it was.
    fn secret(&self, question: String) -> Pin<Box<dyn Future<Output = anyhow::Result<String>> + Send + '_>>;
}

/// Everything needed to get a token, decided before any request is made.
#[derive(Clone)]
pub struct Plan {
    pub auth_url: String,
    pub method: Method,
    /// Who is authenticating, for messages: `user `demo``.
    pub who: String,
    /// Identifies the identity, scope and secret without containing the secret (for the token cache). A secret
    /// typed at the prompt is not known yet: the key says `prompted` instead, and a TOTP passcode (a new one
    /// every 30 s) is never part of it.
    pub cache_key: String,
    /// The factors sent in the first request, in order.
    factors: Vec<Factor>,
    user: Option<Value>,
    scope: Option<Value>,
    /// The resolved settings: the secrets are read from here when the request is built. Never logged.
    cfg: CloudConfig,
    prompt: Option<Arc<dyn Prompt>>,
    /// What the prompt was answered (a password, not a passcode), for the renewals of a long command.
    typed: Arc<Mutex<BTreeMap<&'static str, String>>>,
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

/// The secret of `key`, or whether the prompt will ask for it; else the usage error naming the setting.
fn secret_or_prompt(cfg: &CloudConfig, key: &str, why: &str, prompt: bool) -> anyhow::Result<Option<String>> {
    match cfg.get(key) {
        Some(v) => Ok(Some(v.to_string())),
        None if prompt => Ok(None),
        None => need(cfg, key, why).map(Some),
    }
}

impl Plan {
    /// A plan that never asks: every secret must be set.
    pub fn from_config(cfg: &CloudConfig) -> anyhow::Result<Plan> {
        Plan::new(cfg, None)
    }

    /// The plan of a command run on a terminal, whose prompt is never used (it answers with an error): for
    /// finding that run's cached token (its cache key says `prompted` where the password was typed).
    pub fn without_asking(cfg: &CloudConfig) -> anyhow::Result<Plan> {
        struct Never;
        impl Prompt for Never {
            fn secret(&self, _: String) -> Pin<Box<dyn Future<Output = anyhow::Result<String>> + Send + '_>> {
                Box::pin(async { Err(Failure::usage("berth asks for no secret here").into()) })
            }
        }
        Plan::new(cfg, Some(Arc::new(Never)))
    }

    /// A plan that asks `prompt` for a password or passcode that is set nowhere.
    pub fn new(cfg: &CloudConfig, prompt: Option<Arc<dyn Prompt>>) -> anyhow::Result<Plan> {
        let auth_url = need(cfg, "auth_url", "to find Keystone")?;
        let method = match cfg.get("auth_type") {
            Some(t) => Method::parse(t).ok_or_else(|| {
                Failure::usage(format!("auth_type `{}` of {} is not supported", t.to_ascii_lowercase(), cfg.describe()))
                    .hint(format!("use {}", Method::TYPES))
            })?,
            None if cfg.get("application_credential_id").is_some()
                || cfg.get("application_credential_name").is_some() =>
            {
                Method::ApplicationCredential
            }
            None if cfg.get("token").is_some() && cfg.get("password").is_none() => Method::Token,
            None => Method::Password,
        };
        let can_ask = prompt.is_some();
        let mut plan = Plan {
            auth_url: auth_url.clone(),
            method,
            who: String::new(),
            cache_key: String::new(),
            factors: Vec::new(),
            user: None,
            scope: None,
            cfg: cfg.clone(),
            prompt,
            typed: Arc::default(),
        };
        let key_parts = match method {
            Method::OidcPassword | Method::OidcAccessToken => oidc::plan(&mut plan, can_ask)?,
            Method::ApplicationCredential => plan.application_credential()?,
            _ => plan.keystone_factors(can_ask)?,
        };
        plan.cache_key = sha256_hex(&format!("{auth_url}\n{}\n{}", method.name(), key_parts.join("\n")));
        Ok(plan)
    }

    /// Password, token, TOTP, or several of them (v3multifactor's `auth_methods`), with a scope.
    fn keystone_factors(&mut self, can_ask: bool) -> anyhow::Result<Vec<String>> {
        let cfg = self.cfg.clone();
        self.factors = match self.method {
            Method::Password => vec![Factor::Password],
            Method::Token => vec![Factor::Token],
            Method::Totp => vec![Factor::Totp],
            _ => {
                let names = need(&cfg, "auth_methods", "for multi-factor authentication (e.g. `v3password,v3totp`)")?;
                let mut factors = Vec::new();
                for n in names.split(',').filter(|n| !n.trim().is_empty()) {
                    factors.push(Factor::from_auth_method(n).ok_or_else(|| {
                        Failure::usage(format!(
                            "auth_methods of {} names `{}`, which berth cannot send",
                            cfg.describe(),
                            n.trim()
                        ))
                        .hint("use v3password, v3totp, v3token and v3applicationcredential")
                    })?);
                }
                factors
            }
        };
        let mut parts = Vec::new();
        if self.factors.iter().any(|f| matches!(f, Factor::Password | Factor::Totp)) {
            let u = user(&cfg)?.ok_or_else(|| {
                Failure::usage(format!("{} names no user to authenticate as", cfg.describe()))
                    .hint("set `username` + `user_domain_name` or `user_id` (`OS_USERNAME`, `--os-username`), or use an application credential")
            })?;
            self.who = describe_user(&u);
            parts.push(u.to_string());
            self.user = Some(u);
        } else {
            self.who = "the given token".into();
        }
        for f in self.factors.clone() {
            parts.push(match f {
                Factor::Password => secret_or_prompt(&cfg, "password", "for password authentication", can_ask)?
                    .map_or("prompted".to_string(), |p| sha256_hex(&p)),
                // A passcode is good for 30 s: it is not asked for (or missed) before a cached token will not do.
                Factor::Totp => "totp".to_string(),
                Factor::Token => sha256_hex(&need(&cfg, "token", "for token authentication")?),
                Factor::ApplicationCredential => {
                    let (cred, secret) = application_credential(&cfg)?;
                    format!("{cred}{}", sha256_hex(&secret))
                }
            });
        }
        let scope = scope(&cfg)?;
        parts.push(scope.to_string());
        self.scope = Some(scope);
        Ok(parts)
    }

    fn application_credential(&mut self) -> anyhow::Result<Vec<String>> {
        let (shown, secret) = application_credential(&self.cfg)?;
        self.factors = vec![Factor::ApplicationCredential];
        self.who = format!(
            "application credential `{}`",
            self.cfg
                .get("application_credential_id")
                .or(self.cfg.get("application_credential_name"))
                .unwrap_or_default()
        );
        Ok(vec![shown.to_string(), sha256_hex(&secret)])
    }

    /// The secret of `key`: set, typed earlier in this run, or asked for now (`remember`: kept for renewals).
    async fn secret(&self, key: &'static str, question: String, remember: bool) -> anyhow::Result<String> {
        if let Some(v) = self.cfg.get(key) {
            return Ok(v.to_string());
        }
        if let Some(v) = self.typed.lock().unwrap().get(key) {
            return Ok(v.clone());
        }
        let Some(prompt) = &self.prompt else {
            let why = match key {
                "passcode" => "for TOTP authentication: the current code of the user's authenticator",
                _ => "and there is no terminal to ask for it on",
            };
            return need(&self.cfg, key, why);
        };
        let answer = prompt.secret(question).await?;
        if answer.is_empty() {
            return Err(Failure::usage(format!("no {key} was typed")).into());
        }
        if remember {
            self.typed.lock().unwrap().insert(key, answer.clone());
        }
        Ok(answer)
    }

    /// Whether the secret of `key` is set or can be asked for.
    fn can_supply(&self, key: &str) -> bool {
        self.cfg.get(key).is_some() || self.prompt.is_some() || self.typed.lock().unwrap().contains_key(key)
    }
}

/// The application credential (without its secret) and the secret.
fn application_credential(cfg: &CloudConfig) -> anyhow::Result<(Value, String)> {
    let secret = need(cfg, "application_credential_secret", "for application-credential authentication")?;
    let cred = if let Some(id) = cfg.get("application_credential_id") {
        json!({ "id": id })
    } else if let Some(name) = cfg.get("application_credential_name") {
        let u = user(cfg)?.ok_or_else(|| {
            Failure::usage(format!("{} names application credential `{name}` but not its user", cfg.describe()))
                .hint("an application credential by name needs `username` + `user_domain_name` or `user_id`; or give `application_credential_id`")
        })?;
        json!({ "name": name, "user": u })
    } else {
        return Err(Failure::usage(format!(
            "{} has no `application_credential_id` or `application_credential_name`",
            cfg.describe()
        ))
        .hint("set `OS_APPLICATION_CREDENTIAL_ID` or `--os-application-credential-id`")
        .into());
    };
    Ok((cred, secret))
}

/// The request body holds the password, secret or token: never in Debug output.
impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("auth_url", &self.auth_url)
            .field("method", &self.method)
            .field("factors", &self.factors)
            .field("who", &self.who)
            .field("cache_key", &self.cache_key)
            .finish()
    }
}

#[cfg(test)]
mod tests;
