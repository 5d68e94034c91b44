//! Conformance of the audit search (`AuditSearchStore`) and of fixture trusts: the same queries
//! must give the same pages, totals and facets on every backend.

use chrono::{DateTime, Duration, TimeZone, Utc};
use orgtrust_core::audit::{Actor, AuditEvent, Change};
use orgtrust_core::audit_search::{
    AuditFacet, AuditField, AuditFilter, AuditPage, AuditQuery, SortOrder, TextOp,
};
use orgtrust_core::clock::SystemClock;
use orgtrust_core::fixture;
use orgtrust_core::ids::{ClientId, OrgId, UserId};
use orgtrust_core::secret::TokenDigest;
use orgtrust_core::store::Store;
use orgtrust_core::token::{TokenRecord, TokenSubject};

use crate::{demo, uuid_like, ACME, PARTNER};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
        .single()
        .expect("date")
}

/// Event `n` (at t0 + n hours) of `actor` from `home`, in Acme.
fn audit(n: i64, home: &str, actor: &str, action: &str, name: Option<&str>) -> AuditEvent {
    AuditEvent {
        id: format!("ev-{n:02}"),
        timestamp: t0() + Duration::hours(n),
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(home),
        actor: Actor {
            kind: "user",
            id: actor.into(),
            name: format!("Name of {actor}"),
        },
        client_id: (n % 2 == 0).then(|| ClientId::new("partner-admin")),
        action: action.into(),
        entity_type: if n % 3 == 0 { "role" } else { "user" }.into(),
        entity_id: format!("entity-{n}"),
        entity_name: name.map(str::to_owned),
        changes: if n == 4 {
            vec![Change {
                property: "roles".into(),
                old_values: vec!["Viewer".into()],
                new_values: vec!["Analyst".into()],
            }]
        } else {
            vec![]
        },
        correlation_id: format!("corr-{n}"),
        remote_ip: None,
    }
}

/// Records `event` the way every audited write does: with a write (here a token).
async fn record(store: &dyn Store, event: AuditEvent) {
    let token = TokenRecord {
        id: uuid_like(),
        digest: TokenDigest::of(&format!("bearer-{}", event.id)),
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(ACME),
        subject: TokenSubject::User(UserId::new("a0000000-0000-4000-8000-000000000031")),
        client_id: ClientId::new("acme-admin"),
        cloned_user_id: None,
        issued_at: event.timestamp,
        expires_at: event.timestamp + Duration::hours(1),
        revoked_at: None,
    };
    store.insert_token(&token, &event).await.expect("insert");
}

/// Partner users (pat, sam) acting in Acme over 30 hours, plus Acme's own events.
async fn trail(store: &dyn Store) {
    demo(store).await;
    for n in 0..30 {
        let actor = if n % 2 == 0 { "pat" } else { "sam" };
        let action = ["create", "update", "delete"][usize::try_from(n % 3).expect("small")];
        let name = match n {
            1 => Some("Émil Europe"),
            2 => Some("Emil Eastwood"),
            5 => Some("zebra-crossing"),
            _ => None,
        };
        record(store, audit(n, PARTNER, actor, action, name)).await;
    }
    for n in 30..33 {
        record(store, audit(n, ACME, "ann", "update", Some("Emil Europe"))).await;
    }
}

