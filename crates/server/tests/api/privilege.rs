//! Who may grant what (core::escalation): the organization's division-aware role management,
//! and the server's `--no-privilege-escalation`. By default, as Genesys, `grant:add` alone may
//! grant Admin (tested in `authorization`).

use orgtrust_api::codes;
use serde_json::json;

use crate::helpers::{demo, TestApp, DEMO};
use crate::orgauthorization_support::{acme_trusts_partner, pat, OA};
use crate::trust_sign_in::exchange;

const PASSWORD: &str = "Delegate-pass-1!";

/// A role with `permissions`, granted to a new Acme user in `division`; the user's token.
async fn delegate(
    t: &TestApp,
    admin: &str,
    n: u32,
    permissions: &[&str],
    division: &str,
) -> (String, String, String) {
    let role = t
        .post(
            "/api/v2/authorization/roles",
            admin,
            json!({"name": format!("Delegate {n}"), "permissions": permissions}),
        )
        .await
        .expect(200)
        .body["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let email = format!("delegate{n}@acme.example");
    let user = t
        .create_acme_user(
            admin,
            &format!("Delegate {n}"),
            &email,
            PASSWORD,
            demo::ACME_HOME,
        )
        .await;
    t.post(
        &format!("/api/v2/authorization/subjects/{user}/bulkadd"),
        admin,
        json!({"grants": [{"roleId": role, "divisionId": division}]}),
    )
    .await
    .expect(204);
    let token = t.acme_user_token(&email, PASSWORD).await;
    (user, role, token)
}

fn grant(role: &str, division: &str) -> serde_json::Value {
    json!({"grants": [{"roleId": role, "divisionId": division}]})
}

#[tokio::test]
async fn division_aware_role_management_needs_grant_add_in_the_division() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let (_, _, token) =
        delegate(&t, &admin, 1, &["authorization:grant:add"], demo::ACME_EMEA).await;
    let emil = format!("/api/v2/authorization/subjects/{}/bulkadd", demo::ACME_EMIL);
    // Off (the default, as Genesys): grant:add in EMEA grants in Home too.
    t.post(
        &emil,
        &token,
        grant(demo::ACME_USER_VIEWER_ROLE, demo::ACME_HOME),
    )
    .await
    .expect(204);
    t.patch(
        "/api/v2/organizations/features/divisionAwareRoleManagement",
        &admin,
        json!({"enabled": true}),
    )
    .await
    .expect(200);
    // On: only where grant:add is held.
    let refused = t
        .post(&emil, &token, grant(demo::ACME_ADMIN_ROLE, demo::ACME_HOME))
        .await
        .expect_error(403, codes::MISSING_DIVISION_PERMISSION);
    assert!(
        refused.text.contains("authorization:grant:add"),
        "{}",
        refused.text
    );
    t.post(&emil, &token, grant(demo::ACME_ADMIN_ROLE, "*"))
        .await
        .expect_error(403, codes::NOT_AUTHORIZED);
    t.post(&emil, &token, grant(demo::ACME_ADMIN_ROLE, demo::ACME_EMEA))
        .await
        .expect(204);
    // A grant the subject already holds is no new grant: saving it again is allowed.
    t.post(
        &emil,
        &token,
        grant(demo::ACME_USER_VIEWER_ROLE, demo::ACME_HOME),
    )
    .await
    .expect(204);
}

#[tokio::test]
async fn without_escalation_a_caller_grants_and_edits_only_what_it_holds() {
    let settings = orgtrust_core::Settings {
        no_privilege_escalation: true,
        ..orgtrust_core::Settings::default()
    };
    let t = TestApp::spawn_configured(DEMO, settings).await;
    let admin = t.acme_admin().await;
    // grant:add alone cannot make itself Admin.
    let (me, own_role, granter) = delegate(
        &t,
        &admin,
        1,
        &["authorization:grant:add", "directory:user:view"],
        "*",
    )
    .await;
    let bulkadd = format!("/api/v2/authorization/subjects/{me}/bulkadd");
    let refused = t
        .post(&bulkadd, &granter, grant(demo::ACME_ADMIN_ROLE, "*"))
        .await
        .expect_error(403, codes::NOT_AUTHORIZED);
    assert!(refused.text.contains("escalation"), "{}", refused.text);
    // Nor through PUT users/{id}/roles.
    t.put(
        &format!("/api/v2/users/{me}/roles"),
        &granter,
        json!([demo::ACME_ADMIN_ROLE]),
    )
    .await
    .expect_error(403, codes::NOT_AUTHORIZED);
    // A role whose permissions it holds there: granted.
    t.post(
        &format!("/api/v2/authorization/subjects/{}/bulkadd", demo::ACME_EMIL),
        &granter,
        grant(&own_role, demo::ACME_EMEA),
    )
    .await
    .expect(204);

    // role:edit alone cannot widen its own role to everything.
    let (_, editor_role, editor) = delegate(
        &t,
        &admin,
        2,
        &["authorization:role:edit", "authorization:role:view"],
        "*",
    )
    .await;
    let refused = t
        .patch(
            &format!("/api/v2/authorization/roles/{editor_role}"),
            &editor,
            json!({"permissions": ["*"]}),
        )
        .await
        .expect_error(403, codes::NOT_AUTHORIZED);
    assert!(refused.text.contains("[*]"), "{}", refused.text);
    // Removing, or keeping what it holds, is allowed.
    t.patch(
        &format!("/api/v2/authorization/roles/{editor_role}"),
        &editor,
        json!({"permissions": ["authorization:role:edit", "authorization:role:view"]}),
    )
    .await
    .expect(200);
    // The organization's Admin keeps full power.
    t.post(&bulkadd, &admin, grant(demo::ACME_ADMIN_ROLE, "*"))
        .await
        .expect(204);
}

#[tokio::test]
async fn without_escalation_a_trustee_cannot_grant_itself_admin_in_the_trustor() {
    let settings = orgtrust_core::Settings {
        no_privilege_escalation: true,
        ..orgtrust_core::Settings::default()
    };
    let t = TestApp::spawn_configured(DEMO, settings).await;
    let a = acme_trusts_partner(&t).await;
    let editor = t
        .post(
            "/api/v2/authorization/roles",
            &a.acme,
            json!({"name": "Trustee Editor", "permissions": ["authorization:orgTrusteeUser:edit", "authorization:orgTrusteeUser:view", "authorization:orgTrustee:view"]}),
        )
        .await
        .expect(200)
        .body["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let pat_roles = format!(
        "{OA}/trustees/{}/users/{}/roles",
        demo::PARTNER,
        demo::PARTNER_PAT
    );
    t.put(&pat_roles, &a.acme, json!([editor]))
        .await
        .expect(200);
    let in_acme = exchange(&t, &pat(&t).await, &[("target", demo::ACME)])
        .await
        .expect(200)
        .body["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let refused = t
        .put(&pat_roles, &in_acme, json!([editor, demo::ACME_ADMIN_ROLE]))
        .await
        .expect_error(403, codes::NOT_AUTHORIZED);
    assert!(
        refused.text.contains(demo::ACME_ADMIN_ROLE),
        "{}",
        refused.text
    );
    // What it holds, it may keep.
    t.put(&pat_roles, &in_acme, json!([editor]))
        .await
        .expect(200);
}
