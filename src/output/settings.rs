//! Output decisions made once from the flags and the environment, then passed down.

use std::io::{self, IsTerminal};

use crate::cli::{ColorWhen, Format, GlobalArgs};

#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub format: Format,
    pub columns: Vec<String>,
    pub quiet: bool,
    pub verbose: u8,
    /// Colour escape codes on stderr.
    pub color_stderr: bool,
    /// Progress bars and spinners on stderr.
    pub progress: bool,
}

/// What the environment says, separated out so the decision is testable.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stderr_is_tty: bool,
    pub no_color: bool,
    pub dumb_term: bool,
    pub ci: bool,
}

impl Terminal {
    pub fn detect() -> Self {
        let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        Terminal {
            stderr_is_tty: io::stderr().is_terminal(),
            no_color: set("NO_COLOR"),
            dumb_term: std::env::var("TERM").is_ok_and(|t| t == "dumb"),
            ci: set("CI"),
        }
    }
}

impl Settings {
    pub fn from_cli(args: &GlobalArgs) -> Self {
        Self::decide(args, Terminal::detect())
    }

    pub fn decide(args: &GlobalArgs, term: Terminal) -> Self {
        let color_stderr = match args.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => term.stderr_is_tty && !term.no_color && !term.dumb_term,
        };
        let progress = term.stderr_is_tty && !term.ci && !args.quiet && args.verbose == 0 && !args.no_progress;
        Settings {
            format: args.output,
            columns: args.columns.clone(),
            quiet: args.quiet,
            verbose: args.verbose,
            color_stderr,
            progress,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTY: Terminal = Terminal { stderr_is_tty: true, no_color: false, dumb_term: false, ci: false };

    #[test]
    fn colour_and_progress_on_a_plain_terminal() {
        let s = Settings::decide(&GlobalArgs::default(), TTY);
        assert!(s.color_stderr && s.progress);
    }

    #[test]
    fn no_color_dumb_and_pipes_turn_colour_off() {
        let a = GlobalArgs::default();
        assert!(!Settings::decide(&a, Terminal { no_color: true, ..TTY }).color_stderr);
        assert!(!Settings::decide(&a, Terminal { dumb_term: true, ..TTY }).color_stderr);
        assert!(!Settings::decide(&a, Terminal { stderr_is_tty: false, ..TTY }).color_stderr);
    }

    #[test]
    fn explicit_colour_wins_over_the_environment() {
        let always = GlobalArgs { color: ColorWhen::Always, ..Default::default() };
        assert!(Settings::decide(&always, Terminal { stderr_is_tty: false, no_color: true, ..TTY }).color_stderr);
        let never = GlobalArgs { color: ColorWhen::Never, ..Default::default() };
        assert!(!Settings::decide(&never, TTY).color_stderr);
    }

    #[test]
    fn progress_off_under_ci_quiet_verbose_or_flag() {
        let d = GlobalArgs::default();
        assert!(!Settings::decide(&d, Terminal { ci: true, ..TTY }).progress);
        assert!(!Settings::decide(&GlobalArgs { quiet: true, ..d.clone() }, TTY).progress);
        assert!(!Settings::decide(&GlobalArgs { verbose: 1, ..d.clone() }, TTY).progress);
        assert!(!Settings::decide(&GlobalArgs { no_progress: true, ..d.clone() }, TTY).progress);
        assert!(!Settings::decide(&d, Terminal { stderr_is_tty: false, ..TTY }).progress);
    }
}
