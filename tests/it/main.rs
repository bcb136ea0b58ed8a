//! berth's integration tests: one binary (one link on 2 cores instead of eleven), a module per area. They run the
//! real `berth` binary, against the dev environment's real services on 127.0.0.1 where an area needs them.

mod common;
mod neutron;
mod stub;
// build.rs's git lookup, tested here without a build from a tarball.
#[path = "../../build/git.rs"]
mod build_git;

mod auth;
mod boot;
mod bulk;
mod cli;
mod coe;
mod credentials;
mod daemon;
mod fanout;
mod gaps;
mod generated;
mod hostile;
mod layout;
mod mfa;
mod networking;
mod parity;
mod promises;
mod registry;
mod resilience;
mod stack;
mod sync;
mod terminal;
mod untrusted;
mod versions;
