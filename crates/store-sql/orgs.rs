//! Organizations.

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::model::{OrgState, Organization};
use orgtrust_core::store::{OrgStore, StoreResult};
use sqlx::Row;

use crate::dialect::DbRow;
use crate::sql::rows::from_millis;
use crate::{map_err, Store};

pub(crate) const ORG_COLUMNS: &str = "id, name, third_party_org_name, domain, default_language, default_country_code,
    third_party_uri, support_uri, default_site_id, voicemail_enabled, state, version, features, product_platform, date_created";

pub(crate) fn org_from_row(row: &DbRow) -> Organization {
    org_from_prefixed(row, "")
}

/// An organization read from columns named `{prefix}<column>` (see `org_columns_as`).
pub(crate) fn org_from_prefixed(row: &DbRow, prefix: &str) -> Organization {
    // No allocation for the plain columns (every organization read goes through here).
    let c = |name: &'static str| -> std::borrow::Cow<'static, str> {
        if prefix.is_empty() {
            name.into()
        } else {
            format!("{prefix}{name}").into()
        }
    };
    Organization {
        id: OrgId::new(row.get::<String, _>(&*c("id"))),
        name: row.get(&*c("name")),
        third_party_org_name: row.get(&*c("third_party_org_name")),
        domain: row.get(&*c("domain")),
        default_language: row.get(&*c("default_language")),
        default_country_code: row.get(&*c("default_country_code")),
        third_party_uri: row.get(&*c("third_party_uri")),
        support_uri: row.get(&*c("support_uri")),
        default_site_id: row.get(&*c("default_site_id")),
        voicemail_enabled: row.get::<Option<bool>, _>(&*c("voicemail_enabled")),
        state: OrgState::parse(row.get::<&str, _>(&*c("state"))),
        version: row.get(&*c("version")),
        features: serde_json::from_str(row.get::<&str, _>(&*c("features"))).unwrap_or_default(),
        product_platform: row.get(&*c("product_platform")),
        date_created: from_millis(row.get(&*c("date_created"))),
    }
}

/// The organization columns of table alias `alias`, each named `{prefix}<column>`, for a query
/// that reads several organizations in one row.
pub(crate) fn org_columns_as(alias: &str, prefix: &str) -> String {
    ORG_COLUMNS
        .split(',')
        .map(|c| format!("{alias}.{0} AS {prefix}{0}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[async_trait]
impl OrgStore for Store {
    async fn organization(&self, id: &OrgId) -> StoreResult<Option<Organization>> {
        let row = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organizations WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(org_from_row))
    }

    async fn organization_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM organizations")
            .fetch_one(&self.reader)
            .await
            .map_err(map_err)?;
        Ok(n as u64)
    }
}
