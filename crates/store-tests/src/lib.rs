//! The storage conformance suite: behaviour every backend must show, written once against the
//! storage traits. `tests/sqlite.rs` and `tests/postgres.rs` run it on each backend through
//! [`conformance_suite!`].

mod audit_counts;
mod audit_search;
mod auth_codes;
mod directory_write;
mod emulator;
mod group_writes;
mod snapshot;

pub use audit_counts::*;
pub use audit_search::*;
pub use auth_codes::*;
pub use directory_write::*;
pub use emulator::*;
pub use group_writes::*;
pub use snapshot::*;

use chrono::Duration;
use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::fixture;
use orgtrust_core::ids::{ClientId, GroupId, OrgId, RoleId, UserId};
use orgtrust_core::model::Subject;
use orgtrust_core::secret::{verify_secret, Secret, TokenDigest};
use orgtrust_core::store::{EntityKind, Store, StoreError, TokenSelector};
use orgtrust_core::token::{TokenRecord, TokenSubject};

mod organization;
mod orgauth;

pub use organization::*;
pub use orgauth::*;

/// The fixture every case starts from (the project's demo data).
pub const DEMO: &str = include_str!("../../../fixtures/demo.json");

const ACME: &str = "a0000000-0000-4000-8000-000000000001";
const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";

async fn demo(store: &dyn Store) {
    fixture::apply("demo", DEMO, store, &SystemClock::new())
        .await
        .expect("demo fixture applies");
}

fn event(org: &str, action: &str, entity: &str) -> AuditEvent {
    AuditEvent {
        id: uuid_like(),
        timestamp: SystemClock::new().now(),
        org_id: OrgId::new(org),
        home_org_id: OrgId::new(org),
        actor: Actor {
            kind: "client",
            id: "acme-admin".into(),
            name: "Acme admin integration".into(),
        },
        client_id: Some(ClientId::new("acme-admin")),
        action: action.into(),
        entity_type: "token".into(),
        entity_id: entity.into(),
        entity_name: None,
        changes: vec![],
        correlation_id: "c".into(),
        remote_ip: Some("127.0.0.1".into()),
    }
}

fn uuid_like() -> String {
    // Ids only need to be unique within a case.
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "00000000-0000-4000-8000-{:012}",
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// The demo fixture lands whole: organizations, credentials, grants, memberships.
pub async fn fixture_lands_whole(store: &dyn Store) {
    demo(store).await;
    assert_eq!(store.organization_count().await.expect("count"), 4);
    let acme = store
        .organization(&OrgId::new(ACME))
        .await
        .expect("read")
        .expect("acme");
    assert_eq!(
        (
            acme.name.as_str(),
            acme.third_party_org_name.as_str(),
            acme.version
        ),
        ("Acme Corp", "acme", 1)
    );
    let client = store
        .client_credentials(&ClientId::new("acme-admin"))
        .await
        .expect("read")
        .expect("client");
    assert!(verify_secret(
        &Secret::new("acme-admin-secret"),
        &client.secret_hash
    ));
    let ann = store
        .user_credentials(&OrgId::new(ACME), "ANN@acme.example")
        .await
        .expect("read")
        .expect("ann");
    assert!(ann
        .password_hash
        .is_some_and(|h| verify_secret(&Secret::new("Acme-admin-1!"), &h)));
    let snap = store
        .authz_snapshot(&OrgId::new(PARTNER))
        .await
        .expect("snapshot");
    assert!(snap.memberships.contains(&(
        GroupId::new("b0000000-0000-4000-8000-000000000041"),
        UserId::new("b0000000-0000-4000-8000-000000000032")
    )));
    assert!(snap.grants.iter().any(
        |(s, g)| *s == Subject::Client(ClientId::new("partner-admin"))
            && g.role_id == RoleId::new("b0000000-0000-4000-8000-000000000021")
    ));
    assert_eq!(
        store.customer_care_orgs().await.expect("care"),
        vec![OrgId::new("c0000000-0000-4000-8000-000000000001")]
    );
}

/// Applying the same fixture again changes nothing.
pub async fn fixture_is_idempotent(store: &dyn Store) {
    demo(store).await;
    let before = store
        .authz_snapshot(&OrgId::new(ACME))
        .await
        .expect("snapshot");
    demo(store).await;
    let after = store
        .authz_snapshot(&OrgId::new(ACME))
        .await
        .expect("snapshot");
    assert_eq!(store.organization_count().await.expect("count"), 4);
    assert_eq!(
        sorted(format!("{:?}", before.grants)),
        sorted(format!("{:?}", after.grants))
    );
    assert_eq!(before.users.len(), after.users.len());
    assert_eq!(before.roles.len(), after.roles.len());
}

fn sorted(s: String) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    chars.sort_unstable();
    chars.into_iter().collect()
}

