//! The command line, as clap definitions only. Help, man page and completions are all generated from here.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "berth",
    version,
    about = "Docker containers on OpenStack: auth, image sync into Glance, boot through Nova, gaps",
    long_about = "berth copies Docker images from any registry into Glance as images that container drivers \
                  (nova-docker, Zun) can boot, boots them through Nova, and reports what a cloud can and cannot do \
                  for containers. stdout carries data only; progress, warnings and errors go to stderr.",
    after_long_help = ExitCode::help_table(),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(flatten)]
    pub cloud: CloudArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Output format: a table for people, json/yaml for programs, value for shell scripts
    #[arg(short = 'o', long = "output", global = true, value_enum, default_value_t = Format::Table,
          value_name = "FORMAT", help_heading = "Output")]
    pub output: Format,

    /// Show only this column (repeatable), as `openstack -c`
    #[arg(short = 'c', long = "column", global = true, value_name = "COLUMN", help_heading = "Output")]
    pub columns: Vec<String>,

    /// Print nothing on stderr but errors: no progress, no warnings
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose", help_heading = "Output")]
    pub quiet: bool,

    /// Log what berth does on stderr (-vv for more); secrets are always redacted
    #[arg(short = 'v', long, global = true, action = clap::ArgAction::Count, help_heading = "Output")]
    pub verbose: u8,

    /// When to colour stderr (NO_COLOR is honoured under auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN",
          help_heading = "Output")]
    pub color: ColorWhen,

    /// Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)
    #[arg(long, global = true, help_heading = "Output")]
    pub no_progress: bool,
}

/// Which cloud and how to authenticate. Each flag overrides its `OS_*` variable, which overrides clouds.yaml and
/// secure.yaml.
#[derive(Debug, Args, Clone, Default)]
pub struct CloudArgs {
    /// Cloud in clouds.yaml to use [env: OS_CLOUD]
    #[arg(long = "os-cloud", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_cloud: Option<String>,

    /// Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]
    #[arg(long = "os-auth-url", global = true, value_name = "URL", help_heading = "Cloud")]
    pub os_auth_url: Option<String>,

    /// password, v3applicationcredential or token (guessed from what is set) [env: OS_AUTH_TYPE]
    #[arg(long = "os-auth-type", global = true, value_name = "TYPE", help_heading = "Cloud")]
    pub os_auth_type: Option<String>,

    /// User name [env: OS_USERNAME]
    #[arg(long = "os-username", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_username: Option<String>,

    /// User ID [env: OS_USER_ID]
    #[arg(long = "os-user-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_user_id: Option<String>,

    /// Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]
    #[arg(long = "os-password", global = true, value_name = "PASSWORD", help_heading = "Cloud")]
    pub os_password: Option<String>,

    /// Domain of the user, by name [env: OS_USER_DOMAIN_NAME]
    #[arg(long = "os-user-domain-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_user_domain_name: Option<String>,

    /// Domain of the user, by ID [env: OS_USER_DOMAIN_ID]
    #[arg(long = "os-user-domain-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_user_domain_id: Option<String>,

    /// Project to scope to, by name [env: OS_PROJECT_NAME]
    #[arg(long = "os-project-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_project_name: Option<String>,

    /// Project to scope to, by ID [env: OS_PROJECT_ID]
    #[arg(long = "os-project-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_project_id: Option<String>,

    /// Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]
    #[arg(long = "os-project-domain-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_project_domain_name: Option<String>,

    /// Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]
    #[arg(long = "os-project-domain-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_project_domain_id: Option<String>,

    /// Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]
    #[arg(long = "os-domain-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_domain_name: Option<String>,

    /// Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]
    #[arg(long = "os-domain-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_domain_id: Option<String>,

    /// Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]
    #[arg(long = "os-application-credential-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_application_credential_id: Option<String>,

    /// Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]
    #[arg(long = "os-application-credential-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_application_credential_name: Option<String>,

    /// Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]
    #[arg(long = "os-application-credential-secret", global = true, value_name = "SECRET", help_heading = "Cloud")]
    pub os_application_credential_secret: Option<String>,

    /// An existing token to authenticate with [env: OS_TOKEN]
    #[arg(long = "os-token", global = true, value_name = "TOKEN", help_heading = "Cloud")]
    pub os_token: Option<String>,

    /// Region of the endpoints to use [env: OS_REGION_NAME]
    #[arg(long = "os-region-name", global = true, value_name = "REGION", help_heading = "Cloud")]
    pub os_region_name: Option<String>,

