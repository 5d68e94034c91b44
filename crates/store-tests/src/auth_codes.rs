//! Pending browser authorizations (issue 13): stored with their audit event, read back whole,
//! taken once, refused and purged once expired, and taken by one of two racing callers only.

use std::sync::Arc;

use chrono::{Duration, Utc};
use orgtrust_core::ids::{ClientId, OrgId, UserId};
use orgtrust_core::secret::TokenDigest;
use orgtrust_core::store::{PendingAuthorization, PendingKind, Store};

use crate::{demo, event, ACME};

const ANN: &str = "a0000000-0000-4000-8000-000000000031";

fn pending(secret: &str, kind: PendingKind, ttl: Duration) -> PendingAuthorization {
    // Stored dates keep milliseconds: truncate so the round trip compares equal.
    let now = orgtrust_core::clock::Clock::now(&orgtrust_core::clock::SystemClock::new());
    let now = chrono::DateTime::<Utc>::from_timestamp_millis(now.timestamp_millis()).expect("ms");
    PendingAuthorization {
        digest: TokenDigest::of(secret),
        kind,
        client_id: ClientId::new("acme-admin"),
        org_id: OrgId::new(ACME),
        user_id: UserId::new(ANN),
        redirect_uri: "http://127.0.0.1:9/cb".into(),
        response_type: "code".into(),
        state: Some("xyz".into()),
        code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
        target_org_id: Some(OrgId::new("b0000000-0000-4000-8000-000000000001")),
        created_at: now,
        expires_at: now + ttl,
    }
}

/// A code round-trips whole, is audited, and can be taken only once; an expired ticket is
/// refused (and gone); a minimal one (no state, challenge or target) round-trips too.
pub async fn pending_authorizations_single_use(store: &dyn Store) {
    demo(store).await;
    let code = pending("code-1", PendingKind::Code, Duration::minutes(1));
    store
        .insert_pending_authorization(&code, &event(ACME, "authorize", "code-1"))
        .await
        .expect("insert");
    let audited = store
        .recent_audit_events(&OrgId::new(ACME), 5)
        .await
        .expect("audit");
    assert!(audited.iter().any(|e| e.action == "authorize"));
    let now = Utc::now();
    let other = store
        .take_pending_authorization(&TokenDigest::of("code-2"), now)
        .await
        .expect("take unknown");
    assert_eq!(other, None);
    let taken = store
        .take_pending_authorization(&code.digest, now)
        .await
        .expect("take");
    assert_eq!(taken, Some(code.clone()));
    let again = store
        .take_pending_authorization(&code.digest, now)
        .await
        .expect("take again");
    assert_eq!(again, None, "a code is single-use");

    let mut bare = pending("ticket-1", PendingKind::Choice, Duration::minutes(5));
    bare.state = None;
    bare.code_challenge = None;
    bare.target_org_id = None;
    bare.response_type = "token".into();
    store
        .insert_pending_authorization(&bare, &event(ACME, "authorize", "ticket-1"))
        .await
        .expect("insert bare");
    assert_eq!(
        store
            .take_pending_authorization(&bare.digest, now)
            .await
            .expect("take bare"),
        Some(bare)
    );

    let old = pending("code-3", PendingKind::Code, Duration::seconds(30));
    store
        .insert_pending_authorization(&old, &event(ACME, "authorize", "code-3"))
        .await
        .expect("insert old");
    let later = now + Duration::minutes(1);
    assert_eq!(
        store
            .take_pending_authorization(&old.digest, later)
            .await
            .expect("take expired"),
        None,
        "an expired code is refused"
    );
    assert_eq!(
        store
            .take_pending_authorization(&old.digest, now)
            .await
            .expect("take purged"),
        None,
        "and purged"
    );
}

/// Of many concurrent takes of one code, exactly one gets it.
pub async fn race_take_pending_authorization(store: Arc<dyn Store>) {
    demo(&*store).await;
    let code = pending("race-code", PendingKind::Code, Duration::minutes(1));
    store
        .insert_pending_authorization(&code, &event(ACME, "authorize", "race-code"))
        .await
        .expect("insert");
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let store = store.clone();
        let digest = code.digest;
        tasks.push(tokio::spawn(async move {
            store
                .take_pending_authorization(&digest, Utc::now())
                .await
                .expect("take")
        }));
    }
    let mut won = 0;
    for t in tasks {
        if t.await.expect("join").is_some() {
            won += 1;
        }
    }
    assert_eq!(won, 1);
}
