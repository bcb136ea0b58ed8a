//! `berth image sync`: registry -> docker-archive -> Glance in one streamed pass, verified at both ends.
//!
//! For each image: resolve the reference to manifest + config, plan the archive (its exact length is known
//! before any blob byte), create the Glance record, and stream the archive into `PUT /v2/images/{id}/file`
//! while the blobs arrive, checking each blob's sha256 and computing the md5 and sha512 that Glance will report.
//! A record whose upload fails, whose checksums differ, or that is interrupted by Ctrl-C is deleted.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use bytes::Bytes;
use futures_util::StreamExt;
use md5::Md5;
use serde_json::{Value, json};
use sha2::{Digest, Sha512};

use crate::archive::{self, Segment};
pub use crate::cli::Consumer;
use crate::error::{ExitCode, Failure};
use crate::openstack::{Session, glance};
use crate::registry::client::Registry;
use crate::registry::reference::Reference;

#[derive(Debug, Clone)]
pub struct Options {
    pub consumer: Consumer,
    pub name: Option<String>,
    pub visibility: String,
    pub properties: Vec<(String, String)>,
    pub tags: Vec<String>,
    pub command_line: bool,
    pub progress: bool,
}

/// The Glance name, the archive's RepoTags entry and the Glance tags for one image.
#[derive(Debug, Clone, PartialEq)]
pub struct Naming {
    pub glance_name: String,
    pub repo_tag: String,
    pub glance_tags: Vec<String>,
}

pub fn naming(r: &Reference, opts: &Options) -> anyhow::Result<Naming> {
    let mut glance_tags = opts.tags.clone();
    let (glance_name, repo_tag) = match (&opts.name, opts.consumer) {
        (None, Consumer::NovaDocker) => (r.familiar_with_tag(), r.familiar_with_tag()),
        (None, Consumer::Zun) => {
            glance_tags.insert(0, r.tag_or_default().to_string());
            (r.familiar(), r.familiar_with_tag())
        }
        (Some(name), consumer) => {
            // The name becomes a docker name inside the archive, so it must be a valid one.
            let n = crate::registry::reference::parse(name).map_err(|e| {
                Failure::usage(format!("`--name {name}` is not a valid docker image name: {e}"))
                    .hint("container drivers load the image under this name: use `repo` or `repo:tag` in lowercase")
            })?;
            if n.digest.is_some() {
                return Err(Failure::usage(format!("`--name {name}` has a digest; a docker name needs a tag")).into());
            }
            let tag = n.tag.clone().unwrap_or_else(|| r.tag_or_default().to_string());
            let repo = n.familiar();
            match consumer {
                Consumer::NovaDocker => {
                    let full = format!("{repo}:{}", n.tag_or_default());
                    // nova-docker looks the Glance name up in docker: keep it exactly as docker will know it.
                    (if n.tag.is_some() { name.clone() } else { full.clone() }, full)
                }
                Consumer::Zun => {
                    glance_tags.insert(0, tag.clone());
                    (repo.clone(), format!("{repo}:{tag}"))
                }
            }
        }
    };
    glance_tags.dedup();
    Ok(Naming { glance_name, repo_tag, glance_tags })
}

