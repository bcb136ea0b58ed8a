//! The registry client's tests: verified streams, hosts, links, digests, and credentials against local servers.

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use reqwest::header::{HeaderMap, LINK};

use super::blobs::{ByteStream, Hasher, digest_like, verified};
use super::manifests::next_link;
use super::*;
use crate::error::ExitCode;

fn sha256(data: &[u8]) -> String {
    digest_like("sha256:", data).unwrap()
}

fn chunks(parts: &[&'static [u8]]) -> ByteStream {
    let items: Vec<anyhow::Result<Bytes>> = parts.iter().map(|p| Ok(Bytes::from_static(p))).collect();
    Box::pin(futures_util::stream::iter(items))
}

fn collect(s: impl Stream<Item = anyhow::Result<Bytes>>) -> Vec<Result<Vec<u8>, String>> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(s.map(|r| r.map(|b| b.to_vec()).map_err(|e| e.to_string())).collect())
}

#[test]
fn verified_streams_pass_good_blobs() {
    let d = sha256(b"hello world");
    let out = collect(verified(chunks(&[b"hello ", b"world"]), d.clone(), 11, Hasher::for_digest(&d).unwrap()));
    assert_eq!(out, vec![Ok(b"hello ".to_vec()), Ok(b"world".to_vec())]);
}

#[test]
fn verified_streams_end_in_an_error_on_a_bad_digest_or_size() {
    let d = sha256(b"hello world");
    let h = || Hasher::for_digest(&d).unwrap();
    let bad = collect(verified(chunks(&[b"hello", b" there"]), d.clone(), 11, h()));
    assert!(bad.last().unwrap().as_ref().unwrap_err().contains("arrived with the digest"), "{bad:?}");
    let short = collect(verified(chunks(&[b"hello"]), d.clone(), 11, h()));
    assert!(short.last().unwrap().as_ref().unwrap_err().contains("ended after 5 bytes"), "{short:?}");
    let long = collect(verified(chunks(&[b"hello world", b"!!"]), d.clone(), 11, h()));
    // The excess chunk is never yielded: only the first, then the error.
    assert_eq!(long.len(), 2);
    assert!(long[1].as_ref().unwrap_err().contains("more than the 11 bytes"), "{long:?}");
    let total: usize = long.iter().filter_map(|r| r.as_ref().ok()).map(Vec::len).sum();
    assert!(total <= 11);
}

/// The lead's code may spawn these futures on a runtime: they must be Send.
#[allow(dead_code, clippy::let_underscore_future)]
fn futures_are_send(reg: &Registry, r: &Reference, p: &Platform) {
    fn send<T: Send>(_: T) {}
    send(reg.resolve(r, p, false));
    send(reg.blob("x", "sha256:0", 1));
    send(reg.head_manifest(r));
    send(reg.tags("x"));
}

#[test]
fn loopback_hosts() {
    for h in ["127.0.0.1:5001", "127.1.2.3", "localhost", "localhost:5000", "LOCALHOST:1", "[::1]:5000", "[::1]", "::1"]
    {
        assert!(is_loopback(h), "{h}");
    }
    for h in ["registry-1.docker.io", "10.0.0.1:5000", "[fe80::1]:5000", "localhost.example.com"] {
        assert!(!is_loopback(h), "{h}");
    }
    assert_eq!(host_name("127.0.0.1:5003"), "127.0.0.1");
    assert_eq!(host_name("[::1]:5003"), "[::1]");
    assert_eq!(host_name("example.com"), "example.com");
}

