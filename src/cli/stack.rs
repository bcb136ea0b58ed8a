//! `berth stack ...`: containers as Heat stacks.

use std::time::Duration;

use clap::{Args, Subcommand};

use super::{names_parser, parse_key_value, seconds};
use crate::stack::options::{ImageDriver, Kind, Memory, Publish, Restart, Source, Volume};

#[derive(Debug, Subcommand)]
pub enum StackCommand {
    /// Print a HOT template (with comments) that runs IMAGE as a container, for one of four paths
    #[command(long_about = "Print a HOT template that runs IMAGE as a container, for one of four paths (`--for`):\n\n\
        nova-docker    OS::Nova::Server from a Glance docker image (IMAGE: a docker reference, Glance name or ID, as \
        `boot` takes it), on a container hypervisor\n\
        zun            OS::Zun::Container (with Cinder volumes: `--volume`)\n\
        docker-engine  DockerInc::Docker::Container: Heat's Docker plugin talks to a Docker engine itself\n\
        vm             OS::Nova::Server from a VM image (`--vm-image`) whose cloud-init pulls IMAGE pinned by digest \
        (from its registry, or from Glance with an application credential restricted to that image's data: \
        `--source glance`) and runs it\n\n\
        The template is YAML with parameters, resources, outputs and comments that say how the path works and where \
        each default came from. berth looks up what the path needs (images, flavors, networks) and refuses options \
        the path cannot honour, with the reason (exit 2).")]
    Template(TemplateCmd),

    /// Validate a template with Heat (`--full`: every property, as a create would)
    #[command(long_about = "Validate a template with Heat's `/validate` (structure, parameters, resource types), or \
        with `--full` the stack preview, which checks every property as a create would (images, flavors...). Heat's \
        message is shown with the template's line it is about. Exit 3 when Heat finds the template invalid; a \
        resource type this cloud lacks says which service it needs.")]
    Validate {
        /// Template file, or `-` for stdin
        file: String,
        /// The stack preview: every property checked, as a create would
        #[arg(long)]
        full: bool,
        /// A template parameter (repeatable)
        #[arg(long = "parameter", value_name = "KEY=VALUE", value_parser = parse_key_value)]
        parameters: Vec<(String, String)>,
    },

    /// Create a stack from a template file, or from IMAGE for a container path (`--for`)
    #[command(long_about = "Create a stack from `--template FILE`, or from IMAGE with the template `stack template` \
        would print (`--for KIND` and its options). Before anything is created berth checks what `boot` checks \
        (the image, the flavor, networks, with \"did you mean\") and that this cloud's Heat offers every resource \
        type of the template (exit 2 with the reason and the service a missing type needs). `--dry-run` runs the \
        checks and Heat's preview, and prints the resources a create would make.\n\n\
        `--wait` shows each resource event as it happens (stderr) and exits 0 on CREATE_COMPLETE, 1 on \
        CREATE_FAILED (the failing resource, its type and Heat's reason), 5 after `--timeout`, 130 on Ctrl-C (143 \
        SIGTERM, 129 SIGHUP): the stack is left, and the error says how to delete it, unless \
        `--delete-on-failure`. stdout: the stack with its outputs.\n\n\
        `--for vm --source glance`: berth creates an application credential that Keystone's access rules restrict \
        to `GET /v2/images/{id}/file` of the image, expiring after `--credential-ttl`, and passes it to the stack as \
        a hidden parameter; `stack delete` deletes it.")]
    Create(CreateArgs),

    /// Update a stack: a new template (file or IMAGE --for KIND), or new parameters for its own
    Update(UpdateArgs),

    /// Delete stacks (and the image credentials berth made for them)
    Delete {
        /// Stack names or IDs
        #[arg(required = true, add = clap_complete::ArgValueCompleter::new(crate::completion::stacks))]
        stacks: Vec<String>,
        /// Wait until they are gone (DELETE_FAILED exits 1 with Heat's reason)
        #[arg(long)]
        wait: bool,
        /// Seconds `--wait` waits before giving up (exit 5)
        #[arg(long, default_value = "600", value_name = "SECONDS", value_parser = seconds)]
        timeout: Duration,
    },

    /// The project's stacks
    List,

    /// One stack, with its parameters and outputs
    Show {
        /// Stack name or ID
        #[arg(add = clap_complete::ArgValueCompleter::new(crate::completion::stacks))]
        stack: String,
    },

    /// A stack's events, oldest first (`--follow`: until the action under way ends)
    Events {
        /// Stack name or ID
        #[arg(add = clap_complete::ArgValueCompleter::new(crate::completion::stacks))]
        stack: String,
        /// Keep printing events as they come until the stack is no longer IN_PROGRESS (one row per line)
        #[arg(long)]
        follow: bool,
        /// Seconds `--follow` follows before giving up (exit 5)
        #[arg(long, default_value = "3600", value_name = "SECONDS", value_parser = seconds)]
        timeout: Duration,
    },

    /// A stack's outputs
    Outputs {
        /// Stack name or ID
        #[arg(add = clap_complete::ArgValueCompleter::new(crate::completion::stacks))]
        stack: String,
    },
}

