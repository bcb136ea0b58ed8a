//! The checks of `berth gaps`: each a pure function of the [`Facts`], returning findings. The long text of each
//! check id (`berth gaps --explain ID`) lives beside them in [`EXPLAIN`].

use crate::gaps::facts::{DockerImage, Fact, Facts, ServiceFact};
use crate::gaps::{Area, CONTAINER_HYPERVISORS, Finding, Status};

/// Every check id: (id, area, reference, long text). Per-service findings use `catalog.endpoint.<type>`.
pub const EXPLAIN: &[(&str, Area, &str, &str)] = &[
    (
        "identity.roles",
        Area::Identity,
        "https://docs.openstack.org/keystone/latest/admin/service-api-protection.html",
        "The roles of the identity berth used. Some facts are admin-only by default (the hypervisor list, os-hypervisors), so a \
      report made with a member role shows them as `unknown` with the reason. Run `berth gaps` with an admin identity \
      (`--os-cloud` of an admin) to see everything; the rest of the report is the same for members.",
    ),
    (
        "catalog.services",
        Area::Catalog,
        "https://service-types.openstack.org/",
        "The service types in the token's catalog, with aliases resolved to the official names (volumev3 = block-storage, \
      container-infra = container-infrastructure-management (Magnum), container = application-container (Zun)). Every \
      other check starts from this list: a service that is not in the catalog is absent for every client, berth included. \
      A `<type>_endpoint_override` in clouds.yaml adds or replaces a service's endpoint, as for the openstack client.",
    ),
    (
        "catalog.endpoint",
        Area::Catalog,
        "https://docs.openstack.org/api-guide/quick-start/",
        "One finding per service (`catalog.endpoint.<type>`): berth GETs the service's version document (the endpoint, or \
      its unversioned root when the endpoint carries the project, as Heat's does) with a 3 s timeout. `ok` means it \
      answered, with the versions it offers as evidence; `warn` an answer of HTTP 5xx; `unknown` no answer (connection \
      refused, timeout, TLS), with the reason. A service that does not answer makes every check that needs it unknown.",
    ),
    (
        "compute.microversion",
        Area::Compute,
        "https://docs.openstack.org/api-guide/compute/microversions.html",
        "The compute API's microversion range, from its version document. berth needs 2.47 or later (`networks: none` needs \
      2.37, flavor details in servers 2.47) and uses the highest version both know. An older Nova cannot be driven by \
      `berth boot`.",
    ),
    (
        "compute.container-hypervisor",
        Area::Compute,
        "https://docs.openstack.org/api-ref/compute/#hypervisors-os-hypervisors",
        "Whether any compute host runs a container hypervisor. nova-docker reported `hypervisor_type: docker`; LXC (libvirt) \
      reports `lxc`. When every host is a VM hypervisor (qemu, kvm, vmware, fake...), Nova places a docker image on one of \
      them, which treats the image's data (a `docker save` tarball) as a VM disk: the server may go ACTIVE but nothing \
      runs the container. `fail` then. Listing hypervisors is admin-only by default: for other identities this is \
      `unknown` (`admin only: HTTP 403`). Remedy: a compute host with a container driver (nova-docker, or the LXC \
      libvirt driver), or Zun for containers as a service.",
    ),
    (
        "compute.image-hypervisor-type",
        Area::Compute,
        "https://docs.openstack.org/nova/latest/admin/scheduling.html",
        "Docker images with a `hypervisor_type` property (SUSE Cloud registered theirs with `hypervisor_type=docker`) are \
      sent by the scheduler's ImagePropertiesFilter only to hosts of that type. If no host has it, every boot ends in \
      ERROR \"No valid host was found\". Remove the property or add such a host.",
    ),
    (
        "image.docker-format",
        Area::Image,
        "https://docs.openstack.org/glance/latest/user/formats.html",
        "Whether Glance accepts `container_format=docker`: berth reads the enum of `container_format` in \
      `GET /v2/schemas/image`. Glance's default list includes docker; a deployment that set \
      `[DEFAULT] container_formats` in glance-api.conf without it refuses every docker image (`berth image sync` fails \
      with HTTP 400). Remedy: add `docker` to `container_formats` and restart glance-api.",
    ),
    (
        "image.import-methods",
        Area::Image,
        "https://docs.openstack.org/glance/latest/admin/interoperable-image-import.html",
        "Glance's interoperable image import methods (`GET /v2/info/import`): glance-direct (stage then import), \
      web-download, copy-image, glance-download. berth uploads with the classic `PUT /v2/images/{id}/file`, which works \
      where image upload is allowed; the methods show what else the cloud offers.",
    ),
    (
        "image.stores",
        Area::Image,
        "https://docs.openstack.org/glance/latest/admin/multistores.html",
        "Glance's stores (`GET /v2/info/stores`, with multiple backends enabled). Docker images are plain data to Glance; \
      any store holds them. `unknown` when the cloud does not enable multi-store (HTTP 404).",
    ),
    (
        "image.docker-images",
        Area::Image,
        "https://docs.openstack.org/glance/latest/user/formats.html",
        "The images with `container_format=docker` this identity can see, and how many berth made (property \
      `berth_repo_tag`). Container drivers boot only these.",
    ),
    (
        "image.docker-image-names",
        Area::Image,
        "https://github.com/openstack-archive/nova-docker",
        "Whether docker images are named the way the drivers look them up. nova-docker runs `docker inspect <Glance name>` \
      after `docker load`: the Glance name must equal the repo:tag inside the tarball (`busybox` means busybox:latest). \
      Zun's Glance driver matches `name == repo` and picks by Glance tag. berth records the tarball's RepoTags in \
      `berth_repo_tag`; an image following neither rule fails at boot with \"No such image\". Images not made by berth \
      are only checked to have a valid docker reference as name. Remedy: `berth image sync REF` (`--for zun` for Zun).",
    ),
    (
        "volumes.block-storage",
        Area::Volumes,
        "https://docs.openstack.org/cinder/latest/",
        "Whether the cloud has Cinder (block-storage, volumev3, volumev2, volume). Without it there are no volumes for \
      anything, VMs included.",
    ),
    (
        "volumes.container-attach",
        Area::Volumes,
        "https://github.com/openstack-archive/nova-docker",
        "Container instances (nova-docker) cannot attach Cinder volumes: attach/detach were never implemented (the gate \
      skipped every volume test). Data that must outlive a container needs another home (object storage, a database \
      service, a VM). Zun's OS::Zun::Container can mount Cinder volumes, so with Zun and Cinder this is fine. `berth \
      boot --volume` refuses for this reason.",
    ),
    (
        "telemetry.service",
        Area::Telemetry,
        "https://docs.openstack.org/ceilometer/latest/",
        "Whether the cloud has telemetry: metric (Gnocchi), metering (Ceilometer's old API), alarming (Aodh), event \
      (Panko).",
    ),
    (
        "telemetry.container-metrics",
        Area::Telemetry,
        "https://docs.openstack.org/ceilometer/latest/",
        "There are no per-instance metrics for container instances either way: the Ceilometer compute agent polls \
      libvirt/vmware/xen/hyperv, and deployments (SUSE Cloud 6) never ran it on docker hosts. Autoscaling or billing \
      on instance metrics does not work for containers; use container-level monitoring (cAdvisor, the docker engine's \
      stats) on the compute hosts.",
    ),
    (
        "networking.network",
        Area::Networking,
        "https://docs.openstack.org/neutron/latest/",
        "Whether the cloud has a network service (Neutron). Nova needs one even for servers without ports. berth reads \
      `GET /v2.0/extensions`: a Neutron lists its extensions (security-group, router, ...); an endpoint that lists none \
      is a minimal stand-in that cannot give instances ports.",
    ),
    (
        "networking.container-differences",
        Area::Networking,
        "https://github.com/openstack-archive/nova-docker",
        "What differs for containers on Neutron (nova-docker): each container gets a Neutron port plugged into its network \
      namespace and its own IP, like a VM; Docker's port publishing (`-p`) does not apply; security groups were not \
      enforced (noop firewall driver), so filter elsewhere; on tunnel networks (VXLAN/GRE) the MTU is lower (1400 or \
      1450) and images that assume 1500 can stall on large packets.",
    ),
    (
        "orchestration.service",
        Area::Orchestration,
        "https://docs.openstack.org/heat/latest/",
        "Whether the cloud has Heat (orchestration). With Heat, stacks can boot container instances (OS::Nova::Server \
      from a docker image) or the \"secure containers\" pattern: a VM whose cloud-init starts Docker.",
    ),
    (
        "orchestration.nova-server",
        Area::Orchestration,
        "https://docs.openstack.org/heat/latest/template_guide/openstack.html#OS::Nova::Server",
        "Whether Heat offers OS::Nova::Server (`GET /v1/{project}/resource_types`): stacks of container instances from \
      Glance docker images, or VMs that run Docker themselves.",
    ),
    (
        "orchestration.zun-container",
        Area::Orchestration,
        "https://docs.openstack.org/heat/latest/template_guide/openstack.html#OS::Zun::Container",
        "Whether Heat offers OS::Zun::Container (Heat lists it only when a `container` (Zun) service is in the catalog). \
      It takes image, command, cpu, memory, environment, mounts (Cinder volumes), networks, security_groups, ...",
    ),
    (
        "orchestration.docker-container",
        Area::Orchestration,
        "https://github.com/openstack/heat/tree/stable/pike/contrib/heat_docker",
        "Whether Heat offers DockerInc::Docker::Container, the contrib plugin (later UNSUPPORTED, gone from current Heat) \
      that talks to a Docker daemon directly, bypassing Nova, Glance and Keystone. Present only where an operator \
      installed it; treat templates that need it as legacy.",
    ),
    (
        "magnum.service",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/",
        "Whether the cloud has Magnum (container-infra): clusters (Kubernetes; Swarm in old releases) built from cluster \
      templates, an alternative to single container instances.",
    ),
    (
        "magnum.cluster-templates",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "Magnum's cluster templates and their COEs (`GET /v1/clustertemplates`), as far as this identity may read them.",
    ),
    (
        "zun.service",
        Area::Zun,
        "https://docs.openstack.org/zun/latest/",
        "Whether the cloud has Zun (container, application-container) and its API versions. Zun runs containers as a \
      service, reads the same Glance docker images as nova-docker (name == repo, tag as Glance tag), and can mount \
      Cinder volumes.",
    ),
];

