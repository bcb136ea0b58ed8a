//! `berth --version` (`berth 0.1.0`), and with `-v` the build a bug report needs: git commit, target, enabled
//! features, profile and compiler (from build.rs).

use crate::app::Ctx;

const UNKNOWN_COMMIT: &str = "unknown (not built from a git checkout; packagers set BERTH_BUILD_COMMIT)";

/// The text `--version` prints, one `key: value` line per fact after the first with `verbose`.
pub fn text(verbose: bool) -> String {
    let mut s = format!("berth {}\n", env!("CARGO_PKG_VERSION"));
    if verbose {
        let or = |v: &'static str, none: &'static str| if v.is_empty() { none } else { v };
        for (key, value) in [
            ("commit", or(env!("BERTH_BUILD_COMMIT"), UNKNOWN_COMMIT)),
            ("target", env!("BERTH_BUILD_TARGET")),
            ("features", or(env!("BERTH_BUILD_FEATURES"), "none")),
            ("profile", env!("BERTH_BUILD_PROFILE")),
            ("rustc", or(env!("BERTH_BUILD_RUSTC"), "unknown")),
            ("tls", "rustls (ring)"),
        ] {
            s.push_str(&format!("{key}: {value}\n"));
        }
    }
    s
}

pub fn run(ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let verbose = ctx.settings.output.verbose > 0;
    ctx.out.raw(text(verbose).as_bytes())
}
