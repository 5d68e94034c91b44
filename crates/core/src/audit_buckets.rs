//! The time buckets of `audit_counts` (the per-day, per-hour and per-minute event counts both
//! stores keep beside the audit trail) and how a query's time range is cut into them: pure
//! arithmetic, shared by the SQLite and PostgreSQL stores, which differ only in their SQL.

use crate::audit_search::{AuditField, AuditQuery, TextOp};

/// A minute, in milliseconds (the finest bucket).
pub const MINUTE: i64 = 60_000;
/// An hour, in milliseconds.
pub const HOUR: i64 = 3_600_000;
/// A day, in milliseconds (the coarsest bucket).
pub const DAY: i64 = 86_400_000;
/// The bucket units of `audit_counts`, coarsest first.
pub const UNITS: [(&str, i64); 3] = [("d", DAY), ("h", HOUR), ("m", MINUTE)];
/// Beyond any real timestamp (year 287396); keeps the bucket arithmetic far from overflow.
pub const FAR: i64 = 1 << 53;

/// How the actor dimension of `audit_counts` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actors {
    /// The query's actors, or the every-actor key `''` when it names none.
    Query,
    /// Each actor separately: the query's, or every actor but the `''` key.
    Each,
}

/// How a time range is covered: spans counted from the events, and spans of whole buckets.
#[derive(Debug, Default)]
pub struct Cover {
    /// `[lo, hi]`, inclusive.
    pub exact: Vec<(i64, i64)>,
    /// `(level, lo, hi_excl)`, aligned to `UNITS[level]`.
    pub buckets: Vec<(usize, i64, i64)>,
}

/// Cuts the query's range: whole days, then whole hours and minutes at the ends, then the
/// partial minutes (and anything outside `[0, FAR)`) at the very ends.
pub fn cover(q: &AuditQuery) -> Option<Cover> {
    let lo = q.from.map_or(i64::MIN, |t| t.timestamp_millis());
    let hi = q.to.map_or(i64::MAX, |t| t.timestamp_millis());
    if lo > hi {
        return None;
    }
    let mut c = Cover::default();
    // Full minutes: [start, end).
    let start = (lo.clamp(0, FAR) + MINUTE - 1).div_euclid(MINUTE) * MINUTE;
    let end = (hi.clamp(-1, FAR - 1) + 1).div_euclid(MINUTE) * MINUTE;
    if start >= end {
        c.exact.push((lo, hi));
        return Some(c);
    }
    if lo < start {
        c.exact.push((lo, start - 1));
    }
    let mut pending = vec![(start, end)];
    for (level, (_, size)) in UNITS.iter().enumerate() {
        let mut next = Vec::new();
        for (a, b) in pending {
            let first = (a + size - 1).div_euclid(*size) * size;
            let last = b.div_euclid(*size) * size;
            if first < last {
                c.buckets.push((level, first, last));
                if a < first {
                    next.push((a, first));
                }
                if last < b {
                    next.push((last, b));
                }
            } else if a < b {
                next.push((a, b));
            }
        }
        pending = next;
    }
    if end <= hi {
        c.exact.push((end, hi));
    }
    Some(c)
}

/// The facet fields counted from `audit_counts`: the `field` key, or the dimension to group by.
pub fn counted(field: AuditField) -> Option<(&'static str, &'static str, Actors)> {
    match field {
        AuditField::Action => Some(("action", "value", Actors::Query)),
        AuditField::EntityType => Some(("entityType", "value", Actors::Query)),
        AuditField::UserId => Some(("", "actor_id", Actors::Each)),
        AuditField::HomeOrgId => Some(("", "home_org_id", Actors::Query)),
        AuditField::Timestamp => Some(("", "bucket", Actors::Query)),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// How a segment is counted.
pub enum Kind {
    /// Counted from the events.
    Exact,
    /// One bucket of `audit_counts`, of `UNITS[level]`.
    Bucket(usize),
}

/// A time span `[lo, hi]` (ms, inclusive) with its number of matching events.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    /// From, inclusive.
    pub lo: i64,
    /// To, inclusive.
    pub hi: i64,
    /// The matching events.
    pub n: u64,
    /// How it is counted.
    pub kind: Kind,
}

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    /// The page query keeps `timestamp <= edge` (descending) or `>= edge` (ascending).
    pub edge: i64,
    /// The events to skip from there.
    pub offset: u64,
}

/// The total of a plain query and where its page starts (`None`: from the beginning).
#[derive(Debug, Clone, Copy)]
pub struct Positioned {
    /// The query's `total`.
    pub total: u64,
    /// Where its page starts.
    pub start: Option<Start>,
}

/// The `audit_counts` rows a query is counted from: the `field` key and its values. Without
/// filters, the every-event key (`''`, `''`); with one equality filter on `action` or
/// `entityType` (`eq`, `equals`, `in`), that field's key and the filter's values (each counted
/// once). `None`: the query is counted from the events (a phrase, any other filter, or more
/// than one).
pub fn key(q: &AuditQuery) -> Option<(&'static str, Vec<String>)> {
    let mut key = None;
    for f in &q.filters {
        if let Some(value) = f.field.constant() {
            if !f.passes_constant(value) {
                return None;
            }
            continue;
        }
        let field = match f.field {
            AuditField::Action => "action",
            AuditField::EntityType => "entityType",
            _ => return None,
        };
        if f.op != TextOp::In || key.is_some() {
            return None;
        }
        let mut values = f.values.clone();
        values.sort();
        values.dedup();
        key = Some((field, values));
    }
    Some(key.unwrap_or(("", vec![String::new()])))
}
