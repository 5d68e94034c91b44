//! `/_orgtrust/*`: the emulator controls (only with `orgtrust serve --emulator`; otherwise these
//! paths are 404 like any unknown path). Outside `/api/v2`, so they never collide with Genesys
//! paths. When an operator token is configured every control requires it as a bearer token.
//! Also the emulator's middleware: injected faults and the recent-request log.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, SecondsFormat, Utc};
use orgtrust_api::codes;
use orgtrust_core::emulator::faults::FaultRule;
use orgtrust_core::emulator::requests::RequestRecord;
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

/// `GET /_orgtrust/requests?limit=N` (default 100).
pub async fn get_requests(Operator(e): Operator, q: Query) -> ApiResult<axum::Json<Requests>> {
    let cap = e.requests.capacity() as i64;
    let limit = q.int("limit")?.unwrap_or(100);
    if !(1..=cap).contains(&limit) {
        return Err(ApiError::invalid_value(
            "limit",
            &limit.to_string(),
            format!("between 1 and {cap}"),
        ));
    }
    Ok(axum::Json(Requests {
        entities: e.requests.recent(limit as usize),
    }))
}

/// Where the `Auth` extractor leaves the acting organization for the request log.
#[derive(Debug, Clone, Default)]
pub struct RequestOrg(pub Arc<Mutex<Option<String>>>);

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
    let org = RequestOrg::default();
    request.extensions_mut().insert(org.clone());

    let fault = e.faults.decide(&method, &path);
    if let Some(ms) = fault.and_then(|f| f.latency_ms) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let response = match fault.and_then(|f| f.status) {
        Some(status) => injected(status),
        None => next.run(request).await,
    };
    let organization = org.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    e.requests.record(RequestRecord {
        timestamp,
        method,
        path,
        status: response.status().as_u16(),
        organization,
        correlation_id,
        duration_ms: started.elapsed().as_millis() as u64,
    });
    response
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
