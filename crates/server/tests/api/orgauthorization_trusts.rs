//! `/api/v2/orgauthorization/trustees` and `/trustors`: one trust seen from both sides, enabling
//! and expiring, deleting (one, several, all or nothing) and what deleting takes with it.

use chrono::{Duration, Utc};
use orgtrust_api::codes;
use orgtrust_core::ids::{OrgId, UserId};
use orgtrust_core::store::{AuthzStore, DirectoryStore, TrustStore};
use serde_json::json;

use crate::helpers::{demo, TestApp};
use crate::orgauthorization_support::{acme_trusts_partner, pat, sam as sam_token, OA};

#[tokio::test]
async fn one_trust_shows_consistently_on_both_sides() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let trustee = t
        .get(&format!("{OA}/trustees/{}", demo::PARTNER), &a.acme)
        .await
        .expect(200);
    let trustor = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &a.partner)
        .await
        .expect(200);
    for reply in [&trustee, &trustor] {
        assert!(
            !reply.text.contains("null"),
            "no nulls on the wire: {}",
            reply.text
        );
    }
    let (trustee, trustor) = (trustee.body, trustor.body);
    assert_eq!(trustee["id"], demo::PARTNER);
    assert_eq!(trustee["organization"]["id"], demo::PARTNER);
    assert_eq!(trustee["organization"]["name"], "Partner Co");
    assert_eq!(trustee["usesDefaultRole"], false);
    assert_eq!(
        trustee["selfUri"],
        format!("{OA}/trustees/{}", demo::PARTNER)
    );
    assert_eq!(trustor["id"], demo::ACME);
    assert_eq!(trustor["organization"]["id"], demo::ACME);
    assert_eq!(trustor["selfUri"], format!("{OA}/trustors/{}", demo::ACME));
    for field in ["enabled", "dateCreated", "createdBy"] {
        assert_eq!(trustee[field], trustor[field], "{field}");
    }
    assert_eq!(trustee["createdBy"]["id"], "acme-admin");
    // A client-credentials caller holds nothing in the trustor.
    assert_eq!(trustor["authorization"]["permissions"], json!([]));
    // Listings, paged.
    let list = t
        .get(&format!("{OA}/trustees"), &a.acme)
        .await
        .expect(200)
        .body;
    assert_eq!(list["total"], 1);
    assert_eq!(list["entities"][0], trustee);
    let list = t
        .get(
            &format!("{OA}/trustors?pageSize=1&pageNumber=1"),
            &a.partner,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(list["total"], 1);
    assert_eq!(list["pageSize"], 1);
    assert_eq!(list["entities"][0]["id"], demo::ACME);
    // Each side sees only its own direction.
    let none = t
        .get(&format!("{OA}/trustors"), &a.acme)
        .await
        .expect(200)
        .body;
    assert_eq!(none["total"], 0);
    t.get(&format!("{OA}/trustees/{}", demo::ACME), &a.partner)
        .await
        .expect_error(404, codes::NOT_FOUND);
}

#[tokio::test]
async fn disabled_or_expired_trusts_grant_nothing_and_say_so_on_both_sides() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let pat = pat(&t).await;
    let mine = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &pat)
        .await
        .expect(200);
    assert_eq!(
        mine.body["authorization"]["permissions"],
        json!(["directory:group:view", "directory:user:view"])
    );
    // Sam holds the same through the Partner Support group (User Viewer in EMEA).
    let trust = t
        .store
        .trust(&OrgId::new(demo::ACME), &OrgId::new(demo::PARTNER))
        .await
        .expect("read")
        .expect("trust");
    let sam = t
        .app
        .orgauth
        .trust_grants_for_user(&trust, &UserId::new(demo::PARTNER_SAM))
        .await
        .expect("grants");
    assert_eq!(sam.len(), 1);
    assert_eq!(sam[0].division.as_key(), demo::ACME_EMEA);
    // Sam holds no role in Partner Co itself, so cannot read the trust there.
    t.get(
        &format!("{OA}/trustors/{}", demo::ACME),
        &sam_token(&t).await,
    )
    .await
    .expect_error(403, codes::MISSING_ANY_PERMISSIONS);

    let generation = t.store.authz_generation(&OrgId::new(demo::PARTNER));
    let off = t
        .put(
            &format!("{OA}/trustees/{}", demo::PARTNER),
            &a.acme,
            json!({"enabled": false}),
        )
        .await
        .expect(200);
    assert_eq!(off.body["enabled"], false);
    assert!(t.store.authz_generation(&OrgId::new(demo::PARTNER)) > generation);
    let seen = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &pat)
        .await
        .expect(200);
    assert_eq!(seen.body["enabled"], false);
    assert_eq!(seen.body["authorization"]["permissions"], json!([]));

    // Re-enabled with an expiry: in force until then, nothing after.
    let at = Utc::now() + Duration::days(1);
    let on = t
        .put(
            &format!("{OA}/trustees/{}", demo::PARTNER),
            &a.acme,
            json!({"enabled": true, "dateExpired": at.to_rfc3339()}),
        )
        .await
        .expect(200);
    assert!(on.body["dateExpired"].is_string());
    let their_view = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &a.partner)
        .await
        .expect(200);
    assert_eq!(their_view.body["dateExpired"], on.body["dateExpired"]);
    let seen = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &pat)
        .await
        .expect(200);
    assert_eq!(
        seen.body["authorization"]["permissions"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    t.clock.advance(Duration::days(2));
    let pat = crate::orgauthorization_support::pat(&t).await;
    let seen = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &pat)
        .await
        .expect(200);
    assert_eq!(seen.body["authorization"]["permissions"], json!([]));
    let acme = t.acme_admin().await;
    let shown = t
        .get(&format!("{OA}/trustees/{}", demo::PARTNER), &acme)
        .await
        .expect(200);
    assert_eq!(shown.body["dateExpired"], on.body["dateExpired"]);
    // `enabled` is required.
    t.put(
        &format!("{OA}/trustees/{}", demo::PARTNER),
        &acme,
        json!({}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);

    let events = t
        .app
        .audit
        .recent_audit_events(&OrgId::new(demo::ACME), 10)
        .await
        .expect("audit");
    let actions: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.entity_type.as_str(), e.action.as_str()))
        .collect();
    assert!(actions.contains(&("OrgTrustee", "disable")), "{actions:?}");
    assert!(actions.contains(&("OrgTrustee", "enable")), "{actions:?}");
    assert!(actions.contains(&("OrgTrustee", "create")), "{actions:?}");
}

