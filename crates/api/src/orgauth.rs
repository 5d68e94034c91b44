//! Organization Authorization models (`/api/v2/orgauthorization/...`): trusts, pairings,
//! trusted users/groups, cloned users, roles, and audits.
//!
//! Vocabulary: the *trustor* grants access, the *trustee* receives it. A [`Trustee`] is a trust
//! seen by the trustor (its `id` is the trustee organization's), a [`Trustor`] the same trust
//! seen by the trustee.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::directory::{group_like, user_like};
use crate::organization::Organization;

// ---------------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------------

/// A reference with id and URI.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AddressableEntityRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// A reference with id, name and URI.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainEntityRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Trusts
// ---------------------------------------------------------------------------------------------

/// A trust as seen by the trustor (`/api/v2/orgauthorization/trustees/{trusteeOrgId}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Trustee {
    /// Organization Id for this trust (the trustee organization's id; read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// If disabled no trustee user will have access, even if they were previously added
    /// (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Denotes if trustee uses admin role by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses_default_role: Option<bool>,
    /// Denotes if trustee uses full access role by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_full_access: Option<bool>,
    /// Denotes if trustee is given Trusted User access by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_trusted_user: Option<bool>,
    /// Date Trust was created (read-only).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_created: Option<DateTime<Utc>>,
    /// The expiration date of the trust.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_expired: Option<DateTime<Utc>>,
    /// User that created trust (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<OrgUser>,
    /// Organization associated with this trust (the trustee; read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    /// The URI for this object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// A trust as seen by the trustee (`/api/v2/orgauthorization/trustors/{trustorOrgId}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Trustor {
    /// Organization Id for this trust (the trustor organization's id; read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// If disabled no trustee user will have access, even if they were previously added
    /// (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Date Trust was created (read-only).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_created: Option<DateTime<Utc>>,
    /// User that created trust (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<OrgUser>,
    /// Organization associated with this trust (the trustor; read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    /// Authorization for the trustee user has in this trustor organization (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<TrusteeAuthorization>,
    /// orgtrust extension (not in the SDK's `Trustor`, which ignores it): the expiration date of
    /// the trust, so the trustee sees what the trustor set.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_expired: Option<DateTime<Utc>>,
    /// The URI for this object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// What the calling trustee user holds in a trustor organization (`Trustor.authorization`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrusteeAuthorization {
    /// Permissions that the trustee user has in the trustor organization (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
}

/// Body of `POST /api/v2/orgauthorization/trustees` (create a trust from a pairing).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrustCreate {
    /// The pairing Id created by the trustee; proves that the trustee agrees to the
    /// relationship. Not required when creating a default pairing with Customer Care.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairing_id: Option<String>,
    /// If disabled no trustee user will have access, even if they were previously added
    /// (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Trustee users and the trustor roles granted to them. If no users are specified, at
    /// least one group is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<TrustMemberCreate>>,
    /// Trustee groups and the trustor roles granted to them. If no groups are specified, at
    /// least one user is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<TrustMemberCreate>>,
    /// The expiration date of the trust.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_expired: Option<DateTime<Utc>>,
}

/// A trustee user or group to add to a trust, with the trustor roles it gets
/// (also the body of `POST /trustees/{trusteeOrgId}/users|groups`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrustMemberCreate {
    /// Trustee User or Group Id (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Roles to be granted to this user or group, in all divisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_ids: Option<Vec<String>>,
    /// Trustor roles paired with the divisions they are granted in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_divisions: Option<RoleDivisionGrants>,
}

/// A list of role/division pairs (body of `PUT .../roledivisions` and of
/// `POST /api/v2/authorization/subjects/{id}/bulkadd|bulkremove|bulkreplace`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RoleDivisionGrants {
    /// A list containing pairs of role and division IDs (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<RoleDivisionPair>>,
}

/// A role granted in a division (both fields required).
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct RoleDivisionPair {
    /// The ID of the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// The ID of the division (`*` for all divisions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division_id: Option<String>,
}

/// Body of `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrustUpdate {
    /// If disabled no trustee user will have access, even if they were previously added
    /// (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The expiration date of the trust.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_expired: Option<DateTime<Utc>>,
}

/// List of trustee organization ids (`GET /api/v2/orgauthorization/trustees/care`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrusteeReferenceList {
    #[serde(default)]
    pub entities: Vec<AddressableEntityRef>,
}

// ---------------------------------------------------------------------------------------------
// Pairings
// ---------------------------------------------------------------------------------------------

