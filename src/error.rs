//! Exit codes, the typed failure that carries one, and the `error:` / `caused by:` / `hint:` renderer.
//!
//! Code anywhere returns `anyhow::Result`; where a failure has a specific meaning for scripts (bad usage, auth,
//! timeout...) it returns a [`Failure`] with the matching [`ExitCode`] and, when there is one, a hint naming the
//! flag, variable or config key that fixes it. `main` finds the `Failure` in the error chain to pick the exit code;
//! any other error is a runtime failure (1).

use std::fmt;
use std::io::{self, Write};

/// berth's exit codes. They are API: scripts branch on them, so a code never changes meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitCode {
    /// Success.
    Ok = 0,
    /// A runtime failure: a service answered with an error, the network failed, a digest did not match.
    Failure = 1,
    /// Bad usage or configuration: unknown flag or column, malformed clouds.yaml, unknown cloud, bad reference.
    Usage = 2,
    /// The command worked and its answer is "no": `gaps --fail-on` found a finding at or above the level.
    Negative = 3,
    /// Authentication or authorisation failed: wrong password, expired credential, 401/403.
    Auth = 4,
    /// A wait ran out of time (`--timeout`).
    Timeout = 5,
    /// Partial success: some items of a bulk command failed, the others are done.
    Partial = 6,
    /// Hung up: SIGHUP (a closed terminal), after the same cleanup as Ctrl-C.
    HangUp = 129,
    /// Interrupted by Ctrl-C / SIGINT.
    Interrupted = 130,
    /// Stopped by SIGTERM (CI runners, systemd, Kubernetes), after the same cleanup as Ctrl-C.
    Terminated = 143,
}

impl ExitCode {
    /// Every code, in order, for documentation and tests.
    pub const ALL: [ExitCode; 10] = [
        ExitCode::Ok,
        ExitCode::Failure,
        ExitCode::Usage,
        ExitCode::Negative,
        ExitCode::Auth,
        ExitCode::Timeout,
        ExitCode::Partial,
        ExitCode::HangUp,
        ExitCode::Interrupted,
        ExitCode::Terminated,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    /// One line for `--help`, README and the man page.
    pub fn describe(self) -> &'static str {
        match self {
            ExitCode::Ok => "success",
            ExitCode::Failure => "runtime failure (service error, network, verification)",
            ExitCode::Usage => "usage or configuration error",
            ExitCode::Negative => "negative result (e.g. `gaps --fail-on` found something)",
            ExitCode::Auth => "authentication or authorisation failed",
            ExitCode::Timeout => "timed out",
            ExitCode::Partial => "partial success: some items failed",
            ExitCode::HangUp => "hung up (SIGHUP); what was under way was cleaned up as for SIGINT",
            ExitCode::Interrupted => "interrupted (SIGINT)",
            ExitCode::Terminated => "terminated (SIGTERM); what was under way was cleaned up as for SIGINT",
        }
    }

    /// The exit-code table as it appears at the end of `--help`.
    pub fn help_table() -> String {
        let mut s = String::from("Exit codes:\n");
        for c in Self::ALL {
            s.push_str(&format!("  {:>3}  {}\n", c.code(), c.describe()));
        }
        s
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(c: ExitCode) -> Self {
        std::process::ExitCode::from(c.code())
    }
}

/// A failure whose meaning scripts care about: it carries its exit code and an optional hint.
#[derive(Debug, Clone)]
pub struct Failure {
    pub code: ExitCode,
    pub message: String,
    pub hint: Option<String>,
    /// For a request that got no answer: what went wrong on the way, so a client can give its own hint.
    pub transport: Option<Transport>,
}

/// How a request failed before any answer came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// The server's TLS certificate was refused.
    Tls,
    Timeout,
    /// No connection: refused, unreachable, name not resolved.
    Connect,
    /// A redirect berth's policy does not follow (to another origin with credentials, or down to http).
    Redirect,
    Other,
}

impl Failure {
    pub fn new(code: ExitCode, message: impl Into<String>) -> Self {
        Failure { code, message: message.into(), hint: None, transport: None }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ExitCode::Usage, message)
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The outermost [`Failure`] in an error's chain, whether it was the error itself or added as context.
pub fn failure(err: &anyhow::Error) -> Option<&Failure> {
    // anyhow's own downcast sees context values; `chain()` sees sources of plain std errors.
    err.downcast_ref::<Failure>().or_else(|| err.chain().find_map(|e| e.downcast_ref::<Failure>()))
}

/// The exit code for an error: that of its outermost [`Failure`], else `Failure` (1).
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    failure(err).map_or(ExitCode::Failure, |f| f.code)
}

/// A copy of `err` for another place it must be reported (one failure of a source, one row per destination): its
/// message in full, and its exit code and hint when it has them.
pub fn duplicate(err: &anyhow::Error) -> anyhow::Error {
    match failure(err) {
        Some(f) => {
            Failure { code: f.code, message: format!("{err:#}"), hint: f.hint.clone(), transport: f.transport }.into()
        }
        None => anyhow::anyhow!("{err:#}"),
    }
}

