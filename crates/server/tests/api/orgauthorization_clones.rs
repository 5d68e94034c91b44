//! Cloned users: `/trustors/{id}/clonedusers` (trustee side) and `/trustees/{id}/clonedusers`
//! (trustor side).

use orgtrust_api::codes;
use orgtrust_core::Settings;
use serde_json::json;

use crate::helpers::{demo, TestApp, DEMO};
use crate::orgauthorization_support::{acme_trusts_partner, admins, partner_pairing, OA};

#[tokio::test]
async fn the_trustee_clones_a_trusted_user_and_both_sides_manage_it() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let mine = format!("{OA}/trustors/{}/clonedusers", demo::ACME);
    let theirs = format!("{OA}/trustees/{}/clonedusers", demo::PARTNER);
    let made = t
        .put(
            &format!("{mine}/{}", demo::PARTNER_PAT),
            &a.partner,
            json!(null),
        )
        .await
        .expect(200)
        .body;
    let clone_id = made["id"].as_str().expect("id").to_owned();
    assert_ne!(clone_id, demo::PARTNER_PAT);
    assert_eq!(made["name"], "Pat Partner");
    assert_eq!(made["trustor"]["id"], demo::ACME);
    // Idempotent.
    let again = t
        .put(
            &format!("{mine}/{}", demo::PARTNER_PAT),
            &a.partner,
            json!(null),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(again, made);
    // Listed, not paged, on both sides.
    let list = t.get(&mine, &a.partner).await.expect(200).body;
    assert_eq!(list["total"], 1);
    assert_eq!(list["entities"][0], made);
    assert!(list.get("pageSize").is_none());
    let list = t.get(&theirs, &a.acme).await.expect(200).body;
    assert_eq!(list["entities"][0]["id"], clone_id);
    let one = t
        .get(&format!("{mine}/{}", demo::PARTNER_PAT), &a.partner)
        .await
        .expect(200)
        .body;
    assert_eq!(one, made);
    // The clone cannot sign in directly.
    let refused = t
        .token_request(
            Some(("acme-admin", "acme-admin-secret")),
            &[
                ("grant_type", "password"),
                ("username", "pat@partner.example"),
                ("password", "Partner-pat-1!"),
            ],
        )
        .await;
    assert_eq!(refused.status.as_u16(), 400);
    // Sam is trusted through Partner Support.
    t.put(
        &format!("{mine}/{}", demo::PARTNER_SAM),
        &a.partner,
        json!(null),
    )
    .await
    .expect(200);
    // The trustor deletes Pat's clone, the trustee Sam's.
    t.delete(&format!("{theirs}/{}", demo::PARTNER_PAT), &a.acme)
        .await
        .expect(204);
    t.delete(&format!("{mine}/{}", demo::PARTNER_SAM), &a.partner)
        .await
        .expect(204);
    assert_eq!(t.get(&mine, &a.partner).await.expect(200).body["total"], 0);
    t.get(&format!("{mine}/{}", demo::PARTNER_PAT), &a.partner)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.delete(&format!("{theirs}/{}", demo::PARTNER_PAT), &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let events = t
        .app
        .audit
        .recent_audit_events(&orgtrust_core::ids::OrgId::new(demo::PARTNER), 10)
        .await
        .expect("audit");
    assert!(events
        .iter()
        .any(|e| e.entity_type == "ClonedUser" && e.action == "create"));
}

#[tokio::test]
async fn only_trusted_users_are_cloned_and_at_most_the_configured_number() {
    let settings = Settings {
        max_cloned_users: 1,
        ..Settings::default()
    };
    let t = TestApp::spawn_configured(DEMO, settings).await;
    let a = admins(&t).await;
    let pairing = partner_pairing(&t, &a.partner).await;
    // A trust with Pat only: Sam is not trusted.
    t.post(
        &format!("{OA}/trustees"),
        &a.acme,
        json!({"pairingId": pairing, "enabled": true, "users": [{"id": demo::PARTNER_PAT}]}),
    )
    .await
    .expect(200);
    let mine = format!("{OA}/trustors/{}/clonedusers", demo::ACME);
    t.put(
        &format!("{mine}/{}", demo::PARTNER_SAM),
        &a.partner,
        json!(null),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.put(&format!("{mine}/nobody"), &a.partner, json!(null))
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.put(
        &format!("{mine}/{}", demo::PARTNER_PAT),
        &a.partner,
        json!(null),
    )
    .await
    .expect(200);
    // Sam joins the trust; the limit (1 here, 5 by default) refuses the second clone.
    t.put(
        &format!("{OA}/trustors/{}/users/{}", demo::ACME, demo::PARTNER_SAM),
        &a.partner,
        json!(null),
    )
    .await
    .expect(200);
    t.put(
        &format!("{mine}/{}", demo::PARTNER_SAM),
        &a.partner,
        json!(null),
    )
    .await
    .expect_error(400, codes::MAX_ENTITY_COUNT_REACHED);
}

#[tokio::test]
async fn a_clone_whose_email_is_taken_in_the_trustor_is_a_conflict() {
    let mut doc: serde_json::Value = serde_json::from_str(DEMO).expect("demo");
    doc["organizations"][0]["users"]
        .as_array_mut()
        .expect("users")
        .push(json!({"name": "Pat Lookalike", "email": "pat@partner.example"}));
    let t = TestApp::spawn_with(&doc.to_string()).await;
    let a = acme_trusts_partner(&t).await;
    t.put(
        &format!(
            "{OA}/trustors/{}/clonedusers/{}",
            demo::ACME,
            demo::PARTNER_PAT
        ),
        &a.partner,
        json!(null),
    )
    .await
    .expect_error(409, codes::GENERAL_CONFLICT);
    let list = t
        .get(
            &format!("{OA}/trustors/{}/clonedusers", demo::ACME),
            &a.partner,
        )
        .await
        .expect(200);
    assert_eq!(list.body["total"], 0);
}
