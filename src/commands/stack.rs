//! `berth stack template|validate|list|show|events|outputs`, and the records and rows every stack command prints.
//! (`create`, `update` and `delete`, which wait, are in `stack_create.rs`.)

use serde_json::{Map, Value, json};

use crate::app::Ctx;
use crate::cli::{StackCommand, TemplateCmd};
use crate::error::{ExitCode, Failure};
use crate::openstack::heat::{Event, Heat, Refused, Stack};
use crate::output::{Format, List, Record};
use crate::stack::{self, follow, locate, refusal};

pub const STACK_FIELDS: &[&str] =
    &["id", "name", "status", "status_reason", "description", "created", "updated", "parameters", "outputs"];
pub const LIST_COLUMNS: &[&str] = &["id", "name", "status", "created", "updated"];
pub const EVENT_COLUMNS: &[&str] = &["time", "resource", "type", "status", "reason", "id"];
pub const OUTPUT_COLUMNS: &[&str] = &["key", "value", "description", "error"];
pub const VALIDATE_FIELDS: &[&str] = &["valid", "description", "parameters", "resources"];
pub const PREVIEW_COLUMNS: &[&str] = &["resource", "type", "properties"];
pub const DELETE_COLUMNS: &[&str] = &["id", "name", "deleted"];

pub async fn run(cmd: StackCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        StackCommand::Template(t) => template(t, ctx).await,
        StackCommand::Validate { file, full, parameters } => validate(&file, full, &parameters, ctx).await,
        StackCommand::Create(_) | StackCommand::Update(_) | StackCommand::Delete { .. } => {
            unreachable!("commands::run hands create, update and delete to stack_create")
        }
        StackCommand::List => {
            let session = ctx.session().await?;
            let mut stacks = Heat::connect(&session)?.list().await?;
            stacks.sort_by(|a, b| a.stack_name.cmp(&b.stack_name));
            let mut list = List::new(LIST_COLUMNS);
            for s in &stacks {
                list.row(vec![
                    json!(s.id),
                    json!(s.stack_name),
                    json!(s.stack_status),
                    json!(s.creation_time),
                    json!(s.updated_time),
                ]);
            }
            ctx.out.list(&list)
        }
        StackCommand::Show { stack } => {
            let session = ctx.session().await?;
            let s = find(&Heat::connect(&session)?, &stack).await?;
            ctx.out.record(&record(&s))
        }
        StackCommand::Events { stack, follow, timeout } => events(&stack, follow, timeout, ctx).await,
        StackCommand::Outputs { stack } => {
            let session = ctx.session().await?;
            let s = find(&Heat::connect(&session)?, &stack).await?;
            let mut list = List::new(OUTPUT_COLUMNS);
            for o in s.outputs.iter().flatten() {
                list.row(vec![
                    json!(o.output_key),
                    o.output_value.clone(),
                    json!(o.description),
                    json!(o.output_error),
                ]);
            }
            ctx.out.list(&list)
        }
    }
}

/// A stack by name or ID, or a usage error with the stacks that look like it.
pub async fn find(heat: &Heat<'_>, wanted: &str) -> anyhow::Result<Stack> {
    if let Some(s) = heat.find(wanted).await? {
        return Ok(s);
    }
    let names: Vec<String> = heat.list().await?.into_iter().map(|s| s.stack_name).collect();
    let close = crate::openstack::lookup::suggestions(wanted, names.iter().map(String::as_str));
    Err(Failure::usage(format!("no stack is called `{wanted}` or has that ID"))
        .hint(format!("{}`berth stack list` shows the stacks", crate::openstack::lookup::did_you_mean(&close)))
        .into())
}

/// `stack template IMAGE --for KIND`: the YAML (with comments); `-o json` the same template as JSON.
async fn template(t: TemplateCmd, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let kind = t.options.kind.ok_or_else(|| Failure::usage("`stack template` needs `--for KIND`"))?;
    let spec = t.options.spec(&t.image);
    stack::check(kind, &spec)?;
    let session = ctx.session().await?;
    let (template, _, warnings) = stack::generate(&session, kind, &spec, &ctx.net()).await?;
    for w in warnings {
        ctx.feedback.warn(&w, None);
    }
    match ctx.out.settings().format {
        Format::Json => {
            ctx.out.raw(format!("{}\n", serde_json::to_string_pretty(&template.node.to_json())?).as_bytes())
        }
        _ => ctx.out.raw(template.text.as_bytes()),
    }
}

/// The text of a template file, or of stdin for `-`.
pub fn read_template(file: &str) -> anyhow::Result<(String, String)> {
    if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Failure::usage(format!("cannot read the template from stdin: {e}")))?;
        return Ok((text, "the template on stdin".to_string()));
    }
    let text = std::fs::read_to_string(file).map_err(|e| {
        Failure::usage(format!("cannot read the template `{file}`: {e}"))
            .hint("give a HOT template file, or `-` for stdin")
    })?;
    Ok((text, format!("`{file}`")))
}

pub fn parameters(pairs: &[(String, String)]) -> Map<String, Value> {
    pairs.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect()
}

