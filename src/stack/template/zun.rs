//! `--for zun`: an `OS::Zun::Container`.

use super::{Container, document, env_map, name_property, output, param, provenance};
use crate::stack::options::{ImageDriver, Kind, Spec, VolumeSource};
use crate::stack::yaml::{Entry, Node, call, commented, entry, flow_seq, s};

const ABOUT: &str = "zun: Zun runs the container on one of its hosts, with a Neutron port of its own, the CPUs and \
memory asked for, and Cinder volumes mounted (created with the container, or existing ones): the way a container \
gets a volume. Heat offers OS::Zun::Container only where the cloud's catalog has a `container` (Zun) service.";

pub fn zun(spec: &Spec, c: &Container) -> Node {
    let (default, driver, comment) = match c {
        Container::ZunGlance { name, tag, image } => (
            format!("{name}:{tag}"),
            ImageDriver::Glance,
            format!(
                "{}\nZun's glance driver finds the image named `{name}` tagged `{tag}` (`berth image sync --for zun` names it so)",
                provenance(image)
            ),
        ),
        Container::Reference(r) | Container::Pinned { typed: r, .. } => (r.clone(), ImageDriver::Docker, String::new()),
        Container::Glance(image) => (image.name.clone().unwrap_or_default(), ImageDriver::Glance, provenance(image)),
    };
    let parameters = Node::Map(vec![param(
        "image",
        match driver {
            ImageDriver::Glance => "the image as Zun's glance driver looks it up: `name:tag` of a Glance docker image",
            ImageDriver::Docker => "the docker reference Zun pulls",
        },
        &comment,
        Some(default),
        None,
    )]);
    let resources = Node::Map(vec![entry(
        "container",
        Node::Map(vec![
            entry("type", s("OS::Zun::Container")),
            entry("properties", Node::Map(properties(spec, driver))),
        ]),
    )]);
    let outputs = Node::Map(vec![
        output("name", "the container's name in Zun", call("get_attr", flow_seq(vec![s("container"), s("name")]))),
        output(
            "addresses",
            "the container's addresses by network",
            call("get_attr", flow_seq(vec![s("container"), s("addresses")])),
        ),
    ]);
    document(
        Kind::Zun,
        spec,
        format!("{} as a Zun container", spec.image),
        ABOUT,
        vec![entry("parameters", parameters), entry("resources", resources), entry("outputs", outputs)],
    )
}

fn properties(spec: &Spec, driver: ImageDriver) -> Vec<Entry> {
    let mut props = vec![
        name_property(spec),
        entry("image", call("get_param", s("image"))),
        commented(
            "image_driver",
            s(driver.as_str()),
            match driver {
                ImageDriver::Glance => {
                    "from Glance: Zun checks the download against Glance's checksum, then `docker load`s it"
                }
                ImageDriver::Docker => "from the registry, as Docker pulls",
            },
        ),
    ];
    if let Some(c) = &spec.command {
        props.push(commented("command", s(c.clone()), "split into words as a shell would (Zun uses shlex)"));
    }
    if let Some(cpu) = spec.cpu {
        props.push(entry("cpu", Node::Float(cpu)));
    }
    if let Some(m) = spec.memory {
        props.push(commented("memory", Node::Int(m.mib() as i64), "MiB"));
    }
    if !spec.env.is_empty() {
        props.push(entry("environment", env_map(&spec.env)));
    }
    if let Some(r) = &spec.restart {
        props.push(entry("restart_policy", s(r.to_string())));
    }
    if !spec.networks.is_empty() {
        props.push(entry(
            "networks",
            Node::Seq(spec.networks.iter().map(|n| Node::Map(vec![entry("network", s(n.clone()))])).collect()),
        ));
    }
    if !spec.volumes.is_empty() {
        let mounts = spec
            .volumes
            .iter()
            .map(|v| {
                let source = match &v.source {
                    VolumeSource::Size(gib) => entry("volume_size", Node::Int(i64::from(*gib))),
                    VolumeSource::Existing(id) => entry("volume_id", s(id.clone())),
                };
                Node::Map(vec![source, entry("mount_path", s(v.path.clone()))])
            })
            .collect();
        props.push(commented(
            "mounts",
            Node::Seq(mounts),
            "Cinder volumes: `volume_size` (GiB) makes one with the container and deletes it with the stack;\n`volume_id` mounts an existing one",
        ));
    }
    props
}
