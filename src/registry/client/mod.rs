//! The registry client (Docker Registry HTTP API v2 / OCI distribution): manifests, blobs, tags, with Basic and
//! Bearer-token auth, over https (plain http only where Docker allows it), every digest verified. One file per
//! concern: the token dance ([`token`]), error answers ([`errors`]), manifests and tags ([`manifests`]), blobs with
//! resume and verification ([`blobs`]).
//!
//! Every request goes through [`Http::send`], so `-v` logs it with secrets redacted. Credentials and tokens are
//! only ever sent to this registry's host (and credentials to its token server). Redirects: the API and token
//! requests follow them only within their origin ([`Redirects::SameOrigin`]); blob downloads may follow one to a
//! CDN on another origin, never from https to http ([`Redirects::CrossOrigin`]), and reqwest drops
//! `Authorization` when a redirect leaves the origin, which a test checks.
//!
//! Resilience: idempotent requests are retried by [`Http::send`] (`--retries`); a blob whose body is cut off
//! mid-way is resumed with a `Range` request from the first missing byte, into the same verified stream, so its
//! reader never notices (see [`Registry::blob`]). Pull quotas that the registry reports (Docker Hub's
//! `ratelimit-*` headers) are remembered, and a manifest GET that the registry already said it would refuse
//! (0 pulls left) fails at once instead of collecting 429s.

mod blobs;
mod errors;
mod manifests;
#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
mod token;

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use reqwest::header::HeaderMap;
use reqwest::{RequestBuilder, Response};

pub use blobs::RESUME_PROGRESS;
use token::AuthState;

use crate::error::{Failure, Transport};
use crate::net::{Http, Redirects, Retry, TlsOptions};
use crate::registry::auth::{Credentials, Found};
use crate::registry::manifest::{Descriptor, Platform};
use crate::registry::quota::Quota;
use crate::registry::reference::{DOCKER_HUB_REGISTRY, Reference};

/// How to reach one registry.
#[derive(Debug, Clone, Default)]
pub struct RegistryOptions {
    pub tls: TlsOptions,
    /// From `--registry-user` + `--registry-password-stdin`; when None, Docker's config is read.
    pub credentials: Option<Credentials>,
    /// Where Docker's `config.json` is; else `$DOCKER_CONFIG`, else `~/.docker`.
    pub docker_config_dir: Option<std::path::PathBuf>,
    /// `--http-timeout`, `--retries` (for requests, and for resuming a blob cut off mid-way), `-v`, `--timing`.
    pub net: crate::net::Options,
    /// What the registry clients made from these options learn and share during one command.
    pub shared: Arc<Shared>,
}

/// What one command's registry clients share: pull quotas by registry host, and manifest HEAD answers kept
/// for the next client that asks (see [`Registry::head_manifest_kept`]).
#[derive(Debug, Default)]
pub struct Shared {
    quotas: Mutex<HashMap<String, Quota>>,
    heads: Mutex<HashMap<String, ManifestHead>>,
}

/// One image (one platform) a reference resolves to.
#[derive(Debug, Clone)]
pub struct Image {
    pub reference: Reference,
    pub manifest_digest: String,
    pub manifest_media_type: String,
    /// The exact config blob, its digest verified.
    pub config: Vec<u8>,
    pub config_digest: String,
    /// Bottom first; every media type is one a docker-archive can carry.
    pub layers: Vec<Descriptor>,
    /// From the config's os / architecture / variant.
    pub platform: Platform,
    /// The digest of the manifest list / OCI index the image was resolved through.
    pub index_digest: Option<String>,
}

impl Image {
    /// Whether this image is what a request for `wanted` gets: its entry in a manifest list / OCI index was chosen
    /// for it, or its config says that platform. A single-platform image of another platform is not.
    pub fn serves(&self, wanted: &Platform) -> bool {
        self.index_digest.is_some() || wanted.matches(&self.platform)
    }

    /// The layers' total size in bytes, as stored (compressed). The sizes are the registry's numbers: their sum
    /// is checked (a manifest whose sizes do not add up within a u64 fails [`crate::registry::manifest::parse`];
    /// should one get here, it shows as u64::MAX rather than panicking or wrapping).
    pub fn layers_size(&self) -> u64 {
        self.layers.iter().try_fold(0u64, |n, l| n.checked_add(l.size)).unwrap_or(u64::MAX)
    }
}

/// What a HEAD of a manifest tells (a HEAD does not count as a pull on Docker Hub).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestHead {
    /// `Docker-Content-Digest`.
    pub digest: Option<String>,
    pub media_type: Option<String>,
    pub size: Option<u64>,
    /// The pull quota, when the registry reports one (Docker Hub's `ratelimit-*` headers).
    pub quota: Option<Quota>,
}

