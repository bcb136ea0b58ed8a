//! What a generated template is asked for, as plain values: the container path ([`Kind`]) and the options of
//! `stack template` / `stack create IMAGE --for KIND`, each parsed from what people type (`512m`, `on-failure:3`,
//! `10:/data`, `8080:80`), and the options each path cannot honour, refused with the reason.

use std::fmt;
use std::str::FromStr;

pub use super::shell::{shell_quote, shell_words};
use crate::error::Failure;

/// The four ways a stack can run a container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `OS::Nova::Server` from a Glance docker image, on a container hypervisor (nova-docker).
    NovaDocker,
    /// `OS::Zun::Container`.
    Zun,
    /// `DockerInc::Docker::Container`: Heat's contrib plugin, straight to a Docker engine.
    DockerEngine,
    /// `OS::Nova::Server` from a VM image whose cloud-init starts the container (a "secure container").
    Vm,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::NovaDocker, Kind::Zun, Kind::DockerEngine, Kind::Vm];

    /// The names `--for` takes, with what each means.
    pub const NAMES: &'static [(&'static str, &'static str)] = &[
        ("nova-docker", "OS::Nova::Server from a Glance docker image (a container hypervisor runs it)"),
        ("zun", "OS::Zun::Container (Zun runs it; can mount Cinder volumes)"),
        ("docker-engine", "DockerInc::Docker::Container: Heat's Docker plugin talks to a Docker engine"),
        ("vm", "OS::Nova::Server from a VM image whose cloud-init runs the container (a secure container)"),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NovaDocker => "nova-docker",
            Kind::Zun => "zun",
            Kind::DockerEngine => "docker-engine",
            Kind::Vm => "vm",
        }
    }

    /// The resource type the path's template uses.
    pub fn resource_type(self) -> &'static str {
        match self {
            Kind::NovaDocker | Kind::Vm => "OS::Nova::Server",
            Kind::Zun => "OS::Zun::Container",
            Kind::DockerEngine => "DockerInc::Docker::Container",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("`{s}` is not a container path (nova-docker, zun, docker-engine, vm)"))
    }
}

/// A restart policy as Docker and Zun spell it: `no`, `always`, `unless-stopped`, `on-failure[:N]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restart {
    No,
    Always,
    UnlessStopped,
    OnFailure(Option<u32>),
}

impl fmt::Display for Restart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Restart::No => f.write_str("no"),
            Restart::Always => f.write_str("always"),
            Restart::UnlessStopped => f.write_str("unless-stopped"),
            Restart::OnFailure(None) => f.write_str("on-failure"),
            Restart::OnFailure(Some(n)) => write!(f, "on-failure:{n}"),
        }
    }
}

impl FromStr for Restart {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "no" => Ok(Restart::No),
            "always" => Ok(Restart::Always),
            "unless-stopped" => Ok(Restart::UnlessStopped),
            "on-failure" => Ok(Restart::OnFailure(None)),
            _ => match s.strip_prefix("on-failure:").map(str::parse::<u32>) {
                Some(Ok(n)) => Ok(Restart::OnFailure(Some(n))),
                _ => Err(format!("`{s}` is not a restart policy: no, always, unless-stopped, on-failure[:N]")),
            },
        }
    }
}

/// A memory size: `512` (MiB, Zun's and Heat's unit), `512m`, `1g`, `1GiB`, `268435456b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    pub bytes: u64,
}

impl Memory {
    /// In MiB, rounded up.
    pub fn mib(self) -> u64 {
        self.bytes.div_ceil(1 << 20)
    }
}

impl FromStr for Memory {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (n, unit) = t.split_at(digits);
        let n: u64 = n.parse().map_err(|_| format!("`{s}` is not a memory size such as 512m or 1g"))?;
        let scale: u64 = match unit.to_ascii_lowercase().as_str() {
            "" | "m" | "mb" | "mi" | "mib" => 1 << 20,
            "b" => 1,
            "k" | "kb" | "ki" | "kib" => 1 << 10,
            "g" | "gb" | "gi" | "gib" => 1 << 30,
            _ => return Err(format!("`{s}` is not a memory size such as 512m or 1g (units: b, k, m, g; none: MiB)")),
        };
        let bytes = n.checked_mul(scale).ok_or_else(|| format!("`{s}` is too large"))?;
        if bytes < 6 << 20 {
            return Err(format!("`{s}` is less than 6 MiB, the least Docker gives a container"));
        }
        Ok(Memory { bytes })
    }
}

/// `--volume SIZE_OR_ID:PATH`: a new Cinder volume of SIZE GiB, or an existing one by ID or name, at PATH.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    pub source: VolumeSource,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeSource {
    /// GiB of a new volume.
    Size(u32),
    /// An existing volume, by ID or name.
    Existing(String),
}

