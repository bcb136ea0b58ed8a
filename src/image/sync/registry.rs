//! Sync from registries: every image a request names, `-j` at a time and at most `--per-registry` per registry,
//! each either `up to date` (one manifest HEAD, one Glance query) or transferred ([`super::transfer`]).

use std::time::Instant;

use futures_util::StreamExt;

use super::mirror;
use super::plan::{self, Job, Source};
use super::settle::{self, settle};
use super::transfer;
use super::{Failed, Options, Outcome, Request, Synced, check_properties};
use crate::error::{ExitCode, Failure};
use crate::feedback::Feedback;
use crate::image::destination::Destination;
use crate::image::lineage::serves;
use crate::image::provenance::{self as prov, Recorded};
use crate::image::sync_file::{self, SyncFile};
use crate::image::upload::until_interrupted;
use crate::openstack::glance;
use crate::registry::Access;
use crate::registry::client::{Image, Registry};
use crate::registry::quota;
use crate::registry::reference::{self, Reference};

/// A request checked without any request to a service: its references parsed, its sync file read.
pub struct Prepared {
    refs: Vec<Reference>,
    file: Option<SyncFile>,
}

impl Prepared {
    /// The sync file's `to:` destinations.
    pub fn to(&self) -> &[String] {
        self.file.as_ref().map(|f| f.to.as_slice()).unwrap_or_default()
    }

    /// Whether mirror mode is on for some repository (`--prune-missing`, the sync file's `prune-missing`).
    pub fn prunes(&self, req: &Request) -> bool {
        let sections = self.file.iter().flat_map(|f| &f.registries);
        req.prune_missing
            || sections.clone().any(|s| s.prune_missing)
            || sections.flat_map(|s| &s.entries).any(|e| e.options.prune_missing == Some(true))
    }

    /// Every registry host the request reaches: its references' and its sync file's.
    pub fn hosts(&self) -> std::collections::BTreeSet<String> {
        let sections =
            self.file.iter().flat_map(|f| &f.registries).filter_map(|s| reference::registry_host(&s.registry).ok());
        self.refs.iter().map(|r| r.registry.clone()).chain(sections).collect()
    }
}

/// Check everything that needs no request, so that a typo fails fast and before anything changes.
pub fn prepare(req: &Request, opts: &Options) -> anyhow::Result<Prepared> {
    super::check_one_name(
        opts,
        req.references.len(),
        "references",
        "sync them one by one, each with its own `--name`, or use a sync file (`-f`) with `name:` per repository",
    )?;
    if let Some(name) = &opts.name
        && req.all_tags
        && name.rsplit('/').next().is_some_and(|last| last.contains(':'))
    {
        return Err(Failure::usage(format!("`--name {name}` has a tag, but `--all-tags` syncs several tags"))
            .hint("name only the repository: each image keeps its tag")
            .into());
    }
    if !req.narrowing.is_empty() && !req.all_tags && req.file.is_none() {
        return Err(Failure::usage("`--exclude` and `--newest` narrow tag lists, but no tag list was asked for")
            .hint("add `--all-tags` (every tag of each REF), or use a sync file (`-f`)")
            .into());
    }
    let file = req.file.as_deref().map(sync_file::load).transpose()?;
    let entry_properties =
        file.iter().flat_map(|f| &f.registries).flat_map(|s| &s.entries).flat_map(|e| &e.options.properties);
    check_properties(opts.properties.iter().chain(entry_properties).map(|(k, _)| k.as_str()))?;
    let refs: Vec<Reference> = req.references.iter().map(|r| reference::parse(r)).collect::<anyhow::Result<_>>()?;
    if req.all_tags
        && let Some(r) = refs.iter().find(|r| r.tag.is_some() || r.digest.is_some())
    {
        return Err(Failure::usage(format!("`--all-tags` takes repositories, but `{r}` has a tag or digest"))
            .hint(format!("give the repository alone: `{}`", r.familiar()))
            .into());
    }
    if !req.all_tags {
        for r in &refs {
            opts.names(r)?;
        }
    }
    Ok(Prepared { refs, file })
}

/// What became of a job at one destination, or at all (`destination` none: its source failed).
type Row = Result<Synced, Miss>;

