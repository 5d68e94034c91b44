//! `/api/v2/organizations/limits`: namespaces, defaults, the caller's effective limits, their
//! documentation, and limit change requests (created and moved along only with the internal
//! permissions).

use axum::extract::{Path, State};
use chrono::{TimeZone, Utc};
use orgtrust_api::{
    ApprovalNamespace, ApprovalNamespaceType, FreeTrialLimit, FreeTrialLimitDocs,
    FreeTrialNamespace, Limit, LimitChangeRequest, LimitChangeRequestDetails,
    LimitChangeRequestStatus, LimitChangeRequestUpdate, LimitChangeRequestsEntityListing,
    LimitDocs, LimitDocumentation, LimitRejectReason, LimitsEntityListing, NamespaceDocs,
    StatusChange,
};
use orgtrust_core::limits::{
    ChangeRequest, ChangeRequestFilter, ChangeRequestUpdate, LimitValue, NewChangeRequest, LIMITS,
    NAMESPACES,
};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::paging::Page;
use crate::state::AppState;

const BASE: &str = "/api/v2/organizations/limits";

fn limits_to_wire(limits: Vec<LimitValue>) -> LimitsEntityListing {
    LimitsEntityListing {
        entities: limits
            .into_iter()
            .map(|l| Limit {
                key: Some(l.key.to_owned()),
                namespace: Some(l.namespace.to_owned()),
                value: Some(l.value),
            })
            .collect(),
    }
}

/// One namespace in the namespaces listing.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamespaceEntry {
    name: &'static str,
    friendly_name: &'static str,
    self_uri: String,
}

/// `GET /api/v2/organizations/limits/namespaces` (paged; default page size 100).
pub async fn get_namespaces(
    query: Query,
) -> ApiResult<axum::Json<orgtrust_api::EntityListing<NamespaceEntry>>> {
    let page = Page::from_query(&query, 100)?;
    let entities: Vec<NamespaceEntry> = NAMESPACES
        .iter()
        .skip(page.offset() as usize)
        .take(page.size as usize)
        .map(|(name, friendly)| NamespaceEntry {
            name,
            friendly_name: friendly,
            self_uri: format!("{BASE}/namespaces/{name}"),
        })
        .collect();
    Ok(axum::Json(page.listing(
        entities,
        NAMESPACES.len() as i64,
        &format!("{BASE}/namespaces"),
    )))
}

/// `GET /api/v2/organizations/limits/namespaces/{namespaceName}`: the caller's effective limits.
pub async fn get_namespace(
    State(state): State<AppState>,
    auth: Auth,
    Path(namespace): Path<String>,
) -> ApiResult<axum::Json<LimitsEntityListing>> {
    let p = &auth.caller;
    Ok(axum::Json(limits_to_wire(
        state.app.limits.effective_limits(p, &namespace).await?,
    )))
}

/// `GET /api/v2/organizations/limits/namespaces/{namespaceName}/defaults`.
pub async fn get_namespace_defaults(
    State(state): State<AppState>,
    auth: Auth,
    Path(namespace): Path<String>,
) -> ApiResult<axum::Json<LimitsEntityListing>> {
    Ok(axum::Json(limits_to_wire(
        state.app.limits.namespace_defaults(&auth, &namespace)?,
    )))
}

/// `GET /api/v2/organizations/limits/docs`.
pub async fn get_docs() -> ApiResult<axum::Json<LimitDocumentation>> {
    Ok(axum::Json(LimitDocumentation {
        url: Some("https://developer.genesys.cloud/organization/organization/limits".into()),
        namespaces: Some(
            NAMESPACES
                .iter()
                .map(|(name, friendly)| NamespaceDocs {
                    name: Some((*name).to_owned()),
                    friendly_name: Some((*friendly).to_owned()),
                    limits: Some(
                        LIMITS
                            .iter()
                            .filter(|l| l.namespace == *name)
                            .map(|l| LimitDocs {
                                key: Some(l.key.to_owned()),
                                default_value: Some(l.default),
                                description: Some(l.description.to_owned()),
                                resource: Some(l.resource.to_owned()),
                                configurable: Some(l.configurable),
                                trackable: Some(false),
                            })
                            .collect(),
                    ),
                })
                .collect(),
        ),
    }))
}

/// `GET /api/v2/organizations/limits/docs/freetrial` (free-trial organizations have the same
/// defaults here).
pub async fn get_docs_freetrial() -> ApiResult<axum::Json<FreeTrialLimitDocs>> {
    Ok(axum::Json(FreeTrialLimitDocs {
        namespaces: Some(
            NAMESPACES
                .iter()
                .map(|(name, friendly)| FreeTrialNamespace {
                    name: Some((*name).to_owned()),
                    friendly_name: Some((*friendly).to_owned()),
                    limits: Some(
                        LIMITS
                            .iter()
                            .filter(|l| l.namespace == *name)
                            .map(|l| FreeTrialLimit {
                                key: Some(l.key.to_owned()),
                                default_value: Some(l.default),
                                description: Some(l.description.to_owned()),
                                resource: Some(l.resource.to_owned()),
                            })
                            .collect(),
                    ),
                })
                .collect(),
        ),
    }))
}

fn status(s: &str) -> Option<LimitChangeRequestStatus> {
    s.parse().ok()
}

fn reject_reason(s: &str) -> Option<LimitRejectReason> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

