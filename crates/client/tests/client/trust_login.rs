//! The client's cross-organization logins against a live server: `login_password` with `target`
//! and `exchange_token` (both `audience` and `target`, Basic client authentication) give a token
//! acting in the trustor organization.

use orgtrust_api::{oauth_errors, TrustCreate, TrustMemberCreate, TrustRequestCreate};

use crate::helpers::{demo, TestApp};

const PAT: &str = "b0000000-0000-4000-8000-000000000031";
const USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";

#[tokio::test]
async fn a_trustee_user_logs_in_to_the_trustor_by_target_and_by_exchange() {
    let t = TestApp::spawn().await;
    let c = t.client();
    let refused = c
        .login_password(
            "partner-admin",
            "partner-admin-secret",
            "pat@partner.example",
            "Partner-pat-1!",
            Some(demo::ACME),
        )
        .await
        .expect_err("no trust yet");
    assert_eq!(refused.code(), Some(oauth_errors::INVALID_GRANT));

    let partner = t.partner_admin().await;
    let pairing = partner
        .post_orgauthorization_pairings(&TrustRequestCreate {
            user_ids: Some(vec![PAT.to_owned()]),
            group_ids: None,
        })
        .await
        .expect("pairing");
    t.acme_admin()
        .await
        .post_orgauthorization_trustees(&TrustCreate {
            pairing_id: pairing.id.clone(),
            enabled: Some(true),
            users: Some(vec![TrustMemberCreate {
                id: Some(PAT.to_owned()),
                role_ids: Some(vec![USER_VIEWER.to_owned()]),
                role_divisions: None,
            }]),
            ..TrustCreate::default()
        })
        .await
        .expect("trust");

    c.login_password(
        "partner-admin",
        "partner-admin-secret",
        "pat@partner.example",
        "Partner-pat-1!",
        Some(demo::ACME),
    )
    .await
    .expect("login to Acme");
    let info = c.get_tokens_me().await.expect("tokens/me");
    assert_eq!(
        info.organization.and_then(|o| o.id).as_deref(),
        Some(demo::ACME)
    );
    assert_eq!(
        info.home_organization.and_then(|o| o.id).as_deref(),
        Some(demo::PARTNER)
    );

    let home = t.client();
    let home_token = home
        .login_password(
            "partner-admin",
            "partner-admin-secret",
            "pat@partner.example",
            "Partner-pat-1!",
            None,
        )
        .await
        .expect("login at home");
    let exchanged = t.client();
    let token = exchanged
        .exchange_token(
            "partner-admin",
            "partner-admin-secret",
            &home_token.access_token,
            demo::ACME,
        )
        .await
        .expect("exchange");
    assert!(token.expires_in <= home_token.expires_in);
    let info = exchanged.get_tokens_me().await.expect("tokens/me");
    assert_eq!(
        info.organization.and_then(|o| o.id).as_deref(),
        Some(demo::ACME)
    );
    let trustor = home
        .get_orgauthorization_trustor(demo::ACME)
        .await
        .expect("trustor");
    assert_eq!(
        trustor.authorization.and_then(|a| a.permissions),
        Some(vec![
            "directory:group:view".to_owned(),
            "directory:user:view".to_owned()
        ])
    );
}
