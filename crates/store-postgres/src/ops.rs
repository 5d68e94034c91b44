//! Operational queries over PostgreSQL: the per-request generation check that makes a revocation
//! committed through any instance in force on this one at once, readiness, pool use and the
//! audit trail's length.
//!
//! Every writer bumps the `generations` row of each organization it changed (and the '' row for
//! a token revocation) inside its transaction, next to its NOTIFY. Before a request is
//! authenticated, [`OpsStore::sync_generations`] reads those rows for the token's organizations
//! (one indexed round trip) and moves the in-memory generation of any row that differs from the
//! value last seen, so the authorization index and the token cache are rebuilt from data that
//! includes every commit acknowledged before the request began.

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{OpsStore, PoolStats, StoreResult};
use sqlx::{PgConnection, Row};

use crate::{map_err, PgStore};

/// The `generations` key of the token-revocation generation (organization ids are never empty).
pub(crate) const TOKENS_SCOPE: &str = "";

/// Bumps the database generations of `scopes` (organization ids, or [`TOKENS_SCOPE`]) inside the
/// caller's transaction. Sorted, so two writers lock the rows in the same order.
pub(crate) async fn bump_generations(conn: &mut PgConnection, scopes: &[&str]) -> StoreResult<()> {
    let mut scopes: Vec<&str> = scopes.to_vec();
    scopes.sort_unstable();
    scopes.dedup();
    for scope in scopes {
        sqlx::query(
            "INSERT INTO generations (scope, generation) VALUES ($1, 1)
             ON CONFLICT (scope) DO UPDATE SET generation = generations.generation + 1",
        )
        .bind(scope)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}

#[async_trait]
impl OpsStore for PgStore {
    async fn sync_generations(&self, orgs: &[&OrgId]) -> StoreResult<()> {
        let mut scopes: Vec<&str> = orgs.iter().map(|o| o.as_str()).collect();
        scopes.push(TOKENS_SCOPE);
        let rows = sqlx::query("SELECT scope, generation FROM generations WHERE scope = ANY($1)")
            .bind(&scopes)
            .fetch_all(&self.reader)
            .await
            .map_err(map_err)?;
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        for row in rows {
            let scope: String = row.get("scope");
            let generation: i64 = row.get("generation");
            if seen.get(&scope) == Some(&generation) {
                continue;
            }
            // Move the in-memory generation while holding `seen`: a concurrent request that
            // finds `seen` current must also find the generation already moved.
            if scope == TOKENS_SCOPE {
                self.generations.bump_tokens();
            } else {
                self.generations.bump(&OrgId::new(scope.clone()));
            }
            seen.insert(scope, generation);
        }
        Ok(())
    }

    async fn readiness(&self) -> StoreResult<()> {
        self.migrations_applied().await
    }

    fn pool_stats(&self) -> PoolStats {
        PoolStats {
            open: self.pool().size(),
            idle: u32::try_from(self.pool().num_idle()).unwrap_or(u32::MAX),
            max: self.pool().options().get_max_connections(),
        }
    }

    async fn audit_events_total(&self) -> StoreResult<u64> {
        self.events_total().await
    }
}
