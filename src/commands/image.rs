use serde_json::json;

use crate::cli::ImageCommand;
use crate::commands::Ctx;
use crate::openstack::glance;
use crate::output::List;

pub async fn run(cmd: ImageCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let ImageCommand::List { all } = cmd;
    let session = ctx.session().await?;
    let filters: &[(&str, &str)] = if all { &[] } else { &[("container_format", "docker")] };
    let mut images = glance::list(&session, filters).await?;
    images.sort_by(|a, b| a.name.cmp(&b.name).then(a.created_at.cmp(&b.created_at)));
    let mut list = List::new(&["id", "name", "status", "container_format", "disk_format", "size", "tags", "created_at"]);
    for i in images {
        list.row(vec![
            json!(i.id),
            json!(i.name),
            json!(i.status),
            json!(i.container_format),
            json!(i.disk_format),
            json!(i.size),
            json!(i.tags),
            json!(i.created_at),
        ]);
    }
    ctx.out.list(&list)
}
