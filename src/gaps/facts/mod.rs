//! The facts `berth gaps` (and `boot`'s preflight) judge: asked once, concurrently, each request cut off after
//! a probe timeout (3 s by default) so that a service that does not answer makes the report `unknown` there, not slow.

pub mod network;

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};

use std::time::Duration;

use serde_json::Value;

use crate::image::provenance::Recorded;
use crate::net::body;
use crate::openstack::heat::heat_base;
use crate::openstack::{Session, catalog, check, glance};

/// How long one gaps request may take by default (`gaps --probe-timeout`): a report about a half-broken cloud must
/// still come in seconds.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// A fact: what the cloud said, or why berth could not tell.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact<T> {
    Known(T),
    Unknown(String),
}

impl<T> Fact<T> {
    pub fn known(&self) -> Option<&T> {
        match self {
            Fact::Known(t) => Some(t),
            Fact::Unknown(_) => None,
        }
    }
    pub fn reason(&self) -> Option<&str> {
        match self {
            Fact::Known(_) => None,
            Fact::Unknown(r) => Some(r),
        }
    }
}

impl<T> From<anyhow::Result<T>> for Fact<T> {
    fn from(r: anyhow::Result<T>) -> Self {
        match r {
            Ok(t) => Fact::Known(t),
            Err(e) => Fact::Unknown(format!("{e:#}")),
        }
    }
}

/// The answer of a service's version root (`GET` of the endpoint, or of its unversioned root).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Probe {
    pub url: String,
    pub status: u16,
    /// e.g. `v2.1 (2.1 to 2.104)`, `v3.14`.
    pub versions: Vec<String>,
    pub body: Value,
}

/// A service of the catalog (or one given only by `<type>_endpoint_override`).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceFact {
    /// The official service type (`block-storage` for a `volumev3` entry).
    pub kind: String,
    /// The type as registered in the catalog.
    pub registered: String,
    pub name: String,
    /// The endpoint berth uses: the override, else the catalog's for the interface and region.
    pub url: Fact<String>,
    pub overridden: bool,
    pub probe: Fact<Probe>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hypervisor {
    pub kind: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DockerImage {
    pub id: String,
    pub name: Option<String>,
    pub status: String,
    pub tags: Vec<String>,
    /// `berth_repo_tag`: the RepoTags entry berth wrote into the archive.
    pub repo_tag: Option<String>,
    pub hypervisor_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterTemplate {
    pub name: String,
    pub coe: String,
}

/// Everything the checks judge.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub project_id: Option<String>,
    pub roles: Vec<String>,
    /// Where the catalog came from (`GET .../auth/catalog`, or the token's when that failed).
    pub catalog_source: String,
    pub services: Vec<ServiceFact>,
    pub hypervisors: Fact<Vec<Hypervisor>>,
    pub container_formats: Fact<Vec<String>>,
    pub import_methods: Fact<Vec<String>>,
    pub stores: Fact<Vec<String>>,
    pub docker_images: Fact<Vec<DockerImage>>,
    pub network: network::NetworkFacts,
    /// Those of the types in [`HEAT_TYPES_FILTER`] Heat offers.
    pub heat_resource_types: Fact<Vec<String>>,
    pub cluster_templates: Fact<Vec<ClusterTemplate>>,
}

impl Facts {
    /// The service of a type or any of its aliases.
    pub fn service(&self, kind: &str) -> Option<&ServiceFact> {
        let names = catalog::aliases(kind);
        self.services.iter().find(|s| names.contains(&s.kind.as_str()) || names.contains(&s.registered.as_str()))
    }

    /// The compute microversion range (min, max) from the compute version document.
    pub fn compute_range(&self) -> Fact<(String, String)> {
        let Some(s) = self.service("compute") else {
            return Fact::Unknown("no `compute` service in the catalog".into());
        };
        match &s.probe {
            Fact::Known(p) => {
                let v = &p.body["version"];
                match (v["min_version"].as_str(), v["version"].as_str()) {
                    (Some(min), Some(max)) => Fact::Known((min.to_string(), max.to_string())),
                    _ => Fact::Unknown(format!("`{}` answered HTTP {} without a microversion range", p.url, p.status)),
                }
            }
            Fact::Unknown(r) => Fact::Unknown(r.clone()),
        }
    }
}

/// The service types berth looks for even when only an endpoint override names them.
const KNOWN: &[&str] = &[
    "identity",
    "compute",
    "image",
    "network",
    "placement",
    "block-storage",
    "orchestration",
    "container-infrastructure-management",
    "application-container",
    "metric",
    "metering",
    "alarming",
    "event",
];

/// The Heat resource types the checks look at, as the `name` filter of `GET /v1/{project}/resource_types`.
pub const HEAT_TYPES_FILTER: &str = "^(OS::Nova::Server|OS::Zun::Container|DockerInc::Docker::Container)$";

/// Run `fut` within `limit`; its error or the timeout becomes the reason of an unknown fact.
pub async fn timed<T>(limit: Duration, fut: impl Future<Output = anyhow::Result<T>>) -> Fact<T> {
    match tokio::time::timeout(limit, fut).await {
        Ok(r) => r.into(),
        Err(_) if limit.subsec_millis() == 0 => Fact::Unknown(format!("no answer within {} s", limit.as_secs())),
        Err(_) => Fact::Unknown(format!("no answer within {:.1} s", limit.as_secs_f64())),
    }
}

/// Who asks for the facts: the session, and whether a service refused its token (HTTP 401) during this round, in
/// which case [`gather`] renews the token once and asks again.
struct Prober<'a> {
    session: &'a Session,
    refused: AtomicBool,
    /// How long one request may take.
    limit: Duration,
}

