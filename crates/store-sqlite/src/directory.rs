//! The directory: row mappings for users and OAuth clients, and the credential reads that
//! authentication needs.

use async_trait::async_trait;
use orgtrust_core::ids::{ClientId, DivisionId, OrgId, UserId};
use orgtrust_core::model::{OAuthClient, User, UserState};
use orgtrust_core::secret::PasswordHashString;
use orgtrust_core::store::{ClientCredentials, CredentialStore, StoreResult, UserCredentials};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use crate::rows::{from_millis, parse_list};
use crate::{map_err, SqliteStore};

pub(crate) const USER_COLUMNS: &str =
    "id, org_id, name, email, division_id, state, version, title, department, password_hash, date_created, date_modified";

pub(crate) fn user_from_row(row: &SqliteRow) -> User {
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

pub(crate) fn client_from_row(row: &SqliteRow) -> OAuthClient {
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
impl CredentialStore for SqliteStore {
    async fn client_credentials(&self, id: &ClientId) -> StoreResult<Option<ClientCredentials>> {
        let row = sqlx::query(&format!(
            "SELECT {CLIENT_COLUMNS} FROM oauth_clients WHERE id = ?"
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
            "SELECT {USER_COLUMNS} FROM users WHERE org_id = ? AND email = ? AND state <> 'deleted'"
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
