//! Following a cluster to the end of its create or delete: Magnum's status, and while it is in progress the events
//! of its Heat stack (which resource is being made); on failure Magnum's `status_reason` and the failing Heat
//! resources, nested stacks included (a cluster's servers and software deployments are two levels down).
//!
//! Magnum learns its stack's end from a periodic task of the conductor, so the cluster settles some seconds after
//! its stack; berth reads the cluster every 2 s and the stack's events after the last one it saw at the same pace.

use std::time::{Duration, Instant};

use super::settled;
use crate::error::{ExitCode, Failure};
use crate::openstack::heat::{Event, Heat, Resource, Stack};
use crate::openstack::magnum::{Cluster, Magnum, Refused};

/// How a wait ended.
#[derive(Debug)]
pub enum End {
    /// `*_COMPLETE`: the cluster as it is now (`None` once deleted).
    Complete(Option<Cluster>),
    /// `*_FAILED`: the cluster, and the failed resources of its stack that are not stacks themselves. `stuck`:
    /// Magnum still has the cluster in progress [`GRACE`] after its stack failed (its conductor's status sync
    /// failed: Magnum 22 cannot record a stack whose worker nodes were never made, "Field `node_addresses[0]'
    /// cannot be None"), with the stack's reason.
    Failed { cluster: Cluster, resources: Vec<Resource>, stuck: Option<String> },
}

/// How long after its stack failed a cluster may stay in progress before berth reports the stack's failure itself.
pub const GRACE: Duration = Duration::from_secs(60);

/// What the caller is told: each new cluster status, and each event of the cluster's stack.
pub trait Watcher {
    fn status(&mut self, cluster: &Cluster);
    fn event(&mut self, event: &Event);
}

const PAUSE: Duration = Duration::from_secs(2);

