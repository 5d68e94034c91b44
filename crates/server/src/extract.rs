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
use schemars::JsonSchema;
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
    // A client that stalls mid-body gets 408 instead of holding the request open.
    let deadline = req
        .extensions()
        .get::<crate::connections::BodyReadTimeout>()
        .map_or(crate::connections::ClientTimeouts::default().body, |t| t.0);
    let read = tokio::time::timeout(deadline, Bytes::from_request(req, state))
        .await
        .map_err(|_| ApiError::from_status(StatusCode::REQUEST_TIMEOUT))?;
    read.map_err(|rejection| {
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
    // One rule for both engines (`orgtrust_core::input`): no string holds a NUL.
    if let Some(path) = orgtrust_core::input::nul_in_json_text(bytes) {
        return Err(ApiError::invalid_value(
            &path,
            "",
            orgtrust_core::input::nul_message(&path),
        ));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = inner.to_string();
                // An unknown enum value is no date, even when it spells one (`outdated_...`).
                let unknown_variant = message.starts_with("unknown variant");
                if !unknown_variant && (message.contains("date") || message.contains("ISO-8601")) {
                    let mut err = ApiError::new(StatusCode::BAD_REQUEST, codes::INVALID_DATE, format!("Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ (at {path})"));
                    err = err.with_field(&path);
                    err
                } else {
                    ApiError::invalid_value(&path, "", format!("Value at [{path}] is not valid: {message}"))
                }
            }
            _ => ApiError::bad_request(format!("The request could not be understood by the server due to malformed syntax: {inner}")),
        }
    })?;
    // One document: anything after it but whitespace is malformed (the fuzzer found `{..}1000`
    // accepted, and its NUL check reading only the first value).
    de.end().map_err(|e| {
        ApiError::bad_request(format!(
            "The request could not be understood by the server due to malformed syntax: {e}"
        ))
    })?;
    Ok(value)
}

/// [`parse_json`], refusing first an array where `T` expects an object (serde would take it as
/// the object's fields in order: see [`crate::body_shape`]).
pub fn parse_body<T: DeserializeOwned + JsonSchema + 'static>(bytes: &[u8]) -> Result<T, ApiError> {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        if let Some(path) = crate::body_shape::array_for_object::<T>(&value) {
            return Err(ApiError::invalid_value(
                &path,
                "",
                format!("Value at [{path}] is not valid: expected an object, found an array"),
            ));
        }
    }
    parse_json(bytes)
}

/// The edge's check of a request's URI against the rule of `orgtrust_core::input`: a path
/// holding a NUL names nothing (404 `not.found`); a query parameter holding one is a 400
/// `invalid.value` naming it. `None` for every URI without an encoded NUL (a raw one is not
/// HTTP), after one scan.
pub fn refuse_nul_in_uri(uri: &axum::http::Uri) -> Option<ApiError> {
    let has_nul = |s: &str| s.contains("%00");
    if has_nul(uri.path()) {
        return Some(ApiError::not_found());
    }
    let query = uri.query().filter(|q| has_nul(q))?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    let name =
        orgtrust_core::input::nul_in_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    Some(ApiError::invalid_value(
        &name,
        "",
        orgtrust_core::input::nul_message(&name),
    ))
}

/// A required JSON body.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + JsonSchema + 'static> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req, state).await?;
        parse_body(&bytes).map(Json)
    }
}

/// An optional JSON body (absent or empty means `None`).
#[derive(Debug)]
pub struct OptionalJson<T>(pub Option<T>);

impl<S: Send + Sync, T: DeserializeOwned + JsonSchema + 'static> FromRequest<S>
    for OptionalJson<T>
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJson(None));
        }
        parse_body(&bytes).map(|v| OptionalJson(Some(v)))
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

    /// Every value of `name` as given (repeated, never split at commas).
    pub fn raw_all(&self, name: &str) -> &[String] {
        self.params.get(name).map(Vec::as_slice).unwrap_or_default()
    }

    /// The parameter names present.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.params.keys().map(String::as_str)
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

#[cfg(test)]
mod tests {
    use axum::body::{to_bytes, Body};
    use axum::http::{Method, Request, StatusCode};
    use axum::routing::post;
    use axum::Router;
    use chrono::{DateTime, Utc};
    use serde::Deserialize;
    use serde_json::Value;
    use tower::ServiceExt;

