//! A cluster created for real and followed to its end: on this fake-driver cloud the Heat stack makes the
//! networks, security groups and load balancer resources, then waits for the masters' software deployments,
//! which never signal; at the create timeout (2 minutes here) the stack fails. Then its kubeconfig, with a CSR
//! signed by the real conductor, and its deletion.

use std::process::Command;

use super::template;
use crate::common::{demo, unique};

#[test]
fn cluster_create_is_followed_to_create_failed_with_the_reason_then_config_and_delete() {
    let b = demo();
    let template = template(&b);

    // The preflight of the cluster: a keypair that does not exist is refused before Magnum sees it.
    let name = unique("cl");
    let refused =
        b.run(&["coe", "cluster", "create", &name, "--template", &template, "--keypair", "no-such-keypair"]).code(2);
    assert!(refused.stderr.contains("magnum.keypair"), "{}", refused.stderr);
    b.run(&["coe", "cluster", "create", &name, "--template", "no-such-template"]).code(2);

    let start = std::time::Instant::now();
    let out =
        b.run(&["coe", "cluster", "create", &name, "--template", &template, "--timeout", "2", "--wait", "-o", "json"]);
    let took = start.elapsed();
    assert_eq!(out.code, 1, "stdout {}\nstderr {}", out.stdout, out.stderr);
    // Followed: the cluster's status and its stack's events as they happened.
    assert!(out.stderr.contains("CREATE_IN_PROGRESS"), "{}", out.stderr);
    assert!(out.stderr.contains("Stack CREATE started"), "{}", out.stderr);
    assert!(out.stderr.contains("kube_masters"), "{}", out.stderr);
    // The end, with the reason: the stack's timeout and the failing resources.
    assert!(out.stderr.contains(&format!("error: cluster `{name}`")), "{}", out.stderr);
    assert!(out.stderr.contains("CREATE_FAILED"), "{}", out.stderr);
    assert!(out.stderr.contains("Timed out"), "{}", out.stderr);
    // Magnum's own reason (it notices the stack's end when its workers' group failed too: with `--timeout 1` the
    // masters' group times out before the workers' exists, and Magnum 22's status sync then fails on
    // `node_addresses`; berth reports the stack's failure itself after a grace, which the unit tests cover).
    assert!(out.stderr.contains("default-master failed"), "{}", out.stderr);
    assert!(out.stderr.contains("SoftwareDeployment"), "{}", out.stderr);
    assert!(out.stderr.contains("resource `"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("berth coe cluster delete {name}")), "{}", out.stderr);
    eprintln!("cluster create --timeout 2 --wait ended after {:.0} s", took.as_secs_f64());
    let shown = b.run(&["coe", "cluster", "show", &name, "-o", "json"]).ok().json();
    assert_eq!(shown["name"], name.as_str());
    assert!(shown["stack_id"].is_string(), "{shown}");
    let listed = b.run(&["coe", "cluster", "list", "-o", "json"]).ok().json();
    assert!(listed.as_array().unwrap().iter().any(|c| c["name"] == name.as_str()));

    // Its kubeconfig: refused while the cluster is not complete; with --any-status, the real CA and a
    // certificate the conductor signed.
    let dir = b.home().join("kube");
    let refused = b.run(&["coe", "config", &name, "--dir", dir.to_str().unwrap()]).code(1);
    assert!(refused.stderr.contains("--any-status"), "{}", refused.stderr);
    assert!(!dir.join("config").exists());
    let out = b.run(&["coe", "config", &name, "--dir", dir.to_str().unwrap(), "--any-status"]).ok();
    let path = dir.join("config");
    assert_eq!(out.stdout.trim(), format!("export KUBECONFIG={}", std::fs::canonicalize(&path).unwrap().display()));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&path).unwrap();
    let field = |key: &str| -> Vec<u8> {
        let line = text.lines().find(|l| l.trim_start().starts_with(key)).unwrap_or_else(|| panic!("{key} in {text}"));
        let b64 = line.split_once(": ").unwrap().1.trim();
        let out = Command::new("base64")
            .arg("-d")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(b64.as_bytes())?;
                c.wait_with_output()
            });
        out.unwrap().stdout
    };
    let ca = b.home().join("ca.pem");
    let cert = b.home().join("cert.pem");
    std::fs::write(&ca, field("certificate-authority-data")).unwrap();
    std::fs::write(&cert, field("client-certificate-data")).unwrap();
    let verify = Command::new("openssl").args(["verify", "-CAfile"]).arg(&ca).arg(&cert).output().unwrap();
    assert!(verify.status.success(), "{}", String::from_utf8_lossy(&verify.stderr));
    let subject = Command::new("openssl").args(["x509", "-noout", "-subject", "-in"]).arg(&cert).output().unwrap();
    let subject = String::from_utf8_lossy(&subject.stdout).to_string();
    assert!(subject.contains("admin") && subject.contains("system:masters"), "{subject}");
    // Never clobbered without --force; replaced with it.
    let again = b.run(&["coe", "config", &name, "--dir", dir.to_str().unwrap(), "--any-status"]).code(2);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    b.run(&["coe", "config", &name, "--dir", dir.to_str().unwrap(), "--any-status", "--force"]).ok();
    assert_ne!(std::fs::read_to_string(&path).unwrap(), text);

    // --use-keystone: no certificate; the exec kubectl would run gives a token Keystone accepts.
    let kdir = b.home().join("kube-keystone");
    b.run(&["coe", "config", &name, "--dir", kdir.to_str().unwrap(), "--any-status", "--use-keystone"]).ok();
    let ks = std::fs::read_to_string(kdir.join("config")).unwrap();
    assert!(!ks.contains("client-certificate-data") && !ks.contains("client-key-data"), "{ks}");
    let doc: serde_json::Value = serde_yaml_ng::from_str(&ks).unwrap();
    let exec = &doc["users"][0]["user"]["exec"];
    assert_eq!(exec["command"], "/bin/sh");
    let berth = b.command(&[]);
    let bin_dir = std::path::Path::new(berth.get_program()).parent().unwrap().to_path_buf();
    let mut sh = Command::new("/bin/sh");
    sh.env_clear().current_dir(b.home());
    for (k, v) in berth.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    let path = format!("{}:/usr/bin:/bin", bin_dir.display());
    let cred = sh.env("PATH", path).arg("-c").arg(exec["args"][1].as_str().unwrap()).output().unwrap();
    assert!(cred.status.success(), "{}", String::from_utf8_lossy(&cred.stderr));
    let cred: serde_json::Value = serde_json::from_slice(&cred.stdout).unwrap();
    assert_eq!(cred["kind"], "ExecCredential");
    let token = cred["status"]["token"].as_str().unwrap();
    let user =
        crate::common::api(token, "GET", &format!("{}/auth/projects", crate::common::dev("BERTH_DEV_AUTH_URL")), None);
    assert!(user["projects"].is_array(), "{user}");

    let deleted = b.run(&["coe", "cluster", "delete", &name, "--wait", "--timeout", "300", "-o", "json"]);
    eprintln!("cluster delete: {} {}", deleted.code, deleted.stderr);
    assert_eq!(deleted.code, 0, "{}", deleted.stderr);
    b.run(&["coe", "cluster", "show", &name]).code(2);
    b.run(&["coe", "template", "delete", &template]).ok();
}

