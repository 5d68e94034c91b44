//! The token cache: token records by digest, with the revocation generation they were read at,
//! and its hit counters. Authentication fills it; the services that delete users, clients or
//! organizations drop their tokens from it at once.

use std::sync::Arc;

use dashmap::DashMap;

use crate::ops::HitCounter;
use crate::secret::TokenDigest;
use crate::token::TokenRecord;

/// Token records by digest.
#[derive(Debug, Default)]
pub struct TokenCache {
    pub(crate) entries: DashMap<TokenDigest, (u64, Arc<TokenRecord>)>,
    /// Cache hits and store reads (`/metrics`).
    pub(crate) stats: HitCounter,
}

impl TokenCache {
    /// How many tokens are cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no token is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
