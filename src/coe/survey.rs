//! The cloud-wide Magnum checks of `gaps` (area `magnum`): can this cloud run a Magnum cluster at all? The same
//! checks as the preflight, on what the cloud offers instead of one template: the services, a node image a driver
//! takes, an external network, and each existing template's preflight.

use super::facts::{self, Facts};
use super::{DRIVERS, Spec, checks};
use crate::gaps::{Area, Fact, Finding, Status};
use crate::openstack::Session;
use crate::openstack::glance;
use crate::openstack::magnum::Magnum;

const REFERENCE: &str = "https://docs.openstack.org/magnum/latest/user/";

/// At most this many templates get a preflight of their own in the report.
const TEMPLATES: usize = 10;

fn finding(id: &str, status: Status, summary: impl Into<String>) -> Finding {
    Finding::new(id, Area::Magnum, status, summary).reference(REFERENCE)
}

/// The node images (name, os_distro, driver) among `images`: those whose os_distro a known driver takes.
pub fn node_images(images: &[glance::Image]) -> Vec<(String, String, &'static str)> {
    images
        .iter()
        .filter_map(|i| {
            let distro = i.property("os_distro")?;
            let d = DRIVERS.iter().find(|d| d.2 == distro)?;
            Some((i.name.clone().unwrap_or_else(|| i.id.clone()), distro.to_string(), d.0))
        })
        .collect()
}

/// Whether a Magnum cluster can be made here, and what is missing.
pub async fn survey(session: &Session) -> Vec<Finding> {
    let base = facts::gather(session, &Spec::default()).await;
    let mut out = vec![
        checks::all(&Spec::default(), &base)
            .into_iter()
            .find(|f| f.id == "magnum.services")
            .unwrap_or_else(|| finding("magnum.services", Status::Unknown, "no answer")),
    ];
    out.push(match Fact::from(glance::list(session, &[]).await) {
        Fact::Unknown(r) => finding("magnum.node-image", Status::Unknown, "cannot list images").evidence(r),
        Fact::Known(imgs) => {
            let found = node_images(&imgs);
            if found.is_empty() {
                finding("magnum.node-image", Status::Warn, "no image a Magnum driver takes")
                    .evidence("no image has an os_distro of a known driver (e.g. `fedora-coreos`)")
                    .consequence("no cluster template can be made until there is one")
                    .remedy("upload one: `berth coe image FILE --name NAME --os-distro fedora-coreos`")
            } else {
                finding("magnum.node-image", Status::Ok, format!("{} node image(s)", found.len())).evidence(
                    found.iter().map(|(n, d, drv)| format!("{n} ({d}: {drv})")).collect::<Vec<_>>().join(", "),
                )
            }
        }
    });
    out.push(external(&base));
    out.extend(templates(session).await);
    out
}

fn external(f: &Facts) -> Finding {
    match &f.networks {
        Fact::Unknown(r) => {
            finding("magnum.external-network", Status::Unknown, "cannot list networks").evidence(r.clone())
        }
        Fact::Known(n) => {
            let ext: Vec<&str> = n.iter().filter(|n| n.external).map(|n| n.name.as_str()).collect();
            if ext.is_empty() {
                finding("magnum.external-network", Status::Fail, "no external network for this project")
                    .consequence(
                        "clusters get no floating IPs and no reachable API address; templates naming one are refused",
                    )
                    .remedy("an admin makes an external network available to the project")
            } else {
                finding("magnum.external-network", Status::Ok, format!("external networks: {}", ext.join(", ")))
            }
        }
    }
}

/// Each template's preflight, as one finding: its worst check, and the failing ones as evidence.
async fn templates(session: &Session) -> Vec<Finding> {
    let Ok(magnum) = Magnum::connect(session) else { return Vec::new() };
    let Ok(list) = magnum.templates().await else { return Vec::new() };
    let judged = futures_util::future::join_all(list.iter().take(TEMPLATES).map(|t| async move {
        let spec = Spec::of_template(t);
        let f = facts::gather(session, &spec).await;
        (t, checks::all(&spec, &f))
    }))
    .await;
    let mut out = Vec::new();
    for (t, found) in judged {
        let worst = found.iter().map(|f| f.status).filter(|s| *s != Status::Unknown).max().unwrap_or(Status::Ok);
        let bad: Vec<String> =
            found.iter().filter(|f| f.status >= Status::Warn).map(|f| format!("{}: {}", f.id, f.summary)).collect();
        let name = t.name.clone().unwrap_or_else(|| t.uuid.clone());
        let summary = if bad.is_empty() {
            format!("template `{name}` passes the preflight")
        } else {
            format!("template `{name}`: {} check(s) warn or fail", bad.len())
        };
        out.push(finding(&format!("magnum.template.{name}"), worst, summary).evidence(bad.join("; ")).remedy(
            if bad.is_empty() {
                String::new()
            } else {
                format!("`berth coe preflight --template {name}` has the details")
            },
        ));
    }
    out
}
