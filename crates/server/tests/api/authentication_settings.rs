//! `/api/v2/organizations/authentication/settings` and its deprecated aliases; the IP allowlist,
//! password requirements, lockout and scope enforcement they switch on.

use orgtrust_api::codes;
use orgtrust_core::net::parse_cidr_list;
use orgtrust_core::Settings;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{demo, organization_fixture, TestApp, DEMO};

const SETTINGS: &str = "/api/v2/organizations/authentication/settings";

#[tokio::test]
async fn settings_have_the_reference_defaults_and_patch_is_partial() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let s = t.get(SETTINGS, &token).await.expect(200);
    assert_eq!(s.body["ipAddressAllowlist"], json!([]));
    assert_eq!(
        s.body["passwordRequirements"],
        json!({"minimumLength": 8, "minimumDigits": 1, "minimumLetters": 0, "minimumUpper": 1,
               "minimumLower": 1, "minimumSpecials": 1, "minimumAgeSeconds": 0, "expirationDays": 0})
    );
    let s = t
        .patch(
            SETTINGS,
            &token,
            json!({"domainAllowlistEnabled": true, "domainAllowlist": ["acme.example"]}),
        )
        .await
        .expect(200);
    assert_eq!(s.body["domainAllowlistEnabled"], true);
    assert_eq!(s.body["multifactorAuthenticationRequired"], false);
    // The deprecated routes read and write the same fields.
    let w = t
        .get("/api/v2/organizations/whitelist", &token)
        .await
        .expect(200);
    assert_eq!(
        w.body,
        json!({"enableWhitelist": true, "domainWhitelist": ["acme.example"]})
    );
    t.put(
        "/api/v2/organizations/embeddedintegration",
        &token,
        json!({"enableWhitelist": false, "domainWhitelist": ["b.example"]}),
    )
    .await
    .expect(200);
    let s = t.get(SETTINGS, &token).await.expect(200);
    assert_eq!(s.body["domainAllowlistEnabled"], false);
    assert_eq!(s.body["domainAllowlist"], json!(["b.example"]));
    let w = t
        .get("/api/v2/organizations/whitelist", &token)
        .await
        .expect(200);
    assert_eq!(w.body["domainWhitelist"], json!(["b.example"]));
    t.put(
        "/api/v2/organizations/passwordrequirements",
        &token,
        json!({"minimumLength": 12}),
    )
    .await
    .expect(200);
    let s = t.get(SETTINGS, &token).await.expect(200);
    assert_eq!(s.body["passwordRequirements"]["minimumLength"], 12);
    assert_eq!(s.body["passwordRequirements"]["minimumDigits"], 1);
    let e = t
        .get("/api/v2/organizations/enforcescopes", &token)
        .await
        .expect(200);
    assert_eq!(e.body, json!({"enforceScopes": false}));
    // Validation.
    t.patch(
        SETTINGS,
        &token,
        json!({"passwordRequirements": {"minimumLength": 3}}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.patch(SETTINGS, &token, json!({"tokenStorageLocation": "cookie"}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    // Partner sees its own defaults.
    let p = t.get(SETTINGS, &t.partner_admin().await).await.expect(200);
    assert_eq!(p.body["domainAllowlist"], json!([]));
    let events = t
        .app
        .audit
        .recent_audit_events(&demo::ACME.into(), 20)
        .await
        .expect("audit");
    assert!(events
        .iter()
        .any(|e| e.entity_type == "OrganizationSettings"));
}

#[tokio::test]
async fn loopback_is_allowed_only_by_the_emulator() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let refused = t
        .put(
            "/api/v2/organizations/ipaddressauthentication",
            &token,
            json!({"networkWhitelist": ["127.0.0.0/8"]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(refused.text.contains("[127.0.0.0/8]"), "{}", refused.text);
    assert!(refused.text.contains("--emulator"), "{}", refused.text);
}

#[tokio::test]
async fn ip_allowlist_is_validated() {
    let t = TestApp::spawn_emulator(None).await;
    let token = t.acme_admin().await;
    for bad in [
        json!(["10.0.0.0/33"]),
        json!(["not-an-ip"]),
        json!(["2001:db8::/32"]),
        // Public IPv4 only, as Genesys accepts.
        json!(["10.0.0.0/8"]),
        json!(["192.168.0.0/16"]),
        json!(["0.0.0.0/0"]),
    ] {
        let reply = t
            .patch(SETTINGS, &token, json!({"ipAddressAllowlist": bad}))
            .await
            .expect_error(400, codes::INVALID_VALUE);
        assert_eq!(reply.body["messageParams"]["field"], "ipAddressAllowlist");
    }
    let many: Vec<String> = (0..151).map(|i| format!("8.{i}.0.0/16")).collect();
    t.patch(SETTINGS, &token, json!({"ipAddressAllowlist": many}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    // A list that would shut out the caller (127.0.0.1) is refused.
    let refused = t
        .put(
            "/api/v2/organizations/ipaddressauthentication",
            &token,
            json!({"networkWhitelist": ["203.0.113.0/24"]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(refused.text.contains("127.0.0.1"), "{}", refused.text);
    // Including the caller works, through either route.
    let ok = t
        .put(
            "/api/v2/organizations/ipaddressauthentication",
            &token,
            json!({"networkWhitelist": ["127.0.0.0/8", "203.0.113.0/24"]}),
        )
        .await
        .expect(200);
    assert_eq!(
        ok.body["networkWhitelist"],
        json!(["127.0.0.0/8", "203.0.113.0/24"])
    );
    let s = t.get(SETTINGS, &token).await.expect(200);
    assert_eq!(
        s.body["ipAddressAllowlist"],
        json!(["127.0.0.0/8", "203.0.113.0/24"])
    );
    // Without a trusted proxy, X-Forwarded-For is not believed.
    t.call_from(
        "198.51.100.1",
        Method::GET,
        "/api/v2/organizations/me",
        Some(&token),
        None,
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn ip_allowlist_blocks_and_allows_api_calls_and_token_requests() {
    let settings = Settings {
        trusted_proxies: parse_cidr_list("127.0.0.1/32").expect("cidr"),
        ..Settings::default()
    };
    let t = TestApp::spawn_configured(DEMO, settings).await;
    let token = t.acme_admin().await;
    let inside = "198.51.100.7";
    let outside = "203.0.113.5";
    let set = t
        .call_from(
            inside,
            Method::PATCH,
            SETTINGS,
            Some(&token),
            Some(json!({"ipAddressAllowlist": ["198.51.100.0/24"]})),
        )
        .await
        .expect(200);
    assert_eq!(set.body["ipAddressAllowlist"], json!(["198.51.100.0/24"]));
    // Other addresses are refused, for API calls and for tokens.
    let refused = t
        .call_from(
            outside,
            Method::GET,
            "/api/v2/organizations/me",
            Some(&token),
            None,
        )
        .await
        .expect_error(401, codes::IP_NOT_AUTHORIZED);
    assert!(refused.text.contains(outside), "{}", refused.text);
    let denied = t
        .token_request_from(outside, ("acme-admin", "acme-admin-secret"))
        .await;
    assert_eq!(denied.status.as_u16(), 403, "{}", denied.text);
    assert_eq!(denied.body["error"], "access_denied");
    // The allowed range works.
    t.call_from(
        inside,
        Method::GET,
        "/api/v2/organizations/me",
        Some(&token),
        None,
    )
    .await
    .expect(200);
    let granted = t
        .token_request_from(inside, ("acme-admin", "acme-admin-secret"))
        .await;
    assert_eq!(granted.status.as_u16(), 200, "{}", granted.text);
    // Other organizations are not affected.
    let partner = t.partner_admin().await;
    t.call_from(
        outside,
        Method::GET,
        "/api/v2/organizations/me",
        Some(&partner),
        None,
    )
    .await
    .expect(200);
    // An empty list allows everyone again.
    t.call_from(
        inside,
        Method::PATCH,
        SETTINGS,
        Some(&token),
        Some(json!({"ipAddressAllowlist": []})),
    )
    .await
    .expect(200);
    t.call_from(
        outside,
        Method::GET,
        "/api/v2/organizations/me",
        Some(&token),
        None,
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn password_requirements_are_enforced_where_passwords_are_set() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    t.patch(
        SETTINGS,
        &token,
        json!({"passwordRequirements": {"minimumLength": 16}}),
    )
    .await
    .expect(200);
    let policy = t
        .app
        .org_settings
        .password_policy(&demo::ACME.into())
        .await
        .expect("policy");
    assert_eq!(policy.minimum_length, 16);
    let err = policy
        .check("password", "Short-pass-1!")
        .expect_err("too short")
        .to_string();
    assert!(err.contains("16 characters"), "{err}");
    // The fixture loader applies the stored requirements to an existing organization.
    let err = orgtrust_core::fixture::apply("again", DEMO, &*t.store, &*t.clock)
        .await
        .expect_err("Acme passwords are now too short")
        .to_string();
    assert!(err.contains("16 characters"), "{err}");
    // Partner keeps the defaults.
    let partner = t
        .app
        .org_settings
        .password_policy(&demo::PARTNER.into())
        .await
        .expect("policy");
    assert_eq!(partner.minimum_length, 8);
}

#[tokio::test]
async fn six_failed_sign_ins_lock_the_user_for_five_minutes() {
    let t = TestApp::spawn().await;
    let client = ("acme-admin", "acme-admin-secret");
    let attempt = |password: &'static str| {
        let t = &t;
        async move {
            t.token_request(
                Some(client),
                &[
                    ("grant_type", "password"),
                    ("username", "ann@acme.example"),
                    ("password", password),
                ],
            )
            .await
        }
    };
    for _ in 0..6 {
        let r = attempt("wrong").await;
        assert_eq!(r.status.as_u16(), 400);
        assert_eq!(r.body["error"], "invalid_grant");
    }
    let locked = attempt("Acme-admin-1!").await;
    assert_eq!(locked.status.as_u16(), 400, "{}", locked.text);
    assert!(locked.text.contains("locked"), "{}", locked.text);
    let events = t
        .app
        .audit
        .recent_audit_events(&demo::ACME.into(), 20)
        .await
        .expect("audit");
    assert!(events
        .iter()
        .any(|e| e.action == "lock" && e.entity_id == demo::ACME_ANN));
    assert_eq!(
        events.iter().filter(|e| e.action == "login.failed").count(),
        5
    );
    t.clock.advance(chrono::Duration::minutes(5));
    let ok = attempt("Acme-admin-1!").await;
    assert_eq!(ok.status.as_u16(), 200, "{}", ok.text);
    // Success resets the count: one more failure does not lock.
    assert_eq!(attempt("wrong").await.status.as_u16(), 400);
    assert_eq!(attempt("Acme-admin-1!").await.status.as_u16(), 200);
}

#[tokio::test]
async fn enforced_scopes_intersect_role_permissions() {
    let t = TestApp::spawn_with(&organization_fixture()).await;
    let admin = t.acme_admin().await;
    let scoped = t.client_token("acme-scoped", "acme-scoped-secret").await;
    // Not enforced: the scoped client has its Admin role's permissions.
    t.get(SETTINGS, &scoped).await.expect(200);
    t.put(
        "/api/v2/organizations/enforcescopes",
        &admin,
        json!({"enforceScopes": true}),
    )
    .await
    .expect(200);
    // Enforced: organization:readonly reaches limits:organization:view but not
    // directory:organization:admin; the 403 names the missing scope.
    let refused = t
        .get(SETTINGS, &scoped)
        .await
        .expect_error(403, codes::NOT_AUTHORIZED);
    assert!(refused.text.contains("[organization]"), "{}", refused.text);
    t.get("/api/v2/organizations/limits/changerequests", &scoped)
        .await
        .expect(200);
    // The admin client has no scopes at all: everything needing a permission is refused.
    t.get("/api/v2/organizations/enforcescopes", &admin)
        .await
        .expect_error(403, codes::NOT_AUTHORIZED);
    // A permission the role lacks stays a permission refusal.
    let scoped_internal = t
        .post("/api/v2/organizations", &scoped, json!({}))
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    assert!(scoped_internal.text.contains("internal:organization:add"));
    // Any-token operations still work.
    t.get("/api/v2/organizations/me", &admin).await.expect(200);
    // The setting is on: the administrator's client, without the `organization` scope, can no
    // longer even read it.
    let refused = t
        .get("/api/v2/organizations/enforcescopes", &t.acme_admin().await)
        .await
        .expect_error(403, codes::NOT_AUTHORIZED);
    assert!(
        refused.text.contains("enforces OAuth scopes"),
        "{}",
        refused.text
    );
    // Other organizations do not enforce scopes.
    t.get(SETTINGS, &t.partner_admin().await).await.expect(200);
}
