//! `total` and deep pages of plain audit searches (no phrase, no filter) from `audit_counts`, the
//! per-day and per-minute event counts the triggers keep.
//!
//! The time range is cut into segments: the partial minutes at either end (counted exactly from
//! the index: at most a minute of events each), the full minutes outside full days, and the full
//! days. `total` is their sum, a few hundred rows whatever the number of events. A page at
//! offset `k` walks the segments in sort order until the one that holds the `k`-th event (drilling
//! from a day into its minutes), and the page query then starts at that minute with the small
//! remaining offset, so a deep page skips at most one minute of events instead of all before it.

use orgtrust_core::audit_search::{AuditQuery, SortOrder};
use orgtrust_core::store::StoreResult;
use sqlx::{Row, SqliteConnection};

use super::{bind_all, placeholders, Arg};
use crate::map_err;
use crate::rows::millis;

const MINUTE: i64 = 60_000;
const DAY: i64 = 86_400_000;
const MINUTES_PER_DAY: i64 = DAY / MINUTE;
/// Beyond any real timestamp (year 287396); keeps the bucket arithmetic far from overflow.
const FAR: i64 = 1 << 53;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Counted from the events.
    Exact,
    /// One minute of `audit_counts`.
    Minute,
    /// One day of `audit_counts`.
    Day,
}

/// A time span `[lo, hi]` (ms, inclusive) with its number of matching events.
#[derive(Debug, Clone, Copy)]
struct Segment {
    lo: i64,
    hi: i64,
    n: u64,
    kind: Kind,
}

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Start {
    /// The page query keeps `timestamp <= edge` (descending) or `>= edge` (ascending).
    pub edge: i64,
    /// The events to skip from there.
    pub offset: u64,
}

/// The total of a plain query and where its page starts (`None`: from the beginning).
#[derive(Debug, Clone, Copy)]
pub(super) struct Positioned {
    pub total: u64,
    pub start: Option<Start>,
}

/// The organization, homes and actors as conditions (`actor_id ''` counts every actor).
fn scope(q: &AuditQuery) -> (String, Vec<Arg>) {
    let homes: Vec<Arg> = q
        .home_org_ids
        .iter()
        .map(|h| Arg::Text(h.to_string()))
        .collect();
    let actors: Vec<Arg> = if q.actor_ids.is_empty() {
        vec![Arg::Text(String::new())]
    } else {
        q.actor_ids.iter().cloned().map(Arg::Text).collect()
    };
    let sql = format!(
        "org_id = ? AND home_org_id IN ({}) AND actor_id IN ({})",
        placeholders(homes.len()),
        placeholders(actors.len())
    );
    let mut args = vec![Arg::Text(q.org_id.to_string())];
    args.extend(homes);
    args.extend(actors);
    (sql, args)
}

/// Counts per bucket of `unit` in `[from, to]`, in bucket order, empty buckets left out.
async fn buckets(
    conn: &mut SqliteConnection,
    q: &AuditQuery,
    unit: &str,
    from: i64,
    to: i64,
) -> StoreResult<Vec<(i64, u64)>> {
    if from > to {
        return Ok(vec![]);
    }
    let (sql, mut args) = scope(q);
    args.push(Arg::Text(unit.into()));
    args.push(Arg::Int(from));
    args.push(Arg::Int(to));
    let rows = bind_all(
        sqlx::query(&format!(
            "SELECT bucket, sum(n) AS n FROM audit_counts WHERE {sql} AND unit = ? AND bucket BETWEEN ? AND ?
             GROUP BY bucket HAVING sum(n) > 0 ORDER BY bucket"
        )),
        &args,
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                r.get::<i64, _>("bucket"),
                u64::try_from(r.get::<i64, _>("n")).unwrap_or(0),
            )
        })
        .collect())
}

