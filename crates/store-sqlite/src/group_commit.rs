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
//!
//! The batch is first run without savepoints (one statement hand-off per write; FTS5 flushes the
//! audit terms once, at the commit). Only when one of its writes fails is that transaction rolled
//! back and the batch run again with a savepoint per write, which is why a write is a closure that
//! can be called twice.

use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, RwLock};

use futures::FutureExt;
use orgtrust_core::ids::OrgId;
use orgtrust_core::model::Subject;
use orgtrust_core::store::{StoreError, StoreResult};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use crate::{map_err, SqliteStore};

/// The authorization generations of the organizations (shared with the writer task, which bumps
/// them after each commit).
pub(crate) type Generations = Arc<RwLock<HashMap<OrgId, OrgGeneration>>>;

/// How many of an organization's last generation moves are remembered with what they changed.
const CHANGES_KEPT: usize = 64;

/// One organization's authorization generation and what its last moves changed.
#[derive(Debug, Default)]
pub(crate) struct OrgGeneration {
    /// The generation.
    pub(crate) value: u64,
    /// The last moves, oldest first: the generation each reached, and the subjects whose grants
    /// alone it changed (`None`: anything may have changed).
    changes: VecDeque<(u64, Option<Vec<Subject>>)>,
}

impl OrgGeneration {
    fn record(&mut self, changed: Option<Vec<Subject>>) {
        self.value += 1;
        if self.changes.len() == CHANGES_KEPT {
            self.changes.pop_front();
        }
        self.changes.push_back((self.value, changed));
    }

    /// The current generation and every subject whose grants changed after `since`, when grants
    /// are all that changed (and every move since is remembered).
    pub(crate) fn changes_since(&self, since: u64) -> Option<(u64, Vec<Subject>)> {
        if since >= self.value {
            return Some((self.value, vec![]));
        }
        let first = self.changes.front()?.0;
        if first > since + 1 {
            return None;
        }
        let mut subjects: Vec<Subject> = Vec::new();
        for (_, changed) in self.changes.iter().filter(|(g, _)| *g > since) {
            for subject in changed.as_ref()? {
                if !subjects.contains(subject) {
                    subjects.push(subject.clone());
                }
            }
        }
        Some((self.value, subjects))
    }
}

/// A future borrowing the writer connection.
pub(crate) type ConnFuture<'c, T> = Pin<Box<dyn Future<Output = StoreResult<T>> + Send + 'c>>;

type Erased = Box<dyn Any + Send>;
/// A write: callable twice, because a batch first runs without savepoints and runs again with
/// them only when one of its writes failed (see [`run_batch`]).
type Work = Box<dyn for<'c> Fn(&'c mut SqliteConnection) -> ConnFuture<'c, Erased> + Send + Sync>;

/// The most writes committed together: bounds the latency a write waits behind the others.
const MAX_BATCH: usize = 256;

/// An organization whose authorization generation a write moves, and what it changes there:
/// `Some(subject)` when only that subject's grants, `None` when anything may change.
pub(crate) type Bump = (OrgId, Option<Subject>);

/// A write that ran: who to answer, what to bump, its outcome (answered after the commit).
type Done = (
    oneshot::Sender<StoreResult<Erased>>,
    Vec<Bump>,
    StoreResult<Erased>,
);

