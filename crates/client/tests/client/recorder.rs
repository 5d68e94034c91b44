#![allow(dead_code)] // shared by every test module; each uses a part

//! A small axum server that records every request it gets and answers with replies queued by
//! the test, in order. Checks what the client puts on the wire without needing the operation
//! to be implemented by orgtrust.

use std::collections::{BTreeSet, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;
use orgtrust_client::Client;
use serde_json::Value;

use crate::operations::OPERATIONS;

/// The bearer token every recorded client sends.
pub const TOKEN: &str = "recorded-token";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path as sent (still percent-encoded).
    pub path: String,
    /// The query string as sent, if any.
    pub raw_query: Option<String>,
    /// The decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The body as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    /// The body as form pairs.
    pub fn form(&self) -> Vec<(String, String)> {
        decode_pairs(&String::from_utf8_lossy(&self.body))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A queued answer.
#[derive(Debug, Clone)]
struct Canned {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<Recorded>>,
    replies: Mutex<VecDeque<Canned>>,
}

/// The recording server.
pub struct Recorder {
    pub base: String,
    shared: Arc<Shared>,
    covered: Mutex<BTreeSet<&'static str>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let raw_query = parts.uri.query().map(str::to_owned);
    shared.requests.lock().expect("lock").push(Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: raw_query.as_deref().map(decode_pairs).unwrap_or_default(),
        raw_query,
        headers: parts.headers,
        body,
    });
    let canned = shared
        .replies
        .lock()
        .expect("lock")
        .pop_front()
        .unwrap_or(Canned {
            status: 599,
            headers: Vec::new(),
            body: "no reply queued".into(),
        });
    let mut resp = Response::new(Body::from(canned.body));
    *resp.status_mut() = StatusCode::from_u16(canned.status).expect("status");
    for (name, value) in canned.headers {
        resp.headers_mut()
            .insert(name, HeaderValue::from_str(&value).expect("header"));
    }
    resp
}

impl Recorder {
    /// Starts a recorder on a free port.
    pub async fn spawn() -> Self {
        let shared = Arc::new(Shared::default());
        let router = Router::new().fallback(handle).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Self {
            base: format!("http://{addr}"),
            shared,
            covered: Mutex::new(BTreeSet::new()),
            shutdown: Some(tx),
        }
    }

    /// A client of this recorder holding [`TOKEN`].
    pub fn client(&self) -> Client {
        Client::builder(&self.base)
            .token(TOKEN)
            .build()
            .expect("client")
    }

    /// Queues an answer with a JSON body.
    pub fn reply(&self, status: u16, body: Value) {
        self.reply_with(
            status,
            &[("content-type", "application/json")],
            &body.to_string(),
        );
    }

    /// Queues a 204 without a body.
    pub fn no_content(&self) {
        self.reply_with(204, &[], "");
    }

    /// Queues any answer.
    pub fn reply_with(&self, status: u16, headers: &[(&'static str, &str)], body: &str) {
        self.shared.replies.lock().expect("lock").push_back(Canned {
            status,
            headers: headers.iter().map(|(n, v)| (*n, (*v).to_owned())).collect(),
            body: body.to_owned(),
        });
    }

    /// Every request so far, and forgets them.
    pub fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.shared.requests.lock().expect("lock"))
    }

    /// The one request made since the last call.
    #[track_caller]
    pub fn only(&self) -> Recorded {
        let mut all = self.take();
        assert_eq!(all.len(), 1, "expected exactly one request: {all:#?}");
        all.remove(0)
    }

    /// Asserts that the one request since the last call is operation `op_id` of the reference
    /// (its method, and its path with `params` substituted in order and percent-encoded), with
    /// exactly `query` (decoded pairs, in order) and the JSON `body` (or no body), sent with the
    /// bearer token. Marks the operation covered.
    #[track_caller]
    pub fn expect(
        &self,
        op_id: &'static str,
        params: &[&str],
        query: &[(&str, &str)],
        body: Option<Value>,
    ) {
        let (_, method, template) = OPERATIONS
            .iter()
            .find(|(id, _, _)| *id == op_id)
            .unwrap_or_else(|| panic!("{op_id} is not a reference operation"));
        let req = self.only();
        assert_eq!(req.method, *method, "{op_id}: method");
        assert_eq!(req.path, fill(template, params), "{op_id}: path");
        let want: Vec<(String, String)> = query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(req.query, want, "{op_id}: query {:?}", req.raw_query);
        match body {
            Some(b) => {
                assert_eq!(
                    req.header("content-type"),
                    Some("application/json"),
                    "{op_id}"
                );
                assert_eq!(req.json(), b, "{op_id}: body");
            }
            None => assert!(req.body.is_empty(), "{op_id}: unexpected body"),
        }
        assert_eq!(
            req.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str()),
            "{op_id}: token"
        );
        self.covered.lock().expect("lock").insert(op_id);
    }

    /// The operations [`Recorder::expect`] has seen.
    pub fn covered(&self) -> BTreeSet<&'static str> {
        self.covered.lock().expect("lock").clone()
    }
}

/// Substitutes `{name}` placeholders in order, each value percent-encoded as a path segment.
#[track_caller]
fn fill(template: &str, params: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = template;
    let mut values = params.iter();
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').expect("closing brace") + open;
        out.push_str(&rest[..open]);
        let value = values
            .next()
            .unwrap_or_else(|| panic!("too few params for {template}"));
        for b in value.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    assert!(values.next().is_none(), "too many params for {template}");
    out
}

/// Decodes `a=1&b=x%2Cy` into pairs.
fn decode_pairs(s: &str) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://x/?{s}")).expect("query");
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
