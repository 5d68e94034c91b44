//! What the shared SQL layer (`crates/store-sql`) names of SQLite.

/// The engine, for the types sqlx keys on it.
pub(crate) type Db = sqlx::Sqlite;

/// A row as sqlx-sqlite reads it.
pub(crate) type DbRow = sqlx::sqlite::SqliteRow;

/// A connection (or a transaction, through `&mut *tx`).
pub(crate) type DbConn = sqlx::SqliteConnection;

/// The collation of an `ORDER BY` that walks a by-name index: SQLite's default, BINARY, is byte
/// order already (and the indexes of migration 0014 are built with it).
pub(crate) const BYTE_ORDER: &str = "";

/// What a statement reports (rows affected).
pub(crate) type DbQueryResult = sqlx::sqlite::SqliteQueryResult;

/// Row-lock clauses: none. The one writer connection serialises every write transaction, so what
/// a transaction read still holds when it writes.
pub(crate) const FOR_UPDATE: &str = "";
/// See [`FOR_UPDATE`].
pub(crate) const FOR_NO_KEY_UPDATE: &str = "";
/// See [`FOR_UPDATE`].
pub(crate) const FOR_SHARE: &str = "";
/// See [`FOR_UPDATE`].
pub(crate) const FOR_KEY_SHARE: &str = "";

/// Holds `division` until the commit while a grant scoped to it is written: nothing to do, as
/// no `delete_division` can run meanwhile (see [`FOR_UPDATE`]).
pub(crate) async fn hold_division(
    _conn: &mut DbConn,
    _org: &orgtrust_core::ids::OrgId,
    _division: &orgtrust_core::ids::DivisionId,
) -> orgtrust_core::store::StoreResult<()> {
    Ok(())
}

/// Makes two creations of the organization `id` take turns, so that only one passes the existence
/// check: they already do (see [`FOR_UPDATE`]).
pub(crate) async fn hold_new_org(
    _conn: &mut DbConn,
    _id: &orgtrust_core::ids::OrgId,
) -> orgtrust_core::store::StoreResult<()> {
    Ok(())
}

/// Makes the writers of `org`'s cloned users take turns: they already do (see [`FOR_UPDATE`]).
pub(crate) async fn hold_org(
    _conn: &mut DbConn,
    _org: &orgtrust_core::ids::OrgId,
) -> orgtrust_core::store::StoreResult<()> {
    Ok(())
}

/// The statement that appends an audit event (15 binds, in `sql::rows::bind_audit`'s order), with
/// `?` placeholders: the grant writes append it to other statements in one multi-statement
/// query, where sqlx-sqlite binds each `?` to the argument after the previous statement's last,
/// but `$N` to the query's N-th argument.
pub(crate) const AUDIT_INSERT: &str =
    "INSERT INTO audit_events (id, timestamp, org_id, home_org_id, actor_kind, actor_id, actor_name, client_id,
         action, entity_type, entity_id, entity_name, changes, correlation_id, remote_ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
