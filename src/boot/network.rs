//! The network side of a boot: what the command line asks for ([`Ask`], names or IDs), what Neutron says about it
//! ([`NetFacts`], read once by [`gather`]), and [`plan`]: the NICs Nova gets, the security groups and the floating
//! IP, or the reasons not to boot, before anything is created.

use std::net::IpAddr;

use super::preflight::Refusal;
use crate::error::Failure;
use crate::openstack::lookup::{did_you_mean, is_uuid, suggestions};
use crate::openstack::neutron::{FloatingIp, Network, Neutron, Port, SecurityGroup, Subnet};

/// What `berth boot` asks of the network, as typed.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    pub networks: Vec<String>,
    pub ports: Vec<String>,
    pub fixed_ips: Vec<(String, IpAddr)>,
    pub security_groups: Vec<String>,
    /// `--floating-ip`: `Some(None)` allocates one, `Some(Some(address))` takes that one.
    pub floating: Option<Option<IpAddr>>,
    pub floating_network: Option<String>,
    pub count: u32,
}

impl Ask {
    /// Nothing asked of Neutron: Nova chooses (or `--no-network`).
    pub fn is_empty(&self) -> bool {
        self.networks.is_empty()
            && self.ports.is_empty()
            && self.fixed_ips.is_empty()
            && self.security_groups.is_empty()
            && self.floating.is_none()
    }
}

/// One network interface of the server, in the order Nova gets them.
#[derive(Debug, Clone, PartialEq)]
pub enum Nic {
    /// Nova makes a port on the network (with this fixed IP).
    Network { id: String, name: String, fixed_ip: Option<String> },
    /// An existing port.
    Port { id: String, network_id: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Floating {
    /// Allocate one from this external network.
    Allocate { network_id: String, network_name: String },
    /// Take this floating IP of the project.
    Existing { id: String, address: String },
}

/// What the boot gives Nova and does after it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub nics: Vec<Nic>,
    /// Security group IDs.
    pub security_groups: Vec<String>,
    pub floating: Option<Floating>,
}

/// What Neutron says about what was asked for.
#[derive(Debug, Clone, Default)]
pub struct NetFacts {
    pub project_id: String,
    /// The project's name, for messages.
    pub project: String,
    /// Every network this identity sees.
    pub networks: Vec<Network>,
    /// Every subnet it sees (read only for `--fixed-ip`).
    pub subnets: Vec<Subnet>,
    /// For each `--port`, the ports it names (none, one, or several of one name).
    pub ports: Vec<Vec<Port>>,
    /// The names of the ports it sees (read only when a `--port` names none), for "did you mean".
    pub port_names: Vec<String>,
    /// Every security group it sees (read only for `--security-group`).
    pub security_groups: Vec<SecurityGroup>,
    /// The floating IPs of the `--floating-ip` address.
    pub floating: Vec<FloatingIp>,
    /// The ports that hold a `--fixed-ip` address already.
    pub taken: Vec<Port>,
}

/// Ask Neutron, once, what the plan needs.
pub async fn gather(neutron: &Neutron<'_>, ask: &Ask, project_id: &str, project: &str) -> anyhow::Result<NetFacts> {
    let address = ask.floating.flatten().map(|a| a.to_string());
    let ips: Vec<String> = ask.fixed_ips.iter().map(|(_, ip)| format!("ip_address={ip}")).collect();
    let subnets = async { if ips.is_empty() { Ok(Vec::new()) } else { neutron.subnets(&[]).await } };
    let groups =
        async { if ask.security_groups.is_empty() { Ok(Vec::new()) } else { neutron.security_groups(&[]).await } };
    let floating = async {
        match &address {
            Some(a) => neutron.floating_ips(&[("floating_ip_address", a)]).await,
            None => Ok(Vec::new()),
        }
    };
    let taken = async {
        let mut out = Vec::new();
        for ip in &ips {
            out.extend(neutron.ports(&[("fixed_ips", ip)]).await?);
        }
        anyhow::Ok(out)
    };
    let (networks, subnets, security_groups, floating, taken) =
        tokio::try_join!(neutron.networks(&[]), subnets, groups, floating, taken)?;
    let mut ports = Vec::new();
    for wanted in &ask.ports {
        ports.push(if is_uuid(wanted) {
            neutron.port(wanted).await?.into_iter().collect()
        } else {
            neutron.ports(&[("name", wanted)]).await?
        });
    }
    let port_names = if ports.iter().any(Vec::is_empty) {
        neutron.ports(&[("fields", "id"), ("fields", "name"), ("fields", "network_id")]).await?
    } else {
        Vec::new()
    };
    Ok(NetFacts {
        project_id: project_id.to_string(),
        project: project.to_string(),
        networks,
        subnets,
        ports,
        port_names: port_names.into_iter().map(|p| p.name).filter(|n| !n.is_empty()).collect(),
        security_groups,
        floating,
        taken,
    })
}

/// A refusal `--force` cannot lift.
fn fixed(f: Failure) -> Refusal {
    (f, false)
}

fn names(nets: &[&Network]) -> String {
    if nets.is_empty() {
        "none".to_string()
    } else {
        nets.iter().map(|n| format!("`{}`", n.name)).collect::<Vec<_>>().join(", ")
    }
}

/// The networks a project can boot on: its own and the shared ones, not external.
fn bootable(f: &NetFacts) -> Vec<&Network> {
    f.networks.iter().filter(|n| !n.external && (n.shared || n.project_id == f.project_id)).collect()
}

/// A network by ID, else by its one name.
fn network<'n>(f: &'n NetFacts, wanted: &str) -> Result<&'n Network, Refusal> {
    if let Some(n) = f.networks.iter().find(|n| n.id == wanted) {
        return Ok(n);
    }
    let named: Vec<&Network> = f.networks.iter().filter(|n| n.name == wanted).collect();
    match named.len() {
        1 => Ok(named[0]),
        0 => {
            let usable = bootable(f);
            Err(fixed(
                Failure::usage(format!("no network is called `{wanted}` or has that ID in project `{}`", f.project))
                    .hint(format!(
                        "{}networks this project can boot on: {}; or boot with `--no-network`",
                        did_you_mean(&suggestions(wanted, f.networks.iter().map(|n| n.name.as_str()))),
                        names(&usable)
                    )),
            ))
        }
        n => Err(fixed(Failure::usage(format!("{n} networks are called `{wanted}`")).hint(format!(
            "give the network's ID: {}",
            named.iter().map(|n| n.id.as_str()).collect::<Vec<_>>().join(", ")
        )))),
    }
}

