//! Magnum (container-infra): the preflight of a cluster template or cluster, the cloud-wide Magnum checks of
//! `gaps`, following a cluster to the end of its create or delete (with its Heat stack's events), and the
//! kubeconfig of a cluster.
//!
//! [`facts`] asks the cloud once (Glance, Nova, Neutron, the catalog, quotas); [`checks`] judges a [`Spec`] against
//! them with pure functions, in the finding shape of `gaps` (status, evidence, consequence, remedy): every check
//! Magnum's own attribute validation makes at template create, and those it makes only at cluster create, or never.

pub mod checks;
pub mod facts;
pub mod follow;
pub mod kubeconfig;
pub mod node_image;
pub mod survey;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::openstack::magnum::Template;

/// The COEs Magnum still has (Swarm and Mesos were removed upstream).
pub const COES: &[&str] = &["kubernetes"];

/// The cluster drivers berth knows: (driver, server_type, os_distro, coe, needs Heat). Magnum picks a driver by
/// the image's `magnum_driver` property, else by (server_type, os_distro, coe); there is no API that lists the
/// drivers a Magnum has installed, so this is what berth can say about an image.
pub const DRIVERS: &[(&str, &str, &str, &str, bool)] = &[
    ("k8s_fedora_coreos_v1", "vm", "fedora-coreos", "kubernetes", true),
    ("k8s_capi_helm_v1", "vm", "ubuntu", "kubernetes", false),
    ("k8s_cluster_api_ubuntu", "vm", "ubuntu", "kubernetes", false),
    ("k8s_cluster_api_flatcar", "vm", "flatcar", "kubernetes", false),
    ("k8s_cluster_api_rockylinux", "vm", "rockylinux", "kubernetes", false),
];

/// What a cluster template (and the cluster made from it) asks of the cloud: the preflight's input.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub coe: String,
    pub server_type: String,
    pub image: Option<String>,
    pub flavor: Option<String>,
    pub master_flavor: Option<String>,
    pub keypair: Option<String>,
    pub external_network: Option<String>,
    pub network: Option<String>,
    pub subnet: Option<String>,
    pub docker_volume_size: Option<u64>,
    pub labels: BTreeMap<String, String>,
    pub network_driver: Option<String>,
    pub volume_driver: Option<String>,
    pub master_count: u64,
    pub node_count: u64,
    pub master_lb_enabled: bool,
    pub floating_ip_enabled: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            coe: "kubernetes".into(),
            server_type: "vm".into(),
            image: None,
            flavor: None,
            master_flavor: None,
            keypair: None,
            external_network: None,
            network: None,
            subnet: None,
            docker_volume_size: None,
            labels: BTreeMap::new(),
            network_driver: None,
            volume_driver: None,
            master_count: 1,
            node_count: 1,
            master_lb_enabled: false,
            // Magnum's default: every node gets a floating IP.
            floating_ip_enabled: true,
        }
    }
}

impl Spec {
    /// The spec of an existing template (labels as strings, as Magnum keeps them).
    pub fn of_template(t: &Template) -> Spec {
        let labels = t
            .labels
            .iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
            .collect();
        Spec {
            coe: t.coe.clone(),
            server_type: t.server_type.clone().unwrap_or_else(|| "vm".into()),
            image: t.image_id.clone(),
            flavor: t.flavor_id.clone(),
            master_flavor: t.master_flavor_id.clone(),
            keypair: t.keypair_id.clone(),
            external_network: t.external_network_id.clone(),
            network: t.fixed_network.clone(),
            subnet: t.fixed_subnet.clone(),
            docker_volume_size: t.docker_volume_size,
            labels,
            network_driver: t.network_driver.clone(),
            volume_driver: t.volume_driver.clone(),
            master_lb_enabled: t.master_lb_enabled.unwrap_or(false),
            floating_ip_enabled: t.floating_ip_enabled.unwrap_or(true),
            ..Spec::default()
        }
    }

    /// The body of `POST /v1/clustertemplates` for this spec.
    pub fn template_body(&self, name: &str, public: bool) -> Value {
        let mut b = Map::new();
        b.insert("name".into(), json!(name));
        b.insert("coe".into(), json!(self.coe));
        b.insert("server_type".into(), json!(self.server_type));
        let mut put = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                b.insert(k.into(), json!(v));
            }
        };
        put("image_id", &self.image);
        put("flavor_id", &self.flavor);
        put("master_flavor_id", &self.master_flavor);
        put("keypair_id", &self.keypair);
        put("external_network_id", &self.external_network);
        put("fixed_network", &self.network);
        put("fixed_subnet", &self.subnet);
        put("network_driver", &self.network_driver);
        put("volume_driver", &self.volume_driver);
        if let Some(size) = self.docker_volume_size {
            b.insert("docker_volume_size".into(), json!(size));
        }
        b.insert("labels".into(), json!(self.labels));
        b.insert("master_lb_enabled".into(), json!(self.master_lb_enabled));
        b.insert("floating_ip_enabled".into(), json!(self.floating_ip_enabled));
        b.insert("public".into(), json!(public));
        Value::Object(b)
    }

    /// The `boot_volume_size` label as a number (0 when unset or not a number).
    pub fn boot_volume_size(&self) -> u64 {
        self.labels.get("boot_volume_size").and_then(|v| v.trim().parse().ok()).unwrap_or(0)
    }
}

/// Whether a cluster status has settled for `action` (CREATE, DELETE, UPDATE): `Some(true)` complete,
/// `Some(false)` failed, `None` still going.
pub fn settled(status: &str, action: &str) -> Option<bool> {
    if status == format!("{action}_COMPLETE") {
        Some(true)
    } else if status == format!("{action}_FAILED") {
        Some(false)
    } else {
        // In progress, or another action's end: a delete Magnum has not started yet shows the create's.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_bodies_carry_what_was_given_only() {
        let mut s = Spec { image: Some("fcos".into()), flavor: Some("m1.small".into()), ..Spec::default() };
        s.labels.insert("boot_volume_size".into(), "10".into());
        let b = s.template_body("k8s", false);
        assert_eq!(b["image_id"], "fcos");
        assert_eq!(b["labels"]["boot_volume_size"], "10");
        assert!(b.get("keypair_id").is_none());
        assert_eq!(b["floating_ip_enabled"], true);
        assert_eq!(s.boot_volume_size(), 10);
        let mut with_id = b.clone();
        with_id["uuid"] = "u".into();
        let t: Template = serde_json::from_value(with_id).unwrap();
        let back = Spec::of_template(&t);
        assert_eq!(back.image.as_deref(), Some("fcos"));
        assert_eq!(back.boot_volume_size(), 10);
    }

    #[test]
    fn statuses_settle() {
        assert_eq!(settled("CREATE_IN_PROGRESS", "CREATE"), None);
        assert_eq!(settled("CREATE_FAILED", "CREATE"), Some(false));
        assert_eq!(settled("CREATE_COMPLETE", "CREATE"), Some(true));
        assert_eq!(settled("DELETE_FAILED", "DELETE"), Some(false));
        assert_eq!(settled("CREATE_FAILED", "DELETE"), None);
    }
}