/// Writes that change permissions move the organization's generation.
pub async fn fixture_moves_the_generation(store: &dyn Store) {
    let org = OrgId::new(ACME);
    let before = store.authz_generation(&org);
    demo(store).await;
    assert!(store.authz_generation(&org) > before);
}

/// Directory reads are scoped to the organization.
pub async fn directory_reads_are_scoped(store: &dyn Store) {
    demo(store).await;
    let ann = UserId::new("a0000000-0000-4000-8000-000000000031");
    assert!(store
        .user(&OrgId::new(ACME), &ann)
        .await
        .expect("read")
        .is_some());
    assert!(store
        .user(&OrgId::new(PARTNER), &ann)
        .await
        .expect("read")
        .is_none());
    let found = store
        .users_by_ids(&OrgId::new(ACME), &[ann.clone(), UserId::new("nope")])
        .await
        .expect("read");
    assert_eq!(found.len(), 1);
    assert_eq!(
        store
            .divisions(&OrgId::new(ACME))
            .await
            .expect("read")
            .len(),
        2
    );
    assert_eq!(store.roles(&OrgId::new(ACME)).await.expect("read").len(), 3);
    let group = store
        .group(
            &OrgId::new(PARTNER),
            &GroupId::new("b0000000-0000-4000-8000-000000000041"),
        )
        .await
        .expect("read")
        .expect("group");
    assert_eq!(group.member_count, 1);
    assert_eq!(
        store
            .owner_of(EntityKind::User, ann.as_str())
            .await
            .expect("read"),
        Some(OrgId::new(ACME))
    );
}

/// Tokens are stored by digest with their audit event, and revoked once.
pub async fn tokens_round_trip_and_revoke(store: &dyn Store) {
    demo(store).await;
    let now = SystemClock::new().now();
    let token = TokenRecord {
        id: uuid_like(),
        digest: TokenDigest::of("bearer-1"),
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(ACME),
        subject: TokenSubject::User(UserId::new("a0000000-0000-4000-8000-000000000031")),
        client_id: ClientId::new("acme-admin"),
        cloned_user_id: None,
        issued_at: now,
        expires_at: now + Duration::hours(1),
        revoked_at: None,
    };
    store
        .insert_token(&token, &event(ACME, "login", &token.id))
        .await
        .expect("insert");
    let read = store
        .token(&token.digest)
        .await
        .expect("read")
        .expect("token");
    assert_eq!(read.subject, token.subject);
    assert_eq!(
        read.expires_at.timestamp_millis(),
        token.expires_at.timestamp_millis()
    );
    store
        .revoke_token(&token.digest, &event(ACME, "logout", &token.id))
        .await
        .expect("revoke");
    assert!(store
        .token(&token.digest)
        .await
        .expect("read")
        .expect("token")
        .revoked_at
        .is_some());
    let again = store
        .revoke_token(&token.digest, &event(ACME, "logout", &token.id))
        .await;
    assert!(
        matches!(again, Err(StoreError::Missing { .. })),
        "{again:?}"
    );
    let events = store
        .recent_audit_events(&OrgId::new(ACME), 10)
        .await
        .expect("audit");
    assert_eq!(
        events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["logout", "login"]
    );
    assert!(store
        .token(&TokenDigest::of("unknown"))
        .await
        .expect("read")
        .is_none());
}

