//! Serialized answers of the hottest reads, kept per organization generation.
//!
//! `GET /api/v2/orgauthorization/trustees` and `GET /api/v2/organizations/me` answer the same
//! bytes to every caller of an organization until something they show changes, and everything
//! they show moves the organization's generation (`Organizations::org_generation`): trusts and their
//! state, the organization's row, and any trust partner's row (a partner's rename reorders the
//! listing; the stores bump the partners with it). So an answer is kept with the generation read
//! *before* the store read it came from, and used only while the generation is still that one:
//! a write commits, then moves the generation, then answers its caller, so a read that could
//! have seen the data before the write is tagged with the older generation and never used after
//! it. On PostgreSQL the acting organization's generation is synchronised with the database at
//! the start of every request (`OpsStore::sync_generations`), so another instance's write is seen
//! as promptly as its effect on permissions.
//!
//! Permission checks, admission (rate limits, IP allowlist) and the audit of the request are not
//! cached: they run before the lookup, on every request. The cache is bounded by the bytes it
//! holds (S3-FIFO eviction, `quick_cache`); an entry of an older generation is dead weight that
//! eviction removes first in practice, since nothing reads it.

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use orgtrust_core::ids::OrgId;
use quick_cache::sync::Cache;
use quick_cache::Weighter;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};

/// The bytes all cached answers may hold together.
const CAPACITY_BYTES: u64 = 8 * 1024 * 1024;
/// An answer larger than this is not kept (a 500-entry page): it would push out many others.
const LARGEST_KEPT: usize = 256 * 1024;

/// Which read an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Read {
    /// `GET /api/v2/organizations/me`.
    OrganizationMe,
    /// `GET /api/v2/orgauthorization/trustees` at a page offset and size.
    Trustees {
        /// Entities skipped.
        offset: i64,
        /// Page size.
        size: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    org: OrgId,
    read: Read,
}

#[derive(Debug, Clone)]
struct Entry {
    generation: u64,
    body: Bytes,
}

#[derive(Debug, Clone)]
struct ByBytes;

impl Weighter<Key, Entry> for ByBytes {
    fn weight(&self, key: &Key, entry: &Entry) -> u64 {
        (key.org.as_str().len() + entry.body.len() + 64) as u64
    }
}

/// The cache (one per server).
#[derive(Debug)]
pub struct ResponseCache {
    entries: Cache<Key, Entry, ByBytes>,
}

impl Default for ResponseCache {
    fn default() -> Self {
        Self {
            entries: Cache::with_weighter(512, CAPACITY_BYTES, ByBytes),
        }
    }
}

impl ResponseCache {
    /// The answer to `read` for `org` at `generation` (the organization's generation read before
    /// any store read of this request): the kept bytes when they were made at that generation,
    /// else `fill`'s value, serialized, kept and answered.
    pub async fn answer<T, F>(
        &self,
        org: &OrgId,
        generation: u64,
        read: Read,
        fill: F,
    ) -> ApiResult<Response>
    where
        T: Serialize,
        F: std::future::Future<Output = ApiResult<T>>,
    {
        let key = Key {
            org: org.clone(),
            read,
        };
        if let Some(entry) = self.entries.get(&key) {
            if entry.generation == generation {
                return Ok(json(entry.body));
            }
        }
        let value = fill.await?;
        // Wire types always serialize; were one not to, the answer is a plain 500 ErrorBody.
        let body = Bytes::from(
            serde_json::to_vec(&value)
                .map_err(|_| ApiError::from_status(StatusCode::INTERNAL_SERVER_ERROR))?,
        );
        if body.len() <= LARGEST_KEPT {
            self.entries.insert(
                key,
                Entry {
                    generation,
                    body: body.clone(),
                },
            );
        }
        Ok(json(body))
    }
}

/// The answer with the content type axum's `Json` gives, so a kept answer is indistinguishable.
fn json(body: Bytes) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
