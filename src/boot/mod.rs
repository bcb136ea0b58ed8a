//! The domain "a container instance through Nova": what a boot asks for ([`Request`]), the preflight that refuses
//! what would fail late ([`preflight`], and [`network`] for networks, ports, security groups and floating IPs),
//! the create request, the wait with Nova's fault ([`wait`]), the floating IP ([`floating`]) and the addresses a
//! server has ([`addresses`]).

pub mod addresses;
pub mod floating;
pub mod network;
pub mod preflight;
pub mod wait;

use base64::Engine;
use serde_json::{Map, Value, json};

use crate::openstack::glance::Image;
use crate::openstack::nova::{Compute, Flavor};

/// What `berth boot` asks for, as plain values.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub name: String,
    /// The network interfaces, resolved (none: Nova chooses, or `no_network`).
    pub nics: Vec<network::Nic>,
    /// Security group IDs for the ports Nova makes.
    pub security_groups: Vec<String>,
    pub no_network: bool,
    pub key_name: Option<String>,
    pub user_data: Option<Vec<u8>>,
    /// Container environment and server properties: both become instance metadata.
    pub metadata: Vec<(String, String)>,
    /// `--command` was given (which no docker driver can honour).
    pub command: bool,
    pub availability_zone: Option<String>,
    pub count: u32,
    pub volumes: Vec<String>,
    pub config_drive: bool,
}

impl Request {
    /// The `server` object of `POST /servers` for `image` and `flavor`.
    pub fn body(&self, image: &Image, flavor: &Flavor) -> Value {
        let metadata: Map<String, Value> =
            self.metadata.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect();
        let networks: Vec<Value> = self
            .nics
            .iter()
            .map(|nic| match nic {
                network::Nic::Network { id, fixed_ip: Some(ip), .. } => json!({ "uuid": id, "fixed_ip": ip }),
                network::Nic::Network { id, .. } => json!({ "uuid": id }),
                network::Nic::Port { id, .. } => json!({ "port": id }),
            })
            .collect();
        let mut server = Map::new();
        server.insert("name".into(), json!(self.name));
        server.insert("imageRef".into(), json!(image.id));
        server.insert("flavorRef".into(), json!(flavor.id));
        server.insert(
            "networks".into(),
            if self.no_network {
                json!("none")
            } else if networks.is_empty() {
                json!("auto")
            } else {
                json!(networks)
            },
        );
        if !self.security_groups.is_empty() {
            let groups: Vec<Value> = self.security_groups.iter().map(|g| json!({ "name": g })).collect();
            server.insert("security_groups".into(), json!(groups));
        }
        server.insert("metadata".into(), Value::Object(metadata));
        server.insert("min_count".into(), json!(self.count));
        server.insert("max_count".into(), json!(self.count));
        if self.count > 1 {
            server.insert("return_reservation_id".into(), json!(true));
        }
        if let Some(k) = &self.key_name {
            server.insert("key_name".into(), json!(k));
        }
        if let Some(z) = &self.availability_zone {
            server.insert("availability_zone".into(), json!(z));
        }
        if let Some(u) = &self.user_data {
            server.insert("user_data".into(), json!(base64::engine::general_purpose::STANDARD.encode(u)));
        }
        if self.config_drive {
            server.insert("config_drive".into(), json!(true));
        }
        if !self.volumes.is_empty() {
            let bdm: Vec<Value> = self
                .volumes
                .iter()
                .map(|v| json!({"source_type": "volume", "destination_type": "volume", "uuid": v, "boot_index": -1}))
                .collect();
            server.insert("block_device_mapping_v2".into(), json!(bdm));
        }
        Value::Object(server)
    }
}

/// Create the servers of `body`; their IDs (one, or all of a reservation for `count` > 1).
pub async fn create(compute: &Compute<'_>, body: &Value) -> anyhow::Result<Vec<String>> {
    let created = compute.create(body).await?;
    Ok(match created.get("reservation_id").and_then(Value::as_str) {
        Some(rid) => compute.servers(&[("reservation_id", rid)]).await?.into_iter().map(|s| s.id).collect(),
        None => vec![created["server"]["id"].as_str().unwrap_or_default().to_string()],
    })
}
