//! The storage conformance suite on SQLite files. In memory the readers are the writer's one
//! connection; in a file they are read-only connections of their own, so only here does a write
//! sent through a reader fail (the SQL layer both engines share names the pool of every
//! statement, and PostgreSQL's one pool cannot tell them apart either).
//!
//! The databases live in Cargo's temporary directory for integration tests, one directory per
//! test process; a run removes the directories of earlier runs that are no longer running.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use orgtrust_store_sqlite::SqliteStore;

/// This process's directory, emptied of earlier runs' directories when first asked for.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sqlite-file");
        if let Ok(entries) = std::fs::read_dir(&root) {
            for entry in entries.flatten() {
                let pid = entry.file_name().to_string_lossy().into_owned();
                // A run still going has its process; /proc says so on Linux (elsewhere, nothing
                // is removed).
                let gone = std::path::Path::new("/proc").is_dir()
                    && !std::path::Path::new("/proc").join(&pid).exists();
                if gone {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let dir = root.join(std::process::id().to_string());
        std::fs::create_dir_all(&dir).expect("create the test databases' directory");
        dir
    })
}

async fn store() -> Option<Arc<SqliteStore>> {
    static N: AtomicU32 = AtomicU32::new(0);
    let path = dir().join(format!("{}.db", N.fetch_add(1, Ordering::Relaxed)));
    let url = format!("sqlite://{}", path.display());
    Some(Arc::new(SqliteStore::open(&url).await.expect("open")))
}

orgtrust_store_tests::conformance_suite!(store());
orgtrust_store_tests::directory_write_suite!(store());
orgtrust_store_tests::audit_search_suite!(store());
orgtrust_store_tests::emulator_suite!(store());
orgtrust_store_tests::snapshot_suite!(store());
orgtrust_store_tests::group_writes_suite!(store());
