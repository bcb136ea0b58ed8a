//! `berth boot` on the dev cloud's real Neutron: networks, ports, fixed IPs, security groups and floating IPs, every
//! refusal of the preflight, and a fresh project that first sees no external network, then one, then a floating
//! IP quota of 0 (with `gaps --only networking` saying each).
//!
//! Parallel-safe: each test boots servers of unique names and makes its own ports, networks, floating IPs and
//! projects, deleted on drop. The seed networks (`private`, `shared`, `public`) are only used, never changed.

use serde_json::{Value, json};

use crate::boot::{boot, delete, servers_named, synced_image};
use crate::common::{Berth, demo, dev, unique};
use crate::neutron::{Made, Project, neutron, status, token};

/// The `networks` of a boot's or `server list`'s row, as (network, fixed, floating).
fn networks(row: &Value) -> Vec<(String, Vec<String>, Vec<String>)> {
    let strings =
        |v: &Value| -> Vec<String> { v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect() };
    row["networks"]
        .as_array()
        .unwrap_or_else(|| panic!("no networks in {row}"))
        .iter()
        .map(|n| (n["network"].as_str().unwrap().to_string(), strings(&n["fixed"]), strings(&n["floating"])))
        .collect()
}

/// The server's ports, as Neutron has them.
fn ports_of(token: &str, server: &str) -> Vec<Value> {
    neutron(token, "GET", &format!("/ports?device_id={server}"), None)["ports"].as_array().unwrap().clone()
}

/// A second, unused octet for a test network's 10.x.y.0/24 (overlapping addresses are allowed; this is for reading).
fn octet() -> u32 {
    std::process::id() % 200 + 20
}

#[test]
fn boot_on_one_network_on_two_and_with_a_fixed_ip() {
    let b = demo();
    let t = token(&b);
    let (image, _) = synced_image(&b);

    // One network: a port on `private` and its address, reported per network.
    let name = unique("n");
    let out = boot(&b, &[&name, "--image", &image, "--flavor", "m1.tiny", "--network", "private", "--wait"]).ok();
    let row = &out.json()[0];
    let id = row["id"].as_str().unwrap().to_string();
    let nets = networks(row);
    assert_eq!(nets.len(), 1, "{row}");
    let (net, fixed, floating) = &nets[0];
    assert_eq!((net.as_str(), fixed.len(), floating.len()), ("private", 1, 0), "{row}");
    assert!(fixed[0].starts_with("192.0.2."), "{row}");
    assert_eq!(row["addresses"], format!("private={}", fixed[0]).as_str());
    let ports = ports_of(&t, &id);
    assert_eq!(ports.len(), 1);
    assert_eq!(ports[0]["network_id"], dev("BERTH_DEV_NET_PRIVATE_ID").as_str());
    assert_eq!(ports[0]["fixed_ips"][0]["ip_address"], fixed[0].as_str());
    assert_eq!(ports[0]["status"], "ACTIVE");

    // Two networks, by name and by ID, with a security group by name: a port on each, the group on both.
    let two = unique("n");
    let shared_id = dev("BERTH_DEV_NET_SHARED_ID");
    let args = ["--network", "private", "--network", &shared_id, "--security-group", "default", "--wait"];
    let mut all = vec![two.as_str(), "--image", &image, "--flavor", "m1.tiny"];
    all.extend(args);
    let row = boot(&b, &all).ok().json()[0].clone();
    let two_id = row["id"].as_str().unwrap().to_string();
    let mut seen: Vec<String> = networks(&row).into_iter().map(|(n, f, _)| format!("{n}:{}", f.len())).collect();
    seen.sort();
    assert_eq!(seen, ["private:1", "shared:1"], "{row}");
    let ports = ports_of(&t, &two_id);
    assert_eq!(ports.len(), 2);
    for p in &ports {
        assert_eq!(p["security_groups"], json!([dev("BERTH_DEV_SECGROUP_DEMO_ID")]), "{p}");
    }

    // A fixed IP on a network of the test's own.
    let mut made = Made::new(&t);
    let net_name = unique("net");
    made.network(&net_name, &format!("10.{}.7.0/24", octet()), json!({}));
    let ip = format!("10.{}.7.77", octet());
    let three = unique("n");
    let fixed_ip = format!("{net_name}={ip}");
    let row =
        boot(&b, &[&three, "--image", &image, "--flavor", "m1.tiny", "--fixed-ip", &fixed_ip, "--wait"]).ok().json()[0]
            .clone();
    assert_eq!(networks(&row), [(net_name.clone(), vec![ip.clone()], vec![])]);
    let three_id = row["id"].as_str().unwrap().to_string();

    // server list shows the same.
    let listed = b.run(&["server", "list", "-o", "json"]).ok().json();
    let listed = listed.as_array().unwrap().iter().find(|s| s["id"] == three_id.as_str()).unwrap().clone();
    assert_eq!(listed["addresses"], format!("{net_name}={ip}").as_str());

    delete(&b, &[&id, &two_id, &three_id]);
    for s in [&id, &two_id, &three_id] {
        assert!(ports_of(&t, s).is_empty(), "the ports of {s} outlived it");
    }
}

