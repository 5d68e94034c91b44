//! The emulator's resets: everything, or one organization, back to a fixture plan.

use chrono::Duration;
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::fixture;
use orgtrust_core::ids::{ClientId, OrgId, UserId};
use orgtrust_core::secret::TokenDigest;
use orgtrust_core::store::{FixturePlan, Store};
use orgtrust_core::token::{TokenRecord, TokenSubject};

use crate::{event, uuid_like, ACME, DEMO, PARTNER};

const ANN: &str = "a0000000-0000-4000-8000-000000000031";

async fn token_of(store: &dyn Store, org: &str, client: &str, bearer: &str) -> TokenDigest {
    let now = SystemClock::new().now();
    let token = TokenRecord {
        id: uuid_like(),
        digest: TokenDigest::of(bearer),
        org_id: OrgId::new(org),
        home_org_id: OrgId::new(org),
        subject: TokenSubject::Client,
        client_id: ClientId::new(client),
        cloned_user_id: None,
        issued_at: now,
        expires_at: now + Duration::hours(1),
        revoked_at: None,
    };
    store
        .insert_token(&token, &event(org, "login", &token.id))
        .await
        .expect("insert token");
    token.digest
}

/// A reset of one organization puts it back and leaves the others' rows; a full reset removes
/// everything the fixture does not have. Tokens of reset organizations go, generations move.
pub async fn resets_return_to_the_fixture(store: &dyn Store) {
    let clock = SystemClock::new();
    let (_, baseline) = fixture::apply_planned("demo", DEMO, store, &clock)
        .await
        .expect("demo");
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    // Changes after start: another organization, a trust, tokens on both sides.
    fixture::apply(
        "later",
        &format!(
            r#"{{"organizations": [{{"name": "Extra Co", "thirdPartyOrgName": "extra",
                "roles": [{{"name": "Admin", "permissions": ["*"]}}],
                "users": [{{"name": "Ed", "email": "ed@extra.example", "roles": ["Admin"]}}]}}],
              "trusts": [{{"trustor": "{ACME}", "trustee": "{PARTNER}"}}]}}"#
        ),
        store,
        &clock,
    )
    .await
    .expect("later fixture");
    let acme_token = token_of(store, ACME, "acme-admin", "acme-bearer").await;
    let partner_token = token_of(store, PARTNER, "partner-admin", "partner-bearer").await;
    assert!(store.trust(&acme, &partner).await.expect("read").is_some());
    let before = (
        store.authz_generation(&acme),
        store.authz_generation(&partner),
    );

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
    assert!(store.trust(&acme, &partner).await.expect("read").is_none());
    assert!(store.token(&acme_token).await.expect("read").is_none());
    assert!(store.token(&partner_token).await.expect("read").is_some());
    assert!(store
        .user(&acme, &UserId::new(ANN))
        .await
        .expect("read")
        .is_some());
    assert_eq!(store.organization_count().await.expect("count"), 5);
    assert!(store
        .recent_audit_events(&acme, 10)
        .await
        .expect("audit")
        .is_empty());
    assert!(!store
        .recent_audit_events(&partner, 10)
        .await
        .expect("audit")
        .is_empty());
    let after = (
        store.authz_generation(&acme),
        store.authz_generation(&partner),
    );
    assert!(
        after.0 > before.0 && after.1 > before.1,
        "{before:?} {after:?}"
    );

    store.reset(&baseline, None).await.expect("reset all");
    assert_eq!(store.organization_count().await.expect("count"), 4);
    assert!(store
        .org_id_by_name("Extra Co")
        .await
        .expect("read")
        .is_none());
    assert!(store.token(&partner_token).await.expect("read").is_none());
    assert!(store
        .recent_audit_events(&partner, 10)
        .await
        .expect("audit")
        .is_empty());
    assert_eq!(
        store.customer_care_orgs().await.expect("care"),
        baseline.customer_care.clone().unwrap_or_default()
    );
    // Applying the fixture again finds everything in place.
    fixture::apply("demo", DEMO, store, &clock)
        .await
        .expect("demo again");
    assert_eq!(store.organization_count().await.expect("count"), 4);
}

/// The emulator's cases.
#[macro_export]
macro_rules! emulator_suite {
    ($make:expr) => {
        $crate::conformance_suite!(@cases $make; resets_return_to_the_fixture);
    };
}
