//! `berth coe config` (a cluster's kubeconfig) and `berth coe image` (a node image into Glance).

use std::path::Path;

use serde_json::json;

use crate::app::Ctx;
use crate::cli::{ConfigArgs, DiskFormat, ImageArgs};
use crate::coe::{kubeconfig, node_image};
use crate::error::{ExitCode, Failure};
use crate::openstack::magnum::Magnum;
use crate::output::Record;

pub const CONFIG_FIELDS: &[&str] = &["cluster", "path", "export"];
pub const IMAGE_FIELDS: &[&str] = &["id", "name", "status", "disk_format", "size", "os_distro", "checksum"];

/// The statuses whose clusters have a working API.
const READY: &[&str] = &["CREATE_COMPLETE", "UPDATE_COMPLETE", "ROLLBACK_COMPLETE"];

pub async fn config(args: ConfigArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let session = ctx.session().await?;
    let magnum = Magnum::connect(&session)?;
    let Some(c) = magnum.cluster(&args.cluster).await? else {
        return Err(Failure::usage(format!("no cluster is called `{}` or has that ID", args.cluster))
            .hint("`berth coe cluster list` shows the clusters")
            .into());
    };
    if !READY.contains(&c.status.as_str()) && !args.any_status {
        return Err(Failure::new(
            ExitCode::Failure,
            format!("cluster `{}` is {}: its Kubernetes API is not ready", c.shown(), c.status),
        )
        .hint("wait for CREATE_COMPLETE (`berth coe cluster show`), or `--any-status` to write it anyway")
        .into());
    }
    let path = args.dir.join("config");
    if path.exists() && !args.force {
        // Before the CSR is signed: nothing is asked of Magnum for a file that is not written.
        kubeconfig::write(&args.dir, "", false)?;
    }
    let server = c.api_address.clone().unwrap_or_default();
    if server.is_empty() {
        ctx.feedback
            .warn(&format!("cluster `{}` has no API address yet: the kubeconfig's `server` is empty", c.shown()), None);
    }
    let ca = magnum.ca(&c.uuid).await?;
    let text = if args.use_keystone {
        kubeconfig::render_keystone(c.shown(), &server, &ca)
    } else {
        let request = kubeconfig::request()?;
        let cert = magnum.sign(&c.uuid, &request.csr_pem).await?;
        kubeconfig::render(c.shown(), &server, &ca, &cert, &request.key_pem)
    };
    let written = kubeconfig::write(&args.dir, &text, args.force)?;
    let abs = std::fs::canonicalize(&written).unwrap_or(written);
    let export = format!("export KUBECONFIG={}", shell_quote(&abs.to_string_lossy()));
    if ctx.out.settings().format == crate::output::Format::Table && ctx.out.settings().columns.is_empty() {
        return ctx.out.raw(format!("{export}\n").as_bytes());
    }
    let rec = Record::new()
        .field("cluster", c.shown().to_string())
        .field("path", abs.to_string_lossy().into_owned())
        .field("export", export)
        .declared(CONFIG_FIELDS);
    ctx.out.record(&rec)
}

/// A path as one shell word.
fn shell_quote(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

pub async fn image(args: ImageArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let props = node_image::properties(&args.os_distro, &args.properties)?;
    let format = args.disk_format.map(|f| match f {
        DiskFormat::Qcow2 => "qcow2",
        DiskFormat::Raw => "raw",
    });
    let is_url = args.source.starts_with("http://") || args.source.starts_with("https://");
    if !is_url && !Path::new(&args.source).is_file() {
        return Err(Failure::usage(format!("`{}` is not a file", args.source))
            .hint("give a qcow2 or raw image file, or an http(s) URL for Glance to fetch")
            .into());
    }
    let session = ctx.session().await?;
    let img = if is_url {
        node_image::from_url(&session, &args.source, &args.name, format.unwrap_or("qcow2"), &props).await?
    } else {
        let bar = ctx.feedback.bar(0, &format!("uploading {}", args.name));
        node_image::from_file(&session, Path::new(&args.source), &args.name, format, &props, &bar).await?
    };
    let rec = Record::new()
        .field("id", img.id.clone())
        .field("name", json!(img.name))
        .field("status", img.status.clone())
        .field("disk_format", json!(img.disk_format))
        .field("size", json!(img.size))
        .field("os_distro", json!(img.property("os_distro")))
        .field("checksum", json!(img.extra.get("checksum")))
        .declared(IMAGE_FIELDS);
    ctx.out.record(&rec)
}
