//! Property tests of the `docker save` pass-through's tar reader: arbitrary bytes, real archives mutated, and
//! streams of arbitrary entries (every entry type, extension headers, names with `..`, links) are passed or
//! refused, never a panic; the bytes held stay bounded; and how the stream is cut into chunks changes nothing.

use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;

/// The most a Retag may hold: two extension entries' worth, the rewritten files, a header block.
const HELD_BOUND: usize = 2 * EXT_MAX + 2 * HELD_MAX as usize + 4 * BLOCK;

/// Real archives as `docker save` writes them, each naming style, by ID and by name.
fn archives() -> &'static Vec<Saved> {
    static ARCHIVES: OnceLock<Vec<Saved>> = OnceLock::new();
    ARCHIVES.get_or_init(|| {
        [Names::Short, Names::Prefix, Names::Gnu, Names::Pax]
            .into_iter()
            .flat_map(|n| [saved_as(n, false), saved_as(n, true)])
            .collect()
    })
}

/// What went out, and how the stream ended: the rewritten end, or the error.
type Fed = (Vec<u8>, Result<Vec<u8>, String>);

/// Feed `data` cut at every `chunk` bytes, checking the bound after each piece: what was emitted, and the result.
fn feed(data: &[u8], chunk: usize, exp: Expected) -> Result<Fed, TestCaseError> {
    let mut r = Retag::new(exp);
    let mut sent = Vec::new();
    for piece in data.chunks(chunk.max(1)) {
        let mut out = Vec::new();
        let pushed = r.push(Bytes::copy_from_slice(piece), &mut out);
        prop_assert!(r.held() <= HELD_BOUND, "holds {} bytes", r.held());
        out.iter().for_each(|b| sent.extend_from_slice(b));
        if let Err(e) = pushed {
            return Ok((sent, Err(e.to_string())));
        }
    }
    Ok((sent, r.finish().map_err(|e| e.to_string())))
}

/// Feed `data` in two chunkings: both must emit the same bytes and end the same way. Returns that.
fn feed_twice(data: &[u8], a: usize, b: usize, exp: &Expected) -> Result<Fed, TestCaseError> {
    let one = feed(data, a, exp.clone())?;
    let two = feed(data, b, exp.clone())?;
    prop_assert!(one.0 == two.0, "chunks of {} and {} emit different bytes", a, b);
    prop_assert_eq!(&one.1, &two.1, "chunks of {} and {}", a, b);
    // Whatever went out is whole blocks and nothing beyond the input but the rewritten end.
    prop_assert!(one.0.len() <= data.len());
    if let Ok(rest) = &one.1 {
        prop_assert!(rest.ends_with(&[0u8; 1024]) && (one.0.len() + rest.len()) % 512 == 0);
    }
    Ok(one)
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    /// A copy of the block at the first index, inserted before the block at the second.
    CopyBlock(usize, usize),
    RemoveBlock(usize),
    /// A number written into a header field (size, mode, checksum, typeflag...) of the block.
    Field(usize, usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let field = prop::sample::select(vec![0usize, 100, 124, 148, 156, 157, 257, 345]);
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(at, x)| Mutation::Flip(at, x)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::CopyBlock(a, b)),
        any::<usize>().prop_map(Mutation::RemoveBlock),
        (any::<usize>(), field, prop::collection::vec(any::<u8>(), 1..12))
            .prop_map(|(b, f, v)| Mutation::Field(b, f, v)),
    ]
}