/// Bulk revocation takes exactly the tokens its selector names (each field narrows), moves the
/// revocation generation only when it revoked any, and the sweep deletes expired tokens only.
pub async fn tokens_revoke_by_selector_and_sweep(store: &dyn Store) {
    demo(store).await;
    let now = SystemClock::new().now();
    let ann = UserId::new("a0000000-0000-4000-8000-000000000031");
    let pat = UserId::new("b0000000-0000-4000-8000-000000000031");
    let token = |bearer: &str,
                 org: &str,
                 home: &str,
                 user: Option<&UserId>,
                 client: &str,
                 issued: chrono::DateTime<chrono::Utc>,
                 expires: chrono::DateTime<chrono::Utc>| TokenRecord {
        id: uuid_like(),
        digest: TokenDigest::of(bearer),
        org_id: OrgId::new(org),
        home_org_id: OrgId::new(home),
        subject: user.map_or(TokenSubject::Client, |u| TokenSubject::User(u.clone())),
        client_id: ClientId::new(client),
        cloned_user_id: None,
        issued_at: issued,
        expires_at: expires,
        revoked_at: None,
    };
    let hour = Duration::hours(1);
    let tokens = [
        token(
            "ann-home",
            ACME,
            ACME,
            Some(&ann),
            "acme-admin",
            now - hour,
            now + hour,
        ),
        token(
            "pat-home",
            PARTNER,
            PARTNER,
            Some(&pat),
            "partner-admin",
            now - hour,
            now + hour,
        ),
        token(
            "pat-in-acme-old",
            ACME,
            PARTNER,
            Some(&pat),
            "partner-admin",
            now - hour,
            now + hour,
        ),
        token(
            "pat-in-acme-new",
            ACME,
            PARTNER,
            Some(&pat),
            "partner-admin",
            now + Duration::seconds(1),
            now + hour,
        ),
        token(
            "acme-client",
            ACME,
            ACME,
            None,
            "acme-admin",
            now - hour,
            now + hour,
        ),
        token(
            "expired",
            ACME,
            ACME,
            None,
            "acme-admin",
            now - hour * 3,
            now - hour * 2,
        ),
    ];
    for t in &tokens {
        store
            .insert_token(t, &event(t.home_org_id.as_str(), "login", &t.id))
            .await
            .expect("insert");
    }
    let revoked = |bearer: &'static str| async move {
        store
            .token(&TokenDigest::of(bearer))
            .await
            .expect("read")
            .expect("token")
            .revoked_at
            .is_some()
    };
    // Nothing matches: no revocation, the generation stays.
    let generation = store.token_generation();
    let none = TokenSelector {
        token_id: Some("no-such-token".into()),
        ..TokenSelector::default()
    };
    assert_eq!(store.revoke_tokens(&none, now).await.expect("revoke"), 0);
    assert_eq!(store.token_generation(), generation);
    // Pat's tokens acting in Acme issued before now: only the old one.
    let trust = TokenSelector {
        home_org_id: Some(OrgId::new(PARTNER)),
        org_id: Some(OrgId::new(ACME)),
        cross_org_only: true,
        user_id: Some(pat.clone()),
        issued_before: Some(now),
        ..TokenSelector::default()
    };
    assert_eq!(store.revoke_tokens(&trust, now).await.expect("revoke"), 1);
    assert!(store.token_generation() > generation);
    assert!(revoked("pat-in-acme-old").await);
    for kept in ["pat-in-acme-new", "pat-home", "ann-home", "acme-client"] {
        assert!(!revoked(kept).await, "{kept}");
    }
    // By client; by id.
    let by_client = TokenSelector {
        client_id: Some(ClientId::new("acme-admin")),
        user_id: None,
        home_org_id: Some(OrgId::new(ACME)),
        ..TokenSelector::default()
    };
    assert_eq!(
        store.revoke_tokens(&by_client, now).await.expect("revoke"),
        3
    );
    let by_id = TokenSelector {
        token_id: Some(tokens[1].id.clone()),
        ..TokenSelector::default()
    };
    assert_eq!(store.revoke_tokens(&by_id, now).await.expect("revoke"), 1);
    assert!(revoked("pat-home").await);
    assert!(!revoked("pat-in-acme-new").await);
    // The sweep: only the expired token goes.
    assert_eq!(store.delete_expired_tokens(now).await.expect("sweep"), 1);
    assert!(store
        .token(&TokenDigest::of("expired"))
        .await
        .expect("read")
        .is_none());
    assert!(store
        .token(&TokenDigest::of("ann-home"))
        .await
        .expect("read")
        .is_some());
}

