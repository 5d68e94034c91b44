//! Schema migrations from two sources, applied as one set by version: the DDL both engines agree
//! on, once, in `crates/store-sql/migrations/`, and each engine's own files in its crate's
//! `migrations/` (types, triggers and indexes spelled differently, full-text search).
//!
//! A migration's text is fixed once it has been applied anywhere (sqlx keeps its checksum and
//! refuses a database whose applied migration changed), so the engines' older migrations that
//! differ stay as they are; a migration whose text is the same on both lives here.

use std::future::Future;
use std::pin::Pin;

use orgtrust_core::store::{StoreError, StoreResult};
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, Migrator};

use crate::Store;

/// The migrations both engines apply, embedded.
static SHARED: Migrator = sqlx::migrate!("../store-sql/migrations");

/// The shared migrations and an engine's own, in version order.
#[derive(Debug)]
struct Both(&'static Migrator);

impl MigrationSource<'static> for Both {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 'static>> {
        Box::pin(async move {
            let mut all: Vec<Migration> = SHARED.iter().chain(self.0.iter()).cloned().collect();
            all.sort_by_key(|m| m.version);
            if let Some(pair) = all.windows(2).find(|p| p[0].version == p[1].version) {
                return Err(format!(
                    "migration {} is both shared ({}) and the engine's ({})",
                    pair[0].version, pair[0].description, pair[1].description
                )
                .into());
            }
            Ok(all)
        })
    }
}

/// The migrations of this engine: the shared ones and `own` (the engine's `migrations/`).
pub(crate) async fn migrator(own: &'static Migrator) -> StoreResult<Migrator> {
    Migrator::new(Both(own))
        .await
        .map_err(|e| StoreError::Unavailable(format!("migrations unreadable: {e}")))
}

/// `Unavailable` naming the first migration of `migrator` not in `applied`.
fn missing_migrations(migrator: &Migrator, applied: &[i64]) -> StoreResult<()> {
    match migrator
        .iter()
        .find(|m| !m.migration_type.is_down_migration() && !applied.contains(&m.version))
    {
        Some(m) => Err(StoreError::Unavailable(format!(
            "migration {} ({}) is not applied",
            m.version, m.description
        ))),
        None => Ok(()),
    }
}

impl Store {
    /// Readiness: the database answers, and every migration of this build is applied.
    pub(crate) async fn migrations_applied(&self) -> StoreResult<()> {
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(&self.reader)
                .await
                .map_err(|e| StoreError::Unavailable(format!("database does not answer: {e}")))?;
        missing_migrations(&crate::migrator().await?, &applied)
    }
}