fn mutate(mut data: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let blocks = data.len() / BLOCK;
    match m {
        Mutation::Flip(at, x) if !data.is_empty() => {
            let i = at % data.len();
            data[i] ^= x;
        }
        Mutation::Truncate(at) => data.truncate(at % (data.len() + 1)),
        Mutation::CopyBlock(a, b) if blocks > 0 => {
            let block = data[a % blocks * BLOCK..][..BLOCK].to_vec();
            let at = b % blocks * BLOCK;
            data.splice(at..at, block);
        }
        Mutation::RemoveBlock(a) if blocks > 0 => {
            let at = a % blocks * BLOCK;
            data.drain(at..at + BLOCK);
        }
        Mutation::Field(b, f, v) if blocks > 0 => {
            let at = b % blocks * BLOCK + f;
            let end = (at + v.len()).min(data.len());
            data[at..end].copy_from_slice(&v[..end - at]);
            // Mostly with the checksum made right again, so the reader goes past it.
            if *f != 148 {
                let block = b % blocks * BLOCK;
                let fixed = patched(data[block..block + BLOCK].to_vec(), 0, &data[block..block + 1]);
                data[block..block + BLOCK].copy_from_slice(&fixed);
            }
        }
        _ => {}
    }
    data
}

/// One entry of an arbitrary stream: its type, name, link target, the size its header says, and its data.
fn entry() -> impl Strategy<Value = Vec<u8>> {
    let kind = prop::sample::select(b"0\x00125367xLKgSV".to_vec());
    let name = prop::collection::vec(
        prop::sample::select(vec!["a", "b", "..", ".", "", "manifest.json", "repositories", "c.json"]),
        1..4,
    )
    .prop_map(|parts| parts.join("/"));
    let size = prop_oneof![Just(None), (0u64..1200).prop_map(Some)];
    let records = prop::collection::vec(
        (prop::sample::select(vec!["path", "linkpath", "size", "uid", "GNU.sparse.x", ""]), "[a-z./0-9-]{0,8}"),
        0..3,
    );
    (kind, name.clone(), name, size, prop::collection::vec(any::<u8>(), 0..1200), records).prop_map(
        |(kind, name, link, size, data, pax_pairs)| {
            let data = match kind {
                b'x' | b'g' => {
                    let pairs: Vec<(&str, Option<&str>)> =
                        pax_pairs.iter().map(|(k, v)| (*k, Some(v.as_str()))).collect();
                    pax(&pairs)
                }
                b'L' | b'K' => format!("{link}\0").into_bytes(),
                _ => data,
            };
            let size = size.unwrap_or(data.len() as u64);
            raw_entry(&name, kind, size, Some(&link), &data[..data.len().min(size as usize)])
        },
    )
}

fn expected_of(s: &Saved) -> Expected {
    expected(s, "team/app:v2")
}

proptest! {
    #[test]
    fn arbitrary_bytes_are_passed_or_refused(data in prop::collection::vec(any::<u8>(), 0..3000), a in 1usize..700, b in 1usize..5000) {
        let _ = feed_twice(&data, a, b, &expected_of(&archives()[0]))?;
    }

    #[test]
    fn mutated_real_archives_are_passed_or_refused(
        which in 0usize..8,
        mutations in prop::collection::vec(mutation(), 1..4),
        a in 1usize..2000,
        b in 1usize..70_000,
    ) {
        let s = &archives()[which];
        let data = mutations.iter().fold(s.archive.clone(), mutate);
        let _ = feed_twice(&data, a, b, &expected_of(s))?;
    }

    #[test]
    fn streams_of_arbitrary_entries_are_passed_or_refused(
        entries in prop::collection::vec(entry(), 0..12),
        end in any::<bool>(),
        a in 1usize..700,
        b in 1usize..9000,
    ) {
        let mut data = entries.concat();
        if end {
            data.resize(data.len() + 1024, 0);
        }
        let _ = feed_twice(&data, a, b, &expected_of(&archives()[0]))?;
    }

    #[test]
    fn real_archives_pass_in_any_chunking(which in 0usize..8, a in 1usize..3000, b in 1usize..70_000) {
        let s = &archives()[which];
        let (_, rest) = feed_twice(&s.archive, a, b, &expected_of(s))?;
        prop_assert!(rest.is_ok(), "{:?}", rest.err());
    }
}
