//! `berth registry ...` and the registry flags `image sync` shares: credentials, TLS, platform.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// The image a reference resolves to for a platform (or every platform): digests, layers, size
    #[command(long_about = "The image a reference resolves to: its platform, manifest and config digests, media \
        type, layers and size. A manifest list or OCI index resolves to the entry for `--platform` (default \
        linux/amd64), or to every entry with `--all-platforms`.\n\n\
        Credentials: `--registry-user` with `--registry-password-stdin`, else Docker's config.json \
        (`$DOCKER_CONFIG` or ~/.docker: credHelpers, credsStore, auths).")]
    Inspect {
        /// Image reference: `[registry[:port]/]repository[:tag][@sha256:digest]`
        reference: String,
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// The pull quota the registry reports for a reference (Docker Hub's rate limit), from a manifest HEAD
    #[command(long_about = "The pull quota the registry reports, from one manifest HEAD (which Docker Hub does not \
        count as a pull): `limit` and `remaining` pulls, the `window_seconds` they refill over, and the `source` they \
        are counted for (an IP address, or the user when logged in). A registry that sends no `ratelimit-limit` / \
        `ratelimit-remaining` headers (most besides Docker Hub) reports no rate limit: the fields are empty, \
        `summary` says so, and the exit code is 0.\n\n\
        `image sync` asks the same before it pulls: it warns when fewer pulls are left than it may need, and does \
        not pull at all (exit 1) from a registry that reports 0 left, while an unchanged tag, which needs no pull, \
        still counts as up to date.")]
    Quota {
        /// Image reference: `[registry[:port]/]repository[:tag][@sha256:digest]`
        reference: String,
        #[command(flatten)]
        access: RegistryAccessArgs,
    },
    /// Every tag of a repository
    Tags {
        /// Repository: `[registry[:port]/]repository`, e.g. `busybox` or `127.0.0.1:5001/library/busybox`
        repository: String,
        #[command(flatten)]
        access: RegistryAccessArgs,
    },
}

/// How to reach a registry: credentials and TLS, for one registry host.
#[derive(Debug, Args, Clone, Default)]
pub struct RegistryAccessArgs {
    /// The registry the other `--registry-*` flags are for (`host[:port]`, `docker.io`); needed when the command
    /// reaches several registries: the others never get these credentials or TLS settings
    #[arg(long, value_name = "HOST", value_parser = registry_host, help_heading = "Registry")]
    pub registry_host: Option<String>,

    /// Registry user name; the password is read from stdin (`--registry-password-stdin`)
    #[arg(long, value_name = "USER", requires = "registry_password_stdin", help_heading = "Registry")]
    pub registry_user: Option<String>,

    /// Read the registry password (or token) from the first line of stdin
    #[arg(long, requires = "registry_user", help_heading = "Registry")]
    pub registry_password_stdin: bool,

    /// CA bundle (PEM) to verify the registry's TLS certificate with, in addition to the system's
    #[arg(long, value_name = "FILE", help_heading = "Registry")]
    pub registry_cacert: Option<std::path::PathBuf>,

    /// Do not verify the registry's TLS certificate, and allow plain http (loopback registries always may)
    #[arg(long, help_heading = "Registry")]
    pub registry_insecure: bool,
}

/// A registry's access flags and the platform to pick from a manifest list / OCI index.
#[derive(Debug, Args, Clone)]
pub struct RegistryArgs {
    #[command(flatten)]
    pub access: RegistryAccessArgs,

    /// The platform to take: `os/arch[/variant]` [default: linux/amd64]; given, an image without it is an error
    #[arg(long, value_name = "OS/ARCH[/VARIANT]", help_heading = "Registry")]
    pub platform: Option<crate::registry::Platform>,

    /// Take every platform of a multi-platform image (attestation entries excepted)
    #[arg(long, conflicts_with = "platform", help_heading = "Registry")]
    pub all_platforms: bool,
}

impl RegistryArgs {
    /// The platform to take, and whether it was asked for (`--platform`) rather than the default.
    pub fn platform(&self) -> (crate::registry::Platform, bool) {
        match &self.platform {
            Some(p) => (p.clone(), true),
            None => (crate::registry::Platform::linux_amd64(), false),
        }
    }
}

fn registry_host(s: &str) -> Result<String, String> {
    crate::registry::reference::registry_host(s).map_err(|e| {
        let hint = crate::error::failure(&e).and_then(|f| f.hint.clone()).map(|h| format!("; {h}")).unwrap_or_default();
        format!("{e}{hint}")
    })
}
