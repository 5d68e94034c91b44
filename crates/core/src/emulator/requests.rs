//! The recent-request log: a bounded ring of what the server answered, newest last, for
//! developers asking "what did my code actually send?", and the filters that let a test verify
//! what was called (`GET /_orgtrust/requests?method=DELETE&path=/api/v2/orgauthorization/trustees/*`),
//! as WireMock's `verify` does.
//!
//! Each entry keeps the query and the body with their secrets redacted (client secrets,
//! passwords, tokens, authorization codes, PKCE verifiers: the fields `scripts/secret-scan.py`
//! looks for), the body cut at an operator-set number of bytes.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};

/// How many requests are kept unless the operator says otherwise.
pub const DEFAULT_CAPACITY: usize = 1000;
/// The most requests the operator may ask to keep.
pub const MAX_CAPACITY: usize = 1_000_000;
/// How many bytes of each body are kept unless the operator says otherwise.
pub const DEFAULT_BODY_BYTES: usize = 16 * 1024;
/// What a secret's value becomes in the log.
pub const REDACTED: &str = "[redacted]";

/// One served request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    /// When it arrived (emulated clock).
    pub timestamp: DateTime<Utc>,
    /// The HTTP method.
    pub method: String,
    /// The path (without the query).
    pub path: String,
    /// The query string (without the `?`), secrets redacted; absent when there was none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The status answered.
    pub status: u16,
    /// The acting organization, when the request authenticated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The `ININ-Correlation-Id` answered.
    pub correlation_id: String,
    /// How long it took to serve, in milliseconds.
    pub duration_ms: u64,
    /// The request body, secrets redacted (JSON re-serialized compactly, forms re-encoded),
    /// cut at the log's body bound; absent when there was none or it was not kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body was longer than the bound and was cut.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub body_truncated: bool,
    /// Why a body that was sent is not kept (not JSON or a form, not valid JSON, too large).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_omitted: Option<&'static str>,
}

/// A bounded ring buffer of requests.
#[derive(Debug)]
pub struct RequestLog {
    capacity: usize,
    body_bytes: usize,
    ring: Mutex<VecDeque<RequestRecord>>,
}

impl RequestLog {
    /// A log keeping the last `capacity` requests and the first `body_bytes` of each body
    /// (none when 0).
    pub fn new(capacity: usize, body_bytes: usize) -> Self {
        let capacity = capacity.clamp(1, MAX_CAPACITY);
        Self {
            capacity,
            body_bytes,
            ring: Mutex::new(VecDeque::with_capacity(capacity.min(DEFAULT_CAPACITY))),
        }
    }

    /// The most requests kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The most bytes kept of each body.
    pub fn body_bytes(&self) -> usize {
        self.body_bytes
    }

    /// Records a request, dropping the oldest when full.
    pub fn record(&self, r: RequestRecord) {
        let mut ring = self.ring.lock();
        if ring.len() == self.capacity {
            ring.pop_front();
        }
        ring.push_back(r);
    }

    /// The last `limit` requests, newest first.
    pub fn recent(&self, limit: usize) -> Vec<RequestRecord> {
        self.matching(&RequestFilter::default(), limit)
    }

    /// The last `limit` requests that `filter` admits, newest first.
    pub fn matching(&self, filter: &RequestFilter, limit: usize) -> Vec<RequestRecord> {
        self.ring
            .lock()
            .iter()
            .rev()
            .filter(|r| filter.admits(r))
            .take(limit)
            .cloned()
            .collect()
    }

    /// How many of the kept requests `filter` admits.
    pub fn count(&self, filter: &RequestFilter) -> usize {
        self.ring.lock().iter().filter(|r| filter.admits(r)).count()
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.ring.lock().clear();
    }

