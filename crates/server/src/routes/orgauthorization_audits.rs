//! `/api/v2/orgauthorization/trustees/audits` and `/api/v2/orgauthorization/trustor/audits`:
//! the audit trail across a trust.
//!
//! The spec declares the response (`AuditQueryResponse`) as an empty object, so the SDKs hand it
//! back as a plain dict/object. orgtrust answers in the legacy `AuditSearchResult` shape (the
//! extract's `x-informativeDefinitions`), documented in ARCHITECTURE.md ("Audit search"):
//!
//! ```json
//! { "pageNumber": 1, "pageSize": 25, "total": 1, "pageCount": 1,
//!   "facetInfo": [ { "name": "action", "entries": [ { "value": "update", "count": 1 } ] } ],
//!   "auditMessages": [ { "id": "…", "user": { "id": "…", "name": "Pat Partner",
//!       "display": "Pat Partner (Partner Co)" }, "correlationId": "…",
//!     "serviceName": "orgtrust", "level": "USER", "status": "SUCCESS",
//!     "timestamp": "2026-11-22T10:05:00.000Z", "receivedTimestamp": "2026-11-22T10:05:00.000Z",
//!     "action": "update", "entity": { "type": "user", "id": "…", "name": "Emil Europe",
//!       "selfUri": "/api/v2/users/…" },
//!     "changes": [ { "property": "title", "oldValues": ["Analyst"], "newValues": ["Lead"] } ] } ] }
//! ```
//!
//! Query parameters: `pageSize` (1..=500, default 25), `pageNumber` (default 1), `sortBy`
//! (`timestamp` only), `sortOrder` (`ascending` | `descending`, default descending).

use std::collections::HashMap;

use axum::extract::State;
use orgtrust_api::{
    AuditEntity, AuditMessage, AuditSearchResult, AuditUser, Change, Entry, Facet, FacetInfo,
    FacetType, Filter, TrusteeAuditQueryRequest, TrustorAuditQueryRequest,
};
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::audit_search::{
    self, AuditPage, AuditSearch, FacetSpec, FieldType, FilterSpec, SortOrder,
};
use orgtrust_core::authz::Authorized;
use orgtrust_core::ids::OrgId;

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::{Json, Query};
use crate::paging::Page;
use crate::state::AppState;

fn field_type(t: FacetType) -> FieldType {
    match t {
        FacetType::Date => FieldType::Date,
        FacetType::String => FieldType::String,
    }
}

fn filter_spec(f: &Filter) -> FilterSpec {
    FilterSpec {
        name: f.name.clone(),
        field_type: f.r#type.map(field_type),
        operator: f.operator.clone(),
        values: f.values.clone(),
    }
}

fn facet_spec(f: &Facet) -> FacetSpec {
    FacetSpec {
        name: f.name.clone(),
        field_type: f.r#type.map(field_type),
    }
}

/// The search part common to both bodies, with the paging and sorting of the query string.
#[allow(clippy::too_many_arguments)]
fn search(
    query: &Query,
    page: &Page,
    start_date: Option<chrono::DateTime<chrono::Utc>>,
    end_date: Option<chrono::DateTime<chrono::Utc>>,
    query_phrase: Option<&String>,
    filters: Option<&Vec<Filter>>,
    facets: Option<&Vec<Facet>>,
) -> ApiResult<AuditSearch> {
    if let Some(by) = query.get("sortBy").filter(|s| !s.is_empty()) {
        audit_search::check_sort_by(by)?;
    }
    let sort = match query.get("sortOrder").filter(|s| !s.is_empty()) {
        Some(order) => SortOrder::parse(order)?,
        None => SortOrder::Descending,
    };
    Ok(AuditSearch {
        start_date,
        end_date,
        query_phrase: query_phrase.cloned(),
        filters: filters.into_iter().flatten().map(filter_spec).collect(),
        facets: facets.into_iter().flatten().map(facet_spec).collect(),
        sort,
        offset: u64::try_from(page.offset()).unwrap_or(0),
        limit: u32::try_from(page.size).unwrap_or(25),
    })
}

/// The API path of an audited entity, for the kinds that have one.
fn self_uri(entity_type: &str, id: &str) -> Option<String> {
    let base = match entity_type {
        "user" => "/api/v2/users",
        "group" => "/api/v2/groups",
        "OrgTrustee" => "/api/v2/orgauthorization/trustees",
        "OrgTrustor" => "/api/v2/orgauthorization/trustors",
        "Pairing" => "/api/v2/orgauthorization/pairings",
        "organization" => return Some("/api/v2/organizations/me".into()),
        _ => return None,
    };
    Some(format!("{base}/{id}"))
}

