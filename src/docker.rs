//! The local Docker engine, for `image sync --from-daemon`: where it listens (`DOCKER_HOST`), what an image is
//! (`docker image inspect`), and its `docker save` archive as a byte stream. Through bollard, over a unix socket
//! or plain tcp; the API version is negotiated down to the engine's.

use std::time::Duration;

use bollard::Docker;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};

use crate::error::{ExitCode, Failure};
use crate::registry::Platform;

/// The engine's socket when `DOCKER_HOST` is not set.
pub const DEFAULT_SOCKET: &str = "/var/run/docker.sock";

/// Where the engine listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A unix socket's path.
    Unix(String),
    /// `host:port` of a plain-HTTP engine.
    Tcp(String),
}

impl std::fmt::Display for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Host::Unix(path) => write!(f, "unix://{path}"),
            Host::Tcp(addr) => write!(f, "tcp://{addr}"),
        }
    }
}

const FORWARD_HINT: &str = "berth talks to an engine over a unix socket or plain tcp: forward a remote one's socket, e.g. \
    `ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock HOST` and `DOCKER_HOST=unix:///tmp/docker.sock`";

impl Host {
    /// Where the engine is, as the docker CLI reads `DOCKER_HOST` (unset or empty: the default socket). An
    /// engine that wants TLS (`DOCKER_TLS_VERIFY`, `https://`) or ssh is refused: berth has neither.
    pub fn from_env(docker_host: Option<&str>, tls_verify: Option<&str>) -> anyhow::Result<Host> {
        let value = docker_host.unwrap_or_default().trim();
        let unsupported = |why: String| -> anyhow::Error { Failure::usage(why).hint(FORWARD_HINT).into() };
        if value.is_empty() {
            return Ok(Host::Unix(DEFAULT_SOCKET.to_string()));
        }
        if let Some(path) = value.strip_prefix("unix://") {
            return Ok(Host::Unix(if path.is_empty() { DEFAULT_SOCKET.to_string() } else { path.to_string() }));
        }
        let Some(addr) = value.strip_prefix("tcp://").or_else(|| value.strip_prefix("http://")) else {
            let scheme = value.split_once("://").map_or(value, |(s, _)| s);
            return Err(unsupported(format!("`DOCKER_HOST={value}`: berth cannot reach an engine over `{scheme}`")));
        };
        if tls_verify.is_some_and(|v| !v.is_empty()) {
            return Err(unsupported(format!(
                "`DOCKER_HOST={value}` with `DOCKER_TLS_VERIFY` set: the engine wants TLS, which berth does not speak to engines"
            )));
        }
        let addr = addr.trim_end_matches('/');
        if addr.is_empty() || addr.contains('/') {
            return Err(Failure::usage(format!("`DOCKER_HOST={value}` is not `tcp://HOST:PORT`"))
                .hint("e.g. `DOCKER_HOST=tcp://127.0.0.1:2375`, or `unix:///var/run/docker.sock`")
                .into());
        }
        // The docker CLI's default port for plain tcp.
        let has_port = addr.rsplit_once(':').is_some_and(|(h, p)| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (!h.contains(':') || h.ends_with(']'))
        });
        Ok(Host::Tcp(if has_port { addr.to_string() } else { format!("{addr}:2375") }))
    }
}

/// A local image as the engine describes it (`docker image inspect`).
#[derive(Debug, Clone)]
pub struct LocalImage {
    /// `sha256:<hex>`: the digest of its config, which `docker save` writes as `<hex>.json`.
    pub id: String,
    pub repo_tags: Vec<String>,
    /// `repo@sha256:...` of the registries it was pulled from or pushed to.
    pub repo_digests: Vec<String>,
    pub platform: Platform,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    /// The layers' diff_ids (`RootFS.Layers`), bottom first.
    pub diff_ids: Vec<String>,
    /// The size of its layers, as the engine counts it (about that of `docker save`'s archive).
    pub size: u64,
}

/// A connection to the engine.
pub struct Engine {
    docker: Docker,
    pub host: Host,
    net: crate::net::Options,
    /// The engine's own version and the API version agreed on.
    pub version: String,
    pub api_version: String,
}

/// What `docker save` may take before the engine answers: it stages the whole image first (Docker < 25), so
/// the wait grows with the image; an interrupted berth (Ctrl-C) stops waiting.
const SAVE_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

