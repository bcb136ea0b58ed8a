//! Whose credentials and TLS settings go to which registry. The `--registry-*` flags (user, password, CA,
//! insecure) belong to exactly one registry host: `--registry-host`, else the one host the command reaches. A
//! command that reaches several hosts with those flags and no `--registry-host` is refused before any request,
//! because sending a password to every registry that asks for one hands it to whoever runs them. Docker's
//! config.json credentials stay per host, as Docker keeps them.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::auth::Credentials;
use super::client::{RegistryOptions, Shared};
use crate::error::Failure;
use crate::net::TlsOptions;

/// The registry access of one command: the flags' credentials and TLS, the host they are for once bound, and
/// what every client of the command shares.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// `--registry-host`, normalised.
    pub host: Option<String>,
    pub credentials: Option<Credentials>,
    pub tls: TlsOptions,
    pub net: crate::net::Options,
    pub shared: Arc<Shared>,
    /// The host the flags were bound to by [`Access::bind`].
    bound: Option<String>,
}

impl Access {
    pub fn new(
        host: Option<String>,
        credentials: Option<Credentials>,
        tls: TlsOptions,
        net: crate::net::Options,
    ) -> Access {
        Access { host, credentials, tls, net, shared: Arc::default(), bound: None }
    }

    /// Whether any flag that must go to one host was given.
    pub fn flags_given(&self) -> bool {
        self.credentials.is_some() || self.tls.cacert.is_some() || self.tls.insecure
    }

    /// Bind the flags to their host among the `hosts` the command reaches: `--registry-host` (which must be one of
    /// them), else the only one. Several hosts and no `--registry-host` is a usage error naming them.
    pub fn bind(&mut self, hosts: &BTreeSet<String>) -> anyhow::Result<()> {
        if !self.flags_given() {
            return Ok(());
        }
        let shown = || hosts.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ");
        self.bound = match &self.host {
            Some(h) if hosts.contains(h) => Some(h.clone()),
            Some(h) => {
                return Err(Failure::usage(format!(
                    "`--registry-host {h}` is none of the registries this command reaches ({})",
                    shown()
                ))
                .hint("name one of them, as in the reference (`host[:port]`; `docker.io` for Docker Hub)")
                .into());
            }
            None if hosts.len() > 1 => {
                return Err(Failure::usage(format!(
                    "the `--registry-*` credentials and TLS flags belong to one registry, but this command reaches {}: {}",
                    hosts.len(),
                    shown()
                ))
                .hint("say which registry they are for with `--registry-host HOST`; the others get only what Docker's config.json has for them (`docker login HOST`), or use a sync file with `credentials:` per registry")
                .into());
            }
            None => hosts.iter().next().cloned(),
        };
        Ok(())
    }

    /// The options of a client for `host`: the flags' credentials and TLS only when `host` is the one they were
    /// bound to.
    pub fn options(&self, host: &str) -> RegistryOptions {
        let ours = self.bound.as_deref() == Some(host);
        RegistryOptions {
            tls: if ours { self.tls.clone() } else { TlsOptions::default() },
            credentials: if ours { self.credentials.clone() } else { None },
            docker_config_dir: None,
            net: self.net.clone(),
            shared: self.shared.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ExitCode, exit_code};

    fn with_user(host: Option<&str>) -> Access {
        let c = Credentials { username: "u".into(), password: "secret-pw".into() };
        Access::new(host.map(str::to_string), Some(c), TlsOptions::default(), crate::net::Options::default())
    }

    fn hosts(h: &[&str]) -> BTreeSet<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_go_to_their_one_host_only() {
        let mut a = with_user(None);
        a.bind(&hosts(&["127.0.0.1:5002"])).unwrap();
        assert!(a.options("127.0.0.1:5002").credentials.is_some());
        assert!(a.options("127.0.0.2:5002").credentials.is_none());

        let mut a = with_user(Some("127.0.0.1:5002"));
        a.bind(&hosts(&["127.0.0.1:5002", "127.0.0.2:9"])).unwrap();
        assert!(a.options("127.0.0.1:5002").credentials.is_some());
        assert!(a.options("127.0.0.2:9").credentials.is_none());
    }

    #[test]
    fn several_hosts_without_a_host_flag_are_refused_naming_them() {
        let mut a = with_user(None);
        let e = a.bind(&hosts(&["127.0.0.1:5002", "127.0.0.2:9"])).unwrap_err();
        assert_eq!(exit_code(&e), ExitCode::Usage);
        assert!(e.to_string().contains("`127.0.0.1:5002`, `127.0.0.2:9`"), "{e}");
        assert!(!format!("{e:?}").contains("secret-pw"));
        let e = with_user(Some("other:1")).bind(&hosts(&["127.0.0.1:5002"])).unwrap_err();
        assert_eq!(exit_code(&e), ExitCode::Usage);
        // Without flags nothing is bound and nothing refused.
        let mut none = Access::default();
        none.bind(&hosts(&["a.example", "b.example"])).unwrap();
        assert!(none.options("a.example").credentials.is_none());
    }

    #[test]
    fn tls_flags_are_bound_too() {
        let tls = TlsOptions { insecure: true, ..TlsOptions::default() };
        let mut a = Access::new(None, None, tls, crate::net::Options::default());
        assert!(a.bind(&hosts(&["a.example", "b.example"])).is_err());
        a.bind(&hosts(&["a.example"])).unwrap();
        assert!(a.options("a.example").tls.insecure && !a.options("b.example").tls.insecure);
    }
}
