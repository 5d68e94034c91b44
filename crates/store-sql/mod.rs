//! The SQL layer of both storage engines: the storage traits written once, compiled once by each
//! engine crate (`store-sqlite` and `store-postgres` include this directory with `#[path]`).
//!
//! The SQL here is the text both engines accept: `$N` parameters (sqlx-sqlite binds them by
//! number), `ON CONFLICT ... DO UPDATE`, `RETURNING`, `TRUE`/`FALSE`, `CAST(.. AS ..)`. What the
//! code names of its engine comes from the including crate, by the same names in both:
//!
//! - `crate::Store`, the store type the traits are implemented for, with the pools `reader` (what
//!   reads go through) and `writer` (what transactions begin on; on PostgreSQL both are the one pool);
//! - `crate::dialect`: the row, connection and query-result types (`DbRow`, `DbConn`,
//!   `DbQueryResult`), the small pieces of SQL text that differ (`BYTE_ORDER`, the row-lock clauses
//!   `FOR_UPDATE` and `FOR_SHARE`, empty on SQLite, whose one writer serialises every write
//!   transaction) and the lock-only statements (`hold_division`);
//! - the write edges `Store::notify` (inside the writing transaction: PostgreSQL's NOTIFY and
//!   generation rows; nothing on SQLite, whose one process has no one to tell) and `Store::bump`
//!   (after the commit), their token forms `Store::notify_tokens` and `Store::bump_notified_tokens`,
//!   `Store::generation` and `Store::grant_changes` (what the authorization index is keyed on),
//!   and `Store::write_grants`, the hot grant write (SQLite's group commit; PostgreSQL's advisory
//!   lock);
//! - `crate::map_err`, `crate::rows::insert_audit` and each engine's own modules that shared code
//!   calls (`trust`, `org_admin`).
//!
//! What differs in more than text stays in the engine crates: SQLite's group commit, PostgreSQL's
//! LISTEN/NOTIFY and row locks, the audit search's full-text index. ARCHITECTURE.md ("Storage")
//! says why the sharing is by compiling the same files twice rather than generics over
//! `sqlx::Database`.

pub(crate) mod audit;
pub(crate) mod audit_buckets;
pub(crate) mod audit_page;
pub(crate) mod audit_query;
pub(crate) mod auth_codes;
pub(crate) mod authz;
pub(crate) mod directory;
pub(crate) mod directory_write;
pub(crate) mod emulator;
pub(crate) mod fixture;
pub(crate) mod limits;
pub(crate) mod migrations;
pub(crate) mod org_admin;
pub(crate) mod orgs;
pub(crate) mod rows;
pub(crate) mod settings;
pub(crate) mod tokens;
pub(crate) mod trust;
pub(crate) mod trust_views;
