//! What a command shares while it runs: the output (stdout), the feedback (stderr), the settings, the network
//! options every HTTP client is made from (with the one `--timing` sink), and the cloud session once opened.

use std::sync::Arc;

use super::Settings;
use crate::config::CloudConfig;
use crate::feedback::Feedback;
use crate::net::{Http, Timings};
use crate::openstack::{self, Session};
use crate::output::Output;

pub struct Ctx<'a> {
    pub out: &'a mut Output,
    pub feedback: Feedback,
    pub settings: Settings,
    timings: Timings,
    http: Option<Arc<Http>>,
}

impl<'a> Ctx<'a> {
    pub fn new(out: &'a mut Output, feedback: Feedback, settings: Settings) -> Self {
        Ctx { out, feedback, settings, timings: Timings::default(), http: None }
    }

    /// The network options of every HTTP client of this command: cloud, registries, the Docker engine.
    pub fn net(&self) -> crate::net::Options {
        crate::net::Options {
            timeout: self.settings.timeout,
            retry: self.settings.retry,
            feedback: self.feedback.clone(),
            timings: self.timings.clone(),
        }
    }

    /// The resolved cloud configuration (flags, `OS_*`, clouds.yaml, secure.yaml, the cloud's profile); what was
    /// worth a warning (an unknown or deprecated profile) is shown on stderr.
    pub fn config(&self) -> anyhow::Result<CloudConfig> {
        let cfg = crate::config::resolve(&self.settings.cloud, &crate::config::Web { net: self.net() })?;
        for w in &cfg.warnings {
            self.feedback.warn(w, None);
        }
        Ok(cfg)
    }

    fn http_for(&mut self, cfg: &CloudConfig) -> anyhow::Result<Arc<Http>> {
        if let Some(h) = &self.http {
            return Ok(h.clone());
        }
        let http = Arc::new(openstack::http(cfg, &self.net())?);
        self.http = Some(http.clone());
        Ok(http)
    }

    /// An authenticated session for the resolved cloud.
    pub async fn session(&mut self) -> anyhow::Result<Session> {
        let cfg = self.config()?;
        let http = self.http_for(&cfg)?;
        Session::open(cfg, http, self.settings.token_cache, super::prompt::Terminal::when_interactive()).await
    }

    /// An authenticated session for another cloud of clouds.yaml (`image sync --to CLOUD`), with its own TLS
    /// settings and so its own HTTP client.
    pub async fn session_for(&self, cfg: CloudConfig) -> anyhow::Result<Session> {
        let http = Arc::new(openstack::http(&cfg, &self.net())?);
        Session::open(cfg, http, self.settings.token_cache, super::prompt::Terminal::when_interactive()).await
    }

    /// `--timing`: the table of every request of the command (cloud, registries, engine) on stderr.
    pub fn print_timing(&self) {
        if self.settings.timing {
            eprint!("{}", crate::output::timing::table(&self.timings.all()));
        }
    }
}
