//! The table of contents: every route on one screen.

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post, put};
use axum::Router;

use crate::middleware;
use crate::routes::orgauthorization::{pairings, trustees, trustors};
use crate::routes::{oauth, organizations, tokens};
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
        // Organization Authorization (the trustor's side under trustees, the trustee's under trustors)
        .route(
            "/api/v2/orgauthorization/pairings",
            post(pairings::create),
        )
        .route(
            "/api/v2/orgauthorization/pairings/{pairingId}",
            get(pairings::get),
        )
        .route(
            "/api/v2/orgauthorization/trustees",
            get(trustees::list).post(trustees::create).delete(trustees::delete_many),
        )
        .route(
            "/api/v2/orgauthorization/trustees/default",
            get(trustees::get_default).post(trustees::create_default),
        )
        .route(
            "/api/v2/orgauthorization/trustees/care",
            get(trustees::get_care).post(trustees::create_care),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}",
            get(trustees::get).put(trustees::update).delete(trustees::delete),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers",
            get(trustees::cloned_users),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers/{trusteeUserId}",
            delete(trustees::delete_cloned_user),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users",
            get(trustees::users).post(trustees::add_user),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}",
            get(trustees::user).delete(trustees::delete_user),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles",
            get(trustees::user_roles).put(trustees::put_user_roles).delete(trustees::delete_user_roles),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roledivisions",
            put(trustees::put_user_roledivisions),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups",
            get(trustees::groups).post(trustees::add_group),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}",
            get(trustees::group).delete(trustees::delete_group),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles",
            get(trustees::group_roles).put(trustees::put_group_roles).delete(trustees::delete_group_roles),
        )
        .route(
            "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roledivisions",
            put(trustees::put_group_roledivisions),
        )
        .route(
            "/api/v2/orgauthorization/trustors",
            get(trustors::list).delete(trustors::delete_many),
        )
        .route(
            "/api/v2/orgauthorization/trustors/{trustorOrgId}",
            get(trustors::get).delete(trustors::delete),
        )
        .route(
            "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers",
            get(trustors::cloned_users),
        )
        .route(
            "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}",
            get(trustors::get_cloned_user).put(trustors::put_cloned_user).delete(trustors::delete_cloned_user),
        )
        .route(
            "/api/v2/orgauthorization/trustors/{trustorOrgId}/users",
            get(trustors::users),
        )
        .route(
            "/api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}",
            get(trustors::user).put(trustors::put_user).delete(trustors::delete_user),
        )
        .route(
            "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups",
            get(trustors::groups),
        )
        .route(
            "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}",
            get(trustors::group).put(trustors::put_group).delete(trustors::delete_group),
        );

    Router::new()
        .route("/oauth/token", post(oauth::token))
        .merge(api)
        .fallback(middleware::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(middleware::correlate))
        .with_state(state)
}
