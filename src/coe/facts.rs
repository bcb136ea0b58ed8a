//! What the preflight judges, asked once and concurrently: the images, flavors, keypairs, networks and subnets a
//! spec names, the catalog, and the quotas its servers, server groups and floating IPs count against. A fact
//! berth could not get is [`Fact::Unknown`] with the reason (a member may not read a quota, a service may not
//! answer).

use serde_json::Value;

use super::Spec;
use crate::gaps::Fact;
use crate::openstack::glance::{self, Image};
use crate::openstack::lookup::is_uuid;
use crate::openstack::neutron::{Network, Neutron, Subnet};
use crate::openstack::nova::{Compute, Flavor};
use crate::openstack::{Session, catalog};

/// Nova's absolute limits and usage of the project.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Limits {
    pub instances: (i64, i64),
    pub cores: (i64, i64),
    pub ram: (i64, i64),
    pub server_groups: (i64, i64),
    /// Members a server group may have (Magnum puts every master in one group and every worker in another).
    pub server_group_members: i64,
}

#[derive(Debug, Clone)]
pub struct Facts {
    /// Official service types in the catalog.
    pub services: Vec<String>,
    /// The images the spec's image names (by ID, else every image of that name).
    pub images: Fact<Vec<Image>>,
    pub flavors: Fact<Vec<Flavor>>,
    pub keypairs: Fact<Vec<String>>,
    /// Every network the identity sees.
    pub networks: Fact<Vec<Network>>,
    pub subnets: Fact<Vec<Subnet>>,
    pub limits: Fact<Limits>,
    /// Neutron's floating IP quota: (limit, used).
    pub floating_ips: Fact<(i64, i64)>,
}

impl Facts {
    pub fn has(&self, kind: &str) -> bool {
        let names = catalog::aliases(kind);
        self.services.iter().any(|s| names.contains(&s.as_str()))
    }
}

fn pair(abs: &Value, max: &str, used: &str) -> (i64, i64) {
    (abs[max].as_i64().unwrap_or(-1), abs[used].as_i64().unwrap_or(0))
}

async fn images(session: &Session, wanted: &str) -> anyhow::Result<Vec<Image>> {
    if is_uuid(wanted)
        && let Some(i) = glance::find(session, wanted).await?
    {
        return Ok(vec![i]);
    }
    glance::list(session, &[("name", wanted)]).await
}

async fn compute_facts(session: &Session) -> (Fact<Vec<Flavor>>, Fact<Vec<String>>, Fact<Limits>) {
    let compute = match Compute::connect(session).await {
        Ok(c) => c,
        Err(e) => {
            let r = format!("{e:#}");
            return (Fact::Unknown(r.clone()), Fact::Unknown(r.clone()), Fact::Unknown(r));
        }
    };
    let keypairs = async {
        let v = compute.get("/os-keypairs", "listing keypairs").await?;
        Ok(v["keypairs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|k| k["keypair"]["name"].as_str().map(str::to_string))
            .collect())
    };
    let limits = async {
        let v = compute.get("/limits", "reading the compute limits").await?;
        let abs = &v["limits"]["absolute"];
        Ok(Limits {
            instances: pair(abs, "maxTotalInstances", "totalInstancesUsed"),
            cores: pair(abs, "maxTotalCores", "totalCoresUsed"),
            ram: pair(abs, "maxTotalRAMSize", "totalRAMUsed"),
            server_groups: pair(abs, "maxServerGroups", "totalServerGroupsUsed"),
            server_group_members: abs["maxServerGroupMembers"].as_i64().unwrap_or(-1),
        })
    };
    let (flavors, keypairs, limits) = tokio::join!(compute.flavors(), keypairs, limits);
    (flavors.into(), keypairs.into(), limits.into())
}

/// Ask the cloud everything the checks of `spec` need.
pub async fn gather(session: &Session, spec: &Spec) -> Facts {
    let token = session.token();
    let services: Vec<String> = token.body.catalog.iter().map(|s| catalog::aliases(&s.kind)[0].to_string()).collect();
    let project = token.body.project.as_ref().map(|p| p.id.clone());
    let neutron = Neutron::new(session);
    let image = async {
        match &spec.image {
            Some(i) => images(session, i).await.into(),
            None => Fact::Known(Vec::new()),
        }
    };
    let fips = async {
        match &project {
            Some(p) => neutron.quota(p, "floatingip").await.into(),
            None => Fact::Unknown("the token is not scoped to a project".into()),
        }
    };
    let (images, (flavors, keypairs, limits), networks, subnets, floating_ips) = tokio::join!(
        image,
        compute_facts(session),
        async { Fact::from(neutron.networks(&[]).await) },
        async { Fact::from(neutron.subnets(&[]).await) },
        fips,
    );
    Facts { services, images, flavors, keypairs, networks, subnets, limits, floating_ips }
}
