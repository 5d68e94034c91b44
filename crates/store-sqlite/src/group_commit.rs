//! Group commit: durable writes that share their fsyncs.
//!
//! With `synchronous=FULL` every COMMIT waits for an fsync of the WAL, and through the one writer
//! connection those fsyncs serialize: the write rate is bounded by the disk's fsync rate (about
//! 40 a second on the benchmark machine). Writes submitted through [`SqliteStore::write`] are
//! queued to one writer task instead, which runs whatever has queued up meanwhile in ONE
//! transaction, each write inside its own SAVEPOINT (a write that fails is rolled back alone; the
//! others stand), commits once, bumps the authorization generations the committed writes named,
//! and only then answers each caller. Every acknowledged write is still committed with
//! `synchronous=FULL` before its answer; what is shared is the fsync, not the durability. Writes
//! in one batch run one after the other, in queue order, exactly as through the single writer
//! connection before, so a write sees every write queued before it.

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, RwLock};

use futures::FutureExt;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{StoreError, StoreResult};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use crate::{map_err, SqliteStore};

/// The authorization generations of the organizations (shared with the writer task, which bumps
/// them after each commit).
pub(crate) type Generations = Arc<RwLock<HashMap<OrgId, u64>>>;

/// A future borrowing the writer connection.
pub(crate) type ConnFuture<'c, T> = Pin<Box<dyn Future<Output = StoreResult<T>> + Send + 'c>>;

type Erased = Box<dyn Any + Send>;
type Work = Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> ConnFuture<'c, Erased> + Send>;

/// The most writes committed together: bounds the latency a write waits behind the others.
const MAX_BATCH: usize = 256;

/// A write that ran: who to answer, what to bump, its outcome (answered after the commit).
type Done = (
    oneshot::Sender<StoreResult<Erased>>,
    Vec<OrgId>,
    StoreResult<Erased>,
);

/// One queued write.
struct Job {
    work: Work,
    /// Organizations whose authorization generation moves once the write is committed.
    bump: Vec<OrgId>,
    reply: oneshot::Sender<StoreResult<Erased>>,
}

/// The sending side of the writer task's queue.
#[derive(Debug, Clone)]
pub(crate) struct GroupCommit {
    queue: mpsc::UnboundedSender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("bump", &self.bump).finish()
    }
}

impl GroupCommit {
    /// Starts the writer task over `pool` (the store's one-connection writer pool). The task
    /// takes the connection per batch, so other users of the pool (writes not yet moved here,
    /// the readers of an in-memory database) interleave between batches. It ends when the store
    /// is dropped.
    pub(crate) fn start(pool: SqlitePool, generations: Generations) -> Self {
        let (queue, jobs) = mpsc::unbounded_channel();
        tokio::spawn(writer(pool, generations, jobs));
        Self { queue }
    }
}

/// Marks the authorization data of `orgs` changed. Called after a commit, never before.
pub(crate) fn bump(generations: &RwLock<HashMap<OrgId, u64>>, orgs: &[&OrgId]) {
    let mut map = generations.write().unwrap_or_else(|e| e.into_inner());
    for org in orgs {
        *map.entry((*org).clone()).or_insert(0) += 1;
    }
}

async fn writer(
    pool: SqlitePool,
    generations: Generations,
    mut jobs: mpsc::UnboundedReceiver<Job>,
) {
    while let Some(first) = jobs.recv().await {
        // Whatever queued while the previous batch was committing goes in this one.
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        run_batch(&pool, &generations, batch).await;
    }
}

fn failed(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(format!("{what}: {e}"))
}

/// Answers every write of a batch that could not be committed.
fn fail_all(replies: Vec<oneshot::Sender<StoreResult<Erased>>>, error: &StoreError) {
    for reply in replies {
        let _ = reply.send(Err(StoreError::Unavailable(format!(
            "the write was not committed: {error}"
        ))));
    }
}

async fn run_batch(pool: &SqlitePool, generations: &Generations, batch: Vec<Job>) {
    let mut conn = match pool.acquire().await {
        Ok(conn) => conn,
        Err(e) => {
            let error = map_err(e);
            fail_all(batch.into_iter().map(|j| j.reply).collect(), &error);
            return;
        }
    };
    let mut tx = match conn.begin().await {
        Ok(tx) => tx,
        Err(e) => {
            let error = map_err(e);
            fail_all(batch.into_iter().map(|j| j.reply).collect(), &error);
            return;
        }
    };
    let mut done: Vec<Done> = Vec::with_capacity(batch.len());
    let mut pending = batch.into_iter();
    let mut broken: Option<StoreError> = None;
    for job in pending.by_ref() {
        let mut savepoint = match tx.begin().await {
            Ok(sp) => sp,
            Err(e) => {
                broken = Some(map_err(e));
                done.push((job.reply, job.bump, Err(failed("savepoint", "not opened"))));
                break;
            }
        };
        let outcome = AssertUnwindSafe((job.work)(&mut savepoint))
            .catch_unwind()
            .await
            .unwrap_or_else(|_| Err(StoreError::Internal("a write panicked".into())));
        // A write that failed is undone alone. If undoing (or keeping) it fails, SQLite may have
        // rolled the whole transaction back (SQLITE_FULL, IOERR): then nothing of the batch
        // stands, and it is reported so.
        let closed = if outcome.is_ok() {
            savepoint.commit().await
        } else {
            savepoint.rollback().await
        };
        done.push((job.reply, job.bump, outcome));
        if let Err(e) = closed {
            broken = Some(map_err(e));
            break;
        }
    }
    let mut replies: Vec<_> = pending.map(|j| j.reply).collect();
    let committed = match broken {
        Some(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
        None => tx.commit().await.map_err(map_err),
    };
    drop(conn);
    match committed {
        Ok(()) => {
            let mut orgs: Vec<&OrgId> = done
                .iter()
                .filter(|(_, _, outcome)| outcome.is_ok())
                .flat_map(|(_, bump, _)| bump.iter())
                .collect();
            orgs.sort();
            orgs.dedup();
            bump(generations, &orgs);
            for (reply, _, outcome) in done {
                let _ = reply.send(outcome);
            }
        }
        Err(error) => {
            replies.extend(done.into_iter().map(|(reply, _, _)| reply));
            fail_all(replies, &error);
        }
    }
}

impl SqliteStore {
    /// Runs `work` in the writer task's next batch (see the module documentation) and returns
    /// its result once it is durably committed; the authorization generations of `bump` have
    /// moved by then (THE RULE). `work` runs inside a savepoint: when it fails, what it wrote is
    /// undone and nothing else of the batch is.
    pub(crate) async fn write<T, F>(&self, bump: Vec<OrgId>, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> ConnFuture<'c, T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let work: Work = Box::new(move |conn: &mut SqliteConnection| {
            let fut = work(conn);
            Box::pin(async move { fut.await.map(|v| Box::new(v) as Erased) })
        });
        self.group
            .queue
            .send(Job { work, bump, reply })
            .map_err(|_| failed("writer", "stopped"))?;
        let value = answer.await.map_err(|_| failed("writer", "stopped"))??;
        value
            .downcast::<T>()
            .map(|v| *v)
            .map_err(|_| StoreError::Internal("group commit: mistyped result".into()))
    }
}
