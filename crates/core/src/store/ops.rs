//! What operating several instances and watching them needs from a backend: bringing the
//! in-memory generations up to date with the database before a request is authenticated, whether
//! the database is ready, and how busy its connection pool is.

use async_trait::async_trait;

use super::StoreResult;
use crate::ids::OrgId;

/// Connection pool use, for `/metrics`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    /// Connections open (idle or in use).
    pub open: u32,
    /// Open connections waiting for work.
    pub idle: u32,
    /// The most connections the pool opens.
    pub max: u32,
}

/// Operational queries (readiness, freshness across instances, pool use).
#[async_trait]
pub trait OpsStore: Send + Sync {
    /// Makes sure the in-memory authorization generations of `orgs` and the token generation
    /// reflect every write committed in the database so far, by any instance, so that a
    /// revocation committed anywhere is in force on the request being authenticated. A backend
    /// that only this process writes (SQLite) already knows: it returns at once without I/O.
    async fn sync_generations(&self, orgs: &[&OrgId]) -> StoreResult<()>;

    /// `Ok` when the database answers and every migration this build knows is applied;
    /// otherwise [`super::StoreError::Unavailable`] saying why.
    async fn readiness(&self) -> StoreResult<()>;

    /// How many audit events the trail holds (every instance's): the highest sequence number,
    /// read from the primary key's index.
    async fn audit_events_total(&self) -> StoreResult<u64>;

    /// The connection pool's use (the writer's and readers' pools summed, for SQLite).
    fn pool_stats(&self) -> PoolStats;
}
