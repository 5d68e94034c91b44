//! Trustee users acting in the trustor organization: signing in there (password grant with
//! `target`, RFC 8693 token exchange), exactly the trust's grants, who-am-I from both sides,
//! divisions across organizations, clones, the trustor's IP allowlist and audit from both sides.

use orgtrust_api::codes;
use orgtrust_core::ids::OrgId;
use orgtrust_core::net::parse_cidr_list;
use orgtrust_core::Settings;
use serde_json::{json, Value};

use crate::helpers::{demo, read, Reply, TestApp, DEMO};
use crate::orgauthorization_support::{acme_trusts_partner, pat, OA};

/// The RFC 8693 grant type.
pub const EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
/// Pat's password.
pub const PAT_PASSWORD: &str = "Partner-pat-1!";
/// Sam's password.
pub const SAM_PASSWORD: &str = "Partner-sam-1!";
/// The partner client.
pub const PARTNER_CLIENT: (&str, &str) = ("partner-admin", "partner-admin-secret");

/// `grant_type=password&target=<org>` through Partner's client.
pub async fn sign_in_to(t: &TestApp, email: &str, password: &str, target: &str) -> Reply {
    t.token_request(
        Some(PARTNER_CLIENT),
        &[
            ("grant_type", "password"),
            ("username", email),
            ("password", password),
            ("target", target),
        ],
    )
    .await
}

/// The token of a successful sign-in to `target`.
pub async fn token_in(t: &TestApp, email: &str, password: &str, target: &str) -> String {
    let reply = sign_in_to(t, email, password, target).await.expect(200);
    reply.body["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

/// RFC 8693 exchange of `subject` for a token in `target` (no client authentication).
pub async fn exchange(t: &TestApp, subject: &str, extra: &[(&str, &str)]) -> Reply {
    let mut form = vec![("grant_type", EXCHANGE), ("subject_token", subject)];
    form.extend_from_slice(extra);
    t.token_request(None, &form).await
}

fn error_of(reply: &Reply) -> &str {
    reply.body["error"].as_str().unwrap_or("")
}

fn names(listing: &Value) -> Vec<String> {
    let mut names: Vec<String> = listing["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|u| u["name"].as_str().unwrap_or("").to_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn password_grant_with_target_acts_in_the_trustor_with_exactly_the_trust_grants() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let token = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;

    // User Viewer everywhere in Acme: Acme's users, not Partner's.
    let users = t.get("/api/v2/users", &token).await.expect(200).body;
    assert_eq!(names(&users), ["Ann Admin", "Emil Europe"]);
    t.get(&format!("/api/v2/users/{}", demo::ACME_ANN), &token)
        .await
        .expect(200);
    t.get(&format!("/api/v2/users/{}", demo::PARTNER_SAM), &token)
        .await
        .expect_error(404, codes::NOT_FOUND);
    // Nothing of Pat's home Admin role: no writes, no roles, no trusts.
    t.post(
        "/api/v2/users",
        &token,
        json!({"name": "Mallory", "email": "mallory@acme.example"}),
    )
    .await
    .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    t.get("/api/v2/authorization/roles", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    t.get(&format!("{OA}/trustees"), &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);

    // Who am I: acting in Acme, at home in Partner, through Partner's client.
    let me = t.get("/api/v2/tokens/me", &token).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::ACME);
    assert_eq!(me["organization"]["name"], "Acme Corp");
    assert_eq!(me["homeOrganization"]["id"], demo::PARTNER);
    assert_eq!(me["homeOrganization"]["name"], "Partner Co");
    assert_eq!(me["OAuthClient"]["id"], "partner-admin");
    assert!(me.get("clonedUser").is_none(), "{me}");

    // The trustee's side shows what Pat holds in Acme.
    let home = pat(&t).await;
    let trustor = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &home)
        .await
        .expect(200)
        .body;
    assert_eq!(
        trustor["authorization"]["permissions"],
        json!(["directory:group:view", "directory:user:view"])
    );
    // Pat's home token still acts at home with the home roles.
    let me = t.get("/api/v2/tokens/me", &home).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::PARTNER);
    t.get(&format!("{OA}/pairings/nothing"), &home)
        .await
        .expect_error(404, codes::NOT_FOUND);

    // A target naming the home organization is an ordinary sign-in.
    let plain = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::PARTNER).await;
    let me = t.get("/api/v2/tokens/me", &plain).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::PARTNER);
    drop(a);
}

