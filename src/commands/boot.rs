//! `berth boot`: preflight, create, wait, and Nova's fault when it fails.

use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Map, Value, json};

use crate::cli::BootArgs;
use crate::commands::Ctx;
use crate::error::{ExitCode, Failure};
use crate::gaps;
use crate::openstack::glance::{self, Image};
use crate::openstack::nova::{Compute, Flavor, Server};
use crate::openstack::{Session, check};
use crate::output::List;

/// Hypervisor types that run containers (the gaps report's definition).
pub use crate::gaps::CONTAINER_HYPERVISORS;

pub fn is_uuid(s: &str) -> bool {
    let hex = s.replace('-', "");
    (s.len() == 36 || s.len() == 32) && hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// Up to three of `candidates` that look like `wanted`, best first.
pub fn suggestions<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<String> = scored.into_iter().map(|(_, c)| c.to_string()).collect();
    out.dedup();
    out.truncate(3);
    out
}

fn did_you_mean(found: &[String]) -> String {
    if found.is_empty() {
        String::new()
    } else {
        format!("did you mean {}? ", found.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))
    }
}

/// An image by Glance ID, Glance name, or docker reference (the newest active image synced from it).
pub async fn resolve_image(session: &Session, wanted: &str) -> anyhow::Result<Image> {
    if is_uuid(wanted)
        && let Ok(img) = glance::get(session, wanted).await
    {
        return Ok(img);
    }
    let newest = |mut imgs: Vec<Image>| {
        imgs.sort_by(|a, b| (a.status == "active", &a.created_at).cmp(&(b.status == "active", &b.created_at)));
        imgs.pop()
    };
    if let Some(img) = newest(glance::by_name(session, wanted).await?) {
        return Ok(img);
    }
    let docker = glance::list(session, &[("container_format", "docker")]).await?;
    if let Ok(r) = crate::registry::reference::parse(wanted) {
        let (tagged, full) = (r.familiar_with_tag(), r.to_string());
        let matching: Vec<Image> = docker
            .iter()
            .filter(|i| {
                i.property("berth_repo_tag") == Some(tagged.as_str())
                    || i.property("berth_source") == Some(full.as_str())
            })
            .cloned()
            .collect();
        if let Some(img) = newest(matching) {
            return Ok(img);
        }
    }
    let names: Vec<&str> = docker.iter().filter_map(|i| i.name.as_deref()).collect();
    Err(Failure::usage(format!(
        "no Glance image is called `{wanted}`, has that ID, or was synced from that docker reference"
    ))
    .hint(format!(
        "{}`berth image list` shows the docker images; `berth image sync {wanted}` makes one",
        did_you_mean(&suggestions(wanted, names))
    ))
    .into())
}

fn resolve_flavor<'f>(flavors: &'f [Flavor], wanted: &str) -> anyhow::Result<&'f Flavor> {
    flavors.iter().find(|f| f.id == wanted).or_else(|| flavors.iter().find(|f| f.name == wanted)).ok_or_else(|| {
        let names: Vec<&str> = flavors.iter().map(|f| f.name.as_str()).collect();
        Failure::usage(format!("no flavor is called `{wanted}` or has that ID"))
            .hint(format!(
                "{}flavors here: {}",
                did_you_mean(&suggestions(wanted, names.iter().copied())),
                names.join(", ")
            ))
            .into()
    })
}

async fn resolve_network(session: &Session, wanted: &str) -> anyhow::Result<String> {
    if is_uuid(wanted) {
        return Ok(wanted.to_string());
    }
    let resp = session.request(reqwest::Method::GET, "network", "/v2.0/networks", |r| r).await?;
    let doc: Value = check(resp, "listing networks").await?.json().await?;
    let nets = doc["networks"].as_array().cloned().unwrap_or_default();
    let matching: Vec<&Value> = nets.iter().filter(|n| n["name"] == wanted).collect();
    match matching.len() {
        1 => Ok(matching[0]["id"].as_str().unwrap_or_default().to_string()),
        0 => {
            let names: Vec<&str> = nets.iter().filter_map(|n| n["name"].as_str()).collect();
            Err(Failure::usage(format!("no network is called `{wanted}`"))
                .hint(format!(
                    "{}networks here: {}; or boot with `--no-network`",
                    did_you_mean(&suggestions(wanted, names.iter().copied())),
                    if names.is_empty() { "none".to_string() } else { names.join(", ") }
                ))
                .into())
        }
        n => Err(Failure::usage(format!("{n} networks are called `{wanted}`")).hint("give the network's ID").into()),
    }
}

