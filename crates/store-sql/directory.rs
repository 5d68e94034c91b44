//! The directory: row mappings for users, groups, roles, divisions and OAuth clients, the
//! credential reads that authentication needs, and the directory reads.

use async_trait::async_trait;
use orgtrust_core::ids::{ClientId, DivisionId, GroupId, OrgId, RoleId, UserId};
use orgtrust_core::model::{Division, Group, OAuthClient, Role, User, UserState};
use orgtrust_core::secret::PasswordHashString;
use orgtrust_core::store::{
    ClientCredentials, CredentialStore, DirectoryStore, StoreResult, UserCredentials,
};
use sqlx::Row;

use crate::dialect::DbRow;
use crate::sql::rows::{from_millis, parse_list, placeholders};
use crate::{map_err, Store};

pub(crate) const USER_COLUMNS: &str =
    "id, org_id, name, email, division_id, state, version, title, department, password_hash, date_created, date_modified";

pub(crate) fn user_from_row(row: &DbRow) -> User {
    User {
        id: UserId::new(row.get::<String, _>("id")),
        org_id: OrgId::new(row.get::<String, _>("org_id")),
        name: row.get("name"),
        email: row.get("email"),
        division_id: DivisionId::new(row.get::<String, _>("division_id")),
        state: UserState::parse(row.get::<&str, _>("state")),
        version: row.get("version"),
        title: row.get("title"),
        department: row.get("department"),
        date_created: from_millis(row.get("date_created")),
        date_modified: from_millis(row.get("date_modified")),
    }
}

pub(crate) const CLIENT_COLUMNS: &str =
    "id, org_id, name, description, secret_hash, authorized_grant_types, scope,
    registered_redirect_uris, access_token_validity_seconds, state, date_created";

pub(crate) fn client_from_row(row: &DbRow) -> OAuthClient {
    OAuthClient {
        id: ClientId::new(row.get::<String, _>("id")),
        org_id: OrgId::new(row.get::<String, _>("org_id")),
        name: row.get("name"),
        description: row.get("description"),
        authorized_grant_types: parse_list(row.get("authorized_grant_types")),
        scope: parse_list(row.get("scope")),
        registered_redirect_uris: parse_list(row.get("registered_redirect_uris")),
        access_token_validity_seconds: row.get("access_token_validity_seconds"),
        state: row.get("state"),
        date_created: from_millis(row.get("date_created")),
    }
}

#[async_trait]
impl CredentialStore for Store {
    async fn client_credentials(&self, id: &ClientId) -> StoreResult<Option<ClientCredentials>> {
        let row = sqlx::query(&format!(
            "SELECT {CLIENT_COLUMNS} FROM oauth_clients WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.map(|row| ClientCredentials {
            secret_hash: PasswordHashString(row.get("secret_hash")),
            client: client_from_row(&row),
        }))
    }

    async fn user_credentials(
        &self,
        org: &OrgId,
        email: &str,
    ) -> StoreResult<Option<UserCredentials>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE org_id = $1 AND email = $2 AND state <> 'deleted'"
        ))
        .bind(org.as_str())
        .bind(email.trim().to_lowercase())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.map(|row| UserCredentials {
            password_hash: row
                .get::<Option<String>, _>("password_hash")
                .map(PasswordHashString),
            user: user_from_row(&row),
        }))
    }
}

pub(crate) const GROUP_COLUMNS: &str =
    "g.id, g.org_id, g.name, g.description, g.division_id, g.kind, g.visibility, g.rules_visible,
    g.state, g.version, g.date_created,
    (SELECT count(*) FROM group_members m JOIN users u ON u.id = m.user_id
       WHERE m.group_id = g.id AND u.state <> 'deleted') AS member_count";

pub(crate) fn group_from_row(row: &DbRow) -> Group {
    Group {
        id: GroupId::new(row.get::<String, _>("id")),
        org_id: OrgId::new(row.get::<String, _>("org_id")),
        name: row.get("name"),
        description: row.get("description"),
        division_id: DivisionId::new(row.get::<String, _>("division_id")),
        kind: row.get("kind"),
        visibility: row.get("visibility"),
        rules_visible: row.get("rules_visible"),
        state: row.get("state"),
        version: row.get("version"),
        member_count: row.get("member_count"),
        date_created: from_millis(row.get("date_created")),
    }
}

