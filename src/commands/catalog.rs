//! `berth catalog list|show`: the token's service catalog, and the endpoint berth would use for a service.

use serde_json::{Value, json};

use crate::app::Ctx;
use crate::cli::CatalogCommand;
use crate::error::Failure;
use crate::openstack::catalog::{self, Endpoint};
use crate::output::{List, Record};

fn endpoints_value(eps: &[Endpoint], structured: bool) -> Value {
    if structured {
        json!(
            eps.iter()
                .map(|e| json!({"interface": e.interface, "region": e.region(), "url": e.url}))
                .collect::<Vec<_>>()
        )
    } else {
        json!(
            eps.iter().map(|e| format!("{} {}: {}", e.region().unwrap_or("-"), e.interface, e.url)).collect::<Vec<_>>()
        )
    }
}

pub const LIST_COLUMNS: &[&str] = &["type", "name", "endpoints"];
pub const SHOW_FIELDS: &[&str] = &["type", "name", "id", "endpoint", "endpoints"];

pub async fn run(cmd: CatalogCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let session = ctx.session().await?;
    let token = session.token();
    let structured = matches!(ctx.out.settings().format, crate::output::Format::Json | crate::output::Format::Yaml);
    match cmd {
        CatalogCommand::List => {
            let mut list = List::new(LIST_COLUMNS);
            let mut services = token.body.catalog.clone();
            services.sort_by(|a, b| a.kind.cmp(&b.kind));
            for s in &services {
                list.row(vec![json!(s.kind), json!(s.name), endpoints_value(&s.endpoints, structured)]);
            }
            ctx.out.list(&list)
        }
        CatalogCommand::Show { service_type } => {
            let s = catalog::find(&token.body.catalog, &service_type).ok_or_else(|| {
                let mut have: Vec<&str> = token.body.catalog.iter().map(|s| s.kind.as_str()).collect();
                have.sort_unstable();
                Failure::usage(format!("the catalog has no `{service_type}` service"))
                    .hint(format!("services here: {}", have.join(", ")))
            })?;
            let rec = Record::new()
                .field("type", s.kind.clone())
                .field("name", s.name.clone())
                .field("id", s.id.clone())
                .field("endpoint", session.endpoint(&service_type)?)
                .field("endpoints", endpoints_value(&s.endpoints, structured))
                .declared(SHOW_FIELDS);
            ctx.out.record(&rec)
        }
    }
}
