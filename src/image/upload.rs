//! Streaming an archive into a new Glance record, verified at the end, and the record's fate: current once Glance
//! holds exactly what berth sent (md5, sha512, size), deleted when anything fails or the command is interrupted.
//! Shared by every source (a registry, a local Docker engine).

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use md5::Md5;
use serde_json::Value;
use sha2::{Digest, Sha512};

use super::lineage;
use crate::error::{ExitCode, Failure};
use crate::openstack::{Session, glance};
use crate::signals::Signals;

/// Glance IDs created and not yet complete: deleted when the command fails or is interrupted.
pub type Pending = Arc<Mutex<Vec<String>>>;

/// What berth sent to Glance: its md5 and sha512 (hex), and its length.
pub struct Hashes {
    pub md5: String,
    pub sha512: String,
    pub bytes: u64,
}

/// Tries at a version's ID before giving up (each failed and deleted sync of the version uses one up).
const ATTEMPTS: u32 = 16;

/// Another berth is making this version right now: its record exists under the version's ID.
#[derive(Debug)]
pub struct Claimed {
    pub id: String,
}

impl std::fmt::Display for Claimed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "another sync is making this version (Glance image `{}`)", self.id)
    }
}

impl std::error::Error for Claimed {}

/// Create the Glance record `new` (hidden, under the version's ID `ids(attempt)`; for `what`, in messages), stream
/// `upload` into it, and conclude: verified, it becomes current and the `previous` versions step aside; failed, it
/// is deleted. Returns its ID and size. When another sync holds the version's ID, fails with [`Claimed`].
pub async fn into_glance<F>(
    session: &Session,
    pending: &Pending,
    new: &glance::NewImage,
    ids: impl Fn(u32) -> String,
    what: &str,
    previous: &[String],
    upload: impl FnOnce(String) -> F,
) -> anyhow::Result<(String, u64)>
where
    F: std::future::Future<Output = anyhow::Result<u64>>,
{
    let mut record = None;
    for attempt in 0..ATTEMPTS {
        let id = ids(attempt);
        let mut new = new.clone();
        new.id = Some(id.clone());
        if let Some(created) = glance::create(session, &new).await? {
            record = Some(created);
            break;
        }
        // Taken: by a record that exists (another sync is making this version), or by a deleted one.
        if glance::find(session, &id).await?.is_some() {
            return Err(Claimed { id }.into());
        }
    }
    let Some(record) = record else {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("every ID of this version of `{}` was taken by a deleted record ({ATTEMPTS} tries)", new.name),
        )
        .hint("earlier syncs of this version failed; `berth image history NAME` shows the versions")
        .into());
    };
    pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(record.id.clone());
    let uploaded = upload(record.id.clone()).await;
    let size = conclude(session, pending, &record.id, what, previous, uploaded).await?;
    Ok((record.id, size))
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

/// The end of an upload into the new Glance record `id` (for `what`): verified, it is no longer pending and
/// becomes current, the `previous` versions stepping aside; failed, it is deleted (or named when it cannot be).
async fn conclude(
    session: &Session,
    pending: &Pending,
    id: &str,
    what: &str,
    previous: &[String],
    uploaded: anyhow::Result<u64>,
) -> anyhow::Result<u64> {
    match uploaded {
        Ok(size) => {
            pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|p| p != id);
            // Active and verified: only now does the previous version step aside. A failure from here on leaves
            // the new image and maybe the old one visible; a re-run finds the new one up to date and finishes.
            let others: Vec<&str> = previous.iter().map(String::as_str).collect();
            lineage::promote(session, id, &others, vec![]).await?;
            Ok(size)
        }
        Err(e) => {
            let cleanup = glance::delete(session, id).await;
            pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|p| p != id);
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

/// The upload ended before the archive was written: the reason is on the upload's side.
#[derive(Debug)]
struct ReaderGone;

impl std::fmt::Display for ReaderGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Glance stopped reading the upload")
    }
}

impl std::error::Error for ReaderGone {}

