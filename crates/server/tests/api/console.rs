//! `/console/`: the embedded web console is served with its content types, caching and CSP.

use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION};
use reqwest::StatusCode;

use crate::helpers::TestApp;

fn header(resp: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_entry_page_is_html_revalidated_and_locked_down() {
    let t = TestApp::spawn().await;
    let resp = t
        .http
        .get(format!("{}/console/", t.base))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(header(&resp, CONTENT_TYPE), "text/html; charset=utf-8");
    assert_eq!(header(&resp, CACHE_CONTROL), "no-cache");
    let csp = header(&resp, CONTENT_SECURITY_POLICY);
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(
        header(&resp, "x-frame-options".parse().expect("name")),
        "DENY"
    );
    let html = resp.text().await.expect("text");
    assert!(html.contains("<div id=\"app\">"), "{html}");
    // No inline script: the CSP would block it.
    assert!(!html.contains("<script>"), "{html}");
}

#[tokio::test]
async fn the_assets_it_names_are_served_with_their_types_and_cached_forever() {
    let t = TestApp::spawn().await;
    let html = t
        .http
        .get(format!("{}/console/", t.base))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("text");
    let mut seen = 0;
    for (attr, ext, ty) in [
        ("src=\"", ".js", "text/javascript; charset=utf-8"),
        ("href=\"", ".css", "text/css; charset=utf-8"),
    ] {
        let url = html
            .split(attr)
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .find(|u| u.starts_with("/console/assets/") && u.ends_with(ext))
            .unwrap_or_else(|| panic!("no {ext} asset in {html}"));
        let resp = t
            .http
            .get(format!("{}{url}", t.base))
            .send()
            .await
            .expect("send");
        assert_eq!(resp.status(), StatusCode::OK, "{url}");
        assert_eq!(header(&resp, CONTENT_TYPE), ty, "{url}");
        assert_eq!(
            header(&resp, CACHE_CONTROL),
            "public, max-age=31536000, immutable"
        );
        assert!(!resp.bytes().await.expect("body").is_empty());
        seen += 1;
    }
    assert_eq!(seen, 2);
}

#[tokio::test]
async fn a_missing_asset_is_a_genesys_404_and_the_bare_path_redirects() {
    let t = TestApp::spawn().await;
    let resp = t
        .http
        .get(format!("{}/console/assets/nothing-here.js", t.base))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = resp.json().await.expect("json");
    assert_eq!(body["status"], 404);
    assert!(body["contextId"].is_string());

    let no_follow = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let resp = no_follow
        .get(format!("{}/console", t.base))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(header(&resp, LOCATION), "/console/");
}

#[tokio::test]
async fn the_demo_registers_a_public_pkce_console_client_per_organization() {
    let t = TestApp::spawn().await;
    for (token, client) in [
        (t.acme_admin().await, "acme-console"),
        (t.partner_admin().await, "partner-console"),
    ] {
        let c = t
            .get(&format!("/api/v2/oauth/clients/{client}"), &token)
            .await
            .expect(200);
        assert_eq!(c.body["authorizedGrantType"], "CODE", "{}", c.text);
        let uris = c.body["registeredRedirectUri"].as_array().expect("uris");
        assert!(
            uris.iter().any(|u| u == "http://127.0.0.1/console/"),
            "{uris:?}"
        );
        // A public client has no secret anyone knows, and may not use client credentials.
        let reply = t
            .token_request(Some((client, "")), &[("grant_type", "client_credentials")])
            .await;
        assert!(reply.status.is_client_error(), "{}", reply.text);
    }
}

#[tokio::test]
async fn browser_clients_in_a_fixture_need_redirect_uris_and_a_known_grant() {
    use orgtrust_core::clock::SystemClock;
    use orgtrust_core::fixture;
    let store = orgtrust_store_sqlite::SqliteStore::open("sqlite::memory:")
        .await
        .expect("store");
    let clock = SystemClock::new();
    for (client, path) in [
        (
            r#"{"id": "c", "name": "C", "authorizedGrantType": "CODE"}"#,
            "organizations[0].oauthClients[0].registeredRedirectUri",
        ),
        (
            r#"{"id": "c", "name": "C", "authorizedGrantType": "MAGIC", "secret": "s"}"#,
            "organizations[0].oauthClients[0].authorizedGrantType",
        ),
        (
            r#"{"id": "c", "name": "C", "authorizedGrantType": "CLIENT-CREDENTIALS"}"#,
            "organizations[0].oauthClients[0].secret",
        ),
    ] {
        let doc = format!(
            r#"{{"organizations": [{{"name": "X", "thirdPartyOrgName": "x", "oauthClients": [{client}]}}]}}"#
        );
        let err = fixture::apply("f.json", &doc, &store, &clock)
            .await
            .expect_err("refused");
        assert_eq!(err.path, path, "{client}: {}", err.message);
    }
    let doc = r#"{"organizations": [{"name": "X", "thirdPartyOrgName": "x", "oauthClients": [
        {"id": "x-console", "name": "C", "authorizedGrantType": "TOKEN",
         "registeredRedirectUri": ["https://x.example/console/"]}]}]}"#;
    let applied = fixture::apply("f.json", doc, &store, &clock)
        .await
        .expect("applied");
    let clients = applied.clients();
    assert_eq!(clients[0].browser_grant.as_deref(), Some("TOKEN"));
    assert!(clients[0].secret.is_none());
}