/// A pairing request created by the trustee (`/api/v2/orgauthorization/pairings`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrustRequest {
    /// The globally unique identifier for the object (the pairing id; read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// User who created this request (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<OrgUser>,
    /// Date request was created. There is a 48 hour expiration on all requests (read-only).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_created: Option<DateTime<Utc>>,
    /// Trustee organization who generated this request (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trustee: Option<Organization>,
    /// The list of trustee users that are requesting access (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<OrgUser>>,
    /// The list of trustee groups that are requesting access (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<TrustGroup>>,
    /// The URI for this object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// Body of `POST /api/v2/orgauthorization/pairings`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrustRequestCreate {
    /// Trustee users requesting access. If no users are specified, at least one group is
    /// required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_ids: Option<Vec<String>>,
    /// Trustee groups requesting access. If no groups are specified, at least one user is
    /// required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_ids: Option<Vec<String>>,
}

// ---------------------------------------------------------------------------------------------
// Users and groups of a trust
// ---------------------------------------------------------------------------------------------

user_like! {
    /// A user together with its organization (`createdBy`, pairing `users`).
    ///
    /// `selfUri` is not in the SDK's `OrgUser`; orgtrust may send it (SDKs ignore unknown
    /// properties).
    pub struct OrgUser {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub organization: Option<Organization>,
        /// orgtrust extension: the URI of the user.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub self_uri: Option<String>,
    }
}

user_like! {
    /// A trustee user of a trust: the user's directory fields plus `trustUserDetails`.
    ///
    /// `selfUri` is not in the SDK's `TrustUser`; orgtrust sends it (SDKs ignore unknown
    /// properties).
    pub struct TrustUser {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trust_user_details: Option<TrustUserDetails>,
        /// orgtrust extension: the URI of the user (`/api/v2/users/{id}`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub self_uri: Option<String>,
    }
}

/// When and by whom a trustee user was added to a trust.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrustUserDetails {
    /// Date Trust User was added (read-only).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_created: Option<DateTime<Utc>>,
    /// User that added trusted user (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<OrgUser>,
}

group_like! {
    /// A trustee group of a trust: the group's directory fields plus when and by whom it was
    /// added.
    pub struct TrustGroup {
        /// Owners of the group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owners: Option<Vec<crate::directory::User>>,
        /// The date on which the trusted group was added (read-only).
        #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::datetime::utc_opt"
        )]
        pub date_created: Option<DateTime<Utc>>,
        /// The user that added trusted group (read-only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_by: Option<OrgUser>,
        /// orgtrust extension (not in the SDK's `TrustGroup`): the URI of the group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub self_uri: Option<String>,
    }
}

// ---------------------------------------------------------------------------------------------
// Cloned users
// ---------------------------------------------------------------------------------------------

/// Represents a cloned user in a trustor organization.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClonedUser {
    /// The globally unique identifier for the object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The trustor organization this clone exists in (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trustor: Option<DomainEntityRef>,
    /// The URI for this object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// The cloned users of an organization (at most 5, so not paged).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClonedUserEntityListing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    #[serde(default)]
    pub entities: Vec<ClonedUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Roles and permissions
// ---------------------------------------------------------------------------------------------

/// Roles and resulting permissions of a user or group (`.../users/{id}/roles`,
/// `.../groups/{id}/roles`, `GET /api/v2/users/{id}/roles`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserAuthorization {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<DomainRole>>,
    /// A collection of the roles the user is not using (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unused_roles: Option<Vec<DomainRole>>,
    /// A collection of the permissions granted by all assigned roles (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// The policies configured for assigned permissions (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_policies: Option<Vec<ResourcePermissionPolicy>>,
    /// orgtrust extension (not in the SDK's `UserAuthorization`, which ignores it): for a trust
    /// member, its grants as the `PUT .../roledivisions` body takes them, one pair per role and
    /// division (`divisionId` `*`: every division), so a client can show and edit a role *in
    /// divisions* ("User Viewer in EMEA").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_divisions: Option<RoleDivisionGrants>,
}

/// A role reference (id and name).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainRole {
    /// The ID of the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name of the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A permission policy in effect for a user (`UserAuthorization.permissionPolicies`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePermissionPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_set_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_conditions: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_condition_node: Option<ResourceConditionNode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named_resources: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_condition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_set: Option<Vec<String>>,
}

/// A condition tree node of a [`ResourcePermissionPolicy`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResourceConditionNode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable_name: Option<String>,
    /// `AND` or `OR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conjunction: Option<String>,
    /// `EQ`, `IN`, `GE`, `GT`, `LE` or `LT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operands: Option<Vec<ResourceConditionValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Vec<ResourceConditionNode>>,
}