/// A registry client. Clones share everything (connections, scheme, credentials, tokens), so a blob stream can
/// keep one to resume itself.
#[derive(Clone)]
pub struct Registry {
    host: String,
    http: Arc<Http>,
    opts: RegistryOptions,
    /// `https` or `http`, once the first request has settled it.
    scheme: Arc<Mutex<Option<&'static str>>>,
    /// Credentials, looked up on the first 401 only (no credential helper runs for anonymous registries).
    credentials: Arc<Mutex<Option<Option<Found>>>>,
    auth: Arc<Mutex<AuthState>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry").field("host", &self.host).finish_non_exhaustive()
    }
}

/// True for 127.0.0.0/8, ::1 and localhost (with or without a port): registries Docker treats as insecure.
pub fn is_loopback(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or(rest)
    } else if host.matches(':').count() == 1 {
        host.split(':').next().unwrap_or(host)
    } else {
        host
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host name of `host[:port]` (brackets kept for IPv6), to compare hosts regardless of port.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

impl Registry {
    /// A client for the registry at `host` (`host[:port]` as in [`Reference::registry`]).
    pub fn new(host: &str, opts: RegistryOptions) -> anyhow::Result<Registry> {
        // Same-origin redirects only: manifests, tags and the token server get credentials or tokens. Blob
        // downloads ask for a client that follows a CDN's redirect (see `blobs.rs`).
        let http = Arc::new(Http::new(&opts.tls, &opts.net, Redirects::SameOrigin)?);
        Ok(Registry {
            host: host.to_string(),
            http,
            opts,
            scheme: Arc::default(),
            credentials: Arc::default(),
            auth: Arc::default(),
        })
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// `-v`: what the client does and why.
    fn log(&self, msg: impl AsRef<str>) {
        self.opts.net.feedback.log(1, "registry", format_args!("{}", msg.as_ref()));
    }

    /// Plain http may be tried when https fails for another reason than the certificate: loopback registries and
    /// `--registry-insecure`, never Docker Hub.
    fn http_allowed(&self) -> bool {
        self.host != DOCKER_HUB_REGISTRY && (is_loopback(&self.host) || self.opts.tls.insecure)
    }

    /// Registry-specific hints for the transport failures of `Http::send`.
    fn transport(&self, e: anyhow::Error) -> anyhow::Error {
        let Some(f) = e.downcast_ref::<Failure>() else {
            return e;
        };
        let hint = match f.transport {
            Some(Transport::Tls) => format!(
                "trust the registry's CA with `--registry-cacert FILE` (or, for a test registry only, `--registry-insecure`){}",
                if is_loopback(&self.host) { "" } else { "; a registry without TLS needs `--registry-insecure`" }
            ),
            Some(Transport::Timeout) => {
                "the registry is slow or unreachable; raise `--http-timeout` or check the host".to_string()
            }
            Some(Transport::Connect) => {
                format!(
                    "check that `{}` is the registry's host and port and that it is up (proxies: `HTTPS_PROXY`, `NO_PROXY`)",
                    self.host
                )
            }
            Some(Transport::Redirect | Transport::Other) | None => return e,
        };
        Failure { hint: Some(hint), ..f.clone() }.into()
    }

    /// Send the request `make(base)` builds, settling the scheme on the first call: https, then plain http when
    /// allowed and https failed for another reason than its certificate (the server does not speak TLS).
    async fn execute(&self, make: &(dyn Fn(&str) -> RequestBuilder + Sync)) -> anyhow::Result<Response> {
        let known = *self.scheme.lock().unwrap();
        if let Some(scheme) = known {
            return self.http.send(make(&format!("{scheme}://{}", self.host))).await.map_err(|e| self.transport(e));
        }
        // While plain http is still an option, a transport failure of https means "try http", not "try again".
        let probe = if self.http_allowed() { Retry::Answers } else { Retry::All };
        match self.http.send_with(make(&format!("https://{}", self.host)), probe).await {
            Ok(r) => {
                *self.scheme.lock().unwrap() = Some("https");
                Ok(r)
            }
            Err(e)
                if self.http_allowed()
                    && !matches!(
                        crate::error::failure(&e).and_then(|f| f.transport),
                        Some(Transport::Tls | Transport::Redirect)
                    ) =>
            {
                self.log(format!("`{}` does not answer https; trying plain http", self.host));
                match self.http.send(make(&format!("http://{}", self.host))).await {
                    Ok(r) => {
                        *self.scheme.lock().unwrap() = Some("http");
                        Ok(r)
                    }
                    Err(e2) => {
                        Err(self.transport(e2).context(format!("`{}` answered neither https nor http", self.host)))
                    }
                }
            }
            Err(e) => Err(self.transport(e)),
        }
    }
}