/// Follow the cluster `uuid` until `action` (CREATE, DELETE) ends; out of time after `limit` (exit 5).
pub async fn follow(
    magnum: &Magnum<'_>,
    heat: Option<&Heat<'_>>,
    uuid: &str,
    action: &str,
    limit: Duration,
    watch: &mut dyn Watcher,
) -> anyhow::Result<End> {
    let start = Instant::now();
    let mut last_status = String::new();
    let mut events = StackEvents::default();
    loop {
        let cluster = match magnum.cluster(uuid).await {
            Ok(Some(cluster)) => cluster,
            Ok(None) if action == "DELETE" => return Ok(End::Complete(None)),
            Ok(None) => {
                return Err(Failure::new(
                    ExitCode::Failure,
                    format!("cluster `{uuid}` disappeared while berth followed it"),
                )
                .into());
            }
            Err(e) if action == "DELETE" && being_removed(&e) => {
                let waited = start.elapsed();
                if waited >= limit {
                    return Err(e.context(Failure::new(
                        ExitCode::Timeout,
                        format!("cluster `{uuid}` was still being removed after {:.0} s", limit.as_secs_f64()),
                    )));
                }
                tokio::time::sleep(PAUSE.min(limit - waited)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        if cluster.status != last_status {
            last_status = cluster.status.clone();
            watch.status(&cluster);
        }
        if let (Some(h), Some(id)) = (heat, cluster.stack_id.as_deref()) {
            events.poll(h, id, action, watch).await;
        }
        let stuck = events.failed.as_ref().filter(|(at, _)| at.elapsed() >= GRACE).map(|(_, why)| why.clone());
        match (settled(&cluster.status, action), stuck) {
            (Some(true), _) => return Ok(End::Complete((action != "DELETE").then_some(cluster))),
            (Some(false), stuck) | (None, stuck @ Some(_)) => {
                let resources = match (heat, &events.stack) {
                    (Some(h), Some(s)) => failed_leaves(h.resources_nested(s, 5).await.unwrap_or_default()),
                    _ => Vec::new(),
                };
                let stuck = if settled(&cluster.status, action).is_none() { stuck } else { None };
                return Ok(End::Failed { cluster, resources, stuck });
            }
            (None, None) => {}
        }
        let waited = start.elapsed();
        if waited >= limit {
            return Err(Failure::new(
                ExitCode::Timeout,
                format!("cluster `{}` is still {} after {:.0} s", cluster.shown(), cluster.status, limit.as_secs_f64()),
            )
            .hint(format!("`berth coe cluster show {}` tells how it goes on", cluster.shown()))
            .into());
        }
        tokio::time::sleep(PAUSE.min(limit - waited)).await;
    }
}

/// The cluster's Heat stack as followed: the events after `marker`, and when the stack's own `*_FAILED` came.
#[derive(Default)]
struct StackEvents {
    stack: Option<Stack>,
    marker: Option<String>,
    failed: Option<(Instant, String)>,
}

impl StackEvents {
    /// Tell `watch` the stack `id`'s events since the last poll (for another action than CREATE, those after the
    /// stack's last event when it is first seen). A stack Heat cannot show now is tried again next time.
    async fn poll(&mut self, h: &Heat<'_>, id: &str, action: &str, watch: &mut dyn Watcher) {
        if self.stack.is_none() {
            self.stack = h.find(id).await.ok().flatten();
            if action != "CREATE"
                && let Some(s) = &self.stack
            {
                self.marker = h.last_event(s).await.ok().flatten();
            }
        }
        let Some(s) = &self.stack else { return };
        let Ok(Some(events)) = h.events(s, self.marker.as_deref()).await else { return };
        for e in events {
            self.marker = Some(e.id.clone());
            if crate::stack::follow::is_stack_event(&e, s) && e.resource_status == format!("{action}_FAILED") {
                let why = e.resource_status_reason.clone().unwrap_or_default();
                self.failed = Some((Instant::now(), format!("stack `{}` {}: {why}", s.stack_name, e.resource_status)));
            }
            watch.event(&e);
        }
    }
}

/// Whether a delete now would orphan the cluster's Heat stack. Magnum 22 deletes a cluster by deleting the stack
/// its node groups record; while the conductor is still creating that stack (the cluster CREATE_IN_PROGRESS,
/// no `stack_id` yet) a delete finds none, drops the cluster's record ("not found during cluster deletion") and
/// leaves the stack to go on alone, with its networks and server groups (which count against the project's quota).
pub fn delete_would_orphan(cluster: &Cluster) -> bool {
    cluster.status == "CREATE_IN_PROGRESS" && cluster.stack_id.is_none()
}

/// The cluster once a delete would not orphan its stack ([`delete_would_orphan`]): read every 2 s until Magnum
/// has recorded the stack (and, a pause later, its node groups, which the conductor saves just after), or the
/// cluster is gone or no longer being created; out of time after `limit` (exit 5).
pub async fn until_deletable(magnum: &Magnum<'_>, mut cluster: Cluster, limit: Duration) -> anyhow::Result<Cluster> {
    let start = Instant::now();
    if !delete_would_orphan(&cluster) {
        return Ok(cluster);
    }
    while delete_would_orphan(&cluster) {
        let waited = start.elapsed();
        if waited >= limit {
            return Err(Failure::new(
                ExitCode::Timeout,
                format!(
                    "cluster `{}` has no Heat stack recorded after {:.0} s; a delete now would leave its stack behind",
                    cluster.shown(),
                    limit.as_secs_f64()
                ),
            )
            .hint(format!("`berth coe cluster show {}` shows when it has one; delete it then", cluster.shown()))
            .into());
        }
        tokio::time::sleep(PAUSE.min(limit - waited)).await;
        match magnum.cluster(&cluster.uuid).await? {
            Some(c) => cluster = c,
            None => return Ok(cluster),
        }
    }
    tokio::time::sleep(PAUSE).await;
    Ok(cluster)
}

/// Whether reading a cluster under deletion failed the way Magnum fails in a delete's last seconds: its node groups
/// are gone before the cluster's own row, and until that goes too Magnum 22 answers 400 ("Invalid input for
/// field/attribute master_count. Value: '0'") instead of the cluster. The delete is going on, not failed.
fn being_removed(e: &anyhow::Error) -> bool {
    e.downcast_ref::<Refused>().is_some_and(|r| r.status == 400)
}

/// Whether a resource is a nested stack (a group, or a template of its own), whose failure only repeats its
/// members'.
fn is_stack(r: &Resource) -> bool {
    let t = r.resource_type.as_str();
    t == "OS::Heat::ResourceGroup" || t == "OS::Heat::Stack" || t.ends_with(".yaml") || t.contains("://")
}

/// The failed resources that are not nested stacks (those say only "resources.x: ..." of their members); when
/// only stacks failed (a timeout cancels their members), they and the members still in progress when it struck
/// (what the stack was waiting for, e.g. a software deployment whose server never signalled).
pub fn failed_leaves(all: Vec<Resource>) -> Vec<Resource> {
    let failed: Vec<Resource> = all.iter().filter(|r| r.resource_status.ends_with("_FAILED")).cloned().collect();
    let leaves: Vec<Resource> = failed.iter().filter(|r| !is_stack(r)).cloned().collect();
    if !leaves.is_empty() {
        return leaves;
    }
    let waiting = all.into_iter().filter(|r| r.resource_status.ends_with("_IN_PROGRESS") && !is_stack(r));
    failed.into_iter().chain(waiting).collect()
}

/// A failed action as an error: Magnum's reason, then each failing Heat resource with its type and reason.
pub fn failure(cluster: &Cluster, resources: &[Resource], stuck: Option<&str>) -> Failure {
    let mut text = match stuck {
        None => format!(
            "cluster `{}` went to {}: {}",
            cluster.shown(),
            cluster.status,
            cluster.status_reason.as_deref().unwrap_or("Magnum gave no reason")
        ),
        Some(why) => format!(
            "cluster `{}` failed: its {why}; Magnum still says {} {} s later (its conductor did not take the stack's end: its log says why)",
            cluster.shown(),
            cluster.status,
            GRACE.as_secs()
        ),
    };
    for r in resources {
        text.push_str(&format!(
            "\n  resource `{}` ({}) {}: {}",
            r.resource_name,
            r.resource_type,
            r.resource_status,
            r.resource_status_reason.as_deref().unwrap_or("no reason given")
        ));
    }
    Failure::new(ExitCode::Failure, crate::error::printable(&text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn res(name: &str, kind: &str, status: &str) -> Resource {
        serde_json::from_value(json!({"resource_name": name, "resource_type": kind, "resource_status": status,
            "resource_status_reason": format!("{name} failed")}))
        .unwrap()
    }

    #[test]
    fn a_delete_waits_for_the_stack_of_a_cluster_being_created() {
        let c = |status: &str, stack: Option<&str>| Cluster {
            status: status.into(),
            stack_id: stack.map(str::to_string),
            ..Cluster::default()
        };
        assert!(delete_would_orphan(&c("CREATE_IN_PROGRESS", None)));
        assert!(!delete_would_orphan(&c("CREATE_IN_PROGRESS", Some("s"))));
        // A create that failed before Heat made a stack has nothing to orphan.
        assert!(!delete_would_orphan(&c("CREATE_FAILED", None)));
        assert!(!delete_would_orphan(&c("CREATE_COMPLETE", Some("s"))));
    }

    #[test]
    fn a_400_in_a_deletes_last_seconds_is_the_delete_going_on() {
        let refused = |status| {
            let r = Refused { what: "reading cluster `c`".into(), status, message: "master_count. Value: '0'".into() };
            anyhow::Error::new(r.clone()).context(Failure::new(ExitCode::Usage, r.to_string()))
        };
        assert!(being_removed(&refused(400)));
        assert!(!being_removed(&refused(409)));
        assert!(!being_removed(&anyhow::anyhow!("connection refused")));
    }

    #[test]
    fn the_failing_leaf_is_named_not_its_groups() {
        let all = vec![
            res("kube_masters", "OS::Heat::ResourceGroup", "CREATE_FAILED"),
            res("0", "file:///magnum/kubemaster.yaml", "CREATE_FAILED"),
            res("master_config_deployment", "OS::Heat::SoftwareDeployment", "CREATE_FAILED"),
            res("network", "OS::Neutron::Net", "CREATE_COMPLETE"),
        ];
        let leaves = failed_leaves(all);
        assert_eq!(leaves.len(), 1);
        let c: Cluster = serde_json::from_value(json!({"uuid": "u", "name": "k", "status": "CREATE_FAILED",
            "status_reason": "default-master failed"}))
        .unwrap();
        let f = failure(&c, &leaves, None);
        assert_eq!(
            f.message,
            "cluster `k` went to CREATE_FAILED: default-master failed\n  resource `master_config_deployment` (OS::Heat::SoftwareDeployment) CREATE_FAILED: master_config_deployment failed"
        );
        assert_eq!(failed_leaves(vec![res("g", "OS::Heat::ResourceGroup", "CREATE_FAILED")]).len(), 1);
        let cancelled = failed_leaves(vec![
            res("kube_masters", "OS::Heat::ResourceGroup", "CREATE_FAILED"),
            res("master_config_deployment", "OS::Heat::SoftwareDeployment", "CREATE_IN_PROGRESS"),
            res("kube-master", "OS::Nova::Server", "CREATE_COMPLETE"),
        ]);
        assert_eq!(
            cancelled.iter().map(|r| r.resource_name.as_str()).collect::<Vec<_>>(),
            ["kube_masters", "master_config_deployment"]
        );
        let stuck = failure(&c, &[], Some("stack `k-1` CREATE_FAILED: Timed out"));
        assert!(
            stuck
                .message
                .starts_with("cluster `k` failed: its stack `k-1` CREATE_FAILED: Timed out; Magnum still says")
        );
    }
}
