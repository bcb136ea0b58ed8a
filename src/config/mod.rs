//! One resolved cloud configuration from flags, `OS_*` variables, clouds.yaml, secure.yaml and the cloud's vendor
//! profile, with the source of every value. Precedence: flag > environment > secure.yaml > clouds.yaml > profile
//! (clouds-public.yaml, openstacksdk's built-in vendor profiles, or one a server publishes) > default, as
//! python-openstackclient (whose `--os-*` options default to the `OS_*` variables) applies it on top of
//! openstacksdk's files.

pub mod files;
mod keys;
pub mod profile;
mod remote;
mod vendors;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde_yaml_ng::{Mapping, Value};

use crate::error::Failure;
pub use keys::{KEYS, Key, is_secret, key};
pub use profile::{Offline, Origin, Remote};
pub use remote::Web;

/// What the command line says about the cloud, as plain values: `--os-cloud`, and each `--os-*` flag given as
/// (config key, flag, value).
#[derive(Clone, Default)]
pub struct Flags {
    pub cloud: Option<String>,
    pub settings: Vec<(&'static str, &'static str, String)>,
}

/// Secrets masked, as everywhere berth shows settings.
impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings: Vec<(&str, &str, &str)> = self
            .settings
            .iter()
            .map(|(k, flag, v)| (*k, *flag, if is_secret(k) { "<masked>" } else { v.as_str() }))
            .collect();
        f.debug_struct("Flags").field("cloud", &self.cloud).field("settings", &settings).finish()
    }
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Flag(String),
    Env(&'static str),
    File(PathBuf),
    /// The cloud's vendor profile, by name.
    Profile(String, Origin),
    /// The first of the cloud's `regions` (from where the list came).
    FirstRegion(Box<Source>),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::File(path) => write!(f, "file {}", path.display()),
            Source::Profile(name, Origin::PublicFile(path)) => {
                write!(f, "public file {} (profile {name})", path.display())
            }
            Source::Profile(name, Origin::BuiltIn) => write!(f, "profile {name} (built in, openstacksdk's)"),
            Source::Profile(name, Origin::Url(url)) => write!(f, "profile {name} ({url})"),
            Source::FirstRegion(from) => write!(f, "first of `regions` ({from})"),
            Source::Default => f.write_str("default"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub value: String,
    pub source: Source,
}

/// The resolved configuration of one cloud.
#[derive(Clone, Default)]
pub struct CloudConfig {
    /// The cloud named by `--os-cloud`/`OS_CLOUD`, if any, and where that name came from.
    pub cloud: Option<Setting>,
    pub values: BTreeMap<String, Setting>,
    /// The clouds.yaml, secure.yaml and clouds-public.yaml read, each with where berth found it.
    pub clouds_file: Option<FileSource>,
    pub secure_file: Option<FileSource>,
    pub public_file: Option<FileSource>,
    /// What resolving found worth a warning (an unknown or deprecated profile), for the caller to show.
    pub warnings: Vec<String>,
}

/// A configuration file read, and how berth came to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSource {
    pub path: PathBuf,
    /// `env OS_CLIENT_CONFIG_FILE` (or `..._SECURE_FILE`), else `search path`.
    pub source: String,
}

/// Secrets masked, as everywhere berth shows settings.
impl fmt::Debug for CloudConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values: BTreeMap<&str, (&str, String)> = self
            .values
            .iter()
            .map(|(k, s)| {
                (k.as_str(), (if is_secret(k) { "<masked>" } else { s.value.as_str() }, s.source.to_string()))
            })
            .collect();
        f.debug_struct("CloudConfig")
            .field("cloud", &self.cloud)
            .field("values", &values)
            .field("clouds_file", &self.clouds_file)
            .field("secure_file", &self.secure_file)
            .field("public_file", &self.public_file)
            .finish()
    }
}

impl CloudConfig {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(|s| s.value.as_str())
    }

    pub fn setting(&self, key: &str) -> Option<&Setting> {
        self.values.get(key)
    }

    /// True unless `insecure`/`verify: false` asked to skip TLS verification.
    pub fn verify_tls(&self) -> bool {
        !self.get("insecure").is_some_and(truthy)
    }

    /// `<service>_endpoint_override` for a service type, e.g. `image_endpoint_override`.
    pub fn endpoint_override(&self, service_type: &str) -> Option<&str> {
        self.get(&format!("{}_endpoint_override", service_type.replace('-', "_")))
    }

    /// `<service>_api_version`, e.g. `compute_api_version: 2.79`.
    pub fn api_version(&self, service_type: &str) -> Option<&str> {
        self.get(&format!("{}_api_version", service_type.replace('-', "_")))
    }

    /// A short name for messages: the cloud's name, or "the `OS_*` environment".
    pub fn describe(&self) -> String {
        match &self.cloud {
            Some(c) => format!("cloud `{}`", c.value),
            None => "the `OS_*` settings".to_string(),
        }
    }
}

