//! Mapping PostgreSQL errors to [`StoreError`], in one place, by constraint name and SQLSTATE.

use orgtrust_core::store::StoreError;

/// Maps a sqlx error.
pub fn map_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("23505") | Some("23503") | Some("23514") => StoreError::Constraint {
                constraint: db.constraint().unwrap_or("unknown").to_owned(),
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
