//! Audit search over PostgreSQL: the WHERE clause built from the validated [`AuditQuery`] (the
//! shared plan, `crates/store-sql/audit_page.rs`, uses it for the page, the total and the facets),
//! read in one REPEATABLE READ transaction (one snapshot). The semantics are SQLite's: the phrase
//! matches the stored `fts` document with `audit_search_word` (migrations/0005_audit_search.sql,
//! the counterpart of the FTS5 table), case-insensitive comparisons fold ASCII only (SQLite's
//! `NOCASE` and `lower`), facet values tie-break in byte order (`COLLATE "C"`, SQLite's BINARY).
//!
//! With a phrase, the full-text index drives: the matches of `fts` (GIN `audit_fts`) are read
//! first behind an optimisation fence, so a selective phrase costs its matches, not a walk of the
//! organization's trail filtered by the phrase (the plan PostgreSQL picked without it). Plain
//! searches are counted from `audit_counts` (migrations/0015_audit_counts.sql, kept per statement
//! in the events' transaction; see `crates/store-sql/audit_buckets.rs`).

use async_trait::async_trait;
use orgtrust_core::audit_search::{
    AuditField, AuditPage, AuditQuery, TextOp, MAX_DATE_FACET_ENTRIES, MAX_FACET_ENTRIES,
};
use orgtrust_core::store::{AuditSearchStore, StoreResult};

use crate::audit_page::search_in;
use crate::audit_query::{plain, Arg, Args, Clause};
use crate::sql::rows::millis;
use crate::{map_err, PgStore};

/// ASCII-only lower case, as SQLite's `lower()` and `NOCASE` fold.
fn ascii_lower(expr: &str) -> String {
    format!("translate({expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')")
}

/// The SQL expression of a field (`e` is `audit_events`).
pub(crate) fn column(field: AuditField) -> String {
    match field {
        AuditField::Action => "e.action".into(),
        AuditField::EntityType => "e.entity_type".into(),
        AuditField::EntityId => "e.entity_id".into(),
        AuditField::EntityName => "e.entity_name".into(),
        AuditField::UserId => "e.actor_id".into(),
        AuditField::UserName => "e.actor_name".into(),
        AuditField::ClientId => "e.client_id".into(),
        AuditField::HomeOrgId => "e.home_org_id".into(),
        // One bucket per UTC day (integer division, as SQLite's `e.timestamp / 1000`).
        AuditField::Timestamp => {
            "to_char(timestamp '1970-01-01' + (e.timestamp / 1000) * interval '1 second', 'YYYY-MM-DD')"
                .into()
        }
        // The same on every event; the constants are fixed ASCII words, safe to inline.
        AuditField::Status | AuditField::Level | AuditField::ServiceName => {
            format!("'{}'", field.constant().unwrap_or_default())
        }
    }
}

/// The `yyyy-MM-dd` of `d`, seconds since the epoch.
const DAY_TEXT: &str = "to_char(timestamp '1970-01-01' + d * interval '1 second', 'YYYY-MM-DD')";

