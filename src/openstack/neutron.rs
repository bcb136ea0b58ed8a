//! Neutron (network v2.0): the calls berth makes, with typed answers. Networks, subnets, ports and security groups
//! are read for `boot`'s preflight; floating IPs are allocated, associated and released for `boot --floating-ip`
//! and `server delete`, and read for the addresses `server list/show` report.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::net::body;
use crate::openstack::{Session, check};

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Network {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub project_id: String,
    #[serde(default)]
    pub shared: bool,
    #[serde(rename = "router:external", default)]
    pub external: bool,
    #[serde(default)]
    pub mtu: Option<u32>,
    #[serde(default)]
    pub subnets: Vec<String>,
    /// `None` without the port-security extension.
    #[serde(default)]
    pub port_security_enabled: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Subnet {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub network_id: String,
    pub cidr: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct FixedIp {
    #[serde(default)]
    pub subnet_id: String,
    pub ip_address: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Port {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub network_id: String,
    /// The server (or router, DHCP agent...) the port belongs to; empty when it is free.
    #[serde(default)]
    pub device_id: String,
    #[serde(default)]
    pub device_owner: String,
    #[serde(default)]
    pub fixed_ips: Vec<FixedIp>,
    #[serde(default)]
    pub project_id: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct SecurityGroup {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub project_id: String,
}

/// `port_details` of a floating IP (the fip-port-details extension).
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
pub struct PortDetails {
    #[serde(default)]
    pub device_id: String,
    #[serde(default)]
    pub network_id: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct FloatingIp {
    pub id: String,
    pub floating_ip_address: String,
    #[serde(default)]
    pub floating_network_id: String,
    #[serde(default)]
    pub port_id: Option<String>,
    #[serde(default)]
    pub fixed_ip_address: Option<String>,
    #[serde(default)]
    pub project_id: String,
    #[serde(default)]
    pub port_details: Option<PortDetails>,
}

/// A network client bound to a session.
pub struct Neutron<'a> {
    pub session: &'a Session,
}

impl<'a> Neutron<'a> {
    pub fn new(session: &'a Session) -> Neutron<'a> {
        Neutron { session }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&Value>,
        what: &str,
    ) -> anyhow::Result<reqwest::Response> {
        let resp = self
            .session
            .request(method, "network", &format!("/v2.0{path}"), |r| {
                let r = r.query(query);
                match body {
                    Some(b) => r.json(b),
                    None => r,
                }
            })
            .await?;
        check(resp, what).await
    }

    /// `GET /v2.0/{collection}` with Neutron's filters (repeat a key for "any of"), the list under `key`.
    async fn list<T: serde::de::DeserializeOwned>(
        &self,
        collection: &str,
        key: &str,
        query: &[(&str, &str)],
        what: &str,
    ) -> anyhow::Result<Vec<T>> {
        let resp = self.call(reqwest::Method::GET, &format!("/{collection}"), query, None, what).await?;
        let mut doc: Value = body::json(resp, body::DOCUMENT).await?;
        Ok(serde_json::from_value(doc[key].take())?)
    }

    /// One item by ID, `None` when Neutron does not know it (or does not show it to this project).
    async fn one<T: serde::de::DeserializeOwned>(
        &self,
        collection: &str,
        key: &str,
        id: &str,
        what: &str,
    ) -> anyhow::Result<Option<T>> {
        let resp =
            self.session.request(reqwest::Method::GET, "network", &format!("/v2.0/{collection}/{id}"), |r| r).await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let mut doc: Value = body::json(check(resp, what).await?, body::DOCUMENT).await?;
        Ok(Some(serde_json::from_value(doc[key].take())?))
    }

    /// The networks this identity sees: for a member its own, the shared and the external ones.
    pub async fn networks(&self, query: &[(&str, &str)]) -> anyhow::Result<Vec<Network>> {
        self.list("networks", "networks", query, "listing networks").await
    }

    pub async fn subnets(&self, query: &[(&str, &str)]) -> anyhow::Result<Vec<Subnet>> {
        self.list("subnets", "subnets", query, "listing subnets").await
    }

    pub async fn ports(&self, query: &[(&str, &str)]) -> anyhow::Result<Vec<Port>> {
        self.list("ports", "ports", query, "listing ports").await
    }

    pub async fn port(&self, id: &str) -> anyhow::Result<Option<Port>> {
        self.one("ports", "port", id, &format!("reading port `{id}`")).await
    }

    pub async fn security_groups(&self, query: &[(&str, &str)]) -> anyhow::Result<Vec<SecurityGroup>> {
        self.list("security-groups", "security_groups", query, "listing security groups").await
    }

    pub async fn floating_ips(&self, query: &[(&str, &str)]) -> anyhow::Result<Vec<FloatingIp>> {
        self.list("floatingips", "floatingips", query, "listing floating IPs").await
    }

    /// Allocate a floating IP from an external network.
    pub async fn allocate_floating_ip(&self, network_id: &str, description: &str) -> anyhow::Result<FloatingIp> {
        let body = json!({"floatingip": {"floating_network_id": network_id, "description": description}});
        let resp =
            self.call(reqwest::Method::POST, "/floatingips", &[], Some(&body), "allocating a floating IP").await?;
        let mut doc: Value = body::json(resp, body::DOCUMENT).await?;
        Ok(serde_json::from_value(doc["floatingip"].take())?)
    }

    /// Associate a floating IP with a port (and one of its fixed IPs).
    pub async fn associate(&self, fip: &str, port: &str, fixed_ip: Option<&str>) -> anyhow::Result<FloatingIp> {
        let mut inner = json!({"port_id": port});
        if let Some(ip) = fixed_ip {
            inner["fixed_ip_address"] = json!(ip);
        }
        let what = format!("associating floating IP `{fip}` with port `{port}`");
        let resp = self
            .call(reqwest::Method::PUT, &format!("/floatingips/{fip}"), &[], Some(&json!({"floatingip": inner})), &what)
            .await?;
        let mut doc: Value = body::json(resp, body::DOCUMENT).await?;
        Ok(serde_json::from_value(doc["floatingip"].take())?)
    }

    /// Release a floating IP; `false` when it was gone already.
    pub async fn release_floating_ip(&self, id: &str) -> anyhow::Result<bool> {
        let resp =
            self.session.request(reqwest::Method::DELETE, "network", &format!("/v2.0/floatingips/{id}"), |r| r).await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(false);
        }
        check(resp, &format!("releasing floating IP `{id}`")).await?;
        Ok(true)
    }

    /// The floating IPs this identity sees with the server each is attached to (`port_details.device_id`; where
    /// Neutron lacks the fip-port-details extension, from the ports, in one more request).
    pub async fn floating_ips_with_devices(&self) -> anyhow::Result<Vec<FloatingIp>> {
        let mut fips = self.floating_ips(&[]).await?;
        let missing: Vec<String> =
            fips.iter().filter(|f| f.port_details.is_none()).filter_map(|f| f.port_id.clone()).collect();
        if missing.is_empty() {
            return Ok(fips);
        }
        let mut query: Vec<(&str, &str)> = missing.iter().map(|id| ("id", id.as_str())).collect();
        query.extend([("fields", "id"), ("fields", "device_id"), ("fields", "network_id")]);
        let ports = self.ports(&query).await?;
        for f in fips.iter_mut().filter(|f| f.port_details.is_none()) {
            if let Some(p) = ports.iter().find(|p| Some(&p.id) == f.port_id.as_ref()) {
                f.port_details = Some(PortDetails { device_id: p.device_id.clone(), network_id: p.network_id.clone() });
            }
        }
        Ok(fips)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutron_answers_parse() {
        let n: Network =
            serde_json::from_value(json!({"id": "n", "name": "public", "project_id": "p", "shared": false,
            "router:external": true, "mtu": 1500, "subnets": ["s"], "port_security_enabled": true}))
            .unwrap();
        assert!(n.external && n.mtu == Some(1500) && n.port_security_enabled == Some(true));
        let f: FloatingIp = serde_json::from_value(json!({"id": "f", "floating_ip_address": "203.0.113.9",
            "port_id": null, "fixed_ip_address": null, "port_details": null}))
        .unwrap();
        assert_eq!((f.port_id, f.port_details), (None, None));
    }
}
