//! Blobs: streamed with their size and digest verified on the fly, and resumed with `Range` requests when a body
//! is cut off mid-way, so the reader sees one uninterrupted blob.

use std::pin::Pin;

use anyhow::Context;
use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use reqwest::header::{CONTENT_RANGE, HeaderMap, HeaderValue, RANGE};
use reqwest::{Method, Response, StatusCode};
use sha2::Digest;

use super::errors::read_error;
use super::{Registry, header};
use crate::error::{ExitCode, Failure};
use crate::net::Redirects;
use crate::registry::digest;

pub(super) enum Hasher {
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    pub(super) fn for_digest(digest: &str) -> anyhow::Result<Hasher> {
        match digest.split_once(':').map(|(a, _)| a) {
            Some("sha256") => Ok(Hasher::Sha256(sha2::Sha256::new())),
            Some("sha384") => Ok(Hasher::Sha384(sha2::Sha384::new())),
            Some("sha512") => Ok(Hasher::Sha512(sha2::Sha512::new())),
            _ => anyhow::bail!("the digest `{digest}` does not use sha256, sha384 or sha512"),
        }
    }
    pub(super) fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }
    pub(super) fn finish(self) -> String {
        let (algorithm, bytes) = match self {
            Hasher::Sha256(h) => ("sha256", h.finalize().to_vec()),
            Hasher::Sha384(h) => ("sha384", h.finalize().to_vec()),
            Hasher::Sha512(h) => ("sha512", h.finalize().to_vec()),
        };
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("{algorithm}:{hex}")
    }
}

/// The digest of `data` with the algorithm of `like` (`sha256:...`).
pub(super) fn digest_like(like: &str, data: &[u8]) -> anyhow::Result<String> {
    let mut h = Hasher::for_digest(like)?;
    h.update(data);
    Ok(h.finish())
}

/// A digest about to go into a URL path: refused unless it is `algorithm:hex` of the right length (see
/// [`crate::registry::digest`]), whoever named it.
pub(super) fn checked_digest(digest: &str) -> anyhow::Result<()> {
    digest::check(digest).map_err(|why| {
        Failure::new(ExitCode::Failure, format!("berth does not ask a registry for `{}`: {why}", digest::shown(digest)))
            .into()
    })
}