#[tokio::test]
async fn sign_in_is_refused_with_a_clear_oauth_error_when_no_standing_trust_includes_the_user() {
    let t = TestApp::spawn().await;
    // No trust at all.
    let refused = sign_in_to(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    assert_eq!(refused.status.as_u16(), 400, "{}", refused.text);
    assert_eq!(error_of(&refused), "invalid_grant");
    assert!(
        refused.text.contains("does not trust"),
        "a clear description: {}",
        refused.text
    );
    // An unknown organization reads the same.
    let unknown = sign_in_to(&t, "pat@partner.example", PAT_PASSWORD, "nowhere").await;
    assert_eq!(error_of(&unknown), "invalid_grant", "{}", unknown.text);

    let a = acme_trusts_partner(&t).await;
    // A wrong password is refused before anything about the trust is said.
    let wrong = sign_in_to(&t, "pat@partner.example", "wrong", demo::ACME).await;
    assert_eq!(error_of(&wrong), "invalid_grant");
    assert!(
        wrong.text.contains("Invalid login credentials"),
        "{}",
        wrong.text
    );

    // Sam is included through Partner Support; out of the group, he is not.
    token_in(&t, "sam@partner.example", SAM_PASSWORD, demo::ACME).await;
    let group = format!("/api/v2/groups/{}", demo::PARTNER_SUPPORT_GROUP);
    t.delete(
        &format!("{group}/members?ids={}", demo::PARTNER_SAM),
        &a.partner,
    )
    .await
    .expect(202);
    let out = sign_in_to(&t, "sam@partner.example", SAM_PASSWORD, demo::ACME).await;
    assert_eq!(error_of(&out), "invalid_grant", "{}", out.text);
    assert!(out.text.contains("includes neither"), "{}", out.text);

    // A disabled trust, then an expired one.
    let trustee = format!("{OA}/trustees/{}", demo::PARTNER);
    t.put(&trustee, &a.acme, json!({"enabled": false}))
        .await
        .expect(200);
    let disabled = sign_in_to(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    assert!(disabled.text.contains("disabled"), "{}", disabled.text);
    let soon = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    t.put(
        &trustee,
        &a.acme,
        json!({"enabled": true, "dateExpired": soon}),
    )
    .await
    .expect(200);
    let token = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    t.clock.advance(chrono::Duration::hours(2));
    let expired = sign_in_to(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    assert!(expired.text.contains("expired"), "{}", expired.text);
    t.get("/api/v2/users", &token)
        .await
        .expect_error(401, codes::CREDENTIALS_EXPIRED);

    // Client credentials cannot act in another organization.
    let cc = t
        .token_request(
            Some(PARTNER_CLIENT),
            &[("grant_type", "client_credentials"), ("target", demo::ACME)],
        )
        .await;
    assert_eq!(cc.status.as_u16(), 400, "{}", cc.text);
    assert_eq!(error_of(&cc), "invalid_request");
}

#[tokio::test]
async fn token_exchange_turns_a_home_token_into_a_trustor_token() {
    let t = TestApp::spawn().await;
    acme_trusts_partner(&t).await;
    let home = pat(&t).await;

    let reply = exchange(&t, &home, &[("target", demo::ACME)])
        .await
        .expect(200);
    assert_eq!(
        reply.body["issued_token_type"],
        "urn:ietf:params:oauth:token-type:access_token"
    );
    assert_eq!(reply.body["token_type"], "bearer");
    let token = reply.body["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let me = t.get("/api/v2/tokens/me", &token).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::ACME);
    assert_eq!(me["homeOrganization"]["id"], demo::PARTNER);
    let users = t.get("/api/v2/users", &token).await.expect(200).body;
    assert_eq!(names(&users), ["Ann Admin", "Emil Europe"]);

    // `audience` (RFC 8693) works as well, with the type named, and the right client.
    let reply = t
        .token_request(
            Some(PARTNER_CLIENT),
            &[
                ("grant_type", EXCHANGE),
                ("subject_token", &home),
                (
                    "subject_token_type",
                    "urn:ietf:params:oauth:token-type:access_token",
                ),
                ("audience", demo::ACME),
            ],
        )
        .await
        .expect(200);
    assert!(reply.body["expires_in"].as_i64().expect("expires_in") <= 86_400);

    // Refusals.
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![], "invalid_request"),
        (
            vec![("target", demo::ACME), ("audience", demo::CARE)],
            "invalid_request",
        ),
        (
            vec![("target", demo::ACME), ("subject_token_type", "urn:x:jwt")],
            "invalid_request",
        ),
        (vec![("target", demo::CARE)], "invalid_target"),
        (vec![("target", demo::PARTNER)], "invalid_target"),
        (vec![("target", "nowhere")], "invalid_target"),
    ];
    for (extra, error) in cases {
        let r = exchange(&t, &home, &extra).await;
        assert_eq!(r.status.as_u16(), 400, "{extra:?}: {}", r.text);
        assert_eq!(error_of(&r), error, "{extra:?}: {}", r.text);
    }
    let garbage = exchange(&t, "not-a-token", &[("target", demo::ACME)]).await;
    assert_eq!(error_of(&garbage), "invalid_grant", "{}", garbage.text);
    // A cross-organization token cannot be exchanged again; nor a client's own token.
    let cross = exchange(&t, &token, &[("target", demo::ACME)]).await;
    assert_eq!(error_of(&cross), "invalid_grant", "{}", cross.text);
    let partner_admin = t.partner_admin().await;
    let client = exchange(&t, &partner_admin, &[("target", demo::ACME)]).await;
    assert_eq!(error_of(&client), "invalid_grant", "{}", client.text);
    // Another client's credentials do not go with Pat's token.
    let other = t
        .token_request(
            Some(("acme-admin", "acme-admin-secret")),
            &[
                ("grant_type", EXCHANGE),
                ("subject_token", &home),
                ("target", demo::ACME),
            ],
        )
        .await;
    assert_eq!(error_of(&other), "invalid_grant", "{}", other.text);
    // A revoked home token is refused.
    t.delete("/api/v2/tokens/me", &home).await.expect(204);
    let revoked = exchange(&t, &home, &[("target", demo::ACME)]).await;
    assert_eq!(error_of(&revoked), "invalid_grant", "{}", revoked.text);
}

#[tokio::test]
async fn a_viewer_of_the_trustors_emea_division_sees_only_emea_users() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    // Sam holds User Viewer in EMEA only, through Partner Support.
    let token = token_in(&t, "sam@partner.example", SAM_PASSWORD, demo::ACME).await;
    let users = t.get("/api/v2/users", &token).await.expect(200).body;
    assert_eq!(names(&users), ["Emil Europe"]);
    assert_eq!(users["total"], 1);
    t.get(&format!("/api/v2/users/{}", demo::ACME_EMIL), &token)
        .await
        .expect(200);
    t.get(&format!("/api/v2/users/{}", demo::ACME_ANN), &token)
        .await
        .expect_error(403, codes::MISSING_DIVISION_PERMISSION);
    let sam_home = crate::orgauthorization_support::sam(&t).await;
    let trustor = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &sam_home)
        .await;
    // Sam has no permission at home to read the trust; the partner admin's view has no user.
    assert_eq!(trustor.status.as_u16(), 403, "{}", trustor.text);
    let admin_view = t
        .get(&format!("{OA}/trustors/{}", demo::ACME), &a.partner)
        .await
        .expect(200)
        .body;
    assert_eq!(admin_view["authorization"]["permissions"], json!([]));
}

