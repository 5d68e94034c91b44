//! The harness: `orgtrust serve` started as a real process (port 0, its stderr in a file), a
//! fresh PostgreSQL database on the test cluster, and small HTTP helpers.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;
use sqlx::Connection;

/// Demo ids and secrets (fixtures/demo.json).
pub mod demo {
    pub const ACME: &str = "a0000000-0000-4000-8000-000000000001";
    pub const ACME_EMEA: &str = "a0000000-0000-4000-8000-000000000012";
    pub const ACME_USER_VIEWER_ROLE: &str = "a0000000-0000-4000-8000-000000000022";
    pub const ACME_EMIL: &str = "a0000000-0000-4000-8000-000000000032";
    pub const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
    pub const PARTNER_PAT: &str = "b0000000-0000-4000-8000-000000000031";
    pub const PARTNER_SUPPORT_GROUP: &str = "b0000000-0000-4000-8000-000000000041";
    pub const ACME_CLIENT: (&str, &str) = ("acme-admin", "acme-admin-secret");
    pub const PARTNER_CLIENT: (&str, &str) = ("partner-admin", "partner-admin-secret");
}

/// A running `orgtrust serve`, killed when dropped.
pub struct Instance {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// Its stderr (the log).
    pub log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Instance {
    /// Starts `orgtrust serve` on `database` with `extra` flags; waits until it listens.
    pub fn start(database: &str, extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = dir.path().join("stderr.log");
        let child = Command::new(env!("CARGO_BIN_EXE_orgtrust"))
            .args(["serve", "--listen", "127.0.0.1:0", "--database", database])
            .args(extra)
            .env_remove("ORGTRUST_DATABASE_URL")
            .env_remove("ORGTRUST_LOG_FORMAT")
            .env_remove("ORGTRUST_LOG")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("start orgtrust");
        // Owned at once, so that a failed start still kills it (Drop).
        let mut instance = Self {
            child,
            base: String::new(),
            log,
            _dir: dir,
        };
        let started = Instant::now();
        loop {
            let text = instance.log_text();
            if let Some(at) = text.find("listening on http://127.0.0.1:") {
                let rest = &text[at + "listening on http://127.0.0.1:".len()..];
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                instance.base = format!("http://127.0.0.1:{port}");
                return instance;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "orgtrust did not start: {text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends `signal` (`STOP`, `CONT`) to the process, as a pause (a long GC, a descheduled VM)
    /// would stop and resume it.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// The log so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// A TCP relay between one instance and the database that can cut every connection through it
/// (as a partition or a failed-over database would) and refuse new ones until restored.
pub struct DbLink {
    /// The database URL through the relay.
    pub url: String,
    cut: tokio::sync::watch::Sender<bool>,
}

impl DbLink {
    /// Relays to the host and port of `database` (`postgres://user@host:port/name`).
    pub async fn start(database: &str) -> Self {
        let (user, rest) = database.split_once('@').expect("URL with user@host");
        let (target, name) = rest.split_once('/').expect("URL with a database name");
        let target = target.to_owned();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the relay");
        let port = listener.local_addr().expect("relay address").port();
        let (cut, watch) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let _ = inbound.set_linger(Some(Duration::ZERO));
                if *watch.borrow() {
                    continue; // refused: dropped at once, with a reset
                }
                let mut cut = watch.clone();
                let target = target.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await else {
                        return;
                    };
                    let _ = outbound.set_linger(Some(Duration::ZERO));
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = cut.wait_for(|cut| *cut) => {}
                    }
                });
            }
        });
        Self {
            url: format!("{user}@127.0.0.1:{port}/{name}"),
            cut,
        }
    }

    /// Resets every connection through the relay and refuses new ones.
    pub fn cut(&self) {
        self.cut.send_replace(true);
    }

    /// Lets connections through again.
    pub fn restore(&self) {
        self.cut.send_replace(false);
    }
}

/// A fresh database on the test cluster (`ORGTRUST_TEST_PG_URL`), or `None` with a note.
pub async fn fresh_pg_database(what: &str) -> Option<String> {
    let Ok(admin) = std::env::var("ORGTRUST_TEST_PG_URL") else {
        eprintln!("skipped {what}: ORGTRUST_TEST_PG_URL is not set (scripts/test.sh sets it)");
        return None;
    };
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "ops_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to the test cluster");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    let (base, _) = admin
        .rsplit_once('/')
        .expect("ORGTRUST_TEST_PG_URL ends with a database name");
    Some(format!("{base}/{name}"))
}

/// A response: status and JSON body (Null when not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub text: String,
    pub headers: reqwest::header::HeaderMap,
}

/// A tiny client for one base URL.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    http: reqwest::Client,
}

impl Api {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// `POST /oauth/token` with Basic client authentication; the access token (asserts 200).
    pub async fn token(&self, client: (&str, &str), form: &[(&str, &str)]) -> String {
        let r = self
            .http
            .post(format!("{}/oauth/token", self.base))
            .basic_auth(client.0, Some(client.1))
            .form(form)
            .send()
            .await
            .expect("send");
        let status = r.status();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        assert_eq!(status.as_u16(), 200, "token request refused: {body}");
        body["access_token"]
            .as_str()
            .expect("access_token")
            .to_owned()
    }

    /// A request with a bearer token and an optional JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("send");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.unwrap_or_default();
        Reply {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
            text,
            headers,
        }
    }

    /// A request without authentication.
    pub async fn get_plain(&self, path: &str) -> Reply {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("send");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.unwrap_or_default();
        Reply {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
            text,
            headers,
        }
    }
}
