//! `/api/v2/orgauthorization/pairings` and `POST /trustees` from a pairing.

use chrono::Duration;
use orgtrust_api::codes;
use serde_json::json;

use crate::helpers::{demo, TestApp};
use crate::orgauthorization_support::{admins, partner_pairing, trust_body, OA};

#[tokio::test]
async fn a_pairing_names_users_and_groups_of_the_trustee_and_reads_back() {
    let t = TestApp::spawn().await;
    let a = admins(&t).await;
    let made = t
        .post(
            &format!("{OA}/pairings"),
            &a.partner,
            json!({"userIds": [demo::PARTNER_PAT], "groupIds": [demo::PARTNER_SUPPORT_GROUP]}),
        )
        .await
        .expect(200);
    let id = made.body["id"].as_str().expect("id");
    assert_eq!(made.body["trustee"]["id"], demo::PARTNER);
    assert_eq!(made.body["users"][0]["id"], demo::PARTNER_PAT);
    assert_eq!(made.body["users"][0]["name"], "Pat Partner");
    assert_eq!(made.body["groups"][0]["name"], "Partner Support");
    assert_eq!(made.body["groups"][0]["memberCount"], 1);
    assert_eq!(made.body["createdBy"]["id"], "partner-admin");
    assert_eq!(made.body["selfUri"], format!("{OA}/pairings/{id}"));
    let events = t
        .app
        .audit
        .recent_audit_events(&orgtrust_core::ids::OrgId::new(demo::PARTNER), 1)
        .await
        .expect("audit");
    assert_eq!(
        (
            events[0].entity_type.as_str(),
            events[0].action.as_str(),
            events[0].entity_id.as_str()
        ),
        ("Pairing", "create", id)
    );
    // The trustee that made it and the trustor that holds the id both read it.
    let mine = t
        .get(&format!("{OA}/pairings/{id}"), &a.partner)
        .await
        .expect(200);
    assert_eq!(mine.body, made.body);
    t.get(&format!("{OA}/pairings/{id}"), &a.acme)
        .await
        .expect(200);
    // Unknown and foreign ids are refused.
    t.post(
        &format!("{OA}/pairings"),
        &a.partner,
        json!({"userIds": [demo::ACME_ANN]}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.post(
        &format!("{OA}/pairings"),
        &a.partner,
        json!({"groupIds": ["nope"]}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.post(&format!("{OA}/pairings"), &a.partner, json!({}))
        .await
        .expect_error(400, codes::TRUSTEE_USER_REQUIRED);
    t.get(&format!("{OA}/pairings/nope"), &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
}

#[tokio::test]
async fn creating_a_trust_checks_the_pairing() {
    let t = TestApp::spawn().await;
    let a = admins(&t).await;
    let trustees = format!("{OA}/trustees");
    let pairing = partner_pairing(&t, &a.partner).await;

    let mut no_pairing = trust_body(&pairing);
    no_pairing
        .as_object_mut()
        .expect("object")
        .remove("pairingId");
    t.post(&trustees, &a.acme, no_pairing)
        .await
        .expect_error(400, codes::PAIRING_ID_REQUIRED);
    t.post(&trustees, &a.acme, trust_body("unknown"))
        .await
        .expect_error(400, codes::PAIRING_ID_REQUIRED);
    // Without users, a malformed or unknown pairing is still what the answer names.
    let unknown = "00000000-0000-4000-8000-00000000abcd";
    for (id, says) in [
        ("not-a-uuid", "is not a pairing id"),
        (unknown, "was found"),
    ] {
        let r = t
            .post(
                &trustees,
                &a.acme,
                json!({"pairingId": id, "enabled": true}),
            )
            .await
            .expect_error(400, codes::PAIRING_ID_REQUIRED);
        assert!(r.text.contains(says) && r.text.contains(id), "{}", r.text);
        assert_eq!(r.body["messageParams"]["field"], "pairingId");
    }
    // Partner cannot trust itself with its own pairing.
    t.post(&trustees, &a.partner, trust_body(&pairing))
        .await
        .expect_error(400, codes::SELF_TRUST_NOT_ALLOWED);
    t.post(
        &trustees,
        &a.acme,
        json!({"pairingId": pairing, "enabled": true}),
    )
    .await
    .expect_error(400, codes::TRUSTEE_USER_REQUIRED);
    // Only users and groups the pairing named.
    let sam = t
        .post(
            &trustees,
            &a.acme,
            json!({"pairingId": pairing, "enabled": true, "users": [{"id": demo::PARTNER_SAM}]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(sam.body["messageParams"]["field"], "users[0].id");
    // Roles must exist in the trustor.
    let bad_role = t
        .post(
            &trustees,
            &a.acme,
            json!({"pairingId": pairing, "enabled": true,
                   "users": [{"id": demo::PARTNER_PAT, "roleIds": ["b0000000-0000-4000-8000-000000000021"]}]}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(
        bad_role.body["messageParams"]["field"],
        "users[0].roleIds[0]"
    );
    // Nothing above was written: the pairing still works, once.
    t.post(&trustees, &a.acme, trust_body(&pairing))
        .await
        .expect(200);
    t.post(&trustees, &a.acme, trust_body(&pairing))
        .await
        .expect_error(409, codes::PAIRING_USED);
    // A second trust with the same trustee, from a fresh pairing.
    let again = partner_pairing(&t, &a.partner).await;
    t.post(&trustees, &a.acme, trust_body(&again))
        .await
        .expect_error(409, codes::TRUST_ALREADY_EXISTS);
    // A used pairing reads only for the trustee and the trustor that used it.
    let care = t.client_token("care-admin", "care-admin-secret").await;
    t.get(&format!("{OA}/pairings/{pairing}"), &care)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.get(&format!("{OA}/pairings/{pairing}"), &a.acme)
        .await
        .expect(200);
}

#[tokio::test]
async fn a_pairing_expires_after_48_hours() {
    let t = TestApp::spawn().await;
    let a = admins(&t).await;
    let pairing = partner_pairing(&t, &a.partner).await;
    t.clock.advance(Duration::hours(48));
    // Tokens outlive nothing here: issue fresh ones after moving the clock.
    let acme = t.acme_admin().await;
    t.post(&format!("{OA}/trustees"), &acme, trust_body(&pairing))
        .await
        .expect_error(400, codes::PAIRING_EXPIRED);
    let fresh = partner_pairing(&t, &t.partner_admin().await).await;
    t.clock.advance(Duration::hours(47));
    let acme = t.acme_admin().await;
    t.post(&format!("{OA}/trustees"), &acme, trust_body(&fresh))
        .await
        .expect(200);
}
