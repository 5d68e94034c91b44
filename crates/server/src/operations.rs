//! The operation table: every operation of the reference extract with its method, path and the
//! permissions it requires (ANY or ALL, exactly as `x-inin-requires-permissions` lists them),
//! plus the directory and token operations orgtrust serves beside them. Handlers authorize with
//! these constants; the permission-matrix tests loop over [`REFERENCE`] and [`DIRECTORY`].
//!
//! The reference part was generated from `reference/genesys-orgauth-openapi.json`; the test
//! `operation_table_matches_reference` keeps it equal to that file.

use orgtrust_core::permission::Requirement;

/// One API operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The Genesys operationId.
    pub id: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The path template.
    pub path: &'static str,
    /// What the caller must hold.
    pub requirement: Requirement,
}

/// `GET /api/v2/fieldconfig`.
pub const GET_FIELDCONFIG: Operation = Operation {
    id: "getFieldconfig",
    method: "GET",
    path: "/api/v2/fieldconfig",
    requirement: Requirement::None,
};
/// `POST /api/v2/organizations`.
pub const POST_ORGANIZATIONS: Operation = Operation {
    id: "postOrganizations",
    method: "POST",
    path: "/api/v2/organizations",
    requirement: Requirement::Any(&["internal:organization:add"]),
};
/// `GET /api/v2/organizations/authentication/settings`.
pub const GET_ORGANIZATIONS_AUTHENTICATION_SETTINGS: Operation = Operation {
    id: "getOrganizationsAuthenticationSettings",
    method: "GET",
    path: "/api/v2/organizations/authentication/settings",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `PATCH /api/v2/organizations/authentication/settings`.
pub const PATCH_ORGANIZATIONS_AUTHENTICATION_SETTINGS: Operation = Operation {
    id: "patchOrganizationsAuthenticationSettings",
    method: "PATCH",
    path: "/api/v2/organizations/authentication/settings",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `GET /api/v2/organizations/embeddedintegration`.
pub const GET_ORGANIZATIONS_EMBEDDEDINTEGRATION: Operation = Operation {
    id: "getOrganizationsEmbeddedintegration",
    method: "GET",
    path: "/api/v2/organizations/embeddedintegration",
    requirement: Requirement::None,
};
/// `PUT /api/v2/organizations/embeddedintegration`.
pub const PUT_ORGANIZATIONS_EMBEDDEDINTEGRATION: Operation = Operation {
    id: "putOrganizationsEmbeddedintegration",
    method: "PUT",
    path: "/api/v2/organizations/embeddedintegration",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `GET /api/v2/organizations/enforcescopes`.
pub const GET_ORGANIZATIONS_ENFORCESCOPES: Operation = Operation {
    id: "getOrganizationsEnforcescopes",
    method: "GET",
    path: "/api/v2/organizations/enforcescopes",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `PUT /api/v2/organizations/enforcescopes`.
pub const PUT_ORGANIZATIONS_ENFORCESCOPES: Operation = Operation {
    id: "putOrganizationsEnforcescopes",
    method: "PUT",
    path: "/api/v2/organizations/enforcescopes",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `PATCH /api/v2/organizations/features/{featureName}`.
pub const PATCH_ORGANIZATIONS_FEATURE: Operation = Operation {
    id: "patchOrganizationsFeature",
    method: "PATCH",
    path: "/api/v2/organizations/features/{featureName}",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `GET /api/v2/organizations/ipaddressauthentication`.
pub const GET_ORGANIZATIONS_IPADDRESSAUTHENTICATION: Operation = Operation {
    id: "getOrganizationsIpaddressauthentication",
    method: "GET",
    path: "/api/v2/organizations/ipaddressauthentication",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `PUT /api/v2/organizations/ipaddressauthentication`.
pub const PUT_ORGANIZATIONS_IPADDRESSAUTHENTICATION: Operation = Operation {
    id: "putOrganizationsIpaddressauthentication",
    method: "PUT",
    path: "/api/v2/organizations/ipaddressauthentication",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `GET /api/v2/organizations/limits/changerequests`.
pub const GET_ORGANIZATIONS_LIMITS_CHANGEREQUESTS: Operation = Operation {
    id: "getOrganizationsLimitsChangerequests",
    method: "GET",
    path: "/api/v2/organizations/limits/changerequests",
    requirement: Requirement::Any(&["limits:organization:view"]),
};
/// `POST /api/v2/organizations/limits/changerequests`.
pub const POST_ORGANIZATIONS_LIMITS_CHANGEREQUESTS: Operation = Operation {
    id: "postOrganizationsLimitsChangerequests",
    method: "POST",
    path: "/api/v2/organizations/limits/changerequests",
    requirement: Requirement::Any(&["internal:limitChangeRequest:create"]),
};
/// `GET /api/v2/organizations/limits/changerequests/{requestId}`.
pub const GET_ORGANIZATIONS_LIMITS_CHANGEREQUEST: Operation = Operation {
    id: "getOrganizationsLimitsChangerequest",
    method: "GET",
    path: "/api/v2/organizations/limits/changerequests/{requestId}",
    requirement: Requirement::Any(&["limits:organization:view"]),
};
/// `PATCH /api/v2/organizations/limits/changerequests/{requestId}`.
pub const PATCH_ORGANIZATIONS_LIMITS_CHANGEREQUEST: Operation = Operation {
    id: "patchOrganizationsLimitsChangerequest",
    method: "PATCH",
    path: "/api/v2/organizations/limits/changerequests/{requestId}",
    requirement: Requirement::Any(&["internal:limitChangeRequest:update"]),
};
/// `GET /api/v2/organizations/limits/docs`.
pub const GET_ORGANIZATIONS_LIMITS_DOCS: Operation = Operation {
    id: "getOrganizationsLimitsDocs",
    method: "GET",
    path: "/api/v2/organizations/limits/docs",
    requirement: Requirement::None,
};
/// `GET /api/v2/organizations/limits/docs/freetrial`.
pub const GET_ORGANIZATIONS_LIMITS_DOCS_FREETRIAL: Operation = Operation {
    id: "getOrganizationsLimitsDocsFreetrial",
    method: "GET",
    path: "/api/v2/organizations/limits/docs/freetrial",
    requirement: Requirement::None,
};
/// `GET /api/v2/organizations/limits/namespaces`.
pub const GET_ORGANIZATIONS_LIMITS_NAMESPACES: Operation = Operation {
    id: "getOrganizationsLimitsNamespaces",
    method: "GET",
    path: "/api/v2/organizations/limits/namespaces",
    requirement: Requirement::None,
};
/// `GET /api/v2/organizations/limits/namespaces/{namespaceName}`.
pub const GET_ORGANIZATIONS_LIMITS_NAMESPACE: Operation = Operation {
    id: "getOrganizationsLimitsNamespace",
    method: "GET",
    path: "/api/v2/organizations/limits/namespaces/{namespaceName}",
    requirement: Requirement::None,
};
/// `GET /api/v2/organizations/limits/namespaces/{namespaceName}/defaults`.
pub const GET_ORGANIZATIONS_LIMITS_NAMESPACE_DEFAULTS: Operation = Operation {
    id: "getOrganizationsLimitsNamespaceDefaults",
    method: "GET",
    path: "/api/v2/organizations/limits/namespaces/{namespaceName}/defaults",
    requirement: Requirement::None,
};
/// `DELETE /api/v2/organizations/me`.
pub const DELETE_ORGANIZATIONS_ME: Operation = Operation {
    id: "deleteOrganizationsMe",
    method: "DELETE",
    path: "/api/v2/organizations/me",
    requirement: Requirement::Any(&["internal:organization:terminate"]),
};
/// `GET /api/v2/organizations/me`.
pub const GET_ORGANIZATIONS_ME: Operation = Operation {
    id: "getOrganizationsMe",
    method: "GET",
    path: "/api/v2/organizations/me",
    requirement: Requirement::None,
};
/// `PUT /api/v2/organizations/me`.
pub const PUT_ORGANIZATIONS_ME: Operation = Operation {
    id: "putOrganizationsMe",
    method: "PUT",
    path: "/api/v2/organizations/me",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `GET /api/v2/organizations/migrations`.
pub const GET_ORGANIZATIONS_MIGRATIONS: Operation = Operation {
    id: "getOrganizationsMigrations",
    method: "GET",
    path: "/api/v2/organizations/migrations",
    requirement: Requirement::Any(&["migrations:organization:view"]),
};
/// `GET /api/v2/organizations/migrations/{migrationName}`.
pub const GET_ORGANIZATIONS_MIGRATION: Operation = Operation {
    id: "getOrganizationsMigration",
    method: "GET",
    path: "/api/v2/organizations/migrations/{migrationName}",
    requirement: Requirement::Any(&["migrations:organization:view"]),
};
/// `PATCH /api/v2/organizations/migrations/{migrationName}`.
pub const PATCH_ORGANIZATIONS_MIGRATION: Operation = Operation {
    id: "patchOrganizationsMigration",
    method: "PATCH",
    path: "/api/v2/organizations/migrations/{migrationName}",
    requirement: Requirement::Any(&["migrations:organization:edit"]),
};
/// `GET /api/v2/organizations/migrations/{migrationName}/state`.
pub const GET_ORGANIZATIONS_MIGRATION_STATE: Operation = Operation {
    id: "getOrganizationsMigrationState",
    method: "GET",
    path: "/api/v2/organizations/migrations/{migrationName}/state",
    requirement: Requirement::Any(&["migrations:organization:view"]),
};
/// `GET /api/v2/organizations/passwordrequirements`.
pub const GET_ORGANIZATIONS_PASSWORDREQUIREMENTS: Operation = Operation {
    id: "getOrganizationsPasswordrequirements",
    method: "GET",
    path: "/api/v2/organizations/passwordrequirements",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `PUT /api/v2/organizations/passwordrequirements`.
pub const PUT_ORGANIZATIONS_PASSWORDREQUIREMENTS: Operation = Operation {
    id: "putOrganizationsPasswordrequirements",
    method: "PUT",
    path: "/api/v2/organizations/passwordrequirements",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `GET /api/v2/organizations/whitelist`.
pub const GET_ORGANIZATIONS_WHITELIST: Operation = Operation {
    id: "getOrganizationsWhitelist",
    method: "GET",
    path: "/api/v2/organizations/whitelist",
    requirement: Requirement::None,
};
/// `PUT /api/v2/organizations/whitelist`.
pub const PUT_ORGANIZATIONS_WHITELIST: Operation = Operation {
    id: "putOrganizationsWhitelist",
    method: "PUT",
    path: "/api/v2/organizations/whitelist",
    requirement: Requirement::Any(&["directory:organization:admin"]),
};
/// `POST /api/v2/orgauthorization/pairings`.
pub const POST_ORGAUTHORIZATION_PAIRINGS: Operation = Operation {
    id: "postOrgauthorizationPairings",
    method: "POST",
    path: "/api/v2/orgauthorization/pairings",
    requirement: Requirement::Any(&["authorization:orgTrustee:add"]),
};
/// `GET /api/v2/orgauthorization/pairings/{pairingId}`.
pub const GET_ORGAUTHORIZATION_PAIRING: Operation = Operation {
    id: "getOrgauthorizationPairing",
    method: "GET",
    path: "/api/v2/orgauthorization/pairings/{pairingId}",
    requirement: Requirement::Any(&[
        "authorization:orgTrustee:view",
        "authorization:orgTrustor:view",
    ]),
};
/// `DELETE /api/v2/orgauthorization/trustees`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEES: Operation = Operation {
    id: "deleteOrgauthorizationTrustees",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees",
    requirement: Requirement::Any(&["authorization:orgTrustee:delete"]),
};
/// `GET /api/v2/orgauthorization/trustees`.
pub const GET_ORGAUTHORIZATION_TRUSTEES: Operation = Operation {
    id: "getOrgauthorizationTrustees",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees",
    requirement: Requirement::Any(&["authorization:orgTrustee:view"]),
};
/// `POST /api/v2/orgauthorization/trustees`.
pub const POST_ORGAUTHORIZATION_TRUSTEES: Operation = Operation {
    id: "postOrgauthorizationTrustees",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees",
    requirement: Requirement::All(&[
        "authorization:orgTrustee:add",
        "authorization:orgTrusteeUser:add",
    ]),
};
/// `POST /api/v2/orgauthorization/trustees/audits`.
pub const POST_ORGAUTHORIZATION_TRUSTEES_AUDITS: Operation = Operation {
    id: "postOrgauthorizationTrusteesAudits",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees/audits",
    requirement: Requirement::Any(&["authorization:audit:view"]),
};
/// `GET /api/v2/orgauthorization/trustees/care`.
pub const GET_ORGAUTHORIZATION_TRUSTEES_CARE: Operation = Operation {
    id: "getOrgauthorizationTrusteesCare",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/care",
    requirement: Requirement::Any(&[
        "authorization:orgTrustee:view",
        "authorization:orgTrusteeUser:view",
    ]),
};
/// `POST /api/v2/orgauthorization/trustees/care`.
pub const POST_ORGAUTHORIZATION_TRUSTEES_CARE: Operation = Operation {
    id: "postOrgauthorizationTrusteesCare",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees/care",
    requirement: Requirement::All(&[
        "authorization:orgTrustee:add",
        "authorization:orgTrusteeUser:add",
    ]),
};
/// `GET /api/v2/orgauthorization/trustees/default`.
pub const GET_ORGAUTHORIZATION_TRUSTEES_DEFAULT: Operation = Operation {
    id: "getOrgauthorizationTrusteesDefault",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/default",
    requirement: Requirement::Any(&[
        "authorization:orgTrustee:view",
        "authorization:orgTrusteeUser:view",
    ]),
};
/// `POST /api/v2/orgauthorization/trustees/default`.
pub const POST_ORGAUTHORIZATION_TRUSTEES_DEFAULT: Operation = Operation {
    id: "postOrgauthorizationTrusteesDefault",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees/default",
    requirement: Requirement::All(&[
        "authorization:orgTrustee:add",
        "authorization:orgTrusteeUser:add",
    ]),
};
/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE: Operation = Operation {
    id: "deleteOrgauthorizationTrustee",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustee:delete"]),
};
/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}`.
pub const GET_ORGAUTHORIZATION_TRUSTEE: Operation = Operation {
    id: "getOrgauthorizationTrustee",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustee:view"]),
};
/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE: Operation = Operation {
    id: "putOrgauthorizationTrustee",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustee:edit"]),
};
/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_CLONEDUSERS: Operation = Operation {
    id: "getOrgauthorizationTrusteeClonedusers",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers",
    requirement: Requirement::Any(&["directory:user:view"]),
};
/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers/{trusteeUserId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_CLONEDUSER: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeCloneduser",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers/{trusteeUserId}",
    requirement: Requirement::Any(&["directory:user:delete"]),
};
/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_GROUPS: Operation = Operation {
    id: "getOrgauthorizationTrusteeGroups",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
};
/// `POST /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups`.
pub const POST_ORGAUTHORIZATION_TRUSTEE_GROUPS: Operation = Operation {
    id: "postOrgauthorizationTrusteeGroups",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:add"]),
};
/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_GROUP: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeGroup",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:delete"]),
};
/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_GROUP: Operation = Operation {
    id: "getOrgauthorizationTrusteeGroup",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
};
/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roledivisions`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLEDIVISIONS: Operation = Operation {
    id: "putOrgauthorizationTrusteeGroupRoledivisions",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roledivisions",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:edit"]),
};
/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeGroupRoles",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:delete"]),
};
/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES: Operation = Operation {
    id: "getOrgauthorizationTrusteeGroupRoles",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
};
/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES: Operation = Operation {
    id: "putOrgauthorizationTrusteeGroupRoles",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:edit"]),
};
/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_USERS: Operation = Operation {
    id: "getOrgauthorizationTrusteeUsers",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
};
/// `POST /api/v2/orgauthorization/trustees/{trusteeOrgId}/users`.
pub const POST_ORGAUTHORIZATION_TRUSTEE_USERS: Operation = Operation {
    id: "postOrgauthorizationTrusteeUsers",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:add"]),
};
/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_USER: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeUser",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:delete"]),
};
/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_USER: Operation = Operation {
    id: "getOrgauthorizationTrusteeUser",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
};
/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roledivisions`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE_USER_ROLEDIVISIONS: Operation = Operation {
    id: "putOrgauthorizationTrusteeUserRoledivisions",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roledivisions",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:edit"]),
};
/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_USER_ROLES: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeUserRoles",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:delete"]),
};
/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_USER_ROLES: Operation = Operation {
    id: "getOrgauthorizationTrusteeUserRoles",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
};
/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE_USER_ROLES: Operation = Operation {
    id: "putOrgauthorizationTrusteeUserRoles",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:edit"]),
};
/// `POST /api/v2/orgauthorization/trustor/audits`.
pub const POST_ORGAUTHORIZATION_TRUSTOR_AUDITS: Operation = Operation {
    id: "postOrgauthorizationTrustorAudits",
    method: "POST",
    path: "/api/v2/orgauthorization/trustor/audits",
    requirement: Requirement::Any(&["authorization:audit:view"]),
};
/// `DELETE /api/v2/orgauthorization/trustors`.
pub const DELETE_ORGAUTHORIZATION_TRUSTORS: Operation = Operation {
    id: "deleteOrgauthorizationTrustors",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors",
    requirement: Requirement::Any(&["authorization:orgTrustor:delete"]),
};
/// `GET /api/v2/orgauthorization/trustors`.
pub const GET_ORGAUTHORIZATION_TRUSTORS: Operation = Operation {
    id: "getOrgauthorizationTrustors",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors",
    requirement: Requirement::Any(&["authorization:orgTrustor:view"]),
};
/// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTOR: Operation = Operation {
    id: "deleteOrgauthorizationTrustor",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustor:delete"]),
};
/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}`.
pub const GET_ORGAUTHORIZATION_TRUSTOR: Operation = Operation {
    id: "getOrgauthorizationTrustor",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustor:view"]),
};
/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_CLONEDUSERS: Operation = Operation {
    id: "getOrgauthorizationTrustorClonedusers",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
};
/// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER: Operation = Operation {
    id: "deleteOrgauthorizationTrustorCloneduser",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:delete"]),
};
/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER: Operation = Operation {
    id: "getOrgauthorizationTrustorCloneduser",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
};
/// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub const PUT_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER: Operation = Operation {
    id: "putOrgauthorizationTrustorCloneduser",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}",
    requirement: Requirement::All(&["authorization:orgTrusteeUser:add"]),
};
/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/groups`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_GROUPS: Operation = Operation {
    id: "getOrgauthorizationTrustorGroups",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
};
/// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTOR_GROUP: Operation = Operation {
    id: "deleteOrgauthorizationTrustorGroup",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:delete"]),
};
/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_GROUP: Operation = Operation {
    id: "getOrgauthorizationTrustorGroup",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
};
/// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`.
pub const PUT_ORGAUTHORIZATION_TRUSTOR_GROUP: Operation = Operation {
    id: "putOrgauthorizationTrustorGroup",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}",
    requirement: Requirement::All(&["authorization:orgTrusteeGroup:add"]),
};
/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/users`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_USERS: Operation = Operation {
    id: "getOrgauthorizationTrustorUsers",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/users",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
};
/// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTOR_USER: Operation = Operation {
    id: "deleteOrgauthorizationTrustorUser",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:delete"]),
};
/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_USER: Operation = Operation {
    id: "getOrgauthorizationTrustorUser",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
};
/// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`.
pub const PUT_ORGAUTHORIZATION_TRUSTOR_USER: Operation = Operation {
    id: "putOrgauthorizationTrustorUser",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}",
    requirement: Requirement::All(&["authorization:orgTrusteeUser:add"]),
};

