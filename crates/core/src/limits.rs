//! Organization limits: the documented namespaces and their defaults, each organization's
//! effective values (defaults overlaid with implemented change requests), and the change-request
//! workflow. Every limit documented here is enforced by the server:
//!
//! | namespace | key | default | enforced by |
//! | --- | --- | --- | --- |
//! | `platform.api` | `client.credentials.token.rate.per.minute` | 300 | requests per minute per client-credentials token ([`Admission::admit`](crate::admission::Admission::admit)) |
//! | `platform.api` | `org.app.user.rate.per.minute` | 300 | requests per minute per user and OAuth client (user tokens) |
//! | `authorization` | `max.members.per.trust` | 25 | users and groups authorized in one trust (Organization Authorization) |
//! | `authorization` | `max.cloned.users` | 5 | cloned users per trustee organization (Organization Authorization) |
//!
//! The overrides of an organization are cached in memory (keyed by its authorization
//! generation, which the store bumps when an override changes), so the rate limiter never waits
//! on the database.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::Target;
use crate::authz::Authorized;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::kept::Kept;
use crate::request::RequestMeta;
use crate::store::Store;

/// The rate-limit namespace.
pub const PLATFORM_API: &str = "platform.api";
/// The trust-limits namespace.
pub const AUTHORIZATION: &str = "authorization";
/// Requests per minute per client-credentials token.
pub const TOKEN_RATE: &str = "client.credentials.token.rate.per.minute";
/// Requests per minute per user and OAuth client.
pub const APP_USER_RATE: &str = "org.app.user.rate.per.minute";
/// Users and groups authorized in one trust.
pub const MAX_MEMBERS_PER_TRUST: &str = "max.members.per.trust";
/// Cloned users per trustee organization.
pub const MAX_CLONED_USERS: &str = "max.cloned.users";

/// One documented limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitDef {
    /// Its namespace.
    pub namespace: &'static str,
    /// Its key.
    pub key: &'static str,
    /// The default value.
    pub default: i64,
    /// What it limits.
    pub description: &'static str,
    /// The resource it applies to.
    pub resource: &'static str,
    /// Whether a change request may change it.
    pub configurable: bool,
}

/// The namespaces: name and friendly name.
pub const NAMESPACES: &[(&str, &str)] = &[
    (AUTHORIZATION, "Authorization"),
    (PLATFORM_API, "Platform API"),
];

/// Every limit the server documents and enforces.
pub const LIMITS: &[LimitDef] = &[
    LimitDef {
        namespace: AUTHORIZATION,
        key: MAX_CLONED_USERS,
        default: 5,
        description: "The maximum number of cloned users a trustee organization may have in one trustor organization.",
        resource: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers",
        configurable: true,
    },
    LimitDef {
        namespace: AUTHORIZATION,
        key: MAX_MEMBERS_PER_TRUST,
        default: 25,
        description: "The maximum number of users and groups authorized in one trust.",
        resource: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users",
        configurable: true,
    },
    LimitDef {
        namespace: PLATFORM_API,
        key: TOKEN_RATE,
        default: 300,
        description: "The maximum number of requests per minute with one client-credentials token.",
        resource: "/api/v2/*",
        configurable: true,
    },
    LimitDef {
        namespace: PLATFORM_API,
        key: APP_USER_RATE,
        default: 300,
        description: "The maximum number of requests per minute a user may make through one OAuth client.",
        resource: "/api/v2/*",
        configurable: true,
    },
];

/// The definition of `namespace`/`key`, if documented.
pub fn limit_def(namespace: &str, key: &str) -> Option<&'static LimitDef> {
    LIMITS
        .iter()
        .find(|l| l.namespace == namespace && l.key == key)
}

/// Is `namespace` documented?
pub fn is_namespace(namespace: &str) -> bool {
    NAMESPACES.iter().any(|(n, _)| *n == namespace)
}

