//! The domain's errors. Only the server maps them to HTTP (status, Genesys `code`, `ErrorBody`).

use orgtrust_api::error::codes;

use crate::permission::Denial;
use crate::store::StoreError;

/// A domain error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such entity visible to the caller (404 `not.found`).
    #[error("{what} [{id}] was not found")]
    NotFound {
        /// The kind of entity.
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// The request is wrong (400 with `code`).
    #[error("{message}")]
    Invalid {
        /// The Genesys code (`bad.request`, `invalid.value`, ...).
        code: &'static str,
        /// What is wrong, for people.
        message: String,
        /// The field at fault, when there is one.
        field: Option<String>,
    },
    /// The change conflicts with the current state (409 with `code`).
    #[error("{message}")]
    Conflict {
        /// The Genesys code (`general.conflict`, ...).
        code: &'static str,
        /// What conflicts.
        message: String,
    },
    /// The caller lacks a permission (403).
    #[error("missing permission")]
    Forbidden(Denial),
    /// The caller may not do this at all (403 `not.authorized`).
    #[error("{0}")]
    NotAuthorized(String),
    /// The credentials are missing, unknown or no longer valid (401 with `code`).
    #[error("{message}")]
    Unauthenticated {
        /// `authentication.required`, `bad.credentials` or `credentials.expired`.
        code: &'static str,
        /// What is wrong, for people.
        message: String,
    },
    /// A limit was reached; nothing was done (429, `Retry-After`).
    #[error("rate limit {key} reached")]
    RateLimited {
        /// Seconds until a retry can succeed.
        retry_after_secs: u64,
        /// The limit's key.
        key: String,
        /// The limit's namespace.
        namespace: String,
        /// The limit's value.
        value: i64,
    },
    /// The store failed (500 or 503; details logged, never sent).
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Error {
    /// A 404 for `what` with `id`.
    pub fn not_found(what: &'static str, id: impl std::fmt::Display) -> Self {
        Error::NotFound {
            what,
            id: id.to_string(),
        }
    }

    /// A 400 `invalid.value` naming the field.
    pub fn invalid_value(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            code: codes::INVALID_VALUE,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// A 400 with a specific code.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// Names the field at fault of a 400 (other errors are returned as they are).
    #[must_use]
    pub fn at_field(self, name: impl Into<String>) -> Self {
        match self {
            Error::Invalid { code, message, .. } => Error::Invalid {
                code,
                message,
                field: Some(name.into()),
            },
            other => other,
        }
    }

    /// A 409 with a specific code.
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Error::Conflict {
            code,
            message: message.into(),
        }
    }

    /// A 401 with a specific code.
    pub fn unauthenticated(code: &'static str, message: impl Into<String>) -> Self {
        Error::Unauthenticated {
            code,
            message: message.into(),
        }
    }

    /// The 401 for credentials that were valid and no longer are.
    pub fn credentials_expired() -> Self {
        Error::unauthenticated(
            codes::CREDENTIALS_EXPIRED,
            "The supplied credentials are expired and cannot be used.",
        )
    }

    /// The 401 for credentials that are not known.
    pub fn bad_credentials() -> Self {
        Error::unauthenticated(codes::BAD_CREDENTIALS, "Invalid login credentials.")
    }
}

/// Results of domain operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;
