//! `/api/v2/oauth/clients`: registration (secret shown once), roles taking effect on the next
//! request, secret regeneration, deletion refusing the client's tokens, validation.

use orgtrust_api::codes;
use serde_json::json;

use crate::helpers::{demo, TestApp};

#[tokio::test]
async fn client_lifecycle_roles_secret_and_deletion() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let created = t
        .post(
            "/api/v2/oauth/clients",
            &admin,
            json!({"name": "Reporter", "authorizedGrantType": "CLIENT-CREDENTIALS",
                   "accessTokenValiditySeconds": 3600,
                   "roleDivisions": [{"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": "*"}]}),
        )
        .await
        .expect(200);
    let id = created.body["id"].as_str().expect("id").to_owned();
    let secret = created.body["secret"].as_str().expect("secret").to_owned();
    assert_eq!(created.body["authorizedGrantType"], "CLIENT-CREDENTIALS");
    assert_eq!(created.body["state"], "active");
    assert_eq!(created.body["roleDivisions"][0]["divisionId"], "*");

    let got = t
        .get(&format!("/api/v2/oauth/clients/{id}"), &admin)
        .await
        .expect(200);
    assert!(got.body.get("secret").is_none(), "the secret is shown once");
    let listed = t.get("/api/v2/oauth/clients", &admin).await.expect(200);
    assert!(listed.body["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .all(|c| c.get("secret").is_none()));

    let token = t.client_token(&id, &secret).await;
    t.get("/api/v2/users", &token).await.expect(200);
    t.get("/api/v2/groups", &token).await.expect(200);

    // Taking the role away is in force on the token's next request.
    let put = t
        .put(
            &format!("/api/v2/oauth/clients/{id}"),
            &admin,
            json!({"name": "Reporter", "authorizedGrantType": "CLIENT-CREDENTIALS", "roleDivisions": []}),
        )
        .await
        .expect(200);
    assert_eq!(put.body["roleDivisions"], json!([]));
    t.get("/api/v2/users", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);

    let regenerated = t
        .post(
            &format!("/api/v2/oauth/clients/{id}/secret"),
            &admin,
            json!({}),
        )
        .await
        .expect(200);
    let new_secret = regenerated.body["secret"].as_str().expect("secret");
    assert_ne!(new_secret, secret);
    t.token_request(
        Some((&id, &secret)),
        &[("grant_type", "client_credentials")],
    )
    .await
    .expect(401);
    let token = t.client_token(&id, new_secret).await;

    t.delete(&format!("/api/v2/oauth/clients/{id}"), &admin)
        .await
        .expect(204);
    t.get("/api/v2/organizations/me", &token)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    t.get(&format!("/api/v2/oauth/clients/{id}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    assert_eq!(
        t.audit_actions(demo::ACME, &id).await,
        vec!["create", "update", "regenerateSecret", "delete"]
    );
}

#[tokio::test]
async fn client_requests_are_validated() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let r = t
        .post("/api/v2/oauth/clients", &admin, json!({"name": "No grant"}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "authorizedGrantType");
    t.post(
        "/api/v2/oauth/clients",
        &admin,
        json!({"name": "X", "authorizedGrantType": "TELEPATHY"}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    let r = t
        .post(
            "/api/v2/oauth/clients",
            &admin,
            json!({"name": "X", "authorizedGrantType": "CLIENT-CREDENTIALS", "accessTokenValiditySeconds": 5}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(
        r.body["messageParams"]["field"],
        "accessTokenValiditySeconds"
    );
    let r = t
        .post(
            "/api/v2/oauth/clients",
            &admin,
            json!({"name": "X", "authorizedGrantType": "CLIENT-CREDENTIALS",
                   "roleDivisions": [{"roleId": "nope", "divisionId": "*"}]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "roleDivisions[0].roleId");
    t.post(
        "/api/v2/oauth/clients",
        &admin,
        json!({"authorizedGrantType": "CLIENT-CREDENTIALS"}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.get("/api/v2/oauth/clients/nope", &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    // Another organization's client is not found.
    t.get("/api/v2/oauth/clients/partner-admin", &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
}

#[tokio::test]
async fn granting_roles_to_a_client_needs_the_grant_permission() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let role = t
        .post(
            "/api/v2/authorization/roles",
            &admin,
            json!({"name": "Client maker", "permissions": ["oauth:client:add"]}),
        )
        .await
        .expect(200);
    let maker = t
        .post(
            "/api/v2/oauth/clients",
            &admin,
            json!({"name": "Maker", "authorizedGrantType": "CLIENT-CREDENTIALS",
                   "roleIds": [role.body["id"]]}),
        )
        .await
        .expect(200);
    assert_eq!(
        maker.body["roleDivisions"][0]["divisionId"],
        demo::ACME_HOME
    );
    let token = t
        .client_token(
            maker.body["id"].as_str().expect("id"),
            maker.body["secret"].as_str().expect("secret"),
        )
        .await;
    t.post(
        "/api/v2/oauth/clients",
        &token,
        json!({"name": "Escalation", "authorizedGrantType": "CLIENT-CREDENTIALS",
               "roleDivisions": [{"roleId": demo::ACME_ADMIN_ROLE, "divisionId": "*"}]}),
    )
    .await
    .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    t.post(
        "/api/v2/oauth/clients",
        &token,
        json!({"name": "Harmless", "authorizedGrantType": "CLIENT-CREDENTIALS"}),
    )
    .await
    .expect(200);
}
