//! Mapping PostgreSQL errors to [`StoreError`], in one place, by constraint name and SQLSTATE.
//!
//! PostgreSQL names a violated unique index or key by its name, SQLite by its columns. The domain
//! matches the names the SQLite store reports (and the stores' own refusal names such as
//! `trusts.primary`), so violations are spelled here the way SQLite spells them.

use orgtrust_core::store::StoreError;

/// Maps a sqlx error.
pub fn map_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("23505") | Some("23503") | Some("23514") => StoreError::Constraint {
                constraint: sqlite_spelling(db.constraint().unwrap_or("unknown")),
            },
            // Serialization failures, deadlocks and shutdowns are worth a retry.
            Some("40001") | Some("40P01") | Some("57P01") | Some("57P03") | Some("53300") => {
                StoreError::Unavailable(db.message().to_owned())
            }
            _ => StoreError::Internal(db.message().to_owned()),
        },
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            StoreError::Unavailable(e.to_string())
        }
        _ => StoreError::Internal(e.to_string()),
    }
}

/// The SQLite spelling of a PostgreSQL constraint name (unknown names pass through).
fn sqlite_spelling(pg: &str) -> String {
    match pg {
        // A trust that another writer created meanwhile: SQLite's single writer would have found
        // it first and refused with this name.
        "trusts_pkey" => "trusts.primary",
        // A pairing another writer used meanwhile (its update normally refuses first).
        "trusts_pairing" => "pairings.used",
        "pairings_pkey" => "pairings.id",
        "trust_members_pkey" => {
            "trust_members.trustor_org_id, trust_members.trustee_org_id, trust_members.member_kind, trust_members.member_id"
        }
        "cloned_users_pkey" => "cloned_users.clone_user_id",
        "cloned_users_original" => "cloned_users.trustor_org_id, cloned_users.trustee_user_id",
        "users_pkey" => "users.id",
        "users_email" => "users.org_id, users.email",
        fk if fk.ends_with("_fkey") => "foreign_key",
        other => other,
    }
    .to_owned()
}
