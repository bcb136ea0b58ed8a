//! `berth registry inspect|tags`: what a reference resolves to in its registry, and a repository's tags.

use std::io::BufRead;

use serde_json::{Value, json};

use crate::cli::{Format, RegistryAccessArgs, RegistryCommand};
use crate::commands::Ctx;
use crate::error::Failure;
use crate::http::TlsOptions;
use crate::output::List;
use crate::registry::{Credentials, Registry, RegistryOptions, reference};

pub async fn run(cmd: RegistryCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        RegistryCommand::Inspect { reference, registry } => {
            let r = reference::parse(&reference)?;
            let client = Registry::new(&r.registry, options(&registry.access, ctx)?)?;
            let result = client.resolve(&r, &registry.platform, registry.all_platforms).await;
            print_timing(ctx, &client);
            let images = result?;
            let structured = matches!(ctx.out.settings().format, Format::Json | Format::Yaml);
            let mut list = List::new(&[
                "reference",
                "platform",
                "manifest_digest",
                "media_type",
                "config_digest",
                "layers",
                "size",
                "index_digest",
            ]);
            for i in &images {
                let layers = if structured {
                    json!(i.layers.iter().map(|l| json!({"digest": l.digest, "media_type": l.media_type, "size": l.size})).collect::<Vec<_>>())
                } else {
                    json!(i.layers.len())
                };
                list.row(vec![
                    json!(i.reference.to_string()),
                    json!(i.platform.to_string()),
                    json!(i.manifest_digest),
                    json!(i.manifest_media_type),
                    json!(i.config_digest),
                    layers,
                    json!(i.layers_size()),
                    i.index_digest.as_ref().map_or(Value::Null, |d| json!(d)),
                ]);
            }
            ctx.out.list(&list)
        }
        RegistryCommand::Tags { repository, access } => {
            let r = reference::parse(&repository)?;
            if r.tag.is_some() || r.digest.is_some() {
                return Err(Failure::usage(format!("`{repository}` names a tag or digest; `registry tags` takes a repository"))
                    .hint(format!("drop the tag: `berth registry tags {}`", r.familiar()))
                    .into());
            }
            let client = Registry::new(&r.registry, options(&access, ctx)?)?;
            let result = client.tags(&r.repository).await;
            print_timing(ctx, &client);
            let mut tags = result?;
            tags.sort();
            let mut list = List::new(&["tag"]);
            for t in tags {
                list.row(vec![json!(t)]);
            }
            ctx.out.list(&list)
        }
    }
}

/// `--timing`: the registry's requests (its client is not the cloud's).
fn print_timing(ctx: &Ctx<'_>, client: &Registry) {
    if ctx.cloud.timing {
        eprint!("{}", crate::http::timing_table(&client.timings()));
    }
}

/// The registry options of the `--registry-*` flags, `--http-timeout` and `-v`. With `--registry-password-stdin`
/// this reads the password from stdin: call it once per command.
pub fn options(access: &RegistryAccessArgs, ctx: &Ctx<'_>) -> anyhow::Result<RegistryOptions> {
    let timeout = ctx.http_timeout()?;
    let credentials = match (&access.registry_user, access.registry_password_stdin) {
        (Some(user), true) => Some(Credentials { username: user.clone(), password: read_password(std::io::stdin().lock())? }),
        _ => None,
    };
    Ok(RegistryOptions {
        tls: TlsOptions { cacert: access.registry_cacert.clone(), cert: None, key: None, insecure: access.registry_insecure },
        credentials,
        docker_config_dir: None,
        timeout,
        verbose: ctx.out.settings().verbose,
    })
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
            .hint("pipe it in: `printf '%s\\n' \"$PASSWORD\" | berth ... --registry-user USER --registry-password-stdin`")
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
