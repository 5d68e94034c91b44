//! Limit overrides and limit change requests.

use async_trait::async_trait;
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::ids::OrgId;
use orgtrust_core::limits::{ChangeRequest, ChangeRequestFilter, OverrideChange};
use orgtrust_core::store::{LimitStore, StoreError, StoreResult};
use sqlx::Row;

use crate::dialect::DbRow;
use crate::sql::rows::insert_audit;
use crate::sql::rows::{from_millis, millis};
use crate::{map_err, Store};

const COLUMNS: &str =
    "id, org_id, namespace, key, requested_value, current_value, description, support_case_url,
    status, date_created, date_completed, reject_reason, status_history, approvals";

fn request_from_row(r: &DbRow) -> StoreResult<ChangeRequest> {
    let unreadable = |what: &str, e: serde_json::Error| {
        StoreError::Internal(format!("change request {what} unreadable: {e}"))
    };
    Ok(ChangeRequest {
        id: r.get("id"),
        org_id: OrgId::new(r.get::<String, _>("org_id")),
        key: r.get("key"),
        namespace: r.get("namespace"),
        requested_value: r.get("requested_value"),
        current_value: r.get("current_value"),
        description: r.get("description"),
        support_case_url: r.get("support_case_url"),
        status: r.get("status"),
        date_created: from_millis(r.get("date_created")),
        date_completed: r.get::<Option<i64>, _>("date_completed").map(from_millis),
        reject_reason: r.get("reject_reason"),
        status_history: serde_json::from_str(r.get::<&str, _>("status_history"))
            .map_err(|e| unreadable("history", e))?,
        approvals: serde_json::from_str(r.get::<&str, _>("approvals"))
            .map_err(|e| unreadable("approvals", e))?,
    })
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

#[async_trait]
impl LimitStore for Store {
    async fn limit_overrides(&self, org: &OrgId) -> StoreResult<Vec<OverrideChange>> {
        let rows =
            sqlx::query("SELECT namespace, key, value FROM limit_overrides WHERE org_id = $1")
                .bind(org.as_str())
                .fetch_all(&self.reader)
                .await
                .map_err(map_err)?;
        Ok(rows
            .iter()
            .map(|r| OverrideChange {
                namespace: r.get("namespace"),
                key: r.get("key"),
                value: r.get("value"),
            })
            .collect())
    }

    async fn insert_change_request(
        &self,
        request: &ChangeRequest,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(&format!(
            "INSERT INTO limit_change_requests ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        ))
        .bind(&request.id)
        .bind(request.org_id.as_str())
        .bind(&request.namespace)
        .bind(&request.key)
        .bind(request.requested_value)
        .bind(request.current_value)
        .bind(&request.description)
        .bind(&request.support_case_url)
        .bind(&request.status)
        .bind(millis(request.date_created))
        .bind(request.date_completed.map(millis))
        .bind(&request.reject_reason)
        .bind(json(&request.status_history))
        .bind(json(&request.approvals))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn change_request(&self, org: &OrgId, id: &str) -> StoreResult<Option<ChangeRequest>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM limit_change_requests WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.as_str())
        .bind(id)
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        row.as_ref().map(request_from_row).transpose()
    }

    async fn change_requests(
        &self,
        org: &OrgId,
        filter: &ChangeRequestFilter,
    ) -> StoreResult<Vec<ChangeRequest>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM limit_change_requests
             WHERE org_id = $1 AND date_created >= $2 AND date_created <= $3 AND (CAST($4 AS TEXT) IS NULL OR status = $4)
             ORDER BY date_created DESC, id DESC LIMIT $5"
        ))
        .bind(org.as_str())
        .bind(millis(filter.after))
        .bind(millis(filter.before))
        .bind(&filter.status)
        .bind(i64::from(filter.limit))
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        rows.iter().map(request_from_row).collect()
    }

    async fn update_change_request(
        &self,
        request: &ChangeRequest,
        expected_status: &str,
        change: Option<&OverrideChange>,
        audit: &AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // The status condition makes concurrent transitions race-free: the second writer waits
        // for the first's row lock, re-reads the status and matches nothing.
        let done = sqlx::query(
            "UPDATE limit_change_requests SET status = $1, date_completed = $2, reject_reason = $3,
                 status_history = $4, approvals = $5
             WHERE id = $6 AND org_id = $7 AND status = $8",
        )
        .bind(&request.status)
        .bind(request.date_completed.map(millis))
        .bind(&request.reject_reason)
        .bind(json(&request.status_history))
        .bind(json(&request.approvals))
        .bind(&request.id)
        .bind(request.org_id.as_str())
        .bind(expected_status)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        if let Some(c) = change {
            sqlx::query(
                "INSERT INTO limit_overrides (org_id, namespace, key, value) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (org_id, namespace, key) DO UPDATE SET value = excluded.value",
            )
            .bind(request.org_id.as_str())
            .bind(&c.namespace)
            .bind(&c.key)
            .bind(c.value)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        insert_audit(&mut tx, audit).await?;
        if change.is_some() {
            // The limit caches of every instance are keyed by this generation.
            Self::notify(&mut tx, &[&request.org_id]).await?;
        }
        tx.commit().await.map_err(map_err)?;
        if change.is_some() {
            self.bump(&[&request.org_id]);
        }
        Ok(true)
    }
}
