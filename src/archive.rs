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

use std::io::{self, Write};

use anyhow::{Context, bail};
use flate2::write::MultiGzDecoder;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

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

pub(crate) const BLOCK: usize = 512;
/// The largest size the 11 octal digits of a ustar header hold (8 GiB - 1); larger ones use base-256.
const USTAR_SIZE_MAX: u64 = 0o777_7777_7777;
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

/// The decompress-and-count path of uncompressed layers: gunzips a layer blob fed in chunks as they arrive,
/// counting and hashing the tar it gives, so its size and diff_id are known without keeping it.
///
/// Memory stays flat whatever the layer's size or compression ratio: [`Gunzip::step`] consumes only as much input
/// as fills flate2's 32 KiB output buffer and hands out what it decompressed, so no call returns more than
/// [`GUNZIP_PIECE_MAX`] bytes (a unit test checks this on a 1000:1 stream). Concatenated gzip members (pigz,
/// eStargz) decode as one stream, as Go's gzip reader in Docker does; a corrupt deflate stream, a bad CRC or
/// length trailer, a truncated stream and trailing garbage are errors.
pub struct Gunzip {
    decoder: MultiGzDecoder<Vec<u8>>,
    sha: Sha256,
    len: u64,
}

/// The most bytes one [`Gunzip::step`] or [`Gunzip::finish`] hands out: a few of flate2's 32 KiB buffers.
pub const GUNZIP_PIECE_MAX: usize = 128 << 10;

impl Default for Gunzip {
    fn default() -> Self {
        Gunzip::new()
    }
}

impl Gunzip {
    pub fn new() -> Gunzip {
        Gunzip { decoder: MultiGzDecoder::new(Vec::with_capacity(32 << 10)), sha: Sha256::new(), len: 0 }
    }

    /// Decompress from the start of `input` (non-empty): returns how many of its bytes were used and the tar bytes
    /// decompressed so far (possibly none). Call again with the rest until all of it is used.
    pub fn step(&mut self, input: &[u8]) -> io::Result<(usize, Vec<u8>)> {
        let used = self.decoder.write(input).map_err(corrupt_gzip)?;
        let out = self.take();
        if used == 0 && out.is_empty() && !input.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the gzip stream does not go on: data after its end?",
            ));
        }
        Ok((used, out))
    }

    /// After the last input: the rest of the tar; an error when the gzip stream is incomplete or its CRC or length
    /// trailer does not match.
    pub fn finish(&mut self) -> io::Result<Vec<u8>> {
        self.decoder.try_finish().map_err(corrupt_gzip)?;
        Ok(self.take())
    }

    /// The tar bytes handed out so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True while no tar byte has been handed out.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `sha256:<hex>` of the tar bytes handed out: after [`Gunzip::finish`], the layer's diff_id.
    pub fn diff_id(&self) -> String {
        format!("sha256:{:x}", self.sha.clone().finalize())
    }

    fn take(&mut self) -> Vec<u8> {
        let out = std::mem::take(self.decoder.get_mut());
        self.sha.update(&out);
        self.len += out.len() as u64;
        out
    }
}

fn corrupt_gzip(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("not valid gzip: {e}"))
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

/// Collects the archive into segments, tracking its length.
#[derive(Default)]
struct TarBuilder {
    segments: Vec<Segment>,
    bytes: Vec<u8>,
    len: u64,
}

impl TarBuilder {
    fn file(&mut self, name: &str, data: &[u8]) {
        self.bytes.extend_from_slice(&header(name, data.len() as u64, EntryKind::File));
        self.bytes.extend_from_slice(data);
        self.bytes.resize(self.bytes.len() + padding(data.len() as u64), 0);
    }

    fn dir(&mut self, name: &str) {
        self.bytes.extend_from_slice(&header(name, 0, EntryKind::Dir));
    }

    fn blob(&mut self, name: &str, layer: usize, size: u64) {
        self.bytes.extend_from_slice(&header(name, size, EntryKind::File));
        self.flush();
        self.segments.push(Segment::Blob { layer, size });
        self.len += size;
        self.bytes.resize(padding(size), 0);
    }

    fn flush(&mut self) {
        if !self.bytes.is_empty() {
            self.len += self.bytes.len() as u64;
            self.segments.push(Segment::Bytes(std::mem::take(&mut self.bytes)));
        }
    }

