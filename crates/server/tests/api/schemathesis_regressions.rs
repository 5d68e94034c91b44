//! Regressions found by schemathesis (scripts/schemathesis.sh), one test per finding.

use orgtrust_api::codes;
use serde_json::json;

use crate::helpers::TestApp;

/// A JSON array where an object belongs was taken as the object's fields in order (serde accepts
/// a struct written as a sequence): `PUT /organizations/embeddedintegration` with `[null, null]`
/// answered 200. It is 400 `invalid.value` naming where, at the top and nested.
#[tokio::test]
async fn an_array_where_an_object_belongs_is_invalid_value() {
    let t = TestApp::spawn().await;
    let acme = t.acme_admin().await;
    t.put(
        "/api/v2/organizations/embeddedintegration",
        &acme,
        json!([null, null]),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    let r = t
        .post(
            &format!(
                "/api/v2/authorization/subjects/{}/bulkadd",
                crate::helpers::demo::ACME_EMIL
            ),
            &acme,
            json!({"grants": [["a", "b"]]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(r.text.contains("grants[0]"), "{}", r.text);
    // Arrays where arrays belong still work.
    t.put(
        "/api/v2/organizations/embeddedintegration",
        &acme,
        json!({"enableWhitelist": false, "domainWhitelist": []}),
    )
    .await
    .expect(200);
}

/// `before` at the earliest instant chrono represents (or `after` at the latest): the 180-day
/// window overflowed and the handler panicked, closing the connection without a response. The
/// window now saturates.
#[tokio::test]
async fn change_request_windows_at_the_ends_of_time_do_not_panic() {
    let t = TestApp::spawn().await;
    let acme = t.acme_admin().await;
    let min = chrono::DateTime::<chrono::Utc>::MIN_UTC.timestamp_millis();
    let max = chrono::DateTime::<chrono::Utc>::MAX_UTC.timestamp_millis();
    for query in [format!("before={min}"), format!("after={max}")] {
        t.get(
            &format!("/api/v2/organizations/limits/changerequests?{query}"),
            &acme,
        )
        .await
        .expect(200);
    }
}