/// A limit and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitValue {
    /// Namespace.
    pub namespace: &'static str,
    /// Key.
    pub key: &'static str,
    /// Value.
    pub value: i64,
}

/// The statuses of a change request (Genesys spelling).
pub mod status {
    /// Created.
    pub const OPEN: &str = "Open";
    /// Under review.
    pub const PENDING: &str = "Pending";
    /// Approved, to be implemented.
    pub const APPROVED: &str = "Approved";
    /// Refused (final).
    pub const REJECTED: &str = "Rejected";
    /// A rollback was requested.
    pub const ROLLBACK: &str = "Rollback";
    /// Other namespaces must approve too.
    pub const SECONDARY: &str = "SecondaryApprovalNamespacesAdded";
    /// A secondary reviewer approved.
    pub const REVIEWER_APPROVED: &str = "ReviewerApproved";
    /// A secondary reviewer rejected.
    pub const REVIEWER_REJECTED: &str = "ReviewerRejected";
    /// A secondary reviewer asked for a rollback.
    pub const REVIEWER_ROLLBACK: &str = "ReviewerRollback";
    /// Being implemented.
    pub const IMPLEMENTING: &str = "ImplementingChange";
    /// In force (the organization's limit is the requested value).
    pub const IMPLEMENTED: &str = "ChangeImplemented";
    /// Being rolled back.
    pub const IMPLEMENTING_ROLLBACK: &str = "ImplementingRollback";
    /// Rolled back (final; the limit is back to its previous value).
    pub const ROLLBACK_IMPLEMENTED: &str = "RollbackImplemented";

    /// Every status.
    pub const ALL: [&str; 13] = [
        APPROVED,
        REJECTED,
        ROLLBACK,
        PENDING,
        OPEN,
        SECONDARY,
        REVIEWER_APPROVED,
        REVIEWER_REJECTED,
        REVIEWER_ROLLBACK,
        IMPLEMENTING,
        IMPLEMENTED,
        IMPLEMENTING_ROLLBACK,
        ROLLBACK_IMPLEMENTED,
    ];
}

/// The workflow: the statuses reachable from `from`. Open → Pending → (secondary reviews)* →
/// Approved → ImplementingChange → ChangeImplemented; Rejected from any undecided status;
/// a rollback from Approved or ChangeImplemented → ImplementingRollback → RollbackImplemented.
pub fn next_statuses(from: &str) -> &'static [&'static str] {
    use status::*;
    match from {
        OPEN => &[PENDING, REJECTED],
        PENDING => &[APPROVED, SECONDARY, REJECTED],
        SECONDARY => &[REVIEWER_APPROVED, REVIEWER_REJECTED, REVIEWER_ROLLBACK],
        REVIEWER_APPROVED => &[APPROVED, SECONDARY, REJECTED],
        REVIEWER_REJECTED => &[REJECTED],
        REVIEWER_ROLLBACK => &[ROLLBACK],
        APPROVED => &[IMPLEMENTING, ROLLBACK],
        IMPLEMENTING => &[IMPLEMENTED, ROLLBACK],
        IMPLEMENTED => &[ROLLBACK],
        ROLLBACK => &[IMPLEMENTING_ROLLBACK],
        IMPLEMENTING_ROLLBACK => &[ROLLBACK_IMPLEMENTED],
        _ => &[],
    }
}

/// Whether reaching `status` completes the request (`dateCompleted`).
pub fn is_completed(s: &str) -> bool {
    matches!(
        s,
        status::IMPLEMENTED | status::REJECTED | status::ROLLBACK_IMPLEMENTED
    )
}

/// The reasons a request may be rejected for.
pub const REJECT_REASONS: &[&str] = &[
    "AlternativeExists",
    "IncreaseNotRequired",
    "PlatformMisuse",
    "PlatformStability",
    "OtherReason",
];

/// One transition in a request's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// When.
    pub date_status_changed: DateTime<Utc>,
    /// To.
    pub status: String,
    /// From (absent for creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_status: Option<String>,
    /// The namespace that made the change.
    pub namespace: String,
    /// A short message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The rejection reason, on rejection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
}