/// Why the project cannot boot on `n`, if it cannot.
fn unusable(f: &NetFacts, n: &Network) -> Option<Refusal> {
    if n.external {
        return Some((
            Failure::usage(format!(
                "network `{}` is external (router:external): Nova attaches servers to it only for admins",
                n.name
            ))
            .hint(format!(
                "boot on a network of the project ({}) and reach the server from `{}` with `--floating-ip`; an admin may `--force`",
                names(&bootable(f)),
                n.name
            )),
            true,
        ));
    }
    if !n.shared && n.project_id != f.project_id {
        return Some((
            Failure::usage(format!(
                "network `{}` belongs to project `{}` and is not shared with project `{}`",
                n.name, n.project_id, f.project
            ))
            .hint(format!(
                "boot on a network of this project or a shared one ({}); an admin may `--force`",
                names(&bootable(f))
            )),
            true,
        ));
    }
    None
}

/// The NICs of `--network` and `--fixed-ip` (ports come after them, as `openstack server create` orders them).
fn network_nics(ask: &Ask, f: &NetFacts, out: &mut Vec<Refusal>) -> Vec<Nic> {
    let mut nics = Vec::new();
    for wanted in &ask.networks {
        match network(f, wanted) {
            Ok(n) => {
                out.extend(unusable(f, n));
                nics.push(Nic::Network { id: n.id.clone(), name: n.name.clone(), fixed_ip: None });
            }
            Err(r) => out.push(r),
        }
    }
    for (wanted, ip) in &ask.fixed_ips {
        let n = match network(f, wanted) {
            Ok(n) => n,
            Err(r) => {
                out.push(r);
                continue;
            }
        };
        out.extend(fixed_ip_refusal(f, n, *ip));
        let free = nics.iter_mut().find(|nic| matches!(nic, Nic::Network { id, fixed_ip: None, .. } if *id == n.id));
        match free {
            Some(Nic::Network { fixed_ip, .. }) => *fixed_ip = Some(ip.to_string()),
            _ => {
                if !ask.networks.iter().any(|w| w == &n.id || w == &n.name) {
                    out.extend(unusable(f, n));
                }
                nics.push(Nic::Network { id: n.id.clone(), name: n.name.clone(), fixed_ip: Some(ip.to_string()) })
            }
        }
    }
    nics
}

