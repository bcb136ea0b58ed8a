//! `berth stack create|update|delete`: the template (a file, or generated for IMAGE --for KIND), the preflight,
//! Heat's create, and `--wait` following the stack's events on stderr until it ends, a signal, or `--timeout`.

use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use super::stack::{DELETE_COLUMNS, PREVIEW_COLUMNS, explained, find, parameters, read_template, record};
use crate::app::Ctx;
use crate::cli::{CreateArgs, TemplateArgs, UpdateArgs};
use crate::error::{ExitCode, Failure, printable};
use crate::openstack::appcred;
use crate::openstack::heat::{Event, Heat, Stack};
use crate::output::List;
use crate::signals::Signals;
use crate::stack::follow::{self, End};
use crate::stack::template::{self, Resolved};
use crate::stack::{self, Kind, Spec, preflight};

/// Where a stack's template comes from.
enum Source {
    File(String),
    Generated(Kind, Box<Spec>),
    /// `stack update` without a template: the stack's own, with new parameters.
    Kept,
}

/// The template source the arguments name, checked before any request.
fn source(template: Option<&str>, image: Option<&str>, options: &TemplateArgs) -> anyhow::Result<Source> {
    let shaping = options.shaping();
    match (template, image, options.kind) {
        (Some(_), _, _) | (None, None, _) if !shaping.is_empty() => Err(Failure::usage(format!(
            "{} shape a template berth generates for IMAGE; they mean nothing {}",
            shaping.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", "),
            if template.is_some() { "with `--template FILE`" } else { "without IMAGE" }
        ))
        .hint("give IMAGE with `--for KIND`, or pass values to the template as `--parameter KEY=VALUE`")
        .into()),
        (Some(f), _, _) => Ok(Source::File(f.to_string())),
        (None, Some(i), Some(kind)) => {
            let spec = options.spec(i);
            stack::check(kind, &spec)?;
            Ok(Source::Generated(kind, Box::new(spec)))
        }
        (None, Some(_), None) => Err(Failure::usage("IMAGE needs `--for KIND`").into()),
        (None, None, _) => Ok(Source::Kept),
    }
}

/// A template's text and how to name it, and what berth resolved for a generated one.
struct Prepared {
    text: String,
    shown: String,
    resolved: Option<Resolved>,
}

async fn prepare(
    source: &Source,
    session: &crate::openstack::Session,
    ctx: &Ctx<'_>,
) -> anyhow::Result<Option<Prepared>> {
    Ok(match source {
        Source::File(f) => {
            let (text, shown) = read_template(f)?;
            Some(Prepared { text, shown, resolved: None })
        }
        Source::Generated(kind, spec) => {
            let (t, resolved, warnings) = stack::generate(session, *kind, spec, &ctx.net()).await?;
            for w in warnings {
                ctx.feedback.warn(&w, None);
            }
            Some(Prepared { text: t.text, shown: format!("the template for `--for {kind}`"), resolved: Some(resolved) })
        }
        Source::Kept => None,
    })
}

