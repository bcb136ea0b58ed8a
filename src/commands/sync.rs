//! `berth image sync`: the arguments into the image domain's request, and its rows into the summary table.

use std::io::IsTerminal;

use serde_json::{Value, json};

use crate::app::{Ctx, settings::registry_access};
use crate::cli::SyncArgs;
use crate::docker::{Engine, Host};
use crate::error::{ExitCode, Failure};
use crate::image::destination::{Destination, UploadMethod};
use crate::image::sync::{self, Failed, Options, Outcome, Request, Synced, mirror};
use crate::image::sync_file::{Narrowing, regexes};
use crate::openstack::Session;
use crate::output::List;

pub async fn run(args: SyncArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let opts = Options {
        consumer: args.consumer,
        name: args.name,
        visibility: args.visibility,
        properties: args.properties,
        tags: args.tags,
        command_line: !args.no_command_line,
        uncompressed_layers: args.uncompressed_layers,
        force: args.force,
    };
    let mut wanted_dests = parse_destinations(&args.to)?;
    let method: UploadMethod = args.upload_method.parse().map_err(Failure::usage)?;
    let (dests, outcome) = if args.from_daemon {
        let wanted = sync::daemon::prepare(&args.references, &opts)?;
        let host = Host::from_env(
            std::env::var("DOCKER_HOST").ok().as_deref(),
            std::env::var("DOCKER_TLS_VERIFY").ok().as_deref(),
        )?;
        // The engine first: it is local, and a wrong DOCKER_HOST is the likeliest mistake.
        let engine = Engine::connect(host, &ctx.net()).await?;
        let dests = destinations(ctx, &wanted_dests, args.all_regions, method, &args.stores).await?;
        let outcome = sync::daemon::run(&dests, &ctx.feedback, &engine, &args.references, &wanted, &opts).await?;
        (dests, outcome)
    } else {
        let req = Request {
            references: args.references,
            file: args.file,
            all_tags: args.all_tags,
            jobs: args.jobs as usize,
            per_registry: args.per_registry as usize,
            dry_run: args.dry_run,
            platform: args.registry.platform().0,
            platform_explicit: args.registry.platform().1,
            all_platforms: args.registry.all_platforms,
            narrowing: Narrowing {
                exclude: regexes(&args.exclude).map_err(|e| Failure::usage(format!("`--exclude`: {e}")))?,
                newest: args.newest.map(|n| n as usize),
            },
            prune_missing: args.prune_missing,
            delete: args.delete,
        };
        let prepared = sync::registry::prepare(&req, &opts)?;
        if prepared.prunes(&req) && !args.dry_run && !args.yes && !std::io::stdin().is_terminal() {
            return Err(Failure::usage(
                "mirror mode (`prune-missing`) hides or deletes images, and there is no terminal to ask",
            )
            .hint("pass `--yes` to let it, or `--dry-run` to see what it would do")
            .into());
        }
        wanted_dests.extend(parse_destinations(prepared.to())?);
        let mut access = registry_access(&args.registry.access, &ctx.net())?;
        access.bind(&prepared.hosts())?;
        let dests = destinations(ctx, &wanted_dests, args.all_regions, method, &args.stores).await?;
        let outcome = sync::registry::run(&dests, &ctx.feedback, &req, &opts, &prepared, &access).await?;
        (dests, outcome)
    };
    let mut outcome = outcome;
    let steps = std::mem::take(&mut outcome.mirror);
    if !steps.is_empty() {
        outcome.rows.extend(mirror(ctx, &dests, steps, args.dry_run, args.yes).await?);
    }
    if let Some(path) = &args.report {
        write_report(path, &outcome)?;
    }
    summary(ctx, outcome)
}

/// Mirror mode's plan carried out, once the terminal said yes (or `--yes`); its rows for the summary.
async fn mirror(
    ctx: &Ctx<'_>,
    dests: &[Destination],
    steps: Vec<mirror::Step>,
    dry_run: bool,
    yes: bool,
) -> anyhow::Result<Vec<Result<Synced, Failed>>> {
    let acting: Vec<&str> =
        steps.iter().filter(|s| !matches!(s.action, mirror::Action::InUse(_))).map(|s| s.image.id.as_str()).collect();
    if !acting.is_empty() && !dry_run && !yes {
        let action = if steps.iter().any(|s| s.action == mirror::Action::Delete) { "delete" } else { "hide" };
        if !super::confirm("mirror mode", action, &acting)? {
            ctx.feedback.say("mirror mode cancelled: nothing was hidden or deleted\n");
            return Ok(vec![]);
        }
    }
    for s in &steps {
        if let mirror::Action::InUse(servers) = &s.action {
            ctx.feedback.warn(
                &format!(
                    "`{}` (Glance image `{}`) left its source, but server(s) {} use it: left as it is",
                    s.image.name.as_deref().unwrap_or_default(),
                    s.image.id,
                    servers.join(", ")
                ),
                None,
            );
        }
    }
    Ok(mirror::apply(dests, steps, dry_run)
        .await
        .into_iter()
        .map(|r| {
            r.map_err(|error| Failed {
                what: "prune missing".into(),
                name: None,
                platform: None,
                destination: None,
                error: error.context("mirror mode could not carry out its plan"),
            })
        })
        .collect())
}

