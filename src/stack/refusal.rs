//! Heat's refusal of a template as an error a person can act on: Heat's own message, the template's line it is
//! about, and for a resource type this cloud lacks, which service it needs and whether the catalog has it, or
//! which types Heat does have that look like it.

use super::locate::{line_of, named_type};
use crate::error::{ExitCode, Failure};
use crate::openstack::catalog;
use crate::openstack::heat::{Refused, service_of};
use crate::openstack::lookup::{did_you_mean, suggestions};

/// `at line 12 (resources.server.properties.flavor) of `t.yaml``, or `in `t.yaml`` when Heat names no place.
fn place(message: &str, text: &str, source: &str) -> String {
    match line_of(message, text) {
        Some((line, what)) if what.is_empty() => format!("at line {line} of {source}"),
        Some((line, what)) => format!("at line {line} of {source} ({what})"),
        None => format!("in {source}"),
    }
}

/// Heat's refusal of `text` (shown as `source`, e.g. `` `t.yaml` ``), with exit `code`. `catalog` is the cloud's
/// service types; `offered` the resource types Heat lists (for "did you mean"), when berth read them.
pub fn explain(
    r: &Refused,
    text: &str,
    source: &str,
    code: ExitCode,
    catalog: &[String],
    offered: &[String],
) -> Failure {
    let f = Failure::new(code, format!("Heat refused the template {}: {}", place(&r.message, text, source), r.message));
    if let Some(t) = named_type(&r.message) {
        return f.hint(type_hint(&t, catalog, offered));
    }
    if r.status == 409 {
        return f.hint(
            "a stack of that name exists: `berth stack update NAME` changes it, `berth stack delete NAME` removes it",
        );
    }
    f.hint(format!(
        "fix {source} where Heat points; `berth stack validate --full` checks every property as a create would"
    ))
}

/// Why Heat lacks `t`, and what to do: the service it needs (in the catalog or not), or similar types Heat has.
pub fn type_hint(t: &str, catalog: &[String], offered: &[String]) -> String {
    let close = did_you_mean(&suggestions(t, offered.iter().map(String::as_str)));
    if let Some((service, what)) = service_of(t) {
        let present = catalog.iter().any(|c| catalog::aliases(service).contains(&c.as_str()));
        if !present {
            return format!(
                "`{t}` needs the `{service}` service ({what}), which this cloud's catalog does not have; \
                 `berth gaps --only orchestration` shows which container paths this cloud supports"
            );
        }
        if close.is_empty() {
            return format!(
                "the `{service}` service ({what}) is in the catalog, but Heat does not offer `{t}`: ask the cloud's \
                 operator (Heat's engine may lack the plugin or the service's client)"
            );
        }
    }
    if !close.is_empty() {
        return format!("{close}(`{t}` is no type this cloud's Heat offers)");
    }
    if t.starts_with("DockerInc::Docker::") {
        return format!(
            "`{t}` is Heat's contrib Docker plugin (contrib/heat_docker), which this cloud's Heat does not load: it \
             needs the plugin in heat.conf's `plugin_dirs` and the `docker` Python library; `berth gaps --only \
             orchestration` shows which container paths this cloud supports"
        );
    }
    "`openstack orchestration resource type list` shows the types this cloud's Heat offers".to_string()
}

/// The preflight's refusal of a resource type Heat does not offer (exit 2: nothing was created).
pub fn missing_type(
    t: &str,
    resource: &str,
    text: &str,
    source: &str,
    catalog: &[String],
    offered: &[String],
) -> Failure {
    let at =
        line_of(&format!("resource type {t},"), text).map_or(String::new(), |(l, _)| format!(", line {l} of {source}"));
    Failure::usage(format!("this cloud's Heat does not offer `{t}` (resource `{resource}`{at})"))
        .hint(type_hint(t, catalog, offered))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "heat_template_version: 2021-04-16\nresources:\n  c:\n    type: OS::Zun::Container\n    properties:\n      image: x\n";

    fn refused(message: &str) -> Refused {
        Refused { what: "validating the template".into(), status: 400, kind: String::new(), message: message.into() }
    }

    #[test]
    fn a_missing_service_is_named() {
        let r = refused(
            "HEAT-E99001 Service zun is not available for resource type OS::Zun::Container, reason: zun container endpoint is not in service catalog.",
        );
        let close = ["OS::Heat::None".to_string(), "OS::Neutron::Net".to_string()];
        let f = explain(&r, T, "`t.yaml`", ExitCode::Negative, &["compute".into(), "orchestration".into()], &close);
        assert_eq!(f.code, ExitCode::Negative);
        assert!(
            f.message.starts_with("Heat refused the template at line 4 of `t.yaml` (OS::Zun::Container): HEAT-E99001"),
            "{}",
            f.message
        );
        let hint = f.hint.unwrap();
        assert!(hint.contains("needs the `application-container` service (Zun, registered as `container`), which this cloud's catalog does not have"), "{hint}");
    }

    #[test]
    fn a_typo_gets_a_suggestion_and_properties_their_line() {
        let r = refused("The Resource Type (OS::Nova::Sever) could not be found.");
        let f = explain(
            &r,
            "resources:\n  s:\n    type: OS::Nova::Sever\n",
            "`t.yaml`",
            ExitCode::Negative,
            &["compute".into()],
            &["OS::Nova::Server".into()],
        );
        assert!(f.message.contains("at line 3 of `t.yaml`"), "{}", f.message);
        assert_eq!(
            f.hint.unwrap(),
            "did you mean `OS::Nova::Server`? (`OS::Nova::Sever` is no type this cloud's Heat offers)"
        );
        let r = refused("Property error: : resources.c.properties.image: : Error validating value 'x'");
        let f = explain(&r, T, "`t.yaml`", ExitCode::Failure, &[], &[]);
        assert!(f.message.contains("at line 6 of `t.yaml` (resources.c.properties.image)"), "{}", f.message);
    }

    #[test]
    fn the_docker_plugin_is_explained() {
        let f = missing_type(
            "DockerInc::Docker::Container",
            "c",
            "resources:\n  c:\n    type: DockerInc::Docker::Container\n",
            "`t`",
            &[],
            &[],
        );
        assert_eq!(f.code, ExitCode::Usage);
        assert!(f.message.contains("resource `c`, line 3 of `t`"), "{}", f.message);
        assert!(f.hint.unwrap().contains("plugin_dirs"));
    }
}
