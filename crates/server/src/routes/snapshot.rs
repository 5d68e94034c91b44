//! `GET`/`POST /_orgtrust/snapshot` (emulator only, behind the operator token like every
//! control): the whole state exported as a fixture-compatible document, or replaced by one.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use orgtrust_core::snapshot::SnapshotDoc;

use crate::error::{ApiError, ApiResult};
use crate::routes::emulator::Operator;
use crate::state::AppState;

/// The largest snapshot an import accepts (the audit trail makes them larger than API bodies).
pub const MAX_SNAPSHOT_BYTES: usize = 64 * 1024 * 1024;

/// The snapshot route, or none when the emulator is off.
pub fn routes(state: &AppState) -> Router<AppState> {
    if state.emulator.is_none() {
        return Router::new();
    }
    crate::middleware::body_limit(
        Router::new().route("/_orgtrust/snapshot", get(export).post(import)),
        MAX_SNAPSHOT_BYTES,
    )
}

/// `GET /_orgtrust/snapshot`: the whole state.
pub async fn export(
    State(state): State<AppState>,
    _operator: Operator,
) -> ApiResult<axum::Json<SnapshotDoc>> {
    Ok(axum::Json(state.app.export_snapshot().await?))
}

/// `POST /_orgtrust/snapshot`: replaces the whole state by the posted document, all or nothing
/// (a broken one is a 400 naming the JSON path; nothing changes). The request log is cleared
/// like a reset's; issued tokens stop working.
pub async fn import(
    State(state): State<AppState>,
    _operator: Operator,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::invalid_value("$", "(bytes)", "a UTF-8 JSON document"))?;
    state.app.import_snapshot("snapshot", text).await?;
    if let Some(e) = &state.emulator {
        e.requests.clear();
    }
    Ok(StatusCode::NO_CONTENT)
}
