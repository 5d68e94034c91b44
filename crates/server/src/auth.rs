//! The auth extractor: `Authorization: Bearer <token>` to a checked [`Principal`], and the
//! operation check every handler starts with.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use orgtrust_api::codes;
use orgtrust_core::authz::Principal;
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
}

impl Auth {
    /// Checks the operation's requirement (ANY or ALL) against the caller's grants.
    pub fn authorize(&self, operation: &Operation) -> Result<&Principal, ApiError> {
        self.principal
            .require(&operation.requirement)
            .map_err(ApiError::from)?;
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
        Ok(Auth {
            principal,
            bearer: Arc::new(Secret::new(token)),
            meta: request_meta(parts),
        })
    }
}
