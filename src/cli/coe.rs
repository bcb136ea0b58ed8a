//! `berth coe ...`: Magnum cluster templates and clusters, their preflight, kubeconfig and node images.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use super::{FailOn, parse_key_value};

// Parsed once per run; boxing the preflight's flags would only make `Command`'s own variants lopsided.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum CoeCommand {
    /// Check a cluster template (or its values) against this cloud before Magnum sees it
    #[command(long_about = "Check a cluster template, or the values one would have, against this cloud: every \
        check Magnum's attribute validation makes at template create (the image exists, is unique, active and has \
        the `os_distro` its driver needs, e.g. `fedora-coreos`, compared exactly; flavors exist; the external \
        network exists, is unique and `router:external`; the fixed network and subnet exist; master_count > 1 \
        needs `--master-lb`; network and volume driver values), those Magnum makes only at cluster create (the \
        keypair; a flavor of disk 0 without a `boot_volume_size` label; a missing master flavor, which fails as \
        \"Unable to find flavor None\"), and those it never makes (the compute and floating IP quota for the \
        cluster's servers; a cluster driver for the image's os_distro; Heat, Neutron, Cinder and Octavia in the \
        catalog when the template needs them).\n\n\
        Findings have the shape of `gaps` (`-o json`: id, area, status, summary, evidence, consequence, remedy, \
        reference). Exit 0 when nothing fails, 3 when a finding is at or above `--fail-on` (default `fail`), \
        2 for an unknown template, 4 when authentication fails.")]
    Preflight(PreflightArgs),

    /// Cluster templates: create (after the preflight), list, show, delete
    #[command(subcommand)]
    Template(TemplateCommand),

    /// Clusters: create (and follow), list, show, delete
    #[command(subcommand)]
    Cluster(ClusterCommand),

    /// Write a cluster's kubeconfig (0600; an existing file only with --force)
    #[command(long_about = "Write the kubeconfig of CLUSTER to `DIR/config` (default: the current directory), as \
        `openstack coe cluster config` does: the cluster's CA from Magnum's certificates API, and a new key whose \
        CSR (CN=admin, O=system:masters) Magnum's conductor signs with the cluster's CA. The file is created mode \
        0600; an existing one is replaced only with `--force` (else exit 2). stdout: the `export KUBECONFIG=...` \
        line. A cluster that is not CREATE_COMPLETE or UPDATE_COMPLETE is refused (exit 1) unless `--any-status`.\n\n\
        `--use-keystone` (clusters with Keystone authentication): no key and no certificate; the user runs \
        `/bin/sh -c` with `berth auth token` for a token (from berth's cache while it lasts), in the environment \
        kubectl runs in (`OS_CLOUD`...).")]
    Config(ConfigArgs),

    /// Upload a COE node image (qcow2 or raw) into Glance with the properties Magnum's drivers need
    #[command(long_about = "Upload a COE node image into Glance from FILE, streamed and verified as `image sync` \
        verifies (Glance's md5 `checksum` and sha512 `os_hash_value` must equal what berth computed, else the image \
        is deleted; Ctrl-C deletes it too), with `os_distro` (what Magnum picks the cluster driver by; \
        `fedora-coreos` for the Heat driver) and `--property` values. A URL instead of FILE asks Glance to fetch it \
        with its `web-download` import when the cloud offers it (exit 2 when it does not).")]
    Image(ImageArgs),
}

/// The values of a cluster template, as flags.
#[derive(Debug, Args, Clone, Default)]
pub struct SpecArgs {
    /// Node image (name or ID): a Fedora CoreOS image with `os_distro=fedora-coreos`
    #[arg(long, value_name = "IMAGE")]
    pub image: Option<String>,
    /// Flavor of the worker nodes
    #[arg(long, value_name = "FLAVOR")]
    pub flavor: Option<String>,
    /// Flavor of the masters
    #[arg(long, value_name = "FLAVOR")]
    pub master_flavor: Option<String>,
    /// Nova keypair for the nodes
    #[arg(long, value_name = "KEYPAIR")]
    pub keypair: Option<String>,
    /// External network (router:external) for floating IPs and the API's address
    #[arg(long, value_name = "NETWORK")]
    pub external_network: Option<String>,
    /// Existing network for the nodes (default: the driver makes one)
    #[arg(long, value_name = "NETWORK")]
    pub network: Option<String>,
    /// Existing subnet of `--network` for the nodes
    #[arg(long, value_name = "SUBNET")]
    pub subnet: Option<String>,
    /// Size of each node's Docker volume in GiB (needs Cinder)
    #[arg(long, value_name = "GIB")]
    pub docker_volume_size: Option<u64>,
    /// A label of the template (repeatable), e.g. `boot_volume_size=10`
    #[arg(long = "label", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub labels: Vec<(String, String)>,
    /// Network driver: flannel or calico
    #[arg(long, value_name = "DRIVER")]
    pub network_driver: Option<String>,
    /// Volume driver: cinder
    #[arg(long, value_name = "DRIVER")]
    pub volume_driver: Option<String>,
    /// Container orchestration engine
    #[arg(long, default_value = "kubernetes", value_name = "COE")]
    pub coe: String,
    /// Server type: vm or bm
    #[arg(long, default_value = "vm", value_name = "TYPE")]
    pub server_type: String,
    /// A load balancer (Octavia) in front of the masters
    #[arg(long)]
    pub master_lb: bool,
    /// No floating IP for each node
    #[arg(long)]
    pub no_floating_ip: bool,
}

/// How many nodes a cluster has.
#[derive(Debug, Args, Clone)]
pub struct CountArgs {
    /// Number of masters
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub master_count: u64,
    /// Number of worker nodes
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub node_count: u64,
}

#[derive(Debug, Args)]
pub struct PreflightArgs {
    /// Check an existing cluster template (name or ID) instead of the values given as flags
    #[arg(long, value_name = "TEMPLATE", conflicts_with_all = ["image", "flavor", "master_flavor", "external_network", "network", "subnet", "docker_volume_size", "labels", "network_driver", "volume_driver"])]
    pub template: Option<String>,
    #[command(flatten)]
    pub spec: SpecArgs,
    #[command(flatten)]
    pub counts: CountArgs,
    /// Exit 3 when any finding is at or above this level
    #[arg(long, value_enum, default_value = "fail", value_name = "LEVEL")]
    pub fail_on: FailOn,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Create a cluster template; the preflight runs first and refuses it when a check fails (exit 2)
    #[command(long_about = "Create a cluster template. The preflight (`coe preflight`) runs first: when a check \
        fails, nothing is sent and the error lists the failing checks with what Magnum would do and the remedy \
        (exit 2). `--force` sends the template anyway (the failing checks become warnings); Magnum may still refuse \
        it (exit 2, with Magnum's message). stdout: the template.")]
    Create {
        /// Name of the template
        name: String,
        #[command(flatten)]
        spec: Box<SpecArgs>,
        /// Visible to every project (admin only)
        #[arg(long)]
        public: bool,
        /// Send the template even when the preflight finds a failure
        #[arg(long)]
        force: bool,
    },
    /// List cluster templates
    List,
    /// Show a cluster template
    Show {
        /// Name or ID
        template: String,
    },
    /// Delete cluster templates (Magnum refuses one that a cluster uses: exit 2)
    Delete {
        /// Names or IDs
        #[arg(required = true)]
        templates: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Create a cluster from a template; `--wait` follows it and its Heat stack to the end
    #[command(long_about = "Create a cluster from a template. The preflight runs first on the template with this \
        cluster's counts and keypair (exit 2 when a check fails; `--force` sends it anyway).\n\n\
        `--wait` shows the cluster's status and, while it is in progress, each event of its Heat stack (stderr), \
        and exits 0 on CREATE_COMPLETE; 1 on CREATE_FAILED, with Magnum's status_reason and each failing Heat \
        resource (nested stacks included) with its type and reason; 5 when the cluster is still in progress \
        `--timeout` minutes plus 5 minutes later; 130 on Ctrl-C (the cluster is left). stdout: the cluster.")]
    Create(ClusterCreateArgs),
    /// List clusters
    List,
    /// Show a cluster
    Show {
        /// Name or ID
        cluster: String,
    },
    /// Delete clusters; `--wait` until they are gone
    Delete {
        /// Names or IDs
        #[arg(required = true)]
        clusters: Vec<String>,
        /// Wait until each is gone (exit 1 on DELETE_FAILED, 5 after --timeout)
        #[arg(long)]
        wait: bool,
        /// Seconds `--wait` waits for each cluster
        #[arg(long, default_value = "1800", value_name = "SECONDS", value_parser = super::seconds)]
        timeout: Duration,
    },
}

#[derive(Debug, Args)]
pub struct ClusterCreateArgs {
    /// Name of the cluster
    pub name: String,
    /// Cluster template (name or ID)
    #[arg(long, value_name = "TEMPLATE")]
    pub template: String,
    #[command(flatten)]
    pub counts: CountArgs,
    /// Nova keypair (default: the template's)
    #[arg(long, value_name = "KEYPAIR")]
    pub keypair: Option<String>,
    /// Minutes Magnum (and Heat) give the create before it fails
    #[arg(long, default_value_t = 60, value_name = "MINUTES", value_parser = clap::value_parser!(u64).range(1..=10080))]
    pub timeout: u64,
    /// Follow the cluster until its create ends
    #[arg(long)]
    pub wait: bool,
    /// Send the cluster even when the preflight finds a failure
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Cluster (name or ID)
    pub cluster: String,
    /// Directory of the kubeconfig (`DIR/config`)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Replace an existing `DIR/config`
    #[arg(long)]
    pub force: bool,
    /// Write it even when the cluster is not CREATE_COMPLETE or UPDATE_COMPLETE
    #[arg(long)]
    pub any_status: bool,
    /// For a Keystone-authenticated cluster: no client certificate; kubectl gets a token from `berth auth token`
    #[arg(long)]
    pub use_keystone: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiskFormat {
    Qcow2,
    Raw,
}

#[derive(Debug, Args)]
pub struct ImageArgs {
    /// Image file (qcow2 or raw), or an http(s) URL for Glance to fetch
    pub source: String,
    /// Name of the Glance image
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// `os_distro` property: what Magnum picks the cluster driver by
    #[arg(long, default_value = "fedora-coreos", value_name = "DISTRO")]
    pub os_distro: String,
    /// Disk format (default: qcow2 when the file starts with the qcow2 magic, else raw)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub disk_format: Option<DiskFormat>,
    /// An extra image property (repeatable)
    #[arg(long = "property", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub properties: Vec<(String, String)>,
}