/// Events in `[lo, hi]`, counted from the index.
async fn exact(conn: &mut SqliteConnection, q: &AuditQuery, lo: i64, hi: i64) -> StoreResult<u64> {
    if lo > hi {
        return Ok(0);
    }
    let mut args = vec![Arg::Text(q.org_id.to_string())];
    args.extend(q.home_org_ids.iter().map(|h| Arg::Text(h.to_string())));
    let mut sql = format!(
        "SELECT count(*) FROM audit_events e WHERE e.org_id = ? AND e.home_org_id IN ({})",
        placeholders(q.home_org_ids.len())
    );
    if !q.actor_ids.is_empty() {
        sql.push_str(&format!(
            " AND e.actor_id IN ({})",
            placeholders(q.actor_ids.len())
        ));
        args.extend(q.actor_ids.iter().cloned().map(Arg::Text));
    }
    sql.push_str(" AND e.timestamp BETWEEN ? AND ?");
    args.push(Arg::Int(lo));
    args.push(Arg::Int(hi));
    let n: i64 = bind_all(sqlx::query(&sql), &args)
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?
        .get(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

fn minutes(list: Vec<(i64, u64)>) -> impl Iterator<Item = Segment> {
    list.into_iter().map(|(b, n)| Segment {
        lo: b * MINUTE,
        hi: b * MINUTE + MINUTE - 1,
        n,
        kind: Kind::Minute,
    })
}

/// Counts a plain query and positions its page.
pub(super) async fn position(
    conn: &mut SqliteConnection,
    q: &AuditQuery,
) -> StoreResult<Positioned> {
    let lo = q.from.map_or(i64::MIN, millis);
    let hi = q.to.map_or(i64::MAX, millis);
    if lo > hi {
        return Ok(Positioned {
            total: 0,
            start: None,
        });
    }
    // Full minutes: [start, end) (events before 1970 or after FAR only in the exact ends).
    let start = (lo.clamp(0, FAR) + MINUTE - 1).div_euclid(MINUTE) * MINUTE;
    let end = (hi.clamp(-1, FAR - 1) + 1).div_euclid(MINUTE) * MINUTE;
    let mut segments: Vec<Segment> = Vec::new();
    if start >= end {
        segments.push(Segment {
            lo,
            hi,
            n: exact(conn, q, lo, hi).await?,
            kind: Kind::Exact,
        });
    } else {
        if lo < start {
            segments.push(Segment {
                lo,
                hi: start - 1,
                n: exact(conn, q, lo, start - 1).await?,
                kind: Kind::Exact,
            });
        }
        let (m0, m1) = (start / MINUTE, end / MINUTE - 1);
        // Full days: [d0, d1].
        let d0 = (start + DAY - 1).div_euclid(DAY);
        let d1 = end.div_euclid(DAY) - 1;
        if d0 <= d1 {
            segments.extend(minutes(
                buckets(conn, q, "m", m0, d0 * MINUTES_PER_DAY - 1).await?,
            ));
            segments.extend(
                buckets(conn, q, "d", d0, d1)
                    .await?
                    .into_iter()
                    .map(|(d, n)| Segment {
                        lo: d * DAY,
                        hi: d * DAY + DAY - 1,
                        n,
                        kind: Kind::Day,
                    }),
            );
            segments.extend(minutes(
                buckets(conn, q, "m", (d1 + 1) * MINUTES_PER_DAY, m1).await?,
            ));
        } else {
            segments.extend(minutes(buckets(conn, q, "m", m0, m1).await?));
        }
        if end <= hi {
            segments.push(Segment {
                lo: end,
                hi,
                n: exact(conn, q, end, hi).await?,
                kind: Kind::Exact,
            });
        }
    }
    let total: u64 = segments.iter().map(|s| s.n).sum();
    if q.offset == 0 || q.offset >= total {
        return Ok(Positioned { total, start: None });
    }
    let descending = q.sort == SortOrder::Descending;
    if descending {
        segments.reverse();
    }
    let mut remaining = q.offset;
    for seg in segments {
        if seg.n <= remaining {
            remaining -= seg.n;
            continue;
        }
        let mut found = seg;
        if seg.kind == Kind::Day {
            let day = seg.lo / DAY;
            let mut inner: Vec<Segment> = minutes(
                buckets(
                    conn,
                    q,
                    "m",
                    day * MINUTES_PER_DAY,
                    (day + 1) * MINUTES_PER_DAY - 1,
                )
                .await?,
            )
            .collect();
            if descending {
                inner.reverse();
            }
            for m in inner {
                if m.n <= remaining {
                    remaining -= m.n;
                } else {
                    found = m;
                    break;
                }
            }
            // Minutes always add up to their day; were they ever not to, the page falls back to
            // the plain offset from the beginning, which is always right.
            if found.kind == Kind::Day {
                return Ok(Positioned { total, start: None });
            }
        }
        let edge = if descending { found.hi } else { found.lo };
        return Ok(Positioned {
            total,
            start: Some(Start {
                edge,
                offset: remaining,
            }),
        });
    }
    Ok(Positioned { total, start: None })
}
