//! `--for docker-engine`: a `DockerInc::Docker::Container` of Heat's Docker plugin.

use super::{document, name_property, output, param};
use crate::stack::options::{Kind, Restart, Spec, shell_words};
use crate::stack::yaml::{Entry, Node, call, commented, entry, flow_seq, s};

const ABOUT: &str = "docker-engine: Heat's engine creates the container on a Docker engine itself, through the Docker \
plugin (Heat's contrib/heat_docker, unsupported, loaded from `plugin_dirs` where the `docker` Python library is \
installed). Nova, Glance, Keystone and Neutron play no part: the engine pulls the image before every create, and \
the container joins the engine's own network. Upstream's plugin fails every create with docker SDK >= 2.0 \
(`create_container() got an unexpected keyword argument 'mem_limit'`) unless patched to pass host options in \
`host_config`; `berth gaps --only orchestration` tells.";

pub fn docker_engine(spec: &Spec, reference: &str) -> Node {
    let parameters = Node::Map(vec![
        param(
            "docker_endpoint",
            "the Docker engine Heat's engine talks to: unix:///path/docker.sock or tcp://host:port",
            "",
            spec.docker_endpoint.clone(),
            None,
        ),
        param(
            "image",
            "the docker reference the engine pulls (from the engine's point of view) before it creates the container",
            "",
            Some(reference.to_string()),
            None,
        ),
    ]);
    let props = properties(spec);
    let resources = Node::Map(vec![entry(
        "container",
        Node::Map(vec![entry("type", s("DockerInc::Docker::Container")), entry("properties", Node::Map(props))]),
    )]);
    let outputs = Node::Map(vec![
        output(
            "container_id",
            "the container's ID in the engine (`docker inspect` takes it)",
            call("get_resource", s("container")),
        ),
        output(
            "ip",
            "the container's address on the engine's network",
            call("get_attr", flow_seq(vec![s("container"), s("network_ip")])),
        ),
        output("logs", "what the container wrote so far", call("get_attr", flow_seq(vec![s("container"), s("logs")]))),
    ]);
    document(
        Kind::DockerEngine,
        spec,
        format!("{} as a container on a Docker engine, through Heat's Docker plugin", spec.image),
        ABOUT,
        vec![entry("parameters", parameters), entry("resources", resources), entry("outputs", outputs)],
    )
}

/// The container's properties: what the plugin passes to `create_container` and `create_host_config`.
fn properties(spec: &Spec) -> Vec<Entry> {
    let mut props = vec![
        entry("docker_endpoint", call("get_param", s("docker_endpoint"))),
        entry("image", call("get_param", s("image"))),
        name_property(spec),
    ];
    if !spec.env.is_empty() {
        props.push(entry("env", Node::Seq(spec.env.iter().map(|(k, v)| s(format!("{k}={v}"))).collect())));
    }
    if let Some(c) = &spec.command {
        // Refused before rendering when it does not split (see `stack::check`); an empty list leaves the image's.
        let words = shell_words(c).unwrap_or_default();
        props.push(commented("cmd", flow_seq(words.into_iter().map(s).collect()), "replaces the image's Cmd"));
    }
    if let Some(m) = spec.memory {
        props.push(commented("memory", Node::Int(m.bytes as i64), "bytes"));
    }
    if let Some(r) = &spec.restart {
        let (name, count) = match r {
            Restart::No => ("no", 0),
            Restart::Always | Restart::UnlessStopped => ("always", 0),
            Restart::OnFailure(n) => ("on-failure", n.unwrap_or(0)),
        };
        let mut policy = vec![entry("Name", s(name))];
        if count > 0 {
            policy.push(entry("MaximumRetryCount", Node::Int(i64::from(count))));
        }
        props.push(entry("restart_policy", Node::Flow(Box::new(Node::Map(policy)))));
    }
    if !spec.publish.is_empty() {
        props.push(commented(
            "port_specs",
            flow_seq(spec.publish.iter().map(|p| Node::Int(i64::from(p.container))).collect()),
            "the container's TCP ports (the plugin exposes TCP ports only)",
        ));
        let bindings = spec
            .publish
            .iter()
            .map(|p| {
                let mut b = Vec::new();
                if let Some(ip) = &p.ip {
                    b.push(entry("HostIp", s(ip.clone())));
                }
                b.push(entry("HostPort", s(p.host.to_string())));
                entry(&p.container_key(), Node::Seq(vec![Node::Flow(Box::new(Node::Map(b)))]))
            })
            .collect();
        props.push(commented(
            "port_bindings",
            Node::Map(bindings),
            "published on the engine's host, as `docker run -p`",
        ));
    }
    props
}
