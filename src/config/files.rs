//! Finding and reading clouds.yaml, secure.yaml and clouds-public.yaml the way openstacksdk does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_yaml_ng::{Mapping, Value};

use crate::error::Failure;

/// Where openstacksdk looks, in order; the first file that exists is used: `env_var` (none for clouds-public),
/// then the current directory, the user's config directory (`$XDG_CONFIG_HOME/openstack`, `~/.config/openstack`)
/// and `/etc/openstack`, each with `.yaml`, `.yml` and `.json`.
pub fn search_path(kind: &str, env_var: Option<&str>) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(p) = env_var.and_then(std::env::var_os).filter(|p| !p.is_empty()) {
        paths.push(PathBuf::from(p));
    }
    let names = [format!("{kind}.yaml"), format!("{kind}.yml"), format!("{kind}.json")];
    let mut dirs = vec![PathBuf::new()];
    dirs.extend(dirs::config_dir().map(|d| d.join("openstack")));
    dirs.extend(dirs::home_dir().map(|h| h.join(".config/openstack")));
    dirs.push(PathBuf::from("/etc/openstack"));
    dirs.dedup();
    for dir in &dirs {
        for n in &names {
            paths.push(if dir.as_os_str().is_empty() { PathBuf::from(n) } else { dir.join(n) });
        }
    }
    paths
}

/// The clouds of one file: name -> settings mapping.
#[derive(Debug, Default)]
pub struct CloudsFile {
    pub path: Option<PathBuf>,
    pub clouds: BTreeMap<String, Mapping>,
}

/// Load the first existing file of `paths`. A file that exists but cannot be read or parsed is an error that
/// names the file and, for YAML errors, the line.
pub fn load_first(paths: &[PathBuf]) -> anyhow::Result<CloudsFile> {
    load_first_key(paths, "clouds")
}

/// [`load_first`] of a file whose clouds are under `key` (clouds-public.yaml: `public-clouds`).
pub fn load_first_key(paths: &[PathBuf], key: &str) -> anyhow::Result<CloudsFile> {
    for path in paths {
        if !path.exists() {
            continue;
        }
        let text = std::fs::read_to_string(path)
            .with_context(|| Failure::usage(format!("cannot read `{}`", path.display())))?;
        return parse_key(path, &text, key);
    }
    Ok(CloudsFile::default())
}

pub fn parse(path: &Path, text: &str) -> anyhow::Result<CloudsFile> {
    parse_key(path, text, "clouds")
}

/// The clouds under `key` of a file's text (JSON is YAML too).
pub fn parse_key(path: &Path, text: &str, key: &str) -> anyhow::Result<CloudsFile> {
    let doc: Value = serde_yaml_ng::from_str(text).map_err(|e| {
        let at = e.location().map(|l| format!(" (line {}, column {})", l.line(), l.column())).unwrap_or_default();
        Failure::usage(format!("`{}` is not valid YAML{at}: {e}", path.display()))
            .hint(format!("fix the YAML in `{}`; `python3 -c 'import yaml,sys; yaml.safe_load(open(sys.argv[1]))' FILE` shows the same error", path.display()))
    })?;
    let mut file = CloudsFile { path: Some(path.to_path_buf()), clouds: BTreeMap::new() };
    let clouds = match doc.get(key) {
        None | Some(Value::Null) => return Ok(file),
        Some(Value::Mapping(m)) => m,
        Some(_) => {
            return Err(
                Failure::usage(format!("`{key}` in `{}` is not a mapping of cloud names", path.display())).into()
            );
        }
    };
    for (name, settings) in clouds {
        let name = yaml_scalar(name).unwrap_or_default();
        match settings {
            Value::Mapping(m) => {
                file.clouds.insert(name, m.clone());
            }
            Value::Null => {
                file.clouds.insert(name, Mapping::new());
            }
            _ => {
                return Err(Failure::usage(format!(
                    "cloud `{name}` in `{}` is not a mapping of settings",
                    path.display()
                ))
                .into());
            }
        }
    }
    Ok(file)
}

