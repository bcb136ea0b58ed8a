//! The docker-archive (`docker save`) writer, planned before any blob is read so its exact length is known.
//!
//! berth streams an image into Glance in one pass while the blobs arrive from the registry. A [`Plan`] lays the
//! archive out as [`Segment`]s: bytes berth makes itself (tar headers, small files, padding) and the places where
//! a layer's bytes go. The sizes of all of them come from the manifest, so [`Plan::len`] is the archive's exact
//! length before the first blob byte arrives (Content-Length for Glance, a real progress total).
//!
//! With uncompressed layers (`image sync --uncompressed-layers`), a gzip layer's `layer.tar` is the blob
//! gunzipped; its size is not in the manifest, so a first pass measures it with [`Gunzip`] (which also checks it
//! against the config's diff_id) and the plan takes it from [`Layer::uncompressed_size`].
//!
//! The layout is Docker 1.10–24's, which every Docker since 1.10 loads (and older ones through `repositories` and
//! the v1 folders):
//!
//! ```text
//! <config-hex>.json        the exact config blob
//! <v1id>/                  one folder per layer, bottom first
//! <v1id>/VERSION           "1.0"
//! <v1id>/json              {"id": v1id, "parent": ...}; the top layer's also carries the config's fields
//! <v1id>/layer.tar         the layer blob as stored in the registry (a gzip layer stays compressed: loaders
//!                          decompress it and check its diff_id), or the blob gunzipped: the plain tar whose
//!                          sha256 is the diff_id
//! repositories             {"busybox": {"latest": "<top v1id>"}}
//! manifest.json            [{"Config": "<config-hex>.json", "RepoTags": [...], "Layers": ["<v1id>/layer.tar", ...]}]
//! ```
//!
//! The tar is POSIX ustar (GNU base-256 for sizes of 8 GiB and more), deterministic: mtime 0, uid/gid 0, mode
//! 0644 for files and 0755 for folders, v1 ids derived from the layers' positions and digests.

mod gunzip;
mod tar;
#[cfg(test)]
mod tests;

use std::io::{self, Write};

use anyhow::{Context, bail};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

pub use gunzip::{GUNZIP_PIECE_MAX, Gunzip, LayerCheck, gunzipped, is_gzip};
use tar::TarBuilder;
pub(crate) use tar::{BLOCK, EntryKind, header, padding};

use crate::registry::reference;

/// A layer blob as the manifest describes it, and what its `layer.tar` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// The digest of the blob as stored (compressed), `sha256:<hex>`.
    pub digest: String,
    /// The blob's size in bytes, from the manifest.
    pub size: u64,
    /// `None`: `layer.tar` is the blob as stored (`size` bytes). `Some(n)`: it is the blob gunzipped, a plain tar
    /// of `n` bytes whose sha256 is the layer's diff_id (measured by a first pass with [`Gunzip`]).
    pub uncompressed_size: Option<u64>,
}

impl Layer {
    /// A layer whose `layer.tar` is the blob as stored.
    pub fn stored(digest: impl Into<String>, size: u64) -> Layer {
        Layer { digest: digest.into(), size, uncompressed_size: None }
    }

    /// The size of its `layer.tar`: the blob's, or the gunzipped tar's.
    pub fn entry_size(&self) -> u64 {
        self.uncompressed_size.unwrap_or(self.size)
    }
}

/// A piece of the archive, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Bytes berth makes: tar headers, small files, padding.
    Bytes(Vec<u8>),
    /// The `layer.tar` bytes of `layers[layer]` go here: exactly `size` (= [`Layer::entry_size`]) of them, the raw
    /// blob or, with [`Layer::uncompressed_size`], the blob gunzipped. The padding to the next 512-byte block is
    /// at the start of the following `Bytes` segment.
    Blob { layer: usize, size: u64 },
}

/// The whole archive laid out: its segments, exact length and the image ID `docker load` will report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    segments: Vec<Segment>,
    len: u64,
    image_id: String,
}

