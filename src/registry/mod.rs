//! The registry client: references, auth, manifests, blobs.

pub mod reference;
