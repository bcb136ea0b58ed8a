//! Heat (orchestration v1): stacks, their events, resources and outputs, template validation and preview, and
//! the resource types a cloud offers. Every path is under `/v1/{project_id}`.
//!
//! Heat's refusals of a template (HTTP 400: a parse error with its line, a property error with its path, a
//! resource type it lacks) come back as [`Refused`], with Heat's own message whole, so that the stack domain can
//! point at the template's line; other failures are the usual [`check`] failures.

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::error::printable;
use crate::net::body;
use crate::openstack::{Session, check};

/// Heat's base URL with the project in it: the catalog's has it already; an override may carry the
/// `%(project_id)s` placeholder, or nothing after the host.
pub fn heat_base(url: &str, project_id: &str) -> String {
    let url = url
        .trim_end_matches('/')
        .replace("%(project_id)s", project_id)
        .replace("$(project_id)s", project_id)
        .replace("%(tenant_id)s", project_id);
    if url.contains(project_id) {
        return url;
    }
    let path = url.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..])).unwrap_or("");
    if path.is_empty() { format!("{url}/v1/{project_id}") } else { format!("{url}/{project_id}") }
}

/// The service a resource type needs in the catalog (Heat hides a type whose service is missing), as (official
/// service type, what it is), by the type's namespace.
pub fn service_of(resource_type: &str) -> Option<(&'static str, &'static str)> {
    const BY_PREFIX: &[(&str, &str, &str)] = &[
        ("OS::Nova::", "compute", "Nova"),
        ("OS::Zun::", "application-container", "Zun, registered as `container`"),
        ("OS::Neutron::", "network", "Neutron"),
        ("OS::Cinder::", "block-storage", "Cinder"),
        ("OS::Glance::", "image", "Glance"),
        ("OS::Magnum::", "container-infrastructure-management", "Magnum, registered as `container-infra`"),
        ("OS::Swift::", "object-store", "Swift"),
        ("OS::Octavia::", "load-balancer", "Octavia"),
        ("OS::Designate::", "dns", "Designate"),
        ("OS::Barbican::", "key-manager", "Barbican"),
        ("OS::Manila::", "shared-file-system", "Manila"),
        ("OS::Aodh::", "alarming", "Aodh"),
        ("OS::Trove::", "database", "Trove"),
        ("OS::Sahara::", "data-processing", "Sahara"),
        ("OS::Mistral::", "workflow", "Mistral"),
        ("OS::Senlin::", "clustering", "Senlin"),
        ("OS::Zaqar::", "messaging", "Zaqar"),
        ("OS::Ironic::", "baremetal", "Ironic"),
        ("OS::Blazar::", "reservation", "Blazar"),
        ("OS::Keystone::", "identity", "Keystone"),
    ];
    BY_PREFIX.iter().find(|(p, _, _)| resource_type.starts_with(p)).map(|(_, s, what)| (*s, *what))
}

/// A template Heat refused (HTTP 400, or 404 for a resource type it does not know), with its message whole.
#[derive(Debug, Clone)]
pub struct Refused {
    /// What berth asked: `validating the template`, `creating stack `web``.
    pub what: String,
    pub status: u16,
    /// Heat's error type, e.g. `StackValidationFailed`, `InvalidResourceType`, `ResourceTypeUnavailable`.
    pub kind: String,
    /// Heat's message, control characters escaped.
    pub message: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: Heat answered HTTP {}: {}", self.what, self.status, self.message)
    }
}

impl std::error::Error for Refused {}

/// A stack as Heat shows it (`GET /stacks/{name}/{id}`, or a row of `GET /stacks`).
#[derive(Debug, Clone, Deserialize)]
pub struct Stack {
    pub id: String,
    pub stack_name: String,
    #[serde(default)]
    pub stack_status: String,
    #[serde(default)]
    pub stack_status_reason: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub creation_time: Option<String>,
    #[serde(default)]
    pub updated_time: Option<String>,
    #[serde(default)]
    pub parameters: Map<String, Value>,
    #[serde(default)]
    pub outputs: Option<Vec<Output>>,
}

