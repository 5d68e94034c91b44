//! Customer Care trusts: `/trustees/default` and `/trustees/care`.

use chrono::{DateTime, Duration, Utc};
use orgtrust_api::codes;
use serde_json::json;

use crate::helpers::{demo, TestApp};
use crate::orgauthorization_support::{admins, OA};

#[tokio::test]
async fn the_default_care_trust_with_the_admin_role_and_auto_expiry() {
    let t = TestApp::spawn().await;
    let a = admins(&t).await;
    let default = format!("{OA}/trustees/default");
    t.get(&default, &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let made = t
        .post(
            &format!("{default}?assignDefaultRole=true&autoExpire=true"),
            &a.acme,
            json!(null),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(made["id"], demo::CARE);
    assert_eq!(made["organization"]["name"], "Customer Care");
    assert_eq!(made["usesDefaultRole"], true);
    assert_eq!(made["hasFullAccess"], false);
    assert_eq!(made["enabled"], true);
    let expires: DateTime<Utc> = made["dateExpired"]
        .as_str()
        .expect("dateExpired")
        .parse()
        .expect("date");
    let in_30_days = Utc::now() + Duration::days(30);
    assert!((expires - in_30_days).num_minutes().abs() < 5, "{expires}");
    assert_eq!(t.get(&default, &a.acme).await.expect(200).body, made);
    t.post(&default, &a.acme, json!(null))
        .await
        .expect_error(409, codes::TRUST_ALREADY_EXISTS);
    // Every Care user holds Acme's Admin role through the trust.
    let casey = t
        .password_token(
            ("care-admin", "care-admin-secret"),
            "casey@care.example",
            "Care-casey-1!",
        )
        .await;
    let seen = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &casey)
        .await
        .expect(200)
        .body;
    let perms = seen["authorization"]["permissions"]
        .as_array()
        .expect("list");
    assert!(perms.contains(&json!("directory:user:view")));
    assert!(perms.contains(&json!("authorization:orgTrustee:add")));
    // Care cannot trust itself.
    let care = t.client_token("care-admin", "care-admin-secret").await;
    t.post(&default, &care, json!(null))
        .await
        .expect_error(400, codes::SELF_TRUST_NOT_ALLOWED);
}

#[tokio::test]
async fn a_care_trust_without_the_default_role_grants_nothing() {
    let t = TestApp::spawn().await;
    let a = admins(&t).await;
    let made = t
        .post(&format!("{OA}/trustees/default"), &a.partner, json!(null))
        .await
        .expect(200)
        .body;
    assert_eq!(made["usesDefaultRole"], false);
    assert!(made.get("dateExpired").is_none());
    let casey = t
        .password_token(
            ("care-admin", "care-admin-secret"),
            "casey@care.example",
            "Care-casey-1!",
        )
        .await;
    let seen = t
        .get(&format!("{OA}/trustors/{}", demo::PARTNER), &casey)
        .await
        .expect(200)
        .body;
    assert_eq!(seen["authorization"]["permissions"], json!([]));
}

#[tokio::test]
async fn care_trusts_over_the_list_of_care_organizations() {
    let t = TestApp::spawn().await;
    let a = admins(&t).await;
    let care = format!("{OA}/trustees/care");
    let ids = t.get(&care, &a.acme).await.expect(200).body;
    assert_eq!(
        ids,
        json!({"entities": [{"id": demo::CARE, "selfUri": format!("{OA}/trustees/{}", demo::CARE)}]})
    );
    let made = t
        .post(
            &format!("{care}?assignFullAccess=true&allowTrustedUserAccess=true&autoExpire=false"),
            &a.acme,
            json!(null),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(made["total"], 1);
    let trust = &made["entities"][0];
    assert_eq!(trust["id"], demo::CARE);
    assert_eq!(trust["hasFullAccess"], true);
    assert_eq!(trust["isTrustedUser"], true);
    assert_eq!(trust["usesDefaultRole"], false);
    t.post(&care, &a.acme, json!(null))
        .await
        .expect_error(409, codes::TRUST_ALREADY_EXISTS);
    t.post(&format!("{care}?autoExpire=maybe"), &a.partner, json!(null))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    // The default trust is the same trust.
    let default = t
        .get(&format!("{OA}/trustees/default"), &a.acme)
        .await
        .expect(200)
        .body;
    assert_eq!(&default, trust);
}
