//! What the authorization index is built from.

use async_trait::async_trait;
use orgtrust_core::ids::{ClientId, GroupId, OrgId, RoleId, UserId};
use orgtrust_core::model::{Grant, OrgState, Subject, UserState};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::store::{AuthzSnapshot, AuthzStore, StoreResult};
use sqlx::Row;

use crate::rows::parse_list;
use crate::{map_err, PgStore};

#[async_trait]
impl AuthzStore for PgStore {
    fn authz_generation(&self, org: &OrgId) -> u64 {
        self.generations.get(org)
    }

    async fn authz_snapshot(&self, org: &OrgId) -> StoreResult<AuthzSnapshot> {
        let mut conn = self.pool.acquire().await.map_err(map_err)?;
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
        Ok(AuthzSnapshot {
            org_state: org_state.as_deref().map(OrgState::parse),
            roles,
            users,
            clients,
            memberships,
            grants,
        })
    }
}
