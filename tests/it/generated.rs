//! `completions/` and `man/` are generated from the clap definition and committed, so that packagers and users
//! get them without building. This test fails when they are stale; `BERTH_REGENERATE=1` rewrites them.

use std::path::{Path, PathBuf};

use clap_complete::Shell;

const REGENERATE: &str = "BERTH_REGENERATE=1 cargo test --test it generated";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn completion(shell: Shell) -> Vec<u8> {
    berth::completion::script(shell).unwrap()
}

/// One man page per command: berth.1, berth-completions.1, ...
fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, prefix: &str, pages: &mut Vec<(String, Vec<u8>)>) {
        let name = if prefix.is_empty() { cmd.get_name().to_string() } else { format!("{prefix}-{}", cmd.get_name()) };
        let mut buf = Vec::new();
        clap_mangen::Man::new(cmd.clone().name(&*name.clone().leak())).render(&mut buf).unwrap();
        pages.push((format!("{name}.1"), buf));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            walk(sub, &name, pages);
        }
    }
    let mut cmd = berth::cli::command();
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, "", &mut pages);
    pages
}

fn expected() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = vec![
        (root().join("completions/berth.bash"), completion(Shell::Bash)),
        (root().join("completions/_berth"), completion(Shell::Zsh)),
        (root().join("completions/berth.fish"), completion(Shell::Fish)),
    ];
    files.extend(man_pages().into_iter().map(|(name, page)| (root().join("man").join(name), page)));
    files
}

fn check_dir_has_only(dir: &Path, wanted: &[PathBuf]) -> Vec<String> {
    let mut stray = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if !wanted.contains(&e.path()) {
                stray.push(e.path().display().to_string());
            }
        }
    }
    stray
}

#[test]
fn committed_completions_and_man_pages_are_current() {
    let files = expected();
    if std::env::var_os("BERTH_REGENERATE").is_some() {
        for dir in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root().join(dir));
            std::fs::create_dir_all(root().join(dir)).unwrap();
        }
        for (path, content) in &files {
            std::fs::write(path, content).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (path, content) in &files {
        match std::fs::read(path) {
            Ok(have) if have == *content => {}
            Ok(_) => stale.push(format!("{} differs", path.display())),
            Err(e) => stale.push(format!("{} is missing ({e})", path.display())),
        }
    }
    let wanted: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    for dir in ["completions", "man"] {
        stale.extend(
            check_dir_has_only(&root().join(dir), &wanted).into_iter().map(|p| format!("{p} is no longer generated")),
        );
    }
    assert!(stale.is_empty(), "generated files are stale:\n  {}\nregenerate with: {REGENERATE}", stale.join("\n  "));
}
