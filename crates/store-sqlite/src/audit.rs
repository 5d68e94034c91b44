//! Reading the audit trail back.

use async_trait::async_trait;
use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::ids::{ClientId, OrgId};
use orgtrust_core::store::{AuditStore, StoreResult};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use crate::rows::{from_millis, millis};
use crate::{map_err, SqliteStore};

pub(crate) fn event_from_row(r: &SqliteRow) -> AuditEvent {
    let kind = match r.get::<&str, _>("actor_kind") {
        "user" => "user",
        "client" => "client",
        _ => "system",
    };
    AuditEvent {
        id: r.get("id"),
        timestamp: from_millis(r.get("timestamp")),
        org_id: OrgId::new(r.get::<String, _>("org_id")),
        home_org_id: OrgId::new(r.get::<String, _>("home_org_id")),
        actor: Actor {
            kind,
            id: r.get("actor_id"),
            name: r.get("actor_name"),
        },
        client_id: r.get::<Option<String>, _>("client_id").map(ClientId::new),
        action: r.get("action"),
        entity_type: r.get("entity_type"),
        entity_id: r.get("entity_id"),
        entity_name: r.get("entity_name"),
        changes: serde_json::from_str(r.get("changes")).unwrap_or_default(),
        correlation_id: r.get("correlation_id"),
        remote_ip: r.get("remote_ip"),
    }
}

#[async_trait]
impl AuditStore for SqliteStore {
    async fn recent_audit_events(&self, org: &OrgId, limit: u32) -> StoreResult<Vec<AuditEvent>> {
        let rows =
            sqlx::query("SELECT * FROM audit_events WHERE org_id = ? ORDER BY seq DESC LIMIT ?")
                .bind(org.as_str())
                .bind(limit)
                .fetch_all(&self.reader)
                .await
                .map_err(map_err)?;
        Ok(rows.iter().map(event_from_row).collect())
    }

    async fn append_audit_events(&self, events: &[AuditEvent]) -> StoreResult<()> {
        // Multi-row INSERTs of ROWS events (15 binds each, under SQLite's 32,766 binds) through
        // one prepared statement; the search triggers still run per row (they are what the
        // searches read).
        const ROWS: usize = 500;
        let mut tx = self.writer.begin().await.map_err(map_err)?;
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
                query = query
                    .bind(&e.id)
                    .bind(millis(e.timestamp))
                    .bind(e.org_id.as_str())
                    .bind(e.home_org_id.as_str())
                    .bind(e.actor.kind)
                    .bind(&e.actor.id)
                    .bind(&e.actor.name)
                    .bind(e.client_id.as_ref().map(|c| c.as_str()))
                    .bind(&e.action)
                    .bind(&e.entity_type)
                    .bind(&e.entity_id)
                    .bind(&e.entity_name)
                    .bind(serde_json::to_string(&e.changes).unwrap_or_else(|_| "[]".into()))
                    .bind(&e.correlation_id)
                    .bind(&e.remote_ip);
            }
            query.execute(&mut *tx).await.map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }
}
