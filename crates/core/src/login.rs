//! How a token grant or sign-in fails, in OAuth terms (the server maps each to its OAuth error).

use crate::error::Error;

/// Why a token request was refused (RFC 6749 error codes).
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown client or wrong secret (401).
    #[error("client authentication failed")]
    InvalidClient,
    /// Wrong user credentials, or the user may not sign in (400).
    #[error("{0}")]
    InvalidGrant(String),
    /// A grant type the server does not implement (400).
    #[error("grant type {0} is not supported")]
    UnsupportedGrantType(String),
    /// The client is not authorized for this grant type (400).
    #[error("{0}")]
    UnauthorizedClient(String),
    /// A parameter is missing or malformed (400).
    #[error("{0}")]
    InvalidRequest(String),
    /// RFC 8693: no token can be issued for the requested organization (400 `invalid_target`).
    #[error("{0}")]
    InvalidTarget(String),
    /// The caller's address is outside the organization's IP allowlist (403).
    #[error("{0}")]
    AddressNotAllowed(String),
    /// Over the token endpoint's limit (429 with `Retry-After`); nothing was verified or written.
    #[error("too many token requests {per}; retry in {retry_after_secs} seconds")]
    TooManyRequests {
        /// Seconds until the window ends.
        retry_after_secs: u64,
        /// `for this client` or `from this address`.
        per: &'static str,
    },
    /// Something failed inside (500).
    #[error(transparent)]
    Internal(#[from] Error),
}
