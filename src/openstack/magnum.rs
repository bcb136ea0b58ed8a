//! Magnum (container-infra v1): cluster templates, clusters and their certificates, with typed answers.
//!
//! Every request carries `OpenStack-API-Version: container-infra 1.10` (the first with every field berth reads,
//! `master_lb_enabled` and `floating_ip_enabled` included; Magnum 22 offers up to 1.12). Magnum's errors are
//! `{"errors": [{"title", "detail", "status"}]}`: [`Refused`] keeps the detail whole, as Magnum said it.

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::error::{ExitCode, Failure, printable};
use crate::net::body;
use crate::openstack::{Session, check};

/// The microversion berth asks for.
pub const MICROVERSION: &str = "container-infra 1.10";

/// A request Magnum refused (HTTP 400, 404, 409), with its message.
#[derive(Debug, Clone)]
pub struct Refused {
    pub what: String,
    pub status: u16,
    pub message: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: Magnum answered HTTP {}: {}", self.what, self.status, self.message)
    }
}

impl std::error::Error for Refused {}

/// A cluster template (`GET /v1/clustertemplates/{id}`); fields Magnum leaves out are `None`.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Template {
    pub uuid: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub coe: String,
    #[serde(default)]
    pub image_id: Option<String>,
    #[serde(default)]
    pub flavor_id: Option<String>,
    #[serde(default)]
    pub master_flavor_id: Option<String>,
    #[serde(default)]
    pub keypair_id: Option<String>,
    #[serde(default)]
    pub external_network_id: Option<String>,
    #[serde(default)]
    pub fixed_network: Option<String>,
    #[serde(default)]
    pub fixed_subnet: Option<String>,
    #[serde(default)]
    pub network_driver: Option<String>,
    #[serde(default)]
    pub volume_driver: Option<String>,
    #[serde(default)]
    pub docker_volume_size: Option<u64>,
    #[serde(default)]
    pub labels: Option<Map<String, Value>>,
    #[serde(default)]
    pub master_lb_enabled: Option<bool>,
    #[serde(default)]
    pub floating_ip_enabled: Option<bool>,
    #[serde(default)]
    pub server_type: Option<String>,
    #[serde(default)]
    pub cluster_distro: Option<String>,
    #[serde(default)]
    pub tls_disabled: Option<bool>,
    #[serde(default)]
    pub public: Option<bool>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// A cluster (`GET /v1/clusters/{id}`).
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Cluster {
    pub uuid: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub status_reason: Option<String>,
    #[serde(default)]
    pub stack_id: Option<String>,
    #[serde(default)]
    pub cluster_template_id: String,
    #[serde(default)]
    pub keypair: Option<String>,
    #[serde(default)]
    pub node_count: Option<u64>,
    #[serde(default)]
    pub master_count: Option<u64>,
    #[serde(default)]
    pub create_timeout: Option<u64>,
    #[serde(default)]
    pub api_address: Option<String>,
    #[serde(default)]
    pub coe_version: Option<String>,
    #[serde(default)]
    pub master_addresses: Option<Vec<String>>,
    #[serde(default)]
    pub node_addresses: Option<Vec<String>>,
    #[serde(default)]
    pub faults: Option<Map<String, Value>>,
}

impl Cluster {
    pub fn shown(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.uuid)
    }
}

/// A Magnum client.
pub struct Magnum<'a> {
    pub session: &'a Session,
    /// `http://host:9511/v1`
    pub base: String,
}

