//! A trust's row: its columns and their reading, shared by the trust writes (`trust.rs`) and the
//! trust listings (`trust_views.rs`) so that neither imports the other; and a trust's partners,
//! which fixtures and organization administration both need.

use orgtrust_core::audit::Actor;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::StoreResult;
use orgtrust_core::trust::Trust;
use sqlx::Row;

use crate::dialect::{DbConn, DbRow};
use crate::map_err;
use crate::sql::rows::from_millis;

pub(crate) const TRUST_COLUMNS: &str = "trustor_org_id, trustee_org_id, enabled, date_created, date_expired,
    created_by_kind, created_by_id, created_by_name, pairing_id, uses_default_role, has_full_access, is_trusted_user";

pub(crate) fn actor_kind(kind: &str) -> &'static str {
    match kind {
        "user" => "user",
        "client" => "client",
        _ => "system",
    }
}

pub(crate) fn trust_from_row(r: &DbRow) -> Trust {
    let kind = actor_kind(r.get::<&str, _>("created_by_kind"));
    Trust {
        trustor_org_id: OrgId::new(r.get::<String, _>("trustor_org_id")),
        trustee_org_id: OrgId::new(r.get::<String, _>("trustee_org_id")),
        enabled: r.get("enabled"),
        date_created: from_millis(r.get("date_created")),
        date_expired: r.get::<Option<i64>, _>("date_expired").map(from_millis),
        created_by: Actor {
            kind,
            id: r.get("created_by_id"),
            name: r.get("created_by_name"),
        },
        pairing_id: r.get("pairing_id"),
        uses_default_role: r.get("uses_default_role"),
        has_full_access: r.get("has_full_access"),
        is_trusted_user: r.get("is_trusted_user"),
    }
}

/// The trust columns prefixed with `t.` (for queries that join organizations).
pub(crate) fn trust_columns_t() -> String {
    TRUST_COLUMNS
        .split(',')
        .map(|c| format!("t.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The organizations on the other side of `org`'s trusts, either way.
pub(crate) async fn trust_partners(conn: &mut DbConn, org: &OrgId) -> StoreResult<Vec<OrgId>> {
    let partners: Vec<String> = sqlx::query_scalar(
        "SELECT trustee_org_id FROM trusts WHERE trustor_org_id = $1
         UNION SELECT trustor_org_id FROM trusts WHERE trustee_org_id = $1",
    )
    .bind(org.as_str())
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(partners.into_iter().map(OrgId::new).collect())
}
