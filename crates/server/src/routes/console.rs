//! `/console/`: the web console, a single-page app built from console/ (see its README) and
//! embedded in the binary, so `orgtrust serve` needs nothing else at run time.
//!
//! Content-hashed assets (`/console/assets/*`) are cached for a year as immutable; `index.html`
//! is revalidated on every load (`no-cache`) so a new binary's console is picked up at once. Every
//! answer carries a strict CSP: scripts, styles and API calls from this origin only, no framing.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use include_dir::{include_dir, Dir};

/// The built console (committed; reproduced by `npm ci && npm run build` in console/).
static DIST: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../console/dist");

/// The Content-Security-Policy of every console answer.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// The content type for a file name, by its extension.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves one embedded file, or 404 (a Genesys error body, like every other miss).
fn serve(path: &str) -> Response {
    let Some(file) = DIST.get_file(path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Hashed names never change content; the entry page must be revalidated.
    let cache = if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(path)),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            // The sign-in answer comes back in the query string: never leak it.
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
        ],
        file.contents(),
    )
        .into_response()
}

/// `GET /console`: to the console's canonical address (relative asset URLs need the slash).
pub async fn redirect() -> Redirect {
    Redirect::permanent("/console/")
}

/// `GET /console/`: the entry page (also the OAuth redirect target).
pub async fn index() -> Response {
    serve("index.html")
}

/// `GET /console/{*path}`: an embedded asset.
pub async fn asset(Path(path): Path<String>) -> Response {
    serve(&path)
}