/// Every operation of the reference extract.
pub const REFERENCE: &[Operation] = &[
    GET_FIELDCONFIG,
    POST_ORGANIZATIONS,
    GET_ORGANIZATIONS_AUTHENTICATION_SETTINGS,
    PATCH_ORGANIZATIONS_AUTHENTICATION_SETTINGS,
    GET_ORGANIZATIONS_EMBEDDEDINTEGRATION,
    PUT_ORGANIZATIONS_EMBEDDEDINTEGRATION,
    GET_ORGANIZATIONS_ENFORCESCOPES,
    PUT_ORGANIZATIONS_ENFORCESCOPES,
    PATCH_ORGANIZATIONS_FEATURE,
    GET_ORGANIZATIONS_IPADDRESSAUTHENTICATION,
    PUT_ORGANIZATIONS_IPADDRESSAUTHENTICATION,
    GET_ORGANIZATIONS_LIMITS_CHANGEREQUESTS,
    POST_ORGANIZATIONS_LIMITS_CHANGEREQUESTS,
    GET_ORGANIZATIONS_LIMITS_CHANGEREQUEST,
    PATCH_ORGANIZATIONS_LIMITS_CHANGEREQUEST,
    GET_ORGANIZATIONS_LIMITS_DOCS,
    GET_ORGANIZATIONS_LIMITS_DOCS_FREETRIAL,
    GET_ORGANIZATIONS_LIMITS_NAMESPACES,
    GET_ORGANIZATIONS_LIMITS_NAMESPACE,
    GET_ORGANIZATIONS_LIMITS_NAMESPACE_DEFAULTS,
    DELETE_ORGANIZATIONS_ME,
    GET_ORGANIZATIONS_ME,
    PUT_ORGANIZATIONS_ME,
    GET_ORGANIZATIONS_MIGRATIONS,
    GET_ORGANIZATIONS_MIGRATION,
    PATCH_ORGANIZATIONS_MIGRATION,
    GET_ORGANIZATIONS_MIGRATION_STATE,
    GET_ORGANIZATIONS_PASSWORDREQUIREMENTS,
    PUT_ORGANIZATIONS_PASSWORDREQUIREMENTS,
    GET_ORGANIZATIONS_WHITELIST,
    PUT_ORGANIZATIONS_WHITELIST,
    POST_ORGAUTHORIZATION_PAIRINGS,
    GET_ORGAUTHORIZATION_PAIRING,
    DELETE_ORGAUTHORIZATION_TRUSTEES,
    GET_ORGAUTHORIZATION_TRUSTEES,
    POST_ORGAUTHORIZATION_TRUSTEES,
    POST_ORGAUTHORIZATION_TRUSTEES_AUDITS,
    GET_ORGAUTHORIZATION_TRUSTEES_CARE,
    POST_ORGAUTHORIZATION_TRUSTEES_CARE,
    GET_ORGAUTHORIZATION_TRUSTEES_DEFAULT,
    POST_ORGAUTHORIZATION_TRUSTEES_DEFAULT,
    DELETE_ORGAUTHORIZATION_TRUSTEE,
    GET_ORGAUTHORIZATION_TRUSTEE,
    PUT_ORGAUTHORIZATION_TRUSTEE,
    GET_ORGAUTHORIZATION_TRUSTEE_CLONEDUSERS,
    DELETE_ORGAUTHORIZATION_TRUSTEE_CLONEDUSER,
    GET_ORGAUTHORIZATION_TRUSTEE_GROUPS,
    POST_ORGAUTHORIZATION_TRUSTEE_GROUPS,
    DELETE_ORGAUTHORIZATION_TRUSTEE_GROUP,
    GET_ORGAUTHORIZATION_TRUSTEE_GROUP,
    PUT_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLEDIVISIONS,
    DELETE_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES,
    GET_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES,
    PUT_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES,
    GET_ORGAUTHORIZATION_TRUSTEE_USERS,
    POST_ORGAUTHORIZATION_TRUSTEE_USERS,
    DELETE_ORGAUTHORIZATION_TRUSTEE_USER,
    GET_ORGAUTHORIZATION_TRUSTEE_USER,
    PUT_ORGAUTHORIZATION_TRUSTEE_USER_ROLEDIVISIONS,
    DELETE_ORGAUTHORIZATION_TRUSTEE_USER_ROLES,
    GET_ORGAUTHORIZATION_TRUSTEE_USER_ROLES,
    PUT_ORGAUTHORIZATION_TRUSTEE_USER_ROLES,
    POST_ORGAUTHORIZATION_TRUSTOR_AUDITS,
    DELETE_ORGAUTHORIZATION_TRUSTORS,
    GET_ORGAUTHORIZATION_TRUSTORS,
    DELETE_ORGAUTHORIZATION_TRUSTOR,
    GET_ORGAUTHORIZATION_TRUSTOR,
    GET_ORGAUTHORIZATION_TRUSTOR_CLONEDUSERS,
    DELETE_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER,
    GET_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER,
    PUT_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER,
    GET_ORGAUTHORIZATION_TRUSTOR_GROUPS,
    DELETE_ORGAUTHORIZATION_TRUSTOR_GROUP,
    GET_ORGAUTHORIZATION_TRUSTOR_GROUP,
    PUT_ORGAUTHORIZATION_TRUSTOR_GROUP,
    GET_ORGAUTHORIZATION_TRUSTOR_USERS,
    DELETE_ORGAUTHORIZATION_TRUSTOR_USER,
    GET_ORGAUTHORIZATION_TRUSTOR_USER,
    PUT_ORGAUTHORIZATION_TRUSTOR_USER,
];

