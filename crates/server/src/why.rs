//! "Why was I refused" (emulator mode): appends the explanation of a refusal to the `details`
//! of every 403, and of the 401 of a cross-organization token whose trust no longer stands.
//!
//! Nothing happens outside emulator mode, and nothing is computed for allowed requests: the
//! middleware only asks for the caller (`crate::caller`) and the
//! refused requirement travels with the error (`ApiError`'s `Refusal`); the explanation itself
//! (`orgtrust_core::emulator::why`) is built after the handler, for refused requests only.

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use orgtrust_api::codes;
use orgtrust_api::error::Detail;
use orgtrust_core::emulator::why::WhyDetail;

use crate::caller::CallerSlot;
use crate::error::{PendingError, Refusal};
use crate::state::AppState;

fn detail(d: WhyDetail) -> Detail {
    Detail {
        error_code: Some(d.error_code.to_owned()),
        field_name: Some(d.field_name),
        entity_id: Some(d.entity_id),
        entity_name: Some(d.entity_name),
    }
}

/// The middleware (inside the correlation middleware, which serializes the body afterwards).
pub async fn explain(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if state.emulator.is_none() {
        return next.run(request).await;
    }
    let slot = CallerSlot::of(&mut request);
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_owned());
    let mut response = next.run(request).await;
    let status = response.status();
    if status != StatusCode::FORBIDDEN && status != StatusCode::UNAUTHORIZED {
        return response;
    }
    let Some(PendingError(mut body)) = response.extensions_mut().remove::<PendingError>() else {
        return response;
    };
    let refusal = response
        .extensions_mut()
        .remove::<Refusal>()
        .unwrap_or_default();
    let caller = slot.caller();
    let explained = match (status, caller, bearer) {
        (StatusCode::FORBIDDEN, Some(p), _) => {
            state
                .app
                .why
                .explain_refusal(
                    &p,
                    refusal.requirement.as_ref(),
                    refusal.denial.as_ref(),
                    body.message.as_deref().unwrap_or_default(),
                )
                .await
        }
        (StatusCode::UNAUTHORIZED, _, Some(bearer))
            if body.code.as_deref() == Some(codes::CREDENTIALS_EXPIRED) =>
        {
            state.app.why.explain_token_refusal(&bearer).await
        }
        _ => Ok(Vec::new()),
    };
    match explained {
        Ok(details) => body.details.extend(details.into_iter().map(detail)),
        // The refusal stands without its explanation.
        Err(error) => tracing::warn!(%error, "could not explain a refusal"),
    }
    response.extensions_mut().insert(PendingError(body));
    response
}
