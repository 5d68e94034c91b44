//! PostgreSQL's forms of appending several audit events: in one statement, and the bulk import's
//! chunks of such statements.

use orgtrust_core::audit::AuditEvent;
use orgtrust_core::store::StoreResult;
use sqlx::PgConnection;

use crate::map_err;
use crate::sql::rows::millis;

/// Appends a bulk of audit events (an import) inside the caller's transaction: one statement per
/// ROWS events (one round trip, and one grouped upsert of their counts by the statement trigger
/// of `audit_counts`).
pub async fn append_audits(conn: &mut PgConnection, events: &[AuditEvent]) -> StoreResult<()> {
    const ROWS: usize = 10_000;
    for chunk in events.chunks(ROWS) {
        insert_audits(conn, chunk).await?;
    }
    Ok(())
}

/// Appends several audit events inside the caller's transaction, in order, in ONE statement
/// (`INSERT ... SELECT FROM UNNEST` of one array per column): one round trip, and one firing of
/// the statement trigger that counts them in `audit_counts`, whose upsert takes the count rows'
/// locks in key order. Writes that record more than one event use it, so two of them never lock
/// shared count rows in opposite orders (one statement per event could deadlock).
pub async fn insert_audits(conn: &mut PgConnection, events: &[AuditEvent]) -> StoreResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let col = |f: &dyn Fn(&AuditEvent) -> String| events.iter().map(f).collect::<Vec<_>>();
    let opt = |f: &dyn Fn(&AuditEvent) -> Option<String>| events.iter().map(f).collect::<Vec<_>>();
    // WITH ORDINALITY and ORDER BY: the events take their `seq`s in the order given.
    sqlx::query(
        "INSERT INTO audit_events (id, timestamp, org_id, home_org_id, actor_kind, actor_id, actor_name,
             client_id, action, entity_type, entity_id, entity_name, changes, correlation_id, remote_ip)
         SELECT id, ts, org, home, kind, actor, actor_name, client, action, entity_type, entity_id,
                entity_name, changes, corr, ip
         FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
             $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
             $14::text[], $15::text[]) WITH ORDINALITY
             AS u (id, ts, org, home, kind, actor, actor_name, client, action, entity_type, entity_id,
                   entity_name, changes, corr, ip, i)
         ORDER BY i",
    )
    .bind(col(&|e| e.id.clone()))
    .bind(events.iter().map(|e| millis(e.timestamp)).collect::<Vec<i64>>())
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
    .execute(conn)
    .await
    .map_err(map_err)?;
    Ok(())
}
