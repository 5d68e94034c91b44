//! Trusts.

use async_trait::async_trait;
use orgtrust_core::audit::Actor;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{StoreResult, TrustStore};
use orgtrust_core::trust::Trust;
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::rows::from_millis;
use crate::{map_err, PgStore};

pub(crate) const TRUST_COLUMNS: &str = "trustor_org_id, trustee_org_id, enabled, date_created, date_expired,
    created_by_kind, created_by_id, created_by_name, pairing_id, uses_default_role, has_full_access, is_trusted_user";

pub(crate) fn trust_from_row(r: &PgRow) -> Trust {
    let kind = match r.get::<&str, _>("created_by_kind") {
        "user" => "user",
        "client" => "client",
        _ => "system",
    };
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

#[async_trait]
impl TrustStore for PgStore {
    async fn trust(&self, trustor: &OrgId, trustee: &OrgId) -> StoreResult<Option<Trust>> {
        let row = sqlx::query(&format!(
            "SELECT {TRUST_COLUMNS} FROM trusts WHERE trustor_org_id = $1 AND trustee_org_id = $2"
        ))
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(trust_from_row))
    }
}