    fn finish(mut self) -> (Vec<Segment>, u64) {
        // The end of the archive: two zero blocks.
        self.bytes.resize(self.bytes.len() + 2 * BLOCK, 0);
        self.flush();
        (self.segments, self.len)
    }
}

/// Zeros after `size` bytes of data up to the next 512-byte block.
pub(crate) fn padding(size: u64) -> usize {
    ((BLOCK as u64 - size % BLOCK as u64) % BLOCK as u64) as usize
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    File,
    Dir,
}

/// A ustar header for `name` (< 100 bytes: berth's names are at most 75) of `size` bytes. Sizes over the 11
/// octal digits of ustar (8 GiB and more) are written in GNU base-256, with GNU's magic, as GNU tar and Go do.
pub(crate) fn header(name: &str, size: u64, kind: EntryKind) -> [u8; BLOCK] {
    assert!(name.len() < 100 && name.is_ascii(), "tar entry name `{name}` must be short ASCII");
    let mut h = [0u8; BLOCK];
    h[..name.len()].copy_from_slice(name.as_bytes());
    let (mode, typeflag) = match kind {
        EntryKind::File => (0o644, b'0'),
        EntryKind::Dir => (0o755, b'5'),
    };
    octal(&mut h[100..108], mode); // mode
    octal(&mut h[108..116], 0); // uid
    octal(&mut h[116..124], 0); // gid
    if size <= USTAR_SIZE_MAX {
        octal(&mut h[124..136], size);
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
    } else {
        h[124] = 0x80;
        h[128..136].copy_from_slice(&size.to_be_bytes());
        h[257..263].copy_from_slice(b"ustar ");
        h[263..265].copy_from_slice(b" \0");
    }
    octal(&mut h[136..148], 0); // mtime
    h[156] = typeflag;
    // The checksum is computed with its own field as spaces, then written as six octal digits, NUL, space.
    h[148..156].fill(b' ');
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    octal(&mut h[148..155], u64::from(sum));
    h
}

