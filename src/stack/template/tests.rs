//! Each path's template, read back as YAML: what Heat will get, and the comments a person reads.

use serde_json::{Value, json};

use super::*;
use crate::stack::options::{ImageDriver, Source};

fn image(v: Value) -> Image {
    serde_json::from_value(v).unwrap()
}

fn docker_image() -> Image {
    image(json!({"id": "6807449c-3c25-4634-8194-2c93b3c0a1b2", "name": "busybox:1.36", "status": "active",
        "container_format": "docker", "disk_format": "raw", "os_hash_algo": "sha512", "os_hash_value": "ab12",
        "berth_source": "127.0.0.1:5001/library/busybox:1.36", "berth_manifest_digest": "sha256:feed",
        "berth_config_digest": "sha256:c0ffee", "berth_version": "2"}))
}

fn vm_image() -> Image {
    image(json!({"id": "0b1c3e5a-0000-4000-8000-000000000001", "name": "debian-docker", "status": "active",
        "container_format": "bare", "disk_format": "qcow2"}))
}

fn read(t: &Template) -> Value {
    let v: Value = serde_yaml_ng::from_str(&t.text).unwrap_or_else(|e| panic!("{e}:\n{}", t.text));
    assert_eq!(v, t.node.to_json(), "{}", t.text);
    assert_eq!(v["heat_template_version"], "2021-04-16");
    v
}

fn resolved(container: Container) -> Resolved {
    Resolved { container, vm_image: None, identity_url: None, image_url: None }
}

#[test]
fn nova_docker_boots_the_glance_image_with_env_as_metadata() {
    let spec = Spec {
        image: "busybox:1.36".into(),
        flavor: Some("m1.tiny".into()),
        networks: vec!["private".into()],
        env: vec![("MODE".into(), "prod".into()), ("EMPTY".into(), String::new())],
        ..Spec::default()
    };
    let t = render(Kind::NovaDocker, &spec, &resolved(Container::Glance(docker_image()))).unwrap();
    let v = read(&t);
    assert_eq!(t.types, ["OS::Nova::Server"]);
    assert_eq!(v["parameters"]["image"]["default"], "6807449c-3c25-4634-8194-2c93b3c0a1b2");
    assert_eq!(v["parameters"]["flavor"]["default"], "m1.tiny");
    let p = &v["resources"]["server"]["properties"];
    assert_eq!(p["name"], json!({"get_param": "OS::stack_name"}));
    assert_eq!(p["networks"], json!([{"network": "private"}]));
    assert_eq!(p["metadata"], json!({"MODE": "prod", "EMPTY": ""}));
    assert_eq!(p["user_data_format"], "RAW");
    assert_eq!(v["outputs"]["server_id"]["value"], json!({"get_resource": "server"}));
    // Comments: the path, where the default came from, what metadata does.
    for c in [
        "# nova-docker: Nova boots the Glance docker image",
        "synced by",
        "# (sha256:feed, version 2)",
        "# the docker driver turns instance metadata",
    ] {
        assert!(t.text.contains(c), "no `{c}` in\n{}", t.text);
    }
    let none = Spec { no_network: true, name: Some("web".into()), ..spec };
    let v = read(&render(Kind::NovaDocker, &none, &resolved(Container::Glance(docker_image()))).unwrap());
    assert_eq!(v["resources"]["server"]["properties"]["networks"], json!([{"allocate_network": "none"}]));
    assert_eq!(v["resources"]["server"]["properties"]["name"], "web");
}

