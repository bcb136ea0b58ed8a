//! `berth registry inspect|tags`: what a reference resolves to in its registry, and a repository's tags.

use std::io::BufRead;

use serde_json::{Value, json};

use crate::cli::{Format, RegistryAccessArgs, RegistryCommand};
use crate::commands::Ctx;
use crate::error::Failure;
use crate::http::TlsOptions;
use crate::output::{List, Output, Record};
use crate::registry::{Credentials, Quota, Reference, Registry, RegistryOptions, reference};

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
                    json!(
                        i.layers
                            .iter()
                            .map(|l| json!({"digest": l.digest, "media_type": l.media_type, "size": l.size}))
                            .collect::<Vec<_>>()
                    )
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
        RegistryCommand::Quota { reference, access } => {
            let r = reference::parse(&reference)?;
            let client = Registry::new(&r.registry, options(&access, ctx)?)?;
            let result = client.head_manifest(&r).await;
            print_timing(ctx, &client);
            let head = result?;
            ctx.out.record(&quota_record(&r, head.quota.as_ref()))
        }
        RegistryCommand::Tags { repository, access } => {
            let r = reference::parse(&repository)?;
            if r.tag.is_some() || r.digest.is_some() {
                return Err(Failure::usage(format!(
                    "`{repository}` names a tag or digest; `registry tags` takes a repository"
                ))
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

/// What `registry quota` prints; a registry that reports no quota gets empty fields and says so.
fn quota_record(r: &Reference, q: Option<&Quota>) -> Record {
    Record::new()
        .field("reference", r.to_string())
        .field("registry", r.registry.clone())
        .field("limit", q.map_or(Value::Null, |q| json!(q.limit)))
        .field("remaining", q.map_or(Value::Null, |q| json!(q.remaining)))
        .field("window_seconds", q.and_then(|q| q.window).map_or(Value::Null, |w| json!(w)))
        .field("source", q.and_then(|q| q.source.clone()).map_or(Value::Null, Value::from))
        .field("summary", q.map_or_else(|| "no rate limit reported".to_string(), Quota::summary))
}

/// Before `image sync` pulls: for each registry and the references it is to sync, one manifest HEAD of the first
/// reference (the answer is kept for the sync's own up-to-date check, which then asks nothing more) tells the
/// pull quota, when the registry reports one. When fewer pulls are left than references, a warning says so and
/// what to do. Never fails: the sync reports what goes wrong (and pulls nothing from a registry that reported 0).
pub async fn warn_if_over_quota(out: &Output, registries: &[(&Registry, Vec<&Reference>)]) {
    for (client, refs) in registries {
        let Some(first) = refs.first() else { continue };
        let Ok(head) = client.head_manifest_kept(first).await else { continue };
        let Some(q) = head.quota else { continue };
        let needed = refs.len() as u64;
        if q.remaining >= needed {
            continue;
        }
        let host = client.host();
        let what = if needed == 1 { "an image".to_string() } else { format!("up to {needed} images") };
        let consequence = if q.remaining == 0 {
            "tags that moved cannot be synced now".to_string()
        } else {
            format!("pulls beyond {} will be refused", q.remaining)
        };
        out.warn(
            &format!("`{host}` reports {}; this sync may pull {what} (an unchanged tag needs no pull): {consequence}", q.summary()),
            Some(&format!(
                "pull as a user with a higher limit (`docker login {host}`, or `--registry-user`), or wait for the quota to refill{}",
                q.window.map_or(String::new(), |w| format!(" (its window is {})", crate::registry::quota::shown_window(w)))
            )),
        );
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
        (Some(user), true) => {
            // berth never prompts: on a terminal the password would echo as it is typed.
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                return Err(Failure::usage("`--registry-password-stdin` reads the password from a pipe, but stdin is a terminal")
                    .hint("pipe it in: `printf '%s\\n' \"$PASSWORD\" | berth ... --registry-password-stdin`, or `docker login` once (berth reads Docker's config.json)")
                    .into());
            }
            Some(Credentials { username: user.clone(), password: read_password(std::io::stdin().lock())? })
        }
        _ => None,
    };
    Ok(RegistryOptions {
        tls: TlsOptions {
            cacert: access.registry_cacert.clone(),
            cert: None,
            key: None,
            insecure: access.registry_insecure,
        },
        credentials,
        docker_config_dir: None,
        timeout,
        retry: ctx.retry_policy(),
        verbose: ctx.out.settings().verbose,
        ..RegistryOptions::default()
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
