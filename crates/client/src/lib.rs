//! An async, typed client for the orgtrust server and any other implementation of the Genesys
//! Cloud Platform API v2 Organization Authorization and Organization APIs.
//!
//! One method per operation, named like the official SDKs' (`get_orgauthorization_trustee`,
//! `post_orgauthorization_pairings`, ...), taking and returning the wire types of
//! [`orgtrust_api`]. Failures are a [`ClientError`] carrying the Genesys `ErrorBody`.
//!
//! ```no_run
//! # async fn demo() -> orgtrust_client::Result<()> {
//! use futures::TryStreamExt;
//! let client = orgtrust_client::Client::new("http://127.0.0.1:8080")?;
//! client.login_client_credentials("acme-admin", "acme-admin-secret").await?;
//! let me = client.get_organizations_me().await?;
//! println!("{}", me.name.unwrap_or_default());
//! // Every trustee, page after page:
//! let trustees: Vec<_> = client.get_orgauthorization_trustees_stream(Some(100)).try_collect().await?;
//! # Ok(()) }
//! ```
//!
//! Requests rejected with 429 and a `Retry-After` header are retried after that delay when the
//! method is idempotent (`GET`, `PUT`, `DELETE`), up to [`ClientBuilder::max_retries`] times;
//! `POST` and `PATCH` are never retried.

#![deny(missing_docs)]

mod access;
mod auth;
mod directory;
mod emulator;
mod error;
mod organization;
mod orgauthorization;
pub mod paging;
mod tokens;

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use access::AccessReportFilter;
pub use auth::{TOKEN_EXCHANGE_GRANT, TOKEN_TYPE_ACCESS_TOKEN};
pub use emulator::{LoggedRequest, RequestQuery};
pub use error::{ClientError, Result};
pub use orgtrust_api as api;
pub use paging::paginate;

/// Retries of a 429 on idempotent methods, unless configured otherwise.
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// Longest `Retry-After` the client waits for, unless configured otherwise.
pub const DEFAULT_MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

/// Sent as `User-Agent` by clients this crate builds, so server logs can tell them apart.
pub const USER_AGENT: &str = concat!("orgtrust-client/", env!("CARGO_PKG_VERSION"));

/// The correlation header Genesys servers answer with (and accept from clients).
const CORRELATION_HEADER: &str = "inin-correlation-id";

/// A client of one server. Cheap to clone; clones share the connection pool and the token.
///
/// The bearer token is set by the `login_*` methods (or [`ClientBuilder::token`],
/// [`Client::set_token`]); [`Client::with_token`] gives a client of the same server acting as
/// someone else.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    config: Arc<Config>,
    token: Arc<RwLock<Option<String>>>,
}

/// What a [`ClientBuilder`] fixes once.
struct Config {
    /// `scheme://host[:port][/prefix]`, without a trailing slash.
    base_url: String,
    max_retries: u32,
    max_retry_wait: Duration,
}

impl fmt::Debug for Client {
    // Hand-written so the bearer token never reaches a log line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.config.base_url)
            .field("max_retries", &self.config.max_retries)
            .field("authenticated", &self.token().is_some())
            .finish()
    }
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    base_url: String,
    token: Option<String>,
    max_retries: u32,
    max_retry_wait: Duration,
    timeout: Option<Duration>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("max_retries", &self.max_retries)
            .field("max_retry_wait", &self.max_retry_wait)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder for the server at `base_url` (`http://127.0.0.1:8080`, or an
    /// `https://api.<region>` address; a path prefix is kept).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            token: None,
            max_retries: DEFAULT_MAX_RETRIES,
            max_retry_wait: DEFAULT_MAX_RETRY_WAIT,
            timeout: None,
            http: None,
        }
    }

    /// Starts with this bearer token instead of logging in.
    #[must_use]
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// How many times an idempotent request rejected with 429 is retried (default 3; 0 turns
    /// retries off).
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The longest `Retry-After` worth waiting for (default 60 s); a 429 asking for longer is
    /// returned as an error at once.
    #[must_use]
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.max_retry_wait = wait;
        self
    }

    /// A timeout for each request (none by default).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Uses this `reqwest` client (its own timeouts, proxies, TLS) instead of a new one;
    /// [`ClientBuilder::timeout`] is then ignored.
    #[must_use]
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// [`ClientError::Config`] when the base URL is not an absolute `http`/`https` URL;
    /// [`ClientError::Transport`] when the HTTP client cannot be built.
    pub fn build(self) -> Result<Client> {
        let url = reqwest::Url::parse(&self.base_url)
            .map_err(|e| ClientError::Config(format!("base URL {:?}: {e}", self.base_url)))?;
        if !matches!(url.scheme(), "http" | "https") || url.query().is_some() {
            return Err(ClientError::Config(format!(
                "base URL {:?}: expected http(s)://host[:port][/prefix]",
                self.base_url
            )));
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut b = reqwest::Client::builder().user_agent(USER_AGENT);
                if let Some(t) = self.timeout {
                    b = b.timeout(t);
                }
                b.build()?
            }
        };
        Ok(Client {
            http,
            config: Arc::new(Config {
                base_url: self.base_url.trim_end_matches('/').to_owned(),
                max_retries: self.max_retries,
                max_retry_wait: self.max_retry_wait,
            }),
            token: Arc::new(RwLock::new(self.token)),
        })
    }
}

