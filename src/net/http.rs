//! berth's one HTTP client: TLS settings (custom CA, insecure, client certificate), proxies from the
//! environment, timeouts, a User-Agent, request logging with secrets redacted, per-request timing, and retries
//! of idempotent requests (see [`super::retry`]).

use std::sync::Once;
use std::time::{Duration, Instant};

use anyhow::Context;
use reqwest::header::HeaderMap;
use reqwest::{RequestBuilder, Response};

use super::redact::redact_url;
use super::redirect::Redirects;
use super::retry::{self, Policy, Retried};
use super::timing::{Timing, Timings};
use super::transport::{self, chain};
use crate::error::Failure;
use crate::feedback::Feedback;

pub const USER_AGENT: &str = concat!("berth/", env!("CARGO_PKG_VERSION"));

/// Headers whose values are credentials.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "x-auth-token",
    "x-subject-token",
    "x-service-token",
    // Keystone's proof of the factors already given (multi-factor rules): with the missing one, it is a token.
    "openstack-auth-receipt",
    "cookie",
    "set-cookie",
];

/// TLS settings for one client.
#[derive(Debug, Clone, Default)]
pub struct TlsOptions {
    /// Extra CA bundle (PEM), trusted in addition to the system's roots.
    pub cacert: Option<std::path::PathBuf>,
    /// Client certificate and key (PEM).
    pub cert: Option<std::path::PathBuf>,
    pub key: Option<std::path::PathBuf>,
    pub insecure: bool,
}

pub struct Http {
    /// The redirects this client follows unless a request asks for another policy ([`Http::client_with`]).
    redirects: Redirects,
    client: reqwest::Client,
    /// The clients of the other redirect policies and the upload client, built on first use: every client loads
    /// the system's CA certificates (hundreds of files), and most commands need neither.
    others: [std::sync::OnceLock<reqwest::Client>; Redirects::ALL.len()],
    upload_client: std::sync::OnceLock<reqwest::Client>,
    build: Box<dyn Fn(Option<Duration>, Redirects) -> anyhow::Result<reqwest::Client> + Send + Sync>,
    /// `--http-timeout`: the idle-read timeout of every client but the upload one.
    timeout: Duration,
    feedback: Feedback,
    timings: Timings,
    retry: Policy,
}

/// Which failures [`Http::send_with`] retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Transport failures and retryable answers (429, 5xx), for idempotent requests.
    All,
    /// Retryable answers only: a transport failure is returned at once, e.g. to a caller that tries another
    /// scheme next.
    Answers,
    /// Nothing: the request is sent once.
    Never,
}

fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only if another provider was installed first, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

fn read_pem(path: &std::path::Path, what: &str, flag: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Failure::usage(format!("cannot read the {what} `{}`: {e}", path.display()))
            .hint(format!("fix the path given by {flag}"))
            .into()
    })
}

