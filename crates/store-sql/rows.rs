//! Row conversions: dates as epoch milliseconds, lists as JSON text, `IN (...)` placeholders; and
//! the audit-event insert that every write transaction ends with.

use chrono::{DateTime, TimeZone, Utc};
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::store::StoreResult;

use crate::dialect::{Db, DbConn, AUDIT_INSERT};
use crate::map_err;

/// A statement with its binds, of this engine.
pub(crate) type Query<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;

/// A date as stored.
pub fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// A stored date back.
pub fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// A list of strings as stored.
pub fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// A stored list of strings back (an unreadable one is empty).
pub fn parse_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// `$first, $first+1, ...` for `n` binds of an `IN (...)` list (at least one, so `IN ()`, which
/// PostgreSQL refuses, never appears; callers with nothing to look for do not ask).
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n.max(1))
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Binds an audit event's values to [`AUDIT_INSERT`]'s 15 placeholders (on SQLite they may
/// follow others in one multi-statement query).
pub(crate) fn bind_audit<'q>(q: Query<'q>, event: &'q AuditEvent) -> Query<'q> {
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
pub async fn insert_audit(conn: &mut DbConn, event: &AuditEvent) -> StoreResult<()> {
    bind_audit(sqlx::query(AUDIT_INSERT), event)
        .execute(conn)
        .await
        .map_err(map_err)?;
    Ok(())
}
