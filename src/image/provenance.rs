//! What berth records on a Glance image it made: where the image came from (`berth_*` properties, the only place
//! their names are spelled), the Glance properties container drivers read (`architecture`, `os_type`,
//! `os_command_line`), and one builder for both sources (a registry, a local Docker engine).

use std::collections::BTreeMap;

use crate::openstack::glance::Image;
use crate::registry::Platform;

/// The reference (or `docker-daemon:NAME`) the image was synced from.
pub const SOURCE: &str = "berth_source";
/// The registry manifest's digest (none for an image from a local engine).
pub const MANIFEST_DIGEST: &str = "berth_manifest_digest";
/// The config's digest: the docker image ID.
pub const CONFIG_DIGEST: &str = "berth_config_digest";
/// The manifest list / OCI index the image was resolved through.
pub const INDEX_DIGEST: &str = "berth_index_digest";
/// The registry digest a local engine recorded for the name (`docker pull`/`push`).
pub const REPO_DIGEST: &str = "berth_repo_digest";
/// The docker `repo:tag` inside the archive.
pub const REPO_TAG: &str = "berth_repo_tag";
/// `os/arch[/variant]`.
pub const PLATFORM: &str = "berth_platform";
/// `compressed` or `uncompressed`: what each `layer.tar` of the archive holds.
pub const LAYERS: &str = "berth_layers";
/// The version number in its lineage: 1, 2, ...
pub const VERSION: &str = "berth_version";
/// The ID of the version that was current when this one was synced.
pub const PREVIOUS: &str = "berth_previous";
/// `true`/`false`: a mirror of "not hidden" for whoever reads the raw properties.
pub const CURRENT: &str = "berth_current";

/// Whether a key is berth's own record (never settable with `--property`).
pub fn is_berth_key(key: &str) -> bool {
    key.starts_with("berth_")
}

/// What each `layer.tar` of the archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layers {
    /// The registry's blobs as stored (gzip layers stay compressed).
    Compressed,
    /// Plain tars (gunzipped, or a local engine's).
    Uncompressed,
}

impl Layers {
    pub fn as_str(self) -> &'static str {
        match self {
            Layers::Compressed => "compressed",
            Layers::Uncompressed => "uncompressed",
        }
    }
}

/// The provenance of one synced image.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub source: String,
    pub manifest_digest: Option<String>,
    pub config_digest: String,
    pub index_digest: Option<String>,
    pub repo_digest: Option<String>,
    pub repo_tag: String,
    pub platform: Platform,
    pub layers: Layers,
    /// `os_command_line`, when it is to be set.
    pub command_line: Option<String>,
}

impl Provenance {
    /// The Glance properties of the new image: the record, the drivers' properties, then `extra` (`--property`).
    pub fn properties(&self, extra: &[(String, String)]) -> BTreeMap<String, String> {
        let mut props = BTreeMap::new();
        let mut set = |k: &str, v: &str| {
            props.insert(k.to_string(), v.to_string());
        };
        set(SOURCE, &self.source);
        if let Some(d) = &self.manifest_digest {
            set(MANIFEST_DIGEST, d);
        }
        set(CONFIG_DIGEST, &self.config_digest);
        if let Some(d) = &self.index_digest {
            set(INDEX_DIGEST, d);
        }
        if let Some(d) = &self.repo_digest {
            set(REPO_DIGEST, d);
        }
        set(REPO_TAG, &self.repo_tag);
        set(PLATFORM, &self.platform.to_string());
        set(LAYERS, self.layers.as_str());
        set("architecture", self.platform.glance_architecture());
        set("os_type", &self.platform.os);
        if let Some(cl) = &self.command_line {
            set("os_command_line", cl);
        }
        for (k, v) in extra {
            props.insert(k.clone(), v.clone());
        }
        props
    }
}

/// Reading the record back from a Glance image.
pub trait Recorded {
    fn repo_tag(&self) -> Option<&str>;
    fn platform(&self) -> Option<&str>;
    fn source(&self) -> Option<&str>;
    /// What tells versions apart: the manifest's digest; for an image from a local engine (no manifest), the
    /// image ID.
    fn digest(&self) -> Option<&str>;
    /// `berth_layers`, `compressed` when not recorded.
    fn layers(&self) -> &str;
    /// Made by berth from the docker reference `r` (its `repo:tag` or its full reference).
    fn synced_from(&self, r: &crate::registry::Reference) -> bool {
        self.repo_tag() == Some(r.familiar_with_tag().as_str()) || self.source() == Some(r.to_string().as_str())
    }
}

impl Recorded for Image {
    fn repo_tag(&self) -> Option<&str> {
        self.property(REPO_TAG)
    }
    fn platform(&self) -> Option<&str> {
        self.property(PLATFORM)
    }
    fn source(&self) -> Option<&str> {
        self.property(SOURCE)
    }
    fn digest(&self) -> Option<&str> {
        self.property(MANIFEST_DIGEST).or_else(|| self.property(CONFIG_DIGEST))
    }
    fn layers(&self) -> &str {
        self.property(LAYERS).unwrap_or("compressed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_of_a_registry_image() {
        let p = Provenance {
            source: "127.0.0.1:5001/library/busybox:1.36".into(),
            manifest_digest: Some("sha256:m".into()),
            config_digest: "sha256:c".into(),
            index_digest: None,
            repo_digest: None,
            repo_tag: "127.0.0.1:5001/library/busybox:1.36".into(),
            platform: "linux/arm64/v8".parse().unwrap(),
            layers: Layers::Compressed,
            command_line: Some("sh".into()),
        };
        let props = p.properties(&[("team".into(), "ops".into())]);
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "architecture",
                "berth_config_digest",
                "berth_layers",
                "berth_manifest_digest",
                "berth_platform",
                "berth_repo_tag",
                "berth_source",
                "os_command_line",
                "os_type",
                "team"
            ]
        );
        assert_eq!(props["architecture"], "aarch64");
        assert_eq!(props["berth_platform"], "linux/arm64/v8");
        assert!(keys.iter().all(|k| !is_berth_key(k) || k.starts_with("berth_")));
    }
}
