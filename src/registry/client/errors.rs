//! A registry's error answers: its `{"errors": [...]}` (or a token server's `details`), and what berth says about a
//! failed answer: no such repository, tag or manifest, a rate limit, anything else.

use reqwest::{Response, StatusCode};
use serde::Deserialize;

use super::Registry;
use crate::error::{ExitCode, Failure};
use crate::net::body;
use crate::registry::reference::Reference;

/// The `{"errors": [{"code", "message"}]}` of a registry's error answer, as `CODE: message; ...`, else the body's
/// first line.
#[derive(Debug, Default)]
pub(super) struct RegistryError {
    pub(super) codes: Vec<String>,
    pub(super) text: String,
}

pub(super) async fn read_error(resp: Response) -> RegistryError {
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
    let body = match body::read(resp, body::ERROR).await {
        Ok(b) => b,
        Err(e) => return RegistryError { codes: Vec::new(), text: e.to_string() },
    };
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

impl Registry {
    /// The error for any other failed answer about `what` in `r`'s repository.
    pub(super) async fn failed(&self, resp: Response, r: &Reference, what: Option<&str>) -> anyhow::Error {
        let status = resp.status();
        let come_back = crate::net::retry::come_back(status, resp.headers());
        let retried = crate::net::retry::after_retries(&resp);
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
}
