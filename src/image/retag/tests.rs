//! The `docker save` pass-through's tests: renaming, verification, and what it refuses.

use super::*;
use std::io::Read;

mod props;

fn sha(data: &[u8]) -> String {
    format!("{:x}", Sha256::digest(data))
}

fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        b.append_data(&mut h, name, *data).unwrap();
    }
    b.into_inner().unwrap()
}

/// How the fixture's entry names are written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Names {
    /// 64-hex v1 ids, as Docker: ustar names.
    Short,
    /// 124-character v1 ids: ustar prefix + name.
    Prefix,
    /// 200-character v1 ids: GNU long-name entries.
    Gnu,
    /// Every name and link target in a PAX extended header, the ustar fields holding a placeholder.
    Pax,
}

struct Saved {
    archive: Vec<u8>,
    id: String,
    diff_ids: Vec<String>,
    layers: Vec<Vec<u8>>,
}

fn saved(names: Names) -> Saved {
    saved_as(names, false)
}

/// An image as a Docker 20.10 engine saves it by ID: v1 folders, the config, a manifest without RepoTags
/// and no `repositories`; the third layer repeats the first, so it is a symlink to it. `by_name`: as saved by
/// `myapp:dev`, with RepoTags and `repositories`.
fn saved_as(names: Names, by_name: bool) -> Saved {
    saved_with(names, by_name, &|_| Vec::new())
}

