//! Nova (compute v2.1): microversion negotiation, flavors, servers, hypervisors, console output.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::error::{ExitCode, Failure};
use crate::net::body;
use crate::openstack::{Session, check};

/// The highest compute microversion berth is written against. `networks: "none"` needs 2.37; flavor details
/// embedded in servers need 2.47.
pub const MAX_MICROVERSION: (u32, u32) = (2, 96);
pub const MIN_MICROVERSION: (u32, u32) = (2, 47);

pub fn parse_version(v: &str) -> Option<(u32, u32)> {
    let (a, b) = v.split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The microversion to use: the highest both the cloud and berth know, or an error when the cloud is too old.
pub fn negotiate(cloud_min: (u32, u32), cloud_max: (u32, u32)) -> anyhow::Result<(u32, u32)> {
    let chosen = cloud_max.min(MAX_MICROVERSION);
    if chosen < MIN_MICROVERSION || chosen < cloud_min {
        return Err(Failure::new(
            ExitCode::Failure,
            format!(
                "this compute API offers microversions {}.{} to {}.{}, berth needs {}.{} to {}.{}",
                cloud_min.0,
                cloud_min.1,
                cloud_max.0,
                cloud_max.1,
                MIN_MICROVERSION.0,
                MIN_MICROVERSION.1,
                MAX_MICROVERSION.0,
                MAX_MICROVERSION.1
            ),
        )
        .into());
    }
    Ok(chosen)
}

/// A compute client bound to a negotiated microversion.
pub struct Compute<'a> {
    pub session: &'a Session,
    pub microversion: String,
    pub range: (String, String),
}

impl<'a> Compute<'a> {
    /// Read the cloud's microversion range from the compute endpoint's version document and pick one.
    pub async fn connect(session: &'a Session) -> anyhow::Result<Compute<'a>> {
        let resp = session.request(reqwest::Method::GET, "compute", "", |r| r).await?;
        let doc: Value = body::json(check(resp, "reading the compute API version").await?, body::DOCUMENT).await?;
        let v = doc.get("version").cloned().unwrap_or(Value::Null);
        let min = v["min_version"].as_str().unwrap_or("2.1").to_string();
        let max = v["version"].as_str().unwrap_or("2.1").to_string();
        let chosen = negotiate(parse_version(&min).unwrap_or((2, 1)), parse_version(&max).unwrap_or((2, 1)))?;
        let microversion = format!("{}.{}", chosen.0, chosen.1);
        session.http.feedback().log(
            1,
            "compute",
            format_args!("the cloud offers microversions {min} to {max}; berth uses {microversion}"),
        );
        Ok(Compute { session, microversion, range: (min, max) })
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
        what: &str,
    ) -> anyhow::Result<reqwest::Response> {
        let mv = format!("compute {}", self.microversion);
        let resp = self
            .session
            .request(method, "compute", path, |r| {
                let r =
                    r.header("OpenStack-API-Version", &mv).header("X-OpenStack-Nova-API-Version", &self.microversion);
                match body {
                    Some(b) => r.json(b),
                    None => r,
                }
            })
            .await?;
        check(resp, what).await
    }

    pub async fn get(&self, path: &str, what: &str) -> anyhow::Result<Value> {
        body::json(self.call(reqwest::Method::GET, path, None, what).await?, body::DOCUMENT).await
    }

    pub async fn flavors(&self) -> anyhow::Result<Vec<Flavor>> {
        #[derive(Deserialize)]
        struct Page {
            flavors: Vec<Flavor>,
        }
        let page: Page = serde_json::from_value(self.get("/flavors/detail?is_public=None", "listing flavors").await?)?;
        Ok(page.flavors)
    }

    /// Create servers; returns the reservation ID when `count` > 1, else the server's ID.
    pub async fn create(&self, server: &Value) -> anyhow::Result<Value> {
        let resp = self
            .call(reqwest::Method::POST, "/servers", Some(&json!({ "server": server })), "creating the server")
            .await?;
        body::json(resp, body::DOCUMENT).await
    }

    pub async fn server(&self, id: &str) -> anyhow::Result<Option<Server>> {
        let mv = format!("compute {}", self.microversion);
        let resp = self
            .session
            .request(reqwest::Method::GET, "compute", &format!("/servers/{id}"), |r| {
                r.header("OpenStack-API-Version", &mv)
            })
            .await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        #[derive(Deserialize)]
        struct One {
            server: Server,
        }
        let one: One = body::json(check(resp, &format!("reading server `{id}`")).await?, body::DOCUMENT).await?;
        Ok(Some(one.server))
    }

    pub async fn servers(&self, query: &[(&str, &str)]) -> anyhow::Result<Vec<Server>> {
        #[derive(Deserialize)]
        struct Page {
            servers: Vec<Server>,
        }
        let q: String = query.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect::<Vec<_>>().join("&");
        let path = if q.is_empty() { "/servers/detail".to_string() } else { format!("/servers/detail?{q}") };
        let page: Page = serde_json::from_value(self.get(&path, "listing servers").await?)?;
        Ok(page.servers)
    }

    pub async fn delete(&self, id: &str) -> anyhow::Result<()> {
        let mv = format!("compute {}", self.microversion);
        let resp = self
            .session
            .request(reqwest::Method::DELETE, "compute", &format!("/servers/{id}"), |r| {
                r.header("OpenStack-API-Version", &mv)
            })
            .await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(());
        }
        check(resp, &format!("deleting server `{id}`")).await?;
        Ok(())
    }