/// The approval state of one namespace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    /// The namespace of the approvers.
    pub namespace: String,
    /// Its status.
    pub status: String,
    /// `Primary`, `Secondary` or `System`.
    pub kind: String,
}

/// A limit change request of one organization.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRequest {
    /// Its id.
    pub id: String,
    /// The organization whose limit changes.
    pub org_id: OrgId,
    /// The limit key.
    pub key: String,
    /// Its namespace.
    pub namespace: String,
    /// The value asked for.
    pub requested_value: i64,
    /// The effective value when the request was made (restored by a rollback).
    pub current_value: i64,
    /// Why.
    pub description: String,
    /// The support case.
    pub support_case_url: String,
    /// Current status.
    pub status: String,
    /// When created.
    pub date_created: DateTime<Utc>,
    /// When completed (ChangeImplemented, Rejected, RollbackImplemented).
    pub date_completed: Option<DateTime<Utc>>,
    /// The rejection reason.
    pub reject_reason: Option<String>,
    /// Every transition, oldest first.
    pub status_history: Vec<StatusChange>,
    /// The approval breakdown.
    pub approvals: Vec<Approval>,
}

/// A new change request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewChangeRequest {
    /// Limit key.
    pub key: Option<String>,
    /// Namespace.
    pub namespace: Option<String>,
    /// Requested value.
    pub requested_value: Option<f64>,
    /// Description.
    pub description: Option<String>,
    /// Support case URL.
    pub support_case_url: Option<String>,
}

/// An update of a change request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeRequestUpdate {
    /// The status to move to.
    pub status: Option<String>,
    /// The rejection reason (required when rejecting).
    pub reject_reason: Option<String>,
    /// Namespaces whose approval is now also required.
    pub secondary_approval_namespaces: Vec<String>,
    /// The namespace making the change (defaults to the request's own).
    pub namespace: Option<String>,
}

/// How a transition changes the organization's limit override, applied in the same
/// transaction as the transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideChange {
    /// Namespace.
    pub namespace: String,
    /// Key.
    pub key: String,
    /// The new value.
    pub value: i64,
}

/// The filter of a change-request listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRequestFilter {
    /// Created at or after.
    pub after: DateTime<Utc>,
    /// Created at or before.
    pub before: DateTime<Utc>,
    /// With this status.
    pub status: Option<String>,
    /// At most this many, newest first.
    pub limit: u32,
}

impl ChangeRequestFilter {
    /// The documented windows: both bounds absent → the last 365 days; one absent → 180 days
    /// from the other in its direction.
    pub fn window(
        now: DateTime<Utc>,
        after: Option<DateTime<Utc>>,
        before: Option<DateTime<Utc>>,
    ) -> (DateTime<Utc>, DateTime<Utc>) {
        match (after, before) {
            (None, None) => (now - Duration::days(365), now),
            // Saturating: `after`/`before` may be anywhere in chrono's range (schemathesis sent
            // the earliest instant, and `b - 180 days` overflowed into a panic).
            (Some(a), None) => (
                a,
                a.checked_add_signed(Duration::days(180))
                    .unwrap_or(DateTime::<Utc>::MAX_UTC),
            ),
            (None, Some(b)) => (
                b.checked_sub_signed(Duration::days(180))
                    .unwrap_or(DateTime::<Utc>::MIN_UTC),
                b,
            ),
            (Some(a), Some(b)) => (a, b),
        }
    }
}

fn required<T: Clone>(value: &Option<T>, field: &str) -> Result<T> {
    value
        .clone()
        .ok_or_else(|| Error::invalid_value(field, format!("The field [{field}] is required.")))
}

/// The organizations' limits: defaults, the values implemented change requests set (kept per
/// authorization generation, which every limit write bumps), and the change requests themselves.
pub struct Limits {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    /// Each organization's overrides by (namespace, key), at the generation read.
    kept: Kept<OrgId, LimitOverrides>,
}

