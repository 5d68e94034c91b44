//! The orgtrust HTTP server: the router, authentication, middleware, one module per API group and
//! the one place errors become Genesys `ErrorBody` responses.
//!
//! `main` stays thin: it builds an [`App`](orgtrust_core::App), calls [`Server::bind`], and runs
//! [`Server::run_until_stopped`]. Tests do the same on port 0.

pub mod auth;
pub mod client_ip;
pub mod error;
pub mod extract;
pub mod middleware;
pub mod operations;
pub mod paging;
pub mod router;
pub mod routes;
pub mod state;

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
}

impl Server {
    /// Binds `addr` (port 0 picks a free port).
    pub async fn bind(addr: SocketAddr, app: Arc<App>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        Ok(Self {
            listener,
            state: AppState {
                app,
                emulator: None,
            },
        })
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
        let service = router(self.state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await
    }
}