fn query() -> AuditQuery {
    AuditQuery {
        org_id: OrgId::new(ACME),
        home_org_ids: vec![OrgId::new(PARTNER)],
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

fn ids(page: &AuditPage) -> Vec<&str> {
    page.events.iter().map(|e| e.id.as_str()).collect()
}

fn filter(field: AuditField, op: TextOp, values: &[&str]) -> AuditFilter {
    AuditFilter {
        field,
        op,
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    }
}

async fn total_with(store: &dyn Store, f: AuditFilter) -> u64 {
    let mut q = query();
    q.filters = vec![f];
    store.search_audit_events(&q).await.expect("search").total
}

/// Paging, totals, both sort orders and a date window.
pub async fn audit_search_pages_and_sorts(store: &dyn Store) {
    trail(store).await;
    let mut q = query();
    q.limit = 7;
    q.offset = 7;
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(page.total, 30);
    assert_eq!(
        ids(&page),
        vec!["ev-22", "ev-21", "ev-20", "ev-19", "ev-18", "ev-17", "ev-16"]
    );
    assert_eq!(page.events[0].changes, vec![]);
    q.sort = SortOrder::Ascending;
    q.offset = 28;
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(ids(&page), vec!["ev-28", "ev-29"]);
    assert_eq!(page.total, 30);
    q.offset = 40;
    let page = store.search_audit_events(&q).await.expect("search");
    assert!(page.events.is_empty());
    assert_eq!(page.total, 30);
    // Inclusive window.
    q.offset = 0;
    q.from = Some(t0() + Duration::hours(4));
    q.to = Some(t0() + Duration::hours(9));
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(page.total, 6);
    assert_eq!(page.events[0].id, "ev-04");
    assert_eq!(page.events[0].changes.len(), 1);
    // One actor.
    let mut q = query();
    q.actor_ids = vec!["sam".into()];
    q.limit = 3;
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(
        (ids(&page), page.total),
        (vec!["ev-29", "ev-27", "ev-25"], 15)
    );
    // Acme's own users only with Acme as home.
    let mut q = query();
    q.home_org_ids = vec![OrgId::new(ACME)];
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(ids(&page), vec!["ev-32", "ev-31", "ev-30"]);
}

/// Every filter operator, constants included.
pub async fn audit_search_filters(store: &dyn Store) {
    trail(store).await;
    use AuditField as F;
    use TextOp as Op;
    assert_eq!(
        total_with(store, filter(F::Action, Op::In, &["create"])).await,
        10
    );
    assert_eq!(
        total_with(store, filter(F::Action, Op::In, &["CREATE"])).await,
        0
    );
    assert_eq!(
        total_with(store, filter(F::Action, Op::In, &["create", "delete"])).await,
        20
    );
    assert_eq!(
        total_with(store, filter(F::Action, Op::InIgnoreCase, &["UPDATE"])).await,
        10
    );
    assert_eq!(
        total_with(store, filter(F::Action, Op::NotIn, &["update"])).await,
        20
    );
    // Events without a name pass `ne`.
    assert_eq!(
        total_with(store, filter(F::EntityName, Op::NotIn, &["zebra-crossing"])).await,
        29
    );
    assert_eq!(
        // ASCII case folding only: "Émil" does not contain "emil".
        total_with(
            store,
            filter(F::EntityName, Op::Contains, &["EMIL", "zebra"])
        )
        .await,
        2
    );
    assert_eq!(
        total_with(store, filter(F::ClientId, Op::In, &["partner-admin"])).await,
        15
    );
    assert_eq!(
        total_with(store, filter(F::UserName, Op::Contains, &["of s"])).await,
        15
    );
    assert_eq!(
        total_with(store, filter(F::Status, Op::In, &["SUCCESS"])).await,
        30
    );
    assert_eq!(
        total_with(store, filter(F::Level, Op::NotIn, &["USER"])).await,
        0
    );
}

/// Phrases: whole words, case- and accent-insensitive, prefixes, every word, no JSON keys.
pub async fn audit_search_phrases(store: &dyn Store) {
    trail(store).await;
    let search = |words: &[&str]| {
        let mut q = query();
        q.words = words.iter().map(|w| (*w).to_owned()).collect();
        q
    };
    let total = |words: &'static [&'static str]| {
        let q = search(words);
        async move { store.search_audit_events(&q).await.expect("search") }
    };
    assert_eq!(ids(&total(&["emil"]).await), vec!["ev-02", "ev-01"]);
    assert_eq!(ids(&total(&["EMIL", "europe"]).await), vec!["ev-01"]);
    assert_eq!(ids(&total(&["émil", "eur*"]).await), vec!["ev-01"]);
    assert_eq!(ids(&total(&["analyst"]).await), vec!["ev-04"]);
    assert_eq!(ids(&total(&["roles", "viewer"]).await), vec!["ev-04"]);
    assert_eq!(total(&["oldValues"]).await.total, 0);
    assert_eq!(total(&["emi"]).await.total, 0);
    assert_eq!(ids(&total(&["crossing"]).await), vec!["ev-05"]);
    assert_eq!(ids(&total(&["zebra-cross*"]).await), vec!["ev-05"]);
    assert_eq!(total(&["\"OR", "NOT\""]).await.total, 0);
    // A word's tokens are a phrase within one part of the text, never across two.
    assert_eq!(total(&["name-of-sam"]).await.total, 15);
    assert_eq!(ids(&total(&["emil-europe"]).await), vec!["ev-01"]);
    assert_eq!(total(&["update-user"]).await.total, 0);
    assert_eq!(total(&["europe-name"]).await.total, 0);
    assert_eq!(total(&["name", "sam"]).await.total, 15);
    // Pages of a phrase: full (the total counted beyond it), the short last one, and past the
    // end (no rows, the total still counted).
    let mut q = search(&["name-of-sam"]);
    q.limit = 10;
    let first = store.search_audit_events(&q).await.expect("search");
    assert_eq!((first.events.len(), first.total), (10, 15));
    q.offset = 10;
    let last = store.search_audit_events(&q).await.expect("search");
    assert_eq!((last.events.len(), last.total), (5, 15));
    assert!(last
        .events
        .iter()
        .all(|e| !ids(&first).contains(&e.id.as_str())));
    q.offset = 20;
    let past = store.search_audit_events(&q).await.expect("search");
    assert_eq!((past.events.len(), past.total), (0, 15));
    q.sort = SortOrder::Ascending;
    q.offset = 0;
    let ascending = store.search_audit_events(&q).await.expect("search");
    let mut expected = ids(&last);
    expected.reverse();
    assert_eq!(ids(&ascending)[..5], expected[..]);
}

/// STRING facets (most frequent first, ties by value) and DATE facets (per UTC day).
pub async fn audit_search_facets(store: &dyn Store) {
    trail(store).await;
    let mut q = query();
    q.facets = ["entityType", "Action", "timestamp", "status", "entityName"]
        .iter()
        .map(|n| AuditFacet {
            name: (*n).to_owned(),
            field: AuditField::parse(n).expect("field"),
        })
        .collect();
    q.filters = vec![filter(AuditField::Action, TextOp::NotIn, &["delete"])];
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(page.total, 20);
    let facets: Vec<(&str, Vec<(&str, u64)>)> = page
        .facets
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.entries.iter().map(|(v, n)| (v.as_str(), *n)).collect(),
            )
        })
        .collect();
    assert_eq!(
        facets,
        vec![
            // Ties by value.
            ("entityType", vec![("role", 10), ("user", 10)]),
            ("Action", vec![("create", 10), ("update", 10)]),
            ("timestamp", vec![("2026-11-20", 10), ("2026-11-21", 10)]),
            ("status", vec![("SUCCESS", 20)]),
            ("entityName", vec![("Émil Europe", 1)]),
        ]
    );
    // A phrase with facets; nothing matches: no entries.
    q.words = vec!["nothing-at-all".into()];
    let page = store.search_audit_events(&q).await.expect("search");
    assert_eq!(page.total, 0);
    assert!(page.facets.iter().all(|f| f.entries.is_empty()));
}