/// A `--to` destination as written: `CLOUD`, `CLOUD/REGION`, or `/REGION` (the current cloud).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dest {
    cloud: Option<String>,
    region: Option<String>,
}

fn parse_destinations(to: &[String]) -> anyhow::Result<Vec<Dest>> {
    to.iter()
        .map(|d| {
            let (cloud, region) = match d.split_once('/') {
                Some((c, r)) => (c, Some(r)),
                None => (d.as_str(), None),
            };
            let bad = cloud.is_empty() && region.is_none_or(str::is_empty)
                || region.is_some_and(|r| r.is_empty() || r.contains('/'));
            if bad || d.chars().any(char::is_whitespace) {
                return Err(Failure::usage(format!("`--to {d}` is not a destination"))
                    .hint("write `CLOUD` (a cloud of clouds.yaml), `CLOUD/REGION`, or `/REGION` for a region of the current cloud")
                    .into());
            }
            Ok(Dest { cloud: (!cloud.is_empty()).then(|| cloud.to_string()), region: region.map(str::to_string) })
        })
        .collect()
}

/// The Glances to sync into: the current cloud's when no `--to` (nor `--all-regions`) is given; else each
/// `--to` (another cloud from its clouds.yaml and secure.yaml entry alone) and every region of the current cloud.
/// Each is checked (its image endpoint, `--stores`, `glance-direct`) before anything is created; the same Glance
/// and project named twice is one destination.
async fn destinations(
    ctx: &mut Ctx<'_>,
    wanted: &[Dest],
    all_regions: bool,
    method: UploadMethod,
    stores: &[String],
) -> anyhow::Result<Vec<Destination>> {
    let current_name = ctx.config().ok().and_then(|c| c.cloud.map(|s| s.value));
    let mut sessions: Vec<Session> = Vec::new();
    let needs_current =
        wanted.is_empty() || all_regions || wanted.iter().any(|d| d.cloud.is_none() || d.cloud == current_name);
    let current = if needs_current { Some(ctx.session().await?) } else { None };
    if let Some(current) = &current {
        if wanted.is_empty() && !all_regions {
            sessions.push(current.share());
        }
        if all_regions {
            let regions = current.regions_with("image");
            if regions.is_empty() {
                return Err(Failure::new(
                    ExitCode::Failure,
                    "`--all-regions`: the catalog has no image endpoint in any region",
                )
                .hint("see the catalog with `berth catalog`")
                .into());
            }
            sessions.extend(regions.iter().map(|r| current.in_region(r)));
        }
    }
    for d in wanted {
        let session = match (&d.cloud, &current) {
            (None, Some(c)) => c.share(),
            (Some(name), Some(c)) if Some(name) == current_name.as_ref() => c.share(),
            (Some(name), _) => ctx.session_for(crate::config::resolve_named(name)?).await?,
            (None, None) => return Err(anyhow::anyhow!("no session of the current cloud for `--to /REGION`")),
        };
        sessions.push(match &d.region {
            Some(r) => in_region(&session, r)?,
            None => session,
        });
    }
    let mut dests: Vec<Destination> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for session in sessions {
        let endpoint = session.endpoint("image")?;
        let project = session.token().body.project.map(|p| p.id).unwrap_or_default();
        if !seen.insert((endpoint, project)) {
            continue;
        }
        let label = label(&session);
        let dest = Destination::new(label, session, method, stores.to_vec());
        dest.check().await?;
        dests.push(dest);
    }
    Ok(dests)
}

/// `session` in `region`, which must have an image endpoint; a cloud whose clouds.yaml names one Glance for every
/// region (`image_endpoint_override`) has no other region to go to.
fn in_region(session: &Session, region: &str) -> anyhow::Result<Session> {
    if session.cfg.endpoint_override("image").is_some() && session.region_of("image").as_deref() != Some(region) {
        return Err(Failure::usage(format!(
            "`--to {}/{region}`: {} sets `image_endpoint_override`, one Glance for every region",
            session.cfg.cloud.as_ref().map(|c| c.value.as_str()).unwrap_or_default(),
            session.cfg.describe()
        ))
        .hint("name that region's Glance in another clouds.yaml entry and give that cloud to `--to`")
        .into());
    }
    let s = session.in_region(region);
    if s.endpoint("image").is_err() {
        let known = session.regions_with("image");
        return Err(Failure::usage(format!(
            "`{region}` has no image endpoint in the catalog of {}",
            session.cfg.describe()
        ))
        .hint(format!("regions with one: {}", if known.is_empty() { "none".to_string() } else { known.join(", ") }))
        .into());
    }
    Ok(s)
}

