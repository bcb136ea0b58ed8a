//! One module per subcommand, each thin: it takes the parsed arguments, calls a domain or a client, and hands the
//! values to `output`. No domain rules here, and no printing but through `output` and the feedback.

mod auth;
mod boot;
mod catalog;
mod coe;
mod coe_files;
mod completions;
mod config;
mod gaps;
mod image;
mod registry;
mod server;
mod stack;
mod stack_create;
mod sync;
pub mod version;

pub use crate::app::Ctx;
use crate::cli::{
    AuthCommand, CatalogCommand, ClusterCommand, CoeCommand, Command, ImageCommand, RegistryCommand, ServerCommand,
    StackCommand, TemplateCommand,
};

pub async fn run(command: Command, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    // `-c` is a usage check like any other: before the first request, not after the command has acted.
    ctx.out.check_columns(&columns(&command))?;
    match command {
        Command::Auth(c) => auth::run(c, ctx).await,
        Command::Catalog(c) => catalog::run(c, ctx).await,
        Command::Config(c) => config::run(c, ctx),
        Command::Image(c) => image::run(c, ctx).await,
        Command::Boot(args) => boot::run(*args, ctx).await,
        Command::Server(c) => server::run(c, ctx).await,
        Command::Registry(c) => registry::run(c, ctx).await,
        Command::Gaps(args) => gaps::run(args, ctx).await,
        Command::Stack(c) => match *c {
            StackCommand::Create(args) => stack_create::create(args, ctx).await,
            StackCommand::Update(args) => stack_create::update(args, ctx).await,
            StackCommand::Delete { stacks, wait, timeout } => stack_create::delete(&stacks, wait, timeout, ctx).await,
            c => stack::run(c, ctx).await,
        },
        Command::Coe(CoeCommand::Config(args)) => coe_files::config(args, ctx).await,
        Command::Coe(CoeCommand::Image(args)) => coe_files::image(args, ctx).await,
        Command::Coe(c) => coe::run(c, ctx).await,
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
        Command::Stack(c) => stack_columns(c),
        Command::Coe(c) => coe_columns(c),
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

/// What each `stack` command prints: `template` prints YAML (no columns); `create` a stack, or with `--dry-run`
/// the resources a create would make.
fn stack_columns(c: &StackCommand) -> Vec<&'static str> {
    match c {
        StackCommand::Template(_) => Vec::new(),
        StackCommand::Validate { .. } => stack::VALIDATE_FIELDS.to_vec(),
        StackCommand::Create(a) if a.dry_run => stack::PREVIEW_COLUMNS.to_vec(),
        StackCommand::Create(_) | StackCommand::Update(_) | StackCommand::Show { .. } => stack::STACK_FIELDS.to_vec(),
        StackCommand::Delete { .. } => stack::DELETE_COLUMNS.to_vec(),
        StackCommand::List => stack::LIST_COLUMNS.to_vec(),
        StackCommand::Events { .. } => stack::EVENT_COLUMNS.to_vec(),
        StackCommand::Outputs { .. } => stack::OUTPUT_COLUMNS.to_vec(),
    }
}

/// What each `coe` command prints.
fn coe_columns(c: &CoeCommand) -> Vec<&'static str> {
    match c {
        CoeCommand::Preflight(_) => crate::gaps::COLUMNS.to_vec(),
        CoeCommand::Template(TemplateCommand::Create { .. } | TemplateCommand::Show { .. }) => {
            coe::TEMPLATE_FIELDS.to_vec()
        }
        CoeCommand::Template(TemplateCommand::List) => coe::TEMPLATE_COLUMNS.to_vec(),
        CoeCommand::Template(TemplateCommand::Delete { .. }) | CoeCommand::Cluster(ClusterCommand::Delete { .. }) => {
            coe::DELETE_COLUMNS.to_vec()
        }
        CoeCommand::Cluster(ClusterCommand::Create(_) | ClusterCommand::Show { .. }) => coe::CLUSTER_FIELDS.to_vec(),
        CoeCommand::Cluster(ClusterCommand::List) => coe::CLUSTER_COLUMNS.to_vec(),
        CoeCommand::Config(_) => coe_files::CONFIG_FIELDS.to_vec(),
        CoeCommand::Image(_) => coe_files::IMAGE_FIELDS.to_vec(),
    }
}