impl FromStr for Volume {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let Some((src, path)) = s.split_once(':') else {
            return Err(format!("`{s}` is not SIZE_OR_ID:PATH (e.g. `10:/data`, or a volume's ID and a path)"));
        };
        if !path.starts_with('/') {
            return Err(format!("`{path}` is not an absolute path inside the container"));
        }
        let source = if !src.is_empty() && src.chars().all(|c| c.is_ascii_digit()) {
            match src.parse::<u32>() {
                Ok(0) | Err(_) => return Err(format!("`{src}` is not a size in GiB (1 or more)")),
                Ok(n) => VolumeSource::Size(n),
            }
        } else if src.is_empty() {
            return Err(format!("`{s}` names no volume: give a size in GiB or a volume's ID"));
        } else {
            VolumeSource::Existing(src.to_string())
        };
        Ok(Volume { source, path: path.to_string() })
    }
}

/// `--publish [IP:]HOST_PORT:CONTAINER_PORT[/tcp|udp]`, as `docker run -p`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publish {
    pub ip: Option<String>,
    pub host: u16,
    pub container: u16,
    pub protocol: String,
}

impl Publish {
    /// `80/tcp`: the container port as Docker keys it.
    pub fn container_key(&self) -> String {
        format!("{}/{}", self.container, self.protocol)
    }

    /// As `docker run -p` takes it.
    pub fn docker_arg(&self) -> String {
        match &self.ip {
            Some(ip) => format!("{ip}:{}:{}/{}", self.host, self.container, self.protocol),
            None => format!("{}:{}/{}", self.host, self.container, self.protocol),
        }
    }
}

impl FromStr for Publish {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not [IP:]HOST_PORT:CONTAINER_PORT[/tcp|udp], as `docker run -p` takes it");
        let (ports, protocol) = match s.rsplit_once('/') {
            Some((p, proto @ ("tcp" | "udp"))) => (p, proto.to_string()),
            Some(_) => return Err(bad()),
            None => (s, "tcp".to_string()),
        };
        let parts: Vec<&str> = ports.rsplitn(3, ':').collect();
        let port = |p: &str| p.parse::<u16>().ok().filter(|n| *n > 0);
        match parts.as_slice() {
            [c, h] => {
                Ok(Publish { ip: None, host: port(h).ok_or_else(bad)?, container: port(c).ok_or_else(bad)?, protocol })
            }
            [c, h, ip] if ip.parse::<std::net::IpAddr>().is_ok() => Ok(Publish {
                ip: Some(ip.to_string()),
                host: port(h).ok_or_else(bad)?,
                container: port(c).ok_or_else(bad)?,
                protocol,
            }),
            _ => Err(bad()),
        }
    }
}

/// Where the `vm` path's container image comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// The VM pulls it from its registry, by digest.
    #[default]
    Registry,
    /// The VM downloads the Glance image with a credential that can read only that image's data.
    Glance,
}

impl Source {
    pub const NAMES: &'static [(&'static str, &'static str)] = &[
        ("registry", "the VM pulls the image from its registry, pinned by digest"),
        ("glance", "the VM downloads the Glance image with a credential restricted to that image's data"),
    ];
}

impl FromStr for Source {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "registry" => Ok(Source::Registry),
            "glance" => Ok(Source::Glance),
            _ => Err(format!("`{s}` is not an image source (registry, glance)")),
        }
    }
}

/// Where Zun takes the image from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImageDriver {
    /// A Glance image named as `berth image sync --for zun` names it (name = repository, tag = docker tag).
    #[default]
    Glance,
    /// A registry, as Docker pulls.
    Docker,
}

impl ImageDriver {
    pub const NAMES: &'static [(&'static str, &'static str)] = &[
        ("glance", "a Glance image synced with `berth image sync --for zun` (name = repository, Glance tag = tag)"),
        ("docker", "the registry the reference names, as Docker pulls"),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImageDriver::Glance => "glance",
            ImageDriver::Docker => "docker",
        }
    }
}

impl FromStr for ImageDriver {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "glance" => Ok(ImageDriver::Glance),
            "docker" => Ok(ImageDriver::Docker),
            _ => Err(format!("`{s}` is not a Zun image driver (glance, docker)")),
        }
    }
}

/// Everything a generated template is asked for.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// The container image as typed: a docker reference, a Glance name or ID.
    pub image: String,
    /// The server's or container's name; the stack's name when None.
    pub name: Option<String>,
    pub flavor: Option<String>,
    pub networks: Vec<String>,
    pub no_network: bool,
    pub env: Vec<(String, String)>,
    pub command: Option<String>,
    pub cpu: Option<f64>,
    pub memory: Option<Memory>,
    pub restart: Option<Restart>,
    pub volumes: Vec<Volume>,
    pub publish: Vec<Publish>,
    pub image_driver: Option<ImageDriver>,
    pub docker_endpoint: Option<String>,
    pub vm_image: Option<String>,
    pub source: Option<Source>,
}

