//! `/orgtrust/v1/access/...`: the access review of the caller's organization as trustor, an
//! orgtrust extension (see `orgtrust_core::access`).

use axum::extract::State;
use orgtrust_api::{AccessEntry, AccessEntryListing, AccessVia, DomainEntityRef};
use orgtrust_core::access::{AccessEntry as Row, AccessFilter, AccessPath};
use orgtrust_core::cross_org::MemberPath;
use orgtrust_core::ids::{DivisionId, OrgId};

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::paging::Page;
use crate::state::AppState;

/// The extension's prefix.
pub const PREFIX: &str = "/orgtrust/v1";

fn entity(id: impl ToString, name: &str) -> Option<DomainEntityRef> {
    Some(DomainEntityRef {
        id: Some(id.to_string()),
        name: Some(name.to_owned()),
        self_uri: None,
    })
}

fn to_wire(row: Row) -> AccessEntry {
    let (via, group, cloned_user) = match &row.path {
        AccessPath::Member(MemberPath::User) => (AccessVia::User, None, None),
        AccessPath::Member(MemberPath::Group(g)) => (
            AccessVia::Group,
            entity(g, row.group_name.as_deref().unwrap_or_default()),
            None,
        ),
        AccessPath::Member(MemberPath::Organization) => (AccessVia::Organization, None, None),
        AccessPath::Clone(c) => (
            AccessVia::Clone,
            None,
            Some(DomainEntityRef {
                id: Some(c.to_string()),
                name: None,
                self_uri: Some(format!("/api/v2/users/{c}")),
            }),
        ),
    };
    AccessEntry {
        trustee_organization: entity(&row.trustee_org, &row.trustee_org_name),
        user: entity(&row.user, &row.user_name),
        via: Some(via),
        group,
        cloned_user,
        role: entity(&row.role, &row.role_name),
        division: entity(row.division.as_key(), &row.division_name),
        permissions: Some(row.permissions),
        trust_date_created: Some(row.trust_created),
        trust_date_expired: row.trust_expires,
    }
}

/// `GET /orgtrust/v1/access/report`: every trustee user's effective access here, one row per
/// role and division, filtered by `trusteeOrgId`, `permission` and `divisionId`.
pub async fn report(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<AccessEntryListing>> {
    let page = Page::from_query(&q, 25)?;
    let filter = AccessFilter {
        trustee: q.get("trusteeOrgId").map(OrgId::new),
        permission: q.get("permission").map(str::to_owned),
        division: q.get("divisionId").map(DivisionId::new),
    };
    let rows = state.app.access.report(&auth, &filter).await?;
    let total = rows.len() as i64;
    let entities = rows
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.size as usize)
        .map(to_wire)
        .collect();
    Ok(axum::Json(page.listing(
        entities,
        total,
        &format!("{PREFIX}/access/report"),
    )))
}
