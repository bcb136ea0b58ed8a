//! `berth image sync`: registry -> docker-archive -> Glance in one streamed pass, verified at both ends.
//!
//! For each image: resolve the reference to manifest + config, plan the archive (its exact length is known
//! before any blob byte), create the Glance record, and stream the archive into `PUT /v2/images/{id}/file`
//! while the blobs arrive, checking each blob's sha256 and computing the md5 and sha512 that Glance will report.
//! A record whose upload fails, whose checksums differ, or that is interrupted by Ctrl-C is deleted.
//!
//! With `--uncompressed-layers`, a first pass (before the Glance record exists) streams each gzip layer, gunzips
//! it on the fly and keeps only its size and sha256, which must be the config's diff_id; the plan then has the
//! exact length of the archive with plain-tar layers, and the upload streams each blob again, gunzipping it into
//! the archive and checking size and diff_id once more (a registry could serve other bytes the second time).
//! Neither pass keeps a layer in memory or on disk.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use bytes::Bytes;
use futures_util::StreamExt;
use md5::Md5;
use serde_json::{Value, json};
use sha2::{Digest, Sha512};

use super::versions;
use crate::archive::{self, Segment};
pub use crate::cli::Consumer;
use crate::error::{ExitCode, Failure};
use crate::openstack::{Session, glance};
use crate::registry::client::Registry;
use crate::registry::reference::Reference;
use crate::registry::{Platform, manifest};

#[derive(Debug, Clone)]
pub struct Options {
    pub consumer: Consumer,
    pub name: Option<String>,
    pub visibility: String,
    pub properties: Vec<(String, String)>,
    pub tags: Vec<String>,
    pub command_line: bool,
    pub progress: bool,
    /// Gunzip layers into the archive (two passes) instead of keeping them as stored.
    pub uncompressed_layers: bool,
    /// Upload even when the current version already has the tag's digest.
    pub force: bool,
    /// Where the progress bars of images synced at once are drawn together.
    pub bars: indicatif::MultiProgress,
}

/// The Glance name, the archive's RepoTags entry and the Glance tags for one image.
#[derive(Debug, Clone, PartialEq)]
pub struct Naming {
    pub glance_name: String,
    pub repo_tag: String,
    pub glance_tags: Vec<String>,
}

pub fn naming(r: &Reference, opts: &Options) -> anyhow::Result<Naming> {
    let mut glance_tags = opts.tags.clone();
    let (glance_name, repo_tag) = match (&opts.name, opts.consumer) {
        (None, Consumer::NovaDocker) => (r.familiar_with_tag(), r.familiar_with_tag()),
        (None, Consumer::Zun) => {
            glance_tags.insert(0, r.tag_or_default().to_string());
            (r.familiar(), r.familiar_with_tag())
        }
        (Some(name), consumer) => {
            // The name becomes a docker name inside the archive, so it must be a valid one.
            let n = crate::registry::reference::parse(name).map_err(|e| {
                Failure::usage(format!("`--name {name}` is not a valid docker image name: {e}"))
                    .hint("container drivers load the image under this name: use `repo` or `repo:tag` in lowercase")
            })?;
            if n.digest.is_some() {
                return Err(Failure::usage(format!("`--name {name}` has a digest; a docker name needs a tag")).into());
            }
            // A name without a tag renames the repository: the image keeps the reference's tag.
            let tag = n.tag.clone().unwrap_or_else(|| r.tag_or_default().to_string());
            let repo = n.familiar();
            match consumer {
                Consumer::NovaDocker => {
                    let full = format!("{repo}:{tag}");
                    // nova-docker looks the Glance name up in docker: keep it exactly as docker will know it.
                    (if n.tag.is_some() { name.clone() } else { full.clone() }, full)
                }
                Consumer::Zun => {
                    glance_tags.insert(0, tag.clone());
                    (repo.clone(), format!("{repo}:{tag}"))
                }
            }
        }
    };
    glance_tags.dedup();
    Ok(Naming { glance_name, repo_tag, glance_tags })
}

/// The image's Entrypoint + Cmd as one shell command line, for Glance's `os_command_line`.
pub fn command_line(config: &Value) -> Option<String> {
    let c = config.get("config")?;
    let words: Vec<String> = ["Entrypoint", "Cmd"]
        .iter()
        .filter_map(|k| c.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|v| v.as_str().map(shell_quote))
        .collect();
    if words.is_empty() { None } else { Some(words.join(" ")) }
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// What `image sync` was asked to sync, besides the options of each image.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub references: Vec<String>,
    /// `-f`: a sync file.
    pub file: Option<std::path::PathBuf>,
    /// `--all-tags`: the references name repositories.
    pub all_tags: bool,
    /// `-j`: images synced at once.
    pub jobs: usize,
    /// `--per-registry`: of those, at once from one registry.
    pub per_registry: usize,
    pub dry_run: bool,
}

/// One reference to sync (every platform it resolves to), with its own options.
#[derive(Debug)]
struct Job {
    reference: Reference,
    opts: Options,
    platform: Platform,
    all_platforms: bool,
    source: usize,
}

/// A reference or sync-file repository before its tags are known: `tags` is `None` for a reference taken as it
/// is, else the selection to make from the repository's tags.
struct Want {
    label: String,
    repo: Reference,
    tags: Option<crate::sync_file::TagSelection>,
    opts: Options,
    platform: Platform,
    all_platforms: bool,
    source: usize,
}

/// A registry as the command line or one section of the sync file reaches it, shared by its jobs; `slots`
/// bounds how many of them transfer at once.
struct Source {
    host: String,
    registry: Arc<Registry>,
    slots: Arc<tokio::sync::Semaphore>,
}

/// What could not be synced: a job, or a sync-file entry whose tags could not be listed.
pub(crate) struct Failed {
    /// What was asked for (a reference, an entry of the sync file).
    pub what: String,
    /// The Glance name it would have had, when known.
    pub name: Option<String>,
    /// The platform that failed, when the others of its image did not.
    pub platform: Option<String>,
    pub error: anyhow::Error,
}

