//! Organization Authorization on PostgreSQL with several instances on one database: a trust
//! write through one instance reaches the authorization generations of another (NOTIFY inside the
//! writing transaction), and the foreign keys cascade as in SQLite. Skipped without
//! `ORGTRUST_TEST_PG_URL`, like the conformance suite.

use std::sync::atomic::{AtomicU32, Ordering};

use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::clock::SystemClock;
use orgtrust_core::fixture;
use orgtrust_core::ids::{OrgId, RoleId};
use orgtrust_core::model::Grant;
use orgtrust_core::orgauth::{MemberKind, NewTrust, TrustMember};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::store::TrustStore;
use orgtrust_core::trust::Trust;
use orgtrust_store_postgres::PgStore;
use sqlx::Connection;

const ACME: &str = "a0000000-0000-4000-8000-000000000001";
const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
const USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";
const PAT: &str = "b0000000-0000-4000-8000-000000000031";

/// A fresh database on the test cluster, by URL.
async fn database() -> Option<String> {
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
    match admin.rsplit_once('/') {
        Some((base, _)) => Some(format!("{base}/{name}")),
        None => panic!("ORGTRUST_TEST_PG_URL must end with a database name"),
    }
}

/// Each trust write through one instance moves both organizations' generations in another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trust_writes_reach_other_instances() {
    let Some(url) = database().await else { return };
    let writer = PgStore::open(&url).await.expect("open writer");
    let observer = PgStore::open(&url).await.expect("open observer");
    orgtrust_store_tests::trust_writes_reach(&writer, &observer).await;
}

/// Deleting a trustor role removes its trust grants (the directory's role deletion relies on it).
#[tokio::test]
async fn trust_grants_go_with_their_role() {
    let Some(url) = database().await else { return };
    let store = PgStore::open(&url).await.expect("open");
    fixture::apply(
        "demo",
        orgtrust_store_tests::DEMO,
        &store,
        &SystemClock::new(),
    )
    .await
    .expect("fixture");
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    let now = chrono::Utc::now();
    let actor = Actor {
        kind: "system",
        id: String::new(),
        name: "test".into(),
    };
    let trust = Trust {
        trustor_org_id: acme.clone(),
        trustee_org_id: partner.clone(),
        enabled: true,
        date_created: now,
        date_expired: None,
        created_by: actor.clone(),
        pairing_id: None,
        uses_default_role: false,
        has_full_access: false,
        is_trusted_user: false,
    };
    let member = TrustMember {
        trustor_org_id: acme.clone(),
        trustee_org_id: partner.clone(),
        kind: MemberKind::User,
        id: PAT.into(),
        date_created: now,
        created_by: actor.clone(),
        grants: vec![Grant {
            role_id: RoleId::new(USER_VIEWER),
            division: DivisionGrant::All,
        }],
    };
    let event = AuditEvent {
        id: "e1".into(),
        timestamp: now,
        org_id: acme.clone(),
        home_org_id: acme.clone(),
        actor,
        client_id: None,
        action: "create".into(),
        entity_type: "OrgTrustee".into(),
        entity_id: PARTNER.into(),
        entity_name: None,
        changes: vec![],
        correlation_id: "test".into(),
        remote_ip: None,
    };
    store
        .create_trusts(
            &[NewTrust {
                trust,
                members: vec![member],
            }],
            &[event],
        )
        .await
        .expect("create");
    let members = store
        .all_trust_members(&acme, &partner)
        .await
        .expect("read");
    assert_eq!(members[0].grants.len(), 1);
    let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
    sqlx::query("DELETE FROM roles WHERE id = $1")
        .bind(USER_VIEWER)
        .execute(&mut conn)
        .await
        .expect("delete role");
    let members = store
        .all_trust_members(&acme, &partner)
        .await
        .expect("read");
    assert_eq!(members.len(), 1);
    assert!(members[0].grants.is_empty());
}
