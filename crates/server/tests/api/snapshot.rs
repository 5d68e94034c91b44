//! `GET`/`POST /_orgtrust/snapshot`: a state built through the API, exported from one server and
//! imported into a fresh one, answers every listing (every GET of the operation table) and the
//! audit queries the same; a broken document changes nothing; secrets never leave in clear.

use std::collections::BTreeMap;

use orgtrust_api::codes;
use orgtrust_server::operations::{DIRECTORY, REFERENCE};
use serde_json::{json, Value};

use crate::helpers::{demo, TestApp};
use crate::orgauthorization_support::{acme_trusts_partner, partner_pairing, OA};

const SNAPSHOT: &str = "/_orgtrust/snapshot";
const CR: &str = "/api/v2/organizations/limits/changerequests";

/// Ids of the state built by [`build`], substituted into path templates.
struct Built {
    pairing: String,
    user: String,
    group: String,
    change_request: String,
}

/// Trusts, pairings, trustee users and groups with roles per division, a clone, the Care trust,
/// changed settings, a migration, an implemented limit change request, and their audit events.
async fn build(t: &TestApp) -> Built {
    let a = acme_trusts_partner(t).await;
    // A second pairing, never used.
    let pairing = partner_pairing(t, &a.partner).await;
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
    .expect(200);
    t.post(
        &format!("{OA}/trustees/default?assignDefaultRole=true&autoExpire=true"),
        &a.acme,
        json!(null),
    )
    .await
    .expect(200);
    t.patch(
        "/api/v2/organizations/authentication/settings",
        &a.acme,
        json!({"domainAllowlistEnabled": true, "domainAllowlist": ["acme.example"]}),
    )
    .await
    .expect(200);
    t.put(
        "/api/v2/organizations/passwordrequirements",
        &a.acme,
        json!({"minimumLength": 12}),
    )
    .await
    .expect(200);
    t.put(
        "/api/v2/organizations/ipaddressauthentication",
        &a.partner,
        json!({"networkWhitelist": ["127.0.0.0/8", "203.0.113.0/24"]}),
    )
    .await
    .expect(200);
    t.patch(
        "/api/v2/organizations/migrations/divisionAwareTrustees",
        &a.acme,
        json!({"enabled": false}),
    )
    .await
    .expect(200);
    let user = t
        .create_acme_user(
            &a.acme,
            "Nora New",
            "nora@acme.example",
            "Acme-nora-12!x",
            demo::ACME_EMEA,
        )
        .await;
    let group = t
        .post(
            "/api/v2/groups",
            &a.acme,
            json!({"name": "Night Shift", "type": "official", "visibility": "public",
                   "rulesVisible": true}),
        )
        .await
        .expect(200)
        .body["id"]
        .as_str()
        .expect("group id")
        .to_owned();
    t.post(
        &format!("/api/v2/groups/{group}/members"),
        &a.acme,
        json!({"memberIds": [user], "version": 1}),
    )
    .await
    .expect(202);
    let operator = t
        .client_token("platform-operator", "platform-operator-secret")
        .await;
    let cr = t
        .post(
            CR,
            &operator,
            json!({"key": "org.app.user.rate.per.minute", "namespace": "platform.api",
                   "requestedValue": 600, "description": "load test",
                   "supportCaseUrl": "https://support.example/1"}),
        )
        .await
        .expect(200)
        .body["id"]
        .as_str()
        .expect("request id")
        .to_owned();
    for status in [
        "Pending",
        "Approved",
        "ImplementingChange",
        "ChangeImplemented",
    ] {
        t.patch(&format!("{CR}/{cr}"), &operator, json!({"status": status}))
            .await
            .expect(200);
    }
    // Pat acts in Acme through the trust: events of a trustee user in the trustor.
    let pat_in_acme =
        crate::trust_sign_in::token_in(t, "pat@partner.example", "Partner-pat-1!", demo::ACME)
            .await;
    t.post(
        "/api/v2/groups",
        &pat_in_acme,
        json!({"name": "Made by Pat", "type": "official", "visibility": "public",
               "rulesVisible": true}),
    )
    .await
    .expect(403);
    Built {
        pairing,
        user,
        group,
        change_request: cr,
    }
}

/// The export without its informative `exportedAt`.
async fn export(t: &TestApp) -> Value {
    let mut doc = t
        .call(reqwest::Method::GET, SNAPSHOT, None, None)
        .await
        .expect(200)
        .body;
    doc.as_object_mut().expect("object").remove("exportedAt");
    doc
}

async fn import(t: &TestApp, doc: &Value) -> crate::helpers::Reply {
    t.call(reqwest::Method::POST, SNAPSHOT, None, Some(doc.clone()))
        .await
}

