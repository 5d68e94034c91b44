//! The Genesys `ErrorBody` carried by every 4xx/5xx response, and the error codes it uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::organization::Limit;

/// The error body of every failed Platform API call.
///
/// `details` and `errors` are always serialized (as empty arrays when there is nothing to
/// report), every other field is omitted when `None`. `contextId` equals the response's
/// `ININ-Correlation-Id` header.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// Human-readable message, e.g. "The requested resource was not found.".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Machine-readable error code, one of [`codes`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The HTTP status code repeated in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i32>,
    /// Id of the entity the error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// Name of the entity the error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    /// Template form of `message` with `{param}` placeholders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_with_params: Option<String>,
    /// Values of the placeholders in `messageWithParams`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_params: Option<BTreeMap<String, String>>,
    /// Correlation id of the request (equals the `ININ-Correlation-Id` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_id: Option<String>,
    /// Per-field details; always present, possibly empty.
    #[serde(default)]
    pub details: Vec<Detail>,
    /// Nested errors; always present, possibly empty.
    #[serde(default)]
    pub errors: Vec<ErrorBody>,
    /// The limit that was exceeded (on 429 responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Limit>,
}

impl ErrorBody {
    /// An error body with `status`, `code` and `message` set and everything else empty.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            message: Some(message.into()),
            code: Some(code.into()),
            status: Some(i32::from(status)),
            ..Self::default()
        }
    }

    /// Sets `contextId` (the request's correlation id).
    #[must_use]
    pub fn with_context_id(mut self, context_id: impl Into<String>) -> Self {
        self.context_id = Some(context_id.into());
        self
    }

    /// Sets `messageWithParams`.
    #[must_use]
    pub fn with_message_template(mut self, template: impl Into<String>) -> Self {
        self.message_with_params = Some(template.into());
        self
    }

    /// Adds one entry to `messageParams`.
    #[must_use]
    pub fn with_param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.message_params
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }

    /// Appends one entry to `details`.
    #[must_use]
    pub fn with_detail(mut self, detail: Detail) -> Self {
        self.details.push(detail);
        self
    }

    /// Sets `limit` (for 429 responses).
    #[must_use]
    pub fn with_limit(mut self, limit: Limit) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// One detail entry of an [`ErrorBody`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Detail {
    /// Error code of this detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The request field this detail is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_name: Option<String>,
    /// Id of the entity this detail is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// Name of the entity this detail is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
}

/// Genesys error codes (`ErrorBody.code`).
///
/// All codes of the extract's `x-inin-error-codes` (standard responses and per-operation legacy
/// codes), followed by the codes orgtrust adds for situations Genesys does not document. The doc
/// comment of each constant gives the HTTP status and the Genesys message template.
pub mod codes {
    // ---- 400 ----
    /// 400: "The request could not be understood by the server due to malformed syntax."
    pub const BAD_REQUEST: &str = "bad.request";
    /// 400: "The response is over the size limit. Reduce pageSize or expand list to reduce
    /// response size if applicable"
    pub const RESPONSE_ENTITY_TOO_LARGE: &str = "response.entity.too.large";
    /// 400: "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ"
    pub const INVALID_DATE: &str = "invalid.date";
    /// 400: "Value [%s] is not valid for field type [%s]. Allowable values are: %s"
    pub const INVALID_VALUE: &str = "invalid.value";
    /// 400: "A request body is required for this request."
    pub const MISSING_REQUEST_BODY: &str = "missing.request.body";
    /// 400: "Value [%s] is not a valid property for object [%s]"
    pub const INVALID_PROPERTY: &str = "invalid.property";
    /// 400: "%s" (bean-validation failure, the message says which constraint).
    pub const CONSTRAINT_VALIDATION: &str = "constraint.validation";
    /// 400 (legacy, trust creation): "The pairing trustee organization id cannot match the
    /// creator of the trust's organization id."
    pub const SELF_TRUST_NOT_ALLOWED: &str = "self.trust.not.allowed";
    /// 400 (legacy, trust creation): "A valid pairingId is required."
    pub const PAIRING_ID_REQUIRED: &str = "pairing.id.required";
    /// 400 (legacy, trust creation): "At least one trustee user is required."
    pub const TRUSTEE_USER_REQUIRED: &str = "trustee.user.required";
    /// 400 (legacy, `/fieldconfig`): "The entity type is invalid."
    pub const BAD_ENTITY_TYPE: &str = "bad.entity.type";

    // ---- 401 ----
    /// 401: "No authentication bearer token specified in authorization header."
    pub const AUTHENTICATION_REQUIRED: &str = "authentication.required";
    /// 401: "Invalid login credentials."
    pub const BAD_CREDENTIALS: &str = "bad.credentials";
    /// 401: "The supplied credentials are expired and cannot be used."
    pub const CREDENTIALS_EXPIRED: &str = "credentials.expired";
    /// 401: the caller's address is outside the organization's IP allowlist (the published
    /// Swagger lists it among every operation's 401 codes; the message is orgtrust's).
    pub const IP_NOT_AUTHORIZED: &str = "ip.not.authorized";

