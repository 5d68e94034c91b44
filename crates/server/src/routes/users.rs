//! `/api/v2/users`: the directory's users, their passwords and their (legacy) role assignment.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use orgtrust_api::{
    ChangePasswordRequest, Contact, CreateUser, Division, DomainRole, EntityState, UpdateUser,
    User, UserAuthorization, UserEntityListing,
};
use orgtrust_core::authz::Authorized;
use orgtrust_core::directory::{NewUser, UserChanges, UserRoles};
use orgtrust_core::ids::{DivisionId, UserId};
use orgtrust_core::model::{self, UserState};
use orgtrust_core::secret::Secret;
use orgtrust_core::store::Window;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::paging::Page;
use crate::state::AppState;

/// Division names by id, for the `division` references of users.
pub type DivisionNames = HashMap<DivisionId, String>;

/// The names of the caller's organization's divisions.
pub async fn division_names(state: &AppState, p: &Authorized) -> ApiResult<DivisionNames> {
    Ok(state
        .app
        .directory
        .divisions(p)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect())
}

/// The wire reference of a division.
pub fn division_ref(id: &DivisionId, names: &DivisionNames) -> Division {
    Division {
        id: Some(id.to_string()),
        name: names.get(id).cloned(),
        self_uri: Some(format!("/api/v2/authorization/divisions/{id}")),
    }
}

fn wire_state(s: UserState) -> EntityState {
    match s {
        UserState::Active => EntityState::Active,
        UserState::Inactive => EntityState::Inactive,
        UserState::Deleted => EntityState::Deleted,
    }
}

fn domain_state(s: EntityState) -> UserState {
    match s {
        EntityState::Active => UserState::Active,
        EntityState::Inactive => UserState::Inactive,
        EntityState::Deleted => UserState::Deleted,
    }
}

/// The wire form of a user.
pub fn to_wire(u: &model::User, divisions: &DivisionNames) -> User {
    User {
        id: Some(u.id.to_string()),
        name: Some(u.name.clone()),
        division: Some(division_ref(&u.division_id, divisions)),
        email: Some(u.email.clone()),
        username: Some(u.email.clone()),
        primary_contact_info: Some(vec![Contact {
            address: Some(u.email.clone()),
            media_type: Some("EMAIL".into()),
            r#type: Some("PRIMARY".into()),
            ..Contact::default()
        }]),
        addresses: Some(vec![]),
        state: Some(wire_state(u.state)),
        title: u.title.clone(),
        department: u.department.clone(),
        version: Some(u.version),
        acd_auto_answer: Some(false),
        self_uri: Some(format!("/api/v2/users/{}", u.id)),
        ..User::default()
    }
}

/// The wire form of a user's roles and permissions.
pub fn authorization_to_wire(r: UserRoles) -> UserAuthorization {
    UserAuthorization {
        roles: Some(
            r.roles
                .into_iter()
                .map(|role| DomainRole {
                    id: Some(role.id.to_string()),
                    name: Some(role.name),
                })
                .collect(),
        ),
        unused_roles: Some(vec![]),
        permissions: Some(r.permissions),
        permission_policies: None,
        role_divisions: None,
    }
}

/// `sortOrder`: `ASC` (default) or `DESC`.
pub fn descending(q: &Query) -> ApiResult<bool> {
    match q.get("sortOrder") {
        None | Some("") => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("asc") || v.eq_ignore_ascii_case("ascending") => {
            Ok(false)
        }
        Some(v) if v.eq_ignore_ascii_case("desc") || v.eq_ignore_ascii_case("descending") => {
            Ok(true)
        }
        Some(v) => Err(ApiError::invalid_value(
            "sortOrder",
            v,
            format!("Value [{v}] is not valid for [sortOrder]. Allowable values are: ASC, DESC"),
        )),
    }
}

/// The window of a page.
pub fn window(page: &Page) -> Window {
    Window {
        offset: page.offset(),
        limit: page.size,
    }
}