/// `berth image sync`: plan every image (references, `--all-tags`, the sync file), sync them `-j` at a time;
/// failures are reported and the others go on.
pub async fn run(
    ctx: &mut super::Ctx<'_>,
    req: &Request,
    registry_args: &crate::cli::RegistryArgs,
    opts: Options,
) -> anyhow::Result<()> {
    if let Some(name) = &opts.name {
        if req.references.len() > 1 {
            return Err(Failure::usage("`--name` names one image, but several references were given")
                .hint("sync them one by one, each with its own `--name`, or use a sync file (`-f`) with `name:` per repository")
                .into());
        }
        if req.all_tags && name.rsplit('/').next().is_some_and(|last| last.contains(':')) {
            return Err(Failure::usage(format!("`--name {name}` has a tag, but `--all-tags` syncs several tags"))
                .hint("name only the repository: each image keeps its tag")
                .into());
        }
    }
    // Everything that can be checked without a request is checked first: a typo fails fast.
    let file = req.file.as_deref().map(crate::sync_file::load).transpose()?;
    let entry_properties =
        file.iter().flat_map(|f| &f.registries).flat_map(|s| &s.entries).flat_map(|e| &e.options.properties);
    if let Some((k, _)) = opts
        .properties
        .iter()
        .chain(entry_properties)
        .find(|(k, _)| glance::ATTRIBUTES.contains(&k.as_str()) || k.starts_with("berth_"))
    {
        return Err(Failure::usage(format!(
            "`{k}` is not a property berth can set: it is Glance's own attribute or berth's record"
        ))
        .hint("pick another key (e.g. `team=...` instead of `owner=...`)")
        .into());
    }
    let refs: Vec<Reference> =
        req.references.iter().map(|r| crate::registry::reference::parse(r)).collect::<anyhow::Result<_>>()?;
    if req.all_tags
        && let Some(r) = refs.iter().find(|r| r.tag.is_some() || r.digest.is_some())
    {
        return Err(Failure::usage(format!("`--all-tags` takes repositories, but `{r}` has a tag or digest"))
            .hint(format!("give the repository alone: `{}`", r.familiar()))
            .into());
    }
    let reg_opts = super::registry::options(&registry_args.access, ctx)?;
    let session = ctx.session().await?;
    let settings = ctx.out.settings().clone();
    let pending: Pending = Arc::default();
    let out = &*ctx.out;

    let work = async {
        let (sources, jobs, unlisted) = plan(req, &refs, file.as_ref(), registry_args, &opts, &reg_opts).await?;
        let pulls: Vec<_> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (&*s.registry, jobs.iter().filter(|j| j.source == i).map(|j| &j.reference).collect()))
            .collect();
        super::registry::warn_if_over_quota(out, &pulls).await;
        let mut outcomes: Vec<(usize, _)> = futures_util::stream::iter(jobs.iter().enumerate())
            .map(|(i, job)| {
                let (session, pending, source) = (&session, &pending, &sources[job.source]);
                async move {
                    let _slot = source.slots.acquire().await;
                    (i, sync_job(session, source, job, pending, req.dry_run).await)
                }
            })
            .buffer_unordered(req.jobs.max(1))
            .collect()
            .await;
        outcomes.sort_by_key(|(i, _)| *i);
        // In the order asked for; entries whose tags could not even be listed last.
        let mut rows = Vec::new();
        for (i, outcome) in outcomes {
            let job = &jobs[i];
            let failure = |platform: Option<String>, e: anyhow::Error| Failed {
                what: job.reference.to_string(),
                name: naming(&job.reference, &job.opts).ok().map(|n| n.glance_name),
                platform,
                error: e.context(format!("cannot sync `{}`", job.reference)),
            };
            match outcome {
                Ok(per_platform) => {
                    rows.extend(per_platform.into_iter().map(|o| o.map_err(|(platform, e)| failure(Some(platform), e))))
                }
                Err(e) => rows.push(Err(failure(None, e))),
            }
        }
        rows.extend(unlisted.into_iter().map(Err));
        anyhow::Ok((rows, jobs.len()))
    };
    let (rows, planned) = until_interrupted(&session, &pending, work).await??;
    report(ctx, &settings, rows, planned)
}

/// `work`, unless Ctrl-C comes first: then the Glance records still `pending` are deleted (or named when they
/// cannot be) and the command fails with exit 130.
pub(crate) async fn until_interrupted<T>(
    session: &Session,
    pending: &Pending,
    work: impl std::future::Future<Output = T>,
) -> anyhow::Result<T> {
    tokio::select! {
        r = work => Ok(r),
        _ = tokio::signal::ctrl_c() => {
            let mut deleted = Vec::new();
            let ids: Vec<String> = pending.lock().unwrap().clone();
            for id in ids {
                match glance::delete(session, &id).await {
                    Ok(()) => deleted.push(format!("deleted the incomplete Glance image `{id}`")),
                    Err(_) => deleted.push(format!("could not delete the incomplete Glance image `{id}`: `openstack image delete {id}`")),
                }
            }
            let what = if deleted.is_empty() { "nothing was left behind".to_string() } else { deleted.join("; ") };
            Err(Failure::new(ExitCode::Interrupted, format!("interrupted: {what}")).into())
        }
    }
}

/// The summary of a sync of `planned` images: a row for each, in order, with an `error` column when some failed;
/// the errors in full on stderr; exit 6 when some failed and some did not. One failure and nothing else is that
/// error alone, as for any command.
pub(crate) fn report(
    ctx: &mut super::Ctx<'_>,
    settings: &crate::output::Settings,
    mut rows: Vec<Result<Synced, Failed>>,
    planned: usize,
) -> anyhow::Result<()> {
    let failures = rows.iter().filter(|r| r.is_err()).count();
    if rows.len() == 1 && failures == 1 && planned <= 1 {
        return Err(rows.remove(0).expect_err("the one row failed").error);
    }
    let columns: &[&str] = if failures == 0 { COLUMNS } else { &[COLUMNS, &["error"]].concat() };
    let platform_column = COLUMNS.iter().position(|c| *c == "platform").expect("a platform column");
    let mut list = crate::output::List::new(columns);
    for r in &rows {
        list.row(match r {
            Ok(s) if failures == 0 => row(s),
            Ok(s) => [row(s), vec![Value::Null]].concat(),
            Err(f) => {
                let mut r = vec![Value::Null; COLUMNS.len() + 1];
                r[0] = json!(f.name.clone().unwrap_or_else(|| f.what.clone()));
                r[platform_column] = json!(f.platform);
                r[COLUMNS.len() - 1] = json!("failed");
                r[COLUMNS.len()] = json!(format!("{:#}", f.error));
                r
            }
        });
    }
    ctx.out.list(&list)?;
    if failures == 0 {
        return Ok(());
    }
    ctx.out.flush()?;
    let errors: Vec<&anyhow::Error> = rows.iter().filter_map(|r| r.as_ref().err()).map(|f| &f.error).collect();
    for e in &errors {
        crate::error::render(e, settings, &mut std::io::stderr());
    }
    let code = if failures == rows.len() { crate::error::exit_code(errors[0]) } else { ExitCode::Partial };
    Err(Failure::new(code, format!("{failures} of {} images failed to sync", rows.len()))
        .hint(
            "the others are synced; run the same command again to retry the failed ones (synced ones are `up to date`)",
        )
        .into())
}