pub fn truthy(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
}

/// What the environment looks like, passed in so resolution is testable without touching the process env.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
}

pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

/// The configuration files as found: clouds.yaml, secure.yaml, clouds-public.yaml.
#[derive(Debug, Default)]
pub struct Files {
    pub clouds: files::CloudsFile,
    pub secure: files::CloudsFile,
    pub public: files::CloudsFile,
}

impl Files {
    /// The files on openstacksdk's search paths (`OS_CLIENT_CONFIG_FILE`, `OS_CLIENT_SECURE_FILE` first).
    pub fn load() -> anyhow::Result<Files> {
        Ok(Files {
            clouds: files::load_first(&files::search_path("clouds", Some("OS_CLIENT_CONFIG_FILE")))?,
            secure: files::load_first(&files::search_path("secure", Some("OS_CLIENT_SECURE_FILE")))?,
            public: files::load_first_key(&files::search_path("clouds-public", None), "public-clouds")?,
        })
    }

    /// The names of the clouds of clouds.yaml and secure.yaml, sorted.
    pub fn cloud_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.clouds.clouds.keys().chain(self.secure.clouds.keys()).cloned().collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Resolve the configuration from flags, the process environment and the files on disk; a profile a server
/// publishes is read with `remote`.
pub fn resolve(args: &Flags, remote: &dyn Remote) -> anyhow::Result<CloudConfig> {
    resolve_with(args, &ProcessEnv, &Files::load()?, remote)
}

/// Another cloud of clouds.yaml (`image sync --to CLOUD`): its files' settings alone. The `OS_*` variables and
/// `--os-*` flags are the current cloud's: applied to another one they could send its password to another Keystone.
pub fn resolve_named(cloud: &str) -> anyhow::Result<CloudConfig> {
    struct FilesOnly;
    impl Env for FilesOnly {
        fn var(&self, name: &str) -> Option<String> {
            ["OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE"].contains(&name).then(|| ProcessEnv.var(name)).flatten()
        }
    }
    let args = Flags { cloud: Some(cloud.to_string()), settings: vec![] };
    resolve_with(&args, &FilesOnly, &Files::load()?, &Web { net: crate::net::Options::default() })
}

pub fn resolve_with(args: &Flags, env: &dyn Env, files: &Files, remote: &dyn Remote) -> anyhow::Result<CloudConfig> {
    let mut cfg = CloudConfig::default();
    let found = |file: &files::CloudsFile, var: Option<&'static str>| {
        file.path.clone().map(|path| {
            let from_env = var.and_then(|v| env.var(v)).is_some_and(|v| path == std::path::Path::new(&v));
            let source = match var {
                Some(var) if from_env => format!("env {var}"),
                _ => "search path".to_string(),
            };
            FileSource { path, source }
        })
    };
    cfg.clouds_file = found(&files.clouds, Some("OS_CLIENT_CONFIG_FILE"));
    cfg.secure_file = found(&files.secure, Some("OS_CLIENT_SECURE_FILE"));
    cfg.public_file = found(&files.public, None);

    cfg.cloud = match (&args.cloud, env.var("OS_CLOUD")) {
        (Some(name), _) => Some(Setting { value: name.clone(), source: Source::Flag("--os-cloud".into()) }),
        (None, Some(name)) => Some(Setting { value: name, source: Source::Env("OS_CLOUD") }),
        (None, None) => None,
    };

    // Lowest first: the profile, clouds.yaml, secure.yaml, then env, then flags; each later layer overwrites.
    if let Some(cloud) = cfg.cloud.clone() {
        apply_cloud(&mut cfg, &cloud.value, files, remote)?;
    }
    for k in KEYS {
        if let Some(v) = env.var(k.env) {
            cfg.values.insert(k.name.into(), Setting { value: v, source: Source::Env(k.env) });
        }
    }
    for (name, flag, value) in &args.settings {
        cfg.values.insert((*name).into(), Setting { value: value.clone(), source: Source::Flag((*flag).into()) });
    }
    if !cfg.values.contains_key("region_name")
        && let Some(first) = cfg.values.get("regions").and_then(|r| {
            let name = r.value.split(',').next()?.trim().to_string();
            (!name.is_empty()).then(|| Setting { value: name, source: Source::FirstRegion(Box::new(r.source.clone())) })
        })
    {
        cfg.values.insert("region_name".into(), first);
    }
    if !cfg.values.contains_key("interface") {
        cfg.values.insert("interface".into(), Setting { value: "public".into(), source: Source::Default });
    }
    expand_references(&mut cfg);
    Ok(cfg)
}

