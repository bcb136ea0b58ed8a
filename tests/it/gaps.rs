//! `berth gaps` against the dev cloud: the report is true to the cloud (as admin and as a member), and it changes
//! when the cloud changes: a service that does not answer, Glance without `docker` in its container formats (the
//! fault proxy), a `container` (Zun) service in the catalog.
//!
//! Only `catalog_truth_and_a_zun_service` changes the catalog, and it alone asserts what depends on the `container`
//! service being absent or present; the other tests here (which run in parallel with it) do not look at Zun.

use std::process::Command;

use crate::common::{Berth, FaultProxy, Out, demo_with, dev};
use serde_json::{Value, json};

fn cloud(name: &str) -> Berth {
    Berth::new().clouds().env("OS_CLOUD", name)
}

fn heat() -> bool {
    match dev("BERTH_DEV_HEAT").as_str() {
        "1" => true,
        "0" => false,
        other => panic!("BERTH_DEV_HEAT is `{other}`, want 0 or 1"),
    }
}

/// `berth gaps -o json` (plus `args`): its findings and its output. (How long it takes is `bench`'s to say.)
/// The probe timeout of the tests that are not about it.
const SLOW_MACHINE: [&str; 2] = ["--probe-timeout", "20"];

fn gaps(b: &Berth, args: &[&str]) -> (Vec<Value>, Out) {
    let mut a = vec!["gaps", "-o", "json"];
    // A loaded test machine answers slower than a cloud should; the default (3 s) is tested where it is the point.
    if !args.contains(&"--probe-timeout") {
        a.extend(SLOW_MACHINE);
    }
    a.extend_from_slice(args);
    let out = b.run(&a);
    let out = out.ok();
    let findings = out.json().as_array().expect("an array of findings").clone();
    for f in &findings {
        let keys: Vec<&String> = f.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "area", "status", "summary", "evidence", "consequence", "remedy", "reference"], "{f}");
    }
    (findings, out)
}

#[track_caller]
fn find<'a>(findings: &'a [Value], id: &str) -> &'a Value {
    findings.iter().find(|f| f["id"] == id).unwrap_or_else(|| {
        panic!("no `{id}` among {:?}", findings.iter().map(|f| f["id"].as_str().unwrap()).collect::<Vec<_>>())
    })
}

#[track_caller]
fn status(findings: &[Value], id: &str) -> String {
    find(findings, id)["status"].as_str().unwrap().to_string()
}

/// What is true of the dev cloud for any identity (Zun aside).
fn assert_dev_cloud(f: &[Value]) {
    let services = find(f, "catalog.services")["evidence"].as_str().unwrap().to_string();
    for s in ["identity", "compute", "image", "network", "placement"] {
        assert!(services.contains(s), "{services}");
        assert_eq!(status(f, &format!("catalog.endpoint.{s}")), "ok");
    }
    // No Cinder, no telemetry.
    assert!(!services.contains("block-storage") && !services.contains("volume"), "{services}");
    assert_eq!(status(f, "volumes.block-storage"), "info");
    assert!(find(f, "volumes.block-storage")["summary"].as_str().unwrap().contains("no block storage"));
    assert_eq!(status(f, "telemetry.service"), "info");
    assert!(find(f, "telemetry.service")["summary"].as_str().unwrap().contains("no telemetry"));
    assert_eq!(status(f, "telemetry.container-metrics"), "info");
    // Glance accepts docker.
    assert_eq!(status(f, "image.docker-format"), "ok");
    assert!(find(f, "image.docker-format")["evidence"].as_str().unwrap().contains("docker"));
    assert!(find(f, "image.import-methods")["summary"].as_str().unwrap().contains("glance-direct"));
    // The real Neutron: its extensions, the external network `public`, room for floating IPs, and the tenant
    // networks' MTU (VXLAN: 1450).
    assert_eq!(status(f, "networking.network"), "ok");
    assert!(find(f, "networking.network")["summary"].as_str().unwrap().starts_with("Neutron with "));
    for ext in ["security-group", "port-security", "router"] {
        assert_eq!(status(f, &format!("networking.extension.{ext}")), "ok", "{ext}");
    }
    for ext in ["dns-integration", "qos", "trunk", "allowed-address-pairs"] {
        let x = find(f, &format!("networking.extension.{ext}"));
        assert_eq!(x["status"], "info", "{x}");
        assert!(x["summary"].as_str().unwrap().starts_with("Neutron offers"), "{x}");
    }
    assert_eq!(find(f, "networking.external-network")["summary"], "external networks: `public`");
    assert_eq!(status(f, "networking.floating-ip"), "ok");
    assert!(find(f, "networking.floating-ip")["evidence"].as_str().unwrap().contains("floatingip limit 500"));
    assert_eq!(status(f, "networking.project-networks"), "ok");
    assert!(find(f, "networking.project-networks")["evidence"].as_str().unwrap().contains("`shared`"));
    let mtu = find(f, "networking.mtu");
    assert_eq!(mtu["status"], "warn", "{mtu}");
    assert!(mtu["evidence"].as_str().unwrap().contains("`shared` 1450"), "{mtu}");
    assert!(f.iter().all(|x| !x["summary"].as_str().unwrap().contains("stand-in")));
    assert_eq!(status(f, "networking.container-differences"), "info");
    assert_eq!(status(f, "compute.microversion"), "ok");
    assert!(find(f, "compute.microversion")["summary"].as_str().unwrap().contains("2.1 to 2.104"));
    if heat() {
        assert_eq!(status(f, "orchestration.service"), "ok");
        assert_eq!(status(f, "catalog.endpoint.orchestration"), "ok");
        assert_eq!(status(f, "orchestration.nova-server"), "ok");
        // The dev cloud's Heat loads the Docker plugin (devenv/lib/heat_docker.sh): offered, and whether it works
        // only a create tells (it does here: the stack tests run a container through it).
        assert_eq!(status(f, "orchestration.docker-container"), "warn");
        let engine = find(f, "orchestration.path.docker-engine");
        assert_eq!(engine["status"], "warn", "{engine}");
        assert!(
            engine["consequence"].as_str().unwrap().contains("unexpected keyword argument 'mem_limit'"),
            "{engine}"
        );
        let vm = find(f, "orchestration.path.vm");
        assert!(vm["evidence"].as_str().unwrap().contains("identity API v3."), "{vm}");
    } else {
        assert_eq!(status(f, "orchestration.service"), "info");
        assert!(f.iter().all(|x| x["id"] != "orchestration.nova-server"));
    }
    assert_eq!(status(f, "magnum.service"), "info");
}