impl Engine {
    /// Connect and negotiate the API version; requests other than `save` give up after `--http-timeout`. Its
    /// requests are logged (`-v`) and reported to the `--timing` sink like every HTTP client's.
    pub async fn connect(host: Host, net: &crate::net::Options) -> anyhow::Result<Engine> {
        let secs = net.timeout.as_secs_f64().ceil().max(1.0) as u64;
        let start = std::time::Instant::now();
        let docker = match &host {
            Host::Unix(path) => Docker::connect_with_unix(path, secs, bollard::API_DEFAULT_VERSION),
            Host::Tcp(addr) => Docker::connect_with_http(&format!("tcp://{addr}"), secs, bollard::API_DEFAULT_VERSION),
        }
        .map_err(|e| unreachable_engine(&host, &e))?;
        let docker = docker.negotiate_version().await.map_err(|e| unreachable_engine(&host, &e))?;
        let info = docker.version().await.map_err(|e| unreachable_engine(&host, &e))?;
        record(net, &host, "GET", "/version", Some(200), start.elapsed());
        let version = info.version.unwrap_or_else(|| "?".into());
        let api = docker.client_version();
        let api_version = format!("{}.{}", api.major_version, api.minor_version);
        net.feedback.log(1, "docker", format_args!("engine {version} at `{host}`, API {api_version}"));
        Ok(Engine { docker, host, net: net.clone(), version, api_version })
    }

    /// The image `name` (a name, `name:tag`, `name@digest` or an ID) as the engine knows it.
    pub async fn inspect(&self, name: &str) -> anyhow::Result<LocalImage> {
        let start = std::time::Instant::now();
        let answer = self.docker.inspect_image(name).await;
        let status = match &answer {
            Ok(_) => Some(200),
            Err(bollard::errors::Error::DockerResponseServerError { status_code, .. }) => Some(*status_code),
            Err(_) => None,
        };
        record(&self.net, &self.host, "GET", &format!("/images/{name}/json"), status, start.elapsed());
        let i = answer.map_err(|e| match e {
            bollard::errors::Error::DockerResponseServerError { status_code: 404, .. } => {
                Failure::new(ExitCode::Failure, format!("the Docker engine at `{}` has no image `{name}`", self.host))
                    .hint("`docker images` lists its images (is `DOCKER_HOST` the engine that built it?); an image in a registry is synced without `--from-daemon`")
                    .into()
            }
            e => self.failed(&format!("inspecting the image `{name}`"), &e),
        })?;
        let id = i.id.unwrap_or_default();
        let (Some(os), Some(architecture)) = (i.os.filter(|s| !s.is_empty()), i.architecture.filter(|s| !s.is_empty()))
        else {
            return Err(anyhow::anyhow!(
                "the Docker engine at `{}` gives no OS or architecture for the image `{name}` (`{id}`)",
                self.host
            ));
        };
        let variant = i.variant.filter(|v| !v.is_empty());
        let config = i.config.unwrap_or_default();
        Ok(LocalImage {
            id,
            repo_tags: i.repo_tags.unwrap_or_default(),
            repo_digests: i.repo_digests.unwrap_or_default(),
            platform: Platform::new(&os, &architecture, variant.as_deref()),
            entrypoint: config.entrypoint.unwrap_or_default(),
            cmd: config.cmd.unwrap_or_default(),
            diff_ids: i.root_fs.and_then(|r| r.layers).unwrap_or_default(),
            size: i.size.unwrap_or(0).max(0) as u64,
        })
    }

    /// `docker save` of the image with this ID, as it streams from the engine.
    pub fn save(&self, id: &str) -> impl Stream<Item = anyhow::Result<Bytes>> + Send + 'static {
        let mut docker = self.docker.clone();
        docker.set_timeout(SAVE_TIMEOUT);
        let host = self.host.clone();
        let what = format!("reading `docker save` of `{id}`");
        // The export is timed whole: from the request to the end of its stream (or its error).
        let (net, path, start) = (self.net.clone(), format!("/images/{id}/get"), std::time::Instant::now());
        let mut recorded = false;
        let stream = docker.export_image(id).map(move |r| r.map_err(|e| failed(&host, &what, &e)));
        let timer_host = self.host.clone();
        stream.chain(futures_util::stream::poll_fn(move |_| {
            if !recorded {
                recorded = true;
                record(&net, &timer_host, "GET", &path, Some(200), start.elapsed());
            }
            std::task::Poll::Ready(None)
        }))
    }

    fn failed(&self, what: &str, e: &bollard::errors::Error) -> anyhow::Error {
        failed(&self.host, what, e)
    }
}

/// A request to the engine for `--timing` (the URL names the engine as `docker:HOST`).
fn record(net: &crate::net::Options, host: &Host, method: &str, path: &str, status: Option<u16>, elapsed: Duration) {
    net.timings.record(crate::net::Timing {
        method: method.to_string(),
        url: format!("docker:{host}{path}"),
        status,
        elapsed,
    });
}

