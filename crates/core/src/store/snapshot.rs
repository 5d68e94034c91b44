//! Storage of snapshots: every durable table read in one transaction, and the whole state
//! replaced by such rows in one transaction. The rows are neutral JSON (column name to value);
//! `crate::snapshot` turns them into the readable document and back.

use async_trait::async_trait;

use crate::store::StoreResult;

/// One table row: column name to value (dates as epoch milliseconds, flags as booleans or 0/1,
/// JSON-text columns as their text).
pub type Row = serde_json::Map<String, serde_json::Value>;

/// A table a snapshot carries: the columns it exports and what to order its rows by.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// The table.
    pub name: &'static str,
    /// The columns carried (every durable one; generated or derived columns are not).
    pub columns: &'static [&'static str],
    /// The `ORDER BY` that makes an export deterministic (the primary key).
    pub key: &'static str,
    /// Columns holding JSON text (a list or a document), shown parsed in the document.
    pub json: &'static [&'static str],
    /// Columns holding flags (0/1 in SQLite), shown as booleans.
    pub bools: &'static [&'static str],
}

/// Whole-state export and import.
#[async_trait]
pub trait SnapshotStore: Send + Sync {
    /// Every row of each of `tables` (in that order), read in one transaction so the rows are
    /// consistent with each other.
    async fn export_tables(&self, tables: &[TableSpec]) -> StoreResult<Vec<Vec<Row>>>;
    /// In one transaction: removes every row of every table (also the ephemeral ones: tokens,
    /// sign-in failures, pending browser authorizations, derived counts), then inserts `rows`
    /// (one list per entry of `tables`, parents first). Either all of it lands or nothing changes.
    /// After commit every organization's authorization generation is bumped (old and new ones)
    /// and cached tokens are dropped.
    async fn import_tables(&self, tables: &[TableSpec], rows: &[Vec<Row>]) -> StoreResult<()>;
}
