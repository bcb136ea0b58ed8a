//! The sync of an image Glance already has: when a version under its name has the content asked for, that version
//! is kept (made current again if it was hidden) instead of a transfer, and a sync that was interrupted between
//! upload and switch is finished here.
//!
//! A bulk run (at least [`BULK`] images) lists each destination's docker images once (paginated, hidden ones too)
//! and decides every image from that list: a no-op re-sync of a thousand tags costs a few pages, not a thousand
//! queries. Without mirror mode (which needs every image, to find those whose tags are gone) the list asks for
//! the run's names alone, so a project's other images cost nothing. A smaller run asks for each image by name.
//! Either way, an upload looks again right before it starts.

use std::time::Instant;

use serde_json::json;

use super::{Options, Synced};
use crate::image::destination::Destination;
use crate::image::lineage::{self, version};
use crate::image::naming::Naming;
use crate::image::provenance::{self as prov, Recorded};
use crate::openstack::glance;

/// Images in a run from which each destination is listed once rather than asked per image.
pub const BULK: usize = 32;

/// The visible (current) versions under `names`' Glance name with its docker `repo:tag`.
pub async fn visible(dest: &Destination, names: &Naming, bulk: bool) -> anyhow::Result<Vec<glance::Image>> {
    let of = |i: &glance::Image| {
        i.name.as_deref() == Some(names.glance_name.as_str()) && i.repo_tag() == Some(names.repo_tag.as_str())
    };
    if bulk {
        return Ok(listing(dest).await?.iter().filter(|i| !i.hidden() && of(i)).cloned().collect());
    }
    Ok(glance::own_by_name(&dest.session, &names.glance_name).await?.into_iter().filter(|i| of(i)).collect())
}

/// The hidden (older) versions under `names`' Glance name with its docker `repo:tag`.
async fn hidden(dest: &Destination, names: &Naming, bulk: bool) -> anyhow::Result<Vec<glance::Image>> {
    let of = |i: &glance::Image| {
        i.name.as_deref() == Some(names.glance_name.as_str()) && i.repo_tag() == Some(names.repo_tag.as_str())
    };
    if bulk {
        return Ok(listing(dest).await?.iter().filter(|i| i.hidden() && of(i)).cloned().collect());
    }
    Ok(glance::hidden_by_name(&dest.session, &names.glance_name).await?.into_iter().filter(|i| of(i)).collect())
}

/// Every docker image at `dest` (of the run's names when [`Destination::bulk_names`] are set), hidden ones too:
/// listed on first use, then kept for the run.
pub async fn listing(dest: &Destination) -> anyhow::Result<&Vec<glance::Image>> {
    dest.known
        .get_or_try_init(|| async {
            match dest.bulk_names.get() {
                Some(names) => glance::own_docker_images_named(&dest.session, names).await,
                None => glance::own_docker_images(&dest.session, "1000").await,
            }
        })
        .await
}

/// The version to keep when one under this name has the content asked for (`same`): the newest such among
/// `visible` (the current ones), else among the hidden ones (made current again: `restored`), one per platform,
/// with the other visible versions of its platform hidden and the requested Glance tags and properties added.
/// `None` when no version has it. With `dry_run`, only the rows: nothing is changed.
#[allow(clippy::too_many_arguments)] // the pieces of one check, each owned by its caller
pub async fn settle(
    dest: &Destination,
    bulk: bool,
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
        hidden = self::hidden(dest, names, bulk).await?;
        matching = hidden.iter().filter(&same).collect();
        if matching.is_empty() {
            return Ok(None);
        }
        status = if dry_run { "would restore" } else { "restored" };
    }
    matching.sort_by(|a, b| version(b).cmp(&version(a)).then(b.created_at.cmp(&a.created_at)));
    // One per platform: the newest with the digest.
    let mut seen = std::collections::BTreeSet::new();
    matching.retain(|i| seen.insert(i.platform().unwrap_or_default().to_string()));
    let mut rows = Vec::new();
    for keep in matching {
        let platform = keep.platform().unwrap_or_default();
        let others: Vec<&str> = visible
            .iter()
            .filter(|i| i.id != keep.id && i.platform() == Some(platform))
            .map(|i| i.id.as_str())
            .collect();
        let extra = additions(keep, names, opts);
        if !dry_run && (!others.is_empty() || !extra.is_empty() || keep.property(prov::CURRENT) != Some("true")) {
            lineage::promote(&dest.session, &keep.id, &others, extra).await?;
        }
        // A hidden version still `pending` was verified but not yet switched to (the sync stopped between the two):
        // finishing the switch is no restore.
        let status = if keep.property(prov::CURRENT) == Some(lineage::PENDING) { "up to date" } else { status };
        rows.push(super::version::settled(names, keep, start, status, &dest.label));
    }
    Ok(Some(rows))
}

/// What was asked for besides the content: the Glance tags and properties missing on `keep`, as patch operations.
fn additions(keep: &glance::Image, names: &Naming, opts: &Options) -> Vec<serde_json::Value> {
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
    extra
}
