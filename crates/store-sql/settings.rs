//! Server-wide settings, as JSON values by key.

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{SettingsStore, StoreResult};

use crate::{map_err, Store};

/// The key of the Customer Care organization list.
pub(crate) const CUSTOMER_CARE: &str = "customer_care_orgs";

#[async_trait]
impl SettingsStore for Store {
    async fn customer_care_orgs(&self) -> StoreResult<Vec<OrgId>> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(CUSTOMER_CARE)
            .fetch_optional(&self.reader)
            .await
            .map_err(map_err)?;
        Ok(value
            .map(|v| serde_json::from_str::<Vec<String>>(&v).unwrap_or_default())
            .unwrap_or_default()
            .into_iter()
            .map(OrgId::new)
            .collect())
    }
}
