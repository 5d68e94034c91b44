//! Issued bearer tokens as stored: who they act for, where, and until when.

use chrono::{DateTime, Utc};

use crate::ids::{ClientId, OrgId, UserId};
use crate::secret::TokenDigest;

/// The subject a token acts for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TokenSubject {
    /// A user (of the home organization; in another organization through a trust).
    User(UserId),
    /// The OAuth client itself (client credentials).
    Client,
}

/// A stored token. The plaintext is never stored: only its digest.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRecord {
    /// Public id of the token (for audit events; never the secret).
    pub id: String,
    /// SHA-256 of the bearer string.
    pub digest: TokenDigest,
    /// The organization it acts in.
    pub org_id: OrgId,
    /// The subject's home organization.
    pub home_org_id: OrgId,
    /// Who it acts for.
    pub subject: TokenSubject,
    /// The OAuth client it was issued to.
    pub client_id: ClientId,
    /// The clone used, when a trustee user acts through a cloned user.
    pub cloned_user_id: Option<UserId>,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}