/// The image's Entrypoint + Cmd as one shell command line, for Glance's `os_command_line`.
pub fn command_line(config: &Value) -> Option<String> {
    let c = config.get("config")?;
    let words: Vec<String> = ["Entrypoint", "Cmd"]
        .iter()
        .filter_map(|k| c.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|v| v.as_str().map(shell_quote))
        .collect();
    if words.is_empty() { None } else { Some(words.join(" ")) }
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `berth image sync`: every reference, every resolved platform; failures are reported and the others go on.
pub async fn run(ctx: &mut super::Ctx<'_>, references: &[String], registry_args: &crate::cli::RegistryArgs, opts: Options) -> anyhow::Result<()> {
    if opts.name.is_some() && references.len() > 1 {
        return Err(Failure::usage("`--name` names one image, but several references were given")
            .hint("sync them one by one, each with its own `--name`")
            .into());
    }
    // Parse every reference before any transfer: a typo fails fast.
    let refs: Vec<Reference> = references.iter().map(|r| crate::registry::reference::parse(r)).collect::<anyhow::Result<_>>()?;
    let reg_opts = super::registry::options(&registry_args.access, ctx)?;
    let session = ctx.session().await?;
    let settings = ctx.out.settings().clone();
    let pending: Pending = Arc::default();

    let work = async {
        let mut done = Vec::new();
        let mut failed: Vec<anyhow::Error> = Vec::new();
        for r in &refs {
            let result = async {
                let registry = Arc::new(Registry::new(&r.registry, reg_opts.clone())?);
                let images = registry.resolve(r, &registry_args.platform, registry_args.all_platforms).await?;
                let mut synced = Vec::new();
                for image in &images {
                    synced.push(sync_image(&session, &registry, image, &opts, &pending).await?);
                }
                anyhow::Ok(synced)
            }
            .await;
            match result {
                Ok(s) => done.extend(s),
                Err(e) => failed.push(e.context(format!("cannot sync `{r}`"))),
            }
        }
        (done, failed)
    };
    let (done, mut failed) = tokio::select! {
        r = work => r,
        _ = tokio::signal::ctrl_c() => {
            let mut deleted = Vec::new();
            let ids: Vec<String> = pending.lock().unwrap().clone();
            for id in ids {
                match glance::delete(&session, &id).await {
                    Ok(()) => deleted.push(format!("deleted the incomplete Glance image `{id}`")),
                    Err(_) => deleted.push(format!("could not delete the incomplete Glance image `{id}`: `openstack image delete {id}`")),
                }
            }
            let what = if deleted.is_empty() { "nothing was left behind".to_string() } else { deleted.join("; ") };
            return Err(Failure::new(ExitCode::Interrupted, format!("interrupted: {what}")).into());
        }
    };
    let mut list = crate::output::List::new(COLUMNS);
    for s in &done {
        list.row(row(s));
    }
    if !done.is_empty() || failed.is_empty() {
        ctx.out.list(&list)?;
    }
    match (done.len(), failed.len()) {
        (_, 0) => Ok(()),
        (0, 1) => Err(failed.remove(0)),
        (ok, n) => {
            for e in &failed {
                crate::error::render(e, &settings, &mut std::io::stderr());
            }
            let code = if ok == 0 { crate::error::exit_code(&failed[0]) } else { ExitCode::Partial };
            Err(Failure::new(code, format!("{n} of {} references failed to sync", refs.len())).into())
        }
    }
}

/// One synced image, for the output row.
#[derive(Debug, Clone)]
pub struct Synced {
    pub name: String,
    pub id: String,
    pub digest: String,
    pub platform: String,
    pub size: u64,
    pub seconds: f64,
}

/// Glance IDs created and not yet complete: deleted when the command fails or is interrupted.
pub type Pending = Arc<Mutex<Vec<String>>>;

struct Hashes {
    md5: String,
    sha512: String,
    bytes: u64,
}

/// Sync one resolved image into Glance.
pub async fn sync_image(
    session: &Session,
    registry: &Arc<Registry>,
    image: &crate::registry::client::Image,
    opts: &Options,
    pending: &Pending,
) -> anyhow::Result<Synced> {
    let start = Instant::now();
    let names = naming(&image.reference, opts)?;
    let layers: Vec<archive::Layer> =
        image.layers.iter().map(|d| archive::Layer { digest: d.digest.clone(), size: d.size }).collect();
    let plan = archive::Plan::new(&image.config, &image.config_digest, &layers, std::slice::from_ref(&names.repo_tag))?;
    let config: Value = serde_json::from_slice(&image.config)?;

    let mut props = BTreeMap::new();
    props.insert("berth_source".to_string(), image.reference.to_string());
    props.insert("berth_manifest_digest".to_string(), image.manifest_digest.clone());
    props.insert("berth_config_digest".to_string(), image.config_digest.clone());
    props.insert("berth_repo_tag".to_string(), names.repo_tag.clone());
    props.insert("berth_platform".to_string(), image.platform.to_string());
    if let Some(index) = &image.index_digest {
        props.insert("berth_index_digest".to_string(), index.clone());
    }
    props.insert("architecture".to_string(), image.platform.glance_architecture().to_string());
    props.insert("os_type".to_string(), image.platform.os.clone());
    if opts.command_line {
        if let Some(cl) = command_line(&config) {
            props.insert("os_command_line".to_string(), cl);
        }
    }
    for (k, v) in &opts.properties {
        props.insert(k.clone(), v.clone());
    }
    let new = glance::NewImage { name: names.glance_name.clone(), visibility: opts.visibility.clone(), tags: names.glance_tags.clone(), properties: props };

    let record = glance::create(session, &new).await?;
    pending.lock().unwrap().push(record.id.clone());
    let result = upload_and_verify(session, registry, image, &plan, &record.id, opts).await;
    match result {
        Ok(size) => {
            pending.lock().unwrap().retain(|id| id != &record.id);
            Ok(Synced {
                name: names.glance_name,
                id: record.id,
                digest: image.manifest_digest.clone(),
                platform: image.platform.to_string(),
                size,
                seconds: start.elapsed().as_secs_f64(),
            })
        }
        Err(e) => {
            let cleanup = glance::delete(session, &record.id).await;
            pending.lock().unwrap().retain(|id| id != &record.id);
            Err(match cleanup {
                Ok(()) => e.context(format!("syncing `{}` failed; the incomplete Glance image `{}` was deleted", image.reference, record.id)),
                Err(d) => e.context(format!(
                    "syncing `{}` failed and the incomplete Glance image `{}` could not be deleted ({d:#}): delete it with `openstack image delete {}`",
                    image.reference, record.id, record.id
                )),
            })
        }
    }
}

async fn upload_and_verify(
    session: &Session,
    registry: &Arc<Registry>,
    image: &crate::registry::client::Image,
    plan: &archive::Plan,
    id: &str,
    opts: &Options,
) -> anyhow::Result<u64> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let bar = progress_bar(opts.progress, plan.len(), &image.reference.familiar_with_tag());
    let producer = tokio::spawn(produce(
        plan.segments().to_vec(),
        image.layers.iter().map(|d| d.digest.clone()).collect(),
        image.reference.repository.clone(),
        registry.clone(),
        tx,
        bar.clone(),
    ));
    let body = reqwest::Body::wrap_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }));
    let uploaded = glance::upload(session, id, body, plan.len()).await;
    let produced = producer.await.map_err(|e| anyhow::anyhow!("the archive writer stopped: {e}"))?;
    bar.finish_and_clear();
    // Whichever side failed first is the cause: a digest mismatch or registry failure aborts the upload, and a
    // Glance failure makes the writer stop because nobody reads any more.
    let hashes = match (produced, uploaded) {
        (Err(e), Err(up)) if e.is::<ReaderGone>() => return Err(up),
        (Err(e), _) => return Err(e),
        (Ok(_), Err(up)) => return Err(up),
        (Ok(h), Ok(())) => h,
    };
    if hashes.bytes != plan.len() {
        anyhow::bail!("wrote {} bytes of a {}-byte archive", hashes.bytes, plan.len());
    }
    let img = glance::get(session, id).await?;
    let checksum = img.extra.get("checksum").and_then(Value::as_str).unwrap_or_default().to_string();
    let hash_algo = img.property("os_hash_algo").unwrap_or_default();
    let hash_value = img.property("os_hash_value").unwrap_or_default();
    if img.status != "active" {
        return Err(Failure::new(ExitCode::Failure, format!("Glance left image `{id}` in status `{}` after the upload", img.status)).into());
    }
    if checksum != hashes.md5 {
        return Err(Failure::new(ExitCode::Failure, format!("Glance's checksum `{checksum}` of image `{id}` differs from berth's `{}`", hashes.md5)).into());
    }
    if hash_algo == "sha512" && hash_value != hashes.sha512 {
        return Err(Failure::new(ExitCode::Failure, format!("Glance's sha512 of image `{id}` differs from what berth sent")).into());
    }
    if img.size != Some(plan.len()) {
        return Err(Failure::new(ExitCode::Failure, format!("Glance stored {:?} bytes for image `{id}`, berth sent {}", img.size, plan.len())).into());
    }
    Ok(plan.len())
}

