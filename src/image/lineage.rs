//! Versions of synced images: Glance has none, so berth keeps them itself.
//!
//! A *lineage* is every Glance image with the same name, `berth_repo_tag` and `berth_platform`. The current
//! version is the one not hidden (`os_hidden=false`), which is all that Glance's default listings, `boot` and the
//! container drivers see; older versions are hidden but stay bootable by ID. Properties link them:
//! `berth_version` (1, 2, ...), `berth_previous` (the ID of the version that was current when this one was
//! synced) and `berth_current` (`true`/`false`, a mirror of "not hidden" for whoever reads the raw properties).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::naming::Naming;
use super::provenance::{self as prov, Recorded};
use crate::error::{ExitCode, Failure};
use crate::openstack::Session;
use crate::openstack::glance::{self, Image};
use crate::registry::Platform;

/// What identifies a lineage: Glance name, docker `repo:tag` and platform.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub name: String,
    pub repo_tag: String,
    pub platform: String,
}

pub fn key(i: &Image) -> Key {
    Key {
        name: i.name.clone().unwrap_or_default(),
        repo_tag: i.repo_tag().unwrap_or_default().to_string(),
        platform: i.platform().unwrap_or_default().to_string(),
    }
}

impl Key {
    /// `` `name` (repo:tag, platform) `` for messages.
    pub fn describe(&self) -> String {
        let or_dash = |s: &str| if s.is_empty() { "-".to_string() } else { s.to_string() };
        format!("`{}` ({}, {})", self.name, or_dash(&self.repo_tag), or_dash(&self.platform))
    }
}

pub fn version(i: &Image) -> Option<u64> {
    i.property(prov::VERSION).and_then(|v| v.parse().ok())
}

/// Current = what Glance's default listings (and so `boot` and the drivers) see.
pub fn is_current(i: &Image) -> bool {
    !i.hidden()
}

/// Newest first: by version, then by creation time (images synced before versions existed have none).
pub fn sort_newest_first(images: &mut [Image]) {
    images.sort_by(|a, b| version(b).cmp(&version(a)).then(b.created_at.cmp(&a.created_at)).then(b.id.cmp(&a.id)));
}

/// The number the next version of `lineage` gets.
pub fn next_version(lineage: &[&Image]) -> anyhow::Result<u64> {
    let max = lineage.iter().filter_map(|i| version(i)).max().unwrap_or(0);
    // `berth_version` is a Glance property anyone who can edit the image can set: it may be u64::MAX.
    max.max(lineage.len() as u64).checked_add(1).ok_or_else(|| {
        crate::error::Failure::new(
            crate::error::ExitCode::Failure,
            format!("a Glance image of this lineage has the version {max}, after which there is no next"),
        )
        .hint(format!("fix or remove the `{}` property of that image", prov::VERSION))
        .into()
    })
}

/// Set the version properties of a new image (`props`) named as `names`, of `platform`, among the `known` images
/// under its Glance name: `berth_version` (next in its lineage), `berth_previous` (the current version, if any)
/// and `berth_current=false` until it is verified. Returns the IDs of the current versions, to hide then.
pub fn start_version(
    known: &[Image],
    names: &Naming,
    platform: &str,
    props: &mut BTreeMap<String, String>,
) -> anyhow::Result<Vec<String>> {
    let lineage: Vec<&Image> = known
        .iter()
        .filter(|i| i.name.as_deref() == Some(names.glance_name.as_str()))
        .filter(|i| i.repo_tag() == Some(names.repo_tag.as_str()) && i.platform() == Some(platform))
        .collect();
    let mut previous: Vec<&Image> = lineage.iter().copied().filter(|i| is_current(i)).collect();
    previous.sort_by(|a, b| version(b).cmp(&version(a)).then(b.created_at.cmp(&a.created_at)));
    props.insert(prov::VERSION.to_string(), next_version(&lineage)?.to_string());
    if let Some(p) = previous.first() {
        props.insert(prov::PREVIOUS.to_string(), p.id.clone());
    }
    props.insert(prov::CURRENT.to_string(), "false".to_string());
    Ok(previous.iter().map(|p| p.id.clone()).collect())
}

/// True when an image recorded as `stored` (its `berth_platform`) serves a request for `wanted`, as the
/// platform selection of a manifest list would pick it.
pub fn serves(wanted: &Platform, stored: &str) -> bool {
    let Ok(stored) = stored.parse::<Platform>() else { return false };
    if wanted.matches(&stored) {
        return true;
    }
    let (w, s) = (wanted.normalised(), stored.normalised());
    wanted.variant.is_none() && w.os == s.os && w.architecture == s.architecture
}

/// Hide a version: no longer current, still bootable by ID.
pub async fn hide(session: &Session, id: &str) -> anyhow::Result<Image> {
    glance::patch(
        session,
        id,
        &[
            glance::op("replace", "/os_hidden", json!(true)),
            glance::op("add", &format!("/{}", prov::CURRENT), json!("false")),
        ],
    )
    .await
}

/// Make a version current (visible, `berth_current=true`), with `extra` patch operations.
pub async fn unhide(session: &Session, id: &str, extra: Vec<Value>) -> anyhow::Result<Image> {
    let mut ops = vec![
        glance::op("replace", "/os_hidden", json!(false)),
        glance::op("add", &format!("/{}", prov::CURRENT), json!("true")),
    ];
    ops.extend(extra);
    glance::patch(session, id, &ops).await
}

