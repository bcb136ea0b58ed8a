//! Gunzipping layers on the fly for `--uncompressed-layers`: [`Gunzip`] decompresses, counts and hashes a blob fed
//! in chunks with flat memory; [`gunzipped`] turns a blob stream into its tar's stream, checked against the
//! config's diff_id and, on the second read, the size the first one measured.

use std::io::{self, Write};

use bytes::Bytes;
use flate2::write::MultiGzDecoder;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use crate::error::{ExitCode, Failure};
use crate::registry::manifest;

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
        let out = self.take()?;
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
        self.take()
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

    /// What was decompressed since the last call, counted (with a checked addition: a gzip stream's output has
    /// no bound of its own) and hashed.
    fn take(&mut self) -> io::Result<Vec<u8>> {
        let out = std::mem::take(self.decoder.get_mut());
        self.len = self
            .len
            .checked_add(out.len() as u64)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "it decompresses to more than 2^64 bytes"))?;
        self.sha.update(&out);
        Ok(out)
    }
}

fn corrupt_gzip(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("not valid gzip: {e}"))
}

/// True for the layer media types that are gzip-compressed (the others a docker-archive takes are plain tars).
pub fn is_gzip(media_type: &str) -> bool {
    media_type == manifest::DOCKER_LAYER_GZIP || media_type == manifest::OCI_LAYER_GZIP
}

/// What a gunzipped layer must be: the config's diff_id, and on the second pass the size the first one measured.
#[derive(Debug, Clone)]
pub struct LayerCheck {
    pub index: usize,
    pub digest: String,
    pub diff_id: String,
    pub planned: Option<u64>,
}

impl LayerCheck {
    fn which(&self) -> String {
        format!("layer {} (`{}`)", self.index, self.digest)
    }

    /// The second read is checked against the first: a difference is the registry's doing.
    fn again(&self) -> &'static str {
        if self.planned.is_some() {
            " on the second read (the registry served other bytes than on the first)"
        } else {
            ""
        }
    }
}

type BlobStream = std::pin::Pin<Box<dyn futures_core::Stream<Item = anyhow::Result<Bytes>> + Send>>;

struct GunzipState {
    blob: BlobStream,
    gz: Option<Gunzip>,
    chunk: Bytes,
    check: LayerCheck,
}

/// `blob`'s bytes gunzipped, in pieces of at most [`GUNZIP_PIECE_MAX`] bytes, as they arrive. Ends with an
/// error when the blob stream fails, the gzip is corrupt, the tar's sha256 is not `check.diff_id`, or its size is
/// not `check.planned` (bytes beyond the planned size are never yielded).
pub fn gunzipped(
    blob: impl futures_core::Stream<Item = anyhow::Result<Bytes>> + Send + 'static,
    check: LayerCheck,
) -> impl futures_core::Stream<Item = anyhow::Result<Bytes>> + Send + 'static {
    let state = GunzipState { blob: Box::pin(blob), gz: Some(Gunzip::new()), chunk: Bytes::new(), check };
    futures_util::stream::unfold(state, |mut st| async move {
        st.gz.as_ref()?;
        loop {
            let piece = if st.chunk.is_empty() {
                match st.blob.next().await {
                    Some(Ok(chunk)) => {
                        st.chunk = chunk;
                        continue;
                    }
                    Some(Err(e)) => {
                        st.gz = None;
                        return Some((Err(e), st));
                    }
                    None => {
                        // The end of the blob: the gzip must end too, and the whole tar pass the checks.
                        let mut gz = st.gz.take()?;
                        let rest = gz.finish().map_err(|e| st.check.corrupt(e)).and_then(|rest| {
                            st.check.over(&gz)?;
                            st.check.complete(&gz)?;
                            Ok(rest)
                        });
                        return match rest {
                            Ok(rest) if rest.is_empty() => None,
                            other => Some((other.map(Bytes::from), st)),
                        };
                    }
                }
            } else {
                let gz = st.gz.as_mut()?;
                let stepped = gz.step(&st.chunk).map_err(|e| st.check.corrupt(e)).and_then(|(used, out)| {
                    st.check.over(gz)?;
                    Ok((used, out))
                });
                match stepped {
                    Ok((used, out)) => {
                        let _ = st.chunk.split_to(used);
                        out
                    }
                    Err(e) => {
                        st.gz = None;
                        return Some((Err(e), st));
                    }
                }
            };
            if !piece.is_empty() {
                return Some((Ok(Bytes::from(piece)), st));
            }
        }
    })
}

impl LayerCheck {
    /// A gzip error, naming the layer.
    fn corrupt(&self, e: std::io::Error) -> anyhow::Error {
        Failure::new(ExitCode::Failure, format!("{}: {e}", self.which())).into()
    }

