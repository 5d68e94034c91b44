//! The SQL layer of both storage engines: the storage traits written once, compiled once by each
//! engine crate (`store-sqlite` and `store-postgres` include this directory with `#[path]`).
//!
//! The SQL here is the text both engines accept (`$N` parameters, `ON CONFLICT`, `RETURNING`,
//! `TRUE`/`FALSE`, `CAST(.. AS ..)`). What the code names of its engine, each engine crate defines
//! under the same names: `crate::Store` with its `reader` and `writer` pools; `crate::dialect`
//! (row, connection and result types; the SQL pieces that differ: `BYTE_ORDER`, the row-lock
//! clauses and lock-only statements, `AUDIT_INSERT`); the write edges `Store::notify`,
//! `notify_tokens`, `bump`, `bump_tokens`, `write_grants`, `write_token`, `generation`,
//! `grant_changes`; `crate::map_err`, `crate::migrator`, `crate::rows::{insert_audits,
//! append_audits}` and `crate::audit_search::{clause, column, facet_sql}`.
//!
//! What differs in more than text stays in the engine crates: SQLite's group commit, PostgreSQL's
//! LISTEN/NOTIFY, the audit search's full-text clause, snapshots, errors, connecting.
//! ARCHITECTURE.md ("One SQL layer over both engines") says why the sharing is by compiling the
//! same files per engine rather than generics over `sqlx::Database`, sea-query or a macro.

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
pub(crate) mod reviews;
pub(crate) mod rows;
pub(crate) mod settings;
pub(crate) mod snapshot;
pub(crate) mod tokens;
pub(crate) mod trust;
pub(crate) mod trust_rows;
pub(crate) mod trust_views;