impl<'a> Prober<'a> {
    fn new(session: &'a Session, limit: Duration) -> Self {
        Prober { session, refused: AtomicBool::new(false), limit }
    }

    async fn timed<T>(&self, fut: impl Future<Output = anyhow::Result<T>>) -> Fact<T> {
        timed(self.limit, fut).await
    }

    /// An authenticated GET of a whole URL; a 401 is noted. Sent once, not retried: gaps reports what a service
    /// answers within its probe timeout, and retries would turn "refused" into "no answer".
    async fn send(&self, url: &str, headers: &[(&str, &str)]) -> anyhow::Result<reqwest::Response> {
        let mut req = self.session.http.client().get(url).header("X-Auth-Token", self.session.token().id);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = self.session.http.send_once(req).await?;
        if resp.status() == reqwest::StatusCode::UNAUTHORIZED {
            self.refused.store(true, Ordering::SeqCst);
        }
        Ok(resp)
    }

    /// [`Prober::send`], an error answer made an error.
    async fn get(&self, url: &str, what: &str, headers: &[(&str, &str)]) -> anyhow::Result<Value> {
        let resp = self.send(url, headers).await?;
        body::json(check(resp, what).await?, body::DOCUMENT).await
    }

    /// A version document, whatever its status.
    async fn probe(&self, url: String) -> anyhow::Result<Probe> {
        let resp = self.send(&url, &[]).await?;
        let status = resp.status().as_u16();
        let doc: Value = body::json(resp, body::DOCUMENT).await.unwrap_or(Value::Null);
        Ok(Probe { versions: versions(&doc), url, status, body: doc })
    }

    /// [`Prober::get`] of `url` within the probe timeout, its error or the timeout the reason of an unknown fact;
    /// unknown at once with the reason when the URL is not known.
    async fn fact(&self, url: Result<String, String>, what: &str, headers: &[(&str, &str)]) -> Fact<Value> {
        match url {
            Ok(u) => self.timed(self.get(&u, what, headers)).await,
            Err(r) => Fact::Unknown(r),
        }
    }
}

/// The versions a version document lists, e.g. `v2.1 (2.1 to 2.104)`.
pub fn versions(doc: &Value) -> Vec<String> {
    let one = |v: &Value| -> Option<String> {
        let id = v["id"].as_str()?;
        let max = v["max_version"].as_str().or(v["version"].as_str()).filter(|s| !s.is_empty());
        let min = v["min_version"].as_str().filter(|s| !s.is_empty());
        Some(match (min, max) {
            (Some(min), Some(max)) => format!("{id} ({min} to {max})"),
            _ => id.to_string(),
        })
    };
    if let Some(v) = doc.get("version") {
        return one(v).into_iter().collect();
    }
    let list = doc["versions"].get("values").unwrap_or(&doc["versions"]);
    list.as_array().map(|a| a.iter().filter_map(one).collect()).unwrap_or_default()
}

