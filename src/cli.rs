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
