//! Manifests and tags: a manifest GET verified against its digest, resolution of a reference to one image per
//! platform (through a manifest list / OCI index), manifest HEADs (no pull on Docker Hub) with the pull quota, and
//! tag lists followed across `Link` pages on the same registry.

use anyhow::Context;
use futures_util::StreamExt;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap, LINK};
use serde::Deserialize;

use super::blobs::{Hasher, checked_digest, digest_like};
use super::{Image, ManifestHead, Registry, header};
use crate::error::{ExitCode, Failure};
use crate::net::body::{self, Cap};
use crate::net::pages::Pages;
use crate::net::redact_url;
use crate::registry::manifest::{self, Descriptor, Manifest, Platform};
use crate::registry::quota::{self, Quota};
use crate::registry::reference::Reference;

/// The largest manifest berth reads (distribution's own limit is 4 MiB).
const MANIFEST: Cap = Cap { bytes: 4 << 20, what: "a manifest" };
/// The largest image config berth reads into memory.
const CONFIG_MAX: u64 = 16 << 20;
impl Registry {
    /// GET a manifest by tag or digest, verified: the body's digest must equal `Docker-Content-Digest` and, for a
    /// digest, the one asked for.
    async fn manifest(&self, r: &Reference, reference: &str) -> anyhow::Result<(String, Manifest)> {
        if reference.contains(':') {
            checked_digest(reference)?;
        }
        let path = format!("/v2/{}/manifests/{reference}", r.repository);
        let resp = self.request(Method::GET, &path, &r.repository, Some(manifest::ACCEPT)).await?;
        if !resp.status().is_success() {
            return Err(self.failed(resp, r, Some(reference)).await);
        }
        let content_type = header(resp.headers(), CONTENT_TYPE.as_str()).unwrap_or_default();
        let announced = header(resp.headers(), "docker-content-digest");
        let body = body::read(resp, MANIFEST).await.with_context(|| format!("reading the manifest of `{r}`"))?;
        let requested = reference.contains(':').then_some(reference);
        let digest = match (requested, announced.as_deref()) {
            (Some(d), _) => d.to_string(),
            (None, Some(a)) if Hasher::for_digest(a).is_ok() => a.to_string(),
            _ => digest_like("sha256:", &body)?,
        };
        let actual = digest_like(&digest, &body)?;
        if actual != digest {
            let what = if requested.is_some() { "asked for" } else { "announced in Docker-Content-Digest" };
            return Err(Failure::new(
                ExitCode::Failure,
                format!("the manifest `{reference}` of `{}` from `{}` has the digest `{actual}`, not `{digest}` as {what}", r.repository, self.host),
            )
            .hint("the registry (or something between) served other content than asked for; try again, or check the reference")
            .into());
        }
        if let (Some(_), Some(a)) = (requested, announced.as_deref())
            && Hasher::for_digest(a).is_ok()
            && digest_like(a, &body)? != a
        {
            return Err(Failure::new(
                ExitCode::Failure,
                format!("`{}` announced the digest `{a}` for the manifest `{reference}` of `{}`, but its content has another", self.host, r.repository),
            )
            .into());
        }
        let parsed = manifest::parse(&content_type, &body)
            .with_context(|| format!("reading the manifest `{reference}` of `{}`", r.repository))?;
        Ok((digest, parsed))
    }

    /// Resolve `r` to one image per requested platform: a plain manifest is returned as it is; a manifest list /
    /// OCI index gives its entry for `platform`, or every entry (but `unknown/unknown` attestations) when `all`.
    pub async fn resolve(&self, r: &Reference, platform: &Platform, all: bool) -> anyhow::Result<Vec<Image>> {
        // The pull is counted on this GET (Docker Hub counts an index and its entry's manifest as one pull).
        self.check_quota(r)?;
        let (digest, top) = self.manifest(r, r.manifest_reference()).await?;
        match top {
            Manifest::Image { media_type, config, layers } => {
                Ok(vec![self.image(r, digest, media_type, config, layers, None).await?])
            }
            Manifest::Index { manifests, .. } => {
                let mut images = Vec::new();
                for entry in manifest::select(&manifests, platform, all)? {
                    let (child_digest, child) = self.manifest(r, &entry.digest).await?;
                    let Manifest::Image { media_type, config, layers } = child else {
                        anyhow::bail!(
                            "the index `{digest}` of `{r}` lists another index (`{}`) for `{}`, which berth does not follow",
                            entry.digest,
                            entry.platform.as_ref().map_or("?".into(), Platform::to_string)
                        );
                    };
                    images.push(self.image(r, child_digest, media_type, config, layers, Some(digest.clone())).await?);
                }
                Ok(images)
            }
        }
    }

    async fn image(
        &self,
        r: &Reference,
        manifest_digest: String,
        media_type: String,
        config: Descriptor,
        layers: Vec<Descriptor>,
        index_digest: Option<String>,
    ) -> anyhow::Result<Image> {
        let context = || format!("the image `{manifest_digest}` of `{r}`");
        manifest::check_config(&config).with_context(context)?;
        manifest::check_layers(&layers).with_context(context)?;
        if config.size > CONFIG_MAX {
            anyhow::bail!(
                "the config of {} is {} bytes; berth reads configs of up to {CONFIG_MAX}",
                context(),
                config.size
            );
        }
        let mut stream = Box::pin(self.blob(&r.repository, &config.digest, config.size).await?);
        let mut bytes = Vec::with_capacity(config.size as usize);
        while let Some(chunk) = stream.next().await {
            bytes.extend_from_slice(&chunk.with_context(context)?);
        }
        let platform = manifest::config_platform(&bytes).with_context(context)?;
        Ok(Image {
            reference: r.clone(),
            manifest_digest,
            manifest_media_type: media_type,
            config: bytes,
            config_digest: config.digest,
            layers,
            platform,
            index_digest,
        })
    }

