//! What the shared SQL layer (`crates/store-sql`) names of PostgreSQL.

use orgtrust_core::ids::{DivisionId, OrgId};
use orgtrust_core::store::StoreResult;

use crate::map_err;

/// The engine, for the types sqlx keys on it.
pub(crate) type Db = sqlx::Postgres;

/// A row as sqlx-postgres reads it.
pub(crate) type DbRow = sqlx::postgres::PgRow;

/// A connection (or a transaction, through `&mut *tx`).
pub(crate) type DbConn = sqlx::PgConnection;

/// The collation of an `ORDER BY` that walks a by-name index: byte order, as the indexes of
/// migration 0014 are built (the database's default collation may be a locale's).
pub(crate) const BYTE_ORDER: &str = " COLLATE \"C\"";

/// What a statement reports (rows affected).
pub(crate) type DbQueryResult = sqlx::postgres::PgQueryResult;

/// Row-lock clauses for the reads a write transaction goes on to rely on: PostgreSQL runs write
/// transactions concurrently, so what was read must be held until the commit.
pub(crate) const FOR_UPDATE: &str = " FOR UPDATE";
/// Against other writers and deletion, but not against foreign-key checks of inserts that
/// point at the row (which `FOR UPDATE` would block).
pub(crate) const FOR_NO_KEY_UPDATE: &str = " FOR NO KEY UPDATE";
/// See [`FOR_UPDATE`].
pub(crate) const FOR_SHARE: &str = " FOR SHARE";
/// Against deletion only: other writers of the row go on.
pub(crate) const FOR_KEY_SHARE: &str = " FOR KEY SHARE";

/// Holds `division` until the commit while a grant scoped to it is written. A concurrent
/// `delete_division` locks the division FOR UPDATE, then drops the grants scoped to it: holding
/// KEY SHARE makes it wait and see this grant. (A division already gone is not checked here, as
/// on SQLite: the service validated it, and a grant of a vanished division is inert.)
pub(crate) async fn hold_division(
    conn: &mut DbConn,
    org: &OrgId,
    division: &DivisionId,
) -> StoreResult<()> {
    sqlx::query("SELECT 1 FROM divisions WHERE org_id = $1 AND id = $2 FOR KEY SHARE")
        .bind(org.as_str())
        .bind(division.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// The first key of the advisory lock that serialises creations of one organization id.
const CREATE_ORG_LOCK: i32 = 0x6f72_6763; // "orgc"

/// Makes two creations of the organization `id` take turns, so that only one passes the existence
/// check: they queue on an advisory lock keyed by the id until the first commits.
pub(crate) async fn hold_new_org(conn: &mut DbConn, id: &OrgId) -> StoreResult<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
        .bind(CREATE_ORG_LOCK)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// Makes the writers of `org`'s cloned users take turns on its organization row (the clone limit
/// counts every clone of the trustor, whatever the trust; `FOR NO KEY UPDATE` leaves the
/// foreign-key checks of other writers alone).
pub(crate) async fn hold_org(conn: &mut DbConn, org: &OrgId) -> StoreResult<()> {
    sqlx::query("SELECT 1 FROM organizations WHERE id = $1 FOR NO KEY UPDATE")
        .bind(org.as_str())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// The statement that appends an audit event (15 binds, in `sql::rows::bind_audit`'s order), with
/// numbered placeholders.
pub(crate) const AUDIT_INSERT: &str =
    "INSERT INTO audit_events (id, timestamp, org_id, home_org_id, actor_kind, actor_id, actor_name, client_id,
         action, entity_type, entity_id, entity_name, changes, correlation_id, remote_ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