/// An error of a request to an engine that answered before.
fn failed(host: &Host, what: &str, e: &bollard::errors::Error) -> anyhow::Error {
    match e {
        bollard::errors::Error::DockerResponseServerError { status_code, message } => {
            anyhow::anyhow!("{what}: the Docker engine at `{host}` answered HTTP {status_code}: {}", short(message))
        }
        e => anyhow::anyhow!("{what} from the Docker engine at `{host}`: {}", cause(e)),
    }
}

/// The engine cannot be reached, or is no engine: what happened and what to check.
fn unreachable_engine(host: &Host, e: &bollard::errors::Error) -> anyhow::Error {
    use bollard::errors::Error as E;
    let io = io_kind(e);
    let (why, hint) = match (e, io) {
        (E::SocketNotFoundError(_), _) | (_, Some(std::io::ErrorKind::NotFound)) => (
            "there is no such socket".to_string(),
            "is dockerd running? Set `DOCKER_HOST` to its socket (`unix:///path/docker.sock`) or address (`tcp://HOST:2375`)".to_string(),
        ),
        (_, Some(std::io::ErrorKind::ConnectionRefused)) => (
            "connection refused".to_string(),
            "is dockerd running, and listening there? Set `DOCKER_HOST` to its socket (`unix:///path/docker.sock`) or address (`tcp://HOST:2375`)".to_string(),
        ),
        (_, Some(std::io::ErrorKind::PermissionDenied)) => (
            "permission denied".to_string(),
            "use the engine's socket as root or as a member of its group (usually `docker`), or point `DOCKER_HOST` at one you may use".to_string(),
        ),
        (E::DockerResponseServerError { status_code, message }, _) => (
            format!("it answered HTTP {status_code} ({}) where an engine gives its version", short(message)),
            "`DOCKER_HOST` names something that is not a Docker engine".to_string(),
        ),
        (E::RequestTimeoutError, _) => (
            "it did not answer in time".to_string(),
            "is dockerd running and healthy? `--http-timeout` sets the wait".to_string(),
        ),
        (e, _) => (cause(e), "is dockerd running? Set `DOCKER_HOST` to its socket (`unix:///path/docker.sock`) or address (`tcp://HOST:2375`)".to_string()),
    };
    Failure::new(ExitCode::Failure, format!("cannot reach the Docker engine at `{host}`: {why}")).hint(hint).into()
}

/// A server's message, on one line and not too long to read.
fn short(message: &str) -> String {
    let line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(160) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line,
    }
}

/// The innermost cause's text: bollard's own messages wrap it in words about its HTTP client.
fn cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last: &dyn std::error::Error = e;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

fn io_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut at: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = at {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        at = err.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(v: Option<&str>) -> anyhow::Result<Host> {
        Host::from_env(v, None)
    }

    #[test]
    fn docker_host_as_the_docker_cli_reads_it() {
        assert_eq!(host(None).unwrap(), Host::Unix("/var/run/docker.sock".into()));
        assert_eq!(host(Some("")).unwrap(), Host::Unix("/var/run/docker.sock".into()));
        assert_eq!(
            host(Some("unix:///run/user/1000/docker.sock")).unwrap(),
            Host::Unix("/run/user/1000/docker.sock".into())
        );
        assert_eq!(host(Some("tcp://127.0.0.1:2375")).unwrap(), Host::Tcp("127.0.0.1:2375".into()));
        assert_eq!(host(Some("tcp://docker.example")).unwrap(), Host::Tcp("docker.example:2375".into()));
        assert_eq!(host(Some("tcp://[::1]:2380/")).unwrap(), Host::Tcp("[::1]:2380".into()));
        assert_eq!(host(Some("tcp://[::1]")).unwrap(), Host::Tcp("[::1]:2375".into()));
        assert_eq!(host(Some("http://10.0.0.1:2375")).unwrap().to_string(), "tcp://10.0.0.1:2375");
        assert_eq!(Host::Unix("/x.sock".into()).to_string(), "unix:///x.sock");
    }

    #[test]
    fn engines_berth_cannot_speak_to_are_usage_errors_with_a_way_out() {
        for (v, tls, says) in [
            ("ssh://me@box", None, "over `ssh`"),
            ("https://box:2376", None, "over `https`"),
            ("npipe:////./pipe/docker_engine", None, "over `npipe`"),
            ("tcp://box:2376", Some("1"), "wants TLS"),
            ("tcp://box:2375/v1", None, "is not `tcp://HOST:PORT`"),
        ] {
            let e = Host::from_env(Some(v), tls).unwrap_err();
            assert_eq!(crate::error::exit_code(&e), ExitCode::Usage, "{v}");
            assert!(e.to_string().contains(says), "{v}: {e}");
            assert!(crate::error::failure(&e).unwrap().hint.is_some());
        }
        // DOCKER_TLS_VERIFY empty counts as unset, as in the docker CLI.
        assert!(Host::from_env(Some("tcp://box:2375"), Some("")).is_ok());
    }
}
