//! orgtrust's own operations, under `/orgtrust/v1/` (apart from the Genesys paths, which SDKs
//! call, and from the emulator's `/_orgtrust/` controls): the access review.

use axum::routing::on;
use orgtrust_core::permission::Requirement;

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