    /// The query and body as the log keeps them: `query` (raw, without `?`) with its secret
    /// parameters redacted, and `body` (of `content_type`) redacted and cut at the bound.
    pub fn redact(
        &self,
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> (Option<String>, Kept) {
        let query = query.filter(|q| !q.is_empty()).map(redact_form);
        if body.is_empty() || self.body_bytes == 0 {
            return (query, Kept::default());
        }
        let mime = content_type
            .and_then(|c| c.split(';').next())
            .map(|c| c.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let text = if mime == "application/json" || mime.ends_with("+json") {
            match serde_json::from_slice::<Value>(body) {
                Ok(mut v) => {
                    redact_json(&mut v);
                    v.to_string()
                }
                Err(_) => return (query, Kept::omitted("not valid JSON")),
            }
        } else if mime == "application/x-www-form-urlencoded" {
            match std::str::from_utf8(body) {
                Ok(s) => redact_form(s),
                Err(_) => return (query, Kept::omitted("not a valid form")),
            }
        } else {
            // Anything else could carry a secret where no field name says so.
            return (query, Kept::omitted("not JSON or a form"));
        };
        let mut kept = Kept {
            body: Some(text),
            ..Kept::default()
        };
        if let Some(b) = kept.body.as_mut() {
            if b.len() > self.body_bytes {
                let mut cut = self.body_bytes;
                while !b.is_char_boundary(cut) {
                    cut -= 1;
                }
                b.truncate(cut);
                kept.truncated = true;
            }
        }
        (query, kept)
    }
}

/// A body as the log keeps it (see [`RequestLog::redact`]).
#[derive(Debug, Default, Clone)]
pub struct Kept {
    /// The redacted text.
    pub body: Option<String>,
    /// It was cut at the bound.
    pub truncated: bool,
    /// Why it was not kept.
    pub omitted: Option<&'static str>,
}

impl Kept {
    /// A body that is not kept, for `why`.
    pub fn omitted(why: &'static str) -> Self {
        Self {
            omitted: Some(why),
            ..Self::default()
        }
    }
}

/// Is a field (JSON key, form or query parameter) named `name` a secret? Case, `_` and `-`
/// do not matter: `client_secret`, `clientSecret`, `newPassword`, `access_token`, `subject_token`,
/// `code_verifier`, `csrf_token`; in forms and queries also `code` and `csrf` (OAuth's
/// authorization code and the console's sign-in form).
fn is_secret(name: &str, form: bool) -> bool {
    let n: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    n.contains("secret")
        || n.contains("password")
        || n.ends_with("token")
        || n == "codeverifier"
        || n == "assertion"
        || n == "clientassertion"
        || (form && (n == "code" || n == "csrf"))
}

fn redact_json(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret(k, false) && !v.is_null() {
                    *v = Value::String(REDACTED.to_owned());
                } else {
                    redact_json(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// A form or query string with its secret parameters' values redacted; one that does not parse
/// is replaced whole (it could hold anything).
fn redact_form(raw: &str) -> String {
    match serde_urlencoded::from_str::<Vec<(String, String)>>(raw) {
        Ok(pairs) => {
            let pairs: Vec<(String, String)> = pairs
                .into_iter()
                .map(|(k, v)| {
                    let secret = is_secret(&k, true);
                    (k, if secret { REDACTED.to_owned() } else { v })
                })
                .collect();
            serde_urlencoded::to_string(pairs).unwrap_or_else(|_| REDACTED.to_owned())
        }
        Err(_) => REDACTED.to_owned(),
    }
}

/// A path pattern: segments separated by `/`, where a `*` segment matches exactly one segment,
/// a `**` segment any number (none included), and `*` inside a segment any run of characters in
/// it (`trustee*`); everything else literally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPattern(Vec<String>);

impl PathPattern {
    /// Parses `pattern`; `field` names it in the error.
    pub fn parse(field: &str, pattern: &str) -> Result<Self> {
        if !pattern.starts_with('/') {
            return Err(Error::invalid_value(field, "a path pattern starts with /"));
        }
        let segments: Vec<String> = pattern[1..].split('/').map(str::to_owned).collect();
        if segments.iter().any(|s| s.contains("**") && s != "**") {
            return Err(Error::invalid_value(
                field,
                "** stands alone between slashes (/api/v2/**)",
            ));
        }
        Ok(Self(segments))
    }

    /// Does `path` match?
    pub fn matches(&self, path: &str) -> bool {
        let Some(rest) = path.strip_prefix('/') else {
            return false;
        };
        let segments: Vec<&str> = rest.split('/').collect();
        match_segments(&self.0, &segments)
    }
}

fn match_segments(pattern: &[String], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((p, rest)) if p == "**" => {
            (0..=path.len()).any(|skip| match_segments(rest, &path[skip..]))
        }
        Some((p, rest)) => match path.split_first() {
            // Within a segment there is no `/`, so the fault rules' glob is the segment glob.
            Some((s, path_rest)) => super::faults::glob(p, s) && match_segments(rest, path_rest),
            None => false,
        },
    }
}

/// A status, or a class of them (`4xx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// Exactly this one.
    Exact(u16),
    /// Any in `n00..=n99`.
    Class(u16),
}

impl StatusMatch {
    /// Parses `204` or `2xx`; `field` names it in the error.
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let bad = || Error::invalid_value(field, "a status (204) or a class of them (4xx)");
        let s = s.trim().to_ascii_lowercase();
        if let Some(class) = s.strip_suffix("xx") {
            let c: u16 = class.parse().map_err(|_| bad())?;
            return if (1..=5).contains(&c) {
                Ok(Self::Class(c))
            } else {
                Err(bad())
            };
        }
        let n: u16 = s.parse().map_err(|_| bad())?;
        if (100..=599).contains(&n) {
            Ok(Self::Exact(n))
        } else {
            Err(bad())
        }
    }

    fn matches(self, status: u16) -> bool {
        match self {
            Self::Exact(n) => n == status,
            Self::Class(c) => status / 100 == c,
        }
    }
}

/// One `bodyJsonPath` matcher: the value at a JSON path, compared with an expected one (or
/// only present, when none is given).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonPathMatch {
    pointer: String,
    expected: Option<Value>,
}

impl JsonPathMatch {
    /// Parses `PATH` or `PATH=VALUE`. `PATH` is a JSONPath of names and indexes (`$.trustee.id`,
    /// `$.users[0].id`, `$['odd.name']`) or a JSON Pointer (`/trustee/id`); `VALUE` is compared as
    /// JSON when it parses as JSON (`true`, `5`, `"x"`, `{"a":1}`), as a string otherwise.
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let (path, value) = split_path_value(s);
        let pointer = if path.starts_with('/') {
            path.to_owned()
        } else {
            json_path_to_pointer(path).ok_or_else(|| {
                Error::invalid_value(
                    field,
                    "a JSONPath of names and indexes ($.a.b[0]) or a JSON Pointer (/a/b/0), then optionally =VALUE",
                )
            })?
        };
        let expected = value.map(|v| {
            serde_json::from_str::<Value>(v).unwrap_or_else(|_| Value::String(v.to_owned()))
        });
        Ok(Self { pointer, expected })
    }