/// What goes through the pipe into the upload's body: the body ends cleanly on [`Piece::End`] only, which the
/// producer sends once it has written the whole archive. A producer that fails sends [`Piece::Failed`]; one that
/// panics or is dropped closes the channel without either, and the body fails too: Glance never sees a clean end
/// of a chunked upload (which it would activate as a whole image) unless the archive is whole.
enum Piece {
    Data(Bytes),
    End,
    Failed(std::io::Error),
}

/// The writing side of a streamed Glance upload: each piece is hashed as Glance will hash it (md5, sha512), counted,
/// shown on the progress bar and sent into the upload's body.
pub struct Writer {
    tx: tokio::sync::mpsc::Sender<Piece>,
    md5: Md5,
    sha512: Sha512,
    bytes: u64,
    bar: indicatif::ProgressBar,
}

impl Writer {
    pub async fn send(&mut self, piece: Bytes) -> anyhow::Result<()> {
        self.md5.update(&piece);
        self.sha512.update(&piece);
        self.bytes += piece.len() as u64;
        self.bar.inc(piece.len() as u64);
        // A total that was only an estimate grows with what is really sent.
        if self.bar.position() > self.bar.length().unwrap_or(0) {
            self.bar.set_length(self.bar.position());
        }
        self.tx.send(Piece::Data(piece)).await.map_err(|_| ReaderGone.into())
    }
}

/// Stream what `produce` writes into the upload `upload` starts with the body, and return the hashes of what was
/// sent. The writer runs on its own task; when it fails, the body fails too, so Glance aborts the upload. Whichever
/// side failed first is the cause: a digest mismatch or a source failure aborts the upload, and a Glance failure
/// makes the writer stop because nobody reads any more.
pub async fn pipe<P, W, U, F>(bar: &indicatif::ProgressBar, produce: P, upload: U) -> anyhow::Result<Hashes>
where
    P: FnOnce(Writer) -> W,
    W: std::future::Future<Output = anyhow::Result<Writer>> + Send + 'static,
    U: FnOnce(reqwest::Body) -> F,
    F: std::future::Future<Output = anyhow::Result<()>>,
{
    let (tx, rx) = tokio::sync::mpsc::channel::<Piece>(8);
    let writer = Writer { tx: tx.clone(), md5: Md5::new(), sha512: Sha512::new(), bytes: 0, bar: bar.clone() };
    let written = produce(writer);
    let producer = tokio::spawn(async move {
        match written.await {
            Ok(w) => {
                let _ = tx.send(Piece::End).await;
                Ok(Hashes {
                    md5: format!("{:x}", w.md5.finalize()),
                    sha512: format!("{:x}", w.sha512.finalize()),
                    bytes: w.bytes,
                })
            }
            Err(e) => {
                let _ = tx.send(Piece::Failed(std::io::Error::other(format!("{e:#}")))).await;
                Err(e)
            }
        }
    });
    let body = reqwest::Body::wrap_stream(body_of(rx));
    let uploaded = upload(body).await;
    let produced = producer.await.map_err(|e| anyhow::anyhow!("the archive writer stopped: {e}"))?;
    bar.finish_and_clear();
    match (produced, uploaded) {
        (Err(e), Err(up)) if e.is::<ReaderGone>() => Err(up),
        (Err(e), _) => Err(e),
        (Ok(_), Err(up)) => Err(up),
        (Ok(h), Ok(())) => Ok(h),
    }
}

/// The upload's body from the pipe: the pieces, until the producer's explicit end; its failure, or the channel
/// closed without an end (a producer that panicked or was dropped), ends the body with an error.
fn body_of(rx: tokio::sync::mpsc::Receiver<Piece>) -> impl futures_core::Stream<Item = std::io::Result<Bytes>> {
    futures_util::stream::unfold(Some(rx), |rx| async move {
        let mut rx = rx?;
        match rx.recv().await {
            Some(Piece::Data(b)) => Some((Ok(b), Some(rx))),
            Some(Piece::End) => None,
            Some(Piece::Failed(e)) => Some((Err(e), None)),
            None => {
                Some((Err(std::io::Error::other("the archive's writer stopped before the end of the archive")), None))
            }
        }
    })
}

