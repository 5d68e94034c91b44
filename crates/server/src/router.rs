//! The table of contents: every route on one screen.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};
use axum::Router;

use crate::routes::{
    authentication_settings as auth_settings, fieldconfig, limits, migrations, oauth,
    organizations, tokens,
};
use crate::state::AppState;
use crate::{client_ip, middleware};

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
        .route("/api/v2/organizations", post(organizations::post))
        .route(
            "/api/v2/organizations/me",
            get(organizations::get_me)
                .put(organizations::put_me)
                .delete(organizations::delete_me),
        )
        .route(
            "/api/v2/organizations/features/{featureName}",
            patch(organizations::patch_feature),
        )
        .route(
            "/api/v2/organizations/authentication/settings",
            get(auth_settings::get_settings).patch(auth_settings::patch_settings),
        )
        .route(
            "/api/v2/organizations/whitelist",
            get(auth_settings::get_whitelist).put(auth_settings::put_whitelist),
        )
        .route(
            "/api/v2/organizations/embeddedintegration",
            get(auth_settings::get_embedded_integration)
                .put(auth_settings::put_embedded_integration),
        )
        .route(
            "/api/v2/organizations/ipaddressauthentication",
            get(auth_settings::get_ip_address_authentication)
                .put(auth_settings::put_ip_address_authentication),
        )
        .route(
            "/api/v2/organizations/passwordrequirements",
            get(auth_settings::get_password_requirements)
                .put(auth_settings::put_password_requirements),
        )
        .route(
            "/api/v2/organizations/enforcescopes",
            get(auth_settings::get_enforce_scopes).put(auth_settings::put_enforce_scopes),
        )
        .route(
            "/api/v2/organizations/limits/namespaces",
            get(limits::get_namespaces),
        )
        .route(
            "/api/v2/organizations/limits/namespaces/{namespaceName}",
            get(limits::get_namespace),
        )
        .route(
            "/api/v2/organizations/limits/namespaces/{namespaceName}/defaults",
            get(limits::get_namespace_defaults),
        )
        .route("/api/v2/organizations/limits/docs", get(limits::get_docs))
        .route(
            "/api/v2/organizations/limits/docs/freetrial",
            get(limits::get_docs_freetrial),
        )
        .route(
            "/api/v2/organizations/limits/changerequests",
            get(limits::get_change_requests).post(limits::post_change_request),
        )
        .route(
            "/api/v2/organizations/limits/changerequests/{requestId}",
            get(limits::get_change_request).patch(limits::patch_change_request),
        )
        .route(
            "/api/v2/organizations/migrations",
            get(migrations::get_migrations),
        )
        .route(
            "/api/v2/organizations/migrations/{migrationName}",
            get(migrations::get_migration).patch(migrations::patch_migration),
        )
        .route(
            "/api/v2/organizations/migrations/{migrationName}/state",
            get(migrations::get_migration_state),
        )
        // Field configuration
        .route("/api/v2/fieldconfig", get(fieldconfig::get));

    Router::new()
        .route("/oauth/token", post(oauth::token))
        .merge(api)
        .fallback(middleware::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            client_ip::resolve,
        ))
        .layer(axum::middleware::from_fn(middleware::correlate))
        .with_state(state)
}