    /// More tar bytes than planned: fail before they are yielded.
    fn over(&self, gz: &Gunzip) -> anyhow::Result<()> {
        match self.planned {
            Some(planned) if gz.len() > planned => Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "{} decompresses to more than the {planned} bytes it did the first time{}",
                    self.which(),
                    self.again()
                ),
            )
            .into()),
            _ => Ok(()),
        }
    }

    /// At the end: the planned size, and the diff_id.
    fn complete(&self, gz: &Gunzip) -> anyhow::Result<()> {
        if let Some(planned) = self.planned
            && gz.len() != planned
        {
            return Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "{} decompresses to {} bytes, {planned} the first time{}",
                    self.which(),
                    gz.len(),
                    self.again()
                ),
            )
            .into());
        }
        let actual = gz.diff_id();
        if actual != self.diff_id {
            return Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "{} decompresses to `{actual}`, but the image config's `rootfs.diff_ids[{}]` is `{}`{}",
                    self.which(),
                    self.index,
                    self.diff_id,
                    self.again()
                ),
            )
            .hint("the image in the registry is inconsistent (its layers do not match its config): rebuild and push it")
            .into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tar of `n` bytes of text, its gzip and its diff_id.
    fn layer(n: usize) -> (Vec<u8>, Vec<u8>, String) {
        use std::io::Write;
        let tar: Vec<u8> = (0..n).map(|i| b"berth layer\n"[i % 12]).collect();
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&tar).unwrap();
        let gz = e.finish().unwrap();
        let id = format!("sha256:{:x}", sha2::Sha256::digest(&tar));
        (tar, gz, id)
    }

    fn check(diff_id: &str, planned: Option<u64>) -> LayerCheck {
        LayerCheck { index: 3, digest: "sha256:blob".into(), diff_id: diff_id.into(), planned }
    }

    /// Run `gunzipped` over `gz` arriving in `chunk`-byte pieces: the tar pieces, then the error if any.
    fn run_gunzipped(gz: &[u8], chunk: usize, check: LayerCheck) -> (Vec<Bytes>, Option<anyhow::Error>) {
        let items: Vec<anyhow::Result<Bytes>> = gz.chunks(chunk).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(async {
            let mut s = Box::pin(gunzipped(futures_util::stream::iter(items), check));
            let (mut pieces, mut error) = (Vec::new(), None);
            while let Some(item) = s.next().await {
                match item {
                    Ok(b) => pieces.push(b),
                    Err(e) => {
                        assert!(error.is_none(), "one error at most");
                        error = Some(e);
                    }
                }
            }
            (pieces, error)
        })
    }

    #[test]
    fn the_count_of_decompressed_bytes_is_checked() {
        let (_, gz, _) = layer(10);
        let mut g = Gunzip::new();
        g.len = u64::MAX - 5;
        let mut fed = || -> io::Result<()> {
            let mut rest = &gz[..];
            while !rest.is_empty() {
                rest = &rest[g.step(rest)?.0..];
            }
            g.finish().map(|_| ())
        };
        let e = fed().unwrap_err();
        assert_eq!(e.to_string(), "it decompresses to more than 2^64 bytes");
    }

    #[test]
    fn gunzipped_yields_the_tar_in_bounded_pieces() {
        let (tar, gz, id) = layer(3 << 20);
        for (chunk, planned) in [(1000, None), (gz.len(), Some(tar.len() as u64))] {
            let (pieces, error) = run_gunzipped(&gz, chunk, check(&id, planned));
            assert!(error.is_none(), "{error:?}");
            assert!(pieces.iter().all(|p| !p.is_empty() && p.len() <= GUNZIP_PIECE_MAX));
            assert!(pieces.concat() == tar);
        }
    }

    #[test]
    fn gunzipped_fails_on_the_wrong_diff_id_naming_layer_and_digests() {
        let (_, gz, id) = layer(10_000);
        let wrong = format!("sha256:{}", "0".repeat(64));
        let (_, error) = run_gunzipped(&gz, 512, check(&wrong, None));
        let e = error.expect("a mismatch");
        assert_eq!(crate::error::exit_code(&e), ExitCode::Failure);
        assert_eq!(
            e.to_string(),
            format!(
                "layer 3 (`sha256:blob`) decompresses to `{id}`, but the image config's `rootfs.diff_ids[3]` is `{wrong}`"
            )
        );
        let (_, error) = run_gunzipped(&gz, 512, check(&wrong, Some(10_000)));
        assert!(
            error
                .unwrap()
                .to_string()
                .ends_with("on the second read (the registry served other bytes than on the first)")
        );
    }

    #[test]
    fn gunzipped_on_the_second_read_never_yields_more_than_planned() {
        let (_, gz, id) = layer(300_000);
        let (pieces, error) = run_gunzipped(&gz, gz.len(), check(&id, Some(100_000)));
        let total: usize = pieces.iter().map(Bytes::len).sum();
        assert!(total <= 100_000, "{total} bytes yielded");
        let e = error.expect("too long").to_string();
        assert!(
            e.contains("decompresses to more than the 100000 bytes it did the first time on the second read"),
            "{e}"
        );

        let (_, error) = run_gunzipped(&gz, 4096, check(&id, Some(300_001)));
        let e = error.expect("too short").to_string();
        assert!(e.starts_with("layer 3 (`sha256:blob`) decompresses to 300000 bytes, 300001 the first time"), "{e}");
    }

    #[test]
    fn gunzipped_passes_blob_errors_and_rejects_corrupt_gzip() {
        let (_, gz, id) = layer(50_000);
        let (_, error) = run_gunzipped(&gz[..gz.len() - 10], 1000, check(&id, None));
        let e = error.expect("truncated").to_string();
        assert!(e.starts_with("layer 3 (`sha256:blob`): not valid gzip"), "{e}");
        let (_, error) = run_gunzipped(b"plain tar, not gzip", 7, check(&id, None));
        assert!(error.expect("not gzip").to_string().contains("not valid gzip"));

        let items: Vec<anyhow::Result<Bytes>> =
            vec![Ok(Bytes::copy_from_slice(&gz[..100])), Err(anyhow::anyhow!("the blob broke"))];
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let out: Vec<Result<usize, String>> = rt.block_on(
            gunzipped(futures_util::stream::iter(items), check(&id, None))
                .map(|r| r.map(|b| b.len()).map_err(|e| e.to_string()))
                .collect(),
        );
        assert_eq!(out.last().unwrap(), &Err("the blob broke".to_string()), "{out:?}");
        assert_eq!(out.iter().filter(|r| r.is_err()).count(), 1, "nothing after the error");
    }
}