/// The jobs of a request, each with its registry: the references (every tag of each with `--all-tags`), then the
/// sync file's entries. A repository whose tags cannot be listed is a failure of its own; the others go on.
async fn plan(
    req: &Request,
    refs: &[Reference],
    file: Option<&crate::sync_file::SyncFile>,
    registry_args: &crate::cli::RegistryArgs,
    opts: &Options,
    reg_opts: &crate::registry::client::RegistryOptions,
) -> anyhow::Result<(Vec<Source>, Vec<Job>, Vec<Failed>)> {
    let mut sources: Vec<Source> = Vec::new();
    // The command line's registries are shared by host; each sync-file section has its own (credentials, TLS).
    let source = |sources: &mut Vec<Source>,
                  host: &str,
                  section: Option<usize>,
                  o: &crate::registry::client::RegistryOptions| {
        let key = match section {
            Some(i) => format!("{host}#{i}"),
            None => host.to_string(),
        };
        if let Some(i) = sources.iter().position(|s| s.host == key) {
            return anyhow::Ok(i);
        }
        sources.push(Source {
            host: key,
            registry: Arc::new(Registry::new(host, o.clone())?),
            slots: Arc::new(tokio::sync::Semaphore::new(req.per_registry.max(1))),
        });
        Ok(sources.len() - 1)
    };
    // First what was asked for, each with its registry; then the tag lists the regexes, ranges and `every tag`
    // need, fetched at once (at most `-j`, and `--per-registry` per registry); then the jobs, in the order asked.
    let mut wants: Vec<Want> = Vec::new();
    for r in refs {
        let source = source(&mut sources, &r.registry, None, reg_opts)?;
        wants.push(Want {
            label: r.familiar(),
            repo: r.clone(),
            tags: req.all_tags.then_some(crate::sync_file::TagSelection::All),
            opts: opts.clone(),
            platform: registry_args.platform.clone(),
            all_platforms: registry_args.all_platforms,
            source,
        });
    }
    for (i, section) in file.map(|f| f.registries.as_slice()).unwrap_or_default().iter().enumerate() {
        let mut o = reg_opts.clone();
        if let Some((username, password)) = &section.credentials {
            o.credentials =
                Some(crate::registry::auth::Credentials { username: username.clone(), password: password.clone() });
        }
        o.tls.insecure |= section.insecure;
        if let Some(ca) = &section.cacert {
            o.tls.cacert = Some(ca.clone());
        }
        if let Some((cert, key)) = &section.client_cert {
            o.tls.cert = Some(cert.clone());
            o.tls.key = Some(key.clone());
        }
        for entry in &section.entries {
            let at = format!("{}/{}", section.registry, entry.repository);
            let repo = crate::registry::reference::parse(&at).map_err(|e| {
                Failure::usage(format!(
                    "sync file: `{}` > `{}` is not a repository: {e:#}",
                    section.registry, entry.repository
                ))
            })?;
            if repo.tag.is_some() || repo.digest.is_some() {
                return Err(Failure::usage(format!(
                    "sync file: `{}` > `{}` has a tag: list tags under it",
                    section.registry, entry.repository
                ))
                .into());
            }
            let source = source(&mut sources, &repo.registry, Some(i), &o)?;
            let mut entry_opts = opts.clone();
            let e = &entry.options;
            entry_opts.name = e.name.clone().or(entry_opts.name);
            entry_opts.consumer = e.consumer.unwrap_or(entry_opts.consumer);
            entry_opts.visibility = e.visibility.clone().unwrap_or(entry_opts.visibility);
            entry_opts.properties.extend(e.properties.iter().cloned());
            entry_opts.tags.extend(e.glance_tags.iter().cloned());
            wants.push(Want {
                label: at,
                repo,
                tags: Some(entry.tags.clone()),
                opts: entry_opts,
                platform: e.platform.clone().unwrap_or_else(|| registry_args.platform.clone()),
                all_platforms: e.all_platforms || (registry_args.all_platforms && e.platform.is_none()),
                source,
            });
        }
    }

    let listings: Vec<Option<anyhow::Result<Vec<String>>>> = futures_util::stream::iter(&wants)
        .map(|w| {
            let source = &sources[w.source];
            async move {
                match &w.tags {
                    Some(selection) if selection.needs_tag_list() => {
                        let _slot = source.slots.acquire().await;
                        Some(source.registry.tags(&w.repo.repository).await)
                    }
                    _ => None,
                }
            }
        })
        .buffered(req.jobs.max(1))
        .collect()
        .await;

    let mut jobs = Vec::new();
    let mut failed = Vec::new();
    for (w, listing) in wants.into_iter().zip(listings) {
        let Some(selection) = &w.tags else {
            jobs.push(Job {
                reference: w.repo,
                opts: w.opts,
                platform: w.platform,
                all_platforms: w.all_platforms,
                source: w.source,
            });
            continue;
        };
        let what = format!("{} ({})", w.label, selection.describe());
        let tags = match listing {
            Some(Ok(all)) => selection.select(&all),
            Some(Err(e)) => {
                let error = e.context(format!("cannot list the tags of `{}`", w.label));
                failed.push(Failed { what, name: None, platform: None, error });
                continue;
            }
            None => selection.select(&[]),
        };
        if tags.is_empty() {
            let message = match selection {
                crate::sync_file::TagSelection::All => format!("`{}` has no tags", w.label),
                _ => format!("no tag of `{}` is among {}", w.label, selection.describe()),
            };
            let error = Failure::new(ExitCode::Failure, message)
                .hint(format!("see its tags with `berth registry tags {}`", w.label))
                .into();
            failed.push(Failed { what, name: None, platform: None, error });
            continue;
        }
        for t in tags {
            let mut r = w.repo.clone();
            if t.starts_with("sha256:") {
                r.digest = Some(t);
            } else {
                r.tag = Some(t);
            }
            let reference = crate::registry::reference::parse(&r.to_string()).map_err(|err| {
                Failure::usage(format!("`{}` lists `{r}`, which is not a valid reference: {err:#}", w.label))
            })?;
            jobs.push(Job {
                reference,
                opts: w.opts.clone(),
                platform: w.platform.clone(),
                all_platforms: w.all_platforms,
                source: w.source,
            });
        }
    }

    // The same image asked for twice (a tag listed and matched by a regex) is synced once.
    let mut seen = std::collections::BTreeSet::new();
    jobs.retain(|j| {
        let name = naming(&j.reference, &j.opts).map(|n| n.glance_name).unwrap_or_default();
        seen.insert((j.reference.to_string(), name, j.platform.to_string(), j.all_platforms))
    });
    Ok((sources, jobs, failed))
}

