//! Audit search against a real SQLite database: events inserted with the same `insert_audit`
//! every audited write ends with, then searched.

use chrono::{DateTime, Duration, TimeZone, Utc};
use orgtrust_core::audit::{Actor, AuditEvent, Change};
use orgtrust_core::audit_search::{
    AuditFacet, AuditField, AuditFilter, AuditQuery, SortOrder, TextOp,
};
use orgtrust_core::ids::{ClientId, OrgId};
use orgtrust_core::store::AuditSearchStore;
use sqlx::Row;

use super::{clause, match_expression};
use crate::sql::rows::insert_audit;
use crate::SqliteStore;

const T: &str = "trustor";
const E: &str = "trustee";
const X: &str = "unrelated";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
        .single()
        .expect("date")
}

#[allow(clippy::too_many_arguments)]
fn event(
    n: i64,
    org: &str,
    home: &str,
    actor: &str,
    action: &str,
    entity_type: &str,
    entity_name: Option<&str>,
    changes: Vec<Change>,
) -> AuditEvent {
    AuditEvent {
        id: format!("ev-{n}"),
        timestamp: t0() + Duration::hours(n),
        org_id: OrgId::new(org),
        home_org_id: OrgId::new(home),
        actor: Actor {
            kind: "user",
            id: actor.into(),
            name: format!("Name of {actor}"),
        },
        client_id: (n % 2 == 0).then(|| ClientId::new("c1")),
        action: action.into(),
        entity_type: entity_type.into(),
        entity_id: format!("entity-{n}"),
        entity_name: entity_name.map(str::to_owned),
        changes,
        correlation_id: format!("corr-{n}"),
        remote_ip: None,
    }
}

async fn store_with(events: &[AuditEvent]) -> SqliteStore {
    let store = SqliteStore::open("sqlite::memory:").await.expect("store");
    insert(&store, events).await;
    store
}

async fn insert(store: &SqliteStore, events: &[AuditEvent]) {
    let mut tx = store.writer.begin().await.expect("begin");
    for e in events {
        insert_audit(&mut tx, e).await.expect("insert");
    }
    tx.commit().await.expect("commit");
}

fn query(org: &str, homes: &[&str]) -> AuditQuery {
    AuditQuery {
        org_id: OrgId::new(org),
        home_org_ids: homes.iter().map(|h| OrgId::new(*h)).collect(),
        actor_ids: vec![],
        from: None,
        to: None,
        words: vec![],
        filters: vec![],
        facets: vec![],
        sort: SortOrder::Descending,
        offset: 0,
        limit: 25,
    }
}

fn ids(page: &orgtrust_core::audit_search::AuditPage) -> Vec<&str> {
    page.events.iter().map(|e| e.id.as_str()).collect()
}

fn change(property: &str, old: &str, new: &str) -> Change {
    Change {
        property: property.into(),
        old_values: vec![old.into()],
        new_values: vec![new.into()],
    }
}

/// A small trail: E's users in T, T's own users in T, E's users in X, X's users in T.
fn trail() -> Vec<AuditEvent> {
    vec![
        event(
            1,
            T,
            E,
            "pat",
            "create",
            "user",
            Some("Emil Europe"),
            vec![],
        ),
        event(
            2,
            T,
            E,
            "pat",
            "update",
            "user",
            Some("Emil Europe"),
            vec![change("title", "Analyst", "Lead")],
        ),
        event(3, T, E, "sam", "delete", "group", Some("Ops Team"), vec![]),
        event(
            4,
            T,
            T,
            "ann",
            "update",
            "user",
            Some("Emil Europe"),
            vec![],
        ),
        event(
            5,
            X,
            E,
            "pat",
            "update",
            "user",
            Some("Emil Europe"),
            vec![],
        ),
        event(
            6,
            T,
            X,
            "xavier",
            "update",
            "user",
            Some("Emil Europe"),
            vec![],
        ),
        event(7, T, E, "pat", "login", "token", None, vec![]),
    ]
}

#[tokio::test]
async fn only_events_of_the_organization_by_the_named_homes() {
    let store = store_with(&trail()).await;
    let page = store
        .search_audit_events(&query(T, &[E]))
        .await
        .expect("search");
    assert_eq!(ids(&page), vec!["ev-7", "ev-3", "ev-2", "ev-1"]);
    assert_eq!(page.total, 4);

    let mut q = query(T, &[E]);
    q.actor_ids = vec!["pat".into()];
    q.sort = SortOrder::Ascending;
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(ids(&page), vec!["ev-1", "ev-2", "ev-7"]);

    let page = store
        .search_audit_events(&query(T, &[E, X]))
        .await
        .expect("search");
    assert_eq!(page.total, 5);
    assert!(page.events.iter().all(|e| e.org_id.as_str() == T));
    assert!(page.events.iter().all(|e| e.home_org_id.as_str() != T));
}

