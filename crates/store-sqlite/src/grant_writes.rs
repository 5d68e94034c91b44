//! The hot audited write, grant changes, as ONE multi-statement query: the delete, the inserts
//! and the audit event go to sqlx-sqlite's worker thread together, in one hand-off, instead of
//! one cross-thread round trip per statement (which is what the write path spent its time on).
//! The statements run in order and stop at the first failure; the caller's savepoint undoes
//! what ran before it.

use orgtrust_core::audit::AuditEvent;
use orgtrust_core::ids::OrgId;
use orgtrust_core::model::{Grant, Subject};
use orgtrust_core::store::{GrantChange, StoreResult};
use sqlx::SqliteConnection;

use crate::dialect::AUDIT_INSERT;
use crate::sql::rows::bind_audit;
use crate::{map_err, SqliteStore};

impl SqliteStore {
    /// Applies `change` of `grants` to `subject`'s grants in `org` with `audit`: the hot audited
    /// write, through the group commit (group_commit.rs), which bumps the organization's
    /// generation after the commit naming the one subject whose grants changed (the index is
    /// brought forward without a snapshot), in one query ([`change_grants`]).
    pub(crate) async fn write_grants(
        &self,
        org: &OrgId,
        subject: &Subject,
        change: GrantChange,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let (org, subject, grants, audit) =
            (org.clone(), subject.clone(), grants.to_vec(), audit.clone());
        let bump = vec![(org.clone(), Some(subject.clone()))];
        self.write_changing(bump, move |conn| {
            let (org, subject, grants, audit) =
                (org.clone(), subject.clone(), grants.clone(), audit.clone());
            Box::pin(
                async move { change_grants(conn, &org, &subject, change, &grants, &audit).await },
            )
        })
        .await
    }
}

/// Applies `change` of `grants` to `subject`'s grants in `org` and appends `audit`, in one query.
pub(crate) async fn change_grants(
    conn: &mut SqliteConnection,
    org: &OrgId,
    subject: &Subject,
    change: GrantChange,
    grants: &[Grant],
    audit: &AuditEvent,
) -> StoreResult<()> {
    let mut sql = String::new();
    // Per statement: the subject's three keys, then the grant's role and division if it names one.
    let mut binds: Vec<Option<&Grant>> = Vec::new();
    match change {
        GrantChange::Add => {}
        GrantChange::Replace => {
            sql.push_str(
                "DELETE FROM grants WHERE org_id = ? AND subject_kind = ? AND subject_id = ?;\n",
            );
            binds.push(None);
        }
        GrantChange::Remove => {
            for g in grants {
                sql.push_str(
                    "DELETE FROM grants WHERE org_id = ? AND subject_kind = ? AND subject_id = ?
                     AND role_id = ? AND division = ?;\n",
                );
                binds.push(Some(g));
            }
        }
    }
    if !matches!(change, GrantChange::Remove) {
        for g in grants {
            sql.push_str(
                "INSERT OR IGNORE INTO grants (org_id, subject_kind, subject_id, role_id, division)
                 VALUES (?, ?, ?, ?, ?);\n",
            );
            binds.push(Some(g));
        }
    }
    sql.push_str(AUDIT_INSERT);
    let mut q = sqlx::query(&sql);
    for grant in &binds {
        q = q.bind(org.as_str()).bind(subject.kind()).bind(subject.id());
        if let Some(g) = grant {
            q = q.bind(g.role_id.as_str()).bind(g.division.as_key());
        }
    }
    bind_audit(q, audit).execute(conn).await.map_err(map_err)?;
    Ok(())
}
