//! The audit-event insert that every write transaction ends with (one statement per event, which
//! the grant writes' multi-statement queries append to).

use orgtrust_core::audit::AuditEvent;
use orgtrust_core::store::StoreResult;
use sqlx::SqliteConnection;

use crate::map_err;
use crate::sql::rows::millis;

/// The statement that appends an audit event (15 binds, in [`bind_audit`]'s order).
pub(crate) const AUDIT_INSERT: &str =
    "INSERT INTO audit_events (id, timestamp, org_id, home_org_id, actor_kind, actor_id, actor_name, client_id,
         action, entity_type, entity_id, entity_name, changes, correlation_id, remote_ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// Binds an audit event's values to [`AUDIT_INSERT`]'s placeholders (which may follow others in
/// one multi-statement query).
pub(crate) fn bind_audit<'q>(
    q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    event: &'q AuditEvent,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    q.bind(&event.id)
        .bind(millis(event.timestamp))
        .bind(event.org_id.as_str())
        .bind(event.home_org_id.as_str())
        .bind(event.actor.kind)
        .bind(&event.actor.id)
        .bind(&event.actor.name)
        .bind(event.client_id.as_ref().map(|c| c.as_str()))
        .bind(&event.action)
        .bind(&event.entity_type)
        .bind(&event.entity_id)
        .bind(&event.entity_name)
        .bind(serde_json::to_string(&event.changes).unwrap_or_else(|_| "[]".into()))
        .bind(&event.correlation_id)
        .bind(&event.remote_ip)
}

/// Appends an audit event inside the caller's transaction.
pub async fn insert_audit(conn: &mut SqliteConnection, event: &AuditEvent) -> StoreResult<()> {
    bind_audit(sqlx::query(AUDIT_INSERT), event)
        .execute(conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

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