/// The upload ended before the archive was written: the reason is on the upload's side.
#[derive(Debug)]
struct ReaderGone;

impl std::fmt::Display for ReaderGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Glance stopped reading the upload")
    }
}

impl std::error::Error for ReaderGone {}

/// Write the archive into the channel: bytes segments as they are, blob segments streamed from the registry
/// (each verified by the registry client). On failure the body stream gets an error too, so the upload aborts.
async fn produce(
    segments: Vec<Segment>,
    digests: Vec<String>,
    repository: String,
    registry: Arc<Registry>,
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    bar: indicatif::ProgressBar,
) -> anyhow::Result<Hashes> {
    let mut md5 = Md5::new();
    let mut sha = Sha512::new();
    let mut bytes = 0u64;
    let result: anyhow::Result<()> = async {
        for seg in segments {
            match seg {
                Segment::Bytes(b) => {
                    md5.update(&b);
                    sha.update(&b);
                    bytes += b.len() as u64;
                    bar.inc(b.len() as u64);
                    tx.send(Ok(Bytes::from(b))).await.map_err(|_| ReaderGone)?;
                }
                Segment::Blob { layer, size } => {
                    let mut stream = Box::pin(registry.blob(&repository, &digests[layer], size).await?);
                    while let Some(chunk) = stream.next().await {
                        let chunk = chunk?;
                        md5.update(&chunk);
                        sha.update(&chunk);
                        bytes += chunk.len() as u64;
                        bar.inc(chunk.len() as u64);
                        tx.send(Ok(chunk)).await.map_err(|_| ReaderGone)?;
                    }
                }
            }
        }
        Ok(())
    }
    .await;
    if let Err(e) = result {
        let _ = tx.send(Err(std::io::Error::other(format!("{e:#}")))).await;
        return Err(e);
    }
    Ok(Hashes { md5: format!("{:x}", md5.finalize()), sha512: format!("{:x}", sha.finalize()), bytes })
}