/// `berth auth token` as admin, for Keystone calls by curl.
fn keystone(token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    crate::common::api(token, method, &format!("{}{path}", dev("BERTH_DEV_AUTH_URL")), body)
}

/// A `container` service registered in Keystone; removed on drop, even when the test fails.
struct ZunService {
    token: String,
    id: String,
    endpoints: Vec<String>,
}

impl ZunService {
    fn register(url: &str) -> ZunService {
        let token = crate::common::admin_token();
        let svc = keystone(
            &token,
            "POST",
            "/services",
            Some(json!({"service": {"type": "container", "name": "zun-berth-test", "enabled": true}})),
        );
        let mut me =
            ZunService { id: svc["service"]["id"].as_str().unwrap().to_string(), token, endpoints: Vec::new() };
        for interface in ["public", "internal", "admin"] {
            let ep = keystone(
                &me.token,
                "POST",
                "/endpoints",
                Some(
                    json!({"endpoint": {"service_id": me.id, "interface": interface, "url": url, "region_id": dev("BERTH_DEV_REGION")}}),
                ),
            );
            me.endpoints.push(ep["endpoint"]["id"].as_str().unwrap().to_string());
        }
        me
    }
}

impl Drop for ZunService {
    fn drop(&mut self) {
        for ep in &self.endpoints {
            let _ = Command::new("curl")
                .args(["-fsS", "-X", "DELETE", "-H", &format!("X-Auth-Token: {}", self.token)])
                .arg(format!("{}/endpoints/{ep}", dev("BERTH_DEV_AUTH_URL")))
                .output();
        }
        let out = Command::new("curl")
            .args(["-fsS", "-X", "DELETE", "-H", &format!("X-Auth-Token: {}", self.token)])
            .arg(format!("{}/services/{}", dev("BERTH_DEV_AUTH_URL"), self.id))
            .output();
        if !out.is_ok_and(|o| o.status.success()) {
            eprintln!("warning: could not remove the test's `container` service `{}`: remove it by hand", self.id);
        }
    }
}

