//! Profiles a server publishes at `/.well-known/openstack/api` (a clouds.yaml `profile:` that is a URL), read with
//! berth's HTTP client (its TLS, redirect policy, caps and `-v` logs) as openstacksdk reads them with requests.
//! The profile tells berth where Keystone is, so it must come over https; plain http only from this machine.

use std::net::IpAddr;

use super::profile::Remote;
use crate::net::{Http, Redirects, TlsOptions, body};

/// Reads published profiles over the network.
pub struct Web {
    pub net: crate::net::Options,
}

/// Plain http is allowed only on loopback: a profile from anywhere else could send the password elsewhere.
fn allowed(url: &reqwest::Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => {
            let host = url.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
            host.parse::<IpAddr>().map_or(host.eq_ignore_ascii_case("localhost"), |ip| ip.is_loopback())
        }
        _ => false,
    }
}

impl Remote for Web {
    fn fetch(&self, url: &str) -> anyhow::Result<serde_json::Value> {
        let parsed = reqwest::Url::parse(url)?;
        if !allowed(&parsed) {
            anyhow::bail!("a profile names Keystone, so berth reads it over https only (plain http from loopback)");
        }
        let net = self.net.clone();
        let owned = url.to_string();
        // Configuration is resolved outside and inside the async runtime alike: this one request gets a runtime of
        // its own, on a thread of its own.
        std::thread::scope(|s| {
            s.spawn(move || -> anyhow::Result<serde_json::Value> {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                rt.block_on(async {
                    let http = Http::new(&TlsOptions::default(), &net, Redirects::SameOrigin)?;
                    let resp = http.send(http.client().get(&owned).header("Accept", "application/json")).await?;
                    if !resp.status().is_success() {
                        anyhow::bail!("HTTP {}", resp.status().as_u16());
                    }
                    body::json(resp, body::TOKEN).await
                })
            })
            .join()
            .map_err(|_| anyhow::anyhow!("reading `{url}` failed"))?
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_http_only() {
        let ok = |u: &str| allowed(&reqwest::Url::parse(u).unwrap());
        assert!(ok("https://vexxhost.com/.well-known/openstack/api"));
        assert!(ok("http://127.0.0.2:8080/.well-known/openstack/api"));
        assert!(ok("http://localhost/x") && ok("http://[::1]/x"));
        assert!(!ok("http://vexxhost.com/x") && !ok("http://10.0.0.1/x") && !ok("ftp://127.0.0.1/x"));
    }
}
