//! A local engine's `docker save` stream, renamed and verified on its way to Glance.
//!
//! The engine's archive is already what Glance should hold, but for its name: berth exports the image by ID (so
//! that what is uploaded is exactly the image it inspected, whatever happens to its tags meanwhile), and such an
//! archive has no RepoTags and no `repositories` file. [`Retag`] passes the tar through entry by entry, every
//! header and data byte as it arrives, except `manifest.json` and `repositories` (small, held in memory), which
//! it writes at the end with the chosen docker name. It hashes every regular file on the way; at the end the
//! manifest's config must hash to the image ID and its layers to the image's diff_ids, in order (a link is
//! followed: `docker save` writes a layer that repeats an earlier one as a symlink to it). Only then are the
//! rewritten files and the end of the archive emitted, so an archive that fails a check never reaches Glance
//! whole: the caller aborts the upload.
//!
//! The stream is read as Go's `archive/tar` reads it ([`header`]), since that is how `docker load` will read it:
//! ustar headers, PAX extended headers (`x`, `g`), GNU long names (`L`, `K`), base-256 sizes; header-only entries
//! carry no data. Paths are indexed as Docker's extraction lays them out (the last entry of a path wins), and what
//! either would read differently from berth is refused, so the files berth checks are the files Docker loads.

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

mod header;

use super::archive::{self, BLOCK, EntryKind};
use crate::error::{ExitCode, Failure};

/// What the archive must contain, and the name it gets.
#[derive(Debug, Clone)]
pub struct Expected {
    /// The image ID, `sha256:<hex>`: the sha256 of its config file.
    pub image_id: String,
    /// The layers' diff_ids (`RootFS.Layers`), bottom first: the sha256 of each `layer.tar`.
    pub diff_ids: Vec<String>,
    /// The docker name it loads as (`repo:tag`): its only RepoTag.
    pub repo_tag: String,
}

/// `manifest.json` and `repositories` are held; anything this large is not what `docker save` writes.
const HELD_MAX: u64 = 1 << 20;
/// Extension entries (PAX headers, GNU long names) are held until the entry they describe: bounded too.
const EXT_MAX: usize = 1 << 20;
/// Links followed to reach a file, at most (a loop is an error).
const LINKS_MAX: usize = 16;
/// The entry types that are a header alone (Go's `isHeaderOnlyType`): hard link, symlink, character and block
/// device, directory, fifo.
const HEADER_ONLY: &[u8] = b"123456";

/// An entry type, for messages.
fn kind_name(kind: u8) -> &'static str {
    match kind {
        b'1' => "hard link",
        b'2' => "symbolic link",
        b'3' => "character device",
        b'4' => "block device",
        b'5' => "directory",
        b'6' => "fifo",
        _ => "file",
    }
}

/// The pass-through: feed it the engine's bytes with [`Retag::push`], then [`Retag::finish`].
pub struct Retag {
    expected: Expected,
    /// A header block being assembled across chunks.
    block: Vec<u8>,
    state: State,
    /// Extension entries (header, data, padding) before the next entry, not yet emitted.
    ext: Vec<u8>,
    fields: Fields,
    /// What each normalised path is once Docker has extracted the archive so far: the last entry of a path wins.
    index: HashMap<String, Node>,
    manifest: Option<Vec<u8>>,
    repositories: Option<Vec<u8>>,
}

/// What a path is in the extracted archive.
#[derive(Debug, Clone)]
enum Node {
    /// A regular file, with its sha256 (hex).
    File(String),
    /// A symbolic link to this normalised path (followed when read, as Docker reads it).
    Symlink(String),
    Dir,
    /// A device, a fifo, an entry type Docker does not extract.
    Other,
}

impl Node {
    fn what(&self) -> &'static str {
        match self {
            Node::File(_) => "file",
            Node::Symlink(_) => "symbolic link",
            Node::Dir => "folder",
            Node::Other => "special file",
        }
    }
}

/// What extension entries said about the next entry, kept as Go keeps them: the records of the last PAX header
/// (a second one replaces the first), and GNU long names, which win over PAX's.
#[derive(Debug, Default)]
struct Fields {
    path: Option<String>,
    linkpath: Option<String>,
    size: Option<u64>,
    gnu_path: Option<String>,
    gnu_linkpath: Option<String>,
}

