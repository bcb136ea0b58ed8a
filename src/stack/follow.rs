//! Following a stack to the end of an action (create, update, delete) through its events: each event is handed to
//! the caller as it comes, and the stack's own `*_COMPLETE` / `*_FAILED` event ends the wait.
//!
//! `openstack stack create --wait` polls every 5 s; berth asks for the events after the last one it saw
//! (`marker`, `sort_dir=asc`: an answer of a few hundred bytes) every 100-300 ms (2.5% of the time waited so far,
//! within those bounds), so it reports the end within a few tenths of a second of Heat. Every 5 s it also reads
//! the stack itself, in case Heat's events were purged or missed.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::settled;
use crate::error::{ExitCode, Failure};
use crate::openstack::heat::{Event, Heat, Resource, Stack};

/// How an action ended.
#[derive(Debug)]
pub enum End {
    /// `*_COMPLETE`: the stack as it is now (`None` once deleted).
    Complete(Option<Stack>),
    /// `*_FAILED`: the stack and its failed resources.
    Failed { stack: Stack, failed: Vec<Resource> },
}

/// What the caller is told about each event: the event and its resource's type, when known.
pub type OnEvent<'f> = dyn FnMut(&Event, Option<&str>) + 'f;

/// The pause before the next poll, after `waited`.
fn pause_after(waited: Duration) -> Duration {
    (waited / 40).clamp(Duration::from_millis(100), Duration::from_millis(300))
}

/// Whether `e` is the stack's own event (Heat names it after the stack, with the stack's ID as physical ID).
pub fn is_stack_event(e: &Event, stack: &Stack) -> bool {
    e.resource_name == stack.stack_name && e.physical_resource_id.as_deref() == Some(stack.id.as_str())
}

/// Follow `stack` until `action` ends, handing each event after `marker` to `on_event`; out of time after
/// `limit` (exit 5).
pub async fn follow(
    heat: &Heat<'_>,
    stack: &Stack,
    action: &str,
    mut marker: Option<String>,
    limit: Duration,
    on_event: &mut OnEvent<'_>,
) -> anyhow::Result<End> {
    let start = Instant::now();
    let mut checked = start;
    let mut types: HashMap<String, String> = HashMap::new();
    let mut listed = false;
    let mut status = format!("{action}_IN_PROGRESS");
    loop {
        let mut ended = None;
        match heat.events(stack, marker.as_deref()).await? {
            None if action == "DELETE" => return Ok(End::Complete(None)),
            None => return Err(gone(stack)),
            Some(events) => {
                for e in events {
                    marker = Some(e.id.clone());
                    let own = is_stack_event(&e, stack);
                    if !own && !types.contains_key(&e.resource_name) && !listed {
                        // A resource berth has not seen: its type is in the resource list (once per wait).
                        listed = true;
                        types.extend(
                            heat.resources(stack).await?.into_iter().map(|r| (r.resource_name, r.resource_type)),
                        );
                    }
                    on_event(&e, if own { None } else { types.get(&e.resource_name).map(String::as_str) });
                    if own {
                        status = e.resource_status.clone();
                        ended = ended.or(settled(&e.resource_status, action));
                    }
                }
            }
        }
        if ended.is_none() && checked.elapsed() >= Duration::from_secs(5) {
            checked = Instant::now();
            match heat.get(stack).await? {
                None if action == "DELETE" => return Ok(End::Complete(None)),
                None => return Err(gone(stack)),
                Some(now) => ended = settled(&now.stack_status, action),
            }
        }
        if let Some(ok) = ended
            && let Some(end) = confirm(heat, stack, action, ok).await?
        {
            return Ok(end);
        }
        let waited = start.elapsed();
        if waited >= limit {
            return Err(Failure::new(
                ExitCode::Timeout,
                format!("stack `{}` is still {status} after {:.0} s", stack.stack_name, limit.as_secs_f64()),
            )
            .into());
        }
        tokio::time::sleep(pause_after(waited).min(limit - waited)).await;
    }
}

fn gone(stack: &Stack) -> anyhow::Error {
    Failure::new(
        ExitCode::Failure,
        format!("stack `{}` ({}) disappeared while berth followed it", stack.stack_name, stack.id),
    )
    .into()
}

