//! `POST /oauth/token`: each grant type and each of its errors.

use crate::helpers::{demo, TestApp};

#[tokio::test]
async fn client_credentials_grant_issues_a_bearer_token() {
    let t = TestApp::spawn().await;
    let reply = t
        .token_request(
            Some(("acme-admin", "acme-admin-secret")),
            &[("grant_type", "client_credentials")],
        )
        .await
        .expect(200);
    assert_eq!(reply.body["token_type"], "bearer");
    assert_eq!(reply.body["expires_in"], 86400);
    assert!(reply.body["access_token"]
        .as_str()
        .is_some_and(|t| t.len() >= 40));
    assert_eq!(
        reply
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
}

#[tokio::test]
async fn client_may_authenticate_in_the_form() {
    let t = TestApp::spawn().await;
    t.token_request(
        None,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "acme-admin"),
            ("client_secret", "acme-admin-secret"),
        ],
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn password_grant_acts_for_the_user() {
    let t = TestApp::spawn().await;
    let token = t
        .password_token(
            ("acme-admin", "acme-admin-secret"),
            "ann@acme.example",
            "Acme-admin-1!",
        )
        .await;
    let me = t.get("/api/v2/tokens/me", &token).await.expect(200);
    assert_eq!(me.body["organization"]["id"], demo::ACME);
    // E-mail is case-insensitive.
    t.password_token(
        ("acme-admin", "acme-admin-secret"),
        "ANN@acme.example",
        "Acme-admin-1!",
    )
    .await;
}

#[tokio::test]
async fn wrong_client_secret_or_unknown_client_is_invalid_client() {
    let t = TestApp::spawn().await;
    for (id, secret) in [
        ("acme-admin", "wrong"),
        ("nobody", "acme-admin-secret"),
        ("acme-admin", ""),
    ] {
        let reply = t
            .token_request(Some((id, secret)), &[("grant_type", "client_credentials")])
            .await
            .expect(401);
        assert_eq!(reply.body["error"], "invalid_client");
        assert!(reply.body["error_description"].is_string());
    }
    let reply = t
        .token_request(None, &[("grant_type", "client_credentials")])
        .await
        .expect(401);
    assert_eq!(reply.body["error"], "invalid_client");
}

#[tokio::test]
async fn wrong_password_unknown_user_or_foreign_user_is_invalid_grant() {
    let t = TestApp::spawn().await;
    let client = Some(("acme-admin", "acme-admin-secret"));
    for (user, password) in [
        ("ann@acme.example", "wrong"),
        ("nobody@acme.example", "Acme-admin-1!"),
        // A user of another organization cannot sign in through Acme's client.
        ("pat@partner.example", "Partner-pat-1!"),
    ] {
        let reply = t
            .token_request(
                client,
                &[
                    ("grant_type", "password"),
                    ("username", user),
                    ("password", password),
                ],
            )
            .await
            .expect(400);
        assert_eq!(reply.body["error"], "invalid_grant", "{user}");
    }
}

#[tokio::test]
async fn unknown_grant_type_is_unsupported_and_missing_fields_are_invalid_request() {
    let t = TestApp::spawn().await;
    let client = Some(("acme-admin", "acme-admin-secret"));
    let reply = t
        .token_request(client, &[("grant_type", "magic")])
        .await
        .expect(400);
    assert_eq!(reply.body["error"], "unsupported_grant_type");
    let reply = t.token_request(client, &[("scope", "x")]).await.expect(400);
    assert_eq!(reply.body["error"], "invalid_request");
    let reply = t
        .token_request(
            client,
            &[("grant_type", "password"), ("username", "ann@acme.example")],
        )
        .await
        .expect(400);
    assert_eq!(reply.body["error"], "invalid_request");
}

#[tokio::test]
async fn token_requests_are_limited_per_client_and_per_address_and_write_nothing_over() {
    use orgtrust_core::auth::TokenGrantLimits;
    let settings = orgtrust_core::Settings {
        token_grant_limits: TokenGrantLimits {
            per_client: 5,
            per_address: 8,
        },
        trusted_proxies: orgtrust_core::net::parse_cidr_list("127.0.0.1/32").expect("cidr"),
        ..orgtrust_core::Settings::default()
    };
    let t = TestApp::spawn_configured(crate::helpers::DEMO, settings).await;
    let logins = |t: &TestApp| {
        let store = t.store.clone();
        async move {
            use orgtrust_core::store::AuditStore;
            store
                .recent_audit_events(&demo::ACME.into(), 1000)
                .await
                .expect("audit")
                .iter()
                .filter(|e| e.action == "login")
                .count()
        }
    };
    let grant = |from: &'static str, client: (&'static str, &'static str)| {
        let t = &t;
        async move { t.token_request_from(from, client).await }
    };
    // Five grants for one client, from one address: then 429, with Retry-After.
    for _ in 0..5 {
        assert_eq!(
            grant("203.0.113.1", ("acme-admin", "acme-admin-secret"))
                .await
                .status,
            200
        );
    }
    let before = logins(&t).await;
    let refused = grant("203.0.113.2", ("acme-admin", "acme-admin-secret")).await;
    assert_eq!(refused.status.as_u16(), 429, "{}", refused.text);
    assert_eq!(refused.body["error"], "too_many_requests");
    assert!(refused.text.contains("for this client"), "{}", refused.text);
    let retry: u64 = refused.headers["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    // Even a wrong secret counts (guessing is limited too), and nothing was written.
    let wrong = grant("203.0.113.3", ("acme-admin", "wrong")).await;
    assert_eq!(wrong.status.as_u16(), 429);
    assert_eq!(
        logins(&t).await,
        before,
        "a refused grant writes no token or event"
    );
    // Another client is not limited by the first one's budget, but one address is.
    for _ in 0..3 {
        assert_eq!(
            grant("203.0.113.1", ("care-admin", "care-admin-secret"))
                .await
                .status,
            200
        );
    }
    let address = grant("203.0.113.1", ("partner-admin", "partner-admin-secret")).await;
    assert_eq!(address.status.as_u16(), 429, "{}", address.text);
    assert!(
        address.text.contains("from this address"),
        "{}",
        address.text
    );
    assert_eq!(
        grant("203.0.113.9", ("partner-admin", "partner-admin-secret"))
            .await
            .status,
        200
    );
    // A new minute, a new budget.
    t.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(
        grant("203.0.113.2", ("acme-admin", "acme-admin-secret"))
            .await
            .status,
        200
    );
}
