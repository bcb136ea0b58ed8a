//! The domain "a docker image as Glance images": how it is named for its container driver ([`naming`]), what berth
//! records about where it came from ([`provenance`]), its versions ([`lineage`], [`versions`]), the docker-archive
//! it is stored as ([`archive`], [`retag`]), the verified upload ([`upload`]), and syncing it from a registry or a
//! local engine ([`sync`], [`sync_file`]). No command-line types, no printing: commands call in, `output` prints.

pub mod archive;
pub mod destination;
pub mod find;
pub mod lineage;
pub mod naming;
pub mod provenance;
pub mod retag;
pub mod sync;
pub mod sync_file;
pub mod upload;
pub mod versions;
