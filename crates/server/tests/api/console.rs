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
