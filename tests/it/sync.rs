//! `berth image sync` from the dev environment's real registries into its real Glance, proven bootable the way
//! nova-docker and Zun boot: download the Glance data, `docker load` it into the real Docker engine, find the
//! image under the Glance name, run it. Faults a real service cannot produce on demand go through
//! `tests/tools/faultproxy.py` in front of the real registry or Glance.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{
    Berth, FaultProxy, Out, demo, demo_with, dev, docker, docker_ok, download, glance_images, run_stdin, seed, show,
    unique,
};
use serde_json::Value;

fn sync(b: &Berth, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["image", "sync", "-o", "json"];
    a.extend_from_slice(args);
    b.run(&a).ok().json().as_array().unwrap().clone()
}

/// The nova-docker boot path for one synced image: load its Glance data, `docker image inspect <Glance name>`
/// must give the config digest as ID; an amd64 image must run.
fn prove_nova_docker(b: &Berth, row: &Value, config_digest: &str, run: bool) {
    let name = row["name"].as_str().unwrap();
    let id = row["id"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("image.tar");
    download(b, id, &file);
    docker_ok(&["load", "-i", file.to_str().unwrap()]);
    let inspected: Value = serde_json::from_str(&docker_ok(&["image", "inspect", name])).unwrap();
    assert_eq!(inspected[0]["Id"], config_digest, "{name}: docker ID is not the config digest");
    // Other tests may load the same image (same ID) under their own names at the same time.
    assert!(inspected[0]["RepoTags"].as_array().unwrap().contains(&Value::from(name)), "{inspected}");
    if run {
        let out = docker_ok(&["run", "--rm", "--network", "none", name, "echo", "ok"]);
        assert_eq!(out, "ok\n");
    }
    docker(&["rmi", "-f", name]);
}

#[test]
fn sync_from_every_registry_variant_loads_and_runs_as_nova_docker_would() {
    let seed = seed();
    let one = &seed["library/busybox:1.36"];
    let oci = &seed["library/busybox:oci"];
    let private = &seed["private/secret:1.0"];
    let b = demo();

    // Anonymous registry: Docker schema2 and OCI manifests.
    for (tag, want) in [("1.36", one), ("oci", oci)] {
        let name = format!("{}/busybox:{tag}", unique("t"));
        let rows = sync(&b, &[&format!("{}/library/busybox:{tag}", dev("BERTH_DEV_REGISTRY_ANON")), "--name", &name]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["name"], name.as_str());
        assert_eq!(rows[0]["digest"], want["digest"]);
        assert_eq!(rows[0]["platform"], "linux/amd64");
        prove_nova_docker(&b, &rows[0], want["config"]["digest"].as_str().unwrap(), true);
    }

    // Basic auth: password on stdin.
    let name = format!("{}/busybox:1.36", unique("t"));
    let basic = dev("BERTH_DEV_REGISTRY_BASIC");
    let out = run_stdin(
        &b,
        &[
            "image",
            "sync",
            "-o",
            "json",
            &format!("{basic}/library/busybox:1.36"),
            "--name",
            &name,
            "--registry-user",
            &dev("BERTH_DEV_REGISTRY_BASIC_USER"),
            "--registry-password-stdin",
        ],
        &format!("{}\n", dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD")),
    )
    .ok();
    prove_nova_docker(&b, &out.json()[0], one["config"]["digest"].as_str().unwrap(), true);

    // Basic auth from Docker's config.json in the (temporary) home.
    let auth = base64_basic(&dev("BERTH_DEV_REGISTRY_BASIC_USER"), &dev("BERTH_DEV_REGISTRY_BASIC_PASSWORD"));
    let docker_dir = b.home().join(".docker");
    std::fs::create_dir_all(&docker_dir).unwrap();
    std::fs::write(docker_dir.join("config.json"), format!(r#"{{"auths": {{"{basic}": {{"auth": "{auth}"}}}}}}"#))
        .unwrap();
    let name = format!("{}/busybox:1.36", unique("t"));
    let rows = sync(&b, &[&format!("{basic}/library/busybox:1.36"), "--name", &name]);
    prove_nova_docker(&b, &rows[0], one["config"]["digest"].as_str().unwrap(), false);

    // Token auth: anonymous for library/, credentials for private/.
    let token = dev("BERTH_DEV_REGISTRY_TOKEN");
    let name = format!("{}/busybox:1.36", unique("t"));
    let rows = sync(&demo(), &[&format!("{token}/library/busybox:1.36"), "--name", &name]);
    prove_nova_docker(&b, &rows[0], one["config"]["digest"].as_str().unwrap(), false);
    let name = format!("{}/secret:1.0", unique("t"));
    let out = run_stdin(
        &demo(),
        &[
            "image",
            "sync",
            "-o",
            "json",
            &format!("{token}/private/secret:1.0"),
            "--name",
            &name,
            "--registry-user",
            &dev("BERTH_DEV_REGISTRY_TOKEN_USER"),
            "--registry-password-stdin",
        ],
        &format!("{}\n", dev("BERTH_DEV_REGISTRY_TOKEN_PASSWORD")),
    )
    .ok();
    assert_eq!(out.json()[0]["digest"], private["digest"]);
    prove_nova_docker(&b, &out.json()[0], private["config"]["digest"].as_str().unwrap(), true);

    // TLS with the environment's CA.
    let name = format!("{}/busybox:1.36", unique("t"));
    let rows = sync(
        &b,
        &[
            &format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_TLS")),
            "--name",
            &name,
            "--registry-cacert",
            &dev("BERTH_DEV_REGISTRY_CA"),
        ],
    );
    prove_nova_docker(&b, &rows[0], one["config"]["digest"].as_str().unwrap(), false);
}

fn base64_basic(user: &str, password: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
}

#[test]
fn default_names_follow_docker_and_record_provenance() {
    let b = demo();
    let seed = seed();
    let want = &seed["library/busybox:1.35"];
    let reference = format!("{}/library/busybox:1.35", dev("BERTH_DEV_REGISTRY_ANON"));
    let tag = unique("t");
    let rows = sync(&b, &[&reference, "--tag", &tag, "--property", "team=ops"]);
    // Without --name, the Glance name is the familiar docker name, and so the archive's RepoTags.
    assert_eq!(rows[0]["name"], reference.as_str());
    let img = show(&b, rows[0]["id"].as_str().unwrap());
    assert_eq!(img["container_format"], "docker");
    assert_eq!(img["disk_format"], "raw");
    assert_eq!(img["status"], "active");
    assert_eq!(img["visibility"], "private");
    assert_eq!(img["source"], format!("{reference}"));
    assert_eq!(img["repo_tag"], reference.as_str());
    assert_eq!(img["manifest_digest"], want["digest"]);
    assert_eq!(img["config_digest"], want["config"]["digest"]);
    assert_eq!(img["platform"], "linux/amd64");
    assert_eq!(img["layers"], "compressed");
    assert_eq!(img["architecture"], "x86_64");
    assert_eq!(img["os_command_line"], "sh -c 'echo berth-seed; while true; do sleep 3600; done'");
    assert!(img["tags"].as_array().unwrap().contains(&Value::from(tag.as_str())));
    assert_eq!(img["size"], rows[0]["size"]);
    // The custom property is there too (Glance keeps it as a top-level key).
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let raw = Command::new("curl")
        .args(["-fsS", "-H", &format!("X-Auth-Token: {token}")])
        .arg(format!("{}/v2/images/{}", dev("BERTH_DEV_IMAGE_URL"), rows[0]["id"].as_str().unwrap()))
        .output()
        .unwrap();
    let raw: Value = serde_json::from_slice(&raw.stdout).unwrap();
    assert_eq!(raw["team"], "ops");

    // --no-command-line leaves os_command_line unset.
    let rows = sync(&b, &[&reference, "--name", &format!("{}/bb", unique("t")), "--no-command-line"]);
    assert_eq!(show(&b, rows[0]["id"].as_str().unwrap())["os_command_line"], Value::Null);
}

#[test]
fn multi_platform_images_by_platform_or_all() {
    let b = demo();
    let seed = seed();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    for tag in ["multi", "multi-oci"] {
        let entries = seed[format!("library/busybox:{tag}")]["manifests"].as_array().unwrap().clone();
        let amd64 = entries.iter().find(|m| m["platform"]["architecture"] == "amd64").unwrap();
        let arm64 = entries.iter().find(|m| m["platform"]["architecture"] == "arm64").unwrap();

        let name = format!("{}/busybox:{tag}", unique("t"));
        let rows = sync(&b, &[&format!("{anon}/library/busybox:{tag}"), "--name", &name]);
        assert_eq!(rows[0]["digest"], amd64["digest"]);
        prove_nova_docker(&b, &rows[0], amd64["config"]["digest"].as_str().unwrap(), true);

        let name = format!("{}/busybox:{tag}", unique("t"));
        let rows = sync(&b, &[&format!("{anon}/library/busybox:{tag}"), "--name", &name, "--platform", "linux/arm64"]);
        assert_eq!(rows[0]["digest"], arm64["digest"]);
        let img = show(&b, rows[0]["id"].as_str().unwrap());
        assert_eq!(img["architecture"], "aarch64");
        assert_eq!(img["index_digest"], seed[format!("library/busybox:{tag}")]["digest"]);
        // An arm64 image cannot run here, but it loads under its name with the right ID and architecture.
        prove_nova_docker(&b, &rows[0], arm64["config"]["digest"].as_str().unwrap(), false);

        let name = format!("{}/busybox:{tag}", unique("t"));
        let rows = sync(&b, &[&format!("{anon}/library/busybox:{tag}"), "--name", &name, "--all-platforms"]);
        let mut platforms: Vec<&str> = rows.iter().map(|r| r["platform"].as_str().unwrap()).collect();
        platforms.sort_unstable();
        assert_eq!(platforms, ["linux/amd64", "linux/arm64/v8"]);
        let archs: Vec<Value> =
            rows.iter().map(|r| show(&b, r["id"].as_str().unwrap())["architecture"].clone()).collect();
        assert!(archs.contains(&Value::from("x86_64")) && archs.contains(&Value::from("aarch64")), "{archs:?}");
    }
}

#[test]
fn zun_finds_the_image_by_repo_name_and_tag() {
    let b = demo();
    let seed = seed();
    let repo = format!("{}/busybox", unique("t"));
    let rows = sync(
        &b,
        &[&format!("{}/library/busybox:1.35", dev("BERTH_DEV_REGISTRY_ANON")), "--for", "zun", "--name", &repo],
    );
    assert_eq!(rows[0]["name"], repo.as_str());
    // Zun's lookup: container_format=docker, name == repo, the docker tag among the Glance tags.
    let found: Vec<Value> = glance_images(&b, &repo)
        .into_iter()
        .filter(|i| i["tags"].as_array().unwrap().contains(&Value::from("1.35")))
        .collect();
    assert_eq!(found.len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("image.tar");
    download(&b, found[0]["id"].as_str().unwrap(), &file);
    docker_ok(&["load", "-i", file.to_str().unwrap()]);
    let repo_tag = format!("{repo}:1.35");
    let inspected: Value = serde_json::from_str(&docker_ok(&["image", "inspect", &repo_tag])).unwrap();
    assert_eq!(inspected[0]["Id"], seed["library/busybox:1.35"]["config"]["digest"]);
    assert_eq!(docker_ok(&["run", "--rm", "--network", "none", &repo_tag, "echo", "ok"]), "ok\n");
    docker(&["rmi", "-f", &repo_tag]);
}

#[test]
fn same_config_and_layers_as_skopeo_docker_archive() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{}/busybox:1.36", unique("t"));
    let rows = sync(&b, &[&format!("{anon}/library/busybox:1.36"), "--name", &name]);
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.tar");
    download(&b, rows[0]["id"].as_str().unwrap(), &ours);
    let theirs = dir.path().join("skopeo.tar");
    let skopeo_name = format!("{}/skopeo:1.36", unique("t"));
    let st = Command::new("skopeo")
        .args(["copy", "--src-tls-verify=false", &format!("docker://{anon}/library/busybox:1.36")])
        .arg(format!("docker-archive:{}:{skopeo_name}", theirs.display()))
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    docker_ok(&["load", "-i", ours.to_str().unwrap()]);
    docker_ok(&["load", "-i", theirs.to_str().unwrap()]);
    let a: Value = serde_json::from_str(&docker_ok(&["image", "inspect", &name])).unwrap();
    let c: Value = serde_json::from_str(&docker_ok(&["image", "inspect", &skopeo_name])).unwrap();
    assert_eq!(a[0]["Id"], c[0]["Id"], "different configs");
    assert_eq!(a[0]["RootFS"]["Layers"], c[0]["RootFS"]["Layers"], "different layer diff_ids");
    assert_eq!(a[0]["RootFS"]["Layers"].as_array().unwrap().len(), 2);
    docker(&["rmi", "-f", &name, &skopeo_name]);
}

/// The `layer.tar` entries of a downloaded archive, in its manifest's order.
fn archive_layers(file: &Path) -> Vec<Vec<u8>> {
    use std::io::Read;
    let data = std::fs::read(file).unwrap();
    let mut entries = std::collections::HashMap::new();
    for entry in tar::Archive::new(&data[..]).entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.insert(path, bytes);
    }
    let manifest: Value = serde_json::from_slice(&entries["manifest.json"]).unwrap();
    manifest[0]["Layers"].as_array().unwrap().iter().map(|l| entries[l.as_str().unwrap()].clone()).collect()
}

fn sha256(data: &[u8]) -> String {
    use sha2::Digest;
    format!("sha256:{:x}", sha2::Sha256::digest(data))
}

/// A plain tar (not gzip: a tar header) whose sha256 is `diff_id`, with at least one entry.
#[track_caller]
fn assert_plain_tar(layer: &[u8], diff_id: &Value) {
    assert!(layer.len() >= 1024 && layer.len().is_multiple_of(512), "{} bytes", layer.len());
    assert_ne!(&layer[..2], &[0x1f, 0x8b], "gzip magic");
    assert_eq!(&layer[257..262], b"ustar", "a tar header");
    assert!(tar::Archive::new(layer).entries().unwrap().count() > 0);
    assert_eq!(sha256(layer), diff_id.as_str().unwrap());
}

#[test]
fn uncompressed_layers_are_plain_tars_with_the_diff_ids_and_load_and_run() {
    let b = demo();
    let seed = seed();
    let want = &seed["library/busybox:1.36"];
    let diff_ids = want["diff_ids"].as_array().unwrap();
    let name = format!("{}/busybox:1.36", unique("t"));
    let reference = format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_ANON"));
    let rows = sync(&b, &[&reference, "--uncompressed-layers", "--name", &name]);
    assert_eq!(rows[0]["digest"], want["digest"]);
    let img = show(&b, rows[0]["id"].as_str().unwrap());
    assert_eq!(img["layers"], "uncompressed");
    assert_eq!(img["status"], "active");
    assert_eq!(img["size"], rows[0]["size"]);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("image.tar");
    download(&b, rows[0]["id"].as_str().unwrap(), &file);
    let layers = archive_layers(&file);
    assert_eq!(layers.len(), diff_ids.len());
    for (layer, diff_id) in layers.iter().zip(diff_ids) {
        assert_plain_tar(layer, diff_id);
    }
    let compressed: u64 = want["layers"].as_array().unwrap().iter().map(|l| l["size"].as_u64().unwrap()).sum();
    let tars: u64 = layers.iter().map(|l| l.len() as u64).sum();
    assert!(tars > compressed, "{tars} bytes of tar, {compressed} compressed");

    prove_nova_docker(&b, &rows[0], want["config"]["digest"].as_str().unwrap(), true);
}

/// Push an OCI image to the anonymous dev registry through its HTTP API, as `repo:mixed`: busybox:1.36's config
/// (with `rootfs.diff_ids[1]` replaced by `top_diff_id` if given), its bottom layer as a plain `tar` (digest =
/// diff_id) and its top layer as stored (gzip). Returns the reference.
fn push_mixed_image(repo: &str, top_diff_id: Option<&str>) -> String {
    use std::io::Read;
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let seed = seed();
    let want = &seed["library/busybox:1.36"];
    let get = |digest: &str| -> Vec<u8> {
        let out = Command::new("curl")
            .args(["-fsS", &format!("http://{anon}/v2/library/busybox/blobs/{digest}")])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let dir = tempfile::tempdir().unwrap();
    let put = |digest: &str, data: &[u8]| {
        let file = dir.path().join("blob");
        std::fs::write(&file, data).unwrap();
        let head = Command::new("curl")
            .args(["-fsS", "-X", "POST", "-D", "-", "-o", "/dev/null"])
            .arg(format!("http://{anon}/v2/{repo}/blobs/uploads/"))
            .output()
            .unwrap();
        let head = String::from_utf8_lossy(&head.stdout).into_owned();
        let location =
            head.lines().find_map(|l| l.strip_prefix("Location: ").or(l.strip_prefix("location: "))).unwrap().trim();
        let st = Command::new("curl")
            .args(["-fsS", "-X", "PUT", "-H", "Content-Type: application/octet-stream", "--data-binary"])
            .arg(format!("@{}", file.display()))
            .arg(format!("{location}&digest={digest}"))
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success(), "uploading {digest}");
    };
    let mut config = get(want["config"]["digest"].as_str().unwrap());
    if let Some(wrong) = top_diff_id {
        let mut c: Value = serde_json::from_slice(&config).unwrap();
        c["rootfs"]["diff_ids"][1] = Value::from(wrong);
        config = serde_json::to_vec(&c).unwrap();
    }
    let config_digest = &sha256(&config);
    put(config_digest, &config);
    let bottom = &want["layers"][0];
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(&get(bottom["digest"].as_str().unwrap())[..]).read_to_end(&mut tar).unwrap();
    let tar_digest = sha256(&tar);
    assert_eq!(tar_digest, want["diff_ids"][0].as_str().unwrap());
    put(&tar_digest, &tar);
    let top = &want["layers"][1];
    put(top["digest"].as_str().unwrap(), &get(top["digest"].as_str().unwrap()));
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": [
            {"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": tar_digest, "size": tar.len()},
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": top["digest"], "size": top["size"]},
        ],
    });
    let st = Command::new("curl")
        .args(["-fsS", "-X", "PUT", "-H", "Content-Type: application/vnd.oci.image.manifest.v1+json", "--data-binary"])
        .arg(manifest.to_string())
        .arg(format!("http://{anon}/v2/{repo}/manifests/mixed"))
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success(), "pushing the manifest");
    format!("{anon}/{repo}:mixed")
}