/// Where a service's version document is: the endpoint itself, or for endpoints that carry the project
/// (`/v1/{project_id}`, Heat) the unversioned root before them.
pub fn version_root(url: &str, project_id: Option<&str>) -> String {
    let url = url.trim_end_matches('/');
    let cut = project_id
        .filter(|p| !p.is_empty())
        .and_then(|p| url.find(&format!("/{p}")))
        .or_else(|| url.find("/%(").or_else(|| url.find("/$(")));
    match cut {
        Some(i) => {
            let head = &url[..i];
            // Drop the version segment before the project too (`/v1`).
            match head.rfind('/') {
                Some(j)
                    if head[j + 1..].starts_with('v')
                        && head[j + 1..].len() <= 5
                        && head[..j].contains("://")
                        && j > head.find("://").unwrap() + 2 =>
                {
                    head[..j].to_string()
                }
                _ => head.to_string(),
            }
        }
        None => url.to_string(),
    }
}

/// A service's endpoint as berth uses it: `<type>_endpoint_override` (any alias), else the catalog's for the
/// configured interface and region (as `Session::endpoint`, but from the catalog the report read).
fn endpoint_of(session: &Session, service: &catalog::Service) -> anyhow::Result<String> {
    for alias in catalog::aliases(&service.kind) {
        if let Some(url) = session.cfg.endpoint_override(alias) {
            return Ok(url.trim_end_matches('/').to_string());
        }
    }
    let interface = session.cfg.get("interface").unwrap_or("public");
    Ok(catalog::select(service, interface, session.cfg.get("region_name"))?.url.trim_end_matches('/').to_string())
}

/// The catalog's services plus override-only ones, with the endpoint berth uses (probes not yet made).
fn services(session: &Session, entries: &[catalog::Service]) -> Vec<ServiceFact> {
    let mut out: Vec<ServiceFact> = Vec::new();
    for s in entries {
        let kind = catalog::aliases(&s.kind)[0].to_string();
        if out.iter().any(|o| o.kind == kind) {
            continue;
        }
        let overridden = catalog::aliases(&kind).iter().any(|a| session.cfg.endpoint_override(a).is_some());
        out.push(ServiceFact {
            url: endpoint_of(session, s).into(),
            kind,
            registered: s.kind.clone(),
            name: s.name.clone(),
            overridden,
            probe: Fact::Unknown("not asked".into()),
        });
    }
    for kind in KNOWN {
        if out.iter().any(|o| o.kind == *kind) {
            continue;
        }
        if let Some(alias) = catalog::aliases(kind).into_iter().find(|a| session.cfg.endpoint_override(a).is_some()) {
            out.push(ServiceFact {
                kind: kind.to_string(),
                registered: alias.to_string(),
                name: String::new(),
                url: session.endpoint(kind).into(),
                overridden: true,
                probe: Fact::Unknown("not asked".into()),
            });
        }
    }
    out
}

/// The catalog as Keystone has it now (`GET /v3/auth/catalog`): a cached token's catalog may be older than a
/// service added since. Falls back to the token's, saying so.
async fn current_catalog(p: &Prober<'_>) -> (Vec<catalog::Service>, String) {
    let token = p.session.token();
    let url = format!("{}/auth/catalog", token.identity_url);
    let read = async {
        let v = p.get(&url, "reading the catalog", &[]).await?;
        Ok::<_, anyhow::Error>(serde_json::from_value::<Vec<catalog::Service>>(v["catalog"].clone())?)
    };
    match p.timed(read).await {
        Fact::Known(c) => (c, format!("GET {url}")),
        Fact::Unknown(r) => (token.body.catalog.clone(), format!("the token's catalog ({url}: {r})")),
    }
}

/// Hypervisor types and counts (`os-hypervisors`, admin only by default: a 403 is `admin only: HTTP 403`).
pub async fn hypervisors(session: &Session, compute_url: &str) -> Fact<Vec<Hypervisor>> {
    hypervisors_by(&Prober::new(session, PROBE_TIMEOUT), compute_url).await
}

async fn hypervisors_by(p: &Prober<'_>, compute_url: &str) -> Fact<Vec<Hypervisor>> {
    let url = format!("{compute_url}/os-hypervisors/detail");
    p.timed(async {
        let resp = p.send(&url, &[]).await?;
        if resp.status() == reqwest::StatusCode::FORBIDDEN {
            anyhow::bail!("admin only: HTTP 403");
        }
        let v: Value = body::json(check(resp, "listing hypervisors").await?, body::DOCUMENT).await?;
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for h in v["hypervisors"].as_array().into_iter().flatten() {
            *counts.entry(h["hypervisor_type"].as_str().unwrap_or("unknown").to_string()).or_default() += 1;
        }
        Ok(counts.into_iter().map(|(kind, count)| Hypervisor { kind, count }).collect())
    })
    .await
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
}

