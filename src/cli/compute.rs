//! `berth boot` and `berth server ...`: container instances through Nova.

use std::net::IpAddr;
use std::time::Duration;

use clap::{ArgGroup, Args, Subcommand};

use super::{parse_key_value, seconds, seconds_or_zero};

#[derive(Debug, Args)]
#[command(long_about = "Boot container instances through Nova from Glance docker images (made by `berth image \
    sync`). Before any request that creates something, berth checks: the image is `container_format=docker` and \
    active, the flavor exists and fits the image's min_disk/min_ram, no option asks for what a docker instance \
    cannot do (volumes, config drive), the networks, ports, security groups, fixed IPs and floating IP asked for \
    exist and can be used by the project, and warns when no hypervisor is a container one (docker, lxc). Each \
    refusal exits 2 and says why; `--force` boots anyway where that can make sense.\n\n\
    A container instance gets its port's IP directly (no port mapping); `--floating-ip` associates a floating IP \
    with its first port once it is ACTIVE and reports both addresses.\n\n\
    Exit codes of `--wait`: 0 ACTIVE, 1 the server went to ERROR (Nova's fault is shown), 5 `--timeout` ran out, \
    130 interrupted (the server is left, unless `--delete-on-failure`).")]
#[command(group(ArgGroup::new("waits").args(["wait", "floating_ip"]).multiple(true)))]
pub struct BootArgs {
    /// Server name (with `--count N`, Nova appends -1, -2, ...)
    pub name: String,

    /// Docker reference (`busybox:1.36`, resolved to the newest Glance image synced from it), Glance name or ID
    #[arg(long, value_name = "IMAGE", add = clap_complete::ArgValueCompleter::new(crate::completion::images))]
    pub image: String,

    /// Flavor name or ID
    #[arg(long, value_name = "FLAVOR")]
    pub flavor: String,

    /// Network name or ID to attach: Nova makes a port on it (repeatable, in order)
    #[arg(long = "network", value_name = "NETWORK", conflicts_with = "no_network")]
    pub networks: Vec<String>,

    /// Existing Neutron port, by name or ID, to attach; it must be free (repeatable)
    #[arg(long = "port", value_name = "PORT", conflicts_with = "no_network")]
    pub ports: Vec<String>,

    /// This fixed IP on network NET (name or ID): on the first `--network NET`, else on a port of its own
    /// (repeatable)
    #[arg(long = "fixed-ip", value_name = "NET=IP", value_parser = parse_fixed_ip, conflicts_with = "no_network")]
    pub fixed_ips: Vec<(String, IpAddr)>,

    /// Security group, by name or ID, for the ports Nova makes (repeatable; default: the project's `default`)
    #[arg(long = "security-group", value_name = "GROUP", conflicts_with = "no_network")]
    pub security_groups: Vec<String>,

    /// Give the server a floating IP once ACTIVE (so the boot waits): no value allocates one from the external
    /// network (released by `server delete`), an ADDRESS takes that floating IP of the project
    #[arg(long = "floating-ip", value_name = "ADDRESS", conflicts_with = "no_network", value_parser = floating_address)]
    pub floating_ip: Option<Option<IpAddr>>,

    /// The external network to allocate the floating IP from (needed when several are visible)
    #[arg(long, value_name = "NETWORK", requires = "floating_ip")]
    pub floating_network: Option<String>,

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

    /// Boot even when a preflight check refuses (not for what does not exist or is taken)
    #[arg(long)]
    pub force: bool,

    /// Wait until the server is ACTIVE or ERROR
    #[arg(long)]
    pub wait: bool,

    /// Seconds `--wait` waits before giving up (exit 5)
    #[arg(long, default_value = "600", value_name = "SECONDS", value_parser = seconds)]
    pub timeout: Duration,

    /// Delete the servers when they go to ERROR, time out, or the wait is interrupted
    #[arg(long, requires = "waits")]
    pub delete_on_failure: bool,
}

/// `NET=IP` of `--fixed-ip`: a network (name or ID) and an IPv4 or IPv6 address.
fn parse_fixed_ip(s: &str) -> Result<(String, IpAddr), String> {
    let (net, ip) =
        s.split_once('=').filter(|(n, _)| !n.trim().is_empty()).ok_or_else(|| format!("`{s}` is not NET=IP"))?;
    let ip = ip.trim().parse().map_err(|_| format!("`{ip}` in `{s}` is not an IP address"))?;
    Ok((net.trim().to_string(), ip))
}

/// The ADDRESS of `--floating-ip`. Its value is optional, so a word after it is taken as one: `boot --floating-ip
/// NAME` reads NAME as the address. The error says how to write it.
fn floating_address(s: &str) -> Result<IpAddr, String> {
    s.trim().parse().map_err(|_| {
        format!(
            "`{s}` is not an IP address. `--floating-ip` takes an optional ADDRESS, so what follows it is read as one: put NAME first (`berth boot NAME ... --floating-ip`), or write `--floating-ip=ADDRESS`"
        )
    })
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
        #[arg(add = clap_complete::ArgValueCompleter::new(crate::completion::servers))]
        server: String,
    },
    /// Delete servers
    Delete {
        /// Server names or IDs
        #[arg(required = true, add = clap_complete::ArgValueCompleter::new(crate::completion::servers))]
        servers: Vec<String>,
        /// Wait until they are gone
        #[arg(long)]
        wait: bool,
        /// Seconds `--wait` waits before giving up (exit 5)
        #[arg(long, default_value = "300", value_name = "SECONDS", value_parser = seconds_or_zero)]
        timeout: Duration,
    },
    /// The console log, which on container drivers is the container's output
    Logs {
        /// Server name or ID
        #[arg(add = clap_complete::ArgValueCompleter::new(crate::completion::servers))]
        server: String,
        /// Only the last N lines
        #[arg(long, value_name = "N")]
        lines: Option<u32>,
    },
}