    /// Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]
    #[arg(long = "os-interface", global = true, value_name = "INTERFACE", help_heading = "Cloud")]
    pub os_interface: Option<String>,

    /// CA bundle (PEM) to verify TLS with, in addition to the system's [env: OS_CACERT]
    #[arg(long = "os-cacert", global = true, value_name = "FILE", help_heading = "Cloud")]
    pub os_cacert: Option<String>,

    /// Client certificate (PEM) [env: OS_CERT]
    #[arg(long = "os-cert", global = true, value_name = "FILE", help_heading = "Cloud")]
    pub os_cert: Option<String>,

    /// Client certificate key (PEM) [env: OS_KEY]
    #[arg(long = "os-key", global = true, value_name = "FILE", help_heading = "Cloud")]
    pub os_key: Option<String>,

    /// Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)
    #[arg(long, global = true, help_heading = "Cloud")]
    pub insecure: bool,

    /// Neither read nor write the token cache
    #[arg(long, global = true, help_heading = "Cloud")]
    pub no_cache: bool,

    /// Seconds before an HTTP request gives up
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30.0, help_heading = "Cloud")]
    pub http_timeout: f64,

    /// Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables
    #[arg(long, global = true, value_name = "N", default_value_t = crate::retry::DEFAULT_RETRIES,
          value_parser = clap::value_parser!(u32).range(0..=20), help_heading = "Cloud")]
    pub retries: u32,

    /// Print a table of every HTTP request (method, URL, status, time) on stderr at the end
    #[arg(long, global = true, help_heading = "Output")]
    pub timing: bool,
}