#[test]
fn ctrl_c_stops_the_wait_and_leaves_the_cluster() {
    use std::io::BufRead;
    let b = demo();
    let template = template(&b);
    let name = unique("cl");
    let mut child = b
        .command(&["coe", "cluster", "create", &name, "--template", &template, "--timeout", "2", "--wait"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut log = String::new();
    loop {
        let mut line = String::new();
        assert!(lines.read_line(&mut line).unwrap() > 0, "berth ended before the create was accepted:\n{log}");
        log.push_str(&line);
        if line.contains("create accepted") {
            break;
        }
    }
    std::thread::sleep(std::time::Duration::from_secs(2));
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut lines, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{log}{rest}");
    assert!(rest.contains("Magnum goes on with it"), "{rest}");
    assert!(rest.contains("berth coe cluster delete"), "{rest}");
    // The cluster is left, as said: still there, and deletable. Deleted this early, Magnum may not have recorded
    // its Heat stack yet (a delete then would drop the cluster and leave the stack): berth waits for it, so no
    // stack of the cluster is left.
    b.run(&["coe", "cluster", "show", &name]).ok();
    let deleted = b.run(&["coe", "cluster", "delete", &name, "--wait", "--timeout", "300"]).ok();
    eprintln!("cluster delete: {}", deleted.stderr);
    let stacks = b.run(&["stack", "list", "-o", "json"]).ok().json();
    let prefix = format!("{name}-");
    let left: Vec<&serde_json::Value> = stacks
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"].as_str().is_some_and(|n| n.starts_with(&prefix)))
        .collect();
    assert!(left.is_empty(), "the cluster's stack outlived it: {left:#?}");
    b.run(&["coe", "template", "delete", &template]).ok();
}
