//! `/api/v2/orgauthorization/trustees`: the trustor's side: the organizations it trusts, their
//! users and groups with the roles granted to them, the Customer Care trusts, the clones.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use orgtrust_api::{
    AddressableEntityRef, ClonedUserEntityListing, RoleDivisionGrants, TrustCreate,
    TrustEntityListing, TrustGroup, TrustGroupEntityListing, TrustMemberCreate, TrustUpdate,
    TrustUser, TrustUserEntityListing, Trustee, TrusteeReferenceList, UserAuthorization,
};
use orgtrust_core::ids::OrgId;
use orgtrust_core::orgauth::{CareOptions, MemberKind, MemberSpec, RoleSpec, Side, TrustInput};

use super::{cloned_user, members, trust_group_of, trust_user, trustee_wire, TRUSTEES};
use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::paging::Page;
use crate::response_cache::Read;
use crate::state::AppState;

fn role_spec(role_ids: Option<Vec<String>>, divisions: Option<RoleDivisionGrants>) -> RoleSpec {
    RoleSpec {
        role_ids: role_ids.unwrap_or_default(),
        role_divisions: divisions
            .and_then(|d| d.grants)
            .unwrap_or_default()
            .into_iter()
            .map(|g| (g.role_id, g.division_id))
            .collect(),
    }
}

fn member_spec(m: TrustMemberCreate) -> MemberSpec {
    MemberSpec {
        id: m.id,
        roles: role_spec(m.role_ids, m.role_divisions),
    }
}

/// `GET /trustees`: the same page for every caller of the organization, so its answer is kept
/// per generation (response_cache.rs).
pub async fn list(State(state): State<AppState>, auth: Auth, q: Query) -> ApiResult<Response> {
    let p = &auth.caller;
    let page = Page::from_query(&q, 25)?;
    let generation = state.app.organizations.org_generation(p);
    let read = Read::Trustees {
        offset: page.offset(),
        size: page.size,
    };
    let fill = async {
        let (views, total) = state
            .app
            .orgauth
            .list_trustees(p, page.offset(), page.size)
            .await?;
        Ok::<TrustEntityListing, ApiError>(page.listing(
            views.iter().map(trustee_wire).collect(),
            total,
            TRUSTEES,
        ))
    };
    state
        .responses
        .answer(&p.org_id, generation, read, fill)
        .await
}

/// `POST /trustees`: a trust from a pairing.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<TrustCreate>,
) -> ApiResult<axum::Json<Trustee>> {
    let p = &auth.caller;
    let input = TrustInput {
        pairing_id: body.pairing_id,
        enabled: body.enabled,
        users: body
            .users
            .unwrap_or_default()
            .into_iter()
            .map(member_spec)
            .collect(),
        groups: body
            .groups
            .unwrap_or_default()
            .into_iter()
            .map(member_spec)
            .collect(),
        date_expired: body.date_expired,
    };
    let view = state.app.orgauth.create_trust(p, &auth.meta, input).await?;
    Ok(axum::Json(trustee_wire(&view)))
}

