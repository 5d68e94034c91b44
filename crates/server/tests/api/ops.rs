//! The operator endpoints: `/healthz`, `/readyz` and `/metrics` answer without authentication,
//! outside `/api/v2`, and the metric series appear and move with traffic.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{demo, TestApp};

/// The value of the sample `name{labels}` (labels exactly as rendered), 0 when absent.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| {
            l.strip_prefix(series)?
                .strip_prefix(' ')?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0.0)
}

async fn scrape(t: &TestApp) -> String {
    let r = t
        .call(Method::GET, "/metrics", None, None)
        .await
        .expect(200);
    let ctype = r.headers["content-type"].to_str().unwrap_or("").to_owned();
    assert!(ctype.starts_with("text/plain; version=0.0.4"), "{ctype}");
    r.text
}

#[tokio::test]
async fn healthz_and_readyz_answer_without_authentication() {
    let t = TestApp::spawn().await;
    let h = t
        .call(Method::GET, "/healthz", None, None)
        .await
        .expect(200);
    assert_eq!(h.body, json!({"status": "ok"}));
    let r = t.call(Method::GET, "/readyz", None, None).await.expect(200);
    assert_eq!(r.body, json!({"status": "ready"}));
    // Outside /api/v2: the API path is not there.
    t.call(Method::GET, "/api/v2/healthz", None, None)
        .await
        .expect(404);
}

#[tokio::test]
async fn metrics_series_appear_and_move() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    t.get("/api/v2/organizations/me", &admin).await.expect(200);
    let first = scrape(&t).await;
    let ok = r#"orgtrust_http_requests_total{method="GET",route="/api/v2/organizations/me",status="200"}"#;
    let user = format!("/api/v2/users/{}", demo::ACME_EMIL);
    let by_template =
        r#"orgtrust_http_requests_total{method="GET",route="/api/v2/users/{userId}",status="200"}"#;
    let hits = r#"orgtrust_token_cache_lookups_total{result="hit"}"#;
    let index_hits = r#"orgtrust_permission_index_lookups_total{result="hit"}"#;
    let latency = r#"orgtrust_http_request_duration_seconds_count{method="GET",route="/api/v2/organizations/me"}"#;
    assert_eq!(sample(&first, ok), 1.0, "{first}");
    for series in [
        "# TYPE orgtrust_http_request_duration_seconds histogram",
        r#"orgtrust_db_pool_connections{state="idle"}"#,
        "orgtrust_db_pool_max_connections 1",
        "orgtrust_audit_events_total",
        r#"orgtrust_token_cache_lookups_total{result="miss"}"#,
        r#"orgtrust_permission_index_lookups_total{result="miss"}"#,
    ] {
        assert!(first.contains(series), "{series} missing:\n{first}");
    }

    for _ in 0..3 {
        t.get("/api/v2/organizations/me", &admin).await.expect(200);
        t.get(&user, &admin).await.expect(200);
    }
    // An audited write moves the trail's count.
    t.post(
        "/api/v2/groups",
        &admin,
        json!({"name": "Metered", "type": "official", "visibility": "public", "rulesVisible": true}),
    )
    .await
    .expect(200);
    t.call(Method::GET, "/api/v2/organizations/me", None, None)
        .await
        .expect(401);
    let second = scrape(&t).await;
    assert_eq!(sample(&second, ok), 4.0, "{second}");
    // Labelled by route template, never by id.
    assert_eq!(sample(&second, by_template), 3.0, "{second}");
    assert!(!second.contains(demo::ACME_EMIL));
    assert_eq!(
        sample(
            &second,
            r#"orgtrust_http_requests_total{method="GET",route="/api/v2/organizations/me",status="401"}"#
        ),
        1.0
    );
    assert!(sample(&second, latency) >= 4.0);
    assert!(sample(&second, hits) >= sample(&first, hits) + 6.0);
    assert!(sample(&second, index_hits) > sample(&first, index_hits));
    assert!(
        sample(&second, "orgtrust_audit_events_total")
            > sample(&first, "orgtrust_audit_events_total")
    );
}