pub async fn create(args: CreateArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let source = source(args.template.as_deref(), args.image.as_deref(), &args.options)?;
    let session = ctx.session().await?;
    let heat = Heat::connect(&session)?;
    if let Some(s) = heat.find(&args.stack).await? {
        return Err(Failure::usage(format!("a stack called `{}` exists ({}, {})", args.stack, s.id, s.stack_status))
            .hint(format!("`berth stack update {0}` changes it; `berth stack delete {0}` removes it", args.stack))
            .into());
    }
    let p = prepare(&source, &session, ctx)
        .await?
        .ok_or_else(|| Failure::usage("`stack create` needs IMAGE with `--for KIND`, or `--template FILE`"))?;
    preflight::check_version(&heat, &p.text, &p.shown).await?;
    preflight::check_types(&heat, &stack::resource_types(&p.text), &p.text, &p.shown).await?;
    let mut params = parameters(&args.send.parameters);
    if args.dry_run {
        if matches!(&source, Source::Generated(Kind::Vm, spec) if spec.source == Some(stack::options::Source::Glance)) {
            params.extend(template::credential_parameters("(made at create)", "(made at create)"));
        }
        let v = match heat.preview(&args.stack, &p.text, &params).await {
            Ok(v) => v,
            Err(e) => return Err(explained(&heat, e, &p.text, &p.shown, ExitCode::Failure).await),
        };
        return ctx.out.list(&preview_rows(&v));
    }
    let credential = match &p.resolved {
        Some(r) => stack::image_credential(&session, &args.stack, r, args.send.credential_ttl).await?,
        None => None,
    };
    let made_credential = credential.is_some();
    params.extend(credential.unwrap_or_default());
    // Signals are heard from before the create: one while Heat answers it must not kill berth before it reports.
    let mut signals = if args.wait { Some(Signals::listen()?) } else { None };
    let id = match heat.create(&args.stack, &p.text, &params).await {
        Ok(id) => id,
        Err(e) => {
            if made_credential {
                let _ = appcred::delete_named(&session, &stack::credential_name(&args.stack)).await;
            }
            return Err(explained(&heat, e, &p.text, &p.shown, ExitCode::Failure).await);
        }
    };
    let created = Stack::reference(&args.stack, &id);
    match signals.as_mut() {
        Some(signals) => {
            let waited =
                Waited { action: "CREATE", marker: None, timeout: args.send.timeout, delete: args.delete_on_failure };
            let done = wait(&heat, &created, waited, signals, ctx).await;
            if done.is_err() && args.delete_on_failure && made_credential {
                // The stack is going: its image credential goes with it (it would expire anyway).
                let _ = appcred::delete_named(&session, &stack::credential_name(&args.stack)).await;
            }
            done
        }
        None => ctx.out.record(&record(&heat.get(&created).await?.unwrap_or(created))),
    }
}

pub async fn update(args: UpdateArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let source = source(args.template.as_deref(), args.image.as_deref(), &args.options)?;
    let session = ctx.session().await?;
    let heat = Heat::connect(&session)?;
    let s = find(&heat, &args.stack).await?;
    let p = prepare(&source, &session, ctx).await?;
    if let Some(p) = &p {
        preflight::check_version(&heat, &p.text, &p.shown).await?;
        preflight::check_types(&heat, &stack::resource_types(&p.text), &p.text, &p.shown).await?;
    }
    let mut params = parameters(&args.send.parameters);
    if let Some(r) = p.as_ref().and_then(|p| p.resolved.as_ref()) {
        params.extend(
            stack::image_credential(&session, &s.stack_name, r, args.send.credential_ttl).await?.unwrap_or_default(),
        );
    }
    let marker = heat.last_event(&s).await?;
    let mut signals = if args.wait { Some(Signals::listen()?) } else { None };
    if let Err(e) = heat.update(&s, p.as_ref().map(|p| p.text.as_str()), &params).await {
        return Err(match &p {
            Some(p) => explained(&heat, e, &p.text, &p.shown, ExitCode::Failure).await,
            None => e,
        });
    }
    match signals.as_mut() {
        Some(signals) => {
            let waited = Waited { action: "UPDATE", marker, timeout: args.send.timeout, delete: false };
            wait(&heat, &s, waited, signals, ctx).await
        }
        None => ctx.out.record(&record(&heat.get(&s).await?.unwrap_or(s))),
    }
}