/// The refusals that need no request: options a docker instance cannot honour.
pub fn option_refusals(args: &BootArgs) -> Vec<(Failure, bool)> {
    let mut out = Vec::new();
    if args.command.is_some() {
        out.push((
            Failure::usage("`--command` cannot be honoured: the docker driver takes the command from the image's `os_command_line` property, and Nova has no per-boot override of image properties")
                .hint("sync the image again with the command you want in its Entrypoint/Cmd, or set `os_command_line` on a copy of the image"),
            false,
        ));
    }
    if !args.volumes.is_empty() {
        out.push((
            Failure::usage(
                "`--volume` cannot be honoured: container instances (nova-docker) cannot attach Cinder volumes",
            )
            .hint("use Zun (OS::Zun::Container mounts volumes), or `--force` if this cloud's driver can"),
            true,
        ));
    }
    if args.config_drive {
        out.push((
            Failure::usage("`--config-drive` cannot be honoured: container instances have no config drive")
                .hint("pass settings with `--env` (container environment) or `--user-data`; `--force` asks anyway"),
            true,
        ));
    }
    out
}

/// Image and flavor checks: the image must be an active docker image the flavor fits.
pub fn image_refusals(image: &Image, flavor: &Flavor) -> Vec<(Failure, bool)> {
    let mut out = Vec::new();
    let name = image.name.clone().unwrap_or_else(|| image.id.clone());
    if image.container_format.as_deref() != Some("docker") {
        out.push((
            Failure::usage(format!(
                "image `{name}` has container_format `{}`: container drivers boot only `docker` images (nova-docker fails with \"Image container format not supported\")",
                image.container_format.as_deref().unwrap_or("none")
            ))
            .hint("make a docker image with `berth image sync REF`; `--force` boots this one anyway"),
            true,
        ));
    }
    if image.status != "active" {
        out.push((
            Failure::usage(format!("image `{name}` is `{}`, not `active`: Nova cannot boot it", image.status))
                .hint("wait for the upload to finish, or sync it again"),
            false,
        ));
    }
    let min_ram = image.extra.get("min_ram").and_then(Value::as_u64).unwrap_or(0);
    let min_disk = image.extra.get("min_disk").and_then(Value::as_u64).unwrap_or(0);
    if flavor.ram < min_ram || (flavor.disk > 0 && flavor.disk < min_disk) {
        out.push((
            Failure::usage(format!(
                "flavor `{}` ({} MiB RAM, {} GiB disk) is too small for image `{name}` (min_ram {min_ram} MiB, min_disk {min_disk} GiB)",
                flavor.name, flavor.ram, flavor.disk
            ))
            .hint("choose a larger flavor (`openstack flavor list`)"),
            true,
        ));
    }
    out
}