enum State {
    Header,
    /// An entry's data (`left` bytes) and then its padding (`pad` bytes).
    Data {
        left: u64,
        pad: usize,
        sink: Sink,
    },
    /// After the end-of-archive block: the rest is ignored.
    End,
}

enum Sink {
    /// Passed through; a regular file's bytes are hashed under its path.
    Pass(Option<(String, Sha256)>),
    /// `manifest.json` or `repositories`: kept, not emitted.
    Hold(String, Vec<u8>),
    /// An extension entry's data, appended to `ext` from `start`; parsed at its end.
    Ext { kind: u8, start: usize, size: usize },
}

fn broken(message: impl Into<String>) -> anyhow::Error {
    Failure::new(ExitCode::Failure, message)
        .hint("the engine's `docker save` did not give the image `docker image inspect` describes: its image store may be damaged")
        .into()
}

impl Retag {
    /// The bytes it holds (a header being assembled, extension entries, the files it rewrites): bounded whatever
    /// the stream, which the property tests check.
    #[cfg(test)]
    fn held(&self) -> usize {
        let sink = match &self.state {
            State::Data { sink: Sink::Hold(_, data), .. } => data.len(),
            _ => 0,
        };
        self.block.len()
            + self.ext.len()
            + sink
            + self.manifest.as_ref().map_or(0, Vec::len)
            + self.repositories.as_ref().map_or(0, Vec::len)
    }

    pub fn new(expected: Expected) -> Retag {
        Retag {
            expected,
            block: Vec::with_capacity(BLOCK),
            state: State::Header,
            ext: Vec::new(),
            fields: Fields::default(),
            index: HashMap::new(),
            manifest: None,
            repositories: None,
        }
    }

    /// Take the next bytes of the engine's archive; what may go on to Glance is appended to `out` (data as
    /// slices of `chunk`, no copy). An error means the archive is not a valid tar.
    pub fn push(&mut self, mut chunk: Bytes, out: &mut Vec<Bytes>) -> anyhow::Result<()> {
        while !chunk.is_empty() {
            match &mut self.state {
                State::End => return Ok(()),
                State::Header => {
                    let take = (BLOCK - self.block.len()).min(chunk.len());
                    self.block.extend_from_slice(&chunk.split_to(take));
                    if self.block.len() == BLOCK {
                        let block = std::mem::replace(&mut self.block, Vec::with_capacity(BLOCK));
                        self.header(block, out)?;
                    }
                }
                State::Data { left, pad, sink } => {
                    if *left > 0 {
                        let piece = chunk.split_to((*left).min(chunk.len() as u64) as usize);
                        *left -= piece.len() as u64;
                        match sink {
                            Sink::Pass(file) => {
                                if let Some((_, hash)) = file {
                                    hash.update(&piece);
                                }
                                out.push(piece);
                            }
                            Sink::Hold(_, data) => data.extend_from_slice(&piece),
                            Sink::Ext { .. } => self.ext.extend_from_slice(&piece),
                        }
                    } else {
                        let piece = chunk.split_to((*pad).min(chunk.len()));
                        *pad -= piece.len();
                        match sink {
                            Sink::Pass(_) => out.push(piece),
                            Sink::Hold(..) => {}
                            Sink::Ext { .. } => self.ext.extend_from_slice(&piece),
                        }
                    }
                    if *left == 0 && *pad == 0 {
                        self.end_entry()?;
                    }
                }
            }
        }
        Ok(())
    }

