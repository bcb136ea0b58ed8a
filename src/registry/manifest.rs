//! Manifests, indexes and platforms: the Docker schema2 / OCI types berth reads, the media types it accepts, and
//! the choice of an index entry for a platform.
//!
//! Hand-written serde types rather than the `oci-spec` crate: berth reads six fields of four document types, and
//! must accept Docker's media types next to OCI's (oci-spec models Docker's only as `Other(String)`) while pulling
//! in a builder/derive stack of its own. The types below are the whole of what is needed.

use std::fmt;
use std::str::FromStr;

use anyhow::Context;
use serde::Deserialize;

use crate::error::Failure;

pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1+json";
pub const DOCKER_SCHEMA1_SIGNED: &str = "application/vnd.docker.distribution.manifest.v1+prettyjws";

/// What berth asks for: ALWAYS all four (without them distribution converts schema2 to schema1, with another
/// digest, and answers 404 for OCI manifests).
pub const ACCEPT: &str = "application/vnd.docker.distribution.manifest.v2+json, \
                          application/vnd.docker.distribution.manifest.list.v2+json, \
                          application/vnd.oci.image.manifest.v1+json, \
                          application/vnd.oci.image.index.v1+json";

pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";

pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const OCI_LAYER_TAR: &str = "application/vnd.oci.image.layer.v1.tar";
/// The layer media types a docker-archive can carry as they are (Docker's loaders gunzip and check the diff_id).
pub const ACCEPTED_LAYERS: [&str; 3] = [DOCKER_LAYER_GZIP, OCI_LAYER_GZIP, OCI_LAYER_TAR];

/// An OS/architecture[/variant] as in `--platform linux/arm64/v8` and in manifest lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
}

impl Platform {
    pub fn new(os: &str, architecture: &str, variant: Option<&str>) -> Platform {
        Platform { os: os.to_string(), architecture: architecture.to_string(), variant: variant.map(str::to_string) }
    }

    /// `linux/amd64`, the default of `--platform`.
    pub fn linux_amd64() -> Platform {
        Platform::new("linux", "amd64", None)
    }

    /// The architecture as Glance's `architecture` property names it (libosinfo / `uname -m` names).
    pub fn glance_architecture(&self) -> &str {
        match normalise_arch(&self.architecture).0.as_str() {
            "amd64" => "x86_64",
            "arm64" => "aarch64",
            "arm" => "armv7l",
            "386" => "i686",
            "ppc64le" => "ppc64le",
            "s390x" => "s390x",
            "riscv64" => "riscv64",
            _ => &self.architecture,
        }
    }

    /// The platform with the names containerd normalises (`aarch64` = `arm64`, `x86_64` = `amd64`; arm64's
    /// default variant is `v8`, arm's `v7`; amd64's `v1` is no variant), lowercase.
    pub fn normalised(&self) -> Platform {
        let os = self.os.to_ascii_lowercase();
        let (architecture, implied) = normalise_arch(&self.architecture);
        let variant = self.variant.as_deref().map(str::to_ascii_lowercase).or(implied);
        let variant = match (architecture.as_str(), variant.as_deref()) {
            ("arm64", None | Some("8")) => Some("v8".to_string()),
            ("arm", None) => Some("v7".to_string()),
            ("arm", Some(v)) if !v.starts_with('v') => Some(format!("v{v}")),
            ("amd64", Some("v1")) => None,
            (_, v) => v.map(str::to_string),
        };
        Platform { os, architecture, variant }
    }

    /// True when an image or index entry for `other` serves a request for `self`: the same normalised OS,
    /// architecture and variant.
    pub fn matches(&self, other: &Platform) -> bool {
        self.normalised() == other.normalised()
    }

    /// `unknown/unknown`: the attestation (SBOM/provenance) entries BuildKit adds to indexes.
    pub fn is_unknown(&self) -> bool {
        self.os == "unknown" && self.architecture == "unknown"
    }
}

