//! The terminal prompt for a password or TOTP passcode that is set nowhere, as `openstack` asks for one: the
//! question on stderr, the answer read from stdin with echo off. Only when stdin is a terminal; without one the
//! missing setting stays a usage error naming its variable and flag (see [`crate::openstack::auth`]).
//!
//! Echo is turned off with termios directly (rustix) rather than through rpassword, because rpassword restores it
//! only when its read returns: Ctrl-C during the prompt would leave the shell without echo. Here the read runs on
//! a thread of its own while Ctrl-C is awaited beside it; either way the terminal's modes are put back first.

use std::future::Future;
use std::io::{BufRead, IsTerminal, Write};
use std::pin::Pin;
use std::sync::Arc;

use rustix::termios::{LocalModes, OptionalActions, Termios, tcgetattr, tcsetattr};

use crate::error::{ExitCode, Failure};
use crate::openstack::auth::Prompt;

/// Asks on the terminal of stdin (question on stderr).
pub struct Terminal;

impl Terminal {
    /// The prompt, when stdin is a terminal.
    pub fn when_interactive() -> Option<Arc<dyn Prompt>> {
        std::io::stdin().is_terminal().then(|| Arc::new(Terminal) as Arc<dyn Prompt>)
    }
}

/// Puts the terminal's modes back when dropped.
struct Restore(Termios);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = tcsetattr(std::io::stdin(), OptionalActions::Now, &self.0);
    }
}

impl Prompt for Terminal {
    fn secret(&self, question: String) -> Pin<Box<dyn Future<Output = anyhow::Result<String>> + Send + '_>> {
        Box::pin(async move {
            let stdin = std::io::stdin();
            let saved = tcgetattr(&stdin).map_err(|e| anyhow::anyhow!("cannot read the terminal's modes: {e}"))?;
            let mut quiet = saved.clone();
            quiet.local_modes.remove(LocalModes::ECHO);
            quiet.local_modes.insert(LocalModes::ECHONL);
            let _restore = Restore(saved);
            tcsetattr(&stdin, OptionalActions::Flush, &quiet)
                .map_err(|e| anyhow::anyhow!("cannot turn the terminal's echo off: {e}"))?;
            let mut err = std::io::stderr();
            let _ = write!(err, "{question}");
            let _ = err.flush();
            // A thread of its own, not the runtime's blocking pool: after Ctrl-C the read never returns, and the
            // runtime would wait for it when it shuts down.
            let (tx, read) = tokio::sync::oneshot::channel();
            std::thread::spawn(move || {
                let mut line = String::new();
                let _ = tx.send(std::io::stdin().lock().read_line(&mut line).map(|n| (n, line)));
            });
            tokio::select! {
                r = read => {
                    let (n, line) = r.map_err(|_| anyhow::anyhow!("the prompt's reader stopped"))??;
                    if n == 0 {
                        let _ = writeln!(err);
                        return Err(Failure::usage("the terminal was closed (end of input) at the prompt").into());
                    }
                    Ok(line.trim_end_matches(['\n', '\r']).to_string())
                }
                _ = tokio::signal::ctrl_c() => {
                    let _ = writeln!(err);
                    Err(Failure::new(ExitCode::Interrupted, "interrupted at the prompt").into())
                }
            }
        })
    }
}
