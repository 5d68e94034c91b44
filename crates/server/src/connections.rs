//! The accept loop: HTTP/1.1 connections served by hyper with client timeouts, so that a slow or
//! stalled client cannot hold a connection (and its memory) forever. `axum::serve` sets no timer,
//! so hyper's header read timeout would never fire under it; this loop sets one, and hands every
//! request the body read deadline that the body extractors enforce (408 beyond).

use std::future::Future;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a client may take to send a request.
#[derive(Debug, Clone, Copy)]
pub struct ClientTimeouts {
    /// From the start of a request on the connection (for a kept-alive connection: from the end
    /// of the previous response, so it is also the idle timeout) to the end of its headers; the
    /// connection is closed beyond.
    pub header: Duration,
    /// From the headers to the end of the body; 408 beyond.
    pub body: Duration,
}

impl Default for ClientTimeouts {
    fn default() -> Self {
        Self {
            header: Duration::from_secs(30),
            body: Duration::from_secs(30),
        }
    }
}

/// The body read deadline of a request, as a request extension read by the body extractors.
#[derive(Debug, Clone, Copy)]
pub struct BodyReadTimeout(pub Duration);

/// Serves `router` on `listener` until `shutdown` resolves, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    timeouts: ClientTimeouts,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of descriptors and the like: wait rather than spin; the listener
                    // itself stays usable.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        // The router as a hyper service for this connection: the peer address (as
        // `ConnectInfo`, what the client IP logic reads) and the body deadline ride along in the
        // request extensions.
        let router = router.clone();
        let body_timeout = timeouts.body;
        let service = TowerToHyperService::new(tower::service_fn(
            move |mut req: axum::http::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(remote));
                req.extensions_mut().insert(BodyReadTimeout(body_timeout));
                router.clone().oneshot(req.map(axum::body::Body::new))
            },
        ));
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
