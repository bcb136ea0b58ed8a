//! `berth image sync --from-daemon`: images built in the dev environment's real Docker engine (never pushed),
//! streamed into its real Glance, then proven bootable the nova-docker way: download the Glance data, remove the
//! local tag, `docker load` it, find it under the Glance name, run it. Faults the engine cannot produce on demand
//! (bytes spoiled or slowed on the way) go through `tests/tools/faultproxy.py` in front of the real engine.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use crate::common::{
    Berth, FaultProxy, Out, demo, demo_with, dev, docker, docker_ok, download, glance_images, show, unique,
};
use serde_json::Value;
use sha2::Digest;

/// berth (demo user) talking to the dev engine.
fn berth() -> Berth {
    demo().env("DOCKER_HOST", &dev("BERTH_DEV_DOCKER_HOST"))
}

fn sync(b: &Berth, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["image", "sync", "--from-daemon", "-o", "json"];
    a.extend_from_slice(args);
    b.run(&a).ok().json().as_array().unwrap().clone()
}

/// Local images a test made, removed from the engine when it ends (pass or fail).
struct Local {
    tags: Vec<String>,
}

impl Drop for Local {
    fn drop(&mut self) {
        for t in &self.tags {
            docker(&["rmi", "-f", t]);
        }
    }
}

