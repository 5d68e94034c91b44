//! "Why was I refused" (emulator mode): every 403, and the 401 of a cross-organization token
//! whose trust no longer stands, explain in `details` the requirement, the caller, the trust it
//! acts through and each grant considered with the reason it did not match. Outside emulator
//! mode the same refusals carry no details.

use orgtrust_api::codes;
use serde_json::{json, Value};

use crate::helpers::{demo, Reply, TestApp};
use crate::orgauthorization_support::{acme_trusts_partner, OA};
use crate::trust_sign_in::{token_in, PAT_PASSWORD};

const EMIL: (&str, &str) = ("emil@acme.example", "Acme-emea-1!");

fn details(r: &Reply) -> &Vec<Value> {
    r.body["details"].as_array().expect("details")
}

/// The summary (first entry), checked for its code.
fn summary(r: &Reply) -> &Value {
    let s = &details(r)[0];
    assert_eq!(s["errorCode"], "why.refused", "{}", r.text);
    s
}

/// The grant entries whose role is `role`.
fn grants_of<'a>(r: &'a Reply, role: &str) -> Vec<&'a Value> {
    details(r)[1..]
        .iter()
        .filter(|d| d["entityId"] == role)
        .collect()
}

fn field(d: &Value) -> &str {
    d["fieldName"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_user_lacking_the_permission_sees_its_grants_and_why_none_covers_it() {
    let t = TestApp::spawn_emulator(None).await;
    let emil = t.acme_user_token(EMIL.0, EMIL.1).await;
    let r = t
        .get(&format!("{OA}/trustees"), &emil)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    let s = summary(&r);
    assert_eq!(s["entityId"], demo::ACME);
    assert!(
        field(s).starts_with("ANY [authorization:orgTrustee:view"),
        "{}",
        r.text
    );
    let name = s["entityName"].as_str().expect("sentence");
    assert!(name.contains("user Emil Europe"), "{name}");
    assert!(name.contains("acting in its own organization"), "{name}");
    assert!(name.contains("1 grant(s) considered"), "{name}");
    // Emil's one grant: User Viewer in EMEA, whose patterns do not cover the permission.
    assert_eq!(details(&r).len(), 2, "{}", r.text);
    let g = grants_of(&r, demo::ACME_USER_VIEWER_ROLE);
    assert_eq!(g.len(), 1, "{}", r.text);
    assert_eq!(g[0]["errorCode"], "why.permission.not.covered");
    assert_eq!(g[0]["entityName"], "User Viewer");
    let f = field(g[0]);
    assert!(f.starts_with("via=user;"), "{f}");
    assert!(f.contains("permissions=[directory:user:view"), "{f}");
    assert!(
        f.contains(&format!("division={} (EMEA)", demo::ACME_EMEA)),
        "{f}"
    );
}

#[tokio::test]
async fn a_user_with_the_permission_in_another_division_is_told_the_division() {
    let t = TestApp::spawn_emulator(None).await;
    let emil = t.acme_user_token(EMIL.0, EMIL.1).await;
    let r = t
        .get(&format!("/api/v2/users/{}", demo::ACME_ANN), &emil)
        .await
        .expect_error(403, codes::MISSING_DIVISION_PERMISSION);
    let s = summary(&r);
    assert_eq!(
        field(s),
        format!("directory:user:view in division {} (Home)", demo::ACME_HOME)
    );
    let g = grants_of(&r, demo::ACME_USER_VIEWER_ROLE);
    assert_eq!(g.len(), 1, "{}", r.text);
    assert_eq!(g[0]["errorCode"], "why.division.not.granted", "{}", r.text);
    assert!(field(g[0]).contains("(EMEA)"), "{}", r.text);
}

#[tokio::test]
async fn a_trustee_whose_trust_is_disabled_then_expired_is_told_which_trust_and_why() {
    let t = TestApp::spawn_emulator(None).await;
    let a = acme_trusts_partner(&t).await;
    let trustee = format!("{OA}/trustees/{}", demo::PARTNER);
    let probe = format!("/api/v2/users/{}", demo::ACME_EMIL);

    let pat = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    t.get(&probe, &pat).await.expect(200);
    t.put(&trustee, &a.acme, json!({"enabled": false}))
        .await
        .expect(200);
    let r = t
        .get(&probe, &pat)
        .await
        .expect_error(401, codes::CREDENTIALS_EXPIRED);
    let s = summary(&r);
    assert_eq!(s["fieldName"], "trust");
    assert_eq!(s["entityId"], demo::ACME);
    let name = s["entityName"].as_str().expect("sentence");
    assert!(name.contains("enabled=false"), "{name}");
    assert!(name.contains("the trust is disabled"), "{name}");
    let g = grants_of(&r, demo::ACME_USER_VIEWER_ROLE);
    assert!(!g.is_empty(), "{}", r.text);
    assert!(
        g.iter().all(|d| d["errorCode"] == "why.trust.disabled"),
        "{}",
        r.text
    );
    assert!(field(g[0]).starts_with("via=trust user;"), "{}", r.text);

    let at = chrono::Utc::now() + t.clock.offset() + chrono::Duration::seconds(30);
    let at_text = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    t.put(
        &trustee,
        &a.acme,
        json!({"enabled": true, "dateExpired": at_text}),
    )
    .await
    .expect(200);
    let pat = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    t.clock.advance(chrono::Duration::seconds(31));
    let r = t
        .get(&probe, &pat)
        .await
        .expect_error(401, codes::CREDENTIALS_EXPIRED);
    let name = summary(&r)["entityName"].as_str().expect("sentence");
    assert!(name.contains("enabled=true"), "{name}");
    assert!(name.contains("the trust has expired"), "{name}");
    let g = grants_of(&r, demo::ACME_USER_VIEWER_ROLE);
    assert!(!g.is_empty(), "{}", r.text);
    assert!(
        g.iter().all(|d| d["errorCode"] == "why.trust.expired"),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn a_trustee_whose_trust_grants_a_role_without_the_permission_sees_the_trust_grants() {
    let t = TestApp::spawn_emulator(None).await;
    acme_trusts_partner(&t).await;
    let pat = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    let r = t
        .get(&format!("{OA}/trustees"), &pat)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    let name = summary(&r)["entityName"].as_str().expect("sentence");
    assert!(name.contains("user Pat"), "{name}");
    assert!(name.contains("through the trust Acme Corp"), "{name}");
    assert!(name.contains("gives Partner Co"), "{name}");
    assert!(name.contains("enabled=true, never expires"), "{name}");
    // The trust's grant (User Viewer) does not cover the permission...
    let g = grants_of(&r, demo::ACME_USER_VIEWER_ROLE);
    assert!(!g.is_empty(), "{}", r.text);
    assert!(g
        .iter()
        .all(|d| d["errorCode"] == "why.permission.not.covered"));
    assert!(
        g.iter().any(|d| field(d).starts_with("via=trust user;")),
        "{}",
        r.text
    );
    // ...and Pat's home Admin role (which would) is not granted by the trust.
    let home: Vec<&Value> = details(&r)[1..]
        .iter()
        .filter(|d| d["errorCode"] == "why.not.granted.by.trust")
        .collect();
    assert_eq!(home.len(), 1, "{}", r.text);
    assert_eq!(home[0]["entityName"], "Admin");
    assert!(
        field(home[0]).contains(&format!("org={}", demo::PARTNER)),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn outside_emulator_mode_refusals_carry_no_explanation() {
    let t = TestApp::spawn().await;
    let emil = t.acme_user_token(EMIL.0, EMIL.1).await;
    let r = t
        .get(&format!("{OA}/trustees"), &emil)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    assert!(details(&r).is_empty(), "{}", r.text);
    let r = t
        .get(&format!("/api/v2/users/{}", demo::ACME_ANN), &emil)
        .await
        .expect_error(403, codes::MISSING_DIVISION_PERMISSION);
    assert!(details(&r).is_empty(), "{}", r.text);

    let a = acme_trusts_partner(&t).await;
    let pat = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    let r = t
        .get(&format!("{OA}/trustees"), &pat)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    assert!(details(&r).is_empty(), "{}", r.text);
    t.put(
        &format!("{OA}/trustees/{}", demo::PARTNER),
        &a.acme,
        json!({"enabled": false}),
    )
    .await
    .expect(200);
    let r = t
        .get(&format!("/api/v2/users/{}", demo::ACME_EMIL), &pat)
        .await
        .expect_error(401, codes::CREDENTIALS_EXPIRED);
    assert!(details(&r).is_empty(), "{}", r.text);
}

#[tokio::test]
async fn a_grant_taken_away_by_the_oauth_scopes_is_named_as_such() {
    let t = TestApp::spawn_emulator(None).await;
    let admin = t.acme_admin().await;
    let created = t
        .post(
            "/api/v2/oauth/clients",
            &admin,
            json!({"name": "Scoped", "authorizedGrantType": "CLIENT-CREDENTIALS",
                   "roleIds": [demo::ACME_ADMIN_ROLE], "scope": ["organization:readonly"]}),
        )
        .await
        .expect(200);
    let id = created.body["id"].as_str().expect("id").to_owned();
    let secret = created.body["secret"].as_str().expect("secret").to_owned();
    let scoped = t.client_token(&id, &secret).await;
    t.put(
        "/api/v2/organizations/enforcescopes",
        &admin,
        json!({"enforceScopes": true}),
    )
    .await
    .expect(200);
    let r = t
        .get("/api/v2/organizations/authentication/settings", &scoped)
        .await
        .expect_error(403, codes::NOT_AUTHORIZED);
    let name = summary(&r)["entityName"].as_str().expect("sentence");
    assert!(name.contains("client Scoped"), "{name}");
    // The Admin role covers the permission; the token's scopes take it away.
    let g = grants_of(&r, demo::ACME_ADMIN_ROLE);
    assert_eq!(g.len(), 1, "{}", r.text);
    assert_eq!(g[0]["errorCode"], "why.scope.excluded", "{}", r.text);
    assert!(field(g[0]).starts_with("via=client;"), "{}", r.text);
}