/// A YAML scalar as the string openstacksdk would see (numbers and booleans as written).
pub fn yaml_scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Deep-merge `over` into `base` (secure.yaml over clouds.yaml).
pub fn merge(base: &mut Mapping, over: &Mapping) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Mapping(b)), Value::Mapping(o)) => merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_clouds_and_keeps_names() {
        let f = parse(Path::new("c.yaml"), "clouds:\n  a:\n    auth:\n      auth_url: http://x\n  b: {}\n").unwrap();
        assert_eq!(f.clouds.keys().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn yaml_errors_name_file_and_line() {
        let e = parse(Path::new("/tmp/c.yaml"), "clouds:\n  a:\n    auth: [\n      x: y\n").unwrap_err();
        let f = e.downcast_ref::<Failure>().unwrap();
        assert!(f.message.starts_with("`/tmp/c.yaml` is not valid YAML (line "), "{}", f.message);
        assert_eq!(crate::error::exit_code(&e), crate::error::ExitCode::Usage);
    }

    #[test]
    fn clouds_must_be_a_mapping() {
        let e = parse(Path::new("c.yaml"), "clouds: [a, b]\n").unwrap_err();
        assert!(e.to_string().contains("not a mapping"));
    }

    #[test]
    fn secure_yaml_merges_deeply() {
        let mut base: Mapping = serde_yaml_ng::from_str("auth: {auth_url: u, username: n}\nregion_name: R").unwrap();
        let over: Mapping = serde_yaml_ng::from_str("auth: {password: p}").unwrap();
        merge(&mut base, &over);
        let auth = base.get("auth").unwrap();
        assert_eq!(auth.get("username").unwrap().as_str(), Some("n"));
        assert_eq!(auth.get("password").unwrap().as_str(), Some("p"));
        assert_eq!(base.get("region_name").unwrap().as_str(), Some("R"));
    }

    #[test]
    fn env_file_comes_first_in_the_search_path() {
        // The variable is read at call time; use one no other test sets.
        let p = search_path("clouds", Some("BERTH_TEST_NO_SUCH_VARIABLE"));
        assert_eq!(p[0], PathBuf::from("clouds.yaml"));
        assert_eq!(p[2], PathBuf::from("clouds.json"));
        assert_eq!(p.last().unwrap(), Path::new("/etc/openstack/clouds.json"));
        let public = search_path("clouds-public", None);
        assert!(public.contains(&PathBuf::from("/etc/openstack/clouds-public.yaml")));
    }
}

/// Property tests of clouds.yaml and secure.yaml: any text, and any YAML of clouds and their settings, is read or
/// refused as a usage error naming the file, never a panic; merging any two settings mappings never panics, and what
/// the second says wins.
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    const KEYS: &[&str] =
        &["clouds", "mycloud", "auth", "auth_url", "username", "password", "region_name", "verify", "1", ""];

    fn yaml() -> impl Strategy<Value = serde_yaml_ng::Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| Value::Number(n.into())),
            any::<f64>().prop_map(|f| Value::Number(f.into())),
            ".{0,10}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Sequence),
                prop::collection::vec((prop::sample::select(KEYS), inner), 0..5).prop_map(|kv| {
                    Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k.into()), v)).collect())
                }),
            ]
        })
    }

    fn check(text: &str) -> Result<(), TestCaseError> {
        match parse(Path::new("/x/clouds.yaml"), text) {
            Ok(file) => prop_assert_eq!(file.path.as_deref(), Some(Path::new("/x/clouds.yaml"))),
            Err(e) => {
                prop_assert_eq!(crate::error::exit_code(&e), crate::error::ExitCode::Usage);
                prop_assert!(e.to_string().contains("`/x/clouds.yaml`"), "{}", e);
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused(text in ".{0,200}") {
            check(&text)?;
        }

        #[test]
        fn yaml_of_clouds_is_read_or_refused(clouds in yaml(), other in yaml()) {
            let mut doc = Mapping::new();
            doc.insert("clouds".into(), clouds);
            doc.insert("other".into(), other);
            check(&serde_yaml_ng::to_string(&doc).unwrap())?;
        }

        #[test]
        fn merging_settings_never_panics_and_the_second_wins(base in yaml(), over in yaml()) {
            let (Value::Mapping(mut base), Value::Mapping(over)) = (base, over) else { return Ok(()) };
            merge(&mut base, &over);
            for (k, v) in &over {
                if !v.is_mapping() {
                    prop_assert_eq!(base.get(k), Some(v));
                }
            }
        }
    }
}
