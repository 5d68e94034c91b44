//! The emulator controls under `/_orgtrust/`: absent without `--emulator`, the operator token,
//! the clock (and the rules that follow it), resets, fault rules and the request log.

use std::time::Instant;

use orgtrust_api::codes;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{demo, Reply, TestApp};
use crate::orgauthorization_support::OA;

const CASEY: (&str, &str) = ("casey@care.example", "Care-casey-1!");
const CARE_CLIENT: (&str, &str) = ("care-admin", "care-admin-secret");

async fn control(t: &TestApp, method: Method, path: &str, body: Option<Value>) -> Reply {
    t.call(method, path, None, body).await
}

#[tokio::test]
async fn without_the_emulator_the_controls_do_not_exist() {
    let t = TestApp::spawn().await;
    control(&t, Method::GET, "/_orgtrust/clock", None)
        .await
        .expect_error(404, codes::NOT_FOUND);
    control(&t, Method::POST, "/_orgtrust/reset", None)
        .await
        .expect_error(404, codes::NOT_FOUND);
}

#[tokio::test]
async fn a_configured_operator_token_is_required() {
    let t = TestApp::spawn_emulator(Some("op-secret")).await;
    control(&t, Method::GET, "/_orgtrust/clock", None)
        .await
        .expect_error(401, codes::AUTHENTICATION_REQUIRED);
    t.get("/_orgtrust/clock", "op-secreT")
        .await
        .expect_error(401, codes::AUTHENTICATION_REQUIRED);
    t.get("/_orgtrust/clock", "op-secret").await.expect(200);
}

