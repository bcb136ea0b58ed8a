//! The archive writer's tests: layout, segments, determinism, tar headers, gunzip.

use super::tar::USTAR_SIZE_MAX;
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
    for entry in ::tar::Archive::new(archive).entries().unwrap() {
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

    let mut expected: Vec<String> = vec![format!("{config_hex}.json"), "manifest.json".into(), "repositories".into()];
    for id in &v1ids {
        expected.extend([format!("{id}/"), format!("{id}/VERSION"), format!("{id}/json"), format!("{id}/layer.tar")]);
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

fn parsed(h: &[u8; BLOCK]) -> ::tar::Header {
    let header = ::tar::Header::from_byte_slice(h).clone();
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

#[test]
fn layer_sizes_beyond_a_u64_are_an_error_not_an_overflow() {
    // The sizes come from a registry's manifest: they may add up to more than a u64 holds.
    let img = two_layers();
    for sizes in [[u64::MAX, 1], [u64::MAX / 2 + 1, u64::MAX / 2 + 1], [u64::MAX - 600, 0]] {
        let mut layers = img.layers.clone();
        layers[0].size = sizes[0];
        layers[1].size = sizes[1];
        let e = Plan::new(&img.config, &img.config_digest, &layers, &["big:1".into()]).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "the archive of image `{}` would be longer than 2^64 bytes: its layers' sizes are {}, {}",
                img.config_digest, sizes[0], sizes[1]
            )
        );
    }
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
    let mut builder = ::tar::Builder::new(Vec::new());
    for (path, data) in files {
        let mut h = ::tar::Header::new_ustar();
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
