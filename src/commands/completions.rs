//! `berth completions SHELL`: the shell's completion script, on stdout.

use clap_complete::Shell;

use crate::output::Output;

/// Write the completion script for `shell`. The committed files in `completions/` are this same output.
pub fn run(shell: Shell, out: &mut Output) -> anyhow::Result<()> {
    out.raw(&crate::completion::script(shell)?)
}
