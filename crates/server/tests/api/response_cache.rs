//! The kept answers of `GET /trustees` and `GET /organizations/me` (response_cache.rs): after
//! every write that changes what they show, the next read shows it, whoever wrote it.

use serde_json::{json, Value};

use crate::helpers::{demo, TestApp};
use crate::orgauthorization_support::{acme_trusts_partner, OA};

/// Casey, Customer Care's user.
const CASEY: &str = "c0000000-0000-4000-8000-000000000031";

async fn trustees(t: &TestApp, token: &str, query: &str) -> Value {
    t.get(&format!("{OA}/trustees{query}"), token)
        .await
        .expect(200)
        .body
}

fn names(listing: &Value) -> Vec<String> {
    listing["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| e["organization"]["name"].as_str().expect("name").to_owned())
        .collect()
}

#[tokio::test]
async fn the_trustees_page_follows_every_change_it_shows() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let care = t.client_token("care-admin", "care-admin-secret").await;
    let pairing = t
        .post(
            &format!("{OA}/pairings"),
            &care,
            json!({"userIds": [CASEY]}),
        )
        .await
        .expect(200)
        .body["id"]
        .as_str()
        .expect("pairing")
        .to_owned();
    t.post(
        &format!("{OA}/trustees"),
        &a.acme,
        json!({"pairingId": pairing, "enabled": true,
               "users": [{"id": CASEY, "roleIds": [demo::ACME_USER_VIEWER_ROLE]}]}),
    )
    .await
    .expect(200);

    let first = trustees(&t, &a.acme, "").await;
    assert_eq!(names(&first), ["Customer Care", "Partner Co"]);
    // Read again (the kept answer): the same bytes' worth.
    assert_eq!(trustees(&t, &a.acme, "").await, first);
    let one = trustees(&t, &a.acme, "?pageSize=1&pageNumber=2").await;
    assert_eq!(names(&one), ["Partner Co"]);

    // A trustee renames itself: Acme's page shows the new name, in its new place, on every
    // page size that was read before.
    t.rename_org(&a.partner, "Aardvark Partners").await;
    assert_eq!(
        names(&trustees(&t, &a.acme, "").await),
        ["Aardvark Partners", "Customer Care"]
    );
    assert_eq!(
        names(&trustees(&t, &a.acme, "?pageSize=1&pageNumber=2").await),
        ["Customer Care"]
    );
    // The renamed organization's own `organizations/me`, read before, shows the new name too.
    let me = t
        .get("/api/v2/organizations/me", &a.partner)
        .await
        .expect(200);
    assert_eq!(me.body["name"], "Aardvark Partners");

    // Disabling the trust.
    t.put(
        &format!("{OA}/trustees/{}", demo::PARTNER),
        &a.acme,
        json!({"enabled": false}),
    )
    .await
    .expect(200);
    let page = trustees(&t, &a.acme, "").await;
    assert_eq!(page["entities"][0]["enabled"], false);

    // Deleting it.
    t.delete(&format!("{OA}/trustees/{}", demo::PARTNER), &a.acme)
        .await
        .expect(204);
    let page = trustees(&t, &a.acme, "").await;
    assert_eq!(page["total"], 1);
    assert_eq!(names(&page), ["Customer Care"]);

    // Each organization has its own answer.
    assert_eq!(trustees(&t, &a.partner, "").await["total"], 0);
}

#[tokio::test]
async fn a_kept_answer_is_still_checked_and_admitted() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let listing = trustees(&t, &a.acme, "").await;
    assert_eq!(listing["total"], 1);
    // Emil (User Viewer) may not list trustees, kept answer or not.
    let emil = t
        .password_token(
            ("acme-admin", "acme-admin-secret"),
            "emil@acme.example",
            "Acme-emea-1!",
        )
        .await;
    t.get(&format!("{OA}/trustees"), &emil)
        .await
        .expect_error(403, orgtrust_api::codes::MISSING_ANY_PERMISSIONS);
    // A bad page size is refused before any lookup.
    t.get(&format!("{OA}/trustees?pageSize=0"), &a.acme)
        .await
        .expect_error(400, orgtrust_api::codes::INVALID_VALUE);
}
