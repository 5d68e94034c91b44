//! The orgtrust storage traits over PostgreSQL, so that several stateless `orgtrust serve`
//! processes can share one database.
//!
//! Between instances, a committed change to anyone's effective permissions travels as
//! `NOTIFY orgtrust_authz, '<org id>'`, sent inside the writing transaction (PostgreSQL delivers it
//! only if the transaction commits). Each instance listens and moves its in-memory authorization
//! generation for that organization, so the next request rebuilds the index. If the listening
//! connection is lost, notifications may have been missed: every organization is invalidated.

mod audit_search;
mod dialect;
mod error;
mod grant_writes;
mod ops;
mod rows;
mod snapshot;
#[path = "../../store-sql/mod.rs"]
mod sql;
// The shared modules answer at the crate's root, where the engine's own modules call them.
use sql::*;

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use orgtrust_core::ids::OrgId;
use orgtrust_core::model::Subject;
use orgtrust_core::store::{StoreError, StoreResult};
use sqlx::postgres::{PgConnectOptions, PgListener, PgPool, PgPoolOptions};
use sqlx::PgConnection;

pub use error::map_err;

/// The channel that carries authorization changes between instances.
const AUTHZ_CHANNEL: &str = "orgtrust_authz";
/// The channel that carries token revocations between instances.
const TOKEN_CHANNEL: &str = "orgtrust_tokens";

/// Per-organization authorization generations, plus a global epoch that invalidates all of them.
#[derive(Debug, Default)]
struct Generations {
    per_org: RwLock<HashMap<OrgId, u64>>,
    epoch: AtomicU64,
    tokens: AtomicU64,
}

impl Generations {
    fn get(&self, org: &OrgId) -> u64 {
        let own = self
            .per_org
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(org)
            .copied()
            .unwrap_or(0);
        own.wrapping_add(self.epoch.load(Ordering::Acquire))
    }

    fn bump(&self, org: &OrgId) {
        *self
            .per_org
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(org.clone())
            .or_insert(0) += 1;
    }

    fn bump_all(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.bump_tokens();
    }

    fn bump_tokens(&self) {
        self.tokens.fetch_add(1, Ordering::AcqRel);
    }

    fn tokens(&self) -> u64 {
        self.tokens.load(Ordering::Acquire)
    }
}

/// The store the shared SQL layer (`crates/store-sql`) implements the storage traits for.
type Store = PgStore;

/// PostgreSQL's own migrations (the shared ones are `crates/store-sql/migrations/`).
static OWN_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Every migration of this engine, shared and own, in version order.
async fn migrator() -> StoreResult<sqlx::migrate::Migrator> {
    migrations::migrator(&OWN_MIGRATIONS).await
}

/// The PostgreSQL store.
#[derive(Debug)]
pub struct PgStore {
    /// The one pool, by the names the shared SQL layer uses: reads go through `reader`,
    /// transactions begin on `writer` (SQLite separates the two; here they are clones).
    reader: PgPool,
    writer: PgPool,
    generations: Arc<Generations>,
    /// The database generations last read by [`orgtrust_core::store::OpsStore::sync_generations`].
    seen: Mutex<HashMap<String, i64>>,
    listener: tokio::task::JoinHandle<()>,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        self.listener.abort();
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://...`), applies the migrations (sqlx takes an advisory lock,
    /// so instances starting together do not race) and starts listening for changes.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without migrating (for `orgtrust migrate` and readiness checks).
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Unavailable(format!("bad PostgreSQL URL: {e}")))?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(map_err)?;
        let generations = Arc::new(Generations::default());
        let mut listener = PgListener::connect_with(&pool).await.map_err(map_err)?;
        listener
            .listen_all([AUTHZ_CHANNEL, TOKEN_CHANNEL])
            .await
            .map_err(map_err)?;
        let listening = generations.clone();
        let listener = tokio::spawn(async move {
            loop {
                match listener.try_recv().await {
                    Ok(Some(n)) if n.channel() == TOKEN_CHANNEL => listening.bump_tokens(),
                    Ok(Some(n)) => listening.bump(&OrgId::new(n.payload())),
                    // The connection was lost and re-established: anything may have been missed.
                    Ok(None) => listening.bump_all(),
                    Err(e) => {
                        tracing::warn!(error = %e, "authorization change listener failed; retrying");
                        listening.bump_all();
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }
            }
        });
        Ok(Self {
            reader: pool.clone(),
            writer: pool,
            generations,
            seen: Mutex::new(HashMap::new()),
            listener,
        })
    }

    /// Applies the migrations.
    pub async fn migrate(&self) -> StoreResult<()> {
        migrator()
            .await?
            .run(self.pool())
            .await
            .map_err(|e| StoreError::Unavailable(format!("migrations failed: {e}")))
    }

    /// Tells every instance (this one included) that `orgs` changed, when `conn`'s transaction
    /// commits: their database generations move (read by every instance before each request)
    /// and a notification refreshes caches eagerly. Call at the end of the writing transaction,
    /// then [`PgStore::bump`] after the commit.
    async fn notify(conn: &mut PgConnection, orgs: &[&OrgId]) -> StoreResult<()> {
        let scopes: Vec<&str> = orgs.iter().map(|o| o.as_str()).collect();
        ops::bump_generations(conn, &scopes).await?;
        for org in orgs {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(AUTHZ_CHANNEL)
                .bind(org.as_str())
                .execute(&mut *conn)
                .await
                .map_err(map_err)?;
        }
        Ok(())
    }

    /// Tells every instance that tokens were revoked, when `conn`'s transaction commits (after
    /// any [`PgStore::notify`] of the same transaction: generation rows are locked in one order).
    async fn notify_tokens(conn: &mut PgConnection) -> StoreResult<()> {
        ops::bump_generations(conn, &[ops::TOKENS_SCOPE]).await?;
        sqlx::query("SELECT pg_notify($1, '')")
            .bind(TOKEN_CHANNEL)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    /// Moves the local generation at once (the notification arrives a moment later).
    fn bump(&self, orgs: &[&OrgId]) {
        for org in orgs {
            self.generations.bump(org);
        }
    }

    /// The token generation (moved by this instance's revocations and every instance's
    /// notifications, so cached token records are re-read).
    fn tokens_generation(&self) -> u64 {
        self.generations.tokens()
    }

    /// Issues `token` with its audit event, in one transaction.
    async fn write_token(
        &self,
        token: &orgtrust_core::token::TokenRecord,
        audit: &orgtrust_core::audit::AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        tokens::insert_token(&mut tx, token).await?;
        sql::rows::insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    /// Moves the local token generation at once after a commit that called
    /// [`PgStore::notify_tokens`] (the notification arrives a moment later).
    fn bump_tokens(&self) {
        self.generations.bump_tokens();
    }

    /// The authorization generation of `org` (moved by this instance's bumps and by every
    /// instance's notifications).
    fn generation(&self, org: &OrgId) -> u64 {
        self.generations.get(org)
    }

    /// Which subjects' grants alone changed since a generation: unknown here. Generations move
    /// on notifications from every instance sharing the database, which do not say what
    /// changed, so the index is always rebuilt from a snapshot.
    fn grant_changes(&self, _org: &OrgId, _since: u64) -> Option<(u64, Vec<Subject>)> {
        None
    }

    /// The pool, for what concerns it as a whole (migrations, statistics, closing).
    fn pool(&self) -> &PgPool {
        &self.writer
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.listener.abort();
        self.pool().close().await;
    }
}
