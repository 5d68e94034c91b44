//! `/api/v2/authorization`: roles, divisions, the grants of subjects, and the permission
//! catalogue role editors pick from.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use orgtrust_api::{
    AuthzDivision, AuthzDivisionEntityListing, AuthzGrant, AuthzGrantRole, AuthzSubject,
    DomainOrganizationRole, DomainOrganizationRoleUpdate, DomainPermission,
    DomainPermissionCollection, DomainPermissionPolicy, OrganizationRoleEntityListing,
    PermissionCollectionEntityListing, RoleDivisionGrants,
};
use orgtrust_core::catalogue;
use orgtrust_core::directory::{GrantEntry, GrantPair, RoleInput, SubjectGrants};
use orgtrust_core::ids::{DivisionId, RoleId};
use orgtrust_core::model::{self, Role};
use orgtrust_core::store::GrantChange;

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::{Json, Query};
use crate::paging::Page;
use crate::state::AppState;

/// The entities of one page out of a whole list, with the total.
pub fn page_of<T>(page: &Page, all: Vec<T>) -> (Vec<T>, i64) {
    let total = all.len() as i64;
    let entities = all
        .into_iter()
        .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(page.size).unwrap_or(0))
        .collect();
    (entities, total)
}

// ---------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------

/// The permission policies a role's permissions amount to (one per domain and entity).
fn policies(permissions: &[String]) -> Vec<DomainPermissionPolicy> {
    let mut by_entity: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for p in permissions {
        let mut parts = p.splitn(3, ':');
        let (d, e, a) = match (parts.next(), parts.next(), parts.next()) {
            (Some(d), Some(e), Some(a)) => (d, e, a),
            _ => ("*", "*", "*"),
        };
        by_entity
            .entry((d.to_owned(), e.to_owned()))
            .or_default()
            .push(a.to_owned());
    }
    by_entity
        .into_iter()
        .map(|((domain, entity), actions)| DomainPermissionPolicy {
            domain: Some(domain),
            entity_name: Some(entity),
            action_set: Some(actions),
            allow_conditions: Some(false),
            ..DomainPermissionPolicy::default()
        })
        .collect()
}

/// The wire form of a role.
pub fn role_to_wire(r: &Role) -> DomainOrganizationRole {
    DomainOrganizationRole {
        id: Some(r.id.to_string()),
        name: Some(r.name.clone()),
        description: r.description.clone(),
        permissions: Some(r.permissions.clone()),
        unused_permissions: Some(vec![]),
        permission_policies: Some(policies(&r.permissions)),
        default: Some(r.default_admin),
        base: Some(false),
        role_needs_update: Some(false),
        self_uri: Some(format!("/api/v2/authorization/roles/{}", r.id)),
        ..DomainOrganizationRole::default()
    }
}

/// `permissions` plus the permissions spelled as `permissionPolicies` (`domain`,
/// `entityName`, `actionSet`), or `None` when the body has neither.
fn requested_permissions(
    permissions: Option<Vec<String>>,
    policies: Option<Vec<DomainPermissionPolicy>>,
) -> Option<Vec<String>> {
    if permissions.is_none() && policies.is_none() {
        return None;
    }
    let mut all = permissions.unwrap_or_default();
    for p in policies.unwrap_or_default() {
        let domain = p.domain.unwrap_or_default();
        let entity = p.entity_name.unwrap_or_default();
        for action in p.action_set.unwrap_or_default() {
            all.push(format!("{domain}:{entity}:{action}"));
        }
    }
    Some(all)
}

fn role_input(r: DomainOrganizationRole) -> RoleInput {
    RoleInput {
        name: r.name,
        description: r.description,
        permissions: requested_permissions(r.permissions, r.permission_policies),
    }
}

