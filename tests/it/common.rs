//! Shared by the integration tests that run the real `berth` binary against the dev environment's services.
//!
//! Each run gets an empty environment of its own (HOME and XDG dirs in a temp dir, no `OS_*`, `DOCKER_*` or
//! proxy variables from the developer), so tests never read the developer's config and run in parallel safely.
//! The services' addresses and credentials come from `$BERTH_DEV_STATE/env.sh`, which `devenv/test` sources:
//! a missing variable fails the test (a tier that did not run must not pass).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// A variable of the dev environment.
pub fn dev(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!(
            "`{name}` is not set: these tests need the dev environment. Run `devenv/test`, or \
             `devenv/berth-dev up && . \"$(devenv/berth-dev env)\" && cargo test`"
        ),
    }
}

/// The OpenStack release the dev environment runs (`devenv/berth-dev up --release`): where a test's expectation is
/// the release's own (Nova's newest microversion), it asks this.
pub fn release() -> String {
    dev("BERTH_DEV_RELEASE")
}

/// Nova's newest microversion in the dev environment's release.
pub fn nova_max_microversion() -> &'static str {
    match release().as_str() {
        "2024.1" => "2.96",
        "2026.2" => "2.104",
        r => panic!("no Nova microversion known for release `{r}`: add it here"),
    }
}

/// `export K=V` lines of an openrc file (quotes removed).
pub fn openrc(which: &str) -> Vec<(String, String)> {
    let path = Path::new(&dev("BERTH_DEV_OPENRC_DIR")).join(format!("openrc-{which}"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim_matches(|c| c == '\'' || c == '"').to_string()))
        .collect()
}

/// The seeded images: `$BERTH_DEV_SEED`'s `images`, keyed by `repository:tag`.
pub fn seed() -> Value {
    let path = dev("BERTH_DEV_SEED");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["images"].clone()
}

/// Run berth with `input` on stdin.
pub fn run_stdin(b: &Berth, args: &[&str], input: &str) -> Out {
    let mut child = b
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running berth");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().expect("waiting for berth");
    Out::checked(args, out)
}

/// A name no other test, parallel run or earlier run uses: `<prefix><pid>x<n>x<nanos>`.
pub fn unique(prefix: &str) -> String {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!(
        "{prefix}{}x{}x{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::SeqCst),
        nanos % 100_000
    )
}

/// Glance images with this exact name.
pub fn glance_images(b: &Berth, name: &str) -> Vec<Value> {
    let all = b.run(&["image", "list", "--all", "-o", "json"]).ok().json();
    all.as_array().unwrap().iter().filter(|i| i["name"] == name).cloned().collect()
}

/// `berth image show ID` as JSON.
pub fn show(b: &Berth, id: &str) -> Value {
    b.run(&["image", "show", id, "-o", "json"]).ok().json()
}

/// Download a Glance image's data, as the container driver does.
pub fn download(b: &Berth, id: &str, to: &Path) {
    let token = b.run(&["auth", "token", "-o", "value", "-c", "id"]).ok().stdout.trim().to_string();
    let st = Command::new("curl")
        .args(["-fsS", "-o"])
        .arg(to)
        .args(["-H", &format!("X-Auth-Token: {token}")])
        .arg(format!("{}/v2/images/{id}/file", dev("BERTH_DEV_IMAGE_URL")))
        .status()
        .unwrap();
    assert!(st.success(), "downloading image {id} failed");
}

/// The dev environment's docker client on its engine.
pub fn docker(args: &[&str]) -> std::process::Output {
    Command::new(dev("BERTH_DEV_DOCKER"))
        .args(args)
        .env("DOCKER_HOST", dev("BERTH_DEV_DOCKER_HOST"))
        .output()
        .expect("running docker")
}