/// One job: up to date already (no transfer), or every platform it resolves to synced; with `dry_run`, what would
/// happen.
///
/// Each platform of a multi-platform image is an image of its own: one failing does not stop the others, so the
/// result has one outcome per platform (the error with its platform).
async fn sync_job(
    session: &Session,
    source: &Source,
    job: &Job,
    pending: &Pending,
    dry_run: bool,
) -> anyhow::Result<Vec<Result<Synced, (String, anyhow::Error)>>> {
    let (registry, r, opts) = (&source.registry, &job.reference, &job.opts);
    if !opts.force
        && let Some(current) = up_to_date(session, registry, r, &job.platform, job.all_platforms, opts, dry_run).await?
    {
        return Ok(current.into_iter().map(Ok).collect());
    }
    let images = registry.resolve(r, &job.platform, job.all_platforms).await?;
    let names = naming(r, opts)?;
    if dry_run {
        return Ok(images
            .iter()
            .map(|image| {
                Ok(Synced {
                    name: names.glance_name.clone(),
                    id: String::new(),
                    digest: image.manifest_digest.clone(),
                    platform: image.platform.to_string(),
                    size: image.layers_size(),
                    seconds: 0.0,
                    status: "would sync",
                })
            })
            .collect());
    }
    let known = glance::by_name_all_versions(session, &names.glance_name).await?;
    let mut outcomes = Vec::new();
    for image in &images {
        outcomes.push(
            sync_image(session, registry, image, opts, pending, &known)
                .await
                .map_err(|e| (image.platform.to_string(), e)),
        );
    }
    Ok(outcomes)
}

/// One synced image, for the output row.
#[derive(Debug, Clone)]
pub struct Synced {
    pub name: String,
    pub id: String,
    pub digest: String,
    pub platform: String,
    pub size: u64,
    pub seconds: f64,
    /// `synced`, `up to date`, or `restored` (an older version with the tag's digest made current again).
    pub status: &'static str,
}

/// Glance IDs created and not yet complete: deleted when the command fails or is interrupted.
pub type Pending = Arc<Mutex<Vec<String>>>;

/// What berth sent to Glance: its md5 and sha512 (hex), and its length.
pub(crate) struct Hashes {
    pub(crate) md5: String,
    pub(crate) sha512: String,
    pub(crate) bytes: u64,
}

/// Sync one resolved image into Glance.
pub async fn sync_image(
    session: &Session,
    registry: &Arc<Registry>,
    image: &crate::registry::client::Image,
    opts: &Options,
    pending: &Pending,
    known: &[glance::Image],
) -> anyhow::Result<Synced> {
    let start = Instant::now();
    let names = naming(&image.reference, opts)?;
    let repo_tags = std::slice::from_ref(&names.repo_tag);
    let stored: Vec<archive::Layer> = image.layers.iter().map(|d| archive::Layer::stored(&d.digest, d.size)).collect();
    // Planned with the layers as stored first: this checks config, diff_ids and names before any layer is read.
    let mut plan = archive::Plan::new(&image.config, &image.config_digest, &stored, repo_tags)?;
    let config: Value = serde_json::from_slice(&image.config)?;
    let diff_ids: Vec<String> = (0..image.layers.len())
        .map(|i| config["rootfs"]["diff_ids"][i].as_str().unwrap_or_default().to_string())
        .collect();
    let layers = if opts.uncompressed_layers {
        let layers = measure_layers(registry, image, &diff_ids, opts).await?;
        plan = archive::Plan::new(&image.config, &image.config_digest, &layers, repo_tags)?;
        layers
    } else {
        stored
    };

    let mut props = BTreeMap::new();
    props.insert("berth_source".to_string(), image.reference.to_string());
    props.insert("berth_manifest_digest".to_string(), image.manifest_digest.clone());
    props.insert("berth_config_digest".to_string(), image.config_digest.clone());
    props.insert("berth_repo_tag".to_string(), names.repo_tag.clone());
    props.insert("berth_platform".to_string(), image.platform.to_string());
    let encoding = if opts.uncompressed_layers { "uncompressed" } else { "compressed" };
    props.insert("berth_layers".to_string(), encoding.to_string());
    if let Some(index) = &image.index_digest {
        props.insert("berth_index_digest".to_string(), index.clone());
    }
    props.insert("architecture".to_string(), image.platform.glance_architecture().to_string());
    props.insert("os_type".to_string(), image.platform.os.clone());
    if opts.command_line
        && let Some(cl) = command_line(&config)
    {
        props.insert("os_command_line".to_string(), cl);
    }
    for (k, v) in &opts.properties {
        props.insert(k.clone(), v.clone());
    }
    let previous = versions::start_version(known, &names, &image.platform.to_string(), &mut props);
    let new = glance::NewImage {
        name: names.glance_name.clone(),
        visibility: opts.visibility.clone(),
        tags: names.glance_tags.clone(),
        properties: props,
    };

    let record = glance::create(session, &new).await?;
    pending.lock().unwrap().push(record.id.clone());
    let uploaded = upload_and_verify(session, registry, image, &plan, &layers, &diff_ids, &record.id, opts).await;
    let size = conclude(session, pending, &record.id, &image.reference.to_string(), &previous, uploaded).await?;
    Ok(Synced {
        name: names.glance_name,
        id: record.id,
        digest: image.manifest_digest.clone(),
        platform: image.platform.to_string(),
        size,
        seconds: start.elapsed().as_secs_f64(),
        status: "synced",
    })
}

