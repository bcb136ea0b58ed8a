//! `berth server list|show|delete|logs`.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::cli::ServerCommand;
use crate::commands::Ctx;
use crate::commands::boot::{self, is_uuid, suggestions};
use crate::error::{ExitCode, Failure};
use crate::openstack::glance;
use crate::openstack::nova::{Compute, Server};
use crate::output::Record;

/// A server by ID, else by exact name (exactly one).
async fn find(compute: &Compute<'_>, wanted: &str) -> anyhow::Result<Server> {
    if is_uuid(wanted)
        && let Some(s) = compute.server(wanted).await?
    {
        return Ok(s);
    }
    let all = compute.servers(&[]).await?;
    let named: Vec<&Server> = all.iter().filter(|s| s.name == wanted).collect();
    match named.len() {
        1 => Ok(named[0].clone()),
        0 => Err(Failure::new(ExitCode::Failure, format!("no server is called `{wanted}` or has that ID"))
            .hint(format!(
                "{}`berth server list` shows the servers",
                match suggestions(wanted, all.iter().map(|s| s.name.as_str())).as_slice() {
                    [] => String::new(),
                    s =>
                        format!("did you mean {}? ", s.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
                }
            ))
            .into()),
        n => Err(Failure::usage(format!("{n} servers are called `{wanted}`"))
            .hint(format!("use an ID: {}", named.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")))
            .into()),
    }
}

pub async fn run(cmd: ServerCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let verbose = ctx.out.settings().verbose;
    let session = ctx.session().await?;
    let compute = Compute::connect(&session, verbose).await?;
    match cmd {
        ServerCommand::List { name, status, image } => {
            let image_id = match &image {
                Some(i) => Some(boot::resolve_image(&session, i).await?.id),
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
            ctx.out.list(&boot::rows(&servers, |s| s.image_id().and_then(|id| names.get(id).cloned())))
        }
        ServerCommand::Show { server } => {
            let s = find(&compute, &server).await?;
            let fault = s
                .fault
                .as_ref()
                .map_or(Value::Null, |f| json!({"code": f.code, "message": f.message, "details": f.details}));
            let rec = Record::new()
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
                .field("fault", fault);
            ctx.out.record(&rec)
        }
        ServerCommand::Delete { servers, wait, timeout } => {
            let mut found = Vec::new();
            for s in &servers {
                found.push(find(&compute, s).await?);
            }
            for s in &found {
                compute.delete(&s.id).await?;
            }
            if wait {
                let start = Instant::now();
                let limit = Duration::from_secs_f64(timeout.max(0.0));
                let mut pause = Duration::from_millis(200);
                loop {
                    let mut left = Vec::new();
                    for s in &found {
                        if let Some(still) = compute.server(&s.id).await? {
                            if still.status == "ERROR"
                                && still.fault.is_some()
                                && start.elapsed() > Duration::from_secs(5)
                            {
                                return Err(boot::fault_error(&still).into());
                            }
                            left.push(still);
                        }
                    }
                    if left.is_empty() {
                        break;
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
            let mut list = crate::output::List::new(&["id", "name", "deleted"]);
            for s in &found {
                list.row(vec![json!(s.id), json!(s.name), json!(if wait { "gone" } else { "requested" })]);
            }
            ctx.out.list(&list)
        }
        ServerCommand::Logs { server, lines } => {
            let s = find(&compute, &server).await?;
            let text = compute.console_output(&s.id, lines).await?;
            ctx.out.raw(text.as_bytes())
        }
    }
}
