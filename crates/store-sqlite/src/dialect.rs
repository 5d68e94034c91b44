//! What the shared SQL layer (`crates/store-sql`) names of SQLite.

/// A row as sqlx-sqlite reads it.
pub(crate) type DbRow = sqlx::sqlite::SqliteRow;

/// A connection (or a transaction, through `&mut *tx`).
pub(crate) type DbConn = sqlx::SqliteConnection;

/// The collation of an `ORDER BY` that walks a by-name index: SQLite's default, BINARY, is byte
/// order already (and the indexes of migration 0014 are built with it).
pub(crate) const BYTE_ORDER: &str = "";