    fn matches(&self, body: &Value) -> bool {
        match (body.pointer(&self.pointer), &self.expected) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(found), Some(expected)) => found == expected,
        }
    }
}

/// Splits `PATH=VALUE` at the first `=` outside brackets.
fn split_path_value(s: &str) -> (&str, Option<&str>) {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '=' if depth == 0 => return (&s[..i], Some(&s[i + 1..])),
            _ => {}
        }
    }
    (s, None)
}

/// `$.a.b[0]['c.d']` as the JSON Pointer `/a/b/0/c.d`; `None` when it is not that simple form.
fn json_path_to_pointer(path: &str) -> Option<String> {
    let mut rest = path.strip_prefix('$')?;
    let mut pointer = String::new();
    let push = |token: &str, pointer: &mut String| {
        pointer.push('/');
        pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            push(&r[..end], &mut pointer);
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let inner = &r[..end];
            let token = if let Some(q) = inner
                .strip_prefix('\'')
                .and_then(|i| i.strip_suffix('\''))
                .or_else(|| inner.strip_prefix('"').and_then(|i| i.strip_suffix('"')))
            {
                q
            } else if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
                inner
            } else {
                return None;
            };
            push(token, &mut pointer);
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(pointer)
}

/// Which requests to answer or count; every part given must match (an empty filter admits all).
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// The method (case-insensitive).
    pub method: Option<String>,
    /// The path pattern.
    pub path: Option<PathPattern>,
    /// The status or status class.
    pub status: Option<StatusMatch>,
    /// The acting organization's id.
    pub organization: Option<String>,
    /// Query parameters: present (no value given) or equal to the value (all must match).
    pub query_params: Vec<(String, Option<String>)>,
    /// Substrings of the (redacted) body (all must occur).
    pub body_contains: Vec<String>,
    /// Values in the JSON body (all must match).
    pub body_json_paths: Vec<JsonPathMatch>,
}

