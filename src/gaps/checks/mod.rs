//! The checks of `berth gaps`: each a pure function of the [`Facts`], returning findings. The long text of each
//! check id (`berth gaps --explain ID`) is in [`super::explain`].

mod networking;
mod orchestration;

pub use super::explain::{EXPLAIN, explain};
use crate::gaps::facts::{DockerImage, Fact, Facts, ServiceFact};
use crate::gaps::{CONTAINER_HYPERVISORS, Finding, Status};
pub use networking::networking;
pub use orchestration::orchestration;

/// A finding with the area and reference of its id.
fn finding(id: &str, status: Status, summary: impl Into<String>) -> Finding {
    let (_, area, reference, _) = explain(id).unwrap_or_else(|| panic!("check id `{id}` has no EXPLAIN entry"));
    Finding::new(id, *area, status, summary).reference(*reference)
}

fn list(items: &[String]) -> String {
    if items.is_empty() { "none".to_string() } else { items.join(", ") }
}

fn first(items: &[String], n: usize) -> String {
    let mut s = items.iter().take(n).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > n {
        s.push_str(&format!("; and {} more", items.len() - n));
    }
    s
}

pub fn identity(f: &Facts) -> Vec<Finding> {
    let admin = f.roles.iter().any(|r| r == "admin");
    vec![
        finding(
            "identity.roles",
            Status::Info,
            if admin {
                "admin identity: admin-only facts are visible"
            } else {
                "not an admin: admin-only facts show as unknown"
            },
        )
        .evidence(format!("roles of the token: {}", list(&f.roles)))
        .consequence(if admin {
            ""
        } else {
            "the hypervisor types cannot be read (os-hypervisors is admin-only by default)"
        })
        .remedy(if admin { "" } else { "run `berth gaps` with an admin identity for the full report" }),
    ]
}

pub fn catalog(f: &Facts) -> Vec<Finding> {
    let mut types: Vec<String> = f
        .services
        .iter()
        .map(|s| if s.kind == s.registered { s.kind.clone() } else { format!("{} ({})", s.kind, s.registered) })
        .collect();
    types.sort();
    let mut out = vec![
        finding("catalog.services", Status::Info, format!("{} services in the catalog", f.services.len()))
            .evidence(format!("{} (from {})", list(&types), f.catalog_source)),
    ];
    for s in &f.services {
        out.push(endpoint(s));
    }
    out
}

fn endpoint(s: &ServiceFact) -> Finding {
    let id = format!("catalog.endpoint.{}", s.kind);
    let over = if s.overridden { " (endpoint override)" } else { "" };
    match (&s.url, &s.probe) {
        (Fact::Unknown(r), _) => finding(&id, Status::Unknown, format!("`{}` has no usable endpoint", s.kind))
            .evidence(r.clone())
            .remedy("fix the catalog entry, `--os-interface`, `--os-region-name` or `<type>_endpoint_override`"),
        (Fact::Known(url), Fact::Unknown(r)) => {
            finding(&id, Status::Unknown, format!("`{}` does not answer at {url}{over}", s.kind))
                .evidence(r.clone())
                .consequence("every check that needs this service is unknown")
                .remedy("check that the service runs and the endpoint is right")
        }
        (Fact::Known(url), Fact::Known(p)) if p.status >= 500 => {
            finding(&id, Status::Warn, format!("`{}` answers HTTP {} at {url}{over}", s.kind, p.status))
                .evidence(format!("GET {}: HTTP {}", p.url, p.status))
                .consequence("the service is reachable but failing")
                .remedy("read the service's log")
        }
        (Fact::Known(url), Fact::Known(p)) => finding(&id, Status::Ok, format!("`{}` answers at {url}{over}", s.kind))
            .evidence(format!("GET {}: HTTP {}; versions: {}", p.url, p.status, list(&p.versions))),
    }
}

