//! `berth server list|show|delete|logs`, and the server rows `boot` prints too.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::app::Ctx;
use crate::boot::wait::fault_error;
use crate::boot::{addresses, floating};
use crate::cli::ServerCommand;
use crate::error::{ExitCode, Failure};
use crate::image::find;
use crate::openstack::glance;
use crate::openstack::lookup;
use crate::openstack::neutron::{FloatingIp, Neutron};
use crate::openstack::nova::{Compute, Server};
use crate::output::{Format, List, Record, Settings};

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
            let neutron = Neutron::new(&session);
            let (names, fips) = tokio::join!(glance::list(&session, &[]), neutron.floating_ips_with_devices());
            let names: HashMap<String, String> = names?.into_iter().filter_map(|i| i.name.map(|n| (i.id, n))).collect();
            let fips = floating_or_warn(fips, ctx);
            let settings = ctx.out.settings().clone();
            ctx.out.list(&rows(&servers, &fips, |s| s.image_id().and_then(|id| names.get(id).cloned()), &settings))
        }
        ServerCommand::Show { server } => {
            let s = lookup::server(&compute, &server).await?;
            let fips = floating_or_warn(Neutron::new(&session).floating_ips_with_devices().await, ctx);
            ctx.out.record(&record(&s, &fips))
        }
        ServerCommand::Delete { servers, wait, timeout } => delete(&compute, &servers, wait, timeout, ctx).await,
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

/// Delete the servers, and release the floating IPs berth allocated for them (named in their metadata).
async fn delete(
    compute: &Compute<'_>,
    servers: &[String],
    wait: bool,
    timeout: Duration,
    ctx: &mut Ctx<'_>,
) -> anyhow::Result<()> {
    let mut found = Vec::new();
    for s in servers {
        found.push(lookup::server(compute, s).await?);
    }
    let neutron = Neutron::new(compute.session);
    let mut released = Vec::new();
    let mut unreleased = Vec::new();
    for s in &found {
        compute.delete(&s.id).await?;
        let Some(fip) = s.metadata.get(floating::METADATA_KEY).and_then(Value::as_str) else {
            released.push(Value::Null);
            continue;
        };
        // Deleting an associated floating IP disassociates it: no need to wait for the server to go.
        let address = neutron.floating_ips(&[("id", fip)]).await.ok().and_then(|f| f.into_iter().next());
        match neutron.release_floating_ip(fip).await {
            Ok(true) => released.push(json!(address.map_or_else(|| fip.to_string(), |a| a.floating_ip_address))),
            Ok(false) => released.push(Value::Null),
            Err(e) => {
                released.push(Value::Null);
                unreleased.push(format!("floating IP `{fip}` of server `{}`: {e:#}", s.name));
            }
        }
    }
    if wait {
        wait_gone(compute, &found, timeout).await?;
    }
    let mut list = List::new(DELETE_COLUMNS);
    for (s, r) in found.iter().zip(released) {
        list.row(vec![json!(s.id), json!(s.name), json!(if wait { "gone" } else { "requested" }), r]);
    }
    ctx.out.list(&list)?;
    if !unreleased.is_empty() {
        return Err(Failure::new(
            ExitCode::Failure,
            format!(
                "the servers are deleted, but not every floating IP berth allocated for them: {}",
                unreleased.join("; ")
            ),
        )
        .hint("`openstack floating ip delete ID` releases one by hand")
        .into());
    }
    Ok(())
}

/// The floating IPs Neutron knows, or none with a warning: the servers are still worth showing.
pub fn floating_or_warn(fips: anyhow::Result<Vec<FloatingIp>>, ctx: &Ctx<'_>) -> Vec<FloatingIp> {
    fips.unwrap_or_else(|e| {
        ctx.feedback.warn(&format!("the floating IPs are unknown (only Nova's addresses are shown): {e:#}"), None);
        Vec::new()
    })
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

fn record(s: &Server, fips: &[FloatingIp]) -> Record {
    let addrs = addresses::of(s, fips);
    let fault =
        s.fault.as_ref().map_or(Value::Null, |f| json!({"code": f.code, "message": f.message, "details": f.details}));
    Record::new()
        .field("id", s.id.clone())
        .field("name", s.name.clone())
        .field("status", s.status.clone())
        .field("image", json!(s.image_id()))
        .field("flavor", json!(s.flavor_name()))
        .field("addresses", addresses::text(&addrs))
        .field("networks", addresses::structured(&addrs))
        .field("host", json!(s.host))
        .field("metadata", Value::Object(s.metadata.clone()))
        .field("created", json!(s.created))
        .field("launched_at", json!(s.launched_at))
        .field("fault", fault)
        .declared(SHOW_FIELDS)
}

/// The columns of `server list` and `boot`; the default table leaves out `networks` (`addresses` has the same).
pub const COLUMNS: &[&str] = &["id", "name", "status", "image", "flavor", "addresses", "networks", "host"];
const TABLE: &[&str] = &["id", "name", "status", "image", "flavor", "addresses", "host"];
pub const SHOW_FIELDS: &[&str] = &[
    "id",
    "name",
    "status",
    "image",
    "flavor",
    "addresses",
    "networks",
    "host",
    "metadata",
    "created",
    "launched_at",
    "fault",
];
pub const DELETE_COLUMNS: &[&str] = &["id", "name", "deleted", "released_floating_ip"];
pub const LOGS_FIELDS: &[&str] = &["server", "lines"];

/// Server rows, with the image's name as `image_name` gives it (else its ID) and the addresses per network, fixed
/// and floating.
pub fn rows(
    servers: &[Server],
    fips: &[FloatingIp],
    image_name: impl Fn(&Server) -> Option<String>,
    settings: &Settings,
) -> List {
    let short = settings.format == Format::Table && settings.columns.is_empty();
    let columns = if short { TABLE } else { COLUMNS };
    let mut list = List::new(columns);
    for s in servers {
        let addrs = addresses::of(s, fips);
        let row: Vec<(&str, Value)> = vec![
            ("id", json!(s.id)),
            ("name", json!(s.name)),
            ("status", json!(s.status)),
            ("image", json!(image_name(s).or_else(|| s.image_id().map(str::to_string)))),
            ("flavor", json!(s.flavor_name())),
            ("addresses", json!(addresses::text(&addrs))),
            ("networks", addresses::structured(&addrs)),
            ("host", json!(s.host)),
        ];
        list.row(row.into_iter().filter(|(k, _)| columns.contains(k)).map(|(_, v)| v).collect());
    }
    list
}
