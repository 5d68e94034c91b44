//! `/_orgtrust/snapshot` of a server run with `--emulator`: the whole state exported, or
//! replaced. The client's token is the operator token (when the server has one).

use crate::{Call, Client, Result};

impl Client {
    /// `GET /_orgtrust/snapshot`: the whole state as a snapshot document.
    pub async fn export_snapshot(&self) -> Result<serde_json::Value> {
        self.json(Call::get("/_orgtrust/snapshot".to_owned())).await
    }

    /// `POST /_orgtrust/snapshot`: replaces the whole state by `doc` (all or nothing).
    pub async fn import_snapshot(&self, doc: &serde_json::Value) -> Result<()> {
        self.empty(Call::post("/_orgtrust/snapshot".to_owned()).json(doc)?)
            .await
    }
}

/// Which logged requests to list or count (`/_orgtrust/requests`): every part given must match.
/// See docs/emulator.md, "Verifying requests", for the matchers' syntax.
#[derive(Debug, Clone, Default)]
pub struct RequestQuery {
    /// The method (case-insensitive).
    pub method: Option<String>,
    /// A path pattern: `*` is one segment, `**` any number (`/api/v2/orgauthorization/trustees/*`).
    pub path: Option<String>,
    /// A status (`204`) or a class (`4xx`).
    pub status: Option<String>,
    /// The acting organization's id.
    pub organization: Option<String>,
    /// Query parameters, `NAME` (present) or `NAME=VALUE`.
    pub query_params: Vec<String>,
    /// Substrings of the (redacted) body.
    pub body_contains: Vec<String>,
    /// `PATH` or `PATH=VALUE` on a JSON body (`$.trustee.id=...`, `/enabled=true`).
    pub body_json_paths: Vec<String>,
}

impl RequestQuery {
    fn apply(&self, mut call: Call) -> Call {
        call = call
            .query("method", self.method.as_ref())
            .query("path", self.path.as_ref())
            .query("status", self.status.as_ref())
            .query("organization", self.organization.as_ref());
        for v in &self.query_params {
            call = call.query("queryParam", Some(v));
        }
        for v in &self.body_contains {
            call = call.query("bodyContains", Some(v));
        }
        for v in &self.body_json_paths {
            call = call.query("bodyJsonPath", Some(v));
        }
        call
    }
}

/// One entry of the request log.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    /// When it arrived (emulated clock, ISO 8601).
    pub timestamp: String,
    /// The HTTP method.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query string, secrets redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The status answered.
    pub status: u16,
    /// The acting organization, when the request authenticated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The `ININ-Correlation-Id` answered.
    pub correlation_id: String,
    /// How long it took, in milliseconds.
    pub duration_ms: u64,
    /// The body, secrets redacted, cut at the server's bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body was cut.
    #[serde(default)]
    pub body_truncated: bool,
    /// Why a body that was sent is not kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_omitted: Option<String>,
}

#[derive(serde::Deserialize)]
struct Logged {
    entities: Vec<LoggedRequest>,
}

#[derive(serde::Deserialize)]
struct Counted {
    count: u64,
}

impl Client {
    /// `GET /_orgtrust/requests`: the newest `limit` logged requests `q` admits, newest first.
    pub async fn requests(&self, q: &RequestQuery, limit: u32) -> Result<Vec<LoggedRequest>> {
        let call = q
            .apply(Call::get("/_orgtrust/requests".to_owned()))
            .query("limit", Some(limit));
        let logged: Logged = self.json(call).await?;
        Ok(logged.entities)
    }

    /// `GET /_orgtrust/requests/count`: how many logged requests `q` admits.
    pub async fn count_requests(&self, q: &RequestQuery) -> Result<u64> {
        let call = q.apply(Call::get("/_orgtrust/requests/count".to_owned()));
        let counted: Counted = self.json(call).await?;
        Ok(counted.count)
    }
}
