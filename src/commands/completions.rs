//! `berth completions SHELL`: the completion script generated from the clap definition, on stdout.

use clap_complete::Shell;

use crate::output::Output;

/// Write the completion script for `shell`. The committed files in `completions/` are this same output.
pub fn run(shell: Shell, out: &mut Output) -> anyhow::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::command(), "berth", &mut script);
    out.raw(&script)
}
