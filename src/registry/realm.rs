//! Which Bearer token realms berth asks for a token. A registry's 401 names the token server (`realm`) that berth
//! then requests, with the user's credentials when there are some: a hostile or compromised registry could name
//! a service on the user's own network (the cloud's metadata service at 169.254.169.254, an internal API) and use
//! berth to reach it, or ask for the credentials over plain http.
//!
//! The rules follow go-containerregistry's `validateRealmURL` (pkg/v1/remote/transport/bearer.go, commit
//! 04890d8ec8cc): https always; http only for a registry spoken to over http; a realm whose host is an IP literal
//! in a link-local or private range refused. They differ where berth has its own reasons:
//!
//! - A link-local, private or unspecified address is allowed when it is the registry's own host (a private
//!   registry at 10.0.0.5:5000 with its token server at 10.0.0.5:5001 is common; the registry could be asked
//!   directly anyway).
//! - Loopback (127.0.0.0/8, ::1, `localhost`) is allowed only for a registry that is itself on loopback (the dev
//!   environment's registry on 127.0.0.1:5003 has its token server on :5004); a remote registry may not point
//!   berth at this machine's own services. go-containerregistry refuses loopback always.
//! - Host names are not resolved (as there): a name that resolves to a private address is out of reach of a
//!   check made before the connection. Nor is the realm bound to the registry's domain: Docker accepts a token
//!   server on any https host, and so does berth.
//!
//! IPv4-mapped IPv6 addresses (`::ffff:169.254.169.254`) count as their IPv4 address; the URL parser already
//! turns `0xa9fea9fe` and friends into dotted IPv4.

use std::net::IpAddr;

use reqwest::Url;

/// What kind of address a realm's host is, when it is one berth is careful with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// 127.0.0.0/8, ::1, `localhost`.
    Loopback,
    /// 169.254.0.0/16, fe80::/10.
    LinkLocal,
    /// 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7.
    Private,
    /// 0.0.0.0, :: (which reach this machine).
    Unspecified,
}

impl Special {
    fn name(self) -> &'static str {
        match self {
            Special::Loopback => "loopback",
            Special::LinkLocal => "link-local",
            Special::Private => "private",
            Special::Unspecified => "unspecified",
        }
    }
}

/// The special kind of an address, if any.
pub fn special_ip(ip: IpAddr) -> Option<Special> {
    match ip.to_canonical() {
        IpAddr::V4(v4) if v4.is_loopback() => Some(Special::Loopback),
        IpAddr::V4(v4) if v4.is_link_local() => Some(Special::LinkLocal),
        IpAddr::V4(v4) if v4.is_private() => Some(Special::Private),
        IpAddr::V4(v4) if v4.is_unspecified() => Some(Special::Unspecified),
        IpAddr::V6(v6) if v6.is_loopback() => Some(Special::Loopback),
        IpAddr::V6(v6) if v6.is_unicast_link_local() => Some(Special::LinkLocal),
        IpAddr::V6(v6) if v6.is_unique_local() => Some(Special::Private),
        IpAddr::V6(v6) if v6.is_unspecified() => Some(Special::Unspecified),
        _ => None,
    }
}

/// The address a URL's `host_str` is, if it is one (IPv6 in brackets).
fn host_ip(host: &str) -> Option<IpAddr> {
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    bare.parse::<IpAddr>().ok().map(|ip| ip.to_canonical())
}

/// The special kind of a URL's `host_str`: an IP literal as [`special_ip`] says, `localhost` as loopback.
pub fn special_host(host: &str) -> Option<Special> {
    if let Some(ip) = host_ip(host) {
        return special_ip(ip);
    }
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    (name == "localhost" || name.ends_with(".localhost")).then_some(Special::Loopback)
}

/// Two URL hosts are the same: equal addresses, or equal names (case-insensitive, without a final dot).
fn same_host(a: &str, b: &str) -> bool {
    match (host_ip(a), host_ip(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.trim_end_matches('.').eq_ignore_ascii_case(b.trim_end_matches('.')),
        _ => false,
    }
}

/// Why a realm is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not http(s), or no host.
    Scheme,
    /// Plain http for a registry spoken to over https.
    PlainHttp,
    /// An address of this kind that is not the registry's own (loopback: the registry is not on loopback).
    Address(Special),
}

impl Refusal {
    /// Why, for the message: "..., which is {why}".
    pub fn why(&self) -> String {
        match self {
            Refusal::Scheme => "not an http(s) URL with a host".into(),
            Refusal::PlainHttp => "plain http, while the registry speaks https".into(),
            Refusal::Address(Special::Loopback) => {
                "on this machine (loopback), while the registry is not: a remote registry may not point berth at \
                 local services"
                    .into()
            }
            Refusal::Address(s) => format!(
                "on a {} address that is not the registry's own: berth does not reach into your network for a \
                 registry (169.254.169.254 is the cloud's metadata service)",
                s.name()
            ),
        }
    }
}

