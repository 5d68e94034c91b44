//! The router: every operation of the table (`crate::operations`) behind its permission check,
//! the token endpoint, the sign-in pages, the console and the emulator's controls.

use axum::routing::{get, post, MethodRouter};
use axum::Router;

use crate::middleware;
use crate::operation::Operation;
use crate::operations;
use crate::routes::{console, oauth};
use crate::state::AppState;

/// The route of one declared operation: its handler on its method, behind its permission check.
fn route_of(state: &AppState, operation: &'static Operation) -> MethodRouter<AppState> {
    (operation.handler)(operation.method_filter()).route_layer(
        axum::middleware::from_fn_with_state((state.clone(), operation), crate::auth::check),
    )
}

/// Builds the router over the application state.
pub fn router(state: AppState) -> Router {
    // Every operation of the table (axum merges the methods of one path).
    let api = operations::all().fold(Router::new(), |api, operation| {
        api.route(operation.path, route_of(&state, operation))
    });

    let routes = Router::new()
        .route("/oauth/token", post(oauth::token))
        .route(
            "/oauth/authorize",
            get(crate::routes::oauth_authorize::get).post(crate::routes::oauth_authorize::post),
        )
        // The web console (embedded assets)
        .route("/console", get(console::redirect))
        .route("/console/", get(console::index))
        .route("/console/{*path}", get(console::asset))
        .route("/api/v2/docs/swagger", get(crate::openapi::serve))
        .merge(api)
        .merge(crate::ops::routes())
        .route_layer(axum::middleware::from_fn(crate::ops::label))
        .merge(crate::routes::emulator::routes(&state))
        .merge(crate::routes::snapshot::routes(&state))
        .fallback(middleware::not_found);
    let routes = middleware::body_limit(routes, middleware::MAX_BODY_BYTES);
    // The emulator's layers only when it is on: each layer costs every request a clone of the
    // inner service and a boxed future, even when it would pass the request straight through.
    let routes = if state.emulator.is_some() {
        routes
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                crate::why::explain,
            ))
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                crate::routes::emulator::observe,
            ))
    } else {
        routes
    };
    routes
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::ops::edge,
        ))
        .with_state(state)
}
