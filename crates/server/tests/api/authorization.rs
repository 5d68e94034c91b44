//! `/api/v2/authorization`: roles, divisions, subject grants, the permission catalogue, and the
//! permission matrix of every directory operation.

use orgtrust_api::codes;
use orgtrust_core::permission::Requirement;
use orgtrust_server::operations::DIRECTORY;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{demo, TestApp};

const PW: &str = "Str0ng-pass!";

#[tokio::test]
async fn roles_are_checked_changed_and_deleted_with_their_grants() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let r = t
        .post(
            "/api/v2/authorization/roles",
            &admin,
            json!({"name": "Typo", "permissions": ["directory:user:veiw"]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "permissions");
    t.post(
        "/api/v2/authorization/roles",
        &admin,
        json!({"name": "admin", "permissions": []}),
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);

    let role = t
        .post(
            "/api/v2/authorization/roles",
            &admin,
            json!({"name": "Group Viewer", "permissions": ["directory:group:view"]}),
        )
        .await
        .expect(200);
    let rid = role.body["id"].as_str().expect("id").to_owned();
    assert_eq!(role.body["permissions"], json!(["directory:group:view"]));
    assert_eq!(role.body["permissionPolicies"][0]["entityName"], "group");

    let user = t
        .create_acme_user(&admin, "Rho Role", "rho@acme.example", PW, demo::ACME_HOME)
        .await;
    let token = t.acme_user_token("rho@acme.example", PW).await;
    t.post(
        &format!("/api/v2/authorization/subjects/{user}/bulkadd"),
        &admin,
        json!({"grants": [{"roleId": rid, "divisionId": demo::ACME_HOME}]}),
    )
    .await
    .expect(204);
    t.get("/api/v2/groups", &token).await.expect(200);
    t.get("/api/v2/users", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);

    // Adding a permission to the role reaches its holders on the next request.
    let patched = t
        .patch(
            &format!("/api/v2/authorization/roles/{rid}"),
            &admin,
            json!({"permissions": ["directory:group:view", "directory:user:view"]}),
        )
        .await
        .expect(200);
    assert_eq!(patched.body["name"], "Group Viewer", "PATCH keeps the name");
    t.get("/api/v2/users", &token).await.expect(200);
    let put = t
        .put(
            &format!("/api/v2/authorization/roles/{rid}"),
            &admin,
            json!({"name": "Viewer of groups", "permissionPolicies": [
                {"domain": "directory", "entityName": "group", "actionSet": ["view"]}]}),
        )
        .await
        .expect(200);
    assert_eq!(put.body["permissions"], json!(["directory:group:view"]));
    t.get("/api/v2/users", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    t.put(
        &format!("/api/v2/authorization/roles/{rid}"),
        &admin,
        json!({"permissions": []}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);

    let listed = t
        .get("/api/v2/authorization/roles?name=viewer&pageSize=1", &admin)
        .await
        .expect(200);
    assert_eq!(listed.body["total"], 2, "User Viewer and Viewer of groups");

    t.delete(&format!("/api/v2/authorization/roles/{rid}"), &admin)
        .await
        .expect(204);
    let subject = t
        .get(&format!("/api/v2/authorization/subjects/{user}"), &admin)
        .await
        .expect(200);
    assert_eq!(subject.body["grants"], json!([]));
    t.get("/api/v2/groups", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    t.get(&format!("/api/v2/authorization/roles/{rid}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.delete(&format!("/api/v2/authorization/roles/{rid}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    assert_eq!(
        t.audit_actions(demo::ACME, &rid).await,
        vec!["create", "update", "update", "delete"]
    );
}

#[tokio::test]
async fn divisions_and_the_409s_of_deleting_them() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let home = t
        .get("/api/v2/authorization/divisions/home", &admin)
        .await
        .expect(200);
    assert_eq!(home.body["id"], demo::ACME_HOME);
    assert_eq!(home.body["homeDivision"], true);

    let d = t
        .post(
            "/api/v2/authorization/divisions",
            &admin,
            json!({"name": "APAC", "description": "Asia"}),
        )
        .await
        .expect(200);
    let did = d.body["id"].as_str().expect("id").to_owned();
    t.post(
        "/api/v2/authorization/divisions",
        &admin,
        json!({"name": "apac"}),
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);
    t.post("/api/v2/authorization/divisions", &admin, json!({}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    let renamed = t
        .put(
            &format!("/api/v2/authorization/divisions/{did}"),
            &admin,
            json!({"name": "Asia Pacific"}),
        )
        .await
        .expect(200);
    assert_eq!(renamed.body["name"], "Asia Pacific");

    let user = t
        .create_acme_user(&admin, "Ada Apac", "ada@acme.example", PW, &did)
        .await;
    let counted = t
        .get(
            &format!("/api/v2/authorization/divisions/{did}?objectCount=true"),
            &admin,
        )
        .await
        .expect(200);
    assert_eq!(counted.body["objectCounts"]["USER"], 1);
    t.delete(&format!("/api/v2/authorization/divisions/{did}"), &admin)
        .await
        .expect_error(409, codes::GENERAL_CONFLICT);
    t.delete(
        &format!("/api/v2/authorization/divisions/{}", demo::ACME_HOME),
        &admin,
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);
    t.delete(&format!("/api/v2/users/{user}"), &admin)
        .await
        .expect(200);
    t.delete(&format!("/api/v2/authorization/divisions/{did}"), &admin)
        .await
        .expect(204);
    t.get(&format!("/api/v2/authorization/divisions/{did}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let listed = t
        .get("/api/v2/authorization/divisions?pageSize=1", &admin)
        .await
        .expect(200);
    assert_eq!(listed.body["total"], 2);
    assert_eq!(
        t.audit_actions(demo::ACME, &did).await,
        vec!["create", "update", "delete"]
    );
}

#[tokio::test]
async fn bulk_grants_add_remove_and_replace() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let subject = format!("/api/v2/authorization/subjects/{}", demo::ACME_EMIL);
    let before = t.get(&subject, &admin).await.expect(200);
    assert_eq!(before.body["name"], "Emil Europe");
    assert_eq!(before.body["grants"][0]["division"]["id"], demo::ACME_EMEA);

    t.post(
        &format!("{subject}/bulkadd"),
        &admin,
        json!({"grants": [{"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": demo::ACME_HOME}]}),
    )
    .await
    .expect(204);
    let emil = t.acme_user_token("emil@acme.example", "Acme-emea-1!").await;
    assert_eq!(
        t.get("/api/v2/users", &emil).await.expect(200).body["total"],
        2
    );
    t.post(
        &format!("{subject}/bulkremove"),
        &admin,
        json!({"grants": [{"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": demo::ACME_EMEA}]}),
    )
    .await
    .expect(204);
    let after = t.get(&subject, &admin).await.expect(200);
    assert_eq!(after.body["grants"].as_array().map(Vec::len), Some(1));
    assert_eq!(after.body["grants"][0]["division"]["id"], demo::ACME_HOME);
    assert_eq!(
        t.get("/api/v2/users", &emil).await.expect(200).body["total"],
        1,
        "only Ann, in Home"
    );
    t.post(
        &format!("{subject}/bulkreplace"),
        &admin,
        json!({"grants": []}),
    )
    .await
    .expect(204);
    t.get("/api/v2/users", &emil)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);

    let bad = t
        .post(
            &format!("{subject}/bulkadd"),
            &admin,
            json!({"grants": [{"roleId": "nope", "divisionId": "*"}]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(bad.body["messageParams"]["field"], "grants[0].roleId");
    let bad = t
        .post(
            &format!("{subject}/bulkadd"),
            &admin,
            json!({"grants": [{"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": "nowhere"}]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(bad.body["messageParams"]["field"], "grants[0].divisionId");
    t.post(&format!("{subject}/bulkadd"), &admin, json!({}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.get("/api/v2/authorization/subjects/nobody", &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    // The other organization's subjects are not found.
    t.post(
        &format!(
            "/api/v2/authorization/subjects/{}/bulkadd",
            demo::PARTNER_PAT
        ),
        &admin,
        json!({"grants": []}),
    )
    .await
    .expect_error(404, codes::NOT_FOUND);
    assert_eq!(
        t.audit_actions(demo::ACME, demo::ACME_EMIL).await,
        vec!["addGrants", "removeGrants", "replaceGrants"]
    );
}

#[tokio::test]
async fn bulkreplace_needs_both_grant_permissions() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let role = t
        .post(
            "/api/v2/authorization/roles",
            &admin,
            json!({"name": "Granter", "permissions": ["authorization:grant:add"]}),
        )
        .await
        .expect(200);
    let user = t
        .create_acme_user(&admin, "Gus Grant", "gus@acme.example", PW, demo::ACME_HOME)
        .await;
    t.post(
        &format!("/api/v2/authorization/subjects/{user}/bulkadd"),
        &admin,
        json!({"grants": [{"roleId": role.body["id"], "divisionId": "*"}]}),
    )
    .await
    .expect(204);
    let gus = t.acme_user_token("gus@acme.example", PW).await;
    let denied = t
        .post(
            &format!("/api/v2/authorization/subjects/{user}/bulkreplace"),
            &gus,
            json!({"grants": []}),
        )
        .await
        .expect_error(403, codes::MISSING_PERMISSIONS);
    assert!(denied.body["message"]
        .as_str()
        .is_some_and(|m| m.contains("authorization:grant:delete")));
}

#[tokio::test]
async fn the_permission_catalogue_lists_what_the_server_checks() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let all = t
        .get("/api/v2/authorization/permissions?pageSize=100", &admin)
        .await
        .expect(200);
    let mut listed = Vec::new();
    for collection in all.body["entities"].as_array().expect("entities") {
        for perms in collection["permissionMap"]
            .as_object()
            .expect("map")
            .values()
        {
            for p in perms.as_array().expect("list") {
                listed.push(format!(
                    "{}:{}:{}",
                    p["domain"].as_str().unwrap_or(""),
                    p["entityType"].as_str().unwrap_or(""),
                    p["action"].as_str().unwrap_or("")
                ));
            }
        }
    }
    listed.sort();
    let expected: Vec<String> = orgtrust_core::catalogue::names()
        .map(str::to_owned)
        .collect();
    assert_eq!(listed, expected);
    let filtered = t
        .get("/api/v2/authorization/permissions?query=oauth", &admin)
        .await
        .expect(200);
    assert_eq!(filtered.body["total"], 1);
    assert_eq!(filtered.body["entities"][0]["domain"], "oauth");
}

/// Every directory operation refuses a caller holding no permission with the 403 of its
/// requirement (ANY or ALL), and admits any valid token where it requires nothing.
#[tokio::test]
async fn permission_matrix_of_the_directory_operations() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    t.create_acme_user(&admin, "Nil Perms", "nil@acme.example", PW, demo::ACME_HOME)
        .await;
    let nobody = t.acme_user_token("nil@acme.example", PW).await;
    // The directory's URL groups (other groups may join the table; their tests cover them).
    let directory_paths = [
        "/api/v2/users",
        "/api/v2/groups",
        "/api/v2/authorization/",
        "/api/v2/oauth/clients",
    ];
    let mut checked = 0;
    for op in DIRECTORY {
        if !directory_paths.iter().any(|p| op.path.starts_with(p)) {
            continue;
        }
        checked += 1;
        let path = op
            .path
            .replace("{userId}", demo::ACME_ANN)
            .replace("{subjectId}", demo::ACME_ANN)
            .replace("{groupId}", "a0000000-0000-4000-8000-000000000041")
            .replace("{roleId}", demo::ACME_USER_VIEWER_ROLE)
            .replace("{divisionId}", demo::ACME_EMEA)
            .replace("{clientId}", "acme-admin");
        let method = Method::from_bytes(op.method.as_bytes()).expect("method");
        let body = match (op.method, op.id) {
            ("GET" | "DELETE", _) => None,
            (_, "putUserRoles") => Some(json!([])),
            _ => Some(json!({})),
        };
        let reply = t.call(method, &path, Some(&nobody), body).await;
        match op.requirement {
            Requirement::None => assert!(
                reply.status.is_success(),
                "{} {} should admit any token: {}",
                op.method,
                path,
                reply.text
            ),
            Requirement::Any(_) => {
                reply.expect_error(403, codes::MISSING_ANY_PERMISSIONS);
            }
            Requirement::All(_) => {
                reply.expect_error(403, codes::MISSING_PERMISSIONS);
            }
        }
    }
    assert_eq!(checked, 40, "every directory operation is in the table");
}