#[track_caller]
pub fn docker_ok(args: &[&str]) -> String {
    let out = docker(args);
    assert!(out.status.success(), "docker {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// berth as the dev cloud's non-admin user, with its clouds.yaml.
pub fn demo() -> Berth {
    Berth::new().clouds().env("OS_CLOUD", "berth-demo")
}

/// berth as the dev cloud's demo user from a clouds.yaml of the test's own, with `extra` (indented YAML lines
/// such as `    image_endpoint_override: http://...\n`) added to the cloud; the password stays in secure.yaml.
pub fn demo_with(extra: &str) -> Berth {
    let b = Berth::new();
    let text = format!(
        "clouds:\n  berth-demo:\n    auth:\n      auth_url: {}\n      username: {}\n      project_name: {}\n      \
         user_domain_name: Default\n      project_domain_name: Default\n    region_name: {}\n    interface: public\n{extra}",
        dev("BERTH_DEV_AUTH_URL"),
        dev("BERTH_DEV_DEMO_USER"),
        dev("BERTH_DEV_DEMO_PROJECT"),
        dev("BERTH_DEV_REGION")
    );
    let path = b.home().join("clouds.yaml");
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap().to_string();
    b.env("OS_CLIENT_CONFIG_FILE", &p)
        .env("OS_CLIENT_SECURE_FILE", &dev("BERTH_DEV_SECURE_YAML"))
        .env("OS_CLOUD", "berth-demo")
}

/// `tests/tools/faultproxy.py` in front of a real service (its rules in `flags`); killed on drop. Every request
/// it saw is in [`FaultProxy::requests`].
pub struct FaultProxy {
    child: std::process::Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl FaultProxy {
    pub fn start(target: &str, flags: &[&str]) -> FaultProxy {
        use std::io::BufRead;
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools/faultproxy.py");
        let dir = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new(format!("{}/bin/python", dev("BERTH_DEV_VENV")))
            .arg(script)
            .arg(target)
            .args(flags)
            .arg("--log")
            .arg(dir.path().join("requests.jsonl"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting the fault proxy");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line
            .trim()
            .strip_prefix("port ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("fault proxy said {line:?}"));
        FaultProxy { child, port, dir }
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The requests the proxy answered so far, oldest first: `method`, `path`, `range`, `length` (the request's
    /// Content-Length, null when chunked), `status`, `bytes` (of body sent), `reset` (cut off on purpose),
    /// `injected` (answered by the proxy itself).
    pub fn requests(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(self.dir.path().join("requests.jsonl")).unwrap_or_default();
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Berth {
    home: tempfile::TempDir,
    envs: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct Out {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The dev environment's passwords and secrets: no output of berth may contain one, in any test.
fn secrets() -> Vec<String> {
    [
        "BERTH_DEV_ADMIN_PASSWORD",
        "BERTH_DEV_DEMO_PASSWORD",
        "BERTH_DEV_APPCRED_SECRET",
        "BERTH_DEV_REGISTRY_BASIC_PASSWORD",
        "BERTH_DEV_REGISTRY_TOKEN_PASSWORD",
    ]
    .iter()
    .filter_map(|k| std::env::var(k).ok().filter(|v| v.len() >= 8))
    .collect()
}

impl Out {
    /// The output of a finished berth, after checking that it shows no secret of the dev environment.
    #[track_caller]
    pub fn checked(args: &[&str], out: std::process::Output) -> Out {
        let o = Out {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        for secret in secrets() {
            assert!(
                !o.stdout.contains(&secret) && !o.stderr.contains(&secret),
                "berth {:?} printed a secret of the dev environment",
                o.args
            );
        }
        o
    }

    /// Assert exit code 0, showing everything when it is not.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "berth {:?} failed:\nstdout:\n{}\nstderr:\n{}", self.args, self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn code(self, want: i32) -> Self {
        assert_eq!(
            self.code, want,
            "berth {:?}: want exit {want}\nstdout:\n{}\nstderr:\n{}",
            self.args, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout of {:?} is not JSON ({e}):\n{}", self.args, self.stdout))
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(self.stderr.contains(needle), "stderr of {:?} lacks `{needle}`:\n{}", self.args, self.stderr);
        self
    }
}

impl Berth {
    /// A berth with a fresh, empty home.
    pub fn new() -> Berth {
        Berth { home: tempfile::tempdir().expect("temp dir"), envs: Vec::new() }
    }

    pub fn env(mut self, k: &str, v: &str) -> Berth {
        self.envs.push((k.to_string(), v.to_string()));
        self
    }

    pub fn envs(mut self, vars: &[(String, String)]) -> Berth {
        self.envs.extend(vars.iter().cloned());
        self
    }

    /// Use the dev environment's clouds.yaml and secure.yaml.
    pub fn clouds(self) -> Berth {
        let c = dev("BERTH_DEV_CLOUDS_YAML");
        let s = dev("BERTH_DEV_SECURE_YAML");
        self.env("OS_CLIENT_CONFIG_FILE", &c).env("OS_CLIENT_SECURE_FILE", &s)
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.home.path().join("cache/berth")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_berth"));
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("XDG_CACHE_HOME", self.home.path().join("cache"))
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .current_dir(self.home.path())
            .stdin(Stdio::null());
        for (k, v) in &self.envs {
            c.env(k, v);
        }
        c
    }

    pub fn run(&self, args: &[&str]) -> Out {
        let out = self.command(args).output().expect("running berth");
        Out::checked(args, out)
    }

    /// [`Berth::run`] of arguments built as `String`s.
    pub fn run_args(&self, args: &[String]) -> Out {
        self.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
    }

    /// Run berth on a pseudo-terminal (`script`), as a person at a shell, typing `input`; stdout and stderr both
    /// come back as `stdout` (a terminal has one stream).
    pub fn on_a_terminal(&self, args: &[&str], input: &str) -> Out {
        let quoted: Vec<String> = args.iter().map(|a| format!("'{}'", a.replace('\'', r"'\''"))).collect();
        let line = format!("{} {}", env!("CARGO_BIN_EXE_berth"), quoted.join(" "));
        // The same environment as `command` gives berth, around `script`.
        let berth = self.command(&[]);
        let mut script = Command::new("script");
        script.args(["-qec", &line, "/dev/null"]).env_clear().current_dir(self.home.path());
        for (k, v) in berth.get_envs() {
            if let Some(v) = v {
                script.env(k, v);
            }
        }
        let mut child =
            script.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("running script");
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().expect("waiting for script");
        Out::checked(args, out)
    }

    /// [`Berth::run`], but killed after `limit` (its code is then -1): for what must end by itself, so that a
    /// berth that would not does not hang the test run.
    pub fn run_for(&self, args: &[&str], limit: std::time::Duration) -> Out {
        let mut child =
            self.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("running berth");
        let deadline = std::time::Instant::now() + limit;
        while child.try_wait().expect("waiting for berth").is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Out::checked(args, child.wait_with_output().expect("waiting for berth"))
    }
}

/// Run `berth -v ARGS` (an image sync), send it SIGINT half a second after its Glance record exists (its `-v`
/// log says so: Glance itself may be too busy with the upload to ask), and return its exit code and whole log.
pub fn interrupt_once_the_record_exists(b: &Berth, args: &[&str]) -> (Option<i32>, String) {
    signal_once_the_record_exists(b, args, "INT")
}

/// [`interrupt_once_the_record_exists`] with another signal (`TERM`, `HUP`).
pub fn signal_once_the_record_exists(b: &Berth, args: &[&str], signal: &str) -> (Option<i32>, String) {
    signal_once_records_exist(b, args, signal, 1)
}

/// [`signal_once_the_record_exists`] once `records` Glance records exist (a fan-out makes one per destination).
pub fn signal_once_records_exist(b: &Berth, args: &[&str], signal: &str, records: usize) -> (Option<i32>, String) {
    let mut all = vec!["-v"];
    all.extend_from_slice(args);
    let mut child =
        b.command(&all).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let mut stderr_lines = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut log = String::new();
    let mut made = 0;
    loop {
        let mut line = String::new();
        let n = std::io::BufRead::read_line(&mut stderr_lines, &mut line).unwrap();
        assert!(n > 0, "berth ended before the Glance record existed:\n{log}");
        log.push_str(&line);
        if line.contains("POST http://") && line.contains("/v2/images -> 201") {
            made += 1;
            if made == records {
                break;
            }
        }
    }
    // The upload is under way: interrupt it.
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap().success());
    std::io::Read::read_to_string(&mut stderr_lines, &mut log).unwrap();
    (child.wait().unwrap().code(), log)
}

/// The catalog as the dev environment has it. A test that adds a service for a while (a `container` (Zun)
/// service) holds [`catalog_changed`]; a test whose assertions depend on that service's absence holds
/// [`catalog_as_is`], so that the two never run at once (the tests of the binary share one process).
static CATALOG: std::sync::RwLock<()> = std::sync::RwLock::new(());

pub fn catalog_as_is() -> std::sync::RwLockReadGuard<'static, ()> {
    CATALOG.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub fn catalog_changed() -> std::sync::RwLockWriteGuard<'static, ()> {
    CATALOG.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A token of the dev cloud's admin.
pub fn admin_token() -> String {
    Berth::new()
        .clouds()
        .env("OS_CLOUD", "berth-admin")
        .run(&["auth", "token", "-o", "value", "-c", "id"])
        .ok()
        .stdout
        .trim()
        .to_string()
}

/// An OpenStack API call with `token` (curl), its JSON answer (null when it has none); fails the test on an error.
pub fn api(token: &str, method: &str, url: &str, body: Option<Value>) -> Value {
    let mut c = Command::new("curl");
    c.args(["-fsS", "-X", method, "-H", &format!("X-Auth-Token: {token}"), "-H", "Content-Type: application/json"]);
    if let Some(b) = body {
        c.args(["-d", &b.to_string()]);
    }
    let out = c.arg(url).output().unwrap();
    assert!(out.status.success(), "curl {method} {url}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

/// Point `repo:tag` of the anonymous registry at the seeded `library/busybox:<from>`.
pub fn push(from: &str, to: &str) {
    let anon = dev("BERTH_DEV_REGISTRY_ANON");
    let st = Command::new("skopeo")
        .args(["copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false"])
        .arg(format!("docker://{anon}/library/busybox:{from}"))
        .arg(format!("docker://{anon}/{to}"))
        .stdout(Stdio::null())
        .status()
        .expect("running skopeo");
    assert!(st.success(), "skopeo copy {from} -> {to} failed");
}
