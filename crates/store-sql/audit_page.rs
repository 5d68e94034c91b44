//! The audit search's plan, once: from a query's clause (each engine's `audit_search::clause`)
//! to its page, total and facets, inside the caller's read transaction (one snapshot). The
//! engines differ around it: how the snapshot is taken (SQLite's read transaction; PostgreSQL's
//! REPEATABLE READ on a task of its own), the facet statement (`audit_search::facet_sql`) and
//! SQLite's one-statement phrase page.
//!
//! - Plain searches (no phrase; no filter, or one equality filter on `action`/`entityType`) are
//!   counted and positioned from `audit_counts` (see `audit_buckets.rs`): `total` from a few
//!   hundred rows, and a deep page starts at the minute its first event is in.
//! - The page's `seq`s are picked from the index (index-only for the usual conditions), then only
//!   the page's rows are read: the rows skipped by the offset never touch the table.

use orgtrust_core::audit_search::{
    AuditField, AuditPage, AuditQuery, FacetCounts, SortOrder, MAX_DATE_FACET_ENTRIES,
    MAX_FACET_ENTRIES,
};
use orgtrust_core::store::StoreResult;
use sqlx::Row;

use crate::audit::{event_from_row, EVENT_COLUMNS};
use crate::audit_query::{bind_all, Arg, Clause};
use crate::audit_search::facet_sql;
use crate::dialect::DbConn;
use crate::map_err;

/// The page, total and facets of `q`, whose clause is `c`, read on `conn` (in one snapshot).
pub(crate) async fn search_in(
    conn: &mut DbConn,
    q: &AuditQuery,
    c: &Clause,
) -> StoreResult<AuditPage> {
    let dir = match q.sort {
        SortOrder::Ascending => "ASC",
        SortOrder::Descending => "DESC",
    };
    let offset = i64::try_from(q.offset).unwrap_or(i64::MAX);
    let limit = i64::from(q.limit);
    // Counted from `audit_counts`: no phrase, and no filter or one it keeps counts of.
    let key = if q.words.is_empty() {
        crate::audit_buckets::key(q)
    } else {
        None
    };
    let counted = key.is_some();
    // Facets from `audit_counts` only without any filter (its counts are per one field).
    let plain = key.as_ref().is_some_and(|(field, _)| field.is_empty());
    let (total, start) = if counted {
        let p = crate::audit_buckets::position(&mut *conn, q).await?;
        (Some(p.total), p.start)
    } else {
        (None, None)
    };

    let events = if total.is_some_and(|t| q.offset >= t) {
        vec![]
    } else {
        // The page's seqs from the index, then only their rows. A counted query starts at
        // the minute its page falls in.
        let mut page_args = c.args.clone();
        let (bound, skip) = match start {
            Some(s) => {
                let op = if q.sort == SortOrder::Descending {
                    "<="
                } else {
                    ">="
                };
                let p = page_args.push(Arg::Int(s.edge));
                (format!(" AND e.timestamp {op} {p}"), s.offset)
            }
            None => (String::new(), q.offset),
        };
        let l = page_args.push(Arg::Int(limit));
        let o = page_args.push(Arg::Int(i64::try_from(skip).unwrap_or(i64::MAX)));
        let page_sql = format!(
            "SELECT {EVENT_COLUMNS} FROM audit_events e WHERE e.seq IN (
                 SELECT e.seq {}{bound} ORDER BY e.timestamp {dir}, e.seq {dir} LIMIT {l} OFFSET {o})
             ORDER BY e.timestamp {dir}, e.seq {dir}",
            c.sql
        );
        bind_all(sqlx::query(&page_sql), &page_args.0)
            .fetch_all(&mut *conn)
            .await
            .map_err(map_err)?
            .iter()
            .map(event_from_row)
            .collect::<Vec<_>>()
    };

    let total = match total {
        Some(t) => t,
        // A short first page is the whole result: no need to count.
        None if offset == 0 && (events.len() as i64) < limit => events.len() as u64,
        None => {
            let n: i64 = bind_all(
                sqlx::query(&format!("SELECT count(*) {}", c.sql)),
                &c.args.0,
            )
            .fetch_one(&mut *conn)
            .await
            .map_err(map_err)?
            .get(0);
            u64::try_from(n).unwrap_or(0)
        }
    };

    let mut facets = Vec::with_capacity(q.facets.len());
    for facet in &q.facets {
        let entries = if total == 0 {
            vec![]
        } else if let Some(value) = facet.field.constant() {
            vec![(value.to_owned(), total)]
        } else if let Some(mut counted) = if plain {
            crate::audit_buckets::facet(&mut *conn, q, facet.field).await?
        } else {
            None
        } {
            // The same order and cap as `facet_sql` (byte order).
            if facet.field == AuditField::Timestamp {
                counted.sort();
                counted.truncate(MAX_DATE_FACET_ENTRIES);
            } else {
                counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                counted.truncate(MAX_FACET_ENTRIES);
            }
            counted
        } else {
            let sql = facet_sql(facet.field, c);
            bind_all(sqlx::query(&sql), &c.args.0)
                .fetch_all(&mut *conn)
                .await
                .map_err(map_err)?
                .iter()
                .map(|r| {
                    (
                        r.get::<String, _>("v"),
                        u64::try_from(r.get::<i64, _>("n")).unwrap_or(0),
                    )
                })
                .collect()
        };
        facets.push(FacetCounts {
            name: facet.name.clone(),
            entries,
        });
    }
    Ok(AuditPage {
        events,
        total,
        facets,
    })
}
