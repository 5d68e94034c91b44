//! Mapping SQLite errors to [`StoreError`], in one place. SQLite reports a constraint only in its
//! message (`UNIQUE constraint failed: index 'roles_name'` or `...: users.email`), so the name is
//! read from there and nowhere else.

use orgtrust_core::store::StoreError;

/// Maps a sqlx error.
pub fn map_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) => {
            let message = db.message();
            if let Some(rest) = message.strip_prefix("UNIQUE constraint failed: ") {
                let name = rest.trim_start_matches("index ").trim_matches('\'');
                return StoreError::Constraint {
                    constraint: name.to_owned(),
                };
            }
            if message.starts_with("FOREIGN KEY constraint failed") {
                return StoreError::Constraint {
                    constraint: "foreign_key".into(),
                };
            }
            if message.contains("database is locked") || message.contains("busy") {
                return StoreError::Unavailable(message.to_owned());
            }
            StoreError::Internal(message.to_owned())
        }
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            StoreError::Unavailable(e.to_string())
        }
        _ => StoreError::Internal(e.to_string()),
    }
}
