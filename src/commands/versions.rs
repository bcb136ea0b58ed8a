//! Versions of synced images: Glance has none, so berth keeps them itself.
//!
//! A *lineage* is every Glance image with the same name, `berth_repo_tag` and `berth_platform`. The current
//! version is the one not hidden (`os_hidden=false`), which is all that Glance's default listings, `boot` and the
//! container drivers see; older versions are hidden but stay bootable by ID. Properties link them:
//! `berth_version` (1, 2, ...), `berth_previous` (the ID of the version that was current when this one was
//! synced) and `berth_current` (`true`/`false`, a mirror of "not hidden" for whoever reads the raw properties).
//!
//! `image history`, `image rollback` and `image prune` work on lineages.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};

use serde_json::{Value, json};

use crate::error::{ExitCode, Failure};
use crate::openstack::Session;
use crate::openstack::glance::{self, Image};
use crate::openstack::nova::Compute;
use crate::output::List;
use crate::registry::Platform;

pub const VERSION: &str = "berth_version";
pub const PREVIOUS: &str = "berth_previous";
pub const CURRENT: &str = "berth_current";

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
        repo_tag: i.property("berth_repo_tag").unwrap_or_default().to_string(),
        platform: i.property("berth_platform").unwrap_or_default().to_string(),
    }
}

pub fn version(i: &Image) -> Option<u64> {
    i.property(VERSION).and_then(|v| v.parse().ok())
}

/// The digest that tells versions apart: the manifest's; for an image synced from a local Docker engine (which has
/// no manifest), the image ID (its config's digest).
pub fn digest(i: &Image) -> Option<&str> {
    i.property("berth_manifest_digest").or_else(|| i.property("berth_config_digest"))
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
pub fn next_version(lineage: &[&Image]) -> u64 {
    let max = lineage.iter().filter_map(|i| version(i)).max().unwrap_or(0);
    max.max(lineage.len() as u64) + 1
}

/// Set the version properties of a new image (`props`) named as `names`, of `platform`, among the `known` images
/// under its Glance name: `berth_version` (next in its lineage), `berth_previous` (the current version, if any)
/// and `berth_current=false` until it is verified. Returns the IDs of the current versions, to hide then.
pub fn start_version(
    known: &[Image],
    names: &super::sync::Naming,
    platform: &str,
    props: &mut BTreeMap<String, String>,
) -> Vec<String> {
    let lineage: Vec<&Image> = known
        .iter()
        .filter(|i| i.name.as_deref() == Some(names.glance_name.as_str()))
        .filter(|i| {
            i.property("berth_repo_tag") == Some(names.repo_tag.as_str())
                && i.property("berth_platform") == Some(platform)
        })
        .collect();
    let mut previous: Vec<&Image> = lineage.iter().copied().filter(|i| is_current(i)).collect();
    previous.sort_by(|a, b| version(b).cmp(&version(a)).then(b.created_at.cmp(&a.created_at)));
    props.insert(VERSION.to_string(), next_version(&lineage).to_string());
    if let Some(p) = previous.first() {
        props.insert(PREVIOUS.to_string(), p.id.clone());
    }
    props.insert(CURRENT.to_string(), "false".to_string());
    previous.iter().map(|p| p.id.clone()).collect()
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
        &[glance::op("replace", "/os_hidden", json!(true)), glance::op("add", &format!("/{CURRENT}"), json!("false"))],
    )
    .await
}

/// Make a version current (visible, `berth_current=true`), with `extra` patch operations.
pub async fn unhide(session: &Session, id: &str, extra: Vec<Value>) -> anyhow::Result<Image> {
    let mut ops = vec![
        glance::op("replace", "/os_hidden", json!(false)),
        glance::op("add", &format!("/{CURRENT}"), json!("true")),
    ];
    ops.extend(extra);
    glance::patch(session, id, &ops).await
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
        let tagged = r.familiar_with_tag();
        let full = r.to_string();
        images = glance::list_all_versions(session, &[("container_format", "docker")])
            .await?
            .into_iter()
            .filter(|i| {
                i.property("berth_repo_tag") == Some(tagged.as_str())
                    || i.property("berth_source") == Some(full.as_str())
            })
            .collect();
    }
    let images: Vec<Image> = images
        .into_iter()
        .filter(|i| i.container_format.as_deref() == Some("docker"))
        .filter(|i| platform.is_none_or(|p| serves(p, i.property("berth_platform").unwrap_or_default())))
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

