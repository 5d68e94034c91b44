//! The Organization API (`/api/v2/organizations/...`, `/api/v2/fieldconfig`): one declaration per
//! operation; the router, the Swagger document and the permission check derive from it.

use axum::routing::on;
use orgtrust_core::permission::Requirement;

use super::requests;
use crate::operation::{m, p, In, Operation, Resp, Ty, EPOCH_MS};
use crate::routes::authentication_settings as auth_settings;
use crate::routes::fieldconfig;
use crate::routes::limits;
use crate::routes::migrations;
use crate::routes::organizations;

/// `GET /api/v2/fieldconfig`.
pub const GET_FIELDCONFIG: Operation = Operation {
    id: "getFieldconfig",
    method: "GET",
    path: "/api/v2/fieldconfig",
    requirement: Requirement::None,
    tag: "Organization",
    summary: "Fetch field config for an entity type",
    params: &[p(
        "type",
        In::Query,
        true,
        Ty::Enum(&["person", "group", "org"]),
    )],
    status: 200,
    response: Resp::Model(m!(FieldConfig)),
    handler: |m| on(m, fieldconfig::get),
};

/// `POST /api/v2/organizations`.
pub const POST_ORGANIZATIONS: Operation = Operation {
    id: "postOrganizations",
    method: "POST",
    path: "/api/v2/organizations",
    requirement: Requirement::Any(&["internal:organization:add"]),
    tag: "Organization",
    summary: "Create an organization.",
    params: &[p(
        "body",
        In::Body,
        false,
        Ty::BodyRefined(m!(OrganizationCreate), requests::organization_create),
    )],
    status: 200,
    response: Resp::Model(m!(Organization)),
    handler: |m| on(m, organizations::post),
};

/// `GET /api/v2/organizations/authentication/settings`.
pub const GET_ORGANIZATIONS_AUTHENTICATION_SETTINGS: Operation = Operation {
    id: "getOrganizationsAuthenticationSettings",
    method: "GET",
    path: "/api/v2/organizations/authentication/settings",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Gets the organization's settings",
    params: &[],
    status: 200,
    response: Resp::Model(m!(OrgAuthSettings)),
    handler: |m| on(m, auth_settings::get_settings),
};

/// `PATCH /api/v2/organizations/authentication/settings`.
pub const PATCH_ORGANIZATIONS_AUTHENTICATION_SETTINGS: Operation = Operation {
    id: "patchOrganizationsAuthenticationSettings",
    method: "PATCH",
    path: "/api/v2/organizations/authentication/settings",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Update the organization's settings",
    params: &[p("body", In::Body, true, Ty::Body(m!(OrgAuthSettings)))],
    status: 200,
    response: Resp::Model(m!(OrgAuthSettings)),
    handler: |m| on(m, auth_settings::patch_settings),
};

/// `GET /api/v2/organizations/embeddedintegration`.
pub const GET_ORGANIZATIONS_EMBEDDEDINTEGRATION: Operation = Operation {
    id: "getOrganizationsEmbeddedintegration",
    method: "GET",
    path: "/api/v2/organizations/embeddedintegration",
    requirement: Requirement::None,
    tag: "Organization",
    summary: "Get the list of domains that will be allowed to embed PureCloud applications",
    params: &[],
    status: 200,
    response: Resp::Model(m!(EmbeddedIntegration)),
    handler: |m| on(m, auth_settings::get_embedded_integration),
};

/// `PUT /api/v2/organizations/embeddedintegration`.
pub const PUT_ORGANIZATIONS_EMBEDDEDINTEGRATION: Operation = Operation {
    id: "putOrganizationsEmbeddedintegration",
    method: "PUT",
    path: "/api/v2/organizations/embeddedintegration",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Update the list of domains that will be allowed to embed PureCloud applications",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::BodyRefined(m!(EmbeddedIntegration), requests::embedded_integration),
    )],
    status: 200,
    response: Resp::Model(m!(EmbeddedIntegration)),
    handler: |m| on(m, auth_settings::put_embedded_integration),
};

