//! `boot --floating-ip`: hold the floating IPs before the servers exist (so that a quota or an unknown address stops
//! the boot before anything else is created), record the ones berth allocated in each server's metadata
//! ([`METADATA_KEY`]), associate them once the servers are ACTIVE, and release what berth allocated when the boot
//! fails or `server delete` removes the server.

use super::network::{Floating, Nic};
use crate::error::{ExitCode, Failure};
use crate::openstack::neutron::{Neutron, Port};
use crate::openstack::nova::{Compute, Server};

/// The server metadata key naming the floating IP berth allocated for the server, which `server delete` releases.
pub const METADATA_KEY: &str = "berth_floating_ip_id";

/// A floating IP held for one server.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub id: String,
    pub address: String,
    /// berth allocated it (and so releases it); otherwise it was the project's already.
    pub allocated: bool,
}

/// One floating IP per server: allocated from the external network, or the existing one. Those allocated before a
/// failure are released again.
pub async fn hold(neutron: &Neutron<'_>, f: &Floating, count: u32, server: &str) -> anyhow::Result<Vec<Held>> {
    match f {
        Floating::Existing { id, address } => {
            Ok(vec![Held { id: id.clone(), address: address.clone(), allocated: false }])
        }
        Floating::Allocate { network_id, network_name } => {
            let mut held = Vec::new();
            for _ in 0..count {
                match neutron.allocate_floating_ip(network_id, &format!("berth boot {server}")).await {
                    Ok(fip) => held.push(Held { id: fip.id, address: fip.floating_ip_address, allocated: true }),
                    Err(e) => {
                        let e = e.context(format!("allocating a floating IP from `{network_name}`"));
                        return Err(release_after(neutron, &held, e).await);
                    }
                }
            }
            Ok(held)
        }
    }
}

/// The metadata item that records the floating IP berth allocated for a single server: part of the create request,
/// so no moment passes in which the server exists and the record does not.
pub fn create_metadata(held: &[Held]) -> Option<(String, String)> {
    match held {
        [one] if one.allocated => Some((METADATA_KEY.to_string(), one.id.clone())),
        _ => None,
    }
}

/// Record in each ACTIVE server's metadata the floating IP berth allocated for it, where the create request could
/// not (one request makes all servers of `--count N` with the same metadata; Nova refuses changes while building).
pub async fn record(compute: &Compute<'_>, servers: &[Server], held: &[Held]) -> anyhow::Result<()> {
    for (s, h) in servers.iter().zip(held).filter(|(s, h)| h.allocated && !s.metadata.contains_key(METADATA_KEY)) {
        compute.set_metadata(&s.id, METADATA_KEY, &h.id).await?;
    }
    Ok(())
}

/// The port of `server` the floating IP goes to: the first NIC's (that port, or the one on that network with
/// that fixed IP), else the server's first port.
pub fn port_for<'p>(ports: &'p [Port], first: Option<&Nic>) -> Option<&'p Port> {
    match first {
        Some(Nic::Port { id, .. }) => ports.iter().find(|p| p.id == *id),
        Some(Nic::Network { id, fixed_ip, .. }) => ports.iter().find(|p| {
            p.network_id == *id && fixed_ip.as_ref().is_none_or(|ip| p.fixed_ips.iter().any(|x| x.ip_address == *ip))
        }),
        None => ports.first(),
    }
}

/// Associate each held floating IP with its server's port (servers are ACTIVE, so Nova has bound the ports).
pub async fn associate(
    neutron: &Neutron<'_>,
    held: &[Held],
    servers: &[Server],
    first: Option<&Nic>,
) -> anyhow::Result<()> {
    for (h, s) in held.iter().zip(servers) {
        let ports = neutron.ports(&[("device_id", &s.id)]).await?;
        let port = port_for(&ports, first).ok_or_else(|| {
            Failure::new(
                ExitCode::Failure,
                format!("server `{}` has no port to give floating IP `{}` to", s.name, h.address),
            )
            .hint("Nova made no port where berth asked for one: `berth server show` lists the server's addresses")
        })?;
        let ip = port.fixed_ips.first().map(|x| x.ip_address.as_str());
        neutron.associate(&h.id, &port.id, ip).await.map_err(|e| {
            let hint = if format!("{e:#}").contains("not reachable") {
                "no router connects the server's network to the external network: an admin or the project adds one (`openstack router add subnet ROUTER SUBNET`)"
            } else {
                "Neutron's answer above says why"
            };
            let f = crate::error::failure(&e).map_or(ExitCode::Failure, |f| f.code);
            anyhow::Error::from(Failure::new(f, format!("{e:#}")).hint(hint))
        })?;
    }
    Ok(())
}

/// After a failure: release the floating IPs berth allocated, and say so in the error's hint.
pub async fn release_after(neutron: &Neutron<'_>, held: &[Held], e: anyhow::Error) -> anyhow::Error {
    let mine: Vec<&Held> = held.iter().filter(|h| h.allocated).collect();
    if mine.is_empty() {
        return e;
    }
    let mut said = Vec::new();
    for h in mine {
        said.push(match neutron.release_floating_ip(&h.id).await {
            Ok(_) => format!("released floating IP `{}` (berth allocated it)", h.address),
            Err(r) => format!(
                "could not release floating IP `{}` ({}): {r:#}; `openstack floating ip delete {}` does",
                h.address, h.id, h.id
            ),
        });
    }
    let f = crate::error::failure(&e);
    let (code, hint) = (f.map_or(ExitCode::Failure, |f| f.code), f.and_then(|f| f.hint.clone()));
    let hint = match hint {
        Some(h) => format!("{h}; {}", said.join("; ")),
        None => said.join("; "),
    };
    Failure::new(code, format!("{e:#}")).hint(hint).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openstack::neutron::FixedIp;

    fn port(id: &str, net: &str, ip: &str) -> Port {
        Port {
            id: id.into(),
            name: String::new(),
            network_id: net.into(),
            device_id: "s".into(),
            device_owner: "compute:nova".into(),
            fixed_ips: vec![FixedIp { subnet_id: String::new(), ip_address: ip.into() }],
            project_id: String::new(),
        }
    }

    #[test]
    fn the_floating_ip_goes_to_the_first_nic() {
        let ports = [port("p1", "shared", "198.51.100.4"), port("p2", "private", "192.0.2.7")];
        let net = |ip: Option<&str>| Nic::Network {
            id: "private".into(),
            name: "private".into(),
            fixed_ip: ip.map(str::to_string),
        };
        assert_eq!(port_for(&ports, Some(&net(None))).unwrap().id, "p2");
        assert_eq!(port_for(&ports, Some(&net(Some("192.0.2.7")))).unwrap().id, "p2");
        assert!(port_for(&ports, Some(&net(Some("192.0.2.8")))).is_none());
        let by_port = Nic::Port { id: "p1".into(), network_id: "shared".into() };
        assert_eq!(port_for(&ports, Some(&by_port)).unwrap().id, "p1");
        assert_eq!(port_for(&ports, None).unwrap().id, "p1");
    }
}