    /// One header block: where its entry's bytes go.
    fn header(&mut self, block: Vec<u8>, out: &mut Vec<Bytes>) -> anyhow::Result<()> {
        if block.iter().all(|&b| b == 0) {
            // The end of the archive (Go writes two zero blocks; the first is enough).
            self.state = State::End;
            return Ok(());
        }
        let h = header::parse(&block).map_err(|e| broken(format!("the engine's archive has a tar header {e}")))?;
        if b"xLKg".contains(&h.kind) {
            return self.extension(h, block, out);
        }
        let fields = std::mem::take(&mut self.fields);
        let size = fields.size.unwrap_or(h.size);
        let name = fields.gnu_path.or(fields.path).unwrap_or(h.name);
        let target = fields.gnu_linkpath.or(fields.linkpath).unwrap_or(h.linkname);
        // Go reads an old-style regular file whose name ends in `/` as a directory.
        let kind = if h.kind == 0 && name.ends_with('/') { b'5' } else { h.kind };
        if kind == b'S' {
            // Go reads old GNU sparse headers' extension blocks and map: the data is not `size` plain bytes.
            return Err(broken(format!(
                "the engine's archive has a sparse file `{name}`, which `docker save` does not write"
            )));
        }
        if HEADER_ONLY.contains(&kind) && size != 0 {
            // Go's reader (and so `docker load`) gives these entries no data whatever their size says: the bytes
            // berth would skip as their data are entries to Docker, which berth would never have checked.
            return Err(broken(format!(
                "the engine's archive has a {} entry `{name}` with a size of {size} bytes; such entries carry no data",
                kind_name(kind)
            )));
        }
        let path = self.place(kind, &name)?;
        let sink = match kind {
            b'0' | 0 | b'7' if path == "manifest.json" || path == "repositories" => {
                if size > HELD_MAX {
                    return Err(broken(format!("the engine's archive has a `{path}` of {size} bytes")));
                }
                // Rewritten at the end: its own extension entries go with it.
                self.ext.clear();
                Sink::Hold(path, Vec::with_capacity(size as usize))
            }
            _ => {
                self.note(kind, &path, target)?;
                if !self.ext.is_empty() {
                    out.push(Bytes::from(std::mem::take(&mut self.ext)));
                }
                out.push(Bytes::from(block));
                let file = matches!(kind, b'0' | 0 | b'7').then(|| (path, Sha256::new()));
                Sink::Pass(file)
            }
        };
        self.start(size, sink)
    }

    /// An entry's data goes to `sink`.
    fn start(&mut self, size: u64, sink: Sink) -> anyhow::Result<()> {
        self.state = State::Data { left: size, pad: archive::padding(size), sink };
        if size == 0 {
            self.end_entry()?;
        }
        Ok(())
    }

    /// An extension header (PAX `x`, GNU long names `L` and `K`): held with its data until the entry it
    /// describes; its size is its own (PAX records apply to the next entry only). A PAX global header (`g`)
    /// passes through as its own entry, which ends what extension headers said (Go returns it as an entry;
    /// Docker ignores it).
    fn extension(&mut self, h: header::Header, block: Vec<u8>, out: &mut Vec<Bytes>) -> anyhow::Result<()> {
        if h.kind == b'g' {
            self.fields = Fields::default();
            if !self.ext.is_empty() {
                out.push(Bytes::from(std::mem::take(&mut self.ext)));
            }
            out.push(Bytes::from(block));
            return self.start(h.size, Sink::Pass(None));
        }
        if h.size > EXT_MAX as u64 || self.ext.len() > EXT_MAX {
            return Err(broken(format!("the engine's archive has a tar extension header of {} bytes", h.size)));
        }
        self.ext.extend_from_slice(&block);
        let sink = Sink::Ext { kind: h.kind, start: self.ext.len(), size: h.size as usize };
        self.start(h.size, sink)
    }