impl Client {
    /// A client of the server at `base_url` with the default settings and no token.
    ///
    /// # Errors
    /// As [`ClientBuilder::build`].
    pub fn new(base_url: impl Into<String>) -> Result<Self> {
        ClientBuilder::new(base_url).build()
    }

    /// A builder, for retries, timeouts or a starting token.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(base_url)
    }

    /// The base URL requests go to (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.config.base_url
    }

    /// The current bearer token, if any.
    pub fn token(&self) -> Option<String> {
        self.token.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces the bearer token of this client and of its clones (`None` forgets it).
    pub fn set_token(&self, token: Option<String>) {
        *self.token.write().unwrap_or_else(|e| e.into_inner()) = token;
    }

    /// A client of the same server sharing the connection pool but with its own token.
    pub fn with_token(&self, token: impl Into<String>) -> Self {
        Self {
            http: self.http.clone(),
            config: self.config.clone(),
            token: Arc::new(RwLock::new(Some(token.into()))),
        }
    }

    /// Sends `call`, retrying 429s of idempotent methods; a non-2xx answer becomes an error.
    async fn execute(&self, call: &Call) -> Result<reqwest::Response> {
        let mut attempt = 0;
        loop {
            let mut req = self
                .http
                .request(
                    call.method.clone(),
                    format!("{}{}", self.config.base_url, call.path),
                )
                .header(ACCEPT, "application/json");
            if !call.query.is_empty() {
                req = req.query(&call.query);
            }
            if let Some(token) = self.token() {
                req = req.bearer_auth(token);
            }
            if let Some(body) = &call.body {
                req = req
                    .header(CONTENT_TYPE, "application/json")
                    .body(body.clone());
            }
            let resp = req.send().await?;
            let status = resp.status();
            if status.is_success() {
                return Ok(resp);
            }
            let retry_after = retry_after(resp.headers());
            if status == StatusCode::TOO_MANY_REQUESTS && call.idempotent() {
                if let Some(wait) = retry_after {
                    if attempt < self.config.max_retries && wait <= self.config.max_retry_wait {
                        attempt += 1;
                        // Drain the body so the connection goes back to the pool.
                        let _ = resp.bytes().await;
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                }
            }
            return Err(api_error(resp, retry_after).await);
        }
    }

    /// Sends `call` and decodes the JSON answer.
    pub(crate) async fn json<T: DeserializeOwned>(&self, call: Call) -> Result<T> {
        let resp = self.execute(&call).await?;
        decode(resp).await
    }

    /// Sends `call` and ignores the (empty) answer.
    pub(crate) async fn empty(&self, call: Call) -> Result<()> {
        let resp = self.execute(&call).await?;
        // Read it anyway so the connection can be reused.
        resp.bytes().await?;
        Ok(())
    }
}

/// Decodes a successful response, naming the JSON path of a mismatch.
async fn decode<T: DeserializeOwned>(resp: reqwest::Response) -> Result<T> {
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await?;
    // An empty 2xx body decodes as JSON `null` so `Option`/`Value` answers still work.
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &bytes
    };
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| ClientError::Decode {
        status,
        message: e.to_string(),
    })
}

/// Builds [`ClientError::Api`] from an error response.
async fn api_error(resp: reqwest::Response, retry_after: Option<Duration>) -> ClientError {
    let status = resp.status().as_u16();
    let correlation_id = correlation_id(resp.headers());
    let text = match resp.text().await {
        Ok(t) => t,
        Err(e) => return ClientError::Transport(e),
    };
    ClientError::Api {
        status,
        body: Box::new(error_body(status, text)),
        correlation_id,
        retry_after,
    }
}

