//! `image history`, `image rollback` and `image prune` over lineages: what each version is, which one to make
//! current, which ones may go. Plans are pure functions of the lineages and of the servers that use each version;
//! carrying a plan out is separate, so a command can show it, ask, or stop at `--dry-run`.

use std::collections::BTreeMap;

use super::lineage::{self, Key, hide, is_current, unhide, version};
use super::provenance::Recorded;
use crate::error::{ExitCode, Failure};
use crate::openstack::Session;
use crate::openstack::glance::{self, Image};
use crate::openstack::nova::Compute;
use crate::registry::Platform;

/// One version, for `image history`.
#[derive(Debug, Clone)]
pub struct VersionRow {
    pub key: Key,
    pub image: Image,
    /// Names of the servers booted from it.
    pub servers: Vec<String>,
}

/// One step of a plan (rollback, prune).
#[derive(Debug, Clone)]
pub struct Step {
    /// `make current` / `made current`, `hide` / `hidden`, `delete` / `deleted`, `keep`.
    pub action: &'static str,
    pub image: Image,
    pub reason: String,
}

/// Names of the servers that use each image (`GET /servers/detail?image=ID`, one query per image), in every
/// project when the identity may list them all (an admin: a version another project boots from is in use too),
/// else in its own project.
pub async fn servers_using(compute: &Compute<'_>, ids: &[&str]) -> anyhow::Result<BTreeMap<String, Vec<String>>> {
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

/// `berth image history NAME`: every version of every lineage NAME stands for, newest first, with its servers.
pub async fn history(session: &Session, name: &str, platform: Option<&Platform>) -> anyhow::Result<Vec<VersionRow>> {
    let by_key = lineage::lineages(session, name, platform).await?;
    let compute = Compute::connect(session).await?;
    let ids: Vec<&str> = by_key.values().flatten().map(|i| i.id.as_str()).collect();
    let servers = servers_using(&compute, &ids).await?;
    Ok(by_key
        .into_iter()
        .flat_map(|(k, images)| {
            let servers = &servers;
            images.into_iter().map(move |i| VersionRow {
                key: k.clone(),
                servers: servers.get(&i.id).cloned().unwrap_or_default(),
                image: i,
            })
        })
        .collect())
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
                    i.digest()
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
) -> anyhow::Result<Vec<Step>> {
    let (_, lineage) = lineage::one(lineage::lineages(session, name, platform).await?, name)?;
    let to = rollback_target(&lineage, target)?.clone();
    let others: Vec<&Image> = lineage.iter().filter(|i| i.id != to.id && is_current(i)).collect();
    if is_current(&to) && others.is_empty() {
        return Ok(vec![Step { action: "keep", image: to, reason: "already current".into() }]);
    }
    if !dry_run {
        // Make the target current first: there is never a moment without a current version.
        unhide(session, &to.id, vec![]).await?;
        for o in &others {
            hide(session, &o.id).await.map_err(|e| {
                e.context(format!(
                    "`{}` is current now, but `{}` is still visible: hide it with `berth image rollback {name} --to <digest>` again",
                    to.id, o.id
                ))
            })?;
        }
    }
    let (make, hidden) = if dry_run { ("make current", "hide") } else { ("made current", "hidden") };
    let reason = format!("version {}", version(&to).map_or("-".into(), |v| v.to_string()));
    let mut steps = vec![Step { action: make, image: to, reason }];
    steps.extend(others.into_iter().map(|o| Step { action: hidden, image: o.clone(), reason: "was current".into() }));
    Ok(steps)
}

/// What prune does with each version.
#[derive(Debug, Default)]
pub struct PrunePlan {
    pub delete: Vec<Image>,
    /// (image, why it stays)
    pub keep: Vec<(Image, String)>,
}

/// Per lineage: keep the current version(s) and the newest others up to `keep` in all; of the rest, keep those a
/// server uses (`used`: image ID -> server names) and delete the others.
pub fn prune_plan(by_key: &BTreeMap<Key, Vec<Image>>, keep: usize, used: &BTreeMap<String, Vec<String>>) -> PrunePlan {
    let mut plan = PrunePlan::default();
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

/// The prune plan for NAME (every lineage it stands for) or, with `None`, for every image berth synced; Nova is
/// asked only about the versions that could go.
pub async fn plan_prune(
    session: &Session,
    name: Option<&str>,
    platform: Option<&Platform>,
    keep: usize,
) -> anyhow::Result<PrunePlan> {
    let by_key = match name {
        Some(n) => lineage::lineages(session, n, platform).await?,
        None => lineage::all_lineages(session, platform).await?,
    };
    let first = prune_plan(&by_key, keep, &BTreeMap::new());
    if first.delete.is_empty() {
        return Ok(first);
    }
    let compute = Compute::connect(session).await?;
    let ids: Vec<&str> = first.delete.iter().map(|i| i.id.as_str()).collect();
    let used = servers_using(&compute, &ids).await?;
    Ok(prune_plan(&by_key, keep, &used))
}

/// Carry out a prune plan (unless `dry_run`): its steps, deletions first.
pub async fn prune(session: &Session, plan: PrunePlan, dry_run: bool) -> anyhow::Result<Vec<Step>> {
    let mut steps = Vec::new();
    for i in plan.delete {
        if !dry_run {
            glance::delete(session, &i.id).await?;
        }
        let action = if dry_run { "delete" } else { "deleted" };
        steps.push(Step { action, image: i, reason: "older than the kept versions, used by no server".into() });
    }
    steps.extend(plan.keep.into_iter().map(|(image, reason)| Step { action: "keep", image, reason }));
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::lineage::tests::img;
    use crate::image::lineage::{group, sort_newest_first};

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
}