#[tokio::test]
async fn a_cloned_user_signs_in_the_same_way_and_carries_its_grants() {
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
        .expect(200)
        .body;
    let clone_id = clone["id"].as_str().expect("clone id").to_owned();
    let token = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    let me = t.get("/api/v2/tokens/me", &token).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::ACME);
    assert_eq!(me["homeOrganization"]["id"], demo::PARTNER);
    // The SDK's TokenInfoClonedUser: the original native user and its organization.
    assert_eq!(me["clonedUser"]["id"], demo::PARTNER_PAT);
    assert_eq!(me["clonedUser"]["organization"]["id"], demo::PARTNER);
    // The trust's grants, and what Acme grants the clone itself.
    t.get("/api/v2/users", &token).await.expect(200);
    t.get(&format!("{OA}/trustees"), &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    let auditor = t
        .get("/api/v2/authorization/roles?name=Trust%20Auditor", &a.acme)
        .await
        .expect(200)
        .body["entities"][0]["id"]
        .as_str()
        .expect("role")
        .to_owned();
    t.post(
        &format!("/api/v2/authorization/subjects/{clone_id}/bulkadd"),
        &a.acme,
        json!({"grants": [{"roleId": auditor, "divisionId": "*"}]}),
    )
    .await
    .expect(204);
    t.get(&format!("{OA}/trustees"), &token).await.expect(200);
    // The exchange finds the clone too.
    let home = pat(&t).await;
    let exchanged = exchange(&t, &home, &[("target", demo::ACME)])
        .await
        .expect(200);
    let exchanged = exchanged.body["access_token"].as_str().expect("token");
    let me = t.get("/api/v2/tokens/me", exchanged).await.expect(200).body;
    assert_eq!(me["clonedUser"]["id"], demo::PARTNER_PAT);
    // Deleting the clone ends the tokens that act through it.
    t.delete(
        &format!(
            "{OA}/trustors/{}/clonedusers/{}",
            demo::ACME,
            demo::PARTNER_PAT
        ),
        &a.partner,
    )
    .await
    .expect(204);
    t.get("/api/v2/users", &token)
        .await
        .expect_error(401, codes::CREDENTIALS_EXPIRED);
    // Signing in again works, without the clone.
    let token = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    let me = t.get("/api/v2/tokens/me", &token).await.expect(200).body;
    assert!(me.get("clonedUser").is_none(), "{me}");
}

