//! One registry image into Glance in one streamed pass: plan the docker-archive (its exact length known before any
//! blob byte), create the record, stream the blobs into it as they arrive (each blob's digest checked by the
//! registry client), verify what Glance stored.
//!
//! With `--uncompressed-layers`, a first pass (before the Glance record exists) streams each gzip layer, gunzips
//! it on the fly and keeps only its size and sha256, which must be the config's diff_id; the plan then has the
//! exact length of the archive with plain-tar layers, and the upload streams each blob again, gunzipping it into
//! the archive and checking size and diff_id once more (a registry could serve other bytes the second time).
//! Neither pass keeps a layer in memory or on disk.

use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use futures_util::StreamExt;
use serde_json::Value;

use super::version::{self, Made};
use super::{Options, Synced};
use crate::error::{ExitCode, Failure};
use crate::feedback::Feedback;
use crate::image::archive::{self, LayerCheck, Segment, gunzipped, is_gzip};
use crate::image::destination::Destination;
use crate::image::naming::{Naming, command_line};
use crate::image::provenance::Recorded;
use crate::image::provenance::{Layers, Provenance};
use crate::image::upload::{self, Writer};
use crate::openstack::glance;
use crate::registry::client::{Image, Registry};

/// What each `layer.tar` holds under these options.
pub fn layers(opts: &Options) -> Layers {
    if opts.uncompressed_layers { Layers::Uncompressed } else { Layers::Compressed }
}

/// Sync one resolved image into every destination of `dests` (a result each, in order), reading it from the
/// registry once. Where another berth is making the same version at the same time, wait for it: if it made this
/// content, that is `up to date`; else this one makes the next version there. Fails as a whole when the image
/// cannot be read (before any destination got anything).
pub async fn sync_image(
    dests: &[&Destination],
    feedback: &Feedback,
    registry: &Arc<Registry>,
    image: &Image,
    opts: &Options,
) -> anyhow::Result<Vec<anyhow::Result<Synced>>> {
    let start = Instant::now();
    let names = opts.names(&image.reference)?;
    let archive = Archive::plan(feedback, registry, image, &names, opts).await?;
    let platform = image.platform.to_string();
    let layers = self::layers(opts).as_str();
    let same = |i: &glance::Image| {
        i.property(crate::image::provenance::MANIFEST_DIGEST) == Some(image.manifest_digest.as_str())
            && i.platform() == Some(platform.as_str())
            && i.layers() == layers
    };
    let what = image.reference.to_string();
    let version = version::Image {
        names: &names,
        platform: &platform,
        record: record(image, opts, &names, &archive),
        what: &what,
    };
    let archive = &archive;
    let transfer = move |records: Vec<_>| async move {
        let plan = &archive.plan;
        let bar = feedback.bar(plan.len(), &image.reference.familiar_with_tag());
        let (segments, layers, diff_ids) = (plan.segments().to_vec(), archive.layers.clone(), archive.diff_ids.clone());
        let (repository, registry) = (image.reference.repository.clone(), registry.clone());
        let produce = |w| produce(segments, layers, diff_ids, repository, registry, w);
        upload::deliver(&records, &bar, Some(plan.len()), produce).await
    };
    let made = version::make(dests, feedback, &version, same, opts.force, start, transfer).await;
    Ok(made
        .into_iter()
        .zip(dests)
        .map(|(made, dest)| {
            Ok(match made? {
                Made::There(row) => row,
                Made::New(id, size) => Synced {
                    source: String::new(),
                    destination: dest.label.clone(),
                    name: names.glance_name.clone(),
                    id,
                    digest: image.manifest_digest.clone(),
                    platform: platform.clone(),
                    size: Some(size),
                    seconds: start.elapsed().as_secs_f64(),
                    status: "synced",
                },
            })
        })
        .collect())
}

/// The length of the archive `image` gives with its layers as stored (what Glance would hold).
pub fn archive_len(image: &Image, names: &Naming) -> anyhow::Result<u64> {
    let stored: Vec<archive::Layer> = image.layers.iter().map(|d| archive::Layer::stored(&d.digest, d.size)).collect();
    Ok(archive::Plan::new(&image.config, &image.config_digest, &stored, std::slice::from_ref(&names.repo_tag))?.len())
}

/// The archive of an image, planned: its segments, layers as they go into it, and the config's diff_ids.
struct Archive {
    plan: archive::Plan,
    layers: Vec<archive::Layer>,
    diff_ids: Vec<String>,
    command_line: Option<String>,
}

