//! Issued tokens, keyed by digest. Issuing is each engine's own (`Store::write_token`: SQLite's
//! group commit); revocations notify other instances (PostgreSQL) and move the token generation.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::ids::{ClientId, OrgId, UserId};
use orgtrust_core::secret::TokenDigest;
use orgtrust_core::store::{StoreError, StoreResult, TokenSelector, TokenStore};
use orgtrust_core::token::{TokenRecord, TokenSubject};
use sqlx::Row;

use crate::dialect::DbConn;
use crate::sql::rows::insert_audit;
use crate::sql::rows::{from_millis, millis};
use crate::{map_err, Store};

#[async_trait]
impl TokenStore for Store {
    fn token_generation(&self) -> u64 {
        self.tokens_generation()
    }

    async fn insert_token(&self, token: &TokenRecord, audit: &AuditEvent) -> StoreResult<()> {
        self.write_token(token, audit).await
    }

    async fn token(&self, digest: &TokenDigest) -> StoreResult<Option<TokenRecord>> {
        let row = sqlx::query(
            "SELECT digest, id, org_id, home_org_id, subject_kind, subject_id, client_id, cloned_user_id, issued_at,
                 expires_at, revoked_at FROM tokens WHERE digest = $1",
        )
        .bind(digest.to_hex())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.map(|r| TokenRecord {
            id: r.get("id"),
            digest: *digest,
            org_id: OrgId::new(r.get::<String, _>("org_id")),
            home_org_id: OrgId::new(r.get::<String, _>("home_org_id")),
            subject: match r.get::<&str, _>("subject_kind") {
                "user" => TokenSubject::User(UserId::new(r.get::<String, _>("subject_id"))),
                _ => TokenSubject::Client,
            },
            client_id: ClientId::new(r.get::<String, _>("client_id")),
            cloned_user_id: r
                .get::<Option<String>, _>("cloned_user_id")
                .map(UserId::new),
            issued_at: from_millis(r.get("issued_at")),
            expires_at: from_millis(r.get("expires_at")),
            revoked_at: r.get::<Option<i64>, _>("revoked_at").map(from_millis),
        }))
    }

    async fn revoke_token(&self, digest: &TokenDigest, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE tokens SET revoked_at = $1 WHERE digest = $2 AND revoked_at IS NULL",
        )
        .bind(millis(audit.timestamp))
        .bind(digest.to_hex())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Missing {
                what: "token",
                id: audit.entity_id.clone(),
            });
        }
        insert_audit(&mut tx, audit).await?;
        Self::notify_tokens(&mut tx).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump_tokens();
        Ok(())
    }

    async fn revoke_tokens(&self, selector: &TokenSelector, at: DateTime<Utc>) -> StoreResult<u64> {
        let home = selector.home_org_id.as_ref().map(|o| o.as_str());
        let org = selector.org_id.as_ref().map(|o| o.as_str());
        let user = selector.user_id.as_ref().map(|u| u.as_str());
        let client = selector.client_id.as_ref().map(|c| c.as_str());
        let id = selector.token_id.as_deref();
        let before = selector.issued_before.map(millis);
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE tokens SET revoked_at = $1 WHERE revoked_at IS NULL
               AND (CAST($2 AS TEXT) IS NULL OR home_org_id = $2)
               AND (CAST($3 AS TEXT) IS NULL OR org_id = $3)
               AND (NOT $4 OR org_id <> home_org_id)
               AND (CAST($5 AS TEXT) IS NULL OR (subject_kind = 'user' AND subject_id = $5))
               AND (CAST($6 AS TEXT) IS NULL OR client_id = $6)
               AND (CAST($7 AS TEXT) IS NULL OR id = $7)
               AND (CAST($8 AS BIGINT) IS NULL OR issued_at < $8)",
        )
        .bind(millis(at))
        .bind(home)
        .bind(org)
        .bind(selector.cross_org_only)
        .bind(user)
        .bind(client)
        .bind(id)
        .bind(before)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() > 0 {
            Self::notify_tokens(&mut tx).await?;
        }
        tx.commit().await.map_err(map_err)?;
        if done.rows_affected() > 0 {
            self.bump_tokens();
        }
        Ok(done.rows_affected())
    }

    async fn delete_expired_tokens(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM tokens WHERE expires_at < $1")
            .bind(millis(before))
            .execute(&self.writer)
            .await
            .map_err(map_err)?;
        Ok(done.rows_affected())
    }
}

/// Inserts `token` inside the caller's transaction (its audit event is the caller's too).
pub(crate) async fn insert_token(conn: &mut DbConn, token: &TokenRecord) -> StoreResult<()> {
    let (kind, subject) = match &token.subject {
        TokenSubject::User(u) => ("user", u.as_str()),
        TokenSubject::Client => ("client", token.client_id.as_str()),
    };
    sqlx::query(
        "INSERT INTO tokens (digest, id, org_id, home_org_id, subject_kind, subject_id, client_id, cloned_user_id,
             issued_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)",
    )
    .bind(token.digest.to_hex())
    .bind(&token.id)
    .bind(token.org_id.as_str())
    .bind(token.home_org_id.as_str())
    .bind(kind)
    .bind(subject)
    .bind(token.client_id.as_str())
    .bind(token.cloned_user_id.as_ref().map(|u| u.as_str()))
    .bind(millis(token.issued_at))
    .bind(millis(token.expires_at))
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(())
}
