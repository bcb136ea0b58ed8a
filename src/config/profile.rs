//! A cloud's `profile:` (or the older `cloud:`) as openstacksdk expands it: the entry of that name under
//! `public-clouds` in clouds-public.yaml, else openstacksdk's built-in vendor profile, else, for a URL, the
//! profile its server publishes at `/.well-known/openstack/api`. A built-in profile may name another (a URL: that
//! is how `vexxhost` works); a profile marked `deprecated` warns, `shutdown` is an error. What a profile sets lies
//! under clouds.yaml, secure.yaml, the environment and the flags.

use serde_yaml_ng::{Mapping, Value};

use super::files::CloudsFile;
use super::vendors;
use crate::error::Failure;

/// Where a profile came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// An entry of clouds-public.yaml.
    PublicFile(std::path::PathBuf),
    /// openstacksdk's built-in vendor profile.
    BuiltIn,
    /// Published by a server: the well-known URL it was read from.
    Url(String),
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub origin: Origin,
    pub settings: Mapping,
}

/// Reads a profile a server publishes: the JSON document at `url` (the well-known URL).
pub trait Remote {
    fn fetch(&self, url: &str) -> anyhow::Result<serde_json::Value>;
}

/// No profile from a server: for what must not wait on the network (shell completion).
pub struct Offline;

impl Remote for Offline {
    fn fetch(&self, url: &str) -> anyhow::Result<serde_json::Value> {
        Err(anyhow::anyhow!("`{url}` is not read here"))
    }
}

/// The well-known URL of a profile name that is a URL (`https://vexxhost.com` ->
/// `https://vexxhost.com/.well-known/openstack/api`); None for a plain name.
pub fn well_known(name: &str) -> Option<String> {
    let url = reqwest::Url::parse(name).ok()?;
    let host = url.host_str()?;
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some(format!("{}://{host}{port}/.well-known/openstack/api", url.scheme()))
}

/// The profile `name` of cloud `cloud`, or None (with a warning) when there is none by that name.
pub fn find(
    name: &str,
    cloud: &str,
    public: &CloudsFile,
    remote: &dyn Remote,
    warnings: &mut Vec<String>,
) -> anyhow::Result<Option<Profile>> {
    // clouds-public.yaml first, used as it is.
    if let (Some(path), Some(settings)) = (&public.path, public.clouds.get(name)) {
        return Ok(Some(Profile {
            name: name.to_string(),
            origin: Origin::PublicFile(path.clone()),
            settings: settings.clone(),
        }));
    }
    let Some((mut settings, mut origin)) = lookup(name, remote)? else {
        warnings.push(format!("cloud `{cloud}` names the profile `{name}`, which berth does not know: ignored"));
        return Ok(None);
    };
    // A profile naming another stands for that one.
    if let Some(nested) = settings.remove("profile").and_then(|v| v.as_str().map(str::to_string))
        && let Some((n, o)) = lookup(&nested, remote)?
    {
        (settings, origin) = (n, o);
    }
    let status = settings.remove("status").and_then(|v| v.as_str().map(str::to_string));
    let message = settings.remove("message").and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    match status.as_deref() {
        Some("deprecated") => warnings.push(format!("the profile `{name}` is deprecated: {message}")),
        Some("shutdown") => {
            return Err(Failure::usage(format!(
                "cloud `{cloud}` uses the profile `{name}`, a cloud that no longer exists: {message}"
            ))
            .hint("remove `profile` from the cloud in clouds.yaml, or point it at the cloud that replaced it")
            .into());
        }
        _ => {}
    }
    Ok(Some(Profile { name: name.to_string(), origin, settings }))
}