/// One queued write.
struct Job {
    work: Work,
    /// Organizations whose authorization generation moves once the write is committed.
    bump: Vec<Bump>,
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

/// Marks the authorization data of `orgs` changed (anything in them may have). Called after a
/// commit, never before.
pub(crate) fn bump(generations: &RwLock<HashMap<OrgId, OrgGeneration>>, orgs: &[&OrgId]) {
    let mut map = generations.write().unwrap_or_else(|e| e.into_inner());
    for org in orgs {
        map.entry((*org).clone()).or_default().record(None);
    }
}

/// Moves the generation of each organization a committed batch named, once, remembering what
/// the batch changed there: the subjects whose grants changed when every write of the batch
/// named one for that organization, else anything.
fn bump_batch(generations: &RwLock<HashMap<OrgId, OrgGeneration>>, bumps: &[&Bump]) {
    let mut per_org: Vec<(&OrgId, Option<Vec<Subject>>)> = Vec::new();
    for (org, subject) in bumps {
        let at = match per_org.iter().position(|(o, _)| *o == org) {
            Some(at) => at,
            None => {
                per_org.push((org, Some(vec![])));
                per_org.len() - 1
            }
        };
        let entry = &mut per_org[at].1;
        match (entry.as_mut(), subject) {
            (Some(subjects), Some(subject)) => {
                if !subjects.contains(subject) {
                    subjects.push(subject.clone());
                }
            }
            _ => *entry = None,
        }
    }
    let mut map = generations.write().unwrap_or_else(|e| e.into_inner());
    for (org, changed) in per_org {
        map.entry(org.clone()).or_default().record(changed);
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

/// Runs every write of the batch in one transaction without savepoints and commits it: one
/// statement hand-off per write instead of three (savepoint, work, release), and FTS5 flushes
/// the audit events' terms once, at the commit, instead of at every savepoint release. Inner
/// `Ok(values)`: committed. Inner `Err((i, error))`: write `i` failed, the transaction was rolled
/// back and nothing of the batch stands. Outer `Err`: the transaction could not be opened or
/// committed (nothing stands either).
async fn optimistic(
    conn: &mut SqliteConnection,
    batch: &[Job],
) -> StoreResult<Result<Vec<Erased>, (usize, StoreError)>> {
    let mut tx = conn.begin().await.map_err(map_err)?;
    let mut values = Vec::with_capacity(batch.len());
    for (i, job) in batch.iter().enumerate() {
        let outcome = AssertUnwindSafe((job.work)(&mut tx))
            .catch_unwind()
            .await
            .unwrap_or_else(|_| Err(StoreError::Internal("a write panicked".into())));
        match outcome {
            Ok(value) => values.push(value),
            Err(error) => {
                let _ = tx.rollback().await;
                return Ok(Err((i, error)));
            }
        }
    }
    tx.commit().await.map_err(map_err)?;
    Ok(Ok(values))
}

/// Bumps what the committed writes named, then answers each (THE RULE: bump before answer).
fn committed(generations: &Generations, done: Vec<Done>) {
    let bumps: Vec<&Bump> = done
        .iter()
        .filter(|(_, _, outcome)| outcome.is_ok())
        .flat_map(|(_, bump, _)| bump.iter())
        .collect();
    bump_batch(generations, &bumps);
    for (reply, _, outcome) in done {
        let _ = reply.send(outcome);
    }
}

/// Commits a batch: first optimistically ([`optimistic`]); when a write failed there, a single
/// write is answered with its failure, and a larger batch runs again, each write in its own
/// savepoint, so that the failed write is undone alone and the others stand (writes run in the
/// same order both times, so each sees the same writes before it).
async fn run_batch(pool: &SqlitePool, generations: &Generations, batch: Vec<Job>) {
    let mut conn = match pool.acquire().await {
        Ok(conn) => conn,
        Err(e) => {
            let error = map_err(e);
            fail_all(batch.into_iter().map(|j| j.reply).collect(), &error);
            return;
        }
    };
    match optimistic(&mut conn, &batch).await {
        Ok(Ok(values)) => {
            drop(conn);
            let done = batch
                .into_iter()
                .zip(values)
                .map(|(job, value)| (job.reply, job.bump, Ok(value)))
                .collect();
            committed(generations, done);
            return;
        }
        Ok(Err((_, error))) if batch.len() == 1 => {
            drop(conn);
            if let Some(job) = batch.into_iter().next() {
                let _ = job.reply.send(Err(error));
            }
            return;
        }
        Ok(Err(_)) => {}
        Err(error) => {
            drop(conn);
            fail_all(batch.into_iter().map(|j| j.reply).collect(), &error);
            return;
        }
    }
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
    let outcome = match broken {
        Some(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
        None => tx.commit().await.map_err(map_err),
    };
    drop(conn);
    match outcome {
        Ok(()) => committed(generations, done),
        Err(error) => {
            replies.extend(done.into_iter().map(|(reply, _, _)| reply));
            fail_all(replies, &error);
        }
    }
}

impl SqliteStore {
    /// Runs `work` in the writer task's next batch (see the module documentation) and returns
    /// its result once it is durably committed; the authorization generations of `bump` have
    /// moved by then (THE RULE). When `work` fails, what it wrote is undone and nothing else of
    /// the batch is. `work` may run twice (a first pass of the batch without savepoints, rolled
    /// back when a write of the batch failed, then one with a savepoint per write): it must only
    /// write through the connection it is given.
    pub(crate) async fn write<T, F>(&self, bump: Vec<OrgId>, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: for<'c> Fn(&'c mut SqliteConnection) -> ConnFuture<'c, T> + Send + Sync + 'static,
    {
        let bump = bump.into_iter().map(|org| (org, None)).collect();
        self.write_changing(bump, work).await
    }

    /// [`SqliteStore::write`] naming what the write changes in each organization it bumps (a
    /// subject whose grants alone change lets the index be brought forward without a snapshot:
    /// `AuthzStore::authz_changes`).
    pub(crate) async fn write_changing<T, F>(&self, bump: Vec<Bump>, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: for<'c> Fn(&'c mut SqliteConnection) -> ConnFuture<'c, T> + Send + Sync + 'static,
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

#[cfg(test)]
mod tests {
    use super::*;
    use orgtrust_core::ids::UserId;

    /// A write of the test table: inserts `keys` in order (a duplicate fails half-way).
    fn insert(
        keys: &'static [i64],
    ) -> impl for<'c> Fn(&'c mut SqliteConnection) -> ConnFuture<'c, usize> + Send + Sync + 'static
    {
        move |conn| {
            Box::pin(async move {
                for key in keys {
                    sqlx::query("INSERT INTO gc_test (k) VALUES (?)")
                        .bind(key)
                        .execute(&mut *conn)
                        .await
                        .map_err(map_err)?;
                }
                Ok(keys.len())
            })
        }
    }

    /// A batch whose middle write fails half-way: the optimistic pass is rolled back and the
    /// batch runs again with savepoints, so the failed write left nothing and the others stand
    /// (each ran once in the end: their keys are there once).
    #[tokio::test]
    async fn a_failed_write_in_a_batch_is_undone_alone() {
        let dir = std::env::temp_dir().join(format!("gc-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let url = format!("sqlite://{}", dir.join("gc.db").display());
        let store = std::sync::Arc::new(crate::SqliteStore::open(&url).await.expect("open"));
        sqlx::query("CREATE TABLE gc_test (k INTEGER PRIMARY KEY)")
            .execute(&store.writer)
            .await
            .expect("table");
        // Hold the writer connection so that the writes queue up and go in one batch.
        let held = store.writer.acquire().await.expect("writer");
        let first = tokio::spawn({
            let store = store.clone();
            async move { store.write(vec![], insert(&[1])).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let mut rest = Vec::new();
        for keys in [&[2_i64][..], &[3, 2], &[4]] {
            let store = store.clone();
            rest.push(tokio::spawn(async move {
                store.write(vec![], insert(keys)).await
            }));
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        drop(held);
        assert_eq!(first.await.expect("join").expect("first"), 1);
        let outcomes: Vec<_> = futures::future::join_all(rest)
            .await
            .into_iter()
            .map(|r| r.expect("join"))
            .collect();
        assert!(matches!(outcomes[0], Ok(1)), "{outcomes:?}");
        assert!(
            matches!(outcomes[1], Err(StoreError::Constraint { .. })),
            "{outcomes:?}"
        );
        assert!(matches!(outcomes[2], Ok(1)), "{outcomes:?}");
        let keys: Vec<i64> = sqlx::query_scalar("SELECT k FROM gc_test ORDER BY k")
            .fetch_all(&store.reader)
            .await
            .expect("keys");
        assert_eq!(keys, vec![1, 2, 4], "the failed write's 3 was undone");
        // A lone failing write: refused, nothing of it stands.
        let lone = store.write(vec![], insert(&[5, 1])).await;
        assert!(
            matches!(lone, Err(StoreError::Constraint { .. })),
            "{lone:?}"
        );
        let keys: Vec<i64> = sqlx::query_scalar("SELECT k FROM gc_test ORDER BY k")
            .fetch_all(&store.reader)
            .await
            .expect("keys");
        assert_eq!(keys, vec![1, 2, 4]);
        store.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn user(id: &str) -> Subject {
        Subject::User(UserId::new(id))
    }

    #[test]
    fn changes_since_names_the_subjects_or_gives_up() {
        let generations: Generations = Default::default();
        let (acme, other) = (OrgId::new("acme"), OrgId::new("other"));
        let batch = [
            (acme.clone(), Some(user("ann"))),
            (acme.clone(), Some(user("emil"))),
            (acme.clone(), Some(user("ann"))),
            (other.clone(), None),
        ];
        bump_batch(&generations, &batch.iter().collect::<Vec<_>>());
        let map = generations.read().expect("generations");
        assert_eq!(map[&acme].value, 1, "one move per batch");
        assert_eq!(
            map[&acme].changes_since(0),
            Some((1, vec![user("ann"), user("emil")]))
        );
        assert_eq!(map[&acme].changes_since(1), Some((1, vec![])));
        assert_eq!(
            map[&other].changes_since(0),
            None,
            "anything may have changed"
        );
        drop(map);
        bump(&generations, &[&acme]);
        bump_batch(&generations, &[&(acme.clone(), Some(user("sam")))]);
        let map = generations.read().expect("generations");
        assert_eq!(
            map[&acme].changes_since(0),
            None,
            "a move of unknown changes between"
        );
        assert_eq!(map[&acme].changes_since(2), Some((3, vec![user("sam")])));
        drop(map);
        for _ in 0..CHANGES_KEPT {
            bump_batch(&generations, &[&(acme.clone(), Some(user("sam")))]);
        }
        let map = generations.read().expect("generations");
        assert_eq!(map[&acme].changes_since(2), None, "no longer remembered");
        assert!(map[&acme].changes_since(4).is_some());
    }
}
