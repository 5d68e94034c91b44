//! The recent-request log: a bounded ring of what the server answered, newest last, for
//! developers asking "what did my code actually send?".

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use serde::Serialize;

/// How many requests are kept.
pub const DEFAULT_CAPACITY: usize = 1000;

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
    /// The status answered.
    pub status: u16,
    /// The acting organization, when the request authenticated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The `ININ-Correlation-Id` answered.
    pub correlation_id: String,
    /// How long it took to serve, in milliseconds.
    pub duration_ms: u64,
}

/// A bounded ring buffer of requests.
#[derive(Debug)]
pub struct RequestLog {
    capacity: usize,
    ring: Mutex<VecDeque<RequestRecord>>,
}

impl RequestLog {
    /// A log keeping the last `capacity` requests.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            ring: Mutex::new(VecDeque::with_capacity(capacity.max(1))),
        }
    }

    /// The most requests kept.
    pub fn capacity(&self) -> usize {
        self.capacity
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
        self.ring.lock().iter().rev().take(limit).cloned().collect()
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.ring.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest() {
        let log = RequestLog::new(2);
        for i in 0..3 {
            log.record(RequestRecord {
                timestamp: Utc::now(),
                method: "GET".into(),
                path: format!("/{i}"),
                status: 200,
                organization: None,
                correlation_id: String::new(),
                duration_ms: 0,
            });
        }
        let paths: Vec<_> = log.recent(10).into_iter().map(|r| r.path).collect();
        assert_eq!(paths, ["/2", "/1"]);
        assert_eq!(log.recent(1).len(), 1);
    }
}
