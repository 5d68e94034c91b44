//! Audit search over SQLite: the WHERE clause built from the validated [`AuditQuery`] (the shared
//! plan, `crates/store-sql/audit_page.rs`, uses it for the page, the total and the facets), read
//! in one transaction (one snapshot), and the one-statement phrase page.
//!
//! Plans (see migrations/0005_audit_search.sql):
//! - Without a phrase, the conditions on organization, home organization, actor and time are all
//!   in `audit_events_org_home_actor_time` / `audit_events_org_home_time`, which are also in
//!   timestamp order: the page's `seq`s are picked from the index alone (skipped rows never touch
//!   the table), then only the page's rows are read.
//! - With a phrase, the full-text index drives (`audit_fts CROSS JOIN audit_events`, the cross
//!   join fixing the order), so a selective phrase costs its matches, not the organization's
//!   whole trail.

use async_trait::async_trait;
use orgtrust_core::audit_search::{
    AuditField, AuditPage, AuditQuery, SortOrder, TextOp, MAX_DATE_FACET_ENTRIES, MAX_FACET_ENTRIES,
};
use orgtrust_core::store::{AuditSearchStore, StoreResult};
use sqlx::Row;

use crate::audit::event_from_row;
use crate::audit_page::search_in;
use crate::audit_query::{bind_all, plain, Arg, Args, Clause};
use crate::sql::rows::millis;
use crate::{map_err, SqliteStore};

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
        // One bucket per UTC day.
        AuditField::Timestamp => "strftime('%Y-%m-%d', e.timestamp / 1000, 'unixepoch')".into(),
        // The same on every event; the constants are fixed ASCII words, safe to inline.
        AuditField::Status | AuditField::Level | AuditField::ServiceName => {
            format!("'{}'", field.constant().unwrap_or_default())
        }
    }
}

/// An FTS5 query: each word quoted (so punctuation is literal), a trailing `*` kept as a prefix
/// marker; FTS5 ANDs juxtaposed phrases.
pub(crate) fn match_expression(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let (word, prefix) = match w.strip_suffix('*') {
                Some(stem) => (stem, "*"),
                None => (w.as_str(), ""),
            };
            format!("\"{}\"{prefix}", word.replace('"', "\"\""))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `FROM ... WHERE ...` of a query, with its arguments.
pub(crate) fn clause(q: &AuditQuery) -> Clause {
    let mut conds: Vec<String> = Vec::new();
    let mut args = Args::default();
    let from = if q.words.is_empty() {
        "audit_events e"
    } else {
        let m = args.push(Arg::Text(match_expression(&q.words)));
        conds.push(format!("audit_fts MATCH {m}"));
        "audit_fts CROSS JOIN audit_events e ON e.seq = audit_fts.rowid"
    };
    conds.push(format!(
        "e.org_id = {}",
        args.push(Arg::Text(q.org_id.to_string()))
    ));
    let one_of = |col: &str, values: &[String], conds: &mut Vec<String>, args: &mut Args| {
        if let [v] = values {
            conds.push(format!("{col} = {}", args.push(Arg::Text(v.clone()))));
        } else {
            conds.push(format!("{col} IN ({})", args.list(values, plain)));
        }
    };
    let homes: Vec<String> = q.home_org_ids.iter().map(ToString::to_string).collect();
    one_of("e.home_org_id", &homes, &mut conds, &mut args);
    if !q.actor_ids.is_empty() {
        one_of("e.actor_id", &q.actor_ids, &mut conds, &mut args);
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
    for f in &q.filters {
        if let Some(value) = f.field.constant() {
            if !f.passes_constant(value) {
                conds.push("0".into());
            }
            continue;
        }
        let col = column(f.field);
        conds.push(match f.op {
            TextOp::In => format!("{col} IN ({})", args.list(&f.values, plain)),
            TextOp::InIgnoreCase => format!(
                "({col} COLLATE NOCASE) IN ({})",
                args.list(&f.values, plain)
            ),
            TextOp::Contains => format!(
                "({})",
                f.values
                    .iter()
                    .map(|v| {
                        let p = args.push(Arg::Text(v.clone()));
                        format!("instr(lower({col}), lower({p})) > 0")
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
impl AuditSearchStore for SqliteStore {
    async fn search_audit_events(&self, q: &AuditQuery) -> StoreResult<AuditPage> {
        let c = clause(q);
        let dir = match q.sort {
            SortOrder::Ascending => "ASC",
            SortOrder::Descending => "DESC",
        };
        let offset = i64::try_from(q.offset).unwrap_or(i64::MAX);
        let limit = i64::from(q.limit);
        if !q.words.is_empty() && q.facets.is_empty() {
            if let Some(page) = self.phrase_page(&c, dir, limit, offset).await? {
                return Ok(page);
            }
        }
        // One read transaction: page, total and facets see the same snapshot.
        let mut tx = self.reader.begin().await.map_err(map_err)?;
        let page = search_in(&mut tx, q, &c).await?;
        tx.rollback().await.map_err(map_err)?;
        Ok(page)
    }
}

/// The statement that counts a facet's values under clause `c`: by count, then value (BINARY,
/// byte order), capped; dates in date order.
pub(crate) fn facet_sql(field: AuditField, c: &Clause) -> String {
    let (order, cap) = if field == AuditField::Timestamp {
        ("v ASC", MAX_DATE_FACET_ENTRIES)
    } else {
        ("n DESC, v ASC", MAX_FACET_ENTRIES)
    };
    format!(
        "SELECT {col} AS v, count(*) AS n {} AND {col} IS NOT NULL GROUP BY v ORDER BY {order} LIMIT {cap}",
        c.sql,
        col = column(field),
    )
}

impl SqliteStore {
    /// A phrase search without facets in one statement: the page, with the total as a scalar
    /// subquery (evaluated once), so both are of one snapshot without a transaction around
    /// them. A search is a handful of round trips to the reader's worker thread (acquire,
    /// `BEGIN`, each statement, `COMMIT`, the release's ping), and on a selective phrase those
    /// hand-offs, not the SQL, were the time (BENCHMARKS.md, "selective phrase search"). The
    /// phrase's matches are counted even for a short first page: there they are fewer than
    /// the page. `None` for a page past the end, which has no row to carry the total: the
    /// caller reads that one in a transaction.
    async fn phrase_page(
        &self,
        c: &Clause,
        dir: &str,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Option<AuditPage>> {
        // The clause stands twice with the same numbered arguments, bound once.
        let mut args = c.args.clone();
        let l = args.push(Arg::Int(limit));
        let o = args.push(Arg::Int(offset));
        let sql = format!(
            "SELECT o.*, (SELECT count(*) {cl}) AS matches FROM audit_events o WHERE o.seq IN (
                 SELECT e.seq {cl} ORDER BY e.timestamp {dir}, e.seq {dir} LIMIT {l} OFFSET {o})
             ORDER BY o.timestamp {dir}, o.seq {dir}",
            cl = c.sql
        );
        let rows = bind_all(sqlx::query(&sql), &args.0)
            .fetch_all(&self.reader)
            .await
            .map_err(map_err)?;
        let total = match rows.first() {
            Some(r) => u64::try_from(r.get::<i64, _>("matches")).unwrap_or(0),
            None if offset == 0 => 0,
            None => return Ok(None),
        };
        Ok(Some(AuditPage {
            events: rows.iter().map(event_from_row).collect(),
            total,
            facets: vec![],
        }))
    }
}

#[cfg(test)]
mod tests;
