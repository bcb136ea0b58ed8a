//! `image sync --from-daemon`: images of the local Docker engine into Glance, for images built locally and
//! never pushed, under the naming, verification and versioning of a registry sync.
//!
//! Each image is inspected (ID, tags, platform, Entrypoint + Cmd, diff_ids) and named like a registry image
//! (`--for`, `--name`). When the current version under that name already has its image ID, it is `up to date`:
//! no transfer. Otherwise a Glance record is created and the engine's `docker save` of the image *by ID* streams
//! into its upload through [`crate::retag::Retag`], which names it and checks its config and every layer against
//! the inspected image; then Glance's md5, sha512 and size must equal what was sent. A failure or Ctrl-C deletes
//! the record. The archive's length is not known before it is written, so the upload is chunked.
//!
//! The engine's layers are plain tars (`berth_layers=uncompressed`). The engine's tags are never changed.

use std::time::Instant;

use bytes::Bytes;
use futures_util::StreamExt;
use serde_json::json;

use super::settle::{self, settle};
use super::version::{self, Made};
use super::{Failed, Options, Outcome, Synced, check_properties};
use crate::docker::{Engine, LocalImage};
use crate::error::Failure;
use crate::feedback::Feedback;
use crate::image::destination::Destination;
use crate::image::naming::{Naming, command_line};
use crate::image::provenance::{self as prov, Layers, Provenance, Recorded};
use crate::image::retag::{Expected, Retag};
use crate::image::upload::{self, Writer, until_interrupted};
use crate::openstack::glance;
use crate::registry::reference::{self, Reference};

/// What the user asked for: a local image name, or an image ID.
#[derive(Debug, Clone, PartialEq)]
pub enum Wanted {
    Name(Reference),
    /// `sha256:<hex>` or the hex alone, full or a prefix.
    Id(String),
}

/// A local image argument, checked before the engine is asked (it becomes part of an API path).
fn wanted(arg: &str) -> anyhow::Result<Wanted> {
    let is_hex = |s: &str| !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if let Some(hex) = arg.strip_prefix("sha256:") {
        if !is_hex(hex) {
            return Err(Failure::usage(format!("`{arg}` is not an image ID"))
                .hint("an ID is `sha256:` and up to 64 lowercase hex digits, as `docker images --no-trunc` shows")
                .into());
        }
        return Ok(Wanted::Id(arg.to_string()));
    }
    // Docker reads 64 hex digits as an ID, never as a name.
    if arg.len() == 64 && is_hex(arg) {
        return Ok(Wanted::Id(arg.to_string()));
    }
    Ok(Wanted::Name(reference::parse(arg)?))
}

/// True when the engine found `arg` as a prefix of the image's ID rather than as a name (`docker inspect 4d35`).
fn found_by_id(arg: &str, image: &LocalImage) -> bool {
    let hex = image.id.strip_prefix("sha256:").unwrap_or(&image.id);
    arg.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && hex.starts_with(arg)
        && !image.repo_tags.contains(&format!("{arg}:latest"))
}

/// The reference the Glance and docker names derive from: the name asked for; for an ID, `--name`, else the
/// image's only tag. The flag is true when the image was asked for by ID.
fn naming_reference(arg: &str, want: &Wanted, image: &LocalImage, opts: &Options) -> anyhow::Result<(Reference, bool)> {
    if let Wanted::Name(r) = want
        && !(r.tag.is_none() && r.digest.is_none() && found_by_id(arg, image))
    {
        return Ok((r.clone(), false));
    }
    naming_id(arg, image, opts).map(|r| (r, true))
}

fn naming_id(arg: &str, image: &LocalImage, opts: &Options) -> anyhow::Result<Reference> {
    if let Some(name) = &opts.name {
        return reference::parse(name);
    }
    match image.repo_tags.as_slice() {
        [one] => reference::parse(one),
        tags => Err(Failure::usage(format!(
            "`{arg}` is an image ID and the image has {}: berth cannot tell which name to give it",
            if tags.is_empty() { "no tag".to_string() } else { format!("{} tags ({})", tags.len(), tags.join(", ")) }
        ))
        .hint("name it with `--name repo:tag`")
        .into()),
    }
}