#[test]
fn zun_mounts_volumes_and_takes_the_glance_image_by_name_and_tag() {
    let spec = Spec {
        image: "127.0.0.1:5001/library/busybox:1.36".into(),
        command: Some("sh -c 'sleep 3600'".into()),
        cpu: Some(0.5),
        memory: Some("256m".parse().unwrap()),
        restart: Some("on-failure:3".parse().unwrap()),
        env: vec![("A".into(), "b".into())],
        networks: vec!["private".into()],
        volumes: vec!["10:/data".parse().unwrap(), "0b1c3e5a-0000-4000-8000-000000000009:/srv".parse().unwrap()],
        ..Spec::default()
    };
    let c = Container::ZunGlance {
        name: "127.0.0.1:5001/library/busybox".into(),
        tag: "1.36".into(),
        image: docker_image(),
    };
    let t = render(Kind::Zun, &spec, &resolved(c)).unwrap();
    let v = read(&t);
    assert_eq!(t.types, ["OS::Zun::Container"]);
    assert_eq!(v["parameters"]["image"]["default"], "127.0.0.1:5001/library/busybox:1.36");
    let p = &v["resources"]["container"]["properties"];
    assert_eq!(p["image_driver"], "glance");
    assert_eq!(p["command"], "sh -c 'sleep 3600'");
    assert_eq!(p["cpu"], json!(0.5));
    assert_eq!(p["memory"], json!(256));
    assert_eq!(p["restart_policy"], "on-failure:3");
    assert_eq!(p["environment"], json!({"A": "b"}));
    assert_eq!(p["networks"], json!([{"network": "private"}]));
    assert_eq!(
        p["mounts"],
        json!([{"volume_size": 10, "mount_path": "/data"}, {"volume_id": "0b1c3e5a-0000-4000-8000-000000000009", "mount_path": "/srv"}])
    );
    assert!(t.text.contains("Cinder volumes mounted"), "{}", t.text);
    let docker =
        Spec { image_driver: Some(ImageDriver::Docker), ..Spec { image: "busybox:1.36".into(), ..Spec::default() } };
    let v = read(&render(Kind::Zun, &docker, &resolved(Container::Reference("busybox:1.36".into()))).unwrap());
    assert_eq!(v["resources"]["container"]["properties"]["image_driver"], "docker");
    assert_eq!(v["parameters"]["image"]["default"], "busybox:1.36");
}

