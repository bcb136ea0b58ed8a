//! `berth image ...`: list, show, sync (registry, sync file, local engine), history, rollback, prune.

use clap::Subcommand;

use super::registry::RegistryArgs;
use super::{consumer_parser, parse_key_value};
use crate::image::naming::Consumer;

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
        Destinations: `--to CLOUD`, `--to CLOUD/REGION`, `--to /REGION` (repeatable) and `--all-regions` sync \
        into several Glances from one read of each image, streamed to all of them at once (a destination that fails \
        drops out, the others finish); another cloud's settings come from its clouds.yaml and secure.yaml entry \
        alone. `--upload-method` chooses between a direct upload and Glance's import API (`glance-direct`; `auto` \
        falls back to it where Glance refuses direct uploads), `--stores` the stores of a multi-store Glance \
        (`copy-image` beyond the first), `--report FILE` writes a JSON line per image and destination. Mirror mode \
        (`--prune-missing`, `--delete`, `--yes`) hides or deletes what berth synced from a repository whose tag \
        left it, never what a server uses. `--exclude REGEX` and `--newest N` (by semver) narrow tag lists.\n\n\
        Faults: registry requests are retried (`--retries`); a blob cut off mid-way resumes with a Range request \
        into the same upload; the Glance upload itself is never retried, and a record whose upload failed is \
        deleted. A token that expires or is revoked mid-sync is renewed. Before pulling, a registry that reports a \
        pull quota (Docker Hub) is asked for it: a warning when fewer pulls are left than images to sync, and no \
        pull at all from one that reports 0 (see `registry quota`).")]
    Sync(Box<SyncArgs>),
    /// The versions of a synced image, newest first: digest, created, size, current marker, servers using each
    History {
        /// Glance name or docker reference
        #[arg(add = clap_complete::ArgValueCompleter::new(crate::completion::images))]
        name: String,
        /// Only the versions of this platform: `os/arch[/variant]`
        #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
        platform: Option<crate::registry::Platform>,
    },
    /// Make an earlier version current again (the current one is hidden, not deleted)
    Rollback {
        /// Glance name or docker reference
        #[arg(add = clap_complete::ArgValueCompleter::new(crate::completion::images))]
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
        #[arg(required_unless_present = "all", conflicts_with = "all", add = clap_complete::ArgValueCompleter::new(crate::completion::images))]
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

/// `berth image sync`.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// Image references: `busybox`, `busybox:1.36`, `registry.example:5000/team/app@sha256:...`; with
    /// `--from-daemon`, local image names or IDs
    #[arg(required_unless_present = "file", value_name = "REF")]
    pub references: Vec<String>,

    /// Take the images from the local Docker engine (`DOCKER_HOST`, else /var/run/docker.sock)
    #[arg(long, conflicts_with_all = ["platform", "all_platforms", "registry_user", "registry_password_stdin",
          "registry_cacert", "registry_insecure", "file", "all_tags", "dry_run", "exclude", "newest", "prune_missing"])]
    pub from_daemon: bool,

    /// Sync the images a YAML file lists: skopeo sync's format (registry -> images -> tags, tag regex, semver
    /// range) plus per-repository options; see the long help
    #[arg(short = 'f', long, value_name = "FILE", help_heading = "Bulk")]
    pub file: Option<std::path::PathBuf>,

    /// Every tag of each REF, which then names a repository (`busybox`, `host:5000/team/app`)
    #[arg(long, help_heading = "Bulk")]
    pub all_tags: bool,

    /// Leave out the tags this regex matches (unanchored; repeatable), of `--all-tags` and the sync file's lists
    #[arg(long, value_name = "REGEX", help_heading = "Bulk")]
    pub exclude: Vec<String>,

    /// Keep only the N highest versions (by semver) of each tag list; tags that are no version are left out
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Bulk")]
    pub newest: Option<u32>,

    /// Mirror mode: after the sync, hide the images berth synced from each repository whose tag is no longer
    /// there (never one a server uses); the sync file's `prune-missing` says so per registry or repository
    #[arg(long, help_heading = "Bulk")]
    pub prune_missing: bool,

    /// Mirror mode deletes those images instead of hiding them
    #[arg(long, requires = "prune_missing", help_heading = "Bulk")]
    pub delete: bool,

    /// Hide or delete in mirror mode without asking (needed without a terminal)
    #[arg(long, help_heading = "Bulk")]
    pub yes: bool,

    /// How many images to sync at once
    #[arg(short = 'j', long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64), help_heading = "Bulk")]
    pub jobs: u32,

    /// How many of those may transfer from one registry at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64), help_heading = "Bulk")]
    pub per_registry: u32,

    /// Resolve what would be synced (tags, digests, up to date or not) and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Sync into this Glance too: `CLOUD` (of clouds.yaml), `CLOUD/REGION`, or `/REGION` of the current cloud
    /// (repeatable); each image is read once and streamed to every destination that needs it
    #[arg(long = "to", value_name = "DEST", help_heading = "Destinations")]
    pub to: Vec<String>,

    /// Sync into every region of the current cloud that has an image endpoint
    #[arg(long, help_heading = "Destinations")]
    pub all_regions: bool,

    /// How archives go into Glance: `direct` (`PUT .../file`), `glance-direct` (the import API: staged, then
    /// imported), `auto` (direct, and the import API where Glance refuses direct uploads and offers it)
    #[arg(long, value_name = "METHOD", default_value = "auto", value_parser = ["auto", "direct", "glance-direct"], help_heading = "Destinations")]
    pub upload_method: String,

    /// The stores of a multi-store Glance each image goes into (comma-separated): uploaded into the first,
    /// copied to the others with the import API's `copy-image`
    #[arg(long, value_name = "STORE,...", value_delimiter = ',', help_heading = "Destinations")]
    pub stores: Vec<String>,

    /// Write a JSON line per image and destination to FILE: reference, manifest digest, destination, Glance ID,
    /// status, bytes, seconds (replaced as a whole when the sync ends)
    #[arg(long, value_name = "FILE")]
    pub report: Option<std::path::PathBuf>,

    /// The container driver to name the Glance image for
    #[arg(long = "for", value_parser = consumer_parser(), default_value = "nova-docker", value_name = "DRIVER")]
    pub consumer: Consumer,

    /// Glance/docker name instead of the reference's: `repo` (keeps the tag) or `repo:tag`; one REF only
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub name: Option<String>,

    /// Glance visibility
    #[arg(long, default_value = "private", value_parser = ["private", "shared", "community", "public"])]
    pub visibility: String,

    /// Extra Glance property (repeatable)
    #[arg(long = "property", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub properties: Vec<(String, String)>,

    /// Extra Glance tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Do not set `os_command_line` from the image's Entrypoint + Cmd
    #[arg(long)]
    pub no_command_line: bool,

    /// Put each layer into the archive as a plain (gunzipped) tar: reads every gzip layer twice
    #[arg(long)]
    pub uncompressed_layers: bool,

    /// Upload even when the current version already has the tag's digest
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub registry: RegistryArgs,
}
