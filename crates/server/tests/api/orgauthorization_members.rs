//! Trust members: the trustor's users and groups with their roles, the trustee's own additions,
//! and the member limit.

use orgtrust_api::codes;
use orgtrust_core::Settings;
use serde_json::json;

use crate::helpers::{demo, TestApp, DEMO};
use crate::orgauthorization_support::{acme_trusts_partner, admins, OA};

const ADMIN_ROLE: &str = demo::ACME_ADMIN_ROLE;
const AUDITOR_ROLE: &str = "a0000000-0000-4000-8000-000000000023";

#[tokio::test]
async fn the_trustor_lists_members_and_sets_replaces_and_clears_their_roles() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let users = format!("{OA}/trustees/{}/users", demo::PARTNER);
    let pat = format!("{users}/{}", demo::PARTNER_PAT);

    let list = t.get(&users, &a.acme).await.expect(200).body;
    assert_eq!(list["total"], 1);
    assert_eq!(list["entities"][0]["id"], demo::PARTNER_PAT);
    assert_eq!(list["entities"][0]["email"], "pat@partner.example");
    assert_eq!(list["entities"][0]["division"]["name"], "Home");
    assert_eq!(
        list["entities"][0]["trustUserDetails"]["createdBy"]["id"],
        "acme-admin"
    );
    let one = t.get(&pat, &a.acme).await.expect(200).body;
    assert_eq!(one, list["entities"][0]);

    let roles = t
        .get(&format!("{pat}/roles"), &a.acme)
        .await
        .expect(200)
        .body;
    assert_eq!(
        roles["roles"],
        json!([{"id": demo::ACME_USER_VIEWER_ROLE, "name": "User Viewer"}])
    );
    assert_eq!(
        roles["permissions"],
        json!(["directory:group:view", "directory:user:view"])
    );
    assert_eq!(
        roles["permissionPolicies"],
        json!([
            {"domain": "directory", "entityName": "group", "actionSet": ["view"], "allowConditions": false},
            {"domain": "directory", "entityName": "user", "actionSet": ["view"], "allowConditions": false}
        ])
    );
    // PUT roles replaces (all divisions).
    let replaced = t
        .put(&format!("{pat}/roles"), &a.acme, json!([AUDITOR_ROLE]))
        .await
        .expect(200)
        .body;
    assert_eq!(replaced["roles"][0]["name"], "Trust Auditor");
    assert!(replaced["permissions"]
        .as_array()
        .expect("list")
        .contains(&json!("authorization:audit:view")));
    assert!(!replaced["permissions"]
        .as_array()
        .expect("list")
        .contains(&json!("directory:user:view")));
    // PUT roledivisions replaces with role/division pairs.
    let by_division = t
        .put(
            &format!("{pat}/roledivisions"),
            &a.acme,
            json!({"grants": [{"roleId": ADMIN_ROLE, "divisionId": demo::ACME_HOME}]}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(by_division["roles"][0]["name"], "Admin");
    // The grants read back as the pairs that were put (orgtrust extension `roleDivisions`), by
    // the PUT's answer and by a later GET alike.
    let pairs = json!({"grants": [{"roleId": ADMIN_ROLE, "divisionId": demo::ACME_HOME}]});
    assert_eq!(by_division["roleDivisions"], pairs);
    let read = t
        .get(&format!("{pat}/roles"), &a.acme)
        .await
        .expect(200)
        .body;
    assert_eq!(read["roleDivisions"], pairs);
    t.put(
        &format!("{pat}/roledivisions"),
        &a.acme,
        json!({"grants": [{"roleId": ADMIN_ROLE, "divisionId": "nope"}]}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.put(&format!("{pat}/roles"), &a.acme, json!(["nope"]))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    // DELETE roles clears.
    t.delete(&format!("{pat}/roles"), &a.acme).await.expect(204);
    let cleared = t
        .get(&format!("{pat}/roles"), &a.acme)
        .await
        .expect(200)
        .body;
    assert_eq!(cleared["roles"], json!([]));
    assert_eq!(cleared["permissions"], json!([]));
    assert_eq!(cleared["roleDivisions"], json!({"grants": []}));

    // Groups.
    let groups = format!("{OA}/trustees/{}/groups", demo::PARTNER);
    let support = format!("{groups}/{}", demo::PARTNER_SUPPORT_GROUP);
    let list = t.get(&groups, &a.acme).await.expect(200).body;
    assert_eq!(list["entities"][0]["name"], "Partner Support");
    assert_eq!(list["entities"][0]["type"], "official");
    let roles = t
        .get(&format!("{support}/roles"), &a.acme)
        .await
        .expect(200)
        .body;
    assert_eq!(roles["roles"][0]["name"], "User Viewer");
    t.put(&format!("{support}/roles"), &a.acme, json!([ADMIN_ROLE]))
        .await
        .expect(200);
    t.delete(&support, &a.acme).await.expect(204);
    t.get(&support, &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    // The trustor adds it back directly, with roles.
    let added = t
        .post(
            &groups,
            &a.acme,
            json!({"id": demo::PARTNER_SUPPORT_GROUP, "roleIds": [demo::ACME_USER_VIEWER_ROLE]}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(added["id"], demo::PARTNER_SUPPORT_GROUP);
    assert!(added["dateCreated"].is_string());
    // Unknown or foreign ids are refused.
    t.post(&users, &a.acme, json!({"id": demo::ACME_ANN}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    // The trustor adds Sam directly.
    let sam = t
        .post(
            &users,
            &a.acme,
            json!({"id": demo::PARTNER_SAM, "roleIds": [demo::ACME_USER_VIEWER_ROLE]}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(sam["name"], "Sam Support");
    t.delete(&pat, &a.acme).await.expect(204);
    t.get(&pat, &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.get(&format!("{pat}/roles"), &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);

    let events = t
        .app
        .audit
        .recent_audit_events(&orgtrust_core::ids::OrgId::new(demo::ACME), 20)
        .await
        .expect("audit");
    let kinds: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.entity_type.as_str(), e.action.as_str()))
        .collect();
    for expected in [
        ("OrgTrusteeUser", "rolesUpdated"),
        ("OrgTrusteeUser", "rolesRemoved"),
        ("OrgTrusteeUser", "delete"),
        ("OrgTrusteeGroup", "create"),
        ("OrgTrusteeGroup", "delete"),
    ] {
        assert!(kinds.contains(&expected), "{expected:?} in {kinds:?}");
    }
}

#[tokio::test]
async fn the_trustee_adds_and_removes_its_own_members_without_roles() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let sam = format!("{OA}/trustors/{}/users/{}", demo::ACME, demo::PARTNER_SAM);
    t.get(&sam, &a.partner)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let added = t.put(&sam, &a.partner, json!(null)).await.expect(200).body;
    assert_eq!(added["id"], demo::PARTNER_SAM);
    assert_eq!(
        added["trustUserDetails"]["createdBy"]["id"],
        "partner-admin"
    );
    // No roles until the trustor grants them.
    let roles = t
        .get(
            &format!(
                "{OA}/trustees/{}/users/{}/roles",
                demo::PARTNER,
                demo::PARTNER_SAM
            ),
            &a.acme,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(roles["roles"], json!([]));
    // Idempotent.
    t.put(&sam, &a.partner, json!(null)).await.expect(200);
    let list = t
        .get(&format!("{OA}/trustors/{}/users", demo::ACME), &a.partner)
        .await
        .expect(200)
        .body;
    assert_eq!(list["total"], 2);
    // Users of another organization are not the trustee's to add.
    t.put(
        &format!("{OA}/trustors/{}/users/{}", demo::ACME, demo::ACME_ANN),
        &a.partner,
        json!(null),
    )
    .await
    .expect_error(404, codes::NOT_FOUND);
    t.delete(&sam, &a.partner).await.expect(204);
    t.get(&sam, &a.partner)
        .await
        .expect_error(404, codes::NOT_FOUND);
    // Groups.
    let group = format!(
        "{OA}/trustors/{}/groups/{}",
        demo::ACME,
        demo::PARTNER_SUPPORT_GROUP
    );
    t.get(&group, &a.partner).await.expect(200);
    t.delete(&group, &a.partner).await.expect(204);
    t.get(&group, &a.partner)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let back = t
        .put(&group, &a.partner, json!(null))
        .await
        .expect(200)
        .body;
    assert_eq!(back["name"], "Partner Support");
    let list = t
        .get(&format!("{OA}/trustors/{}/groups", demo::ACME), &a.partner)
        .await
        .expect(200)
        .body;
    assert_eq!(list["total"], 1);
}

#[tokio::test]
async fn a_trust_holds_at_most_the_configured_number_of_users_and_groups() {
    let settings = Settings {
        max_trust_members: 2,
        ..Settings::default()
    };
    let t = TestApp::spawn_configured(DEMO, settings).await;
    let a = admins(&t).await;
    // The pairing names three; a trust with all three is refused.
    let pairing = t
        .post(
            &format!("{OA}/pairings"),
            &a.partner,
            json!({"userIds": [demo::PARTNER_PAT, demo::PARTNER_SAM], "groupIds": [demo::PARTNER_SUPPORT_GROUP]}),
        )
        .await
        .expect(200)
        .body["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let all_three = json!({"pairingId": pairing, "enabled": true,
        "users": [{"id": demo::PARTNER_PAT}, {"id": demo::PARTNER_SAM}],
        "groups": [{"id": demo::PARTNER_SUPPORT_GROUP}]});
    t.post(&format!("{OA}/trustees"), &a.acme, all_three)
        .await
        .expect_error(400, codes::MAX_ENTITY_COUNT_REACHED);
    let two = json!({"pairingId": pairing, "enabled": true,
        "users": [{"id": demo::PARTNER_PAT}, {"id": demo::PARTNER_SAM}]});
    t.post(&format!("{OA}/trustees"), &a.acme, two)
        .await
        .expect(200);
    t.put(
        &format!(
            "{OA}/trustors/{}/groups/{}",
            demo::ACME,
            demo::PARTNER_SUPPORT_GROUP
        ),
        &a.partner,
        json!(null),
    )
    .await
    .expect_error(400, codes::MAX_ENTITY_COUNT_REACHED);
    t.post(
        &format!("{OA}/trustees/{}/groups", demo::PARTNER),
        &a.acme,
        json!({"id": demo::PARTNER_SUPPORT_GROUP}),
    )
    .await
    .expect_error(400, codes::MAX_ENTITY_COUNT_REACHED);
}
