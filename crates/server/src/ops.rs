//! What load balancers and monitoring expect, outside `/api/v2` and without authentication:
//! `GET /healthz` (the process answers), `GET /readyz` (the database answers and its migrations
//! are applied; 503 otherwise) and `GET /metrics` (Prometheus text format).
//!
//! Request series are labelled by route template (axum's `MatchedPath`, so ids never become
//! labels), method and status. Recording costs a label lookup and a few atomic adds per request;
//! cache, pool and audit figures are read from the application only when scraped.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use orgtrust_api::codes;
use prometheus::Encoder;

use crate::error::ApiError;
use crate::state::AppState;

/// The route template a request matched, carried from the inner layer to [`edge`].
#[derive(Debug, Clone)]
struct RouteLabel(MatchedPath);

/// Inner layer (matched routes only): passes the route template out with the response.
pub async fn label(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(RouteLabel(route));
    }
    response
}

/// The outermost layer: resolves the client address (`client_ip::resolve`), counts and times
/// every request (after the error finalizer), around CORS (`cors::around`) around the
/// correlation id and error finalizer (`middleware::correlated`). One layer for the four: each
/// layer costs every request a clone of the inner service and a boxed future.
pub async fn edge(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    crate::client_ip::resolve(&state, &mut request);
    let method = request.method().clone();
    let started = Instant::now();
    let response = crate::cors::around(request, move |request| {
        crate::middleware::correlated(request, move |request| async move {
            // Where input enters, once: no NUL in a path or a query (core::input).
            match crate::extract::refuse_nul_in_uri(request.uri()) {
                Some(refused) => refused.into_response(),
                None => next.run(request).await,
            }
        })
    })
    .await;
    let route = response
        .extensions()
        .get::<RouteLabel>()
        .map_or("unmatched", |r| r.0.as_str());
    state
        .metrics
        .record(route, method.as_str(), response.status(), started.elapsed());
    response
}

/// The operator routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// The process is alive and serving.
async fn healthz() -> impl IntoResponse {
    axum::Json(serde_json::json!({ "status": "ok" }))
}

/// The database answers and every migration is applied; else 503 with an `ErrorBody`.
async fn readyz(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    match state.app.readiness().await {
        Ok(()) => Ok(axum::Json(serde_json::json!({ "status": "ready" }))),
        Err(e) => {
            // The detail (it may name hosts) goes to the log, not to an unauthenticated caller.
            tracing::warn!(error = %e, "not ready");
            Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::SERVICE_UNAVAILABLE,
                "The database is not ready.",
            ))
        }
    }
}

/// Every series in the Prometheus text format (0.0.4).
async fn metrics(State(state): State<AppState>) -> Result<Response, ApiError> {
    let mut out = Vec::new();
    prometheus::TextEncoder::new()
        .encode(&state.metrics.gather(), &mut out)
        .map_err(|e| {
            ApiError::from(orgtrust_core::Error::Store(
                orgtrust_core::store::StoreError::Internal(e.to_string()),
            ))
        })?;
    let mut text = String::from_utf8(out).unwrap_or_default();
    let ops = state.app.ops_snapshot();
    let audit = state.app.audit_events_total().await?;
    for (name, help, (hits, misses)) in [
        (
            "orgtrust_token_cache_lookups_total",
            "Bearer token lookups, by whether the token cache answered (miss = a store read).",
            ops.token_cache,
        ),
        (
            "orgtrust_permission_index_lookups_total",
            "Authorization index lookups, by whether the built index was current (miss = a rebuild).",
            ops.permission_index,
        ),
    ] {
        text.push_str(&format!(
            "# HELP {name} {help}\n# TYPE {name} counter\n{name}{{result=\"hit\"}} {hits}\n{name}{{result=\"miss\"}} {misses}\n"
        ));
    }
    let pool = ops.pool;
    text.push_str(&format!(
        "# HELP orgtrust_db_pool_connections Database connections, by state.\n\
         # TYPE orgtrust_db_pool_connections gauge\n\
         orgtrust_db_pool_connections{{state=\"in_use\"}} {}\n\
         orgtrust_db_pool_connections{{state=\"idle\"}} {}\n\
         # HELP orgtrust_db_pool_max_connections The most connections the pool opens.\n\
         # TYPE orgtrust_db_pool_max_connections gauge\n\
         orgtrust_db_pool_max_connections {}\n\
         # HELP orgtrust_audit_events_total Audit events written to the trail (by every instance).\n\
         # TYPE orgtrust_audit_events_total counter\n\
         orgtrust_audit_events_total {audit}\n",
        pool.open.saturating_sub(pool.idle),
        pool.idle,
        pool.max,
    ));
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response())
}
