//! Organizations.

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::model::{OrgState, Organization};
use orgtrust_core::store::{OrgStore, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::rows::from_millis;
use crate::{map_err, PgStore};

pub(crate) const ORG_COLUMNS: &str = "id, name, third_party_org_name, domain, default_language, default_country_code,
    third_party_uri, support_uri, default_site_id, voicemail_enabled, state, version, features, product_platform, date_created";

pub(crate) fn org_from_row(row: &PgRow) -> Organization {
    Organization {
        id: OrgId::new(row.get::<String, _>("id")),
        name: row.get("name"),
        third_party_org_name: row.get("third_party_org_name"),
        domain: row.get("domain"),
        default_language: row.get("default_language"),
        default_country_code: row.get("default_country_code"),
        third_party_uri: row.get("third_party_uri"),
        support_uri: row.get("support_uri"),
        default_site_id: row.get("default_site_id"),
        voicemail_enabled: row.get::<Option<bool>, _>("voicemail_enabled"),
        state: OrgState::parse(row.get::<&str, _>("state")),
        version: row.get("version"),
        features: serde_json::from_str(row.get::<&str, _>("features")).unwrap_or_default(),
        product_platform: row.get("product_platform"),
        date_created: from_millis(row.get("date_created")),
    }
}

#[async_trait]
impl OrgStore for PgStore {
    async fn organization(&self, id: &OrgId) -> StoreResult<Option<Organization>> {
        let row = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organizations WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(org_from_row))
    }

    async fn organization_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM organizations")
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(n as u64)
    }
}