/// `GET /api/v2/users`: only users in divisions where the caller may view users.
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<UserEntityListing>> {
    let p = &auth.caller;
    let page = Page::from_query(&q, 25)?;
    let ids = q.list("id");
    let ids = (!ids.is_empty()).then(|| ids.into_iter().map(UserId::new).collect());
    let user_state = match q.get("state") {
        None | Some("") | Some("active") => UserState::Active,
        Some("inactive") => UserState::Inactive,
        Some("deleted") => UserState::Deleted,
        Some(v) => {
            return Err(ApiError::invalid_value(
                "state",
                v,
                format!("Value [{v}] is not valid for [state]. Allowable values are: active, inactive, deleted"),
            ))
        }
    };
    let (users, total) = state
        .app
        .directory
        .list_users(p, ids, user_state, descending(&q)?, window(&page))
        .await?;
    let names = division_names(&state, p).await?;
    let entities = users.iter().map(|u| to_wire(u, &names)).collect();
    Ok(axum::Json(page.listing(entities, total, "/api/v2/users")))
}

/// `GET /api/v2/users/me`: the calling user (400 for a client-credentials token).
pub async fn me(State(state): State<AppState>, auth: Auth) -> ApiResult<axum::Json<User>> {
    let p = &auth.caller;
    let user = state.app.directory.user_me(p).await?;
    let names = division_names(&state, p).await?;
    Ok(axum::Json(to_wire(&user, &names)))
}

/// `GET /api/v2/users/{userId}`.
pub async fn get(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<User>> {
    let p = &auth.caller;
    let user = state.app.directory.user(p, &UserId::new(id)).await?;
    let names = division_names(&state, p).await?;
    Ok(axum::Json(to_wire(&user, &names)))
}

/// `POST /api/v2/users`.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<CreateUser>,
) -> ApiResult<axum::Json<User>> {
    let p = &auth.caller;
    let new = NewUser {
        name: body.name,
        email: body.email,
        title: body.title,
        department: body.department,
        division_id: body.division_id.map(DivisionId::new),
        state: body.state.map(domain_state),
        password: body.password.map(Secret::new),
    };
    let user = state.app.directory.create_user(p, &auth.meta, new).await?;
    let names = division_names(&state, p).await?;
    Ok(axum::Json(to_wire(&user, &names)))
}

/// `PATCH /api/v2/users/{userId}` (sparse, with the current `version`).
pub async fn patch(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<UpdateUser>,
) -> ApiResult<axum::Json<User>> {
    let p = &auth.caller;
    let changes = UserChanges {
        version: body.version,
        name: body.name,
        email: body.email,
        title: body.title,
        department: body.department,
        state: body.state.map(domain_state),
        division_id: body.division.and_then(|d| d.id).map(DivisionId::new),
    };
    let user = state
        .app
        .directory
        .update_user(p, &auth.meta, &UserId::new(id), changes)
        .await?;
    let names = division_names(&state, p).await?;
    Ok(axum::Json(to_wire(&user, &names)))
}

/// `DELETE /api/v2/users/{userId}`: the user's tokens stop working at once.
pub async fn delete(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Value>> {
    let p = &auth.caller;
    state
        .app
        .directory
        .delete_user(p, &auth.meta, &UserId::new(id))
        .await?;
    Ok(axum::Json(json!({})))
}

/// `POST /api/v2/users/{userId}/password`.
pub async fn set_password(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<ChangePasswordRequest>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .directory
        .set_user_password(
            p,
            &auth.meta,
            &UserId::new(id),
            body.new_password.map(Secret::new),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v2/users/{subjectId}/roles`.
pub async fn get_roles(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<UserAuthorization>> {
    let p = &auth.caller;
    let roles = state.app.directory.user_roles(p, &UserId::new(id)).await?;
    Ok(axum::Json(authorization_to_wire(roles)))
}

/// `PUT /api/v2/users/{subjectId}/roles`: the body is the list of role ids.
pub async fn put_roles(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(role_ids): Json<Vec<String>>,
) -> ApiResult<axum::Json<UserAuthorization>> {
    let p = &auth.caller;
    let roles = state
        .app
        .directory
        .set_user_roles(p, &auth.meta, &UserId::new(id), role_ids)
        .await?;
    Ok(axum::Json(authorization_to_wire(roles)))
}
