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

pub use crate::app::Ctx;
use crate::cli::Command;

pub async fn run(command: Command, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
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