    // ---- 403 ----
    /// 403: "Unable to perform the requested action. You are missing the following
    /// permission(s): %s"
    pub const MISSING_PERMISSIONS: &str = "missing.permissions";
    /// 403: "Unable to perform the requested action. You must have at least one of the
    /// following permissions assigned: %s"
    pub const MISSING_ANY_PERMISSIONS: &str = "missing.any.permissions";
    /// 403: "You are not authorized to perform the requested action. You must have permission
    /// %s in division %s"
    pub const MISSING_DIVISION_PERMISSION: &str = "missing.division.permission";
    /// 403: "You are not authorized to perform the requested action."
    pub const NOT_AUTHORIZED: &str = "not.authorized";
    /// 403 (legacy, trustee-side `/orgauthorization/trustors/{trustorOrgId}/users` operations):
    /// "Missing required permission(s)".
    pub const MISSING_TRUSTOR_PERMISSIONS: &str = "missing.trustor.permissions";

    // ---- 404 ----
    /// 404: "The requested resource was not found."
    pub const NOT_FOUND: &str = "not.found";

    // ---- 408 ----
    /// 408: "The client did not produce a request within the server timeout limit. This can be
    /// caused by a slow network connection and/or large payloads."
    pub const CLIENT_TIMEOUT: &str = "client.timeout";

    // ---- 409 ----
    /// 409: "The version supplied does not match the current version of the user"
    pub const GENERAL_CONFLICT: &str = "general.conflict";

    // ---- 413 ----
    /// 413: "The request is over the size limit. Maximum bytes: %s"
    pub const REQUEST_ENTITY_TOO_LARGE: &str = "request.entity.too.large";

    // ---- 415 ----
    /// 415: "Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect
    /// Content-Type value in the header."
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported.media.type";

    // ---- 429 ----
    /// 429 (legacy): "Rate limit exceeded the maximum [%s] requests within [%s] seconds"
    pub const TOO_MANY_REQUESTS: &str = "too.many.requests";
    /// 429: "Rate limit exceeded the maximum. Retry the request in [%s] seconds"
    pub const TOO_MANY_REQUESTS_RETRY_AFTER: &str = "too.many.requests.retry.after";

    // ---- 500 / 503 / 504 ----
    /// 500: "The server encountered an unexpected condition which prevented it from fulfilling
    /// the request."
    pub const INTERNAL_SERVER_ERROR: &str = "internal.server.error";
    /// 503: "Service Unavailable - The server is currently unavailable (because it is
    /// overloaded or down for maintenance)."
    pub const SERVICE_UNAVAILABLE: &str = "service.unavailable";
    /// 504: "The request timed out."
    pub const REQUEST_TIMEOUT: &str = "request.timeout";
    /// 504: "Authentication request timeout."
    pub const AUTHENTICATION_REQUEST_TIMEOUT: &str = "authentication.request.timeout";

    // ---- orgtrust additions ----
    /// orgtrust: the pairing request is older than its lifetime (48 hours by default).
    pub const PAIRING_EXPIRED: &str = "pairing.expired";
    /// orgtrust: the pairing request was already used to create a trust (pairings are single use).
    pub const PAIRING_USED: &str = "pairing.used";
    /// orgtrust: a trust between the two organizations already exists.
    pub const TRUST_ALREADY_EXISTS: &str = "trust.already.exists";
    /// orgtrust: a documented maximum (25 trusted users/groups, 5 cloned users, ...) would
    /// be exceeded.
    pub const MAX_ENTITY_COUNT_REACHED: &str = "max.entity.count.reached";
    /// orgtrust, 405: the path exists but does not support the HTTP method.
    pub const METHOD_NOT_ALLOWED: &str = "method.not.allowed";

    /// Every code above, in declaration order.
    pub const ALL: &[&str] = &[
        BAD_REQUEST,
        RESPONSE_ENTITY_TOO_LARGE,
        INVALID_DATE,
        INVALID_VALUE,
        MISSING_REQUEST_BODY,
        INVALID_PROPERTY,
        CONSTRAINT_VALIDATION,
        SELF_TRUST_NOT_ALLOWED,
        PAIRING_ID_REQUIRED,
        TRUSTEE_USER_REQUIRED,
        BAD_ENTITY_TYPE,
        AUTHENTICATION_REQUIRED,
        BAD_CREDENTIALS,
        CREDENTIALS_EXPIRED,
        IP_NOT_AUTHORIZED,
        MISSING_PERMISSIONS,
        MISSING_ANY_PERMISSIONS,
        MISSING_DIVISION_PERMISSION,
        NOT_AUTHORIZED,
        MISSING_TRUSTOR_PERMISSIONS,
        NOT_FOUND,
        CLIENT_TIMEOUT,
        GENERAL_CONFLICT,
        REQUEST_ENTITY_TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        TOO_MANY_REQUESTS,
        TOO_MANY_REQUESTS_RETRY_AFTER,
        INTERNAL_SERVER_ERROR,
        SERVICE_UNAVAILABLE,
        REQUEST_TIMEOUT,
        AUTHENTICATION_REQUEST_TIMEOUT,
        PAIRING_EXPIRED,
        PAIRING_USED,
        TRUST_ALREADY_EXISTS,
        MAX_ENTITY_COUNT_REACHED,
        METHOD_NOT_ALLOWED,
    ];
}
