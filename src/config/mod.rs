//! One resolved cloud configuration from flags, `OS_*` variables, clouds.yaml and secure.yaml, with the source of
//! every value. Precedence: flag > environment > secure.yaml > clouds.yaml > default, as python-openstackclient
//! (whose `--os-*` options default to the `OS_*` variables) applies it on top of openstacksdk's files.

pub mod files;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde_yaml_ng::{Mapping, Value};

use crate::error::Failure;

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

/// A value berth never shows: a secret it knows, or one whose name says it is one.
pub fn is_secret(key: &str) -> bool {
    self::key(key).is_some_and(|k| k.secret)
        || ["password", "secret", "token", "passcode"].iter().any(|s| key.contains(s))
}

/// A setting berth knows: its canonical name (the clouds.yaml key), whether it sits under `auth:` in
/// clouds.yaml, its `OS_*` variable, and whether it is a secret (masked in `config show`, never logged).
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub in_auth: bool,
    pub env: &'static str,
    pub secret: bool,
}

const fn auth(name: &'static str, env: &'static str, secret: bool) -> Key {
    Key { name, in_auth: true, env, secret }
}
const fn top(name: &'static str, env: &'static str) -> Key {
    Key { name, in_auth: false, env, secret: false }
}

pub const KEYS: &[Key] = &[
    auth("auth_url", "OS_AUTH_URL", false),
    top("auth_type", "OS_AUTH_TYPE"),
    auth("username", "OS_USERNAME", false),
    auth("user_id", "OS_USER_ID", false),
    auth("password", "OS_PASSWORD", true),
    auth("user_domain_name", "OS_USER_DOMAIN_NAME", false),
    auth("user_domain_id", "OS_USER_DOMAIN_ID", false),
    auth("project_name", "OS_PROJECT_NAME", false),
    auth("project_id", "OS_PROJECT_ID", false),
    auth("project_domain_name", "OS_PROJECT_DOMAIN_NAME", false),
    auth("project_domain_id", "OS_PROJECT_DOMAIN_ID", false),
    auth("domain_name", "OS_DOMAIN_NAME", false),
    auth("domain_id", "OS_DOMAIN_ID", false),
    auth("application_credential_id", "OS_APPLICATION_CREDENTIAL_ID", false),
    auth("application_credential_name", "OS_APPLICATION_CREDENTIAL_NAME", false),
    auth("application_credential_secret", "OS_APPLICATION_CREDENTIAL_SECRET", true),
    auth("token", "OS_TOKEN", true),
    top("region_name", "OS_REGION_NAME"),
    top("interface", "OS_INTERFACE"),
    top("cacert", "OS_CACERT"),
    top("cert", "OS_CERT"),
    top("key", "OS_KEY"),
    top("insecure", "OS_INSECURE"),
];

pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Flag(String),
    Env(&'static str),
    File(PathBuf),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::File(path) => write!(f, "file {}", path.display()),
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
    /// The clouds.yaml and secure.yaml read, each with where berth found it.
    pub clouds_file: Option<FileSource>,
    pub secure_file: Option<FileSource>,
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

/// Resolve the configuration from flags, the process environment and the clouds.yaml/secure.yaml on disk.
pub fn resolve(args: &Flags) -> anyhow::Result<CloudConfig> {
    let env = ProcessEnv;
    let clouds = files::load_first(&files::search_path("clouds", "OS_CLIENT_CONFIG_FILE"))?;
    let secure = files::load_first(&files::search_path("secure", "OS_CLIENT_SECURE_FILE"))?;
    resolve_with(args, &env, &clouds, &secure)
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
    let clouds = files::load_first(&files::search_path("clouds", "OS_CLIENT_CONFIG_FILE"))?;
    let secure = files::load_first(&files::search_path("secure", "OS_CLIENT_SECURE_FILE"))?;
    resolve_with(&Flags { cloud: Some(cloud.to_string()), settings: vec![] }, &FilesOnly, &clouds, &secure)
}

pub fn resolve_with(
    args: &Flags,
    env: &dyn Env,
    clouds: &files::CloudsFile,
    secure: &files::CloudsFile,
) -> anyhow::Result<CloudConfig> {
    let mut cfg = CloudConfig::default();
    let found = |file: &files::CloudsFile, var: &'static str| {
        file.path.clone().map(|path| {
            let from_env = env.var(var).is_some_and(|v| path == std::path::Path::new(&v));
            FileSource { path, source: if from_env { format!("env {var}") } else { "search path".to_string() } }
        })
    };
    cfg.clouds_file = found(clouds, "OS_CLIENT_CONFIG_FILE");
    cfg.secure_file = found(secure, "OS_CLIENT_SECURE_FILE");

    cfg.cloud = match (&args.cloud, env.var("OS_CLOUD")) {
        (Some(name), _) => Some(Setting { value: name.clone(), source: Source::Flag("--os-cloud".into()) }),
        (None, Some(name)) => Some(Setting { value: name, source: Source::Env("OS_CLOUD") }),
        (None, None) => None,
    };

    // Lowest first: clouds.yaml, then secure.yaml, then env, then flags; each later layer overwrites.
    if let Some(cloud) = &cfg.cloud {
        let name = &cloud.value;
        let in_clouds = clouds.clouds.get(name);
        let in_secure = secure.clouds.get(name);
        if in_clouds.is_none() && in_secure.is_none() {
            return Err(unknown_cloud(name, clouds, secure).into());
        }
        for (file, settings) in [(clouds, in_clouds), (secure, in_secure)] {
            if let (Some(path), Some(settings)) = (&file.path, settings) {
                apply_file(&mut cfg, path, settings)?;
            }
        }
    }
    for k in KEYS {
        if let Some(v) = env.var(k.env) {
            cfg.values.insert(k.name.into(), Setting { value: v, source: Source::Env(k.env) });
        }
    }
    for (name, flag, value) in &args.settings {
        cfg.values.insert((*name).into(), Setting { value: value.clone(), source: Source::Flag((*flag).into()) });
    }
    if !cfg.values.contains_key("interface") {
        cfg.values.insert("interface".into(), Setting { value: "public".into(), source: Source::Default });
    }
    Ok(cfg)
}

