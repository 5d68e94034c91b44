//! What the shared SQL layer (`crates/store-sql`) names of PostgreSQL.

/// A row as sqlx-postgres reads it.
pub(crate) type DbRow = sqlx::postgres::PgRow;

/// A connection (or a transaction, through `&mut *tx`).
pub(crate) type DbConn = sqlx::PgConnection;

/// The collation of an `ORDER BY` that walks a by-name index: byte order, as the indexes of
/// migration 0014 are built (the database's default collation may be a locale's).
pub(crate) const BYTE_ORDER: &str = " COLLATE \"C\"";
