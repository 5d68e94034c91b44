//! What the user and group handlers of both sides share: each handler names its operation, side,
//! member kind and wire mapping, and calls one of these.

use axum::http::StatusCode;
use orgtrust_api::{EntityListing, UserAuthorization};
use orgtrust_core::ids::OrgId;
use orgtrust_core::orgauth::{MemberKind, MemberSpec, MemberView, RoleSpec, Side};

use super::{user_authorization, TRUSTEES, TRUSTORS};
use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::paging::Page;
use crate::state::AppState;

/// The wire form of a member (`TrustUser` or `TrustGroup`), `None` for the other kind.
pub(super) type ToWire<T> = fn(&MemberView) -> Option<T>;

fn segment(kind: MemberKind) -> &'static str {
    if kind == MemberKind::Group {
        "groups"
    } else {
        "users"
    }
}

fn wire<T>(view: &MemberView, to_wire: ToWire<T>) -> ApiResult<axum::Json<T>> {
    Ok(axum::Json(to_wire(view).ok_or_else(ApiError::not_found)?))
}

/// `GET /trustees|trustors/{orgId}/users|groups`.
pub(super) async fn list<T>(
    state: &AppState,
    auth: &Auth,
    (side, kind): (Side, MemberKind),
    other: &str,
    q: &Query,
    to_wire: ToWire<T>,
) -> ApiResult<axum::Json<EntityListing<T>>> {
    let p = &auth.caller;
    let page = Page::from_query(q, 25)?;
    let (views, total) = state
        .app
        .orgauth
        .trust_members(p, side, &OrgId::new(other), kind, page.offset(), page.size)
        .await?;
    let root = if side == Side::Trustor {
        TRUSTEES
    } else {
        TRUSTORS
    };
    Ok(axum::Json(page.listing(
        views.iter().filter_map(to_wire).collect(),
        total,
        &format!("{root}/{other}/{}", segment(kind)),
    )))
}

/// `GET /trustees|trustors/{orgId}/users|groups/{id}`.
pub(super) async fn get<T>(
    state: &AppState,
    auth: &Auth,
    (side, kind): (Side, MemberKind),
    (other, member): (String, String),
    to_wire: ToWire<T>,
) -> ApiResult<axum::Json<T>> {
    let p = &auth.caller;
    let view = state
        .app
        .orgauth
        .trust_member(p, side, &OrgId::new(other), kind, &member)
        .await?;
    wire(&view, to_wire)
}

/// `POST /trustees/{trusteeOrgId}/users|groups`: the trustor adds a member with roles.
pub(super) async fn add_as_trustor<T>(
    state: &AppState,
    auth: &Auth,
    kind: MemberKind,
    other: String,
    spec: MemberSpec,
    to_wire: ToWire<T>,
) -> ApiResult<axum::Json<T>> {
    let p = &auth.caller;
    let view = state
        .app
        .orgauth
        .add_member_as_trustor(p, &auth.meta, &OrgId::new(other), kind, spec)
        .await?;
    wire(&view, to_wire)
}

/// `PUT /trustors/{trustorOrgId}/users|groups/{id}`: the trustee adds one of its own.
pub(super) async fn add_as_trustee<T>(
    state: &AppState,
    auth: &Auth,
    kind: MemberKind,
    (other, member): (String, String),
    to_wire: ToWire<T>,
) -> ApiResult<axum::Json<T>> {
    let p = &auth.caller;
    let view = state
        .app
        .orgauth
        .add_member_as_trustee(p, &auth.meta, &OrgId::new(other), kind, &member)
        .await?;
    wire(&view, to_wire)
}

/// `DELETE /trustees|trustors/{orgId}/users|groups/{id}`.
pub(super) async fn remove(
    state: &AppState,
    auth: &Auth,
    (side, kind): (Side, MemberKind),
    (other, member): (String, String),
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .orgauth
        .remove_member(p, &auth.meta, side, &OrgId::new(other), kind, &member)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /trustees/{trusteeOrgId}/users|groups/{id}/roles`.
pub(super) async fn roles(
    state: &AppState,
    auth: &Auth,
    kind: MemberKind,
    (other, member): (String, String),
) -> ApiResult<axum::Json<UserAuthorization>> {
    let p = &auth.caller;
    let a = state
        .app
        .orgauth
        .member_authorization(p, &OrgId::new(other), kind, &member)
        .await?;
    Ok(axum::Json(user_authorization(&a)))
}

/// `PUT .../roles`, `PUT .../roledivisions` (replace) and, with an empty spec, `DELETE .../roles`.
pub(super) async fn set_roles(
    state: &AppState,
    auth: &Auth,
    kind: MemberKind,
    (other, member): (String, String),
    spec: RoleSpec,
) -> ApiResult<UserAuthorization> {
    let p = &auth.caller;
    let a = state
        .app
        .orgauth
        .set_member_roles(p, &auth.meta, &OrgId::new(other), kind, &member, &spec)
        .await?;
    Ok(user_authorization(&a))
}
