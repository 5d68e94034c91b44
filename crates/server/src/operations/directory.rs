//! The directory, authorization and token operations orgtrust serves beside the reference (users,
//! groups, roles, divisions, subjects, OAuth clients, `tokens/me`): one declaration per operation.

use axum::routing::on;
use orgtrust_core::permission::Requirement;

use super::requests;
use crate::operation::{m, p, In, Operation, Resp, Ty, SORT_ORDER};
use crate::routes::authorization;
use crate::routes::groups;
use crate::routes::oauth_clients;
use crate::routes::tokens;
use crate::routes::users;

/// `GET /api/v2/tokens/me` (any valid token).
pub const GET_TOKENS_ME: Operation = Operation {
    id: "getTokensMe",
    method: "GET",
    path: "/api/v2/tokens/me",
    requirement: Requirement::None,
    tag: "Tokens",
    summary: "Fetch information about the current token",
    params: &[],
    status: 200,
    response: Resp::Model(m!(TokenInfo)),
    handler: |m| on(m, tokens::get_me),
};

/// `DELETE /api/v2/tokens/me` (any valid token).
pub const DELETE_TOKENS_ME: Operation = Operation {
    id: "deleteTokensMe",
    method: "DELETE",
    path: "/api/v2/tokens/me",
    requirement: Requirement::None,
    tag: "Tokens",
    summary: "Delete auth token used to make the request",
    params: &[],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, tokens::delete_me),
};

/// `GET /api/v2/users`.
pub const GET_USERS: Operation = Operation {
    id: "getUsers",
    method: "GET",
    path: "/api/v2/users",
    requirement: Requirement::Any(&["directory:user:view"]),
    tag: "Users",
    summary: "Get the list of available users",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("id", In::Query, false, Ty::StrList),
        p("sortOrder", In::Query, false, SORT_ORDER),
        p(
            "state",
            In::Query,
            false,
            Ty::Enum(&["active", "inactive", "deleted"]),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(UserEntityListing)),
    handler: |m| on(m, users::list),
};

/// `POST /api/v2/users`.
pub const POST_USERS: Operation = Operation {
    id: "postUsers",
    method: "POST",
    path: "/api/v2/users",
    requirement: Requirement::Any(&["directory:user:add"]),
    tag: "Users",
    summary: "Create user",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::BodyRefined(m!(CreateUser), requests::user_create),
    )],
    status: 200,
    response: Resp::Model(m!(User)),
    handler: |m| on(m, users::create),
};

/// `GET /api/v2/users/me` (any valid token).
pub const GET_USERS_ME: Operation = Operation {
    id: "getUsersMe",
    method: "GET",
    path: "/api/v2/users/me",
    requirement: Requirement::None,
    tag: "Users",
    summary: "Get current user details",
    params: &[],
    status: 200,
    response: Resp::Model(m!(User)),
    handler: |m| on(m, users::me),
};

