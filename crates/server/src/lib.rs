//! The orgtrust HTTP server: the router, authentication, middleware, one module per API group and
//! the one place errors become Genesys `ErrorBody` responses.
//!
//! `main` stays thin: it builds an [`App`](orgtrust_core::App), calls [`Server::bind`], and runs
//! [`Server::run_until_stopped`]. Tests do the same on port 0.

pub mod auth;
pub mod body_shape;
pub mod caller;
pub mod client_ip;
pub mod connections;
pub mod cors;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod operation;
pub mod operations;
pub mod ops;
pub mod paging;
pub mod response_cache;
pub mod router;
pub mod routes;
pub mod state;
pub mod why;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use orgtrust_core::App;
use tokio::net::TcpListener;

pub use router::router;
pub use state::AppState;

/// A bound, not yet serving, server.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    state: AppState,
    timeouts: connections::ClientTimeouts,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port).
    pub async fn bind(addr: SocketAddr, app: Arc<App>) -> std::io::Result<Self> {
        Ok(Self::from_listener(TcpListener::bind(addr).await?, app))
    }

    /// Serves on a listener bound beforehand (`orgtrust serve` binds first, so that a busy port
    /// stops the start before the database is touched).
    pub fn from_listener(listener: TcpListener, app: Arc<App>) -> Self {
        Self {
            listener,
            state: AppState {
                app,
                metrics: Arc::new(metrics::Metrics::new()),
                emulator: None,
                responses: Default::default(),
            },
            timeouts: connections::ClientTimeouts::default(),
        }
    }

    /// Replaces the default client timeouts (header and body read deadlines).
    #[must_use]
    pub fn with_client_timeouts(mut self, timeouts: connections::ClientTimeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Turns the emulator controls on (`/_orgtrust/*`, fault injection, the request log).
    pub fn with_emulator(mut self, emulator: Arc<orgtrust_core::emulator::Emulator>) -> Self {
        self.state.emulator = Some(emulator);
        self
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` resolves, then drains in-flight requests. Meanwhile, every
    /// [`TOKEN_SWEEP_EVERY`], deletes the tokens that expired more than
    /// [`orgtrust_core::auth::TOKEN_SWEEP_GRACE`] ago, so the token table stays bounded.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let app = self.state.app.clone();
        let sweeper = tokio::spawn(async move {
            let mut every = tokio::time::interval(TOKEN_SWEEP_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            every.tick().await; // the first tick is at once: start with a full period
            loop {
                every.tick().await;
                match app.auth.sweep_expired_tokens().await {
                    Ok(0) => {}
                    Ok(deleted) => tracing::info!(deleted, "expired tokens deleted"),
                    Err(e) => tracing::warn!(error = %e, "the expired-token sweep failed"),
                }
            }
        });
        let served =
            connections::serve(self.listener, router(self.state), self.timeouts, shutdown).await;
        sweeper.abort();
        served
    }
}

/// How often a serving process deletes expired tokens.
pub const TOKEN_SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(300);
