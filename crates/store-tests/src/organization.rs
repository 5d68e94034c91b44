//! Conformance cases of the Organization API's storage: the settings document, sign-in lockout
//! records, migration states, limit overrides and change requests, and creating, editing and
//! terminating organizations (`OrgAdminStore` and `LimitStore`).

use chrono::{DateTime, Duration, Utc};
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::ids::{ClientId, DivisionId, OrgId, RoleId, UserId};
use orgtrust_core::limits::{
    Approval, ChangeRequest, ChangeRequestFilter, OverrideChange, StatusChange,
};
use orgtrust_core::lockout::SignInState;
use orgtrust_core::model::{
    Division, Grant, OrgState, Organization, Role, Subject, User, UserState,
};
use orgtrust_core::org_settings::OrgSettings;
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::secret::{hash_secret, verify_secret, Secret, TokenDigest};
use orgtrust_core::store::{FixtureOrg, Store, StoreError};
use orgtrust_core::token::{TokenRecord, TokenSubject};

use crate::{demo, event, uuid_like, ACME, PARTNER};

const ANN: &str = "a0000000-0000-4000-8000-000000000031";

/// Now, to the millisecond the stores keep.
fn now_ms() -> DateTime<Utc> {
    let now = SystemClock::new().now();
    DateTime::from_timestamp_millis(now.timestamp_millis()).expect("in range")
}