#[test]
fn plain_tar_layers_pass_through_in_both_modes() {
    let b = demo();
    let seed = seed();
    let want = &seed["library/busybox:1.36"];
    let diff_ids = want["diff_ids"].as_array().unwrap();
    let reference = push_mixed_image(&format!("{}/mixed", unique("t")), None);
    let dir = tempfile::tempdir().unwrap();
    for (flag, encoding) in [("--uncompressed-layers", "uncompressed"), ("--no-command-line", "compressed")] {
        let name = format!("{}/busybox:mixed", unique("t"));
        let rows = sync(&b, &[&reference, flag, "--name", &name]);
        assert_eq!(show(&b, rows[0]["id"].as_str().unwrap())["layers"], encoding);
        let file = dir.path().join(format!("{encoding}.tar"));
        download(&b, rows[0]["id"].as_str().unwrap(), &file);
        let layers = archive_layers(&file);
        // The plain-tar layer is the blob as stored either way.
        assert_plain_tar(&layers[0], &diff_ids[0]);
        if encoding == "uncompressed" {
            assert_plain_tar(&layers[1], &diff_ids[1]);
        } else {
            assert_eq!(sha256(&layers[1]), want["layers"][1]["digest"].as_str().unwrap(), "the gzip blob as stored");
        }
        prove_nova_docker(&b, &rows[0], want["config"]["digest"].as_str().unwrap(), encoding == "uncompressed");
    }
}