/// The arguments checked without any request: `--name` names one image, `--property` keys are settable, each
/// argument is a name or an ID.
pub fn prepare(images: &[String], opts: &Options) -> anyhow::Result<Vec<Wanted>> {
    super::check_one_name(opts, images.len(), "images", "sync them one by one, each with its own `--name`")?;
    check_properties(opts.properties.iter().map(|(k, _)| k.as_str()))?;
    images.iter().map(|i| wanted(i)).collect()
}

/// `berth image sync --from-daemon IMAGE...`: every image, one after another, to every destination; failures are
/// rows, the others go on. Ctrl-C deletes the Glance records not yet complete.
pub async fn run(
    dests: &[Destination],
    feedback: &Feedback,
    engine: &Engine,
    images: &[String],
    wanted: &[Wanted],
    opts: &Options,
) -> anyhow::Result<Outcome> {
    let work = async {
        let mut rows = Vec::new();
        for (arg, want) in images.iter().zip(wanted) {
            let failed = |destination: Option<&Destination>, e: anyhow::Error| {
                let at = match destination {
                    Some(d) if dests.len() > 1 => format!(" to `{}`", d.label),
                    _ => String::new(),
                };
                Failed {
                    what: arg.clone(),
                    name: None,
                    platform: None,
                    destination: destination.map(|d| d.label.clone()),
                    error: e.context(format!("cannot sync `{arg}` from the Docker engine{at}")),
                }
            };
            match sync_one(dests, feedback, engine, arg, want, opts).await {
                Ok(per_dest) => rows.extend(per_dest.into_iter().zip(dests).map(|(synced, dest)| {
                    synced
                        .map(|s| Synced { source: format!("docker-daemon:{arg}"), ..s })
                        .map_err(|e| failed(Some(dest), e))
                })),
                Err(e) => rows.push(Err(failed(None, e))),
            }
        }
        rows
    };
    let rows = until_interrupted(dests, work).await?;
    Ok(Outcome { rows, planned: images.len(), dry_run: false, mirror: vec![] })
}

/// One local image into every destination (a result each, in order), or the version that already has it there;
/// `docker save` runs once for all those that need it. Fails as a whole when the engine cannot give the image.
async fn sync_one(
    dests: &[Destination],
    feedback: &Feedback,
    engine: &Engine,
    arg: &str,
    want: &Wanted,
    opts: &Options,
) -> anyhow::Result<Vec<anyhow::Result<Synced>>> {
    let start = Instant::now();
    let image = engine.inspect(arg).await?;
    let (r, by_id) = naming_reference(arg, want, &image, opts)?;
    let names = opts.names(&r)?;
    let platform = image.platform.to_string();
    let mut results: Vec<Option<anyhow::Result<Synced>>> = dests.iter().map(|_| None).collect();
    if !opts.force {
        // The same image ID is the same image, wherever the version came from.
        let same = |i: &&glance::Image| {
            i.status == "active"
                && i.property(prov::CONFIG_DIGEST) == Some(image.id.as_str())
                && i.platform() == Some(platform.as_str())
        };
        for (dest, result) in dests.iter().zip(&mut results) {
            let settled = async {
                let visible = settle::visible(dest, &names, false).await?;
                if !visible.iter().any(|i| i.status == "active") {
                    return Ok(None);
                }
                settle(dest, false, &names, opts, &visible, same, start, false).await
            };
            match settled.await {
                Ok(Some(mut rows)) => *result = Some(Ok(rows.remove(0))),
                Ok(None) => {}
                Err(e) => *result = Some(Err(e)),
            }
        }
    }
    let todo: Vec<&Destination> = dests.iter().zip(&results).filter(|(_, r)| r.is_none()).map(|(d, _)| d).collect();
    if !todo.is_empty() {
        let made = transfer(&todo, feedback, engine, &image, (&r, by_id), &names, opts, start).await;
        let mut made = made.into_iter();
        for result in results.iter_mut().filter(|r| r.is_none()) {
            *result = made.next();
        }
    }
    Ok(results.into_iter().map(|r| r.unwrap_or_else(|| Err(anyhow::anyhow!("no result")))).collect())
}