/// The cloud's own entries (clouds.yaml, then secure.yaml over it), over its profile if it names one.
fn apply_cloud(cfg: &mut CloudConfig, name: &str, files: &Files, remote: &dyn Remote) -> anyhow::Result<()> {
    let in_clouds = files.clouds.clouds.get(name);
    let in_secure = files.secure.clouds.get(name);
    if in_clouds.is_none() && in_secure.is_none() {
        return Err(unknown_cloud(name, &files.clouds, &files.secure).into());
    }
    // `profile:` (or the older `cloud:`), secure.yaml's over clouds.yaml's.
    let named = |m: Option<&Mapping>, key: &str| m.and_then(|m| m.get(key)).and_then(files::yaml_scalar);
    let profile_name = named(in_secure, "profile")
        .or_else(|| named(in_clouds, "profile"))
        .or_else(|| named(in_secure, "cloud").or_else(|| named(in_clouds, "cloud")));
    if named(in_clouds, "cloud").is_some() || named(in_secure, "cloud").is_some() {
        cfg.warnings.push(format!(
            "cloud `{name}` names its vendor profile with `cloud:`, which openstacksdk deprecated: say `profile:`"
        ));
    }
    if let Some(profile) = profile_name
        && let Some(p) = profile::find(&profile, name, &files.public, remote, &mut cfg.warnings)?
    {
        apply_settings(cfg, &Source::Profile(p.name.clone(), p.origin.clone()), &p.settings)?;
    }
    for (file, settings) in [(&files.clouds, in_clouds), (&files.secure, in_secure)] {
        if let (Some(path), Some(settings)) = (&file.path, settings) {
            apply_settings(cfg, &Source::File(path.clone()), settings)?;
        }
    }
    Ok(())
}

/// `{region_name}` and other `{key}` references in values (openstacksdk formats auth_url and the top-level
/// strings with the resolved settings: citycloud's `https://{region_name}.citycloud.com:5000/v3/`). Unknown
/// references stay as written; secrets are never expanded.
fn expand_references(cfg: &mut CloudConfig) {
    let snapshot: BTreeMap<String, String> =
        cfg.values.iter().filter(|(k, _)| !is_secret(k)).map(|(k, s)| (k.clone(), s.value.clone())).collect();
    for (k, setting) in cfg.values.iter_mut() {
        if is_secret(k) || !setting.value.contains('{') {
            continue;
        }
        for (name, value) in &snapshot {
            if name != k && !value.contains('{') {
                setting.value = setting.value.replace(&format!("{{{name}}}"), value);
            }
        }
    }
}

fn unknown_cloud(name: &str, clouds: &files::CloudsFile, secure: &files::CloudsFile) -> Failure {
    match &clouds.path {
        None => Failure::usage(format!("cloud `{name}` was asked for, but no clouds.yaml was found")).hint(format!(
            "put it in `~/.config/openstack/clouds.yaml` or point `OS_CLIENT_CONFIG_FILE` at it (searched: {})",
            files::search_path("clouds", Some("OS_CLIENT_CONFIG_FILE"))
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Some(path) => {
            let mut known: Vec<&String> = clouds.clouds.keys().chain(secure.clouds.keys()).collect();
            known.sort();
            known.dedup();
            let known = if known.is_empty() {
                "none".to_string()
            } else {
                known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            };
            Failure::usage(format!("cloud `{name}` is not in `{}`", path.display()))
                .hint(format!("known clouds: {known}; choose one with `--os-cloud` or `OS_CLOUD`"))
        }
    }
}

/// Copy one layer of a cloud's settings (a file's entry or a profile) into `cfg`: `auth:` keys, top-level keys,
/// and the per-service `*_endpoint_override` / `*_api_version` keys. `verify: false` is stored as `insecure: true`;
/// `regions` (names, or `{name, values}`) as the names, comma-separated; `profile`/`cloud` are not settings.
fn apply_settings(cfg: &mut CloudConfig, source: &Source, settings: &Mapping) -> anyhow::Result<()> {
    let src = || source.clone();
    for (k, v) in settings {
        let Some(k) = k.as_str() else { continue };
        match (k, v) {
            ("auth", Value::Mapping(auth)) => {
                for (ak, av) in auth {
                    if let (Some(ak), Some(av)) = (ak.as_str(), files::yaml_scalar(av)) {
                        cfg.values.insert(ak.to_string(), Setting { value: av, source: src() });
                    }
                }
            }
            ("auth", _) => {
                return Err(Failure::usage(format!("`auth` of {} in {source} is not a mapping", cfg.describe())).into());
            }
            ("profile" | "cloud", _) => {}
            ("verify", v) => {
                if let Some(v) = files::yaml_scalar(v) {
                    cfg.values.insert("insecure".into(), Setting { value: (!truthy(&v)).to_string(), source: src() });
                }
            }
            ("regions", Value::Sequence(regions)) => {
                let names: Vec<String> = regions
                    .iter()
                    .filter_map(|r| files::yaml_scalar(r).or_else(|| r.get("name").and_then(files::yaml_scalar)))
                    .collect();
                cfg.values.insert("regions".into(), Setting { value: names.join(","), source: src() });
            }
            (k, v) => {
                if let Some(v) = files::yaml_scalar(v) {
                    cfg.values.insert(k.to_string(), Setting { value: v, source: src() });
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