pub fn compute(f: &Facts) -> Vec<Finding> {
    if f.service("compute").is_none() {
        return vec![
            finding("compute.container-hypervisor", Status::Fail, "no compute service in the catalog")
                .consequence("nothing can boot container instances through Nova"),
        ];
    }
    let mut out = vec![microversion(f), container_hypervisor(&f.hypervisors)];
    out.extend(image_hypervisor_types(f));
    out
}

/// The compute microversion range, and whether berth can drive it.
fn microversion(f: &Facts) -> Finding {
    match f.compute_range() {
        Fact::Known((min, max)) => {
            let parse = crate::openstack::nova::parse_version;
            match crate::openstack::nova::negotiate(parse(&min).unwrap_or((2, 1)), parse(&max).unwrap_or((2, 1))) {
                Ok((a, b)) => finding(
                    "compute.microversion",
                    Status::Ok,
                    format!("compute microversions {min} to {max}; berth uses {a}.{b}"),
                )
                .evidence(format!("compute version document: min_version {min}, version {max}")),
                Err(e) => finding(
                    "compute.microversion",
                    Status::Fail,
                    format!("compute microversions {min} to {max} are too old for berth"),
                )
                .evidence(format!("{e:#}"))
                .consequence("`berth boot` cannot drive this Nova")
                .remedy("upgrade Nova"),
            }
        }
        Fact::Unknown(r) => {
            finding("compute.microversion", Status::Unknown, "the compute microversion range is unknown").evidence(r)
        }
    }
}

/// Docker images that ask for a `hypervisor_type` (none when no image does), and whether a host has it.
fn image_hypervisor_types(f: &Facts) -> Option<Finding> {
    let typed: Vec<&DockerImage> = f
        .docker_images
        .known()
        .map(|imgs| imgs.iter().filter(|i| i.hypervisor_type.is_some()).collect())
        .unwrap_or_default();
    if typed.is_empty() {
        return None;
    }
    let shown = |i: &DockerImage, sep: &str| {
        format!("{}{sep}{}", i.name.as_deref().unwrap_or(&i.id), i.hypervisor_type.as_deref().unwrap_or_default())
    };
    let have: Vec<String> =
        f.hypervisors.known().map(|h| h.iter().map(|h| h.kind.to_lowercase()).collect()).unwrap_or_default();
    let unplaceable: Vec<String> = typed
        .iter()
        .filter(|i| {
            f.hypervisors.known().is_some()
                && !have.contains(&i.hypervisor_type.clone().unwrap_or_default().to_lowercase())
        })
        .map(|i| format!("{})", shown(i, " (hypervisor_type=")))
        .collect();
    Some(if unplaceable.is_empty() {
        finding(
            "compute.image-hypervisor-type",
            Status::Info,
            format!("{} docker images ask for a hypervisor type", typed.len()),
        )
        .evidence(first(&typed.iter().map(|i| shown(i, ": ")).collect::<Vec<_>>(), 10))
    } else {
        finding(
            "compute.image-hypervisor-type",
            Status::Warn,
            format!("{} docker images ask for a hypervisor type no host has", unplaceable.len()),
        )
        .evidence(format!("{}; hypervisor types: {}", first(&unplaceable, 10), list(&have)))
        .consequence("booting them ends in ERROR \"No valid host was found\" (ImagePropertiesFilter)")
        .remedy("remove the `hypervisor_type` property or add a host of that type")
    })
}

