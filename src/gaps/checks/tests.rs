//! Each check against hand-made facts.

use super::*;
use crate::gaps::Area;
use crate::gaps::facts::network::{NetworkFacts, Quota};
use crate::gaps::facts::{ClusterTemplate, Hypervisor, Probe};
use crate::openstack::neutron::Network;
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
        network: dev_network(),
        heat_resource_types: Fact::Known(vec!["OS::Nova::Server".into(), "OS::Heat::None".into()]),
        cluster_templates: Fact::Unknown("no `container-infrastructure-management` service in the catalog".into()),
    }
}

fn net(name: &str, project: &str, shared: bool, external: bool, mtu: u32) -> Network {
    Network {
        id: format!("{name}-id"),
        name: name.into(),
        project_id: project.into(),
        shared,
        external,
        mtu: Some(mtu),
        subnets: vec![],
        port_security_enabled: Some(true),
    }
}

/// The dev cloud's Neutron as project `p` sees it.
fn dev_network() -> NetworkFacts {
    let ext = ["security-group", "port-security", "router", "external-net", "net-mtu", "qos", "trunk", "quotas"];
    NetworkFacts {
        extensions: Fact::Known(ext.iter().map(|e| e.to_string()).collect()),
        networks: Fact::Known(vec![
            net("private", "p", false, false, 1450),
            net("shared", "admin", true, false, 1450),
            net("public", "admin", false, true, 1500),
        ]),
        floating_quota: Fact::Known(Quota { limit: 50, used: 2, reserved: 0 }),
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
    f.hypervisors =
        Fact::Known(vec![Hypervisor { kind: "QEMU".into(), count: 3 }, Hypervisor { kind: "docker".into(), count: 2 }]);
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
    assert_eq!(get(&fs, "networking.network").status, Status::Ok);
    assert!(get(&fs, "networking.network").summary.contains("8 extensions"));
    assert!(fs.iter().all(|x| !x.summary.contains("stand-in")));
    assert_eq!(get(&fs, "networking.extension.security-group").status, Status::Ok);
    assert_eq!(get(&fs, "networking.extension.router").status, Status::Ok);
    assert_eq!(get(&fs, "networking.extension.qos").status, Status::Info);
    assert!(get(&fs, "networking.extension.qos").summary.contains("offers"));
    let dns = get(&fs, "networking.extension.dns-integration");
    assert_eq!((dns.status, dns.evidence.as_str()), (Status::Info, "GET /v2.0/extensions: no `dns-integration`"));
    let ext = get(&fs, "networking.external-network");
    assert_eq!((ext.status, ext.summary.as_str()), (Status::Ok, "external networks: `public`"));
    let fip = get(&fs, "networking.floating-ip");
    assert_eq!((fip.status, fip.summary.as_str()), (Status::Ok, "the project can get 48 more floating IPs (2 in use)"));
    let nets = get(&fs, "networking.project-networks");
    assert_eq!((nets.status, nets.evidence.as_str()), (Status::Ok, "own: `private`; shared: `shared`"));
    let mtu = get(&fs, "networking.mtu");
    assert_eq!((mtu.status, mtu.evidence.as_str()), (Status::Warn, "MTU: `private` 1450, `shared` 1450"));
    assert!(get(&fs, "networking.container-differences").consequence.contains("security groups"));
    assert!(get(&fs, "networking.container-differences").consequence.contains("-p"));

    // Quota used up, then no limit.
    f.network.floating_quota = Fact::Known(Quota { limit: 2, used: 2, reserved: 0 });
    assert_eq!(get(&networking(&f), "networking.floating-ip").status, Status::Warn);
    f.network.floating_quota = Fact::Known(Quota { limit: -1, used: 2, reserved: 0 });
    assert!(get(&networking(&f), "networking.floating-ip").summary.contains("no quota limit"));
    // No external network: no floating IP whatever the quota.
    let Fact::Known(nets) = &mut f.network.networks else { unreachable!() };
    nets.retain(|n| !n.external);
    nets.iter_mut().for_each(|n| n.mtu = Some(1500));
    let fs = networking(&f);
    assert_eq!(get(&fs, "networking.external-network").status, Status::Warn);
    assert!(get(&fs, "networking.floating-ip").summary.contains("no external network"));
    assert_eq!(get(&fs, "networking.mtu").status, Status::Ok);
    // No network of its own or shared.
    let Fact::Known(nets) = &mut f.network.networks else { unreachable!() };
    nets.clear();
    assert_eq!(get(&networking(&f), "networking.project-networks").status, Status::Warn);
    assert_eq!(get(&networking(&f), "networking.mtu").status, Status::Info);
    // No router and no security groups: warnings.
    f.network.extensions = Fact::Known(vec!["external-net".into()]);
    let fs = networking(&f);
    for id in ["networking.extension.router", "networking.extension.security-group", "networking.floating-ip"] {
        assert_eq!(get(&fs, id).status, Status::Warn, "{id}");
    }
    // What berth cannot see is unknown.
    f.network = NetworkFacts::unknown("no answer within 3 s");
    let fs = networking(&f);
    assert!(fs.iter().filter(|x| x.id != "networking.container-differences").all(|x| x.status == Status::Unknown));
    f.services.retain(|s| s.kind != "network");
    assert_eq!(networking(&f).len(), 1);
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
    let docker = get(&fs, "orchestration.docker-container");
    assert_eq!(docker.status, Status::Warn);
    assert!(docker.consequence.contains("unless patched"), "{docker:?}");
    f.heat_resource_types = Fact::Unknown("cannot connect".into());
    let fs = orchestration(&f);
    assert_eq!(fs.len(), 8);
    assert!(fs.iter().filter(|x| x.id != "orchestration.service").all(|x| x.status == Status::Unknown));
    f.services.retain(|s| s.kind != "orchestration");
    let fs = orchestration(&f);
    assert_eq!(fs.len(), 1);
    assert_eq!(fs[0].status, Status::Info);
}

#[test]
fn the_four_container_paths() {
    let mut f = dev();
    f.heat_resource_types = Fact::Known(vec!["OS::Nova::Server".into(), "DockerInc::Docker::Container".into()]);
    f.services.iter_mut().find(|s| s.kind == "identity").unwrap().probe =
        Fact::Known(Probe { url: "http://k".into(), status: 200, versions: vec!["v3.14".into()], body: json!({}) });
    // The dev cloud as an admin sees it: a fake (VM) hypervisor, the Docker plugin, no Zun.
    let fs = orchestration(&f);
    let nova = get(&fs, "orchestration.path.nova-docker");
    assert_eq!(
        (nova.status, nova.summary.as_str()),
        (Status::Fail, "nova-docker stacks: not here (no container hypervisor)")
    );
    assert!(nova.evidence.contains("container hypervisors: none; others: fake"), "{nova:?}");
    let zun = get(&fs, "orchestration.path.zun");
    assert_eq!(zun.status, Status::Info);
    assert!(zun.consequence.contains("`container` (Zun) service"), "{zun:?}");
    let engine = get(&fs, "orchestration.path.docker-engine");
    assert_eq!(engine.status, Status::Warn);
    assert!(engine.consequence.contains("unexpected keyword argument 'mem_limit'"), "{engine:?}");
    let vm = get(&fs, "orchestration.path.vm");
    assert_eq!(vm.status, Status::Ok, "{vm:?}");
    assert!(vm.evidence.contains("identity API v3.14"), "{vm:?}");
    assert!(vm.consequence.contains("service_type = image"), "{vm:?}");

    // A container hypervisor, Zun with an answer; no VM host, an identity API before access rules.
    f.hypervisors = Fact::Known(vec![Hypervisor { kind: "docker".into(), count: 2 }]);
    f.heat_resource_types = Fact::Known(vec!["OS::Nova::Server".into(), "OS::Zun::Container".into()]);
    f.services.push(svc("application-container", "container"));
    let fs = orchestration(&f);
    assert_eq!(get(&fs, "orchestration.path.nova-docker").status, Status::Ok);
    assert_eq!(get(&fs, "orchestration.path.zun").status, Status::Ok);
    assert_eq!(get(&fs, "orchestration.path.docker-engine").status, Status::Info);
    assert_eq!(get(&fs, "orchestration.path.vm").summary, "vm stacks: not here (no VM hypervisor)");
    f.hypervisors = Fact::Known(vec![Hypervisor { kind: "QEMU".into(), count: 1 }]);
    f.services.iter_mut().find(|s| s.kind == "identity").unwrap().probe =
        Fact::Known(Probe { url: "http://k".into(), status: 200, versions: vec!["v3.10".into()], body: json!({}) });
    assert_eq!(get(&orchestration(&f), "orchestration.path.vm").status, Status::Warn);

    // A member: the hypervisors are admin-only.
    f.hypervisors = Fact::Unknown("admin only: HTTP 403".into());
    let fs = orchestration(&f);
    assert_eq!(get(&fs, "orchestration.path.nova-docker").status, Status::Unknown);
    assert_eq!(get(&fs, "orchestration.path.vm").status, Status::Unknown);
    // Glance without docker.
    f.hypervisors = Fact::Known(vec![Hypervisor { kind: "docker".into(), count: 1 }]);
    f.container_formats = Fact::Known(vec!["bare".into()]);
    assert_eq!(get(&orchestration(&f), "orchestration.path.nova-docker").status, Status::Fail);
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