/// A template's path with every `{param}` replaced; a parameter nobody planned for fails the
/// test, so a new route is never skipped silently.
fn fill(template: &str, b: &Built) -> String {
    let ids: BTreeMap<&str, &str> = [
        ("requestId", b.change_request.as_str()),
        ("namespaceName", "platform.api"),
        ("migrationName", "divisionAwareTrustees"),
        ("pairingId", b.pairing.as_str()),
        ("trusteeOrgId", demo::PARTNER),
        ("trustorOrgId", demo::ACME),
        ("trusteeGroupId", demo::PARTNER_SUPPORT_GROUP),
        ("trustorGroupId", demo::PARTNER_SUPPORT_GROUP),
        ("trusteeUserId", demo::PARTNER_PAT),
        ("userId", b.user.as_str()),
        ("subjectId", b.user.as_str()),
        ("groupId", b.group.as_str()),
        ("roleId", demo::ACME_USER_VIEWER_ROLE),
        ("divisionId", demo::ACME_EMEA),
        ("clientId", "acme-admin"),
    ]
    .into_iter()
    .collect();
    let mut out = template.to_owned();
    while let Some(start) = out.find('{') {
        let end = out[start..].find('}').expect("closing brace") + start;
        let name = &out[start + 1..end];
        let id = ids
            .get(name)
            .unwrap_or_else(|| panic!("no id planned for {{{name}}} in {template}"));
        out.replace_range(start..=end, id);
    }
    out
}

/// Tokens of the callers whose views are compared: each organization's admin client, the
/// platform operator, and Pat (a trustee user).
async fn callers(t: &TestApp) -> Vec<(&'static str, String)> {
    vec![
        ("acme", t.acme_admin().await),
        ("partner", t.partner_admin().await),
        (
            "platform",
            t.client_token("platform-operator", "platform-operator-secret")
                .await,
        ),
        ("pat", crate::orgauthorization_support::pat(t).await),
    ]
}

/// What one caller sees of one operation. `/api/v2/tokens/me` describes the calling token
/// itself (issued by each server to its own caller), so its token-specific fields are left out.
async fn view(t: &TestApp, path: &str, token: &str) -> (u16, Value) {
    let r = t.get(path, token).await;
    let mut body = r.body;
    if let Some(o) = body.as_object_mut() {
        o.remove("contextId");
        if path == "/api/v2/tokens/me" {
            for volatile in ["dateCreated", "dateExpires", "id", "token"] {
                o.remove(volatile);
            }
        }
    }
    (r.status.as_u16(), body)
}

#[tokio::test]
async fn an_imported_snapshot_answers_every_listing_like_the_original() {
    let a = TestApp::spawn_emulator(None).await;
    let built = build(&a).await;
    let doc = export(&a).await;
    assert_eq!(doc["snapshotVersion"], 1);
    let text = doc.to_string();
    for secret in [
        "acme-admin-secret",
        "partner-admin-secret",
        "Partner-pat-1!",
        "Acme-nora-12!x",
    ] {
        assert!(!text.contains(secret), "the snapshot leaks {secret}");
    }
    assert!(text.contains("\"passwordHash\":\"$argon2"));
    assert!(text.contains("\"secretHash\":\"$argon2"));

    // A fresh server (its own database, the demo fixture loaded) takes the snapshot whole.
    let b = TestApp::spawn_emulator(None).await;
    let before = b.acme_admin().await;
    import(&b, &doc).await.expect(204);
    b.get("/api/v2/organizations/me", &before)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    assert_eq!(export(&b).await, doc, "the re-export differs");

    let (ca, cb) = (callers(&a).await, callers(&b).await);
    let mut compared = 0;
    for op in REFERENCE
        .iter()
        .chain(DIRECTORY)
        .filter(|o| o.method == "GET")
    {
        let mut path = fill(op.path, &built);
        if op.path == CR {
            // Its default window ends at the server's now: give both the same one.
            let now = a.app.clock().now().timestamp_millis();
            let day = 86_400_000;
            path.push_str(&format!("?after={}&before={}", now - 90 * day, now + day));
        }
        for ((who, ta), (_, tb)) in ca.iter().zip(&cb) {
            let (va, vb) = (view(&a, &path, ta).await, view(&b, &path, tb).await);
            assert_eq!(va, vb, "{who} GET {path} differs");
            compared += usize::from(va.0 == 200);
        }
    }
    assert!(compared > 100, "only {compared} successful views compared");

    // The audit queries of both sides.
    let trustees = json!({"trusteeOrganizationIds": [demo::PARTNER], "trusteeUserIds": [],
                          "facets": [{"name": "action", "type": "STRING"}]});
    let trustor = json!({"trustorOrganizationId": demo::ACME, "trusteeUserIds": []});
    for (path, body, who) in [
        (format!("{OA}/trustees/audits"), &trustees, 0),
        (format!("{OA}/trustor/audits"), &trustor, 1),
    ] {
        let ra = a.post(&path, &ca[who].1, body.clone()).await.expect(200);
        let rb = b.post(&path, &cb[who].1, body.clone()).await.expect(200);
        assert!(ra.body["total"].as_i64().unwrap_or(0) > 0, "{}", ra.text);
        assert_eq!(ra.body, rb.body, "POST {path} differs");
    }
}

