//! `/api/v2/groups`: lifecycle, versions, membership moving effective grants, paging, errors.

use orgtrust_api::codes;
use serde_json::json;

use crate::helpers::{demo, TestApp};

const PW: &str = "Str0ng-pass!";

#[tokio::test]
async fn group_lifecycle_with_versions_and_audit() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let created = t
        .post(
            "/api/v2/groups",
            &admin,
            json!({"name": "Night Shift", "description": "late", "type": "official",
                   "visibility": "public", "rulesVisible": true}),
        )
        .await
        .expect(200);
    let id = created.body["id"].as_str().expect("id").to_owned();
    assert_eq!(created.body["memberCount"], 0);
    assert_eq!(created.body["version"], 1);
    assert_eq!(created.body["type"], "official");

    let put = t
        .put(
            &format!("/api/v2/groups/{id}"),
            &admin,
            json!({"name": "Night Owls", "version": 1, "visibility": "members"}),
        )
        .await
        .expect(200);
    assert_eq!(put.body["name"], "Night Owls");
    assert_eq!(put.body["visibility"], "members");
    assert_eq!(put.body["version"], 2);
    t.put(
        &format!("/api/v2/groups/{id}"),
        &admin,
        json!({"name": "Stale", "version": 1}),
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);
    t.post(
        "/api/v2/groups",
        &admin,
        json!({"name": "night owls", "type": "official", "visibility": "public", "rulesVisible": true}),
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);
    t.post(
        "/api/v2/groups",
        &admin,
        json!({"name": "Bad", "type": "clique"}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);

    t.delete(&format!("/api/v2/groups/{id}"), &admin)
        .await
        .expect(204);
    t.get(&format!("/api/v2/groups/{id}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.delete(&format!("/api/v2/groups/{id}"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    assert_eq!(
        t.audit_actions(demo::ACME, &id).await,
        vec!["create", "update", "delete"]
    );
}

#[tokio::test]
async fn membership_changes_effective_grants_on_the_next_request() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let user = t
        .create_acme_user(&admin, "Gil Group", "gil@acme.example", PW, demo::ACME_HOME)
        .await;
    let token = t.acme_user_token("gil@acme.example", PW).await;
    let group = t
        .post(
            "/api/v2/groups",
            &admin,
            json!({"name": "Viewers", "type": "official", "visibility": "public", "rulesVisible": true}),
        )
        .await
        .expect(200);
    let gid = group.body["id"].as_str().expect("id").to_owned();
    t.post(
        &format!("/api/v2/authorization/subjects/{gid}/bulkadd"),
        &admin,
        json!({"grants": [{"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": "*"}]}),
    )
    .await
    .expect(204);
    t.get("/api/v2/users", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);

    let members = format!("/api/v2/groups/{gid}/members");
    t.post(&members, &admin, json!({"memberIds": [user], "version": 2}))
        .await
        .expect_error(409, codes::GENERAL_CONFLICT);
    t.post(
        &members,
        &admin,
        json!({"memberIds": ["nobody"], "version": 1}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.post(&members, &admin, json!({"version": 1}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.post(&members, &admin, json!({"memberIds": [user], "version": 1}))
        .await
        .expect(202);
    let listed = t.get(&members, &admin).await.expect(200);
    assert_eq!(listed.body["total"], 1);
    assert_eq!(listed.body["entities"][0]["id"], user.as_str());
    let g = t
        .get(&format!("/api/v2/groups/{gid}"), &admin)
        .await
        .expect(200);
    assert_eq!(g.body["memberCount"], 1);
    assert_eq!(g.body["version"], 2);

    // The group's role reaches the member at once.
    let seen = t.get("/api/v2/users", &token).await.expect(200);
    assert_eq!(seen.body["total"], 3);

    t.delete(&format!("{members}?ids={user}"), &admin)
        .await
        .expect(202);
    t.get("/api/v2/users", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    t.delete(&format!("{members}?ids="), &admin)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(
        t.audit_actions(demo::ACME, &gid).await,
        vec!["create", "addGrants", "addMembers", "removeMembers"]
    );
}

#[tokio::test]
async fn listing_pages_and_scopes_groups() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    for name in ["B team", "C team"] {
        t.post(
            "/api/v2/groups",
            &admin,
            json!({"name": name, "type": "official", "visibility": "public", "rulesVisible": true}),
        )
        .await
        .expect(200);
    }
    let page = t
        .get("/api/v2/groups?pageSize=2&pageNumber=2", &admin)
        .await
        .expect(200);
    assert_eq!(page.body["total"], 3);
    assert_eq!(page.body["pageCount"], 2);
    assert_eq!(page.body["entities"][0]["name"], "C team");
    // Emil may view groups in EMEA only, and every group here is in Home.
    let emil = t.acme_user_token("emil@acme.example", "Acme-emea-1!").await;
    let scoped = t.get("/api/v2/groups", &emil).await.expect(200);
    assert_eq!(scoped.body["total"], 0);
    t.get("/api/v2/groups/a0000000-0000-4000-8000-000000000041", &emil)
        .await
        .expect_error(403, codes::MISSING_DIVISION_PERMISSION);
    t.get("/api/v2/groups/no-such-group", &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    // Another organization's group is not found.
    t.get(
        &format!("/api/v2/groups/{}", demo::PARTNER_SUPPORT_GROUP),
        &admin,
    )
    .await
    .expect_error(404, codes::NOT_FOUND);
}
