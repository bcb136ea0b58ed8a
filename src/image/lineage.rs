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

/// A version a sync is making, or made and verified but has not switched to yet.
pub fn is_pending(i: &Image) -> bool {
    i.property(prov::CURRENT) == Some(PENDING)
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

/// `berth_current` of a new version from its creation until it is verified and made current.
pub const PENDING: &str = "pending";

/// A new version: its number in its lineage, and the versions current when it started (to hide once it is).
#[derive(Debug, Clone, PartialEq)]
pub struct NewVersion {
    pub number: u64,
    pub previous: Vec<String>,
}

/// Set the version properties of a new image (`props`) named as `names`, of `platform`, among the `known` images
/// under its Glance name: `berth_version` (next in its lineage), `berth_previous` (the current version, if any)
/// and `berth_current=pending` until it is verified.
pub fn start_version(
    known: &[Image],
    names: &Naming,
    platform: &str,
    props: &mut BTreeMap<String, String>,
) -> anyhow::Result<NewVersion> {
    // A version another sync is still making does not count: every sync that starts now asks for the same number,
    // and so for the same ID (see `version_id`), which only one gets.
    let lineage: Vec<&Image> = known
        .iter()
        .filter(|i| i.name.as_deref() == Some(names.glance_name.as_str()))
        .filter(|i| i.repo_tag() == Some(names.repo_tag.as_str()) && i.platform() == Some(platform))
        .filter(|i| !is_pending(i))
        .collect();
    let mut previous: Vec<&Image> = lineage.iter().copied().filter(|i| is_current(i)).collect();
    previous.sort_by(|a, b| version(b).cmp(&version(a)).then(b.created_at.cmp(&a.created_at)));
    let number = next_version(&lineage)?;
    props.insert(prov::VERSION.to_string(), number.to_string());
    if let Some(p) = previous.first() {
        props.insert(prov::PREVIOUS.to_string(), p.id.clone());
    }
    props.insert(prov::CURRENT.to_string(), PENDING.to_string());
    Ok(NewVersion { number, previous: previous.iter().map(|p| p.id.clone()).collect() })
}

/// The Glance ID of version `number` of the lineage `names`/`platform` in `project`, at its `attempt`th try.
///
/// Glance has no transactions, but a client may choose an image's ID, and a second create with the same ID gets
/// 409 (a deleted ID is never reused either). So every berth that starts version N of a lineage asks for the same
/// ID: one creates it, the others learn that version N is being made and wait for it instead of uploading it
/// again. A try whose ID belonged to a deleted record (a failed earlier sync) moves on to the next attempt.
pub fn version_id(project: &str, names: &Naming, platform: &str, number: u64, attempt: u32) -> String {
    use sha2::{Digest, Sha256};
    let seed =
        format!("berth version\n{project}\n{}\n{}\n{platform}\n{number}\n{attempt}", names.glance_name, names.repo_tag);
    let mut b: [u8; 16] = Sha256::digest(seed.as_bytes())[..16].try_into().expect("16 of 32 bytes");
    // An RFC 4122 name-based UUID: version 5's nibble and the variant bits, as Glance expects a UUID.
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// The IDs of version `number` of `names`/`platform` in the session's project, by attempt (see [`version_id`]).
pub fn version_ids<'a>(
    session: &'a Session,
    names: &'a Naming,
    platform: &'a str,
    number: u64,
) -> impl Fn(u32) -> String + 'a {
    let project = session.token().body.project.map(|p| p.id).unwrap_or_default();
    move |attempt| version_id(&project, names, platform, number, attempt)
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

/// Make `id` current (visible, with `extra` patch operations), then hide `others` (the versions that were
/// current). In that order there is never a moment without a visible version; for a moment there may be two, both
/// verified (a reader that asks then sees the old and the new one).
pub async fn promote(session: &Session, id: &str, others: &[&str], extra: Vec<Value>) -> anyhow::Result<()> {
    unhide(session, id, extra).await?;
    for other in others.iter().filter(|o| **o != id) {
        hide(session, other).await.map_err(|e| {
            e.context(format!(
                "`{id}` is synced and current, but the previous version `{other}` could not be hidden: run the same sync again to finish"
            ))
        })?;
    }
    Ok(())
}

/// The docker images NAME stands for (a Glance name, else a docker reference), every version, grouped by lineage:
/// the project's own, or when it has none every one the identity sees.
pub async fn lineages(
    session: &Session,
    name: &str,
    platform: Option<&Platform>,
) -> anyhow::Result<BTreeMap<Key, Vec<Image>>> {
    // The project's own versions; only when it has none, every one the identity sees (an admin looking at another
    // project's image). Two projects' images of one name are two lineages, never one.
    let mut images: Vec<Image> = glance::by_name_all_versions(session, name, true).await?;
    if images.is_empty() {
        images = glance::by_name_all_versions(session, name, false).await?;
    }
    if images.is_empty()
        && let Ok(r) = crate::registry::reference::parse(name)
    {
        // By reference: the versions synced from it, and then every version of their lineages (a version of the
        // same lineage may come from another source, e.g. a digest or the local engine).
        let docker = glance::list_all_versions(session, &[("container_format", "docker")]).await?;
        let keys: std::collections::BTreeSet<Key> = docker.iter().filter(|i| i.synced_from(&r)).map(key).collect();
        images = docker.into_iter().filter(|i| keys.contains(&key(i))).collect();
    }
    let images: Vec<Image> = images
        .into_iter()
        .filter(|i| i.container_format.as_deref() == Some("docker"))
        .filter(|i| platform.is_none_or(|p| serves(p, i.platform().unwrap_or_default())))
        .collect();
    if images.is_empty() {
        return Err(Failure::usage(format!("no docker image in Glance has the name or reference `{name}`"))
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
    fn version_ids_are_uuids_fixed_by_lineage_version_and_attempt() {
        let names = Naming { glance_name: "app:v1".into(), repo_tag: "app:v1".into(), glance_tags: vec![] };
        let id = version_id("p1", &names, "linux/amd64", 3, 0);
        assert_eq!(id, version_id("p1", &names, "linux/amd64", 3, 0), "every berth asks for the same ID");
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
        assert_eq!(&id[14..15], "5", "a version-5 UUID");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "the RFC 4122 variant: {id}");
        for other in [
            version_id("p2", &names, "linux/amd64", 3, 0),
            version_id("p1", &names, "linux/arm64/v8", 3, 0),
            version_id("p1", &names, "linux/amd64", 4, 0),
            version_id("p1", &names, "linux/amd64", 3, 1),
        ] {
            assert_ne!(id, other);
        }
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