/// A failure of a job: its platform when the others did not fail, its destination when the others did not.
struct Miss {
    platform: Option<String>,
    destination: Option<String>,
    error: anyhow::Error,
}

impl Miss {
    fn of(error: anyhow::Error) -> Miss {
        Miss { platform: None, destination: None, error }
    }
}

/// Plan every image (references, `--all-tags`, the sync file) and sync each to every destination; failures are
/// rows, the others go on. Ctrl-C deletes the Glance records not yet complete.
pub async fn run(
    dests: &[Destination],
    feedback: &Feedback,
    req: &Request,
    opts: &Options,
    prepared: &Prepared,
    access: &Access,
) -> anyhow::Result<Outcome> {
    let work = async {
        let plan = plan::plan(feedback, req, &prepared.refs, prepared.file.as_ref(), opts, access).await?;
        warn_if_over_quota(feedback, &plan.sources, &plan.jobs).await;
        let bulk = plan.jobs.len() >= settle::BULK;
        if bulk && plan.mirrors.is_empty() {
            let names: std::collections::BTreeSet<String> =
                plan.jobs.iter().filter_map(|j| j.opts.names(&j.reference).ok()).map(|n| n.glance_name).collect();
            for d in dests {
                // Set once per run; a destination reused by a later run keeps its first list anyway (`known`).
                let _ = d.bulk_names.set(names.iter().cloned().collect());
            }
        }
        let mut outcomes: Vec<(usize, _)> = futures_util::stream::iter(plan.jobs.iter().enumerate())
            .map(|(i, job)| {
                let source = &plan.sources[job.source];
                async move {
                    let _slot = source.slots.acquire().await;
                    (i, sync_job(dests, feedback, source, job, req.dry_run, bulk).await)
                }
            })
            .buffer_unordered(req.jobs.max(1))
            .collect()
            .await;
        outcomes.sort_by_key(|(i, _)| *i);
        // In the order asked for; entries whose tags could not even be listed last.
        let several = dests.len() > 1;
        let mut rows = Vec::new();
        for (i, job_rows) in outcomes {
            let job = &plan.jobs[i];
            rows.extend(job_rows.into_iter().map(|row| match row {
                Ok(mut s) => {
                    s.source = job.reference.to_string();
                    Ok(s)
                }
                Err(m) => {
                    let at = match (&m.destination, several) {
                        (Some(d), true) => format!(" to `{d}`"),
                        _ => String::new(),
                    };
                    Err(Failed {
                        what: job.reference.to_string(),
                        name: job.opts.names(&job.reference).ok().map(|n| n.glance_name),
                        platform: m.platform,
                        destination: m.destination,
                        error: m.error.context(format!("cannot sync `{}`{at}", job.reference)),
                    })
                }
            }));
        }
        let (scopes, unknown) = mirror_scopes(&plan).await;
        rows.extend(plan.unlisted.into_iter().chain(unknown).map(Err));
        let mirror = if scopes.is_empty() { vec![] } else { mirror::plan(dests, &scopes, req.delete).await? };
        anyhow::Ok(Outcome { rows, planned: plan.jobs.len(), dry_run: req.dry_run, mirror })
    };
    until_interrupted(dests, work).await?
}

/// The repositories in mirror mode with the tags they have now (listed here when the plan did not need them);
/// one whose tags cannot be listed is a failure, and nothing is pruned for it.
async fn mirror_scopes(plan: &plan::Plan) -> (Vec<mirror::Scope>, Vec<Failed>) {
    let (mut scopes, mut failed) = (Vec::new(), Vec::new());
    for m in &plan.mirrors {
        let tags = match &m.tags {
            Some(tags) => Ok(tags.clone()),
            None => plan.sources[m.source].registry.tags(&m.repo.repository).await,
        };
        match tags {
            Ok(tags) => scopes.push(mirror::Scope { repo: m.repo.clone(), tags: tags.into_iter().collect() }),
            Err(e) => failed.push(Failed {
                what: format!("{} (prune missing)", m.repo.familiar()),
                name: None,
                platform: None,
                destination: None,
                error: e.context(format!("cannot list the tags of `{}`: nothing of it was pruned", m.repo.familiar())),
            }),
        }
    }
    (scopes, failed)
}