#[tokio::test]
async fn the_clock_moves_and_the_care_trust_expires_with_it() {
    let t = TestApp::spawn_emulator(None).await;
    let clock = control(&t, Method::GET, "/_orgtrust/clock", None)
        .await
        .expect(200)
        .body;
    assert_eq!(clock["offsetSeconds"], 0);

    let acme = t.acme_admin().await;
    t.post(
        &format!("{OA}/trustees/default?assignDefaultRole=true&autoExpire=true"),
        &acme,
        json!(null),
    )
    .await
    .expect(200);
    let casey = t.password_token(CARE_CLIENT, CASEY.0, CASEY.1).await;
    t.get(&format!("{OA}/trustors/{}", demo::ACME), &casey)
        .await
        .expect(200);
    sign_in_to_acme(&t).await.expect(200);

    let moved = control(
        &t,
        Method::POST,
        "/_orgtrust/clock/advance",
        Some(json!({"seconds": 31 * 86_400})),
    )
    .await
    .expect(200)
    .body;
    assert!(moved["offsetSeconds"].as_i64().expect("offset") >= 31 * 86_400);
    // Token lifetimes follow the clock: the day-long token is gone.
    t.get("/api/v2/tokens/me", &casey)
        .await
        .expect_error(401, codes::CREDENTIALS_EXPIRED);
    // The trust expired after its 30 days: Casey acts in Acme no more.
    let casey = t.password_token(CARE_CLIENT, CASEY.0, CASEY.1).await;
    let seen = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &casey)
        .await
        .expect(200)
        .body;
    assert_eq!(seen["authorization"]["permissions"], json!([]));
    let refused = sign_in_to_acme(&t).await;
    assert_ne!(refused.status.as_u16(), 200, "{}", refused.text);
    let trust = t
        .get(&format!("{OA}/trustees/default"), &acme_after(&t).await)
        .await
        .expect(200)
        .body;
    assert!(trust["dateExpired"].as_str().is_some());

    // Setting the clock, and refusing nonsense.
    let set = control(
        &t,
        Method::POST,
        "/_orgtrust/clock/set",
        Some(json!({"now": "2031-05-01T12:00:00Z"})),
    )
    .await
    .expect(200)
    .body;
    assert!(set["now"]
        .as_str()
        .expect("now")
        .starts_with("2031-05-01T12:00:0"));
    control(
        &t,
        Method::POST,
        "/_orgtrust/clock/set",
        Some(json!({"now": "next tuesday"})),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    control(
        &t,
        Method::POST,
        "/_orgtrust/clock/advance",
        Some(json!({"seconds": "soon"})),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
}

/// Casey signing in to act in Acme (through the Care client).
async fn sign_in_to_acme(t: &TestApp) -> Reply {
    t.token_request(
        Some(CARE_CLIENT),
        &[
            ("grant_type", "password"),
            ("username", CASEY.0),
            ("password", CASEY.1),
            ("target", demo::ACME),
        ],
    )
    .await
}

/// A fresh Acme admin token (the earlier ones expire when the clock moves a month).
async fn acme_after(t: &TestApp) -> String {
    t.acme_admin().await
}

async fn add_user(t: &TestApp, token: &str, name: &str, email: &str) -> String {
    t.post(
        "/api/v2/users",
        token,
        json!({"name": name, "email": email}),
    )
    .await
    .expect(200)
    .body["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

#[tokio::test]
async fn a_reset_returns_everything_to_the_fixture() {
    let t = TestApp::spawn_emulator(None).await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;
    let zoe = add_user(&t, &acme, "Zoe", "zoe@acme.example").await;
    t.post(
        &format!("{OA}/trustees/default?assignDefaultRole=true"),
        &acme,
        json!(null),
    )
    .await
    .expect(200);

    control(&t, Method::POST, "/_orgtrust/reset", None)
        .await
        .expect(204);
    // Tokens issued before the reset are gone; the fixture's clients sign in again.
    t.get("/api/v2/organizations/me", &partner)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    let acme = t.acme_admin().await;
    t.get(&format!("/api/v2/users/{zoe}"), &acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.get(&format!("/api/v2/users/{}", demo::ACME_ANN), &acme)
        .await
        .expect(200);
    t.get(&format!("{OA}/trustees/default"), &acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    // The same e-mail can be used again: nothing of Zoe is left.
    add_user(&t, &acme, "Zoe", "zoe@acme.example").await;
}

#[tokio::test]
async fn an_organization_reset_leaves_the_others_alone() {
    let t = TestApp::spawn_emulator(None).await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;
    let zoe = add_user(&t, &acme, "Zoe", "zoe@acme.example").await;
    let paul = add_user(&t, &partner, "Paul", "paul@partner.example").await;

    control(
        &t,
        Method::POST,
        &format!("/_orgtrust/organizations/{}/reset", demo::ACME),
        None,
    )
    .await
    .expect(204);
    t.get("/api/v2/organizations/me", &acme)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    let acme = t.acme_admin().await;
    t.get(&format!("/api/v2/users/{zoe}"), &acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.get(&format!("/api/v2/users/{}", demo::ACME_EMIL), &acme)
        .await
        .expect(200);
    // Partner's token and data are untouched.
    t.get(&format!("/api/v2/users/{paul}"), &partner)
        .await
        .expect(200);

    control(
        &t,
        Method::POST,
        "/_orgtrust/organizations/00000000-0000-4000-8000-00000000dead/reset",
        None,
    )
    .await
    .expect_error(404, codes::NOT_FOUND);
}

#[tokio::test]
async fn fault_rules_answer_their_status_or_wait() {
    let t = TestApp::spawn_emulator(None).await;
    let acme = t.acme_admin().await;
    let rules = control(
        &t,
        Method::POST,
        "/_orgtrust/faults",
        Some(json!({"rules": [
            {"path": "/api/v2/users*", "method": "GET", "count": 1, "status": 503},
            {"path": "/api/v2/organizations/me", "latencyMs": 300}
        ]})),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(rules["rules"].as_array().expect("rules").len(), 2);
    t.get("/api/v2/users", &acme)
        .await
        .expect_error(503, codes::SERVICE_UNAVAILABLE);
    // The counted rule fired once and retired.
    t.get("/api/v2/users", &acme).await.expect(200);
    let started = Instant::now();
    t.get("/api/v2/organizations/me", &acme).await.expect(200);
    assert!(started.elapsed().as_millis() >= 300);

    control(
        &t,
        Method::POST,
        "/_orgtrust/faults",
        Some(json!({"rules": [{"path": "/api/v2/users", "status": 200}]})),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    control(&t, Method::DELETE, "/_orgtrust/faults", None)
        .await
        .expect(204);
    let left = control(&t, Method::GET, "/_orgtrust/faults", None)
        .await
        .expect(200)
        .body;
    assert_eq!(left["rules"], json!([]));
}

#[tokio::test]
async fn the_request_log_names_each_request() {
    let t = TestApp::spawn_emulator(None).await;
    let acme = t.acme_admin().await;
    let me = t.get("/api/v2/organizations/me", &acme).await.expect(200);
    let correlation = me.headers["inin-correlation-id"]
        .to_str()
        .expect("header")
        .to_owned();
    t.get("/api/v2/users/nobody", &acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let log = control(&t, Method::GET, "/_orgtrust/requests?limit=2", None)
        .await
        .expect(200)
        .body;
    let entries = log["entities"].as_array().expect("entities");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["path"], "/api/v2/users/nobody");
    assert_eq!(entries[0]["status"], 404);
    assert_eq!(entries[1]["method"], "GET");
    assert_eq!(entries[1]["path"], "/api/v2/organizations/me");
    assert_eq!(entries[1]["status"], 200);
    assert_eq!(entries[1]["organization"], demo::ACME);
    assert_eq!(entries[1]["correlationId"], correlation.as_str());
    assert!(entries[1]["durationMs"].is_u64());
    control(&t, Method::GET, "/_orgtrust/requests?limit=0", None)
        .await
        .expect_error(400, codes::INVALID_VALUE);
}

async fn count(t: &TestApp, query: &str) -> u64 {
    control(
        t,
        Method::GET,
        &format!("/_orgtrust/requests/count?{query}"),
        None,
    )
    .await
    .expect(200)
    .body["count"]
        .as_u64()
        .expect("count")
}

#[tokio::test]
async fn requests_are_verified_by_method_path_status_organization_query_and_body() {
    let t = TestApp::spawn_emulator(None).await;
    let a = crate::orgauthorization_support::admins(&t).await;
    let pairing = crate::orgauthorization_support::partner_pairing(&t, &a.partner).await;
    let trust = t
        .post(
            &format!("{OA}/trustees"),
            &a.acme,
            crate::orgauthorization_support::trust_body(&pairing),
        )
        .await
        .expect(200)
        .body;
    let partner = trust["organization"]["id"].as_str().expect("trustee id");
    t.post(
        &format!("{OA}/trustees/default?assignDefaultRole=true&autoExpire=true"),
        &a.acme,
        json!(null),
    )
    .await
    .expect(200);
    t.delete(&format!("{OA}/trustees/{partner}"), &a.acme)
        .await
        .expect(204);
    t.delete(&format!("{OA}/trustees/{partner}"), &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.password_token(CARE_CLIENT, CASEY.0, CASEY.1).await;

    // Method and a one-segment wildcard; the status narrows it to the one that worked.
    let deletes = "method=DELETE&path=/api/v2/orgauthorization/trustees/*";
    assert_eq!(count(&t, deletes).await, 2);
    assert_eq!(count(&t, &format!("{deletes}&status=204")).await, 1);
    assert_eq!(count(&t, &format!("{deletes}&status=4xx")).await, 1);
    assert_eq!(
        count(&t, "method=delete&path=/api/v2/orgauthorization/*").await,
        0
    );
    assert_eq!(count(&t, "path=/api/v2/orgauthorization/**").await, 5);
    assert_eq!(count(&t, "path=/oauth/token").await, 3);
    assert_eq!(
        count(&t, &format!("organization={}&method=POST", demo::ACME)).await,
        2
    );
    assert_eq!(
        count(&t, &format!("organization={}", demo::PARTNER)).await,
        1
    );
    // Query matchers: a value, or only present.
    assert_eq!(count(&t, "queryParam=assignDefaultRole%3Dtrue").await, 1);
    assert_eq!(
        count(&t, "queryParam=autoExpire&queryParam=assignDefaultRole").await,
        1
    );
    assert_eq!(count(&t, "queryParam=autoExpire%3Dfalse").await, 0);
    // Body matchers: JSON paths and substrings of the redacted body.
    let pat = format!("bodyJsonPath=$.users[0].id%3D{}", demo::PARTNER_PAT);
    assert_eq!(count(&t, &pat).await, 1);
    assert_eq!(count(&t, "bodyJsonPath=$.enabled%3Dtrue").await, 1);
    assert_eq!(count(&t, "bodyJsonPath=$.enabled%3D%22true%22").await, 0);
    assert_eq!(count(&t, "bodyJsonPath=/pairingId").await, 1);
    assert_eq!(count(&t, "bodyContains=grant_type%3Dpassword").await, 1);

    // The entries carry the query and the body, secrets redacted.
    let listed = control(
        &t,
        Method::GET,
        "/_orgtrust/requests?path=/oauth/token&bodyContains=password&limit=5",
        None,
    )
    .await
    .expect(200)
    .body;
    let entries = listed["entities"].as_array().expect("entities");
    assert_eq!(entries.len(), 1);
    let body = entries[0]["body"].as_str().expect("body");
    assert!(body.contains("username=casey%40care.example"), "{body}");
    assert!(body.contains("password=%5Bredacted%5D"), "{body}");
    assert!(!body.contains("Care-casey"), "{body}");
    let created = control(
        &t,
        Method::GET,
        "/_orgtrust/requests?method=POST&path=/api/v2/orgauthorization/trustees/default",
        None,
    )
    .await
    .expect(200)
    .body;
    assert_eq!(
        created["entities"][0]["query"],
        "assignDefaultRole=true&autoExpire=true"
    );

    // Bad filters are refused, never taken as "everything".
    for bad in [
        "metod=DELETE",
        "path=api/v2",
        "path=/a**",
        "status=6xx",
        "status=abc",
        "bodyJsonPath=trustee.id",
        "queryParam=%3Dx",
        "method=GET&method=POST",
    ] {
        control(
            &t,
            Method::GET,
            &format!("/_orgtrust/requests/count?{bad}"),
            None,
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    }
    control(&t, Method::GET, "/_orgtrust/requests?limit=1001", None)
        .await
        .expect_error(400, codes::INVALID_VALUE);

    // A reset empties the log.
    control(&t, Method::POST, "/_orgtrust/reset", None)
        .await
        .expect(204);
    assert_eq!(count(&t, "").await, 0);
}
