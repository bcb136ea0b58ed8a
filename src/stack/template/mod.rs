//! The HOT template of each container path, from a [`Spec`] and what berth looked up for it ([`Resolved`]).
//! Templates are [`Node`]s written by [`crate::stack::yaml`], so they carry comments a person can read: how the
//! path works, where each default came from, what each property does.

mod engine;
mod nova;
mod vm;
mod zun;

use serde_json::{Map, Value};

use super::options::{Kind, Spec};
use super::yaml::{Entry, Node, call, commented, entry, s};
use crate::openstack::glance::Image;

/// The HOT version berth writes: Heat 16 (Wallaby) and later read it.
pub const HOT_VERSION: &str = "2021-04-16";

/// What the container image resolved to, per path.
#[derive(Debug, Clone)]
pub enum Container {
    /// A Glance docker image: what nova-docker boots; what a VM downloads (`--for vm --source glance`).
    Glance(Image),
    /// What Zun's glance driver looks up: the Glance name (repository) and tag, and the image found.
    ZunGlance { name: String, tag: String, image: Image },
    /// A docker reference as typed: the Zun docker driver and the Docker plugin pull it themselves.
    Reference(String),
    /// A registry reference pinned by the digest the registry gave (`--for vm --source registry`).
    Pinned { typed: String, pinned: String },
}

/// Everything berth looked up for a template.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub container: Container,
    /// `--for vm`: the VM image.
    pub vm_image: Option<Image>,
    /// `--for vm --source glance`: the identity and image endpoints the VM talks to.
    pub identity_url: Option<String>,
    pub image_url: Option<String>,
}

/// A template: its text, and what berth's preflight checks in it.
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    /// The resource types it uses.
    pub types: Vec<String>,
    /// The node it was written from (for tests).
    pub node: Node,
}

/// The template of `kind` for `spec`.
pub fn render(kind: Kind, spec: &Spec, resolved: &Resolved) -> anyhow::Result<Template> {
    let node = match (kind, &resolved.container) {
        (Kind::NovaDocker, Container::Glance(image)) => nova::nova_docker(spec, image),
        (Kind::Zun, c) => zun::zun(spec, c),
        (Kind::DockerEngine, Container::Reference(r)) => engine::docker_engine(spec, r),
        (Kind::Vm, _) => vm::vm(spec, resolved)?,
        (k, c) => anyhow::bail!("berth resolved the image of `--for {k}` to {c:?}, which that path does not take"),
    };
    Ok(Template { text: node.document(), types: vec![kind.resource_type().to_string()], node })
}

/// The parameters a generated template needs at create beyond its defaults (`--for vm --source glance`: the
/// restricted application credential, made at create).
pub fn credential_parameters(id: &str, secret: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(vm::CREDENTIAL_ID.into(), Value::from(id));
    m.insert(vm::CREDENTIAL_SECRET.into(), Value::from(secret));
    m
}

pub use vm::{CREDENTIAL_ID, CREDENTIAL_SECRET, SCRIPT_PATH};

/// The top of every template: version, description, and comments on the path.
fn document(kind: Kind, spec: &Spec, description: String, about: &str, sections: Vec<Entry>) -> Node {
    let header = format!(
        "Made by `berth stack template {} --for {kind}`.\n{about}\n\n\
         Create:   berth stack create NAME --template THIS.yaml [--parameter KEY=VALUE]...\n\
         or:       openstack stack create -t THIS.yaml [--parameter KEY=VALUE]... NAME",
        spec.image
    );
    let mut entries = vec![
        commented("heat_template_version", Node::Raw(HOT_VERSION.into()), &header),
        entry("description", s(description)),
    ];
    entries.extend(sections);
    Node::Map(entries)
}

/// A `string` parameter with a description, a comment and a default.
fn param(name: &str, description: &str, comment: &str, default: Option<String>, constraint: Option<&str>) -> Entry {
    let mut p = vec![entry("type", s("string")), entry("description", s(description))];
    if let Some(d) = default {
        p.push(if comment.is_empty() { entry("default", s(d)) } else { commented("default", s(d), comment) });
    }
    if let Some(c) = constraint {
        p.push(entry("constraints", Node::Seq(vec![Node::Map(vec![entry("custom_constraint", s(c))])])));
    }
    entry(name, Node::Map(p))
}

/// The server's or container's name: `--name`, else the stack's.
fn name_property(spec: &Spec) -> Entry {
    match &spec.name {
        Some(n) => entry("name", s(n.clone())),
        None => {
            commented("name", call("get_param", s("OS::stack_name")), "named after the stack (`--name` sets another)")
        }
    }
}

/// `{output: {description, value}}`.
fn output(name: &str, description: &str, value: Node) -> Entry {
    entry(name, Node::Map(vec![entry("description", s(description)), entry("value", value)]))
}

/// `KEY: value` pairs as a map of strings.
fn env_map(env: &[(String, String)]) -> Node {
    Node::Map(env.iter().map(|(k, v)| entry(k, s(v.clone()))).collect())
}

/// A Glance image's provenance as berth recorded it, for a comment.
fn provenance(image: &Image) -> String {
    let name = image.name.clone().unwrap_or_else(|| image.id.clone());
    let mut text = format!("Glance image `{name}` ({})", image.id);
    if let Some(src) = image.property(crate::image::provenance::SOURCE) {
        text.push_str(&format!(", synced by berth from {src}"));
    }
    if let Some(d) = image
        .property(crate::image::provenance::MANIFEST_DIGEST)
        .or_else(|| image.property(crate::image::provenance::CONFIG_DIGEST))
    {
        text.push_str(&format!("\n({d}"));
        if let Some(v) = image.property(crate::image::provenance::VERSION) {
            text.push_str(&format!(", version {v}"));
        }
        text.push(')');
    }
    text
}

#[cfg(test)]
mod tests;
