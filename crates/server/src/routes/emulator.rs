//! `/_orgtrust/*`: the emulator controls (only with `orgtrust serve --emulator`; otherwise these
//! paths are 404 like any unknown path). Outside `/api/v2`, so they never collide with Genesys
//! paths. When an operator token is configured every control requires it as a bearer token.
//! Also the emulator's middleware: injected faults and the recent-request log.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::caller::CallerSlot;
use chrono::{DateTime, SecondsFormat, Utc};
use orgtrust_api::codes;
use orgtrust_core::emulator::faults::FaultRule;
use orgtrust_core::emulator::requests::Kept;
use orgtrust_core::emulator::requests::{
    JsonPathMatch, PathPattern, RequestFilter, RequestRecord, StatusMatch,
};
use orgtrust_core::emulator::Emulator;
use orgtrust_core::ids::OrgId;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::middleware::CorrelationId;
use crate::state::AppState;

/// The prefix of every control.
pub const PREFIX: &str = "/_orgtrust";

/// The control routes, or none when the emulator is off (then `/_orgtrust/*` is 404).
pub fn routes(state: &AppState) -> Router<AppState> {
    if state.emulator.is_none() {
        return Router::new();
    }
    Router::new()
        .route("/_orgtrust/clock", get(get_clock))
        .route("/_orgtrust/clock/advance", post(advance_clock))
        .route("/_orgtrust/clock/set", post(set_clock))
        .route("/_orgtrust/reset", post(reset))
        .route("/_orgtrust/organizations/{orgId}/reset", post(reset_org))
        .route(
            "/_orgtrust/faults",
            get(get_faults).post(post_faults).delete(delete_faults),
        )
        .route("/_orgtrust/requests", get(get_requests))
        .route("/_orgtrust/requests/count", get(count_requests))
}

/// A caller allowed to use the controls (the operator token checked when one is configured).
#[derive(Debug)]
pub struct Operator(Arc<Emulator>);

impl FromRequestParts<AppState> for Operator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let emulator = state.emulator.clone().ok_or_else(ApiError::not_found)?;
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        if !emulator.operator_allowed(presented) {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                codes::AUTHENTICATION_REQUIRED,
                "The emulator controls need the operator token as a bearer token.",
            ));
        }
        Ok(Operator(emulator))
    }
}

/// The emulated clock.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockState {
    /// The emulated now.
    pub now: String,
    /// Seconds between the emulated and the system clock.
    pub offset_seconds: i64,
}

fn clock_state(e: &Emulator, now: DateTime<Utc>) -> axum::Json<ClockState> {
    axum::Json(ClockState {
        now: now.to_rfc3339_opts(SecondsFormat::Millis, true),
        offset_seconds: e.offset().num_seconds(),
    })
}

/// `GET /_orgtrust/clock`.
pub async fn get_clock(Operator(e): Operator) -> axum::Json<ClockState> {
    clock_state(&e, e.now())
}

/// The body of `POST /_orgtrust/clock/advance`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    /// Seconds to move (negative goes back).
    pub seconds: i64,
}

/// `POST /_orgtrust/clock/advance`.
pub async fn advance_clock(
    Operator(e): Operator,
    Json(body): Json<Advance>,
) -> ApiResult<axum::Json<ClockState>> {
    let now = e.advance(body.seconds)?;
    Ok(clock_state(&e, now))
}

/// The body of `POST /_orgtrust/clock/set`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetClock {
    /// The instant to move to (ISO 8601 with an offset, e.g. `2030-01-01T00:00:00Z`).
    pub now: String,
}

/// `POST /_orgtrust/clock/set`.
pub async fn set_clock(
    Operator(e): Operator,
    Json(body): Json<SetClock>,
) -> ApiResult<axum::Json<ClockState>> {
    let at = DateTime::parse_from_rfc3339(&body.now)
        .map_err(|_| {
            ApiError::invalid_value("now", &body.now, "an ISO 8601 instant with an offset")
        })?
        .with_timezone(&Utc);
    let now = e.set(at)?;
    Ok(clock_state(&e, now))
}