/// Heat's refusal of `text` as berth shows it (the line, the missing service); other errors as they are.
pub async fn explained(heat: &Heat<'_>, e: anyhow::Error, text: &str, source: &str, code: ExitCode) -> anyhow::Error {
    let Some(r) = e.downcast_ref::<Refused>() else { return e };
    // The whole list of types only when Heat names one (for "did you mean").
    let offered = match locate::named_type(&r.message) {
        Some(_) => heat.resource_types(None).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let catalog: Vec<String> = heat.session.token().body.catalog.iter().map(|s| s.kind.clone()).collect();
    refusal::explain(r, text, source, code, &catalog, &offered).into()
}

/// `stack validate FILE|-`: Heat's `/validate`, or with `--full` the preview; exit 3 when Heat refuses it.
async fn validate(file: &str, full: bool, pairs: &[(String, String)], ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let (text, source) = read_template(file)?;
    let session = ctx.session().await?;
    let heat = Heat::connect(&session)?;
    let params = parameters(pairs);
    let answer =
        if full { heat.preview("berth-validate", &text, &params).await } else { heat.validate(&text, &params).await };
    let v = match answer {
        Ok(v) => v,
        Err(e) => return Err(explained(&heat, e, &text, &source, ExitCode::Negative).await),
    };
    let (description, params, resources) = if full {
        let s = &v["stack"];
        let resources = s["resources"].as_array().into_iter().flatten().map(|r| {
            format!("{} ({})", r["resource_name"].as_str().unwrap_or("?"), r["resource_type"].as_str().unwrap_or("?"))
        });
        let params: Vec<String> = s["parameters"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .filter(|k| !k.starts_with("OS::"))
            .collect();
        (s["description"].clone(), params, resources.collect::<Vec<_>>())
    } else {
        let resources = stack::resource_types(&text).into_iter().map(|(t, r)| format!("{r} ({t})"));
        let params: Vec<String> = v["Parameters"].as_object().into_iter().flatten().map(|(k, _)| k.clone()).collect();
        (v["Description"].clone(), params, resources.collect())
    };
    ctx.out.record(
        &Record::new()
            .field("valid", true)
            .field("description", description)
            .field("parameters", json!(params))
            .field("resources", json!(resources))
            .declared(VALIDATE_FIELDS),
    )
}

/// `stack events NAME [--follow]`.
async fn events(wanted: &str, keep: bool, timeout: std::time::Duration, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let session = ctx.session().await?;
    let heat = Heat::connect(&session)?;
    let s = find(&heat, wanted).await?;
    let types: std::collections::HashMap<String, String> =
        heat.resources(&s).await?.into_iter().map(|r| (r.resource_name, r.resource_type)).collect();
    let all = heat.events(&s, None).await?.unwrap_or_default();
    let action = s.stack_status.split('_').next().unwrap_or_default().to_string();
    if !keep || !s.stack_status.ends_with("_IN_PROGRESS") {
        let mut list = List::new(EVENT_COLUMNS);
        for e in &all {
            let t = if follow::is_stack_event(e, &s) { None } else { types.get(&e.resource_name).map(String::as_str) };
            list.row(event_row(e, t));
        }
        return if keep { ctx.out.rows(&list) } else { ctx.out.list(&list) };
    }
    let mut first = List::new(EVENT_COLUMNS);
    for e in &all {
        first.row(event_row(
            e,
            if follow::is_stack_event(e, &s) { None } else { types.get(&e.resource_name).map(String::as_str) },
        ));
    }
    ctx.out.rows(&first)?;
    let marker = all.last().map(|e| e.id.clone());
    let out = &mut *ctx.out;
    let mut failed = None;
    let mut print = |e: &Event, t: Option<&str>| {
        let mut one = List::new(EVENT_COLUMNS);
        one.row(event_row(e, t));
        if let Err(err) = out.rows(&one) {
            failed = failed.take().or(Some(err));
        }
    };
    follow::follow(&heat, &s, &action, marker, timeout, &mut print).await?;
    failed.map_or(Ok(()), Err)
}

pub fn event_row(e: &Event, t: Option<&str>) -> Vec<Value> {
    vec![
        json!(e.event_time),
        json!(e.resource_name),
        json!(t),
        json!(e.resource_status),
        json!(e.resource_status_reason),
        json!(e.id),
    ]
}

/// A stack as `show`, `create` and `update` print it: outputs as a map of key to value (an output Heat could not
/// resolve is `{"error": ...}`).
pub fn record(s: &Stack) -> Record {
    let outputs: Map<String, Value> = s
        .outputs
        .iter()
        .flatten()
        .map(|o| {
            let v = match &o.output_error {
                Some(err) => json!({"error": err}),
                None => o.output_value.clone(),
            };
            (o.output_key.clone(), v)
        })
        .collect();
    Record::new()
        .field("id", s.id.clone())
        .field("name", s.stack_name.clone())
        .field("status", s.stack_status.clone())
        .field("status_reason", json!(s.stack_status_reason))
        .field("description", json!(s.description))
        .field("created", json!(s.creation_time))
        .field("updated", json!(s.updated_time))
        .field("parameters", Value::Object(s.parameters.clone()))
        .field("outputs", Value::Object(outputs))
        .declared(STACK_FIELDS)
}
