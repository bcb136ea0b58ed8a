//! Finding things by name or ID as commands take them, with "did you mean" when nothing matches: flavors and
//! servers, and a network by name or ID where only its existence matters (stacks). (Images, which can also be
//! docker references, are the image domain's: `image::find`; the networks, ports and security groups a boot may use
//! are boot's network plan: `boot::network`.)

use super::Session;
use super::neutron::{Network, Neutron};
use super::nova::{Compute, Flavor, Server};
use crate::error::Failure;

pub fn is_uuid(s: &str) -> bool {
    let hex = s.replace('-', "");
    (s.len() == 36 || s.len() == 32) && hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// Up to three of `candidates` that look like `wanted`, best first.
pub fn suggestions<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<String> = scored.into_iter().map(|(_, c)| c.to_string()).collect();
    out.dedup();
    out.truncate(3);
    out
}

/// `did you mean `a`, `b`? ` (with its trailing space), or nothing.
pub fn did_you_mean(found: &[String]) -> String {
    if found.is_empty() {
        String::new()
    } else {
        format!("did you mean {}? ", found.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))
    }
}

/// A flavor by ID, else by name.
pub fn flavor<'f>(flavors: &'f [Flavor], wanted: &str) -> anyhow::Result<&'f Flavor> {
    flavors.iter().find(|f| f.id == wanted).or_else(|| flavors.iter().find(|f| f.name == wanted)).ok_or_else(|| {
        let names: Vec<&str> = flavors.iter().map(|f| f.name.as_str()).collect();
        Failure::usage(format!("no flavor is called `{wanted}` or has that ID"))
            .hint(format!(
                "{}flavors here: {}",
                did_you_mean(&suggestions(wanted, names.iter().copied())),
                names.join(", ")
            ))
            .into()
    })
}

/// A network by ID, else by its one name, among those the project sees.
pub async fn network(session: &Session, wanted: &str) -> anyhow::Result<Network> {
    let nets = Neutron::new(session).networks(&[]).await?;
    if let Some(n) = nets.iter().find(|n| n.id == wanted) {
        return Ok(n.clone());
    }
    let named: Vec<&Network> = nets.iter().filter(|n| n.name == wanted).collect();
    match named.len() {
        1 => Ok(named[0].clone()),
        0 => {
            let names: Vec<&str> = nets.iter().filter(|n| !n.external).map(|n| n.name.as_str()).collect();
            Err(Failure::usage(format!("no network is called `{wanted}` or has that ID"))
                .hint(format!(
                    "{}networks here: {}; or use `--no-network`",
                    did_you_mean(&suggestions(wanted, nets.iter().map(|n| n.name.as_str()))),
                    if names.is_empty() { "none".to_string() } else { names.join(", ") }
                ))
                .into())
        }
        n => Err(Failure::usage(format!("{n} networks are called `{wanted}`"))
            .hint(format!(
                "give the network's ID: {}",
                named.iter().map(|n| n.id.as_str()).collect::<Vec<_>>().join(", ")
            ))
            .into()),
    }
}

/// A server by ID, else by exact name (exactly one).
pub async fn server(compute: &Compute<'_>, wanted: &str) -> anyhow::Result<Server> {
    if is_uuid(wanted)
        && let Some(s) = compute.server(wanted).await?
    {
        return Ok(s);
    }
    let all = compute.servers(&[]).await?;
    let named: Vec<&Server> = all.iter().filter(|s| s.name == wanted).collect();
    match named.len() {
        1 => Ok(named[0].clone()),
        0 => Err(Failure::usage(format!("no server is called `{wanted}` or has that ID"))
            .hint(format!(
                "{}`berth server list` shows the servers",
                did_you_mean(&suggestions(wanted, all.iter().map(|s| s.name.as_str())))
            ))
            .into()),
        n => Err(Failure::usage(format!("{n} servers are called `{wanted}`"))
            .hint(format!("use an ID: {}", named.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")))
            .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_rank_close_names() {
        let s = suggestions("m1.tnyi", ["m1.tiny", "m1.small", "x1.huge"]);
        assert_eq!(s.first().map(String::as_str), Some("m1.tiny"));
        assert!(suggestions("completely-different", ["m1.tiny"]).is_empty());
        assert_eq!(did_you_mean(&s[..1]), "did you mean `m1.tiny`? ");
        assert_eq!(did_you_mean(&[]), "");
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("6807449c-3c25-4634-8194-2c93b3c0a1b2"));
        assert!(!is_uuid("busybox:1.36"));
    }
}