pub async fn delete(wanted: &[String], wait_gone: bool, timeout: Duration, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let session = ctx.session().await?;
    let heat = Heat::connect(&session)?;
    let mut found = Vec::new();
    for w in wanted {
        found.push(find(&heat, w).await?);
    }
    let mut signals = if wait_gone { Some(Signals::listen()?) } else { None };
    let mut markers = Vec::new();
    for s in &found {
        markers.push(heat.last_event(s).await?);
        heat.delete(s).await?;
        match appcred::delete_named(&session, &stack::credential_name(&s.stack_name)).await {
            Ok(n) if n > 0 => {
                ctx.feedback.log(1, "stack", format_args!("deleted the image credential of `{}`", s.stack_name))
            }
            Ok(_) => {}
            Err(e) => ctx.feedback.log(
                1,
                "stack",
                format_args!("the image credentials of `{}` are unknown: {e:#}", s.stack_name),
            ),
        }
    }
    if let Some(signals) = signals.as_mut() {
        let start = Instant::now();
        for (s, marker) in found.iter().zip(markers) {
            let left = timeout.saturating_sub(start.elapsed());
            let mut quiet = |_: &Event, _: Option<&str>| {};
            let followed = follow::follow(&heat, s, "DELETE", marker, left, &mut quiet);
            let end = tokio::select! {
                r = followed => r?,
                stop = signals.recv() => return Err(stop.failure(&format!("waiting for stack `{}` to go", s.stack_name)).hint("Heat goes on deleting it: `berth stack list` shows when it is gone").into()),
            };
            if let End::Failed { stack, failed } = end {
                return Err(follow::failure(&stack, &failed)
                    .hint(format!("`berth stack delete {}` tries again", stack.stack_name))
                    .into());
            }
        }
    }
    let mut list = List::new(DELETE_COLUMNS);
    for s in &found {
        list.row(vec![json!(s.id), json!(s.stack_name), json!(if wait_gone { "gone" } else { "requested" })]);
    }
    ctx.out.list(&list)
}

/// What `--wait` waits for.
struct Waited {
    action: &'static str,
    marker: Option<String>,
    timeout: Duration,
    delete: bool,
}

/// Follow the stack to the end of `w.action`: each event on stderr (a progress line on a terminal), the stack on
/// stdout when it completes; a failure, a timeout or a signal is an error that says what is left and how to delete
/// it (or deletes it: `--delete-on-failure`).
async fn wait(heat: &Heat<'_>, s: &Stack, w: Waited, signals: &mut Signals, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let feedback = ctx.feedback.clone();
    let spinner = feedback.spinner();
    let start = Instant::now();
    let name = s.stack_name.clone();
    let mut on_event = |e: &Event, t: Option<&str>| {
        feedback.say(&event_line(e, t, &name));
        spinner.set_message(format!(
            "stack `{name}`: {} {}, {:.0} s",
            e.resource_name,
            e.resource_status,
            start.elapsed().as_secs_f64()
        ));
    };
    let followed = follow::follow(heat, s, w.action, w.marker, w.timeout, &mut on_event);
    let outcome = tokio::select! {
        r = followed => r,
        stop = signals.recv() => Err(stop.failure(&format!("while waiting for stack `{}`", s.stack_name)).into()),
    };
    spinner.finish_and_clear();
    match outcome {
        Ok(End::Complete(Some(now))) => ctx.out.record(&record(&now)),
        Ok(End::Complete(None)) => {
            Err(Failure::new(ExitCode::Failure, format!("stack `{}` is gone", s.stack_name)).into())
        }
        Ok(End::Failed { stack, failed }) => {
            Err(follow::after_failure(heat, &stack, w.delete, follow::failure(&stack, &failed).into()).await)
        }
        Err(e) => Err(follow::after_failure(heat, s, w.delete, e).await),
    }
}

/// `  12:00:03  server (OS::Nova::Server)  CREATE_IN_PROGRESS  state changed`
fn event_line(e: &Event, t: Option<&str>, stack: &str) -> String {
    let time = e.event_time.as_deref().and_then(|t| t.split('T').nth(1)).unwrap_or("").trim_end_matches('Z');
    let who = match t {
        Some(t) => format!("{} ({t})", e.resource_name),
        None if e.resource_name == stack => format!("stack {stack}"),
        None => e.resource_name.clone(),
    };
    let reason = e.resource_status_reason.as_deref().unwrap_or("");
    printable(&format!("  {time}  {who}  {}  {reason}\n", e.resource_status))
}

fn preview_rows(v: &Value) -> List {
    let mut list = List::new(PREVIEW_COLUMNS);
    for r in v["stack"]["resources"].as_array().into_iter().flatten() {
        // Heat lists every property, most of them null: the ones set say what the create would do.
        let props: Map<String, Value> = r["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        list.row(vec![r["resource_name"].clone(), r["resource_type"].clone(), Value::Object(props)]);
    }
    list
}