/// Whether any hypervisor runs containers: fail when none does, unknown when they cannot be listed.
pub fn container_hypervisor(h: &Fact<Vec<crate::gaps::facts::Hypervisor>>) -> Finding {
    let id = "compute.container-hypervisor";
    match h {
        Fact::Unknown(r) => finding(id, Status::Unknown, "cannot tell whether any hypervisor runs containers")
            .evidence(r.clone())
            .remedy("run with an admin identity to list hypervisors"),
        Fact::Known(hs) => {
            let evidence = format!(
                "os-hypervisors: {}",
                if hs.is_empty() {
                    "none".to_string()
                } else {
                    hs.iter().map(|h| format!("{} x{}", h.kind, h.count)).collect::<Vec<_>>().join(", ")
                }
            );
            let containers: Vec<&str> = hs
                .iter()
                .filter(|h| CONTAINER_HYPERVISORS.contains(&h.kind.to_lowercase().as_str()))
                .map(|h| h.kind.as_str())
                .collect();
            if containers.is_empty() {
                finding(id, Status::Fail, "no hypervisor runs containers (docker, lxc)")
                    .evidence(evidence)
                    .consequence("Nova places docker images on VM hypervisors, which boot the image's data as a disk, not as a container")
                    .remedy("add compute hosts with a container driver (nova-docker, libvirt LXC), or use Zun")
            } else {
                finding(id, Status::Ok, format!("container hypervisors: {}", containers.join(", "))).evidence(evidence)
            }
        }
    }
}

/// The nova-docker and Zun naming rules for one image: (nova-docker, zun), `None` when berth cannot tell.
pub fn name_rules(img: &DockerImage) -> (Option<bool>, Option<bool>) {
    let name = img.name.as_deref().unwrap_or_default();
    match img.repo_tag.as_deref() {
        Some(rt) => {
            let (repo, tag) = match rt.rfind(':') {
                Some(i) if !rt[i..].contains('/') => (&rt[..i], &rt[i + 1..]),
                _ => (rt, "latest"),
            };
            let nova = name == rt || (tag == "latest" && name == repo);
            let zun = name == repo && img.tags.iter().any(|t| t == tag);
            (Some(nova), Some(zun))
        }
        // Not made by berth: the tarball's RepoTags are unknown; the name must at least be a docker reference.
        None => (if crate::registry::reference::parse(name).is_ok() { None } else { Some(false) }, None),
    }
}

pub fn image(f: &Facts) -> Vec<Finding> {
    if f.service("image").is_none() {
        return vec![
            finding("image.docker-format", Status::Fail, "no image service in the catalog")
                .consequence("there is nowhere to keep docker images"),
        ];
    }
    let mut out = Vec::new();
    out.push(match &f.container_formats {
        Fact::Known(formats) if formats.iter().any(|c| c == "docker") => {
            finding("image.docker-format", Status::Ok, "Glance accepts container_format=docker")
                .evidence(format!("GET /v2/schemas/image: container_format enum: {}", list(formats)))
        }
        Fact::Known(formats) => finding("image.docker-format", Status::Fail, "Glance refuses container_format=docker")
            .evidence(format!("GET /v2/schemas/image: container_format enum: {}", list(formats)))
            .consequence("no docker image can be stored: `berth image sync` fails with HTTP 400")
            .remedy("add `docker` to `[DEFAULT] container_formats` in glance-api.conf and restart glance-api"),
        Fact::Unknown(r) => finding(
            "image.docker-format",
            Status::Unknown,
            "cannot tell whether Glance accepts container_format=docker",
        )
        .evidence(r.clone()),
    });
    out.push(match &f.import_methods {
        Fact::Known(m) => finding("image.import-methods", Status::Info, format!("import methods: {}", list(m)))
            .evidence("GET /v2/info/import"),
        Fact::Unknown(r) => {
            finding("image.import-methods", Status::Unknown, "Glance's import methods are unknown").evidence(r.clone())
        }
    });
    out.push(match &f.stores {
        Fact::Known(s) => {
            finding("image.stores", Status::Info, format!("stores: {}", list(s))).evidence("GET /v2/info/stores")
        }
        Fact::Unknown(r) => {
            finding("image.stores", Status::Unknown, "Glance's stores are unknown (multi-store not enabled?)")
                .evidence(r.clone())
        }
    });
    out.extend(docker_images(&f.docker_images));
    out
}

