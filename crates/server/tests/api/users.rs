//! `/api/v2/users`: lifecycle, versions, paging, division scoping, passwords, roles, deletion
//! revoking tokens, and the body errors of JSON endpoints.

use orgtrust_api::codes;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{demo, TestApp};

const PW: &str = "Str0ng-pass!";

#[tokio::test]
async fn create_read_patch_delete_with_versions_and_audit() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let created = t
        .post(
            "/api/v2/users",
            &admin,
            json!({"name": "Nia New", "email": "Nia@Acme.example", "title": "Analyst",
                   "divisionId": demo::ACME_EMEA}),
        )
        .await
        .expect(200);
    let id = created.body["id"].as_str().expect("id").to_owned();
    assert_eq!(created.body["email"], "nia@acme.example");
    assert_eq!(created.body["username"], "nia@acme.example");
    assert_eq!(created.body["division"]["id"], demo::ACME_EMEA);
    assert_eq!(created.body["division"]["name"], "EMEA");
    assert_eq!(created.body["state"], "active");
    assert_eq!(created.body["version"], 1);
    assert_eq!(created.body["selfUri"], format!("/api/v2/users/{id}"));

    let got = t
        .get(&format!("/api/v2/users/{id}"), &admin)
        .await
        .expect(200);
    assert_eq!(got.body["title"], "Analyst");

    let patched = t
        .patch(
            &format!("/api/v2/users/{id}"),
            &admin,
            json!({"name": "Nia Newer", "version": 1, "division": {"id": demo::ACME_HOME}}),
        )
        .await
        .expect(200);
    assert_eq!(patched.body["name"], "Nia Newer");
    assert_eq!(patched.body["version"], 2);
    assert_eq!(patched.body["division"]["name"], "Home");
    assert_eq!(patched.body["title"], "Analyst", "absent fields are kept");

    // The version read before the first change is stale now.
    t.patch(
        &format!("/api/v2/users/{id}"),
        &admin,
        json!({"name": "Lost update", "version": 1}),
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);
    t.patch(
        &format!("/api/v2/users/{id}"),
        &admin,
        json!({"name": "No version"}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);

    t.delete(&format!("/api/v2/users/{id}"), &admin)
        .await
        .expect(200);
    t.get(&format!("/api/v2/users/{id}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.delete(&format!("/api/v2/users/{id}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);

    assert_eq!(
        t.audit_actions(demo::ACME, &id).await,
        vec!["create", "update", "delete"]
    );
}

#[tokio::test]
async fn unknown_ids_duplicates_and_bad_values() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let nobody = "00000000-0000-4000-8000-000000000000";
    t.get(&format!("/api/v2/users/{nobody}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.patch(
        &format!("/api/v2/users/{nobody}"),
        &admin,
        json!({"version": 1}),
    )
    .await
    .expect_error(404, codes::NOT_FOUND);
    // A user of another organization is not found either.
    t.get(&format!("/api/v2/users/{}", demo::PARTNER_PAT), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);

    t.post(
        "/api/v2/users",
        &admin,
        json!({"name": "Ann Again", "email": "ANN@acme.example"}),
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);
    let r = t
        .post("/api/v2/users", &admin, json!({"name": "No Mail"}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "email");
    let r = t
        .post(
            "/api/v2/users",
            &admin,
            json!({"name": "X", "email": "x@acme.example", "divisionId": nobody}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "divisionId");
    let r = t
        .post(
            "/api/v2/users",
            &admin,
            json!({"name": "X", "email": "x@acme.example", "password": "weak"}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "password");
    t.get("/api/v2/users?state=sleeping", &admin)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.get("/api/v2/users?sortOrder=sideways", &admin)
        .await
        .expect_error(400, codes::INVALID_VALUE);
}

#[tokio::test]
async fn json_body_errors_are_genesys_errors() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    t.raw(
        Method::POST,
        "/api/v2/users",
        &admin,
        "application/json",
        "{\"name\": ",
    )
    .await
    .expect_error(400, codes::BAD_REQUEST);
    let r = t
        .raw(
            Method::POST,
            "/api/v2/users",
            &admin,
            "application/json",
            "{\"name\": \"A\", \"email\": 42}",
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "email");
    t.raw(
        Method::POST,
        "/api/v2/users",
        &admin,
        "application/json",
        "",
    )
    .await
    .expect_error(400, codes::MISSING_REQUEST_BODY);
    t.raw(
        Method::POST,
        "/api/v2/users",
        &admin,
        "text/plain",
        "{\"name\": \"A\"}",
    )
    .await
    .expect_error(415, codes::UNSUPPORTED_MEDIA_TYPE);
    let r = t
        .raw(
            Method::PATCH,
            &format!("/api/v2/users/{}", demo::ACME_ANN),
            &admin,
            "application/json",
            "{\"version\": \"one\"}",
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "version");
}

#[tokio::test]
async fn paging_counts_every_page() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    for i in 0..3 {
        t.create_acme_user(
            &admin,
            &format!("Zed {i}"),
            &format!("zed{i}@acme.example"),
            PW,
            demo::ACME_HOME,
        )
        .await;
    }
    let first = t.get("/api/v2/users?pageSize=2", &admin).await.expect(200);
    assert_eq!(first.body["total"], 5);
    assert_eq!(first.body["pageCount"], 3);
    assert_eq!(first.body["entities"][0]["name"], "Ann Admin");
    assert_eq!(
        first.body["nextUri"],
        "/api/v2/users?pageSize=2&pageNumber=2"
    );
    let last = t
        .get("/api/v2/users?pageSize=2&pageNumber=3", &admin)
        .await
        .expect(200);
    assert_eq!(last.body["entities"].as_array().map(Vec::len), Some(1));
    assert_eq!(last.body["entities"][0]["name"], "Zed 2");
    assert!(last.body.get("nextUri").is_none());
    let desc = t
        .get("/api/v2/users?pageSize=1&sortOrder=DESC", &admin)
        .await
        .expect(200);
    assert_eq!(desc.body["entities"][0]["name"], "Zed 2");
    let by_id = t
        .get(
            &format!("/api/v2/users?id={},{}", demo::ACME_ANN, demo::ACME_EMIL),
            &admin,
        )
        .await
        .expect(200);
    assert_eq!(by_id.body["total"], 2);
    t.get("/api/v2/users?pageSize=0", &admin)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.get("/api/v2/users?pageSize=501", &admin)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.get("/api/v2/users?pageNumber=x", &admin)
        .await
        .expect_error(400, codes::INVALID_VALUE);
}

#[tokio::test]
async fn a_viewer_scoped_to_one_division_sees_only_its_users() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    t.create_acme_user(&admin, "Eve Emea", "eve@acme.example", PW, demo::ACME_EMEA)
        .await;
    // Emil holds User Viewer in EMEA only.
    let emil = t.acme_user_token("emil@acme.example", "Acme-emea-1!").await;
    let listed = t.get("/api/v2/users", &emil).await.expect(200);
    assert_eq!(listed.body["total"], 2, "{}", listed.text);
    let names: Vec<&str> = listed.body["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|u| u["name"].as_str())
        .collect();
    assert_eq!(names, vec!["Emil Europe", "Eve Emea"]);
    let denied = t
        .get(&format!("/api/v2/users/{}", demo::ACME_ANN), &emil)
        .await
        .expect_error(403, codes::MISSING_DIVISION_PERMISSION);
    assert_eq!(denied.body["messageParams"]["division"], demo::ACME_HOME);
    t.get(&format!("/api/v2/users/{}", demo::ACME_EMIL), &emil)
        .await
        .expect(200);
    // Viewing is not editing.
    t.post(
        "/api/v2/users",
        &emil,
        json!({"name": "N", "email": "n@acme.example"}),
    )
    .await
    .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
}

#[tokio::test]
async fn users_me_answers_users_and_refuses_clients() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    t.get("/api/v2/users/me", &admin)
        .await
        .expect_error(400, codes::BAD_REQUEST);
    let ann = t.acme_user_token("ann@acme.example", "Acme-admin-1!").await;
    let me = t.get("/api/v2/users/me", &ann).await.expect(200);
    assert_eq!(me.body["id"], demo::ACME_ANN);
}

#[tokio::test]
async fn passwords_follow_the_policy_and_open_the_door() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let id = t
        .create_acme_user(&admin, "Pia Pass", "pia@acme.example", PW, demo::ACME_HOME)
        .await;
    let path = format!("/api/v2/users/{id}/password");
    let weak = t
        .post(&path, &admin, json!({"newPassword": "alllowercase1!"}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(weak.body["messageParams"]["field"], "newPassword");
    assert!(weak.body["message"]
        .as_str()
        .is_some_and(|m| m.contains("upper-case")));
    t.post(&path, &admin, json!({}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.post(&path, &admin, json!({"newPassword": "N3w-password!"}))
        .await
        .expect(204);
    t.token_request(
        Some(("acme-admin", "acme-admin-secret")),
        &[
            ("grant_type", "password"),
            ("username", "pia@acme.example"),
            ("password", PW),
        ],
    )
    .await
    .expect(400);
    t.acme_user_token("pia@acme.example", "N3w-password!").await;
    // The refused sign-in with the old password is audited too (it counts towards lockout).
    assert_eq!(
        t.audit_actions(demo::ACME, &id).await,
        vec!["create", "setPassword", "login.failed"]
    );
}

#[tokio::test]
async fn roles_of_a_user_and_deletion_revoking_its_tokens() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let id = t
        .create_acme_user(&admin, "Rey Roles", "rey@acme.example", PW, demo::ACME_HOME)
        .await;
    let token = t.acme_user_token("rey@acme.example", PW).await;
    t.get("/api/v2/users", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);

    let roles = t
        .put(
            &format!("/api/v2/users/{id}/roles"),
            &admin,
            json!([demo::ACME_USER_VIEWER_ROLE]),
        )
        .await
        .expect(200);
    assert_eq!(roles.body["roles"][0]["name"], "User Viewer");
    assert!(roles.body["permissions"]
        .as_array()
        .expect("permissions")
        .contains(&json!("directory:user:view")));
    // The new grant (home division) is in force on the very next request of the same token.
    let listed = t.get("/api/v2/users", &token).await.expect(200);
    assert_eq!(listed.body["total"], 2, "Home holds Ann and Rey");
    let got = t
        .get(&format!("/api/v2/users/{id}/roles"), &admin)
        .await
        .expect(200);
    assert_eq!(got.body["roles"].as_array().map(Vec::len), Some(1));
    t.put(
        &format!("/api/v2/users/{id}/roles"),
        &admin,
        json!(["no-such-role"]),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);

    t.get("/api/v2/users/me", &token).await.expect(200);
    t.delete(&format!("/api/v2/users/{id}"), &admin)
        .await
        .expect(200);
    t.get("/api/v2/users/me", &token)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    t.token_request(
        Some(("acme-admin", "acme-admin-secret")),
        &[
            ("grant_type", "password"),
            ("username", "rey@acme.example"),
            ("password", PW),
        ],
    )
    .await
    .expect(400);
}

#[tokio::test]
async fn writes_are_checked_in_the_users_divisions() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let role = t
        .post(
            "/api/v2/authorization/roles",
            &admin,
            json!({"name": "EMEA editor", "permissions": [
                "directory:user:add", "directory:user:edit", "directory:user:delete",
                "directory:user:setPassword"]}),
        )
        .await
        .expect(200);
    t.post(
        &format!("/api/v2/authorization/subjects/{}/bulkadd", demo::ACME_EMIL),
        &admin,
        json!({"grants": [{"roleId": role.body["id"], "divisionId": demo::ACME_EMEA}]}),
    )
    .await
    .expect(204);
    let emil = t.acme_user_token("emil@acme.example", "Acme-emea-1!").await;
    let ann = format!("/api/v2/users/{}", demo::ACME_ANN);
    for reply in [
        t.patch(&ann, &emil, json!({"title": "x", "version": 1}))
            .await,
        t.delete(&ann, &emil).await,
        t.post(
            &format!("{ann}/password"),
            &emil,
            json!({"newPassword": "N3w-password!"}),
        )
        .await,
        // Without a division the user goes to Home, where Emil may not add users.
        t.post(
            "/api/v2/users",
            &emil,
            json!({"name": "Hal Home", "email": "hal@acme.example"}),
        )
        .await,
        // Moving a user needs the edit permission in the target division too.
        t.patch(
            &format!("/api/v2/users/{}", demo::ACME_EMIL),
            &emil,
            json!({"version": 1, "division": {"id": demo::ACME_HOME}}),
        )
        .await,
    ] {
        reply.expect_error(403, codes::MISSING_DIVISION_PERMISSION);
    }
    let made = t
        .post(
            "/api/v2/users",
            &emil,
            json!({"name": "Ella Emea", "email": "ella@acme.example", "divisionId": demo::ACME_EMEA}),
        )
        .await
        .expect(200);
    let ella = made.body["id"].as_str().expect("id");
    t.patch(
        &format!("/api/v2/users/{ella}"),
        &emil,
        json!({"title": "Lead", "version": 1}),
    )
    .await
    .expect(200);
    t.delete(&format!("/api/v2/users/{ella}"), &emil)
        .await
        .expect(200);
}
