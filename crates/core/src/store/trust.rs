//! Storage of trusts.

use async_trait::async_trait;

use crate::ids::OrgId;
use crate::store::StoreResult;
use crate::trust::Trust;

/// Trusts.
#[async_trait]
pub trait TrustStore: Send + Sync {
    /// The trust in which `trustor` trusts `trustee`, whatever its state.
    async fn trust(&self, trustor: &OrgId, trustee: &OrgId) -> StoreResult<Option<Trust>>;
}
