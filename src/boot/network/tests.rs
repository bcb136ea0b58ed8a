//! The network plan against hand-made Neutron facts: every refusal, and the NICs Nova gets.

use super::*;
use crate::openstack::neutron::{FixedIp, PortDetails};

fn net(name: &str, project: &str, shared: bool, external: bool) -> Network {
    Network {
        id: format!("{name}-id"),
        name: name.into(),
        project_id: project.into(),
        shared,
        external,
        mtu: Some(1450),
        subnets: vec![],
        port_security_enabled: Some(true),
    }
}

fn port(name: &str, device: &str) -> Port {
    Port {
        id: format!("{name}-id"),
        name: name.into(),
        network_id: "private-id".into(),
        device_id: device.into(),
        device_owner: if device.is_empty() { String::new() } else { "compute:nova".into() },
        fixed_ips: vec![FixedIp { subnet_id: "s".into(), ip_address: "192.0.2.9".into() }],
        project_id: "demo-id".into(),
    }
}

/// Project `demo` of the dev cloud.
fn facts() -> NetFacts {
    NetFacts {
        project_id: "demo-id".into(),
        project: "demo".into(),
        networks: vec![
            net("private", "demo-id", false, false),
            net("shared", "admin-id", true, false),
            net("public", "admin-id", false, true),
            net("theirs", "other-id", false, false),
        ],
        subnets: vec![Subnet {
            id: "s".into(),
            name: "private-subnet".into(),
            network_id: "private-id".into(),
            cidr: "192.0.2.0/24".into(),
        }],
        security_groups: vec![
            SecurityGroup { id: "sg1".into(), name: "default".into(), project_id: "demo-id".into() },
            SecurityGroup { id: "sg2".into(), name: "default".into(), project_id: "admin-id".into() },
            SecurityGroup { id: "sg3".into(), name: "web".into(), project_id: "demo-id".into() },
        ],
        ..NetFacts::default()
    }
}

fn ask() -> Ask {
    Ask { count: 1, ..Ask::default() }
}

/// The refusals' messages (and whether `--force` lifts each).
fn refusals(a: &Ask, f: &NetFacts) -> Vec<(String, bool)> {
    plan(a, f).1.into_iter().map(|(f, force)| (f.message, force)).collect()
}

#[test]
fn networks_in_order_with_fixed_ips() {
    let a = Ask {
        networks: vec!["private".into(), "shared-id".into()],
        fixed_ips: vec![
            ("private".into(), "192.0.2.50".parse().unwrap()),
            ("shared".into(), "198.51.100.9".parse().unwrap()),
        ],
        ..ask()
    };
    let mut f = facts();
    f.subnets.push(Subnet {
        id: "s2".into(),
        name: String::new(),
        network_id: "shared-id".into(),
        cidr: "198.51.100.0/24".into(),
    });
    let (p, r) = plan(&a, &f);
    assert!(r.is_empty(), "{:?}", r.iter().map(|x| &x.0.message).collect::<Vec<_>>());
    // The first --fixed-ip goes to the --network of its network, the second to that --network too.
    assert_eq!(
        p.nics,
        vec![
            Nic::Network { id: "private-id".into(), name: "private".into(), fixed_ip: Some("192.0.2.50".into()) },
            Nic::Network { id: "shared-id".into(), name: "shared".into(), fixed_ip: Some("198.51.100.9".into()) },
        ]
    );
    // A --fixed-ip without its --network adds a NIC.
    let a = Ask { fixed_ips: vec![("private".into(), "192.0.2.51".parse().unwrap())], ..ask() };
    assert_eq!(plan(&a, &facts()).0.nics.len(), 1);
}

#[test]
fn unknown_and_unusable_networks() {
    let a = Ask { networks: vec!["privat".into()], ..ask() };
    let (_, r) = plan(&a, &facts());
    assert_eq!(r[0].0.message, "no network is called `privat` or has that ID in project `demo`");
    let hint = r[0].0.hint.clone().unwrap();
    assert!(hint.starts_with("did you mean `private`?"), "{hint}");
    assert!(hint.contains("can boot on: `private`, `shared`"), "{hint}");
    assert!(!r[0].1);

    let a = Ask { networks: vec!["public".into(), "theirs".into()], ..ask() };
    let r = refusals(&a, &facts());
    assert_eq!(r.len(), 2);
    assert!(r[0].0.contains("`public` is external") && r[0].1, "{r:?}");
    assert!(r[1].0.contains("belongs to project `other-id` and is not shared with project `demo`") && r[1].1);

    let mut f = facts();
    f.networks.push(net("private", "demo-id", false, false));
    let r = refusals(&Ask { networks: vec!["private".into()], ..ask() }, &f);
    assert_eq!(r[0].0, "2 networks are called `private`");
}

#[test]
fn fixed_ips_outside_the_subnets_or_taken() {
    let a = Ask {
        networks: vec!["private".into()],
        fixed_ips: vec![("private".into(), "10.9.9.9".parse().unwrap())],
        ..ask()
    };
    assert_eq!(refusals(&a, &facts())[0].0, "`10.9.9.9` is not in any subnet of network `private` (192.0.2.0/24)");
    let a = Ask { fixed_ips: vec![("shared".into(), "198.51.100.9".parse().unwrap())], ..ask() };
    assert!(refusals(&a, &facts())[0].0.ends_with("(it has none)"));
    let mut f = facts();
    f.taken.push(port("p", "srv"));
    let a = Ask { fixed_ips: vec![("private".into(), "192.0.2.9".parse().unwrap())], ..ask() };
    assert_eq!(refusals(&a, &f)[0].0, "`192.0.2.9` on network `private` is taken by port `p-id` of `srv`");
    assert!(cidr_contains("fd00::/64", "fd00::1".parse().unwrap()));
    assert!(!cidr_contains("fd00::/64", "fd01::1".parse().unwrap()));
    assert!(cidr_contains("0.0.0.0/0", "8.8.8.8".parse().unwrap()));
    assert!(!cidr_contains("192.0.2.0/24", "fd00::1".parse().unwrap()));
}

