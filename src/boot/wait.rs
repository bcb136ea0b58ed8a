//! Waiting for servers: ACTIVE, ERROR with Nova's fault, or out of time; and what is left when a wait fails.

use std::time::{Duration, Instant};

use crate::error::{ExitCode, Failure};
use crate::openstack::nova::{Compute, Server};

/// Poll until every server is ACTIVE (Ok), one is ERROR (its fault), or `timeout` passes (exit 5).
pub async fn wait_active(
    compute: &Compute<'_>,
    ids: &[String],
    timeout: Duration,
    spinner: indicatif::ProgressBar,
) -> anyhow::Result<Vec<Server>> {
    let start = Instant::now();
    // Every moment between ACTIVE and the poll that sees it is overhead. The pause is 4% of the time waited so far
    // (at least 100 ms, at most 2 s), so the polls' latency stays a few percent of any boot's length while a long
    // boot is asked about less and less often (a poll costs Nova ~20 ms).
    let pause_after = |waited: Duration| (waited / 25).clamp(Duration::from_millis(100), Duration::from_secs(2));
    loop {
        let mut servers = Vec::new();
        for id in ids {
            let s = compute.server(id).await?.ok_or_else(|| {
                Failure::new(ExitCode::Failure, format!("server `{id}` disappeared while berth waited for it"))
            })?;
            if s.status == "ERROR" {
                spinner.finish_and_clear();
                return Err(fault_error(&s).into());
            }
            servers.push(s);
        }
        let waiting: Vec<&Server> = servers.iter().filter(|s| s.status != "ACTIVE").collect();
        if waiting.is_empty() {
            spinner.finish_and_clear();
            return Ok(servers);
        }
        spinner.set_message(format!(
            "waiting for {} ({}), {:.0} s",
            waiting.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "),
            waiting[0].status,
            start.elapsed().as_secs_f64()
        ));
        if start.elapsed() >= timeout {
            spinner.finish_and_clear();
            return Err(Failure::new(
                ExitCode::Timeout,
                format!(
                    "{} still {} after {:.0} s",
                    waiting.iter().map(|s| format!("server `{}` ({})", s.name, s.id)).collect::<Vec<_>>().join(", "),
                    waiting[0].status,
                    timeout.as_secs_f64()
                ),
            )
            .into());
        }
        tokio::time::sleep(pause_after(start.elapsed()).min(timeout.saturating_sub(start.elapsed()))).await;
    }
}

/// Nova's fault as an error: message, code, and the first lines of the details.
pub fn fault_error(s: &Server) -> Failure {
    let (message, code, details) = match &s.fault {
        Some(f) => (f.message.clone(), f.code, f.details.clone()),
        None => ("no fault recorded".to_string(), None, None),
    };
    let mut text = format!("server `{}` ({}) went to ERROR: {message}", s.name, s.id);
    if let Some(c) = code {
        text.push_str(&format!(" (code {c})"));
    }
    // Tracebacks (what admins see for scheduler faults) add noise, not reasons; `server show` has them whole.
    if let Some(d) = details.filter(|d| !d.trim().is_empty() && !d.trim_start().starts_with("Traceback")) {
        let first: Vec<&str> = d.lines().filter(|l| !l.trim().is_empty()).take(3).collect();
        text.push_str(&format!("; details: {}", first.join(" | ")));
    }
    let hint = if message.contains("No valid host") {
        "no compute host accepted the request: compare the flavor's size and the image's properties (hypervisor_type, architecture) with the hosts (`berth gaps`)"
    } else {
        "Nova's fault above is what the compute service reported; the server is in ERROR and must be deleted"
    };
    Failure::new(ExitCode::Failure, text).hint(hint)
}

/// After ERROR, timeout or Ctrl-C: delete the servers (`--delete-on-failure`) or say how to.
pub async fn after_failure(compute: &Compute<'_>, ids: &[String], delete: bool, e: anyhow::Error) -> anyhow::Error {
    let f = crate::error::failure(&e);
    let (code, msg) = (f.map_or(ExitCode::Failure, |f| f.code), e.to_string());
    let detail = f.and_then(|f| f.hint.clone()).map(|h| format!("{h}; ")).unwrap_or_default();
    let what = if delete {
        let mut gone = Vec::new();
        for id in ids {
            match compute.delete(id).await {
                Ok(()) => gone.push(format!("deleted server `{id}` (--delete-on-failure)")),
                Err(d) => gone.push(format!("could not delete server `{id}`: {d:#}")),
            }
        }
        gone.join("; ")
    } else {
        format!(
            "the server is left as it is: `berth server delete {}` removes it (or boot with `--delete-on-failure`)",
            ids.join(" ")
        )
    };
    Failure::new(code, msg).hint(format!("{detail}{what}")).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fault_text_and_hint() {
        let s: Server = serde_json::from_value(json!({"id": "i", "name": "n", "status": "ERROR",
            "fault": {"code": 500, "message": "No valid host was found. ", "details": "Traceback\n  line\n"}}))
        .unwrap();
        let f = fault_error(&s);
        assert_eq!(f.message, "server `n` (i) went to ERROR: No valid host was found.  (code 500)");
        let s: Server = serde_json::from_value(json!({"id": "i", "name": "n", "status": "ERROR",
            "fault": {"code": 500, "message": "Build of instance aborted", "details": "disk full\n\nretry later"}}))
        .unwrap();
        assert_eq!(
            fault_error(&s).message,
            "server `n` (i) went to ERROR: Build of instance aborted (code 500); details: disk full | retry later"
        );
        assert!(f.hint.unwrap().contains("no compute host"));
    }
}
