//! The orgtrust HTTP server: the router, authentication, middleware, one module per API group and
//! the one place errors become Genesys `ErrorBody` responses.
//!
//! `main` stays thin: it builds an [`App`](orgtrust_core::App), calls [`Server::bind`], and runs
//! [`Server::run_until_stopped`]. Tests do the same on port 0.

pub mod auth;
pub mod body_shape;
pub mod client_ip;
pub mod connections;
pub mod cors;
pub mod error;
pub mod extract;
pub mod middleware;
pub mod openapi;
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
                metrics: Arc::new(ops::Metrics::new()),
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

    /// Serves until `shutdown` resolves, then drains in-flight requests.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        connections::serve(self.listener, router(self.state), self.timeouts, shutdown).await
    }
}