fn unknown_cloud(name: &str, clouds: &files::CloudsFile, secure: &files::CloudsFile) -> Failure {
    match &clouds.path {
        None => Failure::usage(format!("cloud `{name}` was asked for, but no clouds.yaml was found")).hint(format!(
            "put it in `~/.config/openstack/clouds.yaml` or point `OS_CLIENT_CONFIG_FILE` at it (searched: {})",
            files::search_path("clouds", "OS_CLIENT_CONFIG_FILE")
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

/// Copy one cloud's settings from a file into `cfg`: `auth:` keys, top-level keys, and the per-service
/// `*_endpoint_override` / `*_api_version` keys. `verify: false` is stored as `insecure: true`.
fn apply_file(cfg: &mut CloudConfig, path: &std::path::Path, settings: &Mapping) -> anyhow::Result<()> {
    let src = || Source::File(path.to_path_buf());
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
                return Err(Failure::usage(format!(
                    "`auth` of {} in `{}` is not a mapping",
                    cfg.describe(),
                    path.display()
                ))
                .into());
            }
            ("verify", v) => {
                if let Some(v) = files::yaml_scalar(v) {
                    cfg.values.insert("insecure".into(), Setting { value: (!truthy(&v)).to_string(), source: src() });
                }
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
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::Path;

    struct FakeEnv(HashMap<&'static str, &'static str>);
    impl Env for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|v| v.to_string())
        }
    }

    fn env(pairs: &[(&'static str, &'static str)]) -> FakeEnv {
        FakeEnv(pairs.iter().copied().collect())
    }

    fn file(path: &str, text: &str) -> files::CloudsFile {
        files::parse(Path::new(path), text).unwrap()
    }

    const CLOUDS: &str = "clouds:\n  dev:\n    auth:\n      auth_url: http://k:5000/v3\n      username: alice\n      \
        project_name: demo\n    region_name: RegionOne\n    verify: false\n    image_endpoint_override: http://g:9292\n";

    #[test]
    fn precedence_is_flag_env_secure_clouds() {
        let clouds = file("/c/clouds.yaml", CLOUDS);
        let secure =
            file("/c/secure.yaml", "clouds:\n  dev:\n    auth:\n      password: from-secure\n      username: bob\n");
        let args =
            Flags { cloud: Some("dev".into()), settings: vec![("region_name", "--os-region-name", "R2".into())] };
        let e = env(&[("OS_USERNAME", "carol"), ("OS_REGION_NAME", "R-env")]);
        let cfg = resolve_with(&args, &e, &clouds, &secure).unwrap();
        assert_eq!(cfg.setting("auth_url").unwrap().source, Source::File("/c/clouds.yaml".into()));
        assert_eq!(cfg.setting("password").unwrap().source, Source::File("/c/secure.yaml".into()));
        assert_eq!(
            cfg.setting("username").unwrap(),
            &Setting { value: "carol".into(), source: Source::Env("OS_USERNAME") }
        );
        assert_eq!(
            cfg.setting("region_name").unwrap(),
            &Setting { value: "R2".into(), source: Source::Flag("--os-region-name".into()) }
        );
        assert_eq!(cfg.cloud.as_ref().unwrap().source, Source::Flag("--os-cloud".into()));
        assert!(!cfg.verify_tls());
        assert_eq!(cfg.endpoint_override("image"), Some("http://g:9292"));
        assert_eq!(cfg.setting("interface").unwrap().source, Source::Default);
    }

    #[test]
    fn os_cloud_from_env() {
        let clouds = file("/c/clouds.yaml", CLOUDS);
        let cfg = resolve_with(&Flags::default(), &env(&[("OS_CLOUD", "dev")]), &clouds, &Default::default()).unwrap();
        assert_eq!(cfg.cloud.as_ref().unwrap().source, Source::Env("OS_CLOUD"));
        assert_eq!(cfg.get("username"), Some("alice"));
    }

    #[test]
    fn env_alone_without_a_cloud() {
        let e = env(&[("OS_AUTH_URL", "http://k/v3"), ("OS_INSECURE", "true")]);
        let cfg = resolve_with(&Flags::default(), &e, &Default::default(), &Default::default()).unwrap();
        assert!(cfg.cloud.is_none());
        assert_eq!(cfg.get("auth_url"), Some("http://k/v3"));
        assert!(!cfg.verify_tls());
    }

    #[test]
    fn unknown_cloud_lists_the_known_ones() {
        let clouds = file("/c/clouds.yaml", CLOUDS);
        let args = Flags { cloud: Some("prod".into()), ..Default::default() };
        let e = resolve_with(&args, &env(&[]), &clouds, &Default::default()).unwrap_err();
        let f = e.downcast_ref::<Failure>().unwrap();
        assert_eq!(f.message, "cloud `prod` is not in `/c/clouds.yaml`");
        assert_eq!(f.hint.as_deref(), Some("known clouds: `dev`; choose one with `--os-cloud` or `OS_CLOUD`"));
    }

    #[test]
    fn unknown_cloud_without_any_file() {
        let args = Flags { cloud: Some("prod".into()), ..Default::default() };
        let e = resolve_with(&args, &env(&[]), &Default::default(), &Default::default()).unwrap_err();
        assert!(e.to_string().contains("no clouds.yaml was found"));
    }

    #[test]
    fn debug_output_masks_secrets() {
        let clouds = file("/c/clouds.yaml", CLOUDS);
        let secure = file("/c/secure.yaml", "clouds:\n  dev:\n    auth:\n      password: hunter2-from-secure\n");
        let args = Flags {
            cloud: Some("dev".into()),
            settings: vec![(
                "application_credential_secret",
                "--os-application-credential-secret",
                "s3cr3t-flag".into(),
            )],
        };
        let cfg = resolve_with(&args, &env(&[("OS_TOKEN", "gAAAA-env-token")]), &clouds, &secure).unwrap();
        let shown = format!("{cfg:?} {args:?}");
        for secret in ["hunter2-from-secure", "s3cr3t-flag", "gAAAA-env-token"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("alice"), "non-secrets still show: {shown}");
    }

    #[test]
    fn every_key_has_an_os_variable() {
        for k in KEYS {
            assert!(k.env.starts_with("OS_") && k.env == format!("OS_{}", k.name.to_uppercase()), "{k:?}");
        }
    }
}