/// `GET /api/v2/tokens/me` (any valid token).
pub const GET_TOKENS_ME: Operation = Operation {
    id: "getTokensMe",
    method: "GET",
    path: "/api/v2/tokens/me",
    requirement: Requirement::None,
};
/// `DELETE /api/v2/tokens/me` (any valid token).
pub const DELETE_TOKENS_ME: Operation = Operation {
    id: "deleteTokensMe",
    method: "DELETE",
    path: "/api/v2/tokens/me",
    requirement: Requirement::None,
};

// Directory (issue 3): users, groups, roles, divisions, grants, OAuth clients, permissions.
/// `GET /api/v2/users`.
pub const GET_USERS: Operation = Operation {
    id: "getUsers",
    method: "GET",
    path: "/api/v2/users",
    requirement: Requirement::Any(&["directory:user:view"]),
};
/// `POST /api/v2/users`.
pub const POST_USERS: Operation = Operation {
    id: "postUsers",
    method: "POST",
    path: "/api/v2/users",
    requirement: Requirement::Any(&["directory:user:add"]),
};
/// `GET /api/v2/users/me` (any valid token).
pub const GET_USERS_ME: Operation = Operation {
    id: "getUsersMe",
    method: "GET",
    path: "/api/v2/users/me",
    requirement: Requirement::None,
};
/// `GET /api/v2/users/{userId}`.
pub const GET_USER: Operation = Operation {
    id: "getUser",
    method: "GET",
    path: "/api/v2/users/{userId}",
    requirement: Requirement::Any(&["directory:user:view"]),
};
/// `PATCH /api/v2/users/{userId}`.
pub const PATCH_USER: Operation = Operation {
    id: "patchUser",
    method: "PATCH",
    path: "/api/v2/users/{userId}",
    requirement: Requirement::Any(&["directory:user:edit"]),
};
/// `DELETE /api/v2/users/{userId}`.
pub const DELETE_USER: Operation = Operation {
    id: "deleteUser",
    method: "DELETE",
    path: "/api/v2/users/{userId}",
    requirement: Requirement::Any(&["directory:user:delete"]),
};
/// `GET /api/v2/users/{subjectId}/roles`.
pub const GET_USER_ROLES: Operation = Operation {
    id: "getUserRoles",
    method: "GET",
    path: "/api/v2/users/{subjectId}/roles",
    requirement: Requirement::Any(&["authorization:grant:view"]),
};
/// `PUT /api/v2/users/{subjectId}/roles`.
pub const PUT_USER_ROLES: Operation = Operation {
    id: "putUserRoles",
    method: "PUT",
    path: "/api/v2/users/{subjectId}/roles",
    requirement: Requirement::Any(&["authorization:grant:add"]),
};
/// `POST /api/v2/users/{userId}/password`.
pub const POST_USER_PASSWORD: Operation = Operation {
    id: "postUserPassword",
    method: "POST",
    path: "/api/v2/users/{userId}/password",
    requirement: Requirement::Any(&["directory:user:setPassword"]),
};
/// `GET /api/v2/groups`.
pub const GET_GROUPS: Operation = Operation {
    id: "getGroups",
    method: "GET",
    path: "/api/v2/groups",
    requirement: Requirement::Any(&["directory:group:view"]),
};
/// `POST /api/v2/groups`.
pub const POST_GROUPS: Operation = Operation {
    id: "postGroups",
    method: "POST",
    path: "/api/v2/groups",
    requirement: Requirement::Any(&["directory:group:add"]),
};
/// `GET /api/v2/groups/{groupId}`.
pub const GET_GROUP: Operation = Operation {
    id: "getGroup",
    method: "GET",
    path: "/api/v2/groups/{groupId}",
    requirement: Requirement::Any(&["directory:group:view"]),
};
/// `PUT /api/v2/groups/{groupId}`.
pub const PUT_GROUP: Operation = Operation {
    id: "putGroup",
    method: "PUT",
    path: "/api/v2/groups/{groupId}",
    requirement: Requirement::Any(&["directory:group:edit"]),
};
/// `DELETE /api/v2/groups/{groupId}`.
pub const DELETE_GROUP: Operation = Operation {
    id: "deleteGroup",
    method: "DELETE",
    path: "/api/v2/groups/{groupId}",
    requirement: Requirement::Any(&["directory:group:delete"]),
};
/// `GET /api/v2/groups/{groupId}/members`.
pub const GET_GROUP_MEMBERS: Operation = Operation {
    id: "getGroupMembers",
    method: "GET",
    path: "/api/v2/groups/{groupId}/members",
    requirement: Requirement::Any(&["directory:group:view"]),
};
/// `POST /api/v2/groups/{groupId}/members`.
pub const POST_GROUP_MEMBERS: Operation = Operation {
    id: "postGroupMembers",
    method: "POST",
    path: "/api/v2/groups/{groupId}/members",
    requirement: Requirement::Any(&["directory:group:edit"]),
};
/// `DELETE /api/v2/groups/{groupId}/members`.
pub const DELETE_GROUP_MEMBERS: Operation = Operation {
    id: "deleteGroupMembers",
    method: "DELETE",
    path: "/api/v2/groups/{groupId}/members",
    requirement: Requirement::Any(&["directory:group:edit"]),
};
/// `GET /api/v2/authorization/roles`.
pub const GET_AUTHORIZATION_ROLES: Operation = Operation {
    id: "getAuthorizationRoles",
    method: "GET",
    path: "/api/v2/authorization/roles",
    requirement: Requirement::Any(&["authorization:role:view"]),
};
/// `POST /api/v2/authorization/roles`.
pub const POST_AUTHORIZATION_ROLES: Operation = Operation {
    id: "postAuthorizationRoles",
    method: "POST",
    path: "/api/v2/authorization/roles",
    requirement: Requirement::Any(&["authorization:role:add"]),
};
/// `GET /api/v2/authorization/roles/{roleId}`.
pub const GET_AUTHORIZATION_ROLE: Operation = Operation {
    id: "getAuthorizationRole",
    method: "GET",
    path: "/api/v2/authorization/roles/{roleId}",
    requirement: Requirement::Any(&["authorization:role:view"]),
};
/// `PUT /api/v2/authorization/roles/{roleId}`.
pub const PUT_AUTHORIZATION_ROLE: Operation = Operation {
    id: "putAuthorizationRole",
    method: "PUT",
    path: "/api/v2/authorization/roles/{roleId}",
    requirement: Requirement::Any(&["authorization:role:edit"]),
};
/// `PATCH /api/v2/authorization/roles/{roleId}`.
pub const PATCH_AUTHORIZATION_ROLE: Operation = Operation {
    id: "patchAuthorizationRole",
    method: "PATCH",
    path: "/api/v2/authorization/roles/{roleId}",
    requirement: Requirement::Any(&["authorization:role:edit"]),
};
/// `DELETE /api/v2/authorization/roles/{roleId}`.
pub const DELETE_AUTHORIZATION_ROLE: Operation = Operation {
    id: "deleteAuthorizationRole",
    method: "DELETE",
    path: "/api/v2/authorization/roles/{roleId}",
    requirement: Requirement::Any(&["authorization:role:delete"]),
};
/// `GET /api/v2/authorization/divisions`.
pub const GET_AUTHORIZATION_DIVISIONS: Operation = Operation {
    id: "getAuthorizationDivisions",
    method: "GET",
    path: "/api/v2/authorization/divisions",
    requirement: Requirement::Any(&["authorization:division:view"]),
};
/// `POST /api/v2/authorization/divisions`.
pub const POST_AUTHORIZATION_DIVISIONS: Operation = Operation {
    id: "postAuthorizationDivisions",
    method: "POST",
    path: "/api/v2/authorization/divisions",
    requirement: Requirement::Any(&["authorization:division:add"]),
};
/// `GET /api/v2/authorization/divisions/home`.
pub const GET_AUTHORIZATION_DIVISIONS_HOME: Operation = Operation {
    id: "getAuthorizationDivisionsHome",
    method: "GET",
    path: "/api/v2/authorization/divisions/home",
    requirement: Requirement::Any(&["authorization:division:view"]),
};
/// `GET /api/v2/authorization/divisions/{divisionId}`.
pub const GET_AUTHORIZATION_DIVISION: Operation = Operation {
    id: "getAuthorizationDivision",
    method: "GET",
    path: "/api/v2/authorization/divisions/{divisionId}",
    requirement: Requirement::Any(&["authorization:division:view"]),
};
/// `PUT /api/v2/authorization/divisions/{divisionId}`.
pub const PUT_AUTHORIZATION_DIVISION: Operation = Operation {
    id: "putAuthorizationDivision",
    method: "PUT",
    path: "/api/v2/authorization/divisions/{divisionId}",
    requirement: Requirement::Any(&["authorization:division:edit"]),
};
/// `DELETE /api/v2/authorization/divisions/{divisionId}`.
pub const DELETE_AUTHORIZATION_DIVISION: Operation = Operation {
    id: "deleteAuthorizationDivision",
    method: "DELETE",
    path: "/api/v2/authorization/divisions/{divisionId}",
    requirement: Requirement::Any(&["authorization:division:delete"]),
};
/// `GET /api/v2/authorization/subjects/{subjectId}`.
pub const GET_AUTHORIZATION_SUBJECT: Operation = Operation {
    id: "getAuthorizationSubject",
    method: "GET",
    path: "/api/v2/authorization/subjects/{subjectId}",
    requirement: Requirement::Any(&["authorization:grant:view"]),
};
/// `POST /api/v2/authorization/subjects/{subjectId}/bulkadd`.
pub const POST_AUTHORIZATION_SUBJECT_BULKADD: Operation = Operation {
    id: "postAuthorizationSubjectBulkadd",
    method: "POST",
    path: "/api/v2/authorization/subjects/{subjectId}/bulkadd",
    requirement: Requirement::Any(&["authorization:grant:add"]),
};
/// `POST /api/v2/authorization/subjects/{subjectId}/bulkremove`.
pub const POST_AUTHORIZATION_SUBJECT_BULKREMOVE: Operation = Operation {
    id: "postAuthorizationSubjectBulkremove",
    method: "POST",
    path: "/api/v2/authorization/subjects/{subjectId}/bulkremove",
    requirement: Requirement::Any(&["authorization:grant:delete"]),
};
/// `POST /api/v2/authorization/subjects/{subjectId}/bulkreplace`.
pub const POST_AUTHORIZATION_SUBJECT_BULKREPLACE: Operation = Operation {
    id: "postAuthorizationSubjectBulkreplace",
    method: "POST",
    path: "/api/v2/authorization/subjects/{subjectId}/bulkreplace",
    requirement: Requirement::All(&["authorization:grant:add", "authorization:grant:delete"]),
};
/// `GET /api/v2/authorization/permissions`.
pub const GET_AUTHORIZATION_PERMISSIONS: Operation = Operation {
    id: "getAuthorizationPermissions",
    method: "GET",
    path: "/api/v2/authorization/permissions",
    requirement: Requirement::Any(&["authorization:role:view"]),
};
/// `GET /api/v2/oauth/clients`.
pub const GET_OAUTH_CLIENTS: Operation = Operation {
    id: "getOauthClients",
    method: "GET",
    path: "/api/v2/oauth/clients",
    requirement: Requirement::Any(&["oauth:client:view"]),
};
/// `POST /api/v2/oauth/clients`.
pub const POST_OAUTH_CLIENTS: Operation = Operation {
    id: "postOauthClients",
    method: "POST",
    path: "/api/v2/oauth/clients",
    requirement: Requirement::Any(&["oauth:client:add"]),
};
/// `GET /api/v2/oauth/clients/{clientId}`.
pub const GET_OAUTH_CLIENT: Operation = Operation {
    id: "getOauthClient",
    method: "GET",
    path: "/api/v2/oauth/clients/{clientId}",
    requirement: Requirement::Any(&["oauth:client:view"]),
};
/// `PUT /api/v2/oauth/clients/{clientId}`.
pub const PUT_OAUTH_CLIENT: Operation = Operation {
    id: "putOauthClient",
    method: "PUT",
    path: "/api/v2/oauth/clients/{clientId}",
    requirement: Requirement::Any(&["oauth:client:edit"]),
};
/// `DELETE /api/v2/oauth/clients/{clientId}`.
pub const DELETE_OAUTH_CLIENT: Operation = Operation {
    id: "deleteOauthClient",
    method: "DELETE",
    path: "/api/v2/oauth/clients/{clientId}",
    requirement: Requirement::Any(&["oauth:client:delete"]),
};
/// `POST /api/v2/oauth/clients/{clientId}/secret`.
pub const POST_OAUTH_CLIENT_SECRET: Operation = Operation {
    id: "postOauthClientSecret",
    method: "POST",
    path: "/api/v2/oauth/clients/{clientId}/secret",
    requirement: Requirement::Any(&["oauth:client:edit"]),
};