#[test]
fn docker_engine_passes_what_the_plugin_takes() {
    let spec = Spec {
        image: "127.0.0.1:5001/library/busybox:1.36".into(),
        docker_endpoint: Some("unix:///var/run/docker.sock".into()),
        env: vec![("A".into(), "b c".into())],
        command: Some("sh -c 'echo hi; sleep 3600'".into()),
        memory: Some("64m".parse().unwrap()),
        restart: Some("on-failure:2".parse().unwrap()),
        publish: vec!["127.0.0.1:8080:80".parse().unwrap()],
        ..Spec::default()
    };
    let t = render(Kind::DockerEngine, &spec, &resolved(Container::Reference(spec.image.clone()))).unwrap();
    let v = read(&t);
    let p = &v["resources"]["container"]["properties"];
    assert_eq!(v["parameters"]["docker_endpoint"]["default"], "unix:///var/run/docker.sock");
    assert_eq!(p["env"], json!(["A=b c"]));
    assert_eq!(p["cmd"], json!(["sh", "-c", "echo hi; sleep 3600"]));
    assert_eq!(p["memory"], json!(64 << 20));
    assert_eq!(p["restart_policy"], json!({"Name": "on-failure", "MaximumRetryCount": 2}));
    assert_eq!(p["port_specs"], json!([80]));
    assert_eq!(p["port_bindings"], json!({"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}));
    assert!(t.text.contains("unexpected keyword argument 'mem_limit'"), "{}", t.text);
}

/// The `vm` user data after Heat's `str_replace`, with `name` for the stack name: the cloud-config, and the script.
fn user_data(v: &Value, name: &str, credential: Option<(&str, &str)>) -> (Value, String) {
    let sr = &v["resources"]["server"]["properties"]["user_data"]["str_replace"];
    let mut text = sr["template"].as_str().unwrap().to_string();
    assert_eq!(sr["params"]["@@NAME@@"], json!({"get_param": "OS::stack_name"}));
    text = text.replace("@@NAME@@", name);
    if let Some((id, secret)) = credential {
        assert_eq!(sr["params"]["@@CREDENTIAL_ID@@"], json!({"get_param": CREDENTIAL_ID}));
        text = text.replace("@@CREDENTIAL_ID@@", id).replace("@@CREDENTIAL_SECRET@@", secret);
    }
    assert!(text.starts_with("#cloud-config\n"), "{text}");
    let cc: Value = serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
    let script = cc["write_files"][0]["content"].as_str().unwrap().to_string();
    assert_eq!(cc["write_files"][0]["path"], SCRIPT_PATH);
    assert_eq!(cc["write_files"][0]["permissions"], "0700");
    assert_eq!(cc["runcmd"], json!([[SCRIPT_PATH]]));
    (cc, script)
}

#[test]
fn vm_from_the_registry_pulls_by_digest() {
    let spec = Spec {
        image: "127.0.0.1:5001/library/busybox:1.36".into(),
        flavor: Some("m1.small".into()),
        vm_image: Some("debian-docker".into()),
        env: vec![("A".into(), "it's".into())],
        command: Some("sleep 3600".into()),
        restart: Some("unless-stopped".parse().unwrap()),
        cpu: Some(1.5),
        memory: Some("1g".parse().unwrap()),
        ..Spec::default()
    };
    let pinned = "127.0.0.1:5001/library/busybox@sha256:".to_string() + &"a".repeat(64);
    let r = Resolved {
        container: Container::Pinned { typed: spec.image.clone(), pinned: pinned.clone() },
        vm_image: Some(vm_image()),
        identity_url: None,
        image_url: None,
    };
    let t = render(Kind::Vm, &spec, &r).unwrap();
    let v = read(&t);
    assert_eq!(v["parameters"]["vm_image"]["default"], "0b1c3e5a-0000-4000-8000-000000000001");
    assert!(v["parameters"].get(CREDENTIAL_ID).is_none());
    assert_eq!(v["resources"]["server"]["properties"]["user_data_format"], "RAW");
    let (_, script) = user_data(&v, "web", None);
    assert!(script.starts_with("#!/bin/sh\nset -eu\nname='web'\n"), "{script}");
    assert!(script.contains(&format!("image={pinned}\n")), "{script}");
    assert!(script.contains("docker pull \"$image\"\n"), "{script}");
    assert!(
        script.contains("docker run -d --name \"$name\" --restart unless-stopped --cpus 1.5 --memory 1073741824b -e 'A=it'\\''s' \"$image\" sleep 3600\n"),
        "{script}"
    );
}

#[test]
fn vm_from_glance_downloads_with_the_credential_and_checks_the_image() {
    let spec = Spec {
        image: "busybox:1.36".into(),
        flavor: Some("m1.small".into()),
        vm_image: Some("debian-docker".into()),
        source: Some(Source::Glance),
        ..Spec::default()
    };
    let r = Resolved {
        container: Container::Glance(docker_image()),
        vm_image: Some(vm_image()),
        identity_url: Some("http://127.0.0.1:5000/v3".into()),
        image_url: Some("http://127.0.0.1:9292".into()),
    };
    let t = render(Kind::Vm, &spec, &r).unwrap();
    let v = read(&t);
    assert_eq!(v["parameters"][CREDENTIAL_SECRET]["hidden"], json!(true));
    assert!(v["parameters"][CREDENTIAL_ID].get("default").is_none(), "no credential in the template itself");
    let (_, script) = user_data(&v, "web", Some(("cred-id", "cred-secret")));
    for needed in [
        "keystone=http://127.0.0.1:5000/v3\n",
        "glance=http://127.0.0.1:9292\n",
        "image_id=6807449c-3c25-4634-8194-2c93b3c0a1b2\n",
        "sha512=ab12\n",
        "docker_id=sha256:c0ffee\n",
        "credential_id='cred-id'\ncredential_secret='cred-secret'\n",
        "\"$glance/v2/images/$image_id/file\"",
        "sha512sum -c -",
        "docker load -i \"$archive\"",
        "docker run -d --name \"$name\" \"$docker_id\"\n",
    ] {
        assert!(script.contains(needed), "no `{needed}` in\n{script}");
    }
    // Secrets only on stdin: never an argument of curl.
    assert!(!script.lines().any(|l| l.contains("curl") && l.contains("$credential_secret")), "{script}");
    // An image berth did not make cannot be pinned.
    let mut other = docker_image();
    other.extra.remove("berth_config_digest");
    let r = Resolved { container: Container::Glance(other), ..r };
    let e = render(Kind::Vm, &spec, &r).unwrap_err();
    assert!(e.to_string().contains("no `berth_config_digest`"), "{e}");
}

#[test]
fn a_path_given_the_wrong_image_is_an_error_not_a_template() {
    let spec = Spec { image: "x".into(), flavor: Some("f".into()), ..Spec::default() };
    assert!(render(Kind::NovaDocker, &spec, &resolved(Container::Reference("x".into()))).is_err());
    assert!(render(Kind::Vm, &spec, &resolved(Container::Reference("x".into()))).is_err());
}