/// The Docker v1 `created` of layers below the top, as `docker save` writes it.
const EPOCH: &str = "1970-01-01T00:00:00Z";

impl Plan {
    /// Lay out the archive of an image: `config` is the exact config blob whose digest is `config_digest`
    /// (`sha256:<hex>`), `layers` the manifest's layer descriptors bottom first, `repo_tags` the names it loads as
    /// (`busybox:latest`, `127.0.0.1:5001/team/app:1.0`; may be empty).
    pub fn new(config: &[u8], config_digest: &str, layers: &[Layer], repo_tags: &[String]) -> anyhow::Result<Plan> {
        let config_hex = config_digest
            .strip_prefix("sha256:")
            .filter(|hex| hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .with_context(|| format!("the config digest `{config_digest}` is not `sha256:` and 64 hex digits"))?;
        let actual = sha256_hex(config);
        if actual != config_hex {
            bail!("the image config's sha256 is `{actual}`, not `{config_hex}` as its digest `{config_digest}` says");
        }
        let config_json: Value = serde_json::from_slice(config).context("the image config is not valid JSON")?;
        let Some(config_obj) = config_json.as_object() else {
            bail!("the image config is not a JSON object");
        };
        let diff_ids = config_obj
            .get("rootfs")
            .and_then(|r| r.get("diff_ids"))
            .and_then(Value::as_array)
            .context("the image config has no `rootfs.diff_ids` list")?;
        if diff_ids.len() != layers.len() {
            bail!(
                "the image config lists {} layers (`rootfs.diff_ids`) but the manifest has {}",
                diff_ids.len(),
                layers.len()
            );
        }
        let repositories = repositories_map(repo_tags)?;

        // v1 ids chain by position (the same blob twice in an image still gets two folders); the top one also
        // depends on the config, as Docker's does, so two images sharing layers have different tops.
        let mut v1ids: Vec<String> = Vec::with_capacity(layers.len());
        for (i, layer) in layers.iter().enumerate() {
            let parent = v1ids.last().map_or("", String::as_str);
            let diff_id = diff_ids[i].as_str().unwrap_or_default();
            let mut seed = format!("berth v1 id\n{i}\n{parent}\n{}\n{diff_id}\n", layer.digest);
            if i + 1 == layers.len() {
                seed.push_str(config_digest);
            }
            v1ids.push(sha256_hex(seed.as_bytes()));
        }

        let mut tar = TarBuilder::default();
        tar.file(&format!("{config_hex}.json"), config);
        for (i, layer) in layers.iter().enumerate() {
            let v1id = &v1ids[i];
            let parent = i.checked_sub(1).map(|p| v1ids[p].as_str());
            let v1_json = if i + 1 == layers.len() {
                top_v1_json(config_obj, v1id, parent)
            } else {
                lower_v1_json(config_obj, v1id, parent)
            };
            tar.dir(&format!("{v1id}/"));
            tar.file(&format!("{v1id}/VERSION"), b"1.0");
            tar.file(&format!("{v1id}/json"), v1_json.as_bytes());
            tar.blob(&format!("{v1id}/layer.tar"), i, layer.entry_size());
        }
        if let Some(top) = v1ids.last()
            && !repositories.is_empty()
        {
            let repositories: Map<String, Value> = repositories
                .into_iter()
                .map(|(repo, tags)| (repo, Value::Object(tags.into_iter().map(|t| (t, json!(top))).collect())))
                .collect();
            tar.file("repositories", Value::Object(repositories).to_string().as_bytes());
        }
        let manifest = json!([{
            "Config": format!("{config_hex}.json"),
            "RepoTags": repo_tags,
            "Layers": v1ids.iter().map(|id| format!("{id}/layer.tar")).collect::<Vec<_>>(),
        }]);
        tar.file("manifest.json", manifest.to_string().as_bytes());
        let (segments, len) = tar.finish();
        let Some(len) = len else {
            let sizes: Vec<String> = layers.iter().map(|l| l.entry_size().to_string()).collect();
            bail!(
                "the archive of image `{config_digest}` would be longer than 2^64 bytes: its layers' sizes are {}",
                sizes.join(", ")
            );
        };
        Ok(Plan { segments, len, image_id: config_hex.to_string() })
    }

    /// The archive, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The archive's exact length in bytes: all `Bytes` segments plus every `Blob`'s `size`.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Never true: even an image without layers has a config and a manifest.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The image ID `docker load` reports: the config digest's hex.
    pub fn image_id(&self) -> &str {
        &self.image_id
    }

    /// Write the whole archive to `out`, taking layer `i`'s `layer.tar` bytes (the blob, or the gunzipped tar of an
    /// uncompressed layer) from `blobs(i)`; returns the bytes written (= [`Plan::len`]). For tests and small
    /// images: bytes of another size than planned are an error.
    pub fn write_all(&self, blobs: &dyn Fn(usize) -> Vec<u8>, out: &mut impl Write) -> io::Result<u64> {
        let mut written = 0u64;
        for segment in &self.segments {
            match segment {
                Segment::Bytes(bytes) => {
                    out.write_all(bytes)?;
                    written += bytes.len() as u64;
                }
                Segment::Blob { layer, size } => {
                    let blob = blobs(*layer);
                    if blob.len() as u64 != *size {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("layer {layer}'s blob has {} bytes; the plan expects {size}", blob.len()),
                        ));
                    }
                    out.write_all(&blob)?;
                    written += *size;
                }
            }
        }
        Ok(written)
    }
}

