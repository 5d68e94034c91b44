//! The table of contents: every route on one screen.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::middleware;
use crate::routes::{oauth, organizations, orgauthorization_audits, tokens};
use crate::state::AppState;

/// Largest request body accepted (413 beyond).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Builds the router over the application state.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        // Tokens
        .route(
            "/api/v2/tokens/me",
            get(tokens::get_me).delete(tokens::delete_me),
        )
        // Organization
        .route("/api/v2/organizations/me", get(organizations::get_me))
        // Organization Authorization: audits
        .route(
            "/api/v2/orgauthorization/trustees/audits",
            post(orgauthorization_audits::post_trustees),
        )
        .route(
            "/api/v2/orgauthorization/trustor/audits",
            post(orgauthorization_audits::post_trustor),
        );

    Router::new()
        .route("/oauth/token", post(oauth::token))
        .merge(api)
        .fallback(middleware::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(middleware::correlate))
        .with_state(state)
}
