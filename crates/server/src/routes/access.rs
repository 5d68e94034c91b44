//! `/orgtrust/v1/access/...`: the access review of the caller's organization as trustor, an
//! orgtrust extension (see `orgtrust_core::access`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use orgtrust_api::{
    AccessChange, AccessChangeEntity, AccessChangeKind, AccessChangeListing, AccessEntry,
    AccessEntryListing, AccessGrant, AccessVia, DomainEntityRef, TrustReview, TrustReviewListing,
    TrustReviewRequest, TrustReviewState,
};
use orgtrust_core::access::{
    AccessChange as Change, AccessEntry as Row, AccessFilter, AccessPath, ChangeKind,
};
use orgtrust_core::cross_org::MemberPath;
use orgtrust_core::ids::{DivisionId, OrgId, UserId};
use orgtrust_core::store::TrustReview as Review;
use orgtrust_core::Error;

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
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
    Ok(axum::Json(page.of(
        rows,
        to_wire,
        &format!("{PREFIX}/access/report"),
    )))
}

fn grant_of(text: &str) -> AccessGrant {
    let (role, division) = text.split_once('@').unwrap_or((text, "*"));
    AccessGrant {
        role_id: Some(role.to_owned()),
        division_id: Some(division.to_owned()),
    }
}

fn change_to_wire(c: Change) -> AccessChange {
    AccessChange {
        timestamp: Some(c.timestamp),
        kind: Some(match c.kind {
            ChangeKind::Granted => AccessChangeKind::Granted,
            ChangeKind::Widened => AccessChangeKind::Widened,
            ChangeKind::Narrowed => AccessChangeKind::Narrowed,
            ChangeKind::Changed => AccessChangeKind::Changed,
            ChangeKind::Revoked => AccessChangeKind::Revoked,
        }),
        entity: Some(AccessChangeEntity {
            r#type: Some(c.entity_type),
            id: Some(c.entity_id),
            name: c.entity_name,
        }),
        action: Some(c.action),
        added: Some(c.added.iter().map(|g| grant_of(g)).collect()),
        removed: Some(c.removed.iter().map(|g| grant_of(g)).collect()),
        user: entity(&c.actor.id, &c.actor.name),
        audit_event_id: Some(c.event_id),
    }
}

/// A date-time query parameter (ISO-8601), 400 naming it when it is not one.
fn date_param(q: &Query, name: &str) -> ApiResult<Option<DateTime<Utc>>> {
    q.get(name)
        .map(|v| {
            orgtrust_api::parse_datetime(v).ok_or_else(|| {
                ApiError::invalid_value(name, v, format!("{name} must be an ISO-8601 date-time."))
            })
        })
        .transpose()
}

/// `GET /orgtrust/v1/access/history`: what changed in that access between `from` and `to`
/// (ISO-8601, both optional, inclusive), oldest first.
pub async fn history(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<AccessChangeListing>> {
    let page = Page::from_query(&q, 25)?;
    let (from, to) = (date_param(&q, "from")?, date_param(&q, "to")?);
    let changes = state.app.access.history(&auth, from, to).await?;
    Ok(axum::Json(page.of(
        changes,
        change_to_wire,
        &format!("{PREFIX}/access/history"),
    )))
}

/// A review is due when its date is within this many days.
const DUE_SOON_DAYS: i64 = 7;

async fn review_to_wire(state: &AppState, auth: &Auth, r: Review) -> ApiResult<TrustReview> {
    let now = state.app.clock().now();
    let (trustee_name, reviewer_name) = state.app.access.review_names(auth, &r).await?;
    let review_state = if r.lapsed.is_some() {
        TrustReviewState::Lapsed
    } else if r.due - now <= chrono::Duration::days(DUE_SOON_DAYS) {
        TrustReviewState::Due
    } else {
        TrustReviewState::Current
    };
    Ok(TrustReview {
        trustee_organization: entity(&r.trustee_org_id, &trustee_name),
        interval_days: Some(i64::from(r.interval_days)),
        reviewer: entity(&r.reviewer_user_id, &reviewer_name),
        date_last_confirmed: Some(r.last_confirmed),
        date_due: Some(r.due),
        date_lapsed: r.lapsed,
        state: Some(review_state),
    })
}

/// `GET /orgtrust/v1/access/reviews`: the reviews this organization requires of its trusts,
/// the trusts whose review lapsed disabled first.
pub async fn list_reviews(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<TrustReviewListing>> {
    let page = Page::from_query(&q, 25)?;
    let reviews = state.app.access.reviews(&auth).await?;
    let total = reviews.len() as i64;
    let mut entities = Vec::new();
    for r in reviews
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.size as usize)
    {
        entities.push(review_to_wire(&state, &auth, r).await?);
    }
    Ok(axum::Json(page.listing(
        entities,
        total,
        &format!("{PREFIX}/access/reviews"),
    )))
}

/// `PUT /orgtrust/v1/access/reviews/{trusteeOrgId}`: require the trust to be confirmed every
/// `intervalDays` by `reviewerId`; the first confirmation is due a full interval from now.
pub async fn put_review(
    State(state): State<AppState>,
    auth: Auth,
    Path(trustee): Path<String>,
    Json(body): Json<TrustReviewRequest>,
) -> ApiResult<axum::Json<TrustReview>> {
    let days = body.interval_days.ok_or_else(|| {
        ApiError::from(Error::invalid_value(
            "intervalDays",
            "intervalDays is required.",
        ))
    })?;
    let days = u32::try_from(days).unwrap_or(u32::MAX);
    let reviewer = body.reviewer_id.ok_or_else(|| {
        ApiError::from(Error::invalid_value(
            "reviewerId",
            "reviewerId is required.",
        ))
    })?;
    let review = state
        .app
        .access
        .require_review(
            &auth,
            &auth.meta,
            &OrgId::new(trustee),
            days,
            &UserId::new(reviewer),
        )
        .await?;
    Ok(axum::Json(review_to_wire(&state, &auth, review).await?))
}

/// `DELETE /orgtrust/v1/access/reviews/{trusteeOrgId}`: reviews of the trust no longer required.
pub async fn delete_review(
    State(state): State<AppState>,
    auth: Auth,
    Path(trustee): Path<String>,
) -> ApiResult<StatusCode> {
    state
        .app
        .access
        .remove_review(&auth, &auth.meta, &OrgId::new(trustee))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /orgtrust/v1/access/reviews/{trusteeOrgId}/confirm`: the named reviewer confirms the
/// trust is still needed.
pub async fn confirm_review(
    State(state): State<AppState>,
    auth: Auth,
    Path(trustee): Path<String>,
) -> ApiResult<axum::Json<TrustReview>> {
    let review = state
        .app
        .access
        .confirm_review(&auth, &auth.meta, &OrgId::new(trustee))
        .await?;
    Ok(axum::Json(review_to_wire(&state, &auth, review).await?))
}