/// The docker images in Glance, and whether their names follow the drivers' rules.
fn docker_images(images: &Fact<Vec<DockerImage>>) -> Vec<Finding> {
    let imgs = match images {
        Fact::Unknown(r) => {
            return vec![
                finding("image.docker-images", Status::Unknown, "the docker images in Glance are unknown")
                    .evidence(r.clone()),
            ];
        }
        Fact::Known(imgs) if imgs.is_empty() => {
            return vec![
                finding("image.docker-images", Status::Info, "no docker images in Glance (visible to this identity)")
                    .evidence("GET /v2/images?container_format=docker: none")
                    .remedy("`berth image sync REF` copies one from a registry"),
            ];
        }
        Fact::Known(imgs) => imgs,
    };
    let by_berth = imgs.iter().filter(|i| i.repo_tag.is_some()).count();
    let listed = finding(
        "image.docker-images",
        Status::Info,
        format!("{} docker images in Glance, {by_berth} made by berth", imgs.len()),
    )
    .evidence(first(&imgs.iter().map(|i| i.name.clone().unwrap_or_else(|| i.id.clone())).collect::<Vec<_>>(), 10));
    let (mut nova, mut zun, mut unverified, mut bad) = (0, 0, 0, Vec::new());
    for i in imgs {
        let label = i.name.clone().unwrap_or_else(|| i.id.clone());
        match name_rules(i) {
            (Some(false), Some(false)) => {
                bad.push(format!("`{label}` (RepoTags {})", i.repo_tag.as_deref().unwrap_or_default()))
            }
            (Some(false), None) => bad.push(format!("`{label}` is not a docker reference")),
            (n, z) => {
                nova += usize::from(n == Some(true));
                zun += usize::from(z == Some(true));
                unverified += usize::from(n.is_none() && z.is_none());
            }
        }
    }
    let evidence = format!(
        "{nova} follow nova-docker's rule (name == RepoTags), {zun} Zun's (name == repo, tag as Glance tag), {unverified} not made by berth (RepoTags unknown)"
    );
    let names = if bad.is_empty() {
        finding("image.docker-image-names", Status::Ok, "docker image names follow the drivers' rules")
            .evidence(evidence)
    } else {
        finding(
            "image.docker-image-names",
            Status::Warn,
            format!("{} docker images follow neither nova-docker's nor Zun's naming rule", bad.len()),
        )
        .evidence(format!("{}; {evidence}", first(&bad, 10)))
        .consequence("booting them fails with \"No such image\": the driver looks the image up by its Glance name")
        .remedy("sync them again with `berth image sync REF` (`--for zun` for Zun), or rename them to their RepoTags")
    };
    vec![listed, names]
}

pub fn volumes(f: &Facts) -> Vec<Finding> {
    let cinder = f.service("block-storage");
    let zun = f.service("application-container").is_some();
    let mut out = vec![match cinder {
        Some(s) => finding(
            "volumes.block-storage",
            Status::Ok,
            format!("block storage (Cinder) is present as `{}`", s.registered),
        ),
        None => finding("volumes.block-storage", Status::Info, "no block storage (Cinder) in the catalog")
            .evidence("no block-storage, volumev3, volumev2 or volume service")
            .consequence("no volumes for anything, VMs included"),
    }];
    out.push(match (cinder.is_some(), zun) {
        (true, true) => finding(
            "volumes.container-attach",
            Status::Ok,
            "Zun containers can mount Cinder volumes; nova-docker instances cannot attach them",
        )
        .consequence("use Zun (OS::Zun::Container `mounts`) for containers that need volumes"),
        (true, false) => finding(
            "volumes.container-attach",
            Status::Warn,
            "container instances (nova-docker) cannot attach Cinder volumes",
        )
        .evidence("Cinder is present; Zun is not")
        .consequence("data in a container instance lives and dies with it; `berth boot --volume` refuses")
        .remedy(
            "keep state elsewhere (object storage, a database, a VM), or deploy Zun, whose containers mount volumes",
        ),
        (false, _) => finding(
            "volumes.container-attach",
            Status::Info,
            "container instances (nova-docker) cannot attach volumes; Zun could mount them, but there is no Cinder",
        )
        .evidence("no block-storage service")
        .consequence("containers keep no data beyond their lifetime"),
    });
    out
}

