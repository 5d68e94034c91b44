//! `/api/v2/tokens/me`: who am I, and revocation on the very next request.

use chrono::Duration;
use orgtrust_api::codes;

use crate::helpers::{demo, TestApp};

#[tokio::test]
async fn token_info_names_the_organization_and_client() {
    let t = TestApp::spawn().await;
    let token = t.partner_admin().await;
    let me = t.get("/api/v2/tokens/me", &token).await.expect(200);
    assert_eq!(me.body["organization"]["id"], demo::PARTNER);
    assert_eq!(me.body["organization"]["name"], "Partner Co");
    assert_eq!(me.body["homeOrganization"]["id"], demo::PARTNER);
    assert_eq!(me.body["OAuthClient"]["id"], "partner-admin");
    assert!(
        me.body.get("clonedUser").is_none(),
        "absent fields are omitted"
    );
}

#[tokio::test]
async fn a_revoked_token_is_refused_on_the_next_request() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let other = t.acme_admin().await;
    t.get("/api/v2/organizations/me", &token).await.expect(200);
    let deleted = t.delete("/api/v2/tokens/me", &token).await.expect(204);
    assert!(deleted.text.is_empty());
    t.get("/api/v2/organizations/me", &token)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    // Other tokens of the same client are untouched.
    t.get("/api/v2/organizations/me", &other).await.expect(200);
    // The revocation is an audit event of the organization.
    let events = t
        .app
        .audit
        .recent_audit_events(&demo::ACME.into(), 10)
        .await
        .expect("audit");
    assert!(events
        .iter()
        .any(|e| e.action == "logout" && e.entity_type == "token"));
}

#[tokio::test]
async fn an_expired_token_is_refused_with_credentials_expired() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    t.clock.advance(Duration::seconds(86_401));
    t.get("/api/v2/organizations/me", &token)
        .await
        .expect_error(401, codes::CREDENTIALS_EXPIRED);
}

#[tokio::test]
async fn the_sweep_deletes_tokens_expired_past_the_grace_only() {
    let t = crate::helpers::TestApp::spawn().await;
    let token = t.acme_admin().await;
    // Expired a minute ago: still told apart as expired, and kept.
    t.clock.advance(chrono::Duration::seconds(86_400 + 60));
    assert_eq!(t.app.auth.sweep_expired_tokens().await.expect("sweep"), 0);
    t.get("/api/v2/tokens/me", &token)
        .await
        .expect_error(401, orgtrust_api::codes::CREDENTIALS_EXPIRED);
    // Past the grace: deleted from the store, and still refused.
    t.clock.advance(orgtrust_core::auth::TOKEN_SWEEP_GRACE);
    assert!(t.app.auth.sweep_expired_tokens().await.expect("sweep") >= 1);
    use orgtrust_core::store::TokenStore;
    let digest = orgtrust_core::secret::TokenDigest::of(&token);
    assert!(t.store.token(&digest).await.expect("read").is_none());
    let r = t.get("/api/v2/tokens/me", &token).await;
    assert_eq!(r.status.as_u16(), 401, "{}", r.text);
}
