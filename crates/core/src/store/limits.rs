//! Storage of organization limit overrides and limit change requests.

use async_trait::async_trait;

use crate::audit::AuditEvent;
use crate::ids::OrgId;
use crate::limits::{ChangeRequest, ChangeRequestFilter, OverrideChange};
use crate::store::StoreResult;

/// Limits.
#[async_trait]
pub trait LimitStore: Send + Sync {
    /// The limit overrides of an organization.
    async fn limit_overrides(&self, org: &OrgId) -> StoreResult<Vec<OverrideChange>>;
    /// Stores a new change request.
    async fn insert_change_request(
        &self,
        request: &ChangeRequest,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// One change request of an organization.
    async fn change_request(&self, org: &OrgId, id: &str) -> StoreResult<Option<ChangeRequest>>;
    /// Change requests of an organization created in the filter's window, newest first.
    async fn change_requests(
        &self,
        org: &OrgId,
        filter: &ChangeRequestFilter,
    ) -> StoreResult<Vec<ChangeRequest>>;
    /// Saves a transition if the stored status is still `expected_status` (`false`, nothing
    /// written, otherwise), applying `change` to the organization's overrides in the same
    /// transaction; bumps the organization's authorization generation when `change` is given.
    async fn update_change_request(
        &self,
        request: &ChangeRequest,
        expected_status: &str,
        change: Option<&OverrideChange>,
        audit: &AuditEvent,
    ) -> StoreResult<bool>;
}