pub async fn run(args: BootArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err(Failure::usage(format!("`--timeout {}` is not a positive number of seconds", args.timeout)).into());
    }
    let mut refusals = option_refusals(&args);
    let user_data = match &args.user_data {
        Some(p) => Some(
            std::fs::read(p)
                .map_err(|e| Failure::usage(format!("cannot read the user data `{}`: {e}", p.display())))?,
        ),
        None => None,
    };
    let verbose = ctx.out.settings().verbose;
    let quiet = ctx.out.settings().quiet;
    let session = ctx.session().await?;
    let compute = Compute::connect(&session, verbose).await?;
    let (image, flavors) = tokio::join!(resolve_image(&session, &args.image), compute.flavors());
    let (image, flavors) = (image?, flavors?);
    let flavor = resolve_flavor(&flavors, &args.flavor)?;
    refusals.extend(image_refusals(&image, flavor));
    let mut networks = Vec::new();
    for n in &args.networks {
        networks.push(json!({ "uuid": resolve_network(&session, n).await? }));
    }
    networks.extend(args.ports.iter().map(|p| json!({ "port": p })));

    // Without --force the first refusal stops the boot; with it, the first one --force cannot lift.
    let stop = if args.force {
        refusals.iter().position(|(_, forceable)| !forceable)
    } else {
        (!refusals.is_empty()).then_some(0)
    };
    if let Some(pos) = stop {
        let (first, _) = refusals.remove(pos);
        let more = refusals.len();
        return Err(if more > 0 && !args.force {
            let hint = first.hint.clone().unwrap_or_default();
            Failure::usage(first.message).hint(format!(
                "{hint} ({more} more check(s) would refuse too: {})",
                refusals.iter().map(|(f, _)| f.message.as_str()).collect::<Vec<_>>().join("; ")
            ))
        } else {
            first
        }
        .into());
    }
    if !quiet {
        for (f, _) in &refusals {
            eprintln!("warning: {} (booting anyway: --force)", f.message);
        }
        // The same fact and check as `berth gaps` (compute.container-hypervisor).
        let hypervisors = gaps::facts::hypervisors(&session, &session.endpoint("compute")?).await;
        match gaps::checks::container_hypervisor(&hypervisors).status {
            gaps::Status::Fail => {
                let kinds: Vec<String> = hypervisors.known().into_iter().flatten().map(|h| h.kind.clone()).collect();
                eprintln!(
                    "warning: no hypervisor of this cloud is a container one (docker, lxc): it has {}. Nova will place the server on one of those, which boots the image's data as a VM disk, not as a container.",
                    if kinds.is_empty() { "none".to_string() } else { kinds.join(", ") }
                );
            }
            gaps::Status::Unknown if verbose >= 1 => eprintln!(
                "boot: the container-hypervisor check is skipped: {}",
                hypervisors.reason().unwrap_or("the hypervisors are unknown")
            ),
            _ => {}
        }
    }

    let mut metadata = Map::new();
    for (k, v) in args.env.iter().chain(&args.properties) {
        metadata.insert(k.clone(), Value::from(v.clone()));
    }
    let mut server = json!({
        "name": args.name,
        "imageRef": image.id,
        "flavorRef": flavor.id,
        "networks": if args.no_network { json!("none") } else if networks.is_empty() { json!("auto") } else { json!(networks) },
        "metadata": metadata,
        "min_count": args.count,
        "max_count": args.count,
    });
    let s = server.as_object_mut().unwrap();
    if args.count > 1 {
        s.insert("return_reservation_id".into(), json!(true));
    }
    if let Some(k) = &args.key_name {
        s.insert("key_name".into(), json!(k));
    }
    if let Some(z) = &args.availability_zone {
        s.insert("availability_zone".into(), json!(z));
    }
    if let Some(u) = user_data {
        s.insert("user_data".into(), json!(base64::engine::general_purpose::STANDARD.encode(u)));
    }
    if args.config_drive {
        s.insert("config_drive".into(), json!(true));
    }
    if !args.volumes.is_empty() {
        let bdm: Vec<Value> = args
            .volumes
            .iter()
            .map(|v| json!({"source_type": "volume", "destination_type": "volume", "uuid": v, "boot_index": -1}))
            .collect();
        s.insert("block_device_mapping_v2".into(), json!(bdm));
    }

    // Listening for Ctrl-C starts before the create: a SIGINT while Nova answers it must not kill berth before it
    // can report (or delete) the servers.
    let mut interrupt =
        if args.wait { Some(tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?) } else { None };
    let created = compute.create(&server).await?;
    let ids: Vec<String> = match created.get("reservation_id").and_then(Value::as_str) {
        Some(rid) => compute.servers(&[("reservation_id", rid)]).await?.into_iter().map(|s| s.id).collect(),
        None => vec![created["server"]["id"].as_str().unwrap_or_default().to_string()],
    };

    let servers = if args.wait {
        let wait = wait_active(&compute, &ids, Duration::from_secs_f64(args.timeout), ctx.out.settings().progress);
        let outcome = tokio::select! {
            r = wait => r,
            _ = async { interrupt.as_mut().expect("listening with --wait").recv().await } => Err(Failure::new(ExitCode::Interrupted, "interrupted while waiting for the servers").into()),
        };
        match outcome {
            Ok(servers) => servers,
            Err(e) => return Err(after_failure(&compute, &ids, args.delete_on_failure, e).await),
        }
    } else {
        let mut out = Vec::new();
        for id in &ids {
            out.extend(compute.server(id).await?);
        }
        out
    };
    let image_name = image.name.clone().unwrap_or_default();
    ctx.out.list(&rows(&servers, |_| Some(image_name.clone())))
}

/// After ERROR, timeout or Ctrl-C: delete the servers (`--delete-on-failure`) or say how to.
async fn after_failure(compute: &Compute<'_>, ids: &[String], delete: bool, e: anyhow::Error) -> anyhow::Error {
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

/// Poll until every server is ACTIVE (Ok), one is ERROR (its fault), or `timeout` passes (exit 5).
pub async fn wait_active(
    compute: &Compute<'_>,
    ids: &[String],
    timeout: Duration,
    progress: bool,
) -> anyhow::Result<Vec<Server>> {
    let start = Instant::now();
    let spinner = if progress { indicatif::ProgressBar::new_spinner() } else { indicatif::ProgressBar::hidden() };
    spinner.enable_steady_tick(Duration::from_millis(120));
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

pub const COLUMNS: &[&str] = &["id", "name", "status", "image", "flavor", "addresses", "host"];

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_rank_close_names() {
        let s = suggestions("m1.tnyi", ["m1.tiny", "m1.small", "x1.huge"]);
        assert_eq!(s.first().map(String::as_str), Some("m1.tiny"));
        assert!(suggestions("completely-different", ["m1.tiny"]).is_empty());
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("6807449c-3c25-4634-8194-2c93b3c0a1b2"));
        assert!(!is_uuid("busybox:1.36"));
    }

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

    #[test]
    fn image_checks() {
        let img: Image = serde_json::from_value(
            json!({"id": "i", "name": "vm", "status": "active", "container_format": "bare", "min_ram": 2048}),
        )
        .unwrap();
        let fl = Flavor { id: "1".into(), name: "m1.tiny".into(), vcpus: 1, ram: 512, disk: 1 };
        let r = image_refusals(&img, &fl);
        assert_eq!(r.len(), 2);
        assert!(r[0].0.message.contains("container_format `bare`"));
        assert!(r[1].0.message.contains("too small"));
        assert!(r.iter().all(|(_, forceable)| *forceable));
    }
}