impl CloudArgs {
    /// The settings given as flags: (config key, flag, value).
    pub fn settings(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut out: Vec<(&'static str, &'static str, String)> = [
            ("auth_url", "--os-auth-url", &self.os_auth_url),
            ("auth_type", "--os-auth-type", &self.os_auth_type),
            ("username", "--os-username", &self.os_username),
            ("user_id", "--os-user-id", &self.os_user_id),
            ("password", "--os-password", &self.os_password),
            ("user_domain_name", "--os-user-domain-name", &self.os_user_domain_name),
            ("user_domain_id", "--os-user-domain-id", &self.os_user_domain_id),
            ("project_name", "--os-project-name", &self.os_project_name),
            ("project_id", "--os-project-id", &self.os_project_id),
            ("project_domain_name", "--os-project-domain-name", &self.os_project_domain_name),
            ("project_domain_id", "--os-project-domain-id", &self.os_project_domain_id),
            ("domain_name", "--os-domain-name", &self.os_domain_name),
            ("domain_id", "--os-domain-id", &self.os_domain_id),
            ("application_credential_id", "--os-application-credential-id", &self.os_application_credential_id),
            ("application_credential_name", "--os-application-credential-name", &self.os_application_credential_name),
            (
                "application_credential_secret",
                "--os-application-credential-secret",
                &self.os_application_credential_secret,
            ),
            ("token", "--os-token", &self.os_token),
            ("region_name", "--os-region-name", &self.os_region_name),
            ("interface", "--os-interface", &self.os_interface),
            ("cacert", "--os-cacert", &self.os_cacert),
            ("cert", "--os-cert", &self.os_cert),
            ("key", "--os-key", &self.os_key),
        ]
        .into_iter()
        .filter_map(|(k, f, v)| v.clone().map(|v| (k, f, v)))
        .collect();
        if self.insecure {
            out.push(("insecure", "--insecure", "true".into()));
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Yaml,
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Keystone tokens: issue (cached), revoke
    #[command(subcommand)]
    Auth(AuthCommand),

    /// The service catalog of the current token
    #[command(subcommand)]
    Catalog(CatalogCommand),

    /// The resolved cloud configuration and where each value came from
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Container images in Glance
    #[command(subcommand)]
    Image(ImageCommand),

    /// Boot container instances through Nova, with preflight checks and clear faults
    Boot(BootArgs),

    /// Nova servers: list, show, delete, logs
    #[command(subcommand)]
    Server(ServerCommand),

    /// Docker registries: what a reference resolves to, a repository's tags, the pull quota
    #[command(subcommand)]
    Registry(RegistryCommand),

    /// What this cloud can and cannot do for containers, for people and for CI
    Gaps(GapsArgs),

    /// Print a shell completion script to stdout
    #[command(long_about = "Print a shell completion script to stdout.\n\n\
        bash:  berth completions bash > ~/.local/share/bash-completion/completions/berth\n\
        zsh:   berth completions zsh > \"${fpath[1]}/_berth\"\n\
        fish:  berth completions fish > ~/.config/fish/completions/berth.fish")]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// The clap command, for generators and tests.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Print a token (from the cache while it has more than 5 minutes left), like `openstack token issue`
    #[command(long_about = "Print a token: from the cache while it has more than 5 minutes left, else a new one from \
        Keystone, which is then cached (`--no-cache` skips the cache).\n\n\
        In scripts: curl -H \"X-Auth-Token: $(berth auth token -o value -c id)\" ...")]
    Token,
    /// Revoke the token at Keystone and remove it from the cache
    Revoke,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Every service with its endpoints
    List,
    /// One service by type or alias (block-storage = volumev3, container-infra, ...), and the endpoint berth uses
    Show {
        /// Service type, e.g. `image`, `compute`, `orchestration`, `volumev3`
        service_type: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Every resolved setting with its source (flag, env, file, default); secrets are masked
    Show,
}

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Glance images with `container_format=docker`: name, tags, digest, platform, size, status
    List {
        /// All images, not only docker ones
        #[arg(long)]
        all: bool,
        /// Older versions too (hidden with `os_hidden` by `image sync` when a tag moved)
        #[arg(long)]
        all_versions: bool,
    },
    /// One Glance image with the provenance berth recorded (source, digests, platform, command line)
    Show {
        /// Glance image ID or name (a name must match exactly one image)
        image: String,
    },
    /// Copy images from a registry (or a local Docker engine) into Glance, streamed and verified, bootable by nova-docker and Zun
    #[command(long_about = "Copy images from any Docker Registry v2 / OCI registry (Docker Hub by default) into \
        Glance as `container_format=docker`, `disk_format=raw` images holding a `docker save` archive, in one \
        streamed pass: no Docker daemon, no temp file. Every blob's sha256 is checked as it arrives, and Glance's \
        md5 and sha512 must equal what berth sent, else the image is deleted.\n\n\
        Naming, because the container driver finds the image by name:\n\
        - `--for nova-docker` (default): Glance name = `repo:tag` as docker shows it (`busybox:1.36`), equal to \
        the archive's RepoTags; nova-docker runs `docker inspect <Glance name>` after loading it.\n\
        - `--for zun`: Glance name = `repo` (`busybox`), Glance tag = the docker tag (`1.36`), RepoTags \
        `repo:tag`; Zun matches name == repo, then the tag among the Glance tags.\n\n\
        Properties recorded: berth_source, berth_manifest_digest, berth_config_digest (the docker image ID), \
        berth_platform, berth_repo_tag, berth_layers (compressed or uncompressed), architecture, os_type, and \
        os_command_line from Entrypoint + Cmd.\n\n\
        Layers stay gzip-compressed inside each layer.tar, which every Docker since 1.10 loads. \
        `--uncompressed-layers` puts plain tars there instead, for the most conservative loaders: a first pass \
        reads each gzip layer to learn its uncompressed size and check it against the config's diff_id, then the \
        upload reads it again, gunzipping it into the archive (still no temp file).\n\n\
        A failure or Ctrl-C after the Glance record exists deletes it (or names it when it cannot).\n\n\
        Versions: a re-sync of an unchanged tag transfers nothing (one manifest HEAD, one Glance query; status \
        `up to date`; `--force` uploads anyway). When the tag moved, the new image becomes current once verified \
        and the previous one is hidden (`os_hidden`), still bootable by ID: see `image history`, `image rollback` \
        and `image prune`. Properties berth_version, berth_previous and berth_current link the versions.\n\n\
        Bulk: `-f images.yaml` takes skopeo sync's YAML: top-level keys are registries (`docker.io`, \
        `host:port`), each with `images` (repository: list of tags or digests; `[]` = every tag), \
        `images-by-tag-regex` (repository: regex, unanchored), `images-by-semver` (repository: range such as \
        `>= 3.18, < 4` or `~1.4`, `||` for alternatives; tags that are no version are skipped), `credentials` \
        (username, password), `tls-verify` and `cert-dir`. A repository under `images` may map to options \
        instead of a list: `tags` | `tag-regex` | `semver`, `platform` | `all-platforms`, `name` (a repository: \
        each image keeps its tag), `for`, `visibility`, `properties`, `glance-tags`; the command line's options \
        are the defaults. `--all-tags` takes every tag of each REF. `-j N` images sync at once, at most \
        `--per-registry N` of them from one registry. One image failing does not stop the others: the summary \
        has a row for each (status `failed` and an `error` column), and the exit code is 6 when some failed and \
        some did not. `--dry-run` lists the images with status `would sync`, `up to date` or `would restore` \
        and changes nothing.\n\n\
        From a local Docker engine (`--from-daemon`), for images built locally and never pushed: each REF is an \
        image of the engine at `DOCKER_HOST` (`unix:///path` or `tcp://HOST:PORT`; unset: \
        /var/run/docker.sock; docker CLI contexts are not read), by name or ID. Its `docker save` of the image \
        by ID streams into Glance (chunked, no temp file), renamed to the same Glance and docker names as a \
        registry image (an ID takes `--name`, else its only tag; the engine's tags are never changed), and is \
        checked on the way: the config must hash to the image ID and each layer to its diff_id, and Glance's md5 \
        and sha512 must equal what was sent. berth_config_digest is the image ID, which is also the digest \
        column and what tells versions apart (the same ID is `up to date`; a rebuilt image is a new version); \
        berth_source is `docker-daemon:NAME`; berth_repo_digest the registry digest the engine recorded for the \
        name, if any; berth_layers is `uncompressed` (the engine's layers are plain tars). Exit 1 when the engine \
        cannot be reached or has no such image, 2 for a `DOCKER_HOST` berth cannot use (TLS, ssh) or an ID with \
        several tags and no `--name`.\n\n\
        Faults: registry requests are retried (`--retries`); a blob cut off mid-way resumes with a Range request \
        into the same upload; the Glance upload itself is never retried, and a record whose upload failed is \
        deleted. A token that expires or is revoked mid-sync is renewed. Before pulling, a registry that reports a \
        pull quota (Docker Hub) is asked for it: a warning when fewer pulls are left than images to sync, and no \
        pull at all from one that reports 0 (see `registry quota`).")]
    Sync {
        /// Image references: `busybox`, `busybox:1.36`, `registry.example:5000/team/app@sha256:...`; with
        /// `--from-daemon`, local image names or IDs
        #[arg(required_unless_present = "file", value_name = "REF")]
        references: Vec<String>,

        /// Take the images from the local Docker engine (`DOCKER_HOST`, else /var/run/docker.sock)
        #[arg(long, conflicts_with_all = ["platform", "all_platforms", "registry_user", "registry_password_stdin",
              "registry_cacert", "registry_insecure", "file", "all_tags", "dry_run"])]
        from_daemon: bool,

        /// Sync the images a YAML file lists: skopeo sync's format (registry -> images -> tags, tag regex, semver
        /// range) plus per-repository options; see the long help
        #[arg(short = 'f', long, value_name = "FILE", help_heading = "Bulk")]
        file: Option<std::path::PathBuf>,

        /// Every tag of each REF, which then names a repository (`busybox`, `host:5000/team/app`)
        #[arg(long, help_heading = "Bulk")]
        all_tags: bool,

        /// How many images to sync at once
        #[arg(short = 'j', long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64), help_heading = "Bulk")]
        jobs: u32,

        /// How many of those may transfer from one registry at once
        #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64), help_heading = "Bulk")]
        per_registry: u32,

        /// Resolve what would be synced (tags, digests, up to date or not) and change nothing
        #[arg(long)]
        dry_run: bool,

        /// The container driver to name the Glance image for
        #[arg(long = "for", value_enum, default_value_t = Consumer::NovaDocker, value_name = "DRIVER")]
        consumer: Consumer,

        /// Glance/docker name instead of the reference's: `repo` (keeps the tag) or `repo:tag`; one REF only
        #[arg(long, value_name = "NAME", conflicts_with = "file")]
        name: Option<String>,

        /// Glance visibility
        #[arg(long, default_value = "private", value_parser = ["private", "shared", "community", "public"])]
        visibility: String,

        /// Extra Glance property (repeatable)
        #[arg(long = "property", value_name = "KEY=VALUE", value_parser = parse_key_value)]
        properties: Vec<(String, String)>,

        /// Extra Glance tag (repeatable)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,

        /// Do not set `os_command_line` from the image's Entrypoint + Cmd
        #[arg(long)]
        no_command_line: bool,

        /// Put each layer into the archive as a plain (gunzipped) tar: reads every gzip layer twice
        #[arg(long)]
        uncompressed_layers: bool,

        /// Upload even when the current version already has the tag's digest
        #[arg(long)]
        force: bool,

        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// The versions of a synced image, newest first: digest, created, size, current marker, servers using each
    History {
        /// Glance name or docker reference
        name: String,
        /// Only the versions of this platform: `os/arch[/variant]`
        #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
        platform: Option<crate::registry::Platform>,
    },
    /// Make an earlier version current again (the current one is hidden, not deleted)
    Rollback {
        /// Glance name or docker reference
        name: String,
        /// The version with this manifest digest (or a unique prefix of its hex); the image ID for `--from-daemon` ones
        #[arg(long, value_name = "DIGEST", conflicts_with = "steps")]
        to: Option<String>,
        /// This many versions older than the current one
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        steps: u32,
        /// Only the versions of this platform: `os/arch[/variant]`
        #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
        platform: Option<crate::registry::Platform>,
        /// Print the plan and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Delete old versions: never the current one, never one a Nova server uses
    #[command(
        long_about = "Delete old versions of synced images. Per image (name, docker tag, platform) the current version and \
        the newest others up to `--keep` in all stay, and so does every version a Nova server still uses (in \
        every project for an admin); the plan says which stay and why. Asks before deleting on a terminal; \
        without one it refuses unless `--yes` (exit 2). `--dry-run` prints the plan and changes nothing."
    )]
    Prune {
        /// Glance name or docker reference
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        name: Option<String>,
        /// Every docker image synced by berth
        #[arg(long)]
        all: bool,
        /// How many versions to keep, the current one included
        #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
        keep: u32,
        /// Only the versions of this platform: `os/arch[/variant]`
        #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
        platform: Option<crate::registry::Platform>,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
        /// Print the plan and change nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// The container driver that will boot the Glance image, which decides how it is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Consumer {
    /// Glance name = `repo:tag` = the archive's RepoTags
    NovaDocker,
    /// Glance name = `repo`, Glance tag = the docker tag
    Zun,
}

