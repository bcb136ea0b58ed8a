//! `berth auth token|revoke`: the session's token as a record, and revocation at Keystone (and in the cache).

use serde_json::{Value, json};

use crate::app::Ctx;
use crate::cli::AuthCommand;
use crate::output::Record;

pub const TOKEN_FIELDS: &[&str] = &[
    "id",
    "expires_at",
    "issued_at",
    "user_id",
    "user_name",
    "user_domain",
    "project_id",
    "project_name",
    "project_domain",
    "domain_id",
    "roles",
    "methods",
    "cached",
];
pub const REVOKE_FIELDS: &[&str] = &["revoked", "detail", "cache_file"];

pub async fn run(cmd: AuthCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let session = ctx.session().await?;
    match cmd {
        AuthCommand::Token => {
            let t = session.token();
            let b = &t.body;
            let domain_of = |n: &Option<crate::openstack::auth::Named>| {
                n.as_ref().and_then(|p| p.domain.as_ref()).map_or(Value::Null, |d| json!(d.name))
            };
            let rec = Record::new()
                .field("id", t.id.clone())
                .field("expires_at", b.expires_at.clone())
                .field("issued_at", b.issued_at.clone())
                .field("user_id", b.user.id.clone())
                .field("user_name", b.user.name.clone())
                .field("user_domain", b.user.domain.as_ref().map_or(Value::Null, |d| json!(d.name)))
                .field("project_id", b.project.as_ref().map_or(Value::Null, |p| json!(p.id)))
                .field("project_name", b.project.as_ref().map_or(Value::Null, |p| json!(p.name)))
                .field("project_domain", domain_of(&b.project))
                .field("domain_id", b.domain.as_ref().map_or(Value::Null, |d| json!(d.id)))
                .field("roles", b.roles.iter().map(|r| r.name.clone()).collect::<Vec<_>>())
                .field("methods", b.methods.clone())
                .field("cached", session.from_cache())
                .declared(TOKEN_FIELDS);
            ctx.out.record(&rec)
        }
        AuthCommand::Revoke => {
            let accepted = session.revoke().await?;
            let rec = Record::new()
                .field("revoked", accepted)
                .field(
                    "detail",
                    if accepted { "Keystone revoked the token" } else { "Keystone no longer accepted the token" },
                )
                .field("cache_file", session.cache_path().map_or(Value::Null, |p| json!(p.display().to_string())))
                .declared(REVOKE_FIELDS);
            ctx.out.record(&rec)
        }
    }
}
