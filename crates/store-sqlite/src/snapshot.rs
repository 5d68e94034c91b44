//! Snapshots over SQLite, a table at a time (the shared part is `crates/store-sql/snapshot.rs`):
//! values read by their storage class, rows inserted one statement each.

use orgtrust_core::store::{Row, StoreResult, TableSpec};
use serde_json::Value;
use sqlx::{Column, Row as _, Sqlite, SqliteConnection, Transaction, TypeInfo, ValueRef};

use crate::{map_err, SqliteStore};

/// A SQLite value as JSON, by its storage class (dates are INTEGER milliseconds, lists TEXT).
fn value(row: &sqlx::sqlite::SqliteRow, i: usize) -> StoreResult<Value> {
    let raw = row.try_get_raw(i).map_err(map_err)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let class = raw.type_info().name().to_owned();
    Ok(match class.as_str() {
        "INTEGER" => Value::from(row.try_get::<i64, _>(i).map_err(map_err)?),
        "REAL" => Value::from(row.try_get::<f64, _>(i).map_err(map_err)?),
        _ => Value::String(row.try_get::<String, _>(i).map_err(map_err)?),
    })
}

impl SqliteStore {
    /// The read transaction a snapshot is exported in (one snapshot of every table).
    pub(crate) async fn begin_snapshot(&self) -> StoreResult<Transaction<'_, Sqlite>> {
        self.reader.begin().await.map_err(map_err)
    }
}

/// A table's rows, by primary key, like every backend: the same state gives the same document.
pub(crate) async fn export_table(
    conn: &mut SqliteConnection,
    t: &TableSpec,
) -> StoreResult<Vec<Row>> {
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        t.columns.join(", "),
        t.name,
        t.key
    );
    let rows = sqlx::query(&sql)
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
    let mut list = Vec::with_capacity(rows.len());
    for r in &rows {
        let mut map = Row::new();
        for (i, c) in r.columns().iter().enumerate() {
            map.insert(c.name().to_owned(), value(r, i)?);
        }
        list.push(map);
    }
    Ok(list)
}

/// Inserts a table's rows, one statement each, values bound by their JSON type (the audit counts
/// follow the inserted events by their triggers).
pub(crate) async fn import_table(
    conn: &mut SqliteConnection,
    t: &TableSpec,
    list: &[Row],
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        t.name,
        t.columns.join(", "),
        vec!["?"; t.columns.len()].join(", ")
    );
    for r in list {
        let mut q = sqlx::query(&sql);
        for c in t.columns {
            q = match r.get(*c).unwrap_or(&Value::Null) {
                Value::Null => q.bind(None::<String>),
                Value::Bool(b) => q.bind(*b),
                Value::Number(n) => match n.as_i64() {
                    Some(i) => q.bind(i),
                    None => q.bind(n.as_f64()),
                },
                Value::String(s) => q.bind(s.clone()),
                other => q.bind(other.to_string()),
            };
        }
        q.execute(&mut *conn).await.map_err(map_err)?;
    }
    Ok(())
}

/// After an import: nothing (an event's `seq` follows the largest stored one by itself).
pub(crate) async fn after_import(_conn: &mut SqliteConnection) -> StoreResult<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use orgtrust_core::snapshot::{NOT_CARRIED, NOT_CARRIED_COLUMNS, TABLES};
    use sqlx::Row as _;

    use crate::SqliteStore;

    /// Every table and column of the schema is carried by snapshots or deliberately left out,
    /// so a new migration cannot add state that an export silently loses.
    #[tokio::test]
    async fn snapshots_carry_every_table_and_column_of_the_schema() {
        let store = SqliteStore::open("sqlite::memory:").await.expect("open");
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE '_sqlx_%' AND name NOT LIKE 'audit_fts%' ORDER BY name",
        )
        .fetch_all(&store.reader)
        .await
        .expect("tables");
        assert!(tables.len() > 15, "{tables:?}");
        let mut missing = Vec::new();
        for table in &tables {
            if NOT_CARRIED.contains(&table.as_str()) {
                continue;
            }
            let Some(spec) = TABLES.iter().find(|t| t.name == table) else {
                missing.push(table.clone());
                continue;
            };
            let columns = sqlx::query(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(&store.reader)
                .await
                .expect("columns");
            for c in columns {
                let name: String = c.get("name");
                if !spec.columns.contains(&name.as_str())
                    && !NOT_CARRIED_COLUMNS.contains(&(table.as_str(), name.as_str()))
                {
                    missing.push(format!("{table}.{name}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in orgtrust_core::snapshot::TABLES (nor NOT_CARRIED): {missing:?}"
        );
    }
}
