//! `/api/v2/organizations`.

use crate::helpers::{demo, TestApp};

#[tokio::test]
async fn organizations_me_returns_the_callers_organization() {
    let t = TestApp::spawn().await;
    let acme = t
        .get("/api/v2/organizations/me", &t.acme_admin().await)
        .await
        .expect(200);
    assert_eq!(acme.body["id"], demo::ACME);
    assert_eq!(acme.body["name"], "Acme Corp");
    assert_eq!(acme.body["thirdPartyOrgName"], "acme");
    assert_eq!(acme.body["state"], "active");
    assert_eq!(acme.body["selfUri"], "/api/v2/organizations/me");
    assert!(acme.body["version"].as_i64().is_some_and(|v| v >= 1));
    assert!(
        acme.text.find("null").is_none(),
        "no nulls on the wire: {}",
        acme.text
    );
    let partner = t
        .get("/api/v2/organizations/me", &t.partner_admin().await)
        .await
        .expect(200);
    assert_eq!(partner.body["name"], "Partner Co");
}

use orgtrust_api::codes;
use serde_json::json;

use crate::helpers::organization_fixture;

#[tokio::test]
async fn put_me_needs_the_current_version_and_bumps_it() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let me = t.get("/api/v2/organizations/me", &token).await.expect(200);
    let version = me.body["version"].as_i64().expect("version");
    let updated = t
        .put(
            "/api/v2/organizations/me",
            &token,
            json!({"version": version, "name": "Acme Corporation", "supportURI": "mailto:help@acme.example",
                   "thirdPartyOrgName": "hijack", "features": {"hipaa": true}, "productPlatform": "PureCloud"}),
        )
        .await
        .expect(200);
    assert_eq!(updated.body["name"], "Acme Corporation");
    assert_eq!(updated.body["supportURI"], "mailto:help@acme.example");
    assert_eq!(updated.body["version"].as_i64(), Some(version + 1));
    // Read-only fields are ignored.
    assert_eq!(updated.body["thirdPartyOrgName"], "acme");
    assert_eq!(updated.body["features"]["hipaa"], false);
    assert_eq!(updated.body["productPlatform"], "GenesysCloud");
    // The stale version is refused and nothing changes.
    t.put(
        "/api/v2/organizations/me",
        &token,
        json!({"version": version, "name": "Stale"}),
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);
    t.put(
        "/api/v2/organizations/me",
        &token,
        json!({"name": "No version"}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    let me = t.get("/api/v2/organizations/me", &token).await.expect(200);
    assert_eq!(me.body["name"], "Acme Corporation");
    let events = t
        .app
        .audit
        .recent_audit_events(&demo::ACME.into(), 10)
        .await
        .expect("audit");
    assert!(events
        .iter()
        .any(|e| e.entity_type == "Organization" && e.action == "update"));
}

#[tokio::test]
async fn patch_feature_switches_one_and_returns_all() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let features = t
        .patch(
            "/api/v2/organizations/features/hipaa",
            &token,
            json!({"enabled": true}),
        )
        .await
        .expect(200);
    assert_eq!(features.body["hipaa"], true);
    assert_eq!(features.body.as_object().map(|o| o.len()), Some(13));
    let me = t.get("/api/v2/organizations/me", &token).await.expect(200);
    assert_eq!(me.body["features"]["hipaa"], true);
    t.patch(
        "/api/v2/organizations/features/teleport",
        &token,
        json!({"enabled": true}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.patch(
        "/api/v2/organizations/features/pci",
        &token,
        json!({"enabled": "yes"}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
}

#[tokio::test]
async fn post_organizations_is_internal_and_creates_home_division_and_admin() {
    let t = TestApp::spawn().await;
    let body = json!({"name": "New Co", "adminUsername": "boss@new.example", "adminPassword": "New-co-pass-1!",
                      "domain": "new.example", "thirdPartyOrgName": "newco"});
    t.post("/api/v2/organizations", &t.acme_admin().await, body.clone())
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    let operator = t
        .client_token("platform-operator", "platform-operator-secret")
        .await;
    let weak = json!({"name": "Weak Co", "adminUsername": "boss@weak.example", "adminPassword": "weak",
                      "domain": "weak.example", "thirdPartyOrgName": "weakco"});
    let refused = t
        .post("/api/v2/organizations", &operator, weak)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(refused.text.contains("characters"), "{}", refused.text);
    let created = t
        .post("/api/v2/organizations", &operator, body.clone())
        .await
        .expect(200);
    assert_eq!(created.body["name"], "New Co");
    assert_eq!(created.body["state"], "active");
    let id = created.body["id"].as_str().expect("id").to_owned();
    let org_id: orgtrust_core::ids::OrgId = id.as_str().into();
    use orgtrust_core::store::DirectoryStore;
    let divisions = t.store.divisions(&org_id).await.expect("divisions");
    assert!(divisions.iter().any(|d| d.home && d.name == "Home"));
    let roles = t.store.roles(&org_id).await.expect("roles");
    assert!(roles.iter().any(|r| r.name == "Admin" && r.default_admin));
    t.post("/api/v2/organizations", &operator, body)
        .await
        .expect_error(409, codes::GENERAL_CONFLICT);
}

#[tokio::test]
async fn delete_me_terminates_the_organization_and_refuses_its_tokens() {
    let t = TestApp::spawn_with(&organization_fixture()).await;
    let acme = t.acme_admin().await;
    t.delete("/api/v2/organizations/me", &acme)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    let doomed = t.client_token("doomed-admin", "doomed-admin-secret").await;
    let before = t.get("/api/v2/organizations/me", &doomed).await.expect(200);
    assert_eq!(before.body["name"], "Doomed Co");
    t.delete("/api/v2/organizations/me", &doomed)
        .await
        .expect(204);
    // Its tokens were revoked with it.
    t.get("/api/v2/organizations/me", &doomed)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    let refused = t
        .token_request(
            Some(("doomed-admin", "doomed-admin-secret")),
            &[("grant_type", "client_credentials")],
        )
        .await;
    assert_eq!(refused.status.as_u16(), 401, "{}", refused.text);
    // Records are kept for audit.
    use orgtrust_core::store::OrgStore;
    let org = t
        .store
        .organization(&"d0000000-0000-4000-8000-000000000001".into())
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(org.state, orgtrust_core::model::OrgState::Deleted);
    // Other organizations carry on.
    t.get("/api/v2/organizations/me", &acme).await.expect(200);
}

/// The permission matrix of the Organization API: a caller without the operation's permission is
/// refused with the ANY/ALL code of the reference; operations that need none are not refused.
#[tokio::test]
async fn every_organization_operation_checks_its_permission() {
    use orgtrust_core::permission::Requirement;
    use orgtrust_server::operations::REFERENCE;
    use reqwest::Method;

    let t = TestApp::spawn().await;
    // Emil holds only directory:user:view (in EMEA).
    let emil = t
        .password_token(
            ("acme-admin", "acme-admin-secret"),
            "emil@acme.example",
            "Acme-emea-1!",
        )
        .await;
    let ops: Vec<_> = REFERENCE
        .iter()
        .filter(|o| {
            o.path.starts_with("/api/v2/organizations") || o.path.starts_with("/api/v2/fieldconfig")
        })
        .collect();
    assert_eq!(ops.len(), 31);
    for op in ops {
        let path = op
            .path
            .replace("{featureName}", "hipaa")
            .replace("{requestId}", "r1")
            .replace("{namespaceName}", "platform.api")
            .replace("{migrationName}", "divisionAwareTrustees");
        let method = Method::from_bytes(op.method.as_bytes()).expect("method");
        let body = (op.method != "GET" && op.method != "DELETE").then(|| json!({}));
        let reply = t.call(method, &path, Some(&emil), body).await;
        match op.requirement {
            Requirement::None => assert_ne!(
                reply.status.as_u16(),
                403,
                "{} {}: {}",
                op.method,
                path,
                reply.text
            ),
            Requirement::Any(perms) => {
                let reply = reply.expect_error(403, codes::MISSING_ANY_PERMISSIONS);
                assert!(
                    reply.text.contains(perms[0]),
                    "{} {}: {}",
                    op.method,
                    path,
                    reply.text
                );
            }
            Requirement::All(_) => {
                reply.expect_error(403, codes::MISSING_PERMISSIONS);
            }
        }
    }
}
