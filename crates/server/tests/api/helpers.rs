#![allow(dead_code)] // shared by every test module; each uses a part

//! The harness: a real server on port 0 over a fresh in-memory database, with the demo fixture
//! (or another) applied, and ready-made callers.

use std::sync::Arc;

use orgtrust_core::clock::SystemClock;
use orgtrust_core::store::Store;
use orgtrust_core::{fixture, App, Settings};
use orgtrust_server::Server;
use orgtrust_store_sqlite::SqliteStore;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// The project's demo fixture.
pub const DEMO: &str = include_str!("../../../../fixtures/demo.json");

/// Demo ids.
pub mod demo {
    pub const ACME: &str = "a0000000-0000-4000-8000-000000000001";
    pub const ACME_HOME: &str = "a0000000-0000-4000-8000-000000000011";
    pub const ACME_EMEA: &str = "a0000000-0000-4000-8000-000000000012";
    pub const ACME_ADMIN_ROLE: &str = "a0000000-0000-4000-8000-000000000021";
    pub const ACME_USER_VIEWER_ROLE: &str = "a0000000-0000-4000-8000-000000000022";
    pub const ACME_ANN: &str = "a0000000-0000-4000-8000-000000000031";
    pub const ACME_EMIL: &str = "a0000000-0000-4000-8000-000000000032";
    pub const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
    pub const PARTNER_PAT: &str = "b0000000-0000-4000-8000-000000000031";
    pub const PARTNER_SAM: &str = "b0000000-0000-4000-8000-000000000032";
    pub const PARTNER_SUPPORT_GROUP: &str = "b0000000-0000-4000-8000-000000000041";
    pub const CARE: &str = "c0000000-0000-4000-8000-000000000001";
    pub const PLATFORM: &str = "f0000000-0000-4000-8000-000000000001";
}

/// A running server and a client for it.
pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub store: Arc<SqliteStore>,
    pub clock: Arc<SystemClock>,
    pub app: Arc<App>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    /// The Genesys error code of an error body.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    /// Asserts the status, with the body in the message.
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }

    /// Asserts an error status and code, and that `contextId` equals the correlation header.
    #[track_caller]
    pub fn expect_error(self, status: u16, code: &str) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text
        );
        assert_eq!(self.code(), code, "unexpected code; body: {}", self.text);
        let header = self
            .headers
            .get("inin-correlation-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(!header.is_empty(), "no correlation id");
        assert_eq!(
            self.body["contextId"].as_str(),
            Some(header),
            "contextId differs from ININ-Correlation-Id"
        );
        assert_eq!(self.body["status"].as_u64(), Some(u64::from(status)));
        assert!(self.body["details"].is_array() && self.body["errors"].is_array());
        self
    }
}

impl TestApp {
    /// A server over the demo fixture.
    pub async fn spawn() -> Self {
        Self::spawn_with(DEMO).await
    }

    /// A server over `fixture_json`.
    pub async fn spawn_with(fixture_json: &str) -> Self {
        Self::spawn_with_settings(fixture_json, Settings::default()).await
    }

    /// A server over `fixture_json` with other settings (limits, lifetimes).
    pub async fn spawn_with_settings(fixture_json: &str, settings: Settings) -> Self {
        let store = Arc::new(
            SqliteStore::open("sqlite::memory:")
                .await
                .expect("open store"),
        );
        let clock = Arc::new(SystemClock::new());
        fixture::apply("test", fixture_json, &*store, &*clock)
            .await
            .expect("fixture applies");
        let dyn_store: Arc<dyn Store> = store.clone();
        let app = Arc::new(App::new(dyn_store, clock.clone(), settings));
        let server = Server::bind("127.0.0.1:0".parse().expect("addr"), app.clone())
            .await
            .expect("bind");
        let addr = server.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server.run_until_stopped(async {
            let _ = rx.await;
        }));
        Self {
            base: format!("http://{addr}"),
            http: reqwest::Client::new(),
            store,
            clock,
            app,
            shutdown: Some(tx),
        }
    }

    /// A client-credentials token.
    pub async fn client_token(&self, client_id: &str, secret: &str) -> String {
        let reply = self
            .token_request(
                Some((client_id, secret)),
                &[("grant_type", "client_credentials")],
            )
            .await
            .expect(200);
        reply.body["access_token"]
            .as_str()
            .expect("access_token")
            .to_owned()
    }

    /// A password-grant token.
    pub async fn password_token(
        &self,
        client: (&str, &str),
        username: &str,
        password: &str,
    ) -> String {
        let reply = self
            .token_request(
                Some(client),
                &[
                    ("grant_type", "password"),
                    ("username", username),
                    ("password", password),
                ],
            )
            .await
            .expect(200);
        reply.body["access_token"]
            .as_str()
            .expect("access_token")
            .to_owned()
    }

    /// The demo's Acme admin client token.
    pub async fn acme_admin(&self) -> String {
        self.client_token("acme-admin", "acme-admin-secret").await
    }

    /// The demo's Partner admin client token.
    pub async fn partner_admin(&self) -> String {
        self.client_token("partner-admin", "partner-admin-secret")
            .await
    }

    /// `POST /oauth/token` with Basic client authentication and a form.
    pub async fn token_request(&self, basic: Option<(&str, &str)>, form: &[(&str, &str)]) -> Reply {
        let mut req = self
            .http
            .post(format!("{}/oauth/token", self.base))
            .form(form);
        if let Some((id, secret)) = basic {
            req = req.basic_auth(id, Some(secret));
        }
        read(req.send().await.expect("send")).await
    }

    /// A request with an optional bearer token and JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.expect("send")).await
    }

    /// `GET` with a token.
    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// `POST` with a token and a JSON body.
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    /// `PUT` with a token and a JSON body.
    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    /// `PATCH` with a token and a JSON body.
    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    /// `DELETE` with a token.
    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.call(Method::DELETE, path, Some(token), None).await
    }
}

/// Reads a response whole; a non-JSON body is `Value::Null` with the text kept.
pub async fn read(resp: reqwest::Response) -> Reply {
    let status = resp.status();
    let headers = resp.headers().clone();
    let text = resp.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
        text,
    }
}
