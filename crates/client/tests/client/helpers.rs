#![allow(dead_code)] // shared by every test module; each uses a part

//! A real orgtrust server on port 0 over a fresh in-memory database with the demo fixture, the
//! same harness shape as `crates/server/tests/api/helpers.rs`.

use std::sync::Arc;

use orgtrust_client::Client;
use orgtrust_core::clock::SystemClock;
use orgtrust_core::store::Store;
use orgtrust_core::{fixture, App, Settings};
use orgtrust_server::Server;
use orgtrust_store_sqlite::SqliteStore;

/// The project's demo fixture.
pub const DEMO: &str = include_str!("../../../../fixtures/demo.json");

/// Demo ids.
pub mod demo {
    pub const ACME: &str = "a0000000-0000-4000-8000-000000000001";
    pub const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
    pub const ACME_ANN: &str = "a0000000-0000-4000-8000-000000000031";
}

/// A running server.
pub struct TestApp {
    pub base: String,
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

impl TestApp {
    /// A server over the demo fixture.
    pub async fn spawn() -> Self {
        Self::spawn_with(false).await
    }

    /// A server over the demo fixture with the emulator controls on (no operator token).
    pub async fn spawn_emulator() -> Self {
        Self::spawn_with(true).await
    }

    async fn spawn_with(emulator: bool) -> Self {
        let store = Arc::new(
            SqliteStore::open("sqlite::memory:")
                .await
                .expect("open store"),
        );
        let clock = Arc::new(SystemClock::new());
        let (_, baseline) = fixture::apply_planned("test", DEMO, &*store, &*clock)
            .await
            .expect("fixture applies");
        let dyn_store: Arc<dyn Store> = store;
        let app = Arc::new(App::new(dyn_store, clock.clone(), Settings::default()));
        let mut server = Server::bind("127.0.0.1:0".parse().expect("addr"), app.clone())
            .await
            .expect("bind");
        if emulator {
            server = server.with_emulator(Arc::new(orgtrust_core::emulator::Emulator::new(
                clock.clone(),
                baseline,
                None,
            )));
        }
        let addr = server.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server.run_until_stopped(async {
            let _ = rx.await;
        }));
        Self {
            base: format!("http://{addr}"),
            clock,
            app,
            shutdown: Some(tx),
        }
    }

    /// A client without a token.
    pub fn client(&self) -> Client {
        Client::new(&self.base).expect("client")
    }

    /// A client logged in with the demo's Acme admin OAuth client.
    pub async fn acme_admin(&self) -> Client {
        let c = self.client();
        c.login_client_credentials("acme-admin", "acme-admin-secret")
            .await
            .expect("login");
        c
    }

    /// A client logged in with the demo's Partner admin OAuth client.
    pub async fn partner_admin(&self) -> Client {
        let c = self.client();
        c.login_client_credentials("partner-admin", "partner-admin-secret")
            .await
            .expect("login");
        c
    }
}
