//! Shared by the binary-level tests: run the real `orgtrust serve` as a child process on a
//! database of the test's own, wait until it answers, and kill it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The demo's Acme administrator client.
pub const ACME_CLIENT: (&str, &str) = ("acme-admin", "acme-admin-secret");

/// A free TCP port on 127.0.0.1 (bound then released; reused across restarts so that tokens and
/// URLs stay valid).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind port 0");
    l.local_addr().expect("local addr").port()
}

/// A running `orgtrust serve`.
pub struct Served {
    /// The child process.
    pub child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl Served {
    /// Starts `orgtrust serve` on `port` over `database`, its stderr (the log) appended to
    /// `log_file` and its stdout (the demo banner) to `<log_file>.stdout`, and waits until it
    /// accepts connections.
    pub fn start(database: &str, port: u16, log: &str, log_file: &Path) -> Served {
        let stderr = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log_file)
            .expect("open the log file");
        let stdout = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log_file.with_extension("stdout"))
            .expect("open the stdout file");
        let child = Command::new(env!("CARGO_BIN_EXE_orgtrust"))
            .arg("serve")
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--database")
            .arg(database)
            .arg("--log")
            .arg(log)
            .env_remove("ORGTRUST_FIXTURE")
            .env_remove("ORGTRUST_NO_DEMO")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .expect("spawn orgtrust serve");
        let mut served = Served {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        served.wait_listening(port);
        served
    }

    fn wait_listening(&mut self, port: u16) {
        let started = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("orgtrust serve exited before listening: {status}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "orgtrust serve did not listen within 120 s"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// SIGKILL: no drain, no destructor, no flush.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary directory with a SQLite database URL inside it.
pub fn sqlite_in(dir: &Path) -> (String, PathBuf) {
    let file = dir.join("orgtrust.db");
    (format!("sqlite://{}", file.display()), file)
}

/// A client-credentials token for `client`.
pub async fn client_token(http: &reqwest::Client, base: &str, client: (&str, &str)) -> String {
    let reply = http
        .post(format!("{base}/oauth/token"))
        .basic_auth(client.0, Some(client.1))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("token request");
    assert_eq!(reply.status(), 200, "token grant failed");
    let body: serde_json::Value = reply.json().await.expect("token json");
    body["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}