#[tokio::test]
async fn pages_are_cut_after_ordering_and_total_counts_all() {
    let events: Vec<AuditEvent> = (0..60)
        .map(|n| event(n, T, E, "pat", "update", "user", Some("U"), vec![]))
        .collect();
    let store = store_with(&events).await;
    let mut q = query(T, &[E]);
    q.limit = 25;
    q.offset = 50;
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(page.total, 60);
    assert_eq!(page.events.len(), 10);
    assert_eq!(page.events[0].id, "ev-9");
    assert_eq!(page.events[9].id, "ev-0");
    q.offset = 100;
    let page = store.search_audit_events(&q).await.expect("search");
    assert!(page.events.is_empty());
    assert_eq!(page.total, 60);
    q.offset = 0;
    q.from = Some(t0() + Duration::hours(10));
    q.to = Some(t0() + Duration::hours(19));
    q.sort = SortOrder::Ascending;
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(page.total, 10);
    assert_eq!(page.events[0].id, "ev-10");
}

#[tokio::test]
async fn phrases_match_words_of_the_event_text() {
    let store = store_with(&trail()).await;
    let search = |words: &[&str]| {
        let mut q = query(T, &[E]);
        q.words = words.iter().map(|w| (*w).to_owned()).collect();
        q
    };
    // Entity name, case-insensitive; every word must occur.
    let page = store
        .search_audit_events(&search(&["emil", "EUROPE"]))
        .await
        .expect("search");
    assert_eq!(ids(&page), vec!["ev-2", "ev-1"]);
    // A value of a change.
    let page = store
        .search_audit_events(&search(&["analyst"]))
        .await
        .expect("search");
    assert_eq!(ids(&page), vec!["ev-2"]);
    // JSON keys of the changes are not event text.
    let page = store
        .search_audit_events(&search(&["oldValues"]))
        .await
        .expect("search");
    assert_eq!(page.total, 0);
    // Actor name and prefix.
    let page = store
        .search_audit_events(&search(&["sa*"]))
        .await
        .expect("search");
    assert_eq!(ids(&page), vec!["ev-3"]);
    // The phrase never reaches beyond the organization and homes.
    let page = store
        .search_audit_events(&search(&["Emil"]))
        .await
        .expect("search");
    assert!(page
        .events
        .iter()
        .all(|e| e.org_id.as_str() == T && e.home_org_id.as_str() == E));
    // Quotes and operators are literal.
    let page = store
        .search_audit_events(&search(&["\"OR", "NOT\""]))
        .await
        .expect("search");
    assert_eq!(page.total, 0);
}