impl Limits {
    /// The service over `store`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            kept: Kept::default(),
        }
    }
}

/// An organization's limit overrides by (namespace, key).
pub type LimitOverrides = Arc<HashMap<(String, String), i64>>;

impl Limits {
    /// The overrides of `org` by (namespace, key), from memory after the first read.
    async fn limit_overrides(&self, org: &OrgId) -> Result<LimitOverrides> {
        let generation = self.store.authz_generation(org);
        if let Some(kept) = self.kept.get(org, generation) {
            return Ok(kept);
        }
        let map: HashMap<(String, String), i64> = self
            .store
            .limit_overrides(org)
            .await?
            .into_iter()
            .map(|o| ((o.namespace, o.key), o.value))
            .collect();
        let map = Arc::new(map);
        self.kept.keep(org.clone(), generation, map.clone());
        Ok(map)
    }

    /// The value an implemented change request set for a limit of `org`, if any.
    pub(crate) async fn limit_override(
        &self,
        org: &OrgId,
        namespace: &str,
        key: &str,
    ) -> Result<Option<i64>> {
        Ok(self
            .limit_overrides(org)
            .await?
            .get(&(namespace.to_owned(), key.to_owned()))
            .copied())
    }

    /// The effective value of a limit for `org`: its default overlaid with an implemented change
    /// request. For the trust limits use namespace [`AUTHORIZATION`] with
    /// [`MAX_MEMBERS_PER_TRUST`] or [`MAX_CLONED_USERS`]. An undocumented limit is a 404.
    pub async fn effective_limit(&self, org: &OrgId, namespace: &str, key: &str) -> Result<i64> {
        let def = limit_def(namespace, key)
            .ok_or_else(|| Error::not_found("limit", format!("{namespace}/{key}")))?;
        let overrides = self.limit_overrides(org).await?;
        Ok(overrides
            .get(&(namespace.to_owned(), key.to_owned()))
            .copied()
            .unwrap_or(def.default))
    }

    /// The default limits of a namespace (404 when undocumented), as the caller reads them.
    pub fn namespace_defaults(
        &self,
        _caller: &Authorized,
        namespace: &str,
    ) -> Result<Vec<LimitValue>> {
        self.default_limits(namespace)
    }

    /// The default limits of a namespace (404 when undocumented).
    pub(crate) fn default_limits(&self, namespace: &str) -> Result<Vec<LimitValue>> {
        if !is_namespace(namespace) {
            return Err(Error::not_found("limits namespace", namespace));
        }
        Ok(LIMITS
            .iter()
            .filter(|l| l.namespace == namespace)
            .map(|l| LimitValue {
                namespace: l.namespace,
                key: l.key,
                value: l.default,
            })
            .collect())
    }

    /// The effective limits of a namespace for the caller's organization.
    pub async fn effective_limits(
        &self,
        principal: &Authorized,
        namespace: &str,
    ) -> Result<Vec<LimitValue>> {
        let mut limits = self.default_limits(namespace)?;
        let overrides = self.limit_overrides(&principal.org_id).await?;
        for l in &mut limits {
            if let Some(v) = overrides.get(&(l.namespace.to_owned(), l.key.to_owned())) {
                l.value = *v;
            }
        }
        Ok(limits)
    }

