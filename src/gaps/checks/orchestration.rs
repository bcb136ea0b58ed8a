//! Orchestration: Heat, the three resource types containers go through, and the four ways a stack can run a
//! container (`berth stack template --for KIND`): what each path needs, and whether this cloud has it.

use super::{finding, list};
use crate::gaps::facts::{Fact, Facts, Hypervisor};
use crate::gaps::{CONTAINER_HYPERVISORS, Finding, Status};

const NOVA: &str = "OS::Nova::Server";
const ZUN: &str = "OS::Zun::Container";
const DOCKER: &str = "DockerInc::Docker::Container";

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
            for id in TYPE_IDS.iter().chain(PATH_IDS) {
                out.push(finding(id, Status::Unknown, "Heat's resource types are unknown").evidence(r.clone()));
            }
            return out;
        }
        Fact::Known(t) => t,
    };
    let evidence =
        format!("GET /v1/{{project}}/resource_types?name={}: {}", crate::gaps::facts::HEAT_TYPES_FILTER, list(types));
    out.extend(type_findings(types, &evidence));
    out.extend(path_findings(f, types));
    out
}

const TYPE_IDS: &[&str] =
    &["orchestration.nova-server", "orchestration.zun-container", "orchestration.docker-container"];
const PATH_IDS: &[&str] = &[
    "orchestration.path.nova-docker",
    "orchestration.path.zun",
    "orchestration.path.docker-engine",
    "orchestration.path.vm",
];

fn type_findings(types: &[String], evidence: &str) -> Vec<Finding> {
    let has = |t: &str| types.iter().any(|x| x == t);
    vec![
        if has(NOVA) {
            finding("orchestration.nova-server", Status::Ok, "Heat offers OS::Nova::Server")
                .evidence(evidence)
                .consequence("stacks can boot container instances from Glance docker images, or VMs that run Docker")
        } else {
            finding("orchestration.nova-server", Status::Warn, "Heat does not offer OS::Nova::Server")
                .evidence(evidence)
                .consequence("stacks cannot boot servers")
                .remedy("check Heat's plugin configuration and the compute service in the catalog")
        },
        if has(ZUN) {
            finding("orchestration.zun-container", Status::Ok, "Heat offers OS::Zun::Container")
                .evidence(evidence)
                .consequence("stacks can run Zun containers, with Cinder mounts")
        } else {
            finding("orchestration.zun-container", Status::Info, "Heat does not offer OS::Zun::Container")
                .evidence(format!("{evidence}; Heat lists it only with a `container` (Zun) service in the catalog"))
                .consequence("stacks cannot create Zun containers")
        },
        if has(DOCKER) {
            finding(
                "orchestration.docker-container",
                Status::Warn,
                "Heat offers DockerInc::Docker::Container: the contrib Docker plugin, unsupported",
            )
            .evidence(evidence)
            .consequence(
                "templates talk to Docker engines directly, bypassing Nova, Glance, Keystone and Neutron; upstream's plugin fails every create with docker SDK >= 2.0 unless patched (see orchestration.path.docker-engine)",
            )
            .remedy("prefer OS::Zun::Container or OS::Nova::Server; where the plugin stays, check it creates a container")
        } else {
            finding("orchestration.docker-container", Status::Info, "Heat does not offer DockerInc::Docker::Container")
                .evidence(evidence)
                .consequence("templates with the Docker plugin will not validate here")
        },
    ]
}

/// Which hypervisor kinds there are: (container ones, VM ones), or why berth cannot tell.
fn hypervisor_kinds(h: &Fact<Vec<Hypervisor>>) -> Result<(Vec<String>, Vec<String>), String> {
    match h {
        Fact::Unknown(r) => Err(r.clone()),
        Fact::Known(hs) => Ok(hs
            .iter()
            .map(|h| h.kind.clone())
            .partition(|k| CONTAINER_HYPERVISORS.contains(&k.to_lowercase().as_str()))),
    }
}

/// The identity API's highest 3.x minor version, from its version document (`v3.14`).
fn identity_minor(f: &Facts) -> Option<u32> {
    let probe = f.service("identity")?.probe.known()?;
    probe.versions.iter().filter_map(|v| v.strip_prefix("v3.")?.split(' ').next()?.parse().ok()).max()
}

