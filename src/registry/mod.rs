//! The registry client: references, auth (Basic, Bearer tokens, Docker's config and credential helpers),
//! manifests and platforms, blobs, and which token realms berth asks.

pub mod access;
pub mod auth;
pub mod client;
pub mod digest;
pub mod manifest;
pub mod quota;
pub mod realm;
pub mod reference;

pub use access::Access;
pub use auth::Credentials;
pub use client::{Image, ManifestHead, Registry, RegistryOptions};
pub use manifest::{Descriptor, Platform};
pub use quota::Quota;
pub use reference::Reference;
