//! Middleware every request passes: the correlation id (`ININ-Correlation-Id` on every response,
//! `contextId` in every error body), the request span, and the error finalizer that turns any
//! error response (from a handler, an extractor, or the router itself) into a Genesys `ErrorBody`.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

use crate::error::{ApiError, PendingError};

/// Largest request body accepted (413 beyond).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The correlation header.
pub static CORRELATION_HEADER: HeaderName = HeaderName::from_static("inin-correlation-id");

/// The correlation id of the request being served.
#[derive(Debug, Clone)]
pub struct CorrelationId(pub String);

/// Assigns the correlation id, runs the request inside a span that carries it, and finalizes
/// error bodies.
pub async fn correlate(request: Request, next: Next) -> Response {
    correlated(request, |request| next.run(request)).await
}

/// [`correlate`] around `inner` (the rest of the stack; `ops::edge` calls it this way).
pub async fn correlated<F, Fut>(mut request: Request, inner: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    let id = orgtrust_core::ids::random_uuid();
    request.extensions_mut().insert(CorrelationId(id.clone()));
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    // `org_id` is filled in by the `Auth` extractor once the token names the organization.
    let span = tracing::info_span!(
        "request",
        correlation_id = %id,
        %method,
        %path,
        org_id = tracing::field::Empty
    );
    let started = Instant::now();
    let mut response = inner(request).instrument(span.clone()).await;
    let status = response.status();

    let pending = response.extensions_mut().remove::<PendingError>();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    // HTML error pages (the browser sign-in) are for people, not SDKs: kept as they are.
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if let Some(PendingError(body)) = pending {
        response = finalize(response, body.with_context_id(&id));
    } else if (status.is_client_error() || status.is_server_error()) && !is_json && !is_page {
        let body = ApiError::from_status(status)
            .body()
            .clone()
            .with_context_id(&id);
        response = finalize(response, body);
    }
    // Browsers hide response headers from scripts unless exposed (a known Genesys complaint).
    response.headers_mut().insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Retry-After, ININ-Correlation-Id"),
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(CORRELATION_HEADER.clone(), value);
    }
    span.in_scope(|| {
        tracing::info!(
            status = status.as_u16(),
            elapsed_us = started.elapsed().as_micros() as u64,
            "served"
        );
    });
    response
}

fn finalize(response: Response, body: orgtrust_api::ErrorBody) -> Response {
    let (mut parts, _) = response.into_parts();
    let json = serde_json::to_vec(&body).unwrap_or_default();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(json))
}

/// The body limit of the routes it wraps: [`DefaultBodyLimit`] for the extractors, and every 413
/// they answer says the limit in the reference's words ("... Maximum bytes: N"). An inner limit
/// (the snapshot import's) is reported by its own layer and left alone by an outer one.
pub fn body_limit<S: Clone + Send + Sync + 'static>(
    router: axum::Router<S>,
    max_bytes: usize,
) -> axum::Router<S> {
    router
        .layer(axum::middleware::map_response(
            move |mut response: Response| async move {
                if response.status() == StatusCode::PAYLOAD_TOO_LARGE
                    && response.extensions().get::<LimitReported>().is_none()
                {
                    let body = ApiError::too_large(max_bytes).body().clone();
                    response.extensions_mut().insert(PendingError(body));
                    response.extensions_mut().insert(LimitReported);
                }
                response
            },
        ))
        .layer(DefaultBodyLimit::max(max_bytes))
}

/// Marks a 413 whose limit was already reported by the innermost [`body_limit`].
#[derive(Debug, Clone, Copy)]
struct LimitReported;

/// The fallback for routes that do not exist.
pub async fn not_found() -> Response {
    ApiError::not_found().into_response()
}
