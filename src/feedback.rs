//! What berth tells the person at the terminal while it works, on stderr: warnings, `-v` logs, progress bars.
//! Decided once from the output settings and cloned into every client and domain that reports; stdout is `output`'s.

use std::fmt;
use std::io::Write;
use std::sync::Arc;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::error::printable;

/// The stderr side channel. Cheap to clone: clones share the bars.
#[derive(Clone)]
pub struct Feedback {
    inner: Arc<Inner>,
}

struct Inner {
    verbose: u8,
    quiet: bool,
    color: bool,
    progress: bool,
    bars: MultiProgress,
}

impl fmt::Debug for Feedback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Feedback").field("verbose", &self.inner.verbose).field("quiet", &self.inner.quiet).finish()
    }
}

impl Feedback {
    /// `verbose`: the `-v` count; `quiet`: warnings off; `color`: escape codes; `progress`: bars drawn (a terminal,
    /// not CI, not `-q`/`-v`).
    pub fn new(verbose: u8, quiet: bool, color: bool, progress: bool) -> Feedback {
        let bars =
            if progress { MultiProgress::new() } else { MultiProgress::with_draw_target(ProgressDrawTarget::hidden()) };
        Feedback { inner: Arc::new(Inner { verbose, quiet, color, progress, bars }) }
    }

    /// Nothing at all on stderr (unit tests, library use).
    pub fn silent() -> Feedback {
        Feedback::new(0, true, false, false)
    }

    pub fn verbose(&self) -> u8 {
        self.inner.verbose
    }

    pub fn color(&self) -> bool {
        self.inner.color
    }

    /// Whether a log of `level` (1 for `-v`, 2 for `-vv`) is shown.
    pub fn logs(&self, level: u8) -> bool {
        self.inner.verbose >= level
    }

    /// `topic: message` on stderr when `-v` was given `level` times or more (control characters escaped).
    pub fn log(&self, level: u8, topic: &str, message: fmt::Arguments<'_>) {
        if self.logs(level) {
            self.line(&format!("{topic}: {}\n", printable(&message.to_string())));
        }
    }

    /// `warning: ...`, then `hint: ...`, unless `-q`.
    pub fn warn(&self, message: &str, hint: Option<&str>) {
        if self.inner.quiet {
            return;
        }
        let (yellow, bold, reset) = if self.inner.color { ("\x1b[1;33m", "\x1b[1m", "\x1b[0m") } else { ("", "", "") };
        let mut text = format!("{yellow}warning{reset}{bold}:{reset} {}\n", printable(message));
        if let Some(h) = hint {
            text.push_str(&format!("{yellow}hint{reset}{bold}:{reset} {}\n", printable(h)));
        }
        self.line(&text);
    }

    /// A line of the command's own on stderr (a prompt, a summary), unless `-q`.
    pub fn say(&self, text: &str) {
        if !self.inner.quiet {
            self.line(text);
        }
    }

    /// A byte-count bar labelled `label` with `len` as its total (it grows when more comes); hidden when bars are off.
    pub fn bar(&self, len: u64, label: &str) -> ProgressBar {
        if !self.inner.progress {
            return ProgressBar::hidden();
        }
        let bar = self.inner.bars.add(ProgressBar::new(len));
        if let Ok(style) =
            ProgressStyle::with_template("{prefix:.bold} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(label.to_string());
        bar
    }

    /// A spinner with a message; hidden when bars are off.
    pub fn spinner(&self) -> ProgressBar {
        if !self.inner.progress {
            return ProgressBar::hidden();
        }
        let s = self.inner.bars.add(ProgressBar::new_spinner());
        s.enable_steady_tick(std::time::Duration::from_millis(120));
        s
    }

    /// Write on stderr without tearing a bar that is being drawn.
    fn line(&self, text: &str) {
        let write = || {
            let _ = std::io::stderr().write_all(text.as_bytes());
        };
        if self.inner.progress { self.inner.bars.suspend(write) } else { write() }
    }
}