/// The architecture name containerd uses, and the variant an alias implies (`armhf` = arm/v7).
fn normalise_arch(arch: &str) -> (String, Option<String>) {
    let lower = arch.to_ascii_lowercase();
    let (a, v) = match lower.as_str() {
        "x86_64" | "x86-64" => ("amd64", None),
        "aarch64" => ("arm64", None),
        "armhf" => ("arm", Some("v7")),
        "armel" => ("arm", Some("v6")),
        "i386" | "i686" | "x86" => ("386", None),
        other => (other, None),
    };
    (a.to_string(), v.map(str::to_string))
}

impl FromStr for Platform {
    type Err = Failure;
    fn from_str(s: &str) -> Result<Platform, Failure> {
        let parts: Vec<&str> = s.split('/').collect();
        let ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
        if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| ok(p)) {
            return Err(Failure::usage(format!("invalid platform `{s}`: expected `os/architecture[/variant]`"))
                .hint("e.g. `--platform linux/amd64` or `--platform linux/arm64/v8`"));
        }
        Ok(Platform::new(parts[0], parts[1], parts.get(2).copied()))
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// A content descriptor: a manifest in an index, or a config or layer blob in a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Descriptor {
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    pub platform: Option<Platform>,
}

/// A parsed manifest: an image, or a list/index of images.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manifest {
    Image { media_type: String, config: Descriptor, layers: Vec<Descriptor> },
    Index { media_type: String, manifests: Vec<Descriptor> },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawManifest {
    schema_version: Option<u32>,
    media_type: Option<String>,
    config: Option<RawDescriptor>,
    layers: Option<Vec<RawDescriptor>>,
    manifests: Option<Vec<RawDescriptor>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDescriptor {
    #[serde(default)]
    media_type: String,
    digest: String,
    size: u64,
    platform: Option<RawPlatform>,
}

#[derive(Deserialize)]
struct RawPlatform {
    #[serde(default)]
    os: String,
    #[serde(default)]
    architecture: String,
    variant: Option<String>,
}

impl From<RawDescriptor> for Descriptor {
    fn from(d: RawDescriptor) -> Descriptor {
        Descriptor {
            media_type: d.media_type,
            digest: d.digest,
            size: d.size,
            platform: d.platform.map(|p| Platform {
                os: p.os,
                architecture: p.architecture,
                variant: p.variant.filter(|v| !v.is_empty()),
            }),
        }
    }
}

/// Parse a manifest body. `content_type` is the response's Content-Type, used when the body has no `mediaType`
/// (it is optional in OCI documents). Schema1 and unknown document types are errors that say what to do.
pub fn parse(content_type: &str, body: &[u8]) -> anyhow::Result<Manifest> {
    let raw: RawManifest = serde_json::from_slice(body).context("the manifest is not valid JSON")?;
    let header_type = content_type.split(';').next().unwrap_or("").trim();
    let media_type = match raw.media_type.as_deref() {
        Some(t) if !t.is_empty() => t.to_string(),
        _ if !header_type.is_empty() && header_type != "application/json" => header_type.to_string(),
        // OCI documents without mediaType: tell them apart by their fields.
        _ if raw.manifests.is_some() => OCI_INDEX.to_string(),
        _ => OCI_MANIFEST.to_string(),
    };
    if raw.schema_version == Some(1) || media_type == DOCKER_SCHEMA1 || media_type == DOCKER_SCHEMA1_SIGNED {
        return Err(Failure::new(
            crate::error::ExitCode::Failure,
            "the manifest is Docker schema 1, which berth does not read (it is deprecated and Docker 20.10+ cannot pull it either)",
        )
        .hint("push the image again with a current Docker, or convert it: `skopeo copy --format v2s2 docker://SRC docker://DST`")
        .into());
    }
    match media_type.as_str() {
        DOCKER_MANIFEST | OCI_MANIFEST => {
            let config: Descriptor = raw.config.context("the image manifest has no `config`")?.into();
            check_digest(&config, "config")?;
            let layers: Vec<Descriptor> = raw.layers.unwrap_or_default().into_iter().map(Descriptor::from).collect();
            for (i, l) in layers.iter().enumerate() {
                check_digest(l, &format!("layer {}", i + 1))?;
            }
            // Sizes are the registry's numbers, summed later (the archive's length, the sync's size): they must
            // add up within a u64.
            if layers.iter().try_fold(config.size, |n, l| n.checked_add(l.size)).is_none() {
                let sizes: Vec<String> = layers.iter().map(|l| l.size.to_string()).collect();
                return Err(Failure::new(
                    crate::error::ExitCode::Failure,
                    format!(
                        "the image manifest's sizes add up to more than 2^64 bytes: config {}, layers {}",
                        config.size,
                        sizes.join(", ")
                    ),
                )
                .hint("the registry serves a corrupt manifest: push the image again")
                .into());
            }
            Ok(Manifest::Image { media_type, config, layers })
        }
        DOCKER_LIST | OCI_INDEX => {
            let manifests = raw.manifests.context("the manifest list has no `manifests`")?;
            let manifests: Vec<Descriptor> = manifests.into_iter().map(Descriptor::from).collect();
            for (i, m) in manifests.iter().enumerate() {
                check_digest(m, &format!("entry {}", i + 1))?;
            }
            Ok(Manifest::Index { media_type, manifests })
        }
        other => Err(Failure::new(
            crate::error::ExitCode::Failure,
            format!("the manifest's media type `{other}` is not an image manifest or index berth reads"),
        )
        .hint(format!("berth reads {DOCKER_MANIFEST}, {DOCKER_LIST}, {OCI_MANIFEST} and {OCI_INDEX}"))
        .into()),
    }
}

/// Every digest a manifest names becomes a URL path (a blob, an index entry's manifest): it must be one.
fn check_digest(d: &Descriptor, what: &str) -> anyhow::Result<()> {
    super::digest::check(&d.digest).map_err(|why| {
        Failure::new(crate::error::ExitCode::Failure, format!("the manifest's {what} has no valid digest: {why}"))
            .hint("the registry serves a broken manifest; berth asks it for nothing that manifest names")
            .into()
    })
}

/// Check that a config descriptor is a container image config (not a Helm chart or another OCI artifact).
pub fn check_config(config: &Descriptor) -> anyhow::Result<()> {
    if config.media_type == DOCKER_CONFIG || config.media_type == OCI_CONFIG || config.media_type.is_empty() {
        return Ok(());
    }
    Err(Failure::new(
        crate::error::ExitCode::Failure,
        format!("this is not a container image: its config has the media type `{}`", config.media_type),
    )
    .hint("berth copies container images only (config `application/vnd.docker.container.image.v1+json` or `application/vnd.oci.image.config.v1+json`)")
    .into())
}

/// Check that every layer can go into a docker-archive as it is.
pub fn check_layers(layers: &[Descriptor]) -> anyhow::Result<()> {
    for l in layers {
        if ACCEPTED_LAYERS.contains(&l.media_type.as_str()) {
            continue;
        }
        let t = l.media_type.as_str();
        let (why, hint) = if t.contains("zstd") {
            (
                "is zstd-compressed, which the docker-archive format (and Docker before 23) cannot load",
                "push a gzip variant of the image (e.g. `docker buildx build --output type=registry,compression=gzip`)",
            )
        } else if t.contains("foreign") || t.contains("nondistributable") {
            (
                "is a foreign (non-distributable) layer that the registry does not serve, as in Windows base images",
                "berth copies Linux images whose layers are all in the registry",
            )
        } else {
            (
                "is not a layer type berth can put in a docker-archive",
                "berth accepts gzip or plain tar layers (Docker `rootfs.diff.tar.gzip`, OCI `tar+gzip` and `tar`)",
            )
        };
        return Err(Failure::new(crate::error::ExitCode::Failure, format!("layer `{}` (`{t}`) {why}", l.digest))
            .hint(hint)
            .into());
    }
    Ok(())
}

/// The entries of an index to resolve for `platform` (or all, skipping `unknown/unknown` attestations and
/// entries without a platform). A platform the index lacks is a usage error (2) listing those it has.
pub fn select<'a>(manifests: &'a [Descriptor], platform: &Platform, all: bool) -> anyhow::Result<Vec<&'a Descriptor>> {
    let images: Vec<&Descriptor> =
        manifests.iter().filter(|d| d.platform.as_ref().is_some_and(|p| !p.is_unknown())).collect();
    if all {
        return Ok(images);
    }
    if let Some(d) = images.iter().find(|d| d.platform.as_ref().is_some_and(|p| platform.matches(p))) {
        return Ok(vec![d]);
    }
    // A request without a variant takes the only entry of its OS and architecture whatever its variant: arm/v6
    // for `linux/arm` (v7's default), an amd64 entry that names a microarchitecture level (`v2`, `v3`).
    if platform.variant.is_none() {
        let want = platform.normalised();
        if let Some(d) = images.iter().find(|d| {
            let p = d.platform.as_ref().map(Platform::normalised);
            p.is_some_and(|p| p.os == want.os && p.architecture == want.architecture)
        }) {
            return Ok(vec![d]);
        }
    }
    let have: Vec<String> = images.iter().filter_map(|d| d.platform.as_ref()).map(Platform::to_string).collect();
    let have = if have.is_empty() { "none".to_string() } else { have.join(", ") };
    Err(Failure::usage(format!("the image has no `{platform}` variant; it has: {have}"))
        .hint("choose one with `--platform os/arch[/variant]`, or take all with `--all-platforms`")
        .into())
}