impl Registry {
    /// Stream a blob, verifying its size and digest on the fly: the stream never yields more than `size` bytes,
    /// and ends with an error (not Ok) when the size or digest does not match.
    ///
    /// A body cut off mid-way (a reset, a read timeout, an early end) is resumed: the blob is asked for again
    /// with `Range: bytes=N-` (N the first byte not yet received; redirects followed as before) and the stream
    /// goes on where it stopped, with the same hash, so its reader sees one uninterrupted blob. A registry that
    /// answers 200 instead of 206 sends the whole blob again: its first N bytes are skipped. `--retries` bounds
    /// the resumes in a row that brought less than [`RESUME_PROGRESS`] bytes; the final digest check applies.
    pub async fn blob(
        &self,
        repository: &str,
        digest: &str,
        size: u64,
    ) -> anyhow::Result<impl Stream<Item = anyhow::Result<Bytes>> + Send + 'static> {
        checked_digest(digest)?;
        let hasher = Hasher::for_digest(digest)?;
        let (resp, skip) = self.blob_from(repository, digest, size, 0).await?;
        let state = Resume {
            registry: self.clone(),
            repository: repository.to_string(),
            digest: digest.to_string(),
            size,
            inner: Box::pin(resp.bytes_stream()),
            skip,
            seen: 0,
            since_resume: 0,
            resumes: 0,
            done: false,
        };
        Ok(verified(Box::pin(resumed(state)), digest.to_string(), size, hasher))
    }

    /// GET a blob from byte `from` on: the answer, and how many bytes of its body to skip (a 200 to a `Range`
    /// request carries the whole blob).
    async fn blob_from(&self, repository: &str, digest: &str, size: u64, from: u64) -> anyhow::Result<(Response, u64)> {
        let path = format!("/v2/{repository}/blobs/{digest}");
        let mut headers = HeaderMap::new();
        if from > 0 {
            headers.insert(RANGE, HeaderValue::from_str(&format!("bytes={from}-")).context("a Range header")?);
        }
        // A blob may be served by a CDN on another origin (reqwest drops `Authorization` there), never over http
        // after https.
        let resp = self.request_headers(Method::GET, &path, repository, headers, Redirects::CrossOrigin).await?;
        let status = resp.status();
        let announced = resp.content_length();
        match status {
            StatusCode::OK => {
                if let Some(len) = announced
                    && len != size
                {
                    anyhow::bail!(
                        "`{}` sends {len} bytes for the blob `{digest}`, whose manifest says {size}",
                        self.host
                    );
                }
                Ok((resp, from))
            }
            StatusCode::PARTIAL_CONTENT if from > 0 => {
                let range = header(resp.headers(), CONTENT_RANGE.as_str()).unwrap_or_default();
                let start = range
                    .strip_prefix("bytes ")
                    .and_then(|r| r.split('-').next())
                    .and_then(|n| n.trim().parse::<u64>().ok());
                if start != Some(from) {
                    anyhow::bail!(
                        "`{}` answered the range `bytes={from}-` of the blob `{digest}` with `Content-Range: {range}`",
                        self.host
                    );
                }
                Ok((resp, 0))
            }
            _ => {
                let retried = crate::net::retry::after_retries(&resp);
                let come_back = crate::net::retry::come_back(status, resp.headers());
                let said = read_error(resp).await;
                if status == StatusCode::NOT_FOUND {
                    return Err(Failure::new(
                        ExitCode::Failure,
                        format!("registry `{}` has no blob `{digest}` in `{repository}`", self.host),
                    )
                    .hint("the image is incomplete in the registry; push it again")
                    .into());
                }
                let from = if from > 0 { format!(" from byte {from}") } else { String::new() };
                let f = Failure::new(
                    ExitCode::Failure,
                    format!("`{}` answered {status}{retried} for the blob `{digest}`{from}: {}", self.host, said.text),
                );
                Err(match come_back {
                    Some(h) => f.hint(h),
                    None => f,
                }
                .into())
            }
        }
    }
}

pub(super) type ByteStream = Pin<Box<dyn Stream<Item = anyhow::Result<Bytes>> + Send>>;

/// A resume that brought at least this much gives the next one a fresh `--retries` budget.
pub const RESUME_PROGRESS: u64 = 1 << 20;

struct Resume {
    registry: Registry,
    repository: String,
    digest: String,
    size: u64,
    inner: Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>,
    /// Bytes of the current body still to drop (a 200 to a Range request).
    skip: u64,
    /// Bytes passed on so far.
    seen: u64,
    /// Bytes passed on since the last resume.
    since_resume: u64,
    /// Resumes in a row that brought less than RESUME_PROGRESS.
    resumes: u32,
    done: bool,
}