    /// Creates a change request for the caller's organization (internal permission checked by
    /// the caller's operation).
    pub async fn create_change_request(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        new: &NewChangeRequest,
    ) -> Result<ChangeRequest> {
        let key = required(&new.key, "key")?;
        let namespace = required(&new.namespace, "namespace")?;
        let requested = required(&new.requested_value, "requestedValue")?;
        let description = required(&new.description, "description")?;
        let support_case_url = required(&new.support_case_url, "supportCaseUrl")?;
        let def = limit_def(&namespace, &key).ok_or_else(|| {
            Error::invalid_value(
                "key",
                format!("The limit [{key}] does not exist in namespace [{namespace}]."),
            )
        })?;
        if !def.configurable {
            return Err(Error::invalid_value(
                "key",
                format!("The limit [{key}] cannot be changed."),
            ));
        }
        if !(requested.fract() == 0.0 && (1.0..=1e12).contains(&requested)) {
            return Err(Error::invalid_value(
                "requestedValue",
                format!("Value [{requested}] is not valid: a limit is a positive whole number."),
            ));
        }
        let now = self.clock.now();
        let current = self
            .effective_limit(&principal.org_id, &namespace, &key)
            .await?;
        let request = ChangeRequest {
            id: crate::ids::new_uuid(),
            org_id: principal.org_id.clone(),
            key,
            namespace: namespace.clone(),
            requested_value: requested as i64,
            current_value: current,
            description,
            support_case_url,
            status: status::OPEN.into(),
            date_created: now,
            date_completed: None,
            reject_reason: None,
            status_history: vec![StatusChange {
                date_status_changed: now,
                status: status::OPEN.into(),
                previous_status: None,
                namespace: namespace.clone(),
                message: Some("Change request created".into()),
                reject_reason: None,
            }],
            approvals: vec![Approval {
                namespace,
                status: status::OPEN.into(),
                kind: "Primary".into(),
            }],
        };
        let event = principal.audit_event(
            self.clock.now(),
            meta,
            "create",
            Target {
                entity_type: "LimitChangeRequest",
                id: &request.id,
                name: Some(&request.key),
            },
            vec![crate::audit::Change {
                property: "status".into(),
                old_values: vec![],
                new_values: vec![request.status.clone()],
            }],
        );
        self.store.insert_change_request(&request, &event).await?;
        Ok(request)
    }

    /// One change request of the caller's organization.
    pub async fn change_request(&self, principal: &Authorized, id: &str) -> Result<ChangeRequest> {
        self.store
            .change_request(&principal.org_id, id)
            .await?
            .ok_or_else(|| Error::not_found("limit change request", id))
    }

    /// The caller's organization's change requests in a window, newest first.
    pub async fn change_requests(
        &self,
        principal: &Authorized,
        filter: &ChangeRequestFilter,
    ) -> Result<Vec<ChangeRequest>> {
        if filter.after > filter.before {
            return Err(Error::invalid_value(
                "after",
                "The parameter [after] must not be later than [before].",
            ));
        }
        if let Some(s) = &filter.status {
            if !status::ALL.contains(&s.as_str()) {
                return Err(Error::invalid_value(
                    "status",
                    format!(
                        "Value [{s}] is not valid. Allowable values are: {}",
                        status::ALL.join(", ")
                    ),
                ));
            }
        }
        Ok(self
            .store
            .change_requests(&principal.org_id, filter)
            .await?)
    }