/// A duplicate token digest is a constraint violation, and nothing of it (nor its event) is kept.
pub async fn a_refused_write_leaves_nothing(store: &dyn Store) {
    demo(store).await;
    let now = SystemClock::new().now();
    let token = TokenRecord {
        id: uuid_like(),
        digest: TokenDigest::of("bearer-dup"),
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(ACME),
        subject: TokenSubject::Client,
        client_id: ClientId::new("acme-admin"),
        cloned_user_id: None,
        issued_at: now,
        expires_at: now + Duration::hours(1),
        revoked_at: None,
    };
    store
        .insert_token(&token, &event(ACME, "login", "first"))
        .await
        .expect("insert");
    let dup = TokenRecord {
        id: uuid_like(),
        ..token.clone()
    };
    let err = store
        .insert_token(&dup, &event(ACME, "login", "second"))
        .await;
    assert!(matches!(err, Err(StoreError::Constraint { .. })), "{err:?}");
    let events = store
        .recent_audit_events(&OrgId::new(ACME), 10)
        .await
        .expect("audit");
    assert!(
        events.iter().all(|e| e.entity_id != "second"),
        "the refused write's event was kept"
    );
}

/// No trust exists in the demo data.
pub async fn trusts_read_absent(store: &dyn Store) {
    demo(store).await;
    assert!(store
        .trust(&OrgId::new(ACME), &OrgId::new(PARTNER))
        .await
        .expect("read")
        .is_none());
}

/// Generates one `#[tokio::test]` per conformance case, each on a fresh store from `$make`
/// (an async expression evaluating to something that derefs to a `Store`).
#[macro_export]
macro_rules! conformance_suite {
    ($make:expr) => {
        $crate::conformance_suite!(@cases $make;
            fixture_lands_whole, fixture_is_idempotent, fixture_moves_the_generation,
            directory_reads_are_scoped, tokens_round_trip_and_revoke, a_refused_write_leaves_nothing,
            tokens_revoke_by_selector_and_sweep,
            trusts_read_absent,
            org_settings_round_trip, sign_in_lockout_counters, migration_states_round_trip,
            limit_change_requests_and_overrides, organization_create_and_update,
            organization_terminate_revokes_tokens);
        $crate::conformance_suite!(@cases $make;
            pairings_round_trip, trusts_create_update_delete, trust_creation_refusals_write_nothing,
            trust_members_round_trip, cloned_users_round_trip, trust_writes_move_both_generations,
            trust_reviews_round_trip);
        $crate::conformance_suite!(@races $make;
            race_member_limit, race_same_member, race_one_pairing, race_care_trust_twice,
            race_clone_limit, race_clone_and_trust_deletion);
        $crate::conformance_suite!(@cases $make; pending_authorizations_single_use);
        $crate::conformance_suite!(@cases $make; trust_views_page_with_both_organizations);
        $crate::conformance_suite!(@races $make; race_take_pending_authorization);
    };
    (@cases $make:expr; $($case:ident),*) => {
        $(
            #[tokio::test]
            async fn $case() {
                let Some(store) = $make.await else { return };
                $crate::$case(&*store).await;
            }
        )*
    };
    // Cases that race writers against each other, on several threads.
    (@races $make:expr; $($case:ident),*) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $case() {
                let Some(store) = $make.await else { return };
                let store: std::sync::Arc<dyn orgtrust_core::store::Store> = store;
                $crate::$case(store).await;
            }
        )*
    };
}