/// An option a path cannot honour: (given, option, why, what to do instead).
type Cannot<'a> = (bool, &'a str, &'a str, &'a str);

const ZUN_OR_VM_VOLUMES: &str = "use `--for zun`, which mounts Cinder volumes";

impl Spec {
    /// The options `kind` cannot honour, and the ones it needs but lacks: usage errors, found before any request.
    pub fn refusals(&self, kind: Kind) -> Vec<Failure> {
        let cannot = match kind {
            Kind::NovaDocker => self.nova_docker_cannot(),
            Kind::Zun => self.zun_cannot(),
            Kind::DockerEngine => self.docker_engine_cannot(),
            Kind::Vm => self.vm_cannot(),
        };
        let only = [
            (kind != Kind::Zun && self.image_driver.is_some(), "--image-driver", "only Zun has image drivers"),
            (
                kind != Kind::DockerEngine && self.docker_endpoint.is_some(),
                "--docker-endpoint",
                "only the Docker plugin talks to a Docker engine",
            ),
            (kind != Kind::Vm && self.vm_image.is_some(), "--vm-image", "only `--for vm` boots a VM image"),
            (
                kind != Kind::Vm && self.source.is_some(),
                "--source",
                "only `--for vm` chooses where the VM gets the image",
            ),
        ];
        let mut out: Vec<Failure> = cannot
            .into_iter()
            .chain(only.iter().map(|(given, option, why)| (*given, *option, *why, "drop it")))
            .filter(|(given, ..)| *given)
            .map(|(_, option, why, instead)| {
                Failure::usage(format!("`{option}` cannot be honoured by `--for {kind}`: {why}")).hint(instead)
            })
            .collect();
        let server = matches!(kind, Kind::NovaDocker | Kind::Vm);
        let needs = [
            (server && self.flavor.is_none(), "--flavor", "Nova boots the server with a flavor"),
            (
                kind == Kind::DockerEngine && self.docker_endpoint.is_none(),
                "--docker-endpoint",
                "Heat's engine connects to this Docker engine (e.g. `unix:///var/run/docker.sock`, `tcp://host:2375`)",
            ),
            (
                kind == Kind::Vm && self.vm_image.is_none(),
                "--vm-image",
                "the VM boots from a Glance VM image with cloud-init and Docker",
            ),
        ];
        for (missing, option, why) in needs {
            if missing {
                out.push(
                    Failure::usage(format!("`--for {kind}` needs `{option}`: {why}"))
                        .hint(format!("add `{option} ...`")),
                );
            }
        }
        out
    }