/// Whether `cidr` (`a.b.c.d/n`, `x::/n`) holds `ip`.
pub fn cidr_contains(cidr: &str, ip: IpAddr) -> bool {
    let Some((net, len)) = cidr.split_once('/') else { return false };
    let (Ok(net), Ok(len)) = (net.parse::<IpAddr>(), len.parse::<u32>()) else { return false };
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) if len <= 32 => {
            let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) if len <= 128 => {
            let mask = if len == 0 { 0 } else { u128::MAX << (128 - len) };
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

fn fixed_ip_refusal(f: &NetFacts, n: &Network, ip: IpAddr) -> Option<Refusal> {
    let subnets: Vec<&Subnet> = f.subnets.iter().filter(|s| s.network_id == n.id).collect();
    if !subnets.iter().any(|s| cidr_contains(&s.cidr, ip)) {
        let ranges: Vec<&str> = subnets.iter().map(|s| s.cidr.as_str()).collect();
        return Some(fixed(
            Failure::usage(format!(
                "`{ip}` is not in any subnet of network `{}` ({})",
                n.name,
                if ranges.is_empty() { "it has none".to_string() } else { ranges.join(", ") }
            ))
            .hint("choose an address in those ranges, or leave out `--fixed-ip` and let Neutron choose one"),
        ));
    }
    let ip = ip.to_string();
    f.taken.iter().find(|p| p.network_id == n.id && p.fixed_ips.iter().any(|x| x.ip_address == ip)).map(|p| {
        fixed(
            Failure::usage(format!(
                "`{ip}` on network `{}` is taken by port `{}`{}",
                n.name,
                p.id,
                if p.device_id.is_empty() { String::new() } else { format!(" of `{}`", p.device_id) }
            ))
            .hint("choose another address, or leave out `--fixed-ip` and let Neutron choose one"),
        )
    })
}

/// The NICs of `--port`: free ports only.
fn port_nics(ask: &Ask, f: &NetFacts, out: &mut Vec<Refusal>) -> Vec<Nic> {
    let mut nics = Vec::new();
    for (wanted, found) in ask.ports.iter().zip(&f.ports) {
        match found.as_slice() {
            [] => out.push(fixed(Failure::usage(format!("no port is called `{wanted}` or has that ID")).hint(
                format!(
                    "{}`openstack port list` shows the ports; `openstack port create --network NET NAME` makes one",
                    did_you_mean(&suggestions(wanted, f.port_names.iter().map(String::as_str)))
                ),
            ))),
            [p] if !p.device_id.is_empty() => out.push(fixed(
                Failure::usage(format!(
                    "port `{wanted}` is already bound: `{}` ({}) holds it",
                    p.device_id,
                    if p.device_owner.is_empty() { "no owner" } else { p.device_owner.as_str() }
                ))
                .hint("a port serves one server: detach it (`openstack server remove port SERVER PORT`) or make another port"),
            )),
            [p] => nics.push(Nic::Port { id: p.id.clone(), network_id: p.network_id.clone() }),
            many => out.push(fixed(Failure::usage(format!("{} ports are called `{wanted}`", many.len())).hint(
                format!("use an ID: {}", many.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")),
            ))),
        }
    }
    nics
}

/// Security group IDs: by ID, else by name among the project's own groups (then those shared with it).
fn security_groups(ask: &Ask, f: &NetFacts, nics: &[Nic], out: &mut Vec<Refusal>) -> Vec<String> {
    let mut ids = Vec::new();
    for wanted in &ask.security_groups {
        let by_name = |own: bool| -> Vec<&SecurityGroup> {
            f.security_groups.iter().filter(|g| g.name == *wanted && (g.project_id == f.project_id) == own).collect()
        };
        let found: Vec<&SecurityGroup> = match f.security_groups.iter().find(|g| g.id == *wanted) {
            Some(g) => vec![g],
            None if !by_name(true).is_empty() => by_name(true),
            None => by_name(false),
        };
        match found.as_slice() {
            [g] => ids.push(g.id.clone()),
            [] => {
                let own: Vec<&str> = f
                    .security_groups
                    .iter()
                    .filter(|g| g.project_id == f.project_id)
                    .map(|g| g.name.as_str())
                    .collect();
                out.push(fixed(
                    Failure::usage(format!(
                        "no security group is called `{wanted}` or has that ID in project `{}`",
                        f.project
                    ))
                    .hint(format!(
                        "{}security groups here: {}",
                        did_you_mean(&suggestions(wanted, own.iter().copied())),
                        if own.is_empty() { "none".to_string() } else { own.join(", ") }
                    )),
                ))
            }
            many => out
                .push(fixed(Failure::usage(format!("{} security groups are called `{wanted}`", many.len())).hint(
                    format!("use an ID: {}", many.iter().map(|g| g.id.as_str()).collect::<Vec<_>>().join(", ")),
                ))),
        }
    }
    if ids.is_empty() {
        return ids;
    }
    let made_by_nova: Vec<&Nic> = nics.iter().filter(|n| matches!(n, Nic::Network { .. })).collect();
    if made_by_nova.is_empty() && !nics.is_empty() {
        out.push(fixed(
            Failure::usage("`--security-group` has no effect with `--port` alone: Nova applies security groups only to the ports it makes")
                .hint("set them on the port (`openstack port set --security-group GROUP PORT`), or boot with `--network`"),
        ));
    }
    for nic in made_by_nova {
        if let Nic::Network { id, name, .. } = nic
            && f.networks.iter().any(|n| n.id == *id && n.port_security_enabled == Some(false))
        {
            out.push(fixed(
                Failure::usage(format!("network `{name}` has port security disabled: Nova cannot apply `--security-group` to a port on it (SecurityGroupCannotBeApplied)"))
                    .hint("boot on a network with port security, or without `--security-group`"),
            ));
        }
    }
    ids
}

fn floating(ask: &Ask, f: &NetFacts, out: &mut Vec<Refusal>) -> Option<Floating> {
    let wanted = ask.floating?;
    if let Some(address) = wanted {
        if ask.count > 1 {
            out.push(fixed(
                Failure::usage(format!("one floating IP (`{address}`) cannot go to {} servers", ask.count))
                    .hint("boot them one by one, or let berth allocate one each: `--floating-ip` without an address"),
            ));
        }
        return match f.floating.first() {
            None => {
                out.push(fixed(
                    Failure::usage(format!("project `{}` has no floating IP `{address}`", f.project))
                        .hint("allocate one (`openstack floating ip create NETWORK`), or let berth allocate one: `--floating-ip` without an address"),
                ));
                None
            }
            Some(fip) if fip.port_id.is_some() => {
                out.push(fixed(
                    Failure::usage(format!(
                        "floating IP `{address}` is already associated with port `{}`{}",
                        fip.port_id.as_deref().unwrap_or_default(),
                        fip.port_details
                            .as_ref()
                            .filter(|d| !d.device_id.is_empty())
                            .map(|d| format!(" of `{}`", d.device_id))
                            .unwrap_or_default()
                    ))
                    .hint("disassociate it first (`openstack floating ip unset --port ADDRESS`), or use another"),
                ));
                None
            }
            Some(fip) => Some(Floating::Existing { id: fip.id.clone(), address: fip.floating_ip_address.clone() }),
        };
    }
    let external: Vec<&Network> = f.networks.iter().filter(|n| n.external).collect();
    let chosen = match &ask.floating_network {
        Some(w) => match network(f, w) {
            Ok(n) if n.external => n,
            Ok(n) => {
                out.push(fixed(
                    Failure::usage(format!(
                        "network `{}` is not external (router:external): floating IPs come from external networks",
                        n.name
                    ))
                    .hint(format!("external networks here: {}", names(&external))),
                ));
                return None;
            }
            Err(r) => {
                out.push(r);
                return None;
            }
        },
        None => match external.as_slice() {
            [one] => *one,
            [] => {
                out.push(fixed(
                    Failure::usage(format!(
                        "no external network (router:external) is visible to project `{}`: there is nowhere to allocate a floating IP from",
                        f.project
                    ))
                    .hint(format!(
                        "ask an admin for one this project may use (`openstack network rbac create --type network --action access_as_external --target-project {} NETWORK`), or boot without `--floating-ip`",
                        f.project
                    )),
                ));
                return None;
            }
            several => {
                out.push(fixed(
                    Failure::usage(format!("{} external networks are visible: {}", several.len(), names(several)))
                        .hint("choose one with `--floating-network NETWORK`"),
                ));
                return None;
            }
        },
    };
    Some(Floating::Allocate { network_id: chosen.id.clone(), network_name: chosen.name.clone() })
}

/// The boot's network plan, and every reason not to boot it.
pub fn plan(ask: &Ask, f: &NetFacts) -> (Plan, Vec<Refusal>) {
    let mut out = Vec::new();
    // No network named: Nova takes the one network the project can boot on, and refuses (409) when there are more.
    let choices = bootable(f);
    if ask.networks.is_empty() && ask.ports.is_empty() && ask.fixed_ips.is_empty() && choices.len() > 1 {
        out.push(fixed(
            Failure::usage(format!(
                "project `{}` can boot on {} networks ({}) and none was named: Nova would refuse to choose",
                f.project,
                choices.len(),
                names(&choices)
            ))
            .hint("name one with `--network NAME` (repeatable), or boot without a network: `--no-network`"),
        ));
    }
    let mut nics = network_nics(ask, f, &mut out);
    nics.extend(port_nics(ask, f, &mut out));
    if ask.count > 1 && nics.iter().any(|n| matches!(n, Nic::Port { .. } | Nic::Network { fixed_ip: Some(_), .. })) {
        out.push(fixed(
            Failure::usage(format!(
                "`--port` and `--fixed-ip` name one port or address each, not one for {} servers",
                ask.count
            ))
            .hint("boot the servers one by one, or use `--network` alone"),
        ));
    }
    let security_groups = security_groups(ask, f, &nics, &mut out);
    let floating = floating(ask, f, &mut out);
    (Plan { nics, security_groups, floating }, out)
}

#[cfg(test)]
mod tests;