fn sha256_hex(data: &[u8]) -> String {
    format!("{:x}", Sha256::digest(data))
}

/// `repo -> [tag]` for the `repositories` file, in RepoTag order; each RepoTag must be `name:tag` as Docker
/// parses it (the repo is split at the last `:` after the last `/`).
pub(crate) fn repositories_map(repo_tags: &[String]) -> anyhow::Result<Vec<(String, Vec<String>)>> {
    let mut repositories: Vec<(String, Vec<String>)> = Vec::new();
    for repo_tag in repo_tags {
        let parsed = reference::parse(repo_tag).with_context(|| format!("RepoTag `{repo_tag}`"))?;
        if parsed.tag.is_none() || parsed.digest.is_some() {
            bail!("RepoTag `{repo_tag}` must be `name:tag`, without a digest");
        }
        let colon = repo_tag.rfind(':').unwrap_or(repo_tag.len());
        let (repo, tag) = (&repo_tag[..colon], &repo_tag[colon + 1..]);
        match repositories.iter_mut().find(|(r, _)| r == repo) {
            Some((_, tags)) if tags.iter().any(|t| t == tag) => {}
            Some((_, tags)) => tags.push(tag.to_string()),
            None => repositories.push((repo.to_string(), vec![tag.to_string()])),
        }
    }
    Ok(repositories)
}

/// The top layer's v1 json, as `docker save` makes it: the config without the fields v1 did not have (`rootfs`,
/// `history`, `os.version`, `os.features`), with the v1 id and parent.
fn top_v1_json(config: &Map<String, Value>, id: &str, parent: Option<&str>) -> String {
    let mut v1 = Map::new();
    v1.insert("id".into(), json!(id));
    if let Some(parent) = parent {
        v1.insert("parent".into(), json!(parent));
    }
    for (key, value) in config {
        if !matches!(key.as_str(), "id" | "parent" | "rootfs" | "history" | "os.version" | "os.features") {
            v1.insert(key.clone(), value.clone());
        }
    }
    Value::Object(v1).to_string()
}

/// A lower layer's v1 json, as `docker save` makes it: id, parent, the epoch as `created`, the config's `os`.
fn lower_v1_json(config: &Map<String, Value>, id: &str, parent: Option<&str>) -> String {
    let mut v1 = Map::new();
    v1.insert("id".into(), json!(id));
    if let Some(parent) = parent {
        v1.insert("parent".into(), json!(parent));
    }
    v1.insert("created".into(), json!(EPOCH));
    if let Some(os) = config.get("os") {
        v1.insert("os".into(), os.clone());
    }
    Value::Object(v1).to_string()
}
