//! The signals a command stops for and cleans up after: SIGINT (Ctrl-C), SIGTERM (what CI runners, systemd and
//! Kubernetes send) and SIGHUP (a closed terminal), each with the exit code shells expect (130, 143, 129).

use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::error::{ExitCode, Failure};

/// Which signal stopped the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Interrupt,
    Terminate,
    HangUp,
}

impl Stop {
    pub fn name(self) -> &'static str {
        match self {
            Stop::Interrupt => "SIGINT",
            Stop::Terminate => "SIGTERM",
            Stop::HangUp => "SIGHUP",
        }
    }

    pub fn code(self) -> ExitCode {
        match self {
            Stop::Interrupt => ExitCode::Interrupted,
            Stop::Terminate => ExitCode::Terminated,
            Stop::HangUp => ExitCode::HangUp,
        }
    }

    /// `interrupted` (Ctrl-C), `stopped by SIGTERM`, `stopped by SIGHUP`.
    pub fn describe(self) -> String {
        match self {
            Stop::Interrupt => "interrupted".to_string(),
            _ => format!("stopped by {}", self.name()),
        }
    }

    /// The failure of a command stopped by this signal: `interrupted: what`, `stopped by SIGTERM: what`.
    pub fn failure(self, what: &str) -> Failure {
        Failure::new(self.code(), format!("{}: {what}", self.describe()))
    }
}

/// Listening for the three signals. Listen before the first request that creates something, so that a signal
/// while it is answered finds berth ready to clean up.
pub struct Signals {
    int: Signal,
    term: Signal,
    hup: Signal,
}

impl Signals {
    pub fn listen() -> anyhow::Result<Signals> {
        let on = |kind: SignalKind| signal(kind).map_err(|e| anyhow::anyhow!("cannot listen for signals: {e}"));
        Ok(Signals {
            int: on(SignalKind::interrupt())?,
            term: on(SignalKind::terminate())?,
            hup: on(SignalKind::hangup())?,
        })
    }

    /// The next signal.
    pub async fn recv(&mut self) -> Stop {
        tokio::select! {
            _ = self.int.recv() => Stop::Interrupt,
            _ = self.term.recv() => Stop::Terminate,
            _ = self.hup.recv() => Stop::HangUp,
        }
    }
}
