use super::*;
use crate::openstack::nova::Flavor;
use serde_json::json;

fn facts() -> Facts {
    let img: Image =
        serde_json::from_value(json!({"id": "i1", "name": "fcos", "status": "active", "os_distro": "fedora-coreos"}))
            .unwrap();
    let net = |id: &str, name: &str, ext: bool| -> Network {
        serde_json::from_value(json!({"id": id, "name": name, "router:external": ext})).unwrap()
    };
    Facts {
        services: ["network", "orchestration", "container-infrastructure-management", "compute", "image"]
            .map(String::from)
            .to_vec(),
        images: Fact::Known(vec![img]),
        flavors: Fact::Known(vec![
            Flavor { id: "1".into(), name: "m1.small".into(), vcpus: 1, ram: 2048, disk: 20 },
            Flavor { id: "2".into(), name: "d0".into(), vcpus: 1, ram: 512, disk: 0 },
        ]),
        keypairs: Fact::Known(vec!["k".into()]),
        networks: Fact::Known(vec![net("n1", "public", true), net("n2", "private", false)]),
        subnets: Fact::Known(vec![]),
        limits: Fact::Known(super::super::facts::Limits {
            instances: (20, 0),
            cores: (40, 0),
            ram: (102_400, 0),
            server_groups: (10, 8),
            server_group_members: 10,
        }),
        floating_ips: Fact::Known((50, 0)),
    }
}

fn spec() -> Spec {
    Spec {
        image: Some("fcos".into()),
        flavor: Some("m1.small".into()),
        master_flavor: Some("m1.small".into()),
        keypair: Some("k".into()),
        external_network: Some("public".into()),
        ..Spec::default()
    }
}

fn status(fs: &[Finding], id: &str) -> Status {
    fs.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("no finding {id}")).status
}

#[test]
fn a_good_spec_passes_every_check() {
    let fs = all(&spec(), &facts());
    assert!(fs.iter().all(|f| f.status == Status::Ok), "{fs:#?}");
}

#[test]
fn each_bad_value_fails_its_check() {
    let f = facts();
    let bad = |s: Spec, id: &str| assert_eq!(status(&all(&s, &f), id), Status::Fail, "{id}");
    bad(Spec { master_flavor: None, ..spec() }, "magnum.master-flavor");
    bad(Spec { flavor: Some("d0".into()), ..spec() }, "magnum.flavor");
    bad(Spec { keypair: Some("nope".into()), ..spec() }, "magnum.keypair");
    bad(Spec { external_network: Some("private".into()), ..spec() }, "magnum.external-network");
    bad(Spec { master_count: 3, ..spec() }, "magnum.master-lb");
    bad(Spec { master_count: 3, master_lb_enabled: true, ..spec() }, "magnum.master-lb");
    bad(Spec { network_driver: Some("weave".into()), ..spec() }, "magnum.network-driver");
    bad(Spec { docker_volume_size: Some(5), ..spec() }, "magnum.volumes");
    bad(Spec { node_count: 20, ..spec() }, "magnum.quota-servers");
    bad(Spec { node_count: 11, ..spec() }, "magnum.quota-server-groups");
    bad(Spec { node_count: 60, ..spec() }, "magnum.quota-floating-ips");
    let mut with_boot = Spec { flavor: Some("d0".into()), ..spec() };
    with_boot.labels.insert("boot_volume_size".into(), "10".into());
    assert_eq!(status(&all(&with_boot, &f), "magnum.flavor"), Status::Ok);
}

#[test]
fn two_server_groups_must_fit_and_unlimited_is_unlimited() {
    let mut f = facts();
    let limits = |groups: (i64, i64), members: i64| {
        Fact::Known(super::super::facts::Limits {
            instances: (-1, 0),
            cores: (-1, 0),
            ram: (-1, 0),
            server_groups: groups,
            server_group_members: members,
        })
    };
    f.limits = limits((10, 9), 10);
    let found = all(&spec(), &f);
    let g = found.iter().find(|x| x.id == "magnum.quota-server-groups").unwrap();
    assert_eq!(g.status, Status::Fail);
    assert!(g.evidence.contains("server groups 9/10 used"), "{g:?}");
    f.limits = limits((-1, 50), -1);
    assert_eq!(status(&all(&Spec { node_count: 500, ..spec() }, &f), "magnum.quota-server-groups"), Status::Ok);
}

#[test]
fn os_distro_is_compared_exactly() {
    let mut f = facts();
    let img: Image =
        serde_json::from_value(json!({"id": "i1", "name": "fcos", "status": "active", "os_distro": "Fedora-CoreOS"}))
            .unwrap();
    f.images = Fact::Known(vec![img.clone(), img]);
    assert_eq!(status(&all(&spec(), &f), "magnum.image"), Status::Fail);
    let img: Image =
        serde_json::from_value(json!({"id": "i1", "name": "fcos", "status": "active", "os_distro": "Fedora-CoreOS"}))
            .unwrap();
    f.images = Fact::Known(vec![img]);
    let fs = all(&spec(), &f);
    assert_eq!(status(&fs, "magnum.image-os-distro"), Status::Fail);
    assert_eq!(status(&fs, "magnum.driver"), Status::Fail);
}

#[test]
fn every_finding_has_its_explanation_and_a_one_line_summary() {
    let f = facts();
    for s in [spec(), Spec { master_count: 3, network: Some("private".into()), subnet: Some("x".into()), ..spec() }] {
        for finding in all(&s, &f) {
            let (_, area, _, text) =
                crate::gaps::checks::explain(&finding.id).unwrap_or_else(|| panic!("{}", finding.id));
            assert_eq!(*area, Area::Magnum);
            assert!(text.len() > 40 && !finding.summary.contains('\n'), "{}", finding.id);
        }
    }
    assert!(crate::gaps::checks::explain("magnum.template.k8s").is_some());
    assert!(crate::gaps::checks::explain("magnum.node-image").is_some());
}

#[test]
fn a_failure_refuses_unless_forced() {
    let f = facts();
    let found = all(&Spec { keypair: Some("nope".into()), external_network: None, ..spec() }, &f);
    let refused = decide(&found, false, "cluster template `t`").unwrap_err();
    assert_eq!(refused.code, crate::error::ExitCode::Usage);
    assert!(
        refused.message.starts_with("the preflight refuses cluster template `t`: 1 check(s) fail:\n  magnum.keypair")
    );
    let forced = decide(&found, true, "t").unwrap();
    assert!(forced.iter().any(|(w, _)| w.starts_with("--force: magnum.keypair")));
    assert!(forced.iter().any(|(w, r)| w.starts_with("magnum.external-network") && r.is_some()));
    assert_eq!(decide(&all(&spec(), &f), false, "t").unwrap().len(), 0);
}
