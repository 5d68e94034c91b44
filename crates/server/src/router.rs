//! The table of contents: every route on one screen.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::middleware;
use crate::routes::{authorization, groups, oauth, oauth_clients, organizations, tokens, users};
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
        // Directory: users
        .route("/api/v2/users", get(users::list).post(users::create))
        .route("/api/v2/users/me", get(users::me))
        .route(
            "/api/v2/users/{userId}",
            get(users::get).patch(users::patch).delete(users::delete),
        )
        .route(
            "/api/v2/users/{userId}/roles",
            get(users::get_roles).put(users::put_roles),
        )
        .route("/api/v2/users/{userId}/password", post(users::set_password))
        // Directory: groups
        .route("/api/v2/groups", get(groups::list).post(groups::create))
        .route(
            "/api/v2/groups/{groupId}",
            get(groups::get).put(groups::put).delete(groups::delete),
        )
        .route(
            "/api/v2/groups/{groupId}/members",
            get(groups::members)
                .post(groups::add_members)
                .delete(groups::remove_members),
        )
        // Authorization: roles, divisions, subjects, permissions
        .route(
            "/api/v2/authorization/roles",
            get(authorization::list_roles).post(authorization::create_role),
        )
        .route(
            "/api/v2/authorization/roles/{roleId}",
            get(authorization::get_role)
                .put(authorization::put_role)
                .patch(authorization::patch_role)
                .delete(authorization::delete_role),
        )
        .route(
            "/api/v2/authorization/divisions",
            get(authorization::list_divisions).post(authorization::create_division),
        )
        .route(
            "/api/v2/authorization/divisions/home",
            get(authorization::home_division),
        )
        .route(
            "/api/v2/authorization/divisions/{divisionId}",
            get(authorization::get_division)
                .put(authorization::put_division)
                .delete(authorization::delete_division),
        )
        .route(
            "/api/v2/authorization/subjects/{subjectId}",
            get(authorization::get_subject),
        )
        .route(
            "/api/v2/authorization/subjects/{subjectId}/bulkadd",
            post(authorization::bulk_add),
        )
        .route(
            "/api/v2/authorization/subjects/{subjectId}/bulkremove",
            post(authorization::bulk_remove),
        )
        .route(
            "/api/v2/authorization/subjects/{subjectId}/bulkreplace",
            post(authorization::bulk_replace),
        )
        .route(
            "/api/v2/authorization/permissions",
            get(authorization::permissions),
        )
        // OAuth clients
        .route(
            "/api/v2/oauth/clients",
            get(oauth_clients::list).post(oauth_clients::create),
        )
        .route(
            "/api/v2/oauth/clients/{clientId}",
            get(oauth_clients::get)
                .put(oauth_clients::put)
                .delete(oauth_clients::delete),
        )
        .route(
            "/api/v2/oauth/clients/{clientId}/secret",
            post(oauth_clients::regenerate_secret),
        );

    Router::new()
        .route("/oauth/token", post(oauth::token))
        .merge(api)
        .fallback(middleware::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(middleware::correlate))
        .with_state(state)
}
