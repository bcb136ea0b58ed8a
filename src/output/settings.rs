//! Output decisions made once from the flags and the environment, then passed down. Plain values in: the
//! command line's types stay in `cli`.

use std::io::{self, IsTerminal};

/// The output format (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Yaml,
    Value,
}

/// When to colour stderr (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

/// What the output flags say, as plain values.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub format: Format,
    pub columns: Vec<String>,
    pub quiet: bool,
    pub verbose: u8,
    pub color: ColorWhen,
    pub no_progress: bool,
    /// `--wide`: digests whole in tables.
    pub wide: bool,
}

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
    /// stdout is a terminal: tables are for a person (width, human sizes, short digests).
    pub stdout_tty: bool,
    /// `--wide`.
    pub wide: bool,
}

/// What the environment says, separated out so the decision is testable.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdout_is_tty: bool,
    pub stderr_is_tty: bool,
    pub no_color: bool,
    pub dumb_term: bool,
    pub ci: bool,
}

impl Terminal {
    pub fn detect() -> Self {
        let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        Terminal {
            stdout_is_tty: io::stdout().is_terminal(),
            stderr_is_tty: io::stderr().is_terminal(),
            no_color: set("NO_COLOR"),
            dumb_term: std::env::var("TERM").is_ok_and(|t| t == "dumb"),
            ci: set("CI"),
        }
    }
}

impl Settings {
    pub fn from_flags(args: &Flags) -> Self {
        Self::decide(args, Terminal::detect())
    }

    pub fn decide(args: &Flags, term: Terminal) -> Self {
        let color_stderr = match args.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => term.stderr_is_tty && !term.no_color && !term.dumb_term,
        };
        let progress = term.stderr_is_tty && !term.ci && !args.quiet && args.verbose == 0 && !args.no_progress;
        Settings {
            format: args.format,
            columns: args.columns.clone(),
            quiet: args.quiet,
            verbose: args.verbose,
            color_stderr,
            progress,
            stdout_tty: term.stdout_is_tty && args.format == Format::Table,
            wide: args.wide,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTY: Terminal =
        Terminal { stdout_is_tty: true, stderr_is_tty: true, no_color: false, dumb_term: false, ci: false };

    #[test]
    fn colour_and_progress_on_a_plain_terminal() {
        let s = Settings::decide(&Flags::default(), TTY);
        assert!(s.color_stderr && s.progress);
    }

    #[test]
    fn no_color_dumb_and_pipes_turn_colour_off() {
        let a = Flags::default();
        assert!(!Settings::decide(&a, Terminal { no_color: true, ..TTY }).color_stderr);
        assert!(!Settings::decide(&a, Terminal { dumb_term: true, ..TTY }).color_stderr);
        assert!(!Settings::decide(&a, Terminal { stderr_is_tty: false, ..TTY }).color_stderr);
    }

    #[test]
    fn explicit_colour_wins_over_the_environment() {
        let always = Flags { color: ColorWhen::Always, ..Default::default() };
        assert!(Settings::decide(&always, Terminal { stderr_is_tty: false, no_color: true, ..TTY }).color_stderr);
        let never = Flags { color: ColorWhen::Never, ..Default::default() };
        assert!(!Settings::decide(&never, TTY).color_stderr);
    }

    #[test]
    fn progress_off_under_ci_quiet_verbose_or_flag() {
        let d = Flags::default();
        assert!(!Settings::decide(&d, Terminal { ci: true, ..TTY }).progress);
        assert!(!Settings::decide(&Flags { quiet: true, ..d.clone() }, TTY).progress);
        assert!(!Settings::decide(&Flags { verbose: 1, ..d.clone() }, TTY).progress);
        assert!(!Settings::decide(&Flags { no_progress: true, ..d.clone() }, TTY).progress);
        assert!(!Settings::decide(&d, Terminal { stderr_is_tty: false, ..TTY }).progress);
    }

    #[test]
    fn tables_for_people_only_on_a_terminal_and_in_table_format() {
        assert!(Settings::decide(&Flags::default(), TTY).stdout_tty);
        assert!(!Settings::decide(&Flags::default(), Terminal { stdout_is_tty: false, ..TTY }).stdout_tty);
        let json = Flags { format: Format::Json, ..Default::default() };
        assert!(!Settings::decide(&json, TTY).stdout_tty);
    }
}
