//! `berth registry inspect|quota|tags`: what a reference resolves to in its registry, its pull quota, and a
//! repository's tags.

use serde_json::{Value, json};

use crate::app::{Ctx, settings::registry_access};
use crate::cli::{RegistryAccessArgs, RegistryCommand};
use crate::error::{ExitCode, Failure};
use crate::output::{Format, List, Record};
use crate::registry::{Quota, Reference, Registry, reference};

pub const INSPECT_COLUMNS: &[&str] =
    &["reference", "platform", "manifest_digest", "media_type", "config_digest", "layers", "size", "index_digest"];
pub const QUOTA_FIELDS: &[&str] =
    &["reference", "registry", "limit", "remaining", "window_seconds", "source", "summary"];
pub const TAGS_COLUMNS: &[&str] = &["tag"];

pub async fn run(cmd: RegistryCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        RegistryCommand::Inspect { reference, registry } => {
            let r = reference::parse(&reference)?;
            let client = client(&r, &registry.access, ctx)?;
            let (platform, explicit) = registry.platform();
            let images = client.resolve(&r, &platform, registry.all_platforms).await?;
            if let [only] = images.as_slice()
                && !registry.all_platforms
                && !only.serves(&platform)
            {
                let what = format!("`{r}` is an image for `{}` only, not for `{platform}`", only.platform);
                if explicit {
                    return Err(Failure::new(ExitCode::Failure, what)
                        .hint(format!(
                            "it offers `{}`: ask for that with `--platform {}`",
                            only.platform, only.platform
                        ))
                        .into());
                }
                ctx.feedback
                    .warn(&format!("{what} (the default); showing it"), Some("name the platform with `--platform`"));
            }
            let structured = matches!(ctx.out.settings().format, Format::Json | Format::Yaml);
            let mut list = List::new(INSPECT_COLUMNS);
            for i in &images {
                let layers = if structured {
                    json!(
                        i.layers
                            .iter()
                            .map(|l| json!({"digest": l.digest, "media_type": l.media_type, "size": l.size}))
                            .collect::<Vec<_>>()
                    )
                } else {
                    json!(i.layers.len())
                };
                list.row(vec![
                    json!(i.reference.to_string()),
                    json!(i.platform.to_string()),
                    json!(i.manifest_digest),
                    json!(i.manifest_media_type),
                    json!(i.config_digest),
                    layers,
                    json!(i.layers_size()),
                    i.index_digest.as_ref().map_or(Value::Null, |d| json!(d)),
                ]);
            }
            ctx.out.list(&list)
        }
        RegistryCommand::Quota { reference, access } => {
            let r = reference::parse(&reference)?;
            let client = client(&r, &access, ctx)?;
            let head = client.head_manifest(&r).await?;
            ctx.out.record(&quota_record(&r, head.quota.as_ref()))
        }
        RegistryCommand::Tags { repository, access } => {
            let r = reference::parse(&repository)?;
            if r.tag.is_some() || r.digest.is_some() {
                return Err(Failure::usage(format!(
                    "`{repository}` names a tag or digest; `registry tags` takes a repository"
                ))
                .hint(format!("drop the tag: `berth registry tags {}`", r.familiar()))
                .into());
            }
            let client = client(&r, &access, ctx)?;
            let mut tags = client.tags(&r.repository).await?;
            tags.sort();
            let mut list = List::new(TAGS_COLUMNS);
            for t in tags {
                list.row(vec![json!(t)]);
            }
            ctx.out.list(&list)
        }
    }
}

/// What `registry quota` prints; a registry that reports no quota gets empty fields and says so.
fn quota_record(r: &Reference, q: Option<&Quota>) -> Record {
    Record::new()
        .field("reference", r.to_string())
        .field("registry", r.registry.clone())
        .field("limit", q.map_or(Value::Null, |q| json!(q.limit)))
        .field("remaining", q.map_or(Value::Null, |q| json!(q.remaining)))
        .field("window_seconds", q.and_then(|q| q.window).map_or(Value::Null, |w| json!(w)))
        .field("source", q.and_then(|q| q.source.clone()).map_or(Value::Null, Value::from))
        .field("summary", q.map_or_else(|| "no rate limit reported".to_string(), Quota::summary))
        .declared(QUOTA_FIELDS)
}

/// The client for `r`'s registry, with the `--registry-*` flags when they are for it.
fn client(r: &Reference, args: &RegistryAccessArgs, ctx: &Ctx<'_>) -> anyhow::Result<Registry> {
    let mut access = registry_access(args, &ctx.net())?;
    access.bind(&std::iter::once(r.registry.clone()).collect())?;
    Registry::new(&r.registry, access.options(&r.registry))
}
