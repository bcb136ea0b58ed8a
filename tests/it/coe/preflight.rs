//! Every preflight finding, made true (ok) and false (fail or warn) against the real cloud, and template create
//! with and without `--force` (what the preflight stops, what Magnum itself then accepts or refuses).

use serde_json::json;

use super::{flavor_without_disk, good, keypair, node_image, plain_image, preflight, status_of};
use crate::common::{demo, dev, unique};

fn with(base: &[String], extra: &[&str]) -> Vec<String> {
    let mut a = base.to_vec();
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

/// `base` with `flag`'s value replaced (or removed when `value` is None).
fn replaced(base: &[String], flag: &str, value: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = base.iter();
    while let Some(a) = it.next() {
        if a == flag {
            it.next();
            if let Some(v) = value {
                out.push(a.clone());
                out.push(v.to_string());
            }
        } else {
            out.push(a.clone());
        }
    }
    out
}

#[track_caller]
fn expect(args: &[String], id: &str, want: &str, code: i32) {
    let b = demo();
    let (got, found, doc) = preflight(&b, args);
    assert_eq!(status_of(&found, id), want, "{id} for {args:?}: {doc:#}");
    assert_eq!(got, code, "exit code for {args:?}: {found:?}");
}

#[test]
fn preflight_image_os_distro_driver_and_flavors() {
    let b = demo();
    let (image, _) = node_image(&b, "fedora-coreos");
    let k = keypair(&b);
    let base = good(&image, &k);
    // Every finding true: all ok, exit 0.
    let (code, found, doc) = preflight(&b, &base);
    assert_eq!(code, 0, "{doc:#}");
    assert!(found.iter().all(|(_, s)| s == "ok"), "{found:?}");
    for id in [
        "magnum.coe",
        "magnum.image",
        "magnum.image-os-distro",
        "magnum.driver",
        "magnum.flavor",
        "magnum.master-flavor",
        "magnum.keypair",
        "magnum.external-network",
        "magnum.master-lb",
        "magnum.network-driver",
        "magnum.volumes",
        "magnum.services",
        "magnum.quota-servers",
        "magnum.quota-server-groups",
        "magnum.quota-floating-ips",
    ] {
        assert_eq!(status_of(&found, id), "ok", "{id}");
    }
    let driver = doc.as_array().unwrap().iter().find(|f| f["id"] == "magnum.driver").unwrap();
    assert!(driver["summary"].as_str().unwrap().contains("k8s_fedora_coreos_v1"));

    // The image: missing, duplicated, without os_distro, with a wrong (case) value.
    expect(&replaced(&base, "--image", Some("no-such-image")), "magnum.image", "fail", 3);
    expect(&replaced(&base, "--image", None), "magnum.image", "fail", 3);
    let dup = unique("dup");
    plain_image(&b, &dup, json!({"os_distro": "fedora-coreos"}));
    plain_image(&b, &dup, json!({"os_distro": "fedora-coreos"}));
    expect(&replaced(&base, "--image", Some(&dup)), "magnum.image", "fail", 3);
    let bare = unique("nodistro");
    plain_image(&b, &bare, json!({}));
    expect(&replaced(&base, "--image", Some(&bare)), "magnum.image-os-distro", "fail", 3);
    let wrong = unique("wrongcase");
    plain_image(&b, &wrong, json!({"os_distro": "Fedora-CoreOS"}));
    expect(&replaced(&base, "--image", Some(&wrong)), "magnum.image-os-distro", "fail", 3);
    expect(&replaced(&base, "--image", Some(&wrong)), "magnum.driver", "fail", 3);

    // Flavors: unknown, missing master flavor, a disk of 0 without and with boot_volume_size.
    expect(&replaced(&base, "--flavor", Some("m1.nope")), "magnum.flavor", "fail", 3);
    expect(&replaced(&base, "--master-flavor", None), "magnum.master-flavor", "fail", 3);
    let d0 = flavor_without_disk();
    expect(&replaced(&base, "--flavor", Some(&d0)), "magnum.flavor", "fail", 3);
    // With boot_volume_size the flavor passes; the boot volumes then need Cinder, which this cloud lacks.
    let booted = with(&replaced(&base, "--flavor", Some(&d0)), &["--label", "boot_volume_size=10"]);
    expect(&booted, "magnum.flavor", "ok", 3);
    expect(&booted, "magnum.volumes", "fail", 3);
    expect(&with(&base, &["--coe", "swarm"]), "magnum.coe", "fail", 3);
}

#[test]
fn preflight_keypair_networks_drivers_and_load_balancer() {
    let b = demo();
    let (image, _) = node_image(&b, "fedora-coreos");
    let k = keypair(&b);
    let base = good(&image, &k);
    expect(&replaced(&base, "--keypair", Some("no-such-keypair")), "magnum.keypair", "fail", 3);
    // No keypair: a warning (cluster create may give one), not a failure; `--fail-on warn` makes it count.
    let without = replaced(&base, "--keypair", None);
    expect(&without, "magnum.keypair", "warn", 0);
    expect(&with(&without, &["--fail-on", "warn"]), "magnum.keypair", "warn", 3);

    let private = dev("BERTH_DEV_NET_PRIVATE");
    expect(&replaced(&base, "--external-network", Some(&private)), "magnum.external-network", "fail", 3);
    expect(&replaced(&base, "--external-network", Some("no-such-net")), "magnum.external-network", "fail", 3);
    expect(&replaced(&base, "--external-network", None), "magnum.external-network", "warn", 0);

    expect(&with(&base, &["--network", "no-such-net"]), "magnum.fixed-network", "fail", 3);
    expect(&with(&base, &["--network", &private]), "magnum.fixed-network", "ok", 0);
    let private_subnet = dev("BERTH_DEV_SUBNET_PRIVATE");
    let public_subnet = dev("BERTH_DEV_SUBNET_PUBLIC");
    expect(&with(&base, &["--network", &private, "--subnet", &private_subnet]), "magnum.fixed-subnet", "ok", 0);
    expect(&with(&base, &["--network", &private, "--subnet", &public_subnet]), "magnum.fixed-subnet", "fail", 3);
    expect(&with(&base, &["--network", &private, "--subnet", "no-such-subnet"]), "magnum.fixed-subnet", "fail", 3);

    expect(&with(&base, &["--master-count", "3"]), "magnum.master-lb", "fail", 3);
    // A load balancer needs Octavia, which this cloud lacks.
    expect(&with(&base, &["--master-count", "3", "--master-lb"]), "magnum.master-lb", "fail", 3);
    expect(&with(&base, &["--network-driver", "weave"]), "magnum.network-driver", "fail", 3);
    expect(&with(&base, &["--network-driver", "calico"]), "magnum.network-driver", "ok", 0);
    expect(&with(&base, &["--volume-driver", "cinder"]), "magnum.volumes", "fail", 3);
    expect(&with(&base, &["--docker-volume-size", "5"]), "magnum.volumes", "fail", 3);
    // Quotas: demo may have 100 instances and 500 floating IPs.
    expect(&with(&base, &["--node-count", "200"]), "magnum.quota-servers", "fail", 3);
    expect(&with(&base, &["--node-count", "600"]), "magnum.quota-floating-ips", "fail", 3);
    expect(&with(&base, &["--node-count", "600", "--no-floating-ip"]), "magnum.quota-floating-ips", "ok", 3);
    // Server groups: a group may have 10 members here (Nova's default), and every worker is in one group.
    expect(&with(&base, &["--node-count", "11"]), "magnum.quota-server-groups", "fail", 3);
    expect(&with(&base, &["--node-count", "10"]), "magnum.quota-server-groups", "ok", 0);
}

#[test]
fn a_project_without_room_for_two_server_groups_is_told_before_magnum() {
    let b = demo();
    let (image, _) = node_image(&b, "fedora-coreos");
    let args = good(&image, "no-such-keypair");
    let p = crate::neutron::Project::new();
    let quota = |groups: i64| {
        let url = format!("{}/os-quota-sets/{}", dev("BERTH_DEV_COMPUTE_URL"), p.id);
        crate::common::api(p.admin(), "PUT", &url, Some(json!({"quota_set": {"server_groups": groups}})));
    };
    let group = |doc: &serde_json::Value| {
        doc.as_array().unwrap().iter().find(|f| f["id"] == "magnum.quota-server-groups").cloned().unwrap()
    };
    quota(1);
    let (_, found, doc) = preflight(&p.berth(), &args);
    assert_eq!(status_of(&found, "magnum.quota-server-groups"), "fail", "{doc:#}");
    let g = group(&doc);
    assert!(g["evidence"].as_str().unwrap().contains("server groups 0/1 used"), "{g}");
    assert!(g["remedy"].as_str().unwrap().contains("openstack server group list"), "{g}");
    quota(2);
    let (_, found, doc) = preflight(&p.berth(), &args);
    assert_eq!(status_of(&found, "magnum.quota-server-groups"), "ok", "{doc:#}");
}

#[test]
fn template_create_is_refused_by_the_preflight_and_sent_with_force() {
    let b = demo();
    let (image, _) = node_image(&b, "fedora-coreos");
    let name = unique("tpl");
    let mut args: Vec<String> = ["coe", "template", "create", &name].iter().map(|s| s.to_string()).collect();
    args.extend(good(&image, "no-such-keypair"));
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let refused = b.run(&a).code(2);
    assert!(refused.stderr.contains("the preflight refuses cluster template"), "{}", refused.stderr);
    assert!(refused.stderr.contains("magnum.keypair: no keypair is called `no-such-keypair`"), "{}", refused.stderr);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert!(refused.stdout.is_empty());
    let listed = b.run(&["coe", "template", "list", "-o", "json"]).ok().json();
    assert!(!listed.as_array().unwrap().iter().any(|t| t["name"] == name.as_str()), "refused, yet created");

    // --force: Magnum itself accepts a template naming a keypair that does not exist.
    let mut forced = a.clone();
    forced.extend(["--force", "-o", "json"]);
    let out = b.run(&forced).ok();
    assert!(out.stderr.contains("--force: magnum.keypair"), "{}", out.stderr);
    let t = out.json();
    assert_eq!((t["name"].as_str(), t["keypair"].as_str()), (Some(name.as_str()), Some("no-such-keypair")));
    let shown = b.run(&["coe", "template", "show", &name, "-o", "json"]).ok().json();
    assert_eq!(shown["uuid"], t["uuid"]);
    assert_eq!(shown["image"], image.as_str());
    // The preflight of the stored template finds the same.
    let (code, found, _) = preflight(&b, &["--template".to_string(), name.clone()]);
    assert_eq!((code, status_of(&found, "magnum.keypair").as_str()), (3, "fail"));

    // What Magnum refuses itself, through --force: an image without os_distro (exit 2, Magnum's message).
    let bare = unique("nodistro");
    plain_image(&b, &bare, json!({}));
    let other = unique("tpl");
    let mut args: Vec<String> =
        ["coe", "template", "create", &other, "--force"].iter().map(|s| s.to_string()).collect();
    args.extend(good(&bare, "no-such-keypair"));
    let magnum = b.run_args(&args).code(2);
    assert!(magnum.stderr.contains("Magnum answered HTTP 400"), "{}", magnum.stderr);
    assert!(magnum.stderr.contains("os_distro"), "{}", magnum.stderr);

    let deleted = b.run(&["coe", "template", "delete", &name, "-o", "json"]).ok().json();
    assert_eq!(deleted[0]["deleted"], true);
    let gone = b.run(&["coe", "template", "show", &name]).code(2);
    assert!(gone.stderr.contains("no cluster template is called"), "{}", gone.stderr);
    b.run(&["coe", "preflight", "--template", "no-such-template"]).code(2);
}
