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
orgtrust_store_tests::emulator_suite!(store());