async fn actions(store: &dyn Store, org: &str) -> Vec<String> {
    store
        .recent_audit_events(&OrgId::new(org), 50)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// The settings document is absent until written, comes back exactly as written, is replaced
/// by the next write, stays per organization, and moves the organization's generation.
pub async fn org_settings_round_trip(store: &dyn Store) {
    demo(store).await;
    let acme = OrgId::new(ACME);
    assert_eq!(store.org_settings(&acme).await.expect("read"), None);

    let mut settings = OrgSettings {
        multifactor_authentication_required: true,
        domain_allowlist_enabled: true,
        domain_allowlist: vec!["acme.example".into(), "*.acme.example".into()],
        ip_address_allowlist: vec!["10.0.0.0/8".into(), "192.168.1.0/24".into()],
        inactivity_timeout_exclusions: vec!["/api/v2/analytics".into()],
        universal_logout: true,
        token_storage_location: "session".into(),
        enforce_scopes: true,
        ..OrgSettings::default()
    };
    settings.password_requirements.minimum_length = 14;
    settings.password_requirements.minimum_digits = 3;
    settings.password_requirements.expiration_days = 90;
    let before = store.authz_generation(&acme);
    store
        .put_org_settings(&acme, &settings, &event(ACME, "settings.put", "first"))
        .await
        .expect("put");
    assert!(store.authz_generation(&acme) > before, "generation moved");
    assert_eq!(
        store.org_settings(&acme).await.expect("read"),
        Some(settings.clone())
    );

    let replaced = OrgSettings {
        enforce_scopes: false,
        ip_address_allowlist: vec![],
        ..settings
    };
    store
        .put_org_settings(&acme, &replaced, &event(ACME, "settings.put", "second"))
        .await
        .expect("replace");
    assert_eq!(
        store.org_settings(&acme).await.expect("read"),
        Some(replaced)
    );
    assert_eq!(
        store
            .org_settings(&OrgId::new(PARTNER))
            .await
            .expect("read"),
        None,
        "settings are per organization"
    );
    assert_eq!(
        actions(store, ACME).await,
        vec!["settings.put", "settings.put"]
    );
}

/// A user's failure count and lock are stored, replaced, read back to the millisecond, and
/// cleared; each stored failure keeps its audit event.
pub async fn sign_in_lockout_counters(store: &dyn Store) {
    demo(store).await;
    let acme = OrgId::new(ACME);
    let ann = UserId::new(ANN);
    assert_eq!(store.sign_in_state(&ann).await.expect("read"), None);

    let three = SignInState {
        failures: 3,
        locked_until: None,
    };
    store
        .put_sign_in_state(&acme, &ann, &three, &event(ACME, "login.failed", ANN))
        .await
        .expect("put");
    assert_eq!(store.sign_in_state(&ann).await.expect("read"), Some(three));

    let locked = SignInState {
        failures: 0,
        locked_until: Some(now_ms() + Duration::minutes(5)),
    };
    store
        .put_sign_in_state(&acme, &ann, &locked, &event(ACME, "lock", ANN))
        .await
        .expect("lock");
    assert_eq!(store.sign_in_state(&ann).await.expect("read"), Some(locked));
    assert_eq!(actions(store, ACME).await, vec!["lock", "login.failed"]);

    store.clear_sign_in_state(&ann).await.expect("clear");
    assert_eq!(store.sign_in_state(&ann).await.expect("read"), None);
    // Clearing a user without a record is not an error.
    store.clear_sign_in_state(&ann).await.expect("clear again");

    // A user who does not exist has no record to keep: the write is refused whole.
    let err = store
        .put_sign_in_state(
            &acme,
            &UserId::new("nobody"),
            &SignInState {
                failures: 1,
                locked_until: None,
            },
            &event(ACME, "login.failed", "nobody"),
        )
        .await;
    assert!(matches!(err, Err(StoreError::Constraint { .. })), "{err:?}");
    assert_eq!(actions(store, ACME).await, vec!["lock", "login.failed"]);
}

/// Migration states are absent until set, replaced by the next set, and per organization.
pub async fn migration_states_round_trip(store: &dyn Store) {
    demo(store).await;
    let acme = OrgId::new(ACME);
    assert!(store
        .migration_states(&acme)
        .await
        .expect("read")
        .is_empty());
    store
        .set_migration_state(&acme, "alpha", true, &event(ACME, "migration", "alpha"))
        .await
        .expect("set");
    store
        .set_migration_state(&acme, "beta", false, &event(ACME, "migration", "beta"))
        .await
        .expect("set");
    store
        .set_migration_state(&acme, "alpha", false, &event(ACME, "migration", "alpha"))
        .await
        .expect("replace");
    let states = store.migration_states(&acme).await.expect("read");
    assert_eq!(states.len(), 2);
    assert_eq!(states.get("alpha"), Some(&false));
    assert_eq!(states.get("beta"), Some(&false));
    store
        .set_migration_state(&acme, "beta", true, &event(ACME, "migration", "beta"))
        .await
        .expect("replace");
    assert_eq!(
        store
            .migration_states(&acme)
            .await
            .expect("read")
            .get("beta"),
        Some(&true)
    );
    assert!(store
        .migration_states(&OrgId::new(PARTNER))
        .await
        .expect("read")
        .is_empty());
    assert_eq!(actions(store, ACME).await.len(), 4);
}

fn change_request(org: &str, key: &str, created: DateTime<Utc>, status: &str) -> ChangeRequest {
    ChangeRequest {
        id: uuid_like(),
        org_id: OrgId::new(org),
        key: key.into(),
        namespace: "platform.api".into(),
        requested_value: 500,
        current_value: 300,
        description: "More, please".into(),
        support_case_url: "https://support.example/case/1".into(),
        status: status.into(),
        date_created: created,
        date_completed: None,
        reject_reason: None,
        status_history: vec![StatusChange {
            date_status_changed: created,
            status: status.into(),
            previous_status: None,
            namespace: "platform.api".into(),
            message: Some("created".into()),
            reject_reason: None,
        }],
        approvals: vec![Approval {
            namespace: "platform.api".into(),
            status: "Pending".into(),
            kind: "Primary".into(),
        }],
    }
}

/// Change requests round-trip with their status history and approvals; listing honours the
/// window, the status and the limit, newest first; a transition applies only from the expected
/// status, and an implemented one writes the override (replacing an earlier one) in the same
/// transaction and moves the organization's generation.
pub async fn limit_change_requests_and_overrides(store: &dyn Store) {
    demo(store).await;
    let acme = OrgId::new(ACME);
    assert!(store.limit_overrides(&acme).await.expect("read").is_empty());

    let t0 = now_ms() - Duration::hours(3);
    let older = change_request(ACME, "requests.per.minute", t0, "Open");
    let newer = change_request(ACME, "requests.per.minute", t0 + Duration::hours(1), "Open");
    let partner = change_request(PARTNER, "requests.per.minute", t0, "Open");
    for r in [&older, &newer, &partner] {
        store
            .insert_change_request(r, &event(r.org_id.as_str(), "limit.request", &r.id))
            .await
            .expect("insert");
    }
    assert_eq!(
        store
            .change_request(&acme, &older.id)
            .await
            .expect("read")
            .as_ref(),
        Some(&older)
    );
    assert_eq!(
        store
            .change_request(&acme, &partner.id)
            .await
            .expect("read"),
        None,
        "another organization's request is not found"
    );
    let dup = store
        .insert_change_request(&older, &event(ACME, "limit.request", "dup"))
        .await;
    assert!(matches!(dup, Err(StoreError::Constraint { .. })), "{dup:?}");

    let window = |after: DateTime<Utc>, status: Option<&str>, limit: u32| ChangeRequestFilter {
        after,
        before: t0 + Duration::hours(2),
        status: status.map(str::to_owned),
        limit,
    };
    let ids = |v: Vec<ChangeRequest>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store
            .change_requests(&acme, &window(t0, None, 10))
            .await
            .expect("list")),
        vec![newer.id.clone(), older.id.clone()]
    );
    assert_eq!(
        ids(store
            .change_requests(&acme, &window(t0, None, 1))
            .await
            .expect("list")),
        vec![newer.id.clone()]
    );
    assert_eq!(
        ids(store
            .change_requests(&acme, &window(t0 + Duration::minutes(1), None, 10))
            .await
            .expect("list")),
        vec![newer.id.clone()]
    );
    assert!(store
        .change_requests(&acme, &window(t0, Some("Rejected"), 10))
        .await
        .expect("list")
        .is_empty());

    // Approve the older one: Open -> Approved, no override yet.
    let t1 = now_ms();
    let mut approved = older.clone();
    approved.status = "Approved".into();
    approved.status_history.push(StatusChange {
        date_status_changed: t1,
        status: "Approved".into(),
        previous_status: Some("Open".into()),
        namespace: "platform.api".into(),
        message: None,
        reject_reason: None,
    });
    approved.approvals[0].status = "Approved".into();
    let stale = store
        .update_change_request(
            &approved,
            "Pending",
            None,
            &event(ACME, "limit.stale", &older.id),
        )
        .await
        .expect("update");
    assert!(!stale, "a stale expected status writes nothing");
    assert!(!actions(store, ACME)
        .await
        .contains(&"limit.stale".to_owned()));
    assert!(store
        .update_change_request(
            &approved,
            "Open",
            None,
            &event(ACME, "limit.approve", &older.id)
        )
        .await
        .expect("update"));
    assert_eq!(
        store
            .change_request(&acme, &older.id)
            .await
            .expect("read")
            .as_ref(),
        Some(&approved)
    );
    assert!(store.limit_overrides(&acme).await.expect("read").is_empty());
    assert_eq!(
        ids(store
            .change_requests(&acme, &window(t0, Some("Approved"), 10))
            .await
            .expect("list")),
        vec![older.id.clone()]
    );

    // Implement it: Approved -> ChangeImplemented, with the override, in one transaction.
    let mut implemented = approved.clone();
    implemented.status = "ChangeImplemented".into();
    implemented.date_completed = Some(t1 + Duration::seconds(1));
    implemented.status_history.push(StatusChange {
        date_status_changed: t1 + Duration::seconds(1),
        status: "ChangeImplemented".into(),
        previous_status: Some("Approved".into()),
        namespace: "platform.api".into(),
        message: Some("done".into()),
        reject_reason: None,
    });
    let first = OverrideChange {
        namespace: "platform.api".into(),
        key: "requests.per.minute".into(),
        value: 500,
    };
    let before = store.authz_generation(&acme);
    assert!(store
        .update_change_request(
            &implemented,
            "Approved",
            Some(&first),
            &event(ACME, "limit.implement", &older.id)
        )
        .await
        .expect("update"));
    assert!(store.authz_generation(&acme) > before, "generation moved");
    assert_eq!(
        store
            .change_request(&acme, &older.id)
            .await
            .expect("read")
            .as_ref(),
        Some(&implemented)
    );
    assert_eq!(
        store.limit_overrides(&acme).await.expect("read"),
        vec![first.clone()]
    );
    // The same transition again finds the status moved on: nothing written.
    assert!(!store
        .update_change_request(
            &implemented,
            "Approved",
            Some(&OverrideChange { value: 1, ..first }),
            &event(ACME, "limit.again", &older.id)
        )
        .await
        .expect("update"));
    assert_eq!(
        store.limit_overrides(&acme).await.expect("read")[0].value,
        500
    );

    // Rejecting the newer one records the reason; a later override replaces the value.
    let mut rejected = newer.clone();
    rejected.status = "Rejected".into();
    rejected.reject_reason = Some("OtherReason".into());
    rejected.date_completed = Some(t1);
    rejected.status_history.push(StatusChange {
        date_status_changed: t1,
        status: "Rejected".into(),
        previous_status: Some("Open".into()),
        namespace: "platform.api".into(),
        message: None,
        reject_reason: Some("OtherReason".into()),
    });
    let second = OverrideChange {
        namespace: "platform.api".into(),
        key: "requests.per.minute".into(),
        value: 300,
    };
    assert!(store
        .update_change_request(
            &rejected,
            "Open",
            Some(&second),
            &event(ACME, "limit.reject", &newer.id)
        )
        .await
        .expect("update"));
    assert_eq!(
        store
            .change_request(&acme, &newer.id)
            .await
            .expect("read")
            .as_ref(),
        Some(&rejected)
    );
    assert_eq!(
        store.limit_overrides(&acme).await.expect("read"),
        vec![second]
    );
    assert!(store
        .limit_overrides(&OrgId::new(PARTNER))
        .await
        .expect("read")
        .is_empty());
    assert_eq!(
        actions(store, ACME).await,
        vec![
            "limit.reject",
            "limit.implement",
            "limit.approve",
            "limit.request",
            "limit.request"
        ]
    );
}