/// The engine's archive of `image` into a new version at each of `todo`, `docker save` streamed once to all.
#[allow(clippy::too_many_arguments)] // the pieces of one sync, each owned by its caller
async fn transfer(
    todo: &[&Destination],
    feedback: &Feedback,
    engine: &Engine,
    image: &LocalImage,
    (r, by_id): (&Reference, bool),
    names: &Naming,
    opts: &Options,
    start: Instant,
) -> Vec<anyhow::Result<Synced>> {
    let platform = image.platform.to_string();
    let same = |i: &glance::Image| {
        i.property(prov::CONFIG_DIGEST) == Some(image.id.as_str()) && i.platform() == Some(platform.as_str())
    };
    let provenance = provenance(image, r, by_id, names, opts);
    let record = glance::NewImage {
        id: None,
        hidden: true,
        name: names.glance_name.clone(),
        visibility: opts.visibility.clone(),
        tags: names.glance_tags.clone(),
        properties: provenance.properties(&opts.properties),
    };
    let what = provenance.source.clone();
    let version = version::Image { names, platform: &platform, record, what: &what };
    let transfer = |records: Vec<_>| async move {
        // The engine's size of the image is a little less than its archive's: the bar's total grows as need be.
        let bar = feedback.bar(image.size.max(1), &names.repo_tag);
        let expected =
            Expected { image_id: image.id.clone(), diff_ids: image.diff_ids.clone(), repo_tag: names.repo_tag.clone() };
        let (save, retag) = (engine.save(&image.id), Retag::new(expected));
        upload::deliver(&records, &bar, None, |w| produce(save, retag, w)).await
    };
    let made = version::make(todo, feedback, &version, same, opts.force, start, transfer).await;
    made.into_iter()
        .zip(todo)
        .map(|(made, dest)| {
            Ok(match made? {
                Made::There(row) => row,
                Made::New(id, size) => Synced {
                    source: String::new(),
                    destination: dest.label.clone(),
                    name: names.glance_name.clone(),
                    id,
                    digest: image.id.clone(),
                    platform: platform.clone(),
                    size: Some(size),
                    seconds: start.elapsed().as_secs_f64(),
                    status: "synced",
                },
            })
        })
        .collect()
}

/// What berth records about a local image: its name as docker shows it (or its ID) as the source, the image ID
/// as config digest, the registry digest the engine knows, plain-tar layers.
fn provenance(image: &LocalImage, r: &Reference, by_id: bool, names: &Naming, opts: &Options) -> Provenance {
    // What was asked for: the image's name as docker shows it, or its ID.
    let source = match (&r.digest, by_id) {
        (_, true) => image.id.clone(),
        (Some(d), false) => format!("{}@{d}", r.familiar()),
        (None, false) => r.familiar_with_tag(),
    };
    Provenance {
        source: format!("docker-daemon:{source}"),
        manifest_digest: None,
        config_digest: image.id.clone(),
        index_digest: None,
        repo_digest: repo_digest(image, r),
        repo_tag: names.repo_tag.clone(),
        platform: image.platform.clone(),
        layers: Layers::Uncompressed,
        command_line: if opts.command_line {
            command_line(&json!({"config": {"Entrypoint": image.entrypoint, "Cmd": image.cmd}}))
        } else {
            None
        },
    }
}

/// The digest of the image in its registry, when the engine recorded one for the repository it is named after
/// (`docker pull` and `docker push` do): a manifest's, or a manifest list's for a multi-platform pull, so it is
/// kept apart from `berth_manifest_digest`.
fn repo_digest(image: &LocalImage, r: &Reference) -> Option<String> {
    image.repo_digests.iter().find_map(|rd| {
        let (repo, digest) = rd.split_once('@')?;
        let repo = reference::parse(repo).ok()?;
        (repo.familiar() == r.familiar()).then(|| digest.to_string())
    })
}

