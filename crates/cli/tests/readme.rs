//! README.md's shell blocks, run as written against a live `orgtrust serve`, so that the page a
//! newcomer follows cannot drift from the program.
//!
//! How the page is read:
//! - A ```` ```sh ```` block is commands only; each must succeed (exit 0).
//! - A ```` ```console ```` block is a session: `$ ` starts a command (a line ending in `\`
//!   continues it), the lines up to the next `$ ` are what it prints (stdout and stderr). Each
//!   must succeed, and each shown line must appear in its output, in order, compared with runs of
//!   spaces collapsed; `...` in a shown line stands for any text.
//! - `cargo run --release -- serve ARGS` is the server: this test starts the built binary as
//!   `orgtrust serve ARGS` in a fresh directory, on a free loopback port instead of 8080, and
//!   writes that port wherever the page says `127.0.0.1:8080` (`ORGTRUST_SERVER` too, for the
//!   commands that rely on the CLI's default server).
//! - `./scripts/test.sh` is the suite that runs this test and `./scripts/bench.sh` the benchmarks
//!   (`NOT_RUN`): the page names them, this test does not run them.
//!
//! All other commands run in order in one `bash` session (variables carry over), in that
//! directory, with the built `orgtrust` on `PATH`, a fresh `HOME` and no `ORGTRUST_*` variables
//! from the caller.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const README: &str = include_str!("../../../README.md");
const PAGE_SERVER: &str = "127.0.0.1:8080";
const SERVE: &str = "cargo run --release -- serve";
/// Commands the page shows that this test does not run, and why.
const NOT_RUN: &[(&str, &str)] = &[
    ("./scripts/test.sh", "the suite that runs this test"),
    ("./scripts/bench.sh", "the benchmarks: 17 minutes of load"),
];

/// One command of the page and what the page says it prints.
#[derive(Debug)]
struct Step {
    line: usize,
    command: String,
    shown: Vec<String>,
}