/// The wire form of an event; `home_names` gives the actor's organization for `display`.
pub fn to_message(e: &AuditEvent, home_names: &HashMap<OrgId, String>) -> AuditMessage {
    let display = match home_names.get(&e.home_org_id) {
        Some(org) => format!("{} ({org})", e.actor.name),
        None => e.actor.name.clone(),
    };
    AuditMessage {
        id: Some(e.id.clone()),
        user: Some(AuditUser {
            id: Some(e.actor.id.clone()),
            name: Some(e.actor.name.clone()),
            display: Some(display),
        }),
        correlation_id: Some(e.correlation_id.clone()),
        service_name: Some(audit_search::SERVICE_NAME.into()),
        level: Some(audit_search::LEVEL.into()),
        status: Some(audit_search::STATUS.into()),
        // Events are recorded in the transaction of the change: made and received at once.
        timestamp: Some(e.timestamp),
        received_timestamp: Some(e.timestamp),
        action: Some(e.action.clone()),
        entity: Some(AuditEntity {
            r#type: Some(e.entity_type.clone()),
            id: Some(e.entity_id.clone()),
            name: e.entity_name.clone(),
            self_uri: self_uri(&e.entity_type, &e.entity_id),
        }),
        changes: Some(
            e.changes
                .iter()
                .map(|c| Change {
                    property: Some(c.property.clone()),
                    old_values: Some(c.old_values.clone()),
                    new_values: Some(c.new_values.clone()),
                    ..Change::default()
                })
                .collect(),
        ),
        ..AuditMessage::default()
    }
}

/// The `AuditSearchResult` of a page found for the caller's request (the events' home
/// organizations are the caller's organization or its trust partners).
async fn result(
    state: &AppState,
    viewer: &Authorized,
    page: &Page,
    found: AuditPage,
) -> ApiResult<AuditSearchResult> {
    let mut home_names: HashMap<OrgId, String> = HashMap::new();
    for e in &found.events {
        if !home_names.contains_key(&e.home_org_id) {
            // An organization that is gone still leaves its events readable, without a suffix.
            if let Ok(name) = state
                .app
                .organizations
                .organization_name(viewer, &e.home_org_id)
                .await
            {
                home_names.insert(e.home_org_id.clone(), name);
            }
        }
    }
    let total = i64::try_from(found.total).unwrap_or(i64::MAX);
    let clamp = |n: i64| i32::try_from(n).unwrap_or(i32::MAX);
    Ok(AuditSearchResult {
        page_number: Some(clamp(page.number)),
        page_size: Some(clamp(page.size)),
        total: Some(clamp(total)),
        page_count: Some(clamp((total + page.size - 1) / page.size)),
        facet_info: Some(
            found
                .facets
                .into_iter()
                .map(|f| FacetInfo {
                    name: Some(f.name),
                    entries: Some(
                        f.entries
                            .into_iter()
                            .map(|(value, count)| Entry {
                                value: Some(value),
                                count: Some(clamp(i64::try_from(count).unwrap_or(i64::MAX))),
                            })
                            .collect(),
                    ),
                })
                .collect(),
        ),
        audit_messages: Some(
            found
                .events
                .iter()
                .map(|e| to_message(e, &home_names))
                .collect(),
        ),
    })
}

/// `POST /api/v2/orgauthorization/trustees/audits`: the trustor asks what users of its trustee
/// organizations did in it. Every `trusteeOrganizationIds` entry must be a trustee of the
/// caller's organization (400 `invalid.value` naming it otherwise); `trusteeUserIds` empty means
/// every user of those trustees.
pub async fn post_trustees(
    State(state): State<AppState>,
    auth: Auth,
    query: Query,
    Json(body): Json<TrusteeAuditQueryRequest>,
) -> ApiResult<axum::Json<AuditSearchResult>> {
    let p = &auth.caller;
    let page = Page::from_query(&query, 25)?;
    let s = search(
        &query,
        &page,
        body.start_date,
        body.end_date,
        body.query_phrase.as_ref(),
        body.filters.as_ref(),
        body.facets.as_ref(),
    )?;
    let found = state
        .app
        .audit
        .trustee_audits(
            p,
            body.trustee_organization_ids.as_ref(),
            body.trustee_user_ids.as_ref(),
            &s,
        )
        .await?;
    Ok(axum::Json(result(&state, p, &page, found).await?))
}

/// `POST /api/v2/orgauthorization/trustor/audits`: the trustee asks what its users did in one
/// trustor organization, which must trust the caller's organization (400 `invalid.value`
/// naming it otherwise).
pub async fn post_trustor(
    State(state): State<AppState>,
    auth: Auth,
    query: Query,
    Json(body): Json<TrustorAuditQueryRequest>,
) -> ApiResult<axum::Json<AuditSearchResult>> {
    let p = &auth.caller;
    let page = Page::from_query(&query, 25)?;
    let s = search(
        &query,
        &page,
        body.start_date,
        body.end_date,
        body.query_phrase.as_ref(),
        body.filters.as_ref(),
        body.facets.as_ref(),
    )?;
    let found = state
        .app
        .audit
        .trustor_audits(
            p,
            body.trustor_organization_id.as_deref(),
            body.trustee_user_ids.as_ref(),
            &s,
        )
        .await?;
    Ok(axum::Json(result(&state, p, &page, found).await?))
}