/// A built-in profile, or one a server publishes (with the built-in one of the same name over it, so that local
/// corrections win, as in openstacksdk).
fn lookup(name: &str, remote: &dyn Remote) -> anyhow::Result<Option<(Mapping, Origin)>> {
    if let Some(p) = vendors::get(name) {
        return Ok(Some((p, Origin::BuiltIn)));
    }
    let Some(url) = well_known(name) else { return Ok(None) };
    let doc = remote.fetch(&url).map_err(|e| {
        anyhow::Error::from(
            Failure::usage(format!("the profile `{name}` is published at `{url}`, which could not be read: {e:#}"))
                .hint("check the URL in `profile`, or copy the profile into clouds-public.yaml"),
        )
    })?;
    let (Some(published), Some(settings)) = (doc.get("name").and_then(|n| n.as_str()), doc.get("profile")) else {
        return Err(Failure::usage(format!("`{url}` is no profile: it lacks `name` or `profile`")).into());
    };
    let mut settings: Mapping = match serde_json::from_value::<Value>(settings.clone()) {
        Ok(Value::Mapping(m)) => m,
        _ => return Err(Failure::usage(format!("the `profile` of `{url}` is not a mapping")).into()),
    };
    if let Some(local) = vendors::get(published) {
        super::files::merge(&mut settings, &local);
    }
    settings.remove("profile");
    Ok(Some((settings, Origin::Url(url))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    struct Served(serde_json::Value);
    impl Remote for Served {
        fn fetch(&self, url: &str) -> anyhow::Result<serde_json::Value> {
            assert_eq!(url, "https://vexxhost.com/.well-known/openstack/api");
            Ok(self.0.clone())
        }
    }

    fn find_ok(name: &str, public: &CloudsFile, remote: &dyn Remote) -> (Option<Profile>, Vec<String>) {
        let mut w = Vec::new();
        (find(name, "c", public, remote, &mut w).unwrap(), w)
    }

    #[test]
    fn public_file_first_then_built_in() {
        let public = super::super::files::parse_key(
            Path::new("/p/clouds-public.yaml"),
            "public-clouds:\n  citycloud:\n    auth: {auth_url: https://mine}\n",
            "public-clouds",
        )
        .unwrap();
        let (p, _) = find_ok("citycloud", &public, &Offline);
        let p = p.unwrap();
        assert_eq!(p.origin, Origin::PublicFile("/p/clouds-public.yaml".into()));
        assert!(p.settings.get("regions").is_none(), "used as it is, not merged with the built-in one");
        let (p, w) = find_ok("citycloud", &CloudsFile::default(), &Offline);
        assert_eq!(p.unwrap().origin, Origin::BuiltIn);
        assert!(w.is_empty());
    }

    #[test]
    fn unknown_names_warn_and_urls_are_fetched() {
        let (p, w) = find_ok("nosuchvendor", &CloudsFile::default(), &Offline);
        assert!(p.is_none() && w[0].contains("`nosuchvendor`"), "{w:?}");
        // vexxhost is a built-in profile that names its URL.
        let doc = serde_json::json!({"name": "vexxhost", "profile": {"auth": {"auth_url": "https://auth.vexxhost.net/v3"},
                                     "regions": ["ca-ymq-1"], "profile": "loop"}});
        let (p, _) = find_ok("vexxhost", &CloudsFile::default(), &Served(doc));
        let p = p.unwrap();
        assert_eq!(p.origin, Origin::Url("https://vexxhost.com/.well-known/openstack/api".into()));
        assert!(p.settings.get("profile").is_none());
        assert_eq!(p.settings.get("regions").unwrap().as_sequence().unwrap().len(), 1);
        let e = find("https://vexxhost.com", "c", &CloudsFile::default(), &Offline, &mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("could not be read"), "{e}");
    }

    #[test]
    fn well_known_urls() {
        assert_eq!(
            well_known("https://x.example/path").as_deref(),
            Some("https://x.example/.well-known/openstack/api")
        );
        assert_eq!(
            well_known("http://127.0.0.2:8080").as_deref(),
            Some("http://127.0.0.2:8080/.well-known/openstack/api")
        );
        assert_eq!(well_known("vexxhost"), None);
    }
}
