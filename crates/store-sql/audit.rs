//! Reading the audit trail back.

use async_trait::async_trait;
use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::ids::{ClientId, OrgId};
use orgtrust_core::store::{AuditStore, StoreResult};
use sqlx::Row;

use crate::dialect::DbRow;
use crate::rows::append_audits;
use crate::sql::rows::from_millis;
use crate::{map_err, Store};

/// The columns [`event_from_row`] reads, prefixed by the alias `e` (not the stored full-text
/// document, which only the search reads, in SQL).
pub(crate) const EVENT_COLUMNS: &str =
    "e.id, e.timestamp, e.org_id, e.home_org_id, e.actor_kind, e.actor_id,
    e.actor_name, e.client_id, e.action, e.entity_type, e.entity_id, e.entity_name, e.changes,
    e.correlation_id, e.remote_ip";

pub(crate) fn event_from_row(r: &DbRow) -> AuditEvent {
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
impl AuditStore for Store {
    async fn recent_audit_events(&self, org: &OrgId, limit: u32) -> StoreResult<Vec<AuditEvent>> {
        let rows = sqlx::query(&format!(
            "SELECT {EVENT_COLUMNS} FROM audit_events e WHERE e.org_id = $1 ORDER BY e.seq DESC LIMIT $2"
        ))
                .bind(org.as_str())
                .bind(i64::from(limit))
                .fetch_all(&self.reader)
                .await
                .map_err(map_err)?;
        Ok(rows.iter().map(event_from_row).collect())
    }

    async fn append_audit_events(&self, events: &[AuditEvent]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        append_audits(&mut tx, events).await?;
        tx.commit().await.map_err(map_err)
    }
}

impl Store {
    /// How many audit events were ever appended (the last `seq`).
    pub(crate) async fn events_total(&self) -> StoreResult<u64> {
        let n: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM audit_events")
            .fetch_one(&self.reader)
            .await
            .map_err(map_err)?;
        Ok(u64::try_from(n.unwrap_or(0)).unwrap_or(0))
    }
}
