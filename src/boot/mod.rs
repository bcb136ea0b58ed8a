//! The domain "a container instance through Nova": what a boot asks for ([`Request`]), the preflight that refuses
//! what would fail late ([`preflight`]), the create request, and the wait with Nova's fault ([`wait`]).

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
    /// Network IDs (resolved) and port IDs.
    pub networks: Vec<String>,
    pub ports: Vec<String>,
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
        let mut networks: Vec<Value> = self.networks.iter().map(|n| json!({ "uuid": n })).collect();
        networks.extend(self.ports.iter().map(|p| json!({ "port": p })));
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
