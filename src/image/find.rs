//! Finding a Glance image the way commands take one: an ID, an exact Glance name, or a docker reference (the
//! newest image berth synced from it).

use super::provenance::Recorded;
use crate::error::Failure;
use crate::openstack::Session;
use crate::openstack::glance::{self, Image};
use crate::openstack::lookup::{did_you_mean, is_uuid, suggestions};

/// An image by Glance ID, Glance name, or docker reference (the newest active image synced from it).
pub async fn resolve(session: &Session, wanted: &str) -> anyhow::Result<Image> {
    if is_uuid(wanted)
        && let Ok(img) = glance::get(session, wanted).await
    {
        return Ok(img);
    }
    let newest = |mut imgs: Vec<Image>| {
        imgs.sort_by(|a, b| (a.status == "active", &a.created_at).cmp(&(b.status == "active", &b.created_at)));
        imgs.pop()
    };
    if let Some(img) = newest(glance::by_name(session, wanted).await?) {
        return Ok(img);
    }
    let docker = glance::list(session, &[("container_format", "docker")]).await?;
    let reference = crate::registry::reference::parse(wanted).ok();
    if let Some(r) = &reference
        && let Some(img) = newest(docker.iter().filter(|i| i.synced_from(r)).cloned().collect())
    {
        return Ok(img);
    }
    let names: Vec<&str> = docker.iter().filter_map(|i| i.name.as_deref()).collect();
    // Suggest a sync only of what is a reference: `a:b:c` is none.
    let sync = if reference.is_some() { format!("; `berth image sync {wanted}` makes one") } else { String::new() };
    Err(Failure::usage(format!(
        "no Glance image is called `{wanted}`, has that ID, or was synced from that docker reference"
    ))
    .hint(format!("{}`berth image list` shows the docker images{sync}", did_you_mean(&suggestions(wanted, names))))
    .into())
}

/// An image by ID, else by exact name (exactly one), else by the docker reference it was synced from (the newest,
/// as `boot` takes it).
pub async fn by_id_or_name(session: &Session, wanted: &str) -> anyhow::Result<Image> {
    let by_name = glance::by_name(session, wanted).await?;
    match by_name.len() {
        1 => return Ok(by_name.into_iter().next().expect("one image")),
        0 => {}
        n => {
            return Err(Failure::usage(format!("{n} Glance images are named `{wanted}`"))
                .hint(format!("use an ID: {}", by_name.iter().map(|i| i.id.as_str()).collect::<Vec<_>>().join(", ")))
                .into());
        }
    }
    resolve(session, wanted).await
}
