//! Trust reviews (`trust_reviews`): upserted and deleted with their audit event; the trust's
//! deletion takes its review with it (`ON DELETE CASCADE`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::ids::{OrgId, UserId};
use orgtrust_core::store::{ReviewStore, StoreError, StoreResult, TrustReview};
use sqlx::Row;

use crate::dialect::DbRow;
use crate::sql::rows::{from_millis, insert_audit, millis};
use crate::{map_err, Store};

const COLUMNS: &str = "trustor_org_id, trustee_org_id, interval_days, reviewer_user_id,
    last_confirmed_at, due_at, lapsed_at";

fn review(r: &DbRow) -> TrustReview {
    TrustReview {
        trustor_org_id: OrgId::new(r.get::<String, _>("trustor_org_id")),
        trustee_org_id: OrgId::new(r.get::<String, _>("trustee_org_id")),
        interval_days: u32::try_from(r.get::<i64, _>("interval_days")).unwrap_or(u32::MAX),
        reviewer_user_id: UserId::new(r.get::<String, _>("reviewer_user_id")),
        last_confirmed: from_millis(r.get("last_confirmed_at")),
        due: from_millis(r.get("due_at")),
        lapsed: r.get::<Option<i64>, _>("lapsed_at").map(from_millis),
    }
}

#[async_trait]
impl ReviewStore for Store {
    async fn put_review(&self, r: &TrustReview, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let written = sqlx::query(
            "INSERT INTO trust_reviews (trustor_org_id, trustee_org_id, interval_days,
                 reviewer_user_id, last_confirmed_at, due_at, lapsed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (trustor_org_id, trustee_org_id) DO UPDATE SET
                 interval_days = excluded.interval_days,
                 reviewer_user_id = excluded.reviewer_user_id,
                 last_confirmed_at = excluded.last_confirmed_at,
                 due_at = excluded.due_at,
                 lapsed_at = excluded.lapsed_at",
        )
        .bind(r.trustor_org_id.as_str())
        .bind(r.trustee_org_id.as_str())
        .bind(i64::from(r.interval_days))
        .bind(r.reviewer_user_id.as_str())
        .bind(millis(r.last_confirmed))
        .bind(millis(r.due))
        .bind(r.lapsed.map(millis))
        .execute(&mut *tx)
        .await
        .map_err(map_err);
        match written {
            Err(StoreError::Constraint { constraint }) if constraint == "foreign_key" => {
                return Err(StoreError::Missing {
                    what: "trust",
                    id: r.trustee_org_id.to_string(),
                })
            }
            other => other?,
        };
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn reviews(&self, trustor: &OrgId) -> StoreResult<Vec<TrustReview>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM trust_reviews WHERE trustor_org_id = $1 ORDER BY trustee_org_id"
        ))
        .bind(trustor.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(rows.iter().map(review).collect())
    }

    async fn delete_review(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        audit: &AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "DELETE FROM trust_reviews WHERE trustor_org_id = $1 AND trustee_org_id = $2",
        )
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(true)
    }

    async fn due_reviews(&self, now: DateTime<Utc>) -> StoreResult<Vec<TrustReview>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM trust_reviews WHERE lapsed_at IS NULL AND due_at <= $1
             ORDER BY due_at"
        ))
        .bind(millis(now))
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(rows.iter().map(review).collect())
    }

    async fn mark_review_lapsed(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE trust_reviews SET lapsed_at = $3 WHERE trustor_org_id = $1 AND trustee_org_id = $2",
        )
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .bind(millis(at))
        .execute(&self.writer)
        .await
        .map_err(map_err)?;
        Ok(())
    }
}
