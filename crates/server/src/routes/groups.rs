//! `/api/v2/groups`: the directory's groups and their members.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use orgtrust_api::{
    EntityState, Group, GroupCreate, GroupEntityListing, GroupMembersUpdate, GroupType,
    GroupUpdate, GroupVisibility, UserEntityListing,
};
use orgtrust_core::directory::{GroupChanges, NewGroup};
use orgtrust_core::ids::GroupId;
use orgtrust_core::model;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::{Json, Query};
use crate::paging::Page;
use crate::routes::users::{self, descending, division_names, window};
use crate::state::AppState;

fn kind_str(t: GroupType) -> &'static str {
    match t {
        GroupType::Official => "official",
        GroupType::Social => "social",
    }
}

fn visibility_str(v: GroupVisibility) -> &'static str {
    match v {
        GroupVisibility::Public => "public",
        GroupVisibility::Owners => "owners",
        GroupVisibility::Members => "members",
    }
}

/// The wire form of a group.
pub fn to_wire(g: &model::Group) -> Group {
    Group {
        id: Some(g.id.to_string()),
        name: Some(g.name.clone()),
        description: g.description.clone(),
        member_count: Some(g.member_count),
        state: Some(if g.state == "deleted" {
            EntityState::Deleted
        } else {
            EntityState::Active
        }),
        version: Some(g.version),
        r#type: Some(if g.kind == "social" {
            GroupType::Social
        } else {
            GroupType::Official
        }),
        rules_visible: Some(g.rules_visible),
        visibility: Some(match g.visibility.as_str() {
            "members" => GroupVisibility::Members,
            "owners" => GroupVisibility::Owners,
            _ => GroupVisibility::Public,
        }),
        roles_enabled: Some(true),
        owners: Some(vec![]),
        self_uri: Some(format!("/api/v2/groups/{}", g.id)),
        ..Group::default()
    }
}

/// `GET /api/v2/groups`: only groups in divisions where the caller may view groups.
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<GroupEntityListing>> {
    let p = &auth.caller;
    let page = Page::from_query(&q, 25)?;
    let ids = q.list("id");
    let ids = (!ids.is_empty()).then(|| ids.into_iter().map(GroupId::new).collect());
    let (groups, total) = state
        .app
        .directory
        .list_groups(p, ids, descending(&q)?, window(&page))
        .await?;
    let entities = groups.iter().map(to_wire).collect();
    Ok(axum::Json(page.listing(entities, total, "/api/v2/groups")))
}

/// `GET /api/v2/groups/{groupId}`.
pub async fn get(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Group>> {
    let p = &auth.caller;
    Ok(axum::Json(to_wire(
        &state.app.directory.group(p, &GroupId::new(id)).await?,
    )))
}

/// `POST /api/v2/groups`.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<GroupCreate>,
) -> ApiResult<axum::Json<Group>> {
    let p = &auth.caller;
    let new = NewGroup {
        name: body.name,
        description: body.description,
        kind: body.r#type.map(|t| kind_str(t).to_owned()),
        visibility: body.visibility.map(|v| visibility_str(v).to_owned()),
        rules_visible: body.rules_visible,
    };
    Ok(axum::Json(to_wire(
        &state.app.directory.create_group(p, &auth.meta, new).await?,
    )))
}

/// `PUT /api/v2/groups/{groupId}` (with the current `version`).
pub async fn put(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<GroupUpdate>,
) -> ApiResult<axum::Json<Group>> {
    let p = &auth.caller;
    let changes = GroupChanges {
        version: body.version,
        name: body.name,
        description: body.description,
        visibility: body.visibility.map(|v| visibility_str(v).to_owned()),
        rules_visible: body.rules_visible,
    };
    Ok(axum::Json(to_wire(
        &state
            .app
            .directory
            .update_group(p, &auth.meta, &GroupId::new(id), changes)
            .await?,
    )))
}

/// `DELETE /api/v2/groups/{groupId}`.
pub async fn delete(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .directory
        .delete_group(p, &auth.meta, &GroupId::new(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v2/groups/{groupId}/members`.
pub async fn members(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<axum::Json<UserEntityListing>> {
    let p = &auth.caller;
    let page = Page::from_query(&q, 25)?;
    let (members, total) = state
        .app
        .directory
        .group_members(p, &GroupId::new(id.clone()), descending(&q)?, window(&page))
        .await?;
    let names = division_names(&state, p).await?;
    let entities = members.iter().map(|u| users::to_wire(u, &names)).collect();
    Ok(axum::Json(page.listing(
        entities,
        total,
        &format!("/api/v2/groups/{id}/members"),
    )))
}

/// `POST /api/v2/groups/{groupId}/members` (`{"memberIds", "version"}`): 202.
pub async fn add_members(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<GroupMembersUpdate>,
) -> ApiResult<(StatusCode, axum::Json<Value>)> {
    let p = &auth.caller;
    state
        .app
        .directory
        .add_group_members(
            p,
            &auth.meta,
            &GroupId::new(id),
            body.member_ids,
            body.version,
        )
        .await?;
    Ok((StatusCode::ACCEPTED, axum::Json(json!({}))))
}

/// `DELETE /api/v2/groups/{groupId}/members?ids=a,b`: 202.
pub async fn remove_members(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<(StatusCode, axum::Json<Value>)> {
    let p = &auth.caller;
    state
        .app
        .directory
        .remove_group_members(p, &auth.meta, &GroupId::new(id), q.list("ids"))
        .await?;
    Ok((StatusCode::ACCEPTED, axum::Json(json!({}))))
}
