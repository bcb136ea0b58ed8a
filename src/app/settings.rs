//! The command line's flags and the environment resolved once into typed settings, handed down: the output's, the
//! network's (timeout, retries, `-v`), the cloud's flags and cache, and per command the registry access.

use std::io::{BufRead, IsTerminal};
use std::time::Duration;

use crate::cli::{Cli, RegistryAccessArgs};
use crate::error::Failure;
use crate::net::{Policy, TlsOptions};
use crate::registry::{Access, Credentials};

/// Everything the global flags decide.
#[derive(Debug, Clone)]
pub struct Settings {
    pub output: crate::output::Settings,
    /// `--os-*` flags, for `config` to resolve with the environment and the clouds files.
    pub cloud: crate::config::Flags,
    /// `--no-cache` unset.
    pub token_cache: bool,
    /// `--http-timeout`.
    pub timeout: Duration,
    /// `--retries`.
    pub retry: Policy,
    /// `--timing`.
    pub timing: bool,
}

impl Settings {
    pub fn from_cli(cli: &Cli) -> Settings {
        Settings {
            output: crate::output::Settings::from_flags(&cli.global.output_flags()),
            cloud: cli.cloud.flags(),
            token_cache: !cli.cloud.no_cache,
            timeout: cli.cloud.http_timeout,
            retry: Policy::with_retries(cli.cloud.retries),
            timing: cli.cloud.timing,
        }
    }
}

/// The registry access of the `--registry-*` flags over the command's network options, not yet bound to its host
/// ([`Access::bind`]). With `--registry-password-stdin` this reads the password from stdin: call it once per command.
pub fn registry_access(access: &RegistryAccessArgs, net: &crate::net::Options) -> anyhow::Result<Access> {
    let credentials = match (&access.registry_user, access.registry_password_stdin) {
        (Some(user), true) => {
            // berth never prompts: on a terminal the password would echo as it is typed.
            if std::io::stdin().is_terminal() {
                return Err(Failure::usage("`--registry-password-stdin` reads the password from a pipe, but stdin is a terminal")
                    .hint("pipe it in: `printf '%s\\n' \"$PASSWORD\" | berth ... --registry-password-stdin`, or `docker login` once (berth reads Docker's config.json)")
                    .into());
            }
            Some(Credentials { username: user.clone(), password: read_password(std::io::stdin().lock())? })
        }
        _ => None,
    };
    let tls = TlsOptions {
        cacert: access.registry_cacert.clone(),
        cert: None,
        key: None,
        insecure: access.registry_insecure,
    };
    Ok(Access::new(access.registry_host.clone(), credentials, tls, net.clone()))
}

/// The first line of `input`, without its line end; an empty one is a usage error.
fn read_password(mut input: impl BufRead) -> anyhow::Result<String> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .map_err(|e| Failure::usage(format!("cannot read the registry password from stdin: {e}")))?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        return Err(Failure::usage("`--registry-password-stdin` read an empty password from stdin")
            .hint(
                "pipe it in: `printf '%s\\n' \"$PASSWORD\" | berth ... --registry-user USER --registry-password-stdin`",
            )
            .into());
    }
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_is_the_first_line() {
        assert_eq!(read_password(&b"s3cret\nrest\n"[..]).unwrap(), "s3cret");
        assert_eq!(read_password(&b"with space \r\n"[..]).unwrap(), "with space ");
        assert_eq!(read_password(&b"no newline"[..]).unwrap(), "no newline");
        let e = read_password(&b"\n"[..]).unwrap_err();
        assert_eq!(crate::error::exit_code(&e), crate::error::ExitCode::Usage);
        assert!(read_password(&b""[..]).is_err());
    }
}
