//! `berth gaps`: the report's areas, `--fail-on` and `--explain`.

use clap::{Args, ValueEnum};

use super::area_parser;

#[derive(Debug, Args)]
#[command(long_about = "What this cloud can and cannot do for containers: the catalog and each endpoint's \
    reachability and versions, compute microversions and hypervisor types (is any a container one?), whether Glance \
    accepts `container_format=docker` and how the docker images are named, volumes (Cinder; container instances \
    cannot attach them), telemetry, networking, Heat's resource types (OS::Nova::Server, OS::Zun::Container, \
    DockerInc::Docker::Container), Magnum and Zun. The cloud is asked once, concurrently, with a 3 s timeout per \
    request: what berth cannot see (a service that does not answer, an admin-only API) is `unknown`, with the reason.\n\n\
    The table groups findings by area; a summary line goes to stderr. `-o json|yaml` prints an array of findings \
    with these keys, a stable schema: `id` (stable check id, e.g. `compute.container-hypervisor`; per-service \
    reachability is `catalog.endpoint.<type>`), `area` (catalog, identity, compute, image, volumes, telemetry, \
    networking, orchestration, magnum, zun), `status` (ok, info, warn, fail, unknown), `summary` (one line), \
    `evidence` (what the API said), `consequence`, `remedy`, `reference` (a URL).\n\n\
    Exit codes: 0 the report was made (whatever it says); 3 with `--fail-on LEVEL` when any finding is at or above \
    LEVEL (`unknown` never counts); 2 for an unknown `--explain` id; 4 when authentication fails.")]
pub struct GapsArgs {
    /// Only findings of this area (repeatable)
    #[arg(long = "only", value_parser = area_parser(), value_name = "AREA")]
    pub only: Vec<crate::gaps::Area>,

    /// Exit 3 when any finding is at or above this level (warn: warn or fail; fail: fail only)
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,

    /// Seconds one request of the report may take before its fact is `unknown`
    #[arg(long, value_name = "SECONDS", default_value = "3", value_parser = super::seconds)]
    pub probe_timeout: std::time::Duration,

    /// Print the long explanation of a check id (e.g. `compute.container-hypervisor`) and exit; asks no cloud
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Warn,
    Fail,
}
