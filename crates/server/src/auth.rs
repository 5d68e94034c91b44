//! The auth extractor: `Authorization: Bearer <token>` to a checked [`Principal`], and the
//! operation check every handler starts with.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use orgtrust_api::codes;
use orgtrust_core::authz::Principal;
use orgtrust_core::scopes::ScopeRestriction;
use orgtrust_core::secret::Secret;
use orgtrust_core::{Error, RequestMeta};

use crate::error::ApiError;
use crate::extract::request_meta;
use crate::operations::Operation;
use crate::state::AppState;

/// An authenticated request: who is calling, with which token, and the request's facts.
#[derive(Debug, Clone)]
pub struct Auth {
    /// The caller.
    pub principal: Principal,
    /// The bearer token as presented (needed only to revoke it).
    pub bearer: Arc<Secret>,
    /// Correlation id and peer address.
    pub meta: RequestMeta,
    /// What OAuth scope enforcement took away, when the organization enforces scopes.
    pub scopes: Option<Arc<ScopeRestriction>>,
}

impl Auth {
    /// Checks the operation's requirement (ANY or ALL) against the caller's grants.
    pub fn authorize(&self, operation: &Operation) -> Result<&Principal, ApiError> {
        if let Err(denied) = self.principal.require(&operation.requirement) {
            // When only the OAuth scopes stand in the way, say which scope is missing.
            let explained = self
                .scopes
                .as_ref()
                .and_then(|s| s.explain(&operation.requirement));
            let denial = match &denied {
                Error::Forbidden(d) => Some(d.clone()),
                _ => None,
            };
            let error: ApiError = explained.unwrap_or(denied).into();
            return Err(error.refused(denial, operation.requirement));
        }
        Ok(&self.principal)
    }
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

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer_token(parts)?;
        let principal = state.app.authenticate(token).await?;
        // The request's log lines carry the organization (see `middleware::correlate`).
        tracing::Span::current().record("org_id", principal.org_id.as_str());
        let meta = request_meta(parts);
        // The allowlist, scope enforcement and rate limits, before the handler runs: a refused
        // request has no effect.
        if let Some(slot) = parts.extensions.get::<RequestOrg>() {
            // The emulator's request log names the acting organization.
            *slot.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(principal.org_id.to_string());
        }
        crate::why::remember(parts, &principal);
        let admitted = state.app.admit(principal, &meta).await?;
        crate::why::remember(parts, &admitted.principal);
        Ok(Auth {
            principal: admitted.principal,
            bearer: Arc::new(Secret::new(token)),
            meta,
            scopes: admitted.scopes,
        })
    }
}

/// Where the `Auth` extractor leaves the acting organization for the emulator's request log
/// (`routes::emulator::observe` inserts it when the emulator is on).
#[derive(Debug, Clone, Default)]
pub struct RequestOrg(pub std::sync::Arc<std::sync::Mutex<Option<String>>>);