impl Stack {
    /// A stack known by name and ID only (as a create answers).
    pub fn reference(name: &str, id: &str) -> Stack {
        Stack {
            id: id.to_string(),
            stack_name: name.to_string(),
            stack_status: String::new(),
            stack_status_reason: None,
            description: None,
            creation_time: None,
            updated_time: None,
            parameters: Map::new(),
            outputs: None,
        }
    }

    /// The path of the stack under Heat's base: `/stacks/{name}/{id}`.
    pub fn path(&self) -> String {
        format!("/stacks/{}/{}", segment(&self.stack_name), self.id)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Output {
    pub output_key: String,
    #[serde(default)]
    pub output_value: Value,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub output_error: Option<String>,
}

/// One event of a stack (Heat's summary form: no resource type).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Event {
    pub id: String,
    #[serde(default)]
    pub event_time: Option<String>,
    #[serde(default)]
    pub resource_name: String,
    #[serde(default)]
    pub physical_resource_id: Option<String>,
    /// Action and status joined: `CREATE_COMPLETE`.
    #[serde(default)]
    pub resource_status: String,
    #[serde(default)]
    pub resource_status_reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Resource {
    pub resource_name: String,
    #[serde(default)]
    pub resource_type: String,
    #[serde(default)]
    pub resource_status: String,
    #[serde(default)]
    pub resource_status_reason: Option<String>,
    #[serde(default)]
    pub physical_resource_id: Option<String>,
}

/// A Heat client for the token's project.
pub struct Heat<'a> {
    pub session: &'a Session,
    /// `http://host:8004/v1/{project_id}`
    pub base: String,
}

/// A stack name or ID as one path segment (stack names are `[a-zA-Z][a-zA-Z0-9_.-]*`; anything else is escaped).
fn segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl<'a> Heat<'a> {
    pub fn connect(session: &'a Session) -> anyhow::Result<Heat<'a>> {
        let url = session.endpoint("orchestration")?;
        let token = session.token();
        let project = token.body.project.as_ref().map(|p| p.id.clone()).ok_or_else(|| {
            crate::error::Failure::usage("Heat's API is per project, and this token is not scoped to one")
                .hint("set `project_name` (or `OS_PROJECT_NAME`) for the cloud")
        })?;
        Ok(Heat { base: heat_base(&url, &project), session })
    }

    /// A request to `path` under the base.
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> anyhow::Result<reqwest::Response> {
        let url = format!("{}{path}", self.base);
        self.session
            .request_url(method, &url, |r| match body {
                Some(b) => r.json(b),
                None => r,
            })
            .await
    }

    /// Heat's 400s (and 404s naming a template problem) as [`Refused`]; the rest as [`check`] makes them.
    async fn refused_or_checked(resp: reqwest::Response, what: &str) -> anyhow::Result<reqwest::Response> {
        let status = resp.status().as_u16();
        if status != 400 && status != 404 && status != 409 {
            return check(resp, what).await;
        }
        let text = match body::read(resp, body::ERROR).await {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => return Err(e),
        };
        let doc: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let message = doc
            .pointer("/error/message")
            .or_else(|| doc.get("explanation"))
            .and_then(Value::as_str)
            .map_or_else(|| text.trim().to_string(), str::to_string);
        let kind = doc.pointer("/error/type").and_then(Value::as_str).unwrap_or_default().to_string();
        Err(Refused { what: what.to_string(), status, kind, message: printable(message.trim()) }.into())
    }

    async fn json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
        what: &str,
    ) -> anyhow::Result<Value> {
        let resp = self.send(method, path, body).await?;
        let resp = Self::refused_or_checked(resp, what).await?;
        body::json(resp, body::DOCUMENT).await
    }

    /// A request whose answer has nothing berth reads (an update's 202 is a line of text).
    async fn accepted(&self, method: reqwest::Method, path: &str, body: &Value, what: &str) -> anyhow::Result<()> {
        let resp = self.send(method, path, Some(body)).await?;
        Self::refused_or_checked(resp, what).await?;
        Ok(())
    }

    /// `POST /validate`: Heat's shallow validation (parameters, resource types, structure).
    pub async fn validate(&self, template: &str, parameters: &Map<String, Value>) -> anyhow::Result<Value> {
        let body = json!({"template": template, "parameters": parameters});
        self.json(reqwest::Method::POST, "/validate", Some(&body), "validating the template").await
    }

    /// `POST /stacks/preview`: what a create would do, every property checked (images, flavors...).
    pub async fn preview(&self, name: &str, template: &str, parameters: &Map<String, Value>) -> anyhow::Result<Value> {
        let body = json!({"stack_name": name, "template": template, "parameters": parameters});
        self.json(reqwest::Method::POST, "/stacks/preview", Some(&body), "previewing the stack").await
    }

    /// `POST /stacks`; the new stack's ID.
    pub async fn create(&self, name: &str, template: &str, parameters: &Map<String, Value>) -> anyhow::Result<String> {
        let body =
            json!({"stack_name": name, "template": template, "parameters": parameters, "disable_rollback": true});
        let v = self.json(reqwest::Method::POST, "/stacks", Some(&body), &format!("creating stack `{name}`")).await?;
        Ok(v.pointer("/stack/id").and_then(Value::as_str).unwrap_or_default().to_string())
    }

    /// `PUT` (a new template) or `PATCH` (the stack's own template, parameters changed) of a stack.
    pub async fn update(
        &self,
        stack: &Stack,
        template: Option<&str>,
        parameters: &Map<String, Value>,
    ) -> anyhow::Result<()> {
        let what = format!("updating stack `{}`", stack.stack_name);
        match template {
            Some(t) => {
                let body = json!({"template": t, "parameters": parameters, "disable_rollback": true});
                self.accepted(reqwest::Method::PUT, &stack.path(), &body, &what).await
            }
            None => {
                let body = json!({"parameters": parameters, "existing": true, "disable_rollback": true});
                self.accepted(reqwest::Method::PATCH, &stack.path(), &body, &what).await
            }
        }
    }

    /// `DELETE` a stack; one already gone counts as deleted.
    pub async fn delete(&self, stack: &Stack) -> anyhow::Result<()> {
        let resp = self.send(reqwest::Method::DELETE, &stack.path(), None).await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(());
        }
        check(resp, &format!("deleting stack `{}`", stack.stack_name)).await?;
        Ok(())
    }

