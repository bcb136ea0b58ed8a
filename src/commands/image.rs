//! `berth image list|show|history|rollback|prune` (and `sync`, in its own file).

use serde_json::{Value, json};

use crate::app::Ctx;
use crate::cli::ImageCommand;
use crate::image::find;
use crate::image::lineage::{is_current, version};
use crate::image::provenance::{self as prov, Recorded};
use crate::image::versions::{self, Step, Target, VersionRow};
use crate::openstack::glance::{self, Image};
use crate::output::{List, Record};

pub async fn run(cmd: ImageCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    if let ImageCommand::Sync(args) = cmd {
        return super::sync::run(*args, ctx).await;
    }
    let session = ctx.session().await?;
    match cmd {
        ImageCommand::List { all, all_versions } => {
            let filters: &[(&str, &str)] = if all { &[] } else { &[("container_format", "docker")] };
            let mut images = if all_versions {
                glance::list_all_versions(&session, filters).await?
            } else {
                glance::list(&session, filters).await?
            };
            images.sort_by(|a, b| a.name.cmp(&b.name).then(a.created_at.cmp(&b.created_at)));
            ctx.out.list(&image_list(&images))
        }
        ImageCommand::Show { image } => {
            let img = find::by_id_or_name(&session, &image).await?;
            ctx.out.record(&record(&img))
        }
        ImageCommand::History { name, platform } => {
            let rows = versions::history(&session, &name, platform.as_ref()).await?;
            ctx.out.list(&history_list(&rows))
        }
        ImageCommand::Rollback { name, to, steps, platform, dry_run } => {
            let target = match to {
                Some(d) => Target::Digest(d),
                None => Target::Steps(steps as usize),
            };
            let steps = versions::rollback(&session, &name, platform.as_ref(), &target, dry_run).await?;
            ctx.out.list(&plan_list(&steps))
        }
        ImageCommand::Prune { name, all: _, keep, platform, yes, dry_run } => {
            let plan = versions::plan_prune(&session, name.as_deref(), platform.as_ref(), keep as usize).await?;
            if !plan.delete.is_empty() && !dry_run && !yes {
                let ids: Vec<&str> = plan.delete.iter().map(|i| i.id.as_str()).collect();
                if !super::confirm("prune", "delete", &ids)? {
                    // A declined prompt is an answer, not a failure.
                    ctx.feedback.say("prune cancelled: nothing was deleted\n");
                    return Ok(());
                }
            }
            let steps = versions::prune(&session, plan, dry_run).await?;
            ctx.out.list(&plan_list(&steps))
        }
        ImageCommand::Sync(_) => unreachable!("handled before a session is opened"),
    }
}

fn image_list(images: &[Image]) -> List {
    let mut list = List::new(LIST_COLUMNS);
    for i in images {
        list.row(vec![
            json!(i.id),
            json!(i.name),
            json!(i.tags),
            json!(i.digest()),
            json!(i.platform()),
            json!(i.size),
            json!(i.status),
            json!(i.created_at),
            json!(version(i)),
            json!(is_current(i)),
        ]);
    }
    list
}

pub const LIST_COLUMNS: &[&str] =
    &["id", "name", "tags", "digest", "platform", "size", "status", "created_at", "version", "current"];
pub const SHOW_FIELDS: &[&str] = &[
    "id",
    "name",
    "status",
    "container_format",
    "disk_format",
    "visibility",
    "size",
    "tags",
    "created_at",
    "source",
    "repo_tag",
    "manifest_digest",
    "config_digest",
    "index_digest",
    "repo_digest",
    "platform",
    "layers",
    "architecture",
    "os_command_line",
    "checksum",
    "os_hash_algo",
    "os_hash_value",
    "version",
    "previous",
    "current",
    "properties",
];

pub const HISTORY_COLUMNS: &[&str] =
    &["name", "repo_tag", "platform", "version", "id", "digest", "current", "created_at", "size", "servers"];

fn history_list(rows: &[VersionRow]) -> List {
    let mut list = List::new(HISTORY_COLUMNS);
    for VersionRow { key, image: i, servers } in rows {
        list.row(vec![
            json!(key.name),
            json!(key.repo_tag),
            json!(key.platform),
            json!(version(i)),
            json!(i.id),
            json!(i.digest()),
            json!(is_current(i)),
            json!(i.created_at),
            json!(i.size),
            json!(servers),
        ]);
    }
    list
}

pub const PLAN_COLUMNS: &[&str] = &["action", "id", "name", "version", "digest", "reason"];

fn plan_list(steps: &[Step]) -> List {
    let mut list = List::new(PLAN_COLUMNS);
    for Step { action, image: i, reason } in steps {
        list.row(vec![json!(action), json!(i.id), json!(i.name), json!(version(i)), json!(i.digest()), json!(reason)]);
    }
    list
}

fn record(i: &Image) -> Record {
    let mut r = Record::new()
        .field("id", i.id.clone())
        .field("name", json!(i.name))
        .field("status", i.status.clone())
        .field("container_format", json!(i.container_format))
        .field("disk_format", json!(i.disk_format))
        .field("visibility", json!(i.visibility))
        .field("size", json!(i.size))
        .field("tags", json!(i.tags))
        .field("created_at", json!(i.created_at));
    for key in [
        prov::SOURCE,
        prov::REPO_TAG,
        prov::MANIFEST_DIGEST,
        prov::CONFIG_DIGEST,
        prov::INDEX_DIGEST,
        prov::REPO_DIGEST,
        prov::PLATFORM,
        prov::LAYERS,
        "architecture",
        "os_command_line",
        "checksum",
        "os_hash_algo",
        "os_hash_value",
    ] {
        let field = key.strip_prefix("berth_").unwrap_or(key);
        r = r.field(field, i.extra.get(key).cloned().unwrap_or(Value::Null));
    }
    // The rest: properties given with `--property` (or set by others), not Glance's own attributes.
    let shown = ["architecture", "os_command_line", "os_type"];
    let others: serde_json::Map<String, Value> = i
        .extra
        .iter()
        .filter(|(k, _)| {
            !prov::is_berth_key(k) && !glance::ATTRIBUTES.contains(&k.as_str()) && !shown.contains(&k.as_str())
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    r.field("version", json!(version(i)))
        .field("previous", json!(i.property(prov::PREVIOUS)))
        .field("current", json!(is_current(i)))
        .field("properties", Value::Object(others))
        .declared(SHOW_FIELDS)
}
