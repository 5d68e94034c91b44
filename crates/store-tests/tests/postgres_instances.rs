//! PostgreSQL-only behaviour of the directory writes. Two stores on one database, as two
//! `orgtrust serve` instances: a directory write committed through one moves the other's
//! authorization generation, and a deletion that revokes tokens moves its token generation (so it
//! drops cached tokens). Concurrent writes that SQLite's single writer would have serialised keep
//! their invariants. Skipped without `ORGTRUST_TEST_PG_URL`, as the conformance suite.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::fixture;
use orgtrust_core::ids::{ClientId, DivisionId, GroupId, OrgId, UserId};
use orgtrust_core::model::{Division, Group, User, UserState};
use orgtrust_core::store::{
    constraints, AuthzStore, DirectoryWriteStore, OrgAdminStore, OrgStore, StoreError, TokenStore,
};
use orgtrust_store_postgres::PgStore;
use sqlx::Connection;

const ACME: &str = "a0000000-0000-4000-8000-000000000001";

/// A fresh database on the test cluster, opened twice.
async fn two_instances() -> Option<(PgStore, PgStore)> {
    let Ok(admin) = std::env::var("ORGTRUST_TEST_PG_URL") else {
        eprintln!("skipped: ORGTRUST_TEST_PG_URL is not set (scripts/test.sh sets it)");
        return None;
    };
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "instances_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to the test cluster");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    let url = match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => panic!("ORGTRUST_TEST_PG_URL must end with a database name"),
    };
    let one = PgStore::open(&url).await.expect("open");
    let two = PgStore::open(&url).await.expect("open");
    Some((one, two))
}

fn audit(action: &str, entity: &str) -> AuditEvent {
    static N: AtomicU32 = AtomicU32::new(0);
    AuditEvent {
        id: format!("{action}-{entity}-{}", N.fetch_add(1, Ordering::Relaxed)),
        timestamp: SystemClock::new().now(),
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(ACME),
        actor: Actor {
            kind: "client",
            id: "acme-admin".into(),
            name: "Acme admin integration".into(),
        },
        client_id: Some(ClientId::new("acme-admin")),
        action: action.into(),
        entity_type: "directory".into(),
        entity_id: entity.into(),
        entity_name: None,
        changes: vec![],
        correlation_id: "c".into(),
        remote_ip: None,
    }
}

/// Waits (up to five seconds) until `moved` holds.
async fn eventually(what: &str, moved: impl Fn() -> bool) {
    for _ in 0..100 {
        if moved() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what} did not move on the other instance");
}

#[tokio::test]
async fn directory_deletions_reach_the_other_instance() {
    let Some((one, two)) = two_instances().await else {
        return;
    };
    let clock = SystemClock::new();
    fixture::apply("demo", orgtrust_store_tests::DEMO, &one, &clock)
        .await
        .expect("demo fixture applies");
    let org = OrgId::new(ACME);

    let (authz, tokens) = (two.authz_generation(&org), two.token_generation());
    one.delete_user(
        &org,
        &UserId::new("a0000000-0000-4000-8000-000000000032"),
        clock.now(),
        &audit("delete", "emil"),
    )
    .await
    .expect("delete user");
    eventually("the authorization generation", || {
        two.authz_generation(&org) > authz
    })
    .await;
    eventually("the token generation", || two.token_generation() > tokens).await;

    let (authz, tokens) = (two.authz_generation(&org), two.token_generation());
    one.delete_client(
        &org,
        &ClientId::new("acme-admin"),
        clock.now(),
        &audit("delete", "acme-admin"),
    )
    .await
    .expect("delete client");
    eventually("the authorization generation", || {
        two.authz_generation(&org) > authz
    })
    .await;
    eventually("the token generation", || two.token_generation() > tokens).await;
    one.close().await;
    two.close().await;
}

const HOME: &str = "a0000000-0000-4000-8000-000000000011";

fn user(n: usize, division: &str) -> User {
    let now = SystemClock::new().now();
    User {
        id: UserId::new(format!("race-user-{n}")),
        org_id: OrgId::new(ACME),
        name: format!("Racer {n}"),
        email: format!("racer-{n}@acme.example"),
        division_id: DivisionId::new(division),
        state: UserState::Active,
        version: 1,
        title: None,
        department: None,
        date_created: now,
        date_modified: now,
    }
}

