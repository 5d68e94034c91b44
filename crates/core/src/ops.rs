//! Operational facts about the running application, for `/metrics` and `/readyz`: cache hit
//! counters (plain atomics, so the hot path pays one relaxed increment) and the store's
//! readiness and pool use.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::store::PoolStats;

/// Hit and miss counters of one cache.
#[derive(Debug, Default)]
pub struct HitCounter {
    hits: AtomicU64,
    misses: AtomicU64,
}

impl HitCounter {
    /// Counts a hit.
    pub(crate) fn hit(&self) {
        self.hits.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a miss (a store read or an index rebuild).
    pub(crate) fn miss(&self) {
        self.misses.fetch_add(1, Ordering::Relaxed);
    }

    /// (hits, misses) so far.
    pub fn get(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }
}

/// A snapshot of the application's operational counters.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpsSnapshot {
    /// Token cache: (hits, misses = store reads).
    pub token_cache: (u64, u64),
    /// Permission index: (hits, misses = rebuilds).
    pub permission_index: (u64, u64),
    /// The store's connection pool.
    pub pool: PoolStats,
}
