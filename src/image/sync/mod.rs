//! `image sync`: docker images into Glance, named for their container driver, streamed and verified, versioned.
//!
//! Sources: a registry ([`registry`]: one reference, every tag of a repository, or a sync file, `-j` at a time)
//! or the local Docker engine ([`daemon`]). Both name images the same way, record the same provenance, settle an
//! unchanged image as `up to date` without a transfer ([`settle`]), and stream through the same verified upload
//! (`image::upload`). The result is one row per image, failed ones included: the others go on.

pub mod daemon;
pub mod mirror;
mod plan;
pub mod registry;
mod settle;
mod transfer;
mod version;

use super::naming::{self, Consumer, Naming};
use super::provenance;
use crate::error::Failure;
use crate::openstack::glance;
use crate::registry::Platform;
use crate::registry::reference::Reference;

/// How each image is named and recorded.
#[derive(Debug, Clone)]
pub struct Options {
    pub consumer: Consumer,
    pub name: Option<String>,
    pub visibility: String,
    pub properties: Vec<(String, String)>,
    pub tags: Vec<String>,
    pub command_line: bool,
    /// Gunzip layers into the archive (two passes) instead of keeping them as stored.
    pub uncompressed_layers: bool,
    /// Upload even when the current version already has the tag's digest.
    pub force: bool,
}

impl Options {
    /// The names of the image `r` under these options.
    pub fn names(&self, r: &Reference) -> anyhow::Result<Naming> {
        naming::naming(r, self.consumer, self.name.as_deref(), &self.tags)
    }
}

/// What `image sync` was asked to sync from registries, besides the options of each image.
#[derive(Debug, Clone)]
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
    /// `--platform`: the one to take from a multi-platform image.
    pub platform: Platform,
    /// Whether `--platform` was given (a single-platform image of another one is then an error, not a warning).
    pub platform_explicit: bool,
    /// `--all-platforms`.
    pub all_platforms: bool,
    /// `--exclude`, `--newest`: narrow every tag list (`--all-tags`, the sync file's entries).
    pub narrowing: crate::image::sync_file::Narrowing,
    /// `--prune-missing`: mirror mode for every repository (the sync file may say so per registry or repository).
    pub prune_missing: bool,
    /// `--delete`: mirror mode deletes what it would hide.
    pub delete: bool,
}

/// One synced image at one destination, for the output row.
#[derive(Debug, Clone)]
pub struct Synced {
    /// What it was synced from: the reference (with its tag), or `docker-daemon:` and the local image.
    pub source: String,
    /// The destination's label (`CLOUD/REGION`).
    pub destination: String,
    pub name: String,
    pub id: String,
    pub digest: String,
    pub platform: String,
    /// The archive's size in Glance (or, for `--dry-run`, as it would be); unknown when a dry run cannot tell
    /// without using up a pull.
    pub size: Option<u64>,
    pub seconds: f64,
    /// `synced`, `up to date`, `restored` (an older version with the tag's digest made current again), or with
    /// `--dry-run` `would sync` / `would restore`.
    pub status: &'static str,
}

/// What could not be synced: an image, or a sync-file entry whose tags could not be listed.
#[derive(Debug)]
pub struct Failed {
    /// What was asked for (a reference, an entry of the sync file).
    pub what: String,
    /// The Glance name it would have had, when known.
    pub name: Option<String>,
    /// The platform that failed, when the others of its image did not.
    pub platform: Option<String>,
    /// The destination where it failed; none when it failed before any (its source).
    pub destination: Option<String>,
    pub error: anyhow::Error,
}

/// The rows of a sync, in the order asked for, and how many images were planned.
#[derive(Debug)]
pub struct Outcome {
    pub rows: Vec<Result<Synced, Failed>>,
    pub planned: usize,
    /// A `--dry-run`: nothing was synced, whatever the rows say would be.
    pub dry_run: bool,
    /// Mirror mode's plan, to carry out once the command has asked (`mirror::apply`).
    pub mirror: Vec<mirror::Step>,
}

/// `--property` (and a sync file's `properties`) may not set Glance's own attributes or berth's record.
pub fn check_properties<'a>(keys: impl IntoIterator<Item = &'a str>) -> anyhow::Result<()> {
    if let Some(k) = keys.into_iter().find(|k| glance::ATTRIBUTES.contains(k) || provenance::is_berth_key(k)) {
        return Err(Failure::usage(format!(
            "`{k}` is not a property berth can set: it is Glance's own attribute or berth's record"
        ))
        .hint("pick another key (e.g. `team=...` instead of `owner=...`)")
        .into());
    }
    Ok(())
}

/// `--name` names one image: not `count` of `what` (references, images).
fn check_one_name(opts: &Options, count: usize, what: &str, several_hint: &str) -> anyhow::Result<()> {
    if opts.name.is_some() && count > 1 {
        return Err(Failure::usage(format!("`--name` names one image, but several {what} were given"))
            .hint(several_hint)
            .into());
    }
    Ok(())
}