/// The operations orgtrust serves beside the reference extract (directory, tokens).
pub const DIRECTORY: &[Operation] = &[
    GET_TOKENS_ME,
    DELETE_TOKENS_ME,
    GET_USERS,
    POST_USERS,
    GET_USERS_ME,
    GET_USER,
    PATCH_USER,
    DELETE_USER,
    GET_USER_ROLES,
    PUT_USER_ROLES,
    POST_USER_PASSWORD,
    GET_GROUPS,
    POST_GROUPS,
    GET_GROUP,
    PUT_GROUP,
    DELETE_GROUP,
    GET_GROUP_MEMBERS,
    POST_GROUP_MEMBERS,
    DELETE_GROUP_MEMBERS,
    GET_AUTHORIZATION_ROLES,
    POST_AUTHORIZATION_ROLES,
    GET_AUTHORIZATION_ROLE,
    PUT_AUTHORIZATION_ROLE,
    PATCH_AUTHORIZATION_ROLE,
    DELETE_AUTHORIZATION_ROLE,
    GET_AUTHORIZATION_DIVISIONS,
    POST_AUTHORIZATION_DIVISIONS,
    GET_AUTHORIZATION_DIVISIONS_HOME,
    GET_AUTHORIZATION_DIVISION,
    PUT_AUTHORIZATION_DIVISION,
    DELETE_AUTHORIZATION_DIVISION,
    GET_AUTHORIZATION_SUBJECT,
    POST_AUTHORIZATION_SUBJECT_BULKADD,
    POST_AUTHORIZATION_SUBJECT_BULKREMOVE,
    POST_AUTHORIZATION_SUBJECT_BULKREPLACE,
    GET_AUTHORIZATION_PERMISSIONS,
    GET_OAUTH_CLIENTS,
    POST_OAUTH_CLIENTS,
    GET_OAUTH_CLIENT,
    PUT_OAUTH_CLIENT,
    DELETE_OAUTH_CLIENT,
    POST_OAUTH_CLIENT_SECRET,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The table equals the reference: same operationIds, methods, paths and requirements.
    #[test]
    fn operation_table_matches_reference() {
        let text = include_str!("../../../reference/genesys-orgauth-openapi.json");
        let spec: serde_json::Value = serde_json::from_str(text).expect("reference is JSON");
        let mut expected = Vec::new();
        for (path, methods) in spec["paths"].as_object().expect("paths") {
            for (method, op) in methods.as_object().expect("methods") {
                let req = &op["x-inin-requires-permissions"];
                let perms: Vec<String> = req["permissions"]
                    .as_array()
                    .expect("list")
                    .iter()
                    .map(|p| p.as_str().expect("str").to_owned())
                    .collect();
                let kind = if perms.is_empty() {
                    "NO".to_owned()
                } else {
                    req["type"].as_str().expect("type").to_owned()
                };
                expected.push((
                    op["operationId"].as_str().expect("id").to_owned(),
                    method.to_uppercase(),
                    path.clone(),
                    kind,
                    perms,
                ));
            }
        }
        expected.sort();
        let mut actual: Vec<_> = REFERENCE
            .iter()
            .map(|o| {
                let (kind, perms) = match o.requirement {
                    Requirement::None => ("NO", vec![]),
                    Requirement::Any(p) => ("ANY", p.iter().map(|s| (*s).to_owned()).collect()),
                    Requirement::All(p) => ("ALL", p.iter().map(|s| (*s).to_owned()).collect()),
                };
                (
                    o.id.to_owned(),
                    o.method.to_owned(),
                    o.path.to_owned(),
                    kind.to_owned(),
                    perms,
                )
            })
            .collect();
        actual.sort();
        assert_eq!(actual, expected);
    }

    /// Every permission an operation checks is in the catalogue role editors pick from.
    #[test]
    fn every_checked_permission_is_in_the_catalogue() {
        for op in REFERENCE.iter().chain(DIRECTORY) {
            for p in op.requirement.permissions() {
                assert!(
                    orgtrust_core::catalogue::is_known(p),
                    "{} checks unknown {p}",
                    op.id
                );
            }
        }
    }
}
