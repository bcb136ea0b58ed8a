//! The flags resolved once into typed settings ([`settings`]), and what every command shares while it runs
//! ([`Ctx`]: the output, the stderr feedback, the settings, the `--timing` sink, the cloud session), and the
//! terminal prompt for a missing password or passcode ([`prompt`]).

pub mod ctx;
pub mod prompt;
pub mod settings;

pub use ctx::Ctx;
pub use settings::Settings;
