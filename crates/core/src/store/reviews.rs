//! Storage of trust reviews: the recertification a trustor requires of a trust (confirmed every
//! so many days by a named reviewer). A review goes with its trust (deleted with it). Writes commit
//! with their audit event; none changes anyone's permissions (a lapse disables the trust through
//! [`crate::store::TrustStore::update_trust`]).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::audit::AuditEvent;
use crate::ids::{OrgId, UserId};
use crate::store::StoreResult;

/// The review a trustor requires of one trust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustReview {
    /// The trustor.
    pub trustor_org_id: OrgId,
    /// The trustee.
    pub trustee_org_id: OrgId,
    /// Days between confirmations.
    pub interval_days: u32,
    /// The trustor's user who must confirm.
    pub reviewer_user_id: UserId,
    /// The last confirmation (the requirement's start, before the first).
    pub last_confirmed: DateTime<Utc>,
    /// When the trust is disabled unless confirmed again.
    pub due: DateTime<Utc>,
    /// When the review lapsed and the trust was disabled, if it did (cleared by a confirmation).
    pub lapsed: Option<DateTime<Utc>>,
}

/// Trust reviews.
#[async_trait]
pub trait ReviewStore: Send + Sync {
    /// Creates or replaces the review of `review`'s trust (`Missing` when there is no such trust).
    async fn put_review(&self, review: &TrustReview, audit: &AuditEvent) -> StoreResult<()>;

    /// The reviews `trustor` requires, by trustee organization id.
    async fn reviews(&self, trustor: &OrgId) -> StoreResult<Vec<TrustReview>>;

    /// Removes the review of a trust; `false` when there was none.
    async fn delete_review(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        audit: &AuditEvent,
    ) -> StoreResult<bool>;

    /// Every review, of any trustor, due at or before `now` that has not lapsed yet.
    async fn due_reviews(&self, now: DateTime<Utc>) -> StoreResult<Vec<TrustReview>>;

    /// Records that a review lapsed at `at` (its trust was disabled).
    async fn mark_review_lapsed(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
}