/// `DELETE /trustees?id=a,b`: all or nothing.
pub async fn delete_many(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .orgauth
        .delete_trusts(p, &auth.meta, Side::Trustor, &q.list("id"), true)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /trustees/{trusteeOrgId}`.
pub async fn get(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Trustee>> {
    let p = &auth.caller;
    let view = state.app.orgauth.trustee(p, &OrgId::new(id)).await?;
    Ok(axum::Json(trustee_wire(&view)))
}

/// `PUT /trustees/{trusteeOrgId}`: enable, disable, expire.
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<TrustUpdate>,
) -> ApiResult<axum::Json<Trustee>> {
    let p = &auth.caller;
    let view = state
        .app
        .orgauth
        .update_trust(
            p,
            &auth.meta,
            &OrgId::new(id),
            body.enabled,
            body.date_expired,
        )
        .await?;
    Ok(axum::Json(trustee_wire(&view)))
}

/// `DELETE /trustees/{trusteeOrgId}`.
pub async fn delete(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .orgauth
        .delete_trusts(p, &auth.meta, Side::Trustor, &[id], false)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn care_options(q: &Query) -> Result<CareOptions, ApiError> {
    Ok(CareOptions {
        assign_default_role: q.bool("assignDefaultRole")?.unwrap_or(false),
        auto_expire: q.bool("autoExpire")?.unwrap_or(false),
        assign_full_access: q.bool("assignFullAccess")?.unwrap_or(false),
        allow_trusted_user_access: q.bool("allowTrustedUserAccess")?.unwrap_or(false),
    })
}

/// `GET /trustees/default`: the trust with Customer Care, or 404.
pub async fn get_default(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<Trustee>> {
    let p = &auth.caller;
    Ok(axum::Json(trustee_wire(
        &state.app.orgauth.default_care_trust(p).await?,
    )))
}

/// `POST /trustees/default?assignDefaultRole&autoExpire`.
pub async fn create_default(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<Trustee>> {
    let p = &auth.caller;
    let options = CareOptions {
        assign_full_access: false,
        allow_trusted_user_access: false,
        ..care_options(&q)?
    };
    let views = state
        .app
        .orgauth
        .create_care_trusts(p, &auth.meta, false, options)
        .await?;
    let view = views.first().ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(trustee_wire(view)))
}

/// `GET /trustees/care`: the Customer Care organization ids.
pub async fn get_care(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<TrusteeReferenceList>> {
    let entities = state
        .app
        .orgauth
        .care_orgs(&auth)
        .await?
        .into_iter()
        .map(|id| AddressableEntityRef {
            self_uri: Some(format!("{TRUSTEES}/{id}")),
            id: Some(id.to_string()),
        })
        .collect();
    Ok(axum::Json(TrusteeReferenceList { entities }))
}

/// `POST /trustees/care?assignDefaultRole&autoExpire&assignFullAccess&allowTrustedUserAccess`.
pub async fn create_care(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<TrustEntityListing>> {
    let p = &auth.caller;
    let views = state
        .app
        .orgauth
        .create_care_trusts(p, &auth.meta, true, care_options(&q)?)
        .await?;
    let total = i64::try_from(views.len()).unwrap_or(i64::MAX);
    let page = Page {
        size: total.max(1),
        number: 1,
    };
    Ok(axum::Json(page.listing(
        views.iter().map(trustee_wire).collect(),
        total,
        TRUSTEES,
    )))
}

/// `GET /trustees/{trusteeOrgId}/clonedusers` (not paged).
pub async fn cloned_users(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<ClonedUserEntityListing>> {
    let p = &auth.caller;
    let clones = state
        .app
        .orgauth
        .cloned_users(p, Side::Trustor, &OrgId::new(&*id))
        .await?;
    Ok(axum::Json(ClonedUserEntityListing {
        total: Some(i64::try_from(clones.len()).unwrap_or(0)),
        entities: clones.iter().map(cloned_user).collect(),
        self_uri: Some(format!("{TRUSTEES}/{id}/clonedusers")),
    }))
}

/// `DELETE /trustees/{trusteeOrgId}/clonedusers/{trusteeUserId}`.
pub async fn delete_cloned_user(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .orgauth
        .delete_cloned_user(p, &auth.meta, Side::Trustor, &OrgId::new(id), &user)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- users and groups ----

const USERS: (Side, MemberKind) = (Side::Trustor, MemberKind::User);
const GROUPS: (Side, MemberKind) = (Side::Trustor, MemberKind::Group);

/// `GET /trustees/{trusteeOrgId}/users`.
pub async fn users(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<axum::Json<TrustUserEntityListing>> {
    members::list(&state, &auth, USERS, &id, &q, trust_user).await
}

/// `POST /trustees/{trusteeOrgId}/users`.
pub async fn add_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<TrustMemberCreate>,
) -> ApiResult<axum::Json<TrustUser>> {
    let spec = member_spec(body);
    members::add_as_trustor(&state, &auth, MemberKind::User, id, spec, trust_user).await
}

/// `GET /trustees/{trusteeOrgId}/users/{trusteeUserId}`.
pub async fn user(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<axum::Json<TrustUser>> {
    members::get(&state, &auth, USERS, ids, trust_user).await
}

/// `DELETE /trustees/{trusteeOrgId}/users/{trusteeUserId}`.
pub async fn delete_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    members::remove(&state, &auth, USERS, ids).await
}

/// `GET /trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`.
pub async fn user_roles(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<axum::Json<UserAuthorization>> {
    members::roles(&state, &auth, MemberKind::User, ids).await
}

/// `PUT /trustees/{trusteeOrgId}/users/{trusteeUserId}/roles` (role ids, all divisions).
pub async fn put_user_roles(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
    Json(body): Json<Vec<String>>,
) -> ApiResult<axum::Json<UserAuthorization>> {
    let spec = role_spec(Some(body), None);
    let a = members::set_roles(&state, &auth, MemberKind::User, ids, spec).await?;
    Ok(axum::Json(a))
}

/// `PUT /trustees/{trusteeOrgId}/users/{trusteeUserId}/roledivisions`.
pub async fn put_user_roledivisions(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
    Json(body): Json<RoleDivisionGrants>,
) -> ApiResult<axum::Json<UserAuthorization>> {
    let spec = role_spec(None, Some(body));
    let a = members::set_roles(&state, &auth, MemberKind::User, ids, spec).await?;
    Ok(axum::Json(a))
}

/// `DELETE /trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`.
pub async fn delete_user_roles(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    members::set_roles(&state, &auth, MemberKind::User, ids, RoleSpec::default()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /trustees/{trusteeOrgId}/groups`.
pub async fn groups(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<axum::Json<TrustGroupEntityListing>> {
    members::list(&state, &auth, GROUPS, &id, &q, trust_group_of).await
}

/// `POST /trustees/{trusteeOrgId}/groups`.
pub async fn add_group(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<TrustMemberCreate>,
) -> ApiResult<axum::Json<TrustGroup>> {
    let spec = member_spec(body);
    members::add_as_trustor(&state, &auth, MemberKind::Group, id, spec, trust_group_of).await
}

/// `GET /trustees/{trusteeOrgId}/groups/{trusteeGroupId}`.
pub async fn group(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<axum::Json<TrustGroup>> {
    members::get(&state, &auth, GROUPS, ids, trust_group_of).await
}

/// `DELETE /trustees/{trusteeOrgId}/groups/{trusteeGroupId}`.
pub async fn delete_group(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    members::remove(&state, &auth, GROUPS, ids).await
}

/// `GET /trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub async fn group_roles(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<axum::Json<UserAuthorization>> {
    members::roles(&state, &auth, MemberKind::Group, ids).await
}

/// `PUT /trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub async fn put_group_roles(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
    Json(body): Json<Vec<String>>,
) -> ApiResult<axum::Json<UserAuthorization>> {
    let spec = role_spec(Some(body), None);
    let a = members::set_roles(&state, &auth, MemberKind::Group, ids, spec).await?;
    Ok(axum::Json(a))
}

/// `PUT /trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roledivisions`.
pub async fn put_group_roledivisions(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
    Json(body): Json<RoleDivisionGrants>,
) -> ApiResult<axum::Json<UserAuthorization>> {
    let spec = role_spec(None, Some(body));
    let a = members::set_roles(&state, &auth, MemberKind::Group, ids, spec).await?;
    Ok(axum::Json(a))
}

/// `DELETE /trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub async fn delete_group_roles(
    State(state): State<AppState>,
    auth: Auth,
    Path(ids): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    members::set_roles(&state, &auth, MemberKind::Group, ids, RoleSpec::default()).await?;
    Ok(StatusCode::NO_CONTENT)
}
