//! `total` and deep pages of plain audit searches (no phrase; no filter, or one equality filter
//! on `action` or `entityType`: see [`key`]) from `audit_counts`, the per-day, per-hour and
//! per-minute event counts the triggers keep (SQLite: migrations/0005_audit_search.sql, per row;
//! PostgreSQL: migrations/0015_audit_counts.sql, per statement). PostgreSQL's `sum` of BIGINT is
//! NUMERIC, so sums are cast back; the conditions on the events themselves are each engine's
//! `audit_search::clause`.
//!
//! The time range is cut into segments, coarsest first: the full days, then the full hours and
//! full minutes left at either end, and the partial minutes at the very ends (counted exactly from
//! the index: at most a minute of events each). `total` is their sum: the days of the range plus
//! at most 2 x (23 + 59) rows, whatever the number of events. A page at offset `k` walks the
//! segments in sort order to the one that holds the `k`-th event, drilling from a day into its
//! hours and from an hour into its minutes, and the page query then starts at that minute with
//! the small remaining offset: a deep page skips at most one minute of events, not all before it.

use std::collections::HashMap;

use orgtrust_core::audit_buckets::{counted, cover, Actors, Kind, Segment, UNITS};
pub(crate) use orgtrust_core::audit_buckets::{key, Positioned, Start};
use orgtrust_core::audit_search::{AuditField, AuditQuery, SortOrder};
use orgtrust_core::store::StoreResult;
use sqlx::Row;

use crate::audit_query::{bind_all, plain, Arg, Args};
use crate::audit_search::{clause, column};
use crate::dialect::DbConn;
use crate::map_err;

/// The organization, homes and actors as conditions on `audit_counts`, for one `field` key and,
/// unless `values` is empty, those of its values; arguments pushed onto `args`.
fn scope(
    q: &AuditQuery,
    actors: Actors,
    field: &str,
    values: &[String],
    args: &mut Args,
) -> String {
    let homes: Vec<String> = q.home_org_ids.iter().map(ToString::to_string).collect();
    let org = args.push(Arg::Text(q.org_id.to_string()));
    let mut sql = format!(
        "org_id = {org} AND home_org_id IN ({})",
        args.list(&homes, plain)
    );
    if !q.actor_ids.is_empty() {
        sql.push_str(&format!(
            " AND actor_id IN ({})",
            args.list(&q.actor_ids, plain)
        ));
    } else if actors == Actors::Query {
        sql.push_str(" AND actor_id = ''");
    } else {
        sql.push_str(" AND actor_id <> ''");
    }
    sql.push_str(&format!(
        " AND field = {}",
        args.push(Arg::Text(field.into()))
    ));
    if !values.is_empty() {
        sql.push_str(&format!(" AND value IN ({})", args.list(values, plain)));
    }
    sql
}

