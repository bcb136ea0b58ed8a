//! Making the next version of an image's lineage at each destination, when other berths may be making it at the same
//! moment (two cron jobs, two CI pipelines): at each destination the sync asks for the version's deterministic ID
//! (`lineage::version_id`); where it gets it, it uploads (one read of the source streamed to every such
//! destination), where another sync holds it, it waits for that one. When that one made its content, that
//! destination is `up to date` and got nothing; else it takes part in the next round.

use std::future::Future;
use std::time::Instant;

use super::Synced;
use crate::error::{ExitCode, Failure};
use crate::feedback::Feedback;
use crate::image::destination::Destination;
use crate::image::lineage;
use crate::image::naming::Naming;
use crate::image::provenance::Recorded;
use crate::image::upload::{self, Claim, Waited};
use crate::openstack::glance;

/// How often a sync that finds another one making the same version waits for it and looks again.
const ROUNDS: u32 = 4;

/// What became of a sync at one destination: a version it made (ID, size), or the version already there with the
/// same content.
pub enum Made {
    New(String, u64),
    There(Synced),
}

/// What one image is: its names, platform, the record of a new version (its properties without the version's),
/// and, for messages, what was asked for.
pub struct Image<'a> {
    pub names: &'a Naming,
    pub platform: &'a str,
    pub record: glance::NewImage,
    pub what: &'a str,
}

/// What a destination does in a round.
enum Step {
    /// The content is current there already.
    There(Synced),
    /// A record to upload into, and the versions that step aside once it is verified.
    Upload(String, Vec<String>),
    /// Another sync holds the version's ID: wait for it.
    Wait(String, Vec<glance::Image>),
}

/// Make `image` current at every destination of `dests` (one result each, in order): the versions already there
/// with the content `same` recognises are kept (`up to date`); the others get a new version, streamed by
/// `transfer` to all of them at once (the destinations and their new records; the size per record). With
/// `force` a version is made even where the content is current already, unless another sync made it meanwhile.
#[allow(clippy::too_many_arguments)] // the pieces of one sync, each owned by its caller
pub async fn make<'d, T, F>(
    dests: &[&'d Destination],
    feedback: &Feedback,
    image: &Image<'_>,
    same: impl Fn(&glance::Image) -> bool,
    force: bool,
    start: Instant,
    mut transfer: T,
) -> Vec<anyhow::Result<Made>>
where
    T: FnMut(Vec<(&'d Destination, String)>) -> F,
    F: Future<Output = Vec<anyhow::Result<u64>>>,
{
    let mut results: Vec<Option<anyhow::Result<Made>>> = dests.iter().map(|_| None).collect();
    for round in 0..ROUNDS {
        let open: Vec<usize> = (0..dests.len()).filter(|i| results[*i].is_none()).collect();
        if open.is_empty() {
            break;
        }
        let steps = futures_util::future::join_all(
            open.iter().map(|&i| step(dests[i], image, &same, round > 0 || !force, start)),
        )
        .await;
        let (mut uploads, mut waits) = (Vec::new(), Vec::new());
        for (&i, s) in open.iter().zip(steps) {
            match s {
                Ok(Step::There(row)) => results[i] = Some(Ok(Made::There(row))),
                Ok(Step::Upload(id, previous)) => uploads.push((i, id, previous)),
                Ok(Step::Wait(id, known)) => waits.push((i, id, known)),
                Err(e) => results[i] = Some(Err(e)),
            }
        }
        let records: Vec<(&'d Destination, String)> =
            uploads.iter().map(|(i, id, _)| (dests[*i], id.clone())).collect();
        let sent = async { if records.is_empty() { vec![] } else { transfer(records).await } };
        let waited = futures_util::future::join_all(
            waits.iter().map(|(i, id, known)| wait(dests[*i], feedback, image.names, id, known)),
        );
        let (sent, waited) = futures_util::future::join(sent, waited).await;
        for ((i, id, previous), sent) in uploads.into_iter().zip(sent) {
            let dest = dests[i];
            // Refused by policy: with `auto` where the import API is offered, that destination tries again
            // through it in the next round; else the refusal is its error.
            let (sent, again) = match sent {
                Err(e) if dest.refused(&id, &e).await => match dest.switch_to_import(feedback).await {
                    Ok(()) => (Err(e), true),
                    Err(refusal) => (Err(e.context(refusal)), false),
                },
                other => (other, false),
            };
            let concluded = upload::conclude(dest, &id, image.what, &previous, sent).await;
            if !(again && concluded.is_err()) {
                results[i] = Some(concluded.map(|size| Made::New(id, size)));
            }
        }
        for ((i, _, _), w) in waits.iter().zip(waited) {
            if let Err(e) = w {
                results[*i] = Some(Err(e));
            }
        }
    }
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(Failure::new(
                    ExitCode::Failure,
                    format!(
                        "other syncs kept making versions of `{}` while this one waited ({ROUNDS} times)",
                        image.names.glance_name
                    ),
                )
                .hint("run the sync again once the others are done")
                .into())
            })
        })
        .collect()
}

/// One destination in a round: its versions of the image, then the content current already, or a claimed record.
async fn step(
    dest: &Destination,
    image: &Image<'_>,
    same: &impl Fn(&glance::Image) -> bool,
    may_be_there: bool,
    start: Instant,
) -> anyhow::Result<Step> {
    let names = image.names;
    let known = glance::by_name_all_versions(&dest.session, &names.glance_name, true).await?;
    // Another sync may have made this content current since this one looked.
    if may_be_there && let Some(i) = known.iter().find(|i| same(i) && i.status == "active" && lineage::is_current(i)) {
        return Ok(Step::There(settled(names, i, start, "up to date", &dest.label)));
    }
    let mut record = image.record.clone();
    let version = lineage::start_version(&known, names, image.platform, &mut record.properties)?;
    let ids = lineage::version_ids(&dest.session, names, image.platform, version.number);
    Ok(match upload::claim(dest, &record, ids).await? {
        Claim::Made(id) => Step::Upload(id, version.previous),
        Claim::Taken(id) => Step::Wait(id, known),
    })
}

/// Wait for the other sync that holds the version's ID `id` at `dest`; take over its record when it stopped.
async fn wait(
    dest: &Destination,
    feedback: &Feedback,
    names: &Naming,
    id: &str,
    known: &[glance::Image],
) -> anyhow::Result<()> {
    feedback.warn(
        &format!(
            "`{}`: another sync is making this version (Glance image `{id}`); waiting for it instead of uploading the same again",
            names.glance_name
        ),
        None,
    );
    match upload::wait_for(&dest.session, id).await? {
        Waited::Current => Ok(()),
        Waited::Gone(why) => {
            feedback.log(1, "sync", format_args!("{why}; looking again"));
            Ok(())
        }
        Waited::Stalled(img) => take_over(&dest.session, feedback, &img, known).await,
    }
}

/// The row of a version already in Glance.
pub fn settled(names: &Naming, i: &glance::Image, start: Instant, status: &'static str, destination: &str) -> Synced {
    Synced {
        source: String::new(),
        destination: destination.to_string(),
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
    session: &crate::openstack::Session,
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