/// Build `tag` in the engine, as a developer would (`docker build`, no registry): busybox and a file with
/// `stamp`; it runs `cat /stamp`. Returns the image ID.
fn build(tag: &str, stamp: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("rootfs/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy("/bin/busybox", bin.join("busybox"))
        .expect("/bin/busybox (Debian's busybox-static, which the dev environment installs) builds the test images");
    std::os::unix::fs::symlink("busybox", bin.join("sh")).unwrap();
    std::os::unix::fs::symlink("busybox", bin.join("cat")).unwrap();
    std::fs::write(dir.path().join("stamp"), stamp).unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM scratch\nCOPY rootfs/ /\nCOPY stamp /stamp\nENTRYPOINT [\"/bin/sh\", \"-c\"]\nCMD [\"cat /stamp\"]\n",
    )
    .unwrap();
    let out = Command::new(dev("BERTH_DEV_DOCKER"))
        .args(["build", "--no-cache", "-q", "-t", tag])
        .arg(dir.path())
        .env("DOCKER_HOST", dev("BERTH_DEV_DOCKER_HOST"))
        .env("DOCKER_BUILDKIT", "0")
        .output()
        .unwrap();
    assert!(out.status.success(), "docker build: {}", String::from_utf8_lossy(&out.stderr));
    image_id(tag)
}

fn image_id(name: &str) -> String {
    docker_ok(&["image", "inspect", "-f", "{{.Id}}", name]).trim().to_string()
}

/// A downloaded archive's entries: path -> (type, link target, data).
fn entries(file: &Path) -> std::collections::BTreeMap<String, (tar::EntryType, Option<String>, Vec<u8>)> {
    let data = std::fs::read(file).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for e in tar::Archive::new(&data[..]).entries().unwrap() {
        let mut e = e.unwrap();
        let path = e.path().unwrap().to_string_lossy().into_owned();
        let link = e.link_name().unwrap().map(|l| l.to_string_lossy().into_owned());
        let kind = e.header().entry_type();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        out.insert(path, (kind, link, bytes));
    }
    out
}

fn manifest(file: &Path) -> Value {
    serde_json::from_slice(&entries(file)["manifest.json"].2).unwrap()
}

/// The nova-docker boot path without the local tag: download the Glance image, `docker load` it, the Glance
/// name must give `id`, and running it prints `stamp`.
fn load_and_run(b: &Berth, glance_id: &str, docker_name: &str, id: &str, stamp: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("image.tar");
    download(b, glance_id, &file);
    assert_eq!(manifest(&file)[0]["RepoTags"], serde_json::json!([docker_name]));
    docker_ok(&["load", "-i", file.to_str().unwrap()]);
    assert_eq!(image_id(docker_name), id);
    if let Some(stamp) = stamp {
        assert_eq!(docker_ok(&["run", "--rm", "--network", "none", docker_name]), stamp);
    }
}

#[test]
fn a_local_image_syncs_loads_and_runs_and_resyncs_as_versions() {
    let b = berth();
    let repo = format!("{}/app", unique("t"));
    let tag = format!("{repo}:dev");
    let mut local = Local { tags: vec![tag.clone()] };
    let stamp = format!("built here {}\n", unique("s"));
    let id = build(&tag, &stamp);

    let rows = sync(&b, &[&tag, "--tag", "extra", "--property", "team=ops"]);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["name"], tag.as_str());
    assert_eq!(row["digest"], id.as_str(), "the digest of a local image is its ID");
    assert_eq!(row["platform"], "linux/amd64");
    assert_eq!(row["status"], "synced");
    let glance_id = row["id"].as_str().unwrap().to_string();
    let img = show(&b, &glance_id);
    assert_eq!(img["status"], "active");
    assert_eq!(img["container_format"], "docker");
    assert_eq!(img["disk_format"], "raw");
    assert_eq!(img["source"], format!("docker-daemon:{tag}"));
    assert_eq!(img["config_digest"], id.as_str());
    assert_eq!(img["manifest_digest"], Value::Null);
    assert_eq!(img["repo_digest"], Value::Null, "never pushed");
    assert_eq!(img["repo_tag"], tag.as_str());
    assert_eq!(img["platform"], "linux/amd64");
    assert_eq!(img["layers"], "uncompressed");
    assert_eq!(img["architecture"], "x86_64");
    assert_eq!(img["os_command_line"], "/bin/sh -c 'cat /stamp'");
    assert_eq!(img["version"], 1);
    assert_eq!(img["current"], true);
    assert!(img["tags"].as_array().unwrap().contains(&Value::from("extra")));
    assert_eq!(img["size"], row["size"]);

    // What Glance holds is what berth said it sent, and the engine's own archive with the name added.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("image.tar");
    download(&b, &glance_id, &file);
    let data = std::fs::read(&file).unwrap();
    assert_eq!(img["os_hash_value"], format!("{:x}", sha2::Sha512::digest(&data)));
    assert_eq!(img["size"], data.len());
    let inside = entries(&file);
    let config = &inside[&format!("{}.json", id.strip_prefix("sha256:").unwrap())].2;
    assert_eq!(format!("sha256:{:x}", sha2::Sha256::digest(config)), id);
    let m = manifest(&file);
    let layers: Vec<&str> = m[0]["Layers"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    let diff_ids: Value =
        serde_json::from_str(&docker_ok(&["image", "inspect", "-f", "{{json .RootFS.Layers}}", &tag])).unwrap();
    for (l, d) in layers.iter().zip(diff_ids.as_array().unwrap()) {
        assert_eq!(
            format!("sha256:{:x}", sha2::Sha256::digest(&inside[*l].2)),
            d.as_str().unwrap(),
            "plain tar layers"
        );
    }
    let repositories: Value = serde_json::from_slice(&inside["repositories"].2).unwrap();
    assert_eq!(
        repositories,
        serde_json::json!({&repo: {"dev": layers.last().unwrap().strip_suffix("/layer.tar").unwrap()}})
    );
    // The engine's tags are untouched.
    assert_eq!(docker_ok(&["image", "inspect", "-f", "{{json .RepoTags}}", &id]).trim(), format!("[\"{tag}\"]"));

    // Loaded without the local tag, it comes back under its name and runs.
    docker_ok(&["rmi", &tag]);
    load_and_run(&b, &glance_id, &tag, &id, Some(&stamp));

    // The same image again: up to date, nothing sent.
    let again = sync(&b, &[&tag]);
    assert_eq!((again[0]["status"].as_str(), again[0]["id"].as_str()), (Some("up to date"), Some(glance_id.as_str())));
    assert_eq!(glance_images(&b, &tag).len(), 1);

    // Rebuilt (a new ID under the same tag): a new current version, the previous one hidden but kept.
    let stamp2 = format!("rebuilt {}\n", unique("s"));
    let id2 = build(&tag, &stamp2);
    local.tags.push(id.clone());
    assert_ne!(id2, id);
    let rows = sync(&b, &[&tag]);
    assert_eq!(rows[0]["status"], "synced");
    assert_eq!(rows[0]["digest"], id2.as_str());
    let new_id = rows[0]["id"].as_str().unwrap();
    assert_ne!(new_id, glance_id);
    let history = b.run(&["image", "history", &tag, "-o", "json"]).ok().json();
    let versions: Vec<(Value, Value, Value)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version"].clone(), v["digest"].clone(), v["current"].clone()))
        .collect();
    assert_eq!(versions, [(2.into(), id2.as_str().into(), true.into()), (1.into(), id.as_str().into(), false.into())]);
    assert_eq!(show(&b, new_id)["previous"], glance_id.as_str());
    assert_eq!(glance_images(&b, &tag).len(), 1, "only the current version is listed by default");
    // Rolling back by image ID works like by manifest digest.
    b.run(&["image", "rollback", &tag, "--to", &id["sha256:".len()..][..12]]).ok();
    assert_eq!(show(&b, &glance_id)["current"], true);
    docker_ok(&["rmi", &tag]);
    load_and_run(&b, new_id, &tag, &id2, Some(&stamp2));
}

#[test]
fn names_follow_for_and_name_and_ids_take_their_tag() {
    let b = berth();
    let repo = format!("{}/app", unique("t"));
    let tag = format!("{repo}:v3");
    let _local = Local { tags: vec![tag.clone()] };
    let stamp = format!("{}\n", unique("s"));
    let id = build(&tag, &stamp);

    // Zun: Glance name = repo, the docker tag as a Glance tag, RepoTags repo:tag; --name renames inside too.
    let renamed = format!("{}/renamed", unique("t"));
    let rows = sync(&b, &[&tag, "--for", "zun", "--name", &renamed]);
    assert_eq!(rows[0]["name"], renamed.as_str());
    let img = show(&b, rows[0]["id"].as_str().unwrap());
    assert!(img["tags"].as_array().unwrap().contains(&Value::from("v3")), "{img}");
    assert_eq!(img["repo_tag"], format!("{renamed}:v3"));
    load_and_run(&b, rows[0]["id"].as_str().unwrap(), &format!("{renamed}:v3"), &id, Some(&stamp));
    docker(&["rmi", &format!("{renamed}:v3")]);

    // By full ID: the image's only tag names it; by a short ID with --name, the name.
    let rows = sync(&b, &[&id]);
    assert_eq!(rows[0]["name"], tag.as_str());
    assert_eq!(show(&b, rows[0]["id"].as_str().unwrap())["source"], format!("docker-daemon:{id}"));
    let short = &id["sha256:".len()..][..12];
    let named = format!("{}/byid:1", unique("t"));
    let rows = sync(&b, &[short, "--name", &named]);
    assert_eq!(rows[0]["name"], named.as_str());
    load_and_run(&b, rows[0]["id"].as_str().unwrap(), &named, &id, None);
    docker(&["rmi", &named]);

    // Two tags, no --name: berth cannot choose.
    let second = format!("{repo}:other");
    docker_ok(&["tag", &tag, &second]);
    let _more = Local { tags: vec![second.clone()] };
    b.run(&["image", "sync", "--from-daemon", &id]).code(2).stderr_has("2 tags").stderr_has("--name");
}

#[test]
fn a_pulled_image_records_its_registry_digest() {
    // Pulled from the dev registry by the engine itself: it has a RepoDigest for that repository.
    let b = berth();
    let seed = crate::common::seed();
    let want = &seed["library/busybox:1.36"];
    let pulled = format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_ANON"));
    docker_ok(&["pull", "-q", &pulled]);
    let by_digest = format!("{}/library/busybox@{}", dev("BERTH_DEV_REGISTRY_ANON"), want["digest"].as_str().unwrap());
    let _local = Local { tags: vec![pulled.clone(), by_digest] };
    let name = format!("{}/bb:1", unique("t"));
    let rows = sync(&b, &[&pulled, "--name", &name]);
    assert_eq!(rows[0]["digest"], want["config"]["digest"], "the same image ID as in the registry");
    let img = show(&b, rows[0]["id"].as_str().unwrap());
    assert_eq!(img["repo_digest"], want["digest"]);
    assert_eq!(img["manifest_digest"], Value::Null);
    assert_eq!(img["source"], format!("docker-daemon:{pulled}"));
    assert_eq!(img["os_command_line"], "sh -c 'echo berth-seed; while true; do sleep 3600; done'");
}

#[test]
fn a_repeated_layer_is_a_link_in_the_archive_and_loads() {
    // An image whose third layer repeats its first: `docker save` writes it as a symlink to the first copy.
    let b = berth();
    let tag = format!("{}/dup:1", unique("t"));
    let _local = Local { tags: vec![tag.clone()] };
    let layer = |files: &[(&str, &[u8], u32)]| -> Vec<u8> {
        let mut t = tar::Builder::new(Vec::new());
        for (name, data, mode) in files {
            let mut h = tar::Header::new_ustar();
            h.set_size(data.len() as u64);
            h.set_mode(*mode);
            h.set_mtime(1_700_000_000);
            t.append_data(&mut h, name, *data).unwrap();
        }
        t.into_inner().unwrap()
    };
    let busybox = std::fs::read("/bin/busybox").unwrap();
    let a = layer(&[("bin/busybox", &busybox, 0o755)]);
    let stamp = format!("{}\n", unique("s"));
    let b_layer = layer(&[("stamp", stamp.as_bytes(), 0o644)]);
    let diff = |l: &[u8]| format!("sha256:{:x}", sha2::Sha256::digest(l));
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "config": {"Entrypoint": ["/bin/busybox"], "Cmd": ["cat", "/stamp"]},
        "rootfs": {"type": "layers", "diff_ids": [diff(&a), diff(&b_layer), diff(&a)]},
    })
    .to_string();
    let id = format!("sha256:{:x}", sha2::Sha256::digest(config.as_bytes()));
    let mut t = tar::Builder::new(Vec::new());
    let mut add = |name: &str, data: &[u8]| {
        let mut h = tar::Header::new_ustar();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        t.append_data(&mut h, name, data).unwrap();
    };
    add("config.json", config.as_bytes());
    add("l0/layer.tar", &a);
    add("l1/layer.tar", &b_layer);
    add("l2/layer.tar", &a);
    add("manifest.json", serde_json::json!([{"Config": "config.json", "RepoTags": [&tag], "Layers": ["l0/layer.tar", "l1/layer.tar", "l2/layer.tar"]}]).to_string().as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("made.tar");
    std::fs::write(&made, t.into_inner().unwrap()).unwrap();
    docker_ok(&["load", "-i", made.to_str().unwrap()]);
    assert_eq!(image_id(&tag), id);

    let rows = sync(&b, &[&tag]);
    let file = dir.path().join("glance.tar");
    download(&b, rows[0]["id"].as_str().unwrap(), &file);
    let inside = entries(&file);
    let m = manifest(&file);
    let third = m[0]["Layers"][2].as_str().unwrap();
    assert_eq!(inside[third].0, tar::EntryType::Symlink, "{:?}", inside.keys().collect::<Vec<_>>());
    docker_ok(&["rmi", &tag]);
    load_and_run(&b, rows[0]["id"].as_str().unwrap(), &tag, &id, Some(&stamp));
}

