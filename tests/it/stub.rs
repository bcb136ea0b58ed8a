//! Small HTTP servers of the tests' own, for what no real service does on demand: a Keystone that redirects the
//! password elsewhere, a registry naming a hostile token realm, a body that never ends. Each listens on a
//! loopback address of its own choice (Linux routes all of 127.0.0.0/8 to `lo`), so a "foreign host" in a test is
//! another 127.0.0.x: no test traffic ever leaves the machine. Every request is recorded, with its body, so a test
//! can assert that nothing (no password, no token) arrived where it must not.
//!
//! [`Stub::start_tls`] serves https with a self-signed certificate (made once with `openssl`; berth is run with
//! `--insecure`/`--registry-insecure`) and plain http on the same port, told apart by the first byte.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, OnceLock};

/// One request a stub received.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Names lowercase.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Came over TLS.
    pub tls: bool,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The whole request as text, to search for a secret.
    pub fn text(&self) -> String {
        let headers: Vec<String> = self.headers.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("{} {}\n{}\n\n{}", self.method, self.path, headers.join("\n"), String::from_utf8_lossy(&self.body))
    }
}

/// What a stub answers.
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    /// Without Content-Length, until the client goes away (or 64 MiB: more than any cap of berth's, and a
    /// berth without caps must not eat the shared machine's memory).
    Endless,
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: Body::Bytes(Vec::new()) }
    }

    pub fn json(status: u16, value: &serde_json::Value) -> Reply {
        Reply::status(status).header("Content-Type", "application/json").body(value.to_string().into_bytes())
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).header("Location", location)
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: Vec<u8>) -> Reply {
        self.body = Body::Bytes(body);
        self
    }

    /// A body that does not end (spaces, which keep a JSON document open), without Content-Length.
    pub fn endless(mut self) -> Reply {
        self.body = Body::Endless;
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A server on `ip:port`; it lives as long as the test process (its thread blocks in `accept`).
pub struct Stub {
    pub ip: String,
    pub port: u16,
    seen: Arc<Mutex<Vec<Request>>>,
}

impl Stub {
    /// Plain http on `ip` (e.g. `127.0.0.2`), an ephemeral port.
    pub fn start(ip: &str, handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Stub {
        Stub::listen(ip, None, Arc::new(handler))
    }

    /// https (a self-signed certificate) and plain http on the same port.
    pub fn start_tls(ip: &str, handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Stub {
        Stub::listen(ip, Some(tls_config()), Arc::new(handler))
    }

    /// A stub that answers 404 to everything and records what arrives: a place nothing may reach.
    pub fn trap(ip: &str) -> Stub {
        Stub::start(ip, |_| Reply::status(404))
    }

    fn listen(ip: &str, tls: Option<Arc<rustls::ServerConfig>>, handler: Arc<Handler>) -> Stub {
        let listener = TcpListener::bind((ip, 0)).unwrap_or_else(|e| panic!("binding {ip}: {e}"));
        let port = listener.local_addr().unwrap().port();
        let seen: Arc<Mutex<Vec<Request>>> = Arc::default();
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, log, tls) = (handler.clone(), log.clone(), tls.clone());
                std::thread::spawn(move || connection(stream, tls, &*handler, &log));
            }
        });
        Stub { ip: ip.to_string(), port, seen }
    }

    /// `ip:port`.
    pub fn addr(&self) -> String {
        format!("{}:{}", self.ip, self.port)
    }

    pub fn http(&self) -> String {
        format!("http://{}", self.addr())
    }

    pub fn https(&self) -> String {
        format!("https://{}", self.addr())
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<Request> {
        self.seen.lock().unwrap().clone()
    }
}