#[test]
fn boot_on_a_port_made_beforehand() {
    let b = demo();
    let t = token(&b);
    let (image, _) = synced_image(&b);
    let mut made = Made::new(&t);
    let port_name = unique("port");
    let port = made.create("/ports", "port", json!({"name": port_name, "network_id": dev("BERTH_DEV_NET_PRIVATE_ID")}));
    let port_ip = port["fixed_ips"][0]["ip_address"].as_str().unwrap().to_string();

    let name = unique("n");
    let row = boot(&b, &[&name, "--image", &image, "--flavor", "m1.tiny", "--port", &port_name, "--wait"]).ok().json()
        [0]
    .clone();
    assert_eq!(networks(&row), [("private".to_string(), vec![port_ip.clone()], vec![])]);
    let id = row["id"].as_str().unwrap().to_string();
    let bound = neutron(&t, "GET", &format!("/ports/{}", port["id"].as_str().unwrap()), None);
    assert_eq!(bound["port"]["device_id"], id.as_str());

    // The port is taken now: a second boot on it is refused before anything is created.
    let again = unique("n");
    boot(&b, &[&again, "--image", &image, "--flavor", "m1.tiny", "--port", port["id"].as_str().unwrap()])
        .code(2)
        .stderr_has(&format!(
            "port `{}` is already bound: `{id}` (compute:nova) holds it",
            port["id"].as_str().unwrap()
        ))
        .stderr_has("hint: a port serves one server");
    assert!(servers_named(&b, &again).is_empty());

    // The server goes, the port stays (it was not Nova's), free again.
    delete(&b, &[&id]);
    let left = neutron(&t, "GET", &format!("/ports/{}", port["id"].as_str().unwrap()), None);
    assert_eq!(left["port"]["device_id"], "", "{left}");
}

#[test]
fn a_floating_ip_allocated_reported_and_released_and_one_that_is_taken() {
    let b = demo();
    let t = token(&b);
    let (image, _) = synced_image(&b);

    // Allocated by berth (no --wait: --floating-ip waits for ACTIVE), reported beside the fixed address.
    let name = unique("n");
    let row = boot(&b, &[&name, "--image", &image, "--flavor", "m1.tiny", "--network", "private", "--floating-ip"])
        .ok()
        .json()[0]
        .clone();
    assert_eq!(row["status"], "ACTIVE");
    let id = row["id"].as_str().unwrap().to_string();
    let nets = networks(&row);
    let (net, fixed, floating) = &nets[0];
    assert_eq!((net.as_str(), fixed.len(), floating.len()), ("private", 1, 1), "{row}");
    assert!(floating[0].starts_with("203.0.113."), "{row}");
    assert_eq!(row["addresses"], format!("private={}, {}", fixed[0], floating[0]).as_str());

    // Recorded in the server's metadata, associated with its port in Neutron, shown by server show and list.
    let shown = b.run(&["server", "show", &name, "-o", "json"]).ok().json();
    let fip_id = shown["metadata"]["berth_floating_ip_id"].as_str().expect("berth_floating_ip_id").to_string();
    assert_eq!(networks(&shown), nets);
    let fip = neutron(&t, "GET", &format!("/floatingips/{fip_id}"), None)["floatingip"].clone();
    assert_eq!(fip["floating_ip_address"], floating[0].as_str());
    assert_eq!(fip["port_id"], ports_of(&t, &id)[0]["id"]);
    assert_eq!(fip["floating_network_id"], dev("BERTH_DEV_NET_PUBLIC_ID").as_str());
    let table = b.run(&["server", "list", "--name", &name]).ok();
    assert!(table.stdout.contains(&format!("private={}, {}", fixed[0], floating[0])), "{}", table.stdout);

    // server delete releases it.
    let gone = b.run(&["server", "delete", "--wait", &name, "-o", "json"]).ok().json();
    assert_eq!(gone[0]["released_floating_ip"], floating[0].as_str());
    assert_eq!(status(&t, &format!("/floatingips/{fip_id}")), 404, "the floating IP outlived its server");

    // A floating IP of the project's own, by address: taken, reported, and kept after the server is gone.
    let mut made = Made::new(&t);
    let own = made.create("/floatingips", "floatingip", json!({"floating_network_id": dev("BERTH_DEV_NET_PUBLIC_ID")}));
    let address = own["floating_ip_address"].as_str().unwrap().to_string();
    let name = unique("n");
    let row =
        boot(&b, &[&name, "--image", &image, "--flavor", "m1.tiny", "--network", "private", "--floating-ip", &address])
            .ok()
            .json()[0]
            .clone();
    assert_eq!(networks(&row)[0].2, vec![address.clone()], "{row}");
    let shown = b.run(&["server", "show", &name, "-o", "json"]).ok().json();
    assert!(shown["metadata"].get("berth_floating_ip_id").is_none(), "{shown}");

    // Taken now: another boot asking for it is refused.
    let other = unique("n");
    boot(&b, &[&other, "--image", &image, "--flavor", "m1.tiny", "--network", "private", "--floating-ip", &address])
        .code(2)
        .stderr_has(&format!("floating IP `{address}` is already associated with port"));
    assert!(servers_named(&b, &other).is_empty());

    let gone = b.run(&["server", "delete", "--wait", &name, "-o", "json"]).ok().json();
    assert_eq!(gone[0]["released_floating_ip"], Value::Null);
    let kept = neutron(&t, "GET", &format!("/floatingips/{}", own["id"].as_str().unwrap()), None);
    assert_eq!(kept["floatingip"]["port_id"], Value::Null, "{kept}");
}