/// The sync must fail with `code`, say each of `needles`, and leave no Glance image named `name`.
#[track_caller]
fn fails_cleanly(out: Out, code: i32, needles: &[&str], name: &str) -> Out {
    let mut out = out.code(code);
    for n in needles {
        out = out.stderr_has(n);
    }
    let left = glance_images(&demo(), name);
    assert!(left.is_empty(), "{:?} left Glance images behind: {left:?}", out.args);
    out
}

#[test]
fn a_missing_image_or_engine_is_a_clear_error_and_leaves_nothing() {
    let name = format!("{}/nothere:1", unique("t"));
    fails_cleanly(
        berth().run(&["image", "sync", "--from-daemon", &name]),
        1,
        &[&format!("has no image `{name}`"), "hint:", "`docker images`"],
        &name,
    );
    let nowhere = "unix:///nonexistent/berth/docker.sock";
    fails_cleanly(
        demo().env("DOCKER_HOST", nowhere).run(&["image", "sync", "--from-daemon", &name]),
        1,
        &[
            &format!("cannot reach the Docker engine at `{nowhere}`: there is no such socket"),
            "hint: is dockerd running?",
            "DOCKER_HOST",
        ],
        &name,
    );
    // Nothing listens on this port.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    fails_cleanly(
        demo().env("DOCKER_HOST", &format!("tcp://127.0.0.1:{port}")).run(&["image", "sync", "--from-daemon", &name]),
        1,
        &[&format!("cannot reach the Docker engine at `tcp://127.0.0.1:{port}`: connection refused"), "hint:"],
        &name,
    );
    // Something that is not a Docker engine: Glance.
    let glance = dev("BERTH_DEV_IMAGE_URL");
    let glance = glance.strip_prefix("http://").unwrap();
    fails_cleanly(
        demo().env("DOCKER_HOST", &format!("tcp://{glance}")).run(&["image", "sync", "--from-daemon", &name]),
        1,
        &["where an engine gives its version", "is not a Docker engine"],
        &name,
    );
    // Engines berth cannot speak to, and flags that are only for registries.
    fails_cleanly(
        demo().env("DOCKER_HOST", "ssh://me@box").run(&["image", "sync", "--from-daemon", &name]),
        2,
        &["over `ssh`", "hint:"],
        &name,
    );
    let tls = demo().env("DOCKER_HOST", "tcp://127.0.0.1:2376").env("DOCKER_TLS_VERIFY", "1");
    fails_cleanly(tls.run(&["image", "sync", "--from-daemon", &name]), 2, &["wants TLS"], &name);
    for flag in [
        &["--platform", "linux/arm64"][..],
        &["--all-platforms"],
        &["--registry-insecure"],
        &["--registry-cacert", "/x"],
    ] {
        let mut args = vec!["image", "sync", "--from-daemon", &name];
        args.extend_from_slice(flag);
        fails_cleanly(berth().run(&args), 2, &["cannot be used with"], &name);
    }
    fails_cleanly(
        berth().run(&["image", "sync", "--from-daemon", "../containers/x"]),
        2,
        &["invalid reference"],
        &name,
    );
    fails_cleanly(
        berth().run(&["image", "sync", "--from-daemon", "a:1", "b:1", "--name", "x/y"]),
        2,
        &["several images"],
        &name,
    );
}

