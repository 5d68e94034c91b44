//! Operational queries over SQLite: readiness (the database answers, every embedded migration is
//! applied), pool use, the audit trail's length, and the online backup and restore behind
//! `orgtrust backup` / `orgtrust restore`.

use std::path::Path;
use std::str::FromStr;

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{OpsStore, PoolStats, StoreError, StoreResult};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row};

use crate::{map_err, SqliteStore};

#[async_trait]
impl OpsStore for SqliteStore {
    async fn sync_generations(&self, _orgs: &[&OrgId]) -> StoreResult<()> {
        // One process writes this database and bumps its generations after each commit: the
        // in-memory generations are already current.
        Ok(())
    }

    async fn readiness(&self) -> StoreResult<()> {
        self.migrations_applied().await
    }

    fn pool_stats(&self) -> PoolStats {
        let mut stats = PoolStats {
            open: self.writer.size(),
            idle: u32::try_from(self.writer.num_idle()).unwrap_or(u32::MAX),
            max: self.writer.options().get_max_connections(),
        };
        // In memory, the readers are the writer's pool.
        if !self.memory {
            stats.open += self.reader.size();
            stats.idle += u32::try_from(self.reader.num_idle()).unwrap_or(u32::MAX);
            stats.max += self.reader.options().get_max_connections();
        }
        stats
    }

    async fn audit_events_total(&self) -> StoreResult<u64> {
        self.events_total().await
    }
}

impl SqliteStore {
    /// Writes a consistent copy of the database to `path` (`VACUUM INTO`), while other
    /// connections, this server's or another process's, go on reading and writing: SQLite
    /// copies one read transaction's snapshot. Refuses to overwrite an existing file.
    pub async fn backup_to(&self, path: &Path) -> StoreResult<()> {
        if path.exists() {
            return Err(StoreError::Unavailable(format!(
                "{} exists; backups never overwrite",
                path.display()
            )));
        }
        let target = path
            .to_str()
            .ok_or_else(|| StoreError::Unavailable("the backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.reader)
            .await
            .map_err(map_err)?;
        Ok(())
    }
}

/// Checks that `path` is an SQLite database that passes `PRAGMA integrity_check` and carries
/// every migration this build knows (a backup from an older build is migrated when served).
pub async fn verify_backup(path: &Path) -> StoreResult<()> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
        .map_err(|e| StoreError::Unavailable(format!("bad path: {e}")))?
        .read_only(true);
    let mut conn = options
        .connect()
        .await
        .map_err(|e| StoreError::Unavailable(format!("cannot open {}: {e}", path.display())))?;
    let verdict: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| StoreError::Unavailable(format!("{} is not a database: {e}", path.display())))?
        .get(0);
    if verdict != "ok" {
        return Err(StoreError::Unavailable(format!(
            "{} fails the integrity check: {verdict}",
            path.display()
        )));
    }
    let orgs: Result<i64, _> = sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
        .fetch_one(&mut conn)
        .await;
    conn.close().await.map_err(map_err)?;
    orgs.map(|_| ()).map_err(|e| {
        StoreError::Unavailable(format!(
            "{} is not an orgtrust database: {e}",
            path.display()
        ))
    })
}

/// Replaces the database file `target` with the verified backup `backup` (`orgtrust restore`).
///
/// An existing `target` is replaced only with `force`, and never while any process has it open:
/// switching a WAL database out of WAL mode needs every other connection closed, so a refusal
/// there means "in use" (stop the server first). The copy is written beside `target` and renamed
/// over it, so a crash leaves either the old or the new database, not a mix.
pub async fn restore(backup: &Path, target: &Path, force: bool) -> StoreResult<()> {
    verify_backup(backup).await?;
    if target.exists() {
        if !force {
            return Err(StoreError::Unavailable(format!(
                "{} exists; pass --force to replace it",
                target.display()
            )));
        }
        ensure_unused(target).await?;
    }
    let tmp = target.with_extension("restoring");
    std::fs::copy(backup, &tmp)
        .map_err(|e| StoreError::Unavailable(format!("cannot write {}: {e}", tmp.display())))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&tmp, target)
        .map_err(|e| StoreError::Unavailable(format!("cannot replace {}: {e}", target.display())))
}

/// `Unavailable` when another connection has `path` open.
async fn ensure_unused(path: &Path) -> StoreResult<()> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
        .map_err(|e| StoreError::Unavailable(format!("bad path: {e}")))?
        .busy_timeout(std::time::Duration::ZERO);
    let mut conn = options
        .connect()
        .await
        .map_err(|e| StoreError::Unavailable(format!("cannot open {}: {e}", path.display())))?;
    let mode: Result<String, _> = sqlx::query_scalar("PRAGMA journal_mode=DELETE")
        .fetch_one(&mut conn)
        .await;
    let _ = conn.close().await;
    match mode {
        Ok(m) if m.eq_ignore_ascii_case("delete") => Ok(()),
        _ => Err(StoreError::Unavailable(format!(
            "{} is in use by a running server; stop it first",
            path.display()
        ))),
    }
}