/// Whether berth may ask the token server `realm` for a token for the registry at `registry_host`
/// (`host[:port]`), which it speaks to over `registry_scheme` (`https` or `http`).
pub fn check(realm: &Url, registry_host: &str, registry_scheme: &str) -> Result<(), Refusal> {
    let (Some(host), true) = (realm.host_str(), matches!(realm.scheme(), "https" | "http")) else {
        return Err(Refusal::Scheme);
    };
    if realm.scheme() == "http" && registry_scheme != "http" {
        return Err(Refusal::PlainHttp);
    }
    let Some(special) = special_host(host) else { return Ok(()) };
    // The registry's host as the URL parser reads it, so both sides are compared in the same form.
    let registry = Url::parse(&format!("http://{registry_host}/")).ok();
    let registry = registry.as_ref().and_then(Url::host_str);
    let allowed = match (special, registry) {
        (_, Some(r)) if same_host(host, r) => true,
        (Special::Loopback, Some(r)) => special_host(r) == Some(Special::Loopback),
        _ => false,
    };
    if allowed { Ok(()) } else { Err(Refusal::Address(special)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(realm: &str, registry: &str, scheme: &str) -> Result<(), Refusal> {
        check(&Url::parse(realm).unwrap(), registry, scheme)
    }

    #[test]
    fn public_https_realms_are_fine_for_any_registry() {
        assert_eq!(verdict("https://auth.docker.io/token", "registry-1.docker.io", "https"), Ok(()));
        assert_eq!(verdict("https://tokens.example:8443/t", "10.0.0.5:5000", "http"), Ok(()));
        assert_eq!(verdict("https://8.8.8.8/t", "r.example", "https"), Ok(()));
    }

    #[test]
    fn plain_http_realms_only_for_http_registries() {
        assert_eq!(verdict("http://r.example:5001/token", "r.example:5000", "https"), Err(Refusal::PlainHttp));
        assert_eq!(verdict("http://127.0.0.1:5004/token", "127.0.0.1:5003", "https"), Err(Refusal::PlainHttp));
        assert_eq!(verdict("http://127.0.0.1:5004/token", "127.0.0.1:5003", "http"), Ok(()));
        assert_eq!(verdict("ftp://r.example/token", "r.example", "https"), Err(Refusal::Scheme));
        assert_eq!(verdict("file:///etc/passwd", "r.example", "https"), Err(Refusal::Scheme));
    }

    #[test]
    fn link_local_and_private_realms_only_on_the_registrys_own_host() {
        let link_local = Err(Refusal::Address(Special::LinkLocal));
        let private = Err(Refusal::Address(Special::Private));
        for realm in [
            "https://169.254.169.254/latest/meta-data/",
            "https://169.254.0.1/t",
            "https://[fe80::1]/t",
            "https://[febf:ffff::1]/t",
            "https://[::ffff:169.254.169.254]/t",
            // The URL parser's readings of the same address.
            "https://0xa9fea9fe/t",
            "https://2852039166/t",
            "https://169.254.43518/t",
        ] {
            assert_eq!(verdict(realm, "r.example", "https"), link_local, "{realm}");
        }
        for realm in [
            "https://10.0.0.1/t",
            "https://10.255.255.255/t",
            "https://172.16.0.1/t",
            "https://172.31.255.255/t",
            "https://192.168.1.1/t",
            "https://[fc00::1]/t",
            "https://[fd12:3456::1]/t",
            "https://[::ffff:10.1.2.3]/t",
        ] {
            assert_eq!(verdict(realm, "r.example", "https"), private, "{realm}");
        }
        // Just outside the ranges.
        for realm in
            ["https://172.32.0.1/t", "https://172.15.255.255/t", "https://169.255.0.1/t", "https://[fec0::1]/t"]
        {
            assert_eq!(verdict(realm, "r.example", "https"), Ok(()), "{realm}");
        }
        // On the registry's own host (any port), they are the registry's business.
        assert_eq!(verdict("https://10.0.0.5:5001/token", "10.0.0.5:5000", "https"), Ok(()));
        assert_eq!(verdict("http://10.0.0.5:5001/token", "10.0.0.5:5000", "http"), Ok(()));
        assert_eq!(verdict("https://[fd00::5]:5001/token", "[fd00::5]:5000", "https"), Ok(()));
        assert_eq!(verdict("https://169.254.1.1/t", "169.254.1.1", "https"), Ok(()));
        assert_eq!(verdict("https://10.0.0.6:5001/token", "10.0.0.5:5000", "https"), private);
        assert_eq!(verdict("https://[::]/t", "r.example", "https"), Err(Refusal::Address(Special::Unspecified)));
        assert_eq!(verdict("https://0.0.0.0/t", "10.0.0.5", "https"), Err(Refusal::Address(Special::Unspecified)));
    }

    #[test]
    fn loopback_realms_only_for_registries_on_loopback() {
        let loopback = Err(Refusal::Address(Special::Loopback));
        for realm in [
            "https://127.0.0.1/t",
            "https://127.1.2.3:8080/t",
            "https://[::1]/t",
            "https://localhost/t",
            "https://LOCALHOST./t",
            "https://a.localhost/t",
            "https://0x7f000001/t",
            "https://[::ffff:127.0.0.1]/t",
        ] {
            assert_eq!(verdict(realm, "registry.example", "https"), loopback, "{realm}");
            assert_eq!(verdict(realm, "10.0.0.5:5000", "https"), loopback, "{realm}");
        }
        // Loopback to loopback never leaves the machine.
        assert_eq!(verdict("http://127.0.0.1:5004/token", "127.0.0.1:5003", "http"), Ok(()));
        assert_eq!(verdict("http://127.0.0.3:5004/token", "127.0.0.2:5003", "http"), Ok(()));
        assert_eq!(verdict("https://127.0.0.1:5004/token", "localhost:5005", "https"), Ok(()));
        assert_eq!(verdict("https://localhost:5004/token", "[::1]:5005", "https"), Ok(()));
        // A loopback registry's realm may still not reach into the network.
        assert_eq!(
            verdict("https://169.254.169.254/t", "127.0.0.1:5003", "https"),
            Err(Refusal::Address(Special::LinkLocal))
        );
    }
}