fn request_to_wire(r: &ChangeRequest, with_history: bool) -> LimitChangeRequestDetails {
    LimitChangeRequestDetails {
        id: Some(r.id.clone()),
        key: Some(r.key.clone()),
        namespace: Some(r.namespace.clone()),
        requested_value: Some(r.requested_value as f64),
        description: Some(r.description.clone()),
        support_case_url: Some(r.support_case_url.clone()),
        status: status(&r.status),
        current_value: Some(r.current_value as f64),
        date_created: Some(r.date_created),
        status_history: with_history.then(|| {
            r.status_history
                .iter()
                .map(|h| StatusChange {
                    date_status_changed: Some(h.date_status_changed),
                    status: status(&h.status),
                    previous_status: h.previous_status.as_deref().and_then(status),
                    namespace: Some(h.namespace.clone()),
                    message: h.message.clone(),
                    reject_reason: h.reject_reason.as_deref().and_then(reject_reason),
                })
                .collect()
        }),
        date_completed: r.date_completed,
        reject_reason: r.reject_reason.as_deref().and_then(reject_reason),
        approval_namespaces: Some(
            r.approvals
                .iter()
                .map(|a| ApprovalNamespace {
                    namespace: Some(a.namespace.clone()),
                    status: status(&a.status),
                    r#type: Some(match a.kind.as_str() {
                        "Secondary" => ApprovalNamespaceType::Secondary,
                        "System" => ApprovalNamespaceType::System,
                        _ => ApprovalNamespaceType::Primary,
                    }),
                })
                .collect(),
        ),
        self_uri: Some(format!("{BASE}/changerequests/{}", r.id)),
    }
}

fn epoch_ms(query: &Query, name: &str) -> ApiResult<Option<chrono::DateTime<Utc>>> {
    match query.int(name)? {
        None => Ok(None),
        Some(ms) => Utc
            .timestamp_millis_opt(ms)
            .single()
            .map(Some)
            .ok_or_else(|| {
                ApiError::invalid_value(
                    name,
                    &ms.to_string(),
                    format!("[{name}] is not an epoch-millisecond timestamp."),
                )
            }),
    }
}

/// `GET /api/v2/organizations/limits/changerequests?after&before&status&pageSize&expand`.
pub async fn get_change_requests(
    State(state): State<AppState>,
    auth: Auth,
    query: Query,
) -> ApiResult<axum::Json<LimitChangeRequestsEntityListing>> {
    let p = &auth.caller;
    let page = Page::from_query(&query, 25)?;
    let (after, before) = ChangeRequestFilter::window(
        state.app.clock().now(),
        epoch_ms(&query, "after")?,
        epoch_ms(&query, "before")?,
    );
    let expand = query.list("expand");
    if let Some(bad) = expand.iter().find(|e| *e != "statusHistory") {
        return Err(ApiError::invalid_value(
            "expand",
            bad,
            format!("Value [{bad}] is not valid for [expand]. Allowable values are: statusHistory"),
        ));
    }
    let filter = ChangeRequestFilter {
        after,
        before,
        status: query
            .get("status")
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        limit: page.size as u32,
    };
    let requests = state.app.limits.change_requests(p, &filter).await?;
    let with_history = !expand.is_empty();
    let mut self_uri = format!(
        "{BASE}/changerequests?after={}&before={}&pageSize={}",
        after.timestamp_millis(),
        before.timestamp_millis(),
        page.size
    );
    if let Some(s) = &filter.status {
        self_uri.push_str(&format!("&status={s}"));
    }
    if with_history {
        self_uri.push_str("&expand=statusHistory");
    }
    // Cursor-style: the next page is everything older than the oldest entry of this one.
    let next_uri = (requests.len() as i64 == page.size)
        .then(|| requests.last())
        .flatten()
        .map(|oldest| {
            let mut uri = format!(
                "{BASE}/changerequests?after={}&before={}&pageSize={}",
                after.timestamp_millis(),
                oldest.date_created.timestamp_millis() - 1,
                page.size
            );
            if let Some(s) = &filter.status {
                uri.push_str(&format!("&status={s}"));
            }
            if with_history {
                uri.push_str("&expand=statusHistory");
            }
            uri
        });
    Ok(axum::Json(LimitChangeRequestsEntityListing {
        entities: requests
            .iter()
            .map(|r| request_to_wire(r, with_history))
            .collect(),
        next_uri,
        self_uri: Some(self_uri),
        previous_uri: None,
    }))
}

/// `GET /api/v2/organizations/limits/changerequests/{requestId}`.
pub async fn get_change_request(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<LimitChangeRequestDetails>> {
    let p = &auth.caller;
    let r = state.app.limits.change_request(p, &id).await?;
    Ok(axum::Json(request_to_wire(&r, true)))
}

/// The internal `POST /api/v2/organizations/limits/changerequests`.
pub async fn post_change_request(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<LimitChangeRequest>,
) -> ApiResult<axum::Json<LimitChangeRequestDetails>> {
    let p = &auth.caller;
    let new = NewChangeRequest {
        key: body.key,
        namespace: body.namespace,
        requested_value: body.requested_value,
        description: body.description,
        support_case_url: body.support_case_url,
    };
    let r = state
        .app
        .limits
        .create_change_request(p, &auth.meta, &new)
        .await?;
    Ok(axum::Json(request_to_wire(&r, true)))
}

/// The internal `PATCH /api/v2/organizations/limits/changerequests/{requestId}`.
pub async fn patch_change_request(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<LimitChangeRequestUpdate>,
) -> ApiResult<axum::Json<LimitChangeRequestDetails>> {
    let p = &auth.caller;
    let update = ChangeRequestUpdate {
        status: body.status.map(|s| s.as_str().to_owned()),
        reject_reason: body.reject_reason.and_then(|r| {
            serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
        }),
        secondary_approval_namespaces: body.secondary_approval_namespaces.unwrap_or_default(),
        namespace: body.namespace,
    };
    let r = state
        .app
        .limits
        .update_change_request(p, &auth.meta, &id, &update)
        .await?;
    Ok(axum::Json(request_to_wire(&r, true)))
}