    /// Moves a change request along the workflow. At `ChangeImplemented` the organization's
    /// limit becomes the requested value (and at `RollbackImplemented` returns to the value it
    /// had when the request was made), in the same transaction, enforced from the next request.
    pub async fn update_change_request(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &str,
        update: &ChangeRequestUpdate,
    ) -> Result<ChangeRequest> {
        let current = self.change_request(principal, id).await?;
        let mut next = current.clone();
        let now = self.clock.now();
        let namespace = update
            .namespace
            .clone()
            .unwrap_or_else(|| current.namespace.clone());
        for ns in &update.secondary_approval_namespaces {
            if !next.approvals.iter().any(|a| &a.namespace == ns) {
                next.approvals.push(Approval {
                    namespace: ns.clone(),
                    status: status::PENDING.into(),
                    kind: "Secondary".into(),
                });
            }
        }
        let mut change = None;
        if let Some(to) = &update.status {
            let to = to.as_str();
            if !status::ALL.contains(&to) {
                return Err(Error::invalid_value(
                    "status",
                    format!("Value [{to}] is not a change request status."),
                ));
            }
            if !next_statuses(&current.status).contains(&to) {
                return Err(Error::bad_request(
                    orgtrust_api::codes::BAD_REQUEST,
                    format!(
                        "A change request cannot go from [{}] to [{to}]. Allowed next statuses: [{}]",
                        current.status,
                        next_statuses(&current.status).join(", ")
                    ),
                ));
            }
            let reject_reason = if to == status::REJECTED || to == status::REVIEWER_REJECTED {
                let reason = update.reject_reason.clone().ok_or_else(|| {
                    Error::invalid_value("rejectReason", "A rejection needs a [rejectReason].")
                })?;
                if !REJECT_REASONS.contains(&reason.as_str()) {
                    return Err(Error::invalid_value(
                        "rejectReason",
                        format!(
                            "Value [{reason}] is not valid. Allowable values are: {}",
                            REJECT_REASONS.join(", ")
                        ),
                    ));
                }
                Some(reason)
            } else {
                None
            };
            if reject_reason.is_some() && to == status::REJECTED {
                next.reject_reason = reject_reason.clone();
            }
            next.status = to.to_owned();
            if is_completed(to) {
                next.date_completed = Some(now);
            }
            for a in &mut next.approvals {
                if a.namespace == namespace {
                    a.status = to.to_owned();
                }
            }
            next.status_history.push(StatusChange {
                date_status_changed: now,
                status: to.to_owned(),
                previous_status: Some(current.status.clone()),
                namespace: namespace.clone(),
                message: None,
                reject_reason,
            });
            change = match to {
                status::IMPLEMENTED => Some(OverrideChange {
                    namespace: current.namespace.clone(),
                    key: current.key.clone(),
                    value: current.requested_value,
                }),
                status::ROLLBACK_IMPLEMENTED => Some(OverrideChange {
                    namespace: current.namespace.clone(),
                    key: current.key.clone(),
                    value: current.current_value,
                }),
                _ => None,
            };
        } else if update.secondary_approval_namespaces.is_empty() {
            return Err(Error::invalid_value(
                "status",
                "The update must name a [status] or [secondaryApprovalNamespaces].",
            ));
        }
        let event = principal.audit_event(
            self.clock.now(),
            meta,
            "update",
            Target {
                entity_type: "LimitChangeRequest",
                id: &current.id,
                name: Some(&current.key),
            },
            vec![crate::audit::Change {
                property: "status".into(),
                old_values: vec![current.status.clone()],
                new_values: vec![next.status.clone()],
            }],
        );
        let saved = self
            .store
            .update_change_request(&next, &current.status, change.as_ref(), &event)
            .await?;
        if !saved {
            return Err(Error::conflict(
                orgtrust_api::codes::GENERAL_CONFLICT,
                "The change request was changed by someone else; read it again.",
            ));
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_reaches_every_status_and_ends() {
        let mut seen = std::collections::HashSet::new();
        let mut todo = vec![status::OPEN];
        while let Some(s) = todo.pop() {
            if seen.insert(s) {
                todo.extend(next_statuses(s));
            }
        }
        assert_eq!(seen.len(), status::ALL.len());
        assert!(next_statuses(status::REJECTED).is_empty());
        assert!(next_statuses(status::ROLLBACK_IMPLEMENTED).is_empty());
        assert!(!next_statuses(status::OPEN).contains(&status::IMPLEMENTED));
    }

    #[test]
    fn default_windows() {
        let now = Utc::now();
        let (a, b) = ChangeRequestFilter::window(now, None, None);
        assert_eq!((b - a).num_days(), 365);
        let (a, b) = ChangeRequestFilter::window(now, Some(now), None);
        assert_eq!((a, (b - a).num_days()), (now, 180));
        let (a, b) = ChangeRequestFilter::window(now, None, Some(now));
        assert_eq!((b, (b - a).num_days()), (now, 180));
    }
}
