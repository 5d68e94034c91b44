//! The permission check every declared operation runs before its handler: `Authorization: Bearer
//! <token>` to a checked principal, admitted (allowlist, scopes, rate limits) and authorized for the
//! requirement of the operation the route was declared for ([`check`], which `router` wraps around
//! every handler of the operation table). The handler receives the outcome as [`Auth`]; a route
//! that is not a declared operation has none to give, and a handler cannot make one.

use std::ops::Deref;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use orgtrust_api::codes;
use orgtrust_core::authz::{Authorized, Principal};
use orgtrust_core::scopes::ScopeRestriction;
use orgtrust_core::secret::Secret;
use orgtrust_core::{Error, RequestMeta};

use crate::error::ApiError;
use crate::extract::request_meta;
use crate::operation::Operation;
use crate::state::AppState;

/// An authorized request: the caller, checked for the route's operation, with its token and the
/// request's facts. Derefs to the [`Authorized`] proof services take.
#[derive(Debug, Clone)]
pub struct Auth {
    /// The caller, authorized for the operation.
    pub caller: Authorized,
    /// The bearer token as presented (needed only to revoke it).
    pub bearer: Arc<Secret>,
    /// Correlation id and peer address.
    pub meta: RequestMeta,
}

impl Deref for Auth {
    type Target = Authorized;

    fn deref(&self) -> &Authorized {
        &self.caller
    }
}

/// Checks the operation's requirement (ANY or ALL) against the caller's grants.
fn authorize(
    principal: Principal,
    scopes: Option<&ScopeRestriction>,
    operation: &'static Operation,
) -> Result<Authorized, ApiError> {
    principal
        .authorize(operation.id, &operation.requirement)
        .map_err(|denied| {
            // When only the OAuth scopes stand in the way, say which scope is missing.
            let explained = scopes.and_then(|s| s.explain(&operation.requirement));
            let denial = match &denied {
                Error::Forbidden(d) => Some(d.clone()),
                _ => None,
            };
            let error: ApiError = explained.unwrap_or(denied).into();
            error.refused(denial, operation.requirement)
        })
}

fn bearer_token(parts: &Parts) -> Result<&str, ApiError> {
    let missing = || {
        Error::unauthenticated(
            codes::AUTHENTICATION_REQUIRED,
            "No authentication bearer token specified in authorization header.",
        )
    };
    let value = parts
        .headers
        .get(header::AUTHORIZATION)
        .ok_or_else(missing)?;
    let value = value.to_str().map_err(|_| Error::bad_credentials())?;
    let (scheme, token) = value.split_once(' ').ok_or_else(missing)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(missing().into());
    }
    Ok(token.trim())
}

/// Authenticates, admits and authorizes the request for `operation`.
async fn authorized(
    parts: &mut Parts,
    state: &AppState,
    operation: &'static Operation,
) -> Result<Auth, ApiError> {
    let token = bearer_token(parts)?;
    let principal = state.app.auth.authenticate(token).await?;
    // The request's log lines carry the organization (see `middleware::correlate`).
    tracing::Span::current().record("org_id", principal.org_id.as_str());
    let meta = request_meta(parts);
    // The allowlist, scope enforcement and rate limits, before the handler runs: a refused
    // request has no effect.
    crate::caller::remember(parts, &principal);
    let admitted = state.app.admission.admit(principal, &meta).await?;
    crate::caller::remember(parts, &admitted.principal);
    let caller = authorize(admitted.principal, admitted.scopes.as_deref(), operation)?;
    Ok(Auth {
        caller,
        bearer: Arc::new(Secret::new(token)),
        meta,
    })
}

/// The route wrapper of every declared operation: the check runs before the handler, whether or
/// not the handler asks for its outcome.
pub async fn check(
    State((state, operation)): State<(AppState, &'static Operation)>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    match authorized(&mut parts, &state, operation).await {
        Ok(auth) => {
            parts.extensions.insert(auth);
            next.run(Request::from_parts(parts, body)).await
        }
        Err(e) => e.into_response(),
    }
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    /// The outcome of [`check`]; a route that is not a declared operation is refused.
    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        parts.extensions.remove::<Auth>().ok_or_else(|| {
            Error::NotAuthorized("This route is not a declared operation.".into()).into()
        })
    }
}
