//! Where Keystone's v3 API is (`auth_url`, or its version list), and Keystone's error messages.

use serde_json::Value;

use crate::error::{ExitCode, Failure};
use crate::net::{Http, body};

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

/// The Keystone v3 base URL: `auth_url` itself when it ends in `/v3`, else discovered from its version list.
/// Keystone answers its root with 300 Multiple Choices: 2xx and 300 are version documents, any other status
/// an error, never a list to trust. The v3 `self` link is resolved against `auth_url` and must stay on its
/// host and port, without going from https to http (see [`v3_from_link`]): the password goes there next.
pub async fn identity_v3(auth_url: &str, http: &Http) -> anyhow::Result<String> {
    let base = auth_url.trim_end_matches('/');
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
        None => Err(Failure::usage(format!("`{base}` did not list an identity v3 API (HTTP {})", status.as_u16()))
            .hint(
                "point auth_url (`OS_AUTH_URL`, `--os-auth-url`) at Keystone, e.g. `https://keystone.example:5000/v3`",
            )
            .into()),
    }
}
