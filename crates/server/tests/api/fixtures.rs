//! Fixture files: applied whole or not at all, idempotently.

use orgtrust_core::clock::SystemClock;
use orgtrust_core::fixture;
use orgtrust_core::store::{AuthzStore, OrgStore};
use orgtrust_store_sqlite::SqliteStore;

use crate::helpers::{demo, TestApp, DEMO};

async fn fresh_store() -> SqliteStore {
    SqliteStore::open("sqlite::memory:").await.expect("store")
}

#[tokio::test]
async fn the_same_fixture_twice_gives_the_same_state() {
    let store = fresh_store().await;
    let clock = SystemClock::new();
    fixture::apply("demo", DEMO, &store, &clock)
        .await
        .expect("first");
    let count = store.organization_count().await.expect("count");
    let mut before = Vec::new();
    for org in [demo::ACME, demo::PARTNER, demo::CARE, demo::PLATFORM] {
        before.push(format!("{:?}", sorted_snapshot(&store, org).await));
    }
    fixture::apply("demo", DEMO, &store, &clock)
        .await
        .expect("second");
    assert_eq!(store.organization_count().await.expect("count"), count);
    for (i, org) in [demo::ACME, demo::PARTNER, demo::CARE, demo::PLATFORM]
        .iter()
        .enumerate()
    {
        assert_eq!(
            format!("{:?}", sorted_snapshot(&store, org).await),
            before[i],
            "{org} changed"
        );
    }
}

#[tokio::test]
async fn entities_without_ids_are_matched_by_name_and_email() {
    let store = fresh_store().await;
    let clock = SystemClock::new();
    let doc = r#"{"organizations": [{"name": "Nameless", "thirdPartyOrgName": "nameless",
        "roles": [{"name": "Viewer", "permissions": ["directory:user:view"]}],
        "users": [{"name": "Una", "email": "una@nameless.example", "roles": ["Viewer"]}],
        "groups": [{"name": "Team", "members": ["una@nameless.example"], "roles": ["Viewer"]}]}]}"#;
    fixture::apply("a", doc, &store, &clock)
        .await
        .expect("first");
    fixture::apply("a", doc, &store, &clock)
        .await
        .expect("second");
    assert_eq!(store.organization_count().await.expect("count"), 1);
    let org = orgtrust_core::store::FixtureStore::org_id_by_name(&store, "Nameless")
        .await
        .expect("lookup")
        .expect("exists");
    let snap = store.authz_snapshot(&org).await.expect("snapshot");
    assert_eq!(
        (
            snap.roles.len(),
            snap.users.len(),
            snap.memberships.len(),
            snap.grants.len()
        ),
        (1, 1, 1, 2)
    );
}

#[tokio::test]
async fn a_broken_fixture_is_refused_whole_with_its_path() {
    let store = fresh_store().await;
    let clock = SystemClock::new();
    // The first organization is fine; the second refers to a role it does not define.
    let doc = r#"{"organizations": [
        {"name": "Good", "thirdPartyOrgName": "good"},
        {"name": "Bad", "thirdPartyOrgName": "bad", "users": [{"name": "B", "email": "b@bad.example", "roles": ["Ghost"]}]}]}"#;
    let err = fixture::apply("broken.json", doc, &store, &clock)
        .await
        .expect_err("refused");
    assert_eq!(err.path, "organizations[1].users[0].roles[0]");
    assert!(err.to_string().contains("broken.json"));
    assert!(err.message.contains("Ghost"));
    assert_eq!(
        store.organization_count().await.expect("count"),
        0,
        "nothing applied"
    );

    for (doc, path) in [
        (r#"{"organizations": [{"name": "X"}]}"#, "organizations[0]"),
        (
            r#"{"organizations": [{"name": "X", "thirdPartyOrgName": 5}]}"#,
            "organizations[0].thirdPartyOrgName",
        ),
        (
            r#"{"organizations": [{"name": "X", "thirdPartyOrgName": "x", "roles": [{"name": "R", "permissions": ["nope:no:no"]}]}]}"#,
            "organizations[0].roles[0].permissions[0]",
        ),
        (
            r#"{"organizations": [{"name": "X", "thirdPartyOrgName": "x", "users": [{"name": "U", "email": "u@x.example", "password": "weak"}]}]}"#,
            "organizations[0].users[0].password",
        ),
        (
            r#"{"organizations": [{"name": "X", "thirdPartyOrgName": "x", "groups": [{"name": "G", "members": ["ghost@x.example"]}]}]}"#,
            "organizations[0].groups[0].members[0]",
        ),
        (
            r#"{"organizations": [{"name": "X", "thirdPartyOrgName": "x"}, {"name": "Y", "thirdPartyOrgName": "X"}]}"#,
            "organizations[1].thirdPartyOrgName",
        ),
        (
            r#"{"organizations": [], "customerCare": "Nobody"}"#,
            "customerCare",
        ),
    ] {
        let err = fixture::apply("f", doc, &store, &clock)
            .await
            .expect_err(doc);
        assert!(
            err.path.starts_with(path),
            "{doc}: got path {} ({})",
            err.path,
            err.message
        );
    }
    assert_eq!(store.organization_count().await.expect("count"), 0);
}

