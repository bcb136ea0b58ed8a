//! A COE node image into Glance (`coe image`): a qcow2 or raw file streamed into a new `bare` image and verified as
//! `image sync` verifies (md5 `checksum`, sha512 `os_hash_value`, size), with `os_distro` (what Magnum picks the
//! driver by); or, from a URL, Glance's own `web-download` import. A failure or a signal deletes the new image.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use tokio::io::AsyncReadExt;

use crate::error::{ExitCode, Failure};
use crate::image::upload::{self, Writer};
use crate::openstack::Session;
use crate::openstack::glance::{self, Image, Put};
use crate::signals::Signals;

/// The qcow2 magic (`QFI\xfb`).
const QCOW2: &[u8; 4] = b"QFI\xfb";
const PIECE: usize = 1 << 20;
const WEB_DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(3600);

/// `qcow2` when the file starts with the qcow2 magic, else `raw`.
pub fn sniff(head: &[u8]) -> &'static str {
    if head.starts_with(QCOW2) { "qcow2" } else { "raw" }
}

/// The properties of a node image: `os_distro`, then the extra ones (which may not replace it).
pub fn properties(os_distro: &str, extra: &[(String, String)]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut p = BTreeMap::new();
    p.insert("os_distro".to_string(), os_distro.to_string());
    for (k, v) in extra {
        if glance::ATTRIBUTES.contains(&k.as_str()) || k == "os_distro" {
            return Err(Failure::usage(format!("`--property {k}=...` sets a Glance attribute or `os_distro`"))
                .hint("`os_distro` has `--os-distro`; Glance's own attributes cannot be set as properties")
                .into());
        }
        p.insert(k.clone(), v.clone());
    }
    Ok(p)
}

/// `work` on the new image `id`, which is deleted when `work` fails or a signal comes first.
async fn or_delete<T>(
    session: &Session,
    name: &str,
    id: &str,
    work: impl std::future::Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    let mut signals = Signals::listen()?;
    let result = tokio::select! {
        r = work => r,
        stop = signals.recv() => Err(stop.failure(&format!("the Glance image `{id}` is deleted")).into()),
    };
    match result {
        Ok(t) => Ok(t),
        Err(e) => Err(match glance::delete(session, id).await {
            Ok(()) => e.context(format!("making the node image `{name}` failed; the incomplete Glance image `{id}` was deleted")),
            Err(d) => e.context(format!(
                "making the node image `{name}` failed, and the incomplete Glance image `{id}` could not be deleted ({d:#}): `openstack image delete {id}`"
            )),
        }),
    }
}

/// Stream `path` into a new Glance image `name` and verify what Glance stored.
pub async fn from_file(
    session: &Session,
    path: &Path,
    name: &str,
    disk_format: Option<&str>,
    props: &BTreeMap<String, String>,
    bar: &indicatif::ProgressBar,
) -> anyhow::Result<Image> {
    let unreadable = |e: std::io::Error| {
        Failure::usage(format!("cannot read `{}`: {e}", path.display()))
            .hint("give a qcow2 or raw image file, or an http(s) URL")
    };
    let mut file = tokio::fs::File::open(path).await.map_err(unreadable)?;
    let len = file.metadata().await.map_err(unreadable)?.len();
    let mut head = [0u8; 4];
    let n = file.read(&mut head).await.map_err(unreadable)?;
    let format = disk_format.unwrap_or_else(|| sniff(&head[..n]));
    let created = glance::create_disk(session, name, format, props).await?;
    let id = created.id.clone();
    bar.set_length(len);
    let work = async {
        let path = path.to_path_buf();
        let produce = move |mut w: Writer| async move {
            let mut f = tokio::fs::File::open(&path).await?;
            loop {
                let mut buf = vec![0u8; PIECE];
                let got = f.read(&mut buf).await?;
                if got == 0 {
                    break;
                }
                buf.truncate(got);
                w.send(bytes::Bytes::from(buf)).await?;
            }
            Ok(w)
        };
        let uploads = vec![|body| glance::put_data(session, &id, Put::File, body, Some(len), None)];
        let hashes = upload::pipe::pipe(bar, produce, uploads)
            .await
            .pop()
            .unwrap_or_else(|| Err(anyhow::anyhow!("no upload ran")))?;
        if hashes.bytes != len {
            return Err(
                Failure::new(ExitCode::Failure, format!("sent {} bytes of a {len}-byte file", hashes.bytes)).into()
            );
        }
        upload::check_stored(session, &id, &hashes).await?;
        glance::get(session, &id).await
    };
    or_delete(session, name, &created.id, work).await
}

/// A new image `name` whose data Glance fetches from `url` (`web-download`); refused (exit 2) when this Glance does
/// not offer it.
pub async fn from_url(
    session: &Session,
    url: &str,
    name: &str,
    disk_format: &str,
    props: &BTreeMap<String, String>,
) -> anyhow::Result<Image> {
    let methods = glance::import_methods(session).await?;
    if !methods.iter().any(|m| m == "web-download") {
        return Err(Failure::usage(format!(
            "this Glance does not offer the `web-download` import (it offers: {})",
            if methods.is_empty() { "none".to_string() } else { methods.join(", ") }
        ))
        .hint("download the image yourself and give berth the file")
        .into());
    }
    let created = glance::create_disk(session, name, disk_format, props).await?;
    let id = created.id.clone();
    let work = async {
        glance::import_uri(session, &id, url).await?;
        let start = Instant::now();
        loop {
            let img = glance::get(session, &id).await?;
            let failed =
                img.extra.get("os_glance_failed_import").and_then(|v| v.as_str()).is_some_and(|s| !s.is_empty());
            if img.status == "active" {
                return Ok(img);
            }
            if failed
                || matches!(img.status.as_str(), "killed" | "deleted" | "deactivated")
                || (img.status == "queued" && start.elapsed() > Duration::from_secs(30))
            {
                return Err(Failure::new(
                    ExitCode::Failure,
                    format!("Glance could not fetch `{url}` (image status `{}`)", img.status),
                )
                .hint("Glance's log says why; its `[import_filtering_opts]` may forbid the host or port")
                .into());
            }
            if start.elapsed() > WEB_DOWNLOAD_TIMEOUT {
                return Err(
                    Failure::new(ExitCode::Timeout, format!("Glance is still fetching `{url}` after an hour")).into()
                );
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    };
    or_delete(session, name, &created.id, work).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_properties() {
        assert_eq!(sniff(b"QFI\xfb\0\0\0\x03"), "qcow2");
        assert_eq!(sniff(b"\0\0"), "raw");
        let p = properties("fedora-coreos", &[("hw_rng_model".into(), "virtio".into())]).unwrap();
        assert_eq!(p["os_distro"], "fedora-coreos");
        assert!(properties("x", &[("os_distro".into(), "y".into())]).is_err());
        assert!(properties("x", &[("min_ram".into(), "1".into())]).is_err());
    }
}