#[tokio::test]
async fn string_filters() {
    let store = store_with(&trail()).await;
    let with = |field, op, values: &[&str]| {
        let mut q = query(T, &[E]);
        q.filters = vec![AuditFilter {
            field,
            op,
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }];
        q
    };
    let run = |q| {
        let store = &store;
        async move {
            let page = store.search_audit_events(&q).await.expect("search");
            page.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        run(with(AuditField::Action, TextOp::In, &["create", "delete"])).await,
        vec!["ev-3", "ev-1"]
    );
    assert_eq!(
        run(with(AuditField::Action, TextOp::InIgnoreCase, &["UPDATE"])).await,
        vec!["ev-2"]
    );
    // Events without a name pass a negative filter on the name.
    assert_eq!(
        run(with(
            AuditField::EntityName,
            TextOp::NotIn,
            &["Emil Europe"]
        ))
        .await,
        vec!["ev-7", "ev-3"]
    );
    assert_eq!(
        run(with(AuditField::EntityName, TextOp::Contains, &["team"])).await,
        vec!["ev-3"]
    );
    assert_eq!(
        run(with(AuditField::ClientId, TextOp::In, &["c1"])).await,
        vec!["ev-2"]
    );
    assert_eq!(
        run(with(AuditField::Status, TextOp::In, &["SUCCESS"]))
            .await
            .len(),
        4
    );
    assert!(run(with(AuditField::Level, TextOp::In, &["SYSTEM"]))
        .await
        .is_empty());
}

#[tokio::test]
async fn facets_count_the_whole_result() {
    let store = store_with(&trail()).await;
    let mut q = query(T, &[E]);
    q.limit = 1;
    q.facets = vec![
        AuditFacet {
            name: "action".into(),
            field: AuditField::Action,
        },
        AuditFacet {
            name: "timestamp".into(),
            field: AuditField::Timestamp,
        },
        AuditFacet {
            name: "entityName".into(),
            field: AuditField::EntityName,
        },
        AuditFacet {
            name: "level".into(),
            field: AuditField::Level,
        },
    ];
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(page.events.len(), 1);
    assert_eq!(page.total, 4);
    let action = &page.facets[0];
    assert_eq!(action.name, "action");
    assert_eq!(action.entries.len(), 4);
    assert!(action.entries.iter().all(|(_, n)| *n == 1));
    assert_eq!(page.facets[1].entries, vec![("2026-11-20".to_owned(), 4)]);
    // Events without a name are not a value.
    assert_eq!(
        page.facets[2].entries,
        vec![("Emil Europe".to_owned(), 2), ("Ops Team".to_owned(), 1)]
    );
    assert_eq!(page.facets[3].entries, vec![("USER".to_owned(), 4)]);
}

#[tokio::test]
async fn the_full_text_index_stays_in_step() {
    let store = store_with(&trail()).await;
    let count = |sql: &'static str| {
        let store = &store;
        async move {
            sqlx::query(sql)
                .fetch_one(&store.reader)
                .await
                .expect("query")
                .get::<i64, _>(0)
        }
    };
    assert_eq!(
        count("SELECT count(*) FROM audit_fts WHERE audit_fts MATCH 'analyst'").await,
        1
    );
    sqlx::query("DELETE FROM audit_events WHERE id = 'ev-2'")
        .execute(&store.writer)
        .await
        .expect("delete");
    assert_eq!(
        count("SELECT count(*) FROM audit_fts WHERE audit_fts MATCH 'analyst'").await,
        0
    );
    // The counts follow the delete too: the plain search's total comes from them.
    let page = store
        .search_audit_events(&query(T, &[E]))
        .await
        .expect("search");
    assert_eq!((page.total, page.events.len()), (3, 3));
    sqlx::query("INSERT INTO audit_fts (audit_fts) VALUES ('integrity-check')")
        .execute(&store.writer)
        .await
        .expect("the index matches the table");
}

#[test]
fn match_expressions_quote_every_word() {
    assert_eq!(
        match_expression(&["Emil".into(), "Eur*".into(), "a\"b".into()]),
        "\"Emil\" \"Eur\"* \"a\"\"b\""
    );
}

