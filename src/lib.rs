//! berth: Docker containers on OpenStack.
//!
//! The modules form a ladder; each uses only those below it, never one above, and no two use each other:
//!
//! ```text
//! main                  -> berth::main: parse -> settings -> run -> exit code
//! commands              thin: call a domain or a client, hand its values to output
//! app                   settings resolved once from the flags; Ctx (output, feedback, session, --timing sink)
//! cli                   the clap definition (help, man pages and completions come from it)
//! completion            the values a shell completes that the definition cannot know (clouds, cloud names)
//! output                the only code that writes to stdout: table | json | yaml | value
//! coe                   domain: Magnum clusters (preflight, following a cluster and its stack, kubeconfig)
//! stack                 domain: containers as Heat stacks (templates per path, preflight, following events)
//! boot, image, gaps     domains: a boot through Nova; a docker image as Glance images; what a cloud can do
//! openstack, registry,  clients: typed data and typed errors
//!   docker, config
//! net, feedback,        HTTP (retries, redaction, timing); stderr feedback (warnings, -v logs, progress)
//!   signals             (and the signals a command stops for)
//! error                 exit codes, the failure type, the error renderer
//! ```

// No function over 80 lines (clippy.toml) without a reason written beside its `allow`.
#![warn(clippy::too_many_lines)]

pub mod app;
pub mod boot;
pub mod cli;
pub mod coe;
pub mod commands;
pub mod completion;
pub mod config;
pub mod docker;
pub mod error;
pub mod feedback;
pub mod gaps;
pub mod image;
pub mod net;
pub mod openstack;
pub mod output;
pub mod registry;
pub mod signals;
pub mod stack;

use std::ffi::OsString;

use clap::Parser;

use crate::error::ExitCode;
use crate::feedback::Feedback;
use crate::output::Output;

/// Parse `args`, run the command, render any error on stderr, and return the documented exit code.
pub fn main<I: IntoIterator<Item = OsString>>(args: I) -> std::process::ExitCode {
    // `BERTH_COMPLETE=SHELL berth -- LINE`, run by the completion script: candidates on stdout, then exit.
    clap_complete::CompleteEnv::with_factory(cli::command).var(completion::VAR).completer("berth").complete();
    let mut cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors; every other parse failure is a usage error (2).
            let code = if e.use_stderr() { ExitCode::Usage } else { ExitCode::Ok };
            let _ = e.print();
            return code.into();
        }
    };
    let command = match (cli.command.take(), cli.version) {
        (_, true) => None,
        (Some(c), false) => Some(c),
        (None, false) => {
            let e = cli::command().error(clap::error::ErrorKind::MissingSubcommand, "a command is required");
            let _ = e.print();
            return ExitCode::Usage.into();
        }
    };
    let settings = app::Settings::from_cli(&cli);
    let o = &settings.output;
    let feedback = Feedback::new(o.verbose, o.quiet, o.color_stderr, o.progress);
    let mut out = Output::new(o.clone());
    let result = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => {
            let mut ctx = app::Ctx::new(&mut out, feedback.clone(), settings);
            let r = match command {
                Some(command) => rt.block_on(commands::run(command, &mut ctx)),
                None => commands::version::run(&mut ctx),
            };
            ctx.print_timing();
            r
        }
        Err(e) => Err(anyhow::Error::new(e).context("starting the async runtime")),
    };
    let code = match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::Ok,
        Err(e) if error::is_broken_pipe(&e) => ExitCode::Ok,
        Err(e) => {
            error::render(&e, feedback.color(), &mut std::io::stderr());
            error::exit_code(&e)
        }
    };
    code.into()
}
