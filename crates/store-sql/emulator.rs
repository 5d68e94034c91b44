//! The emulator's resets: delete, then apply the fixture plan, in one transaction.

use std::collections::BTreeSet;

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{EmulatorStore, FixturePlan, StoreResult};

use crate::dialect::DbConn;
use crate::fixture::apply_plan;
use crate::{map_err, Store};

/// Every table, children before parents (foreign keys are enforced).
pub(crate) const ALL_TABLES: &[&str] = &[
    "pending_authorizations",
    "cloned_users",
    "trust_grants",
    "trust_members",
    "trusts",
    "pairings",
    "tokens",
    "sign_in_failures",
    "org_migrations",
    "limit_overrides",
    "limit_change_requests",
    "org_settings",
    "grants",
    "group_members",
    "user_groups",
    "oauth_clients",
    "users",
    "roles",
    "divisions",
    "audit_events",
    "audit_counts",
    "settings",
    "organizations",
];

/// One organization's rows (`$1` is its id), children before parents. The trusts and pairings
/// it takes part in go on either side; so do tokens issued in it or to its users.
const ORG_DELETES: &[&str] = &[
    "DELETE FROM pending_authorizations WHERE org_id = $1 OR target_org_id = $1",
    "DELETE FROM cloned_users WHERE trustor_org_id = $1 OR trustee_org_id = $1",
    "DELETE FROM trust_grants WHERE trustor_org_id = $1 OR trustee_org_id = $1",
    "DELETE FROM trust_members WHERE trustor_org_id = $1 OR trustee_org_id = $1",
    "DELETE FROM trusts WHERE trustor_org_id = $1 OR trustee_org_id = $1",
    "DELETE FROM pairings WHERE trustee_org_id = $1 OR used_by_org_id = $1",
    "DELETE FROM tokens WHERE org_id = $1 OR home_org_id = $1",
    "DELETE FROM sign_in_failures WHERE org_id = $1",
    "DELETE FROM org_migrations WHERE org_id = $1",
    "DELETE FROM limit_overrides WHERE org_id = $1",
    "DELETE FROM limit_change_requests WHERE org_id = $1",
    "DELETE FROM org_settings WHERE org_id = $1",
    "DELETE FROM grants WHERE org_id = $1",
    "DELETE FROM group_members WHERE group_id IN (SELECT id FROM user_groups WHERE org_id = $1)
         OR user_id IN (SELECT id FROM users WHERE org_id = $1)",
    "DELETE FROM user_groups WHERE org_id = $1",
    "DELETE FROM oauth_clients WHERE org_id = $1",
    "DELETE FROM users WHERE org_id = $1",
    "DELETE FROM roles WHERE org_id = $1",
    "DELETE FROM divisions WHERE org_id = $1",
    "DELETE FROM audit_events WHERE org_id = $1",
    "DELETE FROM organizations WHERE id = $1",
];

/// The organizations whose authorization data a reset changes (read before deleting).
async fn affected(conn: &mut DbConn, org: Option<&OrgId>) -> StoreResult<BTreeSet<OrgId>> {
    let ids: Vec<String> = match org {
        None => sqlx::query_scalar("SELECT id FROM organizations")
            .fetch_all(&mut *conn)
            .await
            .map_err(map_err)?,
        Some(org) => sqlx::query_scalar(
            "SELECT trustor_org_id FROM trusts WHERE trustee_org_id = $1
             UNION SELECT trustee_org_id FROM trusts WHERE trustor_org_id = $1",
        )
        .bind(org.as_str())
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?,
    };
    let mut set: BTreeSet<OrgId> = ids.into_iter().map(OrgId::new).collect();
    set.extend(org.cloned());
    Ok(set)
}

#[async_trait]
impl EmulatorStore for Store {
    async fn reset(&self, plan: &FixturePlan, org: Option<&OrgId>) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let mut orgs = affected(&mut tx, org).await?;
        match org {
            None => {
                for table in ALL_TABLES {
                    sqlx::query(&format!("DELETE FROM {table}"))
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                }
            }
            Some(org) => {
                for statement in ORG_DELETES {
                    sqlx::query(statement)
                        .bind(org.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                }
            }
        }
        apply_plan(&mut tx, plan).await?;
        orgs.extend(plan.organizations.iter().map(|o| o.org.id.clone()));
        orgs.extend(
            plan.trusts
                .iter()
                .flat_map(|t| [t.trustor_org_id.clone(), t.trustee_org_id.clone()]),
        );
        let orgs: Vec<&OrgId> = orgs.iter().collect();
        // Every instance drops its indexes and cached tokens of these organizations.
        Self::notify(&mut tx, &orgs).await?;
        Self::notify_tokens(&mut tx).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&orgs);
        self.bump_tokens();
        Ok(())
    }
}