/// Hide `others` (the versions that were current), then mark `id` current with `extra` patch operations.
pub async fn promote(session: &Session, id: &str, others: &[&str], extra: Vec<Value>) -> anyhow::Result<()> {
    for other in others.iter().filter(|o| **o != id) {
        hide(session, other).await.map_err(|e| {
            e.context(format!(
                "`{id}` is synced, but the previous version `{other}` could not be hidden: run the same sync again to finish"
            ))
        })?;
    }
    unhide(session, id, extra).await?;
    Ok(())
}

/// The docker images NAME stands for (a Glance name, else a docker reference), every version, grouped by lineage.
pub async fn lineages(
    session: &Session,
    name: &str,
    platform: Option<&Platform>,
) -> anyhow::Result<BTreeMap<Key, Vec<Image>>> {
    let mut images: Vec<Image> = glance::by_name_all_versions(session, name).await?;
    if images.is_empty()
        && let Ok(r) = crate::registry::reference::parse(name)
    {
        images = glance::list_all_versions(session, &[("container_format", "docker")])
            .await?
            .into_iter()
            .filter(|i| i.synced_from(&r))
            .collect();
    }
    let images: Vec<Image> = images
        .into_iter()
        .filter(|i| i.container_format.as_deref() == Some("docker"))
        .filter(|i| platform.is_none_or(|p| serves(p, i.platform().unwrap_or_default())))
        .collect();
    if images.is_empty() {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("no docker image in Glance has the name or reference `{name}`"),
        )
        .hint("`berth image list --all-versions` shows them")
        .into());
    }
    Ok(group(images))
}

/// Every docker image berth synced (hidden versions too), of `platform` when given, grouped by lineage.
pub async fn all_lineages(session: &Session, platform: Option<&Platform>) -> anyhow::Result<BTreeMap<Key, Vec<Image>>> {
    Ok(group(
        glance::list_all_versions(session, &[("container_format", "docker")])
            .await?
            .into_iter()
            .filter(|i| i.repo_tag().is_some())
            .filter(|i| platform.is_none_or(|p| serves(p, i.platform().unwrap_or_default())))
            .collect(),
    ))
}

pub fn group(images: Vec<Image>) -> BTreeMap<Key, Vec<Image>> {
    let mut by_key: BTreeMap<Key, Vec<Image>> = BTreeMap::new();
    for i in images {
        by_key.entry(key(&i)).or_default().push(i);
    }
    for v in by_key.values_mut() {
        sort_newest_first(v);
    }
    by_key
}

/// Exactly one lineage, e.g. for a rollback.
pub fn one(mut by_key: BTreeMap<Key, Vec<Image>>, name: &str) -> anyhow::Result<(Key, Vec<Image>)> {
    if by_key.len() > 1 {
        let list: Vec<String> = by_key.keys().map(Key::describe).collect();
        return Err(Failure::usage(format!("`{name}` names {} image lineages: {}", by_key.len(), list.join(", ")))
            .hint("name one by its docker reference (`repo:tag`), or choose a platform with `--platform`")
            .into());
    }
    by_key.pop_first().ok_or_else(|| Failure::new(ExitCode::Failure, format!("`{name}` names no image lineage")).into())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn img(id: &str, version: Option<u64>, hidden: bool, created: &str) -> Image {
        let mut v = json!({
            "id": id, "name": "app:v1", "status": "active", "container_format": "docker", "created_at": created,
            "berth_repo_tag": "app:v1", "berth_platform": "linux/amd64", "os_hidden": hidden,
            "berth_manifest_digest": format!("sha256:{id}{id}"),
        });
        if let Some(n) = version {
            v[prov::VERSION] = json!(n.to_string());
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn versions_sort_newest_first_and_number_on() {
        let mut l = vec![
            img("a", Some(1), true, "2026-01-01T00:00:00Z"),
            img("c", Some(3), false, "2026-01-03T00:00:00Z"),
            img("b", Some(2), true, "2026-01-02T00:00:00Z"),
            img("d", Some(4), true, "2026-01-04T00:00:00Z"),
        ];
        sort_newest_first(&mut l);
        assert_eq!(l.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["d", "c", "b", "a"]);
        assert_eq!(next_version(&l.iter().collect::<Vec<_>>()).unwrap(), 5);
        // Images synced before versions existed count too.
        let legacy = [img("x", None, false, "2026-01-01T00:00:00Z"), img("y", None, false, "2026-01-02T00:00:00Z")];
        assert_eq!(next_version(&legacy.iter().collect::<Vec<_>>()).unwrap(), 3);
    }

    #[test]
    fn a_version_with_no_next_is_an_error_not_an_overflow() {
        let l = [img("a", Some(u64::MAX), false, "2026-01-01T00:00:00Z")];
        let e = next_version(&l.iter().collect::<Vec<_>>()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a Glance image of this lineage has the version 18446744073709551615, after which there is no next"
        );
    }

    #[test]
    fn platforms_serve_as_manifest_lists_select() {
        let amd64 = Platform::linux_amd64();
        assert!(serves(&amd64, "linux/amd64"));
        assert!(!serves(&amd64, "linux/arm64/v8"));
        let arm64: Platform = "linux/arm64".parse().unwrap();
        assert!(serves(&arm64, "linux/arm64/v8"));
        assert!(!serves(&arm64, ""));
    }
}
