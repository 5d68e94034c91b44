//! orgtrust's own operations, under `/orgtrust/v1/` (apart from the Genesys paths, which SDKs
//! call, and from the emulator's `/_orgtrust/` controls): the access review.

use axum::routing::on;
use orgtrust_core::permission::Requirement;

use super::requests;
use crate::operation::{m, p, In, Operation, Resp, Ty};
use crate::routes::access;

/// `GET /orgtrust/v1/access/report`.
pub const GET_ACCESS_REPORT: Operation = Operation {
    id: "getOrgtrustAccessReport",
    method: "GET",
    path: "/orgtrust/v1/access/report",
    requirement: Requirement::Any(&["authorization:orgTrustee:view"]),
    tag: "Access Review (orgtrust)",
    summary: "Who from other organizations can do what here: every trustee user's effective roles per division, and through which trust member",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("trusteeOrgId", In::Query, false, Ty::Str),
        p("permission", In::Query, false, Ty::Str),
        p("divisionId", In::Query, false, Ty::Str),
    ],
    status: 200,
    response: Resp::Model(m!(AccessEntryListing)),
    handler: |m| on(m, access::report),
};

/// `GET /orgtrust/v1/access/history`.
pub const GET_ACCESS_HISTORY: Operation = Operation {
    id: "getOrgtrustAccessHistory",
    method: "GET",
    path: "/orgtrust/v1/access/history",
    requirement: Requirement::All(&["authorization:orgTrustee:view", "authorization:audit:view"]),
    tag: "Access Review (orgtrust)",
    summary: "What changed in that access between two dates (granted, widened, narrowed, changed, revoked), from the audit trail",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
        p("from", In::Query, false, Ty::DateTime),
        p("to", In::Query, false, Ty::DateTime),
    ],
    status: 200,
    response: Resp::Model(m!(AccessChangeListing)),
    handler: |m| on(m, access::history),
};

/// `GET /orgtrust/v1/access/reviews`.
pub const GET_ACCESS_REVIEWS: Operation = Operation {
    id: "getOrgtrustAccessReviews",
    method: "GET",
    path: "/orgtrust/v1/access/reviews",
    requirement: Requirement::Any(&["authorization:orgTrustee:view"]),
    tag: "Access Review (orgtrust)",
    summary: "The reviews this organization requires of its trusts, and which are due or lapsed",
    params: &[
        p("pageSize", In::Query, false, Ty::Range(1, 500)),
        p("pageNumber", In::Query, false, Ty::Range(1, 1_000_000)),
    ],
    status: 200,
    response: Resp::Model(m!(TrustReviewListing)),
    handler: |m| on(m, access::list_reviews),
};

/// `PUT /orgtrust/v1/access/reviews/{trusteeOrgId}`.
pub const PUT_ACCESS_REVIEW: Operation = Operation {
    id: "putOrgtrustAccessReview",
    method: "PUT",
    path: "/orgtrust/v1/access/reviews/{trusteeOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustee:edit"]),
    tag: "Access Review (orgtrust)",
    summary: "Require a trust to be confirmed every so many days by a named reviewer; unconfirmed, it is disabled when the review lapses",
    params: &[
        p("trusteeOrgId", In::Path, true, Ty::Str),
        p("body", In::Body, true, Ty::BodyRefined(m!(TrustReviewRequest), requests::trust_review)),
    ],
    status: 200,
    response: Resp::Model(m!(TrustReview)),
    handler: |m| on(m, access::put_review),
};

/// `DELETE /orgtrust/v1/access/reviews/{trusteeOrgId}`.
pub const DELETE_ACCESS_REVIEW: Operation = Operation {
    id: "deleteOrgtrustAccessReview",
    method: "DELETE",
    path: "/orgtrust/v1/access/reviews/{trusteeOrgId}",
    requirement: Requirement::Any(&["authorization:orgTrustee:edit"]),
    tag: "Access Review (orgtrust)",
    summary: "Stop requiring reviews of a trust",
    params: &[p("trusteeOrgId", In::Path, true, Ty::Str)],
    status: 204,
    response: Resp::Empty,
    handler: |m| on(m, access::delete_review),
};

/// `POST /orgtrust/v1/access/reviews/{trusteeOrgId}/confirm`.
pub const POST_ACCESS_REVIEW_CONFIRM: Operation = Operation {
    id: "postOrgtrustAccessReviewConfirm",
    method: "POST",
    path: "/orgtrust/v1/access/reviews/{trusteeOrgId}/confirm",
    requirement: Requirement::Any(&["authorization:orgTrustee:view"]),
    tag: "Access Review (orgtrust)",
    summary: "The named reviewer confirms the trust is still needed; the next confirmation is due a full interval later",
    params: &[p("trusteeOrgId", In::Path, true, Ty::Str)],
    status: 200,
    response: Resp::Model(m!(TrustReview)),
    handler: |m| on(m, access::confirm_review),
};
