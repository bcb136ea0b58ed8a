//! `berth gaps`: what a cloud can and cannot do for containers.
//!
//! [`facts`] asks the cloud once, concurrently, with short timeouts; every fact is [`Fact::Known`] or
//! [`Fact::Unknown`] with the reason. [`checks`] turns facts into [`Finding`]s with pure functions, so each check
//! is unit-tested with hand-made facts. Commands (`gaps`, `boot`'s preflight) share the same facts.

pub mod checks;
pub mod explain;
pub mod facts;

use serde::Serialize;

pub use facts::{Fact, Facts};

/// Hypervisor types that run containers.
pub const CONTAINER_HYPERVISORS: &[&str] = &["docker", "lxc", "zun"];

/// How a finding stands, in rising order of concern; `unknown` stands apart (berth could not tell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Info,
    Warn,
    Fail,
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Info => "info",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
        }
    }

    /// Whether this status reaches `level` for `--fail-on` (`unknown` never does).
    pub fn reaches(self, level: Status) -> bool {
        self != Status::Unknown && self >= level
    }
}

/// The areas a finding belongs to, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Catalog,
    Identity,
    Compute,
    Image,
    Volumes,
    Telemetry,
    Networking,
    Orchestration,
    Magnum,
    Zun,
}

impl Area {
    pub const ALL: [Area; 10] = [
        Area::Catalog,
        Area::Identity,
        Area::Compute,
        Area::Image,
        Area::Volumes,
        Area::Telemetry,
        Area::Networking,
        Area::Orchestration,
        Area::Magnum,
        Area::Zun,
    ];

    /// The names `--only` takes (no help of their own: the long help lists what each area covers).
    pub const NAMES: &'static [(&'static str, &'static str)] = &[
        ("catalog", ""),
        ("identity", ""),
        ("compute", ""),
        ("image", ""),
        ("volumes", ""),
        ("telemetry", ""),
        ("networking", ""),
        ("orchestration", ""),
        ("magnum", ""),
        ("zun", ""),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::Catalog => "catalog",
            Area::Identity => "identity",
            Area::Compute => "compute",
            Area::Image => "image",
            Area::Volumes => "volumes",
            Area::Telemetry => "telemetry",
            Area::Networking => "networking",
            Area::Orchestration => "orchestration",
            Area::Magnum => "magnum",
            Area::Zun => "zun",
        }
    }
}

impl std::str::FromStr for Area {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Area::ALL.into_iter().find(|a| a.as_str() == s).ok_or_else(|| format!("`{s}` is not an area of the report"))
    }
}

/// One finding of the report. Its JSON/YAML form (snake_case keys, in this order) is a stable schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable id of the check, e.g. `compute.container-hypervisor`; per-service checks end in the service type
    /// (`catalog.endpoint.orchestration`).
    pub id: String,
    pub area: Area,
    pub status: Status,
    /// One line.
    pub summary: String,
    /// What the API said.
    pub evidence: String,
    /// What it means for containers.
    pub consequence: String,
    /// What to do about it (empty when nothing needs doing).
    pub remedy: String,
    /// Where to read more.
    pub reference: String,
}

impl Finding {
    pub fn new(id: impl Into<String>, area: Area, status: Status, summary: impl Into<String>) -> Finding {
        Finding {
            id: id.into(),
            area,
            status,
            summary: summary.into(),
            evidence: String::new(),
            consequence: String::new(),
            remedy: String::new(),
            reference: String::new(),
        }
    }
    pub fn evidence(mut self, s: impl Into<String>) -> Self {
        self.evidence = s.into();
        self
    }
    pub fn consequence(mut self, s: impl Into<String>) -> Self {
        self.consequence = s.into();
        self
    }
    pub fn remedy(mut self, s: impl Into<String>) -> Self {
        self.remedy = s.into();
        self
    }
    pub fn reference(mut self, s: impl Into<String>) -> Self {
        self.reference = s.into();
        self
    }
}

/// The keys of a finding, in order: the documented schema of `berth gaps -o json|yaml`.
pub const COLUMNS: &[&str] = &["id", "area", "status", "summary", "evidence", "consequence", "remedy", "reference"];
