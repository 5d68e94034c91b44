//! The Organization Authorization API (`/api/v2/orgauthorization/...`): one declaration per
//! operation; the router, the Swagger document and the permission check derive from it.

use axum::routing::on;
use orgtrust_core::permission::Requirement;

use super::requests;
use crate::operation::{m, p, In, Operation, Resp, Ty, SORT_ORDER};
use crate::routes::orgauthorization::pairings;
use crate::routes::orgauthorization::trustees;
use crate::routes::orgauthorization::trustors;
use crate::routes::orgauthorization_audits;

/// `POST /api/v2/orgauthorization/pairings`.
pub const POST_ORGAUTHORIZATION_PAIRINGS: Operation = Operation {
    id: "postOrgauthorizationPairings",
    method: "POST",
    path: "/api/v2/orgauthorization/pairings",
    requirement: Requirement::Any(&["authorization:orgTrustee:add"]),
    tag: "Organization Authorization",
    summary: "A pairing id is created by the trustee and given to the trustor to create a trust.",
    params: &[p("body", In::Body, true, Ty::Body(m!(TrustRequestCreate)))],
    status: 200,
    response: Resp::Model(m!(TrustRequest)),
    handler: |m| on(m, pairings::create),
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
    tag: "Organization Authorization",
    summary: "Get Pairing Info",
    params: &[p("pairingId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(TrustRequest)),
    handler: |m| on(m, pairings::get),
};

/// `DELETE /api/v2/orgauthorization/trustees`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEES: Operation = Operation {
    id: "deleteOrgauthorizationTrustees",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees",
    requirement: Requirement::Any(&["authorization:orgTrustee:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Bulk Org Trustees",
    params: &[p("id", In::Query, true, Ty::StrList)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustees::delete_many),
};

/// `GET /api/v2/orgauthorization/trustees`.
pub const GET_ORGAUTHORIZATION_TRUSTEES: Operation = Operation {
    id: "getOrgauthorizationTrustees",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees",
    requirement: Requirement::Any(&["authorization:orgTrustee:view"]),
    tag: "Organization Authorization",
    summary: "The list of trustees for this organization (i.e. organizations granted access to this organization).",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Model(m!(TrustEntityListing)),
    handler: |m| on(m, trustees::list),
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
    tag: "Organization Authorization",
    summary: "Create a new organization authorization trust. This is required to grant other organizations access to your organization.",
    params: &[
        p("body", In::Body, true, Ty::BodyRefined(m!(TrustCreate), requests::trust_create)),
    ],
    status: 200,
    response: Resp::Model(m!(Trustee)),
    handler: |m| on(m, trustees::create),
};

/// `POST /api/v2/orgauthorization/trustees/audits`.
pub const POST_ORGAUTHORIZATION_TRUSTEES_AUDITS: Operation = Operation {
    id: "postOrgauthorizationTrusteesAudits",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees/audits",
    requirement: Requirement::Any(&["authorization:audit:view"]),
    tag: "Organization Authorization",
    summary: "Get Org Trustee Audits",
    params: &[
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(TrusteeAuditQueryRequest), requests::trustee_audits),
        ),
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("sortBy", In::Query, false, Ty::Str),
        p("sortOrder", In::Query, false, SORT_ORDER),
    ],
    status: 200,
    response: Resp::Model(m!(AuditQueryResponse)),
    handler: |m| on(m, orgauthorization_audits::post_trustees),
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
    tag: "Organization Authorization",
    summary: "Get Customer Care organization ids.",
    params: &[],
    status: 200,
    response: Resp::Model(m!(TrusteeReferenceList)),
    handler: |m| on(m, trustees::get_care),
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
    tag: "Organization Authorization",
    summary: "Create a new organization authorization trust with Customer Care. This is required to grant your regional Customer Care organization access to your organization.",
    params: &[
        p("assignDefaultRole", In::Query, false, Ty::Bool),
        p("autoExpire", In::Query, false, Ty::Bool),
        p("assignFullAccess", In::Query, false, Ty::Bool),
        p("allowTrustedUserAccess", In::Query, false, Ty::Bool),
    ],
    status: 200,
    response: Resp::Model(m!(TrustEntityListing)),
    handler: |m| on(m, trustees::create_care),
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
    tag: "Organization Authorization",
    summary: "Get organization authorization trust with Customer Care, if one exists.",
    params: &[],
    status: 200,
    response: Resp::Model(m!(Trustee)),
    handler: |m| on(m, trustees::get_default),
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
    tag: "Organization Authorization",
    summary: "Create a new organization authorization trust with Customer Care. This is required to grant your regional Customer Care organization access to your organization.",
    params: &[
        p("assignDefaultRole", In::Query, false, Ty::Bool),
        p("autoExpire", In::Query, false, Ty::Bool),
    ],
    status: 200,
    response: Resp::Model(m!(Trustee)),
    handler: |m| on(m, trustees::create_default),
};

/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE: Operation = Operation {
    id: "deleteOrgauthorizationTrustee",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustee:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Org Trust",
    params: &[p("trusteeOrgId", In::Path, true, Ty::Str)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustees::delete),
};

/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}`.
pub const GET_ORGAUTHORIZATION_TRUSTEE: Operation = Operation {
    id: "getOrgauthorizationTrustee",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustee:view"]),
    tag: "Organization Authorization",
    summary: "Get Org Trust",
    params: &[p("trusteeOrgId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(Trustee)),
    handler: |m| on(m, trustees::get),
};

/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE: Operation = Operation {
    id: "putOrgauthorizationTrustee",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustee:edit"]),
    tag: "Organization Authorization",
    summary: "Update Org Trust",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(TrustUpdate), requests::trust_update),
        ),
    ],
    status: 200,
    response: Resp::Model(m!(Trustee)),
    handler: |m| on(m, trustees::update),
};

/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_CLONEDUSERS: Operation = Operation {
    id: "getOrgauthorizationTrusteeClonedusers",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers",
    requirement: Requirement::Any(&["directory:user:view"]),
    tag: "Organization Authorization",
    summary: "The list of cloned users from the trustee organization (i.e. users with a native user record).",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(ClonedUserEntityListing)),
    handler: |m| on(m, trustees::cloned_users),
};

/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers/{trusteeUserId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_CLONEDUSER: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeCloneduser",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers/{trusteeUserId}",
    requirement: Requirement::Any(&["directory:user:delete"]),
    tag: "Organization Authorization",
    summary: "Deletes cloned user",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustees::delete_cloned_user),
};

/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_GROUPS: Operation = Operation {
    id: "getOrgauthorizationTrusteeGroups",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
    tag: "Organization Authorization",
    summary: "The list of trustee groups for this organization (i.e. groups granted access to this organization).",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Model(m!(TrustGroupEntityListing)),
    handler: |m| on(m, trustees::groups),
};

/// `POST /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups`.
pub const POST_ORGAUTHORIZATION_TRUSTEE_GROUPS: Operation = Operation {
    id: "postOrgauthorizationTrusteeGroups",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:add"]),
    tag: "Organization Authorization",
    summary: "Add a group to the trust.",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::Body(m!(TrustMemberCreate))),
    ],
    status: 200,
    response: Resp::Model(m!(TrustGroup)),
    handler: |m| on(m, trustees::add_group),
};

/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_GROUP: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeGroup",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Trustee Group",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeGroupId", In::Path, true, Ty::Str),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustees::delete_group),
};

/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_GROUP: Operation = Operation {
    id: "getOrgauthorizationTrusteeGroup",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
    tag: "Organization Authorization",
    summary: "Get Trustee Group",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeGroupId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(TrustGroup)),
    handler: |m| on(m, trustees::group),
};

/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roledivisions`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLEDIVISIONS: Operation = Operation {
    id: "putOrgauthorizationTrusteeGroupRoledivisions",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roledivisions",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:edit"]),
    tag: "Organization Authorization",
    summary: "Update Trustee Group Roles",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeGroupId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::Body(m!(RoleDivisionGrants))),
    ],
    status: 200,
    response: Resp::Model(m!(UserAuthorization)),
    handler: |m| on(m, trustees::put_group_roledivisions),
};

