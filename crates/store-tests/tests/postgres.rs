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
orgtrust_store_tests::group_writes_suite!(store());
