//! The storage conformance suite on SQLite (in memory).

use std::sync::Arc;

use orgtrust_store_sqlite::SqliteStore;

async fn store() -> Option<Arc<SqliteStore>> {
    Some(Arc::new(
        SqliteStore::open("sqlite::memory:").await.expect("open"),
    ))
}

orgtrust_store_tests::conformance_suite!(store());
orgtrust_store_tests::directory_write_suite!(store());
orgtrust_store_tests::audit_search_suite!(store());

/// The races, 100 repetitions on one database (`ORGTRUST_RACE_REPS` to change).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn races_repeated() {
    let Some(store) = store().await else { return };
    let reps = std::env::var("ORGTRUST_RACE_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    orgtrust_store_tests::races_repeated(store, reps).await;
}
orgtrust_store_tests::emulator_suite!(store());
orgtrust_store_tests::snapshot_suite!(store());

/// A snapshot moves from one SQLite database to another.
#[tokio::test]
async fn snapshot_moves_between_databases() {
    let (Some(from), Some(to)) = (store().await, store().await) else {
        return;
    };
    orgtrust_store_tests::snapshot_moves_between_backends(&*from, &*to).await;
}
orgtrust_store_tests::group_writes_suite!(store());
