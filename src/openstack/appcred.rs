//! Keystone application credentials that can do one thing: what a machine gets instead of anyone's password.
//! Access rules (identity API 3.13, Train) restrict a credential to requests of one service, method and path;
//! the service's auth_token middleware enforces them (it must know its own `service_type`). An expiry makes it
//! short-lived. The secret is Keystone's answer to the create and is never shown again: berth hands it to the
//! caller only, never to the output or a log.

use serde_json::{Value, json};

use crate::error::Failure;
use crate::net::body;
use crate::openstack::{Session, check};

/// One access rule: a request the credential may make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// A service type of the catalog: `image`.
    pub service: String,
    pub method: String,
    /// A path of that service: `/v2/images/{id}/file`.
    pub path: String,
}

/// A new credential: its ID and secret (which Keystone never shows again).
pub struct Created {
    pub id: String,
    pub secret: String,
    pub expires_at: String,
}

impl std::fmt::Debug for Created {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Created")
            .field("id", &self.id)
            .field("secret", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

fn users_path(session: &Session) -> String {
    let token = session.token();
    format!("{}/users/{}/application_credentials", token.identity_url, token.body.user.id)
}

/// Create a credential of the token's user and project, restricted to `rules`, expiring at `expires_at` (UTC,
/// `YYYY-MM-DDTHH:MM:SS`).
pub async fn create(
    session: &Session,
    name: &str,
    description: &str,
    expires_at: &str,
    rules: &[Rule],
) -> anyhow::Result<Created> {
    let body = json!({"application_credential": {
        "name": name,
        "description": description,
        "expires_at": expires_at,
        "unrestricted": false,
        "access_rules": rules.iter().map(|r| json!({"service": r.service, "method": r.method, "path": r.path})).collect::<Vec<_>>(),
    }});
    let url = users_path(session);
    let resp = session.request_url(reqwest::Method::POST, &url, |r| r.json(&body)).await?;
    let what = format!("creating the application credential `{name}`");
    if resp.status() == reqwest::StatusCode::FORBIDDEN {
        return Err(Failure::new(
            crate::error::ExitCode::Auth,
            format!("{what} failed: Keystone answered HTTP 403: {}", super::auth::api_message(resp).await),
        )
        .hint("an application credential cannot make another one unless it is unrestricted: use a password (or token) identity")
        .into());
    }
    let v: Value = body::json(check(resp, &what).await?, body::DOCUMENT).await?;
    let c = &v["application_credential"];
    let field = |k: &str| c[k].as_str().unwrap_or_default().to_string();
    Ok(Created { id: field("id"), secret: field("secret"), expires_at: field("expires_at") })
}

/// Delete the token's user's credentials named `name`; how many there were.
pub async fn delete_named(session: &Session, name: &str) -> anyhow::Result<usize> {
    let url = users_path(session);
    let resp = session.request_url(reqwest::Method::GET, &url, |r| r.query(&[("name", name)])).await?;
    let v: Value = body::json(check(resp, "listing application credentials").await?, body::DOCUMENT).await?;
    let ids: Vec<String> = v["application_credentials"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["name"] == name)
        .filter_map(|c| c["id"].as_str().map(str::to_string))
        .collect();
    for id in &ids {
        let resp = session.request_url(reqwest::Method::DELETE, &format!("{url}/{id}"), |r| r).await?;
        if resp.status() != reqwest::StatusCode::NOT_FOUND {
            check(resp, &format!("deleting the application credential `{name}`")).await?;
        }
    }
    Ok(ids.len())
}