/// A destination as the `destination` column shows it: `CLOUD/REGION`, `/REGION` for a cloud from `OS_*`
/// variables alone, the cloud alone when its endpoint has no region.
fn label(session: &Session) -> String {
    let cloud = session.cfg.cloud.as_ref().map(|c| c.value.clone()).unwrap_or_default();
    match session.region_of("image") {
        Some(region) => format!("{cloud}/{region}"),
        None if cloud.is_empty() => "-".to_string(),
        None => cloud,
    }
}

/// `--report FILE`: a JSON line per row (reference, manifest digest, destination, Glance ID, status, bytes,
/// seconds; the error of a failed one), written next to FILE and renamed over it once whole.
fn write_report(path: &std::path::Path, outcome: &Outcome) -> anyhow::Result<()> {
    let mut text = String::new();
    for row in &outcome.rows {
        let line = match row {
            Ok(s) => json!({
                "reference": s.source, "manifest_digest": s.digest, "destination": s.destination, "name": s.name,
                "glance_id": s.id, "platform": s.platform, "status": s.status, "bytes": s.size,
                "seconds": (s.seconds * 1000.0).round() / 1000.0,
            }),
            Err(f) => json!({
                "reference": f.what, "manifest_digest": null, "destination": f.destination, "name": f.name,
                "glance_id": null, "platform": f.platform, "status": "failed", "bytes": null, "seconds": null,
                "error": crate::error::printable(&format!("{:#}", f.error)),
            }),
        };
        text.push_str(&line.to_string());
        text.push('\n');
    }
    write_whole(path, text.as_bytes()).map_err(|e| {
        Failure::new(ExitCode::Failure, format!("cannot write the report `{}`: {e:#}", path.display()))
            .hint("give `--report` a file in a directory you can write to")
            .into()
    })
}

pub const COLUMNS: &[&str] = &["name", "id", "digest", "platform", "size", "seconds", "status", "destination"];

/// The output row of a synced image.
fn row(s: &Synced) -> Vec<Value> {
    vec![
        json!(s.name),
        json!(s.id),
        json!(s.digest),
        json!(s.platform),
        json!(s.size),
        json!((s.seconds * 100.0).round() / 100.0),
        json!(s.status),
        json!(s.destination),
    ]
}

/// The row of an image that failed: its name (or what was asked for), platform, `failed` and the error.
fn failed_row(f: &Failed) -> Vec<Value> {
    let column = |name: &str| COLUMNS.iter().position(|c| *c == name).expect("a column of COLUMNS");
    let mut r = vec![Value::Null; COLUMNS.len() + 1];
    r[column("name")] = json!(f.name.clone().unwrap_or_else(|| f.what.clone()));
    r[column("platform")] = json!(f.platform);
    r[column("status")] = json!("failed");
    r[column("destination")] = json!(f.destination);
    r[COLUMNS.len()] = json!(format!("{:#}", f.error));
    r
}

/// The summary of a sync: a row for each image, in order, with an `error` column when some failed; the errors in
/// full on stderr; exit 6 when some failed and some did not. One failure and nothing else is that error alone, as
/// for any command.
fn summary(ctx: &mut Ctx<'_>, outcome: Outcome) -> anyhow::Result<()> {
    let Outcome { mut rows, planned, dry_run, .. } = outcome;
    let failures = rows.iter().filter(|r| r.is_err()).count();
    if rows.len() == 1 && failures == 1 && planned <= 1 {
        return Err(rows.remove(0).expect_err("the one row failed").error);
    }
    let columns: &[&str] = if failures == 0 { COLUMNS } else { &[COLUMNS, &["error"]].concat() };
    let mut list = List::new(columns);
    for r in &rows {
        list.row(match r {
            Ok(s) if failures == 0 => row(s),
            Ok(s) => [row(s), vec![Value::Null]].concat(),
            Err(f) => failed_row(f),
        });
    }
    ctx.out.list(&list)?;
    if failures == 0 {
        return Ok(());
    }
    ctx.out.flush()?;
    let errors: Vec<&anyhow::Error> = rows.iter().filter_map(|r| r.as_ref().err()).map(|f| &f.error).collect();
    for e in &errors {
        crate::error::render(e, ctx.feedback.color(), &mut std::io::stderr());
    }
    let code = if failures == rows.len() { crate::error::exit_code(errors[0]) } else { ExitCode::Partial };
    let hint = if dry_run {
        "this was a dry run: nothing was synced; the rows above say what a sync would do with the others"
    } else {
        "the others are synced; run the same command again to retry the failed ones (synced ones are `up to date`)"
    };
    let what = if dry_run { "could not be planned" } else { "failed to sync" };
    Err(Failure::new(code, format!("{failures} of {} images {what}", rows.len())).hint(hint).into())
}

/// Write `bytes` to `path` as a whole: into a new file beside it, renamed over it once written, so that a failure
/// leaves the old file as it was.
fn write_whole(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().ok_or_else(|| std::io::Error::other("it names no file"))?;
    let tmp = path.with_file_name(format!(".{}.berth-{}", name.to_string_lossy(), std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