    use super::*;

    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)] // fields exist to be parsed
    struct Probe {
        name: String,
        count: Option<i32>,
        #[serde(default, with = "orgtrust_api::datetime::utc_opt")]
        #[schemars(with = "Option<String>")]
        date_expired: Option<DateTime<Utc>>,
        kind: Option<ProbeKind>,
    }

    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)] // parsed only
    enum ProbeKind {
        Plain,
    }

    async fn required(Json(p): Json<Probe>) -> String {
        p.name
    }

    async fn optional(OptionalJson(p): OptionalJson<Probe>) -> String {
        p.map_or_else(|| "none".to_owned(), |p| p.name)
    }

    async fn query(q: Query) -> String {
        format!("{:?}", q.list("id"))
    }

    fn app() -> Router {
        Router::new()
            .route("/required", post(required))
            .route("/optional", post(optional).delete(optional))
            .route("/query", post(query))
            .layer(axum::middleware::from_fn(crate::middleware::correlate))
    }

    async fn send(
        method: Method,
        uri: &str,
        content_type: Option<&str>,
        body: &str,
    ) -> (StatusCode, Value, String) {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        let resp = app()
            .oneshot(req.body(Body::from(body.to_owned())).expect("request"))
            .await
            .expect("response");
        let status = resp.status();
        let correlation = resp
            .headers()
            .get("inin-correlation-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let bytes = to_bytes(resp.into_body(), 1 << 20).await.expect("body");
        let json: Value = serde_json::from_slice(&bytes)
            .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, json, correlation)
    }

    #[track_caller]
    fn assert_error(reply: &(StatusCode, Value, String), status: u16, code: &str) {
        assert_eq!(reply.0.as_u16(), status, "{}", reply.1);
        assert_eq!(reply.1["code"], code, "{}", reply.1);
        assert_eq!(reply.1["contextId"].as_str(), Some(reply.2.as_str()));
        assert!(!reply.2.is_empty());
    }

    const JSON: Option<&str> = Some("application/json");

    #[tokio::test]
    async fn valid_bodies_parse_and_unknown_fields_are_ignored() {
        let r = send(
            Method::POST,
            "/required",
            JSON,
            r#"{"name":"ok","surprise":[1,2]}"#,
        )
        .await;
        assert_eq!(r.1, Value::String("ok".into()));
        let r = send(
            Method::POST,
            "/required",
            Some("application/json; charset=UTF-8"),
            r#"{"name":"ok"}"#,
        )
        .await;
        assert_eq!(r.0, StatusCode::OK);
        // Python's isoformat() without zone, and JS's toISOString().
        for date in [
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00.000Z",
            "2026-01-01T00:00:00+00:00",
        ] {
            let body = format!(r#"{{"name":"d","dateExpired":"{date}"}}"#);
            assert_eq!(
                send(Method::POST, "/required", JSON, &body).await.0,
                StatusCode::OK,
                "{date}"
            );
        }
    }

    #[tokio::test]
    async fn malformed_json_is_bad_request() {
        let r = send(Method::POST, "/required", JSON, r#"{"name": "#).await;
        assert_error(&r, 400, codes::BAD_REQUEST);
        // Deep nesting is refused (serde_json's recursion limit), never a crash or a 500.
        let deep = format!(
            r#"{{"name":"x","count":{}{}}}"#,
            "[".repeat(5000),
            "]".repeat(5000)
        );
        let r = send(Method::POST, "/required", JSON, &deep).await;
        assert_eq!(r.0, StatusCode::BAD_REQUEST, "{}", r.1);
    }

    #[tokio::test]
    async fn a_field_of_the_wrong_type_is_invalid_value_naming_it() {
        let r = send(
            Method::POST,
            "/required",
            JSON,
            r#"{"name":"x","count":"many"}"#,
        )
        .await;
        assert_error(&r, 400, codes::INVALID_VALUE);
        assert_eq!(r.1["messageParams"]["field"], "count");
        let r = send(Method::POST, "/required", JSON, r#"{"count":1}"#).await;
        assert_error(&r, 400, codes::INVALID_VALUE);
    }

    #[tokio::test]
    async fn an_unknown_enum_value_is_invalid_value_even_when_it_spells_date() {
        let r = send(
            Method::POST,
            "/required",
            JSON,
            r#"{"name":"x","kind":"outdated_sdk_version"}"#,
        )
        .await;
        assert_error(&r, 400, codes::INVALID_VALUE);
        assert_eq!(r.1["messageParams"]["field"], "kind");
    }

    #[tokio::test]
    async fn an_unparsable_date_is_invalid_date() {
        let r = send(
            Method::POST,
            "/required",
            JSON,
            r#"{"name":"x","dateExpired":"tomorrow"}"#,
        )
        .await;
        assert_error(&r, 400, codes::INVALID_DATE);
    }

    #[tokio::test]
    async fn a_missing_body_is_missing_request_body() {
        assert_error(
            &send(Method::POST, "/required", JSON, "").await,
            400,
            codes::MISSING_REQUEST_BODY,
        );
        assert_error(
            &send(Method::POST, "/required", None, "  ").await,
            400,
            codes::MISSING_REQUEST_BODY,
        );
    }

    #[tokio::test]
    async fn other_media_types_are_415() {
        let r = send(
            Method::POST,
            "/required",
            Some("text/plain"),
            r#"{"name":"x"}"#,
        )
        .await;
        assert_error(&r, 415, codes::UNSUPPORTED_MEDIA_TYPE);
    }

    #[tokio::test]
    async fn an_empty_delete_with_a_json_content_type_is_accepted() {
        let r = send(Method::DELETE, "/optional", JSON, "").await;
        assert_eq!((r.0, r.1), (StatusCode::OK, Value::String("none".into())));
    }

    #[tokio::test]
    async fn query_arrays_come_comma_joined_or_repeated() {
        for uri in [
            "/query?id=a,b",
            "/query?id=a%2Cb",
            "/query?id=a&id=b",
            "/query?id=a,&id=b",
        ] {
            let r = send(Method::POST, uri, None, "").await;
            assert_eq!(r.1, serde_json::json!(["a", "b"]), "{uri}");
        }
    }

    #[test]
    fn typed_query_values_are_validated() {
        let q = Query::parse("flag=TRUE&n=12&bad=yes&nan=x").expect("parse");
        assert_eq!(q.bool("flag").expect("bool"), Some(true));
        assert_eq!(q.int("n").expect("int"), Some(12));
        assert_eq!(q.bool("missing").expect("bool"), None);
        assert_eq!(
            q.bool("bad").expect_err("invalid").status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            q.int("nan").expect_err("invalid").body().code.as_deref(),
            Some(codes::INVALID_VALUE)
        );
    }
}
