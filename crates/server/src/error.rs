//! The one place where errors become HTTP: every 4xx and 5xx carries the Genesys `ErrorBody`,
//! and its `contextId` equals the response's `ININ-Correlation-Id` (filled in by the correlation
//! middleware, which is the only code that knows it).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use orgtrust_api::{codes, ErrorBody, Limit};
use orgtrust_core::permission::{Denial, Requirement};
use orgtrust_core::store::StoreError;
use orgtrust_core::Error;

/// What a 403 refused, carried from the check to the emulator's explanation (`crate::why`) as a
/// response extension.
#[derive(Debug, Clone, Default)]
pub struct Refusal {
    /// What the evaluator refused.
    pub denial: Option<Denial>,
    /// The operation's requirement, when the refusal came from its check.
    pub requirement: Option<Requirement>,
}

/// An error on its way to the client.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: Box<ErrorBody>,
    retry_after: Option<u64>,
    /// What a 403 refused (for the emulator's explanation, `crate::why`).
    refusal: Option<Box<Refusal>>,
}

/// The error body of a response, waiting for the correlation middleware to add `contextId`.
#[derive(Debug, Clone)]
pub struct PendingError(pub ErrorBody);

impl ApiError {
    /// An error with a status, a Genesys code and a message.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: Box::new(ErrorBody::new(status.as_u16(), code, message)),
            retry_after: None,
            refusal: None,
        }
    }

    /// Records what was refused and the requirement checked (for the emulator's explanation).
    #[must_use]
    pub fn refused(mut self, denial: Option<Denial>, requirement: Requirement) -> Self {
        let refusal = self.refusal.get_or_insert_with(Default::default);
        if denial.is_some() {
            refusal.denial = denial;
        }
        refusal.requirement = Some(requirement);
        self
    }

    /// A 400 `bad.request`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, message)
    }

    /// A 400 `invalid.value` naming the field and the value.
    pub fn invalid_value(field: &str, value: &str, message: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::BAD_REQUEST, codes::INVALID_VALUE, message);
        e.body = Box::new(
            (*e.body)
                .with_param("field", field)
                .with_param("value", value),
        );
        e
    }

    /// A 404 `not.found`.
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            "The requested resource was not found.",
        )
    }

    /// A 413 `request.entity.too.large` naming the limit, in the reference's words.
    pub fn too_large(max_bytes: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            codes::REQUEST_ENTITY_TOO_LARGE,
            format!("The request is over the size limit. Maximum bytes: {max_bytes}"),
        )
    }

    /// The default error for a bare status (used for responses produced below the handlers).
    pub fn from_status(status: StatusCode) -> Self {
        let (code, message) = match status {
            StatusCode::NOT_FOUND => (codes::NOT_FOUND, "The requested resource was not found."),
            StatusCode::METHOD_NOT_ALLOWED => (
                codes::METHOD_NOT_ALLOWED,
                "The HTTP method is not allowed on this resource.",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => (
                codes::REQUEST_ENTITY_TOO_LARGE,
                "The request is over the size limit.",
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                (codes::UNSUPPORTED_MEDIA_TYPE, "Unsupported media type.")
            }
            StatusCode::REQUEST_TIMEOUT => (
                codes::CLIENT_TIMEOUT,
                "The client did not send the request in time.",
            ),
            StatusCode::UNAUTHORIZED => (
                codes::AUTHENTICATION_REQUIRED,
                "No authentication bearer token specified in authorization header.",
            ),
            StatusCode::SERVICE_UNAVAILABLE => (codes::SERVICE_UNAVAILABLE, "Service unavailable."),
            s if s.is_client_error() => (
                codes::BAD_REQUEST,
                "The request could not be understood by the server due to malformed syntax.",
            ),
            _ => (
                codes::INTERNAL_SERVER_ERROR,
                "The server encountered an unexpected condition.",
            ),
        };
        Self::new(status, code, message)
    }

    /// Names the field at fault in `messageParams`.
    #[must_use]
    pub fn with_field(mut self, field: &str) -> Self {
        self.body = Box::new((*self.body).with_param("field", field));
        self
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The body (without `contextId`).
    pub fn body(&self) -> &ErrorBody {
        &self.body
    }
}

fn bracketed(perms: &[String]) -> String {
    format!("[{}]", perms.join(", "))
}

impl From<Denial> for ApiError {
    fn from(denial: Denial) -> Self {
        let refusal = Refusal {
            denial: Some(denial.clone()),
            requirement: None,
        };
        let mut e: Self = match denial {
            Denial::MissingAny(perms) => {
                let list = bracketed(&perms);
                let mut e = Self::new(
                    StatusCode::FORBIDDEN,
                    codes::MISSING_ANY_PERMISSIONS,
                    format!("Unable to perform the requested action. You must have at least one of the following permissions assigned: {list}"),
                );
                e.body = Box::new((*e.body)
                    .with_message_template("Unable to perform the requested action. You must have at least one of the following permissions assigned: {permissions}")
                    .with_param("permissions", list));
                e
            }
            Denial::MissingAll(perms) => {
                let list = bracketed(&perms);
                let mut e = Self::new(
                    StatusCode::FORBIDDEN,
                    codes::MISSING_PERMISSIONS,
                    format!("Unable to perform the requested action. You are missing the following permission(s): {list}"),
                );
                e.body = Box::new((*e.body)
                    .with_message_template("Unable to perform the requested action. You are missing the following permission(s): {permissions}")
                    .with_param("permissions", list));
                e
            }
            Denial::MissingInDivision {
                permission,
                division,
            } => {
                let mut e = Self::new(
                    StatusCode::FORBIDDEN,
                    codes::MISSING_DIVISION_PERMISSION,
                    format!("You are not authorized to perform the requested action. You must have permission {permission} in division {division}"),
                );
                e.body = Box::new((*e.body)
                    .with_message_template("You are not authorized to perform the requested action. You must have permission {permission} in division {division}")
                    .with_param("permission", permission)
                    .with_param("division", division.to_string()));
                e
            }
        };
        e.refusal = Some(Box::new(refusal));
        e
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        match error {
            Error::NotFound { .. } => Self::not_found(),
            Error::Invalid {
                code,
                message,
                field,
            } => {
                let mut e = Self::new(StatusCode::BAD_REQUEST, code, message);
                if let Some(field) = field {
                    e.body = Box::new((*e.body).with_param("field", field));
                }
                e
            }
            Error::Conflict { code, message } => Self::new(StatusCode::CONFLICT, code, message),
            Error::Forbidden(denial) => denial.into(),
            Error::NotAuthorized(message) => {
                Self::new(StatusCode::FORBIDDEN, codes::NOT_AUTHORIZED, message)
            }
            Error::Unauthenticated { code, message } => {
                Self::new(StatusCode::UNAUTHORIZED, code, message)
            }
            Error::RateLimited {
                retry_after_secs,
                key,
                namespace,
                value,
            } => {
                let mut e = Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    codes::TOO_MANY_REQUESTS_RETRY_AFTER,
                    format!("Rate limit exceeded the maximum. Retry the request in [{retry_after_secs}] seconds"),
                );
                e.body = Box::new((*e.body)
                    .with_message_template("Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds")
                    .with_param("retryAfter", retry_after_secs.to_string())
                    .with_param("limit", key.clone())
                    .with_limit(Limit { key: Some(key), namespace: Some(namespace), value: Some(value) }));
                e.retry_after = Some(retry_after_secs);
                e
            }
            Error::Store(StoreError::Unavailable(cause)) => {
                tracing::warn!(%cause, "storage unavailable");
                let mut e = Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    codes::SERVICE_UNAVAILABLE,
                    "Service unavailable. Retry later.",
                );
                e.retry_after = Some(1);
                e
            }
            Error::Store(cause) => {
                tracing::error!(%cause, "storage failure");
                Self::from_status(StatusCode::INTERNAL_SERVER_ERROR)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response.extensions_mut().insert(PendingError(*self.body));
        if let Some(refusal) = self.refusal {
            response.extensions_mut().insert(*refusal);
        }
        response
    }
}

/// Results of handlers.
pub type ApiResult<T> = Result<T, ApiError>;
