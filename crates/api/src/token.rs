//! OAuth token endpoint bodies (`POST /oauth/token`), in RFC 6749 snake_case JSON.

use serde::{Deserialize, Serialize};

/// A successful token response: `{"access_token": "...", "token_type": "bearer", "expires_in": 86400}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TokenResponse {
    /// The bearer token.
    pub access_token: String,
    /// Always `bearer`.
    pub token_type: String,
    /// Lifetime of the token in seconds.
    pub expires_in: i64,
    /// RFC 8693 token exchange: the type of the issued token (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_token_type: Option<String>,
}

impl TokenResponse {
    /// A `bearer` token response.
    pub fn bearer(access_token: impl Into<String>, expires_in: i64) -> Self {
        Self {
            access_token: access_token.into(),
            token_type: "bearer".to_owned(),
            expires_in,
            issued_token_type: None,
        }
    }
}

/// An OAuth error (RFC 6749 §5.2), e.g. `{"error": "invalid_client", "error_description": "..."}`.
///
/// `description` duplicates `error_description` for Genesys clients that read that name; both
/// are omitted when `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OAuthError {
    /// RFC 6749 error code (see [`oauth_errors`]).
    pub error: String,
    /// Human-readable description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// Same text as `error_description` (Genesys-style clients read this name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl OAuthError {
    /// An error with both `error_description` and `description` set to `description`.
    pub fn new(error: impl Into<String>, description: impl Into<String>) -> Self {
        let description = description.into();
        Self {
            error: error.into(),
            error_description: Some(description.clone()),
            description: Some(description),
        }
    }
}

/// RFC 6749 §5.2 error codes for [`OAuthError::error`].
pub mod oauth_errors {
    /// The request is missing a parameter, repeats one, or is otherwise malformed (400).
    pub const INVALID_REQUEST: &str = "invalid_request";
    /// Client authentication failed (401).
    pub const INVALID_CLIENT: &str = "invalid_client";
    /// The grant or refresh token is invalid, expired or revoked (400).
    pub const INVALID_GRANT: &str = "invalid_grant";
    /// The client may not use this grant type (400).
    pub const UNAUTHORIZED_CLIENT: &str = "unauthorized_client";
    /// The grant type is not supported by the server (400).
    pub const UNSUPPORTED_GRANT_TYPE: &str = "unsupported_grant_type";
    /// The requested scope is invalid or exceeds what was granted (400).
    pub const INVALID_SCOPE: &str = "invalid_scope";
    /// RFC 8693: no token can be issued for the requested `audience`/`target`.
    pub const INVALID_TARGET: &str = "invalid_target";
}