#[tokio::test]
async fn the_trustors_ip_allowlist_governs_sign_in_and_requests() {
    let settings = Settings {
        trusted_proxies: parse_cidr_list("127.0.0.1/32").expect("cidr"),
        // The allowlist below keeps loopback in, as only the emulator accepts.
        loopback_in_allowlists: true,
        ..Settings::default()
    };
    let t = TestApp::spawn_configured(DEMO, settings).await;
    let a = acme_trusts_partner(&t).await;
    let inside = "198.51.100.7";
    let outside = "203.0.113.5";
    let token = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    let home = pat(&t).await;
    t.patch(
        "/api/v2/organizations/authentication/settings",
        &a.acme,
        json!({"ipAddressAllowlist": ["198.51.100.0/24", "127.0.0.1/32"]}),
    )
    .await
    .expect(200);
    let send = |from: &'static str, basic: bool, fields: Vec<(&'static str, String)>| {
        let mut req = t
            .http
            .post(format!("{}/oauth/token", t.base))
            .header("x-forwarded-for", from)
            .form(&fields);
        if basic {
            req = req.basic_auth(PARTNER_CLIENT.0, Some(PARTNER_CLIENT.1));
        }
        async move { read(req.send().await.expect("send")).await }
    };
    let password: Vec<(&str, String)> = vec![
        ("grant_type", "password".into()),
        ("username", "pat@partner.example".into()),
        ("password", PAT_PASSWORD.into()),
        ("target", demo::ACME.into()),
    ];
    let exchange_form: Vec<(&str, String)> = vec![
        ("grant_type", EXCHANGE.into()),
        ("subject_token", home.clone()),
        ("target", demo::ACME.into()),
    ];
    for (basic, fields) in [(true, password.clone()), (false, exchange_form.clone())] {
        let denied = send(outside, basic, fields.clone()).await;
        assert_eq!(denied.status.as_u16(), 403, "{}", denied.text);
        assert_eq!(error_of(&denied), "access_denied");
        assert!(denied.text.contains(outside), "{}", denied.text);
        let granted = send(inside, basic, fields).await;
        assert_eq!(granted.status.as_u16(), 200, "{}", granted.text);
    }
    // Requests with the existing token follow the trustor's list too.
    t.call_from(
        outside,
        reqwest::Method::GET,
        "/api/v2/users",
        Some(&token),
        None,
    )
    .await
    .expect_error(401, codes::IP_NOT_AUTHORIZED);
    t.call_from(
        inside,
        reqwest::Method::GET,
        "/api/v2/users",
        Some(&token),
        None,
    )
    .await
    .expect(200);
    // Pat's home token is not governed by Acme's list.
    t.call_from(
        outside,
        reqwest::Method::GET,
        "/api/v2/tokens/me",
        Some(&home),
        None,
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn actions_in_the_trustor_are_recorded_with_both_organizations() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    // Acme grants Pat its Admin role through the trust.
    t.put(
        &format!(
            "{OA}/trustees/{}/users/{}/roles",
            demo::PARTNER,
            demo::PARTNER_PAT
        ),
        &a.acme,
        json!([demo::ACME_ADMIN_ROLE]),
    )
    .await
    .expect(200);
    let token = token_in(&t, "pat@partner.example", PAT_PASSWORD, demo::ACME).await;
    let group = t
        .post(
            "/api/v2/groups",
            &token,
            json!({"name": "Made by Pat", "type": "official", "visibility": "public", "rulesVisible": true}),
        )
        .await
        .expect(200)
        .body;
    let group_id = group["id"].as_str().expect("id").to_owned();

    let acme_events = t
        .app
        .audit
        .recent_audit_events(&OrgId::new(demo::ACME), 1000)
        .await
        .expect("events");
    let created = acme_events
        .iter()
        .find(|e| e.entity_id == group_id && e.action == "create")
        .expect("the group's creation is audited in Acme");
    assert_eq!(created.org_id.as_str(), demo::ACME);
    assert_eq!(created.home_org_id.as_str(), demo::PARTNER);
    assert_eq!(created.actor.id, demo::PARTNER_PAT);
    assert_eq!(
        created.client_id.as_ref().map(|c| c.as_str()),
        Some("partner-admin")
    );
    // The sign-in itself is recorded the same way.
    assert!(
        acme_events.iter().any(|e| e.action == "login"
            && e.actor.id == demo::PARTNER_PAT
            && e.home_org_id.as_str() == demo::PARTNER),
        "the cross-organization login is audited in Acme"
    );
    // Only in Acme's trail as the acting organization: not in Partner's, not in Care's.
    for other in [demo::PARTNER, demo::CARE] {
        let events = t
            .app
            .audit
            .recent_audit_events(&OrgId::new(other), 1000)
            .await
            .expect("events");
        assert!(
            events.iter().all(|e| e.entity_id != group_id),
            "{other} does not see it as its own"
        );
    }
    // What the audits of both sides query: acting org = trustor, home org = trustee.
    let both: Vec<_> = acme_events
        .iter()
        .filter(|e| e.home_org_id.as_str() == demo::PARTNER)
        .collect();
    assert!(both.len() >= 2, "{both:?}");
    assert!(both.iter().all(|e| e.actor.id == demo::PARTNER_PAT));
}
