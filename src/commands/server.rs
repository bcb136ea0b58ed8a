//! `berth server list|show|delete|logs`, and the server rows `boot` prints too.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::app::Ctx;
use crate::boot::wait::fault_error;
use crate::cli::ServerCommand;
use crate::error::{ExitCode, Failure};
use crate::image::find;
use crate::openstack::glance;
use crate::openstack::lookup;
use crate::openstack::nova::{Compute, Server};
use crate::output::{Format, List, Record};

pub async fn run(cmd: ServerCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let session = ctx.session().await?;
    let compute = Compute::connect(&session).await?;
    match cmd {
        ServerCommand::List { name, status, image } => {
            let image_id = match &image {
                Some(i) => Some(find::resolve(&session, i).await?.id),
                None => None,
            };
            let mut query: Vec<(&str, &str)> = Vec::new();
            if let Some(n) = &name {
                query.push(("name", n));
            }
            if let Some(s) = &status {
                query.push(("status", s));
            }
            if let Some(i) = &image_id {
                query.push(("image", i));
            }
            let mut servers = compute.servers(&query).await?;
            servers.sort_by(|a, b| a.name.cmp(&b.name).then(a.created.cmp(&b.created)));
            let names: HashMap<String, String> =
                glance::list(&session, &[]).await?.into_iter().filter_map(|i| i.name.map(|n| (i.id, n))).collect();
            ctx.out.list(&rows(&servers, |s| s.image_id().and_then(|id| names.get(id).cloned())))
        }
        ServerCommand::Show { server } => {
            let s = lookup::server(&compute, &server).await?;
            ctx.out.record(&record(&s))
        }
        ServerCommand::Delete { servers, wait, timeout } => {
            let mut found = Vec::new();
            for s in &servers {
                found.push(lookup::server(&compute, s).await?);
            }
            for s in &found {
                compute.delete(&s.id).await?;
            }
            if wait {
                wait_gone(&compute, &found, timeout).await?;
            }
            let mut list = List::new(DELETE_COLUMNS);
            for s in &found {
                list.row(vec![json!(s.id), json!(s.name), json!(if wait { "gone" } else { "requested" })]);
            }
            ctx.out.list(&list)
        }
        ServerCommand::Logs { server, lines } => {
            let s = lookup::server(&compute, &server).await?;
            let mut text = compute.console_output(&s.id, lines).await?;
            let settings = ctx.out.settings();
            // The log as it is for people and `| grep` (ending with a line end), structured for programs and `-c`.
            if matches!(settings.format, Format::Table | Format::Value) && settings.columns.is_empty() {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                return ctx.out.raw(text.as_bytes());
            }
            let lines: Vec<&str> = text.lines().collect();
            ctx.out.record(&Record::new().field("server", s.id.clone()).field("lines", lines).declared(LOGS_FIELDS))
        }
    }
}

/// Poll until the deleted servers are gone; one that goes to ERROR with a fault is that fault, one still there
/// after `limit` a timeout (exit 5).
async fn wait_gone(compute: &Compute<'_>, found: &[Server], limit: Duration) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(200);
    loop {
        let mut left = Vec::new();
        for s in found {
            if let Some(still) = compute.server(&s.id).await? {
                if still.status == "ERROR" && still.fault.is_some() && start.elapsed() > Duration::from_secs(5) {
                    return Err(fault_error(&still).into());
                }
                left.push(still);
            }
        }
        if left.is_empty() {
            return Ok(());
        }
        if start.elapsed() >= limit {
            return Err(Failure::new(
                ExitCode::Timeout,
                format!(
                    "{} still there after {:.0} s",
                    left.iter().map(|s| format!("`{}`", s.name)).collect::<Vec<_>>().join(", "),
                    limit.as_secs_f64()
                ),
            )
            .into());
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 3 / 2).min(Duration::from_secs(1));
    }
}

fn record(s: &Server) -> Record {
    let fault =
        s.fault.as_ref().map_or(Value::Null, |f| json!({"code": f.code, "message": f.message, "details": f.details}));
    Record::new()
        .field("id", s.id.clone())
        .field("name", s.name.clone())
        .field("status", s.status.clone())
        .field("image", json!(s.image_id()))
        .field("flavor", json!(s.flavor_name()))
        .field("addresses", s.addresses_text())
        .field("host", json!(s.host))
        .field("metadata", Value::Object(s.metadata.clone()))
        .field("created", json!(s.created))
        .field("launched_at", json!(s.launched_at))
        .field("fault", fault)
        .declared(SHOW_FIELDS)
}

pub const COLUMNS: &[&str] = &["id", "name", "status", "image", "flavor", "addresses", "host"];
pub const SHOW_FIELDS: &[&str] =
    &["id", "name", "status", "image", "flavor", "addresses", "host", "metadata", "created", "launched_at", "fault"];
pub const DELETE_COLUMNS: &[&str] = &["id", "name", "deleted"];
pub const LOGS_FIELDS: &[&str] = &["server", "lines"];

/// Server rows, with the image's name as `image_name` gives it (else its ID).
pub fn rows(servers: &[Server], image_name: impl Fn(&Server) -> Option<String>) -> List {
    let mut list = List::new(COLUMNS);
    for s in servers {
        list.row(vec![
            json!(s.id),
            json!(s.name),
            json!(s.status),
            json!(image_name(s).or_else(|| s.image_id().map(str::to_string))),
            json!(s.flavor_name()),
            json!(s.addresses_text()),
            json!(s.host),
        ]);
    }
    list
}