fn new_org(short: &str) -> FixtureOrg {
    let now = now_ms();
    let org = Organization::new(OrgId::generate(), format!("{short} Inc"), short.into(), now);
    let home = Division {
        id: DivisionId::generate(),
        org_id: org.id.clone(),
        name: "Home".into(),
        description: Some("The home division".into()),
        home: true,
    };
    let role = Role {
        id: RoleId::generate(),
        org_id: org.id.clone(),
        name: "Admin".into(),
        description: None,
        permissions: vec!["*".into()],
        default_admin: true,
    };
    let user = User {
        id: UserId::generate(),
        org_id: org.id.clone(),
        name: format!("admin@{short}.example"),
        email: format!("admin@{short}.example"),
        division_id: home.id.clone(),
        state: UserState::Active,
        version: 1,
        title: None,
        department: None,
        date_created: now,
        date_modified: now,
    };
    let grants = vec![(
        Subject::User(user.id.clone()),
        vec![Grant {
            role_id: role.id.clone(),
            division: DivisionGrant::All,
        }],
    )];
    FixtureOrg {
        org,
        divisions: vec![home],
        roles: vec![role],
        users: vec![(user, Some(hash_secret(&Secret::new("New-admin-1!"))))],
        groups: vec![],
        clients: vec![],
        grants,
    }
}