/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeGroupRoles",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Trustee Group Roles",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeGroupId", In::Path, true, Ty::Str),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustees::delete_group_roles),
};

/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES: Operation = Operation {
    id: "getOrgauthorizationTrusteeGroupRoles",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
    tag: "Organization Authorization",
    summary: "Get Trustee Group Roles",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeGroupId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(UserAuthorization)),
    handler: |m| on(m, trustees::group_roles),
};

/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES: Operation = Operation {
    id: "putOrgauthorizationTrusteeGroupRoles",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:edit"]),
    tag: "Organization Authorization",
    summary: "Update Trustee Group Roles",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeGroupId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::BodyStrList),
    ],
    status: 200,
    response: Resp::Model(m!(UserAuthorization)),
    handler: |m| on(m, trustees::put_group_roles),
};

/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_USERS: Operation = Operation {
    id: "getOrgauthorizationTrusteeUsers",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
    tag: "Organization Authorization",
    summary: "The list of trustee users for this organization (i.e. users granted access to this organization).",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Model(m!(TrustUserEntityListing)),
    handler: |m| on(m, trustees::users),
};

/// `POST /api/v2/orgauthorization/trustees/{trusteeOrgId}/users`.
pub const POST_ORGAUTHORIZATION_TRUSTEE_USERS: Operation = Operation {
    id: "postOrgauthorizationTrusteeUsers",
    method: "POST",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:add"]),
    tag: "Organization Authorization",
    summary: "Add a user to the trust.",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::Body(m!(TrustMemberCreate))),
    ],
    status: 200,
    response: Resp::Model(m!(TrustUser)),
    handler: |m| on(m, trustees::add_user),
};

