//! Dynamic shell completion: the values the clap definition cannot know. The shell's completion script (from
//! `berth completions SHELL`) runs `BERTH_COMPLETE=SHELL berth -- <the line>`, and clap_complete's engine calls these
//! for the argument under the cursor:
//!
//! - `--os-cloud`: the clouds of clouds.yaml and secure.yaml (files only, no request);
//! - `boot --image`, `image history|rollback|prune`, `server show|delete|logs`, `stack show|delete|...`: names from
//!   the cloud of the line (`--os-cloud`, else `OS_CLOUD` / `OS_*`), with a token **from the cache only**: a
//!   completion never asks Keystone for a token or the person for a password. Every request shares one budget of
//!   [`BUDGET`] (300 ms; `BERTH_COMPLETE_TIMEOUT_MS`): a cloud that does not answer within it completes nothing,
//!   and never holds the shell.

use std::ffi::{OsStr, OsString};
use std::sync::Arc;
use std::time::Duration;

use clap_complete::engine::CompletionCandidate;
use serde_json::Value;

use crate::config::{Files, Flags, Web};
use crate::feedback::Feedback;
use crate::net::{Options, Policy};
use crate::openstack::{self, Session, glance, heat::Heat};

/// The variable that makes berth a completer (clap's default, `COMPLETE`, is a name other programs may set).
pub const VAR: &str = "BERTH_COMPLETE";

/// How long a completion may wait for the cloud, from the start of its first request.
pub const BUDGET: Duration = Duration::from_millis(300);

/// [`BUDGET`], or `BERTH_COMPLETE_TIMEOUT_MS` (milliseconds, at most 10 s) for a cloud that is known to be slow.
fn budget() -> Duration {
    std::env::var("BERTH_COMPLETE_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(BUDGET, |ms| Duration::from_millis(ms.min(10_000)))
}

/// The completion script of `shell`: it registers berth as its own completer, so that every completion (commands,
/// flags, and the values above) runs `BERTH_COMPLETE=SHELL berth -- LINE` from `PATH`.
pub fn script(shell: clap_complete::Shell) -> anyhow::Result<Vec<u8>> {
    let name = shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells.completer(&name).ok_or_else(|| anyhow::anyhow!("no completion script for {name}"))?;
    let mut script = Vec::new();
    completer.write_registration(VAR, "berth", "berth", "berth", &mut script)?;
    Ok(script)
}

fn matching(names: impl IntoIterator<Item = String>, current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let mut names: Vec<String> = names.into_iter().filter(|n| !n.is_empty() && n.starts_with(&*current)).collect();
    names.sort();
    names.dedup();
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// `--os-cloud`: the cloud names of clouds.yaml and secure.yaml.
pub fn clouds(current: &OsStr) -> Vec<CompletionCandidate> {
    matching(Files::load().map(|f| f.cloud_names()).unwrap_or_default(), current)
}

/// Docker images in Glance (`container_format=docker`), by name.
pub fn images(current: &OsStr) -> Vec<CompletionCandidate> {
    matching(from_cloud(|s| Box::pin(image_names(s))), current)
}

/// Servers of the token's project, by name.
pub fn servers(current: &OsStr) -> Vec<CompletionCandidate> {
    matching(from_cloud(|s| Box::pin(server_names(s))), current)
}

/// Heat stacks of the token's project, by name.
pub fn stacks(current: &OsStr) -> Vec<CompletionCandidate> {
    matching(from_cloud(|s| Box::pin(stack_names(s))), current)
}

async fn image_names(s: Arc<Session>) -> anyhow::Result<Vec<String>> {
    let images = glance::list(&s, &[("container_format", "docker"), ("limit", "1000")]).await?;
    Ok(images.into_iter().filter_map(|i| i.name).collect())
}

async fn server_names(s: Arc<Session>) -> anyhow::Result<Vec<String>> {
    let resp = s.request(reqwest::Method::GET, "compute", "/servers?limit=1000", |r| r).await?;
    let doc: Value = crate::net::body::json(resp.error_for_status()?, crate::net::body::DOCUMENT).await?;
    Ok(names(&doc["servers"]))
}

async fn stack_names(s: Arc<Session>) -> anyhow::Result<Vec<String>> {
    let stacks = Heat::connect(&s)?.list().await?;
    Ok(stacks.into_iter().map(|st| st.stack_name).collect())
}

fn names(list: &Value) -> Vec<String> {
    list.as_array().into_iter().flatten().filter_map(|v| v["name"].as_str()).map(str::to_string).collect()
}

type Ask = fn(Arc<Session>) -> std::pin::Pin<Box<dyn std::future::Future<Output = anyhow::Result<Vec<String>>>>>;

/// What `ask` finds in the cloud of the line being completed within [`BUDGET`]; nothing on any failure (no
/// cached token, a cloud that is down or slow, an error), since a completion has nowhere to say why.
fn from_cloud(ask: Ask) -> Vec<String> {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return Vec::new() };
    let budget = budget();
    let found = rt.block_on(async {
        let net = Options {
            timeout: budget,
            retry: Policy::with_retries(0),
            feedback: Feedback::silent(),
            timings: Default::default(),
        };
        let flags = Flags { cloud: cloud_of_line(std::env::args_os()), settings: Vec::new() };
        // Files, the cache and the TLS setup first (a profile a server publishes is read within its own budget),
        // then the cloud's answer within the budget.
        let cfg = crate::config::resolve(&flags, &Web { net: net.clone() }).ok()?;
        let http = Arc::new(openstack::http(&cfg, &net).ok()?);
        let session = Arc::new(Session::cached(cfg, http)?);
        tokio::time::timeout(budget, ask(session)).await.ok()?.ok()
    });
    // A request still under way (a name lookup on a blocking thread) is not waited for.
    rt.shutdown_background();
    found.unwrap_or_default()
}

/// The `--os-cloud` of the command line being completed (the words after the first `--`).
fn cloud_of_line(args: impl IntoIterator<Item = OsString>) -> Option<String> {
    let words: Vec<String> = args.into_iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let line = words.iter().position(|w| w == "--").map_or(&words[..0], |i| &words[i + 1..]);
    let mut cloud = None;
    for (i, w) in line.iter().enumerate() {
        if let Some(v) = w.strip_prefix("--os-cloud=") {
            cloud = Some(v.to_string());
        } else if w == "--os-cloud" {
            cloud = line.get(i + 1).cloned();
        }
    }
    cloud.filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[&str]) -> Option<String> {
        cloud_of_line(words.iter().map(OsString::from))
    }

    #[test]
    fn the_cloud_comes_from_the_line_being_completed() {
        assert_eq!(line(&["berth", "--", "berth", "--os-cloud", "a", "image", "history", ""]).as_deref(), Some("a"));
        assert_eq!(line(&["berth", "--", "berth", "server", "logs", "--os-cloud=b", "w"]).as_deref(), Some("b"));
        // Not berth's own arguments before `--`, nor a flag whose value is still being typed.
        assert_eq!(line(&["berth", "--os-cloud", "x", "--", "berth", "server", "show", ""]), None);
        assert_eq!(line(&["berth", "--", "berth", "--os-cloud"]), None);
    }

    #[test]
    fn candidates_start_with_what_is_typed_sorted_once() {
        let got = matching(["web".into(), "db".into(), "web".into(), "worker".into(), String::new()], OsStr::new("w"));
        let values: Vec<_> = got.iter().map(|c| c.get_value().to_string_lossy().into_owned()).collect();
        assert_eq!(values, ["web", "worker"]);
    }
}