/// `work`, unless a signal comes first (Ctrl-C, SIGTERM, SIGHUP): then the Glance records still `pending` are
/// deleted (or named when they cannot be) and the command fails with the signal's exit code (130, 143, 129).
pub async fn until_interrupted<T>(
    session: &Session,
    pending: &Pending,
    work: impl std::future::Future<Output = T>,
) -> anyhow::Result<T> {
    let mut signals = Signals::listen()?;
    tokio::select! {
        r = work => Ok(r),
        stop = signals.recv() => {
            let mut deleted = Vec::new();
            let ids: Vec<String> = pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
            for id in ids {
                match glance::delete(session, &id).await {
                    Ok(()) => deleted.push(format!("deleted the incomplete Glance image `{id}`")),
                    Err(_) => deleted.push(format!("could not delete the incomplete Glance image `{id}`: `openstack image delete {id}`")),
                }
            }
            let what = if deleted.is_empty() { "nothing was left behind".to_string() } else { deleted.join("; ") };
            Err(stop.failure(&what).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};

    /// A server on 127.0.0.1 for one chunked PUT: what it received, and whether the body ended cleanly (the last,
    /// empty chunk), as Glance would see it.
    fn chunked_server() -> (String, std::sync::mpsc::Receiver<(Vec<u8>, bool)>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/v2/images/x/file", listener.local_addr().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut r = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while r.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let (mut data, mut clean) = (Vec::new(), false);
            loop {
                line.clear();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let Ok(size) = usize::from_str_radix(line.trim(), 16) else { break };
                let mut chunk = vec![0u8; size + 2];
                if r.read_exact(&mut chunk).is_err() {
                    break;
                }
                if size == 0 {
                    clean = true;
                    let _ = (&stream).write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
                    break;
                }
                data.extend_from_slice(&chunk[..size]);
            }
            let _ = tx.send((data, clean));
        });
        (url, rx)
    }

    /// Run `pipe` with `produce` into a chunked PUT to a local server: pipe's result, and what the server saw.
    fn upload_with<W>(produce: impl FnOnce(Writer) -> W) -> (anyhow::Result<Hashes>, Vec<u8>, bool)
    where
        W: std::future::Future<Output = anyhow::Result<Writer>> + Send + 'static,
    {
        let (url, seen) = chunked_server();
        let http = crate::net::Http::new(
            &crate::net::TlsOptions::default(),
            &crate::net::Options::default(),
            crate::net::Redirects::SameOrigin,
        )
        .unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let result = rt.block_on(pipe(&indicatif::ProgressBar::hidden(), produce, |body| async move {
            let resp = http.client().put(&url).body(body).send().await?;
            anyhow::ensure!(resp.status().is_success(), "answered {}", resp.status());
            Ok(())
        }));
        let (data, clean) = seen.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        (result, data, clean)
    }

    #[test]
    fn a_whole_archive_ends_the_body_cleanly() {
        let (result, data, clean) = upload_with(|mut w| async move {
            w.send(Bytes::from_static(b"abc")).await?;
            w.send(Bytes::from_static(b"def")).await?;
            Ok(w)
        });
        let hashes = result.unwrap();
        assert_eq!((data.as_slice(), clean, hashes.bytes), (&b"abcdef"[..], true, 6));
    }

    #[test]
    fn a_producer_that_panics_or_fails_mid_way_never_ends_the_body_cleanly() {
        let (result, data, clean) = upload_with(|mut w| async move {
            w.send(Bytes::from_static(b"abc")).await?;
            tokio::task::yield_now().await;
            panic!("the producer broke");
        });
        assert!(!clean, "Glance saw a clean end of {} bytes", data.len());
        let e = result.err().map(|e| format!("{e:#}")).unwrap_or_default();
        assert!(e.contains("panicked"), "{e}");

        let (result, _, clean) = upload_with(|mut w| async move {
            w.send(Bytes::from_static(b"abc")).await?;
            anyhow::bail!("a layer's digest differs")
        });
        assert!(!clean);
        assert_eq!(result.err().map(|e| e.to_string()).unwrap_or_default(), "a layer's digest differs");
    }
}
