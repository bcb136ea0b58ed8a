//! `stack template` and `stack validate`: the four paths' templates are YAML with comments that the real Heat
//! accepts (with every property checked: the preview), `-o json` is the same template, and Heat's refusals come
//! with the template's line.

use serde_json::Value;

use super::{berth, busybox, stack, synced, vm_image};
use crate::common::dev;

/// `stack template ARGS`: the YAML text and its value.
fn template(b: &crate::common::Berth, args: &[&str]) -> (String, Value) {
    let mut a = vec!["template"];
    a.extend_from_slice(args);
    let out = stack(b, &a).ok();
    let v: Value = serde_yaml_ng::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}:\n{}", out.stdout));
    (out.stdout, v)
}

#[test]
fn every_path_but_zun_makes_a_template_that_heats_preview_accepts() {
    let b = berth();
    let (glance_name, glance_id) = synced(&b);
    let vm = vm_image(&b);
    let endpoint = dev("BERTH_DEV_DOCKER_HOST");
    let bb = busybox();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![&glance_name, "--for", "nova-docker", "--flavor", "m1.tiny", "--no-network", "--env", "A=b"],
            "OS::Nova::Server",
        ),
        (
            vec![
                &bb,
                "--for",
                "docker-engine",
                "--docker-endpoint",
                &endpoint,
                "--env",
                "A=b",
                "--command",
                "sleep 60",
                "--memory",
                "64m",
                "--restart",
                "always",
            ],
            "DockerInc::Docker::Container",
        ),
        (
            vec![&bb, "--for", "vm", "--vm-image", &vm, "--flavor", "m1.tiny", "--no-network", "--command", "sleep 60"],
            "OS::Nova::Server",
        ),
        (
            vec![
                &glance_name,
                "--for",
                "vm",
                "--source",
                "glance",
                "--vm-image",
                &vm,
                "--flavor",
                "m1.tiny",
                "--no-network",
            ],
            "OS::Nova::Server",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (args, kind) in cases {
        let (text, v) = template(&b, &args);
        // Comments a person reads, the version, a description, parameters, resources, outputs.
        assert!(text.starts_with("# Made by `berth stack template "), "{text}");
        assert!(text.contains("\nheat_template_version: 2021-04-16\n"), "{text}");
        for key in ["description", "parameters", "resources", "outputs"] {
            assert!(v.get(key).is_some(), "no `{key}` in\n{text}");
        }
        let resource = v["resources"].as_object().unwrap().values().next().unwrap();
        assert_eq!(resource["type"], kind, "{text}");
        // `-o json` is the same template.
        let mut json_args = vec!["template", "-o", "json"];
        json_args.extend_from_slice(&args);
        assert_eq!(stack(&b, &json_args).ok().json(), v);
        // Heat's preview checks every property (the image exists and is active, the flavor fits...).
        let file = dir.path().join("t.yaml");
        std::fs::write(&file, &text).unwrap();
        let mut validate = vec!["validate", "--full", "-o", "json", file.to_str().unwrap()];
        if args.contains(&"glance") {
            // The credential is made at create; the template only declares it.
            validate.extend(["--parameter", "image_credential_id=x", "--parameter", "image_credential_secret=y"]);
        }
        let out = stack(&b, &validate).ok().json();
        assert_eq!(out["valid"], true);
        assert!(out["resources"][0].as_str().unwrap().ends_with(&format!("({kind})")), "{out}");
    }
    // The nova-docker template pins the Glance image by ID, and says where it came from.
    let (text, v) = template(&b, &[&glance_name, "--for", "nova-docker", "--flavor", "m1.tiny"]);
    assert_eq!(v["parameters"]["image"]["default"], glance_id.as_str());
    assert!(text.contains("synced by") && text.contains(&busybox()), "{text}");
}

#[test]
fn heats_refusals_point_at_the_line() {
    let b = berth();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    // A property Heat's preview refuses: its path leads to line 7.
    let bad_image = write(
        "image.yaml",
        "heat_template_version: 2021-04-16\nresources:\n  server:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.tiny\n      image: no-such-image-anywhere\n      networks: [{allocate_network: none}]\n",
    );
    let out = stack(&b, &["validate", "--full", &bad_image]).code(3);
    assert!(
        out.stderr.contains(&format!("at line 7 of `{bad_image}` (resources.server.properties.image)")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("no-such-image-anywhere"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    // The shallow validation does not look images up: valid.
    assert_eq!(stack(&b, &["validate", "-o", "value", "-c", "valid", &bad_image]).ok().stdout, "true\n");
    // YAML Heat cannot parse: Heat's own line.
    let broken = "heat_template_version: 2021-04-16\nresources:\n  s:\n    type: OS::Heat::None\n   properties: {}\n";
    let out = crate::common::run_stdin(&b, &["stack", "validate", "-"], broken).code(3);
    assert!(out.stderr.contains("at line 5 of the template on stdin"), "{}", out.stderr);
    // A type with a typo: did you mean.
    let typo = write("typo.yaml", "heat_template_version: 2021-04-16\nresources:\n  s:\n    type: OS::Nova::Sever\n");
    stack(&b, &["validate", &typo]).code(3).stderr_has("at line 4").stderr_has("hint: did you mean `OS::Nova::Server`");
}
