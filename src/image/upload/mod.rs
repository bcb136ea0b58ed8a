//! Streaming an archive into new Glance records (one per destination), verified at the end, and each record's fate:
//! current once its Glance holds exactly what berth sent (md5, sha512, size), deleted when anything fails or the
//! command is interrupted. Shared by every source (a registry, a local Docker engine).

pub mod pipe;

use serde_json::Value;

pub use self::pipe::{Hashes, Writer};
use super::destination::Destination;
use super::lineage;
use crate::error::{ExitCode, Failure};
use crate::openstack::{Session, glance};
use crate::signals::Signals;

/// Tries at a version's ID before giving up (each failed and deleted sync of the version uses one up).
const ATTEMPTS: u32 = 16;

/// The record a sync made for a version, or the one another sync holds under the version's ID.
pub enum Claim {
    /// Created, hidden, and pending at its destination: the upload goes there.
    Made(String),
    /// Another berth is making this version right now: its record has the version's ID.
    Taken(String),
}

/// Create the Glance record `new` at `dest` (hidden, under the version's ID `ids(attempt)`), pending there until
/// it is concluded. When another sync holds the version's ID, its ID.
pub async fn claim(dest: &Destination, new: &glance::NewImage, ids: impl Fn(u32) -> String) -> anyhow::Result<Claim> {
    for attempt in 0..ATTEMPTS {
        let id = ids(attempt);
        let mut new = new.clone();
        new.id = Some(id.clone());
        if let Some(created) = glance::create(&dest.session, &new).await? {
            dest.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(created.id.clone());
            return Ok(Claim::Made(created.id));
        }
        // Taken: by a record that exists (another sync is making this version), or by a deleted one.
        if glance::find(&dest.session, &id).await?.is_some() {
            return Ok(Claim::Taken(id));
        }
    }
    Err(Failure::new(
        ExitCode::Failure,
        format!("every ID of this version of `{}` was taken by a deleted record ({ATTEMPTS} tries)", new.name),
    )
    .hint("earlier syncs of this version failed; `berth image history NAME` shows the versions")
    .into())
}

/// Stream what `produce` writes into each of `records` (a destination and its new record) at once, as each Glance
/// takes data; then check what each stored (md5, sha512, size; `len` when known) and copy it to the destination's
/// further stores. The size per record, or why that record failed.
pub async fn deliver<P, W>(
    records: &[(&Destination, String)],
    bar: &indicatif::ProgressBar,
    len: Option<u64>,
    produce: P,
) -> Vec<anyhow::Result<u64>>
where
    P: FnOnce(Writer) -> W,
    W: std::future::Future<Output = anyhow::Result<Writer>> + Send + 'static,
{
    let uploads: Vec<_> = records.iter().map(|(dest, id)| move |body| dest.send(id, body, len)).collect();
    let sent = pipe::pipe(bar, produce, uploads).await;
    let checks = records.iter().zip(sent).map(|((dest, id), sent)| async move {
        let hashes = sent?;
        if let Some(len) = len
            && hashes.bytes != len
        {
            anyhow::bail!("wrote {} bytes of a {len}-byte archive", hashes.bytes);
        }
        check_stored(&dest.session, id, &hashes).await?;
        dest.copy_to_stores(id).await?;
        Ok(hashes.bytes)
    });
    futures_util::future::join_all(checks).await
}

/// How long a sync waits for another one that makes the same version.
const WAIT_FOR_OTHER: std::time::Duration = std::time::Duration::from_secs(3600);
/// A record of another sync that stays `queued` this long got no data: that sync is gone.
const QUEUED_STALE: std::time::Duration = std::time::Duration::from_secs(120);
/// A verified version another sync has not switched to for this long: that sync stopped between the two steps.
const VERIFIED_STALE: std::time::Duration = std::time::Duration::from_secs(60);

/// What became of the version another sync was making.
#[derive(Debug)]
pub enum Waited {
    /// Current now.
    Current,
    /// Deleted or failed: that sync failed.
    Gone(String),
    /// Its sync stopped: a `queued` record that never got data, or a verified one never switched to.
    Stalled(Box<glance::Image>),
}