#[test]
fn ports_free_unknown_bound_ambiguous() {
    let mut f = facts();
    f.ports = vec![vec![port("free", "")], vec![], vec![port("bound", "srv")], vec![port("two", ""), port("two", "")]];
    f.port_names = vec!["free".into(), "bound".into()];
    let a = Ask { ports: vec!["free".into(), "fre".into(), "bound".into(), "two".into()], ..ask() };
    let (p, r) = plan(&a, &f);
    assert_eq!(p.nics, vec![Nic::Port { id: "free-id".into(), network_id: "private-id".into() }]);
    let messages: Vec<&str> = r.iter().map(|x| x.0.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "no port is called `fre` or has that ID",
            "port `bound` is already bound: `srv` (compute:nova) holds it",
            "2 ports are called `two`"
        ]
    );
    assert!(r[0].0.hint.as_deref().unwrap().starts_with("did you mean `free`?"));
    assert!(r.iter().all(|x| !x.1));
    // One port cannot serve several servers.
    f.ports.truncate(1);
    let r = refusals(&Ask { ports: vec!["free".into()], count: 2, ..ask() }, &f);
    assert!(r[0].0.contains("not one for 2 servers"), "{r:?}");
}

#[test]
fn security_groups_by_name_in_the_project_or_id() {
    let a = Ask { networks: vec!["private".into()], security_groups: vec!["default".into(), "sg3".into()], ..ask() };
    let (p, r) = plan(&a, &facts());
    assert!(r.is_empty());
    assert_eq!(p.security_groups, ["sg1", "sg3"]);
    let a = Ask { networks: vec!["private".into()], security_groups: vec!["defualt".into()], ..ask() };
    let (_, r) = plan(&a, &facts());
    assert_eq!(r[0].0.message, "no security group is called `defualt` or has that ID in project `demo`");
    assert_eq!(r[0].0.hint.as_deref(), Some("did you mean `default`? security groups here: default, web"));
    // Only ports: Nova would ignore them.
    let mut f = facts();
    f.ports = vec![vec![port("free", "")]];
    let a = Ask { ports: vec!["free".into()], security_groups: vec!["web".into()], ..ask() };
    assert!(refusals(&a, &f)[0].0.contains("no effect with `--port` alone"));
    // A network without port security.
    f.networks[0].port_security_enabled = Some(false);
    let a = Ask { networks: vec!["private".into()], security_groups: vec!["web".into()], ..ask() };
    assert!(refusals(&a, &f)[0].0.contains("port security disabled"));
}

#[test]
fn floating_ips() {
    let alloc = Ask { networks: vec!["private".into()], floating: Some(None), ..ask() };
    let (p, r) = plan(&alloc, &facts());
    assert!(r.is_empty());
    assert_eq!(p.floating, Some(Floating::Allocate { network_id: "public-id".into(), network_name: "public".into() }));

    let mut none = facts();
    none.networks.retain(|n| !n.external);
    let r = refusals(&alloc, &none);
    assert_eq!(
        r[0].0,
        "no external network (router:external) is visible to project `demo`: there is nowhere to allocate a floating IP from"
    );
    let mut two = facts();
    two.networks.push(net("public2", "admin-id", false, true));
    assert_eq!(refusals(&alloc, &two)[0].0, "2 external networks are visible: `public`, `public2`");
    let chosen = Ask { floating_network: Some("public2".into()), ..alloc.clone() };
    assert!(
        matches!(plan(&chosen, &two).0.floating, Some(Floating::Allocate { network_name, .. }) if network_name == "public2")
    );
    let not_external = Ask { floating_network: Some("shared".into()), ..alloc.clone() };
    assert!(refusals(&not_external, &facts())[0].0.contains("`shared` is not external"));

    let address = Ask { floating: Some(Some("203.0.113.20".parse().unwrap())), ..alloc.clone() };
    assert_eq!(refusals(&address, &facts())[0].0, "project `demo` has no floating IP `203.0.113.20`");
    let mut f = facts();
    let fip = FloatingIp {
        id: "fip".into(),
        floating_ip_address: "203.0.113.20".into(),
        floating_network_id: "public-id".into(),
        port_id: None,
        fixed_ip_address: None,
        project_id: "demo-id".into(),
        port_details: None,
    };
    f.floating = vec![fip.clone()];
    assert_eq!(
        plan(&address, &f).0.floating,
        Some(Floating::Existing { id: "fip".into(), address: "203.0.113.20".into() })
    );
    f.floating[0].port_id = Some("p".into());
    f.floating[0].port_details = Some(PortDetails { device_id: "srv".into(), network_id: "private-id".into() });
    assert_eq!(refusals(&address, &f)[0].0, "floating IP `203.0.113.20` is already associated with port `p` of `srv`");
    f.floating = vec![fip];
    assert!(refusals(&Ask { count: 3, ..address }, &f)[0].0.contains("cannot go to 3 servers"));
}

#[test]
fn no_network_named_where_nova_cannot_choose() {
    // Two networks demo can boot on (private, shared): Nova would answer 409.
    let r = refusals(&ask(), &facts());
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].0.contains("can boot on 2 networks (`private`, `shared`)") && !r[0].1, "{r:?}");
    // One: Nova takes it.
    let mut one = facts();
    one.networks.retain(|n| n.name != "shared");
    assert!(refusals(&ask(), &one).is_empty());
}
