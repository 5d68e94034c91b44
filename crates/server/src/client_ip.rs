//! The client address of a request: the TCP peer, or, when the peer is one of the configured
//! trusted proxies (`--trusted-proxy`), the first untrusted hop of `X-Forwarded-For` read from
//! the right. Stored as a request extension that [`request_meta`](crate::extract::request_meta)
//! reads, so the IP allowlist, the audit trail and the token endpoint all see the same address.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};

use crate::state::AppState;

/// The resolved client address of the request.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

/// Resolves the client address before anything else reads it (`ops::edge` calls it first).
pub fn resolve(state: &AppState, request: &mut Request) {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let trusted = &state.app.settings().trusted_proxies;
        let ip = if trusted.is_empty() {
            peer
        } else {
            let forwarded: Vec<&str> = request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect();
            orgtrust_core::net::client_ip(peer, &forwarded, trusted)
        };
        request.extensions_mut().insert(ClientIp(ip));
    }
}
