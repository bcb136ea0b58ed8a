//! `berth config show`: every resolved setting with its source (flag, env, file, public file or profile, default),
//! secrets masked.

use serde_json::json;

use crate::app::Ctx;
use crate::cli::ConfigCommand;
use crate::config;
use crate::output::List;

pub const COLUMNS: &[&str] = &["key", "value", "source"];

pub fn run(cmd: ConfigCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let ConfigCommand::Show = cmd;
    let cfg = ctx.config()?;
    let mut list = List::new(COLUMNS);
    if let Some(c) = &cfg.cloud {
        list.row(vec![json!("cloud"), json!(c.value), json!(c.source.to_string())]);
    }
    // Known keys first, in their documented order, then whatever else the files set.
    let known = config::KEYS.iter().map(|k| k.name);
    let others = cfg.values.keys().map(String::as_str).filter(|k| config::key(k).is_none());
    for key in known.chain(others) {
        if let Some(s) = cfg.setting(key) {
            let value = if config::is_secret(key) { "<masked>".to_string() } else { s.value.clone() };
            list.row(vec![json!(key), json!(value), json!(s.source.to_string())]);
        }
    }
    let files =
        [("clouds_file", &cfg.clouds_file), ("secure_file", &cfg.secure_file), ("public_file", &cfg.public_file)];
    for (label, file) in files {
        if let Some(f) = file {
            list.row(vec![json!(label), json!(f.path.display().to_string()), json!(f.source.clone())]);
        }
    }
    ctx.out.list(&list)
}