#[test]
fn network_refusals_create_nothing() {
    let b = demo();
    let t = token(&b);
    let (image, _) = synced_image(&b);
    let mut made = Made::new(&t);
    let free = unique("port");
    made.create("/ports", "port", json!({"name": free, "network_id": dev("BERTH_DEV_NET_PRIVATE_ID")}));
    // A network of the admin's, not shared: the demo project does not even see it.
    let admin = crate::common::admin_token();
    let mut admin_made = Made::new(&admin);
    let (hidden, _) = admin_made.network(&unique("adm"), "10.250.0.0/24", json!({}));
    let hidden_id = hidden["id"].as_str().unwrap();

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--network", "privat"], "no network is called `privat` or has that ID in project `demo`"),
        (vec!["--network", hidden_id], "or has that ID in project `demo`"),
        (vec!["--network", "public"], "network `public` is external (router:external)"),
        (vec!["--port", "no-such-port"], "no port is called `no-such-port`"),
        (vec!["--network", "private", "--security-group", "defualt"], "did you mean `default`?"),
        (vec!["--port", &free, "--security-group", "default"], "no effect with `--port` alone"),
        (
            vec!["--network", "private", "--fixed-ip", "private=10.9.9.9"],
            "`10.9.9.9` is not in any subnet of network `private` (192.0.2.0/24)",
        ),
        (
            vec!["--network", "private", "--floating-ip", "203.0.113.254"],
            "project `demo` has no floating IP `203.0.113.254`",
        ),
        (
            vec!["--network", "private", "--floating-ip", "--floating-network", "shared"],
            "network `shared` is not external",
        ),
        (vec!["--network", "private", "--floating-ip", "--floating-network", "publik"], "did you mean `public`?"),
    ];
    for (extra, needle) in cases {
        let name = unique("n");
        let mut args = vec![name.as_str(), "--image", &image, "--flavor", "m1.tiny"];
        args.extend(extra.iter().copied());
        boot(&b, &args).code(2).stderr_has(needle).stderr_has("hint: ");
        assert!(servers_named(&b, &name).is_empty(), "{args:?} created a server");
    }

    // The admin sees demo's network, which is not the admin project's and not shared: refused, and --force lifts it.
    let admin_berth = Berth::new().clouds().env("OS_CLOUD", "berth-admin");
    let name = unique("n");
    let args = [name.as_str(), "--image", &image, "--flavor", "m1.tiny", "--network", "private"];
    boot(&admin_berth, &args)
        .code(2)
        .stderr_has("network `private` belongs to project")
        .stderr_has("is not shared with project `admin`")
        .stderr_has("an admin may `--force`");
    assert!(servers_named(&b, &name).is_empty());
    // A clap-level refusal: a bad address is no address.
    boot(&b, &[&name, "--image", &image, "--flavor", "m1.tiny", "--fixed-ip", "private=192.0.2.x"]).code(2);
}

