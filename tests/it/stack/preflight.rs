//! Every refusal before a stack is created: each exits 2 with the reason, and no stack of that name exists
//! afterwards. The options a path cannot honour are refused before any request (no cloud needed for them).

use serde_json::json;

use super::{berth, busybox, listed, stack, synced, vm_image};
use crate::common::{Berth, api, dev, unique};

/// `stack create NAME ARGS` must exit 2 saying `needle`, and leave no stack called NAME.
#[track_caller]
fn refused(b: &Berth, args: &[&str], needle: &str) {
    let name = unique("st");
    let mut a = vec!["create", name.as_str()];
    a.extend_from_slice(args);
    let out = stack(b, &a).code(2);
    assert!(out.stderr.contains(needle), "stack create {args:?}: no `{needle}` in\n{}", out.stderr);
    assert!(out.stderr.contains("hint: "), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(listed(b, &name).is_none(), "{args:?} created a stack");
}

#[test]
fn options_a_path_cannot_honour_are_refused_before_any_request() {
    // No cloud at all: these are found before the first request.
    let b = Berth::new().env("OS_AUTH_URL", "http://127.0.0.1:9/v3").env("OS_USERNAME", "x").env("OS_PASSWORD", "y");
    let cases: &[(&[&str], &str)] = &[
        (&["--for", "nova-docker", "--flavor", "m1.tiny", "--volume", "10:/data"], "cannot attach Cinder volumes"),
        (&["--for", "nova-docker", "--flavor", "m1.tiny", "--command", "sleep 1"], "os_command_line"),
        (&["--for", "nova-docker", "--flavor", "m1.tiny", "--cpu", "2"], "the flavor sets"),
        (&["--for", "nova-docker"], "needs `--flavor`"),
        (
            &["--for", "docker-engine", "--docker-endpoint", "unix:///x", "--volume", "1:/d"],
            "binds directories of the engine's host",
        ),
        (&["--for", "docker-engine", "--docker-endpoint", "unix:///x", "--network", "private"], "no network property"),
        (&["--for", "docker-engine", "--docker-endpoint", "unix:///x", "--cpu", "1"], "no CPU limit"),
        (
            &["--for", "docker-engine", "--docker-endpoint", "unix:///x", "--restart", "unless-stopped"],
            "only no, always and on-failure",
        ),
        (&["--for", "docker-engine", "--docker-endpoint", "unix:///x", "--publish", "53:53/udp"], "TCP ports only"),
        (&["--for", "docker-engine"], "needs `--docker-endpoint`"),
        (&["--for", "zun", "--flavor", "m1.tiny"], "Zun sizes the container itself"),
        (&["--for", "zun", "--no-network"], "always has a Neutron port"),
        (&["--for", "vm", "--flavor", "m1.tiny", "--vm-image", "x", "--volume", "1:/d"], "attaches no volume"),
        (&["--for", "vm", "--flavor", "m1.tiny"], "needs `--vm-image`"),
        (&["--for", "zun", "--vm-image", "x"], "only `--for vm` boots a VM image"),
        (&["--for", "zun", "--command", "sh -c 'unclosed"], "unclosed single quote"),
    ];
    for (args, needle) in cases {
        let mut a = vec!["stack", "create", "x", "busybox"];
        a.extend_from_slice(args);
        let out = b.run(&a).code(2);
        assert!(out.stderr.contains(needle), "{a:?}: no `{needle}` in\n{}", out.stderr);
        assert!(!out.stderr.contains("127.0.0.1:9"), "{a:?} made a request:\n{}", out.stderr);
        // `stack template` refuses the same.
        a[1] = "template";
        a.remove(2);
        let out = b.run(&a).code(2);
        assert!(out.stderr.contains(needle), "{a:?}: no `{needle}` in\n{}", out.stderr);
    }
    // Shaping options mean nothing with a template file.
    b.run(&["stack", "create", "x", "--template", "t.yaml", "--flavor", "m1.tiny"])
        .code(2)
        .stderr_has("`--flavor` shape a template");
    // Values are checked as they are parsed.
    for bad in
        [["--memory", "12x"], ["--restart", "sometimes"], ["--volume", "10:data"], ["--publish", "80"], ["--cpu", "0"]]
    {
        b.run(&["stack", "template", "busybox", "--for", "zun", bad[0], bad[1]]).code(2);
    }
}

#[test]
fn what_the_cloud_lacks_is_refused_with_did_you_mean() {
    let b = berth();
    let (image, image_id) = synced(&b);
    let vm = vm_image(&b);
    refused(&b, &[&image, "--for", "nova-docker", "--flavor", "m1.tnyi", "--no-network"], "did you mean `m1.tiny`?");
    refused(
        &b,
        &[&image, "--for", "nova-docker", "--flavor", "m1.tiny", "--network", "privat"],
        "no network is called `privat`",
    );
    let typo = image.replace("busybox", "busybx");
    refused(&b, &[&typo, "--for", "nova-docker", "--flavor", "m1.tiny", "--no-network"], "did you mean");
    // A VM image is no container image, and a docker image no VM image.
    refused(&b, &[&vm, "--for", "nova-docker", "--flavor", "m1.tiny", "--no-network"], "container_format `bare`");
    refused(
        &b,
        &[&busybox(), "--for", "vm", "--vm-image", &image_id, "--flavor", "m1.tiny", "--no-network"],
        "a VM cannot boot it",
    );
    refused(
        &b,
        &[&busybox(), "--for", "vm", "--vm-image", &vm, "--flavor", "m1.tnyi", "--no-network"],
        "did you mean `m1.tiny`?",
    );
    // Zun's glance driver finds images named as `image sync --for zun` names them.
    refused(&b, &[&busybox(), "--for", "zun"], "berth image sync --for zun");
    // A flavor smaller than the image's min_ram.
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let patched = std::process::Command::new("curl")
        .args(["-fsS", "-X", "PATCH", "-H", &format!("X-Auth-Token: {token}")])
        .args(["-H", "Content-Type: application/openstack-images-v2.1-json-patch"])
        .args(["-d", r#"[{"op": "replace", "path": "/min_ram", "value": 4096}]"#])
        .arg(format!("{}/v2/images/{image_id}", dev("BERTH_DEV_IMAGE_URL")))
        .status()
        .unwrap();
    assert!(patched.success());
    refused(&b, &[&image_id, "--for", "nova-docker", "--flavor", "m1.tiny", "--no-network"], "is too small");
    let _ = api(&token, "DELETE", &format!("{}/v2/images/{vm}", dev("BERTH_DEV_IMAGE_URL")), None);
}

#[test]
fn resource_types_the_cloud_lacks_and_names_in_use_are_refused() {
    let b = berth();
    // Without a `container` service in the catalog (the gaps test adds one for a while).
    let _catalog = crate::common::catalog_as_is();
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let zun = file(
        "zun.yaml",
        "heat_template_version: 2021-04-16\nresources:\n  box:\n    type: OS::Zun::Container\n    properties:\n      image: busybox\n",
    );
    refused(&b, &["--template", &zun], "does not offer `OS::Zun::Container` (resource `box`, line 4 of");
    let out = stack(&b, &["create", &unique("st"), "--template", &zun]).code(2);
    assert!(
        out.stderr.contains("needs the `application-container` service (Zun, registered as `container`)"),
        "{}",
        out.stderr
    );
    let typo = file("typo.yaml", "heat_template_version: 2021-04-16\nresources:\n  s:\n    type: OS::Heat::Nonne\n");
    refused(&b, &["--template", &typo], "did you mean `OS::Heat::None`");
    // A name in use.
    let mut cleanup = super::Cleanup::new();
    let name = cleanup.name();
    let none = file("none.yaml", "heat_template_version: 2021-04-16\nresources:\n  s:\n    type: OS::Heat::None\n");
    stack(&b, &["create", &name, "--template", &none, "--wait"]).ok();
    let out = stack(&b, &["create", &name, "--template", &none]).code(2);
    assert!(out.stderr.contains(&format!("a stack called `{name}` exists")), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("`berth stack update {name}`")), "{}", out.stderr);
    assert_eq!(listed(&b, &name).unwrap()["status"], json!("CREATE_COMPLETE"));
}
