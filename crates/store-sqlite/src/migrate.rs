//! Schema migrations at open, without a disk flush per migration (issue 11: start to first
//! served request).

use orgtrust_core::store::{StoreError, StoreResult};
use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

use crate::map_err;

/// SQLite's own migrations (the shared ones are `crates/store-sql/migrations/`).
static OWN: Migrator = sqlx::migrate!("./migrations");

/// Every migration of this engine, shared and own, in version order.
pub(crate) async fn migrator() -> StoreResult<Migrator> {
    crate::migrations::migrator(&OWN).await
}

/// Applies the pending migrations on the writer. Each migration commits in its own transaction
/// with its `_sqlx_migrations` row; under `synchronous=FULL` each commit waits for the disk,
/// which was most of a fresh start. In WAL mode `synchronous=NORMAL` keeps the database
/// consistent through a crash and only forgets the last commits, and a forgotten migration is
/// simply applied again at the next start, so migrations run with it and the writer is back to
/// `FULL` (every acknowledged write durable) before the store serves anything.
pub(crate) async fn run(writer: &SqlitePool) -> StoreResult<()> {
    let migrator = migrator().await?;
    // The writer pool holds exactly one connection, so the pragmas and the migrations share it.
    let mut conn = writer.acquire().await.map_err(map_err)?;
    sqlx::query("PRAGMA synchronous = NORMAL")
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    let migrated = migrator.run(&mut *conn).await;
    sqlx::query("PRAGMA synchronous = FULL")
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    migrated.map_err(|e| StoreError::Unavailable(format!("migrations failed: {e}")))
}