#[test]
fn a_fresh_project_without_an_external_network_then_with_one_then_without_quota() {
    let p = Project::new();
    let b = p.berth();
    let (image, _) = synced_image(&b);
    let gaps = |b: &Berth| -> Vec<Value> {
        let out = b.run(&["gaps", "--only", "networking", "--probe-timeout", "20", "-o", "json"]).ok();
        out.json().as_array().unwrap().clone()
    };
    let find = |f: &[Value], id: &str| f.iter().find(|x| x["id"] == id).unwrap_or_else(|| panic!("no {id}")).clone();
    let boot_floating = |name: &str| {
        boot(&b, &[name, "--image", &image, "--flavor", "m1.tiny", "--network", "shared", "--floating-ip"])
    };

    // No external network: gaps says so, and --floating-ip is refused before anything is created.
    let f = gaps(&b);
    let ext = find(&f, "networking.external-network");
    assert_eq!(ext["status"], "warn", "{ext}");
    assert_eq!(ext["summary"], "no external network is visible to this project");
    let fip = find(&f, "networking.floating-ip");
    assert_eq!(
        (fip["status"].as_str(), fip["summary"].as_str()),
        (Some("warn"), Some("the project cannot get a floating IP: no external network"))
    );
    let nets = find(&f, "networking.project-networks");
    assert_eq!(nets["status"], "ok");
    assert!(nets["evidence"].as_str().unwrap().starts_with("own: none; shared: "), "{nets}");
    assert!(nets["evidence"].as_str().unwrap().contains("`shared`"), "{nets}");
    assert!(find(&f, "networking.mtu")["evidence"].as_str().unwrap().contains("`shared` 1450"));
    let name = unique("n");
    boot_floating(&name)
        .code(2)
        .stderr_has(&format!("no external network (router:external) is visible to project `{}`", p.name))
        .stderr_has("access_as_external");
    assert!(servers_named(&b, &name).is_empty());

    // An external network for this project alone (an access_as_external policy aimed at it), and a network of
    // its own with a small MTU.
    let mut admin_made = Made::new(p.admin());
    let ext_name = unique("ext");
    let (ext_net, _) = admin_made.network(&ext_name, "100.64.9.0/24", json!({}));
    admin_made.create(
        "/rbac-policies",
        "rbac_policy",
        json!({"object_type": "network", "object_id": ext_net["id"], "action": "access_as_external", "target_tenant": p.id}),
    );
    let mut own = Made::new(&token(&b));
    let own_name = unique("own");
    own.network(&own_name, "10.1.2.0/24", json!({"mtu": 1400}));
    let f = gaps(&b);
    let ext = find(&f, "networking.external-network");
    assert_eq!(
        (ext["status"].as_str(), ext["summary"].as_str()),
        (Some("ok"), Some(format!("external networks: `{ext_name}`").as_str()))
    );
    let quota = neutron(p.admin(), "GET", &format!("/quotas/{}/details", p.id), None)["quota"]["floatingip"].clone();
    let fip = find(&f, "networking.floating-ip");
    assert_eq!(fip["status"], "ok", "{fip}");
    assert_eq!(fip["summary"], format!("the project can get {} more floating IPs (0 in use)", quota["limit"]).as_str());
    assert!(
        find(&f, "networking.project-networks")["evidence"]
            .as_str()
            .unwrap()
            .starts_with(&format!("own: `{own_name}`;"))
    );
    let mtu = find(&f, "networking.mtu");
    assert_eq!(mtu["status"], "warn");
    assert!(mtu["evidence"].as_str().unwrap().contains(&format!("`{own_name}` 1400")), "{mtu}");

    // Floating IP quota 0: gaps warns, and the boot stops at the allocation, before a server exists (exit 1).
    neutron(p.admin(), "PUT", &format!("/quotas/{}", p.id), Some(json!({"quota": {"floatingip": 0}})));
    let fip = find(&gaps(&b), "networking.floating-ip");
    assert_eq!(fip["status"], "warn", "{fip}");
    assert_eq!(fip["summary"], "the project cannot get a floating IP: its quota is 0 and 0 are in use");
    let name = unique("n");
    boot_floating(&name)
        .code(1)
        .stderr_has("Quota exceeded")
        .stderr_has("hint: the project's quota does not allow this");
    assert!(servers_named(&b, &name).is_empty());

    // Two external networks: berth does not guess which.
    let (second, _) = admin_made.network(&unique("ext"), "100.64.10.0/24", json!({}));
    admin_made.create(
        "/rbac-policies",
        "rbac_policy",
        json!({"object_type": "network", "object_id": second["id"], "action": "access_as_external", "target_tenant": p.id}),
    );
    boot_floating(&unique("n")).code(2).stderr_has("2 external networks are visible").stderr_has("--floating-network");
    // The demo project sees neither of them.
    let demo_ext = neutron(&token(&demo()), "GET", "/networks?router:external=true", None);
    assert_eq!(demo_ext["networks"].as_array().unwrap().len(), 1, "{demo_ext}");
}