#[tokio::test]
async fn a_broken_snapshot_changes_nothing() {
    let t = TestApp::spawn_emulator(None).await;
    build(&t).await;
    let token = t.acme_admin().await;
    let good = export(&t).await;

    // Broken in its last record, caught by validation: the path names it.
    let mut doc = good.clone();
    let events = doc["auditEvents"].as_array_mut().expect("events");
    let last = events.len() - 1;
    events[last]["id"] = events[0]["id"].clone();
    let r = import(&t, &doc)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(
        r.text.contains(&format!("auditEvents[{last}].id")),
        "{}",
        r.text
    );
    // A shape error names its path too.
    let mut doc = good.clone();
    doc["auditEvents"][last]["timestamp"] = json!("yesterday");
    let r = import(&t, &doc)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(
        r.text.contains(&format!("auditEvents[{last}]")),
        "{}",
        r.text
    );
    // Broken where only the database sees it (the last organization's last user takes an
    // e-mail already used in that organization): refused after the old state was deleted and
    // part of the new one written, in the same transaction, so all of it rolls back.
    let mut doc = good.clone();
    let orgs = doc["organizations"].as_array_mut().expect("orgs");
    let org = orgs
        .iter_mut()
        .rev()
        .find(|o| o["users"].as_array().is_some_and(|u| u.len() > 1))
        .expect("an organization with two users");
    let users = org["users"].as_array_mut().expect("users");
    let n = users.len();
    users[n - 1]["email"] = users[0]["email"].clone();
    users[n - 1]["state"] = users[0]["state"].clone();
    import(&t, &doc)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    // Wrong version; plain-text credentials.
    let mut doc = good.clone();
    doc["snapshotVersion"] = json!(99);
    import(&t, &doc)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    let mut doc = good.clone();
    doc["organizations"][0]["oauthClients"][0]["secretHash"] = json!("plain-secret");
    let r = import(&t, &doc)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(
        r.text
            .contains("organizations[0].oauthClients[0].secretHash"),
        "{}",
        r.text
    );

    // Values the server could not read back: an unknown state, an unknown permission.
    for (pointer, value, path) in [
        (
            "/organizations/0/users/0/state",
            json!("bogus"),
            "organizations[0].users[0].state",
        ),
        (
            "/organizations/0/roles/0/permissions/0",
            json!("nope:nope:nope"),
            "organizations[0].roles[0].permissions[0]",
        ),
    ] {
        let mut doc = good.clone();
        *doc.pointer_mut(pointer).expect(pointer) = value;
        let r = import(&t, &doc)
            .await
            .expect_error(400, codes::INVALID_VALUE);
        assert!(r.text.contains(path), "{}", r.text);
    }

    assert_eq!(export(&t).await, good, "a refused import changed the state");
    t.get("/api/v2/organizations/me", &token).await.expect(200);

    // A good import replaces the state and ends the old tokens.
    import(&t, &good).await.expect(204);
    t.get("/api/v2/organizations/me", &token)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    assert_eq!(export(&t).await, good);
}

#[tokio::test]
async fn the_snapshot_needs_the_emulator_and_the_operator_token() {
    let t = TestApp::spawn().await;
    t.call(reqwest::Method::GET, SNAPSHOT, None, None)
        .await
        .expect_error(404, codes::NOT_FOUND);
    let t = TestApp::spawn_emulator(Some("op")).await;
    t.call(reqwest::Method::GET, SNAPSHOT, None, None)
        .await
        .expect_error(401, codes::AUTHENTICATION_REQUIRED);
    let doc = t.get(SNAPSHOT, "op").await.expect(200).body;
    t.post(SNAPSHOT, "wrong", doc.clone())
        .await
        .expect_error(401, codes::AUTHENTICATION_REQUIRED);
    t.post(SNAPSHOT, "op", doc).await.expect(204);
}
