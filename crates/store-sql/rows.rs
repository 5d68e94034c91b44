//! Row conversions: dates as epoch milliseconds, lists as JSON text, `IN (...)` placeholders.

use chrono::{DateTime, TimeZone, Utc};

/// A date as stored.
pub fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// A stored date back.
pub fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// A list of strings as stored.
pub fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// A stored list of strings back (an unreadable one is empty).
pub fn parse_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// `$first, $first+1, ...` for `n` binds of an `IN (...)` list (at least one, so `IN ()`, which
/// PostgreSQL refuses, never appears; callers with nothing to look for do not ask).
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n.max(1))
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
