//! Concurrent writes and bulk appends: each concurrent write stands or falls alone (the SQLite
//! store commits concurrent writes together, one savepoint each), every acknowledged write moved
//! the generation first, and a bulk append stores exactly the events given.

use std::sync::Arc;

use chrono::Duration;
use orgtrust_core::audit::{AuditEvent, Change};
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::ids::{OrgId, RoleId, UserId};
use orgtrust_core::model::{Grant, Subject};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::store::{GrantChange, Store, StoreError};

use crate::{demo, event, ACME};

const ANN: &str = "a0000000-0000-4000-8000-000000000031";
const EMIL: &str = "a0000000-0000-4000-8000-000000000032";
const USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";

fn grant(role: &str) -> Grant {
    Grant {
        role_id: RoleId::new(role),
        division: DivisionGrant::All,
    }
}

/// 64 concurrent grant writes, one of which fails half-way (its grants were deleted, then a grant
/// of a missing role is refused): the 63 others stand with their events, the failed one left
/// nothing (Ann keeps her grants, its event is absent), and the generation moved before each
/// acknowledgement.
pub async fn concurrent_grant_writes_stand_alone(store: Arc<dyn Store>) {
    demo(&*store).await;
    let acme = OrgId::new(ACME);
    let ann = Subject::User(UserId::new(ANN));
    let ann_before = store.grants_of(&acme, &ann).await.expect("grants");
    assert!(!ann_before.is_empty());
    let mut writers = Vec::new();
    for i in 0..64 {
        let store = store.clone();
        let (acme, ann) = (acme.clone(), ann.clone());
        writers.push(tokio::spawn(async move {
            let before = store.authz_generation(&acme);
            let result = if i == 31 {
                store
                    .change_grants(
                        &acme,
                        &ann,
                        GrantChange::Replace,
                        &[grant("no-such-role")],
                        &event(ACME, "update", "the-failing-write"),
                    )
                    .await
            } else {
                let subject = Subject::User(UserId::new(format!("writer-{i}")));
                store
                    .change_grants(
                        &acme,
                        &subject,
                        GrantChange::Replace,
                        &[grant(USER_VIEWER)],
                        &event(ACME, "update", &format!("write-{i}")),
                    )
                    .await
            };
            if result.is_ok() {
                assert!(
                    store.authz_generation(&acme) > before,
                    "acknowledged before its generation moved"
                );
            }
            (i, result)
        }));
    }
    for writer in writers {
        let (i, result) = writer.await.expect("writer");
        if i == 31 {
            assert!(
                matches!(result, Err(StoreError::Constraint { .. })),
                "{result:?}"
            );
        } else {
            result.expect("the other writes stand");
        }
    }
    assert_eq!(
        store.grants_of(&acme, &ann).await.expect("grants"),
        ann_before,
        "the failed write's delete was undone"
    );
    for i in [0, 30, 32, 63] {
        let subject = Subject::User(UserId::new(format!("writer-{i}")));
        assert_eq!(
            store.grants_of(&acme, &subject).await.expect("grants"),
            vec![grant(USER_VIEWER)]
        );
    }
    let events = store.recent_audit_events(&acme, 200).await.expect("audit");
    assert!(events.iter().all(|e| e.entity_id != "the-failing-write"));
    assert_eq!(
        events
            .iter()
            .filter(|e| e.entity_id.starts_with("write-"))
            .count(),
        63
    );
}