fn progress_bar(show: bool, len: u64, name: &str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{prefix:.bold} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(name.to_string());
    bar
}

/// The output row of a synced image.
pub fn row(s: &Synced) -> Vec<Value> {
    vec![json!(s.name), json!(s.id), json!(s.digest), json!(s.platform), json!(s.size), json!((s.seconds * 100.0).round() / 100.0)]
}

pub const COLUMNS: &[&str] = &["name", "id", "digest", "platform", "size", "seconds"];

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(consumer: Consumer, name: Option<&str>) -> Options {
        Options {
            consumer,
            name: name.map(str::to_string),
            visibility: "private".into(),
            properties: vec![],
            tags: vec!["extra".into()],
            command_line: true,
            progress: false,
        }
    }

    fn r(s: &str) -> Reference {
        crate::registry::reference::parse(s).unwrap()
    }

    #[test]
    fn nova_docker_names_the_image_as_docker_does() {
        let n = naming(&r("busybox:1.36"), &opts(Consumer::NovaDocker, None)).unwrap();
        assert_eq!(n, Naming { glance_name: "busybox:1.36".into(), repo_tag: "busybox:1.36".into(), glance_tags: vec!["extra".into()] });
        let n = naming(&r("127.0.0.1:5001/library/busybox"), &opts(Consumer::NovaDocker, None)).unwrap();
        assert_eq!(n.glance_name, "127.0.0.1:5001/library/busybox:latest");
        assert_eq!(n.repo_tag, n.glance_name);
    }

    #[test]
    fn zun_names_by_repo_and_tags_by_docker_tag() {
        let n = naming(&r("docker.io/library/busybox:1.36"), &opts(Consumer::Zun, None)).unwrap();
        assert_eq!(n, Naming { glance_name: "busybox".into(), repo_tag: "busybox:1.36".into(), glance_tags: vec!["1.36".into(), "extra".into()] });
    }

    #[test]
    fn explicit_names() {
        let n = naming(&r("busybox:1.36"), &opts(Consumer::NovaDocker, Some("tools/bb"))).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb:latest", "tools/bb:latest"));
        let n = naming(&r("busybox:1.36"), &opts(Consumer::NovaDocker, Some("tools/bb:v1"))).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb:v1", "tools/bb:v1"));
        let n = naming(&r("busybox:1.36"), &opts(Consumer::Zun, Some("tools/bb"))).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb", "tools/bb:1.36"));
        let e = naming(&r("busybox"), &opts(Consumer::NovaDocker, Some("Bad Name"))).unwrap_err();
        assert_eq!(crate::error::exit_code(&e), ExitCode::Usage);
    }

    #[test]
    fn command_line_joins_entrypoint_and_cmd_quoted() {
        let c = json!({"config": {"Entrypoint": ["/bin/sh", "-c"], "Cmd": ["echo it's up; sleep 1"]}});
        assert_eq!(command_line(&c).unwrap(), r"/bin/sh -c 'echo it'\''s up; sleep 1'");
        assert_eq!(command_line(&json!({"config": {"Cmd": ["sh"]}})).unwrap(), "sh");
        assert!(command_line(&json!({"config": {}})).is_none());
    }
}