/// `GET /api/v2/organizations/enforcescopes`.
pub const GET_ORGANIZATIONS_ENFORCESCOPES: Operation = Operation {
    id: "getOrganizationsEnforcescopes",
    method: "GET",
    path: "/api/v2/organizations/enforcescopes",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Gets the setting for whether or not the organization enforces OAuth Scopes",
    params: &[],
    status: 200,
    response: Resp::Model(m!(EnforceScopesSetting)),
    handler: |m| on(m, auth_settings::get_enforce_scopes),
};

/// `PUT /api/v2/organizations/enforcescopes`.
pub const PUT_ORGANIZATIONS_ENFORCESCOPES: Operation = Operation {
    id: "putOrganizationsEnforcescopes",
    method: "PUT",
    path: "/api/v2/organizations/enforcescopes",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Update the setting for whether or not the organization enforces OAuth Scopes",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::Body(m!(EnforceScopesSetting)),
    )],
    status: 200,
    response: Resp::Model(m!(EnforceScopesSetting)),
    handler: |m| on(m, auth_settings::put_enforce_scopes),
};

/// `PATCH /api/v2/organizations/features/{featureName}`.
pub const PATCH_ORGANIZATIONS_FEATURE: Operation = Operation {
    id: "patchOrganizationsFeature",
    method: "PATCH",
    path: "/api/v2/organizations/features/{featureName}",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Update organization",
    params: &[
        p(
            "featureName",
            In::Path,
            true,
            Ty::Enum(&[
                "realtimeCIC",
                "purecloud",
                "hipaa",
                "ucEnabled",
                "pci",
                "purecloudVoice",
                "xmppFederation",
                "chat",
                "informalPhotos",
                "directory",
                "contactCenter",
                "unifiedCommunications",
                "custserv",
            ]),
        ),
        p(
            "enabled",
            In::Body,
            true,
            Ty::BodyRefined(m!(FeatureState), requests::enabled),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(OrganizationFeatures)),
    handler: |m| on(m, organizations::patch_feature),
};

/// `GET /api/v2/organizations/ipaddressauthentication`.
pub const GET_ORGANIZATIONS_IPADDRESSAUTHENTICATION: Operation = Operation {
    id: "getOrganizationsIpaddressauthentication",
    method: "GET",
    path: "/api/v2/organizations/ipaddressauthentication",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Get organization IP address whitelist settings",
    params: &[],
    status: 200,
    response: Resp::Model(m!(IpAddressAuthentication)),
    handler: |m| on(m, auth_settings::get_ip_address_authentication),
};

/// `PUT /api/v2/organizations/ipaddressauthentication`.
pub const PUT_ORGANIZATIONS_IPADDRESSAUTHENTICATION: Operation = Operation {
    id: "putOrganizationsIpaddressauthentication",
    method: "PUT",
    path: "/api/v2/organizations/ipaddressauthentication",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Update organization IP address whitelist settings",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::Body(m!(IpAddressAuthentication)),
    )],
    status: 200,
    response: Resp::Model(m!(IpAddressAuthentication)),
    handler: |m| on(m, auth_settings::put_ip_address_authentication),
};

/// `GET /api/v2/organizations/limits/changerequests`.
pub const GET_ORGANIZATIONS_LIMITS_CHANGEREQUESTS: Operation = Operation {
    id: "getOrganizationsLimitsChangerequests",
    method: "GET",
    path: "/api/v2/organizations/limits/changerequests",
    requirement: Requirement::Any(&["limits:organization:view"]),
    tag: "Organization",
    summary: "Get the available limit change requests",
    params: &[
        p("after", In::Query, false, EPOCH_MS),
        p("before", In::Query, false, EPOCH_MS),
        p(
            "status",
            In::Query,
            false,
            Ty::Enum(&[
                "Approved",
                "Rejected",
                "Rollback",
                "Pending",
                "Open",
                "SecondaryApprovalNamespacesAdded",
                "ReviewerApproved",
                "ReviewerRejected",
                "ReviewerRollback",
                "ImplementingChange",
                "ChangeImplemented",
                "ImplementingRollback",
                "RollbackImplemented",
            ]),
        ),
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("expand", In::Query, false, Ty::EnumList(&["statusHistory"])),
    ],
    status: 200,
    response: Resp::Model(m!(LimitChangeRequestsEntityListing)),
    handler: |m| on(m, limits::get_change_requests),
};

