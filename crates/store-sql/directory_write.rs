//! Directory listings and writes through the API. Each write is one transaction that ends with
//! its audit event; writes that can change anyone's effective permissions notify inside the
//! transaction (PostgreSQL's other instances) and bump the local generation after the commit, and
//! writes that revoke tokens do the same for tokens.
//!
//! PostgreSQL runs these transactions concurrently where SQLite's single writer serialises them,
//! so every read-then-write is guarded: versions by conditional updates, memberships and
//! division deletions by row locks (`crate::dialect`'s lock clauses, empty on SQLite; see the
//! comments at each). Grant changes are each engine's own (`Store::write_grants`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::ids::{ClientId, DivisionId, GroupId, OrgId, RoleId, UserId};
use orgtrust_core::model::{Division, Grant, Group, OAuthClient, Role, Subject, User};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::secret::PasswordHashString;
use orgtrust_core::store::{
    constraints, DirectoryWriteStore, DivisionCounts, GrantChange, GroupQuery, StoreError,
    StoreResult, UserQuery, Window,
};
use sqlx::Row;

use crate::dialect::{DbConn, DbQueryResult, DbRow, FOR_SHARE, FOR_UPDATE};
use crate::directory::{
    client_from_row, group_from_row, user_from_row, CLIENT_COLUMNS, GROUP_COLUMNS, USER_COLUMNS,
};
use crate::sql::rows::insert_audit;
use crate::sql::rows::{json_list, millis, placeholders};
use crate::{map_err, Store};

fn stale() -> StoreError {
    StoreError::Constraint {
        constraint: constraints::STALE_VERSION.into(),
    }
}

fn missing(what: &'static str, id: &str) -> StoreError {
    StoreError::Missing {
        what,
        id: id.to_owned(),
    }
}

/// Refuses a write whose guarded statement touched no row (the entity is gone or its version
/// moved), before anything is committed.
fn touched(done: &DbQueryResult, refusal: impl FnOnce() -> StoreError) -> StoreResult<()> {
    if done.rows_affected() == 0 {
        Err(refusal())
    } else {
        Ok(())
    }
}

/// A `WHERE` clause under construction with its text binds, in order. Clauses are written with
/// `?` for each bind; they are numbered `$n` across the whole statement as they are pushed.
#[derive(Default)]
struct Filter {
    sql: String,
    binds: Vec<String>,
}

impl Filter {
    fn push(&mut self, clause: &str, binds: impl IntoIterator<Item = String>) {
        let first = self.binds.len();
        self.sql.push_str(" AND ");
        for (i, piece) in clause.split('?').enumerate() {
            if i > 0 {
                self.sql.push_str(&format!("${}", first + i));
            }
            self.sql.push_str(piece);
        }
        self.binds.extend(binds);
        debug_assert_eq!(self.binds.len(), first + clause.matches('?').count());
    }

    /// `column IN (...)` over non-empty `values`.
    fn push_in(&mut self, column: &str, values: Vec<String>) {
        let clause = format!("{column} IN ({})", placeholders(self.next(), values.len()));
        self.sql.push_str(" AND ");
        self.sql.push_str(&clause);
        self.binds.extend(values);
    }

    /// The number of the first bind after the filter's own.
    fn next(&self) -> usize {
        self.binds.len() + 1
    }
}

