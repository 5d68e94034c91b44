//! Storage of the emulator controls: putting the data back to a fixture, all of it or one
//! organization's.

use async_trait::async_trait;

use crate::ids::OrgId;
use crate::store::{FixturePlan, StoreResult};

/// Emulator resets.
#[async_trait]
pub trait EmulatorStore: Send + Sync {
    /// In one transaction, removes data and applies `plan` over what remains:
    /// with `org` `None`, everything (every table) is removed; with `Some(org)`, that
    /// organization's rows, the trusts and pairings it takes part in (either side), its tokens
    /// (issued in or by it) and its audit trail. After commit, every organization whose
    /// authorization data changed has its generation bumped and cached tokens are dropped.
    async fn reset(&self, plan: &FixturePlan, org: Option<&OrgId>) -> StoreResult<()>;
}