/// Fixture trusts land, update `enabled`/`date_expired` on a second application, and move both
/// organizations' generations.
pub async fn fixture_trusts_upsert(store: &dyn Store) {
    demo(store).await;
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    let before = (
        store.authz_generation(&acme),
        store.authz_generation(&partner),
    );
    let doc = |enabled: bool, expired: &str| {
        format!(
            r#"{{"organizations": [], "trusts": [{{"trustor": "Acme Corp", "trustee": "{PARTNER}", "enabled": {enabled}{expired}}}]}}"#
        )
    };
    fixture::apply("trusts", &doc(true, ""), store, &SystemClock::new())
        .await
        .expect("fixture");
    let trust = store
        .trust(&acme, &partner)
        .await
        .expect("read")
        .expect("trust");
    assert!(trust.enabled);
    assert_eq!(trust.date_expired, None);
    let mid = (
        store.authz_generation(&acme),
        store.authz_generation(&partner),
    );
    assert!(mid.0 > before.0 && mid.1 > before.1, "{before:?} {mid:?}");
    let created = trust.date_created;
    fixture::apply(
        "trusts",
        &doc(false, r#", "dateExpired": "2030-01-01T00:00:00Z""#),
        store,
        &SystemClock::new(),
    )
    .await
    .expect("fixture");
    let trust = store
        .trust(&acme, &partner)
        .await
        .expect("read")
        .expect("trust");
    assert!(!trust.enabled);
    assert_eq!(
        trust.date_expired,
        Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).single()
    );
    assert_eq!(trust.date_created, created);
    assert!(store.trust(&partner, &acme).await.expect("read").is_none());
    let after = (
        store.authz_generation(&acme),
        store.authz_generation(&partner),
    );
    assert!(after.0 > mid.0 && after.1 > mid.1, "{mid:?} {after:?}");
}

