//! The command line, as clap definitions only: one file per command group. Help, man pages and completions are
//! all generated from here; values are typed at parse time (durations, platforms), and nothing here acts.

mod cloud;
mod coe;
mod compute;
mod gaps;
mod image;
mod registry;
mod stack;

use std::str::FromStr;
use std::time::Duration;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

pub use cloud::CloudArgs;
pub use coe::{
    ClusterCommand, ClusterCreateArgs, CoeCommand, ConfigArgs, CountArgs, DiskFormat, ImageArgs, PreflightArgs,
    SpecArgs, TemplateCommand,
};
pub use compute::{BootArgs, ServerCommand};
pub use gaps::{FailOn, GapsArgs};
pub use image::{ImageCommand, SyncArgs};
pub use registry::{RegistryAccessArgs, RegistryArgs, RegistryCommand};
pub use stack::{CreateArgs, StackCommand, TemplateArgs, TemplateCmd, UpdateArgs};

use crate::error::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "berth",
    version,
    // `--version` is berth's own flag, so that `--version -v` can print the build (see `version` below).
    disable_version_flag = true,
    arg_required_else_help = true,
    override_usage = "berth [OPTIONS] <COMMAND>\n       berth --version [-v]",
    about = "Docker containers on OpenStack: auth, image sync into Glance, boot through Nova, gaps",
    long_about = "berth copies Docker images from any registry into Glance as images that container drivers \
                  (nova-docker, Zun) can boot, boots them through Nova, and reports what a cloud can and cannot do \
                  for containers. stdout carries data only; progress, warnings and errors go to stderr.",
    after_long_help = ExitCode::help_table(),
    max_term_width = 100
)]
pub struct Cli {
    /// Print the version; with -v also the build (git commit, target, features, compiler) for bug reports
    #[arg(short = 'V', long)]
    pub version: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(flatten)]
    pub cloud: CloudArgs,
    /// None only with `--version`.
    #[command(subcommand)]
    pub command: Option<Command>,
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

    /// Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)
    #[arg(long, global = true, help_heading = "Output")]
    pub wide: bool,
}

impl GlobalArgs {
    /// The output flags as plain values for `output`.
    pub fn output_flags(&self) -> crate::output::Flags {
        crate::output::Flags {
            format: match self.output {
                Format::Table => crate::output::Format::Table,
                Format::Json => crate::output::Format::Json,
                Format::Yaml => crate::output::Format::Yaml,
                Format::Value => crate::output::Format::Value,
            },
            columns: self.columns.clone(),
            quiet: self.quiet,
            verbose: self.verbose,
            color: match self.color {
                ColorWhen::Auto => crate::output::ColorWhen::Auto,
                ColorWhen::Always => crate::output::ColorWhen::Always,
                ColorWhen::Never => crate::output::ColorWhen::Never,
            },
            no_progress: self.no_progress,
            wide: self.wide,
        }
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
    Boot(Box<BootArgs>),

    /// Nova servers: list, show, delete, logs
    #[command(subcommand)]
    Server(ServerCommand),

    /// Docker registries: what a reference resolves to, a repository's tags, the pull quota
    #[command(subcommand)]
    Registry(RegistryCommand),

    /// What this cloud can and cannot do for containers, for people and for CI
    Gaps(GapsArgs),

    /// Containers as Heat stacks: templates for four container paths, create with preflight, events, outputs
    #[command(subcommand)]
    Stack(Box<StackCommand>),

    /// Magnum clusters: a preflight of what Magnum would reject, templates, clusters followed to the end, kubeconfig
    #[command(subcommand)]
    Coe(CoeCommand),

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

fn parse_key_value(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("`{s}` is not KEY=VALUE")),
    }
}

/// Seconds as typed (`30`, `0.5`) into a positive [`Duration`]; `inf`, `nan`, negative and absurdly large values are
/// usage errors here rather than panics later.
fn seconds(s: &str) -> Result<Duration, String> {
    match seconds_or_zero(s)? {
        d if d.is_zero() => Err(format!("`{s}` is not a positive number of seconds")),
        d => Ok(d),
    }
}

/// [`seconds`], zero allowed.
fn seconds_or_zero(s: &str) -> Result<Duration, String> {
    let secs: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number of seconds"))?;
    // A year is more than any wait berth makes; beyond it lie the values that overflow an Instant.
    if !(0.0..=365.0 * 86400.0).contains(&secs) {
        return Err(format!("`{s}` is not a number of seconds between 0 and a year"));
    }
    Duration::try_from_secs_f64(secs).map_err(|e| format!("`{s}`: {e}"))
}

/// A value parser for an enum of a domain (which knows no clap): its names and their help from the domain, the
/// value from its `FromStr`.
fn names_parser<T>(names: &'static [(&'static str, &'static str)]) -> impl TypedValueParser<Value = T>
where
    T: FromStr<Err = String> + Clone + Send + Sync + 'static,
{
    let values = names.iter().map(|(n, help)| {
        let value = PossibleValue::new(*n);
        if help.is_empty() { value } else { value.help(*help) }
    });
    PossibleValuesParser::new(values).try_map(|s| s.parse::<T>())
}

fn consumer_parser() -> impl TypedValueParser<Value = crate::image::naming::Consumer> {
    names_parser(crate::image::naming::Consumer::NAMES)
}

fn area_parser() -> impl TypedValueParser<Value = crate::gaps::Area> {
    names_parser(crate::gaps::Area::NAMES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_checked_at_parse_time() {
        assert_eq!(seconds("30"), Ok(Duration::from_secs(30)));
        assert_eq!(seconds("0.25"), Ok(Duration::from_millis(250)));
        for bad in ["0", "-1", "1e20", "inf", "NaN", "soon", ""] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
        assert_eq!(seconds_or_zero("0"), Ok(Duration::ZERO));
    }

    #[test]
    fn a_name_after_floating_ip_is_told_how_to_write_it() {
        let parse = |args: &[&str]| command().try_get_matches_from([&["berth", "boot"], args].concat());
        let e = parse(&["--image", "i", "--flavor", "f", "--floating-ip", "web"]).unwrap_err().to_string();
        assert!(e.contains("`web` is not an IP address") && e.contains("put NAME first"), "{e}");
        assert!(parse(&["web", "--image", "i", "--flavor", "f", "--floating-ip"]).is_ok());
        assert!(parse(&["--image", "i", "--flavor", "f", "--floating-ip=10.0.0.5", "web"]).is_ok());
        assert!(parse(&["web", "--image", "i", "--flavor", "f", "--floating-ip", "2001:db8::5"]).is_ok());
    }
}