    fn nova_docker_cannot(&self) -> Vec<Cannot<'static>> {
        let flavor = "the flavor sets a container instance's CPUs and memory";
        vec![
            (
                self.command.is_some(),
                "--command",
                "the docker driver takes the command from the image's `os_command_line` property, and Nova has no per-server override",
                "sync the image again with the command in its Entrypoint/Cmd, or use `--for zun`, `docker-engine` or `vm`",
            ),
            (self.cpu.is_some(), "--cpu", flavor, "choose a flavor with `--flavor`"),
            (self.memory.is_some(), "--memory", flavor, "choose a flavor with `--flavor`"),
            (
                self.restart.is_some(),
                "--restart",
                "Nova restarts no container instance by policy",
                "use `--for zun`, `docker-engine` or `vm`",
            ),
            (
                !self.volumes.is_empty(),
                "--volume",
                "container instances (nova-docker) cannot attach Cinder volumes",
                ZUN_OR_VM_VOLUMES,
            ),
            (
                !self.publish.is_empty(),
                "--publish",
                "the container has its own Neutron port and address: nothing publishes ports",
                "reach the container on its address; filter with security groups",
            ),
        ]
    }

    fn zun_cannot(&self) -> Vec<Cannot<'static>> {
        vec![
            (
                self.flavor.is_some(),
                "--flavor",
                "Zun sizes the container itself",
                "drop `--flavor`; `--cpu` and `--memory` size the container",
            ),
            (
                self.no_network,
                "--no-network",
                "a Zun container always has a Neutron port",
                "drop `--no-network`, or name the network with `--network`",
            ),
            (
                !self.publish.is_empty(),
                "--publish",
                "the container has its own Neutron port and address: nothing publishes ports",
                "reach the container on its address; filter with security groups",
            ),
        ]
    }

    fn docker_engine_cannot(&self) -> Vec<Cannot<'static>> {
        vec![
            (
                self.flavor.is_some(),
                "--flavor",
                "no Nova server is made, so there is no flavor",
                "drop `--flavor`; `--memory` limits the container",
            ),
            (
                !self.networks.is_empty() || self.no_network,
                "--network",
                "the Docker plugin has no network property: the container joins the engine's default network",
                "drop `--network`; use `--for zun` or `--for vm` for Neutron networks",
            ),
            (
                self.cpu.is_some(),
                "--cpu",
                "the Docker plugin has no CPU limit, only `cpu_shares` (a relative weight) and `cpu_set`",
                "drop `--cpu`, or use `--for zun` or `--for vm` (docker run --cpus)",
            ),
            (
                self.restart == Some(Restart::UnlessStopped),
                "--restart unless-stopped",
                "the Docker plugin accepts only no, always and on-failure",
                "use `--restart always`",
            ),
            (
                !self.volumes.is_empty(),
                "--volume",
                "the Docker plugin binds directories of the engine's host, not Cinder volumes",
                ZUN_OR_VM_VOLUMES,
            ),
            (
                self.publish.iter().any(|p| p.protocol != "tcp"),
                "--publish .../udp",
                "the Docker plugin exposes TCP ports only (its `port_specs`)",
                "publish TCP ports, or use `--for vm`",
            ),
        ]
    }

    fn vm_cannot(&self) -> Vec<Cannot<'static>> {
        vec![(
            !self.volumes.is_empty(),
            "--volume",
            "berth's vm template attaches no volume to the VM (the container would need it mounted inside the VM first)",
            "use `--for zun`, which mounts Cinder volumes, or add OS::Cinder::VolumeAttachment to the template",
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_as_typed() {
        assert_eq!("on-failure:3".parse(), Ok(Restart::OnFailure(Some(3))));
        assert_eq!(Restart::OnFailure(Some(3)).to_string(), "on-failure:3");
        assert!("sometimes".parse::<Restart>().is_err());
        assert_eq!("512".parse::<Memory>().unwrap().bytes, 512 << 20);
        assert_eq!("1g".parse::<Memory>().unwrap().mib(), 1024);
        assert_eq!("268435456b".parse::<Memory>().unwrap().mib(), 256);
        assert!("1".parse::<Memory>().is_err() && "12x".parse::<Memory>().is_err());
        assert!("99999999999999999999g".parse::<Memory>().is_err());
        assert_eq!("10:/data".parse(), Ok(Volume { source: VolumeSource::Size(10), path: "/data".into() }));
        assert_eq!(
            "0b1c3e5a-0000-4000-8000-000000000001:/srv".parse::<Volume>().unwrap().source,
            VolumeSource::Existing("0b1c3e5a-0000-4000-8000-000000000001".into())
        );
        assert!(
            "10:data".parse::<Volume>().is_err()
                && "0:/d".parse::<Volume>().is_err()
                && "/d".parse::<Volume>().is_err()
        );
        let p: Publish = "127.0.0.1:8080:80/udp".parse().unwrap();
        assert_eq!(
            (p.ip.as_deref(), p.host, p.container, p.container_key()),
            (Some("127.0.0.1"), 8080, 80, "80/udp".into())
        );
        assert_eq!("8080:80".parse::<Publish>().unwrap().docker_arg(), "8080:80/tcp");
        assert!(
            "80".parse::<Publish>().is_err()
                && "x:1:2".parse::<Publish>().is_err()
                && "1:2/sctp".parse::<Publish>().is_err()
        );
    }

    #[test]
    fn each_path_refuses_what_it_cannot_do() {
        let spec = Spec { volumes: vec!["1:/d".parse().unwrap()], flavor: Some("m1.tiny".into()), ..Spec::default() };
        assert!(spec.refusals(Kind::Zun).iter().any(|f| f.message.contains("`--flavor`")));
        assert!(spec.refusals(Kind::NovaDocker)[0].message.contains("cannot attach Cinder volumes"));
        let spec = Spec { flavor: Some("m1.tiny".into()), volumes: vec!["1:/d".parse().unwrap()], ..Spec::default() };
        let zun = Spec { volumes: spec.volumes.clone(), ..Spec::default() };
        assert!(zun.refusals(Kind::Zun).is_empty());
        let engine = Spec { ..Spec::default() };
        assert!(engine.refusals(Kind::DockerEngine)[0].message.contains("needs `--docker-endpoint`"));
        let vm = Spec { flavor: Some("f".into()), ..Spec::default() };
        assert!(vm.refusals(Kind::Vm)[0].message.contains("needs `--vm-image`"));
    }
}