#[tokio::test]
async fn fixture_roles_and_groups_give_users_their_grants() {
    let t = TestApp::spawn().await;
    // Ann holds Admin directly; the index compiles it and the token works.
    let ann = t
        .password_token(
            ("acme-admin", "acme-admin-secret"),
            "ann@acme.example",
            "Acme-admin-1!",
        )
        .await;
    t.get("/api/v2/organizations/me", &ann).await.expect(200);
}

async fn sorted_snapshot(store: &SqliteStore, org: &str) -> Vec<String> {
    let snap = store.authz_snapshot(&org.into()).await.expect("snapshot");
    let mut lines: Vec<String> = snap.roles.iter().map(|r| format!("{r:?}")).collect();
    lines.extend(snap.users.iter().map(|u| format!("{u:?}")));
    lines.extend(snap.clients.iter().map(|c| format!("{c:?}")));
    lines.extend(snap.memberships.iter().map(|m| format!("{m:?}")));
    lines.extend(snap.grants.iter().map(|g| format!("{g:?}")));
    lines.push(format!(
        "{:?}",
        store.organization(&org.into()).await.expect("org")
    ));
    lines.sort();
    lines
}

#[tokio::test]
async fn fixture_trusts_are_created_updated_and_checked() {
    use orgtrust_core::store::TrustStore;
    let store = fresh_store().await;
    let clock = SystemClock::new();
    fixture::apply("demo", DEMO, &store, &clock)
        .await
        .expect("demo");
    let doc = r#"{"organizations": [], "trusts": [
        {"trustor": "Acme Corp", "trustee": "b0000000-0000-4000-8000-000000000001"},
        {"trustor": "Customer Care", "trustee": "Acme Corp", "enabled": false, "dateExpired": "2030-01-01"}]}"#;
    fixture::apply("trusts", doc, &store, &clock)
        .await
        .expect("trusts");
    let trust = store
        .trust(&demo::ACME.into(), &demo::PARTNER.into())
        .await
        .expect("read")
        .expect("created");
    assert!(trust.enabled && trust.date_expired.is_none());
    assert_eq!(trust.created_by.kind, "system");
    let care = store
        .trust(&demo::CARE.into(), &demo::ACME.into())
        .await
        .expect("read")
        .expect("created");
    assert!(!care.enabled);
    assert_eq!(
        care.date_expired,
        orgtrust_api::parse_datetime("2030-01-01T00:00:00Z")
    );
    assert!(store
        .trust(&demo::PARTNER.into(), &demo::ACME.into())
        .await
        .expect("read")
        .is_none());
    // Applying again updates the same trust, keeping its creation date.
    let again = r#"{"organizations": [], "trusts": [{"trustor": "Acme Corp", "trustee": "Partner Co", "enabled": false}]}"#;
    fixture::apply("again", again, &store, &clock)
        .await
        .expect("again");
    let updated = store
        .trust(&demo::ACME.into(), &demo::PARTNER.into())
        .await
        .expect("read")
        .expect("kept");
    assert!(!updated.enabled);
    assert_eq!(updated.date_created, trust.date_created);

    for (doc, path) in [
        (
            r#"{"organizations": [], "trusts": [{"trustor": "Acme Corp", "trustee": "Nobody"}]}"#,
            "trusts[0].trustee",
        ),
        (
            r#"{"organizations": [], "trusts": [{"trustor": "Acme Corp", "trustee": "Acme Corp"}]}"#,
            "trusts[0].trustee",
        ),
        (
            r#"{"organizations": [], "trusts": [{"trustor": "Acme Corp", "trustee": "Partner Co"}, {"trustor": "Acme Corp", "trustee": "Partner Co"}]}"#,
            "trusts[1]",
        ),
        (
            r#"{"organizations": [], "trusts": [{"trustor": "Acme Corp", "trustee": "Partner Co", "dateExpired": "soon"}]}"#,
            "trusts[0].dateExpired",
        ),
        (
            r#"{"organizations": [], "trusts": [{"trustor": "Acme Corp", "trustee": "Partner Co", "colour": "red"}]}"#,
            "trusts[0]",
        ),
    ] {
        let err = fixture::apply("f", doc, &store, &clock)
            .await
            .expect_err(doc);
        assert!(
            err.path.starts_with(path),
            "{doc}: got path {} ({})",
            err.path,
            err.message
        );
    }
}