    /// Set one metadata item of a server.
    pub async fn set_metadata(&self, id: &str, key: &str, value: &str) -> anyhow::Result<()> {
        let body = json!({"meta": { key: value }});
        self.call(
            reqwest::Method::PUT,
            &format!("/servers/{id}/metadata/{key}"),
            Some(&body),
            &format!("setting metadata `{key}` of server `{id}`"),
        )
        .await?;
        Ok(())
    }

    pub async fn console_output(&self, id: &str, lines: Option<u32>) -> anyhow::Result<String> {
        let action = match lines {
            Some(n) => json!({"os-getConsoleOutput": {"length": n}}),
            None => json!({"os-getConsoleOutput": {}}),
        };
        let resp = self
            .call(reqwest::Method::POST, &format!("/servers/{id}/action"), Some(&action), "reading the console log")
            .await?;
        let v: Value = body::json(resp, body::DOCUMENT).await?;
        Ok(v["output"].as_str().unwrap_or_default().to_string())
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize)]
pub struct Flavor {
    pub id: String,
    pub name: String,
    pub vcpus: u32,
    pub ram: u64,
    pub disk: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Server {
    pub id: String,
    pub name: String,
    pub status: String,
    #[serde(default)]
    pub image: Value,
    #[serde(default)]
    pub flavor: Value,
    #[serde(default)]
    pub addresses: Map<String, Value>,
    #[serde(default)]
    pub metadata: Map<String, Value>,
    #[serde(default)]
    pub fault: Option<Fault>,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(rename = "OS-EXT-SRV-ATTR:host", default)]
    pub host: Option<String>,
    #[serde(rename = "OS-SRV-USG:launched_at", default)]
    pub launched_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Fault {
    #[serde(default)]
    pub code: Option<u32>,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub details: Option<String>,
}

impl Server {
    pub fn image_id(&self) -> Option<&str> {
        self.image.get("id").and_then(Value::as_str)
    }

    pub fn flavor_name(&self) -> Option<&str> {
        self.flavor.get("original_name").and_then(Value::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_the_highest_common_version() {
        assert_eq!(negotiate((2, 1), (2, 104)).unwrap(), MAX_MICROVERSION);
        assert_eq!(negotiate((2, 1), (2, 60)).unwrap(), (2, 60));
        assert!(negotiate((2, 1), (2, 30)).is_err());
        assert_eq!(parse_version("2.104"), Some((2, 104)));
        assert_eq!(parse_version("x"), None);
    }

    #[test]
    fn server_fields() {
        let s: Server = serde_json::from_value(json!({
            "id": "1", "name": "n", "status": "ACTIVE", "image": {"id": "img"}, "flavor": {"original_name": "m1.tiny"},
            "addresses": {"net": [{"addr": "10.0.0.5"}, {"addr": "fd00::5"}]}, "OS-EXT-SRV-ATTR:host": "h1"
        }))
        .unwrap();
        assert_eq!(s.image_id(), Some("img"));
        assert_eq!(s.flavor_name(), Some("m1.tiny"));
        assert_eq!(s.host.as_deref(), Some("h1"));
        assert_eq!(urlencode("a b/c"), "a%20b%2Fc");
    }
}