/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_USER: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeUser",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Trustee User",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustees::delete_user),
};

/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_USER: Operation = Operation {
    id: "getOrgauthorizationTrusteeUser",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
    tag: "Organization Authorization",
    summary: "Get Trustee User",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(TrustUser)),
    handler: |m| on(m, trustees::user),
};

/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roledivisions`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE_USER_ROLEDIVISIONS: Operation = Operation {
    id: "putOrgauthorizationTrusteeUserRoledivisions",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roledivisions",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:edit"]),
    tag: "Organization Authorization",
    summary: "Update Trustee User Roles",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::Body(m!(RoleDivisionGrants))),
    ],
    status: 200,
    response: Resp::Model(m!(UserAuthorization)),
    handler: |m| on(m, trustees::put_user_roledivisions),
};

/// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`.
pub const DELETE_ORGAUTHORIZATION_TRUSTEE_USER_ROLES: Operation = Operation {
    id: "deleteOrgauthorizationTrusteeUserRoles",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Trustee User Roles",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustees::delete_user_roles),
};

/// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`.
pub const GET_ORGAUTHORIZATION_TRUSTEE_USER_ROLES: Operation = Operation {
    id: "getOrgauthorizationTrusteeUserRoles",
    method: "GET",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
    tag: "Organization Authorization",
    summary: "Get Trustee User Roles",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(UserAuthorization)),
    handler: |m| on(m, trustees::user_roles),
};

/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`.
pub const PUT_ORGAUTHORIZATION_TRUSTEE_USER_ROLES: Operation = Operation {
    id: "putOrgauthorizationTrusteeUserRoles",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:edit"]),
    tag: "Organization Authorization",
    summary: "Update Trustee User Roles",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::BodyStrList),
    ],
    status: 200,
    response: Resp::Model(m!(UserAuthorization)),
    handler: |m| on(m, trustees::put_user_roles),
};

/// `POST /api/v2/orgauthorization/trustor/audits`.
pub const POST_ORGAUTHORIZATION_TRUSTOR_AUDITS: Operation = Operation {
    id: "postOrgauthorizationTrustorAudits",
    method: "POST",
    path: "/api/v2/orgauthorization/trustor/audits",
    requirement: Requirement::Any(&["authorization:audit:view"]),
    tag: "Organization Authorization",
    summary: "Get Org Trustor Audits",
    params: &[
        p(
            "body",
            In::Body,
            true,
            Ty::BodyRefined(m!(TrustorAuditQueryRequest), requests::trustor_audits),
        ),
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("sortBy", In::Query, false, Ty::Str),
        p("sortOrder", In::Query, false, SORT_ORDER),
    ],
    status: 200,
    response: Resp::Model(m!(AuditQueryResponse)),
    handler: |m| on(m, orgauthorization_audits::post_trustor),
};

/// `DELETE /api/v2/orgauthorization/trustors`.
pub const DELETE_ORGAUTHORIZATION_TRUSTORS: Operation = Operation {
    id: "deleteOrgauthorizationTrustors",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors",
    requirement: Requirement::Any(&["authorization:orgTrustor:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Bulk Org Trustors",
    params: &[p("id", In::Query, true, Ty::StrList)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustors::delete_many),
};

/// `GET /api/v2/orgauthorization/trustors`.
pub const GET_ORGAUTHORIZATION_TRUSTORS: Operation = Operation {
    id: "getOrgauthorizationTrustors",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors",
    requirement: Requirement::Any(&["authorization:orgTrustor:view"]),
    tag: "Organization Authorization",
    summary: "The list of organizations that have authorized/trusted your organization.",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Model(m!(TrustorEntityListing)),
    handler: |m| on(m, trustors::list),
};

/// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTOR: Operation = Operation {
    id: "deleteOrgauthorizationTrustor",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustor:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Org Trust",
    params: &[p("trustorOrgId", In::Path, true, Ty::Str)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustors::delete),
};

/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}`.
pub const GET_ORGAUTHORIZATION_TRUSTOR: Operation = Operation {
    id: "getOrgauthorizationTrustor",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustor:view"]),
    tag: "Organization Authorization",
    summary: "Get Org Trust",
    params: &[p("trustorOrgId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(Trustor)),
    handler: |m| on(m, trustors::get),
};

/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_CLONEDUSERS: Operation = Operation {
    id: "getOrgauthorizationTrustorClonedusers",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
    tag: "Organization Authorization",
    summary: "The list of cloned users in the trustor organization (i.e. users with a native user record).",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(ClonedUserEntityListing)),
    handler: |m| on(m, trustors::cloned_users),
};

/// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER: Operation = Operation {
    id: "deleteOrgauthorizationTrustorCloneduser",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Cloned User",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustors::delete_cloned_user),
};

