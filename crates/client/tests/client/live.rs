//! The client against a live orgtrust server: what the server serves today (the token endpoint,
//! `/api/v2/tokens/me`, `GET /api/v2/organizations/me`).

use chrono::Duration;
use orgtrust_api::{codes, oauth_errors, OrganizationState};
use orgtrust_client::ClientError;

use crate::helpers::{demo, TestApp};

#[tokio::test]
async fn client_credentials_login_then_organizations_me() {
    let t = TestApp::spawn().await;
    let c = t.client();
    let token = c
        .login_client_credentials("acme-admin", "acme-admin-secret")
        .await
        .expect("login");
    assert_eq!(token.token_type, "bearer");
    assert_eq!(token.expires_in, 86_400);
    assert_eq!(c.token().as_deref(), Some(token.access_token.as_str()));

    let me = c.get_organizations_me().await.expect("me");
    assert_eq!(me.id.as_deref(), Some(demo::ACME));
    assert_eq!(me.name.as_deref(), Some("Acme Corp"));
    assert_eq!(me.state, Some(OrganizationState::Active));

    let partner = t
        .partner_admin()
        .await
        .get_organizations_me()
        .await
        .expect("me");
    assert_eq!(partner.id.as_deref(), Some(demo::PARTNER));
    assert_eq!(partner.name.as_deref(), Some("Partner Co"));
}

#[tokio::test]
async fn tokens_me_names_the_organization_and_client() {
    let t = TestApp::spawn().await;
    let info = t
        .partner_admin()
        .await
        .get_tokens_me()
        .await
        .expect("tokens/me");
    let org = info.organization.expect("organization");
    assert_eq!(org.id.as_deref(), Some(demo::PARTNER));
    assert_eq!(org.name.as_deref(), Some("Partner Co"));
    assert_eq!(
        info.home_organization.and_then(|o| o.id).as_deref(),
        Some(demo::PARTNER)
    );
    assert_eq!(
        info.oauth_client.and_then(|c| c.id).as_deref(),
        Some("partner-admin")
    );
    assert!(info.cloned_user.is_none());
}

#[tokio::test]
async fn password_login_acts_for_the_user() {
    let t = TestApp::spawn().await;
    let c = t.client();
    c.login_password(
        "acme-admin",
        "acme-admin-secret",
        "ann@acme.example",
        "Acme-admin-1!",
        None,
    )
    .await
    .expect("login");
    let info = c.get_tokens_me().await.expect("tokens/me");
    assert_eq!(
        info.organization.and_then(|o| o.id).as_deref(),
        Some(demo::ACME)
    );
    assert_eq!(
        c.get_organizations_me().await.expect("me").id.as_deref(),
        Some(demo::ACME)
    );
}

#[tokio::test]
async fn refused_logins_are_typed_oauth_errors() {
    let t = TestApp::spawn().await;
    let c = t.client();
    let err = c
        .login_client_credentials("acme-admin", "wrong")
        .await
        .expect_err("bad secret");
    assert!(
        matches!(err, ClientError::OAuth { status: 401, .. }),
        "{err:?}"
    );
    assert_eq!(err.code(), Some(oauth_errors::INVALID_CLIENT));
    assert_eq!(c.token(), None);

    let err = c
        .login_password(
            "acme-admin",
            "acme-admin-secret",
            "ann@acme.example",
            "not-her-password",
            None,
        )
        .await
        .expect_err("bad password");
    assert!(
        matches!(err, ClientError::OAuth { status: 400, .. }),
        "{err:?}"
    );
    assert_eq!(err.code(), Some(oauth_errors::INVALID_GRANT));
}

#[tokio::test]
async fn a_revoked_token_is_a_typed_401_with_the_error_body() {
    let t = TestApp::spawn().await;
    let c = t.acme_admin().await;
    let other = t.acme_admin().await;
    c.delete_tokens_me().await.expect("revoke");
    let err = c.get_organizations_me().await.expect_err("revoked");
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.code(), Some(codes::BAD_CREDENTIALS));
    let body = err.body().expect("error body");
    assert_eq!(body.status, Some(401));
    // The correlation header and the body's contextId agree.
    let ClientError::Api { correlation_id, .. } = &err else {
        panic!("expected Api, got {err:?}");
    };
    assert!(correlation_id.is_some());
    assert_eq!(correlation_id.as_deref(), body.context_id.as_deref());
    // Other tokens of the same client still work.
    other.get_organizations_me().await.expect("other token");
}

#[tokio::test]
async fn no_token_and_an_expired_token_are_typed_401s() {
    let t = TestApp::spawn().await;
    let err = t
        .client()
        .get_organizations_me()
        .await
        .expect_err("no token");
    assert_eq!(err.status(), Some(401));
    assert!(err.code().is_some());

    let c = t.acme_admin().await;
    t.clock.advance(Duration::seconds(86_401));
    let err = c.get_tokens_me().await.expect_err("expired");
    assert_eq!(err.code(), Some(codes::CREDENTIALS_EXPIRED));
}

#[tokio::test]
async fn with_token_acts_as_someone_else_on_the_same_server() {
    let t = TestApp::spawn().await;
    let acme = t.acme_admin().await;
    let partner_token = t.partner_admin().await.token().expect("partner token");
    let partner = acme.with_token(partner_token);
    assert_eq!(
        partner
            .get_organizations_me()
            .await
            .expect("me")
            .id
            .as_deref(),
        Some(demo::PARTNER)
    );
    assert_eq!(
        acme.get_organizations_me().await.expect("me").id.as_deref(),
        Some(demo::ACME)
    );
}

#[tokio::test]
async fn the_request_log_is_listed_and_counted() {
    let t = TestApp::spawn_emulator().await;
    let acme = t.acme_admin().await;
    acme.get_organizations_me().await.expect("me");
    acme.get_organizations_me().await.expect("me");
    let c = t.client();
    let me = orgtrust_client::RequestQuery {
        method: Some("GET".into()),
        path: Some("/api/v2/organizations/*".into()),
        organization: Some(demo::ACME.into()),
        status: Some("2xx".into()),
        ..Default::default()
    };
    assert_eq!(c.count_requests(&me).await.expect("count"), 2);
    let listed = c.requests(&me, 1).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, "/api/v2/organizations/me");
    let login = orgtrust_client::RequestQuery {
        path: Some("/oauth/token".into()),
        body_contains: vec!["grant_type=client_credentials".into()],
        ..Default::default()
    };
    assert_eq!(c.count_requests(&login).await.expect("count"), 1);
    let bad = orgtrust_client::RequestQuery {
        status: Some("nine".into()),
        ..Default::default()
    };
    match c.count_requests(&bad).await {
        Err(ClientError::Api { status, .. }) => assert_eq!(status, 400),
        other => panic!("expected a 400, got {other:?}"),
    }
}
