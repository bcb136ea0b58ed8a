//! OpenID Connect through Keystone's federation API, as keystoneauth's `v3oidcpassword` and
//! `v3oidcaccesstoken` do: an access token from the identity provider (the resource-owner password grant at its
//! token endpoint, or one the user already has), exchanged at
//! `/v3/OS-FEDERATION/identity_providers/{idp}/protocols/{protocol}/auth` for an unscoped Keystone token, which
//! [`super::keystone`] then rescopes to the plan's project or domain.

use serde_json::Value;

use super::{Method, Plan, api_message, need, scope, secret_or_prompt, sha256_hex};
use crate::error::{ExitCode, Failure};
use crate::net::{Http, body};

/// keystoneauth's default `openid_scope`.
const DEFAULT_SCOPE: &str = "openid profile";

/// Checks the settings of an OpenID Connect plan and returns the parts of its cache key (no secret in them).
pub(super) fn plan(plan: &mut Plan, can_ask: bool) -> anyhow::Result<Vec<String>> {
    let cfg = plan.cfg.clone();
    let idp = need(&cfg, "identity_provider", "for OpenID Connect (the identity provider's name in Keystone)")?;
    let protocol = need(&cfg, "protocol", "for OpenID Connect (the federation protocol in Keystone, e.g. `openid`)")?;
    let mut parts = vec![idp.clone(), protocol];
    if plan.method == Method::OidcAccessToken {
        parts.push(sha256_hex(&need(&cfg, "access_token", "for v3oidcaccesstoken")?));
        plan.who = format!("the access token of identity provider `{idp}`");
    } else {
        let username = need(&cfg, "username", "for v3oidcpassword (the user at the identity provider)")?;
        parts.push(need(&cfg, "client_id", "for v3oidcpassword (berth's client at the identity provider)")?);
        if cfg.get("access_token_endpoint").is_none() {
            need(&cfg, "discovery_endpoint", "for v3oidcpassword when no `access_token_endpoint` is set")?;
        }
        parts.push(
            secret_or_prompt(&cfg, "password", "for v3oidcpassword", can_ask)?
                .map_or("prompted".to_string(), |p| sha256_hex(&p)),
        );
        plan.who = format!("user `{username}` of identity provider `{idp}`");
        parts.push(username);
    }
    let scope = scope(&cfg)?;
    parts.push(scope.to_string());
    plan.scope = Some(scope);
    Ok(parts)
}

/// The unscoped Keystone token that the identity provider's access token buys.
pub(super) async fn federated_token(plan: &Plan, http: &Http, v3: &str) -> anyhow::Result<String> {
    let cfg = &plan.cfg;
    let access = match plan.method {
        Method::OidcAccessToken => cfg.get("access_token").unwrap_or_default().to_string(),
        _ => access_token(plan, http).await?,
    };
    let idp = cfg.get("identity_provider").unwrap_or_default();
    let protocol = cfg.get("protocol").unwrap_or_default();
    let mut url = reqwest::Url::parse(v3).map_err(|e| Failure::usage(format!("auth_url `{v3}` is not a URL: {e}")))?;
    url.path_segments_mut().map_err(|_| Failure::usage(format!("auth_url `{v3}` cannot have a path")))?.extend([
        "OS-FEDERATION",
        "identity_providers",
        idp,
        "protocols",
        protocol,
        "auth",
    ]);
    let resp = http.send(http.client().post(url.clone()).bearer_auth(access)).await?;
    let status = resp.status();
    if !status.is_success() {
        let message = api_message(resp).await;
        return Err(Failure::new(
            ExitCode::Auth,
            format!("Keystone at `{url}` refused {} (HTTP {}): {message}", plan.who, status.as_u16()),
        )
        .hint(format!(
            "check that Keystone has identity provider `{idp}` with protocol `{protocol}` and a mapping for your \
             user (`openstack identity provider show {idp}`), and that the access token is current"
        ))
        .into());
    }
    resp.headers()
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("Keystone at `{url}` answered without an X-Subject-Token header"))
}