    /// A stack by name or ID (Heat redirects `/stacks/{name}` to `/stacks/{name}/{id}`); `None` when there is none.
    pub async fn find(&self, name_or_id: &str) -> anyhow::Result<Option<Stack>> {
        self.stack_at(&format!("/stacks/{}", segment(name_or_id)), name_or_id).await
    }

    /// The stack as it is now; `None` once it is gone.
    pub async fn get(&self, stack: &Stack) -> anyhow::Result<Option<Stack>> {
        self.stack_at(&stack.path(), &stack.stack_name).await
    }

    async fn stack_at(&self, path: &str, shown: &str) -> anyhow::Result<Option<Stack>> {
        let resp = self.send(reqwest::Method::GET, path, None).await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        #[derive(Deserialize)]
        struct One {
            stack: Stack,
        }
        let one: One = body::json(check(resp, &format!("reading stack `{shown}`")).await?, body::DOCUMENT).await?;
        Ok(Some(one.stack).filter(|s| s.stack_status != "DELETE_COMPLETE"))
    }

    /// The project's stacks (not those deleted).
    pub async fn list(&self) -> anyhow::Result<Vec<Stack>> {
        #[derive(Deserialize)]
        struct Page {
            stacks: Vec<Stack>,
        }
        let v = self.json(reqwest::Method::GET, "/stacks", None, "listing stacks").await?;
        // A stack just deleted is listed for a moment as DELETE_COMPLETE: it is gone.
        Ok(serde_json::from_value::<Page>(v)?
            .stacks
            .into_iter()
            .filter(|s| s.stack_status != "DELETE_COMPLETE")
            .collect())
    }

