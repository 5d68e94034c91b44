//! What the authorization index is built from.

use async_trait::async_trait;
use orgtrust_core::ids::{ClientId, GroupId, OrgId, RoleId, UserId};
use orgtrust_core::model::{Grant, OrgState, Subject, UserState};
use orgtrust_core::orgauth::MemberKind;
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::store::{AuthzSnapshot, AuthzStore, StoreResult, TrustSnapshot};
use sqlx::Row;

use crate::dialect::DbConn;
use crate::sql::rows::{from_millis, parse_list};
use crate::{map_err, Store};

#[async_trait]
impl AuthzStore for Store {
    fn authz_generation(&self, org: &OrgId) -> u64 {
        self.generation(org)
    }

    fn authz_changes(&self, org: &OrgId, since: u64) -> Option<(u64, Vec<Subject>)> {
        self.grant_changes(org, since)
    }

    async fn authz_snapshot(&self, org: &OrgId) -> StoreResult<AuthzSnapshot> {
        let mut conn = self.reader.acquire().await.map_err(map_err)?;
        let org_state: Option<String> =
            sqlx::query_scalar("SELECT state FROM organizations WHERE id = $1")
                .bind(org.as_str())
                .fetch_optional(&mut *conn)
                .await
                .map_err(map_err)?;
        let roles = sqlx::query("SELECT id, permissions FROM roles WHERE org_id = $1")
            .bind(org.as_str())
            .fetch_all(&mut *conn)
            .await
            .map_err(map_err)?
            .iter()
            .map(|r| {
                (
                    RoleId::new(r.get::<String, _>("id")),
                    parse_list(r.get("permissions")),
                )
            })
            .collect();
        let users = sqlx::query(
            "SELECT id, name, state FROM users WHERE org_id = $1 AND state <> 'deleted'",
        )
        .bind(org.as_str())
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?
        .iter()
        .map(|r| {
            (
                UserId::new(r.get::<String, _>("id")),
                r.get("name"),
                UserState::parse(r.get("state")),
            )
        })
        .collect();
        let clients =
            sqlx::query("SELECT id, name, state, scope FROM oauth_clients WHERE org_id = $1")
                .bind(org.as_str())
                .fetch_all(&mut *conn)
                .await
                .map_err(map_err)?
                .iter()
                .map(|r| {
                    (
                        ClientId::new(r.get::<String, _>("id")),
                        r.get("name"),
                        r.get::<&str, _>("state") == "active",
                        parse_list(r.get("scope")),
                    )
                })
                .collect();
        let memberships = sqlx::query(
            "SELECT m.group_id, m.user_id FROM group_members m JOIN user_groups g ON g.id = m.group_id
             WHERE g.org_id = $1 AND g.state <> 'deleted'",
        )
        .bind(org.as_str())
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?
        .iter()
        .map(|r| (GroupId::new(r.get::<String, _>("group_id")), UserId::new(r.get::<String, _>("user_id"))))
        .collect();
        let grants = sqlx::query(
            "SELECT subject_kind, subject_id, role_id, division FROM grants WHERE org_id = $1",
        )
        .bind(org.as_str())
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?
        .iter()
        .filter_map(|r| {
            let subject = Subject::from_parts(r.get("subject_kind"), r.get("subject_id"))?;
            let grant = Grant {
                role_id: RoleId::new(r.get::<String, _>("role_id")),
                division: DivisionGrant::from_key(r.get("division")),
            };
            Some((subject, grant))
        })
        .collect();
        let trusts = trust_snapshots(&mut conn, org).await?;
        Ok(AuthzSnapshot {
            org_state: org_state.as_deref().map(OrgState::parse),
            roles,
            users,
            clients,
            memberships,
            grants,
            trusts,
        })
    }
}

/// The trusts in which `org` is the trustor, with every member's grants and the live clones.
async fn trust_snapshots(conn: &mut DbConn, org: &OrgId) -> StoreResult<Vec<TrustSnapshot>> {
    let mut trusts: Vec<TrustSnapshot> = sqlx::query(
        "SELECT trustee_org_id, enabled, date_created, date_expired FROM trusts
         WHERE trustor_org_id = $1 ORDER BY trustee_org_id",
    )
    .bind(org.as_str())
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?
    .iter()
    .map(|r| TrustSnapshot {
        trustee_org_id: OrgId::new(r.get::<String, _>("trustee_org_id")),
        enabled: r.get("enabled"),
        date_created: from_millis(r.get("date_created")),
        date_expired: r.get::<Option<i64>, _>("date_expired").map(from_millis),
        members: vec![],
        clones: vec![],
    })
    .collect();
    let members = sqlx::query(
        "SELECT trustee_org_id, member_kind, member_id FROM trust_members WHERE trustor_org_id = $1",
    )
    .bind(org.as_str())
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    for r in &members {
        let trustee: &str = r.get("trustee_org_id");
        if let Some(t) = trusts
            .iter_mut()
            .find(|t| t.trustee_org_id.as_str() == trustee)
        {
            t.members.push((
                MemberKind::parse(r.get("member_kind")),
                r.get("member_id"),
                vec![],
            ));
        }
    }
    let grants = sqlx::query(
        "SELECT trustee_org_id, member_kind, member_id, role_id, division FROM trust_grants
         WHERE trustor_org_id = $1",
    )
    .bind(org.as_str())
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    for r in &grants {
        let trustee: &str = r.get("trustee_org_id");
        let kind = MemberKind::parse(r.get("member_kind"));
        let id: &str = r.get("member_id");
        let member = trusts
            .iter_mut()
            .filter(|t| t.trustee_org_id.as_str() == trustee)
            .flat_map(|t| t.members.iter_mut())
            .find(|(k, m, _)| *k == kind && m == id);
        if let Some((_, _, grants)) = member {
            grants.push(Grant {
                role_id: RoleId::new(r.get::<String, _>("role_id")),
                division: DivisionGrant::from_key(r.get("division")),
            });
        }
    }
    let clones = sqlx::query(
        "SELECT c.trustee_org_id, c.clone_user_id, c.trustee_user_id FROM cloned_users c
         JOIN users u ON u.id = c.clone_user_id AND u.state <> 'deleted'
         WHERE c.trustor_org_id = $1",
    )
    .bind(org.as_str())
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    for r in &clones {
        let trustee: &str = r.get("trustee_org_id");
        if let Some(t) = trusts
            .iter_mut()
            .find(|t| t.trustee_org_id.as_str() == trustee)
        {
            t.clones.push((
                UserId::new(r.get::<String, _>("clone_user_id")),
                UserId::new(r.get::<String, _>("trustee_user_id")),
            ));
        }
    }
    Ok(trusts)
}
