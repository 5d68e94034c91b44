//! The table of contents: every route on one screen.

use axum::routing::{delete, get, patch, post, put};
use axum::Router;

use crate::middleware;
use crate::routes::orgauthorization::{pairings, trustees, trustors};
use crate::routes::{
    authentication_settings as auth_settings, authorization, console, fieldconfig, groups, limits,
    migrations, oauth, oauth_clients, organizations, orgauthorization_audits, tokens, users,
};
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
        .route("/api/v2/fieldconfig", get(fieldconfig::get))
        // Directory: users
        .route("/api/v2/users", get(users::list).post(users::create))
        .route("/api/v2/users/me", get(users::me))
        .route(
            "/api/v2/users/{userId}",
            get(users::get).patch(users::patch).delete(users::delete),
        )
        .route(
            "/api/v2/users/{subjectId}/roles",
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
        )
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
        )
        // Organization Authorization: audits
        .route(
            "/api/v2/orgauthorization/trustees/audits",
            post(orgauthorization_audits::post_trustees),
        )
        .route(
            "/api/v2/orgauthorization/trustor/audits",
            post(orgauthorization_audits::post_trustor),
        );

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
    let routes = middleware::body_limit(routes, MAX_BODY_BYTES);
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
