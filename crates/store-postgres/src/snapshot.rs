//! Snapshots over PostgreSQL, a table at a time (the shared part is
//! `crates/store-sql/snapshot.rs`): rows as JSON, out by `row_to_json` in one repeatable-read
//! transaction, in by `json_populate_recordset`.

use orgtrust_core::store::{Row, StoreError, StoreResult, TableSpec};
use serde_json::Value;
use sqlx::{PgConnection, Postgres, Transaction};

use crate::{map_err, PgStore};

impl PgStore {
    /// The transaction a snapshot is exported in: one consistent view of every table, however
    /// long the reads take (REPEATABLE READ).
    pub(crate) async fn begin_snapshot(&self) -> StoreResult<Transaction<'_, Postgres>> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        Ok(tx)
    }
}

/// A table's rows, by primary key, each read as JSON by `row_to_json`.
pub(crate) async fn export_table(conn: &mut PgConnection, t: &TableSpec) -> StoreResult<Vec<Row>> {
    let sql = format!(
        "SELECT row_to_json(x)::text FROM (SELECT {} FROM {}) x ORDER BY {}",
        t.columns.join(", "),
        t.name,
        t.key
    );
    let texts: Vec<String> = sqlx::query_scalar(&sql)
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
    let mut list = Vec::with_capacity(texts.len());
    for text in texts {
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(map)) => list.push(map),
            _ => {
                return Err(StoreError::Unavailable(format!(
                    "a {} row did not read as JSON",
                    t.name
                )))
            }
        }
    }
    Ok(list)
}

/// Inserts a table's rows in one statement, from JSON by `json_populate_recordset` (so column
/// types follow the table).
pub(crate) async fn import_table(
    conn: &mut PgConnection,
    t: &TableSpec,
    list: &[Row],
) -> StoreResult<()> {
    if list.is_empty() {
        return Ok(());
    }
    let columns = t.columns.join(", ");
    let sql = format!(
        "INSERT INTO {table} ({columns}) SELECT {columns}
         FROM json_populate_recordset(NULL::{table}, $1::json)",
        table = t.name
    );
    let array = Value::Array(list.iter().cloned().map(Value::Object).collect());
    sqlx::query(&sql)
        .bind(array.to_string())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// After an import: the events keep their positions, and the next one written follows the last
/// imported.
pub(crate) async fn after_import(conn: &mut PgConnection) -> StoreResult<()> {
    sqlx::query(
        "SELECT setval(pg_get_serial_sequence('audit_events', 'seq'),
             COALESCE((SELECT MAX(seq) FROM audit_events), 0) + 1, false)",
    )
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(())
}
