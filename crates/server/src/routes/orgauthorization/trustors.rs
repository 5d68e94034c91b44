//! `/api/v2/orgauthorization/trustors`: the trustee's side: the organizations that trust it, the
//! users and groups it has in each trust, and its cloned users there.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use orgtrust_api::{
    ClonedUser, ClonedUserEntityListing, TrustGroup, TrustGroupEntityListing, TrustUser,
    TrustUserEntityListing, Trustor, TrustorEntityListing,
};
use orgtrust_core::ids::OrgId;
use orgtrust_core::orgauth::{MemberKind, Side};

use super::{cloned_user, members, trust_group_of, trust_user, trustor_wire, TRUSTORS};
use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::paging::Page;
use crate::state::AppState;

/// `GET /trustors`.
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<TrustorEntityListing>> {
    let p = &auth.caller;
    let page = Page::from_query(&q, 25)?;
    let (views, total) = state
        .app
        .orgauth
        .list_trustors(p, page.offset(), page.size)
        .await?;
    Ok(axum::Json(
        page.listing(
            views
                .into_iter()
                .map(|(v, perms)| trustor_wire(&v, perms))
                .collect(),
            total,
            TRUSTORS,
        ),
    ))
}

/// `DELETE /trustors?id=a,b`: all or nothing.
pub async fn delete_many(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .orgauth
        .delete_trusts(p, &auth.meta, Side::Trustee, &q.list("id"), true)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /trustors/{trustorOrgId}`.
pub async fn get(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Trustor>> {
    let p = &auth.caller;
    let (view, perms) = state.app.orgauth.trustor(p, &OrgId::new(id)).await?;
    Ok(axum::Json(trustor_wire(&view, perms)))
}

/// `DELETE /trustors/{trustorOrgId}`.
pub async fn delete(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .orgauth
        .delete_trusts(p, &auth.meta, Side::Trustee, &[id], false)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- cloned users ----

/// `GET /trustors/{trustorOrgId}/clonedusers` (not paged).
pub async fn cloned_users(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<ClonedUserEntityListing>> {
    let p = &auth.caller;
    let clones = state
        .app
        .orgauth
        .cloned_users(p, Side::Trustee, &OrgId::new(&*id))
        .await?;
    Ok(axum::Json(ClonedUserEntityListing {
        total: Some(i64::try_from(clones.len()).unwrap_or(0)),
        entities: clones.iter().map(cloned_user).collect(),
        self_uri: Some(format!("{TRUSTORS}/{id}/clonedusers")),
    }))
}

/// `GET /trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub async fn get_cloned_user(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<axum::Json<ClonedUser>> {
    let p = &auth.caller;
    let clone = state
        .app
        .orgauth
        .cloned_user(p, Side::Trustee, &OrgId::new(id), &user)
        .await?;
    Ok(axum::Json(cloned_user(&clone)))
}

/// `PUT /trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub async fn put_cloned_user(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<axum::Json<ClonedUser>> {
    let p = &auth.caller;
    let clone = state
        .app
        .orgauth
        .create_cloned_user(p, &auth.meta, &OrgId::new(id), &user)
        .await?;
    Ok(axum::Json(cloned_user(&clone)))
}

/// `DELETE /trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub async fn delete_cloned_user(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .orgauth
        .delete_cloned_user(p, &auth.meta, Side::Trustee, &OrgId::new(id), &user)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- users and groups ----

const USERS: (Side, MemberKind) = (Side::Trustee, MemberKind::User);
const GROUPS: (Side, MemberKind) = (Side::Trustee, MemberKind::Group);

/// `GET /trustors/{trustorOrgId}/users`.
pub async fn users(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<axum::Json<TrustUserEntityListing>> {
    members::list(&state, &auth, USERS, &id, &q, trust_user).await
}

/// `GET /trustors/{trustorOrgId}/users/{trusteeUserId}`.
pub async fn user(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<axum::Json<TrustUser>> {
    members::get(&state, &auth, USERS, ids, trust_user).await
}

/// `PUT /trustors/{trustorOrgId}/users/{trusteeUserId}`: the trustee adds one of its users.
pub async fn put_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<axum::Json<TrustUser>> {
    members::add_as_trustee(&state, &auth, MemberKind::User, ids, trust_user).await
}

/// `DELETE /trustors/{trustorOrgId}/users/{trusteeUserId}`.
pub async fn delete_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    members::remove(&state, &auth, USERS, ids).await
}

/// `GET /trustors/{trustorOrgId}/groups`.
pub async fn groups(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<axum::Json<TrustGroupEntityListing>> {
    members::list(&state, &auth, GROUPS, &id, &q, trust_group_of).await
}

/// `GET /trustors/{trustorOrgId}/groups/{trustorGroupId}`.
pub async fn group(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<axum::Json<TrustGroup>> {
    members::get(&state, &auth, GROUPS, ids, trust_group_of).await
}

/// `PUT /trustors/{trustorOrgId}/groups/{trustorGroupId}`: the trustee adds one of its groups.
pub async fn put_group(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<axum::Json<TrustGroup>> {
    members::add_as_trustee(&state, &auth, MemberKind::Group, ids, trust_group_of).await
}

/// `DELETE /trustors/{trustorOrgId}/groups/{trustorGroupId}`.
pub async fn delete_group(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    members::remove(&state, &auth, GROUPS, ids).await
}