/// The end of an upload into the new Glance record `id` (for `what`): verified, it is no longer pending and
/// becomes current, the `previous` versions stepping aside; failed, it is deleted (or named when it cannot be).
pub(crate) async fn conclude(
    session: &Session,
    pending: &Pending,
    id: &str,
    what: &str,
    previous: &[String],
    uploaded: anyhow::Result<u64>,
) -> anyhow::Result<u64> {
    match uploaded {
        Ok(size) => {
            pending.lock().unwrap().retain(|p| p != id);
            // Active and verified: only now does the previous version step aside. A failure from here on leaves
            // the new image and maybe the old one visible; a re-run finds the new one up to date and finishes.
            let others: Vec<&str> = previous.iter().map(String::as_str).collect();
            promote(session, id, &others, vec![]).await?;
            Ok(size)
        }
        Err(e) => {
            let cleanup = glance::delete(session, id).await;
            pending.lock().unwrap().retain(|p| p != id);
            Err(match cleanup {
                Ok(()) => e.context(format!("syncing `{what}` failed; the incomplete Glance image `{id}` was deleted")),
                Err(d) => e.context(format!(
                    "syncing `{what}` failed and the incomplete Glance image `{id}` could not be deleted ({d:#}): delete it with `openstack image delete {id}`"
                )),
            })
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn upload_and_verify(
    session: &Session,
    registry: &Arc<Registry>,
    image: &crate::registry::client::Image,
    plan: &archive::Plan,
    layers: &[archive::Layer],
    diff_ids: &[String],
    id: &str,
    opts: &Options,
) -> anyhow::Result<u64> {
    let bar = progress_bar(opts.progress, &opts.bars, plan.len(), &image.reference.familiar_with_tag());
    let (segments, layers, diff_ids) = (plan.segments().to_vec(), layers.to_vec(), diff_ids.to_vec());
    let (repository, registry) = (image.reference.repository.clone(), registry.clone());
    let hashes = pipe(
        &bar,
        |w| produce(segments, layers, diff_ids, repository, registry, w),
        |body| glance::upload(session, id, body, plan.len()),
    )
    .await?;
    if hashes.bytes != plan.len() {
        anyhow::bail!("wrote {} bytes of a {}-byte archive", hashes.bytes, plan.len());
    }
    check_stored(session, id, &hashes).await?;
    Ok(plan.len())
}

/// After an upload: Glance's image must be active with the md5, sha512 and size of what berth sent.
pub(crate) async fn check_stored(session: &Session, id: &str, hashes: &Hashes) -> anyhow::Result<()> {
    let img = glance::get(session, id).await?;
    let checksum = img.extra.get("checksum").and_then(Value::as_str).unwrap_or_default().to_string();
    let hash_algo = img.property("os_hash_algo").unwrap_or_default();
    let hash_value = img.property("os_hash_value").unwrap_or_default();
    if img.status != "active" {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("Glance left image `{id}` in status `{}` after the upload", img.status),
        )
        .into());
    }
    if checksum != hashes.md5 {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("Glance's checksum `{checksum}` of image `{id}` differs from berth's `{}`", hashes.md5),
        )
        .into());
    }
    if hash_algo == "sha512" && hash_value != hashes.sha512 {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("Glance's sha512 of image `{id}` differs from what berth sent"),
        )
        .into());
    }
    if img.size != Some(hashes.bytes) {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("Glance stored {:?} bytes for image `{id}`, berth sent {}", img.size, hashes.bytes),
        )
        .into());
    }
    Ok(())
}

/// The upload ended before the archive was written: the reason is on the upload's side.
#[derive(Debug)]
struct ReaderGone;

impl std::fmt::Display for ReaderGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Glance stopped reading the upload")
    }
}

impl std::error::Error for ReaderGone {}

/// The writing side of a streamed Glance upload: each piece is hashed as Glance will hash it (md5, sha512), counted,
/// shown on the progress bar and sent into the upload's body.
pub(crate) struct Writer {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    md5: Md5,
    sha512: Sha512,
    bytes: u64,
    bar: indicatif::ProgressBar,
}

impl Writer {
    pub(crate) async fn send(&mut self, piece: Bytes) -> anyhow::Result<()> {
        self.md5.update(&piece);
        self.sha512.update(&piece);
        self.bytes += piece.len() as u64;
        self.bar.inc(piece.len() as u64);
        // A total that was only an estimate grows with what is really sent.
        if self.bar.position() > self.bar.length().unwrap_or(0) {
            self.bar.set_length(self.bar.position());
        }
        self.tx.send(Ok(piece)).await.map_err(|_| ReaderGone.into())
    }
}

/// Stream what `produce` writes into the upload `upload` starts with the body, and return the hashes of what was
/// sent. The writer runs on its own task; when it fails, the body fails too, so Glance aborts the upload. Whichever
/// side failed first is the cause: a digest mismatch or a source failure aborts the upload, and a Glance failure
/// makes the writer stop because nobody reads any more.
pub(crate) async fn pipe<P, W, U, F>(bar: &indicatif::ProgressBar, produce: P, upload: U) -> anyhow::Result<Hashes>
where
    P: FnOnce(Writer) -> W,
    W: std::future::Future<Output = anyhow::Result<Writer>> + Send + 'static,
    U: FnOnce(reqwest::Body) -> F,
    F: std::future::Future<Output = anyhow::Result<()>>,
{
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let writer = Writer { tx: tx.clone(), md5: Md5::new(), sha512: Sha512::new(), bytes: 0, bar: bar.clone() };
    let written = produce(writer);
    let producer = tokio::spawn(async move {
        match written.await {
            Ok(w) => Ok(Hashes {
                md5: format!("{:x}", w.md5.finalize()),
                sha512: format!("{:x}", w.sha512.finalize()),
                bytes: w.bytes,
            }),
            Err(e) => {
                let _ = tx.send(Err(std::io::Error::other(format!("{e:#}")))).await;
                Err(e)
            }
        }
    });
    let body = reqwest::Body::wrap_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }));
    let uploaded = upload(body).await;
    let produced = producer.await.map_err(|e| anyhow::anyhow!("the archive writer stopped: {e}"))?;
    bar.finish_and_clear();
    match (produced, uploaded) {
        (Err(e), Err(up)) if e.is::<ReaderGone>() => Err(up),
        (Err(e), _) => Err(e),
        (Ok(_), Err(up)) => Err(up),
        (Ok(h), Ok(())) => Ok(h),
    }
}

/// Write the archive: bytes segments as they are, blob segments streamed from the registry (each verified by the
/// registry client), gunzipped for uncompressed layers (checked against the first pass's size and the diff_id).
async fn produce(
    segments: Vec<Segment>,
    layers: Vec<archive::Layer>,
    diff_ids: Vec<String>,
    repository: String,
    registry: Arc<Registry>,
    mut w: Writer,
) -> anyhow::Result<Writer> {
    for seg in segments {
        match seg {
            Segment::Bytes(b) => w.send(Bytes::from(b)).await?,
            Segment::Blob { layer, size } => {
                let l = &layers[layer];
                let blob = registry.blob(&repository, &l.digest, l.size).await?;
                let mut stream: BlobStream = if l.uncompressed_size.is_some() {
                    let check = LayerCheck {
                        index: layer,
                        digest: l.digest.clone(),
                        diff_id: diff_ids[layer].clone(),
                        planned: Some(size),
                    };
                    Box::pin(gunzipped(blob, check))
                } else {
                    Box::pin(blob)
                };
                while let Some(chunk) = stream.next().await {
                    w.send(chunk?).await?;
                }
            }
        }
    }
    Ok(w)
}

/// True for the layer media types that are gzip-compressed (the others a docker-archive takes are plain tars).
fn is_gzip(media_type: &str) -> bool {
    media_type == manifest::DOCKER_LAYER_GZIP || media_type == manifest::OCI_LAYER_GZIP
}

