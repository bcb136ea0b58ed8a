//! The binary's command-line contract: help, version, completions, exit codes, stdout/stderr discipline.
//! These need no service; `tests/env` and the service-backed tests cover the rest.

use std::process::{Command, Output, Stdio};

fn berth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(args)
        .env_remove("NO_COLOR")
        .env("HOME", std::env::temp_dir().join("berth-test-home-does-not-exist"))
        .stdin(Stdio::null())
        .output()
        .expect("running berth")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn long_help_documents_every_exit_code_and_global_option() {
    let out = berth(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for line in [
        "0  success",
        "1  runtime failure",
        "2  usage or configuration error",
        "3  negative result",
        "4  authentication",
        "5  timed out",
        "6  partial success",
        "130  interrupted",
    ] {
        assert!(help.contains(line), "`{line}` missing from --help:\n{help}");
    }
    for opt in ["--output <FORMAT>", "--column <COLUMN>", "--quiet", "--verbose", "--color <WHEN>", "--no-progress"] {
        assert!(help.contains(opt), "`{opt}` missing from --help:\n{help}");
    }
    assert!(out.stderr.is_empty(), "help wrote to stderr: {}", text(&out.stderr));
}

#[test]
fn version_prints_name_and_crate_version() {
    let out = berth(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), format!("berth {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn version_with_v_prints_the_build_for_bug_reports() {
    for args in [&["--version", "-v"][..], &["-v", "--version"], &["-V", "--verbose"]] {
        let out = berth(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        let t = text(&out.stdout);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], format!("berth {}", env!("CARGO_PKG_VERSION")));
        let field = |k: &str| {
            lines.iter().find_map(|l| l.strip_prefix(&format!("{k}: "))).unwrap_or_else(|| panic!("no {k} in:\n{t}"))
        };
        // The commit this very test was built from (a tarball has none: see the build_git tests below).
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        match crate::build_git::commit(root) {
            Some(head) => assert_eq!(field("commit"), head),
            None => assert!(field("commit").starts_with("unknown"), "{t}"),
        }
        assert!(field("target").contains("-linux-"), "{t}");
        assert_eq!(field("features"), "none");
        assert!(field("rustc").starts_with("rustc 1."), "{t}");
    }
}

#[test]
fn a_tarball_names_no_commit_not_even_of_a_repository_around_it() {
    let git = |dir: &std::path::Path, args: &[&str]| {
        let st = Command::new("git").arg("-C").arg(dir).args(args).stdout(Stdio::null()).status().unwrap();
        assert!(st.success(), "git {args:?}");
    };
    let tmp = tempfile::tempdir().unwrap();
    // No .git at all: an unpacked tarball.
    assert_eq!(crate::build_git::commit(tmp.path()), None);
    assert!(crate::build_git::watched(tmp.path()).is_empty());
    // A repository with the tarball unpacked in a folder of it: that folder is no checkout of berth.
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x"]);
    let inner = tmp.path().join("berth-0.1.0");
    std::fs::create_dir(&inner).unwrap();
    assert_eq!(crate::build_git::commit(&inner), None);
    // The repository's own top is a checkout: its HEAD, and the files that change with it.
    let head = crate::build_git::commit(tmp.path()).expect("a commit");
    assert_eq!(head.len(), 40);
    assert!(crate::build_git::watched(tmp.path()).iter().any(|f| f.ends_with("HEAD")));
}

#[test]
fn completions_for_each_shell_go_to_stdout() {
    // Each script registers berth as its own completer (tests/it/terminal.rs types Tab in each shell).
    for (shell, marker, asks) in [
        ("bash", "complete -o nospace", "BERTH_COMPLETE=\"bash\""),
        ("zsh", "#compdef berth", "BERTH_COMPLETE=\"zsh\""),
        ("fish", "--command berth", "BERTH_COMPLETE=fish berth --"),
    ] {
        let out = berth(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell} script lacks `{marker}`");
        assert!(script.contains(asks), "{shell} script does not ask berth for candidates");
        assert!(out.stderr.is_empty());
    }
    // And berth answers the protocol with its subcommands.
    let out = Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(["--", "berth", "ima"])
        .env("BERTH_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "1")
        .env("_CLAP_IFS", "\n")
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout).trim(), "image");
}

#[test]
fn usage_errors_exit_2_with_the_reason_on_stderr() {
    let cases: [(&[&str], &str); 9] = [
        (&["--no-such-flag", "completions", "bash"], "--no-such-flag"),
        (&["--http-timeout", "0", "catalog", "list"], "'--http-timeout <SECONDS>': `0` is not a positive number"),
        (
            &["--http-timeout", "0", "registry", "tags", "127.0.0.1:9/x"],
            "'--http-timeout <SECONDS>': `0` is not a positive",
        ),
        (
            &["--http-timeout", "1e20", "catalog", "list"],
            "'--http-timeout <SECONDS>': `1e20` is not a number of seconds",
        ),
        (&["boot", "x", "--image", "i", "--flavor", "f", "--timeout", "inf"], "`inf` is not a number of seconds"),
        (&["-o", "xml", "completions", "bash"], "xml"),
        (&["-q", "-v", "completions", "bash"], "cannot be used with"),
        (&["completions", "tcsh"], "tcsh"),
        (&["frobnicate"], "frobnicate"),
    ];
    for (args, needle) in cases {
        let out = berth(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
        let err = text(&out.stderr);
        assert!(err.contains("error:") && err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn no_subcommand_is_a_usage_error_that_shows_the_commands() {
    let out = berth(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("completions"));
    // Options but no command (and no --version): a usage error too.
    let out = berth(&["-v"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("a command is required"), "{}", text(&out.stderr));
}

#[test]
fn closed_stdout_is_not_an_error() {
    // A pipe whose reader is gone before berth writes: `berth ... | head -0`.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(["completions", "bash"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "stderr: {}", text(&out.stderr));
}

#[test]
fn a_password_is_never_read_from_a_terminal() {
    // `script` gives berth a pseudo-terminal as stdin, as a person at a shell would have: reading there would
    // echo the password, so berth refuses before any request.
    let cmd = format!(
        "{} registry tags 127.0.0.1:1/library/busybox --registry-user u --registry-password-stdin",
        env!("CARGO_BIN_EXE_berth")
    );
    let out =
        Command::new("script").args(["-qec", &cmd, "/dev/null"]).stdin(Stdio::null()).output().expect("running script");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("stdin is a terminal"), "{}", text(&out.stdout));
}