async fn plan(store: &SqliteStore, q: &AuditQuery) -> String {
    let c = clause(q);
    let sql = format!(
        "EXPLAIN QUERY PLAN SELECT e.seq {} ORDER BY e.timestamp DESC, e.seq DESC LIMIT 25",
        c.sql
    );
    let rows = crate::audit_query::bind_all(sqlx::query(&sql), &c.args.0)
        .fetch_all(&store.reader)
        .await
        .expect("plan");
    rows.iter()
        .map(|r| r.get::<String, _>("detail"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn plans_use_the_indexes() {
    let store = store_with(&trail()).await;
    sqlx::query("ANALYZE")
        .execute(&store.writer)
        .await
        .expect("analyze");
    let p = plan(&store, &query(T, &[E])).await;
    assert!(
        p.contains("COVERING INDEX audit_events_org_home"),
        "plan: {p}"
    );
    assert!(!p.contains("TEMP B-TREE"), "plan: {p}");
    let mut q = query(T, &[E]);
    q.actor_ids = vec!["pat".into()];
    let p = plan(&store, &q).await;
    assert!(
        p.contains("COVERING INDEX audit_events_org_home_actor_time"),
        "plan: {p}"
    );
    let mut q = query(T, &[E]);
    q.words = vec!["emil".into()];
    let p = plan(&store, &q).await;
    assert!(p.starts_with("SCAN audit_fts VIRTUAL TABLE"), "plan: {p}");
    // An equality filter on action or entity type: its index, in order (the page stops after
    // its rows).
    for (field, index) in [
        (AuditField::Action, "audit_events_org_home_action_time"),
        (AuditField::EntityType, "audit_events_org_home_type_time"),
    ] {
        let mut q = query(T, &[E]);
        q.filters = vec![AuditFilter {
            field,
            op: TextOp::In,
            values: vec!["create".into()],
        }];
        let p = plan(&store, &q).await;
        assert!(p.contains(index), "plan: {p}");
        assert!(!p.contains("TEMP B-TREE"), "plan: {p}");
    }
}

/// Timing over a million events (not a test of behaviour: run it by hand with
/// `cargo test -p orgtrust-store-sqlite --release -- --ignored --nocapture million`).
#[tokio::test]
#[ignore = "a measurement, minutes long in debug builds"]
async fn million_events_timings() {
    // ORGTRUST_MILLION_DB=path keeps the database for the next run (filled only when new).
    let dir = tempfile::tempdir().expect("dir");
    let path = std::env::var("ORGTRUST_MILLION_DB")
        .unwrap_or_else(|_| dir.path().join("audit.db").display().to_string());
    let fresh = !std::path::Path::new(&path).exists();
    let store = SqliteStore::open(&format!("sqlite://{path}"))
        .await
        .expect("store");
    let names = ["Emil Europe", "Ops Team", "Acme Admins", "Sam Support"];
    let actions = ["create", "update", "delete", "login"];
    let mut batch = Vec::new();
    for n in 0..if fresh { 1_000_000i64 } else { 0 } {
        let (org, home) = match n % 10 {
            0 => (X, E),
            1 => (T, T),
            _ => (T, E),
        };
        let mut e = event(
            n,
            org,
            home,
            ["pat", "sam", "kim", "lee"][(n % 4) as usize],
            actions[(n % 4) as usize],
            "user",
            Some(names[(n % 3) as usize]),
            vec![change("title", "Analyst", "Lead")],
        );
        e.timestamp = t0() + Duration::seconds(n);
        if n == 777_777 {
            e.entity_name = Some("Zebulon Quixote".into());
        }
        batch.push(e);
        if batch.len() == 50_000 {
            insert(&store, &batch).await;
            batch.clear();
        }
    }
    sqlx::query("ANALYZE")
        .execute(&store.writer)
        .await
        .expect("analyze");
    let time = |label: &'static str, q: AuditQuery| {
        let store = &store;
        async move {
            store.search_audit_events(&q).await.expect("warm");
            let runs = 20;
            let start = std::time::Instant::now();
            let mut total = 0;
            for _ in 0..runs {
                total = store.search_audit_events(&q).await.expect("search").total;
            }
            let each = start.elapsed() / runs;
            println!("{label:<40} {each:>12.3?}  total={total}");
        }
    };
    let base = query(T, &[E]);
    time("first page", base.clone()).await;
    let mut deep = base.clone();
    deep.offset = 25 * 1000;
    time("page 1001", deep).await;
    let mut last = base.clone();
    last.offset = 800_000 - 25;
    time("last page", last).await;
    let mut deleted = base.clone();
    deleted.filters = vec![AuditFilter {
        field: AuditField::Action,
        op: TextOp::In,
        values: vec!["delete".into()],
    }];
    time("action eq delete, first page", deleted.clone()).await;
    deleted.offset = 25 * 1000;
    time("action eq delete, page 1001", deleted).await;
    let mut one_user = base.clone();
    one_user.actor_ids = vec!["pat".into()];
    time("one user, first page", one_user.clone()).await;
    one_user.offset = 150_000;
    time("one user, page 6001", one_user).await;
    let mut window = base.clone();
    window.from = Some(t0() + Duration::seconds(100_123));
    window.to = Some(t0() + Duration::seconds(700_456));
    time("date window, first page", window.clone()).await;
    window.offset = 300_000;
    time("date window, offset 300000", window).await;
    let mut phrase = base.clone();
    phrase.words = vec!["zebulon".into()];
    time("selective phrase", phrase).await;
    let mut faceted = base.clone();
    faceted.facets = vec![AuditFacet {
        name: "action".into(),
        field: AuditField::Action,
    }];
    time("first page + action facet", faceted).await;
}

/// Plain searches are counted and positioned from `audit_counts`: every page, total and range
/// must be what sorting the events in memory gives.
#[tokio::test]
async fn counted_pages_equal_sorting_in_memory() {
    // Events over three days: bursts within single minutes, sparse hours, equal timestamps,
    // several actors and homes, events before the epoch.
    let mut events = Vec::new();
    let mut n = 0i64;
    let mut push = |at: DateTime<Utc>, home: &str, actor: &str| {
        let mut e = event(
            n,
            T,
            home,
            actor,
            ["create", "update", "delete"][(n % 3) as usize],
            ["user", "group"][(n % 2) as usize],
            None,
            vec![],
        );
        e.timestamp = at;
        events.push(e);
        n += 1;
    };
    for i in 0..120 {
        push(
            t0() + Duration::milliseconds(i * 250),
            E,
            ["pat", "sam"][(i % 2) as usize],
        );
    }
    for i in 0..90 {
        push(
            t0() + Duration::minutes(i * 47),
            E,
            ["pat", "sam", "kim"][(i % 3) as usize],
        );
    }
    for _ in 0..5 {
        push(t0() + Duration::days(1), E, "pat");
    }
    for i in 0..20 {
        push(t0() + Duration::seconds(i * 7), X, "xavier");
    }
    push(
        Utc.timestamp_millis_opt(-5_000).single().expect("t"),
        E,
        "pat",
    );
    let store = store_with(&events).await;
    let ranges = [
        (None, None),
        (Some(t0() + Duration::seconds(3)), None),
        (
            None,
            Some(t0() + Duration::hours(30) + Duration::milliseconds(1)),
        ),
        (
            Some(t0() - Duration::days(2)),
            Some(t0() + Duration::days(1)),
        ),
        (
            Some(t0() + Duration::seconds(10)),
            Some(t0() + Duration::seconds(20)),
        ),
    ];
    let actor_sets: [&[&str]; 3] = [&[], &["pat"], &["sam", "kim"]];
    let home_sets: [&[&str]; 2] = [&[E], &[E, X]];
    for (from, to) in ranges {
        for actors in actor_sets {
            for homes in home_sets {
                for sort in [SortOrder::Descending, SortOrder::Ascending] {
                    let mut expected: Vec<&AuditEvent> = events
                        .iter()
                        .filter(|e| homes.contains(&e.home_org_id.as_str()))
                        .filter(|e| actors.is_empty() || actors.contains(&e.actor.id.as_str()))
                        .filter(|e| from.is_none_or(|f| e.timestamp >= f))
                        .filter(|e| to.is_none_or(|t| e.timestamp <= t))
                        .collect();
                    // Ties by recording order (seq follows the insertion order here).
                    expected.sort_by_key(|e| (e.timestamp, e.id[3..].parse::<i64>().expect("n")));
                    if sort == SortOrder::Descending {
                        expected.reverse();
                    }
                    // Facets, counted from audit_counts, against counting in memory.
                    let mut q = query(T, homes);
                    q.actor_ids = actors.iter().map(|a| (*a).to_owned()).collect();
                    q.from = from;
                    q.to = to;
                    q.facets = [
                        AuditField::Action,
                        AuditField::EntityType,
                        AuditField::UserId,
                        AuditField::HomeOrgId,
                        AuditField::Timestamp,
                    ]
                    .into_iter()
                    .map(|field| AuditFacet {
                        name: field.name().into(),
                        field,
                    })
                    .collect();
                    let page = store.search_audit_events(&q).await.expect("search");
                    let values: [fn(&AuditEvent) -> String; 5] = [
                        |e| e.action.clone(),
                        |e| e.entity_type.clone(),
                        |e| e.actor.id.clone(),
                        |e| e.home_org_id.to_string(),
                        |e| e.timestamp.format("%Y-%m-%d").to_string(),
                    ];
                    for (k, value) in values.iter().enumerate() {
                        let mut counts: std::collections::BTreeMap<String, u64> =
                            Default::default();
                        for e in &expected {
                            *counts.entry(value(e)).or_default() += 1;
                        }
                        let mut want: Vec<(String, u64)> = counts.into_iter().collect();
                        if k != 4 {
                            want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                        }
                        assert_eq!(page.facets[k].entries, want, "facet {k} of {q:?}");
                    }
                    for offset in [0u64, 1, 7, 24, 25, 60, 119, 121, 200, 230, 240, 500] {
                        let mut q = query(T, homes);
                        q.actor_ids = actors.iter().map(|a| (*a).to_owned()).collect();
                        q.from = from;
                        q.to = to;
                        q.sort = sort;
                        q.offset = offset;
                        q.limit = 13;
                        let page = store.search_audit_events(&q).await.expect("search");
                        let want: Vec<&str> = expected
                            .iter()
                            .skip(offset as usize)
                            .take(13)
                            .map(|e| e.id.as_str())
                            .collect();
                        assert_eq!(page.total, expected.len() as u64, "{q:?}");
                        assert_eq!(ids(&page), want, "{q:?}");
                    }
                }
            }
        }
    }
}
