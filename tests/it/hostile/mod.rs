//! Network hardening, proven against deliberately misbehaving servers of the tests' own ([`crate::stub`]) on
//! 127.0.0.x: redirects that would carry a password or token elsewhere, Keystone version discovery pointing
//! elsewhere, hostile Bearer realms, bodies without end, pagination loops, hostile `next` links and digests.
//! None of these needs the dev environment. What must not reach a "foreign host" (another 127.0.0.x) is asserted
//! by a trap stub that records every request.

mod cloud;
mod registry;

use crate::common::Berth;
use crate::stub::Stub;

/// The password of the stub clouds' user.
pub const PASSWORD: &str = "stub-password-s3cret";

/// berth as a password user of the cloud at `auth_url`, from `OS_*` variables.
pub fn cloud(auth_url: &str) -> Berth {
    Berth::new()
        .env("OS_AUTH_URL", auth_url)
        .env("OS_USERNAME", "demo")
        .env("OS_PASSWORD", PASSWORD)
        .env("OS_USER_DOMAIN_NAME", "Default")
        .env("OS_PROJECT_NAME", "demo")
        .env("OS_PROJECT_DOMAIN_NAME", "Default")
}

/// Assert that nothing reached `trap`.
#[track_caller]
pub fn untouched(trap: &Stub) {
    let seen: Vec<String> = trap.requests().iter().map(|r| r.text()).collect();
    assert!(seen.is_empty(), "requests reached {}, where none may go:\n{}", trap.addr(), seen.join("\n---\n"));
}
