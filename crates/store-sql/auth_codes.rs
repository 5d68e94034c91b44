//! Pending browser authorizations (codes and choice tickets): insert with the audit event, take
//! once with `DELETE ... RETURNING` (the row delete is atomic: of two concurrent takes one deletes
//! the row, the other finds none; SQLite's single writer serialises them anyway).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::ids::{ClientId, OrgId, UserId};
use orgtrust_core::secret::TokenDigest;
use orgtrust_core::store::{
    AuthCodeStore, PendingAuthorization, PendingKind, StoreError, StoreResult,
};
use sqlx::Row;

use crate::dialect::DbRow;
use crate::sql::rows::insert_audit;
use crate::sql::rows::{from_millis, millis};
use crate::{map_err, Store};

fn pending(r: &DbRow, digest: &TokenDigest) -> StoreResult<PendingAuthorization> {
    let kind: String = r.get("kind");
    Ok(PendingAuthorization {
        digest: *digest,
        kind: PendingKind::parse(&kind)
            .ok_or_else(|| StoreError::Internal(format!("unknown pending kind [{kind}]")))?,
        client_id: ClientId::new(r.get::<String, _>("client_id")),
        org_id: OrgId::new(r.get::<String, _>("org_id")),
        user_id: UserId::new(r.get::<String, _>("user_id")),
        redirect_uri: r.get("redirect_uri"),
        response_type: r.get("response_type"),
        state: r.get("state"),
        code_challenge: r.get("code_challenge"),
        target_org_id: r.get::<Option<String>, _>("target_org_id").map(OrgId::new),
        created_at: from_millis(r.get("created_at")),
        expires_at: from_millis(r.get("expires_at")),
    })
}

#[async_trait]
impl AuthCodeStore for Store {
    async fn insert_pending_authorization(
        &self,
        p: &PendingAuthorization,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO pending_authorizations (digest, kind, client_id, org_id, user_id, redirect_uri,
                 response_type, state, code_challenge, target_org_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(p.digest.to_hex())
        .bind(p.kind.as_str())
        .bind(p.client_id.as_str())
        .bind(p.org_id.as_str())
        .bind(p.user_id.as_str())
        .bind(&p.redirect_uri)
        .bind(&p.response_type)
        .bind(p.state.as_deref())
        .bind(p.code_challenge.as_deref())
        .bind(p.target_org_id.as_ref().map(|o| o.as_str()))
        .bind(millis(p.created_at))
        .bind(millis(p.expires_at))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn take_pending_authorization(
        &self,
        digest: &TokenDigest,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<PendingAuthorization>> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query("DELETE FROM pending_authorizations WHERE expires_at <= $1")
            .bind(millis(now))
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let row = sqlx::query(
            "DELETE FROM pending_authorizations WHERE digest = $1
             RETURNING kind, client_id, org_id, user_id, redirect_uri, response_type, state,
                 code_challenge, target_org_id, created_at, expires_at",
        )
        .bind(digest.to_hex())
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        row.map(|r| pending(&r, digest)).transpose()
    }
}
