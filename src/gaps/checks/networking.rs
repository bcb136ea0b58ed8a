//! The networking checks: Neutron and its extensions, external networks and floating IPs, the networks a project can
//! boot on and their MTU, and what each means for container instances.

use super::{finding, first, list};
use crate::gaps::facts::network::{NetworkFacts, Quota};
use crate::gaps::facts::{Fact, Facts};
use crate::gaps::{Finding, Status};
use crate::openstack::neutron::Network;

/// An extension that matters to container instances: its finding when present and when absent
/// (status, summary, consequence; the absent one's remedy).
struct Extension {
    alias: &'static str,
    present: (Status, &'static str, &'static str),
    absent: (Status, &'static str, &'static str, &'static str),
}

const EXTENSIONS: &[Extension] = &[
    Extension {
        alias: "security-group",
        present: (
            Status::Ok,
            "security groups",
            "a container instance's port gets security groups as a VM's does, enforced where the compute host plugs the port with a firewall driver; nova-docker had no security-group firewall driver, so its containers were never filtered",
        ),
        absent: (
            Status::Warn,
            "no security groups",
            "nothing filters traffic to instances, containers included, at their ports",
            "enable security groups in Neutron (ML2 `[securitygroup] enable_security_group = true`), or filter on routers and firewalls",
        ),
    },
    Extension {
        alias: "port-security",
        present: (
            Status::Ok,
            "per-port security switches",
            "a port with port security off has neither security groups nor anti-spoofing: what a container instance that routes or answers for other addresses needs",
        ),
        absent: (
            Status::Info,
            "no per-port security switch",
            "every port has anti-spoofing and security groups; an instance that answers for more addresses needs allowed address pairs",
            "",
        ),
    },
    Extension {
        alias: "allowed-address-pairs",
        present: (
            Status::Info,
            "allowed address pairs",
            "a port can take traffic for extra addresses: what a VM's own Docker networks without NAT, or an address shared by several container instances, need",
        ),
        absent: (
            Status::Info,
            "no allowed address pairs",
            "a port takes traffic for its own fixed IPs only: containers behind a VM's Docker bridge must be NATed (Docker's default), and no address can move between container instances",
            "",
        ),
    },
    Extension {
        alias: "router",
        present: (
            Status::Ok,
            "routers and floating IPs",
            "a container instance can get a floating IP (`berth boot --floating-ip`) and reach other networks through a router",
        ),
        absent: (
            Status::Warn,
            "no routers and no floating IPs",
            "container instances are reachable only from their own networks",
            "enable Neutron's `router` service plugin (L3)",
        ),
    },
    Extension {
        alias: "dns-integration",
        present: (
            Status::Info,
            "DNS names on ports",
            "a container instance's port can carry its server's name, so it can be found by name where Neutron's DNS (or Designate) publishes it",
        ),
        absent: (
            Status::Info,
            "no DNS integration",
            "container instances are reached by address: their names are not published by Neutron",
            "",
        ),
    },
    Extension {
        alias: "qos",
        present: (
            Status::Info,
            "QoS policies",
            "bandwidth limits and guarantees apply to a container instance's port, so to all of its traffic, as for a VM",
        ),
        absent: (
            Status::Info,
            "no QoS policies",
            "no per-port bandwidth limits: a busy container instance competes freely for its host's bandwidth",
            "",
        ),
    },
    Extension {
        alias: "trunk",
        present: (
            Status::Info,
            "trunk ports",
            "a VM that runs containers can reach several networks through one trunk port; a container instance (nova-docker) plugs only a parent port",
        ),
        absent: (
            Status::Info,
            "no trunk ports",
            "one network per port: a VM that runs containers on several networks needs a port on each",
            "",
        ),
    },
];

pub fn networking(f: &Facts) -> Vec<Finding> {
    if f.service("network").is_none() {
        return vec![
            finding("networking.network", Status::Fail, "no network service in the catalog")
                .consequence("Nova cannot show or delete servers without a network endpoint")
                .remedy("deploy Neutron"),
        ];
    }
    let n = &f.network;
    let mut out = vec![match &n.extensions {
        Fact::Known(ext) => {
            let mut sorted = ext.clone();
            sorted.sort();
            finding("networking.network", Status::Ok, format!("Neutron with {} extensions", ext.len()))
                .evidence(format!("GET /v2.0/extensions: {}", first(&sorted, 12)))
        }
        Fact::Unknown(r) => {
            finding("networking.network", Status::Unknown, "the network service's extensions are unknown")
                .evidence(r.clone())
        }
    }];
    out.extend(EXTENSIONS.iter().map(|e| extension(e, &n.extensions)));
    out.push(external(&n.networks));
    out.push(floating_ip(n));
    let own = f.project_id.as_deref().unwrap_or_default();
    out.push(project_networks(&n.networks, own));
    out.push(mtu(&n.networks, own));
    out.push(
        finding("networking.container-differences", Status::Info, "container instances network like VMs, with differences")
            .evidence("the compute driver decides how a container is plugged; nova-docker plugged a Neutron port into the container's network namespace")
            .consequence("a container instance gets its port's IP directly: Docker's port publishing (-p) and port mapping do not apply, every port the container listens on is open on that IP as far as security groups allow; security groups apply as for VMs when the driver plugs a port with a firewall, which nova-docker did not; the container shares the port's MTU")
            .remedy("open ports with security group rules, not -p; filter outside the instance where its host does not enforce security groups"),
    );
    out
}

fn extension(e: &Extension, extensions: &Fact<Vec<String>>) -> Finding {
    let id = format!("networking.extension.{}", e.alias);
    match extensions {
        Fact::Known(ext) if ext.iter().any(|x| x == e.alias) => {
            let (status, what, consequence) = e.present;
            finding(&id, status, format!("Neutron offers {what} (`{}`)", e.alias))
                .evidence(format!("GET /v2.0/extensions: `{}` present", e.alias))
                .consequence(consequence)
        }
        Fact::Known(_) => {
            let (status, what, consequence, remedy) = e.absent;
            finding(&id, status, format!("{what}: Neutron lacks the `{}` extension", e.alias))
                .evidence(format!("GET /v2.0/extensions: no `{}`", e.alias))
                .consequence(consequence)
                .remedy(remedy)
        }
        Fact::Unknown(r) => {
            finding(&id, Status::Unknown, format!("whether Neutron has `{}` is unknown", e.alias)).evidence(r.clone())
        }
    }
}

fn names(nets: &[&Network]) -> Vec<String> {
    nets.iter().map(|n| format!("`{}`", if n.name.is_empty() { &n.id } else { &n.name })).collect()
}

fn external(networks: &Fact<Vec<Network>>) -> Finding {
    let nets = match networks {
        Fact::Known(n) => n,
        Fact::Unknown(r) => {
            return finding("networking.external-network", Status::Unknown, "the networks are unknown")
                .evidence(r.clone());
        }
    };
    let ext: Vec<&Network> = nets.iter().filter(|n| n.external).collect();
    if ext.is_empty() {
        return finding("networking.external-network", Status::Warn, "no external network is visible to this project")
            .evidence(format!("GET /v2.0/networks: {} networks, none router:external", nets.len()))
            .consequence("no floating IPs: container instances are reachable only from inside the cloud's networks (`berth boot --floating-ip` refuses)")
            .remedy("an admin offers one to the project: `openstack network rbac create --type network --action access_as_external --target-project PROJECT NETWORK`");
    }
    finding("networking.external-network", Status::Ok, format!("external networks: {}", list(&names(&ext))))
        .evidence(format!("GET /v2.0/networks: router:external on {}", list(&names(&ext))))
        .consequence(
            "floating IPs come from them; a container instance is not attached to one directly (Nova lets only admins)",
        )
}

fn floating_ip(n: &NetworkFacts) -> Finding {
    let id = "networking.floating-ip";
    if let Fact::Known(ext) = &n.extensions
        && !ext.iter().any(|e| e == "router")
    {
        return finding(id, Status::Warn, "the project cannot get a floating IP: Neutron has no `router` extension")
            .consequence("container instances are reachable only from their own networks");
    }
    let external: Vec<&Network> = n.networks.known().into_iter().flatten().filter(|n| n.external).collect();
    if n.networks.known().is_some() && external.is_empty() {
        return finding(id, Status::Warn, "the project cannot get a floating IP: no external network")
            .evidence("GET /v2.0/networks: none router:external")
            .consequence(
                "`berth boot --floating-ip` refuses; container instances are reachable only from inside the cloud",
            )
            .remedy("see networking.external-network");
    }
    let q: Quota = match &n.floating_quota {
        Fact::Known(q) => *q,
        Fact::Unknown(r) => {
            return finding(id, Status::Unknown, "the project's floating IP quota is unknown").evidence(r.clone());
        }
    };
    let evidence = format!(
        "GET /v2.0/quotas/{{project}}/details: floatingip limit {}, used {}, reserved {}; external: {}",
        q.limit,
        q.used,
        q.reserved,
        list(&names(&external))
    );
    match q.left() {
        Some(0) => finding(
            id,
            Status::Warn,
            format!("the project cannot get a floating IP: its quota is {} and {} are in use", q.limit, q.used),
        )
        .evidence(evidence)
        .consequence("`berth boot --floating-ip` fails at allocation (before any server is made)")
        .remedy("release unused ones (`openstack floating ip list`, `openstack floating ip delete`), or ask an admin to raise the quota (`openstack quota set --floating-ips N PROJECT`)"),
        left => finding(
            id,
            Status::Ok,
            match left {
                Some(left) => format!("the project can get {left} more floating IPs ({} in use)", q.used),
                None => format!("the project can get floating IPs: no quota limit ({} in use)", q.used),
            },
        )
        .evidence(evidence)
        .consequence("`berth boot --floating-ip` allocates one and associates it with the container instance's port: the container is reached at that address directly, no port mapping"),
    }
}

/// The networks the project can boot on: its own and the shared ones, not external.
fn bootable<'n>(nets: &'n [Network], project: &str) -> Vec<&'n Network> {
    nets.iter().filter(|n| !n.external && (n.shared || n.project_id == project)).collect()
}