/// A created organization lands whole with its event and generation; creating its id again or
/// reusing a short name (in any case) is a constraint violation that leaves nothing; an edit
/// applies only at the expected version.
pub async fn organization_create_and_update(store: &dyn Store) {
    demo(store).await;
    let plan = new_org("newco");
    let id = plan.org.id.clone();
    let before = store.authz_generation(&id);
    store
        .create_organization(&plan, &event(id.as_str(), "create", id.as_str()))
        .await
        .expect("create");
    assert!(store.authz_generation(&id) > before, "generation moved");
    assert_eq!(store.organization_count().await.expect("count"), 5);
    assert_eq!(
        store.organization(&id).await.expect("read").as_ref(),
        Some(&plan.org)
    );
    let admin = store
        .user_credentials(&id, "admin@newco.example")
        .await
        .expect("read")
        .expect("admin");
    assert!(admin
        .password_hash
        .is_some_and(|h| verify_secret(&Secret::new("New-admin-1!"), &h)));
    let snap = store.authz_snapshot(&id).await.expect("snapshot");
    assert_eq!(snap.grants.len(), 1);
    assert_eq!(actions(store, id.as_str()).await, vec!["create"]);

    let again = store
        .create_organization(&plan, &event(id.as_str(), "create", "again"))
        .await;
    assert!(
        matches!(&again, Err(StoreError::Constraint { constraint }) if constraint.contains("organizations")),
        "{again:?}"
    );
    let clash = new_org("NEWCO");
    let err = store
        .create_organization(
            &clash,
            &event(clash.org.id.as_str(), "create", clash.org.id.as_str()),
        )
        .await;
    assert!(
        matches!(&err, Err(StoreError::Constraint { constraint }) if constraint.contains("third_party_org_name")),
        "{err:?}"
    );
    assert_eq!(store.organization(&clash.org.id).await.expect("read"), None);
    assert!(actions(store, clash.org.id.as_str()).await.is_empty());
    assert_eq!(store.organization_count().await.expect("count"), 5);

    let mut edited = plan.org.clone();
    edited.name = "NewCo Renamed".into();
    edited.domain = Some("newco.example".into());
    edited.support_uri = Some("https://support.newco.example".into());
    edited.voicemail_enabled = Some(true);
    edited.features.insert("purecloud".into(), false);
    edited.version = 2;
    assert!(!store
        .update_organization(&edited, 7, &event(id.as_str(), "stale", id.as_str()))
        .await
        .expect("update"));
    assert!(store
        .update_organization(&edited, 1, &event(id.as_str(), "update", id.as_str()))
        .await
        .expect("update"));
    assert_eq!(
        store.organization(&id).await.expect("read").as_ref(),
        Some(&edited)
    );
    assert_eq!(actions(store, id.as_str()).await, vec!["update", "create"]);
}