fn parse_key_value(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("`{s}` is not KEY=VALUE")),
    }
}

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

/// How to reach a registry: credentials and TLS.
#[derive(Debug, Args, Clone, Default)]
pub struct RegistryAccessArgs {
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

    /// The platform to take from a multi-platform image: `os/arch[/variant]`
    #[arg(long, value_name = "OS/ARCH[/VARIANT]", default_value = "linux/amd64", help_heading = "Registry")]
    pub platform: crate::registry::Platform,

    /// Take every platform of a multi-platform image (attestation entries excepted)
    #[arg(long, conflicts_with = "platform", help_heading = "Registry")]
    pub all_platforms: bool,
}

#[derive(Debug, Args)]
#[command(long_about = "Boot container instances through Nova from Glance docker images (made by `berth image \
    sync`). Before any request that creates something, berth checks: the image is `container_format=docker` and \
    active, the flavor exists and fits the image's min_disk/min_ram, no option asks for what a docker instance \
    cannot do (volumes, config drive), and warns when no hypervisor is a container one (docker, lxc). Each \
    refusal exits 2 and says why; `--force` boots anyway where that can make sense.\n\n\
    Exit codes of `--wait`: 0 ACTIVE, 1 the server went to ERROR (Nova's fault is shown), 5 `--timeout` ran out, \
    130 interrupted (the server is left, unless `--delete-on-failure`).")]
pub struct BootArgs {
    /// Server name (with `--count N`, Nova appends -1, -2, ...)
    pub name: String,

    /// Docker reference (`busybox:1.36`, resolved to the newest Glance image synced from it), Glance name or ID
    #[arg(long, value_name = "IMAGE")]
    pub image: String,

    /// Flavor name or ID
    #[arg(long, value_name = "FLAVOR")]
    pub flavor: String,

    /// Network name or ID to attach (repeatable)
    #[arg(long = "network", value_name = "NETWORK", conflicts_with = "no_network")]
    pub networks: Vec<String>,

    /// Existing Neutron port ID to attach (repeatable)
    #[arg(long = "port", value_name = "PORT", conflicts_with = "no_network")]
    pub ports: Vec<String>,

    /// Boot without any network (`networks: "none"`)
    #[arg(long)]
    pub no_network: bool,

    /// Key pair to inject
    #[arg(long, value_name = "KEY")]
    pub key_name: Option<String>,

    /// File of user data
    #[arg(long, value_name = "FILE")]
    pub user_data: Option<std::path::PathBuf>,

    /// Environment variable for the container, as instance metadata the docker driver turns into env (repeatable)
    #[arg(long = "env", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub env: Vec<(String, String)>,

    /// Command for this boot only (refused: the driver takes it from the image's `os_command_line`)
    #[arg(long, value_name = "COMMAND")]
    pub command: Option<String>,

    /// Availability zone
    #[arg(long, value_name = "ZONE")]
    pub availability_zone: Option<String>,

    /// How many servers to boot
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub count: u32,

    /// Server metadata (repeatable)
    #[arg(long = "property", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub properties: Vec<(String, String)>,

    /// Attach this Cinder volume (refused unless `--force`: docker instances cannot attach volumes)
    #[arg(long = "volume", value_name = "VOLUME_ID")]
    pub volumes: Vec<String>,

    /// Ask for a config drive (refused unless `--force`: docker instances have none)
    #[arg(long)]
    pub config_drive: bool,

    /// Boot even when a preflight check refuses (not for a missing image or flavor)
    #[arg(long)]
    pub force: bool,

    /// Wait until the server is ACTIVE or ERROR
    #[arg(long)]
    pub wait: bool,

    /// Seconds `--wait` waits before giving up (exit 5)
    #[arg(long, default_value_t = 600.0, value_name = "SECONDS")]
    pub timeout: f64,

    /// Delete the servers when they go to ERROR, time out, or the wait is interrupted
    #[arg(long, requires = "wait")]
    pub delete_on_failure: bool,
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Servers, optionally filtered
    List {
        /// Name (a regular expression, as Nova takes it)
        #[arg(long)]
        name: Option<String>,
        /// Status, e.g. ACTIVE, ERROR, BUILD
        #[arg(long)]
        status: Option<String>,
        /// Image: Glance ID, name or docker reference
        #[arg(long)]
        image: Option<String>,
    },
    /// One server, with its fault if it has one
    Show {
        /// Server name or ID
        server: String,
    },
    /// Delete servers
    Delete {
        /// Server names or IDs
        #[arg(required = true)]
        servers: Vec<String>,
        /// Wait until they are gone
        #[arg(long)]
        wait: bool,
        /// Seconds `--wait` waits before giving up (exit 5)
        #[arg(long, default_value_t = 300.0, value_name = "SECONDS")]
        timeout: f64,
    },
    /// The console log, which on container drivers is the container's output
    Logs {
        /// Server name or ID
        server: String,
        /// Only the last N lines
        #[arg(long, value_name = "N")]
        lines: Option<u32>,
    },
}

#[derive(Debug, Args)]
#[command(long_about = "What this cloud can and cannot do for containers: the catalog and each endpoint's \
    reachability and versions, compute microversions and hypervisor types (is any a container one?), whether Glance \
    accepts `container_format=docker` and how the docker images are named, volumes (Cinder; container instances \
    cannot attach them), telemetry, networking, Heat's resource types (OS::Nova::Server, OS::Zun::Container, \
    DockerInc::Docker::Container), Magnum and Zun. The cloud is asked once, concurrently, with a 3 s timeout per \
    request: what berth cannot see (a service that does not answer, an admin-only API) is `unknown`, with the reason.\n\n\
    The table groups findings by area; a summary line goes to stderr. `-o json|yaml` prints an array of findings \
    with these keys, a stable schema: `id` (stable check id, e.g. `compute.container-hypervisor`; per-service \
    reachability is `catalog.endpoint.<type>`), `area` (catalog, identity, compute, image, volumes, telemetry, \
    networking, orchestration, magnum, zun), `status` (ok, info, warn, fail, unknown), `summary` (one line), \
    `evidence` (what the API said), `consequence`, `remedy`, `reference` (a URL).\n\n\
    Exit codes: 0 the report was made (whatever it says); 3 with `--fail-on LEVEL` when any finding is at or above \
    LEVEL (`unknown` never counts); 2 for an unknown `--explain` id; 4 when authentication fails.")]
pub struct GapsArgs {
    /// Only findings of this area (repeatable)
    #[arg(long = "only", value_enum, value_name = "AREA")]
    pub only: Vec<crate::gaps::Area>,

    /// Exit 3 when any finding is at or above this level (warn: warn or fail; fail: fail only)
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,

    /// Print the long explanation of a check id (e.g. `compute.container-hypervisor`) and exit; asks no cloud
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Warn,
    Fail,
}
