//! `POST /v3/auth/tokens`: the identity methods of a plan, Keystone's multi-factor rules (a 401 that carries an
//! `Openstack-Auth-Receipt` says which factors were accepted and which rules remain: berth sends the missing
//! factor with the receipt), and the token in the answer.

use reqwest::Response;
use serde_json::{Value, json};

use super::token::TokenBody;
use super::{Factor, Method, Plan, Token, api_message, identity_v3, oidc};
use crate::error::{ExitCode, Failure};
use crate::net::{Http, body};

const RECEIPT: &str = "openstack-auth-receipt";

/// Rounds of receipts before berth gives up (Keystone's rules need at most one round per missing factor).
const MAX_ROUNDS: usize = 4;

impl Plan {
    /// A token from Keystone: the plan's factors, then whatever factor Keystone's rules still want; for OpenID
    /// Connect the federated (unscoped) token first, rescoped to the plan's project or domain.
    pub async fn authenticate(&self, http: &Http) -> anyhow::Result<Token> {
        let v3 = identity_v3(&self.auth_url, http).await?;
        let mut identity = match self.method {
            Method::OidcPassword | Method::OidcAccessToken => {
                let unscoped = oidc::federated_token(self, http, &v3).await?;
                json!({"methods": ["token"], "token": {"id": unscoped}})
            }
            _ => self.identity(&self.factors).await?,
        };
        let url = format!("{v3}/auth/tokens");
        let mut receipt: Option<String> = None;
        for _ in 0..MAX_ROUNDS {
            let mut auth = json!({ "identity": identity });
            if let Some(scope) = &self.scope {
                auth["scope"] = scope.clone();
            }
            let mut req = http.client().post(&url).json(&json!({ "auth": auth }));
            if let Some(r) = &receipt {
                req = req.header(RECEIPT, r);
            }
            let resp = http.send(req).await?;
            let next = resp.headers().get(RECEIPT).and_then(|v| v.to_str().ok()).map(str::to_string);
            match next {
                Some(r) if resp.status() == reqwest::StatusCode::UNAUTHORIZED => {
                    let rules: Value = body::json(resp, body::ERROR).await.unwrap_or(Value::Null);
                    let factors = self.next_factors(&rules)?;
                    http.feedback().log(
                        1,
                        "auth",
                        format_args!(
                            "Keystone accepted {} and wants {} as well (multi-factor rules)",
                            done(&rules).join(", "),
                            factors.iter().map(|f| f.keystone()).collect::<Vec<_>>().join(", ")
                        ),
                    );
                    identity = self.identity(&factors).await?;
                    receipt = Some(r);
                }
                _ => return self.token(resp, &url, &v3).await,
            }
        }
        Err(Failure::new(ExitCode::Auth, format!("Keystone kept asking {} for more factors", self.who)).into())
    }

    /// The `identity` of a request: each factor's method and data, secrets read (or asked for) now.
    pub(super) async fn identity(&self, factors: &[Factor]) -> anyhow::Result<Value> {
        let mut identity = json!({ "methods": factors.iter().map(|f| f.keystone()).collect::<Vec<_>>() });
        for f in factors {
            let data = match f {
                Factor::Password | Factor::Totp => {
                    let (key, field, question) = match f {
                        Factor::Password => ("password", "password", format!("Password for {}: ", self.who)),
                        _ => ("passcode", "passcode", format!("TOTP passcode for {}: ", self.who)),
                    };
                    let mut user = self.user.clone().unwrap_or_else(|| json!({}));
                    user[field] = json!(self.secret(key, question, *f == Factor::Password).await?);
                    json!({ "user": user })
                }
                Factor::Token => json!({ "id": self.cfg.get("token").unwrap_or_default() }),
                Factor::ApplicationCredential => {
                    let (mut cred, secret) = super::application_credential(&self.cfg)?;
                    cred["secret"] = json!(secret);
                    cred
                }
            };
            identity[f.keystone()] = data;
        }
        Ok(identity)
    }