impl RequestFilter {
    /// Parses one `queryParam` matcher, `NAME` or `NAME=VALUE`.
    pub fn query_param(field: &str, s: &str) -> Result<(String, Option<String>)> {
        let (name, value) = match s.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (s, None),
        };
        if name.is_empty() {
            return Err(Error::invalid_value(field, "NAME or NAME=VALUE"));
        }
        Ok((name.to_owned(), value))
    }

    /// Does `r` pass?
    pub fn admits(&self, r: &RequestRecord) -> bool {
        if let Some(m) = &self.method {
            if !m.eq_ignore_ascii_case(&r.method) {
                return false;
            }
        }
        if let Some(p) = &self.path {
            if !p.matches(&r.path) {
                return false;
            }
        }
        if let Some(s) = self.status {
            if !s.matches(r.status) {
                return false;
            }
        }
        if let Some(o) = &self.organization {
            if r.organization.as_deref() != Some(o.as_str()) {
                return false;
            }
        }
        if !self.query_params.is_empty() {
            let pairs: Vec<(String, String)> = r
                .query
                .as_deref()
                .and_then(|q| serde_urlencoded::from_str(q).ok())
                .unwrap_or_default();
            let all = self.query_params.iter().all(|(name, value)| {
                pairs
                    .iter()
                    .any(|(k, v)| k == name && value.as_ref().is_none_or(|want| want == v))
            });
            if !all {
                return false;
            }
        }
        if !self.body_contains.is_empty() || !self.body_json_paths.is_empty() {
            let Some(body) = r.body.as_deref() else {
                return false;
            };
            if !self.body_contains.iter().all(|s| body.contains(s.as_str())) {
                return false;
            }
            if !self.body_json_paths.is_empty() {
                // A cut body does not parse, so it matches no JSON path.
                let Ok(json) = serde_json::from_str::<Value>(body) else {
                    return false;
                };
                if !self.body_json_paths.iter().all(|m| m.matches(&json)) {
                    return false;
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(method: &str, path: &str, status: u16) -> RequestRecord {
        RequestRecord {
            timestamp: Utc::now(),
            method: method.into(),
            path: path.into(),
            query: None,
            status,
            organization: None,
            correlation_id: String::new(),
            duration_ms: 0,
            body: None,
            body_truncated: false,
            body_omitted: None,
        }
    }

    #[test]
    fn keeps_the_newest() {
        let log = RequestLog::new(2, 0);
        for i in 0..3 {
            log.record(record("GET", &format!("/{i}"), 200));
        }
        let paths: Vec<_> = log.recent(10).into_iter().map(|r| r.path).collect();
        assert_eq!(paths, ["/2", "/1"]);
        assert_eq!(log.recent(1).len(), 1);
    }

    #[test]
    fn one_star_is_one_segment_two_are_any() {
        let p = |s: &str| PathPattern::parse("path", s).expect("pattern");
        let one = p("/api/v2/orgauthorization/trustees/*");
        assert!(one.matches("/api/v2/orgauthorization/trustees/abc"));
        assert!(!one.matches("/api/v2/orgauthorization/trustees/abc/users"));
        assert!(!one.matches("/api/v2/orgauthorization/trustees"));
        let any = p("/api/v2/**");
        assert!(any.matches("/api/v2"));
        assert!(any.matches("/api/v2/a/b/c"));
        assert!(!any.matches("/oauth/token"));
        let mid = p("/api/**/users/*");
        assert!(mid.matches("/api/v2/orgauthorization/trustees/x/users/y"));
        assert!(!mid.matches("/api/v2/orgauthorization/trustees/x/users"));
        assert!(p("/api/v2/users*").matches("/api/v2/users"));
        assert!(p("/api/v2/trust*s").matches("/api/v2/trustees"));
        assert!(PathPattern::parse("path", "api").is_err());
        assert!(PathPattern::parse("path", "/a**").is_err());
    }

    #[test]
    fn statuses_and_classes() {
        assert_eq!(
            StatusMatch::parse("s", "4xx").expect("class"),
            StatusMatch::Class(4)
        );
        assert!(StatusMatch::parse("s", "4XX").expect("class").matches(404));
        assert!(!StatusMatch::parse("s", "204").expect("one").matches(200));
        for bad in ["", "6xx", "99", "600", "2x", "abc"] {
            assert!(StatusMatch::parse("s", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_paths_and_pointers() {
        let body: Value = serde_json::json!({"trustee": {"id": "t1", "enabled": true}, "users": [{"id": "u1"}], "a.b": 5});
        let m = |s: &str| JsonPathMatch::parse("bodyJsonPath", s).expect("matcher");
        assert!(m("$.trustee.id=t1").matches(&body));
        assert!(m("$.trustee.id=\"t1\"").matches(&body));
        assert!(m("$.trustee.enabled=true").matches(&body));
        assert!(!m("$.trustee.enabled=\"true\"").matches(&body));
        assert!(m("$.users[0].id=u1").matches(&body));
        assert!(m("$['a.b']=5").matches(&body));
        assert!(m("/trustee/id=t1").matches(&body));
        assert!(m("$.trustee").matches(&body));
        assert!(!m("$.nothing").matches(&body));
        assert!(!m("$.users[1]").matches(&body));
        for bad in ["trustee.id", "$..id", "$.users[*]", "$."] {
            assert!(JsonPathMatch::parse("bodyJsonPath", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn secrets_are_redacted_and_bodies_cut() {
        let log = RequestLog::new(10, 200);
        let (query, kept) = log.redact(
            Some("code=abc&state=s1"),
            Some("application/json; charset=utf-8"),
            br#"{"name":"n","secret":"s3cr3t","nested":[{"newPassword":"pw"}],"access_token":null}"#,
        );
        assert_eq!(query.as_deref(), Some("code=%5Bredacted%5D&state=s1"));
        let body = kept.body.expect("kept");
        assert!(
            !body.contains("s3cr3t") && !body.contains("\"pw\""),
            "{body}"
        );
        assert!(body.contains("\"access_token\":null"));
        let (_, form) = log.redact(
            None,
            Some("application/x-www-form-urlencoded"),
            b"grant_type=password&username=u&password=hunter22&client_secret=cs",
        );
        assert_eq!(
            form.body.as_deref(),
            Some("grant_type=password&username=u&password=%5Bredacted%5D&client_secret=%5Bredacted%5D")
        );
        let long_body = format!("[\"x{}\"]", "é".repeat(150));
        let (_, long) = log.redact(None, Some("application/json"), long_body.as_bytes());
        // Cut at a character boundary: 200 falls inside an é.
        assert_eq!(long.body.as_deref().map(str::len), Some(199));
        assert!(long.truncated);
        let (_, other) = log.redact(None, Some("text/plain"), b"password hunter22");
        assert!(other.body.is_none());
        assert_eq!(other.omitted, Some("not JSON or a form"));
        let (_, none) = RequestLog::new(10, 0).redact(None, Some("application/json"), b"{}");
        assert!(none.body.is_none() && none.omitted.is_none());
    }

    #[test]
    fn filters_combine() {
        let log = RequestLog::new(10, 1024);
        let mut a = record("DELETE", "/api/v2/orgauthorization/trustees/t1", 204);
        a.organization = Some("o1".into());
        let mut b = record("POST", "/api/v2/orgauthorization/trustees", 200);
        b.query = Some("assignDefaultRole=true".into());
        b.body = Some(r#"{"organizationId":"o2","enabled":true}"#.into());
        log.record(a);
        log.record(b);
        let mut f = RequestFilter {
            method: Some("delete".into()),
            path: Some(
                PathPattern::parse("path", "/api/v2/orgauthorization/trustees/*").expect("p"),
            ),
            ..RequestFilter::default()
        };
        assert_eq!(log.count(&f), 1);
        f.organization = Some("o2".into());
        assert_eq!(log.count(&f), 0);
        let q = RequestFilter {
            query_params: vec![("assignDefaultRole".into(), Some("true".into()))],
            body_contains: vec!["o2".into()],
            body_json_paths: vec![JsonPathMatch::parse("j", "$.enabled=true").expect("j")],
            ..RequestFilter::default()
        };
        assert_eq!(log.matching(&q, 10).len(), 1);
        let absent = RequestFilter {
            query_params: vec![("autoExpire".into(), None)],
            ..RequestFilter::default()
        };
        assert_eq!(log.count(&absent), 0);
        assert_eq!(log.count(&RequestFilter::default()), 2);
    }
}