/// One job at every destination: up to date already where it is (no transfer), else every platform it resolves to
/// read once and synced to the others; with `dry_run`, what would happen. Each platform of a multi-platform image
/// is an image of its own, and each destination too: one failing does not stop the others.
async fn sync_job(
    dests: &[Destination],
    feedback: &Feedback,
    source: &Source,
    job: &Job,
    dry_run: bool,
    bulk: bool,
) -> Vec<Row> {
    let (registry, r, opts) = (&source.registry, &job.reference, &job.opts);
    let mut rows = Vec::new();
    let mut todo: Vec<&Destination> = dests.iter().collect();
    if !opts.force {
        match up_to_date(dests, registry, job, dry_run, bulk).await {
            Ok(per_dest) => {
                todo.clear();
                for (dest, settled) in dests.iter().zip(per_dest) {
                    match settled {
                        Ok(Some(current)) => rows.extend(current.into_iter().map(Ok)),
                        Ok(None) => todo.push(dest),
                        Err(e) => rows.push(Err(Miss { destination: Some(dest.label.clone()), ..Miss::of(e) })),
                    }
                }
            }
            Err(e) => return vec![Err(Miss::of(e))],
        }
    }
    if todo.is_empty() {
        return rows;
    }
    if dry_run {
        match would_sync(feedback, registry, job).await {
            Ok(would) => {
                for dest in &todo {
                    rows.extend(would.iter().map(|w| Ok(Synced { destination: dest.label.clone(), ..w.clone() })));
                }
            }
            Err(e) => rows.push(Err(Miss::of(e))),
        }
        return rows;
    }
    let images = match registry.resolve(r, &job.platform, job.all_platforms).await {
        Ok(images) => images,
        Err(e) => {
            rows.push(Err(Miss::of(e)));
            return rows;
        }
    };
    if let Err(e) = check_platform(feedback, r, &images, job) {
        rows.push(Err(Miss::of(e)));
        return rows;
    }
    for image in &images {
        let platform = Some(image.platform.to_string());
        match transfer::sync_image(&todo, feedback, registry, image, opts).await {
            Ok(per_dest) => rows.extend(per_dest.into_iter().zip(&todo).map(|(synced, dest)| {
                synced.map_err(|error| Miss {
                    platform: platform.clone(),
                    destination: Some(dest.label.clone()),
                    error,
                })
            })),
            Err(error) => rows.push(Err(Miss { platform, destination: None, error })),
        }
    }
    rows
}

/// What a sync would do, without using up a pull: a registry that counts pulls (it reports a quota, as Docker Hub
/// does) is asked by manifest HEAD alone, which gives the digest but not the size; the others are resolved whole,
/// and the size is the archive's, as a real sync reports it. Rows without a destination.
async fn would_sync(feedback: &Feedback, registry: &Registry, job: &Job) -> anyhow::Result<Vec<Synced>> {
    let (r, opts) = (&job.reference, &job.opts);
    let names = opts.names(r)?;
    let row = |digest: String, platform: String, size: Option<u64>| Synced {
        source: String::new(),
        destination: String::new(),
        name: names.glance_name.clone(),
        id: String::new(),
        digest,
        platform,
        size,
        seconds: 0.0,
        status: "would sync",
    };
    let head = registry.head_manifest(r).await?;
    if head.quota.is_some() || registry.quota().is_some() {
        let platform = if job.all_platforms { "all".to_string() } else { job.platform.to_string() };
        return Ok(vec![row(head.digest.unwrap_or_default(), platform, None)]);
    }
    let images = registry.resolve(r, &job.platform, job.all_platforms).await?;
    check_platform(feedback, r, &images, job)?;
    images
        .iter()
        .map(|image| {
            let size = if opts.uncompressed_layers { None } else { Some(transfer::archive_len(image, &names)?) };
            Ok(row(image.manifest_digest.clone(), image.platform.to_string(), size))
        })
        .collect()
}