/// `FROM ... WHERE ...` of a query, with its arguments.
pub(crate) fn clause(q: &AuditQuery) -> Clause {
    let mut conds: Vec<String> = Vec::new();
    let mut args = Args::default();
    conds.push(format!(
        "e.org_id = {}",
        args.push(Arg::Text(q.org_id.to_string()))
    ));
    let homes: Vec<String> = q.home_org_ids.iter().map(ToString::to_string).collect();
    conds.push(format!("e.home_org_id IN ({})", args.list(&homes, plain)));
    if !q.actor_ids.is_empty() {
        conds.push(format!(
            "e.actor_id IN ({})",
            args.list(&q.actor_ids, plain)
        ));
    }
    if let Some(from) = q.from {
        conds.push(format!(
            "e.timestamp >= {}",
            args.push(Arg::Int(millis(from)))
        ));
    }
    if let Some(to) = q.to {
        conds.push(format!(
            "e.timestamp <= {}",
            args.push(Arg::Int(millis(to)))
        ));
    }
    let mut from = "audit_events e".to_owned();
    if !q.words.is_empty() {
        // Every word must occur: the words' queries ANDed.
        let words: Vec<String> = q
            .words
            .iter()
            .map(|w| {
                let (word, prefix) = match w.strip_suffix('*') {
                    Some(stem) => (stem, true),
                    None => (w.as_str(), false),
                };
                let w = args.push(Arg::Text(word.to_owned()));
                let p = args.push(Arg::Bool(prefix));
                format!("audit_search_word({w}, {p})")
            })
            .collect();
        // `OFFSET 0` keeps the subquery from being pulled up: the GIN index is read first (as
        // SQLite's FTS5 table drives its join), whatever the planner guesses of the phrase.
        from = format!(
            "(SELECT * FROM audit_events WHERE fts @@ ({}) OFFSET 0) e",
            words.join(" && ")
        );
    }
    for f in &q.filters {
        if let Some(value) = f.field.constant() {
            if !f.passes_constant(value) {
                conds.push("FALSE".into());
            }
            continue;
        }
        let col = column(f.field);
        conds.push(match f.op {
            TextOp::In => format!("{col} IN ({})", args.list(&f.values, plain)),
            TextOp::InIgnoreCase => format!(
                "{} IN ({})",
                ascii_lower(&col),
                args.list(&f.values, ascii_lower)
            ),
            TextOp::Contains => format!(
                "({})",
                f.values
                    .iter()
                    .map(|v| {
                        let p = args.push(Arg::Text(v.clone()));
                        format!("strpos({}, {}) > 0", ascii_lower(&col), ascii_lower(&p))
                    })
                    .collect::<Vec<_>>()
                    .join(" OR ")
            ),
            TextOp::NotIn => format!(
                "({col} IS NULL OR {col} NOT IN ({}))",
                args.list(&f.values, plain)
            ),
        });
    }
    Clause {
        sql: format!("FROM {from} WHERE {}", conds.join(" AND ")),
        args,
    }
}

#[async_trait]
impl AuditSearchStore for PgStore {
    async fn search_audit_events(&self, q: &AuditQuery) -> StoreResult<AuditPage> {
        // The search is a transaction of several statements on a pooled connection. Run to its
        // end on a task of its own: when the client goes away, hyper drops the request's future,
        // and a transaction cut between two statements has left a pooled connection inside it
        // (the next search on it failed: `SET TRANSACTION ISOLATION LEVEL must be called before
        // any query`, a 500 seen at the end of the benchmark's runs).
        let (pool, q) = (self.reader.clone(), q.clone());
        tokio::spawn(async move { search(&pool, &q).await })
            .await
            .map_err(|e| {
                orgtrust_core::store::StoreError::Internal(format!("audit search task: {e}"))
            })?
    }
}

/// One audit search in one REPEATABLE READ snapshot (page, total and facets agree).
async fn search(pool: &sqlx::PgPool, q: &AuditQuery) -> StoreResult<AuditPage> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    let page = search_in(&mut tx, q, &clause(q)).await?;
    tx.rollback().await.map_err(map_err)?;
    Ok(page)
}

/// The statement that counts a facet's values under clause `c`: by count, then value in byte
/// order (`COLLATE "C"`, SQLite's BINARY), capped; dates in date order.
pub(crate) fn facet_sql(field: AuditField, c: &Clause) -> String {
    if field == AuditField::Timestamp {
        // Counted per day as integers (the start of the UTC day, in seconds, of the
        // same truncated seconds `column` formats), formatted once per day.
        format!(
                    "SELECT {DAY_TEXT} AS v, n FROM (
                         SELECT e.timestamp / 1000 - ((e.timestamp / 1000) % 86400 + 86400) % 86400 AS d,
                                count(*) AS n {} GROUP BY d) days
                     ORDER BY {DAY_TEXT} COLLATE \"C\" ASC LIMIT {MAX_DATE_FACET_ENTRIES}",
                    c.sql
                )
    } else {
        let col = column(field);
        format!(
            "SELECT {col} AS v, count(*) AS n {} AND {col} IS NOT NULL GROUP BY v
                     ORDER BY n DESC, {col} COLLATE \"C\" ASC LIMIT {MAX_FACET_ENTRIES}",
            c.sql
        )
    }
}
