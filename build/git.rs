//! The git commit berth is built from, for `berth --version -v`. Shared by build.rs and its test.
//!
//! Only a checkout of berth itself counts: the directory must be the top of its git work tree, so a tarball
//! unpacked inside some other repository (a distribution's packaging repo, a monorepo) names no commit of that
//! other repository. Without git, or without a checkout, there is no commit.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// `dir` is the top of a git work tree.
fn is_checkout(dir: &Path) -> bool {
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map(PathBuf::from);
    match (top.and_then(|t| t.canonicalize().ok()), dir.canonicalize().ok()) {
        (Some(top), Some(dir)) => top == dir,
        _ => false,
    }
}

/// The full commit hash of HEAD in `dir`, when `dir` is a git checkout of its own.
pub fn commit(dir: &Path) -> Option<String> {
    if !is_checkout(dir) {
        return None;
    }
    git(dir, &["rev-parse", "HEAD"])
}

/// The files whose change means another commit: HEAD, the branch's ref and packed-refs (in a worktree, HEAD is
/// the worktree's own and the refs are the common directory's).
pub fn watched(dir: &Path) -> Vec<PathBuf> {
    if !is_checkout(dir) {
        return Vec::new();
    }
    let abs = |p: String| {
        let p = PathBuf::from(p);
        if p.is_absolute() { p } else { dir.join(p) }
    };
    let mut files = Vec::new();
    if let Some(git_dir) = git(dir, &["rev-parse", "--git-dir"]).map(abs) {
        files.push(git_dir.join("HEAD"));
    }
    if let Some(common) = git(dir, &["rev-parse", "--git-common-dir"]).map(abs) {
        files.push(common.join("packed-refs"));
        if let Some(branch) =
            git(dir, &["rev-parse", "--symbolic-full-name", "HEAD"]).filter(|r| r.starts_with("refs/"))
        {
            files.push(common.join(branch));
        }
    }
    files.into_iter().filter(|f| f.exists()).collect()
}