/// The first pass of `--uncompressed-layers`: every gzip layer streamed from the registry (its digest verified),
/// gunzipped and counted, its sha256 checked against the config's diff_id; nothing of it kept. Plain-tar layers
/// stay as stored: their digest must be their diff_id.
async fn measure_layers(
    registry: &Registry,
    image: &crate::registry::client::Image,
    diff_ids: &[String],
    opts: &Options,
) -> anyhow::Result<Vec<archive::Layer>> {
    let gzip_bytes: u64 = image.layers.iter().filter(|d| is_gzip(&d.media_type)).map(|d| d.size).sum();
    let bar = progress_bar(
        opts.progress,
        &opts.bars,
        gzip_bytes,
        &format!("{} (measuring layers)", image.reference.familiar_with_tag()),
    );
    let measured = async {
        let mut layers = Vec::with_capacity(image.layers.len());
        for (i, d) in image.layers.iter().enumerate() {
            let mut layer = archive::Layer::stored(&d.digest, d.size);
            if is_gzip(&d.media_type) {
                let bar = bar.clone();
                let blob = registry
                    .blob(&image.reference.repository, &d.digest, d.size)
                    .await?
                    .inspect(move |c| if let Ok(c) = c { bar.inc(c.len() as u64) });
                let check = LayerCheck { index: i, digest: d.digest.clone(), diff_id: diff_ids[i].clone(), planned: None };
                let mut tar = Box::pin(gunzipped(blob, check));
                let mut size = 0u64;
                while let Some(piece) = tar.next().await {
                    size += piece?.len() as u64;
                }
                layer.uncompressed_size = Some(size);
            } else if d.digest != diff_ids[i] {
                return Err(Failure::new(
                    ExitCode::Failure,
                    format!(
                        "layer {i} (`{}`) is a plain tar, so its digest must be the image config's `rootfs.diff_ids[{i}]`, which is `{}`",
                        d.digest, diff_ids[i]
                    ),
                )
                .hint("the image in the registry is inconsistent (its layers do not match its config): rebuild and push it")
                .into());
            }
            layers.push(layer);
        }
        anyhow::Ok(layers)
    }
    .await;
    bar.finish_and_clear();
    measured
}

/// What a gunzipped layer must be: the config's diff_id, and on the second pass the size the first one measured.
#[derive(Debug, Clone)]
struct LayerCheck {
    index: usize,
    digest: String,
    diff_id: String,
    planned: Option<u64>,
}

impl LayerCheck {
    fn which(&self) -> String {
        format!("layer {} (`{}`)", self.index, self.digest)
    }

    /// The second read is checked against the first: a difference is the registry's doing.
    fn again(&self) -> &'static str {
        if self.planned.is_some() {
            " on the second read (the registry served other bytes than on the first)"
        } else {
            ""
        }
    }
}

type BlobStream = std::pin::Pin<Box<dyn futures_core::Stream<Item = anyhow::Result<Bytes>> + Send>>;

struct GunzipState {
    blob: BlobStream,
    gz: Option<archive::Gunzip>,
    chunk: Bytes,
    check: LayerCheck,
}

/// `blob`'s bytes gunzipped, in pieces of at most [`archive::GUNZIP_PIECE_MAX`] bytes, as they arrive. Ends with an
/// error when the blob stream fails, the gzip is corrupt, the tar's sha256 is not `check.diff_id`, or its size is
/// not `check.planned` (bytes beyond the planned size are never yielded).
fn gunzipped(
    blob: impl futures_core::Stream<Item = anyhow::Result<Bytes>> + Send + 'static,
    check: LayerCheck,
) -> impl futures_core::Stream<Item = anyhow::Result<Bytes>> + Send + 'static {
    let state = GunzipState { blob: Box::pin(blob), gz: Some(archive::Gunzip::new()), chunk: Bytes::new(), check };
    futures_util::stream::unfold(state, |mut st| async move {
        st.gz.as_ref()?;
        loop {
            let piece = if st.chunk.is_empty() {
                match st.blob.next().await {
                    Some(Ok(chunk)) => {
                        st.chunk = chunk;
                        continue;
                    }
                    Some(Err(e)) => {
                        st.gz = None;
                        return Some((Err(e), st));
                    }
                    None => {
                        // The end of the blob: the gzip must end too, and the whole tar pass the checks.
                        let mut gz = st.gz.take()?;
                        let rest = gz.finish().map_err(|e| st.check.corrupt(e)).and_then(|rest| {
                            st.check.over(&gz)?;
                            st.check.complete(&gz)?;
                            Ok(rest)
                        });
                        return match rest {
                            Ok(rest) if rest.is_empty() => None,
                            other => Some((other.map(Bytes::from), st)),
                        };
                    }
                }
            } else {
                let gz = st.gz.as_mut()?;
                let stepped = gz.step(&st.chunk).map_err(|e| st.check.corrupt(e)).and_then(|(used, out)| {
                    st.check.over(gz)?;
                    Ok((used, out))
                });
                match stepped {
                    Ok((used, out)) => {
                        let _ = st.chunk.split_to(used);
                        out
                    }
                    Err(e) => {
                        st.gz = None;
                        return Some((Err(e), st));
                    }
                }
            };
            if !piece.is_empty() {
                return Some((Ok(Bytes::from(piece)), st));
            }
        }
    })
}

impl LayerCheck {
    /// A gzip error, naming the layer.
    fn corrupt(&self, e: std::io::Error) -> anyhow::Error {
        Failure::new(ExitCode::Failure, format!("{}: {e}", self.which())).into()
    }

    /// More tar bytes than planned: fail before they are yielded.
    fn over(&self, gz: &archive::Gunzip) -> anyhow::Result<()> {
        match self.planned {
            Some(planned) if gz.len() > planned => Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "{} decompresses to more than the {planned} bytes it did the first time{}",
                    self.which(),
                    self.again()
                ),
            )
            .into()),
            _ => Ok(()),
        }
    }

    /// At the end: the planned size, and the diff_id.
    fn complete(&self, gz: &archive::Gunzip) -> anyhow::Result<()> {
        if let Some(planned) = self.planned
            && gz.len() != planned
        {
            return Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "{} decompresses to {} bytes, {planned} the first time{}",
                    self.which(),
                    gz.len(),
                    self.again()
                ),
            )
            .into());
        }
        let actual = gz.diff_id();
        if actual != self.diff_id {
            return Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "{} decompresses to `{actual}`, but the image config's `rootfs.diff_ids[{}]` is `{}`{}",
                    self.which(),
                    self.index,
                    self.diff_id,
                    self.again()
                ),
            )
            .hint("the image in the registry is inconsistent (its layers do not match its config): rebuild and push it")
            .into());
        }
        Ok(())
    }
}

pub(crate) fn progress_bar(
    show: bool,
    bars: &indicatif::MultiProgress,
    len: u64,
    name: &str,
) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = bars.add(indicatif::ProgressBar::new(len));
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{prefix:.bold} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(name.to_string());
    bar
}