/// Parses an `ErrorBody`; anything but a JSON object becomes a body holding the text.
pub(crate) fn error_body(status: u16, text: String) -> orgtrust_api::ErrorBody {
    if let Ok(v @ serde_json::Value::Object(_)) = serde_json::from_str(&text) {
        if let Ok(body) = serde_json::from_value(v) {
            return body;
        }
    }
    orgtrust_api::ErrorBody {
        message: Some(text),
        status: Some(i32::from(status)),
        ..Default::default()
    }
}

/// The `ININ-Correlation-Id` header.
pub(crate) fn correlation_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CORRELATION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// `Retry-After` as whole seconds (the HTTP-date form is not used by Genesys).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// One request, kept whole so it can be sent again.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
}

impl Call {
    /// A request without query or body; `path` is already percent-encoded (see [`seg`]).
    pub(crate) fn new(method: Method, path: String) -> Self {
        Self {
            method,
            path,
            query: Vec::new(),
            body: None,
        }
    }

    /// `GET path`.
    pub(crate) fn get(path: String) -> Self {
        Self::new(Method::GET, path)
    }

    /// `POST path`.
    pub(crate) fn post(path: String) -> Self {
        Self::new(Method::POST, path)
    }

    /// `PUT path`.
    pub(crate) fn put(path: String) -> Self {
        Self::new(Method::PUT, path)
    }

    /// `PATCH path`.
    pub(crate) fn patch(path: String) -> Self {
        Self::new(Method::PATCH, path)
    }

    /// `DELETE path`.
    pub(crate) fn delete(path: String) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// Adds `name=value` when `value` is set.
    pub(crate) fn query(mut self, name: &'static str, value: Option<impl ToString>) -> Self {
        if let Some(v) = value {
            self.query.push((name, v.to_string()));
        }
        self
    }

    /// Adds `name=a,b,c` (comma-joined, as the official SDKs send arrays) when `values` is not
    /// empty.
    pub(crate) fn query_list<S: AsRef<str>>(mut self, name: &'static str, values: &[S]) -> Self {
        if !values.is_empty() {
            let joined = values
                .iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(",");
            self.query.push((name, joined));
        }
        self
    }

    /// Sets the JSON body.
    pub(crate) fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self> {
        self.body = Some(serde_json::to_vec(body).map_err(ClientError::Encode)?);
        Ok(self)
    }

    /// Whether a 429 may be retried: only methods that do the same thing twice.
    fn idempotent(&self) -> bool {
        matches!(
            self.method,
            Method::GET | Method::PUT | Method::DELETE | Method::HEAD
        )
    }
}

/// Percent-encodes one path segment (everything but RFC 3986 unreserved characters), so an id
/// cannot add segments or a query to the path.
pub(crate) fn seg(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The wire spelling of a unit enum (its serde name), for query parameters.
pub(crate) fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(
            seg("a0000000-0000-4000-8000-000000000001"),
            "a0000000-0000-4000-8000-000000000001"
        );
        assert_eq!(seg("../x?y=1 z/é"), "..%2Fx%3Fy%3D1%20z%2F%C3%A9");
    }

    #[test]
    fn retry_after_is_whole_seconds() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, "3".parse().expect("header"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().expect("header"),
        );
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn only_idempotent_methods_retry() {
        assert!(Call::get("/".into()).idempotent());
        assert!(Call::put("/".into()).idempotent());
        assert!(Call::delete("/".into()).idempotent());
        assert!(!Call::post("/".into()).idempotent());
        assert!(!Call::patch("/".into()).idempotent());
    }

    #[test]
    fn bad_base_urls_are_rejected() {
        assert!(matches!(
            Client::new("not a url"),
            Err(ClientError::Config(_))
        ));
        assert!(matches!(
            Client::new("ftp://x"),
            Err(ClientError::Config(_))
        ));
        let c = Client::new("http://127.0.0.1:1/prefix/").expect("client");
        assert_eq!(c.base_url(), "http://127.0.0.1:1/prefix");
    }

    #[test]
    fn debug_hides_the_token() {
        let c = Client::builder("http://127.0.0.1:1")
            .token("secret-token")
            .build()
            .expect("client");
        assert!(!format!("{c:?}").contains("secret-token"));
    }
}