/// A port on 127.0.0.1 nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
fn catalog_truth_and_a_zun_service() {
    // As admin: everything visible; the fake hypervisor is no container hypervisor.
    let (admin, out) = gaps(&cloud("berth-admin"), &[]);
    assert!(out.stderr.contains("gaps: "), "no summary line on stderr: {}", out.stderr);
    assert_dev_cloud(&admin);
    assert_eq!(status(&admin, "compute.container-hypervisor"), "fail");
    assert!(find(&admin, "compute.container-hypervisor")["evidence"].as_str().unwrap().contains("fake"));
    assert!(find(&admin, "identity.roles")["evidence"].as_str().unwrap().contains("admin"));

    // As a member: the hypervisors are admin-only.
    let (demo, _) = gaps(&cloud("berth-demo"), &[]);
    assert_dev_cloud(&demo);
    let h = find(&demo, "compute.container-hypervisor");
    assert_eq!(h["status"], "unknown");
    assert_eq!(h["evidence"], "admin only: HTTP 403");

    // No Zun yet.
    for f in [&admin, &demo] {
        assert_eq!(status(f, "zun.service"), "info");
        if heat() {
            assert_eq!(status(f, "orchestration.zun-container"), "info");
            assert_eq!(status(f, "orchestration.path.zun"), "info");
        }
    }
    // The container paths: the admin sees the fake hypervisor (a VM one), a member cannot list hypervisors.
    if heat() {
        let nova = find(&admin, "orchestration.path.nova-docker");
        assert_eq!(nova["status"], "fail", "{nova}");
        assert!(nova["evidence"].as_str().unwrap().contains("others: fake"), "{nova}");
        assert_eq!(status(&admin, "orchestration.path.vm"), "ok");
        for path in ["orchestration.path.nova-docker", "orchestration.path.vm"] {
            assert_eq!(status(&demo, path), "unknown", "{path}");
        }
    }

    // A `container` service in the catalog (its endpoint does not answer): Zun is there, unreachable, and Heat
    // now offers OS::Zun::Container.
    let url = format!("http://127.0.0.1:{}/v1", closed_port());
    // Tests that count on the catalog as it is (the stack tests' Zun refusals) wait while it is changed.
    let changed = crate::common::catalog_changed();
    let zun = ZunService::register(&url);
    let (f, _) = gaps(&cloud("berth-demo"), &[]);
    assert!(find(&f, "catalog.services")["evidence"].as_str().unwrap().contains("application-container (container)"));
    let ep = find(&f, "catalog.endpoint.application-container");
    assert_eq!(ep["status"], "unknown", "{ep}");
    assert!(ep["evidence"].as_str().unwrap().contains("connect"), "{ep}");
    assert_eq!(status(&f, "zun.service"), "unknown");
    assert_eq!(status(&f, "volumes.container-attach"), "info");
    if heat() {
        let z = find(&f, "orchestration.zun-container");
        assert_eq!(z["status"], "ok", "{z}");
        assert!(z["evidence"].as_str().unwrap().contains("OS::Zun::Container"));
        // Heat offers the zun path now, but Zun does not answer.
        let p = find(&f, "orchestration.path.zun");
        assert_eq!(p["status"], "warn", "{p}");
        assert!(p["summary"].as_str().unwrap().contains("Zun does not answer"), "{p}");
    }
    drop(zun);
    drop(changed);
    let (f, _) = gaps(&cloud("berth-demo"), &["--only", "zun"]);
    assert_eq!(f.len(), 1);
    assert_eq!(status(&f, "zun.service"), "info", "the test's container service is still there");
}

/// A clouds.yaml in the test's home: the demo cloud plus `extra` settings (secure.yaml still gives the password).
#[test]
fn an_orchestration_endpoint_that_does_not_answer_is_unknown_and_quick() {
    let port = closed_port();
    let b = demo_with(&format!("    orchestration_endpoint_override: http://127.0.0.1:{port}/v1/%(project_id)s\n"));
    let (f, _) = gaps(&b, &[]);
    let ep = find(&f, "catalog.endpoint.orchestration");
    assert_eq!(ep["status"], "unknown", "{ep}");
    assert!(ep["summary"].as_str().unwrap().contains("endpoint override"), "{ep}");
    assert!(ep["evidence"].as_str().unwrap().contains(&format!("127.0.0.1:{port}")), "{ep}");
    for id in ["orchestration.nova-server", "orchestration.zun-container", "orchestration.docker-container"] {
        let x = find(&f, id);
        assert_eq!(x["status"], "unknown", "{x}");
        assert!(x["evidence"].as_str().unwrap().contains("connect"), "{x}");
    }
    // Everything else is still judged.
    assert_eq!(status(&f, "image.docker-format"), "ok");
    assert_eq!(status(&f, "catalog.endpoint.compute"), "ok");

    // An endpoint that accepts connections and never answers: the probe timeout (3 s) cuts it off.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let b = demo_with(&format!("    orchestration_endpoint_override: http://127.0.0.1:{port}/v1/%(project_id)s\n"));
    let (f, _) = gaps(&b, &["--probe-timeout", "3", "--only", "orchestration", "--only", "catalog"]);
    for id in ["catalog.endpoint.orchestration", "orchestration.nova-server"] {
        let x = find(&f, id);
        assert_eq!(x["status"], "unknown", "{x}");
        assert!(x["evidence"].as_str().unwrap().contains("no answer within 3 s"), "{x}");
    }
    drop(silent);
}

