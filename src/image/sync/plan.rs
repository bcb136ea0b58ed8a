//! Bulk planning: what a request asks for, each with its registry (one client per host of the command line, one
//! per sync-file section with its own credentials and TLS), the tag lists that regexes, ranges and `every tag`
//! need (fetched at once, at most `-j`, `--per-registry` per registry), and then the jobs in the order asked.

use std::sync::Arc;

use futures_util::StreamExt;

use super::{Failed, Options, Request};
use crate::error::{ExitCode, Failure};
use crate::feedback::Feedback;
use crate::image::sync_file::{Narrowing, Section, SyncFile, TagSelection};
use crate::registry::Access;
use crate::registry::client::{Registry, RegistryOptions};
use crate::registry::reference::{self, Reference};
use crate::registry::{Credentials, Platform};

/// One reference to sync (every platform it resolves to), with its own options.
#[derive(Debug)]
pub struct Job {
    pub reference: Reference,
    pub opts: Options,
    pub platform: Platform,
    /// Asked for, by `--platform` or a sync file's `platform:`, rather than the default.
    pub platform_explicit: bool,
    pub all_platforms: bool,
    pub source: usize,
}

/// A registry as the command line or one section of the sync file reaches it, shared by its jobs; `slots`
/// bounds how many of them transfer at once.
pub struct Source {
    key: String,
    pub registry: Arc<Registry>,
    pub slots: Arc<tokio::sync::Semaphore>,
}

/// A reference or sync-file repository before its tags are known: `tags` is `None` for a reference taken as it
/// is, else the selection to make from the repository's tags.
struct Want {
    label: String,
    repo: Reference,
    tags: Option<TagSelection>,
    /// `--exclude`, `--newest` and the sync file's: applied after `tags`.
    narrowing: Narrowing,
    /// Mirror mode for this repository (`--prune-missing`, the sync file's `prune-missing`).
    prune_missing: bool,
    opts: Options,
    platform: Platform,
    platform_explicit: bool,
    all_platforms: bool,
    source: usize,
}

/// The sources, the jobs, the entries whose tags could not be listed (each a failure of its own), and the
/// repositories in mirror mode.
pub struct Plan {
    pub sources: Vec<Source>,
    pub jobs: Vec<Job>,
    pub unlisted: Vec<Failed>,
    pub mirrors: Vec<Mirror>,
}

/// A repository in mirror mode: its source, and its tags when the plan listed them.
pub struct Mirror {
    pub source: usize,
    pub repo: Reference,
    pub tags: Option<Vec<String>>,
}

/// The jobs of a request: the references (every tag of each with `--all-tags`), then the sync file's entries.
pub async fn plan(
    feedback: &Feedback,
    req: &Request,
    refs: &[Reference],
    file: Option<&SyncFile>,
    opts: &Options,
    access: &Access,
) -> anyhow::Result<Plan> {
    let mut sources = Sources { list: Vec::new(), per_registry: req.per_registry };
    let mut wants: Vec<Want> = Vec::new();
    for r in refs {
        let source = sources.get(&r.registry, None, &access.options(&r.registry))?;
        wants.push(Want {
            label: r.familiar(),
            repo: r.clone(),
            tags: req.all_tags.then_some(TagSelection::All),
            narrowing: req.narrowing.clone(),
            prune_missing: req.prune_missing,
            opts: opts.clone(),
            platform: req.platform.clone(),
            platform_explicit: req.platform_explicit,
            all_platforms: req.all_platforms,
            source,
        });
    }
    for (i, section) in file.map(|f| f.registries.as_slice()).unwrap_or_default().iter().enumerate() {
        section_wants(section, i, req, opts, access, &mut sources, &mut wants)?;
    }
    let listings = list_tags(&wants, &sources.list, req.jobs).await;
    let mut mirrors: Vec<Mirror> = Vec::new();
    for (w, listing) in wants.iter().zip(&listings) {
        if w.prune_missing && !mirrors.iter().any(|m| m.source == w.source && m.repo == w.repo) {
            let tags = listing.as_ref().and_then(|l| l.as_ref().ok()).cloned();
            let mut repo = w.repo.clone();
            (repo.tag, repo.digest) = (None, None);
            mirrors.push(Mirror { source: w.source, repo, tags });
        }
    }
    let (mut jobs, unlisted) = jobs(feedback, wants, listings);
    // The same image asked for twice (a tag listed and matched by a regex) is synced once.
    let mut seen = std::collections::BTreeSet::new();
    jobs.retain(|j| {
        let name = j.opts.names(&j.reference).map(|n| n.glance_name).unwrap_or_default();
        seen.insert((j.reference.to_string(), name, j.platform.to_string(), j.all_platforms))
    });
    Ok(Plan { sources: sources.list, jobs, unlisted, mirrors })
}

struct Sources {
    list: Vec<Source>,
    per_registry: usize,
}

