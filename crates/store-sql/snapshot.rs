//! Snapshots: every carried table read in one snapshot, and the whole state replaced in one
//! transaction. How a table's rows are read and written is each engine's (`crate::snapshot`:
//! SQLite reads values by their storage class and inserts them row by row; PostgreSQL moves rows
//! as JSON, `row_to_json` out and `json_populate_recordset` in).

use std::collections::BTreeSet;

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{Row, SnapshotStore, StoreResult, TableSpec};

use crate::dialect::DbConn;
use crate::emulator::ALL_TABLES;
use crate::snapshot::{after_import, export_table, import_table};
use crate::{map_err, Store};

async fn org_ids(conn: &mut DbConn) -> StoreResult<Vec<OrgId>> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM organizations")
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(ids.into_iter().map(OrgId::new).collect())
}

#[async_trait]
impl SnapshotStore for Store {
    async fn export_tables(&self, tables: &[TableSpec]) -> StoreResult<Vec<Vec<Row>>> {
        let mut tx = self.begin_snapshot().await?;
        let mut out = Vec::with_capacity(tables.len());
        for t in tables {
            out.push(export_table(&mut tx, t).await?);
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
            import_table(&mut tx, t, list).await?;
        }
        after_import(&mut tx).await?;
        orgs.extend(org_ids(&mut tx).await?);
        let orgs: Vec<&OrgId> = orgs.iter().collect();
        // Every instance drops its indexes of the old and new organizations, and the old state's
        // tokens are gone: none may survive in a token cache.
        Self::notify(&mut tx, &orgs).await?;
        Self::notify_tokens(&mut tx).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&orgs);
        self.bump_tokens();
        Ok(())
    }
}
