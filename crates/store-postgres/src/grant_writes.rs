//! The hot audited write, grant changes: one transaction per change, with the writes of one
//! subject's grants taking turns under an advisory lock.

use orgtrust_core::audit::AuditEvent;
use orgtrust_core::ids::OrgId;
use orgtrust_core::model::{Grant, Subject};
use orgtrust_core::store::{GrantChange, StoreResult};

use crate::directory_write::{delete_grants_of, insert_grants};
use crate::sql::rows::insert_audit;
use crate::{map_err, PgStore};

/// The first key of the advisory lock that serialises writes of one subject's grants.
const GRANTS_LOCK: i32 = 0x6772_6e74; // "grnt"

impl PgStore {
    /// Applies `change` of `grants` to `subject`'s grants in `org` with `audit`, and announces it.
    pub(crate) async fn write_grants(
        &self,
        org: &OrgId,
        subject: &Subject,
        change: GrantChange,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // Writes of one subject's grants take turns (SQLite's single writer serialises them):
        // two concurrent replacements otherwise deadlock, each deleting rows and inserting keys
        // under the other's locks (`deadlock detected`, answered 503).
        sqlx::query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .bind(GRANTS_LOCK)
            .bind(format!("{org}/{}/{}", subject.kind(), subject.id()))
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        match change {
            GrantChange::Add => insert_grants(&mut tx, org, subject, grants).await?,
            GrantChange::Replace => {
                delete_grants_of(&mut tx, org, subject).await?;
                insert_grants(&mut tx, org, subject, grants).await?;
            }
            GrantChange::Remove => {
                for g in grants {
                    sqlx::query(
                        "DELETE FROM grants WHERE org_id = $1 AND subject_kind = $2 AND subject_id = $3
                         AND role_id = $4 AND division = $5",
                    )
                    .bind(org.as_str())
                    .bind(subject.kind())
                    .bind(subject.id())
                    .bind(g.role_id.as_str())
                    .bind(g.division.as_key())
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                }
            }
        }
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[org]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        Ok(())
    }
}
