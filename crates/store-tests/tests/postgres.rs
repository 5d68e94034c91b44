//! The storage conformance suite on PostgreSQL. `scripts/test.sh` starts a throwaway cluster and
//! sets `ORGTRUST_TEST_PG_URL` (an admin URL); each case gets a database of its own. Without the
//! variable (a bare `cargo test` on a machine without PostgreSQL) the cases say so and pass.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use orgtrust_store_postgres::PgStore;
use sqlx::Connection;

async fn store() -> Option<Arc<PgStore>> {
    let Ok(admin) = std::env::var("ORGTRUST_TEST_PG_URL") else {
        eprintln!("skipped: ORGTRUST_TEST_PG_URL is not set (scripts/test.sh sets it)");
        return None;
    };
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "conformance_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to the test cluster");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    let url = match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => panic!("ORGTRUST_TEST_PG_URL must end with a database name"),
    };
    Some(Arc::new(PgStore::open(&url).await.expect("open")))
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

/// A snapshot exported from SQLite imports into PostgreSQL (and back) with the same state.
#[tokio::test]
async fn snapshot_moves_from_sqlite_to_postgres() {
    let Some(pg) = store().await else { return };
    let sqlite = orgtrust_store_sqlite::SqliteStore::open("sqlite::memory:")
        .await
        .expect("open");
    orgtrust_store_tests::snapshot_moves_between_backends(&sqlite, &*pg).await;
}

/// Every table and column of the PostgreSQL schema is carried by snapshots or deliberately left
/// out (`generations` coordinates instances; generated columns are derived), so a new migration
/// cannot add state that an export silently loses.
#[tokio::test]
async fn snapshots_carry_every_table_and_column_of_the_schema() {
    use orgtrust_core::snapshot::{NOT_CARRIED, NOT_CARRIED_COLUMNS, TABLES};
    let Ok(admin) = std::env::var("ORGTRUST_TEST_PG_URL") else {
        return;
    };
    let name = format!("snapshot_schema_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    let url = match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => panic!("ORGTRUST_TEST_PG_URL must end with a database name"),
    };
    let store = PgStore::open(&url).await.expect("open (migrates)");
    let mut db = sqlx::PgConnection::connect(&url).await.expect("connect");
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_generated = 'NEVER'
           AND table_name NOT IN ('_sqlx_migrations', 'generations')
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(&mut db)
    .await
    .expect("columns");
    assert!(columns.len() > 100, "{columns:?}");
    let missing: Vec<String> = columns
        .iter()
        .filter(|(t, _)| !NOT_CARRIED.contains(&t.as_str()))
        .filter(|(t, c)| !NOT_CARRIED_COLUMNS.contains(&(t.as_str(), c.as_str())))
        .filter(|(t, c)| {
            !TABLES
                .iter()
                .any(|s| s.name == t && s.columns.contains(&c.as_str()))
        })
        .map(|(t, c)| format!("{t}.{c}"))
        .collect();
    assert!(
        missing.is_empty(),
        "not in orgtrust_core::snapshot::TABLES (nor NOT_CARRIED): {missing:?}"
    );
    drop(store);
}
orgtrust_store_tests::group_writes_suite!(store());
