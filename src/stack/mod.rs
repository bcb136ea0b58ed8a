//! The domain "containers as Heat stacks": a HOT template for each of four container paths ([`template`], written
//! by [`yaml`] with comments), what berth checks before Heat is asked to create anything ([`preflight`]),
//! following a stack's events to its end ([`follow`]), and Heat's refusals pointed at the template's line
//! ([`refusal`]). No clap and no printing: commands hand what happens to the feedback and to `output`.

pub mod follow;
pub mod locate;
pub mod options;
pub mod preflight;
pub mod refusal;
pub mod shell;
pub mod template;
pub mod yaml;

pub use options::{Kind, Spec};

use std::time::Duration;

use serde_json::{Map, Value};

use crate::openstack::Session;
use crate::openstack::appcred::{self, Rule};
use template::{Container, Template};

/// A generated template: what it needs looked up and checked ([`preflight::resolve`]), then the template
/// written; with what was resolved and the lookup's warnings (e.g. no container hypervisor for nova-docker).
/// Callers refuse the options `kind` cannot honour first, with [`check`], before any request.
pub async fn generate(
    session: &Session,
    kind: Kind,
    spec: &Spec,
    net: &crate::net::Options,
) -> anyhow::Result<(Template, template::Resolved, Vec<String>)> {
    let found = preflight::resolve(session, kind, spec, net).await?;
    let t = template::render(kind, spec, &found.resolved)?;
    Ok((t, found.resolved, found.warnings))
}

/// The options `kind` cannot honour, or lacks: the first as the error, the others named in its hint.
pub fn check(kind: Kind, spec: &Spec) -> Result<(), crate::error::Failure> {
    let mut refusals = spec.refusals(kind);
    if let Some(c) = &spec.command
        && let Err(e) = options::shell_words(c)
    {
        refusals.push(crate::error::Failure::usage(format!("`--command`: {e}")).hint("quote as a shell would"));
    }
    crate::boot::preflight::decide(refusals.into_iter().map(|f| (f, false)).collect(), false).map(|_| ())
}

/// The name of the image credential berth makes for stack `stack` (`stack delete` deletes it by this name).
pub fn credential_name(stack: &str) -> String {
    format!("berth-stack-{stack}")
}

/// For `--for vm --source glance`: an application credential that can only `GET /v2/images/{id}/file` of the
/// image, expiring after `ttl`, as the template's parameters. `None` for every other template.
pub async fn image_credential(
    session: &Session,
    stack: &str,
    resolved: &template::Resolved,
    ttl: Duration,
) -> anyhow::Result<Option<Map<String, Value>>> {
    let (Container::Glance(image), Some(_)) = (&resolved.container, &resolved.vm_image) else { return Ok(None) };
    let expires = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::try_from(ttl)?)?
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let rule = Rule { service: "image".into(), method: "GET".into(), path: format!("/v2/images/{}/file", image.id) };
    let description = format!("berth: the VM of stack `{stack}` downloads Glance image {} with it", image.id);
    // Names are unique per user: one left by an earlier stack of this name (or this stack's previous update) goes.
    appcred::delete_named(session, &credential_name(stack)).await?;
    let created = appcred::create(session, &credential_name(stack), &description, &expires, &[rule]).await?;
    Ok(Some(template::credential_parameters(&created.id, &created.secret)))
}

/// The resource types a template uses (`resources.*.type`, or a CFN template's `Resources.*.Type`), with the
/// resource that uses each first; nested templates (`file.yaml`, URLs) are not types of the cloud and left out.
pub fn resource_types(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = serde_yaml_ng::from_str::<serde_json::Value>(text) else { return Vec::new() };
    let resources = doc.get("resources").or_else(|| doc.get("Resources"));
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, r) in resources.and_then(|r| r.as_object()).into_iter().flatten() {
        let Some(t) = r.get("type").or_else(|| r.get("Type")).and_then(|t| t.as_str()) else { continue };
        let nested = t.contains('/') || [".yaml", ".yml", ".template", ".json"].iter().any(|e| t.ends_with(e));
        if !nested && !out.iter().any(|(x, _)| x == t) {
            out.push((t.to_string(), name.clone()));
        }
    }
    out
}

/// Whether a stack status is final for `action` (`CREATE`, `UPDATE`, `DELETE`): `Some(true)` complete,
/// `Some(false)` failed, `None` still going (or another action's).
pub fn settled(status: &str, action: &str) -> Option<bool> {
    let (a, state) = status.rsplit_once('_')?;
    if a != action {
        return None;
    }
    match state {
        "COMPLETE" => Some(true),
        "FAILED" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_of_a_template() {
        let t = "heat_template_version: 2021-04-16\nresources:\n  a: {type: OS::Nova::Server}\n  b:\n    type: OS::Zun::Container\n  c: {type: OS::Nova::Server}\n  d: {type: nested.yaml}\n  e: {type: 'https://x/t.yaml'}\n";
        assert_eq!(
            resource_types(t),
            vec![("OS::Nova::Server".to_string(), "a".to_string()), ("OS::Zun::Container".into(), "b".into())]
        );
        assert_eq!(
            resource_types("{\"Resources\": {\"x\": {\"Type\": \"AWS::EC2::Instance\"}}}")[0].0,
            "AWS::EC2::Instance"
        );
        assert!(resource_types("not: [yaml").is_empty());
    }

    #[test]
    fn settled_statuses() {
        assert_eq!(settled("CREATE_COMPLETE", "CREATE"), Some(true));
        assert_eq!(settled("CREATE_FAILED", "CREATE"), Some(false));
        assert_eq!(settled("CREATE_IN_PROGRESS", "CREATE"), None);
        assert_eq!(settled("CREATE_COMPLETE", "UPDATE"), None);
        assert_eq!(settled("UPDATE_COMPLETE", "UPDATE"), Some(true));
        assert_eq!(settled("ROLLBACK_COMPLETE", "CREATE"), None);
    }
}
