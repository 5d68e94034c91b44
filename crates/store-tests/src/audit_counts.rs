//! The audit counts (`audit_counts`, kept by triggers on both backends) follow every way events
//! come and go: audited writes, the bulk append, an organization's reset (which deletes its
//! events) and a snapshot import (which replaces every table). Totals and deep pages of plain
//! and counted searches must stay those of the events themselves.

use chrono::{DateTime, Duration, TimeZone, Utc};
use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::audit_search::{AuditField, AuditFilter, AuditQuery, SortOrder, TextOp};
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::fixture;
use orgtrust_core::ids::{OrgId, UserId};
use orgtrust_core::secret::TokenDigest;
use orgtrust_core::snapshot;
use orgtrust_core::store::{FixturePlan, Store};
use orgtrust_core::token::{TokenRecord, TokenSubject};

use crate::{uuid_like, ACME, DEMO, PARTNER};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 23, 30, 0)
        .single()
        .expect("date")
}

/// Event `n` of Partner's pat in Acme, `n` x 7 minutes after t0 (so the trail crosses hours and
/// a day), action by `n % 3`.
fn event(n: i64, id: String) -> AuditEvent {
    AuditEvent {
        id,
        timestamp: t0() + Duration::minutes(7 * n) + Duration::milliseconds(n),
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(PARTNER),
        actor: Actor {
            kind: "user",
            id: "pat".into(),
            name: "Pat".into(),
        },
        client_id: None,
        action: ["create", "update", "delete"][usize::try_from(n % 3).expect("small")].into(),
        entity_type: "user".into(),
        entity_id: format!("entity-{n}"),
        entity_name: None,
        changes: vec![],
        correlation_id: format!("corr-{n}"),
        remote_ip: None,
    }
}

/// One audited write (a token) with its event.
async fn record(store: &dyn Store, event: AuditEvent) {
    let token = TokenRecord {
        id: uuid_like(),
        digest: TokenDigest::of(&format!("bearer-{}", event.id)),
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(ACME),
        subject: TokenSubject::User(UserId::new("a0000000-0000-4000-8000-000000000031")),
        client_id: orgtrust_core::ids::ClientId::new("acme-admin"),
        cloned_user_id: None,
        issued_at: event.timestamp,
        expires_at: event.timestamp + Duration::hours(1),
        revoked_at: None,
    };
    store.insert_token(&token, &event).await.expect("insert");
}

/// Partner's events in Acme, newest first, `limit` from `offset`, optionally `action eq delete`;
/// returns (ids, total).
async fn search(store: &dyn Store, deletes: bool, offset: u64, limit: u32) -> (Vec<String>, u64) {
    let q = AuditQuery {
        org_id: OrgId::new(ACME),
        home_org_ids: vec![OrgId::new(PARTNER)],
        actor_ids: vec![],
        from: None,
        to: None,
        words: vec![],
        filters: if deletes {
            vec![AuditFilter {
                field: AuditField::Action,
                op: TextOp::In,
                values: vec!["delete".into()],
            }]
        } else {
            vec![]
        },
        facets: vec![],
        sort: SortOrder::Descending,
        offset,
        limit,
    };
    let page = store.search_audit_events(&q).await.expect("search");
    (
        page.events.iter().map(|e| e.id.clone()).collect(),
        page.total,
    )
}

/// The expected (ids, total) of [`search`] over events `0..n` named by `name`.
fn expected(
    n: i64,
    name: &dyn Fn(i64) -> String,
    deletes: bool,
    offset: usize,
    limit: usize,
) -> (Vec<String>, u64) {
    let all: Vec<i64> = (0..n).rev().filter(|i| !deletes || i % 3 == 2).collect();
    (
        all.iter()
            .skip(offset)
            .take(limit)
            .map(|i| name(*i))
            .collect(),
        all.len() as u64,
    )
}

/// Counts follow audited writes, the bulk append, a snapshot import and an organization's reset.
pub async fn audit_counts_follow_writes_resets_and_imports(store: &dyn Store) {
    let clock = SystemClock::new();
    let (_, baseline) = fixture::apply_planned("demo", DEMO, store, &clock)
        .await
        .expect("demo");
    // 20 audited writes, then 60 events in one bulk append (one statement on PostgreSQL).
    for n in 0..20 {
        record(store, event(n, format!("ev-{n:03}"))).await;
    }
    let bulk: Vec<AuditEvent> = (20..80).map(|n| event(n, format!("ev-{n:03}"))).collect();
    store.append_audit_events(&bulk).await.expect("append");
    let name = |n: i64| format!("ev-{n:03}");
    let check = |label: &'static str| {
        move |got: (Vec<String>, u64), want: (Vec<String>, u64)| {
            assert_eq!(got, want, "{label}");
        }
    };
    for (deletes, offset) in [(false, 0), (false, 33), (false, 75), (true, 0), (true, 20)] {
        check("after writes")(
            search(store, deletes, offset, 4).await,
            expected(80, &name, deletes, offset as usize, 4),
        );
    }

    // A snapshot of it imported back (every table replaced): the same counts.
    let doc = snapshot::export(store, clock.now()).await.expect("export");
    snapshot::import(store, "test", &doc).await.expect("import");
    for (deletes, offset) in [(false, 0), (false, 41), (true, 9)] {
        check("after import")(
            search(store, deletes, offset, 4).await,
            expected(80, &name, deletes, offset as usize, 4),
        );
    }

    // Acme reset to the fixture: its events are deleted, and so are their counts.
    let acme = OrgId::new(ACME);
    let acme_only = FixturePlan {
        organizations: baseline
            .organizations
            .iter()
            .filter(|o| o.org.id == acme)
            .cloned()
            .collect(),
        customer_care: None,
        trusts: vec![],
        snapshot: None,
    };
    store
        .reset(&acme_only, Some(&acme))
        .await
        .expect("reset acme");
    assert_eq!(search(store, false, 0, 4).await, (vec![], 0), "after reset");
    assert_eq!(search(store, true, 0, 4).await, (vec![], 0), "after reset");
    // Counting starts again from there (the reset left no stale counts behind).
    let again: Vec<AuditEvent> = (0..30).map(|n| event(n, format!("again-{n:03}"))).collect();
    store.append_audit_events(&again).await.expect("append");
    let again_name = |n: i64| format!("again-{n:03}");
    for (deletes, offset) in [(false, 0), (false, 26), (true, 5)] {
        check("after reset and writes")(
            search(store, deletes, offset, 4).await,
            expected(30, &again_name, deletes, offset as usize, 4),
        );
    }
}