/// `GET /api/v2/users/{userId}`.
pub const GET_USER: Operation = Operation {
    id: "getUser",
    method: "GET",
    path: "/api/v2/users/{userId}",
    requirement: Requirement::Any(&["directory:user:view"]),
    tag: "Users",
    summary: "Get user",
    params: &[p("userId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(User)),
    handler: |m| on(m, users::get),
};

/// `PATCH /api/v2/users/{userId}`.
pub const PATCH_USER: Operation = Operation {
    id: "patchUser",
    method: "PATCH",
    path: "/api/v2/users/{userId}",
    requirement: Requirement::Any(&["directory:user:edit"]),
    tag: "Users",
    summary: "Update user",
    params: &[
        p("userId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(UpdateUser), requests::user_update),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(User)),
    handler: |m| on(m, users::patch),
};

/// `DELETE /api/v2/users/{userId}`.
pub const DELETE_USER: Operation = Operation {
    id: "deleteUser",
    method: "DELETE",
    path: "/api/v2/users/{userId}",
    requirement: Requirement::Any(&["directory:user:delete"]),
    tag: "Users",
    summary: "Delete user",
    params: &[p("userId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Object,
    handler: |m| on(m, users::delete),
};

/// `GET /api/v2/users/{subjectId}/roles`.
pub const GET_USER_ROLES: Operation = Operation {
    id: "getUserRoles",
    method: "GET",
    path: "/api/v2/users/{subjectId}/roles",
    requirement: Requirement::Any(&["authorization:grant:view"]),
    tag: "Users",
    summary: "Returns a listing of roles and permissions for a user",
    params: &[p("subjectId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(UserAuthorization)),
    handler: |m| on(m, users::get_roles),
};

/// `PUT /api/v2/users/{subjectId}/roles`.
pub const PUT_USER_ROLES: Operation = Operation {
    id: "putUserRoles",
    method: "PUT",
    path: "/api/v2/users/{subjectId}/roles",
    requirement: Requirement::Any(&["authorization:grant:add"]),
    tag: "Users",
    summary: "Sets the user's roles",
    params: &[
        p("subjectId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::BodyStrList),
    ],
    status: 200,
    response: Resp::Model(m!(UserAuthorization)),
    handler: |m| on(m, users::put_roles),
};

/// `POST /api/v2/users/{userId}/password`.
pub const POST_USER_PASSWORD: Operation = Operation {
    id: "postUserPassword",
    method: "POST",
    path: "/api/v2/users/{userId}/password",
    requirement: Requirement::Any(&["directory:user:setPassword"]),
    tag: "Users",
    summary: "Change a users password",
    params: &[
        p("userId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(ChangePasswordRequest), requests::password_change),
        ),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, users::set_password),
};

/// `GET /api/v2/groups`.
pub const GET_GROUPS: Operation = Operation {
    id: "getGroups",
    method: "GET",
    path: "/api/v2/groups",
    requirement: Requirement::Any(&["directory:group:view"]),
    tag: "Groups",
    summary: "Get a group list",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("id", In::Query, false, Ty::StrList),
        p("sortOrder", In::Query, false, SORT_ORDER),
    ],
    status: 200,
    response: Resp::Model(m!(GroupEntityListing)),
    handler: |m| on(m, groups::list),
};

/// `POST /api/v2/groups`.
pub const POST_GROUPS: Operation = Operation {
    id: "postGroups",
    method: "POST",
    path: "/api/v2/groups",
    requirement: Requirement::Any(&["directory:group:add"]),
    tag: "Groups",
    summary: "Create a group",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::BodyRefined(m!(GroupCreate), requests::group_create),
    )],
    status: 200,
    response: Resp::Model(m!(Group)),
    handler: |m| on(m, groups::create),
};

/// `GET /api/v2/groups/{groupId}`.
pub const GET_GROUP: Operation = Operation {
    id: "getGroup",
    method: "GET",
    path: "/api/v2/groups/{groupId}",
    requirement: Requirement::Any(&["directory:group:view"]),
    tag: "Groups",
    summary: "Get group",
    params: &[p("groupId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(Group)),
    handler: |m| on(m, groups::get),
};

/// `PUT /api/v2/groups/{groupId}`.
pub const PUT_GROUP: Operation = Operation {
    id: "putGroup",
    method: "PUT",
    path: "/api/v2/groups/{groupId}",
    requirement: Requirement::Any(&["directory:group:edit"]),
    tag: "Groups",
    summary: "Update group",
    params: &[
        p("groupId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(GroupUpdate), requests::group_update),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(Group)),
    handler: |m| on(m, groups::put),
};

/// `DELETE /api/v2/groups/{groupId}`.
pub const DELETE_GROUP: Operation = Operation {
    id: "deleteGroup",
    method: "DELETE",
    path: "/api/v2/groups/{groupId}",
    requirement: Requirement::Any(&["directory:group:delete"]),
    tag: "Groups",
    summary: "Delete group",
    params: &[p("groupId", In::Path, true, Ty::Str)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, groups::delete),
};

/// `GET /api/v2/groups/{groupId}/members`.
pub const GET_GROUP_MEMBERS: Operation = Operation {
    id: "getGroupMembers",
    method: "GET",
    path: "/api/v2/groups/{groupId}/members",
    requirement: Requirement::Any(&["directory:group:view"]),
    tag: "Groups",
    summary: "Get group members, includes individuals, owners, and dynamically included people",
    params: &[
        p("groupId", In::Path, true, Ty::Str),
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("sortOrder", In::Query, false, SORT_ORDER),
    ],
    status: 200,
    response: Resp::Model(m!(UserEntityListing)),
    handler: |m| on(m, groups::members),
};

/// `POST /api/v2/groups/{groupId}/members`.
pub const POST_GROUP_MEMBERS: Operation = Operation {
    id: "postGroupMembers",
    method: "POST",
    path: "/api/v2/groups/{groupId}/members",
    requirement: Requirement::Any(&["directory:group:edit"]),
    tag: "Groups",
    summary: "Add members",
    params: &[
        p("groupId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(GroupMembersUpdate), requests::group_members),
        ),
    ],
    status: 202,
    response: Resp::Object,
    handler: |m| on(m, groups::add_members),
};

/// `DELETE /api/v2/groups/{groupId}/members`.
pub const DELETE_GROUP_MEMBERS: Operation = Operation {
    id: "deleteGroupMembers",
    method: "DELETE",
    path: "/api/v2/groups/{groupId}/members",
    requirement: Requirement::Any(&["directory:group:edit"]),
    tag: "Groups",
    summary: "Remove members",
    params: &[
        p("groupId", In::Path, true, Ty::Str),
        p("ids", In::Query, true, Ty::StrList),
    ],
    status: 202,
    response: Resp::Object,
    handler: |m| on(m, groups::remove_members),
};

/// `GET /api/v2/authorization/roles`.
pub const GET_AUTHORIZATION_ROLES: Operation = Operation {
    id: "getAuthorizationRoles",
    method: "GET",
    path: "/api/v2/authorization/roles",
    requirement: Requirement::Any(&["authorization:role:view"]),
    tag: "Authorization",
    summary: "Retrieve a list of all roles defined for the organization",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("id", In::Query, false, Ty::StrList),
        p("permission", In::Query, false, Ty::StrList),
    ],
    status: 200,
    response: Resp::Model(m!(OrganizationRoleEntityListing)),
    handler: |m| on(m, authorization::list_roles),
};

/// `POST /api/v2/authorization/roles`.
pub const POST_AUTHORIZATION_ROLES: Operation = Operation {
    id: "postAuthorizationRoles",
    method: "POST",
    path: "/api/v2/authorization/roles",
    requirement: Requirement::Any(&["authorization:role:add"]),
    tag: "Authorization",
    summary: "Create an organization role",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::BodyRefined(m!(DomainOrganizationRoleCreate), requests::role),
    )],
    status: 200,
    response: Resp::Model(m!(DomainOrganizationRole)),
    handler: |m| on(m, authorization::create_role),
};

/// `GET /api/v2/authorization/roles/{roleId}`.
pub const GET_AUTHORIZATION_ROLE: Operation = Operation {
    id: "getAuthorizationRole",
    method: "GET",
    path: "/api/v2/authorization/roles/{roleId}",
    requirement: Requirement::Any(&["authorization:role:view"]),
    tag: "Authorization",
    summary: "Get a single organization role",
    params: &[p("roleId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(DomainOrganizationRole)),
    handler: |m| on(m, authorization::get_role),
};

/// `PUT /api/v2/authorization/roles/{roleId}`.
pub const PUT_AUTHORIZATION_ROLE: Operation = Operation {
    id: "putAuthorizationRole",
    method: "PUT",
    path: "/api/v2/authorization/roles/{roleId}",
    requirement: Requirement::Any(&["authorization:role:edit"]),
    tag: "Authorization",
    summary: "Update an organization role",
    params: &[
        p("roleId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(DomainOrganizationRoleUpdate), requests::role),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(DomainOrganizationRole)),
    handler: |m| on(m, authorization::put_role),
};

/// `PATCH /api/v2/authorization/roles/{roleId}`.
pub const PATCH_AUTHORIZATION_ROLE: Operation = Operation {
    id: "patchAuthorizationRole",
    method: "PATCH",
    path: "/api/v2/authorization/roles/{roleId}",
    requirement: Requirement::Any(&["authorization:role:edit"]),
    tag: "Authorization",
    summary: "Patch Organization Role for needsUpdate Field",
    params: &[
        p("roleId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(DomainOrganizationRole), requests::role_patch),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(DomainOrganizationRole)),
    handler: |m| on(m, authorization::patch_role),
};

/// `DELETE /api/v2/authorization/roles/{roleId}`.
pub const DELETE_AUTHORIZATION_ROLE: Operation = Operation {
    id: "deleteAuthorizationRole",
    method: "DELETE",
    path: "/api/v2/authorization/roles/{roleId}",
    requirement: Requirement::Any(&["authorization:role:delete"]),
    tag: "Authorization",
    summary: "Delete an organization role",
    params: &[p("roleId", In::Path, true, Ty::Str)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, authorization::delete_role),
};

/// `GET /api/v2/authorization/divisions`.
pub const GET_AUTHORIZATION_DIVISIONS: Operation = Operation {
    id: "getAuthorizationDivisions",
    method: "GET",
    path: "/api/v2/authorization/divisions",
    requirement: Requirement::Any(&["authorization:division:view"]),
    tag: "Authorization",
    summary: "Retrieve a list of all divisions defined for the organization",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("objectCount", In::Query, false, Ty::Bool),
        p("id", In::Query, false, Ty::StrList),
        p("name", In::Query, false, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(AuthzDivisionEntityListing)),
    handler: |m| on(m, authorization::list_divisions),
};

/// `POST /api/v2/authorization/divisions`.
pub const POST_AUTHORIZATION_DIVISIONS: Operation = Operation {
    id: "postAuthorizationDivisions",
    method: "POST",
    path: "/api/v2/authorization/divisions",
    requirement: Requirement::Any(&["authorization:division:add"]),
    tag: "Authorization",
    summary: "Create a division",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::BodyRefined(m!(AuthzDivision), requests::division),
    )],
    status: 200,
    response: Resp::Model(m!(AuthzDivision)),
    handler: |m| on(m, authorization::create_division),
};

/// `GET /api/v2/authorization/divisions/home`.
pub const GET_AUTHORIZATION_DIVISIONS_HOME: Operation = Operation {
    id: "getAuthorizationDivisionsHome",
    method: "GET",
    path: "/api/v2/authorization/divisions/home",
    requirement: Requirement::Any(&["authorization:division:view"]),
    tag: "Authorization",
    summary: "Retrieve the home division for the organization",
    params: &[],
    status: 200,
    response: Resp::Model(m!(AuthzDivision)),
    handler: |m| on(m, authorization::home_division),
};

/// `GET /api/v2/authorization/divisions/{divisionId}`.
pub const GET_AUTHORIZATION_DIVISION: Operation = Operation {
    id: "getAuthorizationDivision",
    method: "GET",
    path: "/api/v2/authorization/divisions/{divisionId}",
    requirement: Requirement::Any(&["authorization:division:view"]),
    tag: "Authorization",
    summary: "Returns an authorization division",
    params: &[
        p("divisionId", In::Path, true, Ty::Str),
        p("objectCount", In::Query, false, Ty::Bool),
    ],
    status: 200,
    response: Resp::Model(m!(AuthzDivision)),
    handler: |m| on(m, authorization::get_division),
};

/// `PUT /api/v2/authorization/divisions/{divisionId}`.
pub const PUT_AUTHORIZATION_DIVISION: Operation = Operation {
    id: "putAuthorizationDivision",
    method: "PUT",
    path: "/api/v2/authorization/divisions/{divisionId}",
    requirement: Requirement::Any(&["authorization:division:edit"]),
    tag: "Authorization",
    summary: "Update a division",
    params: &[
        p("divisionId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(AuthzDivision), requests::division),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(AuthzDivision)),
    handler: |m| on(m, authorization::put_division),
};

/// `DELETE /api/v2/authorization/divisions/{divisionId}`.
pub const DELETE_AUTHORIZATION_DIVISION: Operation = Operation {
    id: "deleteAuthorizationDivision",
    method: "DELETE",
    path: "/api/v2/authorization/divisions/{divisionId}",
    requirement: Requirement::Any(&["authorization:division:delete"]),
    tag: "Authorization",
    summary: "Delete a division",
    params: &[p("divisionId", In::Path, true, Ty::Str)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, authorization::delete_division),
};

/// `GET /api/v2/authorization/subjects/{subjectId}`.
pub const GET_AUTHORIZATION_SUBJECT: Operation = Operation {
    id: "getAuthorizationSubject",
    method: "GET",
    path: "/api/v2/authorization/subjects/{subjectId}",
    requirement: Requirement::Any(&["authorization:grant:view"]),
    tag: "Authorization",
    summary: "Returns a listing of roles and permissions for a user",
    params: &[p("subjectId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(AuthzSubject)),
    handler: |m| on(m, authorization::get_subject),
};

/// `POST /api/v2/authorization/subjects/{subjectId}/bulkadd`.
pub const POST_AUTHORIZATION_SUBJECT_BULKADD: Operation = Operation {
    id: "postAuthorizationSubjectBulkadd",
    method: "POST",
    path: "/api/v2/authorization/subjects/{subjectId}/bulkadd",
    requirement: Requirement::Any(&["authorization:grant:add"]),
    tag: "Authorization",
    summary: "Bulk-grant roles and divisions to a subject",
    params: &[
        p("subjectId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::Body(m!(RoleDivisionGrants))),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, authorization::bulk_add),
};

/// `POST /api/v2/authorization/subjects/{subjectId}/bulkremove`.
pub const POST_AUTHORIZATION_SUBJECT_BULKREMOVE: Operation = Operation {
    id: "postAuthorizationSubjectBulkremove",
    method: "POST",
    path: "/api/v2/authorization/subjects/{subjectId}/bulkremove",
    requirement: Requirement::Any(&["authorization:grant:delete"]),
    tag: "Authorization",
    summary: "Bulk-remove grants from a subject",
    params: &[
        p("subjectId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::Body(m!(RoleDivisionGrants))),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, authorization::bulk_remove),
};

/// `POST /api/v2/authorization/subjects/{subjectId}/bulkreplace`.
pub const POST_AUTHORIZATION_SUBJECT_BULKREPLACE: Operation = Operation {
    id: "postAuthorizationSubjectBulkreplace",
    method: "POST",
    path: "/api/v2/authorization/subjects/{subjectId}/bulkreplace",
    requirement: Requirement::All(&["authorization:grant:add", "authorization:grant:delete"]),
    tag: "Authorization",
    summary: "Replace subject's roles and divisions with the exact list supplied in the request",
    params: &[
        p("subjectId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::Body(m!(RoleDivisionGrants))),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, authorization::bulk_replace),
};

/// `GET /api/v2/authorization/permissions`.
pub const GET_AUTHORIZATION_PERMISSIONS: Operation = Operation {
    id: "getAuthorizationPermissions",
    method: "GET",
    path: "/api/v2/authorization/permissions",
    requirement: Requirement::Any(&["authorization:role:view"]),
    tag: "Authorization",
    summary: "Get all permissions",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("query", In::Query, false, Ty::StrList),
    ],
    status: 200,
    response: Resp::Model(m!(PermissionCollectionEntityListing)),
    handler: |m| on(m, authorization::permissions),
};

/// `GET /api/v2/oauth/clients`.
pub const GET_OAUTH_CLIENTS: Operation = Operation {
    id: "getOauthClients",
    method: "GET",
    path: "/api/v2/oauth/clients",
    requirement: Requirement::Any(&["oauth:client:view"]),
    tag: "OAuth",
    summary: "The list of OAuth clients",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Model(m!(OAuthClientEntityListing)),
    handler: |m| on(m, oauth_clients::list),
};

/// `POST /api/v2/oauth/clients`.
pub const POST_OAUTH_CLIENTS: Operation = Operation {
    id: "postOauthClients",
    method: "POST",
    path: "/api/v2/oauth/clients",
    requirement: Requirement::Any(&["oauth:client:add"]),
    tag: "OAuth",
    summary: "Create OAuth client",
    params: &[p(
        "body",
        In::Body,
        true,
        Ty::BodyRefined(m!(OAuthClientRequest), requests::oauth_client),
    )],
    status: 200,
    response: Resp::Model(m!(OAuthClient)),
    handler: |m| on(m, oauth_clients::create),
};

/// `GET /api/v2/oauth/clients/{clientId}`.
pub const GET_OAUTH_CLIENT: Operation = Operation {
    id: "getOauthClient",
    method: "GET",
    path: "/api/v2/oauth/clients/{clientId}",
    requirement: Requirement::Any(&["oauth:client:view"]),
    tag: "OAuth",
    summary: "Get OAuth Client",
    params: &[p("clientId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(OAuthClient)),
    handler: |m| on(m, oauth_clients::get),
};

/// `PUT /api/v2/oauth/clients/{clientId}`.
pub const PUT_OAUTH_CLIENT: Operation = Operation {
    id: "putOauthClient",
    method: "PUT",
    path: "/api/v2/oauth/clients/{clientId}",
    requirement: Requirement::Any(&["oauth:client:edit"]),
    tag: "OAuth",
    summary: "Update OAuth Client",
    params: &[
        p("clientId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(OAuthClientRequest), requests::oauth_client),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(OAuthClient)),
    handler: |m| on(m, oauth_clients::put),
};

/// `DELETE /api/v2/oauth/clients/{clientId}`.
pub const DELETE_OAUTH_CLIENT: Operation = Operation {
    id: "deleteOauthClient",
    method: "DELETE",
    path: "/api/v2/oauth/clients/{clientId}",
    requirement: Requirement::Any(&["oauth:client:delete"]),
    tag: "OAuth",
    summary: "Delete OAuth Client",
    params: &[p("clientId", In::Path, true, Ty::Str)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, oauth_clients::delete),
};

/// `POST /api/v2/oauth/clients/{clientId}/secret`.
pub const POST_OAUTH_CLIENT_SECRET: Operation = Operation {
    id: "postOauthClientSecret",
    method: "POST",
    path: "/api/v2/oauth/clients/{clientId}/secret",
    requirement: Requirement::Any(&["oauth:client:edit"]),
    tag: "OAuth",
    summary: "Regenerate Client Secret",
    params: &[p("clientId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(OAuthClient)),
    handler: |m| on(m, oauth_clients::regenerate_secret),
};