/// The engine's unix socket served on a loopback tcp port (the dev engine listens on its socket only): plain
/// bytes both ways, for `DOCKER_HOST=tcp://` and for the fault proxy, which speaks tcp. Lives as long as the test.
fn engine_over_tcp() -> String {
    let host = dev("BERTH_DEV_DOCKER_HOST");
    let Some(socket) = host.strip_prefix("unix://").map(str::to_string) else {
        return host.strip_prefix("tcp://").expect("BERTH_DEV_DOCKER_HOST is unix:// or tcp://").to_string();
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut tcp) = conn else { continue };
            let socket = socket.clone();
            std::thread::spawn(move || {
                let Ok(mut unix) = std::os::unix::net::UnixStream::connect(&socket) else { return };
                let (Ok(mut tcp2), Ok(mut unix2)) = (tcp.try_clone(), unix.try_clone()) else { return };
                let up = std::thread::spawn(move || {
                    let _ = std::io::copy(&mut tcp2, &mut unix2);
                    let _ = unix2.shutdown(std::net::Shutdown::Write);
                });
                let _ = std::io::copy(&mut unix, &mut tcp);
                let _ = tcp.shutdown(std::net::Shutdown::Write);
                let _ = up.join();
            });
        }
    });
    addr
}

#[test]
fn an_engine_on_tcp_and_faults_on_the_way() {
    let tag = format!("{}/app:1", unique("t"));
    let _local = Local { tags: vec![tag.clone()] };
    let stamp = format!("{}\n", unique("s"));
    let id = build(&tag, &stamp);
    let tcp = engine_over_tcp();

    // DOCKER_HOST=tcp://
    let b = demo().env("DOCKER_HOST", &format!("tcp://{tcp}"));
    let name = format!("{}/tcp:1", unique("t"));
    let rows = sync(&b, &[&tag, "--name", &name]);
    assert_eq!(rows[0]["digest"], id.as_str());
    load_and_run(&b, rows[0]["id"].as_str().unwrap(), &name, &id, Some(&stamp));
    docker(&["rmi", &name]);

    // A byte spoiled in the engine's `docker save` stream: the layer's sha256 is not its diff_id.
    let proxy = FaultProxy::start(&format!("http://{tcp}"), &["--corrupt-blobs", "--blob-path", "/get"]);
    let name = format!("{}/spoiled:1", unique("t"));
    let out = demo().env("DOCKER_HOST", &format!("tcp://{}", proxy.addr())).run(&[
        "image",
        "sync",
        "--from-daemon",
        &tag,
        "--name",
        &name,
    ]);
    fails_cleanly(out, 1, &["in the engine's archive", "but the image's diff_id", "was deleted"], &name);

    // Glance failing the (chunked) upload.
    let glance = FaultProxy::start(&dev("BERTH_DEV_IMAGE_URL"), &["--fail-upload", "500"]);
    let b = demo_with(&format!("    image_endpoint_override: http://{}\n", glance.addr()))
        .env("DOCKER_HOST", &dev("BERTH_DEV_DOCKER_HOST"));
    let name = format!("{}/glance500:1", unique("t"));
    fails_cleanly(
        b.run(&["image", "sync", "--from-daemon", &tag, "--name", &name]),
        1,
        &["HTTP 500", "was deleted"],
        &name,
    );
}

