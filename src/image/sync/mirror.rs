//! Mirror mode (`--prune-missing`): after a sync, the lineages berth synced from a source repository whose tag no
//! longer exists there are hidden (or deleted with `--delete`) at each destination. Never a version a Nova server
//! uses, never an image berth did not make from that repository (its `berth_source` says where it came from).
//! Planning is separate from carrying out, so the command can show the plan, ask, or stop at `--dry-run`.

use std::collections::{BTreeMap, BTreeSet};

use super::Synced;
use crate::image::destination::Destination;
use crate::image::lineage;
use crate::image::provenance::Recorded;
use crate::image::versions::servers_using;
use crate::openstack::glance::{self, Image};
use crate::openstack::nova::Compute;
use crate::registry::reference::{self, Reference};

/// A source repository in mirror mode, with the tags it has now.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The repository (no tag, no digest).
    pub repo: Reference,
    pub tags: BTreeSet<String>,
}

/// What mirror mode does with one version at one destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Hide,
    Delete,
    /// Left as it is: the servers that use it.
    InUse(Vec<String>),
}

/// One step of the plan.
#[derive(Debug, Clone)]
pub struct Step {
    pub dest: usize,
    pub image: Image,
    pub action: Action,
}

/// The source tag `image` was synced from when that is a repository of `scopes` and the tag is gone from it.
fn gone<'a>(image: &Image, scopes: &'a [Scope]) -> Option<&'a Scope> {
    let source: Reference = reference::parse(image.source()?).ok()?;
    let tag = source.tag.as_deref()?;
    scopes
        .iter()
        .find(|s| s.repo.registry == source.registry && s.repo.repository == source.repository && !s.tags.contains(tag))
}

/// The versions to act on at one destination, of the docker images it has (`images`, hidden ones too), given which
/// of them servers use: every version of a gone tag's lineage with `delete`, else its visible ones (the current
/// version: hiding it hides the lineage); those in use stay.
pub fn plan_at(
    dest: usize,
    images: &[Image],
    scopes: &[Scope],
    delete: bool,
    used: &BTreeMap<String, Vec<String>>,
) -> Vec<Step> {
    let mut steps: Vec<Step> = images
        .iter()
        .filter(|i| gone(i, scopes).is_some())
        .filter(|i| delete || lineage::is_current(i))
        .map(|i| {
            let action = match used.get(&i.id).filter(|s| !s.is_empty()) {
                Some(servers) => Action::InUse(servers.clone()),
                None if delete => Action::Delete,
                None => Action::Hide,
            };
            Step { dest, image: i.clone(), action }
        })
        .collect();
    steps.sort_by(|a, b| {
        a.image.name.cmp(&b.image.name).then(lineage::version(&b.image).cmp(&lineage::version(&a.image)))
    });
    steps
}

/// The plan at every destination: its docker images (listed once; the sync's own list when it made one), and Nova
/// asked only about the versions that could go.
pub async fn plan(dests: &[Destination], scopes: &[Scope], delete: bool) -> anyhow::Result<Vec<Step>> {
    let mut steps = Vec::new();
    for (i, dest) in dests.iter().enumerate() {
        let images = super::settle::listing(dest).await?;
        let first = plan_at(i, images, scopes, delete, &BTreeMap::new());
        if first.is_empty() {
            continue;
        }
        let compute = Compute::connect(&dest.session).await?;
        let ids: Vec<&str> = first.iter().map(|s| s.image.id.as_str()).collect();
        let used = servers_using(&compute, &ids).await?;
        steps.extend(plan_at(i, images, scopes, delete, &used));
    }
    Ok(steps)
}

/// Carry out the plan (unless `dry_run`): a row per step, `hidden`/`deleted` (`would hide`/`would delete`), `in
/// use` for a version left as it is; a step that fails is an error row of its own.
pub async fn apply(dests: &[Destination], steps: Vec<Step>, dry_run: bool) -> Vec<anyhow::Result<Synced>> {
    let mut rows = Vec::new();
    for step in steps {
        let dest = &dests[step.dest];
        let i = &step.image;
        let done = match (&step.action, dry_run) {
            (Action::InUse(_), _) => Ok("in use"),
            (Action::Hide, true) => Ok("would hide"),
            (Action::Delete, true) => Ok("would delete"),
            (Action::Hide, false) => lineage::hide(&dest.session, &i.id).await.map(|_| "hidden"),
            (Action::Delete, false) => glance::delete(&dest.session, &i.id).await.map(|()| "deleted"),
        };
        rows.push(done.map(|status| Synced {
            source: i.source().unwrap_or_default().to_string(),
            destination: dest.label.clone(),
            name: i.name.clone().unwrap_or_default(),
            id: i.id.clone(),
            digest: i.digest().unwrap_or_default().to_string(),
            platform: i.platform().unwrap_or_default().to_string(),
            size: i.size,
            seconds: 0.0,
            status,
        }));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::lineage::tests::img;

    fn mk(id: &str, name: &str, version: u64, current: bool, source: Option<&str>) -> Image {
        let mut i = img(id, Some(version), !current, "2026-01-01T00:00:00Z");
        i.name = Some(name.to_string());
        if let Some(source) = source {
            i.extra.insert("berth_source".into(), serde_json::json!(source));
        }
        i
    }

    #[test]
    fn only_berths_images_of_a_gone_tag_and_never_one_in_use() {
        let scope = Scope {
            repo: reference::parse("r.example/team/app").unwrap(),
            tags: ["1.0".to_string()].into_iter().collect(),
        };
        let images = vec![
            mk("kept", "app:1.0", 1, true, Some("r.example/team/app:1.0")),
            mk("gone-cur", "app:0.9", 2, true, Some("r.example/team/app:0.9")),
            mk("gone-old", "app:0.9", 1, false, Some("r.example/team/app:0.9")),
            mk("other-repo", "other:0.9", 1, true, Some("r.example/team/other:0.9")),
            mk("other-registry", "app:0.8", 1, true, Some("q.example/team/app:0.8")),
            mk("by-digest", "app:x", 1, true, Some(&format!("r.example/team/app@sha256:{}", "0".repeat(64)))),
            mk("not-berths", "app:0.7", 1, true, None),
        ];
        let ids = |steps: &[Step]| -> Vec<(String, Action)> {
            steps.iter().map(|s| (s.image.id.clone(), s.action.clone())).collect()
        };
        let none = BTreeMap::new();
        assert_eq!(
            ids(&plan_at(0, &images, std::slice::from_ref(&scope), false, &none)),
            [("gone-cur".to_string(), Action::Hide)]
        );
        assert_eq!(
            ids(&plan_at(0, &images, std::slice::from_ref(&scope), true, &none)),
            [("gone-cur".to_string(), Action::Delete), ("gone-old".to_string(), Action::Delete)]
        );
        let used = [("gone-old".to_string(), vec!["web-1".to_string()])].into_iter().collect();
        assert_eq!(
            ids(&plan_at(0, &images, &[scope], true, &used)),
            [("gone-cur".to_string(), Action::Delete), ("gone-old".to_string(), Action::InUse(vec!["web-1".into()]))]
        );
    }
}
