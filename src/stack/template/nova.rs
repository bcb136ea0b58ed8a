//! `--for nova-docker`: an `OS::Nova::Server` from a Glance docker image; and the server parts `--for vm` shares.

use super::{document, env_map, name_property, output, param, provenance};
use crate::openstack::glance::Image;
use crate::stack::options::{Kind, Spec};
use crate::stack::yaml::{Entry, Node, call, commented, entry, flow_seq, s};

const ABOUT: &str = "nova-docker: Nova boots the Glance docker image on a container hypervisor, whose driver `docker \
load`s it and runs it as the instance: one container per server, with the flavor's CPUs and memory, a Neutron \
port of its own, instance metadata as its environment, and the image's own command (Glance `os_command_line`). \
On a VM hypervisor the same server boots the image's data as a disk: `berth gaps` says which this cloud has.";

pub fn nova_docker(spec: &Spec, image: &Image) -> Node {
    let (default, comment) = (image.id.clone(), provenance(image));
    let parameters = Node::Map(vec![
        param(
            "image",
            "Glance docker image (container_format docker) that the container hypervisor loads and runs",
            &comment,
            Some(default),
            Some("glance.image"),
        ),
        flavor_param(spec),
    ]);
    let mut props = vec![
        name_property(spec),
        entry("image", call("get_param", s("image"))),
        entry("flavor", call("get_param", s("flavor"))),
        networks(spec),
    ];
    if !spec.env.is_empty() {
        props.push(commented(
            "metadata",
            env_map(&spec.env),
            "the docker driver turns instance metadata into the container's environment",
        ));
    }
    props.push(commented(
        "user_data_format",
        s("RAW"),
        "no software config: the container runs the image's command (Glance `os_command_line`)",
    ));
    let resources = Node::Map(vec![entry(
        "server",
        Node::Map(vec![entry("type", s("OS::Nova::Server")), entry("properties", Node::Map(props))]),
    )]);
    document(
        Kind::NovaDocker,
        spec,
        format!("{} as a container instance through Nova (nova-docker)", spec.image),
        ABOUT,
        vec![entry("parameters", parameters), entry("resources", resources), entry("outputs", server_outputs())],
    )
}

pub fn flavor_param(spec: &Spec) -> Entry {
    param(
        "flavor",
        "Nova flavor: the CPUs, memory and disk of the server",
        "",
        spec.flavor.clone(),
        Some("nova.flavor"),
    )
}

/// `networks:`: the named ones, none (`--no-network`), or Nova's automatic allocation.
pub fn networks(spec: &Spec) -> Entry {
    if spec.no_network {
        return commented(
            "networks",
            Node::Seq(vec![Node::Map(vec![entry("allocate_network", s("none"))])]),
            "no network (`--no-network`)",
        );
    }
    if spec.networks.is_empty() {
        return commented(
            "networks",
            Node::Seq(vec![Node::Map(vec![entry("allocate_network", s("auto"))])]),
            "Nova allocates a network (Neutron's auto-allocated topology); `--network NAME` names one",
        );
    }
    entry(
        "networks",
        Node::Seq(spec.networks.iter().map(|n| Node::Map(vec![entry("network", s(n.clone()))])).collect()),
    )
}

pub fn server_outputs() -> Node {
    Node::Map(vec![
        output(
            "server_id",
            "the Nova server (`berth server show` and `server logs` take it)",
            call("get_resource", s("server")),
        ),
        output(
            "addresses",
            "the server's addresses by network",
            call("get_attr", flow_seq(vec![s("server"), s("addresses")])),
        ),
    ])
}