/// [`saved_as`], with the raw tar bytes `inject(config_name)` after the config's entry, before `manifest.json`.
fn saved_with(names: Names, by_name: bool, inject: &dyn Fn(&str) -> Vec<u8>) -> Saved {
    let layers: Vec<Vec<u8>> = vec![
        tar_of(&[("bin/busybox", &[7u8; 3000][..])]),
        tar_of(&[("etc/motd", b"hello\n")]),
        tar_of(&[("bin/busybox", &[7u8; 3000][..])]),
    ];
    let diff_ids: Vec<String> = layers.iter().map(|l| format!("sha256:{}", sha(l))).collect();
    let config =
        serde_json::json!({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": diff_ids}})
            .to_string();
    let id = sha(config.as_bytes());
    let pad = match names {
        Names::Short | Names::Pax => 0,
        Names::Prefix => 60,
        Names::Gnu => 136,
    };
    let v1: Vec<String> = (0..3).map(|i| format!("{}{i:064x}", "d".repeat(pad))).collect();
    let injected = inject(&format!("{id}.json"));
    let mut b = tar::Builder::new(Vec::new());
    let mut add = |name: &str, data: &[u8], kind: tar::EntryType, link: Option<&str>| {
        if name == "manifest.json" {
            b.get_mut().extend_from_slice(&injected);
        }
        let mut h = tar::Header::new_ustar();
        h.set_mode(if kind == tar::EntryType::Directory { 0o755 } else { 0o644 });
        h.set_mtime(1_700_000_000);
        if names == Names::Pax {
            let records = pax(&[("path", Some(name)), ("linkpath", link)]);
            let mut x = tar::Header::new_ustar();
            x.set_entry_type(tar::EntryType::XHeader);
            x.set_path("PaxHeaders.0/entry").unwrap();
            x.set_size(records.len() as u64);
            x.set_mode(0o644);
            x.set_cksum();
            b.append(&x, &records[..]).unwrap();
            h.set_entry_type(kind);
            h.set_path("placeholder").unwrap();
            if link.is_some() {
                h.set_link_name("placeholder").unwrap();
            }
            h.set_size(data.len() as u64);
            h.set_cksum();
            return b.append(&h, data).unwrap();
        }
        h.set_entry_type(kind);
        h.set_size(data.len() as u64);
        match link {
            Some(l) => b.append_link(&mut h, name, l).unwrap(),
            None => b.append_data(&mut h, name, data).unwrap(),
        }
    };
    for (i, l) in v1.iter().enumerate() {
        add(&format!("{l}/"), b"", tar::EntryType::Directory, None);
        add(&format!("{l}/VERSION"), b"1.0", tar::EntryType::Regular, None);
        add(&format!("{l}/json"), br#"{"id":"x"}"#, tar::EntryType::Regular, None);
        if i == 2 {
            add(&format!("{l}/layer.tar"), b"", tar::EntryType::Symlink, Some(&format!("../{}/layer.tar", v1[0])));
        } else {
            add(&format!("{l}/layer.tar"), &layers[i], tar::EntryType::Regular, None);
        }
    }
    add(&format!("{id}.json"), config.as_bytes(), tar::EntryType::Regular, None);
    let tags = if by_name { serde_json::json!(["myapp:dev"]) } else { Value::Null };
    let manifest = serde_json::json!([{"Config": format!("{id}.json"), "RepoTags": tags,
        "Layers": v1.iter().map(|l| format!("{l}/layer.tar")).collect::<Vec<_>>()}]);
    if by_name {
        add(
            "repositories",
            serde_json::json!({"myapp": {"dev": v1[2]}}).to_string().as_bytes(),
            tar::EntryType::Regular,
            None,
        );
    }
    add("manifest.json", manifest.to_string().as_bytes(), tar::EntryType::Regular, None);
    Saved { archive: b.into_inner().unwrap(), id: format!("sha256:{id}"), diff_ids, layers }
}

/// PAX records `<len> <key>=<value>\n` of the pairs with a value.
fn pax(pairs: &[(&str, Option<&str>)]) -> Vec<u8> {
    let mut records = Vec::new();
    for (k, v) in pairs {
        if let Some(v) = v {
            let body = format!(" {k}={v}\n");
            let mut len = body.len() + 1;
            len += format!("{len}").len() - 1;
            records.extend(format!("{len}{body}").into_bytes());
        }
    }
    records
}

fn expected(s: &Saved, repo_tag: &str) -> Expected {
    Expected { image_id: s.id.clone(), diff_ids: s.diff_ids.clone(), repo_tag: repo_tag.into() }
}

/// Feed `archive` in `chunk`-byte pieces: what was emitted, and the result (the rest, from `finish`).
fn run(archive: &[u8], chunk: usize, exp: Expected) -> (Vec<u8>, anyhow::Result<Vec<u8>>) {
    let mut r = Retag::new(exp);
    let mut sent = Vec::new();
    for c in archive.chunks(chunk) {
        let mut out = Vec::new();
        let pushed = r.push(Bytes::copy_from_slice(c), &mut out);
        for b in out {
            sent.extend_from_slice(&b);
        }
        if let Err(e) = pushed {
            return (sent, Err(e));
        }
    }
    (sent, r.finish())
}

/// (path, type, link target, data) of each entry, as a tar reader sees them.
fn entries(archive: &[u8]) -> Vec<(String, tar::EntryType, Option<String>, Vec<u8>)> {
    let mut out = Vec::new();
    for e in tar::Archive::new(archive).entries().unwrap() {
        let mut e = e.unwrap();
        let path = e.path().unwrap().to_string_lossy().into_owned();
        let kind = e.header().entry_type();
        let link = e.link_name().unwrap().map(|l| l.to_string_lossy().into_owned());
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        out.push((path, kind, link, data));
    }
    out
}

#[test]
fn passes_every_entry_through_and_names_the_image_in_any_chunking() {
    for names in [Names::Short, Names::Prefix, Names::Gnu, Names::Pax] {
        let s = saved(names);
        for chunk in [1, 7, 511, 512, 513, 4096, s.archive.len()] {
            let (mut sent, rest) = run(&s.archive, chunk, expected(&s, "team/app:v2"));
            sent.extend(rest.unwrap_or_else(|e| panic!("{names:?} chunk {chunk}: {e:#}")));
            let before = entries(&s.archive);
            let after = entries(&sent);
            // Every entry but manifest.json as it was, in order; then repositories and manifest.json.
            let kept: Vec<_> = before.iter().filter(|e| e.0 != "manifest.json").cloned().collect();
            assert_eq!(after.len(), kept.len() + 2, "{names:?} chunk {chunk}");
            assert!(after[..kept.len()] == kept[..], "{names:?} chunk {chunk}");
            let names_at_end: Vec<&str> = after[kept.len()..].iter().map(|e| e.0.as_str()).collect();
            assert_eq!(names_at_end, ["repositories", "manifest.json"], "{names:?}");
            let manifest: Value = serde_json::from_slice(&after[after.len() - 1].3).unwrap();
            assert_eq!(manifest[0]["RepoTags"], serde_json::json!(["team/app:v2"]));
            assert_eq!(manifest[0]["Config"], format!("{}.json", &s.id[7..]), "the other keys stay");
            let top = manifest[0]["Layers"][2].as_str().unwrap().strip_suffix("/layer.tar").unwrap();
            let repositories: Value = serde_json::from_slice(&after[after.len() - 2].3).unwrap();
            assert_eq!(repositories, serde_json::json!({"team/app": {"v2": top}}));
            assert!(after.iter().any(|e| e.3 == s.layers[1]));
            assert_eq!(sent.len() % 512, 0);
            assert!(sent.ends_with(&[0u8; 1024]), "the end-of-archive blocks");
        }
    }
}

#[test]
fn the_engines_names_are_replaced() {
    // Saved by name: RepoTags and `repositories` name the local tag; only the new name is left.
    let s = saved_as(Names::Short, true);
    let (mut sent, rest) = run(&s.archive, 1000, expected(&s, "other/name:1"));
    sent.extend(rest.unwrap());
    let after = entries(&sent);
    assert_eq!(
        after.iter().filter(|e| e.0 == "repositories" || e.0 == "manifest.json").count(),
        2,
        "the engine's copies are gone"
    );
    let manifest: Value = serde_json::from_slice(&after[after.len() - 1].3).unwrap();
    assert_eq!(manifest[0]["RepoTags"], serde_json::json!(["other/name:1"]));
    let top = manifest[0]["Layers"][2].as_str().unwrap().strip_suffix("/layer.tar").unwrap();
    let repositories: Value = serde_json::from_slice(&after[after.len() - 2].3).unwrap();
    assert_eq!(repositories, serde_json::json!({"other/name": {"1": top}}));
}

#[test]
fn a_layer_or_config_that_is_not_the_inspected_image_fails_before_the_end() {
    let s = saved(Names::Short);
    let mut wrong = s.diff_ids.clone();
    wrong[1] = format!("sha256:{}", "0".repeat(64));
    let (sent, rest) = run(&s.archive, 4096, Expected { diff_ids: wrong.clone(), ..expected(&s, "a:b") });
    let e = rest.unwrap_err();
    assert_eq!(crate::error::exit_code(&e), ExitCode::Failure);
    assert!(e.to_string().starts_with("layer 1 in the engine's archive (`"), "{e}");
    assert!(
        e.to_string()
            .ends_with(&format!("has the sha256 `{}`, but the image's diff_id 1 is `{}`", s.diff_ids[1], wrong[1])),
        "{e}"
    );
    // What went out has no manifest.json and no end: a reader cannot take it for a whole archive.
    assert!(!sent.ends_with(&[0u8; 1024]));
    assert!(!entries(&sent).iter().any(|e| e.0 == "manifest.json"));

    // The symlinked layer is checked through its link.
    let mut wrong = s.diff_ids.clone();
    wrong[2] = s.diff_ids[1].clone();
    let (_, rest) = run(&s.archive, 4096, Expected { diff_ids: wrong, ..expected(&s, "a:b") });
    assert!(rest.unwrap_err().to_string().starts_with("layer 2 in the engine's archive"));

    let (_, rest) =
        run(&s.archive, 4096, Expected { image_id: format!("sha256:{}", "1".repeat(64)), ..expected(&s, "a:b") });
    assert!(rest.unwrap_err().to_string().contains("not the image ID `sha256:1111"));

    let (_, rest) = run(&s.archive, 4096, Expected { diff_ids: s.diff_ids[..2].to_vec(), ..expected(&s, "a:b") });
    assert_eq!(
        rest.unwrap_err().to_string(),
        "the engine's archive has 3 layers, but the image has 2 (`RootFS.Layers`)"
    );
}

#[test]
fn a_cut_short_or_damaged_archive_fails() {
    let s = saved(Names::Short);
    // Cut anywhere before the end-of-archive block.
    for cut in [0, 100, 512, 3000, s.archive.len() - 1024 - 1] {
        let (_, rest) = run(&s.archive[..cut], 333, expected(&s, "a:b"));
        assert!(rest.is_err(), "cut at {cut}");
    }
    // A flipped bit in a header.
    let mut bad = s.archive.clone();
    bad[10] ^= 1;
    let (sent, rest) = run(&bad, 4096, expected(&s, "a:b"));
    assert_eq!(rest.unwrap_err().to_string(), "the engine's archive has a tar header with a wrong checksum");
    assert!(sent.is_empty());
    // A flipped bit in a layer's data: its sha256 is not its diff_id.
    let at = s.archive.windows(3000).position(|w| w == [7u8; 3000]).unwrap() + 1500;
    let mut bad = s.archive.clone();
    bad[at] ^= 1;
    let (_, rest) = run(&bad, 4096, expected(&s, "a:b"));
    assert!(rest.unwrap_err().to_string().starts_with("layer 0 in the engine's archive"));
    // No manifest.json at all.
    let (_, rest) = run(&tar_of(&[("a", b"b")]), 10, expected(&s, "a:b"));
    assert_eq!(rest.unwrap_err().to_string(), "the engine's archive has no `manifest.json`");
}

#[test]
fn header_fields() {
    use header::{numeric, octal, pax_records};
    assert_eq!(numeric(b"0000644\0"), Some(0o644));
    assert_eq!(numeric(b"   17 \0"), Some(0o17));
    assert_eq!(numeric(b"\0\0\0\0"), Some(0));
    assert_eq!(octal(b" 12\x0034 "), Some(0o12), "the digits up to a NUL, as Go");
    assert_eq!(octal(b"+7"), None, "no sign, as Go");
    let mut big = [0u8; 12];
    big[0] = 0x80;
    big[4..].copy_from_slice(&(9u64 << 30).to_be_bytes());
    assert_eq!(numeric(&big), Some(9 << 30));
    assert_eq!(numeric(&[0xff; 12]), Some(-1), "base-256 is two's complement");
    let mut huge = [0u8; 12];
    huge[0] = 0x80;
    huge[3] = 1;
    assert_eq!(numeric(&huge), None, "beyond 63 bits");
    assert_eq!(numeric(b"12x\0"), None);
    assert_eq!(normalise("./a//b/../c/"), "a/c");
    assert_eq!(normalise("x/../../y"), "y");
    assert_eq!(
        pax_records(b"20 path=a/b/c/d/e/f\n12 size=123\n").unwrap(),
        [("path".into(), "a/b/c/d/e/f".into()), ("size".into(), "123".into())]
    );
    assert!(pax_records(b"99 path=x\n").is_err());
    assert!(pax_records(b"12 size=123\n\0\0\0").is_err(), "no NUL padding, as Go");
    assert!(pax_records(b"9 =empty\n").is_err(), "a key");
    assert!(pax_records(b"11 path=a\0b\n").is_err(), "no NUL in a path");
}

#[test]
fn a_base256_checksum_is_a_wrong_checksum_not_a_panic() {
    // Go reads the checksum as octal only; a first byte of 0x80 once sliced the 8-byte field at [1..0].
    let s = saved(Names::Short);
    let mut bad = s.archive.clone();
    bad[148] = 0x80;
    let (sent, rest) = run(&bad, 4096, expected(&s, "a:b"));
    assert_eq!(rest.unwrap_err().to_string(), "the engine's archive has a tar header with a wrong checksum");
    assert!(sent.is_empty());
    assert_eq!(header::octal(&[0x80; 8]), None);
    assert_eq!(header::numeric(&[0x80; 8]), Some(0x0080_8080_8080_8080));
    assert_eq!(header::numeric(&[0x80]), Some(0));
    assert_eq!(header::numeric(&[]), None);
}

/// One raw ustar entry: header, data, padding (the size field says `size`, whatever `data` holds).
fn raw_entry(name: &str, kind: u8, size: u64, link: Option<&str>, data: &[u8]) -> Vec<u8> {
    let mut h = tar::Header::new_ustar();
    // As given (the tar crate would drop a trailing `/`).
    h.as_mut_bytes()[..name.len()].copy_from_slice(name.as_bytes());
    h.as_mut_bytes()[156] = kind;
    h.set_size(size);
    h.set_mode(0o644);
    if let Some(l) = link {
        h.as_mut_bytes()[157..157 + l.len()].copy_from_slice(l.as_bytes());
    }
    h.set_cksum();
    let mut out = h.as_bytes().to_vec();
    out.extend_from_slice(data);
    out.resize(out.len().next_multiple_of(512), 0);
    out
}

/// A config Docker would read instead of the inspected one.
const EVIL_CONFIG: &[u8] = br#"{"architecture":"amd64","os":"linux","config":{"Cmd":["evil"]}}"#;

#[test]
fn a_header_only_entry_with_a_size_is_refused_as_it_could_hide_entries() {
    // A directory whose "data" is a second config entry: berth skipped it as data, Go reads it as an entry.
    let hide = |config: &str| {
        let hidden = raw_entry(config, b'0', EVIL_CONFIG.len() as u64, None, EVIL_CONFIG);
        raw_entry("cover/", b'5', hidden.len() as u64, None, &hidden)
    };
    let s = saved_with(Names::Short, false, &hide);
    let (sent, rest) = run(&s.archive, 4096, expected(&s, "a:b"));
    let e = rest.unwrap_err().to_string();
    assert_eq!(
        e,
        "the engine's archive has a directory entry `cover/` with a size of 1024 bytes; such entries carry no data"
    );
    assert!(!sent.ends_with(&[0u8; 1024]), "no end-of-archive went out");
    // The same for every header-only type, and for an old-style regular file named with a trailing `/`.
    for (kind, name) in [(b'1', "l"), (b'2', "s"), (b'3', "c"), (b'4', "b"), (b'6', "f"), (0, "old/")] {
        let s = saved_with(Names::Short, false, &|_| raw_entry(name, kind, 512, Some("x"), &[0; 512]));
        let (_, rest) = run(&s.archive, 4096, expected(&s, "a:b"));
        let e = rest.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains(&format!("entry `{name}` with a size of 512 bytes")), "{name}: {e}");
    }
    // Without a size they pass, as `docker save` writes its folders.
    let s = saved_with(Names::Short, false, &|_| raw_entry("empty/", b'5', 0, None, b""));
    assert!(run(&s.archive, 4096, expected(&s, "a:b")).1.is_ok());
}

#[test]
fn the_last_entry_of_a_path_wins_and_a_hard_link_copies_its_target() {
    let evil = |config: &str| {
        let mut out = raw_entry("evil.json", b'0', EVIL_CONFIG.len() as u64, None, EVIL_CONFIG);
        out.extend(raw_entry(config, b'2', 0, Some("evil.json"), b""));
        out
    };
    // The checked config replaced by a symlink to another: Docker reads the other one.
    let s = saved_with(Names::Short, false, &evil);
    let (_, rest) = run(&s.archive, 4096, expected(&s, "a:b"));
    let e = rest.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.starts_with("the image config in the engine's archive (`"), "{e}");
    assert!(e.contains("not the image ID"), "{e}");
    // ... or by a hard link, or a later regular file.
    let hard = |config: &str| {
        let mut out = raw_entry("evil.json", b'0', EVIL_CONFIG.len() as u64, None, EVIL_CONFIG);
        out.extend(raw_entry(config, b'1', 0, Some("evil.json"), b""));
        out
    };
    let again = |config: &str| raw_entry(config, b'0', EVIL_CONFIG.len() as u64, None, EVIL_CONFIG);
    for inject in [&hard as &dyn Fn(&str) -> Vec<u8>, &again] {
        let s = saved_with(Names::Short, false, inject);
        let (_, rest) = run(&s.archive, 4096, expected(&s, "a:b"));
        assert!(rest.err().is_some_and(|e| e.to_string().contains("not the image ID")));
    }
    // A hard link is what its target was when it was made: a later entry of the target's path does not change it.
    let good = entries(&saved(Names::Short).archive).into_iter().find(|e| e.0.ends_with(".json")).unwrap().3;
    let snapshot = |config: &str| {
        let mut out = raw_entry("evil.json", b'0', EVIL_CONFIG.len() as u64, None, EVIL_CONFIG);
        out.extend(raw_entry("copy.json", b'1', 0, Some("evil.json"), b""));
        out.extend(raw_entry("evil.json", b'0', good.len() as u64, None, &good));
        out.extend(raw_entry(config, b'1', 0, Some("copy.json"), b""));
        out
    };
    let s = saved_with(Names::Short, false, &snapshot);
    let (_, rest) = run(&s.archive, 4096, expected(&s, "a:b"));
    assert!(rest.err().is_some_and(|e| e.to_string().contains("not the image ID")));
    // A hard link to nothing before it is refused.
    let dangling = |_: &str| raw_entry("x.json", b'1', 0, Some("later.json"), b"");
    let s = saved_with(Names::Short, false, &dangling);
    let (_, rest) = run(&s.archive, 4096, expected(&s, "a:b"));
    assert_eq!(
        rest.err().map(|e| e.to_string()).unwrap_or_default(),
        "the engine's archive has a hard link `x.json` to `later.json`, which is no file before it"
    );
}

#[test]
fn names_outside_the_archive_or_under_a_link_or_file_are_refused() {
    let refused = |inject: &dyn Fn(&str) -> Vec<u8>| {
        let s = saved_with(Names::Short, false, inject);
        run(&s.archive, 4096, expected(&s, "a:b")).1.err().map(|e| e.to_string()).unwrap_or_default()
    };
    let file = |name: &str| raw_entry(name, b'0', 3, None, b"abc");
    assert_eq!(
        refused(&|_| file("/etc/x")),
        "the engine's archive has a file entry `/etc/x`, which is absolute or has a `..` component"
    );
    assert!(refused(&|_| file("a/../../x")).contains("`a/../../x`, which is absolute or has a `..` component"));
    assert!(refused(&|_| file("a/../x")).contains("has a `..` component"), "even one that stays inside");
    assert!(
        refused(&|_| raw_entry("h", b'1', 0, Some("../x"), b""))
            .starts_with("the engine's archive has a hard link to `../x`")
    );
    // A symbolic link may climb (`docker save` links `../<id>/layer.tar`), but not out of the archive.
    assert_eq!(
        refused(&|_| raw_entry("a/l", b'2', 0, Some("../../x"), b"")),
        "the engine's archive has a symbolic link `a/l` to `../../x`, outside the archive"
    );
    // An entry under a symbolic link would be written where the link points; under a file, nowhere.
    let under_link = |config: &str| {
        let mut out = raw_entry("d", b'2', 0, Some("e"), b"");
        out.extend(raw_entry(&format!("d/{config}"), b'0', 3, None, b"abc"));
        out
    };
    let id = &saved(Names::Short).id[7..];
    assert_eq!(
        refused(&under_link),
        format!(
            "the engine's archive has the entry `d/{id}.json` under `d`, which is a symbolic link in it, not a folder"
        )
    );
    let under_file = |_: &str| {
        let mut out = file("f");
        out.extend(file("f/g"));
        out
    };
    assert!(refused(&under_file).ends_with("under `f`, which is a file in it, not a folder"));
    // A folder replaced by a file (Docker would remove what it holds).
    let over_dir = |_: &str| {
        let mut out = raw_entry("d/", b'5', 0, None, b"");
        out.extend(file("d/x"));
        out.extend(raw_entry("d", b'2', 0, Some("elsewhere"), b""));
        out
    };
    assert_eq!(refused(&over_dir), "the engine's archive has a symbolic link entry `d` in place of a folder");
    // Paths named in manifest.json are taken the same way.
    assert_eq!(inside("a/./b//c", "x").unwrap(), "a/b/c");
    assert!(inside("../a", "x").is_err() && inside("/a", "x").is_err());
    assert_eq!(resolve("a/b/../../c"), Some("c".into()));
    assert_eq!(resolve("a/../../c"), None);
}

/// `entry` with `bytes` written at `at` in its header, and the checksum made right again.
fn patched(mut entry: Vec<u8>, at: usize, bytes: &[u8]) -> Vec<u8> {
    entry[at..at + bytes.len()].copy_from_slice(bytes);
    entry[148..156].fill(b' ');
    let sum: u32 = entry[..512].iter().map(|&b| u32::from(b)).sum();
    entry[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    entry
}

/// What berth's index holds after reading `entries` (and the end of the archive): path -> sha256 of a file, or
/// the error.
fn index_after(entries: &[Vec<u8>]) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut archive = entries.concat();
    archive.resize(archive.len() + 1024, 0);
    let mut r = Retag::new(Expected { image_id: String::new(), diff_ids: vec![], repo_tag: "a:b".into() });
    r.push(Bytes::from(archive), &mut Vec::new()).map_err(|e| e.to_string())?;
    Ok(r.index
        .iter()
        .filter_map(|(p, n)| match n {
            Node::File(h) => Some((p.clone(), h.clone())),
            _ => None,
        })
        .collect())
}

#[test]
fn extension_headers_are_read_as_go_reads_them() {
    let x = |pairs: &[(&str, Option<&str>)]| {
        let records = pax(pairs);
        raw_entry("PaxHeaders/x", b'x', records.len() as u64, None, &records)
    };
    let long = |kind: u8, name: &str| {
        raw_entry("././@LongLink", kind, name.len() as u64 + 1, None, format!("{name}\0").as_bytes())
    };
    let file = |name: &str, data: &[u8]| raw_entry(name, b'0', data.len() as u64, None, data);
    let names =
        |r: Result<std::collections::BTreeMap<String, String>, String>| r.map(|m| m.into_keys().collect::<Vec<_>>());

    // A PAX size is for the next entry, not for a GNU long name between: Go reads the long name's own size.
    let data = [9u8; 1024];
    let mut sized = file("n", &data);
    sized = patched(sized, 124, b"00000000005\0");
    let got = index_after(&[x(&[("size", Some("1024"))]), long(b'L', "long/name"), sized]).unwrap();
    assert_eq!(got.get("long/name"), Some(&sha(&data)), "{got:?}");
    // A second PAX header replaces the first; a GNU long name wins over PAX's path, before or after it.
    assert_eq!(
        names(index_after(&[x(&[("path", Some("a"))]), x(&[("uid", Some("0"))]), file("h", b"1")])),
        Ok(vec!["h".into()])
    );
    assert_eq!(
        names(index_after(&[long(b'L', "gnu"), x(&[("path", Some("pax"))]), file("h", b"1")])),
        Ok(vec!["gnu".into()])
    );
    assert_eq!(
        names(index_after(&[x(&[("path", Some("pax"))]), long(b'L', "gnu"), file("h", b"1")])),
        Ok(vec!["gnu".into()])
    );
    // A global header ends what came before it.
    let g = raw_entry("pax_global_header", b'g', 0, None, b"");
    assert_eq!(names(index_after(&[x(&[("path", Some("a"))]), g, file("h", b"1")])), Ok(vec!["h".into()]));
    // A GNU header has no prefix field: its atime there is not part of the name.
    let gnu = patched(patched(file("plain", b"1"), 257, b"ustar  \0"), 345, b"00000000001\0");
    assert_eq!(names(index_after(&[gnu])), Ok(vec!["plain".into()]));
    let ustar = patched(file("name", b"1"), 345, b"pre\0");
    assert_eq!(names(index_after(&[ustar])), Ok(vec!["pre/name".into()]));

    // What Go refuses, berth refuses.
    let refused = |entries: &[Vec<u8>]| index_after(entries).err().unwrap_or_default();
    assert_eq!(
        refused(&[patched(file("x", b"1"), 0, b"\xff")]),
        "the engine's archive has a tar header whose name is not UTF-8"
    );
    let mut huge = file("x", b"");
    huge = patched(huge, 124, &[0x80, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(refused(&[huge]), "the engine's archive has a tar header with a malformed size");
    assert_eq!(
        refused(&[patched(file("x", b""), 124, &[0xff; 12])]),
        "the engine's archive has a tar header with the negative size -1"
    );
    assert_eq!(
        refused(&[x(&[("size", Some("-5"))]), file("x", b"")]),
        "the engine's archive has a PAX header with the size `-5`"
    );
    assert_eq!(
        refused(&[patched(file("x", b""), 100, b"0x644\0")]),
        "the engine's archive has a tar header with a malformed mode"
    );
    assert!(refused(&[x(&[("GNU.sparse.major", Some("1"))]), file("x", b"")]).contains("sparse file"));
    assert!(refused(&[raw_entry("s", b'S', 0, None, b"")]).contains("a sparse file `s`"));
}
