//! The tar bytes of berth's archives: POSIX ustar headers (GNU base-256 for sizes of 8 GiB and more), padding to
//! 512-byte blocks, and a builder that collects headers and small files into segments between the layers.

use super::Segment;

pub(crate) const BLOCK: usize = 512;
/// The largest size the 11 octal digits of a ustar header hold (8 GiB - 1); larger ones use base-256.
pub(super) const USTAR_SIZE_MAX: u64 = 0o777_7777_7777;

/// Collects the archive into segments, tracking its length. The layers' sizes come from a registry's manifest:
/// the length is counted with checked additions, and `None` once it no longer fits a u64.
pub(super) struct TarBuilder {
    segments: Vec<Segment>,
    bytes: Vec<u8>,
    len: Option<u64>,
}

impl Default for TarBuilder {
    fn default() -> Self {
        TarBuilder { segments: Vec::new(), bytes: Vec::new(), len: Some(0) }
    }
}

impl TarBuilder {
    pub(super) fn file(&mut self, name: &str, data: &[u8]) {
        self.bytes.extend_from_slice(&header(name, data.len() as u64, EntryKind::File));
        self.bytes.extend_from_slice(data);
        self.bytes.resize(self.bytes.len() + padding(data.len() as u64), 0);
    }

    pub(super) fn dir(&mut self, name: &str) {
        self.bytes.extend_from_slice(&header(name, 0, EntryKind::Dir));
    }

    pub(super) fn blob(&mut self, name: &str, layer: usize, size: u64) {
        self.bytes.extend_from_slice(&header(name, size, EntryKind::File));
        self.flush();
        self.segments.push(Segment::Blob { layer, size });
        self.len = self.len.and_then(|len| len.checked_add(size));
        self.bytes.resize(padding(size), 0);
    }

    fn flush(&mut self) {
        if !self.bytes.is_empty() {
            self.len = self.len.and_then(|len| len.checked_add(self.bytes.len() as u64));
            self.segments.push(Segment::Bytes(std::mem::take(&mut self.bytes)));
        }
    }

    /// The segments and the archive's length; `None` when it is beyond a u64.
    pub(super) fn finish(mut self) -> (Vec<Segment>, Option<u64>) {
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
