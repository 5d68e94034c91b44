//! The Genesys error conventions, through HTTP: status, `code`, and `contextId` equal to the
//! `ININ-Correlation-Id` header.

use orgtrust_api::codes;
use reqwest::Method;

use crate::helpers::{read, TestApp};

#[tokio::test]
async fn missing_and_bad_tokens_are_401() {
    let t = TestApp::spawn().await;
    t.call(Method::GET, "/api/v2/organizations/me", None, None)
        .await
        .expect_error(401, codes::AUTHENTICATION_REQUIRED);
    t.get("/api/v2/organizations/me", "not-a-token")
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    let reply = read(
        t.http
            .get(format!("{}/api/v2/organizations/me", t.base))
            .header("Authorization", "Basic abc")
            .send()
            .await
            .expect("send"),
    )
    .await;
    reply.expect_error(401, codes::AUTHENTICATION_REQUIRED);
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    t.get("/api/v2/nothing/here", &token)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.get("/", &token).await.expect_error(404, codes::NOT_FOUND);
    t.call(Method::POST, "/api/v2/organizations/me", Some(&token), None)
        .await
        .expect_error(405, codes::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let t = TestApp::spawn().await;
    let big = "x".repeat(2 * 1024 * 1024);
    let reply = read(
        t.http
            .post(format!("{}/oauth/token", t.base))
            .body(big)
            .send()
            .await
            .expect("send"),
    )
    .await;
    let reply = reply.expect_error(413, codes::REQUEST_ENTITY_TOO_LARGE);
    // The reference's words, with the limit.
    assert_eq!(
        reply.body["message"],
        format!(
            "The request is over the size limit. Maximum bytes: {}",
            orgtrust_server::middleware::MAX_BODY_BYTES
        )
    );
}

#[tokio::test]
async fn every_response_carries_a_correlation_id() {
    let t = TestApp::spawn().await;
    let ok = t
        .get("/api/v2/organizations/me", &t.acme_admin().await)
        .await
        .expect(200);
    let id = ok
        .headers
        .get("inin-correlation-id")
        .and_then(|v| v.to_str().ok())
        .expect("header");
    assert_eq!(id.len(), 36);
}
