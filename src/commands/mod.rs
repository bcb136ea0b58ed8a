//! One module per subcommand, each thin: it takes the parsed arguments, calls a domain or a client, and hands the
//! values to `output`. No domain rules here, and no printing but through `output` and the feedback.

mod auth;
mod boot;
mod catalog;
mod completions;
mod config;
mod gaps;
mod image;
mod registry;
mod server;
mod sync;
pub mod version;

pub use crate::app::Ctx;
use crate::cli::{AuthCommand, CatalogCommand, Command, ImageCommand, RegistryCommand, ServerCommand};

pub async fn run(command: Command, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    // `-c` is a usage check like any other: before the first request, not after the command has acted.
    ctx.out.check_columns(&columns(&command))?;
    match command {
        Command::Auth(c) => auth::run(c, ctx).await,
        Command::Catalog(c) => catalog::run(c, ctx).await,
        Command::Config(c) => config::run(c, ctx),
        Command::Image(c) => image::run(c, ctx).await,
        Command::Boot(args) => boot::run(args, ctx).await,
        Command::Server(c) => server::run(c, ctx).await,
        Command::Registry(c) => registry::run(c, ctx).await,
        Command::Gaps(args) => gaps::run(args, ctx).await,
        Command::Completions { shell } => completions::run(shell, ctx.out),
    }
}

/// The columns (or record fields) a command prints: what `-c` may name.
fn columns(command: &Command) -> Vec<&'static str> {
    let with_error = || [sync::COLUMNS, &["error"]].concat();
    match command {
        Command::Auth(AuthCommand::Token) => auth::TOKEN_FIELDS.to_vec(),
        Command::Auth(AuthCommand::Revoke) => auth::REVOKE_FIELDS.to_vec(),
        Command::Catalog(CatalogCommand::List) => catalog::LIST_COLUMNS.to_vec(),
        Command::Catalog(CatalogCommand::Show { .. }) => catalog::SHOW_FIELDS.to_vec(),
        Command::Config(_) => config::COLUMNS.to_vec(),
        Command::Image(ImageCommand::List { .. }) => image::LIST_COLUMNS.to_vec(),
        Command::Image(ImageCommand::Show { .. }) => image::SHOW_FIELDS.to_vec(),
        Command::Image(ImageCommand::Sync(_)) => with_error(),
        Command::Image(ImageCommand::History { .. }) => image::HISTORY_COLUMNS.to_vec(),
        Command::Image(ImageCommand::Rollback { .. } | ImageCommand::Prune { .. }) => image::PLAN_COLUMNS.to_vec(),
        Command::Boot(_) => server::COLUMNS.to_vec(),
        Command::Server(ServerCommand::List { .. }) => server::COLUMNS.to_vec(),
        Command::Server(ServerCommand::Show { .. }) => server::SHOW_FIELDS.to_vec(),
        Command::Server(ServerCommand::Delete { .. }) => server::DELETE_COLUMNS.to_vec(),
        Command::Server(ServerCommand::Logs { .. }) => server::LOGS_FIELDS.to_vec(),
        Command::Registry(RegistryCommand::Inspect { .. }) => registry::INSPECT_COLUMNS.to_vec(),
        Command::Registry(RegistryCommand::Quota { .. }) => registry::QUOTA_FIELDS.to_vec(),
        Command::Registry(RegistryCommand::Tags { .. }) => registry::TAGS_COLUMNS.to_vec(),
        Command::Gaps(args) if args.explain.is_some() => gaps::EXPLAIN_FIELDS.to_vec(),
        Command::Gaps(_) => crate::gaps::COLUMNS.to_vec(),
        Command::Completions { .. } => Vec::new(),
    }
}

/// Ask on the terminal before `command` does `action` (`delete`, `hide`) to the Glance images `ids`: whether the
/// answer is yes. Without a terminal, refuse (a script must say `--yes`).
fn confirm(command: &str, action: &str, ids: &[&str]) -> anyhow::Result<bool> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(crate::error::Failure::usage(format!(
            "{command} would {action} {} Glance image(s) and there is no terminal to ask",
            ids.len()
        ))
        .hint("pass `--yes` to go ahead, or `--dry-run` to see the plan")
        .into());
    }
    eprint!("{action} {} Glance image(s): {}? [y/N] ", ids.len(), ids.join(", "));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}
