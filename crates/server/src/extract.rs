//! Extractors that speak Genesys: JSON bodies and query strings whose failures become the right
//! `ErrorBody` (400 `bad.request` / `invalid.value` / `missing.request.body`, 413, 415), query
//! arrays accepted comma-joined and repeated, and the request facts services record.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use orgtrust_api::codes;
use orgtrust_core::RequestMeta;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::middleware::CorrelationId;

fn check_content_type(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    match headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        None => Ok(()),
        Some(ct) => {
            let mime = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if mime == "application/json" || mime.ends_with("+json") || mime.is_empty() {
                Ok(())
            } else {
                Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    codes::UNSUPPORTED_MEDIA_TYPE,
                    format!("Content type [{ct}] is not supported; send application/json."),
                ))
            }
        }
    }
}

async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    check_content_type(req.headers())?;
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::from_status(StatusCode::PAYLOAD_TOO_LARGE)
        } else {
            ApiError::bad_request(format!("The request body could not be read: {rejection}"))
        }
    })
}

/// Parses a JSON document, mapping failures to Genesys errors that name the field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::MISSING_REQUEST_BODY,
            "A request body is required for this request.",
        ));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = inner.to_string();
                if message.contains("date") || message.contains("ISO-8601") {
                    let mut err = ApiError::new(StatusCode::BAD_REQUEST, codes::INVALID_DATE, format!("Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ (at {path})"));
                    err = err.with_field(&path);
                    err
                } else {
                    ApiError::invalid_value(&path, "", format!("Value at [{path}] is not valid: {message}"))
                }
            }
            _ => ApiError::bad_request(format!("The request could not be understood by the server due to malformed syntax: {inner}")),
        }
    })
}

/// A required JSON body.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req, state).await?;
        parse_json(&bytes).map(Json)
    }
}

/// An optional JSON body (absent or empty means `None`).
#[derive(Debug)]
pub struct OptionalJson<T>(pub Option<T>);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJson(None));
        }
        parse_json(&bytes).map(|v| OptionalJson(Some(v)))
    }
}

/// The query string as a multimap; arrays may come comma-joined (`?id=a,b`, `?id=a%2Cb`) or
/// repeated (`?id=a&id=b`).
#[derive(Debug, Default)]
pub struct Query {
    params: HashMap<String, Vec<String>>,
}

impl Query {
    /// Parses a raw query string.
    pub fn parse(raw: &str) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw)
            .map_err(|e| ApiError::bad_request(format!("The query string is malformed: {e}")))?;
        let mut params: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            params.entry(k).or_default().push(v);
        }
        Ok(Self { params })
    }

    /// The single value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .get(name)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value of `name`, comma-joined or repeated, trimmed, empty ones dropped.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.params
            .get(name)
            .into_iter()
            .flatten()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// A boolean parameter (`true`/`false`, case-insensitive).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None | Some("") => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(v) => Err(ApiError::invalid_value(name, v, format!("Value [{v}] is not valid for field type [boolean]. Allowable values are: true, false"))),
        }
    }

    /// An integer parameter.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None | Some("") => Ok(None),
            Some(v) => v.trim().parse().map(Some).map_err(|_| {
                ApiError::invalid_value(
                    name,
                    v,
                    format!("Value [{v}] is not valid for field type [integer]."),
                )
            }),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Query::parse(parts.uri.query().unwrap_or(""))
    }
}

/// The facts of the request that services record in audit events.
#[derive(Debug, Clone)]
pub struct Meta(pub RequestMeta);

impl<S: Send + Sync> FromRequestParts<S> for Meta {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Meta(request_meta(parts)))
    }
}

/// Reads the correlation id and the peer address of a request.
pub fn request_meta(parts: &Parts) -> RequestMeta {
    RequestMeta {
        correlation_id: parts
            .extensions
            .get::<CorrelationId>()
            .map(|c| c.0.clone())
            .unwrap_or_default(),
        remote_ip: parts
            .extensions
            .get::<crate::client_ip::ClientIp>()
            .map(|c| c.0)
            .or_else(|| {
                parts
                    .extensions
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip())
            })
            .map(|ip| ip.to_canonical().to_string()),
    }
}
