//! The access review, an orgtrust extension under `/orgtrust/v1/` (no Genesys SDK calls it): who
//! from other organizations can do what in the caller's organization.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::orgauth::DomainEntityRef;
use crate::paging::EntityListing;

/// How a grant reaches a trustee user.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum AccessVia {
    /// The user is a member of the trust by name.
    #[default]
    User,
    /// Through a trustee group that is a member of the trust (`group` names it).
    Group,
    /// The whole trustee organization is a member of the trust.
    Organization,
    /// The own roles of the user's clone in this organization (`clonedUser` names it), held
    /// when the user acts through the clone.
    Clone,
}

/// One row of the access report: a trustee user holding a role in a division.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccessEntry {
    /// The trustee organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trustee_organization: Option<DomainEntityRef>,
    /// The trustee user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<DomainEntityRef>,
    /// How the role reaches the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<AccessVia>,
    /// The trustee group, when `via` is `group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<DomainEntityRef>,
    /// The clone, when `via` is `clone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloned_user: Option<DomainEntityRef>,
    /// The role, of this organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<DomainEntityRef>,
    /// Where the role applies (`*`, named "All divisions", for every division).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<DomainEntityRef>,
    /// The role's permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// When the trust the access comes through was made.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub trust_date_created: Option<DateTime<Utc>>,
    /// When that trust stops granting, if it does.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub trust_date_expired: Option<DateTime<Utc>>,
}

/// `GET /orgtrust/v1/access/report`.
pub type AccessEntryListing = EntityListing<AccessEntry>;

/// What a change did to the access of other organizations' users.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum AccessChangeKind {
    /// Access where there was none (a trust made or enabled, a member given roles).
    #[default]
    Granted,
    /// More roles or divisions, or a later (or no) expiry.
    Widened,
    /// Fewer roles or divisions, or an earlier expiry.
    Narrowed,
    /// Roles added and taken away in one change.
    Changed,
    /// No access any more (a trust disabled or deleted, a member removed or left without roles).
    Revoked,
}

/// A role in a division, as a change names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccessGrant {
    /// The role's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// The division's id (`*`: every division).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division_id: Option<String>,
}

/// The entity a change is about: the trust (`OrgTrustee`, its id the trustee organization's) or
/// a member (`OrgTrusteeUser`, `OrgTrusteeGroup`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccessChangeEntity {
    /// `OrgTrustee`, `OrgTrusteeUser` or `OrgTrusteeGroup`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One change to the access, from the audit trail (`GET /orgtrust/v1/access/history`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccessChange {
    /// When it happened.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub timestamp: Option<DateTime<Utc>>,
    /// What it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AccessChangeKind>,
    /// What it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<AccessChangeEntity>,
    /// The audit action (`create`, `enable`, `disable`, `rolesUpdated`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Roles given, per division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<Vec<AccessGrant>>,
    /// Roles taken away, per division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<AccessGrant>>,
    /// Who made the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<DomainEntityRef>,
    /// The audit event it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_event_id: Option<String>,
}

/// `GET /orgtrust/v1/access/history`.
pub type AccessChangeListing = EntityListing<AccessChange>;