/// The output row of a synced image.
pub fn row(s: &Synced) -> Vec<Value> {
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

pub const COLUMNS: &[&str] = &["name", "id", "digest", "platform", "size", "seconds", "status"];

/// Hide `others` (the versions that were current), then mark `id` current with `extra` patch operations.
pub(crate) async fn promote(session: &Session, id: &str, others: &[&str], extra: Vec<Value>) -> anyhow::Result<()> {
    for other in others.iter().filter(|o| **o != id) {
        versions::hide(session, other).await.map_err(|e| {
            e.context(format!("`{id}` is synced, but the previous version `{other}` could not be hidden: run the same sync again to finish"))
        })?;
    }
    versions::unhide(session, id, extra).await?;
    Ok(())
}

/// The re-sync of an unchanged tag: when the current version under this name already has the digest the
/// registry announces (one Glance query, one manifest HEAD), its rows; `None` when there is something to sync.
/// A sync interrupted between upload and switch (two visible versions) is finished here.
async fn up_to_date(
    session: &Session,
    registry: &Registry,
    r: &Reference,
    platform: &Platform,
    all_platforms: bool,
    opts: &Options,
    dry_run: bool,
) -> anyhow::Result<Option<Vec<Synced>>> {
    let start = Instant::now();
    let names = naming(r, opts)?;
    let encoding = if opts.uncompressed_layers { "uncompressed" } else { "compressed" };
    let visible: Vec<glance::Image> = glance::by_name(session, &names.glance_name)
        .await?
        .into_iter()
        .filter(|i| i.property("berth_repo_tag") == Some(names.repo_tag.as_str()))
        .collect();
    if !visible.iter().any(|i| i.status == "active") {
        return Ok(None);
    }
    let Some(digest) = registry.head_manifest(r).await?.digest else { return Ok(None) };
    let same = |i: &&glance::Image| {
        i.status == "active"
            && i.property("berth_layers").unwrap_or("compressed") == encoding
            && match i.property("berth_index_digest") {
                Some(index) => {
                    index == digest
                        && (all_platforms
                            || versions::serves(platform, i.property("berth_platform").unwrap_or_default()))
                }
                None => i.property("berth_manifest_digest") == Some(digest.as_str()),
            }
    };
    settle(session, &names, opts, &visible, same, start, dry_run).await
}

/// The version to keep when one under this name has the content asked for (`same`): the newest such among
/// `visible` (the current ones), else among the hidden ones (made current again: `restored`), one per platform,
/// with the other visible versions of its platform hidden and the requested Glance tags and properties added.
/// `None` when no version has it. With `dry_run`, only the rows: nothing is changed.
pub(crate) async fn settle(
    session: &Session,
    names: &Naming,
    opts: &Options,
    visible: &[glance::Image],
    same: impl Fn(&&glance::Image) -> bool,
    start: Instant,
    dry_run: bool,
) -> anyhow::Result<Option<Vec<Synced>>> {
    let mut matching: Vec<&glance::Image> = visible.iter().filter(&same).collect();
    let mut status = "up to date";
    // Not current, but maybe an older version (after a rollback): made current again, without a transfer.
    let hidden: Vec<glance::Image>;
    if matching.is_empty() {
        hidden = glance::hidden_by_name(session, &names.glance_name)
            .await?
            .into_iter()
            .filter(|i| i.property("berth_repo_tag") == Some(names.repo_tag.as_str()))
            .collect();
        matching = hidden.iter().filter(&same).collect();
        if matching.is_empty() {
            return Ok(None);
        }
        status = if dry_run { "would restore" } else { "restored" };
    }
    matching.sort_by(|a, b| versions::version(b).cmp(&versions::version(a)).then(b.created_at.cmp(&a.created_at)));
    // One per platform: the newest with the digest.
    let mut seen = std::collections::BTreeSet::new();
    matching.retain(|i| seen.insert(i.property("berth_platform").unwrap_or_default().to_string()));
    let mut rows = Vec::new();
    for keep in matching {
        let platform = keep.property("berth_platform").unwrap_or_default();
        let others: Vec<&str> = visible
            .iter()
            .filter(|i| i.id != keep.id && i.property("berth_platform") == Some(platform))
            .map(|i| i.id.as_str())
            .collect();
        // What was asked for besides the content: tags and properties missing on the current version are added.
        let mut extra = Vec::new();
        let mut tags = keep.tags.clone();
        for t in &names.glance_tags {
            if !tags.contains(t) {
                tags.push(t.clone());
            }
        }
        if tags != keep.tags {
            extra.push(glance::op("replace", "/tags", json!(tags)));
        }
        for (k, v) in &opts.properties {
            if keep.property(k) != Some(v.as_str()) {
                extra.push(glance::op("add", &format!("/{k}"), json!(v)));
            }
        }
        if !dry_run && (!others.is_empty() || !extra.is_empty() || keep.property(versions::CURRENT) != Some("true")) {
            promote(session, &keep.id, &others, extra).await?;
        }
        rows.push(Synced {
            name: names.glance_name.clone(),
            id: keep.id.clone(),
            digest: versions::digest(keep).unwrap_or_default().to_string(),
            platform: platform.to_string(),
            size: keep.size.unwrap_or(0),
            seconds: start.elapsed().as_secs_f64(),
            status,
        });
    }
    Ok(Some(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(consumer: Consumer, name: Option<&str>) -> Options {
        Options {
            consumer,
            name: name.map(str::to_string),
            visibility: "private".into(),
            properties: vec![],
            tags: vec!["extra".into()],
            command_line: true,
            progress: false,
            uncompressed_layers: false,
            force: false,
            bars: indicatif::MultiProgress::with_draw_target(indicatif::ProgressDrawTarget::hidden()),
        }
    }

    fn r(s: &str) -> Reference {
        crate::registry::reference::parse(s).unwrap()
    }

    #[test]
    fn nova_docker_names_the_image_as_docker_does() {
        let n = naming(&r("busybox:1.36"), &opts(Consumer::NovaDocker, None)).unwrap();
        assert_eq!(
            n,
            Naming {
                glance_name: "busybox:1.36".into(),
                repo_tag: "busybox:1.36".into(),
                glance_tags: vec!["extra".into()]
            }
        );
        let n = naming(&r("127.0.0.1:5001/library/busybox"), &opts(Consumer::NovaDocker, None)).unwrap();
        assert_eq!(n.glance_name, "127.0.0.1:5001/library/busybox:latest");
        assert_eq!(n.repo_tag, n.glance_name);
    }

    #[test]
    fn zun_names_by_repo_and_tags_by_docker_tag() {
        let n = naming(&r("docker.io/library/busybox:1.36"), &opts(Consumer::Zun, None)).unwrap();
        assert_eq!(
            n,
            Naming {
                glance_name: "busybox".into(),
                repo_tag: "busybox:1.36".into(),
                glance_tags: vec!["1.36".into(), "extra".into()]
            }
        );
    }

    #[test]
    fn explicit_names() {
        let n = naming(&r("busybox:1.36"), &opts(Consumer::NovaDocker, Some("tools/bb"))).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb:1.36", "tools/bb:1.36"));
        let n = naming(&r("busybox"), &opts(Consumer::NovaDocker, Some("tools/bb"))).unwrap();
        assert_eq!(n.glance_name, "tools/bb:latest");
        let n = naming(&r("busybox:1.36"), &opts(Consumer::NovaDocker, Some("tools/bb:v1"))).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb:v1", "tools/bb:v1"));
        let n = naming(&r("busybox:1.36"), &opts(Consumer::Zun, Some("tools/bb"))).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb", "tools/bb:1.36"));
        let e = naming(&r("busybox"), &opts(Consumer::NovaDocker, Some("Bad Name"))).unwrap_err();
        assert_eq!(crate::error::exit_code(&e), ExitCode::Usage);
    }

    #[test]
    fn command_line_joins_entrypoint_and_cmd_quoted() {
        let c = json!({"config": {"Entrypoint": ["/bin/sh", "-c"], "Cmd": ["echo it's up; sleep 1"]}});
        assert_eq!(command_line(&c).unwrap(), r"/bin/sh -c 'echo it'\''s up; sleep 1'");
        assert_eq!(command_line(&json!({"config": {"Cmd": ["sh"]}})).unwrap(), "sh");
        assert!(command_line(&json!({"config": {}})).is_none());
    }

    /// A tar of `n` bytes of text, its gzip and its diff_id.
    fn layer(n: usize) -> (Vec<u8>, Vec<u8>, String) {
        use std::io::Write;
        let tar: Vec<u8> = (0..n).map(|i| b"berth layer\n"[i % 12]).collect();
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&tar).unwrap();
        let gz = e.finish().unwrap();
        let id = format!("sha256:{:x}", sha2::Sha256::digest(&tar));
        (tar, gz, id)
    }

    fn check(diff_id: &str, planned: Option<u64>) -> LayerCheck {
        LayerCheck { index: 3, digest: "sha256:blob".into(), diff_id: diff_id.into(), planned }
    }

    /// Run `gunzipped` over `gz` arriving in `chunk`-byte pieces: the tar pieces, then the error if any.
    fn run_gunzipped(gz: &[u8], chunk: usize, check: LayerCheck) -> (Vec<Bytes>, Option<anyhow::Error>) {
        let items: Vec<anyhow::Result<Bytes>> = gz.chunks(chunk).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(async {
            let mut s = Box::pin(gunzipped(futures_util::stream::iter(items), check));
            let (mut pieces, mut error) = (Vec::new(), None);
            while let Some(item) = s.next().await {
                match item {
                    Ok(b) => pieces.push(b),
                    Err(e) => {
                        assert!(error.is_none(), "one error at most");
                        error = Some(e);
                    }
                }
            }
            (pieces, error)
        })
    }

    #[test]
    fn gunzipped_yields_the_tar_in_bounded_pieces() {
        let (tar, gz, id) = layer(3 << 20);
        for (chunk, planned) in [(1000, None), (gz.len(), Some(tar.len() as u64))] {
            let (pieces, error) = run_gunzipped(&gz, chunk, check(&id, planned));
            assert!(error.is_none(), "{error:?}");
            assert!(pieces.iter().all(|p| !p.is_empty() && p.len() <= archive::GUNZIP_PIECE_MAX));
            assert!(pieces.concat() == tar);
        }
    }

    #[test]
    fn gunzipped_fails_on_the_wrong_diff_id_naming_layer_and_digests() {
        let (_, gz, id) = layer(10_000);
        let wrong = format!("sha256:{}", "0".repeat(64));
        let (_, error) = run_gunzipped(&gz, 512, check(&wrong, None));
        let e = error.expect("a mismatch");
        assert_eq!(crate::error::exit_code(&e), ExitCode::Failure);
        assert_eq!(
            e.to_string(),
            format!(
                "layer 3 (`sha256:blob`) decompresses to `{id}`, but the image config's `rootfs.diff_ids[3]` is `{wrong}`"
            )
        );
        let (_, error) = run_gunzipped(&gz, 512, check(&wrong, Some(10_000)));
        assert!(
            error
                .unwrap()
                .to_string()
                .ends_with("on the second read (the registry served other bytes than on the first)")
        );
    }

    #[test]
    fn gunzipped_on_the_second_read_never_yields_more_than_planned() {
        let (_, gz, id) = layer(300_000);
        let (pieces, error) = run_gunzipped(&gz, gz.len(), check(&id, Some(100_000)));
        let total: usize = pieces.iter().map(Bytes::len).sum();
        assert!(total <= 100_000, "{total} bytes yielded");
        let e = error.expect("too long").to_string();
        assert!(
            e.contains("decompresses to more than the 100000 bytes it did the first time on the second read"),
            "{e}"
        );

        let (_, error) = run_gunzipped(&gz, 4096, check(&id, Some(300_001)));
        let e = error.expect("too short").to_string();
        assert!(e.starts_with("layer 3 (`sha256:blob`) decompresses to 300000 bytes, 300001 the first time"), "{e}");
    }

    #[test]
    fn gunzipped_passes_blob_errors_and_rejects_corrupt_gzip() {
        let (_, gz, id) = layer(50_000);
        let (_, error) = run_gunzipped(&gz[..gz.len() - 10], 1000, check(&id, None));
        let e = error.expect("truncated").to_string();
        assert!(e.starts_with("layer 3 (`sha256:blob`): not valid gzip"), "{e}");
        let (_, error) = run_gunzipped(b"plain tar, not gzip", 7, check(&id, None));
        assert!(error.expect("not gzip").to_string().contains("not valid gzip"));

        let items: Vec<anyhow::Result<Bytes>> =
            vec![Ok(Bytes::copy_from_slice(&gz[..100])), Err(anyhow::anyhow!("the blob broke"))];
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let out: Vec<Result<usize, String>> = rt.block_on(
            gunzipped(futures_util::stream::iter(items), check(&id, None))
                .map(|r| r.map(|b| b.len()).map_err(|e| e.to_string()))
                .collect(),
        );
        assert_eq!(out.last().unwrap(), &Err("the blob broke".to_string()), "{out:?}");
        assert_eq!(out.iter().filter(|r| r.is_err()).count(), 1, "nothing after the error");
    }
}
