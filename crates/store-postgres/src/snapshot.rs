//! Snapshots over PostgreSQL: every carried table read in one repeatable-read transaction (rows
//! as JSON by `row_to_json`), and the whole state replaced in one transaction (rows inserted
//! from JSON by `json_populate_recordset`, so column types follow the table).

use std::collections::BTreeSet;

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{Row, SnapshotStore, StoreError, StoreResult, TableSpec};
use serde_json::Value;
use sqlx::PgConnection;

use crate::sql::emulator::ALL_TABLES;
use crate::{map_err, PgStore};

async fn org_ids(conn: &mut PgConnection) -> StoreResult<Vec<OrgId>> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM organizations")
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(ids.into_iter().map(OrgId::new).collect())
}

#[async_trait]
impl SnapshotStore for PgStore {
    async fn export_tables(&self, tables: &[TableSpec]) -> StoreResult<Vec<Vec<Row>>> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // One consistent view of every table, however long the reads take.
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let mut out = Vec::with_capacity(tables.len());
        for t in tables {
            let sql = format!(
                "SELECT row_to_json(x)::text FROM (SELECT {} FROM {}) x ORDER BY {}",
                t.columns.join(", "),
                t.name,
                t.key
            );
            let texts: Vec<String> = sqlx::query_scalar(&sql)
                .fetch_all(&mut *tx)
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
            out.push(list);
        }
        tx.commit().await.map_err(map_err)?;
        Ok(out)
    }

    async fn import_tables(&self, tables: &[TableSpec], rows: &[Vec<Row>]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let mut orgs: BTreeSet<OrgId> = org_ids(&mut tx).await?.into_iter().collect();
        for table in ALL_TABLES {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        for (t, list) in tables.iter().zip(rows) {
            if list.is_empty() {
                continue;
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
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        // The events keep their positions; the next one written follows the last imported.
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('audit_events', 'seq'),
                 COALESCE((SELECT MAX(seq) FROM audit_events), 0) + 1, false)",
        )
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        orgs.extend(org_ids(&mut tx).await?);
        let orgs: Vec<&OrgId> = orgs.iter().collect();
        // Every instance drops its indexes and cached tokens of the old and new organizations.
        Self::notify(&mut tx, &orgs).await?;
        Self::notify_tokens(&mut tx).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&orgs);
        self.generations.bump_tokens();
        Ok(())
    }
}