fn project_networks(networks: &Fact<Vec<Network>>, project: &str) -> Finding {
    let id = "networking.project-networks";
    let Some(nets) = networks.known() else {
        return finding(id, Status::Unknown, "the networks are unknown")
            .evidence(networks.reason().unwrap_or_default().to_string());
    };
    let usable = bootable(nets, project);
    if usable.is_empty() {
        return finding(id, Status::Warn, "no network this project can boot on")
            .evidence(format!("GET /v2.0/networks: {} networks, none of the project's own or shared", nets.len()))
            .consequence(
                "container instances boot only without a network (`--no-network`) or on a port someone else made",
            )
            .remedy(
                "create one (`openstack network create`, `openstack subnet create`), or ask an admin to share one",
            );
    }
    let (own, shared): (Vec<&Network>, Vec<&Network>) = usable.iter().partition(|n| n.project_id == project);
    finding(id, Status::Ok, format!("{} networks this project can boot on", usable.len()))
        .evidence(format!("own: {}; shared: {}", list(&names(&own)), list(&names(&shared))))
        .consequence("`berth boot --network NAME` gives a container instance a port and its IP on them")
}

fn mtu(networks: &Fact<Vec<Network>>, project: &str) -> Finding {
    let id = "networking.mtu";
    let Some(nets) = networks.known() else {
        return finding(id, Status::Unknown, "the networks' MTUs are unknown")
            .evidence(networks.reason().unwrap_or_default().to_string());
    };
    let usable = bootable(nets, project);
    if usable.is_empty() {
        return finding(id, Status::Info, "no network of the project to read an MTU from");
    }
    let shown: Vec<String> = usable
        .iter()
        .map(|n| format!("`{}` {}", n.name, n.mtu.map_or("unknown".to_string(), |m| m.to_string())))
        .collect();
    let low: Vec<&&Network> = usable.iter().filter(|n| n.mtu.is_some_and(|m| m < 1500)).collect();
    if low.is_empty() {
        return finding(id, Status::Ok, "the project's networks carry 1500-byte packets")
            .evidence(format!("MTU: {}", shown.join(", ")));
    }
    finding(id, Status::Warn, format!("{} of the project's networks have an MTU below 1500", low.len()))
        .evidence(format!("MTU: {}", shown.join(", ")))
        .consequence("a container instance's interface gets its port's MTU; software that assumes 1500, such as Docker's own bridge networks in a VM (1500 by default), sends packets these networks drop, and large transfers stall")
        .remedy("set Docker's `mtu` (daemon.json, or `com.docker.network.driver.mtu` per network) to the network's MTU in VMs that run Docker; where the underlay allows it, raise the network's MTU (`openstack network set --mtu`)")
}