impl Sources {
    /// The source for `host`: shared by host for the command line; each sync-file section has its own.
    fn get(&mut self, host: &str, section: Option<usize>, o: &RegistryOptions) -> anyhow::Result<usize> {
        let key = match section {
            Some(i) => format!("{host}#{i}"),
            None => host.to_string(),
        };
        if let Some(i) = self.list.iter().position(|s| s.key == key) {
            return Ok(i);
        }
        self.list.push(Source {
            key,
            registry: Arc::new(Registry::new(host, o.clone())?),
            slots: Arc::new(tokio::sync::Semaphore::new(self.per_registry.max(1))),
        });
        Ok(self.list.len() - 1)
    }
}

/// The wants of one sync-file section, with its own credentials and TLS settings.
fn section_wants(
    section: &Section,
    index: usize,
    req: &Request,
    opts: &Options,
    access: &Access,
    sources: &mut Sources,
    wants: &mut Vec<Want>,
) -> anyhow::Result<()> {
    // The section's own credentials and TLS over what the flags give its host (nothing, unless they are for it).
    let mut o = access.options(&reference::registry_host(&section.registry)?);
    if let Some((username, password)) = &section.credentials {
        o.credentials = Some(Credentials { username: username.clone(), password: password.clone() });
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
        let repo = reference::parse(&at).map_err(|e| {
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
        let source = sources.get(&repo.registry, Some(index), &o)?;
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
            narrowing: req
                .narrowing
                .and(&Narrowing { exclude: section.exclude.clone(), newest: None })
                .and(&e.narrowing),
            prune_missing: e.prune_missing.unwrap_or(section.prune_missing || req.prune_missing),
            opts: entry_opts,
            platform: e.platform.clone().unwrap_or_else(|| req.platform.clone()),
            platform_explicit: e.platform.is_some() || req.platform_explicit,
            all_platforms: e.all_platforms || (req.all_platforms && e.platform.is_none()),
            source,
        });
    }
    Ok(())
}

/// The tag list of every want whose selection needs one, fetched at once (at most `jobs`, and each registry's
/// slots); `None` for the others.
async fn list_tags(wants: &[Want], sources: &[Source], jobs: usize) -> Vec<Option<anyhow::Result<Vec<String>>>> {
    futures_util::stream::iter(wants)
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
        .buffered(jobs.max(1))
        .collect()
        .await
}

/// The jobs of the wants, in order, given their tag lists; a want whose list failed or selects nothing is a
/// failure of its own.
fn jobs(
    feedback: &Feedback,
    wants: Vec<Want>,
    listings: Vec<Option<anyhow::Result<Vec<String>>>>,
) -> (Vec<Job>, Vec<Failed>) {
    let mut jobs = Vec::new();
    let mut failed = Vec::new();
    for (w, listing) in wants.into_iter().zip(listings) {
        let Some(selection) = &w.tags else {
            let (platform, platform_explicit, all_platforms, source) =
                (w.platform, w.platform_explicit, w.all_platforms, w.source);
            jobs.push(Job { reference: w.repo, opts: w.opts, platform, platform_explicit, all_platforms, source });
            continue;
        };
        let what = format!("{} ({}{})", w.label, selection.describe(), w.narrowing.describe());
        let tags = match listing {
            Some(Ok(all)) => w.narrowing.apply(selection.select(&all)),
            Some(Err(e)) => {
                let error = e.context(format!("cannot list the tags of `{}`", w.label));
                failed.push(Failed { what, name: None, platform: None, destination: None, error });
                continue;
            }
            None => w.narrowing.apply(selection.select(&[])),
        };
        if tags.is_empty() {
            let message = match selection {
                TagSelection::All if w.narrowing.is_empty() => format!("`{}` has no tags", w.label),
                _ => format!("no tag of `{}` is among {}{}", w.label, selection.describe(), w.narrowing.describe()),
            };
            let error = Failure::new(ExitCode::Failure, message)
                .hint(format!("see its tags with `berth registry tags {}`", w.label))
                .into();
            failed.push(Failed { what, name: None, platform: None, destination: None, error });
            continue;
        }
        for t in tags {
            let mut r = w.repo.clone();
            if t.starts_with("sha256:") {
                r.digest = Some(t);
            } else {
                r.tag = Some(t);
            }
            // A registry's tag list is untrusted: one tag that is no valid reference is skipped, not the whole plan.
            let reference = match reference::parse(&r.to_string()) {
                Ok(reference) => reference,
                Err(err) => {
                    let tag = r.tag.as_deref().or(r.digest.as_deref()).unwrap_or_default();
                    feedback.warn(
                        &format!("`{}` lists the tag `{tag}`, which is no valid reference: skipped ({err:#})", w.label),
                        None,
                    );
                    continue;
                }
            };
            let (opts, platform) = (w.opts.clone(), w.platform.clone());
            let (platform_explicit, all_platforms, source) = (w.platform_explicit, w.all_platforms, w.source);
            jobs.push(Job { reference, opts, platform, platform_explicit, all_platforms, source });
        }
    }
    (jobs, failed)
}