fn path_findings(f: &Facts, types: &[String]) -> Vec<Finding> {
    let has = |t: &str| types.iter().any(|x| x == t);
    let hypervisors = hypervisor_kinds(&f.hypervisors);
    vec![
        nova_docker(f, has(NOVA), &hypervisors),
        zun(f, has(ZUN)),
        docker_engine(has(DOCKER)),
        vm(f, has(NOVA), &hypervisors),
    ]
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn nova_docker(f: &Facts, nova: bool, hv: &Result<(Vec<String>, Vec<String>), String>) -> Finding {
    let id = "orchestration.path.nova-docker";
    let docker_format = f.container_formats.known().map(|c| c.iter().any(|x| x == "docker"));
    let hv_text = match hv {
        Ok((c, v)) => format!("container hypervisors: {}; others: {}", list(c), list(v)),
        Err(r) => format!("hypervisors unknown ({r})"),
    };
    let evidence = format!(
        "{NOVA} offered: {}; {hv_text}; Glance takes container_format docker: {}",
        yes(nova),
        docker_format.map_or("unknown", yes)
    );
    let needs = "needs OS::Nova::Server, a compute host with a container driver (nova-docker: hypervisor_type docker), and Glance docker images";
    let (status, summary) = match (nova, hv, docker_format) {
        (false, _, _) => (Status::Info, "nova-docker stacks: not here (no OS::Nova::Server)"),
        (true, Ok((c, _)), _) if c.is_empty() => {
            (Status::Fail, "nova-docker stacks: not here (no container hypervisor)")
        }
        (true, _, Some(false)) => (Status::Fail, "nova-docker stacks: not here (Glance refuses docker images)"),
        (true, Err(_), _) => (Status::Unknown, "nova-docker stacks: unknown (the hypervisors are admin-only)"),
        (true, Ok(_), _) => (Status::Ok, "nova-docker stacks work here"),
    };
    let mut out = finding(id, status, summary).evidence(evidence).consequence(needs);
    if matches!(status, Status::Fail) {
        out = out.remedy("a compute host with a container driver; or `--for zun`, `--for vm` (`berth stack template`)");
    }
    out
}

fn zun(f: &Facts, offered: bool) -> Finding {
    let id = "orchestration.path.zun";
    let service = f.service("application-container");
    let volumes = f.service("block-storage").is_some();
    let evidence = format!(
        "{ZUN} offered: {}; `container` (Zun) service in the catalog: {}; block-storage (Cinder, for `--volume`): {}",
        yes(offered),
        yes(service.is_some()),
        yes(volumes)
    );
    let needs = "needs a `container` (Zun) service in the catalog (Heat lists OS::Zun::Container only then); Cinder for volumes: the path by which a container gets a volume";
    if !offered {
        return finding(id, Status::Info, "zun stacks: not here (no Zun)").evidence(evidence).consequence(needs);
    }
    match service.map(|s| s.probe.known().is_some()) {
        Some(true) => finding(id, Status::Ok, "zun stacks work here").evidence(evidence).consequence(needs),
        _ => finding(id, Status::Warn, "zun stacks: Heat offers them, but Zun does not answer")
            .evidence(evidence)
            .consequence(needs)
            .remedy("check the `container` service's endpoint (catalog.endpoint.application-container)"),
    }
}

fn docker_engine(offered: bool) -> Finding {
    let id = "orchestration.path.docker-engine";
    let evidence = format!("{DOCKER} offered: {}", yes(offered));
    let needs = "needs Heat's contrib Docker plugin (contrib/heat_docker of Heat's source, unsupported) in heat.conf's `plugin_dirs`, the `docker` Python library in heat-engine's environment, and a Docker engine heat-engine can reach";
    if !offered {
        return finding(id, Status::Info, "docker-engine stacks: not here (Heat does not load the Docker plugin)")
            .evidence(evidence)
            .consequence(needs);
    }
    finding(id, Status::Warn, "docker-engine stacks: Heat loads the Docker plugin; whether it works, only a create tells")
        .evidence(evidence)
        .consequence(format!(
            "{needs}. Upstream's plugin passes host options the way docker SDK < 2.0 took them and fails every create with docker SDK >= 2.0 (`create_container() got an unexpected keyword argument 'mem_limit'`) unless it was patched; the API looks the same either way"
        ))
        .remedy("create a test stack: `berth stack create t IMAGE --for docker-engine --docker-endpoint URL --wait`, then delete it")
}

fn vm(f: &Facts, nova: bool, hv: &Result<(Vec<String>, Vec<String>), String>) -> Finding {
    let id = "orchestration.path.vm";
    let minor = identity_minor(f);
    let rules = minor.map(|m| m >= 13);
    let evidence = format!(
        "{NOVA} offered: {}; {}; identity API {} (access rules need 3.13)",
        yes(nova),
        match hv {
            Ok((_, v)) => format!("VM hypervisors: {}", list(v)),
            Err(r) => format!("hypervisors unknown ({r})"),
        },
        minor.map_or_else(|| "version unknown".to_string(), |m| format!("v3.{m}"))
    );
    let needs = "needs OS::Nova::Server, a VM hypervisor, and a VM image with cloud-init and Docker; `--source glance` also needs application credentials with access rules (identity 3.13) and `service_type = image` in Glance's [keystone_authtoken], which the API does not show: without it Glance refuses every such credential";
    let (status, summary) = match (nova, hv) {
        (false, _) => (Status::Info, "vm stacks: not here (no OS::Nova::Server)"),
        (true, Ok((_, v))) if v.is_empty() => (Status::Fail, "vm stacks: not here (no VM hypervisor)"),
        (true, Err(_)) => (Status::Unknown, "vm stacks: unknown (the hypervisors are admin-only)"),
        (true, Ok(_)) if rules == Some(false) => {
            (Status::Warn, "vm stacks work here, but only from a registry (no access rules)")
        }
        (true, Ok(_)) => (Status::Ok, "vm stacks work here (a VM with cloud-init and Docker per container)"),
    };
    finding(id, status, summary).evidence(evidence).consequence(needs)
}
