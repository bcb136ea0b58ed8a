//! The flags resolved once into typed settings ([`settings`]), and what every command shares while it runs
//! ([`Ctx`]: the output, the stderr feedback, the settings, the `--timing` sink, the cloud session).

pub mod ctx;
pub mod settings;

pub use ctx::Ctx;
pub use settings::Settings;