fn connection(stream: TcpStream, tls: Option<Arc<rustls::ServerConfig>>, handler: &Handler, log: &Mutex<Vec<Request>>) {
    let mut first = [0u8; 1];
    let is_tls = stream.peek(&mut first).is_ok() && first[0] == 0x16;
    match (is_tls, tls) {
        (true, Some(cfg)) => {
            let conn = rustls::ServerConnection::new(cfg).unwrap();
            let mut s = rustls::StreamOwned::new(conn, stream);
            serve(&mut s, true, handler, log);
            s.conn.send_close_notify();
            let _ = s.flush();
        }
        // A TLS probe of a plain-http stub: close, as a server that does not speak TLS would look to a client.
        (true, None) => {}
        (false, _) => {
            let mut s = stream;
            serve(&mut s, false, handler, log);
        }
    }
}

/// One request on `s`, answered, then the connection closes.
fn serve(s: &mut (impl Read + Write), tls: bool, handler: &Handler, log: &Mutex<Vec<Request>>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut scanned = 0;
    let head_end = loop {
        if let Some(i) = buf[scanned..].windows(4).position(|w| w == b"\r\n\r\n") {
            break scanned + i;
        }
        scanned = buf.len().saturating_sub(3);
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next().unwrap_or("").split(' ');
    let method = start.next().unwrap_or("").to_string();
    let path = start.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize =
        headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    let request = Request { method, path, headers, body, tls };
    let reply = handler(&request);
    log.lock().unwrap().push(request);
    let mut out = format!("HTTP/1.1 {} Stub\r\nConnection: close\r\n", reply.status);
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    match reply.body {
        Body::Bytes(b) => {
            out.push_str(&format!("Content-Length: {}\r\n\r\n", b.len()));
            let _ = s.write_all(out.as_bytes()).and_then(|()| s.write_all(&b)).and_then(|()| s.flush());
        }
        Body::Endless => {
            out.push_str("\r\n");
            let spaces = vec![b' '; 64 * 1024];
            let _ = s.write_all(out.as_bytes());
            for _ in 0..1024 {
                if s.write_all(&spaces).and_then(|()| s.flush()).is_err() {
                    return;
                }
            }
        }
    }
}

/// A self-signed certificate for 127.0.0.2 and 127.0.0.3, made once per test run with `openssl`.
fn tls_config() -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    static CONFIG: OnceLock<Arc<rustls::ServerConfig>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
            let st = std::process::Command::new("openssl")
                .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"])
                .args(["-days", "1", "-subj", "/CN=127.0.0.2"])
                .args(["-addext", "subjectAltName=IP:127.0.0.2,IP:127.0.0.3"])
                .arg("-keyout")
                .arg(&key)
                .arg("-out")
                .arg(&cert)
                .stderr(std::process::Stdio::null())
                .status()
                .expect("running openssl (the dev environment installs it)");
            assert!(st.success(), "openssl could not make a test certificate");
            let certs: Vec<CertificateDer<'static>> =
                CertificateDer::pem_file_iter(&cert).unwrap().map(Result::unwrap).collect();
            let key = PrivateKeyDer::from_pem_file(&key).unwrap();
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let cfg = rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .unwrap();
            Arc::new(cfg)
        })
        .clone()
}

/// A Keystone v3 token answer whose catalog lists `endpoints` (`(type, url)`), valid for an hour.
pub fn keystone_token(endpoints: &[(&str, &str)]) -> Reply {
    let expires = (std::time::SystemTime::now() + std::time::Duration::from_secs(3600))
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let expires_at = jiff::Timestamp::from_second(expires as i64).unwrap().to_string();
    let catalog: Vec<serde_json::Value> = endpoints
        .iter()
        .map(|(kind, url)| {
            serde_json::json!({"type": kind, "name": kind, "id": kind,
                "endpoints": [{"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": url, "id": "e"}]})
        })
        .collect();
    let body = serde_json::json!({"token": {
        "expires_at": expires_at, "issued_at": expires_at, "methods": ["password"],
        "user": {"id": "u", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        "project": {"id": "p", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        "roles": [{"id": "r", "name": "member"}],
        "catalog": catalog,
    }});
    Reply::json(201, &body).header("X-Subject-Token", "stub-token-0123456789")
}