/// A bulk append stores every event as given, in order (more events than one bulk statement
/// holds on either backend).
pub async fn bulk_audit_append_stores_every_event(store: &dyn Store) {
    demo(store).await;
    // Whole milliseconds: stored dates are epoch milliseconds.
    let now = SystemClock::new().now().timestamp_millis();
    let start = chrono::DateTime::from_timestamp_millis(now).expect("now") - Duration::hours(2);
    let events: Vec<AuditEvent> = (0..10_700)
        .map(|i| {
            let mut e = event(ACME, if i % 2 == 0 { "update" } else { "delete" }, "bulk");
            e.entity_id = format!("bulk-{i:05}");
            e.timestamp = start + Duration::milliseconds(i);
            e.entity_name = (i % 3 == 0).then(|| format!("Entity {i}"));
            e.client_id = None;
            e.remote_ip = (i % 5 == 0).then(|| "10.0.0.1".to_owned());
            e.changes = vec![Change {
                property: "state".into(),
                old_values: vec!["a".into()],
                new_values: vec![format!("v{i}")],
            }];
            e
        })
        .collect();
    store.append_audit_events(&events).await.expect("append");
    store
        .append_audit_events(&[])
        .await
        .expect("nothing to append");
    let stored = store
        .recent_audit_events(&OrgId::new(ACME), 20_000)
        .await
        .expect("read");
    let mut bulk: Vec<AuditEvent> = stored
        .into_iter()
        .filter(|e| e.entity_id.starts_with("bulk-"))
        .collect();
    bulk.reverse();
    assert_eq!(bulk.len(), events.len());
    assert_eq!(bulk, events, "newest first, exactly as appended");
}

/// What the store says moved an organization's generation (`AuthzStore::authz_changes`) never
/// leaves a change out: after grant changes it is `None` or names every subject whose grants
/// changed at the current generation; once anything else changed (a user deleted) it is `None`
/// for any range including that move. The index relies on this to skip its snapshot.
pub async fn authz_changes_name_every_change(store: &dyn Store) {
    demo(store).await;
    let acme = OrgId::new(ACME);
    let ann = Subject::User(UserId::new(ANN));
    let emil = Subject::User(UserId::new(EMIL));
    let start = store.authz_generation(&acme);
    for (subject, change) in [
        (&ann, GrantChange::Add),
        (&emil, GrantChange::Replace),
        (&ann, GrantChange::Remove),
    ] {
        store
            .change_grants(
                &acme,
                subject,
                change,
                &[grant(USER_VIEWER)],
                &event(ACME, "update", "grants"),
            )
            .await
            .expect("grants");
    }
    let now = store.authz_generation(&acme);
    assert!(now > start, "each grant change moved the generation");
    if let Some((generation, subjects)) = store.authz_changes(&acme, start) {
        assert_eq!(generation, now);
        assert!(
            subjects.contains(&ann) && subjects.contains(&emil),
            "{subjects:?}"
        );
    }
    if let Some((generation, subjects)) = store.authz_changes(&acme, now) {
        assert_eq!(
            (generation, subjects),
            (now, vec![]),
            "nothing since the current one"
        );
    }
    store
        .delete_user(
            &acme,
            &UserId::new(EMIL),
            SystemClock::new().now(),
            &event(ACME, "delete", EMIL),
        )
        .await
        .expect("delete");
    let after = store.authz_generation(&acme);
    assert!(after > now, "the deletion moved the generation");
    assert_eq!(store.authz_changes(&acme, start), None);
    assert_eq!(store.authz_changes(&acme, now), None);
}

/// Runs the cases on a backend (`$make` yields `Option<Arc<Store>>`).
#[macro_export]
macro_rules! group_writes_suite {
    ($make:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn concurrent_grant_writes_stand_alone() {
            let Some(store) = $make.await else { return };
            let store: std::sync::Arc<dyn orgtrust_core::store::Store> = store;
            $crate::concurrent_grant_writes_stand_alone(store).await;
        }

        #[tokio::test]
        async fn authz_changes_name_every_change() {
            let Some(store) = $make.await else { return };
            $crate::authz_changes_name_every_change(&*store).await;
        }

        #[tokio::test]
        async fn bulk_audit_append_stores_every_event() {
            let Some(store) = $make.await else { return };
            $crate::bulk_audit_append_stores_every_event(&*store).await;
        }
    };
}
