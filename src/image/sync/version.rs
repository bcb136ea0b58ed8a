//! Making the next version of an image's lineage when other berths may be making it at the same moment (two cron
//! jobs, two CI pipelines): each asks for the version's deterministic ID (`lineage::version_id`); the one that gets
//! it uploads, the others wait for it. When it made their content they report `up to date` and transfer nothing;
//! else they go on to the next version.

use std::time::Instant;

use super::Synced;
use crate::error::{ExitCode, Failure};
use crate::feedback::Feedback;
use crate::image::lineage;
use crate::image::naming::Naming;
use crate::image::provenance::Recorded;
use crate::image::upload::{self, Claimed, Waited};
use crate::openstack::{Session, glance};

/// How often a sync that finds another one making the same version waits for it and looks again.
const ROUNDS: u32 = 4;

/// What became of a sync: a version it made (ID, size), or the version another sync made with the same content.
pub enum Made {
    New(String, u64),
    There(Synced),
}

/// Run `attempt` with the images under `names`' Glance name until it makes a version, or another sync made one
/// with the content `same` recognises (current now: `up to date`). With `force` a version is made even when the
/// content is current already, unless another sync made it meanwhile.
pub async fn make<F, Fut>(
    session: &Session,
    feedback: &Feedback,
    names: &Naming,
    same: impl Fn(&glance::Image) -> bool,
    force: bool,
    start: Instant,
    mut attempt: F,
) -> anyhow::Result<Made>
where
    F: FnMut(Vec<glance::Image>) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<(String, u64)>>,
{
    for round in 0..ROUNDS {
        let known = glance::by_name_all_versions(session, &names.glance_name).await?;
        // Another sync may have made this content current since this one looked.
        if (round > 0 || !force)
            && let Some(i) = known.iter().find(|i| same(i) && i.status == "active" && lineage::is_current(i))
        {
            return Ok(Made::There(settled(names, i, start, "up to date")));
        }
        let e = match attempt(known.clone()).await {
            Ok((id, size)) => return Ok(Made::New(id, size)),
            Err(e) => e,
        };
        let Some(Claimed { id }) = e.downcast_ref::<Claimed>() else { return Err(e) };
        feedback
            .warn(&format!("`{}`: {e}; waiting for it instead of uploading the same again", names.glance_name), None);
        match upload::wait_for(session, id).await? {
            Waited::Current => {}
            Waited::Gone(why) => feedback.log(1, "sync", format_args!("{why}; looking again")),
            Waited::Stalled(img) => take_over(session, feedback, &img, &known).await?,
        }
    }
    Err(Failure::new(
        ExitCode::Failure,
        format!("other syncs kept making versions of `{}` while this one waited ({ROUNDS} times)", names.glance_name),
    )
    .hint("run the sync again once the others are done")
    .into())
}

/// The row of a version already in Glance.
pub fn settled(names: &Naming, i: &glance::Image, start: Instant, status: &'static str) -> Synced {
    Synced {
        name: names.glance_name.clone(),
        id: i.id.clone(),
        digest: i.digest().unwrap_or_default().to_string(),
        platform: i.platform().unwrap_or_default().to_string(),
        size: i.size,
        seconds: start.elapsed().as_secs_f64(),
        status,
    }
}

/// The record of a sync that stopped: one that never got data is deleted (its version is made again); a verified
/// one is switched to, as its sync would have done.
async fn take_over(
    session: &Session,
    feedback: &Feedback,
    img: &glance::Image,
    known: &[glance::Image],
) -> anyhow::Result<()> {
    if img.status == "active" {
        feedback.warn(
            &format!("the sync that made Glance image `{}` stopped before switching to it: switching now", img.id),
            None,
        );
        let others: Vec<&str> = known
            .iter()
            .filter(|i| i.id != img.id && lineage::is_current(i) && lineage::key(i) == lineage::key(img))
            .map(|i| i.id.as_str())
            .collect();
        return lineage::promote(session, &img.id, &others, vec![]).await;
    }
    feedback
        .warn(&format!("the sync that created Glance image `{}` stopped before uploading: deleting it", img.id), None);
    glance::delete(session, &img.id).await
}