/// Equality filters on `action`/`entityType` (counted from `audit_counts` on both backends): every page, its total, both orders, with an actor and a window that cuts
/// hours and minutes, against the same selection done here on the trail's events.
pub async fn audit_search_counted_filters(store: &dyn Store) {
    trail(store).await;
    // The trail's Partner events as `trail` records them: (n, actor, action, entity type).
    let events: Vec<(i64, &str, &str, &str)> = (0..30)
        .map(|n| {
            (
                n,
                if n % 2 == 0 { "pat" } else { "sam" },
                ["create", "update", "delete"][usize::try_from(n % 3).expect("small")],
                if n % 3 == 0 { "role" } else { "user" },
            )
        })
        .collect();
    // (filter, one actor, a window in ms from t0).
    type Case = (AuditFilter, Option<&'static str>, Option<(i64, i64)>);
    let cases: Vec<Case> = vec![
        (
            filter(AuditField::Action, TextOp::In, &["delete"]),
            None,
            None,
        ),
        (
            filter(
                AuditField::Action,
                TextOp::In,
                &["create", "delete", "delete"],
            ),
            None,
            None,
        ),
        (
            filter(AuditField::EntityType, TextOp::In, &["role"]),
            None,
            None,
        ),
        (
            filter(AuditField::Action, TextOp::In, &["update"]),
            Some("sam"),
            None,
        ),
        // From 3h59m59.5s to 22h00m00.5s: partial minutes and hours at both ends.
        (
            filter(AuditField::EntityType, TextOp::In, &["user"]),
            None,
            Some((4 * 3_600_000 - 500, 22 * 3_600_000 + 500)),
        ),
        (
            filter(AuditField::Action, TextOp::In, &["nothing"]),
            None,
            None,
        ),
    ];
    for (f, actor, window) in cases {
        let keep = |e: &&(i64, &str, &str, &str)| {
            let value = if f.field == AuditField::Action {
                e.2
            } else {
                e.3
            };
            f.values.iter().any(|v| v == value)
                && actor.is_none_or(|a| a == e.1)
                && window.is_none_or(|(lo, hi)| (lo..=hi).contains(&(e.0 * 3_600_000)))
        };
        let expected: Vec<String> = events
            .iter()
            .filter(keep)
            .map(|e| format!("ev-{:02}", e.0))
            .collect();
        for sort in [SortOrder::Descending, SortOrder::Ascending] {
            let mut want = expected.clone();
            if sort == SortOrder::Descending {
                want.reverse();
            }
            for offset in [0usize, 2, 3, 7, 20] {
                let mut q = query();
                q.filters = vec![f.clone()];
                q.actor_ids = actor.map(|a| vec![a.to_owned()]).unwrap_or_default();
                if let Some((lo, hi)) = window {
                    q.from = Some(t0() + Duration::milliseconds(lo));
                    q.to = Some(t0() + Duration::milliseconds(hi));
                }
                q.sort = sort;
                q.limit = 3;
                q.offset = offset as u64;
                let page = store.search_audit_events(&q).await.expect("search");
                let slice: Vec<&str> = want
                    .iter()
                    .skip(offset)
                    .take(3)
                    .map(String::as_str)
                    .collect();
                assert_eq!(
                    (ids(&page), page.total),
                    (slice, want.len() as u64),
                    "{f:?} actor {actor:?} window {window:?} {sort:?} offset {offset}"
                );
            }
        }
    }
}

/// Runs the audit search and fixture trust cases on a backend.
#[macro_export]
macro_rules! audit_search_suite {
    ($make:expr) => {
        $crate::conformance_suite!(@cases $make;
            audit_search_pages_and_sorts, audit_search_filters, audit_search_phrases,
            audit_search_facets, fixture_trusts_upsert, audit_search_counted_filters,
            audit_counts_follow_writes_resets_and_imports);
    };
}
