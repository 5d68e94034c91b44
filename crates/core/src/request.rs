//! What a service knows about the request it serves, beyond the caller: the facts it records in
//! audit events.

/// Facts about the request a service records in audit events.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    /// The `ININ-Correlation-Id` of the request.
    pub correlation_id: String,
    /// The caller's address.
    pub remote_ip: Option<String>,
}