#[tokio::test]
async fn deleting_a_trust_takes_its_members_grants_and_clones() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let clone = t
        .put(
            &format!(
                "{OA}/trustors/{}/clonedusers/{}",
                demo::ACME,
                demo::PARTNER_PAT
            ),
            &a.partner,
            json!(null),
        )
        .await
        .expect(200);
    let clone_id = UserId::new(clone.body["id"].as_str().expect("id"));
    let (acme, partner) = (OrgId::new(demo::ACME), OrgId::new(demo::PARTNER));
    assert!(t
        .store
        .user(&acme, &clone_id)
        .await
        .expect("read")
        .is_some());
    t.delete(&format!("{OA}/trustors/{}", demo::ACME), &a.partner)
        .await
        .expect(204);
    assert!(t
        .store
        .trust(&acme, &partner)
        .await
        .expect("read")
        .is_none());
    assert!(t
        .store
        .all_trust_members(&acme, &partner)
        .await
        .expect("read")
        .is_empty());
    assert!(t
        .store
        .cloned_users(&acme, &partner)
        .await
        .expect("read")
        .is_empty());
    assert!(t
        .store
        .user(&acme, &clone_id)
        .await
        .expect("read")
        .is_none());
    t.get(&format!("{OA}/trustees/{}", demo::PARTNER), &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    t.delete(&format!("{OA}/trustees/{}", demo::PARTNER), &a.acme)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let events = t
        .app
        .audit
        .recent_audit_events(&partner, 3)
        .await
        .expect("audit");
    assert_eq!(events[0].entity_type, "OrgTrustor");
    assert_eq!(events[0].action, "delete");
}

#[tokio::test]
async fn bulk_delete_is_all_or_nothing() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    // Acme also trusts Customer Care.
    t.post(&format!("{OA}/trustees/default"), &a.acme, json!(null))
        .await
        .expect(200);
    let unknown = "d0000000-0000-4000-8000-000000000001";
    let refused = t
        .delete(
            &format!("{OA}/trustees?id={},{unknown}", demo::PARTNER),
            &a.acme,
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(refused.body["message"]
        .as_str()
        .expect("message")
        .contains(unknown));
    let list = t.get(&format!("{OA}/trustees"), &a.acme).await.expect(200);
    assert_eq!(list.body["total"], 2);
    t.delete(&format!("{OA}/trustees"), &a.acme)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.delete(
        &format!("{OA}/trustees?id={}&id={}", demo::PARTNER, demo::CARE),
        &a.acme,
    )
    .await
    .expect(204);
    let list = t.get(&format!("{OA}/trustees"), &a.acme).await.expect(200);
    assert_eq!(list.body["total"], 0);

    // The trustee side too.
    let b = acme_trusts_partner(&t).await;
    t.delete(&format!("{OA}/trustors?id={}", demo::CARE), &b.partner)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.delete(&format!("{OA}/trustors?id={}", demo::ACME), &b.partner)
        .await
        .expect(204);
}

#[tokio::test]
async fn terminating_an_organization_ends_its_trusts_on_both_sides() {
    let t = TestApp::spawn_with(&crate::helpers::organization_fixture()).await;
    let a = acme_trusts_partner(&t).await;
    t.get(&format!("{OA}/trustors/{}", demo::ACME), &a.partner)
        .await
        .expect(200);
    let operator = t
        .client_token("acme-operator", "acme-operator-secret")
        .await;
    t.delete("/api/v2/organizations/me", &operator)
        .await
        .expect(204);
    // The trustee no longer sees the terminated trustor, and its listing is empty.
    t.get(&format!("{OA}/trustors/{}", demo::ACME), &a.partner)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let listing = t
        .get(&format!("{OA}/trustors"), &a.partner)
        .await
        .expect(200);
    assert_eq!(listing.body["total"], 0, "{}", listing.text);
}
