//! `/api/v2/organizations/migrations`.

use orgtrust_api::codes;
use serde_json::json;

use crate::helpers::TestApp;

const M: &str = "/api/v2/organizations/migrations";

fn names(body: &serde_json::Value) -> Vec<String> {
    body["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn migrations_list_filter_and_switch() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let all = t.get(M, &token).await.expect(200);
    assert!(!names(&all.body).contains(&"platformTokenDigests".to_owned()));
    assert!(all.body["entities"][0].get("description").is_none());
    let hidden = t
        .get(
            &format!("{M}?includeHidden=true&includeDetails=true"),
            &token,
        )
        .await
        .expect(200);
    assert!(names(&hidden.body).contains(&"platformTokenDigests".to_owned()));
    assert!(hidden.body["entities"][0]["description"].is_string());
    let disabled = t
        .get(&format!("{M}?migrationType=Disabled"), &token)
        .await
        .expect(200);
    assert_eq!(names(&disabled.body), ["oauthScopeEnforcement"]);
    let switched = t
        .patch(
            &format!("{M}/oauthScopeEnforcement"),
            &token,
            json!({"enabled": true}),
        )
        .await
        .expect(200);
    assert_eq!(switched.body["enabled"], true);
    let state = t
        .get(&format!("{M}/oauthScopeEnforcement/state"), &token)
        .await
        .expect(200);
    assert_eq!(state.body, json!({"enabled": true}));
    let disabled = t
        .get(&format!("{M}?migrationType=Disabled"), &token)
        .await
        .expect(200);
    assert!(names(&disabled.body).is_empty());
    t.patch(
        &format!("{M}/authSettingsApi"),
        &token,
        json!({"enabled": false}),
    )
    .await
    .expect_error(400, codes::BAD_REQUEST);
    t.get(&format!("{M}/nope"), &token)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.get(&format!("{M}?migrationType=Some"), &token)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    let one = t
        .get(
            &format!("{M}/divisionAwareTrustees?includeDetails=true"),
            &token,
        )
        .await
        .expect(200);
    assert_eq!(one.body["configurable"], true);
    assert!(one.body["displayName"].is_string());
    // Partner's state is its own.
    let p = t
        .get(
            &format!("{M}/oauthScopeEnforcement/state"),
            &t.partner_admin().await,
        )
        .await
        .expect(200);
    assert_eq!(p.body, json!({"enabled": false}));
}
