//! The networking facts of `berth gaps`: Neutron's extensions, the networks the project sees (external ones, those
//! it can boot on, their MTU), and its floating IP quota and usage (`GET /v2.0/quotas/{project}/details`).

use serde_json::Value;

use super::{Fact, Prober};
use crate::openstack::neutron::Network;

#[derive(Debug, Clone, PartialEq)]
pub struct NetworkFacts {
    /// The extension aliases (`security-group`, `router`, ...).
    pub extensions: Fact<Vec<String>>,
    /// Every network this identity sees.
    pub networks: Fact<Vec<Network>>,
    pub floating_quota: Fact<Quota>,
}

/// A quota with its usage; a limit of -1 is no limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quota {
    pub limit: i64,
    pub used: i64,
    pub reserved: i64,
}

impl Quota {
    /// How many more the project can have; `None` without a limit.
    pub fn left(&self) -> Option<i64> {
        (self.limit >= 0).then(|| (self.limit - self.used - self.reserved).max(0))
    }
}

impl NetworkFacts {
    /// Every fact unknown for the same reason (no network service).
    pub fn unknown(reason: &str) -> NetworkFacts {
        NetworkFacts {
            extensions: Fact::Unknown(reason.to_string()),
            networks: Fact::Unknown(reason.to_string()),
            floating_quota: Fact::Unknown(reason.to_string()),
        }
    }
}

/// Ask Neutron at `network` (the endpoint, or why there is none), concurrently.
pub(super) async fn gather(p: &Prober<'_>, network: &Result<String, String>, project_id: Option<&str>) -> NetworkFacts {
    let at = |path: &str| network.clone().map(|u| format!("{u}{path}"));
    let quota_url = match project_id {
        Some(project) => at(&format!("/v2.0/quotas/{project}/details")),
        None => Err("the token is not scoped to a project: quotas are a project's".to_string()),
    };
    let (extensions, networks, quota) = tokio::join!(
        p.fact(at("/v2.0/extensions"), "listing network extensions", &[]),
        p.fact(at("/v2.0/networks"), "listing networks", &[]),
        p.fact(quota_url, "reading the project's network quotas", &[]),
    );
    NetworkFacts {
        extensions: known(extensions, |v| {
            Ok(v["extensions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["alias"].as_str().map(str::to_string))
                .collect())
        }),
        networks: known(networks, |v| Ok(serde_json::from_value(v["networks"].clone())?)),
        floating_quota: known(quota, |v| {
            let q = &v["quota"]["floatingip"];
            match (q["limit"].as_i64(), q["used"].as_i64()) {
                (Some(limit), Some(used)) => Ok(Quota { limit, used, reserved: q["reserved"].as_i64().unwrap_or(0) }),
                _ => anyhow::bail!("the quota details have no `floatingip` limit and usage"),
            }
        }),
    }
}

fn known<T>(f: Fact<Value>, pick: impl FnOnce(&Value) -> anyhow::Result<T>) -> Fact<T> {
    match f {
        Fact::Known(v) => pick(&v).into(),
        Fact::Unknown(r) => Fact::Unknown(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_left() {
        assert_eq!(Quota { limit: 50, used: 3, reserved: 1 }.left(), Some(46));
        assert_eq!(Quota { limit: 0, used: 0, reserved: 0 }.left(), Some(0));
        assert_eq!(Quota { limit: 2, used: 5, reserved: 0 }.left(), Some(0));
        assert_eq!(Quota { limit: -1, used: 9, reserved: 0 }.left(), None);
    }
}
