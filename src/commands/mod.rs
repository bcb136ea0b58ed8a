//! One module per subcommand. Commands combine clients and hand data to `Output`; they never print themselves.

mod completions;

use crate::cli::Command;
use crate::output::Output;

pub fn run(command: Command, out: &mut Output) -> anyhow::Result<()> {
    match command {
        Command::Completions { shell } => completions::run(shell, out),
    }
}
