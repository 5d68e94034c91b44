//! The orgtrust storage traits over SQLite, the embedded default.
//!
//! One writer connection (SQLite has one writer at a time; queuing in the pool beats busy
//! retries) and a few reader connections, in WAL mode with `synchronous=FULL` so that every
//! acknowledged commit is durable. Migrations are embedded and applied at open.

mod audit_search;
mod dialect;
mod error;
mod grant_writes;
mod group_commit;
mod migrate;
use migrate::migrator;
mod ops;
mod rows;
mod snapshot;
#[path = "../../store-sql/mod.rs"]
mod sql;
#[cfg(test)]
mod trust_tests;
// The shared modules answer at the crate's root, where the engine's own modules call them.
use sql::*;

use std::str::FromStr;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use orgtrust_core::ids::OrgId;
use orgtrust_core::model::Subject;
use orgtrust_core::store::{StoreError, StoreResult};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use error::map_err;
pub use ops::{restore, verify_backup};

/// The store the shared SQL layer (`crates/store-sql`) implements the storage traits for.
type Store = SqliteStore;

/// The SQLite store.
#[derive(Debug)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    generations: group_commit::Generations,
    /// The writer task that commits queued writes in groups (group_commit.rs).
    group: group_commit::GroupCommit,
    token_generation: AtomicU64,
    /// An in-memory database (the readers are the writer's pool).
    memory: bool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite://path`, `sqlite:path` or
    /// `sqlite::memory:`) and applies the migrations.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Unavailable(format!("bad SQLite URL: {e}")))?
            .create_if_missing(true)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .journal_mode(if memory {
                SqliteJournalMode::Memory
            } else {
                SqliteJournalMode::Wal
            })
            .synchronous(SqliteSynchronous::Full);
        // No ping before each acquire (sqlx's default): a SQLite connection is in this process
        // and cannot go stale, and the ping is a round trip to the connection's worker thread
        // on every store call (the release still pings, which also flushes a cancelled
        // transaction).
        let writer = SqlitePoolOptions::new()
            .test_before_acquire(false)
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            // The group commit's savepoints journal every page they touch: in memory, not in a
            // temporary file (it only serves rolling a savepoint back; the WAL is what makes a
            // commit durable).
            .connect_with(options.clone().pragma("temp_store", "memory"))
            .await
            .map_err(map_err)?;
        // An in-memory database lives in one connection: readers share the writer.
        let reader = if memory {
            writer.clone()
        } else {
            SqlitePoolOptions::new()
                .test_before_acquire(false)
                .max_connections(4)
                .connect_with(options.read_only(true))
                .await
                .map_err(map_err)?
        };
        migrate::run(&writer).await?;
        let generations: group_commit::Generations = Default::default();
        let group = group_commit::GroupCommit::start(writer.clone(), generations.clone());
        Ok(Self {
            writer,
            reader,
            generations,
            group,
            token_generation: AtomicU64::new(0),
            memory,
        })
    }

    /// Marks the authorization data of `orgs` changed. Called after a commit, never before.
    fn bump(&self, orgs: &[&OrgId]) {
        group_commit::bump(&self.generations, orgs);
    }

    /// Tells other processes that `orgs` changed, inside the writing transaction: there are none
    /// (one process owns a SQLite database), so only [`SqliteStore::bump`] after the commit counts.
    async fn notify(_conn: &mut dialect::DbConn, _orgs: &[&OrgId]) -> StoreResult<()> {
        Ok(())
    }

    /// Tells other processes that tokens were revoked: none to tell (see [`SqliteStore::notify`]).
    async fn notify_tokens(_conn: &mut dialect::DbConn) -> StoreResult<()> {
        Ok(())
    }

    /// The token generation (moved by every revocation, so cached token records are re-read).
    fn tokens_generation(&self) -> u64 {
        self.token_generation
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// Issues `token` with its audit event: every token grant writes here, through the group
    /// commit (group_commit.rs).
    async fn write_token(
        &self,
        token: &orgtrust_core::token::TokenRecord,
        audit: &orgtrust_core::audit::AuditEvent,
    ) -> StoreResult<()> {
        let (token, audit) = (token.clone(), audit.clone());
        self.write(vec![], move |conn| {
            let (token, audit) = (token.clone(), audit.clone());
            Box::pin(async move {
                tokens::insert_token(conn, &token).await?;
                sql::rows::insert_audit(conn, &audit).await
            })
        })
        .await
    }

    /// After the commit of a write that revoked tokens: cached token records are re-read.
    fn bump_tokens(&self) {
        self.token_generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// The authorization generation of `org` (moved by every bump).
    fn generation(&self, org: &OrgId) -> u64 {
        self.generations
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(org)
            .map_or(0, |g| g.value)
    }

    /// The generation of `org` and the subjects whose grants alone changed after `since`, if
    /// the remembered moves cover the range (group_commit.rs).
    fn grant_changes(&self, org: &OrgId, since: u64) -> Option<(u64, Vec<Subject>)> {
        self.generations
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(org)?
            .changes_since(since)
    }

    /// Closes the pools (after the server has drained).
    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}
