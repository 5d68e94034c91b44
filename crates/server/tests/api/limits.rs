//! `/api/v2/organizations/limits`: namespaces, defaults, effective values, documentation, change
//! requests, and the rate limits they govern.

use orgtrust_api::codes;
use serde_json::{json, Value};

use crate::helpers::{demo, organization_fixture, TestApp};

const CR: &str = "/api/v2/organizations/limits/changerequests";

#[tokio::test]
async fn namespaces_defaults_and_docs() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let ns = t
        .get("/api/v2/organizations/limits/namespaces", &token)
        .await
        .expect(200);
    let names: Vec<&str> = ns.body["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(names, ["authorization", "platform.api"]);
    assert_eq!(ns.body["pageSize"], 100);
    let d = t
        .get(
            "/api/v2/organizations/limits/namespaces/platform.api/defaults",
            &token,
        )
        .await
        .expect(200);
    assert!(d.body["entities"]
        .as_array()
        .expect("entities")
        .contains(&json!({"key": "client.credentials.token.rate.per.minute", "namespace": "platform.api", "value": 300})));
    let e = t
        .get(
            "/api/v2/organizations/limits/namespaces/authorization",
            &token,
        )
        .await
        .expect(200);
    assert!(e.body["entities"].as_array().expect("entities").contains(
        &json!({"key": "max.members.per.trust", "namespace": "authorization", "value": 25})
    ));
    t.get("/api/v2/organizations/limits/namespaces/nope", &token)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let docs = t
        .get("/api/v2/organizations/limits/docs", &token)
        .await
        .expect(200);
    assert_eq!(docs.body["namespaces"].as_array().map(Vec::len), Some(2));
    let free = t
        .get("/api/v2/organizations/limits/docs/freetrial", &token)
        .await
        .expect(200);
    assert_eq!(free.body["namespaces"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        t.app
            .limits
            .effective_limit(&demo::ACME.into(), "authorization", "max.cloned.users")
            .await
            .expect("limit"),
        5
    );
}

async fn create(t: &TestApp, operator: &str, key: &str, value: i64) -> Value {
    t.post(
        CR,
        operator,
        json!({"key": key, "namespace": "platform.api", "requestedValue": value,
               "description": "load test", "supportCaseUrl": "https://support.example/1"}),
    )
    .await
    .expect(200)
    .body
}

/// Creates a change request and moves it all the way to ChangeImplemented.
async fn implement(t: &TestApp, operator: &str, key: &str, value: i64) {
    let r = create(t, operator, key, value).await;
    let id = r["id"].as_str().expect("id").to_owned();
    for s in [
        "Pending",
        "Approved",
        "ImplementingChange",
        "ChangeImplemented",
    ] {
        move_to(t, operator, &id, s).await;
    }
}

/// Moves the clock to the start of the next minute, so a rate window does not roll over
/// mid-test.
fn align_to_minute(t: &TestApp) {
    let into_minute = t.app.clock().now().timestamp_millis().rem_euclid(60_000);
    t.clock
        .advance(chrono::Duration::milliseconds(60_000 - into_minute));
}

async fn move_to(t: &TestApp, operator: &str, id: &str, status: &str) -> Value {
    t.patch(&format!("{CR}/{id}"), operator, json!({"status": status}))
        .await
        .expect(200)
        .body
}

#[tokio::test]
async fn change_request_workflow_and_listing() {
    let t = TestApp::spawn_with(&organization_fixture()).await;
    let admin = t.acme_admin().await;
    let operator = t
        .client_token("acme-operator", "acme-operator-secret")
        .await;
    // Customers cannot create or update.
    t.post(CR, &admin, json!({"key": "x"}))
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    t.post(
        CR,
        &operator,
        json!({"key": "no.such.limit", "namespace": "platform.api", "requestedValue": 5,
               "description": "d", "supportCaseUrl": "u"}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    let r = create(&t, &operator, "org.app.user.rate.per.minute", 600).await;
    assert_eq!(r["status"], "Open");
    assert_eq!(r["currentValue"], 300.0);
    let id = r["id"].as_str().expect("id").to_owned();
    // An impossible transition.
    t.patch(
        &format!("{CR}/{id}"),
        &operator,
        json!({"status": "ChangeImplemented"}),
    )
    .await
    .expect_error(400, codes::BAD_REQUEST);
    t.patch(&format!("{CR}/{id}"), &admin, json!({"status": "Pending"}))
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    for s in ["Pending", "Approved", "ImplementingChange"] {
        move_to(&t, &operator, &id, s).await;
    }
    let done = move_to(&t, &operator, &id, "ChangeImplemented").await;
    assert!(done["dateCompleted"].is_string());
    assert_eq!(done["statusHistory"].as_array().map(Vec::len), Some(5));
    let eff = t
        .get(
            "/api/v2/organizations/limits/namespaces/platform.api",
            &admin,
        )
        .await
        .expect(200);
    assert!(eff.body["entities"].as_array().expect("entities").contains(
        &json!({"key": "org.app.user.rate.per.minute", "namespace": "platform.api", "value": 600})
    ));
    // Rejection needs a reason and completes the request.
    let r2 = create(
        &t,
        &operator,
        "client.credentials.token.rate.per.minute",
        1000,
    )
    .await;
    let id2 = r2["id"].as_str().expect("id").to_owned();
    t.patch(
        &format!("{CR}/{id2}"),
        &operator,
        json!({"status": "Rejected"}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    let rejected = t
        .patch(
            &format!("{CR}/{id2}"),
            &operator,
            json!({"status": "Rejected", "rejectReason": "PlatformStability"}),
        )
        .await
        .expect(200);
    assert_eq!(rejected.body["rejectReason"], "PlatformStability");
    assert!(rejected.body["dateCompleted"].is_string());
    t.patch(
        &format!("{CR}/{id2}"),
        &operator,
        json!({"status": "Pending"}),
    )
    .await
    .expect_error(400, codes::BAD_REQUEST);
    // Listing: customers can read; filters and expand.
    let all = t.get(CR, &admin).await.expect(200);
    assert_eq!(all.body["entities"].as_array().map(Vec::len), Some(2));
    assert!(all.body["entities"][0].get("statusHistory").is_none());
    let expanded = t
        .get(
            &format!("{CR}?expand=statusHistory&status=Rejected"),
            &admin,
        )
        .await
        .expect(200);
    assert_eq!(expanded.body["entities"].as_array().map(Vec::len), Some(1));
    assert!(expanded.body["entities"][0]["statusHistory"].is_array());
    let future = chrono::Utc::now().timestamp_millis() + 86_400_000;
    let none = t
        .get(&format!("{CR}?after={future}"), &admin)
        .await
        .expect(200);
    assert_eq!(none.body["entities"].as_array().map(Vec::len), Some(0));
    let before = t
        .get(&format!("{CR}?before={future}"), &admin)
        .await
        .expect(200);
    assert_eq!(before.body["entities"].as_array().map(Vec::len), Some(2));
    t.get(&format!("{CR}?status=Bogus"), &admin)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    let one = t.get(&format!("{CR}/{id}"), &admin).await.expect(200);
    assert_eq!(one.body["status"], "ChangeImplemented");
    t.get(&format!("{CR}/nope"), &admin)
        .await
        .expect_error(404, codes::NOT_FOUND);
    // Another organization does not see them.
    let partner = t.get(CR, &t.partner_admin().await).await.expect(200);
    assert_eq!(partner.body["entities"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn rate_limit_is_enforced_with_retry_after_and_no_side_effect() {
    let t = TestApp::spawn_with(&organization_fixture()).await;
    let operator = t
        .client_token("acme-operator", "acme-operator-secret")
        .await;
    // Lower Acme's per-token rate to 5 through an implemented change request.
    implement(&t, &operator, "client.credentials.token.rate.per.minute", 5).await;
    align_to_minute(&t);
    let token = t.acme_admin().await;
    let me = t.get("/api/v2/organizations/me", &token).await.expect(200);
    let version = me.body["version"].as_i64().expect("version");
    for _ in 0..4 {
        t.get("/api/v2/organizations/me", &token).await.expect(200);
    }
    // The sixth request in the minute is refused before the handler runs.
    let throttled = t
        .put(
            "/api/v2/organizations/me",
            &token,
            json!({"version": version, "name": "Throttled"}),
        )
        .await
        .expect_error(429, codes::TOO_MANY_REQUESTS_RETRY_AFTER);
    let retry: u64 = throttled.headers["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("integer seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(
        throttled.body["limit"],
        json!({"key": "client.credentials.token.rate.per.minute", "namespace": "platform.api", "value": 5})
    );
    assert!(throttled.headers["access-control-expose-headers"]
        .to_str()
        .expect("ascii")
        .contains("Retry-After"));
    // No side effect: the name and version are unchanged (read with another token).
    let other = t.acme_admin().await;
    let me = t.get("/api/v2/organizations/me", &other).await.expect(200);
    assert_eq!(me.body["name"], "Acme Corp");
    assert_eq!(me.body["version"].as_i64(), Some(version));
    // After the window the token works again.
    t.clock.advance(chrono::Duration::seconds(60));
    t.get("/api/v2/organizations/me", &token).await.expect(200);
    // Partner still has the default 300.
    let partner = t.partner_admin().await;
    for _ in 0..8 {
        t.get("/api/v2/organizations/me", &partner)
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn user_tokens_are_limited_per_user_and_client() {
    let t = TestApp::spawn_with(&organization_fixture()).await;
    let operator = t
        .client_token("acme-operator", "acme-operator-secret")
        .await;
    implement(&t, &operator, "org.app.user.rate.per.minute", 3).await;
    align_to_minute(&t);
    let client = ("acme-admin", "acme-admin-secret");
    let ann = t
        .password_token(client, "ann@acme.example", "Acme-admin-1!")
        .await;
    for _ in 0..3 {
        t.get("/api/v2/organizations/me", &ann).await.expect(200);
    }
    let throttled = t
        .get("/api/v2/organizations/me", &ann)
        .await
        .expect_error(429, codes::TOO_MANY_REQUESTS_RETRY_AFTER);
    assert_eq!(
        throttled.body["limit"]["key"],
        "org.app.user.rate.per.minute"
    );
    // A second token of the same user through the same client shares the count.
    let again = t
        .password_token(client, "ann@acme.example", "Acme-admin-1!")
        .await;
    t.get("/api/v2/organizations/me", &again)
        .await
        .expect_error(429, codes::TOO_MANY_REQUESTS_RETRY_AFTER);
    // Another user of the organization has a count of their own; the client's own
    // client-credentials token is limited by the token rate (default 300).
    let emil = t
        .password_token(client, "emil@acme.example", "Acme-emea-1!")
        .await;
    t.get("/api/v2/organizations/me", &emil).await.expect(200);
    t.get("/api/v2/organizations/me", &t.acme_admin().await)
        .await
        .expect(200);
}