/// `POST /api/v2/organizations/limits/changerequests`.
pub const POST_ORGANIZATIONS_LIMITS_CHANGEREQUESTS: Operation = Operation {
    id: "postOrganizationsLimitsChangerequests",
    method: "POST",
    path: "/api/v2/organizations/limits/changerequests",
    requirement: Requirement::Any(&["internal:limitChangeRequest:create"]),
    tag: "Organization",
    summary: "Create a limit change request",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::BodyRefined(m!(LimitChangeRequest), requests::limit_change_request),
    )],
    status: 200,
    response: Resp::Model(m!(LimitChangeRequestDetails)),
    handler: |m| on(m, limits::post_change_request),
};

/// `GET /api/v2/organizations/limits/changerequests/{requestId}`.
pub const GET_ORGANIZATIONS_LIMITS_CHANGEREQUEST: Operation = Operation {
    id: "getOrganizationsLimitsChangerequest",
    method: "GET",
    path: "/api/v2/organizations/limits/changerequests/{requestId}",
    requirement: Requirement::Any(&["limits:organization:view"]),
    tag: "Organization",
    summary: "Get a limit change request",
    params: &[p("requestId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(LimitChangeRequestDetails)),
    handler: |m| on(m, limits::get_change_request),
};

/// `PATCH /api/v2/organizations/limits/changerequests/{requestId}`.
pub const PATCH_ORGANIZATIONS_LIMITS_CHANGEREQUEST: Operation = Operation {
    id: "patchOrganizationsLimitsChangerequest",
    method: "PATCH",
    path: "/api/v2/organizations/limits/changerequests/{requestId}",
    requirement: Requirement::Any(&["internal:limitChangeRequest:update"]),
    tag: "Organization",
    summary: "Update a limit change request",
    params: &[
        p("requestId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::Body(m!(LimitChangeRequestUpdate)),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(LimitChangeRequestDetails)),
    handler: |m| on(m, limits::patch_change_request),
};

/// `GET /api/v2/organizations/limits/docs`.
pub const GET_ORGANIZATIONS_LIMITS_DOCS: Operation = Operation {
    id: "getOrganizationsLimitsDocs",
    method: "GET",
    path: "/api/v2/organizations/limits/docs",
    requirement: Requirement::None,
    tag: "Organization",
    summary: "Get limit documentation",
    params: &[],
    status: 200,
    response: Resp::Model(m!(LimitDocumentation)),
    handler: |m| on(m, limits::get_docs),
};

/// `GET /api/v2/organizations/limits/docs/freetrial`.
pub const GET_ORGANIZATIONS_LIMITS_DOCS_FREETRIAL: Operation = Operation {
    id: "getOrganizationsLimitsDocsFreetrial",
    method: "GET",
    path: "/api/v2/organizations/limits/docs/freetrial",
    requirement: Requirement::None,
    tag: "Organization",
    summary: "Get free trial limit documentation",
    params: &[],
    status: 200,
    response: Resp::Model(m!(FreeTrialLimitDocs)),
    handler: |m| on(m, limits::get_docs_freetrial),
};

/// `GET /api/v2/organizations/limits/namespaces`.
pub const GET_ORGANIZATIONS_LIMITS_NAMESPACES: Operation = Operation {
    id: "getOrganizationsLimitsNamespaces",
    method: "GET",
    path: "/api/v2/organizations/limits/namespaces",
    requirement: Requirement::None,
    tag: "Organization",
    summary: "Get the available limit namespaces",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Object,
    handler: |m| on(m, limits::get_namespaces),
};

/// `GET /api/v2/organizations/limits/namespaces/{namespaceName}`.
pub const GET_ORGANIZATIONS_LIMITS_NAMESPACE: Operation = Operation {
    id: "getOrganizationsLimitsNamespace",
    method: "GET",
    path: "/api/v2/organizations/limits/namespaces/{namespaceName}",
    requirement: Requirement::None,
    tag: "Organization",
    summary: "Get the effective limits in a namespace for an organization",
    params: &[p("namespaceName", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(LimitsEntityListing)),
    handler: |m| on(m, limits::get_namespace),
};

/// `GET /api/v2/organizations/limits/namespaces/{namespaceName}/defaults`.
pub const GET_ORGANIZATIONS_LIMITS_NAMESPACE_DEFAULTS: Operation = Operation {
    id: "getOrganizationsLimitsNamespaceDefaults",
    method: "GET",
    path: "/api/v2/organizations/limits/namespaces/{namespaceName}/defaults",
    requirement: Requirement::None,
    tag: "Organization",
    summary: "Get the default limits in a namespace for an organization",
    params: &[p("namespaceName", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(LimitsEntityListing)),
    handler: |m| on(m, limits::get_namespace_defaults),
};

/// `DELETE /api/v2/organizations/me`.
pub const DELETE_ORGANIZATIONS_ME: Operation = Operation {
    id: "deleteOrganizationsMe",
    method: "DELETE",
    path: "/api/v2/organizations/me",
    requirement: Requirement::Any(&["internal:organization:terminate"]),
    tag: "Organization",
    summary: "Delete the organization.",
    params: &[],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, organizations::delete_me),
};

/// `GET /api/v2/organizations/me`.
pub const GET_ORGANIZATIONS_ME: Operation = Operation {
    id: "getOrganizationsMe",
    method: "GET",
    path: "/api/v2/organizations/me",
    requirement: Requirement::None,
    tag: "Organization",
    summary: "Get organization.",
    params: &[],
    status: 200,
    response: Resp::Model(m!(Organization)),
    handler: |m| on(m, organizations::get_me),
};

/// `PUT /api/v2/organizations/me`.
pub const PUT_ORGANIZATIONS_ME: Operation = Operation {
    id: "putOrganizationsMe",
    method: "PUT",
    path: "/api/v2/organizations/me",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Update organization.",
    params: &[p(
        "body",
        In::Body,
        false,
        Ty::BodyRefined(m!(Organization), requests::organization_update),
    )],
    status: 200,
    response: Resp::Model(m!(Organization)),
    handler: |m| on(m, organizations::put_me),
};

/// `GET /api/v2/organizations/migrations`.
pub const GET_ORGANIZATIONS_MIGRATIONS: Operation = Operation {
    id: "getOrganizationsMigrations",
    method: "GET",
    path: "/api/v2/organizations/migrations",
    requirement: Requirement::Any(&["migrations:organization:view"]),
    tag: "Organization",
    summary: "Get all migrations",
    params: &[
        p(
            "migrationType",
            In::Query,
            false,
            Ty::Enum(&["Enabled", "Disabled", "All"]),
        ),
        p("includeHidden", In::Query, false, Ty::Bool),
        p("includeDetails", In::Query, false, Ty::Bool),
    ],
    status: 200,
    response: Resp::Model(m!(MigrationListing)),
    handler: |m| on(m, migrations::get_migrations),
};

/// `GET /api/v2/organizations/migrations/{migrationName}`.
pub const GET_ORGANIZATIONS_MIGRATION: Operation = Operation {
    id: "getOrganizationsMigration",
    method: "GET",
    path: "/api/v2/organizations/migrations/{migrationName}",
    requirement: Requirement::Any(&["migrations:organization:view"]),
    tag: "Organization",
    summary: "Get a migration",
    params: &[
        p("migrationName", In::Path, true, Ty::Str),
        p("includeDetails", In::Query, false, Ty::Bool),
    ],
    status: 200,
    response: Resp::Model(m!(Migration)),
    handler: |m| on(m, migrations::get_migration),
};

/// `PATCH /api/v2/organizations/migrations/{migrationName}`.
pub const PATCH_ORGANIZATIONS_MIGRATION: Operation = Operation {
    id: "patchOrganizationsMigration",
    method: "PATCH",
    path: "/api/v2/organizations/migrations/{migrationName}",
    requirement: Requirement::Any(&["migrations:organization:edit"]),
    tag: "Organization",
    summary: "Update a migration",
    params: &[
        p(
            "migrationName",
            In::Path,
            true,
            Ty::Enum(requests::CONFIGURABLE_MIGRATIONS),
        ),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(MigrationUpdate), requests::enabled),
        ),
    ],
    status: 200,
    response: Resp::Object,
    handler: |m| on(m, migrations::patch_migration),
};

/// `GET /api/v2/organizations/migrations/{migrationName}/state`.
pub const GET_ORGANIZATIONS_MIGRATION_STATE: Operation = Operation {
    id: "getOrganizationsMigrationState",
    method: "GET",
    path: "/api/v2/organizations/migrations/{migrationName}/state",
    requirement: Requirement::Any(&["migrations:organization:view"]),
    tag: "Organization",
    summary: "Get a migrations state",
    params: &[p("migrationName", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(MigrationState)),
    handler: |m| on(m, migrations::get_migration_state),
};

/// `GET /api/v2/organizations/passwordrequirements`.
pub const GET_ORGANIZATIONS_PASSWORDREQUIREMENTS: Operation = Operation {
    id: "getOrganizationsPasswordrequirements",
    method: "GET",
    path: "/api/v2/organizations/passwordrequirements",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Gets the password requirement settings for the organization",
    params: &[],
    status: 200,
    response: Resp::Model(m!(PasswordRequirements)),
    handler: |m| on(m, auth_settings::get_password_requirements),
};

/// `PUT /api/v2/organizations/passwordrequirements`.
pub const PUT_ORGANIZATIONS_PASSWORDREQUIREMENTS: Operation = Operation {
    id: "putOrganizationsPasswordrequirements",
    method: "PUT",
    path: "/api/v2/organizations/passwordrequirements",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary: "Updates the password requirement settings for the organization",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::BodyRefined(m!(PasswordRequirements), requests::password_requirements),
    )],
    status: 200,
    response: Resp::Model(m!(PasswordRequirements)),
    handler: |m| on(m, auth_settings::put_password_requirements),
};

/// `GET /api/v2/organizations/whitelist`.
pub const GET_ORGANIZATIONS_WHITELIST: Operation = Operation {
    id: "getOrganizationsWhitelist",
    method: "GET",
    path: "/api/v2/organizations/whitelist",
    requirement: Requirement::None,
    tag: "Organization",
    summary:
        "This route is deprecated, please use /api/v2/organizations/authentication/settings instead",
    params: &[],
    status: 200,
    response: Resp::Model(m!(OrgWhitelistSettings)),
    handler: |m| on(m, auth_settings::get_whitelist),
};

/// `PUT /api/v2/organizations/whitelist`.
pub const PUT_ORGANIZATIONS_WHITELIST: Operation = Operation {
    id: "putOrganizationsWhitelist",
    method: "PUT",
    path: "/api/v2/organizations/whitelist",
    requirement: Requirement::Any(&["directory:organization:admin"]),
    tag: "Organization",
    summary:
        "This route is deprecated, please use /api/v2/organizations/authentication/settings instead",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::Body(m!(OrgWhitelistSettings)),
    )],
    status: 200,
    response: Resp::Model(m!(OrgWhitelistSettings)),
    handler: |m| on(m, auth_settings::put_whitelist),
};