/// The endpoint of a service when it is there and resolvable.
fn url_of(services: &[ServiceFact], kind: &str) -> Result<String, String> {
    let names = catalog::aliases(kind);
    match services.iter().find(|s| names.contains(&s.kind.as_str())) {
        None => Err(format!("no `{kind}` service in the catalog")),
        Some(s) => match &s.url {
            Fact::Known(u) => Ok(u.clone()),
            Fact::Unknown(r) => Err(r.clone()),
        },
    }
}

/// Ask everything once, concurrently. When a service refused the token (revoked, deleted, or expired early: it came
/// from the cache), get a new one and ask again, once.
pub async fn gather(session: &Session, limit: Duration) -> Facts {
    let first = Prober::new(session, limit);
    let facts = gather_once(&first).await;
    if !first.refused.load(Ordering::SeqCst) {
        return facts;
    }
    match session.renew().await {
        Ok(()) => gather_once(&Prober::new(session, limit)).await,
        Err(_) => facts,
    }
}

/// What every request of one round answered (or why it did not).
struct Answers {
    probes: Vec<Fact<Probe>>,
    hypervisors: Fact<Vec<Hypervisor>>,
    schema: Fact<Value>,
    import: Fact<Value>,
    stores: Fact<Value>,
    docker: Fact<Vec<glance::Image>>,
    network: network::NetworkFacts,
    resource_types: Fact<Value>,
    templates: Fact<Value>,
}

async fn gather_once(p: &Prober<'_>) -> Facts {
    let session = p.session;
    let token = session.token();
    let project_id = token.body.project.as_ref().map(|p| p.id.clone());
    let roles = token.body.roles.iter().map(|r| r.name.clone()).collect();
    let (entries, catalog_source) = current_catalog(p).await;
    let mut services = services(session, &entries);
    let answers = ask(p, &services, project_id.as_deref()).await;
    for (s, probe) in services.iter_mut().zip(answers.probes) {
        s.probe = probe;
    }
    let map = |f: Fact<Value>, pick: fn(&Value) -> Vec<String>| match f {
        Fact::Known(v) => Fact::Known(pick(&v)),
        Fact::Unknown(r) => Fact::Unknown(r),
    };
    Facts {
        project_id,
        roles,
        catalog_source,
        hypervisors: answers.hypervisors,
        container_formats: map(answers.schema, |v| strings(&v["properties"]["container_format"]["enum"])),
        import_methods: map(answers.import, |v| strings(&v["import-methods"]["value"])),
        stores: map(answers.stores, |v| {
            v["stores"].as_array().into_iter().flatten().filter_map(|s| s["id"].as_str().map(str::to_string)).collect()
        }),
        docker_images: docker_images(answers.docker),
        network: answers.network,
        heat_resource_types: map(answers.resource_types, |v| strings(&v["resource_types"])),
        cluster_templates: cluster_templates(answers.templates),
        services,
    }
}

/// Every request of a round, at once.
async fn ask(p: &Prober<'_>, services: &[ServiceFact], project_id: Option<&str>) -> Answers {
    let probes = futures_util::future::join_all(services.iter().map(|s| {
        let url = s.url.known().map(|u| version_root(u, project_id));
        async move {
            match url {
                Some(u) => p.timed(p.probe(u)).await,
                None => Fact::Unknown(s.url.reason().unwrap_or_default().to_string()),
            }
        }
    }));
    let url = |kind: &str| url_of(services, kind);
    let (compute, image, neutron) = (url("compute"), url("image"), url("network"));
    let at = |base: &Result<String, String>, path: &str| base.clone().map(|u| format!("{u}{path}"));
    let hypervisors = async {
        match &compute {
            Ok(u) => hypervisors_by(p, u).await,
            Err(r) => Fact::Unknown(r.clone()),
        }
    };
    let docker = async {
        match &image {
            Ok(_) => p.timed(glance::list(p.session, &[("container_format", "docker"), ("limit", "1000")])).await,
            Err(r) => Fact::Unknown(r.clone()),
        }
    };
    let (probes, hypervisors, schema, import, stores, docker, network, resource_types, templates) = tokio::join!(
        probes,
        hypervisors,
        p.fact(at(&image, "/v2/schemas/image"), "reading Glance's image schema", &[]),
        p.fact(at(&image, "/v2/info/import"), "reading Glance's import methods", &[]),
        p.fact(at(&image, "/v2/info/stores"), "reading Glance's stores", &[]),
        docker,
        network::gather(p, &neutron, project_id),
        resource_types(p, url("orchestration"), project_id),
        cluster_templates_of(p, url("container-infrastructure-management")),
    );
    Answers { probes, hypervisors, schema, import, stores, docker, network, resource_types, templates }
}

