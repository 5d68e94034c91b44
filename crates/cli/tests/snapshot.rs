//! `orgtrust export` and `orgtrust import` against real `orgtrust serve --emulator` processes
//! (in-memory databases, the demo fixture): a change made on one server travels to another
//! through a file; the same file starts a third with `serve --fixture`; bad tokens and files
//! give the documented exit statuses. Also `orgtrust requests` over the same kind of server, with
//! the request log's bounds set by flags.

mod common;

use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{client_token, free_port, ACME_CLIENT};
use serde_json::{json, Value};

const OPERATOR: &str = "op-token";
const REQUIREMENTS: &str = "/api/v2/organizations/passwordrequirements";

/// A running `orgtrust serve --emulator --operator-token op-token`, killed when dropped.
struct Emulator {
    child: Child,
    base: String,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Emulator {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_orgtrust"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args([
            "--database",
            "sqlite::memory:",
            "--log",
            "warn",
            "--emulator",
        ])
        .args(["--operator-token", OPERATOR])
        .args(extra)
        .env_remove("ORGTRUST_FIXTURE")
        .env_remove("ORGTRUST_NO_DEMO")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn orgtrust serve");
    let mut e = Emulator {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = e.child.try_wait() {
            panic!("orgtrust serve exited before listening: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "not listening"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    e
}

fn orgtrust(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgtrust"))
        .args(args)
        .env_remove("ORGTRUST_OPERATOR_TOKEN")
        .env_remove("ORGTRUST_SERVER")
        .output()
        .expect("run orgtrust")
}

async fn minimum_length(http: &reqwest::Client, base: &str) -> Value {
    let token = client_token(http, base, ACME_CLIENT).await;
    let body: Value = http
        .get(format!("{base}{REQUIREMENTS}"))
        .bearer_auth(token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    body["minimumLength"].clone()
}

#[tokio::test]
async fn export_and_import_move_the_state_between_servers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("state.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let http = reqwest::Client::new();
    let a = start(&[]);
    let token = client_token(&http, &a.base, ACME_CLIENT).await;
    let r = http
        .put(format!("{}{REQUIREMENTS}", a.base))
        .bearer_auth(&token)
        .json(&json!({"minimumLength": 14}))
        .send()
        .await
        .expect("put");
    assert_eq!(r.status(), 200);

    let out = orgtrust(&[
        "export",
        "--server",
        &a.base,
        "--operator-token",
        OPERATOR,
        "--out",
        file_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    assert_eq!(doc["snapshotVersion"], 1);
    // To stdout without --out.
    let out = orgtrust(&["export", "--server", &a.base, "--operator-token", OPERATOR]);
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).expect("stdout is the document");
    assert_eq!(printed["organizations"], doc["organizations"]);

    let b = start(&[]);
    assert_eq!(minimum_length(&http, &b.base).await, 8);
    let out = orgtrust(&[
        "import",
        "--server",
        &b.base,
        "--operator-token",
        OPERATOR,
        file_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(minimum_length(&http, &b.base).await, 14);

    // The same file is a fixture: a third server starts with that state.
    let c = start(&["--fixture", file_arg]);
    assert_eq!(minimum_length(&http, &c.base).await, 14);
    // ... and the state its emulator resets to.
    let token = client_token(&http, &c.base, ACME_CLIENT).await;
    let r = http
        .put(format!("{}{REQUIREMENTS}", c.base))
        .bearer_auth(&token)
        .json(&json!({"minimumLength": 20}))
        .send()
        .await
        .expect("put");
    assert_eq!(r.status(), 200);
    let r = http
        .post(format!("{}/_orgtrust/reset", c.base))
        .bearer_auth(OPERATOR)
        .send()
        .await
        .expect("reset");
    assert_eq!(r.status(), 204);
    assert_eq!(minimum_length(&http, &c.base).await, 14);

    // A wrong operator token: the server's 401 (exit 3); a missing file: usage (exit 2); a
    // broken document: the server's 400 naming the path, nothing imported (exit 3).
    let out = orgtrust(&[
        "import",
        "--server",
        &b.base,
        "--operator-token",
        "nope",
        file_arg,
    ]);
    assert_eq!(out.status.code(), Some(3));
    let out = orgtrust(&[
        "import",
        "--server",
        &b.base,
        "--operator-token",
        OPERATOR,
        "/no/such",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let mut broken = doc.clone();
    broken["organizations"][0]["divisions"] = json!([]);
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, broken.to_string()).expect("write");
    let out = orgtrust(&[
        "import",
        "--server",
        &b.base,
        "--operator-token",
        OPERATOR,
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("organizations[0].divisions"), "{stderr}");
    assert_eq!(minimum_length(&http, &b.base).await, 14);
}

#[tokio::test]
async fn requests_lists_and_counts_within_the_operator_set_bounds() {
    let http = reqwest::Client::new();
    let e = start(&[
        "--request-log-entries",
        "3",
        "--request-log-body-bytes",
        "20",
    ]);
    let token = client_token(&http, &e.base, ACME_CLIENT).await;
    for length in [12, 13, 14] {
        let r = http
            .put(format!("{}{REQUIREMENTS}", e.base))
            .bearer_auth(&token)
            .json(&json!({"minimumLength": length, "maximumLength": 64}))
            .send()
            .await
            .expect("put");
        assert!(r.status().is_success() || r.status().is_client_error());
    }
    let base = [
        "requests",
        "--server",
        &e.base,
        "--operator-token",
        OPERATOR,
    ];
    let run = |extra: &[&str]| {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let out = orgtrust(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    // Three entries kept: the token request went first.
    assert_eq!(run(&["--count"]).trim(), "3");
    assert_eq!(run(&["--count", "--path", "/oauth/token"]).trim(), "0");
    assert_eq!(
        run(&[
            "--count",
            "--method",
            "PUT",
            "--path",
            "/api/v2/organizations/*"
        ])
        .trim(),
        "3"
    );
    let listed: Value =
        serde_json::from_str(&run(&["--method", "PUT", "--limit", "1"])).expect("json");
    let entries = listed.as_array().expect("array");
    assert_eq!(entries.len(), 1);
    // The newest, its body cut at 20 bytes.
    assert_eq!(entries[0]["body"], r#"{"maximumLength":64,"#);
    assert_eq!(entries[0]["bodyTruncated"], true);
    // A bad filter is the server's 400: exit status 3.
    let args: Vec<&str> = base.iter().chain(&["--status", "nine"]).copied().collect();
    assert_eq!(orgtrust(&args).status.code(), Some(3));
}