/// A path segment: names and UUIDs as they are, anything else escaped.
fn segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Magnum's own message from an error body: the `detail` of its first error, else the body.
pub fn message(text: &str) -> String {
    let doc: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let detail = doc
        .pointer("/errors/0/detail")
        .or_else(|| doc.pointer("/errors/0/title"))
        .or_else(|| doc.get("faultstring"))
        .and_then(Value::as_str)
        .map_or_else(|| text.trim().to_string(), str::to_string);
    printable(&detail.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl<'a> Magnum<'a> {
    pub fn connect(session: &'a Session) -> anyhow::Result<Magnum<'a>> {
        let url = session.endpoint("container-infrastructure-management")?;
        let base = if url.ends_with("/v1") { url } else { format!("{url}/v1") };
        Ok(Magnum { session, base })
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> anyhow::Result<reqwest::Response> {
        let url = format!("{}{path}", self.base);
        self.session
            .request_url(method, &url, |r| {
                let r = r.header("OpenStack-API-Version", MICROVERSION);
                match body {
                    Some(b) => r.json(b),
                    None => r,
                }
            })
            .await
    }

    /// 400/404/409 as [`Refused`] (usage errors: the request was wrong), the rest as [`check`] makes them.
    async fn checked(resp: reqwest::Response, what: &str) -> anyhow::Result<reqwest::Response> {
        let status = resp.status().as_u16();
        if !matches!(status, 400 | 404 | 409) {
            return check(resp, what).await;
        }
        let text = String::from_utf8_lossy(&body::read(resp, body::ERROR).await?).into_owned();
        let refused = Refused { what: what.to_string(), status, message: message(&text) };
        Err(anyhow::Error::new(refused.clone()).context(Failure::new(
            if status == 404 { ExitCode::Failure } else { ExitCode::Usage },
            refused.to_string(),
        )))
    }

    async fn json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
        what: &str,
    ) -> anyhow::Result<Value> {
        let resp = self.send(method, path, body).await?;
        body::json(Self::checked(resp, what).await?, body::DOCUMENT).await
    }

    /// `GET path`, `None` on 404; a 400 or 409 as [`Refused`].
    async fn maybe<T: serde::de::DeserializeOwned>(&self, path: &str, what: &str) -> anyhow::Result<Option<T>> {
        let resp = self.send(reqwest::Method::GET, path, None).await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let v: Value = body::json(Self::checked(resp, what).await?, body::DOCUMENT).await?;
        Ok(Some(serde_json::from_value(v)?))
    }

    pub async fn templates(&self) -> anyhow::Result<Vec<Template>> {
        // The plain list has only names and IDs; `/detail` has every field.
        let mut v =
            self.json(reqwest::Method::GET, "/clustertemplates/detail", None, "listing cluster templates").await?;
        Ok(serde_json::from_value(v["clustertemplates"].take())?)
    }

    /// A template by name or UUID (Magnum resolves both); `None` when there is none.
    pub async fn template(&self, ident: &str) -> anyhow::Result<Option<Template>> {
        self.maybe(&format!("/clustertemplates/{}", segment(ident)), &format!("reading cluster template `{ident}`"))
            .await
    }

    pub async fn create_template(&self, body: &Value) -> anyhow::Result<Template> {
        let name = body["name"].as_str().unwrap_or_default();
        let v = self
            .json(
                reqwest::Method::POST,
                "/clustertemplates",
                Some(body),
                &format!("creating cluster template `{name}`"),
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    pub async fn delete_template(&self, uuid: &str) -> anyhow::Result<()> {
        let resp = self.send(reqwest::Method::DELETE, &format!("/clustertemplates/{}", segment(uuid)), None).await?;
        Self::checked(resp, &format!("deleting cluster template `{uuid}`")).await?;
        Ok(())
    }

    pub async fn clusters(&self) -> anyhow::Result<Vec<Cluster>> {
        let mut v = self.json(reqwest::Method::GET, "/clusters", None, "listing clusters").await?;
        Ok(serde_json::from_value(v["clusters"].take())?)
    }

    /// A cluster by name or UUID; `None` when there is none (or it is gone).
    pub async fn cluster(&self, ident: &str) -> anyhow::Result<Option<Cluster>> {
        self.maybe(&format!("/clusters/{}", segment(ident)), &format!("reading cluster `{ident}`")).await
    }

    /// `POST /v1/clusters` (202: the conductor creates it); the new cluster's UUID.
    pub async fn create_cluster(&self, body: &Value) -> anyhow::Result<String> {
        let name = body["name"].as_str().unwrap_or_default();
        let v =
            self.json(reqwest::Method::POST, "/clusters", Some(body), &format!("creating cluster `{name}`")).await?;
        Ok(v["uuid"].as_str().unwrap_or_default().to_string())
    }

    /// `DELETE` a cluster; one already gone counts as deleted (`false`).
    pub async fn delete_cluster(&self, uuid: &str) -> anyhow::Result<bool> {
        let resp = self.send(reqwest::Method::DELETE, &format!("/clusters/{}", segment(uuid)), None).await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(false);
        }
        Self::checked(resp, &format!("deleting cluster `{uuid}`")).await?;
        Ok(true)
    }

    /// The cluster's CA certificate (PEM).
    pub async fn ca(&self, cluster_uuid: &str) -> anyhow::Result<String> {
        let v = self
            .json(
                reqwest::Method::GET,
                &format!("/certificates/{}", segment(cluster_uuid)),
                None,
                &format!("reading the CA of cluster `{cluster_uuid}`"),
            )
            .await?;
        Ok(v["pem"].as_str().unwrap_or_default().to_string())
    }

    /// A CSR signed by the cluster's CA (the conductor signs it): the certificate (PEM).
    pub async fn sign(&self, cluster_uuid: &str, csr: &str) -> anyhow::Result<String> {
        let body = json!({"cluster_uuid": cluster_uuid, "csr": csr});
        let v = self
            .json(
                reqwest::Method::POST,
                "/certificates",
                Some(&body),
                &format!("signing a certificate for cluster `{cluster_uuid}`"),
            )
            .await?;
        Ok(v["pem"].as_str().unwrap_or_default().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magnums_error_detail_is_the_message() {
        let body = r#"{"errors": [{"request_id": "", "code": "client", "status": 400, "title": "Bad Request",
            "detail": "Image fc is not unique,\n please use image ID.", "links": []}]}"#;
        assert_eq!(message(body), "Image fc is not unique, please use image ID.");
        assert_eq!(message("plain text\n"), "plain text");
        assert_eq!(message("{\"faultstring\": \"no\"}"), "no");
    }
}