/// `value` as zero-padded octal filling `field` but its last byte, which stays NUL.
fn octal(field: &mut [u8], value: u64) {
    let digits = format!("{value:0width$o}", width = field.len() - 1);
    debug_assert_eq!(digits.len(), field.len() - 1, "{value} does not fit the field");
    field[..digits.len()].copy_from_slice(digits.as_bytes());
    field[digits.len()] = 0;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::io::Read;

    /// A real layer: a tar holding `files`, gzip-compressed (stored deflate blocks: real gzip, no compressor).
    fn layer_blob(files: &[(&str, &[u8])]) -> (Vec<u8>, String) {
        let tar = tar_of(files);
        (gzip_stored(&tar), format!("sha256:{}", sha256_hex(&tar)))
    }

    fn gzip_stored(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        let chunks: Vec<&[u8]> = if data.is_empty() { vec![&[]] } else { data.chunks(65535).collect() };
        for (i, chunk) in chunks.iter().enumerate() {
            out.push(u8::from(i + 1 == chunks.len()));
            let len = chunk.len() as u16;
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&(!len).to_le_bytes());
            out.extend_from_slice(chunk);
        }
        out.extend_from_slice(&crc32(data).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    struct Image {
        config: Vec<u8>,
        config_digest: String,
        blobs: Vec<Vec<u8>>,
        layers: Vec<Layer>,
    }

    fn image(layer_files: &[&[(&str, &[u8])]]) -> Image {
        let (blobs, diff_ids): (Vec<_>, Vec<_>) = layer_files.iter().map(|files| layer_blob(files)).unzip();
        let config = json!({
            "architecture": "amd64",
            "config": {"Cmd": ["sh"], "Env": ["PATH=/bin"]},
            "created": "2024-01-01T00:00:00Z",
            "history": [{"created_by": "test"}],
            "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
        })
        .to_string()
        .into_bytes();
        let layers = blobs.iter().map(|b| Layer::stored(format!("sha256:{}", sha256_hex(b)), b.len() as u64)).collect();
        Image { config_digest: format!("sha256:{}", sha256_hex(&config)), config, blobs, layers }
    }

    fn two_layers() -> Image {
        image(&[&[("bin/hello", b"hello\n"), ("etc/motd", &[b'x'; 700])], &[("etc/os-release", b"ID=berth\n")]])
    }

    fn plan(img: &Image, tags: &[&str]) -> anyhow::Result<Plan> {
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        Plan::new(&img.config, &img.config_digest, &img.layers, &tags)
    }

    fn write(plan: &Plan, img: &Image) -> Vec<u8> {
        let mut out = Vec::new();
        let n = plan.write_all(&|i| img.blobs[i].clone(), &mut out).unwrap();
        assert_eq!(n, out.len() as u64);
        out
    }

    /// Every entry: path -> (type flag, mode, size, content).
    fn entries(archive: &[u8]) -> BTreeMap<String, (u8, u32, u64, Vec<u8>)> {
        let mut map = BTreeMap::new();
        for entry in tar::Archive::new(archive).entries().unwrap() {
            let mut entry = entry.unwrap();
            let h = entry.header().clone();
            assert_eq!((h.uid().unwrap(), h.gid().unwrap(), h.mtime().unwrap()), (0, 0, 0));
            assert!(h.as_ustar().is_some(), "ustar magic");
            let path = entry.path().unwrap().to_string_lossy().into_owned();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            map.insert(path, (h.entry_type().as_byte(), h.mode().unwrap(), h.size().unwrap(), data));
        }
        map
    }

    fn v1_dirs(manifest: &Value) -> Vec<String> {
        manifest[0]["Layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().strip_suffix("/layer.tar").unwrap().to_string())
            .collect()
    }

    #[test]
    fn archive_has_the_docker_save_layout() {
        let img = two_layers();
        let plan = plan(&img, &["busybox:1.36", "busybox:latest", "127.0.0.1:5001/library/busybox:1.36"]).unwrap();
        let archive = write(&plan, &img);
        assert_eq!(archive.len() as u64, plan.len());
        assert_eq!(archive.len() % BLOCK, 0);
        assert!(archive[archive.len() - 2 * BLOCK..].iter().all(|&b| b == 0), "two zero blocks at the end");
        let config_hex = img.config_digest.strip_prefix("sha256:").unwrap();
        assert_eq!(plan.image_id(), config_hex);

        let entries = entries(&archive);
        let manifest: Value = serde_json::from_slice(&entries["manifest.json"].3).unwrap();
        let v1ids = v1_dirs(&manifest);
        assert_eq!(v1ids.len(), 2);
        assert_ne!(v1ids[0], v1ids[1]);
        assert_eq!(
            manifest,
            json!([{
                "Config": format!("{config_hex}.json"),
                "RepoTags": ["busybox:1.36", "busybox:latest", "127.0.0.1:5001/library/busybox:1.36"],
                "Layers": [format!("{}/layer.tar", v1ids[0]), format!("{}/layer.tar", v1ids[1])],
            }])
        );

        let mut expected: Vec<String> =
            vec![format!("{config_hex}.json"), "manifest.json".into(), "repositories".into()];
        for id in &v1ids {
            expected.extend([
                format!("{id}/"),
                format!("{id}/VERSION"),
                format!("{id}/json"),
                format!("{id}/layer.tar"),
            ]);
        }
        expected.sort();
        assert_eq!(entries.keys().cloned().collect::<Vec<_>>(), expected);

        assert_eq!(entries[&format!("{config_hex}.json")].3, img.config, "the config's exact bytes");
        for (i, id) in v1ids.iter().enumerate() {
            let (kind, mode, size, _) = &entries[&format!("{id}/")];
            assert_eq!((*kind, *mode, *size), (b'5', 0o755, 0));
            let (kind, mode, size, data) = &entries[&format!("{id}/layer.tar")];
            assert_eq!((*kind, *mode, *size), (b'0', 0o644, img.layers[i].size));
            assert_eq!(data, &img.blobs[i], "layer {i} is the blob as-is");
            assert_eq!(entries[&format!("{id}/VERSION")].3, b"1.0");
        }

        let repositories: Value = serde_json::from_slice(&entries["repositories"].3).unwrap();
        let top = &v1ids[1];
        assert_eq!(
            repositories,
            json!({"busybox": {"1.36": top, "latest": top}, "127.0.0.1:5001/library/busybox": {"1.36": top}})
        );

        let lower: Value = serde_json::from_slice(&entries[&format!("{}/json", v1ids[0])].3).unwrap();
        assert_eq!(lower, json!({"id": v1ids[0], "created": "1970-01-01T00:00:00Z", "os": "linux"}));
        let top_json: Value = serde_json::from_slice(&entries[&format!("{top}/json")].3).unwrap();
        assert_eq!(top_json["id"], json!(top));
        assert_eq!(top_json["parent"], json!(v1ids[0]));
        assert_eq!(top_json["config"], json!({"Cmd": ["sh"], "Env": ["PATH=/bin"]}));
        assert_eq!((top_json["architecture"].as_str(), top_json["os"].as_str()), (Some("amd64"), Some("linux")));
        assert_eq!(top_json["created"], json!("2024-01-01T00:00:00Z"));
        assert!(top_json.get("rootfs").is_none() && top_json.get("history").is_none());
    }

    #[test]
    fn segments_add_up_and_blobs_are_followed_by_their_padding() {
        let img = two_layers();
        let plan = plan(&img, &["busybox:latest"]).unwrap();
        let segments = plan.segments();
        let total: u64 = segments
            .iter()
            .map(|s| match s {
                Segment::Bytes(b) => b.len() as u64,
                Segment::Blob { size, .. } => *size,
            })
            .sum();
        assert_eq!(total, plan.len());
        let blobs: Vec<(usize, u64)> = segments
            .iter()
            .filter_map(|s| match s {
                Segment::Blob { layer, size } => Some((*layer, *size)),
                Segment::Bytes(_) => None,
            })
            .collect();
        assert_eq!(blobs, vec![(0, img.layers[0].size), (1, img.layers[1].size)], "blobs in layer order");
        let mut offset = 0u64;
        for (i, s) in segments.iter().enumerate() {
            match s {
                Segment::Blob { size, .. } => {
                    assert_eq!(offset % BLOCK as u64, 0, "a blob starts on a block");
                    let Some(Segment::Bytes(next)) = segments.get(i + 1) else { panic!("bytes follow a blob") };
                    let pad = padding(*size);
                    assert!(next[..pad].iter().all(|&b| b == 0));
                    offset += size;
                }
                Segment::Bytes(b) => {
                    assert!(!b.is_empty());
                    if let Some(Segment::Bytes(_)) = segments.get(i + 1) {
                        panic!("adjacent byte segments are merged");
                    }
                    offset += b.len() as u64;
                }
            }
        }
        // The plan alone fixes the length: it does not depend on the blobs' contents.
        let mut other = img.layers.clone();
        other[0].size += 1;
        let grown = Plan::new(&img.config, &img.config_digest, &other, &["busybox:latest".into()]).unwrap();
        let expected = plan.len() + if img.layers[0].size.is_multiple_of(512) { 512 } else { 0 };
        assert_eq!(grown.len(), expected);
    }

    #[test]
    fn same_inputs_give_the_same_bytes() {
        let img = two_layers();
        let a = write(&plan(&img, &["busybox:latest"]).unwrap(), &img);
        let b = write(&plan(&img, &["busybox:latest"]).unwrap(), &img);
        assert_eq!(a, b);
        // Another name changes the metadata only, never the v1 ids.
        let c = write(&plan(&img, &["other:1"]).unwrap(), &img);
        assert_ne!(a, c);
        let ids = |archive: &[u8]| v1_dirs(&serde_json::from_slice(&entries(archive)["manifest.json"].3).unwrap());
        assert_eq!(ids(&a), ids(&c));
    }

    #[test]
    fn the_same_layer_twice_gets_two_folders() {
        let files: &[(&str, &[u8])] = &[("a", b"a")];
        let img = image(&[files, files, files]);
        assert_eq!(img.layers[0], img.layers[1]);
        let plan = plan(&img, &["dup:1"]).unwrap();
        let archive = write(&plan, &img);
        let entries = entries(&archive);
        let manifest: Value = serde_json::from_slice(&entries["manifest.json"].3).unwrap();
        let ids = v1_dirs(&manifest);
        assert_eq!(ids.len(), 3);
        assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2], "{ids:?}");
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(entries[&format!("{id}/layer.tar")].3, img.blobs[i]);
            let v1: Value = serde_json::from_slice(&entries[&format!("{id}/json")].3).unwrap();
            assert_eq!(v1.get("parent"), i.checked_sub(1).map(|p| json!(ids[p])).as_ref());
        }
    }

    #[test]
    fn an_image_without_layers_or_tags() {
        let img = image(&[]);
        let plan = plan(&img, &[]).unwrap();
        let entries = entries(&write(&plan, &img));
        assert_eq!(entries.len(), 2, "config and manifest only: {:?}", entries.keys());
        let manifest: Value = serde_json::from_slice(&entries["manifest.json"].3).unwrap();
        assert_eq!(manifest[0]["RepoTags"], json!([]));
        assert_eq!(manifest[0]["Layers"], json!([]));
    }

    #[test]
    fn rejects_inconsistent_inputs() {
        let img = two_layers();
        let message = |r: anyhow::Result<Plan>| format!("{:#}", r.unwrap_err());

        let one_layer = &img.layers[..1];
        let e = message(Plan::new(&img.config, &img.config_digest, one_layer, &[]));
        assert_eq!(e, "the image config lists 2 layers (`rootfs.diff_ids`) but the manifest has 1");

        let e = message(Plan::new(&img.config, "sha256:abc", &img.layers, &[]));
        assert!(e.contains("the config digest `sha256:abc` is not `sha256:` and 64 hex digits"), "{e}");
        let wrong = format!("sha256:{}", "0".repeat(64));
        let e = message(Plan::new(&img.config, &wrong, &img.layers, &[]));
        assert!(e.contains(&format!("not `{}`", "0".repeat(64))), "{e}");

        let not_json = b"{nope";
        let e = message(Plan::new(not_json, &format!("sha256:{}", sha256_hex(not_json)), &[], &[]));
        assert!(e.starts_with("the image config is not valid JSON"), "{e}");
        let no_rootfs = br#"{"os":"linux"}"#;
        let e = message(Plan::new(no_rootfs, &format!("sha256:{}", sha256_hex(no_rootfs)), &[], &[]));
        assert_eq!(e, "the image config has no `rootfs.diff_ids` list");

        for tag in ["busybox", "Busybox:1", &format!("busybox@sha256:{}", "0".repeat(64))] {
            let e = message(plan(&img, &[tag]));
            assert!(e.starts_with(&format!("RepoTag `{tag}`")), "{e}");
        }

        let mut out = Vec::new();
        let plan = plan(&img, &[]).unwrap();
        let e = plan.write_all(&|_| vec![0; 3], &mut out).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("layer 0's blob has 3 bytes; the plan expects"), "{e}");
    }

    fn parsed(h: &[u8; BLOCK]) -> tar::Header {
        let header = tar::Header::from_byte_slice(h).clone();
        assert_eq!(
            header.cksum().unwrap(),
            h.iter().enumerate().map(|(i, &b)| if (148..156).contains(&i) { 32 } else { u32::from(b) }).sum::<u32>()
        );
        header
    }

    #[test]
    fn headers_are_ustar_with_checksums() {
        let h = header("abc/VERSION", 3, EntryKind::File);
        assert_eq!(&h[257..265], b"ustar\x0000");
        assert_eq!(&h[124..136], b"00000000003\0");
        assert_eq!(&h[100..108], b"0000644\0");
        let t = parsed(&h);
        assert_eq!((t.path().unwrap().to_str().unwrap(), t.size().unwrap()), ("abc/VERSION", 3));
        let d = parsed(&header("abc/", 0, EntryKind::Dir));
        assert!(d.entry_type().is_dir());
        assert_eq!(d.mode().unwrap(), 0o755);

        // The largest octal size, then the smallest base-256 one.
        let max = parsed(&header("x", USTAR_SIZE_MAX, EntryKind::File));
        assert_eq!(max.size().unwrap(), 8 * 1024 * 1024 * 1024 - 1);
        assert!(max.as_ustar().is_some());
        for size in [8u64 << 30, (8 << 30) + 12345, 1 << 40, u64::MAX >> 1] {
            let h = header("0123456789abcdef/layer.tar", size, EntryKind::File);
            assert_eq!(h[124], 0x80, "base-256 marker");
            assert_eq!(&h[124..128], &[0x80, 0, 0, 0]);
            assert_eq!(u64::from_be_bytes(h[128..136].try_into().unwrap()), size);
            assert_eq!(&h[257..265], b"ustar  \0", "GNU magic");
            let t = parsed(&h);
            assert!(t.as_gnu().is_some());
            assert_eq!(t.size().unwrap(), size);
            assert_eq!(t.path().unwrap().to_str().unwrap(), "0123456789abcdef/layer.tar");
        }
    }

    #[test]
    fn a_huge_layer_is_planned_without_its_bytes() {
        let img = two_layers();
        let mut layers = img.layers.clone();
        layers[0].size = 9 << 30;
        let plan = Plan::new(&img.config, &img.config_digest, &layers, &["big:1".into()]).unwrap();
        let small = self::plan(&img, &["big:1"]).unwrap();
        let grow = |s: u64| s + padding(s) as u64;
        assert_eq!(plan.len(), small.len() - grow(img.layers[0].size) + grow(9 << 30));
        let Segment::Bytes(before) = &plan.segments()[0] else { panic!() };
        let h: [u8; BLOCK] = before[before.len() - BLOCK..].try_into().unwrap();
        assert_eq!(parsed(&h).size().unwrap(), 9 << 30);
    }

    /// Gunzip `gz` fed in `chunk`-byte pieces: (tar, len, diff_id, largest piece handed out).
    fn gunzip(gz: &[u8], chunk: usize) -> io::Result<(Vec<u8>, u64, String, usize)> {
        let mut g = Gunzip::new();
        let mut tar = Vec::new();
        let mut largest = 0;
        for mut input in gz.chunks(chunk) {
            while !input.is_empty() {
                let (used, out) = g.step(input)?;
                input = &input[used..];
                largest = largest.max(out.len());
                tar.extend_from_slice(&out);
            }
        }
        let out = g.finish()?;
        largest = largest.max(out.len());
        tar.extend_from_slice(&out);
        assert_eq!(g.len(), tar.len() as u64);
        Ok((tar, g.len(), g.diff_id(), largest))
    }

    /// `data` gzip-compressed by flate2, as registries' layers are (by Go, but it is the same format).
    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (path, data) in files {
            let mut h = tar::Header::new_ustar();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_mtime(0);
            h.set_cksum();
            builder.append_data(&mut h, path, *data).unwrap();
        }
        builder.into_inner().unwrap()
    }

    #[test]
    fn gunzip_counts_and_hashes_the_tar_in_any_chunking() {
        let text: Vec<u8> = (0..20_000u32).flat_map(|i| format!("line {i}\n").into_bytes()).collect();
        let tar = tar_of(&[("etc/motd", b"hello\n"), ("usr/share/lines", &text)]);
        let gz = gzip(&tar);
        assert!(gz.len() < tar.len() / 2, "really compressed");
        let want_id = format!("sha256:{}", sha256_hex(&tar));
        for chunk in [1, 7, 512, 4096, gz.len()] {
            let (out, len, id, _) = gunzip(&gz, chunk).unwrap();
            assert!(out == tar, "chunks of {chunk}");
            assert_eq!((len, id.as_str()), (tar.len() as u64, want_id.as_str()), "chunks of {chunk}");
        }
        // The stored-block gzip of the plan tests, and an empty layer, too.
        let (blob, diff_id) = layer_blob(&[("a", b"a")]);
        assert_eq!(gunzip(&blob, 3).unwrap().2, diff_id);
        let (out, len, id, _) = gunzip(&gzip(b""), 5).unwrap();
        assert_eq!((out.len(), len, id), (0, 0, format!("sha256:{}", sha256_hex(b""))));
    }

    #[test]
    fn gunzip_reads_concatenated_members_as_one_stream() {
        let (a, b) = (tar_of(&[("a", b"first")]), tar_of(&[("b", b"second")]));
        let mut gz = gzip(&a);
        gz.extend_from_slice(&gzip(&b));
        let whole = [a, b].concat();
        for chunk in [1, 100, gz.len()] {
            let (out, _, id, _) = gunzip(&gz, chunk).unwrap();
            assert!(out == whole);
            assert_eq!(id, format!("sha256:{}", sha256_hex(&whole)));
        }
    }

    #[test]
    fn gunzip_rejects_what_is_not_a_whole_valid_gzip() {
        let tar = tar_of(&[("etc/motd", &[b'x'; 3000])]);
        let gz = gzip(&tar);
        let n = gz.len();
        let mut bad_crc = gz.clone();
        bad_crc[n - 8] ^= 1;
        let mut bad_len = gz.clone();
        bad_len[n - 4] ^= 1;
        let mut garbage = gz.clone();
        garbage.extend_from_slice(b"trailing");
        let cases: [(&str, Vec<u8>); 6] = [
            ("plain tar", tar.clone()),
            ("truncated in the data", gz[..n / 2].to_vec()),
            ("truncated in the trailer", gz[..n - 3].to_vec()),
            ("bad CRC", bad_crc),
            ("bad length", bad_len),
            ("trailing garbage", garbage),
        ];
        for (what, data) in cases {
            for chunk in [1, 64, data.len()] {
                let e = gunzip(&data, chunk).expect_err(what);
                assert!(e.to_string().starts_with("not valid gzip: "), "{what}: {e}");
            }
        }
    }

    #[test]
    fn gunzip_memory_is_flat_on_a_highly_compressed_layer() {
        // 16 MiB of zeros compress about 1000:1. Fed as one chunk, the whole stream must still come out in pieces
        // of at most GUNZIP_PIECE_MAX: what one step holds does not grow with the layer or the ratio.
        let tar = vec![0u8; 16 << 20];
        let gz = gzip(&tar);
        assert!(gz.len() < 64 << 10, "{}", gz.len());
        let mut g = Gunzip::new();
        let (used, first) = g.step(&gz).unwrap();
        assert!(used < gz.len(), "the first step takes only part of the input");
        assert!(first.len() <= GUNZIP_PIECE_MAX);
        let (out, len, id, largest) = gunzip(&gz, gz.len()).unwrap();
        assert!(largest <= GUNZIP_PIECE_MAX, "a piece of {largest} bytes");
        assert_eq!(len, tar.len() as u64);
        assert!(out == tar);
        assert_eq!(id, format!("sha256:{}", sha256_hex(&tar)));
    }

    #[test]
    fn uncompressed_layers_are_planned_at_their_tar_size() {
        let img = two_layers();
        let tars: Vec<Vec<u8>> = img.blobs.iter().map(|b| gunzip(b, 1000).unwrap().0).collect();
        let mut layers = img.layers.clone();
        // The bottom layer goes in gunzipped, the top one as stored (a plain-tar layer would).
        layers[0].uncompressed_size = Some(tars[0].len() as u64);
        assert_eq!((layers[0].entry_size(), layers[1].entry_size()), (tars[0].len() as u64, img.layers[1].size));
        let tags = ["busybox:latest".to_string()];
        let plan = Plan::new(&img.config, &img.config_digest, &layers, &tags).unwrap();
        let stored = Plan::new(&img.config, &img.config_digest, &img.layers, &tags).unwrap();
        let grow = |s: u64| s + padding(s) as u64;
        assert_eq!(plan.len(), stored.len() - grow(img.layers[0].size) + grow(tars[0].len() as u64));
        assert_eq!(plan.image_id(), stored.image_id());
        let blobs: Vec<(usize, u64)> = plan
            .segments()
            .iter()
            .filter_map(|s| match s {
                Segment::Blob { layer, size } => Some((*layer, *size)),
                Segment::Bytes(_) => None,
            })
            .collect();
        assert_eq!(blobs, vec![(0, tars[0].len() as u64), (1, img.layers[1].size)]);

        let mut archive = Vec::new();
        let content = |i: usize| if i == 0 { tars[0].clone() } else { img.blobs[1].clone() };
        assert_eq!(plan.write_all(&content, &mut archive).unwrap(), plan.len());
        let entries = entries(&archive);
        let manifest: Value = serde_json::from_slice(&entries["manifest.json"].3).unwrap();
        let ids = v1_dirs(&manifest);
        // Same v1 ids as the stored archive: the layout does not depend on the layers' encoding.
        let stored_archive = write(&stored, &img);
        assert_eq!(ids, v1_dirs(&serde_json::from_slice(&self::entries(&stored_archive)["manifest.json"].3).unwrap()));
        let config: Value = serde_json::from_slice(&img.config).unwrap();
        let bottom = &entries[&format!("{}/layer.tar", ids[0])].3;
        assert_ne!(&bottom[..2], &[0x1f, 0x8b], "not gzip");
        assert_eq!(&bottom[257..262], b"ustar", "a tar header");
        assert_eq!(format!("sha256:{}", sha256_hex(bottom)), config["rootfs"]["diff_ids"][0].as_str().unwrap());
        assert_eq!(entries[&format!("{}/layer.tar", ids[1])].3, img.blobs[1]);

        // The compressed blob where the plan wants the tar is an error, not a short archive.
        let e = plan.write_all(&|i| img.blobs[i].clone(), &mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("layer 0's blob has"), "{e}");
    }
}
