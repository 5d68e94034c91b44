//! `orgtrust serve` starting, or failing to: log lines without colour codes when stderr is not
//! a terminal, a busy port as one error line (no backtrace, even with `RUST_BACKTRACE=1`), the
//! folders of a new SQLite file created, and no database left behind by a start that fails.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn orgtrust(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_orgtrust"));
    cmd.current_dir(dir).stdin(Stdio::null());
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("ORGTRUST_") {
            cmd.env_remove(&k);
        }
    }
    cmd
}

/// Runs `serve` expecting it to stop by itself (a failed start), within a minute.
fn failed_start(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start orgtrust serve");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("orgtrust serve did not stop");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// A running `serve`, killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `serve` and waits for its "listening" log line; answers the lines logged until then.
fn serving(cmd: &mut Command) -> (Running, Vec<String>) {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start orgtrust serve");
    let stderr = child.stderr.take().expect("stderr");
    let running = Running(child);
    let mut lines = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("a log line");
        let done = line.contains("orgtrust listening on");
        lines.push(line);
        if done {
            return (running, lines);
        }
    }
    panic!("serve stopped before listening:\n{}", lines.join("\n"));
}

#[test]
fn logs_to_a_pipe_carry_no_colour_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_server, lines) = serving(orgtrust(dir.path()).args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database",
        "sqlite::memory:",
    ]));
    let text = lines.join("\n");
    assert!(text.contains(" INFO "), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "escape codes in a log written to a pipe:\n{text:?}"
    );
}

#[test]
fn a_busy_port_is_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = busy.local_addr().expect("addr").to_string();
    let out = failed_start(
        orgtrust(dir.path())
            .args(["serve", "--listen", &addr, "--database", "sqlite://here.db"])
            .env("RUST_BACKTRACE", "1"),
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line, no backtrace:\n{stderr}");
    assert!(
        lines[0].starts_with("error: cannot listen on ") && lines[0].contains(&addr),
        "{stderr}"
    );
    assert!(
        !dir.path().join("here.db").exists(),
        "the start wrote a database"
    );
    drop(busy);
}

#[test]
fn a_new_database_gets_its_folders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("new/dir/x.db");
    let url = format!("sqlite://{}", file.display());
    let (_server, _) = serving(orgtrust(dir.path()).args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database",
        &url,
    ]));
    assert!(file.is_file(), "{} was not created", file.display());
}

#[test]
fn a_failed_start_leaves_no_database_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = dir.path().join("broken.json");
    std::fs::write(
        &fixture,
        r#"{"organizations": [{"name": "No third-party name"}]}"#,
    )
    .expect("write fixture");
    let file = dir.path().join("made/for/it.db");
    let out = failed_start(orgtrust(dir.path()).args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database",
        &format!("sqlite://{}", file.display()),
        "--fixture",
        &fixture.display().to_string(),
    ]));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.json"), "{stderr}");
    assert!(
        !dir.path().join("made").exists(),
        "the failed start left {} behind",
        file.display()
    );
    // A database that was there before stays, whatever the start does.
    let kept = dir.path().join("kept.db");
    let (server, _) = serving(orgtrust(dir.path()).args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database",
        "sqlite://kept.db",
    ]));
    drop(server);
    assert!(kept.is_file());
    let out = failed_start(orgtrust(dir.path()).args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database",
        "sqlite://kept.db",
        "--fixture",
        &fixture.display().to_string(),
    ]));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(kept.is_file(), "an existing database was removed");
}
