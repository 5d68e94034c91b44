//! What the shared SQL layer (`crates/store-sql`) names of PostgreSQL.

use orgtrust_core::ids::{DivisionId, OrgId};
use orgtrust_core::store::StoreResult;

use crate::map_err;

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
/// See [`FOR_UPDATE`].
pub(crate) const FOR_SHARE: &str = " FOR SHARE";

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