#[derive(Debug, Args)]
#[command(mut_arg("kind", |a| a.required(true)))]
pub struct TemplateCmd {
    /// Container image: a docker reference, or (nova-docker, zun with glance, vm with `--source glance`) a Glance
    /// name or ID
    pub image: String,
    #[command(flatten)]
    pub options: TemplateArgs,
}

/// How a generated template is made: the path and its options.
#[derive(Debug, Args, Clone)]
pub struct TemplateArgs {
    /// The container path
    #[arg(long = "for", value_name = "KIND", value_parser = names_parser::<Kind>(Kind::NAMES), help_heading = "Template")]
    pub kind: Option<Kind>,

    /// Name of the server or container (default: the stack's name)
    #[arg(long, value_name = "NAME", help_heading = "Template")]
    pub name: Option<String>,

    /// Flavor name or ID (nova-docker, vm)
    #[arg(long, value_name = "FLAVOR", help_heading = "Template")]
    pub flavor: Option<String>,

    /// Network name or ID to attach (repeatable; nova-docker, zun, vm)
    #[arg(long = "network", value_name = "NETWORK", conflicts_with = "no_network", help_heading = "Template")]
    pub networks: Vec<String>,

    /// No network (nova-docker, vm)
    #[arg(long, help_heading = "Template")]
    pub no_network: bool,

    /// Environment variable for the container (repeatable)
    #[arg(long = "env", value_name = "KEY=VALUE", value_parser = parse_key_value, help_heading = "Template")]
    pub env: Vec<(String, String)>,

    /// The container's command (zun, docker-engine, vm), split into words as a shell would
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true, help_heading = "Template")]
    pub command: Option<String>,

    /// CPUs for the container (zun; vm: docker run --cpus)
    #[arg(long, value_name = "N", value_parser = cpus, help_heading = "Template")]
    pub cpu: Option<f64>,

    /// Memory for the container: 512 (MiB), 512m, 1g (zun, docker-engine; vm: docker run --memory)
    #[arg(long, value_name = "SIZE", help_heading = "Template")]
    pub memory: Option<Memory>,

    /// Restart policy: no, always, unless-stopped, on-failure[:N] (zun, docker-engine, vm)
    #[arg(long, value_name = "POLICY", help_heading = "Template")]
    pub restart: Option<Restart>,

    /// A Cinder volume at PATH: a new one of SIZE GiB, or an existing one by ID (repeatable; zun)
    #[arg(long = "volume", value_name = "SIZE_OR_ID:PATH", help_heading = "Template")]
    pub volumes: Vec<Volume>,

    /// Publish a port, as `docker run -p`: [IP:]HOST_PORT:CONTAINER_PORT (repeatable; docker-engine, vm)
    #[arg(long = "publish", value_name = "PORTS", help_heading = "Template")]
    pub publish: Vec<Publish>,

    /// Where Zun takes the image from (zun; default glance)
    #[arg(long, value_name = "DRIVER", value_parser = names_parser::<ImageDriver>(ImageDriver::NAMES), help_heading = "Template")]
    pub image_driver: Option<ImageDriver>,

    /// The Docker engine Heat's engine talks to: unix:///path/docker.sock, tcp://host:port (docker-engine)
    #[arg(long, value_name = "URL", help_heading = "Template")]
    pub docker_endpoint: Option<String>,

    /// The VM image, with cloud-init and Docker: Glance name or ID (vm)
    #[arg(long, value_name = "IMAGE", help_heading = "Template")]
    pub vm_image: Option<String>,

    /// Where the VM gets the container image (vm; default registry)
    #[arg(long, value_name = "SOURCE", value_parser = names_parser::<Source>(Source::NAMES), help_heading = "Template")]
    pub source: Option<Source>,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Stack name
    #[arg(value_name = "NAME")]
    pub stack: String,

    /// Container image, with `--for KIND` (instead of `--template`)
    #[arg(required_unless_present = "template", conflicts_with = "template", requires = "kind")]
    pub image: Option<String>,

    /// A template file (`-` for stdin) instead of IMAGE --for KIND
    #[arg(long, short = 't', value_name = "FILE")]
    pub template: Option<String>,

    #[command(flatten)]
    pub options: TemplateArgs,

    /// Wait until CREATE_COMPLETE (0) or CREATE_FAILED (1), showing each event on stderr
    #[arg(long)]
    pub wait: bool,

    #[command(flatten)]
    pub send: SendArgs,

    /// Delete the stack when it fails, times out, or the wait is interrupted
    #[arg(long, requires = "wait")]
    pub delete_on_failure: bool,

    /// Check everything and print what a create would make (Heat's preview); create nothing
    #[arg(long, conflicts_with = "wait")]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Stack name or ID
    #[arg(value_name = "NAME", add = clap_complete::ArgValueCompleter::new(crate::completion::stacks))]
    pub stack: String,

    /// Container image, with `--for KIND`: the template `stack template` would print replaces the stack's
    #[arg(conflicts_with = "template", requires = "kind")]
    pub image: Option<String>,

    /// A template file (`-` for stdin) that replaces the stack's; without it and IMAGE, the stack keeps its
    /// template and gets the new `--parameter`s
    #[arg(long, short = 't', value_name = "FILE")]
    pub template: Option<String>,

    #[command(flatten)]
    pub options: TemplateArgs,

    /// Wait until UPDATE_COMPLETE (0) or UPDATE_FAILED (1), showing each event on stderr
    #[arg(long)]
    pub wait: bool,

    #[command(flatten)]
    pub send: SendArgs,
}