impl Http {
    /// A client with `tls`, reporting to `opts`' feedback and timing sink, retrying as `opts.retry` says, and
    /// following the redirects `redirects` allows (see [`super::redirect`]).
    pub fn new(tls: &TlsOptions, opts: &super::Options, redirects: Redirects) -> anyhow::Result<Http> {
        let timeout = opts.timeout;
        install_crypto_provider();
        let mut certs = Vec::new();
        if let Some(ca) = &tls.cacert {
            let pem = read_pem(ca, "CA bundle", "`--os-cacert`, `OS_CACERT` or `cacert` in clouds.yaml")?;
            certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| Failure::usage(format!("`{}` is not a PEM CA bundle: {e}", ca.display())))?;
            if certs.is_empty() {
                return Err(Failure::usage(format!("`{}` holds no PEM certificate", ca.display())).into());
            }
        }
        let identity = match (&tls.cert, &tls.key) {
            (Some(cert), key) => {
                let mut pem = read_pem(cert, "client certificate", "`--os-cert`, `OS_CERT` or `cert`")?;
                if let Some(key) = key {
                    pem.push(b'\n');
                    pem.extend(read_pem(key, "client key", "`--os-key`, `OS_KEY` or `key`")?);
                }
                Some(reqwest::Identity::from_pem(&pem).map_err(|e| {
                    Failure::usage(format!("cannot use the client certificate `{}`: {e}", cert.display()))
                        .hint("give the certificate and its key as PEM (`cert` and `key`)")
                })?)
            }
            (None, Some(_)) => {
                return Err(Failure::usage("a client key was given without a client certificate")
                    .hint("set `--os-cert`/`OS_CERT`/`cert` too")
                    .into());
            }
            (None, None) => None,
        };
        let insecure = tls.insecure;
        let build = move |read_timeout: Option<Duration>, redirects: Redirects| -> anyhow::Result<reqwest::Client> {
            let mut b = reqwest::Client::builder()
                .user_agent(USER_AGENT)
                .redirect(redirects.policy())
                .tls_backend_rustls()
                .connect_timeout(timeout.min(Duration::from_secs(10)))
                .tls_danger_accept_invalid_certs(insecure);
            if let Some(t) = read_timeout {
                b = b.read_timeout(t);
            }
            if !certs.is_empty() {
                b = b.tls_certs_merge(certs.clone());
            }
            if let Some(id) = &identity {
                b = b.identity(id.clone());
            }
            b.build().context("setting up the HTTP client")
        };
        Ok(Http {
            redirects,
            client: build(Some(timeout), redirects)?,
            others: Default::default(),
            upload_client: std::sync::OnceLock::new(),
            build: Box::new(build),
            timeout,
            feedback: opts.feedback.clone(),
            timings: opts.timings.clone(),
            retry: opts.retry,
        })
    }

    pub fn retry_policy(&self) -> Policy {
        self.retry
    }

    /// A client without a read timeout, for requests whose body takes long to send: the server answers only
    /// after the last byte, so an idle-read timeout would cut every upload longer than `--http-timeout`.
    pub fn upload_client(&self) -> anyhow::Result<&reqwest::Client> {
        if let Some(c) = self.upload_client.get() {
            return Ok(c);
        }
        let built = (self.build)(None, self.redirects)?;
        Ok(self.upload_client.get_or_init(|| built))
    }

    /// The client, following the redirects this `Http` was made with.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// A client following the redirects `redirects` allows, for requests that need another policy than this
    /// `Http`'s own (e.g. the registry's blob downloads, which may go to a CDN).
    pub fn client_with(&self, redirects: Redirects) -> anyhow::Result<&reqwest::Client> {
        if redirects == self.redirects {
            return Ok(&self.client);
        }
        let slot = &self.others[redirects.index()];
        if let Some(c) = slot.get() {
            return Ok(c);
        }
        let built = (self.build)(Some(self.timeout), redirects)?;
        Ok(slot.get_or_init(|| built))
    }

    /// Send a request, retrying an idempotent one (GET, HEAD, DELETE) on connection failures, resets, timeouts,
    /// 429 and 5xx as the retry policy says. When the retries run out on an answer, that last answer is returned
    /// (with [`Retried`] in its extensions); on a transport failure, the error says how many retries it took.
    pub async fn send(&self, req: RequestBuilder) -> anyhow::Result<Response> {
        self.send_with(req, Retry::All).await
    }

    /// Send a request once, never retried (e.g. an upload whose body is a stream).
    pub async fn send_once(&self, req: RequestBuilder) -> anyhow::Result<Response> {
        self.send_with(req, Retry::Never).await
    }

    pub async fn send_with(&self, req: RequestBuilder, mode: Retry) -> anyhow::Result<Response> {
        let (client, req) = req.build_split();
        let req = req.context("building an HTTP request")?;
        let method = req.method().to_string();
        let url = redact_url(req.url());
        let retries = if mode == Retry::Never || !retry::idempotent(req.method()) { 0 } else { self.retry.retries };
        let mut next = Some(req);
        let mut n = 0;
        let result = loop {
            let current = next.take().expect("a request to send");
            // A copy for the next attempt; a body that cannot be copied (a stream) is sent once.
            next = if n < retries { current.try_clone() } else { None };
            let result = self.execute(&client, current).await;
            if next.is_none() {
                break result;
            }
            let (delay, why) = match &result {
                Ok(r) if retry::retryable_status(r.status()) => {
                    let status = r.status();
                    let Some(wait) = self.retry.wait(n, status, r.headers()) else {
                        self.feedback.log(
                            1,
                            "http",
                            format_args!(
                                "{method} {url} answered {status} with a Retry-After longer than berth waits ({} s): not retrying",
                                self.retry.max_retry_after.as_secs()
                            ),
                        );
                        break result;
                    };
                    (
                        wait.delay,
                        if wait.told {
                            format!("{status}; its Retry-After says {}", retry::shown(wait.delay))
                        } else {
                            status.to_string()
                        },
                    )
                }
                Err(e) if mode == Retry::All && retry::retryable_error(e) => (self.retry.backoff(n), chain(e)),
                _ => break result,
            };
            n += 1;
            self.feedback.log(
                1,
                "http",
                format_args!("retry {n}/{retries} of {method} {url} in {} ({why})", retry::shown(delay)),
            );
            drop(result);
            tokio::time::sleep(delay).await;
        };
        match result {
            Ok(mut r) => {
                r.extensions_mut().insert(Retried(n));
                Ok(r)
            }
            Err(e) => Err(transport::failure(&method, &url, &e, n)),
        }
    }

    /// One attempt: logged (`-v`: method, URL, status, time; `-vv`: headers, secrets redacted) and timed.
    async fn execute(&self, client: &reqwest::Client, req: reqwest::Request) -> Result<Response, reqwest::Error> {
        let method = req.method().to_string();
        let url = redact_url(req.url());
        if self.feedback.logs(2) {
            self.feedback.log(2, "http", format_args!("> {method} {url}"));
            self.log_headers(">", req.headers());
        }
        let start = Instant::now();
        let result = client.execute(req).await;
        let elapsed = start.elapsed();
        let status = result.as_ref().ok().map(|r| r.status().as_u16());
        match &result {
            Ok(r) => self.feedback.log(
                1,
                "http",
                format_args!("{method} {url} -> {} ({} ms)", r.status().as_u16(), elapsed.as_millis()),
            ),
            Err(e) => self.feedback.log(
                1,
                "http",
                format_args!("{method} {url} -> failed after {} ms: {}", elapsed.as_millis(), chain(e)),
            ),
        }
        if let Ok(r) = &result
            && self.feedback.logs(2)
        {
            self.log_headers("<", r.headers());
        }
        self.timings.record(Timing { method, url, status, elapsed });
        result
    }

    /// The feedback this client logs to (`-v`).
    pub fn feedback(&self) -> &Feedback {
        &self.feedback
    }

    fn log_headers(&self, dir: &str, headers: &HeaderMap) {
        for (name, value) in headers {
            let shown = if SECRET_HEADERS.contains(&name.as_str()) {
                "<redacted>".to_string()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            self.feedback.log(2, "http", format_args!("{dir} {name}: {shown}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_cacert_is_a_usage_error() {
        let tls = TlsOptions { cacert: Some("/nonexistent/ca.pem".into()), ..Default::default() };
        let e = Http::new(&tls, &crate::net::Options::default(), Redirects::SameOrigin).err().unwrap();
        assert_eq!(crate::error::exit_code(&e), crate::error::ExitCode::Usage);
        assert!(e.to_string().contains("/nonexistent/ca.pem"));
    }
}
