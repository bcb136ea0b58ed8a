//! The `zun` path without Zun: the real Heat refuses its template and says which service is missing, and the
//! properties berth writes are checked against `OS::Zun::Container`'s own schema from the installed Heat.

use std::process::Command;

use serde_json::{Value, json};

use super::{berth, busybox, stack};
use crate::common::dev;

/// Heat's own validation of the container's properties: its properties schema (types, allowed values, list and
/// map schemas) through `heat.engine.properties.Properties`, plus the resource's own checks of restart_policy
/// and mounts. Custom constraints (`cinder.volume`, `neutron.network`) need a cloud with those services: they are
/// the only part left out.
const CHECK: &str = r#"
import json, sys
from heat.engine import constraints, properties
from heat.engine.resources.openstack.zun import container
constraints.CustomConstraint.validate = lambda self, *a, **k: None
props = json.load(sys.stdin)
schema = container.Container.properties_schema
unknown = sorted(set(props) - set(schema))
if unknown:
    sys.exit("not in OS::Zun::Container's schema: %s" % unknown)
properties.Properties(schema, props).validate(with_value=True)
policy = props.get("restart_policy")
if policy is not None and not container.Container._parse_restart_policy(None, policy):
    sys.exit("restart_policy %r is refused by the resource" % policy)
for m in props.get("mounts") or []:
    if ("volume_id" in m) == ("volume_size" in m):
        sys.exit("a mount needs volume_id or volume_size, not both: %r" % m)
print("valid:", ", ".join(sorted(props)))
"#;

#[test]
fn zun_templates_fit_heats_schema_and_heat_names_the_missing_service() {
    let b = berth();
    // Without a `container` service in the catalog (the gaps test adds one for a while).
    let _catalog = crate::common::catalog_as_is();
    let dir = tempfile::tempdir().unwrap();
    let out = stack(
        &b,
        &[
            "template",
            &busybox(),
            "--for",
            "zun",
            "--image-driver",
            "docker",
            "--name",
            "web",
            "--command",
            "sh -c 'sleep 3600'",
            "--cpu",
            "0.5",
            "--memory",
            "256m",
            "--env",
            "A=b",
            "--restart",
            "on-failure:3",
            "--network",
            "0b1c3e5a-0000-4000-8000-00000000000a",
            "--volume",
            "10:/data",
            "--volume",
            "0b1c3e5a-0000-4000-8000-000000000009:/srv",
        ],
    )
    .ok();
    let template: Value = serde_yaml_ng::from_str(&out.stdout).unwrap();
    let mut props = template["resources"]["container"]["properties"].clone();
    // Intrinsic functions are Heat's to resolve: the parameter's default stands in for `{get_param: image}`.
    props["image"] = template["parameters"]["image"]["default"].clone();
    let (ok, said) = heats_schema(&props);
    assert!(ok, "Heat's schema refuses {props}:\n{said}");
    assert!(
        said.contains(
            "valid: command, cpu, environment, image, image_driver, memory, mounts, name, networks, restart_policy"
        ),
        "{said}"
    );
    // The check can fail: what Zun's schema does not have, or a value it does not allow.
    for bad in [
        json!({"image": "x", "ports": [80]}),
        json!({"image": "x", "memory": "lots"}),
        json!({"image": "x", "restart_policy": "sometimes"}),
    ] {
        assert!(!heats_schema(&bad).0, "{bad} passed");
    }

    // Without a `container` service, the real Heat refuses the type; berth says which service it needs.
    let file = dir.path().join("zun.yaml");
    std::fs::write(&file, &out.stdout).unwrap();
    let v = stack(&b, &["validate", file.to_str().unwrap()]).code(3);
    assert!(
        v.stderr.contains("HEAT-E99001 Service zun is not available for resource type OS::Zun::Container"),
        "{}",
        v.stderr
    );
    assert!(v.stderr.contains("(OS::Zun::Container)"), "the line of the type: {}", v.stderr);
    assert!(
        v.stderr.contains("needs the `application-container` service (Zun, registered as `container`), which this cloud's catalog does not have"),
        "{}",
        v.stderr
    );
}

/// Whether the installed Heat's `OS::Zun::Container` accepts `props`, and what the check said.
fn heats_schema(props: &Value) -> (bool, String) {
    let mut child = Command::new(format!("{}/bin/python", dev("BERTH_DEV_VENV")))
        .args(["-c", CHECK])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), props.to_string().as_bytes()).unwrap();
    let checked = child.wait_with_output().unwrap();
    (
        checked.status.success(),
        format!("{}{}", String::from_utf8_lossy(&checked.stdout), String::from_utf8_lossy(&checked.stderr)),
    )
}