/// The OS, architecture and variant of an image config.
pub fn config_platform(config: &[u8]) -> anyhow::Result<Platform> {
    #[derive(Deserialize)]
    struct Config {
        #[serde(default)]
        os: String,
        #[serde(default)]
        architecture: String,
        variant: Option<String>,
    }
    let c: Config = serde_json::from_slice(config).context("the image config is not valid JSON")?;
    Ok(Platform { os: c.os, architecture: c.architecture, variant: c.variant.filter(|v| !v.is_empty()) })
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ExitCode, exit_code};

    fn p(s: &str) -> Platform {
        s.parse().unwrap()
    }

    fn entry(digest: &str, platform: Option<&str>) -> Descriptor {
        Descriptor { media_type: OCI_MANIFEST.into(), digest: digest.into(), size: 1, platform: platform.map(p) }
    }

    #[test]
    fn platforms_parse_and_display() {
        assert_eq!(p("linux/arm64/v8"), Platform::new("linux", "arm64", Some("v8")));
        assert_eq!(p("linux/amd64"), Platform::linux_amd64());
        assert_eq!(p("linux/arm64/v8").to_string(), "linux/arm64/v8");
        assert_eq!(p("windows/amd64").to_string(), "windows/amd64");
        for bad in ["", "linux", "linux/", "/amd64", "linux/arm/v7/x", "linux amd64", "linux//v7"] {
            let e = bad.parse::<Platform>().unwrap_err();
            assert_eq!(e.code, ExitCode::Usage, "{bad}");
            assert!(e.message.contains(&format!("`{bad}`")), "{}", e.message);
        }
    }

    #[test]
    fn platforms_match_after_normalising() {
        assert!(p("linux/arm64").matches(&p("linux/arm64/v8")));
        assert!(p("linux/aarch64").matches(&p("linux/arm64")));
        assert!(p("linux/x86_64").matches(&p("linux/amd64")));
        assert!(p("linux/arm").matches(&p("linux/arm/v7")));
        assert!(p("linux/armhf").matches(&p("linux/arm/v7")));
        assert!(p("Linux/AMD64").matches(&p("linux/amd64")));
        assert!(!p("linux/arm").matches(&p("linux/arm/v6")));
        assert!(!p("linux/amd64").matches(&p("linux/arm64")));
        assert!(!p("linux/amd64").matches(&p("windows/amd64")));
    }

    #[test]
    fn glance_architecture_names() {
        for (docker, glance) in [
            ("amd64", "x86_64"),
            ("arm64", "aarch64"),
            ("arm", "armv7l"),
            ("386", "i686"),
            ("ppc64le", "ppc64le"),
            ("s390x", "s390x"),
            ("riscv64", "riscv64"),
            ("mips64le", "mips64le"),
        ] {
            assert_eq!(Platform::new("linux", docker, None).glance_architecture(), glance);
        }
        assert_eq!(p("linux/aarch64").glance_architecture(), "aarch64");
    }

    #[test]
    fn select_picks_the_platform_or_all_but_attestations() {
        let index = vec![
            entry("sha256:a", Some("linux/amd64")),
            entry("sha256:b", Some("linux/arm64/v8")),
            entry("sha256:c", Some("linux/arm/v6")),
            entry("sha256:u", Some("unknown/unknown")),
            entry("sha256:n", None),
        ];
        let digests = |v: Vec<&Descriptor>| v.iter().map(|d| d.digest.clone()).collect::<Vec<_>>();
        assert_eq!(digests(select(&index, &p("linux/amd64"), false).unwrap()), ["sha256:a"]);
        assert_eq!(digests(select(&index, &p("linux/arm64"), false).unwrap()), ["sha256:b"]);
        assert_eq!(digests(select(&index, &p("linux/arm/v6"), false).unwrap()), ["sha256:c"]);
        assert_eq!(digests(select(&index, &p("linux/amd64"), true).unwrap()), ["sha256:a", "sha256:b", "sha256:c"]);
        let e = select(&index, &p("linux/s390x"), false).unwrap_err();
        assert_eq!(exit_code(&e), ExitCode::Usage);
        assert_eq!(
            e.to_string(),
            "the image has no `linux/s390x` variant; it has: linux/amd64, linux/arm64/v8, linux/arm/v6"
        );
        // arm without a variant means v7, which this index lacks; its only arm entry (v6, which v7 runs) serves.
        assert_eq!(digests(select(&index, &p("linux/arm"), false).unwrap()), ["sha256:c"]);
        assert!(select(&index, &p("linux/arm/v7"), false).is_err());
        // amd64 microarchitecture levels serve a plain amd64 request.
        let levels = vec![entry("sha256:v3", Some("linux/amd64/v3"))];
        assert_eq!(digests(select(&levels, &p("linux/amd64"), false).unwrap()), ["sha256:v3"]);
        assert!(select(&levels, &p("linux/amd64/v2"), false).is_err());
    }

    /// `sha256:` and 64 times `c`.
    fn d(c: char) -> String {
        format!("sha256:{}", c.to_string().repeat(64))
    }

    /// An image manifest with this config and layer digest.
    fn image(config: &str, layer: &str) -> Vec<u8> {
        format!(
            r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
            "config":{{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{config}","size":7}},
            "layers":[{{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"{layer}","size":9}}]}}"#
        )
        .into_bytes()
    }

    /// An OCI index with one entry of this digest.
    fn index(entry: &str) -> Vec<u8> {
        format!(
            r#"{{"schemaVersion":2,"manifests":[{{"mediaType":"application/vnd.oci.image.manifest.v1+json",
            "digest":"{entry}","size":3,"platform":{{"os":"linux","architecture":"arm64","variant":"v8"}}}}]}}"#
        )
        .into_bytes()
    }

    #[test]
    fn parses_each_manifest_type() {
        let Manifest::Image { media_type, config, layers } = parse(DOCKER_MANIFEST, &image(&d('c'), &d('1'))).unwrap()
        else {
            panic!()
        };
        assert_eq!(media_type, DOCKER_MANIFEST);
        assert_eq!((config.digest.as_str(), config.size), (d('c').as_str(), 7));
        assert_eq!(layers[0].media_type, DOCKER_LAYER_GZIP);

        // OCI without mediaType: the Content-Type, else the fields, tell.
        let oci = format!(
            r#"{{"schemaVersion":2,"config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{}","size":7}},"layers":[]}}"#,
            d('c')
        );
        let oci = oci.as_bytes();
        assert!(
            matches!(parse(OCI_MANIFEST, oci).unwrap(), Manifest::Image { media_type, .. } if media_type == OCI_MANIFEST)
        );
        assert!(matches!(parse("", oci).unwrap(), Manifest::Image { media_type, .. } if media_type == OCI_MANIFEST));
        let Manifest::Index { media_type, manifests } = parse("application/json", &index(&d('a'))).unwrap() else {
            panic!()
        };
        assert_eq!(media_type, OCI_INDEX);
        assert_eq!(manifests[0].platform, Some(p("linux/arm64/v8")));
        let list = br#"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[]}"#;
        assert!(matches!(parse(DOCKER_LIST, list).unwrap(), Manifest::Index { .. }));
    }

    #[test]
    fn every_digest_a_manifest_names_is_checked() {
        let upper = format!("sha256:{}", "C".repeat(64));
        for bad in ["sha256:c", "sha256:../../../v2/x/manifests/latest", upper.as_str(), "md5:00", "c"] {
            for (doc, what) in [
                (image(bad, &d('1')), "the manifest's config"),
                (image(&d('c'), bad), "the manifest's layer 1"),
                (index(bad), "the manifest's entry 1"),
            ] {
                let e = parse("", &doc).unwrap_err();
                let f = crate::error::failure(&e).unwrap();
                assert!(f.message.starts_with(&format!("{what} has no valid digest: ")), "{bad}: {}", f.message);
                assert!(f.hint.is_some());
            }
        }
    }

    #[test]
    fn rejects_schema1_and_other_documents() {
        let s1 = br#"{"schemaVersion":1,"name":"library/busybox","tag":"latest","fsLayers":[]}"#;
        let e = parse(DOCKER_SCHEMA1_SIGNED, s1).unwrap_err();
        assert!(e.to_string().contains("schema 1"), "{e}");
        assert!(crate::error::failure(&e).unwrap().hint.as_ref().unwrap().contains("skopeo"));
        let other = br#"{"schemaVersion":2,"mediaType":"application/vnd.example.thing+json"}"#;
        assert!(parse("", other).unwrap_err().to_string().contains("application/vnd.example.thing+json"));
        assert!(parse("", b"not json").is_err());
    }

    #[test]
    fn layer_and_config_media_types() {
        let d = |t: &str| Descriptor { media_type: t.into(), digest: "sha256:x".into(), size: 1, platform: None };
        assert!(check_layers(&[d(DOCKER_LAYER_GZIP), d(OCI_LAYER_GZIP), d(OCI_LAYER_TAR)]).is_ok());
        let zstd = check_layers(&[d("application/vnd.oci.image.layer.v1.tar+zstd")]).unwrap_err();
        assert!(zstd.to_string().contains("zstd"), "{zstd}");
        let foreign = check_layers(&[d("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip")]).unwrap_err();
        assert!(foreign.to_string().contains("foreign (non-distributable)"), "{foreign}");
        let nd = check_layers(&[d("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip")]).unwrap_err();
        assert!(nd.to_string().contains("non-distributable"), "{nd}");
        assert!(check_layers(&[d("application/vnd.cncf.helm.chart.content.v1.tar+gzip")]).is_err());
        assert!(check_config(&d(DOCKER_CONFIG)).is_ok() && check_config(&d(OCI_CONFIG)).is_ok());
        let helm = check_config(&d("application/vnd.cncf.helm.config.v1+json")).unwrap_err();
        assert!(helm.to_string().contains("not a container image"), "{helm}");
    }

    #[test]
    fn sizes_that_add_up_beyond_a_u64_are_refused() {
        let m = |config: u64, layers: &[u64]| {
            let layers: Vec<String> = layers
                .iter()
                .map(|s| {
                    format!(r#"{{"mediaType":"{DOCKER_LAYER_GZIP}","digest":"sha256:{}","size":{s}}}"#, "b".repeat(64))
                })
                .collect();
            format!(
                r#"{{"schemaVersion":2,"mediaType":"{DOCKER_MANIFEST}","config":{{"mediaType":"{DOCKER_CONFIG}","digest":"sha256:{}","size":{config}}},"layers":[{}]}}"#,
                "c".repeat(64),
                layers.join(",")
            )
        };
        assert!(parse("", m(7, &[u64::MAX - 7]).as_bytes()).is_ok());
        let e = parse("", m(7, &[u64::MAX - 7, 1]).as_bytes()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("the image manifest's sizes add up to more than 2^64 bytes: config 7, layers {}, 1", u64::MAX - 7)
        );
    }

    #[test]
    fn config_platform_reads_os_arch_variant() {
        let c = br#"{"architecture":"arm64","os":"linux","variant":"v8","rootfs":{"type":"layers","diff_ids":[]}}"#;
        assert_eq!(config_platform(c).unwrap(), p("linux/arm64/v8"));
        assert_eq!(config_platform(br#"{"architecture":"amd64","os":"linux"}"#).unwrap(), p("linux/amd64"));
    }
}
