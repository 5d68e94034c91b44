//! Searching the audit trail (the audits of Organization Authorization).

use async_trait::async_trait;

use crate::audit_search::{AuditPage, AuditQuery};
use crate::store::StoreResult;

/// Audit search.
#[async_trait]
pub trait AuditSearchStore: Send + Sync {
    /// The page of events matching `query` (in its order, after `offset`, at most `limit`), how
    /// many match in all, and the requested facet counts over all matches.
    async fn search_audit_events(&self, query: &AuditQuery) -> StoreResult<AuditPage>;
}
