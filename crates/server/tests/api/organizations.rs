//! `/api/v2/organizations`.

use crate::helpers::{demo, TestApp};

#[tokio::test]
async fn organizations_me_returns_the_callers_organization() {
    let t = TestApp::spawn().await;
    let acme = t
        .get("/api/v2/organizations/me", &t.acme_admin().await)
        .await
        .expect(200);
    assert_eq!(acme.body["id"], demo::ACME);
    assert_eq!(acme.body["name"], "Acme Corp");
    assert_eq!(acme.body["thirdPartyOrgName"], "acme");
    assert_eq!(acme.body["state"], "active");
    assert_eq!(acme.body["selfUri"], "/api/v2/organizations/me");
    assert!(acme.body["version"].as_i64().is_some_and(|v| v >= 1));
    assert!(
        acme.text.find("null").is_none(),
        "no nulls on the wire: {}",
        acme.text
    );
    let partner = t
        .get("/api/v2/organizations/me", &t.partner_admin().await)
        .await
        .expect(200);
    assert_eq!(partner.body["name"], "Partner Co");
}