/// `GET /api/v2/authorization/roles` (filters: `name` (contains), `id`, `permission`).
pub async fn list_roles(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<OrganizationRoleEntityListing>> {
    let p = &auth.caller;
    let page = Page::from_query(&q, 25)?;
    let name = q
        .get("name")
        .map(str::to_lowercase)
        .filter(|n| !n.is_empty());
    let ids = q.list("id");
    let permissions = q.list("permission");
    let roles: Vec<Role> = state
        .app
        .directory
        .roles(p)
        .await?
        .into_iter()
        .filter(|r| {
            name.as_ref()
                .is_none_or(|n| r.name.to_lowercase().contains(n))
        })
        .filter(|r| ids.is_empty() || ids.iter().any(|i| i == r.id.as_str()))
        .filter(|r| permissions.is_empty() || r.permissions.iter().any(|x| permissions.contains(x)))
        .collect();
    let (entities, total) = page_of(&page, roles);
    let entities = entities.iter().map(role_to_wire).collect();
    Ok(axum::Json(page.listing(
        entities,
        total,
        "/api/v2/authorization/roles",
    )))
}

/// `GET /api/v2/authorization/roles/{roleId}`.
pub async fn get_role(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<DomainOrganizationRole>> {
    let p = &auth.caller;
    Ok(axum::Json(role_to_wire(
        &state.app.directory.role(p, &RoleId::new(id)).await?,
    )))
}

/// `POST /api/v2/authorization/roles`.
pub async fn create_role(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<DomainOrganizationRole>,
) -> ApiResult<axum::Json<DomainOrganizationRole>> {
    let p = &auth.caller;
    let role = state
        .app
        .directory
        .create_role(p, &auth.meta, role_input(body))
        .await?;
    Ok(axum::Json(role_to_wire(&role)))
}

/// `PUT /api/v2/authorization/roles/{roleId}` (the whole role).
pub async fn put_role(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<DomainOrganizationRoleUpdate>,
) -> ApiResult<axum::Json<DomainOrganizationRole>> {
    let p = &auth.caller;
    let input = RoleInput {
        name: body.name,
        description: body.description,
        permissions: requested_permissions(body.permissions, body.permission_policies),
    };
    let role = state
        .app
        .directory
        .update_role(p, &auth.meta, &RoleId::new(id), input, true)
        .await?;
    Ok(axum::Json(role_to_wire(&role)))
}

/// `PATCH /api/v2/authorization/roles/{roleId}` (only the fields sent).
pub async fn patch_role(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<DomainOrganizationRole>,
) -> ApiResult<axum::Json<DomainOrganizationRole>> {
    let p = &auth.caller;
    let role = state
        .app
        .directory
        .update_role(p, &auth.meta, &RoleId::new(id), role_input(body), false)
        .await?;
    Ok(axum::Json(role_to_wire(&role)))
}

/// `DELETE /api/v2/authorization/roles/{roleId}`: its grants go with it.
pub async fn delete_role(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .directory
        .delete_role(p, &auth.meta, &RoleId::new(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------------------------
// Divisions
// ---------------------------------------------------------------------------------------------

/// The wire form of a division.
pub fn division_to_wire(d: &model::Division) -> AuthzDivision {
    AuthzDivision {
        id: Some(d.id.to_string()),
        name: Some(d.name.clone()),
        description: d.description.clone(),
        home_division: Some(d.home),
        object_counts: None,
        self_uri: Some(format!("/api/v2/authorization/divisions/{}", d.id)),
    }
}

async fn with_counts(
    state: &AppState,
    auth: &Auth,
    d: &model::Division,
) -> ApiResult<AuthzDivision> {
    let counts = state.app.directory.division_counts(auth, &d.id).await?;
    let mut wire = division_to_wire(d);
    wire.object_counts = Some(BTreeMap::from([
        ("USER".to_owned(), counts.users),
        ("GROUP".to_owned(), counts.groups),
    ]));
    Ok(wire)
}

/// `GET /api/v2/authorization/divisions` (filters: `id`, `name` (contains); `objectCount`).
pub async fn list_divisions(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<AuthzDivisionEntityListing>> {
    let p = &auth.caller;
    let page = Page::from_query(&q, 25)?;
    let counts = q.bool("objectCount")?.unwrap_or(false);
    let name = q
        .get("name")
        .map(str::to_lowercase)
        .filter(|n| !n.is_empty());
    let ids = q.list("id");
    let divisions: Vec<model::Division> = state
        .app
        .directory
        .divisions(p)
        .await?
        .into_iter()
        .filter(|d| {
            name.as_ref()
                .is_none_or(|n| d.name.to_lowercase().contains(n))
        })
        .filter(|d| ids.is_empty() || ids.iter().any(|i| i == d.id.as_str()))
        .collect();
    let (divisions, total) = page_of(&page, divisions);
    let mut entities = Vec::with_capacity(divisions.len());
    for d in &divisions {
        entities.push(if counts {
            with_counts(&state, &auth, d).await?
        } else {
            division_to_wire(d)
        });
    }
    Ok(axum::Json(page.listing(
        entities,
        total,
        "/api/v2/authorization/divisions",
    )))
}

/// `GET /api/v2/authorization/divisions/home`.
pub async fn home_division(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<AuthzDivision>> {
    let p = &auth.caller;
    Ok(axum::Json(division_to_wire(
        &state.app.directory.home_division(p).await?,
    )))
}

/// `GET /api/v2/authorization/divisions/{divisionId}` (`objectCount=true` adds the counts).
pub async fn get_division(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<axum::Json<AuthzDivision>> {
    let p = &auth.caller;
    let division = state
        .app
        .directory
        .division(p, &DivisionId::new(id))
        .await?;
    if q.bool("objectCount")?.unwrap_or(false) {
        return Ok(axum::Json(with_counts(&state, &auth, &division).await?));
    }
    Ok(axum::Json(division_to_wire(&division)))
}

/// `POST /api/v2/authorization/divisions`.
pub async fn create_division(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<AuthzDivision>,
) -> ApiResult<axum::Json<AuthzDivision>> {
    let p = &auth.caller;
    let division = state
        .app
        .directory
        .create_division(p, &auth.meta, body.name, body.description)
        .await?;
    Ok(axum::Json(division_to_wire(&division)))
}

/// `PUT /api/v2/authorization/divisions/{divisionId}`.
pub async fn put_division(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<AuthzDivision>,
) -> ApiResult<axum::Json<AuthzDivision>> {
    let p = &auth.caller;
    let division = state
        .app
        .directory
        .update_division(
            p,
            &auth.meta,
            &DivisionId::new(id),
            body.name,
            body.description,
        )
        .await?;
    Ok(axum::Json(division_to_wire(&division)))
}

/// `DELETE /api/v2/authorization/divisions/{divisionId}` (409 while it holds users or groups).
pub async fn delete_division(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .directory
        .delete_division(p, &auth.meta, &DivisionId::new(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------------------------
// Subjects and their grants
// ---------------------------------------------------------------------------------------------

/// The wire form of a grant's division (`*` is every division).
fn grant_division(entry: &GrantEntry) -> AuthzDivision {
    match &entry.division {
        Some(d) => division_to_wire(d),
        None => AuthzDivision {
            id: Some("*".into()),
            name: Some("All divisions".into()),
            ..AuthzDivision::default()
        },
    }
}

/// The wire form of a subject's grants.
pub fn subject_to_wire(s: &SubjectGrants) -> AuthzSubject {
    let id = s.subject.id().to_owned();
    AuthzSubject {
        grants: Some(
            s.grants
                .iter()
                .map(|g| AuthzGrant {
                    subject_id: Some(id.clone()),
                    division: Some(grant_division(g)),
                    role: Some(AuthzGrantRole {
                        id: Some(g.role.id.to_string()),
                        name: Some(g.role.name.clone()),
                        description: g.role.description.clone(),
                        default: Some(g.role.default_admin),
                        self_uri: Some(format!("/api/v2/authorization/roles/{}", g.role.id)),
                        ..AuthzGrantRole::default()
                    }),
                    grant_made_at: None,
                })
                .collect(),
        ),
        name: Some(s.name.clone()),
        version: Some(1),
        self_uri: Some(format!("/api/v2/authorization/subjects/{id}")),
        id: Some(id),
    }
}

/// `GET /api/v2/authorization/subjects/{subjectId}` (a user, group or OAuth client).
pub async fn get_subject(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<AuthzSubject>> {
    let p = &auth.caller;
    Ok(axum::Json(subject_to_wire(
        &state.app.directory.subject_grants(p, &id).await?,
    )))
}

fn pairs(body: RoleDivisionGrants) -> Option<Vec<GrantPair>> {
    body.grants.map(|grants| {
        grants
            .into_iter()
            .map(|g| GrantPair {
                role_id: g.role_id,
                division_id: g.division_id,
            })
            .collect()
    })
}

async fn change(
    state: AppState,
    auth: Auth,
    id: String,
    change: GrantChange,
    body: RoleDivisionGrants,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .directory
        .change_subject_grants(p, &auth.meta, &id, change, pairs(body))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v2/authorization/subjects/{subjectId}/bulkadd`.
pub async fn bulk_add(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<RoleDivisionGrants>,
) -> ApiResult<StatusCode> {
    change(state, auth, id, GrantChange::Add, body).await
}

/// `POST /api/v2/authorization/subjects/{subjectId}/bulkremove`.
pub async fn bulk_remove(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<RoleDivisionGrants>,
) -> ApiResult<StatusCode> {
    change(state, auth, id, GrantChange::Remove, body).await
}

/// `POST /api/v2/authorization/subjects/{subjectId}/bulkreplace`.
pub async fn bulk_replace(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<RoleDivisionGrants>,
) -> ApiResult<StatusCode> {
    change(state, auth, id, GrantChange::Replace, body).await
}

// ---------------------------------------------------------------------------------------------
// The permission catalogue
// ---------------------------------------------------------------------------------------------

/// `GET /api/v2/authorization/permissions`: every permission the server checks, one collection
/// per domain. `query` (comma-separated) keeps permissions or domains containing any term.
pub async fn permissions(
    State(_state): State<AppState>,
    q: Query,
) -> ApiResult<axum::Json<PermissionCollectionEntityListing>> {
    let page = Page::from_query(&q, 25)?;
    let terms: Vec<String> = q.list("query").iter().map(|t| t.to_lowercase()).collect();
    let mut domains: BTreeMap<&str, BTreeMap<String, Vec<DomainPermission>>> = BTreeMap::new();
    for known in catalogue::PERMISSIONS {
        let lower = known.permission.to_lowercase();
        if !terms.is_empty() && !terms.iter().any(|t| lower.contains(t)) {
            continue;
        }
        let mut parts = known.permission.splitn(3, ':');
        let (Some(domain), Some(entity), Some(action)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        domains
            .entry(domain)
            .or_default()
            .entry(entity.to_owned())
            .or_default()
            .push(DomainPermission {
                domain: Some(domain.to_owned()),
                entity_type: Some(entity.to_owned()),
                action: Some(action.to_owned()),
                label: Some(known.label.to_owned()),
                allows_conditions: Some(false),
                division_aware: Some(known.division_aware),
            });
    }
    let collections: Vec<DomainPermissionCollection> = domains
        .into_iter()
        .map(|(domain, map)| DomainPermissionCollection {
            id: Some(domain.to_owned()),
            name: Some(domain.to_owned()),
            domain: Some(domain.to_owned()),
            permission_map: Some(map),
            self_uri: Some(format!("/api/v2/authorization/permissions/{domain}")),
        })
        .collect();
    let (entities, total) = page_of(&page, collections);
    Ok(axum::Json(page.listing(
        entities,
        total,
        "/api/v2/authorization/permissions",
    )))
}