/// Heat's resource types of interest. Heat checks every type's service in the catalog for a full list (1-2 s); a
/// name filter (a regular expression) keeps the same availability rules and answers in milliseconds.
async fn resource_types(p: &Prober<'_>, heat: Result<String, String>, project_id: Option<&str>) -> Fact<Value> {
    match (heat, project_id) {
        (Ok(u), Some(project)) => {
            match reqwest::Url::parse_with_params(
                &format!("{}/resource_types", heat_base(&u, project)),
                [("name", HEAT_TYPES_FILTER)],
            ) {
                Ok(url) => p.fact(Ok(url.to_string()), "listing Heat resource types", &[]).await,
                Err(e) => Fact::Unknown(format!("the orchestration endpoint `{u}` is not a URL: {e}")),
            }
        }
        (Ok(_), None) => Fact::Unknown("the token is not scoped to a project: Heat's API needs one".into()),
        (Err(r), _) => Fact::Unknown(r),
    }
}

/// Magnum's cluster templates.
async fn cluster_templates_of(p: &Prober<'_>, magnum: Result<String, String>) -> Fact<Value> {
    let url = magnum.map(|u| {
        let base = if u.ends_with("/v1") { u } else { format!("{u}/v1") };
        format!("{base}/clustertemplates")
    });
    p.fact(url, "listing Magnum cluster templates", &[("OpenStack-API-Version", "container-infra latest")]).await
}

fn docker_images(docker: Fact<Vec<glance::Image>>) -> Fact<Vec<DockerImage>> {
    match docker {
        Fact::Known(imgs) => Fact::Known(
            imgs.into_iter()
                .map(|i| DockerImage {
                    repo_tag: i.repo_tag().map(str::to_string),
                    hypervisor_type: i.property("hypervisor_type").map(str::to_string),
                    id: i.id,
                    name: i.name,
                    status: i.status,
                    tags: i.tags,
                })
                .collect(),
        ),
        Fact::Unknown(r) => Fact::Unknown(r),
    }
}

fn cluster_templates(templates: Fact<Value>) -> Fact<Vec<ClusterTemplate>> {
    match templates {
        Fact::Known(v) => Fact::Known(
            v["clustertemplates"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| ClusterTemplate {
                    name: t["name"].as_str().unwrap_or_default().into(),
                    coe: t["coe"].as_str().unwrap_or_default().into(),
                })
                .collect(),
        ),
        Fact::Unknown(r) => Fact::Unknown(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn version_documents() {
        assert_eq!(
            versions(&json!({"version": {"id": "v2.1", "version": "2.104", "min_version": "2.1"}})),
            vec!["v2.1 (2.1 to 2.104)"]
        );
        assert_eq!(versions(&json!({"version": {"id": "v3.14", "status": "stable"}})), vec!["v3.14"]);
        assert_eq!(
            versions(&json!({"versions": [{"id": "v1.0", "max_version": "1.39", "min_version": "1.0"}]})),
            vec!["v1.0 (1.0 to 1.39)"]
        );
        assert_eq!(versions(&json!({"versions": {"values": [{"id": "v3.14"}]}})), vec!["v3.14"]);
        assert!(versions(&json!({"resources": []})).is_empty());
    }

    #[test]
    fn version_roots() {
        let p = "0123456789abcdef0123456789abcdef";
        assert_eq!(version_root(&format!("http://h:8004/v1/{p}"), Some(p)), "http://h:8004");
        assert_eq!(version_root("http://h:8004/v1/%(project_id)s", None), "http://h:8004");
        assert_eq!(version_root("http://h:8774/v2.1/", Some(p)), "http://h:8774/v2.1");
        assert_eq!(version_root("http://h:9292", Some(p)), "http://h:9292");
    }
}
