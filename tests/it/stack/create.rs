//! Stacks for real: a Docker plugin container in the dev engine, a nova-docker server, a stack that fails with
//! Heat's reason, `--timeout`, signals, update, events and outputs.

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Cleanup, berth, busybox, gone, listed, slow_template, stack, synced};
use crate::common::{dev, docker, docker_ok};

#[test]
fn a_docker_engine_stack_runs_a_real_container_and_its_delete_removes_it() {
    let b = berth();
    let mut cleanup = Cleanup::new();
    let name = cleanup.name();
    let word = crate::common::unique("w");
    let out = stack(
        &b,
        &[
            "create",
            &name,
            &busybox(),
            "--for",
            "docker-engine",
            "--docker-endpoint",
            &dev("BERTH_DEV_DOCKER_HOST"),
            "--env",
            &format!("BERTH_WORD={word}"),
            "--command",
            "sh -c 'echo \"hello $BERTH_WORD\"; exec sleep 3600'",
            "--memory",
            "64m",
            "--restart",
            "on-failure:2",
            "--wait",
            "-o",
            "json",
        ],
    )
    .ok();
    // stdout is the stack alone; the events went to stderr as they came.
    let s = out.json();
    assert_eq!(s["status"], "CREATE_COMPLETE", "{s}");
    assert!(out.stderr.contains("container (DockerInc::Docker::Container)  CREATE_COMPLETE"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("stack {name}  CREATE_COMPLETE")), "{}", out.stderr);
    let id = s["outputs"]["container_id"].as_str().unwrap().to_string();

    // docker ps shows it, named after the stack, with the stack's env, command and limits.
    let ps = docker_ok(&["ps", "--no-trunc", "--filter", &format!("id={id}"), "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.starts_with(&format!("{name} Up")), "{ps}");
    let inspect: Value = serde_json::from_str(&docker_ok(&["inspect", &id])).unwrap();
    let c = &inspect[0];
    assert!(c["Config"]["Env"].as_array().unwrap().contains(&Value::from(format!("BERTH_WORD={word}"))), "{c}");
    assert_eq!(c["HostConfig"]["Memory"], 64 << 20);
    assert_eq!(c["HostConfig"]["RestartPolicy"]["Name"], "on-failure");
    assert_eq!(docker_ok(&["exec", &id, "sh", "-c", "echo $BERTH_WORD"]).trim(), word);
    // The logs output, through Heat.
    let outputs = stack(&b, &["outputs", &name, "-o", "json"]).ok().json();
    let logs = outputs.as_array().unwrap().iter().find(|o| o["key"] == "logs").unwrap();
    assert_eq!(logs["value"], format!("hello {word}\n"));
    // Its events, oldest first, with the resource's type.
    let events = stack(&b, &["events", &name, "-o", "json"]).ok().json();
    let statuses: Vec<(&str, &str)> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["resource"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(statuses.first(), Some(&(name.as_str(), "CREATE_IN_PROGRESS")));
    assert_eq!(statuses.last(), Some(&(name.as_str(), "CREATE_COMPLETE")));
    assert!(events.as_array().unwrap().iter().any(|e| e["type"] == "DockerInc::Docker::Container"));

    stack(&b, &["delete", &name, "--wait"]).ok();
    assert!(listed(&b, &name).is_none());
    let gone = docker(&["inspect", &id]);
    assert!(!gone.status.success(), "the container is still there");
}

#[test]
fn a_nova_docker_stack_boots_the_server_with_its_env() {
    let b = berth();
    let (image, image_id) = synced(&b);
    let mut cleanup = Cleanup::new();
    let name = cleanup.name();
    let s = stack(
        &b,
        &[
            "create",
            &name,
            &image,
            "--for",
            "nova-docker",
            "--flavor",
            "m1.tiny",
            "--no-network",
            "--env",
            "GREETING=hello",
            "--wait",
            "-o",
            "json",
        ],
    )
    .ok()
    .json();
    assert_eq!(s["status"], "CREATE_COMPLETE", "{s}");
    let server = b.run(&["server", "show", s["outputs"]["server_id"].as_str().unwrap(), "-o", "json"]).ok().json();
    assert_eq!(server["status"], "ACTIVE");
    assert_eq!(server["name"], name.as_str());
    assert_eq!(server["image"], image_id.as_str());
    assert_eq!(server["metadata"]["GREETING"], "hello");
    stack(&b, &["delete", &name, "--wait"]).ok();
    let left = b.run(&["server", "list", "--name", &format!("^{name}$"), "-o", "json"]).ok().json();
    assert_eq!(left, serde_json::json!([]), "the stack's server is still there");
}

#[test]
fn a_failing_stack_exits_1_with_the_resource_its_type_and_heats_reason() {
    let b = berth();
    let (image, _) = synced(&b);
    let mut cleanup = Cleanup::new();
    // x1.huge exists (the preflight lets it pass) but fits no host: Nova's "No valid host", Heat's CREATE_FAILED.
    let name = cleanup.name();
    let out =
        stack(&b, &["create", &name, &image, "--for", "nova-docker", "--flavor", "x1.huge", "--no-network", "--wait"])
            .code(1);
    assert!(out.stderr.contains(&format!("error: stack `{name}` went to CREATE_FAILED")), "{}", out.stderr);
    assert!(
        out.stderr.contains("resource `server` (OS::Nova::Server) CREATE_FAILED: ResourceInError"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("No valid host was found"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("hint: the stack is left as it is: `berth stack delete {name}`")),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    assert_eq!(listed(&b, &name).unwrap()["status"], "CREATE_FAILED");
    // --delete-on-failure deletes it.
    let name = cleanup.name();
    stack(
        &b,
        &[
            "create",
            &name,
            &image,
            "--for",
            "nova-docker",
            "--flavor",
            "x1.huge",
            "--no-network",
            "--wait",
            "--delete-on-failure",
        ],
    )
    .code(1)
    .stderr_has("No valid host was found")
    .stderr_has("--delete-on-failure");
    gone(&b, &name);
}

#[test]
fn a_wait_that_runs_out_exits_5_and_leaves_the_stack() {
    let b = berth();
    let dir = tempfile::tempdir().unwrap();
    let mut cleanup = Cleanup::new();
    let name = cleanup.name();
    let start = Instant::now();
    let out =
        stack(&b, &["create", &name, "--template", &slow_template(dir.path(), 60), "--wait", "--timeout", "1"]).code(5);
    assert!(start.elapsed() < Duration::from_secs(30), "the timeout was not kept: {:?}", start.elapsed());
    assert!(out.stderr.contains(&format!("stack `{name}` is still CREATE_IN_PROGRESS after 1 s")), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("berth stack delete {name}")), "{}", out.stderr);
    assert_eq!(listed(&b, &name).unwrap()["status"], "CREATE_IN_PROGRESS");
}

/// Start `stack create --wait` on a slow stack, send `signal` once Heat has begun, and return berth's exit
/// code and stderr.
fn signalled(
    b: &crate::common::Berth,
    name: &str,
    template: &str,
    signal: &str,
    extra: &[&str],
) -> (Option<i32>, String) {
    let mut args = vec!["stack", "create", name, "--template", template, "--wait"];
    args.extend_from_slice(extra);
    let mut child = b.command(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut log = String::new();
    loop {
        let mut line = String::new();
        assert!(lines.read_line(&mut line).unwrap() > 0, "berth ended before the stack began:\n{log}");
        log.push_str(&line);
        if line.contains("slow (OS::Heat::TestResource)  CREATE_IN_PROGRESS") {
            break;
        }
    }
    assert!(Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap().success());
    std::io::Read::read_to_string(&mut lines, &mut log).unwrap();
    (child.wait().unwrap().code(), log)
}

#[test]
fn ctrl_c_sigterm_and_sighup_leave_the_stack_or_delete_it() {
    let b = berth();
    let dir = tempfile::tempdir().unwrap();
    let template = slow_template(dir.path(), 120);
    let mut cleanup = Cleanup::new();

    let name = cleanup.name();
    let (code, log) = signalled(&b, &name, &template, "INT", &[]);
    assert_eq!(code, Some(130), "{log}");
    assert!(log.contains(&format!("error: interrupted: while waiting for stack `{name}`")), "{log}");
    assert!(log.contains(&format!("`berth stack delete {name}` removes it")), "{log}");
    assert_eq!(listed(&b, &name).unwrap()["status"], "CREATE_IN_PROGRESS");

    let name = cleanup.name();
    let (code, log) = signalled(&b, &name, &template, "TERM", &["--delete-on-failure"]);
    assert_eq!(code, Some(143), "{log}");
    assert!(log.contains("stopped by SIGTERM") && log.contains("--delete-on-failure"), "{log}");
    gone(&b, &name);

    let name = cleanup.name();
    let (code, log) = signalled(&b, &name, &template, "HUP", &[]);
    assert_eq!(code, Some(129), "{log}");
    assert!(listed(&b, &name).is_some(), "{log}");
}

#[test]
fn update_events_follow_and_outputs() {
    let b = berth();
    let dir = tempfile::tempdir().unwrap();
    let template = slow_template(dir.path(), 1);
    let mut cleanup = Cleanup::new();
    let name = cleanup.name();
    let s = stack(&b, &["create", &name, "--template", &template, "--wait", "-o", "json"]).ok().json();
    assert_eq!(s["outputs"]["value"], "done");
    // New parameters for the stack's own template.
    let s = stack(&b, &["update", &name, "--parameter", "wait=2", "--wait", "-o", "json"]).ok().json();
    assert_eq!(s["status"], "UPDATE_COMPLETE");
    assert_eq!(s["parameters"]["wait"], "2");
    // An update not waited for, followed by `events --follow`: rows as they come, until the update ends.
    let shown = stack(&b, &["update", &name, "--parameter", "wait=3", "-o", "json"]).ok().json();
    assert_eq!(shown["status"], "UPDATE_IN_PROGRESS");
    let out = stack(&b, &["events", &name, "--follow", "-o", "json"]).ok();
    let rows: Vec<Value> = out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let last = rows.last().unwrap();
    assert_eq!(
        (last["resource"].as_str(), last["status"].as_str()),
        (Some(name.as_str()), Some("UPDATE_COMPLETE")),
        "{}",
        out.stdout
    );
    assert_eq!(rows.iter().filter(|r| r["status"] == "UPDATE_COMPLETE" && r["resource"] == name.as_str()).count(), 2);
    assert_eq!(listed(&b, &name).unwrap()["status"], "UPDATE_COMPLETE");
    // Outputs by key; `show` has them too.
    let outputs = stack(&b, &["outputs", &name, "-o", "value", "-c", "key", "-c", "value"]).ok();
    assert_eq!(outputs.stdout, "value done\n");
    assert_eq!(stack(&b, &["show", &name, "-o", "json"]).ok().json()["outputs"]["value"], "done");
    // An unknown stack: did you mean.
    stack(&b, &["show", &format!("{name}x")]).code(2).stderr_has("did you mean");
}