/// The engine's archive through [`Retag`] into the upload: renamed, and checked before its end is written.
async fn produce(
    save: impl futures_core::Stream<Item = anyhow::Result<Bytes>> + Send + 'static,
    mut retag: Retag,
    mut w: Writer,
) -> anyhow::Result<Writer> {
    let mut save = std::pin::pin!(save);
    let mut out = Vec::new();
    while let Some(chunk) = save.next().await {
        retag.push(chunk?, &mut out)?;
        for piece in out.drain(..) {
            w.send(piece).await?;
        }
    }
    w.send(Bytes::from(retag.finish()?)).await?;
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitCode;
    use crate::registry::Platform;

    fn image(id_hex: &str, tags: &[&str]) -> LocalImage {
        LocalImage {
            id: format!("sha256:{id_hex}"),
            repo_tags: tags.iter().map(|t| t.to_string()).collect(),
            repo_digests: vec![],
            platform: Platform::linux_amd64(),
            entrypoint: vec![],
            cmd: vec![],
            diff_ids: vec![],
            size: 0,
        }
    }

    fn opts(name: Option<&str>) -> Options {
        Options {
            consumer: crate::image::naming::Consumer::NovaDocker,
            name: name.map(str::to_string),
            visibility: "private".into(),
            properties: vec![],
            tags: vec![],
            command_line: true,
            uncompressed_layers: false,
            force: false,
        }
    }

    #[test]
    fn arguments_are_names_or_ids() {
        let hex = "4d359dc2cfdbd5b152ac3131feab0af493de01d7398ba04b29b7ee56c4290298";
        assert_eq!(wanted(hex).unwrap(), Wanted::Id(hex.into()));
        assert_eq!(wanted(&format!("sha256:{}", &hex[..12])).unwrap(), Wanted::Id(format!("sha256:{}", &hex[..12])));
        assert!(matches!(wanted("myapp:dev").unwrap(), Wanted::Name(r) if r.familiar_with_tag() == "myapp:dev"));
        for bad in ["sha256:XYZ", "sha256:", "../containers/x", "My App", "a?b"] {
            assert_eq!(crate::error::exit_code(&wanted(bad).unwrap_err()), ExitCode::Usage, "{bad}");
        }
    }

    #[test]
    fn an_id_takes_its_name_from_name_or_its_only_tag() {
        let hex = "4d359dc2cfdbd5b152ac3131feab0af493de01d7398ba04b29b7ee56c4290298";
        let one = image(hex, &["team/app:v1"]);
        let by = |arg: &str, img: &LocalImage, name: Option<&str>| {
            naming_reference(arg, &wanted(arg).unwrap(), img, &opts(name)).map(|r| r.0.familiar_with_tag())
        };
        assert_eq!(by(hex, &one, None).unwrap(), "team/app:v1");
        assert_eq!(by("4d359dc2cfdb", &one, None).unwrap(), "team/app:v1", "a short ID the engine resolved");
        assert_eq!(by("4d359dc2cfdb", &one, Some("other:2")).unwrap(), "other:2");
        let e = by(hex, &image(hex, &["a:1", "b:2"]), None).unwrap_err();
        assert_eq!(crate::error::exit_code(&e), ExitCode::Usage);
        assert!(e.to_string().contains("2 tags (a:1, b:2)"), "{e}");
        assert!(by(hex, &image(hex, &[]), None).unwrap_err().to_string().contains("has no tag"));
        // A name is a name, even one made of hex digits, when the engine found it as a name.
        assert_eq!(by("cafe", &image("cafe00", &["cafe:latest"]), None).unwrap(), "cafe:latest");
        assert_eq!(by("myapp:dev", &one, None).unwrap(), "myapp:dev");
    }

    #[test]
    fn the_repo_digest_of_the_repository_named() {
        let mut img = image("00", &["busybox:1.36"]);
        img.repo_digests = vec!["127.0.0.1:5001/x@sha256:aa".into(), "busybox@sha256:bb".into()];
        assert_eq!(repo_digest(&img, &reference::parse("busybox:1.36").unwrap()).as_deref(), Some("sha256:bb"));
        assert_eq!(
            repo_digest(&img, &reference::parse("docker.io/library/busybox").unwrap()).as_deref(),
            Some("sha256:bb")
        );
        assert_eq!(repo_digest(&img, &reference::parse("other:1").unwrap()), None);
    }
}
