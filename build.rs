//! Build facts for `berth --version -v` (a bug report's first lines): the git commit, the target, the enabled
//! features, the profile and the compiler. From a tarball there is no commit unless the packager names it with
//! `BERTH_BUILD_COMMIT`.

#[path = "build/git.rs"]
mod git;

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-env-changed=BERTH_BUILD_COMMIT");
    // Rerun when the commit changes (HEAD, the branch); with no git, only when this script does.
    println!("cargo:rerun-if-changed=build.rs");
    for f in git::watched(&dir) {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let commit = std::env::var("BERTH_BUILD_COMMIT").ok().filter(|c| !c.is_empty()).or_else(|| git::commit(&dir));
    println!("cargo:rustc-env=BERTH_BUILD_COMMIT={}", commit.unwrap_or_default());
    println!("cargo:rustc-env=BERTH_BUILD_TARGET={}", std::env::var("TARGET").unwrap_or_default());
    println!("cargo:rustc-env=BERTH_BUILD_PROFILE={}", std::env::var("PROFILE").unwrap_or_default());
    let mut features: Vec<String> = std::env::vars()
        .filter_map(|(k, _)| k.strip_prefix("CARGO_FEATURE_").map(|f| f.to_lowercase().replace('_', "-")))
        .collect();
    features.sort();
    println!("cargo:rustc-env=BERTH_BUILD_FEATURES={}", features.join(","));
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .unwrap_or_default();
    println!("cargo:rustc-env=BERTH_BUILD_RUSTC={}", version.trim());
}
