//! The service catalog of a token, service-type aliases and endpoint selection.

use serde::{Deserialize, Serialize};

use crate::error::Failure;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Service {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Endpoint {
    #[serde(default)]
    pub id: String,
    pub interface: String,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub region_id: Option<String>,
    pub url: String,
}

impl Endpoint {
    pub fn region(&self) -> Option<&str> {
        self.region_id.as_deref().or(self.region.as_deref())
    }
}

/// Official service types and the aliases clouds register them under (from os-service-types), official first.
pub const SERVICE_TYPES: &[&[&str]] = &[
    &["identity"],
    &["compute"],
    &["image"],
    &["network"],
    &["placement"],
    &["block-storage", "volumev3", "volumev2", "volume", "block-store"],
    &["object-store"],
    &["orchestration"],
    &["container-infrastructure-management", "container-infrastructure", "container-infra"],
    &["application-container", "container"],
    &["metric"],
    &["alarming"],
    &["metering"],
    &["event"],
    &["key-manager"],
    &["load-balancer"],
    &["dns"],
    &["shared-file-system", "sharev2", "share"],
    &["baremetal"],
];

/// All names that mean the same service as `kind` (itself first when it is not listed).
pub fn aliases(kind: &str) -> Vec<&str> {
    match SERVICE_TYPES.iter().find(|names| names.contains(&kind)) {
        Some(names) => names.to_vec(),
        None => vec![kind],
    }
}

/// The catalog entry for a service type or any of its aliases; the official name is preferred when a
/// cloud registers several.
pub fn find<'a>(catalog: &'a [Service], kind: &str) -> Option<&'a Service> {
    aliases(kind).into_iter().find_map(|name| catalog.iter().find(|s| s.kind == name))
}

/// The endpoint of `service` for `interface` (public/internal/admin, with or without the `URL` suffix of old
/// clouds) in `region` (any region when None).
pub fn select<'a>(service: &'a Service, interface: &str, region: Option<&str>) -> anyhow::Result<&'a Endpoint> {
    let interface = interface.trim_end_matches("URL").to_ascii_lowercase();
    let found =
        service.endpoints.iter().find(|e| e.interface == interface && region.is_none_or(|r| e.region() == Some(r)));
    found.ok_or_else(|| {
        let have: Vec<String> = service
            .endpoints
            .iter()
            .map(|e| format!("{} in {}", e.interface, e.region().unwrap_or("no region")))
            .collect();
        let wanted = match region {
            Some(r) => format!("`{interface}` endpoint in region `{r}`"),
            None => format!("`{interface}` endpoint"),
        };
        Failure::usage(format!("the `{}` service has no {wanted}", service.kind))
            .hint(format!(
                "it has: {}; choose with `--os-interface`/`OS_INTERFACE` and `--os-region-name`/`OS_REGION_NAME`",
                if have.is_empty() { "no endpoints".to_string() } else { have.join(", ") }
            ))
            .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(interface: &str, region: &str, url: &str) -> Endpoint {
        Endpoint {
            id: String::new(),
            interface: interface.into(),
            region: Some(region.into()),
            region_id: Some(region.into()),
            url: url.into(),
        }
    }

    fn catalog() -> Vec<Service> {
        vec![
            Service {
                kind: "volumev3".into(),
                name: "cinderv3".into(),
                id: "1".into(),
                endpoints: vec![ep("public", "R1", "http://c1")],
            },
            Service {
                kind: "image".into(),
                name: "glance".into(),
                id: "2".into(),
                endpoints: vec![
                    ep("public", "R1", "http://g1"),
                    ep("internal", "R1", "http://g1i"),
                    ep("public", "R2", "http://g2"),
                ],
            },
            Service { kind: "container-infra".into(), name: "magnum".into(), id: "3".into(), endpoints: vec![] },
        ]
    }

    #[test]
    fn aliases_find_services() {
        let c = catalog();
        assert_eq!(find(&c, "block-storage").unwrap().name, "cinderv3");
        assert_eq!(find(&c, "volumev3").unwrap().name, "cinderv3");
        assert_eq!(find(&c, "container-infrastructure-management").unwrap().name, "magnum");
        assert!(find(&c, "compute").is_none());
        assert_eq!(aliases("foo"), vec!["foo"]);
    }

    #[test]
    fn endpoint_by_interface_and_region() {
        let c = catalog();
        let g = find(&c, "image").unwrap();
        assert_eq!(select(g, "public", None).unwrap().url, "http://g1");
        assert_eq!(select(g, "public", Some("R2")).unwrap().url, "http://g2");
        assert_eq!(select(g, "internalURL", Some("R1")).unwrap().url, "http://g1i");
    }

    #[test]
    fn missing_endpoint_says_what_exists() {
        let c = catalog();
        let e = select(find(&c, "image").unwrap(), "admin", None).unwrap_err();
        let f = e.downcast_ref::<Failure>().unwrap();
        assert_eq!(f.message, "the `image` service has no `admin` endpoint");
        assert!(f.hint.as_deref().unwrap().starts_with("it has: public in R1, internal in R1, public in R2;"));
    }
}
