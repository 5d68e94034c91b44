//! SQLite's forms of appending several audit events: one statement each, and the bulk import's
//! multi-row statements.

use orgtrust_core::audit::AuditEvent;
use orgtrust_core::store::StoreResult;
use sqlx::SqliteConnection;

use crate::map_err;
use crate::sql::rows::{bind_audit, insert_audit};

/// Appends several audit events inside the caller's transaction, in order (one statement each:
/// the single writer has no lock order to keep).
pub async fn insert_audits(conn: &mut SqliteConnection, events: &[AuditEvent]) -> StoreResult<()> {
    for event in events {
        insert_audit(conn, event).await?;
    }
    Ok(())
}

/// Appends a bulk of audit events (an import) inside the caller's transaction: multi-row
/// INSERTs of ROWS events (15 binds each, under SQLite's 32,766 binds) through one prepared
/// statement; the search triggers still run per row (they are what the searches read).
pub async fn append_audits(conn: &mut SqliteConnection, events: &[AuditEvent]) -> StoreResult<()> {
    const ROWS: usize = 500;
    for chunk in events.chunks(ROWS) {
        let mut sql = String::from(
            "INSERT INTO audit_events (id, timestamp, org_id, home_org_id, actor_kind, actor_id, actor_name,
                 client_id, action, entity_type, entity_id, entity_name, changes, correlation_id, remote_ip) VALUES ",
        );
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        let mut query = sqlx::query(&sql);
        for e in chunk {
            query = bind_audit(query, e);
        }
        query.execute(&mut *conn).await.map_err(map_err)?;
    }
    Ok(())
}
