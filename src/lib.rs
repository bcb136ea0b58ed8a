//! berth: Docker containers on OpenStack.
//!
//! `main` parses the command line, settles the output settings once, runs the command and turns its result into
//! an exit code. Commands return data; only `output` writes to stdout.

pub mod archive;
pub mod cli;
pub mod commands;
pub mod config;
pub mod docker;
pub mod error;
pub mod gaps;
pub mod http;
pub mod openstack;
pub mod output;
pub mod registry;
pub mod retag;
pub mod retry;
pub mod sync_file;

use std::ffi::OsString;

use clap::Parser;

use crate::error::ExitCode;
use crate::output::{Output, Settings};

/// Parse `args`, run the command, render any error on stderr, and return the documented exit code.
pub fn main<I: IntoIterator<Item = OsString>>(args: I) -> std::process::ExitCode {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors; every other parse failure is a usage error (2).
            let code = if e.use_stderr() { ExitCode::Usage } else { ExitCode::Ok };
            let _ = e.print();
            return code.into();
        }
    };
    let settings = Settings::from_cli(&cli.global);
    let mut out = Output::new(settings.clone());
    let result = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => {
            let mut ctx = commands::Ctx::new(&mut out, cli.cloud);
            let r = rt.block_on(commands::run(cli.command, &mut ctx));
            ctx.print_timing();
            r
        }
        Err(e) => Err(anyhow::Error::new(e).context("starting the async runtime")),
    };
    let code = match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::Ok,
        Err(e) if error::is_broken_pipe(&e) => ExitCode::Ok,
        Err(e) => {
            error::render(&e, &settings, &mut std::io::stderr());
            error::exit_code(&e)
        }
    };
    code.into()
}