/// The runnable shell blocks of a Markdown page, as steps.
fn steps(page: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut lines = page.lines().enumerate().map(|(i, l)| (i + 1, l));
    while let Some((_, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let lang = info.split_whitespace().next().unwrap_or("");
        let body: Vec<(usize, &str)> = lines.by_ref().take_while(|(_, l)| *l != "```").collect();
        match lang {
            "sh" => {
                let mut open: Option<Step> = None;
                for (n, l) in body {
                    match open.as_mut() {
                        Some(step) => step.command.push_str(&format!("\n{l}")),
                        None if l.trim().is_empty() || l.trim_start().starts_with('#') => continue,
                        None => {
                            open = Some(Step {
                                line: n,
                                command: l.to_owned(),
                                shown: Vec::new(),
                            })
                        }
                    }
                    if !l.ends_with('\\') {
                        steps.extend(open.take());
                    }
                }
                steps.extend(open);
            }
            "console" => {
                let mut continued = false;
                for (n, l) in body {
                    if continued {
                        let step = steps.last_mut().expect("a command");
                        step.command.push_str(&format!("\n{l}"));
                        continued = l.ends_with('\\');
                    } else if let Some(cmd) = l.strip_prefix("$ ") {
                        steps.push(Step {
                            line: n,
                            command: cmd.to_owned(),
                            shown: Vec::new(),
                        });
                        continued = cmd.ends_with('\\');
                    } else if !l.trim().is_empty() {
                        let step = steps.last_mut().unwrap_or_else(|| {
                            panic!("README.md:{n}: output before any `$ ` command")
                        });
                        step.shown.push(l.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    steps
}

/// Whether `actual` is the `shown` line, `...` matching any text, runs of spaces collapsed.
fn line_matches(shown: &str, actual: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (shown, actual) = (norm(shown), norm(actual));
    let parts: Vec<&str> = shown.split("...").collect();
    if parts.len() == 1 {
        return shown == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || !actual[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// The shown lines appear in `output`, in order.
fn shows(shown: &[String], output: &str) -> Result<(), String> {
    let mut actual = output.lines();
    for s in shown {
        if !actual.by_ref().any(|a| line_matches(s, a)) {
            return Err(s.clone());
        }
    }
    Ok(())
}

/// `orgtrust serve`, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `orgtrust serve ARGS` in `dir` on a free port; answers it and its address.
fn start_server(args: &str, dir: &Path) -> (Server, String) {
    let bin = env!("CARGO_BIN_EXE_orgtrust");
    let mut cmd = Command::new(bin);
    cmd.arg("serve")
        .args(args.split_whitespace())
        .current_dir(dir)
        .env("ORGTRUST_LISTEN", "127.0.0.1:0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    clear_env(&mut cmd);
    let mut child = cmd.spawn().expect("start orgtrust serve");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        // Keep reading so the server never blocks on a full pipe.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http://127.0.0.1:") {
                let addr: String = line[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
                    .collect();
                if let Some(tx) = tx.take() {
                    let _ = tx.send(addr);
                }
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("orgtrust serve printed its address");
    (server, addr)
}

fn clear_env(cmd: &mut Command) {
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("ORGTRUST_") {
            cmd.env_remove(&k);
        }
    }
}

#[test]
fn the_readme_runs_as_written() {
    let all = steps(README);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut server = None;
    let mut run = Vec::new();
    for step in all {
        let first = step.command.lines().next().unwrap_or("").trim();
        if let Some(args) = first.strip_prefix(SERVE) {
            assert!(
                server.is_none(),
                "README.md:{}: a second server; this test starts one",
                step.line
            );
            let args = args.split('#').next().unwrap_or("");
            server = Some(start_server(args, dir.path()));
        } else if NOT_RUN.iter().any(|(c, _)| first == *c) {
            // Named by the page, not run here (`NOT_RUN` says why).
        } else {
            assert!(
                !step.command.contains("cargo "),
                "README.md:{}: this test does not know how to run `{}`",
                step.line,
                step.command
            );
            assert!(
                server.is_some(),
                "README.md:{}: a command before the server is started",
                step.line
            );
            run.push(step);
        }
    }
    let (_server, addr) =
        server.expect("the README starts the server with `cargo run --release -- serve`");
    assert!(
        run.len() >= 10,
        "the README's first session has commands: {run:?}"
    );

    // One script: each command between markers, its status after it.
    let mut script = String::from("exec 2>&1\n");
    for (i, step) in run.iter().enumerate() {
        script.push_str(&format!(
            "printf '\\n@@readme {i} begin\\n'\n{}\nprintf '\\n@@readme {i} status %s\\n' \"$?\"\n",
            step.command.replace(PAGE_SERVER, &addr)
        ));
    }
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_orgtrust"))
        .parent()
        .expect("bin dir")
        .to_owned();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("timeout");
    cmd.args(["300", "bash", "-uo", "pipefail", "-c", &script])
        .current_dir(dir.path())
        .env("PATH", path)
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join(".config"))
        .stdin(Stdio::null());
    clear_env(&mut cmd);
    cmd.env("ORGTRUST_SERVER", format!("http://{addr}"));
    let out = cmd.output().expect("run bash");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();

    let mut outputs: Vec<Option<(String, String)>> = vec![None; run.len()];
    let mut current: Option<(usize, String)> = None;
    for line in text.lines() {
        if let Some(marker) = line.strip_prefix("@@readme ") {
            let (i, what) = marker.split_once(' ').expect("a marker");
            let i: usize = i.parse().expect("step number");
            if what == "begin" {
                current = Some((i, String::new()));
            } else if let (Some(status), Some((j, output))) =
                (what.strip_prefix("status "), current.take())
            {
                assert_eq!(i, j, "markers in order");
                outputs[i] = Some((output, status.to_owned()));
            }
        } else if let Some((_, output)) = current.as_mut() {
            output.push_str(line);
            output.push('\n');
        }
    }
    for (step, got) in run.iter().zip(&outputs) {
        let Some((output, status)) = got else {
            panic!(
                "README.md:{}: `{}` never ran; the session's output:\n{text}",
                step.line, step.command
            );
        };
        assert_eq!(
            status, "0",
            "README.md:{}: `{}` failed (status {status}):\n{output}",
            step.line, step.command
        );
        let shown: Vec<String> = step
            .shown
            .iter()
            .map(|s| s.replace(PAGE_SERVER, &addr))
            .collect();
        if let Err(missing) = shows(&shown, output) {
            panic!(
                "README.md:{}: `{}` printed\n{output}\nwhich lacks the shown line\n{missing}",
                step.line, step.command
            );
        }
    }
}

#[test]
fn shown_lines_match_with_ellipses() {
    assert!(line_matches("a   b", "a b"));
    assert!(line_matches("id ... yes ...", "id  x y  yes 2026"));
    assert!(line_matches("...Acme Corp...", "{\"name\":\"Acme Corp\"}"));
    assert!(!line_matches("Acme", "Acme Corp"));
    assert!(!line_matches("a ... c", "a b d"));
    assert!(shows(&["one".into(), "three".into()], "one\ntwo\nthree").is_ok());
    assert!(shows(&["three".into(), "one".into()], "one\ntwo\nthree").is_err());
    let page = "```sh\n# c\necho a \\\n  b\n```\n```console\n$ echo x\nx\n$ true \\\n  && echo y\ny\n```\n";
    let s = steps(page);
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(s[0].command, "echo a \\\n  b");
    assert_eq!(s[1].shown, vec!["x".to_owned()]);
    assert_eq!(s[2].command, "true \\\n  && echo y");
    assert_eq!(s[2].shown, vec!["y".to_owned()]);
}