fn describe(k: &Key) -> String {
    format!(
        "`{}` ({}, {})",
        k.name,
        if k.repo_tag.is_empty() { "-" } else { &k.repo_tag },
        if k.platform.is_empty() { "-" } else { &k.platform }
    )
}

/// Exactly one lineage, for rollback.
fn one(mut by_key: BTreeMap<Key, Vec<Image>>, name: &str) -> anyhow::Result<(Key, Vec<Image>)> {
    if by_key.len() > 1 {
        let list: Vec<String> = by_key.keys().map(describe).collect();
        return Err(Failure::usage(format!("`{name}` names {} image lineages: {}", by_key.len(), list.join(", ")))
            .hint("name one by its docker reference (`repo:tag`), or choose a platform with `--platform`")
            .into());
    }
    Ok(by_key.pop_first().expect("lineages() never returns none"))
}

/// Names of the servers that use each image (`GET /servers/detail?image=ID`, one query per image), in every
/// project when the identity may list them all (an admin: a version another project boots from is in use too),
/// else in its own project.
async fn servers_using(compute: &Compute<'_>, ids: &[&str]) -> anyhow::Result<BTreeMap<String, Vec<String>>> {
    let mut out = BTreeMap::new();
    let mut all_projects = true;
    for id in ids {
        let servers = if all_projects {
            match compute.servers(&[("image", id), ("all_tenants", "1")]).await {
                Ok(s) => s,
                // Nova's policy refuses `all_tenants` to a non-admin (403): its own project is what it can see.
                Err(e) if crate::error::exit_code(&e) == ExitCode::Auth => {
                    all_projects = false;
                    compute.servers(&[("image", id)]).await?
                }
                Err(e) => return Err(e),
            }
        } else {
            compute.servers(&[("image", id)]).await?
        };
        out.insert(id.to_string(), servers.into_iter().filter(|s| s.image_id() == Some(id)).map(|s| s.name).collect());
    }
    Ok(out)
}

pub const HISTORY_COLUMNS: &[&str] =
    &["name", "repo_tag", "platform", "version", "id", "digest", "current", "created_at", "size", "servers"];

/// `berth image history NAME`.
pub async fn history(session: &Session, verbose: u8, name: &str, platform: Option<&Platform>) -> anyhow::Result<List> {
    let by_key = lineages(session, name, platform).await?;
    let compute = Compute::connect(session, verbose).await?;
    let ids: Vec<&str> = by_key.values().flatten().map(|i| i.id.as_str()).collect();
    let servers = servers_using(&compute, &ids).await?;
    let mut list = List::new(HISTORY_COLUMNS);
    for (k, images) in &by_key {
        for i in images {
            list.row(vec![
                json!(k.name),
                json!(k.repo_tag),
                json!(k.platform),
                json!(version(i)),
                json!(i.id),
                json!(digest(i)),
                json!(is_current(i)),
                json!(i.created_at),
                json!(i.size),
                json!(servers.get(&i.id).cloned().unwrap_or_default()),
            ]);
        }
    }
    Ok(list)
}

pub const PLAN_COLUMNS: &[&str] = &["action", "id", "name", "version", "digest", "reason"];

fn plan_row(action: &str, i: &Image, reason: &str) -> Vec<Value> {
    vec![json!(action), json!(i.id), json!(i.name), json!(version(i)), json!(digest(i)), json!(reason)]
}

/// What rollback chooses: the version to make current.
#[derive(Debug, Clone)]
pub enum Target {
    Steps(usize),
    Digest(String),
}

