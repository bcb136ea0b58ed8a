//! Answers read whole into memory, capped. Every body berth reads whole (error answers, token answers, pages of
//! lists, JSON documents) goes through [`read`] or [`json`] with a [`Cap`]: a server that streams forever, or
//! sends far more than such an answer ever holds, meets an error that says what was too large, before memory
//! grows. A cap also bounds the time: the body must arrive within [`Cap::deadline`] (30 s, plus 1 s for every
//! 32 KiB the cap allows), so a server that trickles a byte now and then, which the idle-read timeout never
//! catches, does not hold berth for ever either. Streams that are not read whole (blobs, `docker save`, uploads)
//! are verified and bounded where they are read.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::Response;
use serde::de::DeserializeOwned;

use super::redact::redact_url;
use super::transport::chain;
use crate::error::{ExitCode, Failure};

/// The most berth reads of one kind of answer, and what that answer is, for the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    pub bytes: usize,
    /// `an error answer`, `a token answer`, ...
    pub what: &'static str,
}

/// A service's error answer: berth shows a line of it.
pub const ERROR: Cap = Cap { bytes: 64 << 10, what: "an error answer" };
/// A registry token server's answer.
pub const TOKEN: Cap = Cap { bytes: 1 << 20, what: "a token answer" };
/// One page of a list that berth pages through (registry tags, Glance images).
pub const PAGE: Cap = Cap { bytes: 4 << 20, what: "a page of a list" };
/// Any other JSON document: Keystone's token with its catalog, version documents, Nova's and Glance's objects
/// and unpaged lists.
pub const DOCUMENT: Cap = Cap { bytes: 16 << 20, what: "a JSON document" };

impl Cap {
    /// How long the whole body may take to arrive.
    pub fn deadline(self) -> Duration {
        Duration::from_secs(30 + (self.bytes / (32 << 10)) as u64)
    }
}

/// `64 KiB`, `1 MiB`.
fn shown(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

fn too_large(url: &str, cap: Cap) -> anyhow::Error {
    Failure::new(
        ExitCode::Failure,
        format!("the answer of `{url}` is larger than {}, the most berth reads of {}", shown(cap.bytes), cap.what),
    )
    .hint("the server sends far more than such an answer holds; check that the URL is the service's")
    .into()
}

/// The whole body of `resp`, at most `cap.bytes` of it, within `cap.deadline()`.
pub async fn read(resp: Response, cap: Cap) -> anyhow::Result<Bytes> {
    read_within(resp, cap, cap.deadline()).await
}

async fn read_within(mut resp: Response, cap: Cap, deadline: Duration) -> anyhow::Result<Bytes> {
    let url = redact_url(resp.url());
    if resp.content_length().is_some_and(|n| n > cap.bytes as u64) {
        return Err(too_large(&url, cap));
    }
    let collect = async {
        let mut body = BytesMut::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| {
            Failure::new(ExitCode::Failure, format!("reading the answer of `{url}` failed: {}", chain(&e)))
        })? {
            if body.len() + chunk.len() > cap.bytes {
                return Err(too_large(&url, cap));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    };
    match tokio::time::timeout(deadline, collect).await {
        Ok(result) => result,
        Err(_) => Err(Failure::new(
            ExitCode::Failure,
            format!(
                "the answer of `{url}` ({}, at most {}) did not arrive within {} s",
                cap.what,
                shown(cap.bytes),
                deadline.as_secs()
            ),
        )
        .hint("the server sends its answer too slowly; check the network and the service")
        .into()),
    }
}

/// The body of `resp` as JSON of type `T`, read as [`read`] does.
pub async fn json<T: DeserializeOwned>(resp: Response, cap: Cap) -> anyhow::Result<T> {
    let url = redact_url(resp.url());
    let body = read(resp, cap).await?;
    serde_json::from_slice(&body).map_err(|e| {
        Failure::new(ExitCode::Failure, format!("the answer of `{url}` is not the JSON berth expects: {e}")).into()
    })
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    /// A server on 127.0.0.1 that answers one request with `head` and then `body`'s pieces, `pause` apart.
    fn server(head: &'static str, piece: &'static [u8], pieces: usize, pause: Duration) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = s.write_all(head.as_bytes());
            for _ in 0..pieces {
                if s.write_all(piece).and_then(|()| s.flush()).is_err() {
                    return;
                }
                std::thread::sleep(pause);
            }
        });
        format!("http://{addr}/x")
    }

    fn run<T>(f: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
    }

    const SMALL: Cap = Cap { bytes: 1024, what: "a test answer" };

    #[test]
    fn a_body_within_the_cap_is_read_whole() {
        let url = server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", b"{\"a\": 1}", 1, Duration::ZERO);
        let v: serde_json::Value = run(async { json(get_async(&url).await, SMALL).await.unwrap() });
        assert_eq!(v, serde_json::json!({"a": 1}));
    }

    async fn get_async(url: &str) -> Response {
        let http =
            super::super::Http::new(&Default::default(), &Default::default(), super::super::Redirects::SameOrigin);
        http.unwrap().client().get(url).send().await.unwrap()
    }

    #[test]
    fn an_endless_body_stops_at_the_cap_and_says_what_was_too_large() {
        let url = server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", &[b' '; 512], 1 << 20, Duration::ZERO);
        let e = run(async { read(get_async(&url).await, SMALL).await.unwrap_err() });
        assert_eq!(
            e.to_string(),
            format!("the answer of `{url}` is larger than 1 KiB, the most berth reads of a test answer")
        );
    }

    #[test]
    fn an_announced_length_over_the_cap_is_refused_before_reading() {
        let url = server("HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n\r\n", b"x", 1, Duration::ZERO);
        let e = run(async { read(get_async(&url).await, SMALL).await.unwrap_err() });
        assert!(e.to_string().contains("larger than 1 KiB"), "{e}");
    }

    #[test]
    fn a_trickle_ends_at_the_deadline() {
        // A byte every 50 ms keeps any idle-read timeout happy; the deadline does not wait.
        let url = server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", b" ", 1000, Duration::from_millis(50));
        let (e, took) = run(async {
            let resp = get_async(&url).await;
            let start = std::time::Instant::now();
            (read_within(resp, SMALL, Duration::from_millis(300)).await.unwrap_err(), start.elapsed())
        });
        assert!(took < Duration::from_secs(5), "{took:?}");
        assert!(e.to_string().contains("did not arrive within"), "{e}");
    }

    #[test]
    fn deadlines_grow_with_the_cap() {
        assert_eq!(ERROR.deadline(), Duration::from_secs(32));
        assert_eq!(TOKEN.deadline(), Duration::from_secs(62));
        assert_eq!(shown(PAGE.bytes), "4 MiB");
    }
}
