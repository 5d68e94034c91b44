//! CORS for browser apps on other origins (what the Genesys API offers the JavaScript SDK): the
//! API (`/api/`) and the token endpoint (`/oauth/token`) answer any origin, without credentials,
//! since they authenticate by bearer token or form parameters, never by cookie. The sign-in page
//! (`/oauth/authorize`, which uses a cookie) and everything else get no CORS headers.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// Response headers a browser app may read.
const EXPOSED: &str = "ININ-Correlation-Id, inin-ratelimit-count, inin-ratelimit-allowed, inin-ratelimit-reset, Retry-After";

fn cors_path(path: &str) -> bool {
    path.starts_with("/api/") || path == "/oauth/token"
}

/// Answers preflights and adds `Access-Control-Allow-Origin: *` to the cross-origin answers of
/// `inner` (the rest of the stack: `ops::edge` calls it, one layer instead of three).
pub async fn around<F, Fut>(request: Request, inner: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    let applies = cors_path(request.uri().path()) && request.headers().contains_key(header::ORIGIN);
    if !applies {
        return inner(request).await;
    }
    if request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    {
        return preflight(&request);
    }
    let mut response = inner(request).await;
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSED),
    );
    response
}

fn preflight(request: &Request) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE"),
    );
    // Any request header may be sent (the SDKs add their own); echo what is asked.
    if let Some(asked) = request
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
    {
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked.clone());
    }
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}
