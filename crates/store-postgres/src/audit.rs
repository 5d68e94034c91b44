//! Reading the audit trail back.

use async_trait::async_trait;
use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::ids::{ClientId, OrgId};
use orgtrust_core::store::{AuditStore, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::rows::{from_millis, millis};
use crate::{map_err, PgStore};

/// The columns [`event_from_row`] reads, prefixed by the alias `e` (not the stored full-text
/// document, which only the search reads, in SQL).
pub(crate) const EVENT_COLUMNS: &str =
    "e.id, e.timestamp, e.org_id, e.home_org_id, e.actor_kind, e.actor_id,
    e.actor_name, e.client_id, e.action, e.entity_type, e.entity_id, e.entity_name, e.changes,
    e.correlation_id, e.remote_ip";

pub(crate) fn event_from_row(r: &PgRow) -> AuditEvent {
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
impl AuditStore for PgStore {
    async fn recent_audit_events(&self, org: &OrgId, limit: u32) -> StoreResult<Vec<AuditEvent>> {
        let rows = sqlx::query(&format!(
            "SELECT {EVENT_COLUMNS} FROM audit_events e WHERE e.org_id = $1 ORDER BY e.seq DESC LIMIT $2"
        ))
                .bind(org.as_str())
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(rows.iter().map(event_from_row).collect())
    }

    async fn append_audit_events(&self, events: &[AuditEvent]) -> StoreResult<()> {
        // One INSERT ... SELECT FROM UNNEST of one array per column for ROWS events: one round
        // trip and one statement instead of one per event.
        const ROWS: usize = 10_000;
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for chunk in events.chunks(ROWS) {
            let col = |f: &dyn Fn(&AuditEvent) -> String| chunk.iter().map(f).collect::<Vec<_>>();
            let opt =
                |f: &dyn Fn(&AuditEvent) -> Option<String>| chunk.iter().map(f).collect::<Vec<_>>();
            sqlx::query(
                "INSERT INTO audit_events (id, timestamp, org_id, home_org_id, actor_kind, actor_id, actor_name,
                     client_id, action, entity_type, entity_id, entity_name, changes, correlation_id, remote_ip)
                 SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                     $14::text[], $15::text[])",
            )
            .bind(col(&|e| e.id.clone()))
            .bind(chunk.iter().map(|e| millis(e.timestamp)).collect::<Vec<i64>>())
            .bind(col(&|e| e.org_id.to_string()))
            .bind(col(&|e| e.home_org_id.to_string()))
            .bind(col(&|e| e.actor.kind.to_owned()))
            .bind(col(&|e| e.actor.id.clone()))
            .bind(col(&|e| e.actor.name.clone()))
            .bind(opt(&|e| e.client_id.as_ref().map(|c| c.to_string())))
            .bind(col(&|e| e.action.clone()))
            .bind(col(&|e| e.entity_type.clone()))
            .bind(col(&|e| e.entity_id.clone()))
            .bind(opt(&|e| e.entity_name.clone()))
            .bind(col(&|e| {
                serde_json::to_string(&e.changes).unwrap_or_else(|_| "[]".into())
            }))
            .bind(col(&|e| e.correlation_id.clone()))
            .bind(opt(&|e| e.remote_ip.clone()))
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }
}
