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
        Self::spawn_configured(fixture_json, Settings::default()).await
    }

    /// A server over `fixture_json` with `settings`.
    pub async fn spawn_configured(fixture_json: &str, settings: Settings) -> Self {
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

    /// A server over the demo fixture with the emulator controls on (guarded by
    /// `operator_token` when given).
    pub async fn spawn_emulator(operator_token: Option<&str>) -> Self {
        let store = Arc::new(
            SqliteStore::open("sqlite::memory:")
                .await
                .expect("open store"),
        );
        let clock = Arc::new(SystemClock::new());
        let (_, baseline) = fixture::apply_planned("test", DEMO, &*store, &*clock)
            .await
            .expect("fixture applies");
        let emulator = Arc::new(orgtrust_core::emulator::Emulator::new(
            clock.clone(),
            baseline,
            operator_token.map(|t| orgtrust_core::secret::Secret::new(t.to_owned())),
        ));
        let dyn_store: Arc<dyn Store> = store.clone();
        // As `orgtrust serve --emulator` sets it.
        let settings = Settings {
            loopback_in_allowlists: true,
            ..Settings::default()
        };
        let app = Arc::new(App::new(dyn_store, clock.clone(), settings));
        let server = Server::bind("127.0.0.1:0".parse().expect("addr"), app.clone())
            .await
            .expect("bind")
            .with_emulator(emulator);
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

    /// A request sent with `X-Forwarded-For: forwarded_for` (believed only when the server
    /// trusts the loopback proxy).
    pub async fn call_from(
        &self,
        forwarded_for: &str,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("x-forwarded-for", forwarded_for);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.expect("send")).await
    }

    /// A client-credentials token request sent with `X-Forwarded-For`.
    pub async fn token_request_from(&self, forwarded_for: &str, client: (&str, &str)) -> Reply {
        let req = self
            .http
            .post(format!("{}/oauth/token", self.base))
            .header("x-forwarded-for", forwarded_for)
            .basic_auth(client.0, Some(client.1))
            .form(&[("grant_type", "client_credentials")]);
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

    /// Renames the token's organization (`PUT /api/v2/organizations/me` at its current version).
    pub async fn rename_org(&self, token: &str, name: &str) {
        let me = self
            .get("/api/v2/organizations/me", token)
            .await
            .expect(200);
        self.put(
            "/api/v2/organizations/me",
            token,
            serde_json::json!({"version": me.body["version"], "name": name}),
        )
        .await
        .expect(200);
    }
}

/// The demo fixture plus, in Acme, an operator client holding the internal limit and
/// organization permissions (`acme-operator`/`acme-operator-secret`) and a client authorized for
/// the `organization:readonly` scope only (`acme-scoped`/`acme-scoped-secret`, Admin role); and a
/// fourth organization, Doomed Co, whose client may terminate it (`doomed-admin`).
pub fn organization_fixture() -> String {
    let mut doc: Value = serde_json::from_str(DEMO).expect("demo parses");
    let orgs = doc["organizations"].as_array_mut().expect("organizations");
    let acme = orgs
        .iter_mut()
        .find(|o| o["name"] == "Acme Corp")
        .expect("acme");
    acme["roles"]
        .as_array_mut()
        .expect("roles")
        .push(serde_json::json!({
            "name": "Operator",
            "permissions": ["*", "internal:*:*"]
        }));
    let clients = acme["oauthClients"].as_array_mut().expect("clients");
    clients.push(serde_json::json!({
        "id": "acme-operator", "secret": "acme-operator-secret", "name": "Acme operator",
        "roles": ["Operator"]
    }));
    clients.push(serde_json::json!({
        "id": "acme-scoped", "secret": "acme-scoped-secret", "name": "Acme scoped",
        "roles": ["Admin"], "scope": ["organization:readonly"]
    }));
    orgs.push(serde_json::json!({
        "id": "d0000000-0000-4000-8000-000000000001",
        "name": "Doomed Co",
        "thirdPartyOrgName": "doomed",
        "roles": [{"name": "Terminator", "permissions": ["*", "internal:organization:terminate"]}],
        "oauthClients": [{"id": "doomed-admin", "secret": "doomed-admin-secret", "name": "Doomed admin", "roles": ["Terminator"]}]
    }));
    doc.to_string()
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

impl TestApp {
    /// A request with a raw body and content type (for the body-error cases).
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: &str,
        content_type: &str,
        body: &str,
    ) -> Reply {
        let req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .header("Content-Type", content_type)
            .body(body.to_owned());
        read(req.send().await.expect("send")).await
    }

    /// The actions of the most recent audit events of `org` about `entity_id`, oldest first.
    pub async fn audit_actions(&self, org: &str, entity_id: &str) -> Vec<String> {
        let events = self
            .app
            .audit
            .recent_audit_events(&orgtrust_core::ids::OrgId::new(org), 1000)
            .await
            .expect("audit events");
        let mut actions: Vec<String> = events
            .into_iter()
            .filter(|e| e.entity_id == entity_id)
            .map(|e| e.action)
            .collect();
        actions.reverse();
        actions
    }

    /// Creates a user of Acme through the API (with the Acme admin token) and returns its id.
    pub async fn create_acme_user(
        &self,
        admin: &str,
        name: &str,
        email: &str,
        password: &str,
        division: &str,
    ) -> String {
        let reply = self
            .post(
                "/api/v2/users",
                admin,
                serde_json::json!({
                    "name": name, "email": email, "password": password, "divisionId": division
                }),
            )
            .await
            .expect(200);
        reply.body["id"].as_str().expect("id").to_owned()
    }

    /// A password token of an Acme user through the demo's Acme admin client.
    pub async fn acme_user_token(&self, email: &str, password: &str) -> String {
        self.password_token(("acme-admin", "acme-admin-secret"), email, password)
            .await
    }
}