/// The entry of [`EXPLAIN`] for a finding id (`catalog.endpoint.image` -> `catalog.endpoint`).
pub fn explain(id: &str) -> Option<&'static (&'static str, Area, &'static str, &'static str)> {
    EXPLAIN.iter().find(|e| e.0 == id).or_else(|| EXPLAIN.iter().find(|e| id.starts_with(&format!("{}.", e.0))))
}

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
    let mut out = Vec::new();
    out.push(match f.compute_range() {
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
    });
    out.push(container_hypervisor(&f.hypervisors));
    let typed: Vec<&DockerImage> = f
        .docker_images
        .known()
        .map(|imgs| imgs.iter().filter(|i| i.hypervisor_type.is_some()).collect())
        .unwrap_or_default();
    if !typed.is_empty() {
        let have: Vec<String> =
            f.hypervisors.known().map(|h| h.iter().map(|h| h.kind.to_lowercase()).collect()).unwrap_or_default();
        let unplaceable: Vec<String> = typed
            .iter()
            .filter(|i| {
                f.hypervisors.known().is_some()
                    && !have.contains(&i.hypervisor_type.clone().unwrap_or_default().to_lowercase())
            })
            .map(|i| {
                format!(
                    "{} (hypervisor_type={})",
                    i.name.as_deref().unwrap_or(&i.id),
                    i.hypervisor_type.as_deref().unwrap_or_default()
                )
            })
            .collect();
        out.push(if unplaceable.is_empty() {
            finding(
                "compute.image-hypervisor-type",
                Status::Info,
                format!("{} docker images ask for a hypervisor type", typed.len()),
            )
            .evidence(first(
                &typed
                    .iter()
                    .map(|i| {
                        format!(
                            "{}: {}",
                            i.name.as_deref().unwrap_or(&i.id),
                            i.hypervisor_type.as_deref().unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>(),
                10,
            ))
        } else {
            finding(
                "compute.image-hypervisor-type",
                Status::Warn,
                format!("{} docker images ask for a hypervisor type no host has", unplaceable.len()),
            )
            .evidence(format!("{}; hypervisor types: {}", first(&unplaceable, 10), list(&have)))
            .consequence("booting them ends in ERROR \"No valid host was found\" (ImagePropertiesFilter)")
            .remedy("remove the `hypervisor_type` property or add a host of that type")
        });
    }
    out
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
    match &f.docker_images {
        Fact::Unknown(r) => out.push(
            finding("image.docker-images", Status::Unknown, "the docker images in Glance are unknown")
                .evidence(r.clone()),
        ),
        Fact::Known(imgs) if imgs.is_empty() => out.push(
            finding("image.docker-images", Status::Info, "no docker images in Glance (visible to this identity)")
                .evidence("GET /v2/images?container_format=docker: none")
                .remedy("`berth image sync REF` copies one from a registry"),
        ),
        Fact::Known(imgs) => {
            let by_berth = imgs.iter().filter(|i| i.repo_tag.is_some()).count();
            out.push(
                finding(
                    "image.docker-images",
                    Status::Info,
                    format!("{} docker images in Glance, {by_berth} made by berth", imgs.len()),
                )
                .evidence(first(
                    &imgs.iter().map(|i| i.name.clone().unwrap_or_else(|| i.id.clone())).collect::<Vec<_>>(),
                    10,
                )),
            );
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
            out.push(if bad.is_empty() {
                finding("image.docker-image-names", Status::Ok, "docker image names follow the drivers' rules").evidence(evidence)
            } else {
                finding("image.docker-image-names", Status::Warn, format!("{} docker images follow neither nova-docker's nor Zun's naming rule", bad.len()))
                    .evidence(format!("{}; {evidence}", first(&bad, 10)))
                    .consequence("booting them fails with \"No such image\": the driver looks the image up by its Glance name")
                    .remedy("sync them again with `berth image sync REF` (`--for zun` for Zun), or rename them to their RepoTags")
            });
        }
    }
    out
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

pub fn networking(f: &Facts) -> Vec<Finding> {
    let Some(net) = f.service("network") else {
        return vec![
            finding("networking.network", Status::Fail, "no network service in the catalog")
                .consequence("Nova cannot show or delete servers without a network endpoint")
                .remedy("deploy Neutron"),
        ];
    };
    let mut out = vec![match &f.network_extensions {
        Fact::Known(ext) if ext.is_empty() => finding(
            "networking.network",
            Status::Warn,
            "the network endpoint lists no extensions: a minimal stand-in, not a full Neutron",
        )
        .evidence(format!(
            "GET {}/v2.0/extensions: no extensions",
            net.url.known().map(String::as_str).unwrap_or("network")
        ))
        .consequence("instances, containers included, can be booted only without ports (`--no-network`)")
        .remedy("deploy Neutron"),
        Fact::Known(ext) => finding("networking.network", Status::Ok, format!("Neutron with {} extensions", ext.len()))
            .evidence(first(ext, 12)),
        Fact::Unknown(r) => {
            finding("networking.network", Status::Unknown, "the network service's extensions are unknown")
                .evidence(r.clone())
        }
    }];
    out.push(
        finding("networking.container-differences", Status::Info, "container instances network differently from VMs")
            .evidence(format!("network service `{}` present", net.registered))
            .consequence("each container gets its own Neutron port and IP; Docker port publishing (-p) does not apply; security groups are not enforced by the docker driver; tunnel networks need a lower MTU (1400/1450)")
            .remedy("filter traffic outside the instance (router, firewall), and set the MTU in images that assume 1500"),
    );
    out
}

pub fn orchestration(f: &Facts) -> Vec<Finding> {
    let Some(heat) = f.service("orchestration") else {
        return vec![
            finding("orchestration.service", Status::Info, "no orchestration (Heat) in the catalog")
                .consequence("no stacks: container instances are booted one by one (`berth boot`)"),
        ];
    };
    let mut out = vec![
        finding("orchestration.service", Status::Ok, format!("Heat is present as `{}`", heat.registered)).evidence(
            format!(
                "endpoint: {}",
                heat.url.known().cloned().unwrap_or_else(|| heat.url.reason().unwrap_or_default().to_string())
            ),
        ),
    ];
    let types = match &f.heat_resource_types {
        Fact::Unknown(r) => {
            for id in ["orchestration.nova-server", "orchestration.zun-container", "orchestration.docker-container"] {
                out.push(finding(id, Status::Unknown, "Heat's resource types are unknown").evidence(r.clone()));
            }
            return out;
        }
        Fact::Known(t) => t,
    };
    let has = |t: &str| types.iter().any(|x| x == t);
    let evidence =
        format!("GET /v1/{{project}}/resource_types?name={}: {}", crate::gaps::facts::HEAT_TYPES_FILTER, list(types));
    out.push(if has("OS::Nova::Server") {
        finding("orchestration.nova-server", Status::Ok, "Heat offers OS::Nova::Server")
            .evidence(evidence.clone())
            .consequence("stacks can boot container instances from Glance docker images, or VMs that run Docker")
    } else {
        finding("orchestration.nova-server", Status::Warn, "Heat does not offer OS::Nova::Server")
            .evidence(evidence.clone())
            .consequence("stacks cannot boot servers")
            .remedy("check Heat's plugin configuration and the compute service in the catalog")
    });
    out.push(if has("OS::Zun::Container") {
        finding("orchestration.zun-container", Status::Ok, "Heat offers OS::Zun::Container")
            .evidence(evidence.clone())
            .consequence("stacks can run Zun containers, with Cinder mounts")
    } else {
        finding("orchestration.zun-container", Status::Info, "Heat does not offer OS::Zun::Container")
            .evidence(format!("{evidence}; Heat lists it only with a `container` (Zun) service"))
            .consequence("stacks cannot create Zun containers")
    });
    out.push(if has("DockerInc::Docker::Container") {
        finding(
            "orchestration.docker-container",
            Status::Warn,
            "Heat offers DockerInc::Docker::Container (unsupported contrib plugin)",
        )
        .evidence(evidence)
        .consequence("templates talk to Docker daemons directly, bypassing Nova, Glance and Keystone")
        .remedy("move such templates to OS::Zun::Container or OS::Nova::Server")
    } else {
        finding("orchestration.docker-container", Status::Info, "Heat does not offer DockerInc::Docker::Container")
            .evidence(evidence)
            .consequence("legacy templates with the docker plugin will not validate")
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
mod tests {
    use super::*;
    use crate::gaps::facts::{ClusterTemplate, Hypervisor, Probe};
    use serde_json::json;

    fn svc(kind: &str, registered: &str) -> ServiceFact {
        ServiceFact {
            kind: kind.into(),
            registered: registered.into(),
            name: String::new(),
            url: Fact::Known(format!("http://{registered}")),
            overridden: false,
            probe: Fact::Known(Probe {
                url: format!("http://{registered}"),
                status: 200,
                versions: vec!["v1".into()],
                body: json!({}),
            }),
        }
    }

    /// The dev cloud as an admin sees it.
    fn dev() -> Facts {
        let mut compute = svc("compute", "compute");
        compute.probe = Fact::Known(Probe {
            url: "http://c".into(),
            status: 200,
            versions: vec![],
            body: json!({"version": {"min_version": "2.1", "version": "2.104"}}),
        });
        Facts {
            project_id: Some("p".into()),
            roles: vec!["admin".into()],
            catalog_source: "GET http://k/v3/auth/catalog".into(),
            services: vec![
                svc("identity", "identity"),
                compute,
                svc("image", "image"),
                svc("network", "network"),
                svc("placement", "placement"),
                svc("orchestration", "orchestration"),
            ],
            hypervisors: Fact::Known(vec![Hypervisor { kind: "fake".into(), count: 1 }]),
            container_formats: Fact::Known(vec!["bare".into(), "docker".into()]),
            import_methods: Fact::Known(vec!["glance-direct".into()]),
            stores: Fact::Known(vec!["fs".into()]),
            docker_images: Fact::Known(vec![]),
            network_extensions: Fact::Known(vec![]),
            heat_resource_types: Fact::Known(vec!["OS::Nova::Server".into(), "OS::Heat::None".into()]),
            cluster_templates: Fact::Unknown("no `container-infrastructure-management` service in the catalog".into()),
        }
    }

    fn get<'a>(fs: &'a [Finding], id: &str) -> &'a Finding {
        fs.iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no `{id}` in {:#?}", fs.iter().map(|f| &f.id).collect::<Vec<_>>()))
    }

    #[test]
    fn every_finding_has_an_explanation_and_known_area() {
        let mut f = dev();
        f.services.push(svc("block-storage", "volumev3"));
        f.services.push(svc("application-container", "container"));
        f.services.push(svc("container-infrastructure-management", "container-infra"));
        f.services.push(svc("metric", "metric"));
        for finding in all(&f) {
            let (_, area, reference, text) = explain(&finding.id).unwrap();
            assert_eq!(*area, finding.area, "{}", finding.id);
            assert!(!reference.is_empty() && text.len() > 40);
            assert!(!finding.summary.contains('\n'));
        }
        let ids: Vec<&str> = EXPLAIN.iter().map(|e| e.0).collect();
        let mut dedup = ids.clone();
        dedup.dedup();
        assert_eq!(ids, dedup);
    }

    #[test]
    fn catalog_endpoints() {
        let mut f = dev();
        f.services[5].probe = Fact::Unknown("cannot connect to `http://127.0.0.1:1/`: connection refused".into());
        f.services[2].probe = Fact::Known(Probe { url: "http://g".into(), status: 503, ..Default::default() });
        let fs = catalog(&f);
        assert_eq!(get(&fs, "catalog.services").summary, "6 services in the catalog");
        assert_eq!(get(&fs, "catalog.endpoint.identity").status, Status::Ok);
        assert_eq!(get(&fs, "catalog.endpoint.image").status, Status::Warn);
        let heat = get(&fs, "catalog.endpoint.orchestration");
        assert_eq!(heat.status, Status::Unknown);
        assert!(heat.evidence.contains("connection refused"));
        f.services[0].url = Fact::Unknown("no `admin` endpoint".into());
        assert_eq!(get(&catalog(&f), "catalog.endpoint.identity").status, Status::Unknown);
    }

    #[test]
    fn hypervisors() {
        let mut f = dev();
        assert_eq!(get(&compute(&f), "compute.container-hypervisor").status, Status::Fail);
        assert!(get(&compute(&f), "compute.container-hypervisor").evidence.contains("fake x1"));
        f.hypervisors = Fact::Known(vec![
            Hypervisor { kind: "QEMU".into(), count: 3 },
            Hypervisor { kind: "docker".into(), count: 2 },
        ]);
        assert_eq!(get(&compute(&f), "compute.container-hypervisor").status, Status::Ok);
        f.hypervisors = Fact::Unknown("admin only: HTTP 403".into());
        let h = compute(&f);
        assert_eq!(get(&h, "compute.container-hypervisor").status, Status::Unknown);
        assert_eq!(get(&h, "compute.container-hypervisor").evidence, "admin only: HTTP 403");
    }

    #[test]
    fn microversions() {
        let mut f = dev();
        let fs = compute(&f);
        let m = get(&fs, "compute.microversion");
        assert_eq!(m.status, Status::Ok);
        assert!(m.summary.contains("2.1 to 2.104"), "{}", m.summary);
        f.services[1].probe = Fact::Known(Probe {
            url: "c".into(),
            status: 200,
            versions: vec![],
            body: json!({"version": {"min_version": "2.1", "version": "2.30"}}),
        });
        assert_eq!(get(&compute(&f), "compute.microversion").status, Status::Fail);
        f.services[1].probe = Fact::Unknown("timed out".into());
        assert_eq!(get(&compute(&f), "compute.microversion").status, Status::Unknown);
        f.services.remove(1);
        assert_eq!(get(&compute(&f), "compute.container-hypervisor").status, Status::Fail);
    }

    #[test]
    fn image_hypervisor_type() {
        let mut f = dev();
        assert!(compute(&f).iter().all(|x| x.id != "compute.image-hypervisor-type"));
        f.docker_images = Fact::Known(vec![DockerImage {
            id: "1".into(),
            name: Some("a:1".into()),
            hypervisor_type: Some("docker".into()),
            ..Default::default()
        }]);
        assert_eq!(get(&compute(&f), "compute.image-hypervisor-type").status, Status::Warn);
        f.hypervisors = Fact::Known(vec![Hypervisor { kind: "docker".into(), count: 1 }]);
        assert_eq!(get(&compute(&f), "compute.image-hypervisor-type").status, Status::Info);
    }

    #[test]
    fn glance_docker_format() {
        let mut f = dev();
        assert_eq!(get(&image(&f), "image.docker-format").status, Status::Ok);
        f.container_formats = Fact::Known(vec!["bare".into(), "ovf".into()]);
        let fs = image(&f);
        assert_eq!(get(&fs, "image.docker-format").status, Status::Fail);
        assert!(get(&fs, "image.docker-format").evidence.contains("bare, ovf"));
        f.container_formats = Fact::Unknown("timed out".into());
        assert_eq!(get(&image(&f), "image.docker-format").status, Status::Unknown);
        assert_eq!(get(&image(&f), "image.import-methods").summary, "import methods: glance-direct");
        assert_eq!(get(&image(&f), "image.docker-images").status, Status::Info);
        assert!(image(&f).iter().all(|x| x.id != "image.docker-image-names"));
    }

    fn img(name: &str, repo_tag: Option<&str>, tags: &[&str]) -> DockerImage {
        DockerImage {
            id: name.into(),
            name: Some(name.into()),
            repo_tag: repo_tag.map(Into::into),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn naming_rules() {
        assert_eq!(name_rules(&img("busybox:1.36", Some("busybox:1.36"), &[])), (Some(true), Some(false)));
        assert_eq!(name_rules(&img("busybox", Some("busybox:latest"), &[])), (Some(true), Some(false)));
        assert_eq!(name_rules(&img("busybox", Some("busybox:1.36"), &["1.36"])), (Some(false), Some(true)));
        assert_eq!(name_rules(&img("127.0.0.1:5001/x", Some("127.0.0.1:5001/x:2"), &["2"])), (Some(false), Some(true)));
        assert_eq!(name_rules(&img("mine", Some("busybox:1.36"), &[])), (Some(false), Some(false)));
        assert_eq!(name_rules(&img("ubuntu:22.04", None, &[])), (None, None));
        assert_eq!(name_rules(&img("Not A Ref", None, &[])), (Some(false), None));

        let mut f = dev();
        f.docker_images = Fact::Known(vec![
            img("busybox:1.36", Some("busybox:1.36"), &[]),
            img("busybox", Some("busybox:1.36"), &["1.36"]),
        ]);
        let fs = image(&f);
        assert_eq!(get(&fs, "image.docker-image-names").status, Status::Ok);
        assert_eq!(get(&fs, "image.docker-images").summary, "2 docker images in Glance, 2 made by berth");
        f.docker_images = Fact::Known(vec![img("mine", Some("busybox:1.36"), &[])]);
        let n = image(&f);
        let n = get(&n, "image.docker-image-names");
        assert_eq!(n.status, Status::Warn);
        assert!(n.evidence.contains("`mine` (RepoTags busybox:1.36)"), "{}", n.evidence);
    }

    #[test]
    fn volumes_and_zun() {
        let mut f = dev();
        let fs = volumes(&f);
        assert_eq!(get(&fs, "volumes.block-storage").status, Status::Info);
        assert_eq!(get(&fs, "volumes.container-attach").status, Status::Info);
        f.services.push(svc("block-storage", "volumev3"));
        let fs = volumes(&f);
        assert_eq!(get(&fs, "volumes.block-storage").summary, "block storage (Cinder) is present as `volumev3`");
        assert_eq!(get(&fs, "volumes.container-attach").status, Status::Warn);
        f.services.push(svc("application-container", "container"));
        assert_eq!(get(&volumes(&f), "volumes.container-attach").status, Status::Ok);
        assert_eq!(get(&zun(&f), "zun.service").status, Status::Ok);
    }

    #[test]
    fn telemetry_either_way() {
        let mut f = dev();
        let fs = telemetry(&f);
        assert_eq!(get(&fs, "telemetry.service").status, Status::Info);
        assert_eq!(get(&fs, "telemetry.container-metrics").status, Status::Info);
        f.services.push(svc("metric", "metric"));
        let fs = telemetry(&f);
        assert_eq!(get(&fs, "telemetry.service").status, Status::Ok);
        assert_eq!(get(&fs, "telemetry.container-metrics").status, Status::Warn);
    }

    #[test]
    fn network() {
        let mut f = dev();
        let fs = networking(&f);
        assert_eq!(get(&fs, "networking.network").status, Status::Warn);
        assert_eq!(get(&fs, "networking.container-differences").status, Status::Info);
        assert!(get(&fs, "networking.container-differences").consequence.contains("security groups"));
        f.network_extensions = Fact::Known(vec!["security-group".into(), "router".into()]);
        assert_eq!(get(&networking(&f), "networking.network").status, Status::Ok);
        f.services.retain(|s| s.kind != "network");
        assert_eq!(get(&networking(&f), "networking.network").status, Status::Fail);
    }

    #[test]
    fn heat() {
        let mut f = dev();
        let fs = orchestration(&f);
        assert_eq!(get(&fs, "orchestration.nova-server").status, Status::Ok);
        assert_eq!(get(&fs, "orchestration.zun-container").status, Status::Info);
        assert_eq!(get(&fs, "orchestration.docker-container").status, Status::Info);
        f.heat_resource_types = Fact::Known(vec!["OS::Zun::Container".into(), "DockerInc::Docker::Container".into()]);
        let fs = orchestration(&f);
        assert_eq!(get(&fs, "orchestration.nova-server").status, Status::Warn);
        assert_eq!(get(&fs, "orchestration.zun-container").status, Status::Ok);
        assert_eq!(get(&fs, "orchestration.docker-container").status, Status::Warn);
        f.heat_resource_types = Fact::Unknown("cannot connect".into());
        assert!(
            orchestration(&f).iter().filter(|x| x.id != "orchestration.service").all(|x| x.status == Status::Unknown)
        );
        f.services.retain(|s| s.kind != "orchestration");
        let fs = orchestration(&f);
        assert_eq!(fs.len(), 1);
        assert_eq!(fs[0].status, Status::Info);
    }

    #[test]
    fn magnum_templates() {
        let mut f = dev();
        assert_eq!(magnum(&f)[0].status, Status::Info);
        f.services.push(svc("container-infrastructure-management", "container-infra"));
        f.cluster_templates = Fact::Known(vec![ClusterTemplate { name: "k8s".into(), coe: "kubernetes".into() }]);
        let fs = magnum(&f);
        assert_eq!(get(&fs, "magnum.service").status, Status::Ok);
        assert_eq!(get(&fs, "magnum.cluster-templates").evidence, "k8s (kubernetes)");
    }

    #[test]
    fn levels() {
        assert!(Status::Fail.reaches(Status::Warn));
        assert!(Status::Warn.reaches(Status::Warn));
        assert!(!Status::Info.reaches(Status::Warn));
        assert!(!Status::Unknown.reaches(Status::Warn));
        assert!(!Status::Warn.reaches(Status::Fail));
    }

    #[test]
    fn report_is_grouped_by_area() {
        let fs = all(&dev());
        let areas: Vec<Area> = fs.iter().map(|f| f.area).collect();
        let mut sorted = areas.clone();
        sorted.sort();
        assert_eq!(areas, sorted);
        assert_eq!(explain("catalog.endpoint.orchestration").unwrap().0, "catalog.endpoint");
        assert!(explain("nope").is_none());
    }
}
