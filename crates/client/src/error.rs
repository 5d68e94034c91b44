//! The client's typed error: a Genesys `ErrorBody`, an OAuth error, or a failure to reach the
//! server or to read what it sent.

use std::time::Duration;

use orgtrust_api::{ErrorBody, OAuthError};

/// What a client call returns.
pub type Result<T, E = ClientError> = std::result::Result<T, E>;

/// Why a client call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The Platform API answered with an error status and a Genesys `ErrorBody`.
    ///
    /// A non-JSON error response (a proxy's HTML page, say) is reported here too, with a body
    /// synthesized from the status and the response text (`code` is then `None`), so callers
    /// have one place to look for every HTTP-level failure.
    #[error("{status} {}: {}", body.code.as_deref().unwrap_or("-"), body.message.as_deref().unwrap_or(""))]
    Api {
        /// The HTTP status.
        status: u16,
        /// The error body the server sent.
        body: Box<ErrorBody>,
        /// The `ININ-Correlation-Id` response header, if present.
        correlation_id: Option<String>,
        /// The `Retry-After` response header in seconds (set on 429 responses).
        retry_after: Option<Duration>,
    },
    /// The token endpoint (`POST /oauth/token`) answered with an RFC 6749 error.
    #[error("{status} {}: {}", error.error, error.error_description.as_deref().or(error.description.as_deref()).unwrap_or(""))]
    OAuth {
        /// The HTTP status.
        status: u16,
        /// The OAuth error body.
        error: OAuthError,
    },
    /// The request could not be sent or the response not received (connection, timeout, ...).
    #[error("transport: {0}")]
    Transport(#[from] reqwest::Error),
    /// A successful response whose body is not the expected JSON.
    #[error("cannot decode the {status} response: {message}")]
    Decode {
        /// The HTTP status.
        status: u16,
        /// What did not match, with the JSON path (`entities[0].dateCreated: ...`).
        message: String,
    },
    /// A request body could not be serialized to JSON.
    #[error("cannot encode the request body: {0}")]
    Encode(#[source] serde_json::Error),
    /// The client was configured with something unusable (a base URL that does not parse).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

impl ClientError {
    /// The HTTP status of an API or OAuth error, or of an undecodable response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. } | Self::OAuth { status, .. } | Self::Decode { status, .. } => {
                Some(*status)
            }
            Self::Transport(e) => e.status().map(|s| s.as_u16()),
            Self::Encode(_) | Self::Config(_) => None,
        }
    }

    /// The machine-readable code: `ErrorBody.code` (a Genesys code, see
    /// [`orgtrust_api::codes`]) or the OAuth `error` (see [`orgtrust_api::oauth_errors`]).
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { body, .. } => body.code.as_deref(),
            Self::OAuth { error, .. } => Some(error.error.as_str()),
            _ => None,
        }
    }

    /// The Genesys error body of an API error.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            Self::Api { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The correlation id of the failed request (the `ININ-Correlation-Id` header, else the
    /// body's `contextId`).
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Self::Api {
                correlation_id,
                body,
                ..
            } => correlation_id.as_deref().or(body.context_id.as_deref()),
            _ => None,
        }
    }

    /// How long the server asked to wait before trying again (429 responses).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Api { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether this is a 404.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Whether this is a 429 (rate limited).
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(429)
    }
}