/// Terminating marks the organization deleted (a new version), revokes every token acting in
/// it or issued at home in it (and only those), and moves both its authorization and the token
/// revocation generations; an unknown organization is `Missing`.
pub async fn organization_terminate_revokes_tokens(store: &dyn Store) {
    demo(store).await;
    let acme = OrgId::new(ACME);
    let now = now_ms();
    let token = |bearer: &str, org: &str, client: &str| TokenRecord {
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
    for t in [
        token("acme-1", ACME, "acme-admin"),
        token("acme-2", ACME, "acme-admin"),
        token("partner-1", PARTNER, "partner-admin"),
    ] {
        store
            .insert_token(&t, &event(t.org_id.as_str(), "login", &t.id))
            .await
            .expect("insert");
    }
    let authz_before = store.authz_generation(&acme);
    let tokens_before = store.token_generation();
    let at = now + Duration::seconds(5);
    store
        .terminate_organization(&acme, at, &event(ACME, "delete", ACME))
        .await
        .expect("terminate");
    assert!(store.authz_generation(&acme) > authz_before);
    assert!(store.token_generation() > tokens_before);

    let org = store
        .organization(&acme)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!((org.state, org.version), (OrgState::Deleted, 2));
    for bearer in ["acme-1", "acme-2"] {
        let t = store
            .token(&TokenDigest::of(bearer))
            .await
            .expect("read")
            .expect("token");
        assert_eq!(t.revoked_at, Some(at), "{bearer}");
    }
    let partner = store
        .token(&TokenDigest::of("partner-1"))
        .await
        .expect("read")
        .expect("token");
    assert_eq!(partner.revoked_at, None);
    assert_eq!(actions(store, ACME).await[0], "delete");

    let missing = store
        .terminate_organization(
            &OrgId::new("no-such-org"),
            at,
            &event(ACME, "delete", "none"),
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::Missing { .. })),
        "{missing:?}"
    );
    assert_eq!(
        actions(store, ACME)
            .await
            .iter()
            .filter(|a| *a == "delete")
            .count(),
        1
    );
}