/// Wait until the version `id` another sync makes is current, gone, or stalled.
pub async fn wait_for(session: &Session, id: &str) -> anyhow::Result<Waited> {
    let start = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(250);
    loop {
        match glance::find(session, id).await? {
            Some(img) if img.status == "active" && !lineage::is_pending(&img) => return Ok(Waited::Current),
            Some(img) if !matches!(img.status.as_str(), "queued" | "saving" | "active" | "importing") => {
                return Ok(Waited::Gone(format!("the other sync's Glance image `{id}` ended `{}`", img.status)));
            }
            Some(img) => {
                let quiet = unchanged_for(&img);
                if (img.status == "queued" && quiet > QUEUED_STALE)
                    || (img.status == "active" && quiet > VERIFIED_STALE)
                {
                    return Ok(Waited::Stalled(Box::new(img)));
                }
            }
            None => return Ok(Waited::Gone(format!("the other sync's Glance image `{id}` is gone: that sync failed"))),
        }
        if start.elapsed() > WAIT_FOR_OTHER {
            return Err(Failure::new(
                ExitCode::Timeout,
                format!(
                    "the other sync's Glance image `{id}` is still not complete after {} s",
                    WAIT_FOR_OTHER.as_secs()
                ),
            )
            .hint(format!("if no other berth is running, delete it (`openstack image delete {id}`) and sync again"))
            .into());
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(std::time::Duration::from_secs(2));
    }
}

/// How long ago Glance last changed the record (`updated_at`); zero when it does not say.
fn unchanged_for(img: &glance::Image) -> std::time::Duration {
    let at = img.extra.get("updated_at").and_then(Value::as_str).and_then(|t| t.parse::<jiff::Timestamp>().ok());
    at.and_then(|t| std::time::Duration::try_from(jiff::Timestamp::now().duration_since(t)).ok()).unwrap_or_default()
}

/// The end of an upload into the new Glance record `id` at `dest` (for `what`): verified, it is no longer pending
/// and becomes current, the `previous` versions stepping aside; failed, it is deleted (or named when it cannot be).
pub async fn conclude(
    dest: &Destination,
    id: &str,
    what: &str,
    previous: &[String],
    uploaded: anyhow::Result<u64>,
) -> anyhow::Result<u64> {
    match uploaded {
        Ok(size) => {
            dest.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|p| p != id);
            // Active and verified: only now does the previous version step aside. A failure from here on leaves
            // the new image and maybe the old one visible; a re-run finds the new one up to date and finishes.
            let others: Vec<&str> = previous.iter().map(String::as_str).collect();
            lineage::promote(&dest.session, id, &others, vec![]).await?;
            Ok(size)
        }
        Err(e) => {
            let cleanup = glance::delete(&dest.session, id).await;
            dest.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|p| p != id);
            Err(match cleanup {
                Ok(()) => e.context(format!("syncing `{what}` failed; the incomplete Glance image `{id}` was deleted")),
                Err(d) => e.context(format!(
                    "syncing `{what}` failed and the incomplete Glance image `{id}` could not be deleted ({d:#}): delete it with `openstack image delete {id}`"
                )),
            })
        }
    }
}

/// After an upload: Glance's image must be active with the md5, sha512 and size of what berth sent.
pub async fn check_stored(session: &Session, id: &str, hashes: &Hashes) -> anyhow::Result<()> {
    let img = glance::get(session, id).await?;
    let checksum = img.extra.get("checksum").and_then(Value::as_str).unwrap_or_default().to_string();
    let hash_algo = img.property("os_hash_algo").unwrap_or_default();
    let hash_value = img.property("os_hash_value").unwrap_or_default();
    if img.status != "active" {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("Glance left image `{id}` in status `{}` after the upload", img.status),
        )
        .into());
    }
    if checksum != hashes.md5 {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("Glance's checksum `{checksum}` of image `{id}` differs from berth's `{}`", hashes.md5),
        )
        .into());
    }
    if hash_algo == "sha512" && hash_value != hashes.sha512 {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("Glance's sha512 of image `{id}` differs from what berth sent"),
        )
        .into());
    }
    if img.size != Some(hashes.bytes) {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("Glance stored {:?} bytes for image `{id}`, berth sent {}", img.size, hashes.bytes),
        )
        .into());
    }
    Ok(())
}

/// `work`, unless a signal comes first (Ctrl-C, SIGTERM, SIGHUP): then the Glance records still pending at each
/// destination are deleted (or named when they cannot be) and the command fails with the signal's exit code (130, 143, 129).
pub async fn until_interrupted<T>(
    dests: &[Destination],
    work: impl std::future::Future<Output = T>,
) -> anyhow::Result<T> {
    let mut signals = Signals::listen()?;
    tokio::select! {
        r = work => Ok(r),
        stop = signals.recv() => {
            let mut deleted = Vec::new();
            for dest in dests {
                let at = if dests.len() > 1 { format!(" at `{}`", dest.label) } else { String::new() };
                let ids: Vec<String> = dest.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
                for id in ids {
                    match glance::delete(&dest.session, &id).await {
                        Ok(()) => deleted.push(format!("deleted the incomplete Glance image `{id}`{at}")),
                        Err(_) => deleted.push(format!("could not delete the incomplete Glance image `{id}`{at}: `openstack image delete {id}`")),
                    }
                }
            }
            let what = if deleted.is_empty() { "nothing was left behind".to_string() } else { deleted.join("; ") };
            Err(stop.failure(&what).into())
        }
    }
}