    fn end_entry(&mut self) -> anyhow::Result<()> {
        match std::mem::replace(&mut self.state, State::Header) {
            State::Data { sink: Sink::Pass(Some((path, hash))), .. } => {
                self.index.insert(path, Node::File(format!("{:x}", hash.finalize())));
            }
            State::Data { sink: Sink::Hold(path, data), .. } => {
                if path == "manifest.json" {
                    self.manifest = Some(data);
                } else {
                    self.repositories = Some(data);
                }
            }
            State::Data { sink: Sink::Ext { kind, start, size }, .. } => {
                let data = &self.ext[start..start + size];
                let long = || {
                    header::text(data)
                        .ok_or_else(|| broken("the engine's archive has a GNU long name that is not UTF-8"))
                };
                match kind {
                    b'L' => self.fields.gnu_path = Some(long()?),
                    b'K' => self.fields.gnu_linkpath = Some(long()?),
                    _ => {
                        let records = header::pax_records(data)
                            .map_err(|e| broken(format!("the engine's archive has a PAX header {e}")))?;
                        // A PAX header replaces what an earlier one said, as in Go.
                        (self.fields.path, self.fields.linkpath, self.fields.size) = (None, None, None);
                        for (key, value) in records {
                            match key.as_str() {
                                "path" => self.fields.path = Some(value),
                                "linkpath" => self.fields.linkpath = Some(value),
                                "size" => self.fields.size = Some(pax_size(&value)?),
                                _ => {}
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The end of the engine's archive: check the config and the layers, and return the rest of the archive to
    /// send (`repositories` and `manifest.json` with the new name, then the end-of-archive blocks).
    pub fn finish(self) -> anyhow::Result<Vec<u8>> {
        if !matches!(self.state, State::End) {
            return Err(broken("the engine's archive ended before its end-of-archive block (it was cut short)"));
        }
        let Some(manifest) = &self.manifest else {
            return Err(broken("the engine's archive has no `manifest.json`"));
        };
        let mut manifest: Value = serde_json::from_slice(manifest)
            .map_err(|e| broken(format!("the engine's `manifest.json` is not valid JSON: {e}")))?;
        let entry = match manifest.as_array_mut().map(|a| a.as_mut_slice()) {
            Some([one]) if one.is_object() => one,
            _ => return Err(broken("the engine's `manifest.json` does not describe exactly one image")),
        };
        let config = entry.get("Config").and_then(Value::as_str).unwrap_or_default();
        let want = self.expected.image_id.strip_prefix("sha256:").unwrap_or(&self.expected.image_id);
        let actual = self.hash_of(config)?;
        if actual != want {
            return Err(broken(format!(
                "the image config in the engine's archive (`{config}`) has the sha256 `{actual}`, not the image ID `{}`",
                self.expected.image_id
            )));
        }
        let layers: Vec<&str> =
            entry.get("Layers").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        if layers.len() != self.expected.diff_ids.len() {
            return Err(broken(format!(
                "the engine's archive has {} layers, but the image has {} (`RootFS.Layers`)",
                layers.len(),
                self.expected.diff_ids.len()
            )));
        }
        for (i, (layer, diff_id)) in layers.iter().zip(&self.expected.diff_ids).enumerate() {
            let actual = self.hash_of(layer)?;
            if Some(actual) != diff_id.strip_prefix("sha256:") {
                return Err(broken(format!(
                    "layer {i} in the engine's archive (`{layer}`) has the sha256 `sha256:{actual}`, but the image's diff_id {i} is `{diff_id}`"
                )));
            }
        }
        // The top layer's v1 folder, for `repositories` (Docker < 25 layouts: `<v1id>/layer.tar`).
        let top = layers.last().and_then(|l| l.strip_suffix("/layer.tar")).map(normalise).filter(|t| !t.contains('/'));
        let top = self.previous_top().or(top);
        let repo_tag = self.expected.repo_tag.clone();
        entry["RepoTags"] = Value::from(vec![repo_tag.clone()]);

        let mut rest = Vec::new();
        if let Some(top) = top {
            let mut repositories = Map::new();
            for (repo, tags) in archive::repositories_map(std::slice::from_ref(&repo_tag))? {
                repositories
                    .insert(repo, Value::Object(tags.into_iter().map(|t| (t, Value::from(top.clone()))).collect()));
            }
            file(&mut rest, "repositories", Value::Object(repositories).to_string().as_bytes());
        }
        file(&mut rest, "manifest.json", manifest.to_string().as_bytes());
        rest.resize(rest.len() + 2 * BLOCK, 0);
        Ok(rest)
    }

    /// The top layer's v1 id as the engine's own `repositories` named it (an image exported by name).
    fn previous_top(&self) -> Option<String> {
        let doc: Value = serde_json::from_slice(self.repositories.as_deref()?).ok()?;
        doc.as_object()?
            .values()
            .filter_map(Value::as_object)
            .flat_map(|tags| tags.values())
            .find_map(Value::as_str)
            .map(str::to_string)
    }

    /// The sha256 (hex) of the file at `path`, symbolic links followed.
    fn hash_of(&self, path: &str) -> anyhow::Result<&str> {
        let mut at = inside(path, "a `manifest.json` that names")?;
        for _ in 0..LINKS_MAX {
            match self.index.get(&at) {
                Some(Node::File(hash)) => return Ok(hash),
                Some(Node::Symlink(next)) => at = next.clone(),
                _ => break,
            }
        }
        Err(broken(format!("the engine's `manifest.json` names `{path}`, which is not a file in its archive")))
    }

    /// Where the entry `name` (of type `kind`) lands, as its normalised path: inside the archive's folder, under
    /// folders only (not under a symbolic link or a file, which Docker would follow or fail on), and not in place
    /// of a folder (which Docker would remove with what it holds).
    fn place(&self, kind: u8, name: &str) -> anyhow::Result<String> {
        let path = inside(name, &format!("a {} entry", kind_name(kind)))?;
        if path.is_empty() && kind != b'5' {
            return Err(broken(format!("the engine's archive has a {} entry `{name}` at its root", kind_name(kind))));
        }
        for (i, _) in path.match_indices('/') {
            let up = &path[..i];
            if let Some(node) = self.index.get(up).filter(|n| !matches!(n, Node::Dir)) {
                return Err(broken(format!(
                    "the engine's archive has the entry `{name}` under `{up}`, which is a {} in it, not a folder",
                    node.what()
                )));
            }
        }
        if kind != b'5' && matches!(self.index.get(&path), Some(Node::Dir)) {
            return Err(broken(format!(
                "the engine's archive has a {} entry `{name}` in place of a folder",
                kind_name(kind)
            )));
        }
        Ok(path)
    }

    /// A header-only entry at `path` (a regular file is noted at its end, with its hash), as Docker extracts it:
    /// it replaces what was there. A hard link is a copy of what its target is at that point (a later entry of
    /// the target's path does not change it); a symbolic link is followed when read. `target`: the link's.
    fn note(&mut self, kind: u8, path: &str, target: String) -> anyhow::Result<()> {
        let node = match kind {
            b'0' | 0 | b'7' => return Ok(()),
            // Docker ignores PAX global headers.
            b'g' => return Ok(()),
            b'1' => match self.index.get(&inside(&target, "a hard link to")?) {
                Some(node @ (Node::File(_) | Node::Symlink(_))) => node.clone(),
                _ => {
                    return Err(broken(format!(
                        "the engine's archive has a hard link `{path}` to `{target}`, which is no file before it"
                    )));
                }
            },
            b'2' => {
                // An absolute target is taken inside the archive's folder, as Docker follows links in scope; a
                // relative one that climbs out of it fails Docker's extraction.
                let from = if target.starts_with('/') { "" } else { parent(path) };
                let Some(to) = resolve(&format!("{from}/{target}")) else {
                    return Err(broken(format!(
                        "the engine's archive has a symbolic link `{path}` to `{target}`, outside the archive"
                    )));
                };
                Node::Symlink(to)
            }
            b'5' => Node::Dir,
            _ => Node::Other,
        };
        self.index.insert(path.to_string(), node);
        Ok(())
    }
}

/// A file entry of the rewritten end: header, data, padding.
fn file(out: &mut Vec<u8>, name: &str, data: &[u8]) {
    out.extend_from_slice(&archive::header(name, data.len() as u64, EntryKind::File));
    out.extend_from_slice(data);
    out.resize(out.len() + archive::padding(data.len() as u64), 0);
}

/// A PAX `size` record: a decimal that fits Go's int64, not negative.
fn pax_size(value: &str) -> anyhow::Result<u64> {
    value
        .parse::<i64>()
        .ok()
        .and_then(|v| u64::try_from(v).ok())
        .ok_or_else(|| broken(format!("the engine's archive has a PAX header with the size `{value}`")))
}

/// `name` (an entry's, a hard link's target, a path in `manifest.json`) as a normalised path inside the archive;
/// absolute names and `..` are refused: Docker's extraction refuses what would land outside its folder.
fn inside(name: &str, what: &str) -> anyhow::Result<String> {
    if name.starts_with('/') || name.split('/').any(|s| s == "..") {
        return Err(broken(format!(
            "the engine's archive has {what} `{name}`, which is absolute or has a `..` component"
        )));
    }
    Ok(normalise(name))
}

/// `a/b/../c` -> `a/c`; `None` when a `..` climbs above the root.
fn resolve(p: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// `./a//b/../c/` -> `a/c`: paths as the archive's readers compare them.
fn normalise(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn parent(p: &str) -> &str {
    p.rfind('/').map_or("", |i| &p[..i])
}

#[cfg(test)]
mod tests;
