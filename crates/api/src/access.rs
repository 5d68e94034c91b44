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