impl Archive {
    /// Plan the archive; with uncompressed layers after a first pass that measures them.
    async fn plan(
        feedback: &Feedback,
        registry: &Registry,
        image: &Image,
        names: &Naming,
        opts: &Options,
    ) -> anyhow::Result<Archive> {
        let repo_tags = std::slice::from_ref(&names.repo_tag);
        let stored: Vec<archive::Layer> =
            image.layers.iter().map(|d| archive::Layer::stored(&d.digest, d.size)).collect();
        // Planned with the layers as stored first: this checks config, diff_ids and names before any layer is read.
        let mut plan = archive::Plan::new(&image.config, &image.config_digest, &stored, repo_tags)?;
        let config: Value = serde_json::from_slice(&image.config)?;
        let diff_ids: Vec<String> = (0..image.layers.len())
            .map(|i| config["rootfs"]["diff_ids"][i].as_str().unwrap_or_default().to_string())
            .collect();
        let layers = if opts.uncompressed_layers {
            let layers = measure_layers(feedback, registry, image, &diff_ids).await?;
            plan = archive::Plan::new(&image.config, &image.config_digest, &layers, repo_tags)?;
            layers
        } else {
            stored
        };
        let command_line = if opts.command_line { command_line(&config) } else { None };
        Ok(Archive { plan, layers, diff_ids, command_line })
    }
}

/// The record of a new version of `image` (hidden until verified), its provenance recorded.
fn record(image: &Image, opts: &Options, names: &Naming, archive: &Archive) -> glance::NewImage {
    let provenance = Provenance {
        source: image.reference.to_string(),
        manifest_digest: Some(image.manifest_digest.clone()),
        config_digest: image.config_digest.clone(),
        index_digest: image.index_digest.clone(),
        repo_digest: None,
        repo_tag: names.repo_tag.clone(),
        platform: image.platform.clone(),
        layers: self::layers(opts),
        command_line: archive.command_line.clone(),
    };
    glance::NewImage {
        id: None,
        hidden: true,
        name: names.glance_name.clone(),
        visibility: opts.visibility.clone(),
        tags: names.glance_tags.clone(),
        properties: provenance.properties(&opts.properties),
    }
}

type BlobStream = std::pin::Pin<Box<dyn futures_core::Stream<Item = anyhow::Result<Bytes>> + Send>>;

/// Write the archive: bytes segments as they are, blob segments streamed from the registry (each verified by the
/// registry client), gunzipped for uncompressed layers (checked against the first pass's size and the diff_id).
async fn produce(
    segments: Vec<Segment>,
    layers: Vec<archive::Layer>,
    diff_ids: Vec<String>,
    repository: String,
    registry: Arc<Registry>,
    mut w: Writer,
) -> anyhow::Result<Writer> {
    for seg in segments {
        match seg {
            Segment::Bytes(b) => w.send(Bytes::from(b)).await?,
            Segment::Blob { layer, size } => {
                let l = &layers[layer];
                let blob = registry.blob(&repository, &l.digest, l.size).await?;
                let mut stream: BlobStream = if l.uncompressed_size.is_some() {
                    let (digest, diff_id) = (l.digest.clone(), diff_ids[layer].clone());
                    Box::pin(gunzipped(blob, LayerCheck { index: layer, digest, diff_id, planned: Some(size) }))
                } else {
                    Box::pin(blob)
                };
                while let Some(chunk) = stream.next().await {
                    w.send(chunk?).await?;
                }
            }
        }
    }
    Ok(w)
}

/// The first pass of `--uncompressed-layers`: every gzip layer streamed from the registry (its digest verified),
/// gunzipped and counted, its sha256 checked against the config's diff_id; nothing of it kept. Plain-tar layers
/// stay as stored: their digest must be their diff_id.
async fn measure_layers(
    feedback: &Feedback,
    registry: &Registry,
    image: &Image,
    diff_ids: &[String],
) -> anyhow::Result<Vec<archive::Layer>> {
    let gzip_bytes = image.layers.iter().filter(|d| is_gzip(&d.media_type)).fold(0u64, |n, d| n.saturating_add(d.size));
    let bar = feedback.bar(gzip_bytes, &format!("{} (measuring layers)", image.reference.familiar_with_tag()));
    let measured = async {
        let mut layers = Vec::with_capacity(image.layers.len());
        for (i, d) in image.layers.iter().enumerate() {
            let mut layer = archive::Layer::stored(&d.digest, d.size);
            if is_gzip(&d.media_type) {
                let bar = bar.clone();
                let blob = registry
                    .blob(&image.reference.repository, &d.digest, d.size)
                    .await?
                    .inspect(move |c| if let Ok(c) = c { bar.inc(c.len() as u64) });
                let check = LayerCheck { index: i, digest: d.digest.clone(), diff_id: diff_ids[i].clone(), planned: None };
                let mut tar = Box::pin(gunzipped(blob, check));
                let mut size = 0u64;
                while let Some(piece) = tar.next().await {
                    size = size.checked_add(piece?.len() as u64).ok_or_else(|| {
                        anyhow::anyhow!("layer {i} (`{}`) decompresses to more than 2^64 bytes", d.digest)
                    })?;
                }
                layer.uncompressed_size = Some(size);
            } else if d.digest != diff_ids[i] {
                return Err(Failure::new(
                    ExitCode::Failure,
                    format!(
                        "layer {i} (`{}`) is a plain tar, so its digest must be the image config's `rootfs.diff_ids[{i}]`, which is `{}`",
                        d.digest, diff_ids[i]
                    ),
                )
                .hint("the image in the registry is inconsistent (its layers do not match its config): rebuild and push it")
                .into());
            }
            layers.push(layer);
        }
        anyhow::Ok(layers)
    }
    .await;
    bar.finish_and_clear();
    measured
}
