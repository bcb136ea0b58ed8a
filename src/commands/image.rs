use serde_json::{Value, json};

use crate::cli::ImageCommand;
use crate::commands::Ctx;
use crate::error::{ExitCode, Failure};
use crate::openstack::glance::{self, Image};
use crate::output::{List, Record};

use super::versions;

pub async fn run(cmd: ImageCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    if let ImageCommand::Sync {
        references,
        from_daemon,
        file,
        all_tags,
        jobs,
        per_registry,
        dry_run,
        consumer,
        name,
        visibility,
        properties,
        tags,
        no_command_line,
        uncompressed_layers,
        force,
        registry,
    } = cmd
    {
        let progress = ctx.out.settings().progress;
        let bars = indicatif::MultiProgress::new();
        let opts = super::sync::Options {
            consumer,
            name,
            visibility,
            properties,
            tags,
            command_line: !no_command_line,
            progress,
            uncompressed_layers,
            force,
            bars,
        };
        if from_daemon {
            return super::daemon_sync::run(ctx, &references, opts).await;
        }
        let req = super::sync::Request {
            references,
            file,
            all_tags,
            jobs: jobs as usize,
            per_registry: per_registry as usize,
            dry_run,
        };
        return super::sync::run(ctx, &req, &registry, opts).await;
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
            let mut list = List::new(&[
                "id",
                "name",
                "tags",
                "digest",
                "platform",
                "size",
                "status",
                "created_at",
                "version",
                "current",
            ]);
            for i in images {
                list.row(vec![
                    json!(i.id),
                    json!(i.name),
                    json!(i.tags),
                    json!(versions::digest(&i)),
                    json!(i.property("berth_platform")),
                    json!(i.size),
                    json!(i.status),
                    json!(i.created_at),
                    json!(versions::version(&i)),
                    json!(versions::is_current(&i)),
                ]);
            }
            ctx.out.list(&list)
        }
        ImageCommand::Show { image } => {
            let img = find(&session, &image).await?;
            ctx.out.record(&record(&img))
        }
        ImageCommand::History { name, platform } => {
            let list = versions::history(&session, ctx.out.settings().verbose, &name, platform.as_ref()).await?;
            ctx.out.list(&list)
        }
        ImageCommand::Rollback { name, to, steps, platform, dry_run } => {
            let target = match to {
                Some(d) => versions::Target::Digest(d),
                None => versions::Target::Steps(steps as usize),
            };
            let list = versions::rollback(&session, &name, platform.as_ref(), &target, dry_run).await?;
            ctx.out.list(&list)
        }
        ImageCommand::Prune { name, all: _, keep, platform, yes, dry_run } => {
            let verbose = ctx.out.settings().verbose;
            let list =
                versions::prune(&session, verbose, name.as_deref(), platform.as_ref(), keep as usize, yes, dry_run)
                    .await?;
            ctx.out.list(&list)
        }
        ImageCommand::Sync { .. } => unreachable!("handled before a session is opened"),
    }
}

/// An image by ID, else by exact name (exactly one).
pub async fn find(session: &crate::openstack::Session, wanted: &str) -> anyhow::Result<Image> {
    let by_name = glance::by_name(session, wanted).await?;
    match by_name.len() {
        1 => return Ok(by_name.into_iter().next().unwrap()),
        0 => {}
        n => {
            return Err(Failure::usage(format!("{n} Glance images are named `{wanted}`"))
                .hint(format!("use an ID: {}", by_name.iter().map(|i| i.id.as_str()).collect::<Vec<_>>().join(", ")))
                .into());
        }
    }
    if super::boot::is_uuid(wanted)
        && let Ok(img) = glance::get(session, wanted).await
    {
        return Ok(img);
    }
    Err(Failure::new(ExitCode::Failure, format!("no Glance image has the ID or name `{wanted}`"))
        .hint("`berth image list` shows the docker images")
        .into())
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
        "berth_source",
        "berth_repo_tag",
        "berth_manifest_digest",
        "berth_config_digest",
        "berth_index_digest",
        "berth_repo_digest",
        "berth_platform",
        "berth_layers",
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
            !k.starts_with("berth_") && !glance::ATTRIBUTES.contains(&k.as_str()) && !shown.contains(&k.as_str())
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    r.field("version", json!(versions::version(i)))
        .field("previous", json!(i.property(versions::PREVIOUS)))
        .field("current", json!(versions::is_current(i)))
        .field("properties", Value::Object(others))
}