/// True when the error is a closed stdout (`berth ... | head`): that is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|e| e.downcast_ref::<io::Error>()).any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// `text` with its control characters (terminal escapes, carriage returns, NULs) shown as `\u{..}` escapes, new
/// lines kept: for what servers say (error messages, tag names), which must not drive the terminal.
pub fn printable(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text.to_string();
    }
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { c.escape_unicode().to_string() } else { c.to_string() })
        .collect()
}

/// Render an error on `w` (what servers said in it made printable):
///
/// ```text
/// error: reading `clouds.yaml`
///   caused by: mapping values are not allowed here at line 3 column 7
/// hint: fix the YAML syntax at that line
/// ```
pub fn render(err: &anyhow::Error, color: bool, w: &mut dyn Write) {
    let (red, yellow, bold, reset) =
        if color { ("\x1b[1;31m", "\x1b[1;33m", "\x1b[1m", "\x1b[0m") } else { ("", "", "", "") };
    let mut lines = String::new();
    let mut chain = err.chain();
    if let Some(top) = chain.next() {
        lines.push_str(&format!("{red}error{reset}{bold}:{reset} {}\n", printable(&top.to_string())));
    }
    let mut last = err.to_string();
    for cause in chain {
        let text = cause.to_string();
        // Libraries often repeat their source's message in their own; say each thing once.
        if text.is_empty() || last.contains(&text) {
            continue;
        }
        lines.push_str(&format!("  {bold}caused by:{reset} {}\n", printable(&text)));
        last = text;
    }
    if let Some(hint) = failure(err).and_then(|f| f.hint.as_deref()) {
        lines.push_str(&format!("{yellow}hint{reset}{bold}:{reset} {}\n", printable(hint)));
    }
    let _ = w.write_all(lines.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    fn rendered(err: &anyhow::Error, color: bool) -> String {
        let mut buf = Vec::new();
        render(err, color, &mut buf);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn codes_are_stable_and_distinct() {
        let codes: Vec<u8> = ExitCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes, vec![0, 1, 2, 3, 4, 5, 6, 129, 130, 143]);
    }

    #[test]
    fn help_table_lists_every_code() {
        let t = ExitCode::help_table();
        for c in ExitCode::ALL {
            assert!(t.contains(&format!("{:>3}  {}", c.code(), c.describe())), "{t}");
        }
    }

    #[test]
    fn plain_errors_are_runtime_failures() {
        let e = anyhow::anyhow!("connection refused");
        assert_eq!(exit_code(&e), ExitCode::Failure);
    }

    #[test]
    fn failure_code_is_found_under_context() {
        let e = anyhow::Error::new(Failure::new(ExitCode::Auth, "the password was rejected"))
            .context("authenticating to `https://keystone:5000/v3`");
        assert_eq!(exit_code(&e), ExitCode::Auth);
    }

    #[test]
    fn outermost_failure_wins() {
        let inner = anyhow::Error::new(Failure::new(ExitCode::Timeout, "inner"));
        let e = inner.context(Failure::usage("outer"));
        assert_eq!(exit_code(&e), ExitCode::Usage);
    }

    #[test]
    fn renders_error_causes_and_hint() {
        let e = Err::<(), _>(std::io::Error::other("permission denied"))
            .context(Failure::usage("cannot read `clouds.yaml`").hint("set `OS_CLIENT_CONFIG_FILE`"))
            .context("loading the cloud configuration")
            .unwrap_err();
        let text = rendered(&e, false);
        assert_eq!(
            text,
            "error: loading the cloud configuration\n  caused by: cannot read `clouds.yaml`\n  caused by: permission denied\nhint: set `OS_CLIENT_CONFIG_FILE`\n"
        );
    }

    #[test]
    fn repeated_cause_text_is_said_once() {
        let e = anyhow::anyhow!("timed out").context("request failed: timed out");
        assert_eq!(rendered(&e, false), "error: request failed: timed out\n");
    }

    #[test]
    fn colour_only_when_enabled() {
        let e = anyhow::Error::new(Failure::usage("bad").hint("fix it"));
        assert!(rendered(&e, true).contains("\x1b[1;31merror"));
        assert!(!rendered(&e, false).contains('\x1b'));
    }

    #[test]
    fn what_servers_say_cannot_drive_the_terminal() {
        let e = anyhow::anyhow!("registry said \x1b[31mred\x1b[0m\r and \x07").context("syncing");
        let text = rendered(&e, false);
        assert!(!text.contains('\x1b') && !text.contains('\r') && !text.contains('\x07'), "{text:?}");
        assert!(text.contains("\\u{1b}[31mred"), "{text}");
        assert_eq!(printable("plain\ntext"), "plain\ntext");
    }

    #[test]
    fn broken_pipe_is_recognised_through_context() {
        let e = anyhow::Error::new(std::io::Error::from(io::ErrorKind::BrokenPipe)).context("writing output");
        assert!(is_broken_pipe(&e));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