    /// Events after `marker` (all when None), oldest first; `None` when the stack is gone.
    pub async fn events(&self, stack: &Stack, marker: Option<&str>) -> anyhow::Result<Option<Vec<Event>>> {
        let mut path = format!("{}/events?sort_dir=asc", stack.path());
        if let Some(m) = marker {
            path.push_str(&format!("&marker={}", segment(m)));
        }
        self.event_page(stack, &path).await
    }

    /// The newest event's ID: the marker after which an update's or a delete's events come.
    pub async fn last_event(&self, stack: &Stack) -> anyhow::Result<Option<String>> {
        let path = format!("{}/events?sort_dir=desc&limit=1", stack.path());
        Ok(self.event_page(stack, &path).await?.and_then(|e| e.into_iter().next()).map(|e| e.id))
    }

    async fn event_page(&self, stack: &Stack, path: &str) -> anyhow::Result<Option<Vec<Event>>> {
        let resp = self.send(reqwest::Method::GET, path, None).await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        #[derive(Deserialize)]
        struct Page {
            events: Vec<Event>,
        }
        let what = format!("reading the events of stack `{}`", stack.stack_name);
        let page: Page = body::json(check(resp, &what).await?, body::DOCUMENT).await?;
        Ok(Some(page.events))
    }

    /// The stack's resources (with their types).
    pub async fn resources(&self, stack: &Stack) -> anyhow::Result<Vec<Resource>> {
        #[derive(Deserialize)]
        struct Page {
            resources: Vec<Resource>,
        }
        let what = format!("listing the resources of stack `{}`", stack.stack_name);
        let v = self.json(reqwest::Method::GET, &format!("{}/resources", stack.path()), None, &what).await?;
        Ok(serde_json::from_value::<Page>(v)?.resources)
    }

    /// The resource types this cloud offers, those matching `name` (a regular expression) when given. Heat leaves
    /// out the types whose service is not in the catalog.
    pub async fn resource_types(&self, name: Option<&str>) -> anyhow::Result<Vec<String>> {
        let path = match name {
            Some(n) => {
                let url = reqwest::Url::parse_with_params("http://x/resource_types", [("name", n)])?;
                format!("/resource_types?{}", url.query().unwrap_or_default())
            }
            None => "/resource_types".to_string(),
        };
        let v = self.json(reqwest::Method::GET, &path, None, "listing Heat's resource types").await?;
        Ok(v["resource_types"].as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_urls() {
        let p = "0123456789abcdef0123456789abcdef";
        assert_eq!(heat_base(&format!("http://h:8004/v1/{p}"), p), format!("http://h:8004/v1/{p}"));
        assert_eq!(heat_base("http://h:8004/v1/%(project_id)s", p), format!("http://h:8004/v1/{p}"));
        assert_eq!(heat_base("http://h:8004", p), format!("http://h:8004/v1/{p}"));
        assert_eq!(heat_base("http://h:8004/v1", p), format!("http://h:8004/v1/{p}"));
        assert_eq!(segment("web-1.a_b"), "web-1.a_b");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
    }

    #[test]
    fn services_of_resource_types() {
        assert_eq!(service_of("OS::Zun::Container").map(|s| s.0), Some("application-container"));
        assert_eq!(service_of("OS::Nova::Server").map(|s| s.0), Some("compute"));
        assert_eq!(service_of("DockerInc::Docker::Container"), None);
        assert_eq!(service_of("OS::Heat::None"), None);
    }
}
