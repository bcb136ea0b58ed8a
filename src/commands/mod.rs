//! One module per subcommand. Commands combine clients and hand data to `Output`; they never print themselves.

mod auth;
pub mod boot;
mod catalog;
mod completions;
mod config;
mod daemon_sync;
mod gaps;
mod image;
pub mod registry;
mod server;
mod sync;
mod versions;

use std::sync::Arc;
use std::time::Duration;

use crate::cli::{CloudArgs, Command};
use crate::config::CloudConfig;
use crate::error::Failure;
use crate::http::Http;
use crate::openstack::{self, Session};
use crate::output::Output;

/// What commands share: the output, the cloud flags, and (once made) the HTTP client.
pub struct Ctx<'a> {
    pub out: &'a mut Output,
    pub cloud: CloudArgs,
    http: Option<Arc<Http>>,
}

impl<'a> Ctx<'a> {
    pub fn new(out: &'a mut Output, cloud: CloudArgs) -> Self {
        Ctx { out, cloud, http: None }
    }

    pub fn config(&self) -> anyhow::Result<CloudConfig> {
        crate::config::resolve(&self.cloud)
    }

    fn http_for(&mut self, cfg: &CloudConfig) -> anyhow::Result<Arc<Http>> {
        if let Some(h) = &self.http {
            return Ok(h.clone());
        }
        let timeout = self.http_timeout()?;
        let http = Arc::new(
            Http::new(&openstack::tls_options(cfg)?, timeout, self.out.settings().verbose)?
                .with_retry(self.retry_policy()),
        );
        self.http = Some(http.clone());
        Ok(http)
    }

    /// `--http-timeout`, checked: the one place both the cloud's and the registries' clients take it from.
    pub fn http_timeout(&self) -> anyhow::Result<Duration> {
        let secs = self.cloud.http_timeout;
        if !(secs.is_finite() && secs > 0.0) {
            return Err(Failure::usage(format!("`--http-timeout {secs}` is not a positive number of seconds")).into());
        }
        Ok(Duration::from_secs_f64(secs))
    }

    /// `--retries`: the retry policy of both the cloud's and the registries' clients.
    pub fn retry_policy(&self) -> crate::retry::Policy {
        crate::retry::Policy::with_retries(self.cloud.retries)
    }

    /// An authenticated session for the resolved cloud.
    pub async fn session(&mut self) -> anyhow::Result<Session> {
        let cfg = self.config()?;
        let http = self.http_for(&cfg)?;
        Session::open(cfg, http, !self.cloud.no_cache, self.out.settings().verbose).await
    }

    /// `--timing`: the per-request table on stderr.
    pub fn print_timing(&self) {
        if let (true, Some(http)) = (self.cloud.timing, &self.http) {
            eprint!("{}", crate::http::timing_table(&http.timings()));
        }
    }
}

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