/// `GET path` over plain HTTP/1.1 to `addr`: the body.
fn http_get(addr: &str, path: &str) -> Vec<u8> {
    use std::io::Write;
    let mut c = std::net::TcpStream::connect(addr).unwrap();
    write!(c, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    c.read_to_end(&mut answer).unwrap();
    let at = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer") + 4;
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer[..at]));
    answer[at..].to_vec()
}

/// `docker save` streams that Go's tar reader, hence `docker load`, reads with another config than the one a
/// lenient reader checks: a directory whose size field hides a second config entry, and a symbolic link that
/// replaces the config. The real engine loads them as another image; berth refuses them, deletes its Glance
/// record and leaves nothing.
#[test]
fn a_save_stream_docker_would_read_differently_is_refused() {
    let tag = format!("{}/app:1", unique("t"));
    let mut local = Local { tags: vec![tag.clone()] };
    let id = build(&tag, "checked\n");
    let tcp = engine_over_tcp();
    for (mode, needles) in [
        ("--tar-hide-config", &["a directory entry `berth-cover/` with a size of", "such entries carry no data"][..]),
        ("--tar-link-over-config", &["the image config in the engine's archive", "not the image ID"][..]),
    ] {
        let proxy = FaultProxy::start(&format!("http://{tcp}"), &[mode, "--blob-path", "/get"]);
        // The spoiled stream is real to Docker: it loads another image from it.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("spoiled.tar");
        std::fs::write(&file, http_get(&proxy.addr(), &format!("/images/{id}/get"))).unwrap();
        let loaded = docker_ok(&["load", "-i", file.to_str().unwrap()]);
        let other = loaded.trim().rsplit(' ').next().unwrap_or_default().to_string();
        assert!(other.starts_with("sha256:") && other != id, "{mode}: docker loaded `{loaded}`");
        local.tags.push(other);

        let name = format!("{}/spoiled:1", unique("t"));
        let out = demo().env("DOCKER_HOST", &format!("tcp://{}", proxy.addr())).run(&[
            "image",
            "sync",
            "--from-daemon",
            &tag,
            "--name",
            &name,
        ]);
        let mut needles = needles.to_vec();
        needles.push("was deleted");
        fails_cleanly(out, 1, &needles, &name);
    }
}

