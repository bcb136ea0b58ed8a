//! A server's addresses per network, fixed and floating: Nova's `addresses` (each with its `OS-EXT-IPS:type`), plus
//! the floating IPs Neutron has associated with the server's ports. Nova learns of a floating IP associated after
//! the boot only when Neutron notifies it (clouds can turn that off), so Neutron's word is taken as well.

use serde_json::{Value, json};

use crate::openstack::neutron::FloatingIp;
use crate::openstack::nova::Server;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NetAddresses {
    pub network: String,
    pub fixed: Vec<String>,
    pub floating: Vec<String>,
}

/// The addresses of `s` by network, in Nova's order, with the floating IPs of `fips` whose port is the server's.
pub fn of(s: &Server, fips: &[FloatingIp]) -> Vec<NetAddresses> {
    let mut out: Vec<NetAddresses> = s
        .addresses
        .iter()
        .map(|(net, addrs)| {
            let mut a = NetAddresses { network: net.clone(), ..NetAddresses::default() };
            for entry in addrs.as_array().into_iter().flatten() {
                let Some(addr) = entry["addr"].as_str() else { continue };
                let list = if entry["OS-EXT-IPS:type"] == "floating" { &mut a.floating } else { &mut a.fixed };
                list.push(addr.to_string());
            }
            a
        })
        .collect();
    let mine = fips.iter().filter(|f| f.port_details.as_ref().is_some_and(|d| d.device_id == s.id));
    for f in mine {
        let on = f.fixed_ip_address.as_ref().and_then(|ip| out.iter().position(|a| a.fixed.contains(ip)));
        let i = match on {
            Some(i) => i,
            None => {
                let net = f.port_details.as_ref().map(|d| d.network_id.clone()).unwrap_or_default();
                out.push(NetAddresses { network: net, ..NetAddresses::default() });
                out.len() - 1
            }
        };
        if !out[i].floating.contains(&f.floating_ip_address) {
            out[i].floating.push(f.floating_ip_address.clone());
        }
    }
    out
}

/// `net=fixed, floating; net2=fixed`, as `openstack server list` shows them.
pub fn text(addrs: &[NetAddresses]) -> String {
    addrs
        .iter()
        .map(|a| format!("{}={}", a.network, a.fixed.iter().chain(&a.floating).cloned().collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `[{"network": ..., "fixed": [...], "floating": [...]}]`, for `-o json|yaml`.
pub fn structured(addrs: &[NetAddresses]) -> Value {
    Value::Array(
        addrs.iter().map(|a| json!({"network": a.network, "fixed": a.fixed, "floating": a.floating})).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openstack::neutron::PortDetails;

    #[test]
    fn nova_and_neutron_addresses_merge_per_network() {
        let s: Server = serde_json::from_value(json!({"id": "s1", "name": "n", "status": "ACTIVE", "addresses": {
            "private": [{"addr": "192.0.2.5", "OS-EXT-IPS:type": "fixed"}],
            "shared": [{"addr": "198.51.100.7", "OS-EXT-IPS:type": "fixed"},
                       {"addr": "203.0.113.30", "OS-EXT-IPS:type": "floating"}]}}))
        .unwrap();
        let fip = |addr: &str, fixed: &str, device: &str| FloatingIp {
            id: addr.into(),
            floating_ip_address: addr.into(),
            floating_network_id: "pub".into(),
            port_id: Some("p".into()),
            fixed_ip_address: Some(fixed.into()),
            project_id: String::new(),
            port_details: Some(PortDetails { device_id: device.into(), network_id: "net-id".into() }),
        };
        let fips = [
            fip("203.0.113.20", "192.0.2.5", "s1"),
            fip("203.0.113.30", "198.51.100.7", "s1"),
            fip("203.0.113.40", "192.0.2.5", "other"),
        ];
        let a = of(&s, &fips);
        assert_eq!(text(&a), "private=192.0.2.5, 203.0.113.20; shared=198.51.100.7, 203.0.113.30");
        assert_eq!(a[0].floating, ["203.0.113.20"]);
        assert_eq!(
            structured(&a)[1],
            json!({"network": "shared", "fixed": ["198.51.100.7"], "floating": ["203.0.113.30"]})
        );
        // Nova without the fixed address yet: the floating IP still shows, under its network's ID.
        let bare: Server = serde_json::from_value(json!({"id": "s1", "name": "n", "status": "ACTIVE"})).unwrap();
        assert_eq!(text(&of(&bare, &fips[..1])), "net-id=203.0.113.20");
    }
}