/// The access token of the resource-owner password grant at the identity provider's token endpoint (from
/// `access_token_endpoint`, else the `token_endpoint` of `discovery_endpoint`'s document).
async fn access_token(plan: &Plan, http: &Http) -> anyhow::Result<String> {
    let cfg = &plan.cfg;
    let endpoint = match cfg.get("access_token_endpoint") {
        Some(e) => e.to_string(),
        None => token_endpoint(cfg.get("discovery_endpoint").unwrap_or_default(), http).await?,
    };
    let password = plan.secret("password", format!("Password for {}: ", plan.who), true).await?;
    let form = [
        ("grant_type", "password"),
        ("username", cfg.get("username").unwrap_or_default()),
        ("password", password.as_str()),
        ("scope", cfg.get("openid_scope").unwrap_or(DEFAULT_SCOPE)),
    ];
    let req = http
        .client()
        .post(&endpoint)
        .basic_auth(cfg.get("client_id").unwrap_or_default(), cfg.get("client_secret"))
        .form(&form);
    let resp = http.send(req).await?;
    let status = resp.status();
    if !status.is_success() {
        let message = api_message(resp).await;
        return Err(Failure::new(
            ExitCode::Auth,
            format!("the identity provider at `{endpoint}` refused {} (HTTP {}): {message}", plan.who, status.as_u16()),
        )
        .hint("check the password, `client_id` and `client_secret` (`OS_CLIENT_ID`, `OS_CLIENT_SECRET`)")
        .into());
    }
    let doc: Value = body::json(resp, body::TOKEN).await?;
    let field = cfg.get("access_token_type").unwrap_or("access_token");
    doc.get(field).and_then(Value::as_str).map(str::to_string).ok_or_else(|| {
        Failure::new(ExitCode::Auth, format!("the identity provider at `{endpoint}` answered without `{field}`"))
            .hint("set `access_token_type` (`OS_ACCESS_TOKEN_TYPE`) to `access_token` or `id_token`")
            .into()
    })
}

/// The `token_endpoint` of an OpenID Connect discovery document. The password goes there next: it must be
/// https, or plain http on the discovery document's own host.
async fn token_endpoint(discovery: &str, http: &Http) -> anyhow::Result<String> {
    let resp = http.send(http.client().get(discovery).header("Accept", "application/json")).await?;
    let status = resp.status();
    if !status.is_success() {
        let message = api_message(resp).await;
        return Err(Failure::new(
            ExitCode::Failure,
            format!(
                "the OpenID Connect discovery document at `{discovery}` answered HTTP {}: {message}",
                status.as_u16()
            ),
        )
        .hint("check `discovery_endpoint` (`OS_DISCOVERY_ENDPOINT`), or set `access_token_endpoint`")
        .into());
    }
    let doc: Value = body::json(resp, body::DOCUMENT).await?;
    let endpoint = doc.get("token_endpoint").and_then(Value::as_str).unwrap_or_default().to_string();
    check_token_endpoint(discovery, &endpoint)?;
    Ok(endpoint)
}

fn check_token_endpoint(discovery: &str, endpoint: &str) -> anyhow::Result<()> {
    let parsed = reqwest::Url::parse(endpoint).ok();
    let base = reqwest::Url::parse(discovery).ok();
    let ok = match (&parsed, &base) {
        (Some(u), _) if u.scheme() == "https" => true,
        (Some(u), Some(b)) => u.scheme() == "http" && b.scheme() == "http" && u.host() == b.host(),
        _ => false,
    };
    if ok {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "the discovery document at `{discovery}` names `{endpoint}` as its token endpoint, which is not https on \
         any host or plain http on the document's own: berth does not send the password there"
    ))
    .hint("set `access_token_endpoint` (`OS_ACCESS_TOKEN_ENDPOINT`) to the identity provider's token endpoint")
    .into())
}

#[cfg(test)]
mod tests {
    use super::check_token_endpoint;

    #[test]
    fn the_password_goes_to_an_https_token_endpoint_or_the_documents_own_host() {
        let ok = |d: &str, e: &str| check_token_endpoint(d, e).is_ok();
        assert!(ok("https://idp.example/.well-known/openid-configuration", "https://idp.example/token"));
        assert!(ok("http://127.0.0.1:8080/.well-known/openid-configuration", "http://127.0.0.1:8080/token"));
        assert!(!ok("https://idp.example/.well-known/openid-configuration", "http://idp.example/token"));
        assert!(!ok("http://127.0.0.1:8080/d", "http://169.254.169.254/token"));
        assert!(!ok("https://idp.example/d", "file:///etc/passwd"));
        assert!(!ok("https://idp.example/d", ""));
    }
}
