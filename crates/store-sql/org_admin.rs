//! Organization administration: editing, creating and terminating organizations, the settings
//! document, sign-in lockout records and migration states.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::ids::{OrgId, UserId};
use orgtrust_core::lockout::SignInState;
use orgtrust_core::model::{OrgState, Organization};
use orgtrust_core::org_settings::OrgSettings;
use orgtrust_core::store::{FixtureOrg, OrgAdminStore, StoreError, StoreResult};
use sqlx::Row;

use crate::fixture::apply_org;
use crate::sql::rows::insert_audit;
use crate::sql::rows::{from_millis, millis};
use crate::trust_rows::trust_partners;
use crate::{map_err, Store};

#[async_trait]
impl OrgAdminStore for Store {
    async fn update_organization(
        &self,
        org: &Organization,
        expected_version: i32,
        audit: &AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE organizations SET name = $1, domain = $2, default_language = $3, default_country_code = $4,
                 third_party_uri = $5, support_uri = $6, default_site_id = $7, voicemail_enabled = $8, features = $9,
                 version = $10
             WHERE id = $11 AND version = $12",
        )
        .bind(&org.name)
        .bind(&org.domain)
        .bind(&org.default_language)
        .bind(&org.default_country_code)
        .bind(&org.third_party_uri)
        .bind(&org.support_uri)
        .bind(&org.default_site_id)
        .bind(org.voicemail_enabled)
        .bind(serde_json::to_string(&org.features).unwrap_or_else(|_| "{}".into()))
        .bind(org.version)
        .bind(org.id.as_str())
        .bind(expected_version)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        // The organization's row is part of what its trust partners' listings show (and of
        // their order, by name): their generations move with its own (on every instance), so
        // what is cached per generation (settings, the organization, listing pages) is read again.
        let partners = trust_partners(&mut tx, &org.id).await?;
        insert_audit(&mut tx, audit).await?;
        let mut touched: Vec<&OrgId> = partners.iter().collect();
        touched.push(&org.id);
        Self::notify(&mut tx, &touched).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&touched);
        Ok(true)
    }

    async fn create_organization(&self, org: &FixtureOrg, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // The fixture application upserts, so two creations of one id must not both pass the
        // existence check.
        crate::dialect::hold_new_org(&mut tx, &org.org.id).await?;
        let exists: Option<String> =
            sqlx::query_scalar("SELECT id FROM organizations WHERE id = $1")
                .bind(org.org.id.as_str())
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?;
        if exists.is_some() {
            return Err(StoreError::Constraint {
                constraint: "organizations.id".into(),
            });
        }
        apply_org(&mut tx, org).await?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&org.org.id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&org.org.id]);
        Ok(())
    }

    async fn terminate_organization(
        &self,
        org: &OrgId,
        at: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done =
            sqlx::query("UPDATE organizations SET state = $1, version = version + 1 WHERE id = $2")
                .bind(OrgState::Deleted.as_str())
                .bind(org.as_str())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Missing {
                what: "organization",
                id: org.to_string(),
            });
        }
        sqlx::query(
            "UPDATE tokens SET revoked_at = $1 WHERE (org_id = $2 OR home_org_id = $3) AND revoked_at IS NULL",
        )
        .bind(millis(at))
        .bind(org.as_str())
        .bind(org.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        // Trusts with a terminated organization end with it, on both sides: their members, grants
        // and clone links cascade; the clones (users of the trustors) are deleted like the trust
        // deletion does, and the partner organizations' indexes are rebuilt.
        let partners = trust_partners(&mut tx, org).await?;
        sqlx::query(
            "UPDATE users SET state = 'deleted', date_modified = $1 WHERE id IN
               (SELECT clone_user_id FROM cloned_users WHERE trustor_org_id = $2 OR trustee_org_id = $3)",
        )
        .bind(millis(at))
        .bind(org.as_str())
        .bind(org.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        sqlx::query("DELETE FROM trusts WHERE trustor_org_id = $1 OR trustee_org_id = $2")
            .bind(org.as_str())
            .bind(org.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        let mut touched: Vec<&OrgId> = partners.iter().collect();
        touched.push(org);
        // Every instance refuses the revoked tokens (cached token records are re-read) and
        // rebuilds the organizations' indexes.
        Self::notify(&mut tx, &touched).await?;
        Self::notify_tokens(&mut tx).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&touched);
        self.bump_tokens();
        Ok(())
    }

    async fn org_settings(&self, org: &OrgId) -> StoreResult<Option<OrgSettings>> {
        let text: Option<String> =
            sqlx::query_scalar("SELECT settings FROM org_settings WHERE org_id = $1")
                .bind(org.as_str())
                .fetch_optional(&self.reader)
                .await
                .map_err(map_err)?;
        text.map(|t| {
            serde_json::from_str(&t)
                .map_err(|e| StoreError::Internal(format!("settings of {org} unreadable: {e}")))
        })
        .transpose()
    }

    async fn put_org_settings(
        &self,
        org: &OrgId,
        settings: &OrgSettings,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let text = serde_json::to_string(settings)
            .map_err(|e| StoreError::Internal(format!("settings not serializable: {e}")))?;
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO org_settings (org_id, settings) VALUES ($1, $2)
             ON CONFLICT (org_id) DO UPDATE SET settings = excluded.settings",
        )
        .bind(org.as_str())
        .bind(text)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[org]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        Ok(())
    }

    async fn sign_in_state(&self, user: &UserId) -> StoreResult<Option<SignInState>> {
        let row =
            sqlx::query("SELECT failures, locked_until FROM sign_in_failures WHERE user_id = $1")
                .bind(user.as_str())
                .fetch_optional(&self.reader)
                .await
                .map_err(map_err)?;
        Ok(row.map(|r| SignInState {
            failures: r.get::<i64, _>("failures").max(0) as u32,
            locked_until: r.get::<Option<i64>, _>("locked_until").map(from_millis),
        }))
    }

    async fn put_sign_in_state(
        &self,
        org: &OrgId,
        user: &UserId,
        state: &SignInState,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO sign_in_failures (user_id, org_id, failures, locked_until) VALUES ($1, $2, $3, $4)
             ON CONFLICT (user_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until",
        )
        .bind(user.as_str())
        .bind(org.as_str())
        .bind(i64::from(state.failures))
        .bind(state.locked_until.map(millis))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn clear_sign_in_state(&self, user: &UserId) -> StoreResult<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE user_id = $1")
            .bind(user.as_str())
            .execute(&self.writer)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn migration_states(&self, org: &OrgId) -> StoreResult<HashMap<String, bool>> {
        let rows = sqlx::query("SELECT name, enabled FROM org_migrations WHERE org_id = $1")
            .bind(org.as_str())
            .fetch_all(&self.reader)
            .await
            .map_err(map_err)?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<String, _>("name"), r.get::<bool, _>("enabled")))
            .collect())
    }

    async fn set_migration_state(
        &self,
        org: &OrgId,
        name: &str,
        enabled: bool,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO org_migrations (org_id, name, enabled) VALUES ($1, $2, $3)
             ON CONFLICT (org_id, name) DO UPDATE SET enabled = excluded.enabled",
        )
        .bind(org.as_str())
        .bind(name)
        .bind(enabled)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }
}