/// `POST /_orgtrust/reset`: everything back to the fixture the server started with.
pub async fn reset(State(state): State<AppState>, Operator(e): Operator) -> ApiResult<StatusCode> {
    e.reset_all(&state.app).await?;
    e.requests.clear();
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /_orgtrust/organizations/{orgId}/reset`: one organization back to its fixture state.
pub async fn reset_org(
    State(state): State<AppState>,
    Operator(e): Operator,
    Path(org): Path<String>,
) -> ApiResult<StatusCode> {
    e.reset_org(&state.app, &OrgId::new(org)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The fault rules, posted and answered.
#[derive(Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    /// The rules (their schema is the core type's; the emulator routes are not in the Genesys
    /// document).
    #[schemars(with = "Vec<serde_json::Value>")]
    pub rules: Vec<FaultRule>,
}

/// `GET /_orgtrust/faults`.
pub async fn get_faults(Operator(e): Operator) -> axum::Json<Faults> {
    axum::Json(Faults {
        rules: e.faults.list(),
    })
}

/// `POST /_orgtrust/faults`: adds rules (all or none); answers the rules in force.
pub async fn post_faults(
    Operator(e): Operator,
    Json(body): Json<Faults>,
) -> ApiResult<axum::Json<Faults>> {
    let rules = e.faults.add(body.rules)?;
    Ok(axum::Json(Faults { rules }))
}

/// `DELETE /_orgtrust/faults`: removes every rule.
pub async fn delete_faults(Operator(e): Operator) -> StatusCode {
    e.faults.clear();
    StatusCode::NO_CONTENT
}

/// The recent requests, newest first.
#[derive(Debug, Serialize)]
pub struct Requests {
    /// The requests.
    pub entities: Vec<RequestRecord>,
}

/// The filter parameters of `/_orgtrust/requests` and `/_orgtrust/requests/count`.
const FILTERS: &[&str] = &[
    "method",
    "path",
    "status",
    "organization",
    "queryParam",
    "bodyContains",
    "bodyJsonPath",
];

/// The filter in the query; an unknown parameter is refused, so that a misspelt filter never
/// silently admits every request.
fn filter(q: &Query, also: &[&str]) -> ApiResult<RequestFilter> {
    if let Some(unknown) = q
        .names()
        .find(|n| !FILTERS.contains(n) && !also.contains(n))
    {
        return Err(ApiError::invalid_value(
            unknown,
            unknown,
            format!(
                "an unknown parameter; the filters are {}",
                FILTERS.join(", ")
            ),
        ));
    }
    let one = |name: &str| -> ApiResult<Option<String>> {
        match q.raw_all(name) {
            [] => Ok(None),
            [v] => Ok(Some(v.clone())),
            _ => Err(ApiError::invalid_value(name, name, "given at most once")),
        }
    };
    let mut f = RequestFilter {
        method: one("method")?,
        organization: one("organization")?,
        ..RequestFilter::default()
    };
    if let Some(p) = one("path")? {
        f.path = Some(PathPattern::parse("path", &p)?);
    }
    if let Some(s) = one("status")? {
        f.status = Some(StatusMatch::parse("status", &s)?);
    }
    for v in q.raw_all("queryParam") {
        f.query_params
            .push(RequestFilter::query_param("queryParam", v)?);
    }
    f.body_contains = q.raw_all("bodyContains").to_vec();
    for v in q.raw_all("bodyJsonPath") {
        f.body_json_paths
            .push(JsonPathMatch::parse("bodyJsonPath", v)?);
    }
    Ok(f)
}

/// `GET /_orgtrust/requests?limit=N&...filters` (limit default 100): the newest requests the
/// filters admit, newest first.
pub async fn get_requests(Operator(e): Operator, q: Query) -> ApiResult<axum::Json<Requests>> {
    let f = filter(&q, &["limit"])?;
    let cap = e.requests.capacity() as i64;
    let limit = q.int("limit")?.unwrap_or(100.min(cap));
    if !(1..=cap).contains(&limit) {
        return Err(ApiError::invalid_value(
            "limit",
            &limit.to_string(),
            format!("between 1 and {cap}"),
        ));
    }
    Ok(axum::Json(Requests {
        entities: e.requests.matching(&f, limit as usize),
    }))
}

/// How many requests the filters admit.
#[derive(Debug, Serialize)]
pub struct RequestCount {
    /// Among the requests the log keeps.
    pub count: usize,
}

/// `GET /_orgtrust/requests/count?...filters`: how many of the kept requests the filters admit.
pub async fn count_requests(
    Operator(e): Operator,
    q: Query,
) -> ApiResult<axum::Json<RequestCount>> {
    let f = filter(&q, &[])?;
    Ok(axum::Json(RequestCount {
        count: e.requests.count(&f),
    }))
}

/// The emulator's middleware (a no-op when the emulator is off): applies the first fault rule
/// that fires (latency, then the status instead of the handler), and records the request in
/// the log. The controls themselves are neither faulted nor logged.
pub async fn observe(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some(e) = state.emulator.clone() else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_owned();
    if path == PREFIX || path.starts_with("/_orgtrust/") {
        return next.run(request).await;
    }
    let started = Instant::now();
    let timestamp = e.now();
    let method = request.method().to_string();
    let correlation_id = request
        .extensions()
        .get::<CorrelationId>()
        .map(|c| c.0.clone())
        .unwrap_or_default();
    let caller = CallerSlot::of(&mut request);

    let (request, query, kept) = match capture(&e, request).await {
        Ok(captured) => captured,
        Err(refused) => return refused,
    };

    let fault = e.faults.decide(&method, &path);
    if let Some(ms) = fault.and_then(|f| f.latency_ms) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let response = match fault.and_then(|f| f.status) {
        Some(status) => injected(status),
        None => next.run(request).await,
    };
    let organization = caller.caller().map(|p| p.org_id.to_string());
    e.requests.record(RequestRecord {
        timestamp,
        method,
        path,
        query,
        status: response.status().as_u16(),
        organization,
        correlation_id,
        duration_ms: started.elapsed().as_millis() as u64,
        body: kept.body,
        body_truncated: kept.truncated,
        body_omitted: kept.omitted,
    });
    response
}

/// The request to serve (its body put back), and its query and body for the log (redacted).
/// A body is read only when its length is known (hyper knows it from `Content-Length`) and
/// within what the server accepts anyway; one streamed without a length or beyond the limit
/// goes on untouched (the handler's limit answers it) and the log says why it has no body.
async fn capture(
    e: &Emulator,
    request: Request,
) -> Result<(Request, Option<String>, Kept), Response> {
    use axum::body::HttpBody as _;
    let raw_query = request.uri().query().map(str::to_owned);
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let length = request.body().size_hint().exact();
    let (request, bytes, omitted) = match length {
        Some(0) => (request, Bytes::new(), None),
        _ if e.requests.body_bytes() == 0 => (request, Bytes::new(), None),
        Some(n) if n <= crate::middleware::MAX_BODY_BYTES as u64 => {
            let (parts, body) = request.into_parts();
            let bytes = axum::body::to_bytes(body, n as usize).await.map_err(|_| {
                ApiError::bad_request("The request body could not be read.").into_response()
            })?;
            let request = Request::from_parts(parts, axum::body::Body::from(bytes.clone()));
            (request, bytes, None)
        }
        Some(_) => (
            request,
            Bytes::new(),
            Some("larger than the server accepts"),
        ),
        None => (request, Bytes::new(), Some("sent without a length")),
    };
    let (query, mut kept) =
        e.requests
            .redact(raw_query.as_deref(), content_type.as_deref(), &bytes);
    if kept.omitted.is_none() {
        kept.omitted = omitted;
    }
    Ok((request, query, kept))
}

/// The answer of a fault rule: the status with the code Genesys uses for it.
fn injected(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let code = match status.as_u16() {
        429 => codes::TOO_MANY_REQUESTS.to_owned(),
        500 => codes::INTERNAL_SERVER_ERROR.to_owned(),
        503 => codes::SERVICE_UNAVAILABLE.to_owned(),
        504 => codes::REQUEST_TIMEOUT.to_owned(),
        _ => ApiError::from_status(status)
            .body()
            .code
            .clone()
            .unwrap_or_default(),
    };
    let mut response = ApiError::new(
        status,
        &code,
        "Injected by an orgtrust emulator fault rule.",
    )
    .into_response();
    if status == StatusCode::TOO_MANY_REQUESTS {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    }
    response
}