/// The sync must fail with `code`, say `needle`, and leave no Glance image named `name`.
fn fails_cleanly(b: &Berth, out: Out, code: i32, needle: &str, name: &str) {
    let out = out.code(code).stderr_has(needle);
    let left = glance_images(b, name);
    assert!(left.is_empty(), "{:?} left Glance images behind: {left:?}", out.args);
}

#[test]
fn bad_references_and_credentials_fail_cleanly() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{}/x:1", unique("t"));
    let sync_args =
        |r: String| -> Vec<String> { vec!["image".into(), "sync".into(), r, "--name".into(), name.clone()] };
    let run = |args: Vec<String>| b.run_args(&args);

    fails_cleanly(&b, run(sync_args(format!("{anon}/library/busybox:nope"))), 1, "no tag `nope`", &name);
    fails_cleanly(&b, run(sync_args(format!("{anon}/library/nothere:1"))), 1, "library/nothere", &name);
    fails_cleanly(
        &b,
        run(sync_args(format!("{}/private/secret:1.0", dev("BERTH_DEV_REGISTRY_TOKEN")))),
        4,
        "hint:",
        &name,
    );
    fails_cleanly(
        &b,
        run(sync_args(format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_BASIC")))),
        4,
        "--registry-user",
        &name,
    );
    let mut wrong = sync_args(format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_BASIC")));
    wrong.extend(["--registry-user".into(), dev("BERTH_DEV_REGISTRY_BASIC_USER"), "--registry-password-stdin".into()]);
    let out = run_stdin(&b, &wrong.iter().map(String::as_str).collect::<Vec<_>>(), "wrong-password\n");
    fails_cleanly(&b, out, 4, "refused", &name);
    fails_cleanly(&b, run(sync_args("Busy Box:1".into())), 2, "invalid reference", &name);
    // The TLS registry without its CA.
    fails_cleanly(
        &b,
        run(sync_args(format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_TLS")))),
        1,
        "--registry-cacert",
        &name,
    );
    // --name must be a docker name; several references cannot share one.
    b.run(&["image", "sync", &format!("{anon}/library/busybox:1.36"), "--name", "Not A Name"]).code(2);
    b.run(&[
        "image",
        "sync",
        &format!("{anon}/library/busybox:1.36"),
        &format!("{anon}/library/busybox:1.35"),
        "--name",
        "x/y",
    ])
    .code(2);
}

#[test]
fn a_blob_that_does_not_match_its_digest_aborts_and_leaves_nothing() {
    let b = demo();
    let proxy = FaultProxy::start(&format!("http://{}", dev("BERTH_DEV_REGISTRY_ANON")), &["--corrupt-blobs"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out = b.run(&["image", "sync", &format!("{}/library/busybox:1.36", proxy.addr()), "--name", &name]);
    fails_cleanly(&b, out, 1, "sha256", &name);
}

#[test]
fn glance_failing_the_upload_leaves_nothing() {
    // The demo cloud, with Glance reached through the fault proxy (image_endpoint_override).
    let proxy = FaultProxy::start(&dev("BERTH_DEV_IMAGE_URL"), &["--fail-upload", "500"]);
    let b = demo_with(&format!("    image_endpoint_override: http://{}\n", proxy.addr()));
    let name = format!("{}/busybox:1.36", unique("t"));
    let out =
        b.run(&["image", "sync", &format!("{}/library/busybox:1.36", dev("BERTH_DEV_REGISTRY_ANON")), "--name", &name]);
    fails_cleanly(&demo(), out, 1, "HTTP 500", &name);
}

#[test]
fn ctrl_c_during_the_upload_deletes_the_incomplete_image() {
    let b = demo();
    // Blobs trickle in (4 KiB every 20 ms), so the upload is surely under way when SIGINT comes.
    let proxy = FaultProxy::start(&format!("http://{}", dev("BERTH_DEV_REGISTRY_ANON")), &["--slow-blobs", "0.02"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let (code, log) = crate::common::interrupt_once_the_record_exists(
        &b,
        &["image", "sync", &format!("{}/library/busybox:1.36", proxy.addr()), "--name", &name],
    );
    assert_eq!(code, Some(130), "{log}");
    assert!(log.contains("interrupted: deleted the incomplete Glance image"), "{log}");
    assert!(glance_images(&b, &name).is_empty(), "the interrupted image is still in Glance");
}

#[test]
fn a_layer_that_does_not_decompress_to_its_diff_id_fails_before_glance() {
    let b = demo();
    let seed = seed();
    let want = &seed["library/busybox:1.36"];
    let wrong = format!("sha256:{}", "0".repeat(64));
    let reference = push_mixed_image(&format!("{}/broken", unique("t")), Some(&wrong));
    let name = format!("{}/busybox:broken", unique("t"));
    let out = b.run(&["image", "sync", &reference, "--uncompressed-layers", "--name", &name]);
    let message = format!(
        "layer 1 (`{}`) decompresses to `{}`, but the image config's `rootfs.diff_ids[1]` is `{wrong}`",
        want["layers"][1]["digest"].as_str().unwrap(),
        want["diff_ids"][1].as_str().unwrap()
    );
    let out = out.code(1).stderr_has(&message);
    // The first pass runs before the Glance record exists: nothing to delete.
    assert!(!out.stderr.contains("incomplete Glance image"), "{}", out.stderr);
    assert!(glance_images(&b, &name).is_empty());
}

#[test]
fn a_registry_serving_other_bytes_on_the_second_read_aborts_the_upload() {
    let b = demo();
    // Every blob is intact on its first GET, spoiled from its second on: the uncompressed sync's first pass
    // passes, the upload's read of layer 0 does not.
    let proxy =
        FaultProxy::start(&format!("http://{}", dev("BERTH_DEV_REGISTRY_ANON")), &["--corrupt-blobs-from", "2"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let out = b.run(&[
        "image",
        "sync",
        &format!("{}/library/busybox:1.36", proxy.addr()),
        "--uncompressed-layers",
        "--name",
        &name,
    ]);
    let out = out.code(1).stderr_has("was deleted");
    assert!(out.stderr.contains("layer 0") || out.stderr.contains("sha256"), "{}", out.stderr);
    assert!(glance_images(&b, &name).is_empty(), "the aborted image is still in Glance");
}

#[test]
fn an_upload_longer_than_the_http_timeout_still_completes() {
    // Blobs trickle in for about 10 s, so the Glance upload lasts that long: longer than `--http-timeout 4`,
    // which bounds idle reads, not a body still being sent. The token is cached first, so that the short timeout
    // meets only the sync's own requests.
    let b = demo();
    b.run(&["auth", "token"]).ok();
    let proxy = FaultProxy::start(&format!("http://{}", dev("BERTH_DEV_REGISTRY_ANON")), &["--slow-blobs", "0.04"]);
    let name = format!("{}/busybox:1.36", unique("t"));
    let rows = sync(&b, &["--http-timeout", "4", &format!("{}/library/busybox:1.36", proxy.addr()), "--name", &name]);
    assert!(rows[0]["seconds"].as_f64().unwrap() > 4.0, "the upload was not slow enough to test anything: {rows:?}");
    assert_eq!(show(&b, rows[0]["id"].as_str().unwrap())["status"], "active");
}

#[test]
fn timing_lists_the_registry_requests_beside_the_cloud_ones() {
    let b = demo();
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let name = format!("{}/busybox:1.36", unique("t"));
    let out = b.run(&["--timing", "image", "sync", &format!("{anon}/library/busybox:1.36"), "--name", &name]).ok();
    let table = &out.stderr;
    // One table on stderr with the registry's manifest and blob requests and Glance's upload, and a total.
    assert_eq!(table.matches("| total ").count(), 1, "{table}");
    assert!(table.contains(&format!("{anon}/v2/library/busybox/manifests/1.36")), "no manifest request:\n{table}");
    assert!(table.contains(&format!("{anon}/v2/library/busybox/blobs/sha256:")), "no blob request:\n{table}");
    assert!(table.contains("/v2/images/") && table.contains("/file"), "no Glance upload:\n{table}");
    assert!(table.contains("/v3/auth/tokens") || table.contains("/v2/images?"), "no cloud request:\n{table}");
    assert!(out.stdout.contains(&name), "stdout is the summary: {}", out.stdout);
}

#[test]
fn sigterm_and_sighup_during_the_upload_clean_up_as_ctrl_c_does() {
    // What CI runners, systemd and Kubernetes send (TERM) and a closed terminal (HUP): the record is deleted and
    // the exit code is the one shells expect.
    let b = demo();
    let proxy = FaultProxy::start(&format!("http://{}", dev("BERTH_DEV_REGISTRY_ANON")), &["--slow-blobs", "0.02"]);
    for (signal, code, said) in [("TERM", 143, "stopped by SIGTERM"), ("HUP", 129, "stopped by SIGHUP")] {
        let name = format!("{}/busybox:1.36", unique("t"));
        let (got, log) = crate::common::signal_once_the_record_exists(
            &b,
            &["image", "sync", &format!("{}/library/busybox:1.36", proxy.addr()), "--name", &name],
            signal,
        );
        assert_eq!(got, Some(code), "{log}");
        assert!(log.contains(&format!("{said}: deleted the incomplete Glance image")), "{log}");
        assert!(glance_images(&b, &name).is_empty(), "the image stopped by SIG{signal} is still in Glance");
    }
}