/// A member added while the user is being deleted never outlives the deletion: whichever
/// commits first, no membership of a deleted user remains.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_added_during_the_deletion_does_not_remain() {
    let Some((one, two)) = two_instances().await else {
        return;
    };
    let clock = SystemClock::new();
    fixture::apply("demo", orgtrust_store_tests::DEMO, &one, &clock)
        .await
        .expect("demo fixture applies");
    let org = OrgId::new(ACME);
    for n in 0..30 {
        let racer = user(n, HOME);
        one.create_user(&racer, None, &audit("create", racer.id.as_str()))
            .await
            .expect("user");
        let group = Group {
            id: GroupId::new(format!("race-group-{n}")),
            org_id: org.clone(),
            name: format!("Race {n}"),
            description: None,
            division_id: DivisionId::new(HOME),
            kind: "official".into(),
            visibility: "public".into(),
            rules_visible: true,
            state: "active".into(),
            version: 1,
            member_count: 0,
            date_created: clock.now(),
        };
        one.create_group(&group, &audit("create", group.id.as_str()))
            .await
            .expect("group");
        let (adding, deleting) = (
            audit("addMembers", group.id.as_str()),
            audit("delete", racer.id.as_str()),
        );
        let (added, deleted) = tokio::join!(
            one.add_group_members(&org, &group.id, std::slice::from_ref(&racer.id), 1, &adding),
            two.delete_user(&org, &racer.id, clock.now(), &deleting),
        );
        added.expect("add members");
        deleted.expect("delete user");
    }
    let snapshot = one.authz_snapshot(&org).await.expect("snapshot");
    let dangling: Vec<_> = snapshot
        .memberships
        .iter()
        .filter(|(_, u)| !snapshot.users.iter().any(|(id, ..)| id == u))
        .collect();
    assert!(
        dangling.is_empty(),
        "memberships of deleted users: {dangling:?}"
    );
}

/// A user created in a division while it is being deleted: either the deletion is refused as
/// in use, or it goes first and the user is refused; never a division deleted under a user.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_division_is_not_deleted_under_a_new_user() {
    let Some((one, two)) = two_instances().await else {
        return;
    };
    let clock = SystemClock::new();
    fixture::apply("demo", orgtrust_store_tests::DEMO, &one, &clock)
        .await
        .expect("demo fixture applies");
    let org = OrgId::new(ACME);
    for n in 0..30 {
        let division = Division {
            id: DivisionId::new(format!("race-division-{n}")),
            org_id: org.clone(),
            name: format!("Race {n}"),
            description: None,
            home: false,
        };
        one.create_division(&division, &audit("create", division.id.as_str()))
            .await
            .expect("division");
        let racer = user(n, division.id.as_str());
        let (creating, deleting) = (
            audit("create", racer.id.as_str()),
            audit("delete", division.id.as_str()),
        );
        let (created, deleted) = tokio::join!(
            one.create_user(&racer, None, &creating),
            two.delete_division(&org, &division.id, &deleting),
        );
        match (&created, &deleted) {
            (Ok(()), Err(e)) => assert!(e.is_constraint(constraints::DIVISION_IN_USE), "{e:?}"),
            (Err(StoreError::Constraint { .. }), Ok(())) => {}
            other => panic!("the user and the deletion raced: {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_rename_moves_the_trust_partners_generation_on_every_instance() {
    let Some((one, two)) = two_instances().await else {
        return;
    };
    let clock = SystemClock::new();
    fixture::apply("demo", orgtrust_store_tests::DEMO, &one, &clock)
        .await
        .expect("demo fixture applies");
    let trust = format!(
        r#"{{"organizations": [], "trusts": [{{"trustor": "{ACME}", "trustee": "{PARTNER}"}}]}}"#
    );
    fixture::apply("trust", &trust, &one, &clock)
        .await
        .expect("trust applies");
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    // Acme's trustees page shows Partner's row: a rename of Partner through one instance moves
    // Acme's generation on the other, so what it keeps per generation is read again.
    let before = two.authz_generation(&acme);
    let mut org = one
        .organization(&partner)
        .await
        .expect("read")
        .expect("partner");
    let version = org.version;
    org.name = "Aardvark Partners".into();
    org.version += 1;
    assert!(one
        .update_organization(&org, version, &audit("update", "partner"))
        .await
        .expect("rename"));
    eventually("the trustor's generation", || {
        two.authz_generation(&acme) > before
    })
    .await;
    one.close().await;
    two.close().await;
}

const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