/// The image `target` names in `lineage` (newest first).
pub fn rollback_target<'a>(lineage: &'a [Image], target: &Target) -> anyhow::Result<&'a Image> {
    let current = lineage.iter().position(is_current);
    match target {
        Target::Digest(d) => {
            let found: Vec<&Image> = lineage
                .iter()
                .filter(|i| {
                    digest(i)
                        .is_some_and(|m| m == d || m.strip_prefix("sha256:").is_some_and(|h| h.starts_with(d.as_str())))
                })
                .collect();
            match found.as_slice() {
                [one] => Ok(one),
                [] => Err(Failure::usage(format!("no version has the digest `{d}`"))
                    .hint("`berth image history NAME` lists the versions and their digests")
                    .into()),
                _ => Err(Failure::usage(format!("{} versions have the digest `{d}`", found.len()))
                    .hint("give more of the digest")
                    .into()),
            }
        }
        Target::Steps(n) => {
            let Some(pos) = current else {
                return Err(Failure::new(ExitCode::Failure, "no version is current (every one is hidden)")
                    .hint("choose one with `--to DIGEST`")
                    .into());
            };
            lineage.get(pos + n).ok_or_else(|| {
                Failure::usage(format!(
                    "there is no version {n} step(s) older than the current one ({} versions in all)",
                    lineage.len()
                ))
                .hint("`berth image history NAME` lists them; `--to DIGEST` picks one")
                .into()
            })
        }
    }
}

/// `berth image rollback NAME`: the plan, carried out unless `dry_run`.
pub async fn rollback(
    session: &Session,
    name: &str,
    platform: Option<&Platform>,
    target: &Target,
    dry_run: bool,
) -> anyhow::Result<List> {
    let (_, lineage) = one(lineages(session, name, platform).await?, name)?;
    let to = rollback_target(&lineage, target)?.clone();
    let others: Vec<&Image> = lineage.iter().filter(|i| i.id != to.id && is_current(i)).collect();
    let mut list = List::new(PLAN_COLUMNS);
    if is_current(&to) && others.is_empty() {
        list.row(plan_row("keep", &to, "already current"));
        return Ok(list);
    }
    if !dry_run {
        // Make the target current first: there is never a moment without a current version.
        unhide(session, &to.id, vec![]).await?;
        for o in &others {
            hide(session, &o.id).await.map_err(|e| {
                e.context(format!("`{}` is current now, but `{}` is still visible: hide it with `berth image rollback {name} --to <digest>` again", to.id, o.id))
            })?;
        }
    }
    let (make, hidden) = if dry_run { ("make current", "hide") } else { ("made current", "hidden") };
    list.row(plan_row(make, &to, &format!("version {}", version(&to).map_or("-".into(), |v| v.to_string()))));
    for o in others {
        list.row(plan_row(hidden, o, "was current"));
    }
    Ok(list)
}

/// What prune does with each version.
pub struct PrunePlan {
    pub delete: Vec<Image>,
    /// (image, why it stays)
    pub keep: Vec<(Image, String)>,
}

/// Per lineage: keep the current version(s) and the newest others up to `keep` in all; of the rest, keep those a
/// server uses (`used`: image ID -> server names) and delete the others.
pub fn prune_plan(by_key: &BTreeMap<Key, Vec<Image>>, keep: usize, used: &BTreeMap<String, Vec<String>>) -> PrunePlan {
    let mut plan = PrunePlan { delete: vec![], keep: vec![] };
    for lineage in by_key.values() {
        let mut kept = 0usize;
        for i in lineage.iter().filter(|i| is_current(i)) {
            plan.keep.push((i.clone(), "current".into()));
            kept += 1;
        }
        for i in lineage.iter().filter(|i| !is_current(i)) {
            let servers = used.get(&i.id).filter(|s| !s.is_empty());
            if kept < keep {
                plan.keep.push((i.clone(), format!("among the {keep} newest")));
                kept += 1;
            } else if let Some(s) = servers {
                plan.keep.push((i.clone(), format!("used by server(s) {}", s.join(", "))));
            } else {
                plan.delete.push(i.clone());
            }
        }
    }
    plan
}

