//! Tar headers as Go's `archive/tar` reads them (the reader `docker load` extracts with): the formats it tells
//! apart by magic (V7, USTAR/PAX, GNU, STAR), octal and base-256 numbers, PAX records and the names they give.
//! Where berth and Docker would read one stream as different entries, berth could check one file and Docker
//! load another: so what Go refuses, berth refuses, and what Go reads, berth reads the same way.

/// One header block, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Header {
    pub kind: u8,
    /// `prefix/name` for USTAR, PAX and STAR headers, `name` for the others (a GNU header has no prefix field).
    pub name: String,
    pub linkname: String,
    pub size: u64,
}

/// The ustar magic (USTAR, PAX and STAR headers), and GNU's magic and version.
const MAGIC_USTAR: &[u8] = b"ustar\0";
const MAGIC_GNU: &[u8] = b"ustar ";
const VERSION_GNU: &[u8] = b" \0";
const TRAILER_STAR: &[u8] = b"tar\0";

/// Read a header block that is not all zeros (the end of the archive). The error completes "a tar header ...".
pub(super) fn parse(block: &[u8]) -> Result<Header, String> {
    let block: &[u8; 512] = block.try_into().map_err(|_| "that is not 512 bytes".to_string())?;
    let stored = octal(&block[148..156]).ok_or("with a wrong checksum")?;
    let (unsigned, signed) = sums(block);
    if stored as i64 != unsigned && stored as i64 != signed {
        return Err("with a wrong checksum".into());
    }
    let (magic, version) = (&block[257..263], &block[263..265]);
    let star = magic == MAGIC_USTAR && &block[508..512] == TRAILER_STAR;
    let ustar = magic == MAGIC_USTAR;
    let gnu = magic == MAGIC_GNU && version == VERSION_GNU;
    // Go fails a header whose numbers do not parse, not only its size.
    let mut numbers = vec![(100..108, "mode"), (108..116, "uid"), (116..124, "gid"), (136..148, "mtime")];
    if ustar || gnu {
        numbers.extend([(329..337, "devmajor"), (337..345, "devminor")]);
    }
    if star {
        numbers.extend([(476..488, "atime"), (488..500, "ctime")]);
    }
    for (range, what) in numbers {
        numeric(&block[range]).ok_or_else(|| format!("with a malformed {what}"))?;
    }
    let size = numeric(&block[124..136]).ok_or("with a malformed size")?;
    let size = u64::try_from(size).map_err(|_| format!("with the negative size {size}"))?;
    let mut name = text(&block[..100]).ok_or("whose name is not UTF-8")?;
    let prefix = match (star, ustar) {
        (true, _) => text(&block[345..476]),
        (false, true) => text(&block[345..500]),
        _ => Some(String::new()),
    }
    .ok_or("whose name prefix is not UTF-8")?;
    if !prefix.is_empty() {
        name = format!("{prefix}/{name}");
    }
    let linkname = text(&block[157..257]).ok_or("whose link target is not UTF-8")?;
    Ok(Header { kind: block[156], name, linkname, size })
}

/// The header's checksums: the sum of its bytes with the checksum field as spaces, unsigned and signed.
fn sums(block: &[u8; 512]) -> (i64, i64) {
    let mut unsigned = 0i64;
    let mut signed = 0i64;
    for (i, &b) in block.iter().enumerate() {
        let b = if (148..156).contains(&i) { b' ' } else { b };
        unsigned += i64::from(b);
        signed += i64::from(b as i8);
    }
    (unsigned, signed)
}

/// A numeric field (Go's `parseNumeric`): base-256 two's complement when the first byte has the high bit,
/// else octal. `None` where Go fails: a malformed octal number, or a base-256 one beyond 63 bits.
pub(super) fn numeric(field: &[u8]) -> Option<i64> {
    let first = *field.first()?;
    if first & 0x80 == 0 {
        return octal(field).and_then(|v| i64::try_from(v).ok());
    }
    let inv = if first & 0x40 != 0 { 0xff } else { 0 };
    let mut x: u64 = 0;
    for (i, &c) in field.iter().enumerate() {
        let mut c = c ^ inv;
        if i == 0 {
            c &= 0x7f;
        }
        if x >> 56 > 0 {
            return None;
        }
        x = x << 8 | u64::from(c);
    }
    let x = i64::try_from(x).ok()?;
    Some(if inv == 0xff { !x } else { x })
}

/// An octal field (Go's `parseOctal`): spaces and NULs trimmed from both ends, then the digits up to a NUL;
/// empty is 0.
pub(super) fn octal(field: &[u8]) -> Option<u64> {
    let start = field.iter().position(|&b| b != b' ' && b != 0).unwrap_or(field.len());
    let end = field.iter().rposition(|&b| b != b' ' && b != 0).map_or(start, |e| e + 1);
    let digits = &field[start..end];
    let digits = &digits[..digits.iter().position(|&b| b == 0).unwrap_or(digits.len())];
    if digits.is_empty() {
        return Some(0);
    }
    if !digits.iter().all(|b| (b'0'..=b'7').contains(b)) {
        return None;
    }
    u64::from_str_radix(std::str::from_utf8(digits).ok()?, 8).ok()
}

/// The bytes up to the first NUL, when they are UTF-8: names that are not would have to be changed (lossily) to
/// be compared, and two different names would then look the same to berth and not to Docker.
pub(super) fn text(b: &[u8]) -> Option<String> {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf8(b[..end].to_vec()).ok()
}

/// PAX records `<len> <key>=<value>\n`, each `len` bytes long, as Go's `parsePAX` reads them (no NUL padding,
/// keys without `=`, no NUL in path names). The error completes "a PAX header ...".
pub(super) fn pax_records(mut data: &[u8]) -> Result<Vec<(String, String)>, String> {
    let bad = || "that is malformed".to_string();
    let mut out = Vec::new();
    while !data.is_empty() {
        let space = data.iter().position(|&b| b == b' ').ok_or_else(bad)?;
        let len: usize = std::str::from_utf8(&data[..space]).ok().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
        if len < 5 || len <= space + 1 || len > data.len() || data[len - 1] != b'\n' {
            return Err(bad());
        }
        let record = std::str::from_utf8(&data[space + 1..len - 1]).map_err(|_| "that is not UTF-8".to_string())?;
        let (k, v) = record.split_once('=').ok_or_else(bad)?;
        let nul_free =
            !k.contains('\0') && (!matches!(k, "path" | "linkpath" | "uname" | "gname") || !v.contains('\0'));
        if k.is_empty() || !nul_free {
            return Err(bad());
        }
        if k.starts_with("GNU.sparse.") {
            // Go reads such a file's data as a sparse map and holes: other bytes than those berth would hash.
            return Err("with a sparse file, which `docker save` does not write".into());
        }
        out.push((k.to_string(), v.to_string()));
        data = &data[len..];
    }
    Ok(out)
}