    /// The pull quota this registry reported last (to any client made from the same options), if it did.
    pub fn quota(&self) -> Option<Quota> {
        self.opts.shared.quotas.lock().unwrap().get(&self.host).cloned()
    }

    /// A manifest GET by the reference counts as a pull on Docker Hub: when the registry already said no pull is
    /// left, fail now with what to do, instead of collecting 429s.
    fn check_quota(&self, r: &Reference) -> anyhow::Result<()> {
        match self.quota() {
            Some(q) if q.remaining == 0 => {
                let window = q.window.map_or(String::new(), |w| format!(" (the window is {})", quota::shown_window(w)));
                Err(Failure::new(
                    ExitCode::Failure,
                    format!("`{}` reports 0 of {} pulls left; not pulling the manifest of `{r}`", self.host, q.limit),
                )
                .hint(format!(
                    "wait for the quota to refill{window}, or pull as a user with a higher limit: `docker login {}` or `--registry-user`; \
                     `berth registry quota {r}` shows it",
                    self.host
                ))
                .into())
            }
            _ => Ok(()),
        }
    }

    /// HEAD a manifest, and keep the answer for the next [`Registry::head_manifest`] of the same reference by
    /// any client made from the same options (one command asks once).
    pub async fn head_manifest_kept(&self, r: &Reference) -> anyhow::Result<ManifestHead> {
        let head = self.head_manifest(r).await?;
        self.opts.shared.heads.lock().unwrap().insert(format!("{}/{}", self.host, r), head.clone());
        Ok(head)
    }

    /// HEAD a manifest: its digest and the rate-limit headers, without counting as a pull. An answer kept by
    /// [`Registry::head_manifest_kept`] is used (once) instead of asking again.
    pub async fn head_manifest(&self, r: &Reference) -> anyhow::Result<ManifestHead> {
        if let Some(kept) = self.opts.shared.heads.lock().unwrap().remove(&format!("{}/{}", self.host, r)) {
            return Ok(kept);
        }
        let reference = r.manifest_reference();
        let path = format!("/v2/{}/manifests/{reference}", r.repository);
        let resp = self.request(Method::HEAD, &path, &r.repository, Some(manifest::ACCEPT)).await?;
        if !resp.status().is_success() {
            return Err(self.failed(resp, r, Some(reference)).await);
        }
        let h = resp.headers();
        Ok(ManifestHead {
            digest: header(h, "docker-content-digest"),
            media_type: header(h, CONTENT_TYPE.as_str()),
            size: header(h, "content-length").and_then(|s| s.parse().ok()),
            quota: quota::from_headers(h),
        })
    }

    /// Every tag of `repository`, following `Link: <...>; rel="next"` pages, in the registry's order, to an end
    /// (a link back to a page read already, or over [`crate::net::pages::MAX_PAGES`] pages, is an error).
    pub async fn tags(&self, repository: &str) -> anyhow::Result<Vec<String>> {
        #[derive(Deserialize)]
        struct Page {
            #[serde(default)]
            tags: Option<Vec<String>>,
        }
        let r = Reference { registry: self.host.clone(), repository: repository.to_string(), tag: None, digest: None };
        let mut path = format!("/v2/{repository}/tags/list");
        let mut pages = Pages::new(format!("the tag list of `{repository}` on `{}`", self.host), &path);
        let mut tags = Vec::new();
        loop {
            let resp = self.request(Method::GET, &path, repository, None).await?;
            if !resp.status().is_success() {
                return Err(self.failed(resp, &r, None).await);
            }
            let next = next_link(resp.headers());
            let body =
                body::read(resp, body::PAGE).await.with_context(|| format!("reading the tags of `{repository}`"))?;
            let page: Page = serde_json::from_slice(&body).map_err(|e| {
                Failure::new(ExitCode::Failure, format!("`{}` answered a tag list that is not JSON: {e}", self.host))
            })?;
            tags.extend(page.tags.unwrap_or_default());
            let Some(next) = next else {
                return Ok(tags);
            };
            path = self.same_host_path(&next)?;
            pages.next(&path)?;
        }
    }

    /// The path and query of a `Link` target, which must stay on this registry.
    pub(super) fn same_host_path(&self, link: &str) -> anyhow::Result<String> {
        if link.starts_with('/') {
            return Ok(link.to_string());
        }
        let url =
            reqwest::Url::parse(link).with_context(|| format!("`{}` sent the next-page link `{link}`", self.host))?;
        let authority = match url.port() {
            Some(p) => format!("{}:{p}", url.host_str().unwrap_or("")),
            None => url.host_str().unwrap_or("").to_string(),
        };
        if authority != self.host {
            anyhow::bail!("`{}` sent a next-page link to another host: `{}`", self.host, redact_url(&url));
        }
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    }
}

/// The target of `Link: <url>; rel="next"`.
pub(super) fn next_link(headers: &HeaderMap) -> Option<String> {
    for value in headers.get_all(LINK) {
        let value = value.to_str().ok()?;
        for part in value.split(',') {
            let (url, params) = part.split_once(';').unwrap_or((part, ""));
            let is_next = params.split(';').any(|p| {
                p.trim()
                    .strip_prefix("rel=")
                    .is_some_and(|v| v.trim_matches('"').split_whitespace().any(|r| r == "next"))
            });
            if is_next {
                return Some(url.trim().trim_start_matches('<').trim_end_matches('>').to_string());
            }
        }
    }
    None
}