/// The end an event (or the stack's status) announced, as the stack is now. A failed event is confirmed by the
/// stack's own status: it may be an earlier action's end (a delete cancelled by this one); `None` then.
async fn confirm(heat: &Heat<'_>, stack: &Stack, action: &str, ok: bool) -> anyhow::Result<Option<End>> {
    let now = match heat.get(stack).await? {
        None if action == "DELETE" => return Ok(Some(End::Complete(None))),
        None => return Err(gone(stack)),
        Some(now) => now,
    };
    let ok = if ok { Some(true) } else { settled(&now.stack_status, action) };
    Ok(match ok {
        Some(true) if action == "DELETE" => Some(End::Complete(None)),
        Some(true) => Some(End::Complete(Some(now))),
        Some(false) => {
            let failed =
                heat.resources(&now).await?.into_iter().filter(|r| r.resource_status.ends_with("_FAILED")).collect();
            Some(End::Failed { stack: now, failed })
        }
        None => None,
    })
}

/// A failed action as an error: the failing resources, their types and Heat's reasons (else the stack's reason).
pub fn failure(stack: &Stack, failed: &[Resource]) -> Failure {
    let mut text = format!("stack `{}` went to {}", stack.stack_name, stack.stack_status);
    if failed.is_empty() {
        text.push_str(&format!(": {}", stack.stack_status_reason.as_deref().unwrap_or("Heat gave no reason")));
    }
    for r in failed {
        text.push_str(&format!(
            "\n  resource `{}` ({}) {}: {}",
            r.resource_name,
            r.resource_type,
            r.resource_status,
            r.resource_status_reason.as_deref().unwrap_or("no reason given")
        ));
    }
    Failure::new(ExitCode::Failure, text)
}

/// After a failure, a timeout or a signal: delete the stack (`--delete-on-failure`) or say how to; the error
/// keeps its exit code.
pub async fn after_failure(heat: &Heat<'_>, stack: &Stack, delete: bool, e: anyhow::Error) -> anyhow::Error {
    let f = crate::error::failure(&e);
    let (code, msg) =
        (f.map_or(ExitCode::Failure, |f| f.code), f.map_or_else(|| format!("{e:#}"), |f| f.message.clone()));
    let detail = f.and_then(|f| f.hint.clone()).map(|h| format!("{h}; ")).unwrap_or_default();
    let what = if delete {
        match heat.delete(stack).await {
            Ok(()) => format!(
                "deleting stack `{}` (--delete-on-failure); `berth stack list` shows when it is gone",
                stack.stack_name
            ),
            Err(d) => format!("could not delete stack `{}`: {d:#}", stack.stack_name),
        }
    } else {
        format!(
            "the stack is left as it is: `berth stack delete {}` removes it (or create with `--delete-on-failure`)",
            stack.stack_name
        )
    };
    Failure::new(code, msg).hint(format!("{detail}{what}")).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_stay_within_their_bounds() {
        assert_eq!(pause_after(Duration::ZERO), Duration::from_millis(100));
        assert_eq!(pause_after(Duration::from_secs(8)), Duration::from_millis(200));
        assert_eq!(pause_after(Duration::from_secs(3600)), Duration::from_millis(300));
    }

    #[test]
    fn the_stack_event_is_told_apart_from_a_resource_named_like_the_stack() {
        let stack: Stack = serde_json::from_value(serde_json::json!({"id": "s1", "stack_name": "web"})).unwrap();
        let event = |name: &str, phys: &str| Event {
            id: "e".into(),
            event_time: None,
            resource_name: name.into(),
            physical_resource_id: Some(phys.into()),
            resource_status: "CREATE_COMPLETE".into(),
            resource_status_reason: None,
        };
        assert!(is_stack_event(&event("web", "s1"), &stack));
        assert!(!is_stack_event(&event("web", "server-uuid"), &stack));
        assert!(!is_stack_event(&event("server", "s1"), &stack));
    }

    #[test]
    fn failures_name_the_resource_its_type_and_the_reason() {
        let stack: Stack = serde_json::from_value(serde_json::json!({"id": "s1", "stack_name": "web",
            "stack_status": "CREATE_FAILED", "stack_status_reason": "Resource CREATE failed"}))
        .unwrap();
        let r: Resource = serde_json::from_value(serde_json::json!({"resource_name": "server",
            "resource_type": "OS::Nova::Server", "resource_status": "CREATE_FAILED",
            "resource_status_reason": "ResourceInError: resources.server: Went to status ERROR"}))
        .unwrap();
        let f = failure(&stack, &[r]);
        assert_eq!(f.code, ExitCode::Failure);
        assert_eq!(
            f.message,
            "stack `web` went to CREATE_FAILED\n  resource `server` (OS::Nova::Server) CREATE_FAILED: ResourceInError: resources.server: Went to status ERROR"
        );
        assert!(failure(&stack, &[]).message.ends_with("CREATE_FAILED: Resource CREATE failed"));
    }
}