#[test]
fn link_headers() {
    let mut h = HeaderMap::new();
    h.insert(LINK, r#"</v2/library/busybox/tags/list?last=b&n=2>; rel="next""#.parse().unwrap());
    assert_eq!(next_link(&h).as_deref(), Some("/v2/library/busybox/tags/list?last=b&n=2"));
    let mut h = HeaderMap::new();
    h.insert(LINK, r#"<https://r.example/v2/x/tags/list?last=a>; rel=next"#.parse().unwrap());
    assert_eq!(next_link(&h).as_deref(), Some("https://r.example/v2/x/tags/list?last=a"));
    let mut h = HeaderMap::new();
    h.insert(LINK, r#"<https://r.example/prev>; rel="prev""#.parse().unwrap());
    assert_eq!(next_link(&h), None);
    let reg = Registry::new("r.example", RegistryOptions::default()).unwrap();
    assert_eq!(reg.same_host_path("https://r.example/v2/x/tags/list?last=a").unwrap(), "/v2/x/tags/list?last=a");
    assert!(reg.same_host_path("https://evil.example/v2/x/tags/list").is_err());
}

#[test]
fn digests_of_each_algorithm() {
    assert_eq!(sha256(b""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert!(digest_like("sha512:", b"").unwrap().starts_with("sha512:cf83e135"));
    assert!(digest_like("sha384:", b"").unwrap().starts_with("sha384:38b060a7"));
    assert!(digest_like("md5:", b"").is_err());
}

/// A one-shot HTTP server on 127.0.0.1 that answers every connection with `answer` and reports each request's
/// head. For what the dev registries cannot do on demand: redirect a blob to another host.
fn server(answer: impl Fn(&str) -> String + Send + 'static) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut first = [0u8; 1];
            if stream.peek(&mut first).is_ok() && first[0] == 0x16 {
                // A TLS ClientHello: answer as Go's HTTP server does, in plain HTTP.
                let mut s = stream;
                let _ =
                    s.write_all(b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n");
                continue;
            }
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            if head.is_empty() {
                continue; // a TLS probe or a closed connection
            }
            let _ = tx.send(head.clone());
            let mut s = stream;
            let _ = s.write_all(answer(&head).as_bytes());
        }
    });
    (addr, rx)
}

#[test]
fn credentials_never_go_over_plain_http_to_another_host() {
    // The token realm is plain http on another host than the registry's.
    let (registry, _) = server(|_| {
        "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"http://auth.example.invalid/token\",service=\"s\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
    });
    let opts = RegistryOptions {
        credentials: Some(Credentials { username: "u".into(), password: "secret-pw".into() }),
        ..RegistryOptions::default()
    };
    let reg = Registry::new(&registry, opts).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let e = rt.block_on(reg.tags("x")).unwrap_err();
    assert_eq!(crate::error::exit_code(&e), ExitCode::Auth);
    assert!(e.to_string().contains("refusing to send the credentials of `u`"), "{e}");
}

#[test]
fn redirects_to_another_host_do_not_carry_authorization() {
    let (cdn, cdn_seen) =
        server(|_| "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello".to_string());
    let blob = sha256(b"hello");
    let location = format!("http://{cdn}/blob");
    let (registry, registry_seen) = server(move |head| {
        if head.to_lowercase().contains("authorization: basic") {
            format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
        } else {
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"t\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
        }
    });
    let opts = RegistryOptions {
        credentials: Some(Credentials { username: "u".into(), password: "secret-pw".into() }),
        ..RegistryOptions::default()
    };
    let reg = Registry::new(&registry, opts).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let data = rt.block_on(async {
        let mut s = Box::pin(reg.blob("x", &blob, 5).await.unwrap());
        let mut data = Vec::new();
        while let Some(c) = s.next().await {
            data.extend_from_slice(&c.unwrap());
        }
        data
    });
    assert_eq!(data, b"hello");
    let heads: Vec<String> = registry_seen.try_iter().collect();
    assert!(heads.iter().any(|h| h.to_lowercase().contains("authorization: basic")), "{heads:?}");
    let cdn_heads: Vec<String> = cdn_seen.try_iter().collect();
    assert_eq!(cdn_heads.len(), 1, "{cdn_heads:?}");
    assert!(!cdn_heads[0].to_lowercase().contains("authorization"), "the CDN got credentials: {}", cdn_heads[0]);
}

#[test]
fn a_token_lifetime_beyond_the_clock_is_an_error_not_a_panic() {
    let answer = |status: &str, extra: &str, body: &str| {
        format!("HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
    };
    let (tokens, _) = server(move |_| answer("200 OK", "", r#"{"token": "t", "expires_in": 18446744073709551615}"#));
    let realm = format!("http://{tokens}/token");
    let challenge = format!("WWW-Authenticate: Bearer realm=\"{realm}\",service=\"s\"\r\n");
    let (registry, _) = server(move |head| {
        if head.to_lowercase().contains("authorization: bearer") {
            answer("200 OK", "", r#"{"name": "x", "tags": ["1"]}"#)
        } else {
            answer("401 Unauthorized", &challenge, "")
        }
    });
    let reg = Registry::new(&registry, RegistryOptions::default()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let e = rt.block_on(reg.tags("x")).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "the token server `{realm}` of `{registry}` answered a token valid for 18446744073709551615 s, longer than berth can count"
        )
    );
}

#[test]
fn layers_size_never_overflows() {
    let layer = |size| Descriptor { media_type: String::new(), digest: "sha256:l".into(), size, platform: None };
    let mut image = Image {
        reference: crate::registry::reference::parse("busybox:1").unwrap(),
        manifest_digest: String::new(),
        manifest_media_type: String::new(),
        config: Vec::new(),
        config_digest: String::new(),
        layers: vec![layer(3), layer(4)],
        platform: Platform::linux_amd64(),
        index_digest: None,
    };
    assert_eq!(image.layers_size(), 7);
    image.layers = vec![layer(u64::MAX), layer(1)];
    assert_eq!(image.layers_size(), u64::MAX);
}
