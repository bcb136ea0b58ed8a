//! `berth image sync`: the arguments into the image domain's request, and its rows into the summary table.

use serde_json::{Value, json};

use crate::app::{Ctx, settings::registry_access};
use crate::cli::SyncArgs;
use crate::docker::{Engine, Host};
use crate::error::{ExitCode, Failure};
use crate::image::sync::{self, Failed, Options, Outcome, Request, Synced};
use crate::image::sync_file::{Narrowing, regexes};
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
    let outcome = if args.from_daemon {
        let wanted = sync::daemon::prepare(&args.references, &opts)?;
        let host = Host::from_env(
            std::env::var("DOCKER_HOST").ok().as_deref(),
            std::env::var("DOCKER_TLS_VERIFY").ok().as_deref(),
        )?;
        // The engine first: it is local, and a wrong DOCKER_HOST is the likeliest mistake.
        let engine = Engine::connect(host, &ctx.net()).await?;
        let session = ctx.session().await?;
        sync::daemon::run(&session, &ctx.feedback, &engine, &args.references, &wanted, &opts).await?
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
        };
        let prepared = sync::registry::prepare(&req, &opts)?;
        let mut access = registry_access(&args.registry.access, &ctx.net())?;
        access.bind(&prepared.hosts())?;
        let session = ctx.session().await?;
        sync::registry::run(&session, &ctx.feedback, &req, &opts, &prepared, &access).await?
    };
    report(ctx, outcome)
}

pub const COLUMNS: &[&str] = &["name", "id", "digest", "platform", "size", "seconds", "status"];

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
    ]
}

/// The row of an image that failed: its name (or what was asked for), platform, `failed` and the error.
fn failed_row(f: &Failed) -> Vec<Value> {
    let platform_column = COLUMNS.iter().position(|c| *c == "platform").expect("a platform column");
    let mut r = vec![Value::Null; COLUMNS.len() + 1];
    r[0] = json!(f.name.clone().unwrap_or_else(|| f.what.clone()));
    r[platform_column] = json!(f.platform);
    r[COLUMNS.len() - 1] = json!("failed");
    r[COLUMNS.len()] = json!(format!("{:#}", f.error));
    r
}

/// The summary of a sync: a row for each image, in order, with an `error` column when some failed; the errors in
/// full on stderr; exit 6 when some failed and some did not. One failure and nothing else is that error alone, as
/// for any command.
fn report(ctx: &mut Ctx<'_>, outcome: Outcome) -> anyhow::Result<()> {
    let Outcome { mut rows, planned, dry_run } = outcome;
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