/// What `stack create` and `stack update` both send and how long they wait.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// A template parameter (repeatable)
    #[arg(long = "parameter", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub parameters: Vec<(String, String)>,

    /// Seconds `--wait` waits before giving up (exit 5)
    #[arg(long, default_value = "3600", value_name = "SECONDS", value_parser = seconds)]
    pub timeout: Duration,

    /// Seconds the image credential of `--for vm --source glance` lives
    #[arg(long, default_value = "3600", value_name = "SECONDS", value_parser = seconds)]
    pub credential_ttl: Duration,
}

/// A positive number of CPUs (`0.5`, `2`).
fn cpus(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 && n <= 1024.0 => Ok(n),
        _ => Err(format!("`{s}` is not a number of CPUs (more than 0, at most 1024)")),
    }
}

impl TemplateArgs {
    /// The options as the domain takes them.
    pub fn spec(&self, image: &str) -> crate::stack::Spec {
        crate::stack::Spec {
            image: image.to_string(),
            name: self.name.clone(),
            flavor: self.flavor.clone(),
            networks: self.networks.clone(),
            no_network: self.no_network,
            env: self.env.clone(),
            command: self.command.clone(),
            cpu: self.cpu,
            memory: self.memory,
            restart: self.restart.clone(),
            volumes: self.volumes.clone(),
            publish: self.publish.clone(),
            image_driver: self.image_driver,
            docker_endpoint: self.docker_endpoint.clone(),
            vm_image: self.vm_image.clone(),
            source: self.source,
        }
    }

    /// Whether any option that shapes a generated template was given (they mean nothing with `--template`).
    pub fn shaping(&self) -> Vec<&'static str> {
        let given = [
            (self.kind.is_some(), "--for"),
            (self.name.is_some(), "--name"),
            (self.flavor.is_some(), "--flavor"),
            (!self.networks.is_empty(), "--network"),
            (self.no_network, "--no-network"),
            (!self.env.is_empty(), "--env"),
            (self.command.is_some(), "--command"),
            (self.cpu.is_some(), "--cpu"),
            (self.memory.is_some(), "--memory"),
            (self.restart.is_some(), "--restart"),
            (!self.volumes.is_empty(), "--volume"),
            (!self.publish.is_empty(), "--publish"),
            (self.image_driver.is_some(), "--image-driver"),
            (self.docker_endpoint.is_some(), "--docker-endpoint"),
            (self.vm_image.is_some(), "--vm-image"),
            (self.source.is_some(), "--source"),
        ];
        given.into_iter().filter(|(g, _)| *g).map(|(_, n)| n).collect()
    }
}
