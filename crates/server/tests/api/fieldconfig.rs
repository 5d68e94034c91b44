//! `/api/v2/fieldconfig`.

use orgtrust_api::codes;

use crate::helpers::TestApp;

#[tokio::test]
async fn field_config_per_entity_type() {
    let t = TestApp::spawn().await;
    let token = t.partner_admin().await;
    for ty in ["person", "group", "org"] {
        let c = t
            .get(&format!("/api/v2/fieldconfig?type={ty}"), &token)
            .await
            .expect(200);
        assert_eq!(c.body["entityType"], ty);
        assert!(!c.body["sections"].as_array().expect("sections").is_empty());
    }
    t.get("/api/v2/fieldconfig?type=externalContact", &token)
        .await
        .expect_error(400, codes::BAD_ENTITY_TYPE);
    t.get("/api/v2/fieldconfig", &token)
        .await
        .expect_error(400, codes::BAD_ENTITY_TYPE);
    let anonymous = t
        .call(
            reqwest::Method::GET,
            "/api/v2/fieldconfig?type=person",
            None,
            None,
        )
        .await;
    assert_eq!(anonymous.status.as_u16(), 401);
}