/// A single-platform image of another platform than asked for: an error when `--platform` named it, a warning
/// under the default (the Glance `architecture` is the image's own either way).
fn check_platform(feedback: &Feedback, r: &Reference, images: &[Image], job: &Job) -> anyhow::Result<()> {
    if job.all_platforms {
        return Ok(());
    }
    let [only] = images else { return Ok(()) };
    if only.serves(&job.platform) {
        return Ok(());
    }
    let what = format!("`{r}` is an image for `{}` only, not for `{}`", only.platform, job.platform);
    if job.platform_explicit {
        return Err(Failure::new(ExitCode::Failure, what)
            .hint(format!(
                "it offers `{}`: ask for that with `--platform {}`, or sync another tag",
                only.platform, only.platform
            ))
            .into());
    }
    feedback.warn(
        &format!("{what} (the default): syncing it as `{}`, which is what Glance records", only.platform),
        Some("name the platform you want with `--platform`; booting it needs a host of that architecture"),
    );
    Ok(())
}

/// The re-sync of an unchanged tag, at each destination: when the current version under this name already has
/// the digest the registry announces, its rows; `None` where there is something to sync. One manifest HEAD for
/// all destinations, and none when no destination has a version yet. A sync interrupted between upload and switch
/// (two visible versions) is finished here. Fails as a whole when the registry cannot answer.
async fn up_to_date(
    dests: &[Destination],
    registry: &Registry,
    job: &Job,
    dry_run: bool,
    bulk: bool,
) -> anyhow::Result<Vec<anyhow::Result<Option<Vec<Synced>>>>> {
    let start = Instant::now();
    let opts = &job.opts;
    let names = opts.names(&job.reference)?;
    let layers = transfer::layers(opts).as_str();
    let visible = futures_util::future::join_all(dests.iter().map(|d| settle::visible(d, &names, bulk))).await;
    if !visible.iter().any(|v| v.as_ref().is_ok_and(|v| v.iter().any(|i| i.status == "active"))) {
        return Ok(visible.into_iter().map(|v| v.map(|_| None)).collect());
    }
    let Some(digest) = registry.head_manifest(&job.reference).await?.digest else {
        return Ok(visible.into_iter().map(|v| v.map(|_| None)).collect());
    };
    let same = |i: &&glance::Image| {
        i.status == "active"
            && i.layers() == layers
            && match i.property(prov::INDEX_DIGEST) {
                Some(index) => {
                    index == digest && (job.all_platforms || serves(&job.platform, i.platform().unwrap_or_default()))
                }
                None => i.property(prov::MANIFEST_DIGEST) == Some(digest.as_str()),
            }
    };
    let settled = dests.iter().zip(visible).map(|(dest, visible)| {
        let (names, same) = (&names, &same);
        async move {
            let visible = visible?;
            if !visible.iter().any(|i| i.status == "active") {
                return Ok(None);
            }
            settle(dest, bulk, names, opts, &visible, same, start, dry_run).await
        }
    });
    Ok(futures_util::future::join_all(settled).await)
}

/// Before pulling: for each registry and the references it is to sync, one manifest HEAD of the first reference
/// (the answer is kept for the sync's own up-to-date check, which then asks nothing more) tells the pull quota,
/// when the registry reports one. When fewer pulls are left than references, a warning says so and what to do.
/// Never fails: the sync reports what goes wrong (and pulls nothing from a registry that reported 0).
async fn warn_if_over_quota(feedback: &Feedback, sources: &[Source], jobs: &[Job]) {
    for (i, source) in sources.iter().enumerate() {
        let refs: Vec<&Reference> = jobs.iter().filter(|j| j.source == i).map(|j| &j.reference).collect();
        let Some(first) = refs.first() else { continue };
        let Ok(head) = source.registry.head_manifest_kept(first).await else { continue };
        let Some(q) = head.quota else { continue };
        let needed = refs.len() as u64;
        if q.remaining >= needed {
            continue;
        }
        let host = source.registry.host();
        let what = if needed == 1 { "an image".to_string() } else { format!("up to {needed} images") };
        let consequence = if q.remaining == 0 {
            "tags that moved cannot be synced now".to_string()
        } else {
            format!("pulls beyond {} will be refused", q.remaining)
        };
        feedback.warn(
            &format!(
                "`{host}` reports {}; this sync may pull {what} (an unchanged tag needs no pull): {consequence}",
                q.summary()
            ),
            Some(&format!(
                "pull as a user with a higher limit (`docker login {host}`, or `--registry-user`), or wait for the quota to refill{}",
                q.window.map_or(String::new(), |w| format!(" (its window is {})", quota::shown_window(w)))
            )),
        );
    }
}
