//! Storage of the browser sign-in's short-lived, single-use secrets: authorization codes and the
//! "choose an organization" tickets between signing in and picking where to act. Only their
//! SHA-256 digests are stored; taking one deletes it, so it can be used once.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::audit::AuditEvent;
use crate::ids::{ClientId, OrgId, UserId};
use crate::secret::TokenDigest;

/// What a pending authorization is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingKind {
    /// An authorization code, exchanged at `POST /oauth/token`.
    Code,
    /// A signed-in user who still chooses the organization to act in.
    Choice,
}

impl PendingKind {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Choice => "choice",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "code" => Some(Self::Code),
            "choice" => Some(Self::Choice),
            _ => None,
        }
    }
}

/// A signed-in user's authorization waiting for its next step, keyed by the digest of the secret
/// handed to the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingAuthorization {
    /// SHA-256 of the code or ticket.
    pub digest: TokenDigest,
    /// Code or choice ticket.
    pub kind: PendingKind,
    /// The OAuth client that asked.
    pub client_id: ClientId,
    /// The user's (and the client's) home organization.
    pub org_id: OrgId,
    /// The signed-in user.
    pub user_id: UserId,
    /// The redirect URI the authorization request used (checked again at the token endpoint).
    pub redirect_uri: String,
    /// `code` or `token`.
    pub response_type: String,
    /// The client's `state`, echoed on the redirect.
    pub state: Option<String>,
    /// The PKCE S256 challenge, when the request carried one.
    pub code_challenge: Option<String>,
    /// The trustor organization the token will act in (`None`: home).
    pub target_org_id: Option<OrgId>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// After this it is refused (and purged).
    pub expires_at: DateTime<Utc>,
}

/// Pending authorizations (codes and choice tickets).
#[async_trait]
pub trait AuthCodeStore: Send + Sync {
    /// Stores a new pending authorization with its audit event.
    async fn insert_pending_authorization(
        &self,
        pending: &PendingAuthorization,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Removes and returns the pending authorization with this digest, if it exists and has not
    /// expired at `now`; expired ones are purged on the way. Two concurrent takes of one digest
    /// never both return it.
    async fn take_pending_authorization(
        &self,
        digest: &TokenDigest,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<PendingAuthorization>>;
}
