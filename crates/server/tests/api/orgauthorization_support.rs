//! Shared setup of the Organization Authorization tests: a pairing made by Partner Co and the
//! trust Acme Corp creates from it.

use serde_json::{json, Value};

use crate::helpers::{demo, TestApp};

/// The API group's root.
pub const OA: &str = "/api/v2/orgauthorization";

/// Acme's and Partner's admin tokens.
pub struct Admins {
    pub acme: String,
    pub partner: String,
}

/// Both admin tokens.
pub async fn admins(t: &TestApp) -> Admins {
    Admins {
        acme: t.acme_admin().await,
        partner: t.partner_admin().await,
    }
}

/// Partner Co pairs Pat and the Partner Support group; returns the pairing id.
pub async fn partner_pairing(t: &TestApp, partner: &str) -> String {
    let reply = t
        .post(
            &format!("{OA}/pairings"),
            partner,
            json!({"userIds": [demo::PARTNER_PAT], "groupIds": [demo::PARTNER_SUPPORT_GROUP]}),
        )
        .await
        .expect(200);
    reply.body["id"].as_str().expect("pairing id").to_owned()
}

/// The body of a trust Acme creates from `pairing`: Pat gets User Viewer everywhere, Partner
/// Support gets User Viewer in EMEA.
pub fn trust_body(pairing: &str) -> Value {
    json!({
        "pairingId": pairing,
        "enabled": true,
        "users": [{"id": demo::PARTNER_PAT, "roleIds": [demo::ACME_USER_VIEWER_ROLE]}],
        "groups": [{"id": demo::PARTNER_SUPPORT_GROUP,
                    "roleDivisions": {"grants": [{"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": demo::ACME_EMEA}]}}]
    })
}

/// Acme trusts Partner Co (Pat and Partner Support as members); returns the admins.
pub async fn acme_trusts_partner(t: &TestApp) -> Admins {
    let a = admins(t).await;
    let pairing = partner_pairing(t, &a.partner).await;
    t.post(&format!("{OA}/trustees"), &a.acme, trust_body(&pairing))
        .await
        .expect(200);
    a
}

/// Pat's own token (password grant through Partner's client).
pub async fn pat(t: &TestApp) -> String {
    t.password_token(
        ("partner-admin", "partner-admin-secret"),
        "pat@partner.example",
        "Partner-pat-1!",
    )
    .await
}

/// Sam's own token (a member of Partner Support, no roles in Partner).
pub async fn sam(t: &TestApp) -> String {
    t.password_token(
        ("partner-admin", "partner-admin-secret"),
        "sam@partner.example",
        "Partner-sam-1!",
    )
    .await
}