/// An operand of a [`ResourceConditionNode`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResourceConditionValue {
    /// `SCALAR`, `VARIABLE`, `USER`, `QUEUE` or `TEAM`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Audits
// ---------------------------------------------------------------------------------------------

/// Body of `POST /api/v2/orgauthorization/trustees/audits` (trustor side).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrusteeAuditQueryRequest {
    /// Limit returned audits to these trustee organizationIds (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trustee_organization_ids: Option<Vec<String>>,
    /// Limit returned audits to these trustee userIds (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trustee_user_ids: Option<Vec<String>>,
    /// Starting date/time for the audit search.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub start_date: Option<DateTime<Utc>>,
    /// Ending date/time for the audit search.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub end_date: Option<DateTime<Utc>>,
    /// Word or phrase to look for in audit bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_phrase: Option<String>,
    /// Facet information to be returned with the query results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<Vec<Facet>>,
    /// Additional custom filters to be applied to the query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
}

/// Body of `POST /api/v2/orgauthorization/trustor/audits` (trustee side).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrustorAuditQueryRequest {
    /// Limit returned audits to this trustor organizationId (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trustor_organization_id: Option<String>,
    /// Limit returned audits to these trustee userIds (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trustee_user_ids: Option<Vec<String>>,
    /// Starting date/time for the audit search.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub start_date: Option<DateTime<Utc>>,
    /// Ending date/time for the audit search.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub end_date: Option<DateTime<Utc>>,
    /// Word or phrase to look for in audit bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_phrase: Option<String>,
    /// Facet information to be returned with the query results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<Vec<Facet>>,
    /// Additional custom filters to be applied to the query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
}

/// The value type of a [`Facet`] or [`Filter`]: `DATE` or `STRING`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum FacetType {
    /// `DATE`
    #[serde(rename = "DATE")]
    Date,
    /// `STRING`
    #[default]
    #[serde(rename = "STRING")]
    String,
}

/// The value type of a [`Filter`] (same values as [`FacetType`]).
pub type FilterType = FacetType;

/// A field to facet audit results on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Facet {
    /// The name of the field on which to facet (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The type of the facet, DATE or STRING (required).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<FacetType>,
}

/// A filter on audit results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    /// The name of the field by which to filter (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The type of the filter, DATE or STRING (required).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<FilterType>,
    /// The operation that the filter performs (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// The values to make the filter comparison against (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

/// The audit query response (`AuditQueryResponse` is declared as an empty object in the spec;
/// orgtrust answers in the legacy [`AuditSearchResult`] shape).
pub type AuditQueryResponse = AuditSearchResult;

/// A page of audit messages with facet counts (legacy shape, from `x-informativeDefinitions`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditSearchResult {
    /// Which page was returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<i32>,
    /// The number of results in a page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// The total number of results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
    /// The number of pages of results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facet_info: Option<Vec<FacetInfo>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_messages: Option<Vec<AuditMessage>>,
}

/// Facet counts for one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FacetInfo {
    /// The name of the field that was faceted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The entries resulting from this facet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<Vec<Entry>>,
}

/// One value of a facet with its count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// A value included in this facet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The number of results with this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
}

/// One audited action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditMessage {
    /// AuditMessage ID (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<AuditUser>,
    /// Correlation ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// Transaction ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// Whether this audit can be considered the initiator of its transaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_initiator: Option<bool>,
    /// The application through which the action was initiated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    /// The name of the service which sent this AuditMessage (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// The level of this audit. USER or SYSTEM (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The time at which the action was initiated.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub timestamp: Option<DateTime<Utc>>,
    /// The time at which this AuditMessage was received (required).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub received_timestamp: Option<DateTime<Utc>>,
    /// The status of the action, e.g. `SUCCESS` (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The context of a system-level action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_context: Option<String>,
    /// A string representing the action that took place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Details about any changes that occurred in this audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<Change>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<AuditEntity>,
    /// The service-specific context associated with this AuditMessage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_context: Option<ServiceContext>,
}

/// The user who initiated an audited action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditUser {
    /// The ID (UUID) of the user (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The full username of the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The display name of the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// The entity an audited action targeted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntity {
    /// The type of the entity (required).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// The id of the entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name of the entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The selfUri for this entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// One property change of an audited action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<AuditEntity>,
    /// The property that was changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// The old values which were modified and/or removed by this action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_values: Option<Vec<String>>,
    /// The new values which were modified and/or added by this action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_values: Option<Vec<String>>,
}

/// Service-specific context of an audit message (no defined properties).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServiceContext {
    /// Unused placeholder property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