/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER: Operation = Operation {
    id: "getOrgauthorizationTrustorCloneduser",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
    tag: "Organization Authorization",
    summary: "Get Cloned User",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(ClonedUser)),
    handler: |m| on(m, trustors::get_cloned_user),
};

/// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`.
pub const PUT_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER: Operation = Operation {
    id: "putOrgauthorizationTrustorCloneduser",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}",
    requirement: Requirement::All(&["authorization:orgTrusteeUser:add"]),
    tag: "Organization Authorization",
    summary: "Creates a clone of the trustee user in the trustor org.",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(ClonedUser)),
    handler: |m| on(m, trustors::put_cloned_user),
};

/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/groups`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_GROUPS: Operation = Operation {
    id: "getOrgauthorizationTrustorGroups",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
    tag: "Organization Authorization",
    summary: "The list of groups in the trustor organization (i.e. groups granted access).",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Model(m!(TrustGroupEntityListing)),
    handler: |m| on(m, trustors::groups),
};

/// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTOR_GROUP: Operation = Operation {
    id: "deleteOrgauthorizationTrustorGroup",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Trustee Group",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trustorGroupId", In::Path, true, Ty::Str),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustors::delete_group),
};

/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_GROUP: Operation = Operation {
    id: "getOrgauthorizationTrustorGroup",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeGroup:view"]),
    tag: "Organization Authorization",
    summary: "Get Trustee Group",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trustorGroupId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(TrustGroup)),
    handler: |m| on(m, trustors::group),
};

/// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`.
pub const PUT_ORGAUTHORIZATION_TRUSTOR_GROUP: Operation = Operation {
    id: "putOrgauthorizationTrustorGroup",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}",
    requirement: Requirement::All(&["authorization:orgTrusteeGroup:add"]),
    tag: "Organization Authorization",
    summary: "Add a Trustee Group to the trust.",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trustorGroupId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(TrustGroup)),
    handler: |m| on(m, trustors::put_group),
};

/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/users`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_USERS: Operation = Operation {
    id: "getOrgauthorizationTrustorUsers",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/users",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
    tag: "Organization Authorization",
    summary: "The list of users in the trustor organization (i.e. users granted access).",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Model(m!(TrustUserEntityListing)),
    handler: |m| on(m, trustors::users),
};

/// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`.
pub const DELETE_ORGAUTHORIZATION_TRUSTOR_USER: Operation = Operation {
    id: "deleteOrgauthorizationTrustorUser",
    method: "DELETE",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:delete"]),
    tag: "Organization Authorization",
    summary: "Delete Trustee User",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, trustors::delete_user),
};

/// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`.
pub const GET_ORGAUTHORIZATION_TRUSTOR_USER: Operation = Operation {
    id: "getOrgauthorizationTrustorUser",
    method: "GET",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}",
    requirement: Requirement::Any(&["authorization:orgTrusteeUser:view"]),
    tag: "Organization Authorization",
    summary: "Get Trustee User",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(TrustUser)),
    handler: |m| on(m, trustors::user),
};

/// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`.
pub const PUT_ORGAUTHORIZATION_TRUSTOR_USER: Operation = Operation {
    id: "putOrgauthorizationTrustorUser",
    method: "PUT",
    path: "/api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}",
    requirement: Requirement::All(&["authorization:orgTrusteeUser:add"]),
    tag: "Organization Authorization",
    summary: "Add a Trustee user to the trust.",
    params: &[
        p("trustorOrgId", In::Path, true, Ty::Str),
        p("trusteeUserId", In::Path, true, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(TrustUser)),
    handler: |m| on(m, trustors::put_user),
};