pub(crate) async fn insert_grants(
    conn: &mut DbConn,
    org: &OrgId,
    subject: &Subject,
    grants: &[Grant],
) -> StoreResult<()> {
    for g in grants {
        if let DivisionGrant::One(division) = &g.division {
            crate::dialect::hold_division(conn, org, division).await?;
        }
        sqlx::query(
            "INSERT INTO grants (org_id, subject_kind, subject_id, role_id, division) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING",
        )
        .bind(org.as_str())
        .bind(subject.kind())
        .bind(subject.id())
        .bind(g.role_id.as_str())
        .bind(g.division.as_key())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}

pub(crate) async fn delete_grants_of(
    conn: &mut DbConn,
    org: &OrgId,
    subject: &Subject,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM grants WHERE org_id = $1 AND subject_kind = $2 AND subject_id = $3")
        .bind(org.as_str())
        .bind(subject.kind())
        .bind(subject.id())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

impl Store {
    /// Runs `sql` with text binds then `limit`/`offset`, and counts the same rows.
    async fn page<T>(
        &self,
        select: &str,
        count: &str,
        filter: &Filter,
        order: &str,
        window: Window,
        map: impl Fn(&DbRow) -> T,
    ) -> StoreResult<(Vec<T>, i64)> {
        let mut conn = self.reader.acquire().await.map_err(map_err)?;
        let sql = format!(
            "{select}{} ORDER BY {order} LIMIT ${} OFFSET ${}",
            filter.sql,
            filter.next(),
            filter.next() + 1
        );
        let mut q = sqlx::query(&sql);
        for b in &filter.binds {
            q = q.bind(b);
        }
        let rows = q
            .bind(window.limit)
            .bind(window.offset)
            .fetch_all(&mut *conn)
            .await
            .map_err(map_err)?;
        let sql = format!("{count}{}", filter.sql);
        let mut q = sqlx::query_scalar::<_, i64>(&sql);
        for b in &filter.binds {
            q = q.bind(b);
        }
        let total = q.fetch_one(&mut *conn).await.map_err(map_err)?;
        Ok((rows.iter().map(map).collect(), total))
    }
}

#[async_trait]
impl DirectoryWriteStore for Store {
    async fn list_users(
        &self,
        org: &OrgId,
        query: &UserQuery,
        window: Window,
    ) -> StoreResult<(Vec<User>, i64)> {
        let mut f = Filter::default();
        f.push(
            "org_id = ? AND state = ?",
            [org.to_string(), query.state.as_str().to_owned()],
        );
        if let Some(divisions) = &query.divisions {
            if divisions.is_empty() {
                return Ok((vec![], 0));
            }
            f.push_in(
                "division_id",
                divisions.iter().map(ToString::to_string).collect(),
            );
        }
        if let Some(ids) = &query.ids {
            if ids.is_empty() {
                return Ok((vec![], 0));
            }
            f.push_in("id", ids.iter().map(ToString::to_string).collect());
        }
        if let Some(group) = &query.group {
            f.push(
                "id IN (SELECT user_id FROM group_members WHERE group_id = ?)",
                [group.to_string()],
            );
        }
        let order = if query.descending {
            "name DESC, id DESC"
        } else {
            "name, id"
        };
        self.page(
            &format!("SELECT {USER_COLUMNS} FROM users WHERE 1 = 1"),
            "SELECT count(*) FROM users WHERE 1 = 1",
            &f,
            order,
            window,
            user_from_row,
        )
        .await
    }

    async fn list_groups(
        &self,
        org: &OrgId,
        query: &GroupQuery,
        window: Window,
    ) -> StoreResult<(Vec<Group>, i64)> {
        let mut f = Filter::default();
        f.push("g.org_id = ? AND g.state <> 'deleted'", [org.to_string()]);
        if let Some(divisions) = &query.divisions {
            if divisions.is_empty() {
                return Ok((vec![], 0));
            }
            f.push_in(
                "g.division_id",
                divisions.iter().map(ToString::to_string).collect(),
            );
        }
        if let Some(ids) = &query.ids {
            if ids.is_empty() {
                return Ok((vec![], 0));
            }
            f.push_in("g.id", ids.iter().map(ToString::to_string).collect());
        }
        let order = if query.descending {
            "g.name DESC, g.id DESC"
        } else {
            "g.name, g.id"
        };
        self.page(
            &format!("SELECT {GROUP_COLUMNS} FROM user_groups g WHERE 1 = 1"),
            "SELECT count(*) FROM user_groups g WHERE 1 = 1",
            &f,
            order,
            window,
            group_from_row,
        )
        .await
    }

    async fn grants_of(&self, org: &OrgId, subject: &Subject) -> StoreResult<Vec<Grant>> {
        let rows = sqlx::query(
            "SELECT role_id, division FROM grants WHERE org_id = $1 AND subject_kind = $2 AND subject_id = $3
             ORDER BY role_id, division",
        )
        .bind(org.as_str())
        .bind(subject.kind())
        .bind(subject.id())
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(rows
            .iter()
            .map(|r| Grant {
                role_id: RoleId::new(r.get::<String, _>("role_id")),
                division: DivisionGrant::from_key(r.get("division")),
            })
            .collect())
    }

    async fn division_counts(&self, org: &OrgId, id: &DivisionId) -> StoreResult<DivisionCounts> {
        let row = sqlx::query(
            "SELECT
               (SELECT count(*) FROM users WHERE org_id = $1 AND division_id = $2 AND state <> 'deleted') AS users,
               (SELECT count(*) FROM user_groups WHERE org_id = $1 AND division_id = $2 AND state <> 'deleted') AS groups",
        )
        .bind(org.as_str())
        .bind(id.as_str())
        .fetch_one(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(DivisionCounts {
            users: row.get("users"),
            groups: row.get("groups"),
        })
    }

    async fn client(&self, org: &OrgId, id: &ClientId) -> StoreResult<Option<OAuthClient>> {
        let row = sqlx::query(&format!(
            "SELECT {CLIENT_COLUMNS} FROM oauth_clients WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.as_str())
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(client_from_row))
    }

    async fn clients(&self, org: &OrgId) -> StoreResult<Vec<OAuthClient>> {
        let rows = sqlx::query(&format!(
            "SELECT {CLIENT_COLUMNS} FROM oauth_clients WHERE org_id = $1 ORDER BY name, id"
        ))
        .bind(org.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(rows.iter().map(client_from_row).collect())
    }

    async fn create_user(
        &self,
        user: &User,
        password: Option<&PasswordHashString>,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO users (id, org_id, name, email, division_id, state, version, title, department,
                 password_hash, date_created, date_modified)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(user.id.as_str())
        .bind(user.org_id.as_str())
        .bind(&user.name)
        .bind(&user.email)
        .bind(user.division_id.as_str())
        .bind(user.state.as_str())
        .bind(user.version)
        .bind(&user.title)
        .bind(&user.department)
        .bind(password.map(|h| h.0.as_str()))
        .bind(millis(user.date_created))
        .bind(millis(user.date_modified))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&user.org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&user.org_id]);
        Ok(())
    }

    async fn update_user(&self, user: &User, expected: i32, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE users SET name = $1, email = $2, division_id = $3, state = $4, version = $5, title = $6,
                 department = $7, date_modified = $8
             WHERE org_id = $9 AND id = $10 AND version = $11 AND state <> 'deleted'",
        )
        .bind(&user.name)
        .bind(&user.email)
        .bind(user.division_id.as_str())
        .bind(user.state.as_str())
        .bind(user.version)
        .bind(&user.title)
        .bind(&user.department)
        .bind(millis(user.date_modified))
        .bind(user.org_id.as_str())
        .bind(user.id.as_str())
        .bind(expected)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, stale)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&user.org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&user.org_id]);
        Ok(())
    }

    async fn delete_user(
        &self,
        org: &OrgId,
        id: &UserId,
        at: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE users SET state = 'deleted', version = version + 1, date_modified = $1
             WHERE org_id = $2 AND id = $3 AND state <> 'deleted'",
        )
        .bind(millis(at))
        .bind(org.as_str())
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, || missing("user", id.as_str()))?;
        delete_grants_of(&mut tx, org, &Subject::User(id.clone())).await?;
        sqlx::query("DELETE FROM group_members WHERE user_id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query(
            "UPDATE tokens SET revoked_at = $1 WHERE subject_kind = 'user' AND subject_id = $2 AND revoked_at IS NULL",
        )
        .bind(millis(at))
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[org]).await?;
        Self::notify_tokens(&mut tx).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        self.bump_tokens();
        Ok(())
    }

    async fn set_user_password(
        &self,
        org: &OrgId,
        id: &UserId,
        hash: &PasswordHashString,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1 WHERE org_id = $2 AND id = $3 AND state <> 'deleted'",
        )
        .bind(&hash.0)
        .bind(org.as_str())
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, || missing("user", id.as_str()))?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn change_grants(
        &self,
        org: &OrgId,
        subject: &Subject,
        change: GrantChange,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        self.write_grants(org, subject, change, grants, audit).await
    }

    async fn create_group(&self, group: &Group, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO user_groups (id, org_id, name, description, division_id, kind, visibility, rules_visible,
                 state, version, date_created)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(group.id.as_str())
        .bind(group.org_id.as_str())
        .bind(&group.name)
        .bind(&group.description)
        .bind(group.division_id.as_str())
        .bind(&group.kind)
        .bind(&group.visibility)
        .bind(group.rules_visible)
        .bind(&group.state)
        .bind(group.version)
        .bind(millis(group.date_created))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn update_group(
        &self,
        group: &Group,
        expected: i32,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE user_groups SET name = $1, description = $2, visibility = $3, rules_visible = $4, version = $5
             WHERE org_id = $6 AND id = $7 AND version = $8 AND state <> 'deleted'",
        )
        .bind(&group.name)
        .bind(&group.description)
        .bind(&group.visibility)
        .bind(group.rules_visible)
        .bind(group.version)
        .bind(group.org_id.as_str())
        .bind(group.id.as_str())
        .bind(expected)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, stale)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn delete_group(&self, org: &OrgId, id: &GroupId, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE user_groups SET state = 'deleted', version = version + 1
             WHERE org_id = $1 AND id = $2 AND state <> 'deleted'",
        )
        .bind(org.as_str())
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, || missing("group", id.as_str()))?;
        delete_grants_of(&mut tx, org, &Subject::Group(id.clone())).await?;
        sqlx::query("DELETE FROM group_members WHERE group_id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[org]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        Ok(())
    }

    async fn add_group_members(
        &self,
        org: &OrgId,
        id: &GroupId,
        members: &[UserId],
        expected: i32,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE user_groups SET version = version + 1
             WHERE org_id = $1 AND id = $2 AND version = $3 AND state <> 'deleted'",
        )
        .bind(org.as_str())
        .bind(id.as_str())
        .bind(expected)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, stale)?;
        for m in members {
            // Only live users of the same organization become members. On PostgreSQL, FOR SHARE
            // waits for a concurrent delete_user and then sees the user deleted; a deletion that
            // comes second finds this membership committed and drops it.
            sqlx::query(&format!(
                "INSERT INTO group_members (group_id, user_id)
                 SELECT $1, id FROM users WHERE org_id = $2 AND id = $3 AND state <> 'deleted'{FOR_SHARE}
                 ON CONFLICT DO NOTHING"
            ))
            .bind(id.as_str())
            .bind(org.as_str())
            .bind(m.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[org]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        Ok(())
    }

    async fn remove_group_members(
        &self,
        org: &OrgId,
        id: &GroupId,
        members: &[UserId],
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE user_groups SET version = version + 1 WHERE org_id = $1 AND id = $2 AND state <> 'deleted'",
        )
        .bind(org.as_str())
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, || missing("group", id.as_str()))?;
        for m in members {
            sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
                .bind(id.as_str())
                .bind(m.as_str())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[org]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        Ok(())
    }

    async fn create_role(&self, role: &Role, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO roles (id, org_id, name, description, permissions, default_admin) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(role.id.as_str())
        .bind(role.org_id.as_str())
        .bind(&role.name)
        .bind(&role.description)
        .bind(json_list(&role.permissions))
        .bind(role.default_admin)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        // Nobody holds a new role yet, but the index lists roles; keep it exact.
        Self::notify(&mut tx, &[&role.org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&role.org_id]);
        Ok(())
    }

    async fn update_role(&self, role: &Role, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE roles SET name = $1, description = $2, permissions = $3 WHERE org_id = $4 AND id = $5",
        )
        .bind(&role.name)
        .bind(&role.description)
        .bind(json_list(&role.permissions))
        .bind(role.org_id.as_str())
        .bind(role.id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, || missing("role", role.id.as_str()))?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&role.org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&role.org_id]);
        Ok(())
    }

    async fn delete_role(&self, org: &OrgId, id: &RoleId, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // Grants (of subjects here, of trusts elsewhere) go with the role: ON DELETE CASCADE.
        let done = sqlx::query("DELETE FROM roles WHERE org_id = $1 AND id = $2")
            .bind(org.as_str())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        touched(&done, || missing("role", id.as_str()))?;
        insert_audit(&mut tx, audit).await?;
        // Trust grants of this role may give permissions to other organizations' users acting
        // here; they act in `org`, whose index is the one rebuilt.
        Self::notify(&mut tx, &[org]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        Ok(())
    }

    async fn create_division(&self, division: &Division, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO divisions (id, org_id, name, description, home) VALUES ($1, $2, $3, $4, FALSE)",
        )
        .bind(division.id.as_str())
        .bind(division.org_id.as_str())
        .bind(&division.name)
        .bind(&division.description)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn update_division(&self, division: &Division, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE divisions SET name = $1, description = $2 WHERE org_id = $3 AND id = $4",
        )
        .bind(&division.name)
        .bind(&division.description)
        .bind(division.org_id.as_str())
        .bind(division.id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, || missing("division", division.id.as_str()))?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn delete_division(
        &self,
        org: &OrgId,
        id: &DivisionId,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // On PostgreSQL the row lock holds off users, groups and grants being put in the division
        // (their foreign-key checks and insert_grants take KEY SHARE on it) until this commits,
        // so the emptiness counted below still holds when the row goes.
        let home: Option<bool> = sqlx::query_scalar(&format!(
            "SELECT home FROM divisions WHERE org_id = $1 AND id = $2{FOR_UPDATE}"
        ))
        .bind(org.as_str())
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
        match home {
            None => return Err(missing("division", id.as_str())),
            Some(true) => {
                return Err(StoreError::Constraint {
                    constraint: constraints::HOME_DIVISION.into(),
                })
            }
            Some(false) => {}
        }
        let in_use: i64 = sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM users WHERE division_id = $1 AND state <> 'deleted')
                  + (SELECT count(*) FROM user_groups WHERE division_id = $1 AND state <> 'deleted')",
        )
        .bind(id.as_str())
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        if in_use > 0 {
            return Err(StoreError::Constraint {
                constraint: constraints::DIVISION_IN_USE.into(),
            });
        }
        // Deleted users and groups are kept for the audit trail; they move to the home division
        // so the division row can go.
        for table in ["users", "user_groups"] {
            sqlx::query(&format!(
                "UPDATE {table} SET division_id = (SELECT id FROM divisions WHERE org_id = $1 AND home)
                 WHERE division_id = $2 AND state = 'deleted'"
            ))
            .bind(org.as_str())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        sqlx::query("DELETE FROM grants WHERE org_id = $1 AND division = $2")
            .bind(org.as_str())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query("DELETE FROM divisions WHERE org_id = $1 AND id = $2")
            .bind(org.as_str())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[org]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        Ok(())
    }

    async fn create_client(
        &self,
        client: &OAuthClient,
        secret: &PasswordHashString,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO oauth_clients (id, org_id, name, description, secret_hash, authorized_grant_types, scope,
                 registered_redirect_uris, access_token_validity_seconds, state, date_created)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(client.id.as_str())
        .bind(client.org_id.as_str())
        .bind(&client.name)
        .bind(&client.description)
        .bind(&secret.0)
        .bind(json_list(&client.authorized_grant_types))
        .bind(json_list(&client.scope))
        .bind(json_list(&client.registered_redirect_uris))
        .bind(client.access_token_validity_seconds)
        .bind(&client.state)
        .bind(millis(client.date_created))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_grants(
            &mut tx,
            &client.org_id,
            &Subject::Client(client.id.clone()),
            grants,
        )
        .await?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&client.org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&client.org_id]);
        Ok(())
    }

    async fn update_client(
        &self,
        client: &OAuthClient,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE oauth_clients SET name = $1, description = $2, authorized_grant_types = $3, scope = $4,
                 registered_redirect_uris = $5, access_token_validity_seconds = $6, state = $7
             WHERE org_id = $8 AND id = $9",
        )
        .bind(&client.name)
        .bind(&client.description)
        .bind(json_list(&client.authorized_grant_types))
        .bind(json_list(&client.scope))
        .bind(json_list(&client.registered_redirect_uris))
        .bind(client.access_token_validity_seconds)
        .bind(&client.state)
        .bind(client.org_id.as_str())
        .bind(client.id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        touched(&done, || missing("OAuth client", client.id.as_str()))?;
        let subject = Subject::Client(client.id.clone());
        delete_grants_of(&mut tx, &client.org_id, &subject).await?;
        insert_grants(&mut tx, &client.org_id, &subject, grants).await?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&client.org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&client.org_id]);
        Ok(())
    }

    async fn delete_client(
        &self,
        org: &OrgId,
        id: &ClientId,
        at: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        delete_grants_of(&mut tx, org, &Subject::Client(id.clone())).await?;
        let done = sqlx::query("DELETE FROM oauth_clients WHERE org_id = $1 AND id = $2")
            .bind(org.as_str())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        touched(&done, || missing("OAuth client", id.as_str()))?;
        sqlx::query(
            "UPDATE tokens SET revoked_at = $1 WHERE client_id = $2 AND revoked_at IS NULL",
        )
        .bind(millis(at))
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[org]).await?;
        Self::notify_tokens(&mut tx).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[org]);
        self.bump_tokens();
        Ok(())
    }

    async fn set_client_secret(
        &self,
        org: &OrgId,
        id: &ClientId,
        secret: &PasswordHashString,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done =
            sqlx::query("UPDATE oauth_clients SET secret_hash = $1 WHERE org_id = $2 AND id = $3")
                .bind(&secret.0)
                .bind(org.as_str())
                .bind(id.as_str())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        touched(&done, || missing("OAuth client", id.as_str()))?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }
}