#[test]
fn ctrl_c_during_the_upload_deletes_the_incomplete_image() {
    let tag = format!("{}/app:1", unique("t"));
    let _local = Local { tags: vec![tag.clone()] };
    build(&tag, "slow\n");
    // The engine's archive trickles in (4 KiB every 20 ms: ~10 s for 2 MB), so the upload is under way.
    let proxy =
        FaultProxy::start(&format!("http://{}", engine_over_tcp()), &["--slow-blobs", "0.02", "--blob-path", "/get"]);
    let name = format!("{}/app:1", unique("t"));
    let b = demo().env("DOCKER_HOST", &format!("tcp://{}", proxy.addr()));
    let (code, log) =
        crate::common::interrupt_once_the_record_exists(&b, &["image", "sync", "--from-daemon", &tag, "--name", &name]);
    assert_eq!(code, Some(130), "{log}");
    assert!(log.contains("interrupted: deleted the incomplete Glance image"), "{log}");
    assert!(glance_images(&demo(), &name).is_empty(), "the interrupted image is still in Glance");
}

#[test]
fn a_local_image_fans_out_with_one_docker_save() {
    // The engine through a proxy that records its requests: one `docker save` (GET .../get) for both.
    let proxy = FaultProxy::start(&format!("http://{}", engine_over_tcp()), &[]);
    let b = demo().env("DOCKER_HOST", &format!("tcp://{}", proxy.addr()));
    let tag = format!("{}/fan:v1", unique("t"));
    let _local = Local { tags: vec![tag.clone()] };
    let id = build(&tag, &format!("{}\n", unique("s")));
    let region = dev("BERTH_DEV_REGION");
    let rows = sync(&b, &[&tag, "--to", "berth-demo", "--to", "berth-admin"]);
    let mut got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("destination"), s("status"), s("digest"))
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (format!("berth-admin/{region}"), "synced".to_string(), id.clone()),
            (format!("berth-demo/{region}"), "synced".to_string(), id.clone())
        ]
    );
    // Each destination has its own record (another project), verified like any.
    assert_ne!(rows[0]["id"], rows[1]["id"]);
    let saves = proxy.requests().into_iter().filter(|r| r["path"].as_str().unwrap().contains("/get")).count();
    assert_eq!(saves, 1, "{:#?}", proxy.requests());
    let rows = sync(&b, &[&tag, "--to", "berth-demo", "--to", "berth-admin"]);
    assert!(rows.iter().all(|r| r["status"] == "up to date"), "{rows:#?}");
}