pub(crate) const ROLE_COLUMNS: &str = "id, org_id, name, description, permissions, default_admin";

pub(crate) fn role_from_row(row: &DbRow) -> Role {
    Role {
        id: RoleId::new(row.get::<String, _>("id")),
        org_id: OrgId::new(row.get::<String, _>("org_id")),
        name: row.get("name"),
        description: row.get("description"),
        permissions: parse_list(row.get("permissions")),
        default_admin: row.get("default_admin"),
    }
}

pub(crate) const DIVISION_COLUMNS: &str = "id, org_id, name, description, home";

pub(crate) fn division_from_row(row: &DbRow) -> Division {
    Division {
        id: DivisionId::new(row.get::<String, _>("id")),
        org_id: OrgId::new(row.get::<String, _>("org_id")),
        name: row.get("name"),
        description: row.get("description"),
        home: row.get("home"),
    }
}

#[async_trait]
impl DirectoryStore for Store {
    async fn user(&self, org: &OrgId, id: &UserId) -> StoreResult<Option<User>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE org_id = $1 AND id = $2 AND state <> 'deleted'"
        ))
        .bind(org.as_str())
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(user_from_row))
    }

    async fn users_by_ids(&self, org: &OrgId, ids: &[UserId]) -> StoreResult<Vec<User>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users WHERE org_id = $1 AND state <> 'deleted' AND id IN ({})",
            placeholders(2, ids.len())
        );
        let mut q = sqlx::query(&sql).bind(org.as_str());
        for id in ids {
            q = q.bind(id.as_str());
        }
        Ok(q.fetch_all(&self.reader)
            .await
            .map_err(map_err)?
            .iter()
            .map(user_from_row)
            .collect())
    }

    async fn group(&self, org: &OrgId, id: &GroupId) -> StoreResult<Option<Group>> {
        let row = sqlx::query(&format!(
            "SELECT {GROUP_COLUMNS} FROM user_groups g WHERE g.org_id = $1 AND g.id = $2 AND g.state <> 'deleted'"
        ))
        .bind(org.as_str())
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(group_from_row))
    }

    async fn groups_by_ids(&self, org: &OrgId, ids: &[GroupId]) -> StoreResult<Vec<Group>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let sql = format!(
            "SELECT {GROUP_COLUMNS} FROM user_groups g WHERE g.org_id = $1 AND g.state <> 'deleted' AND g.id IN ({})",
            placeholders(2, ids.len())
        );
        let mut q = sqlx::query(&sql).bind(org.as_str());
        for id in ids {
            q = q.bind(id.as_str());
        }
        Ok(q.fetch_all(&self.reader)
            .await
            .map_err(map_err)?
            .iter()
            .map(group_from_row)
            .collect())
    }

    async fn group_member_ids(&self, org: &OrgId, id: &GroupId) -> StoreResult<Vec<UserId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT m.user_id FROM group_members m JOIN users u ON u.id = m.user_id
             WHERE m.group_id = $1 AND u.org_id = $2 AND u.state <> 'deleted' ORDER BY u.name, u.id",
        )
        .bind(id.as_str())
        .bind(org.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(ids.into_iter().map(UserId::new).collect())
    }

    async fn role(&self, org: &OrgId, id: &RoleId) -> StoreResult<Option<Role>> {
        let row = sqlx::query(&format!(
            "SELECT {ROLE_COLUMNS} FROM roles WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.as_str())
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(role_from_row))
    }

    async fn roles(&self, org: &OrgId) -> StoreResult<Vec<Role>> {
        let rows = sqlx::query(&format!(
            "SELECT {ROLE_COLUMNS} FROM roles WHERE org_id = $1 ORDER BY name, id"
        ))
        .bind(org.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(rows.iter().map(role_from_row).collect())
    }

    async fn division(&self, org: &OrgId, id: &DivisionId) -> StoreResult<Option<Division>> {
        let row = sqlx::query(&format!(
            "SELECT {DIVISION_COLUMNS} FROM divisions WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.as_str())
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(division_from_row))
    }

    async fn divisions(&self, org: &OrgId) -> StoreResult<Vec<Division>> {
        let rows = sqlx::query(&format!(
            "SELECT {DIVISION_COLUMNS} FROM divisions WHERE org_id = $1 ORDER BY name, id"
        ))
        .bind(org.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(rows.iter().map(division_from_row).collect())
    }
}