    /// The factors to send with a receipt: of Keystone's rules, the one that needs the fewest more factors that
    /// berth can supply (a password or a passcode, set or typed).
    pub(super) fn next_factors(&self, rules: &Value) -> anyhow::Result<Vec<Factor>> {
        let done = done(rules);
        let required: Vec<Vec<String>> =
            serde_json::from_value(rules["required_auth_methods"].clone()).unwrap_or_default();
        let mut options: Vec<Vec<Factor>> = required
            .iter()
            .filter_map(|rule| {
                rule.iter()
                    .filter(|m| !done.contains(m))
                    .map(|m| Factor::from_keystone(m).filter(|f| self.supplies(*f)))
                    .collect::<Option<Vec<Factor>>>()
            })
            .filter(|missing| !missing.is_empty())
            .collect();
        options.sort_by_key(Vec::len);
        options.into_iter().next().ok_or_else(|| {
            // Each rule's methods sorted: Keystone keeps a rule as a set, and releases list it in other orders.
            let rules = required
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.sort();
                    format!("[{}]", r.join(", "))
                })
                .collect::<Vec<_>>()
                .join(" or ");
            Failure::new(
                ExitCode::Auth,
                format!(
                    "Keystone accepted {} for {} but its multi-factor rules want {rules}",
                    if done.is_empty() { "nothing".to_string() } else { done.join(", ") },
                    self.who
                ),
            )
            .hint(
                "give the current TOTP code with `OS_PASSCODE` or `--os-passcode` (on a terminal berth asks for it), \
                 or use `auth_type: v3multifactor` with `auth_methods: v3password,v3totp`",
            )
            .into()
        })
    }

    /// Whether berth can send `factor` now: a password or passcode it has or can ask for, for a user it knows.
    fn supplies(&self, factor: Factor) -> bool {
        match factor {
            Factor::Password => self.user.is_some() && self.can_supply("password"),
            Factor::Totp => self.user.is_some() && self.can_supply("passcode"),
            Factor::Token => self.cfg.get("token").is_some(),
            Factor::ApplicationCredential => false,
        }
    }

    /// The token of Keystone's answer, or the error it means.
    async fn token(&self, resp: Response, url: &str, v3: &str) -> anyhow::Result<Token> {
        let status = resp.status();
        if !status.is_success() {
            let message = api_message(resp).await;
            let (code, hint) = refusal(status.as_u16(), self.method);
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
        let token = Token { id, identity_url: v3.to_string(), body: body.token };
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

/// The methods a receipt says Keystone accepted.
fn done(rules: &Value) -> Vec<String> {
    serde_json::from_value(rules.pointer("/receipt/methods").cloned().unwrap_or(Value::Null)).unwrap_or_default()
}

/// The exit code and hint of Keystone refusing a plan's request.
fn refusal(status: u16, method: Method) -> (ExitCode, &'static str) {
    match (status, method) {
        (401, Method::Password) => {
            (ExitCode::Auth, "check the password (`OS_PASSWORD`, secure.yaml), the user's domain and the project")
        }
        (401, Method::Totp) => (
            ExitCode::Auth,
            "check the passcode (`OS_PASSCODE`, `--os-passcode`; codes change every 30 s) and that the user has a TOTP credential",
        ),
        (401, Method::MultiFactor) => (ExitCode::Auth, "check the password and the passcode of every factor"),
        (401, Method::ApplicationCredential) => (
            ExitCode::Auth,
            "the application credential is wrong, expired or deleted: check `application_credential_id`/`_secret` or create a new one",
        ),
        (401, Method::Token | Method::OidcPassword | Method::OidcAccessToken) => (
            ExitCode::Auth,
            "the token is invalid or expired: get a new one (`berth auth token`, `openstack token issue`)",
        ),
        (403, _) => {
            (ExitCode::Auth, "the identity may not use this scope: check the project/domain and its role assignments")
        }
        // Keystone answers 404 ("Could not find token") for a token it does not know: revoked or expired.
        (404, Method::Token) => (
            ExitCode::Auth,
            "Keystone does not know this token: it was revoked, has expired, or comes from another cloud; get a new one (`berth auth token`, `openstack token issue`)",
        ),
        (404, _) => (ExitCode::Usage, "auth_url does not point at Keystone v3"),
        _ => (ExitCode::Failure, "Keystone failed; its log says why"),
    }
}