/// `berth image prune NAME | --all`.
pub async fn prune(
    session: &Session,
    verbose: u8,
    name: Option<&str>,
    platform: Option<&Platform>,
    keep: usize,
    yes: bool,
    dry_run: bool,
) -> anyhow::Result<List> {
    let by_key = match name {
        Some(n) => lineages(session, n, platform).await?,
        None => group(
            glance::list_all_versions(session, &[("container_format", "docker")])
                .await?
                .into_iter()
                .filter(|i| i.property("berth_repo_tag").is_some())
                .filter(|i| platform.is_none_or(|p| serves(p, i.property("berth_platform").unwrap_or_default())))
                .collect(),
        ),
    };
    // Ask Nova only about the versions that could go.
    let first = prune_plan(&by_key, keep, &BTreeMap::new());
    let used = if first.delete.is_empty() {
        BTreeMap::new()
    } else {
        let compute = Compute::connect(session, verbose).await?;
        let ids: Vec<&str> = first.delete.iter().map(|i| i.id.as_str()).collect();
        servers_using(&compute, &ids).await?
    };
    let plan = prune_plan(&by_key, keep, &used);
    if !plan.delete.is_empty() && !dry_run && !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::usage(format!(
                "prune would delete {} Glance image(s) and there is no terminal to ask",
                plan.delete.len()
            ))
            .hint("pass `--yes` to delete them, or `--dry-run` to see the plan")
            .into());
        }
        let ids: Vec<&str> = plan.delete.iter().map(|i| i.id.as_str()).collect();
        eprint!("delete {} Glance image(s): {}? [y/N] ", ids.len(), ids.join(", "));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            return Err(Failure::new(ExitCode::Failure, "prune cancelled: nothing was deleted").into());
        }
    }
    let mut list = List::new(PLAN_COLUMNS);
    for i in &plan.delete {
        if !dry_run {
            glance::delete(session, &i.id).await?;
        }
        list.row(plan_row(
            if dry_run { "delete" } else { "deleted" },
            i,
            "older than the kept versions, used by no server",
        ));
    }
    for (i, why) in &plan.keep {
        list.row(plan_row("keep", i, why));
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(id: &str, version: Option<u64>, hidden: bool, created: &str) -> Image {
        let mut v = json!({
            "id": id, "name": "app:v1", "status": "active", "container_format": "docker", "created_at": created,
            "berth_repo_tag": "app:v1", "berth_platform": "linux/amd64", "os_hidden": hidden,
            "berth_manifest_digest": format!("sha256:{id}{id}"),
        });
        if let Some(n) = version {
            v[VERSION] = json!(n.to_string());
        }
        serde_json::from_value(v).unwrap()
    }

    fn lineage() -> Vec<Image> {
        let mut l = vec![
            img("a", Some(1), true, "2026-01-01T00:00:00Z"),
            img("c", Some(3), false, "2026-01-03T00:00:00Z"),
            img("b", Some(2), true, "2026-01-02T00:00:00Z"),
            img("d", Some(4), true, "2026-01-04T00:00:00Z"),
        ];
        sort_newest_first(&mut l);
        l
    }

    #[test]
    fn versions_sort_newest_first_and_number_on() {
        let l = lineage();
        assert_eq!(l.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["d", "c", "b", "a"]);
        assert_eq!(next_version(&l.iter().collect::<Vec<_>>()), 5);
        // Images synced before versions existed count too.
        let legacy = [img("x", None, false, "2026-01-01T00:00:00Z"), img("y", None, false, "2026-01-02T00:00:00Z")];
        assert_eq!(next_version(&legacy.iter().collect::<Vec<_>>()), 3);
    }

    #[test]
    fn rollback_counts_steps_from_the_current_version() {
        let l = lineage();
        assert_eq!(rollback_target(&l, &Target::Steps(1)).unwrap().id, "b");
        assert_eq!(rollback_target(&l, &Target::Steps(2)).unwrap().id, "a");
        assert!(rollback_target(&l, &Target::Steps(3)).is_err());
        assert_eq!(rollback_target(&l, &Target::Digest("sha256:dd".into())).unwrap().id, "d");
        assert_eq!(rollback_target(&l, &Target::Digest("aa".into())).unwrap().id, "a");
        assert_eq!(
            crate::error::exit_code(&rollback_target(&l, &Target::Digest("zz".into())).unwrap_err()),
            ExitCode::Usage
        );
    }

    #[test]
    fn prune_keeps_current_newest_and_used() {
        let by_key = group(lineage());
        let used = BTreeMap::from([("a".to_string(), vec!["web".to_string()])]);
        let plan = prune_plan(&by_key, 2, &used);
        let kept: Vec<(&str, &str)> = plan.keep.iter().map(|(i, w)| (i.id.as_str(), w.as_str())).collect();
        assert_eq!(kept, [("c", "current"), ("d", "among the 2 newest"), ("a", "used by server(s) web")]);
        assert_eq!(plan.delete.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["b"]);
        // keep 1: only the current one, whatever is newer.
        let plan = prune_plan(&by_key, 1, &BTreeMap::new());
        assert_eq!(plan.keep.len(), 1);
        assert_eq!(plan.delete.len(), 3);
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
