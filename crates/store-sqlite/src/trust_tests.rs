//! The trust store's own SQLite tests (the shared code is in `crates/store-sql/trust.rs`).

use std::sync::Arc;

use orgtrust_core::clock::SystemClock;
use orgtrust_core::fixture;
use orgtrust_core::ids::{OrgId, RoleId};
use orgtrust_core::model::Grant;
use orgtrust_core::orgauth::{MemberKind, NewTrust, TrustMember};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::store::{AuditStore, TrustStore};
use orgtrust_core::trust::Trust;

use crate::SqliteStore;

const DEMO: &str = include_str!("../../../fixtures/demo.json");
const ACME: &str = "a0000000-0000-4000-8000-000000000001";
const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
const USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";
const PAT: &str = "b0000000-0000-4000-8000-000000000031";

fn event(org: &str, id: &str) -> orgtrust_core::audit::AuditEvent {
    orgtrust_core::audit::AuditEvent {
        id: id.into(),
        timestamp: chrono::Utc::now(),
        org_id: OrgId::new(org),
        home_org_id: OrgId::new(org),
        actor: orgtrust_core::audit::Actor {
            kind: "system",
            id: String::new(),
            name: "test".into(),
        },
        client_id: None,
        action: "create".into(),
        entity_type: "OrgTrustee".into(),
        entity_id: PARTNER.into(),
        entity_name: None,
        changes: vec![],
        correlation_id: "test".into(),
        remote_ip: None,
    }
}

/// Deleting a role removes its trust grants (the directory's role deletion relies on it), and
/// a refused trust creation writes nothing, not even its audit event.
#[tokio::test]
async fn trust_grants_go_with_their_role_and_refusals_write_nothing() {
    let store = Arc::new(SqliteStore::open("sqlite::memory:").await.expect("open"));
    fixture::apply("demo", DEMO, &*store, &SystemClock::new())
        .await
        .expect("fixture");
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    let actor = event(ACME, "e0").actor;
    let now = chrono::Utc::now();
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
        created_by: actor,
        grants: vec![Grant {
            role_id: RoleId::new(USER_VIEWER),
            division: DivisionGrant::All,
        }],
    };
    let new = NewTrust {
        trust,
        members: vec![member],
    };
    store
        .create_trusts(std::slice::from_ref(&new), &[event(ACME, "e1")])
        .await
        .expect("create");
    let before = store
        .recent_audit_events(&acme, 100)
        .await
        .expect("audit")
        .len();
    let again = store.create_trusts(&[new], &[event(ACME, "e2")]).await;
    assert!(matches!(
        again,
        Err(orgtrust_core::store::StoreError::Constraint { ref constraint }) if constraint == "trusts.primary"
    ));
    assert_eq!(
        store
            .recent_audit_events(&acme, 100)
            .await
            .expect("audit")
            .len(),
        before
    );

    let members = store
        .all_trust_members(&acme, &partner)
        .await
        .expect("members");
    assert_eq!(members[0].grants.len(), 1);
    sqlx::query("DELETE FROM roles WHERE id = ?")
        .bind(USER_VIEWER)
        .execute(&store.writer)
        .await
        .expect("delete role");
    let members = store
        .all_trust_members(&acme, &partner)
        .await
        .expect("members");
    assert_eq!(members.len(), 1);
    assert!(members[0].grants.is_empty());
}
