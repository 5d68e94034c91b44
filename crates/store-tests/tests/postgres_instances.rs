//! Two PostgreSQL stores on one database, as two `orgtrust serve` instances: a directory write
//! committed through one moves the other's authorization generation, and a deletion that revokes
//! tokens moves its token generation (so it drops cached tokens). Skipped without
//! `ORGTRUST_TEST_PG_URL`, as the conformance suite.

use std::time::Duration;

use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::fixture;
use orgtrust_core::ids::{ClientId, OrgId, UserId};
use orgtrust_core::store::{AuthzStore, DirectoryWriteStore, TokenStore};
use orgtrust_store_postgres::PgStore;
use sqlx::Connection;

const ACME: &str = "a0000000-0000-4000-8000-000000000001";

/// A fresh database on the test cluster, opened twice.
async fn two_instances() -> Option<(PgStore, PgStore)> {
    let Ok(admin) = std::env::var("ORGTRUST_TEST_PG_URL") else {
        eprintln!("skipped: ORGTRUST_TEST_PG_URL is not set (scripts/test.sh sets it)");
        return None;
    };
    let name = format!("instances_{}", std::process::id());
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
    AuditEvent {
        id: format!("{action}-{entity}"),
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