const TELEMETRY: &[&str] = &["metric", "metering", "alarming", "event"];

pub fn telemetry(f: &Facts) -> Vec<Finding> {
    let present: Vec<String> = TELEMETRY.iter().filter_map(|k| f.service(k).map(|s| s.registered.clone())).collect();
    let mut out = vec![if present.is_empty() {
        finding("telemetry.service", Status::Info, "no telemetry (metric, metering, alarming) in the catalog")
            .evidence("no metric (Gnocchi), metering (Ceilometer), alarming (Aodh) or event service")
            .consequence("no metrics, alarms or metering-based autoscaling, for VMs or containers")
    } else {
        finding("telemetry.service", Status::Ok, format!("telemetry present: {}", present.join(", ")))
    }];
    out.push(if present.is_empty() {
        finding(
            "telemetry.container-metrics",
            Status::Info,
            "no per-instance metrics for container instances (and no telemetry at all)",
        )
        .consequence("monitor containers on the compute hosts (docker stats, cAdvisor)")
    } else {
        finding(
            "telemetry.container-metrics",
            Status::Warn,
            "no per-instance metrics for container instances, even with telemetry",
        )
        .evidence(format!("telemetry: {}; Ceilometer's compute agent does not poll docker hosts", present.join(", ")))
        .consequence("alarms and autoscaling on instance metrics do nothing for containers")
        .remedy("monitor containers on the compute hosts (docker stats, cAdvisor)")
    });
    out
}

pub fn magnum(f: &Facts) -> Vec<Finding> {
    let Some(m) = f.service("container-infrastructure-management") else {
        return vec![
            finding("magnum.service", Status::Info, "no Magnum (container-infra) in the catalog")
                .consequence("no managed Kubernetes clusters"),
        ];
    };
    let versions =
        m.probe.known().map(|p| list(&p.versions)).unwrap_or_else(|| m.probe.reason().unwrap_or_default().to_string());
    let mut out = vec![
        finding("magnum.service", Status::Ok, format!("Magnum is present as `{}`", m.registered))
            .evidence(format!("API versions: {versions}")),
    ];
    out.push(match &f.cluster_templates {
        Fact::Known(t) if t.is_empty() => finding("magnum.cluster-templates", Status::Info, "no cluster templates")
            .remedy("an admin creates one (`openstack coe cluster template create`)"),
        Fact::Known(t) => finding("magnum.cluster-templates", Status::Info, format!("{} cluster templates", t.len()))
            .evidence(first(&t.iter().map(|t| format!("{} ({})", t.name, t.coe)).collect::<Vec<_>>(), 10)),
        Fact::Unknown(r) => finding("magnum.cluster-templates", Status::Unknown, "the cluster templates are unknown")
            .evidence(r.clone()),
    });
    out
}

pub fn zun(f: &Facts) -> Vec<Finding> {
    let Some(z) = f.service("application-container") else {
        return vec![
            finding("zun.service", Status::Info, "no Zun (container) in the catalog")
                .consequence("containers run only as Nova instances on a container hypervisor; no OS::Zun::Container"),
        ];
    };
    vec![match &z.probe {
        Fact::Known(p) => finding("zun.service", Status::Ok, format!("Zun is present as `{}`", z.registered))
            .evidence(format!("GET {}: HTTP {}; versions: {}", p.url, p.status, list(&p.versions))),
        Fact::Unknown(r) => finding(
            "zun.service",
            Status::Unknown,
            format!("Zun is in the catalog as `{}` but does not answer", z.registered),
        )
        .evidence(r.clone()),
    }]
}

/// Every check, in report order (grouped by area).
pub fn all(f: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    for check in [catalog, identity, compute, image, volumes, telemetry, networking, orchestration, magnum, zun] {
        out.extend(check(f));
    }
    out.sort_by_key(|f| f.area);
    out
}

#[cfg(test)]
mod tests;