#[test]
fn glance_without_docker_in_its_container_formats_fails() {
    let proxy = FaultProxy::start(&dev("BERTH_DEV_IMAGE_URL"), &["--schema-drop-format", "docker"]);
    let b = demo_with(&format!("    image_endpoint_override: http://127.0.0.1:{}\n", proxy.port));
    let (f, _) = gaps(&b, &["--only", "image"]);
    assert!(f.iter().all(|x| x["area"] == "image"));
    let d = find(&f, "image.docker-format");
    assert_eq!(d["status"], "fail", "{d}");
    assert!(!d["evidence"].as_str().unwrap().contains("docker"), "{d}");
    assert!(d["evidence"].as_str().unwrap().contains("bare"), "{d}");
    assert!(d["remedy"].as_str().unwrap().contains("container_formats"), "{d}");
    // --fail-on fail turns it into the "negative result" exit code.
    b.run(&["gaps", "--probe-timeout", "20", "--only", "image", "--fail-on", "fail", "-o", "json"])
        .code(3)
        .stderr_has("image.docker-format");
}

#[test]
fn fail_on_levels_formats_and_explain() {
    let admin = cloud("berth-admin");
    // The dev cloud has a fail (no container hypervisor) for admins, and a warn for everyone: its tenant networks are
    // VXLAN, with an MTU of 1450.
    admin
        .run(&["gaps", "--probe-timeout", "20", "--fail-on", "fail", "-o", "json"])
        .code(3)
        .stderr_has("compute.container-hypervisor");
    let demo = cloud("berth-demo");
    demo.run(&["gaps", "--probe-timeout", "20", "--only", "compute", "--fail-on", "fail"]).ok();
    demo.run(&["gaps", "--probe-timeout", "20", "--only", "networking", "--fail-on", "warn"])
        .code(3)
        .stderr_has("1 finding(s) at or above `warn`: networking.mtu");
    demo.run(&["gaps", "--probe-timeout", "20", "--only", "networking", "--fail-on", "fail"]).ok();
    demo.run(&["gaps", "--probe-timeout", "20", "--only", "volumes", "--fail-on", "warn"]).ok();

    // The default table groups by area, with the summary on stderr; yaml and value work too.
    let t = demo.run(&["gaps", "--probe-timeout", "20", "--only", "image", "--only", "compute"]).ok();
    assert!(t.stdout.contains("| area") && t.stdout.contains("compute.container-hypervisor"), "{}", t.stdout);
    assert!(t.stdout.find("| compute").unwrap() < t.stdout.find("| image").unwrap());
    assert!(t.stderr.contains("findings:"), "{}", t.stderr);
    let y = demo.run(&["gaps", "--probe-timeout", "20", "--only", "volumes", "-o", "yaml"]).ok();
    assert!(y.stdout.contains("- id: volumes.block-storage"), "{}", y.stdout);
    let v = demo
        .run(&["gaps", "--probe-timeout", "20", "--only", "volumes", "-o", "value", "-c", "id", "-c", "status"])
        .ok();
    assert_eq!(v.stdout, "volumes.block-storage info\nvolumes.container-attach info\n");

    // --explain needs no cloud.
    let e = Berth::new().run(&["gaps", "--explain", "compute.container-hypervisor"]).ok();
    assert!(e.stdout.contains("hypervisor_type: docker"), "{}", e.stdout);
    let e = Berth::new().run(&["gaps", "--explain", "catalog.endpoint.orchestration", "-o", "json"]).ok();
    assert_eq!(e.json()["id"], "catalog.endpoint");
    Berth::new()
        .run(&["gaps", "--explain", "nope"])
        .code(2)
        .stderr_has("unknown check id `nope`")
        .stderr_has("image.docker-format");
}

#[test]
fn a_cloud_without_heat_says_so() {
    // Keystone behind the fault proxy, which leaves `orchestration` out of every catalog it hands out: the same
    // cloud as seen where Heat is not deployed.
    let keystone_root = dev("BERTH_DEV_AUTH_URL").trim_end_matches("/v3").to_string();
    let proxy = FaultProxy::start(&keystone_root, &["--catalog-drop", "orchestration"]);
    let b = demo_with("").env("OS_AUTH_URL", &format!("http://{}/v3", proxy.addr()));
    let (f, _) = gaps(&b, &["--only", "orchestration", "--only", "catalog"]);
    assert_eq!(status(&f, "orchestration.service"), "info", "{f:?}");
    assert!(find(&f, "orchestration.service")["summary"].as_str().unwrap().contains("no orchestration"));
    assert!(f.iter().all(|x| x["id"] != "orchestration.nova-server"), "resource types reported without Heat: {f:?}");
    assert!(f.iter().all(|x| x["id"] != "catalog.endpoint.orchestration"));
}