/// A blob's body, resumed with Range requests when it is cut off before `size` bytes (see [`Registry::blob`]).
fn resumed(state: Resume) -> impl Stream<Item = anyhow::Result<Bytes>> + Send + 'static {
    futures_util::stream::unfold(state, |mut st| async move {
        if st.done {
            return None;
        }
        loop {
            let cut = match st.inner.next().await {
                Some(Ok(mut chunk)) => {
                    if st.skip > 0 {
                        let n = st.skip.min(chunk.len() as u64);
                        chunk = chunk.slice(n as usize..);
                        st.skip -= n;
                    }
                    if chunk.is_empty() {
                        continue;
                    }
                    st.seen += chunk.len() as u64;
                    st.since_resume += chunk.len() as u64;
                    return Some((Ok(chunk), st));
                }
                // All there (or more, which the digest check reports): done.
                None if st.seen >= st.size => return None,
                None => "the body ended early".to_string(),
                Some(Err(_)) if st.seen >= st.size => return None,
                Some(Err(e)) => crate::net::transport::chain(&e),
            };
            if st.since_resume >= RESUME_PROGRESS {
                st.resumes = 0;
            }
            let policy = st.registry.opts.net.retry;
            if st.resumes >= policy.retries {
                st.done = true;
                let tries = if st.resumes > 0 { format!(" (after {} resumes)", st.resumes) } else { String::new() };
                let e = Failure::new(
                    ExitCode::Failure,
                    format!(
                        "reading the blob `{}` from `{}` broke off after {} of {} bytes{tries}: {cut}",
                        st.digest, st.registry.host, st.seen, st.size
                    ),
                )
                .hint("the connection to the registry keeps breaking: check the network, or raise `--retries`");
                return Some((Err(e.into()), st));
            }
            let delay = policy.backoff(st.resumes);
            st.resumes += 1;
            st.since_resume = 0;
            st.registry.log(format!(
                "the blob `{}` broke off after {} of {} bytes ({cut}); resuming from byte {} in {} ({}/{})",
                st.digest,
                st.seen,
                st.size,
                st.seen,
                crate::net::retry::shown(delay),
                st.resumes,
                policy.retries
            ));
            tokio::time::sleep(delay).await;
            match st.registry.blob_from(&st.repository, &st.digest, st.size, st.seen).await {
                Ok((resp, skip)) => {
                    st.inner = Box::pin(resp.bytes_stream());
                    st.skip = skip;
                }
                Err(e) => {
                    st.done = true;
                    let e = e.context(format!(
                        "resuming the blob `{}` after {} of {} bytes ({cut})",
                        st.digest, st.seen, st.size
                    ));
                    return Some((Err(e), st));
                }
            }
        }
    })
}

struct Verify {
    inner: ByteStream,
    hasher: Option<Hasher>,
    digest: String,
    size: u64,
    seen: u64,
}

/// Pass `inner`'s chunks through while counting and hashing them; end with an error when there are more than
/// `size` bytes (the excess is never yielded), fewer, or their digest is not `digest`.
pub(super) fn verified(
    inner: ByteStream,
    digest: String,
    size: u64,
    hasher: Hasher,
) -> impl Stream<Item = anyhow::Result<Bytes>> + Send + 'static {
    let state = Verify { inner, hasher: Some(hasher), digest, size, seen: 0 };
    futures_util::stream::unfold(state, |mut st| async move {
        st.hasher.as_ref()?;
        match st.inner.next().await {
            Some(Ok(chunk)) => {
                st.seen += chunk.len() as u64;
                if st.seen > st.size {
                    st.hasher = None;
                    let e = anyhow::anyhow!(
                        "the blob `{}` has more than the {} bytes its manifest says",
                        st.digest,
                        st.size
                    );
                    return Some((Err(e), st));
                }
                if let Some(h) = st.hasher.as_mut() {
                    h.update(&chunk);
                }
                Some((Ok(chunk), st))
            }
            Some(Err(e)) => {
                st.hasher = None;
                Some((Err(e), st))
            }
            None => {
                let hasher = st.hasher.take()?;
                if st.seen != st.size {
                    let e = anyhow::anyhow!(
                        "the blob `{}` ended after {} bytes; its manifest says {}",
                        st.digest,
                        st.seen,
                        st.size
                    );
                    return Some((Err(e), st));
                }
                let actual = hasher.finish();
                if actual != st.digest {
                    let e = anyhow::anyhow!(
                        "the blob `{}` arrived with the digest `{actual}`: its content is not what the manifest names",
                        st.digest
                    );
                    return Some((Err(e), st));
                }
                None
            }
        }
    })
}
