//! One archive, written once, streamed into one or several uploads at once (a sync to several Glances reads its
//! source once): each piece goes to every upload still reading, so the slowest sets the pace and memory stays
//! at a few pieces per upload. An upload that fails drops out; the others go on. Whatever is sent is hashed as
//! Glance hashes it (md5, sha512) and counted, for the check of what each Glance stored.

use bytes::Bytes;
use md5::Md5;
use sha2::{Digest, Sha512};

/// What berth sent to Glance: its md5 and sha512 (hex), and its length.
#[derive(Debug, Clone)]
pub struct Hashes {
    pub md5: String,
    pub sha512: String,
    pub bytes: u64,
}

/// Every upload ended before the archive was written: the reasons are on the uploads' side.
#[derive(Debug)]
struct ReaderGone;

impl std::fmt::Display for ReaderGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Glance stopped reading the upload")
    }
}

impl std::error::Error for ReaderGone {}

/// What goes through the pipe into an upload's body: the body ends cleanly on [`Piece::End`] only, which the
/// producer sends once it has written the whole archive. A producer that fails, panics or is dropped closes the
/// channel without it, and the body fails: Glance never sees a clean end of a chunked upload (which it would
/// activate as a whole image) unless the archive is whole.
enum Piece {
    Data(Bytes),
    End,
}

/// Pieces buffered per upload: the memory a sync holds per destination, besides the pieces in flight.
const BUFFERED: usize = 8;

/// The writing side of a streamed upload: each piece is hashed, counted, shown on the progress bar and sent into
/// the body of every upload still reading.
pub struct Writer {
    txs: Vec<Option<tokio::sync::mpsc::Sender<Piece>>>,
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
        let mut reading = 0;
        for slot in &mut self.txs {
            if let Some(tx) = slot {
                if tx.send(Piece::Data(piece.clone())).await.is_ok() {
                    reading += 1;
                } else {
                    // That upload failed: it drops out, the others go on.
                    *slot = None;
                }
            }
        }
        if reading == 0 {
            return Err(ReaderGone.into());
        }
        Ok(())
    }

    /// The archive is whole: every body still reading ends cleanly.
    async fn end(self) {
        for tx in self.txs.into_iter().flatten() {
            let _ = tx.send(Piece::End).await;
        }
    }
}

/// Stream what `produce` writes into every upload of `uploads` (each started with its body), and return, per
/// upload, the hashes of what was sent or why it failed. The writer runs on its own task; when it fails, every body
/// fails too, so Glance aborts those uploads. Whichever side failed first is the cause: a digest mismatch or a
/// source failure fails every upload with that error, and a Glance failure drops that upload alone.
pub async fn pipe<P, W, U, F>(bar: &indicatif::ProgressBar, produce: P, uploads: Vec<U>) -> Vec<anyhow::Result<Hashes>>
where
    P: FnOnce(Writer) -> W,
    W: std::future::Future<Output = anyhow::Result<Writer>> + Send + 'static,
    U: FnOnce(reqwest::Body) -> F,
    F: std::future::Future<Output = anyhow::Result<()>>,
{
    let mut txs = Vec::new();
    let mut started = Vec::new();
    for upload in uploads {
        let (tx, rx) = tokio::sync::mpsc::channel::<Piece>(BUFFERED);
        txs.push(Some(tx));
        started.push(upload(reqwest::Body::wrap_stream(body_of(rx))));
    }
    let writer = Writer { txs, md5: Md5::new(), sha512: Sha512::new(), bytes: 0, bar: bar.clone() };
    let written = produce(writer);
    let producer = tokio::spawn(async move {
        match written.await {
            Ok(w) => {
                let hashes = Hashes {
                    md5: format!("{:x}", w.md5.clone().finalize()),
                    sha512: format!("{:x}", w.sha512.clone().finalize()),
                    bytes: w.bytes,
                };
                w.end().await;
                Ok(hashes)
            }
            // The writer is gone with the error: its senders close every body without an end.
            Err(e) => Err(e),
        }
    });
    let uploaded = futures_util::future::join_all(started).await;
    let produced = producer.await.map_err(|e| anyhow::anyhow!("the archive writer stopped: {e}")).and_then(|p| p);
    bar.finish_and_clear();
    uploaded
        .into_iter()
        .map(|up| match (&produced, up) {
            (Err(e), Err(up)) if e.is::<ReaderGone>() => Err(up),
            (Err(e), _) => Err(crate::error::duplicate(e)),
            (Ok(_), Err(up)) => Err(up),
            (Ok(h), Ok(())) => Ok(h.clone()),
        })
        .collect()
}

/// The upload's body from the pipe: the pieces, until the producer's explicit end; its failure, or the channel
/// closed without an end (a producer that failed, panicked or was dropped), ends the body with an error.
fn body_of(rx: tokio::sync::mpsc::Receiver<Piece>) -> impl futures_core::Stream<Item = std::io::Result<Bytes>> {
    futures_util::stream::unfold(Some(rx), |rx| async move {
        let mut rx = rx?;
        match rx.recv().await {
            Some(Piece::Data(b)) => Some((Ok(b), Some(rx))),
            Some(Piece::End) => None,
            None => {
                Some((Err(std::io::Error::other("the archive's writer stopped before the end of the archive")), None))
            }
        }
    })
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
        let upload = |body| async move {
            let resp = http.client().put(&url).body(body).send().await?;
            anyhow::ensure!(resp.status().is_success(), "answered {}", resp.status());
            Ok(())
        };
        let result = rt.block_on(pipe(&indicatif::ProgressBar::hidden(), produce, vec![upload])).remove(0);
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