/// Counts per bucket of `unit` in `[from, to]`, in bucket order, empty buckets left out.
async fn buckets(
    conn: &mut DbConn,
    q: &AuditQuery,
    unit: &str,
    from: i64,
    to: i64,
) -> StoreResult<Vec<(i64, u64)>> {
    if from > to {
        return Ok(vec![]);
    }
    // Only counted queries get here; a query without a key would be counted as a plain one.
    let (field, values) = key(q).unwrap_or(("", vec![String::new()]));
    let mut args = Args::default();
    let sql = scope(q, Actors::Query, field, &values, &mut args);
    let u = args.push(Arg::Text(unit.into()));
    let a = args.push(Arg::Int(from));
    let b = args.push(Arg::Int(to));
    let rows = bind_all(
        sqlx::query(&format!(
            "SELECT bucket, CAST(sum(n) AS BIGINT) AS n FROM audit_counts WHERE {sql} AND unit = {u}
             AND bucket BETWEEN {a} AND {b} GROUP BY bucket HAVING sum(n) > 0 ORDER BY bucket"
        )),
        &args.0,
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

/// `FROM audit_events e WHERE` the conditions of the (plain) query and `[lo, hi]`.
fn events_in(q: &AuditQuery, lo: i64, hi: i64) -> (String, Args) {
    let c = clause(q);
    let mut args = c.args;
    let a = args.push(Arg::Int(lo));
    let b = args.push(Arg::Int(hi));
    (
        format!("{} AND e.timestamp BETWEEN {a} AND {b}", c.sql),
        args,
    )
}

/// Events in `[lo, hi]`, counted from the index.
async fn exact(conn: &mut DbConn, q: &AuditQuery, lo: i64, hi: i64) -> StoreResult<u64> {
    if lo > hi {
        return Ok(0);
    }
    let (sql, args) = events_in(q, lo, hi);
    let n: i64 = bind_all(sqlx::query(&format!("SELECT count(*) {sql}")), &args.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?
        .get(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The counts per value of a facet of a plain query, when `audit_counts` holds them (`None`:
/// count from the events). Unsorted; the caller orders and caps.
pub(crate) async fn facet(
    conn: &mut DbConn,
    q: &AuditQuery,
    field: AuditField,
) -> StoreResult<Option<Vec<(String, u64)>>> {
    let Some((key, group, actors)) = counted(field) else {
        return Ok(None);
    };
    let Some(c) = cover(q) else {
        return Ok(Some(vec![]));
    };
    let day = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let mut counts: HashMap<String, u64> = HashMap::new();
    for (level, lo, hi_excl) in c.buckets {
        let (unit, size) = UNITS[level];
        // The every-event key has the one value ''; a field's key is grouped by its values.
        let every = if key.is_empty() {
            vec![String::new()]
        } else {
            vec![]
        };
        let mut args = Args::default();
        let sql = scope(q, actors, key, &every, &mut args);
        let u = args.push(Arg::Text(unit.into()));
        let a = args.push(Arg::Int(lo / size));
        let b = args.push(Arg::Int(hi_excl / size - 1));
        let rows = bind_all(
            sqlx::query(&format!(
                "SELECT {group} AS v, CAST(sum(n) AS BIGINT) AS n FROM audit_counts WHERE {sql} AND unit = {u}
                 AND bucket BETWEEN {a} AND {b} GROUP BY v"
            )),
            &args.0,
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
        for r in rows {
            let value = if field == AuditField::Timestamp {
                day(r.get::<i64, _>("v") * size)
            } else {
                r.get::<String, _>("v")
            };
            *counts.entry(value).or_default() += u64::try_from(r.get::<i64, _>("n")).unwrap_or(0);
        }
    }
    for (lo, hi) in c.exact {
        let (sql, args) = events_in(q, lo, hi);
        let rows = bind_all(
            sqlx::query(&format!(
                "SELECT {} AS v, count(*) AS n {sql} GROUP BY v",
                column(field)
            )),
            &args.0,
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
        for r in rows {
            if let Some(v) = r.get::<Option<String>, _>("v") {
                *counts.entry(v).or_default() += u64::try_from(r.get::<i64, _>("n")).unwrap_or(0);
            }
        }
    }
    Ok(Some(counts.into_iter().filter(|(_, n)| *n > 0).collect()))
}

/// The non-empty buckets of `UNITS[level]` within `[lo, hi_excl)` (bucket-aligned) as segments.
async fn bucket_segments(
    conn: &mut DbConn,
    q: &AuditQuery,
    level: usize,
    lo: i64,
    hi_excl: i64,
) -> StoreResult<Vec<Segment>> {
    let (unit, size) = UNITS[level];
    Ok(buckets(conn, q, unit, lo / size, hi_excl / size - 1)
        .await?
        .into_iter()
        .map(|(b, n)| Segment {
            lo: b * size,
            hi: b * size + size - 1,
            n,
            kind: Kind::Bucket(level),
        })
        .collect())
}

/// Counts a plain query and positions its page.
pub(crate) async fn position(conn: &mut DbConn, q: &AuditQuery) -> StoreResult<Positioned> {
    let Some(c) = cover(q) else {
        return Ok(Positioned {
            total: 0,
            start: None,
        });
    };
    let mut segments: Vec<Segment> = Vec::new();
    for (lo, hi) in c.exact {
        segments.push(Segment {
            lo,
            hi,
            n: exact(conn, q, lo, hi).await?,
            kind: Kind::Exact,
        });
    }
    for (level, lo, hi_excl) in c.buckets {
        segments.extend(bucket_segments(conn, q, level, lo, hi_excl).await?);
    }
    segments.sort_by_key(|s| s.lo);
    let total: u64 = segments.iter().map(|s| s.n).sum();
    if q.offset == 0 || q.offset >= total {
        return Ok(Positioned { total, start: None });
    }
    let descending = q.sort == SortOrder::Descending;
    let mut remaining = q.offset;
    let mut level_segments = segments;
    loop {
        if descending {
            level_segments.reverse();
        }
        let Some(found) = level_segments.into_iter().find(|seg| {
            if seg.n <= remaining {
                remaining -= seg.n;
                false
            } else {
                true
            }
        }) else {
            // The counts of a bucket always add up to its parent's; were they ever not to, the
            // page falls back to the plain offset from the beginning, which is always right.
            return Ok(Positioned { total, start: None });
        };
        match found.kind {
            Kind::Bucket(level) if level + 1 < UNITS.len() => {
                level_segments =
                    bucket_segments(conn, q, level + 1, found.lo, found.hi + 1).await?;
            }
            _ => {
                let edge = if descending { found.hi } else { found.lo };
                return Ok(Positioned {
                    total,
                    start: Some(Start {
                        edge,
                        offset: remaining,
                    }),
                });
            }
        }
    }
}
