//! Every method of the Rust seed (`shared/seeds/003_4ffdfba90d04391f.txt`, the
//! `OrganizationAuthorizationApi` of the Rust SDK) against a live server, each result checked:
//! a trust's life seen from both sides, its users and their roles, cloned users, audits, and the
//! default (Customer Care) trust. `requests.rs` checks the same methods' wire format against a
//! recording server; these check that the real server and the client agree.

use orgtrust_api::{
    RoleDivisionGrants, RoleDivisionPair, TrustCreate, TrustMemberCreate, TrustRequestCreate,
    TrustUpdate, TrusteeAuditQueryRequest, TrustorAuditQueryRequest,
};

use crate::helpers::{demo, TestApp};

const PAT: &str = "b0000000-0000-4000-8000-000000000031";
const SAM: &str = "b0000000-0000-4000-8000-000000000032";
const USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";
const TRUST_AUDITOR: &str = "a0000000-0000-4000-8000-000000000023";
const EMEA: &str = "a0000000-0000-4000-8000-000000000012";
const CARE: &str = "c0000000-0000-4000-8000-000000000001";

/// Role names of a `UserAuthorization`, sorted.
fn role_names(auth: &orgtrust_api::UserAuthorization) -> Vec<String> {
    let mut names: Vec<String> = auth
        .roles
        .iter()
        .flatten()
        .filter_map(|r| r.name.clone())
        .collect();
    names.sort();
    names
}

/// Ids of a listing's entities.
fn ids<'a>(entities: impl IntoIterator<Item = &'a Option<String>>) -> Vec<&'a str> {
    entities.into_iter().filter_map(|i| i.as_deref()).collect()
}

#[tokio::test]
async fn seed_trust_life_from_both_sides() {
    let t = TestApp::spawn().await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;

    // The trustee pairs, the trustor creates the trust from the pairing.
    let pairing = partner
        .post_orgauthorization_pairings(&TrustRequestCreate {
            user_ids: Some(vec![PAT.to_owned()]),
            group_ids: None,
        })
        .await
        .expect("pairing");
    let pairing_id = pairing.id.clone().expect("pairing id");
    let shown = partner
        .get_orgauthorization_pairing(&pairing_id)
        .await
        .expect("pairing shown");
    assert_eq!(shown.id.as_deref(), Some(pairing_id.as_str()));
    assert_eq!(
        shown.trustee.and_then(|o| o.id).as_deref(),
        Some(demo::PARTNER)
    );
    assert_eq!(ids(shown.users.iter().flatten().map(|u| &u.id)), [PAT]);

    let trust = acme
        .post_orgauthorization_trustees(&TrustCreate {
            pairing_id: Some(pairing_id),
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
    assert_eq!(trust.id.as_deref(), Some(demo::PARTNER));
    assert_eq!(trust.enabled, Some(true));

    // The trustor's view.
    let trustees = acme
        .get_orgauthorization_trustees(Some(25), Some(1))
        .await
        .expect("trustees");
    assert_eq!(trustees.total, 1);
    assert_eq!(
        ids(trustees.entities.iter().map(|t| &t.id)),
        [demo::PARTNER]
    );
    let one = acme
        .get_orgauthorization_trustee(demo::PARTNER)
        .await
        .expect("trustee");
    assert_eq!(
        one.organization.and_then(|o| o.name).as_deref(),
        Some("Partner Co")
    );
    let expires = chrono::Utc::now() + chrono::Duration::days(30);
    let updated = acme
        .put_orgauthorization_trustee(
            demo::PARTNER,
            &TrustUpdate {
                enabled: Some(false),
                date_expired: Some(expires),
            },
        )
        .await
        .expect("update");
    assert_eq!(updated.enabled, Some(false));
    assert_eq!(
        updated.date_expired.map(|d| d.timestamp()),
        Some(expires.timestamp())
    );

    // The trustee's view.
    let trustors = partner
        .get_orgauthorization_trustors(Some(25), Some(1))
        .await
        .expect("trustors");
    assert_eq!(ids(trustors.entities.iter().map(|t| &t.id)), [demo::ACME]);
    let trustor = partner
        .get_orgauthorization_trustor(demo::ACME)
        .await
        .expect("trustor");
    assert_eq!(trustor.enabled, Some(false));
    assert_eq!(
        trustor.organization.and_then(|o| o.name).as_deref(),
        Some("Acme Corp")
    );

    // The trustee ends it from its side; then it is gone from both.
    partner
        .delete_orgauthorization_trustor(demo::ACME)
        .await
        .expect("delete from the trustee side");
    let gone = acme
        .get_orgauthorization_trustee(demo::PARTNER)
        .await
        .expect_err("deleted");
    assert!(gone.is_not_found(), "{gone}");

    // A second trust, deleted by the trustor.
    let pairing = partner
        .post_orgauthorization_pairings(&TrustRequestCreate {
            user_ids: Some(vec![PAT.to_owned()]),
            group_ids: None,
        })
        .await
        .expect("pairing");
    acme.post_orgauthorization_trustees(&TrustCreate {
        pairing_id: pairing.id,
        enabled: Some(true),
        users: Some(vec![TrustMemberCreate {
            id: Some(PAT.to_owned()),
            ..TrustMemberCreate::default()
        }]),
        ..TrustCreate::default()
    })
    .await
    .expect("trust again");
    acme.delete_orgauthorization_trustee(demo::PARTNER)
        .await
        .expect("delete from the trustor side");
    let gone = partner
        .get_orgauthorization_trustor(demo::ACME)
        .await
        .expect_err("deleted");
    assert!(gone.is_not_found(), "{gone}");
    let none = partner
        .get_orgauthorization_trustors(None, None)
        .await
        .expect("trustors");
    assert_eq!(none.total, 0);
}

/// A trust from Acme to Partner naming Pat with User Viewer.
async fn trust_with_pat(t: &TestApp) {
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
            pairing_id: pairing.id,
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
}

#[tokio::test]
async fn seed_trust_users_and_their_roles() {
    let t = TestApp::spawn().await;
    trust_with_pat(&t).await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;

    // The trustor adds Sam with a role in EMEA only.
    let sam = acme
        .post_orgauthorization_trustee_users(
            demo::PARTNER,
            &TrustMemberCreate {
                id: Some(SAM.to_owned()),
                role_ids: None,
                role_divisions: Some(RoleDivisionGrants {
                    grants: Some(vec![RoleDivisionPair {
                        role_id: Some(USER_VIEWER.to_owned()),
                        division_id: Some(EMEA.to_owned()),
                    }]),
                }),
            },
        )
        .await
        .expect("add Sam");
    assert_eq!(sam.id.as_deref(), Some(SAM));
    assert_eq!(sam.name.as_deref(), Some("Sam Support"));
    let users = acme
        .get_orgauthorization_trustee_users(demo::PARTNER, Some(25), Some(1))
        .await
        .expect("trustee users");
    let mut listed = ids(users.entities.iter().map(|u| &u.id));
    listed.sort_unstable();
    assert_eq!(listed, [PAT, SAM]);
    let pat = acme
        .get_orgauthorization_trustee_user(demo::PARTNER, PAT)
        .await
        .expect("Pat");
    assert_eq!(pat.email.as_deref(), Some("pat@partner.example"));
    assert!(pat.trust_user_details.is_some());

    // Roles: read, replace, replace per division, clear.
    let roles = acme
        .get_orgauthorization_trustee_user_roles(demo::PARTNER, PAT)
        .await
        .expect("roles");
    assert_eq!(role_names(&roles), ["User Viewer"]);
    let roles = acme
        .put_orgauthorization_trustee_user_roles(demo::PARTNER, PAT, &[TRUST_AUDITOR])
        .await
        .expect("replace roles");
    assert_eq!(role_names(&roles), ["Trust Auditor"]);
    let roles = acme
        .put_orgauthorization_trustee_user_roledivisions(
            demo::PARTNER,
            PAT,
            &RoleDivisionGrants {
                grants: Some(vec![
                    RoleDivisionPair {
                        role_id: Some(USER_VIEWER.to_owned()),
                        division_id: Some(EMEA.to_owned()),
                    },
                    RoleDivisionPair {
                        role_id: Some(TRUST_AUDITOR.to_owned()),
                        division_id: Some("*".to_owned()),
                    },
                ]),
            },
        )
        .await
        .expect("replace role divisions");
    assert_eq!(role_names(&roles), ["Trust Auditor", "User Viewer"]);
    acme.delete_orgauthorization_trustee_user_roles(demo::PARTNER, PAT)
        .await
        .expect("clear roles");
    let roles = acme
        .get_orgauthorization_trustee_user_roles(demo::PARTNER, PAT)
        .await
        .expect("roles after clearing");
    assert!(role_names(&roles).is_empty(), "{roles:?}");

    // The trustor removes Sam.
    acme.delete_orgauthorization_trustee_user(demo::PARTNER, SAM)
        .await
        .expect("remove Sam");
    let gone = acme
        .get_orgauthorization_trustee_user(demo::PARTNER, SAM)
        .await
        .expect_err("Sam removed");
    assert!(gone.is_not_found(), "{gone}");

    // The trustee side: add its own Sam back (no roles), read, remove.
    let added = partner
        .put_orgauthorization_trustor_user(demo::ACME, SAM)
        .await
        .expect("trustee adds Sam");
    assert_eq!(added.id.as_deref(), Some(SAM));
    let users = partner
        .get_orgauthorization_trustor_users(demo::ACME, Some(25), Some(1))
        .await
        .expect("trustor users");
    assert_eq!(users.total, 2);
    let sam = partner
        .get_orgauthorization_trustor_user(demo::ACME, SAM)
        .await
        .expect("Sam from the trustee side");
    assert_eq!(sam.name.as_deref(), Some("Sam Support"));
    partner
        .delete_orgauthorization_trustor_user(demo::ACME, SAM)
        .await
        .expect("trustee removes Sam");
    let users = partner
        .get_orgauthorization_trustor_users(demo::ACME, None, None)
        .await
        .expect("trustor users");
    assert_eq!(ids(users.entities.iter().map(|u| &u.id)), [PAT]);
}

#[tokio::test]
async fn seed_cloned_users_and_audits() {
    let t = TestApp::spawn().await;
    trust_with_pat(&t).await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;

    // The trustee clones Pat into Acme; both sides see the clone.
    let clone = partner
        .put_orgauthorization_trustor_cloneduser(demo::ACME, PAT)
        .await
        .expect("clone Pat");
    assert_eq!(
        clone.trustor.as_ref().and_then(|o| o.id.as_deref()),
        Some(demo::ACME)
    );
    let listed = partner
        .get_orgauthorization_trustor_clonedusers(demo::ACME)
        .await
        .expect("clones (trustee side)");
    assert_eq!(listed.entities.len(), 1);
    let one = partner
        .get_orgauthorization_trustor_cloneduser(demo::ACME, PAT)
        .await
        .expect("the clone");
    assert_eq!(one.id, clone.id);
    let seen = acme
        .get_orgauthorization_trustee_clonedusers(demo::PARTNER)
        .await
        .expect("clones (trustor side)");
    assert_eq!(ids(seen.entities.iter().map(|c| &c.id)), ids([&clone.id]));

    // The trustor deletes it; the trustee clones again and deletes that one itself.
    acme.delete_orgauthorization_trustee_cloneduser(demo::PARTNER, PAT)
        .await
        .expect("trustor deletes the clone");
    let none = partner
        .get_orgauthorization_trustor_clonedusers(demo::ACME)
        .await
        .expect("clones");
    assert!(none.entities.is_empty(), "{none:?}");
    partner
        .put_orgauthorization_trustor_cloneduser(demo::ACME, PAT)
        .await
        .expect("clone again");
    partner
        .delete_orgauthorization_trustor_cloneduser(demo::ACME, PAT)
        .await
        .expect("trustee deletes the clone");
    let gone = partner
        .get_orgauthorization_trustor_cloneduser(demo::ACME, PAT)
        .await
        .expect_err("deleted");
    assert!(gone.is_not_found(), "{gone}");

    // Pat signs in to Acme, which both audit trails show.
    t.client()
        .login_password(
            "partner-admin",
            "partner-admin-secret",
            "pat@partner.example",
            "Partner-pat-1!",
            Some(demo::ACME),
        )
        .await
        .expect("Pat signs in to Acme");
    let as_trustor = acme
        .post_orgauthorization_trustees_audits(
            &TrusteeAuditQueryRequest {
                trustee_organization_ids: Some(vec![demo::PARTNER.to_owned()]),
                trustee_user_ids: Some(vec![PAT.to_owned()]),
                ..TrusteeAuditQueryRequest::default()
            },
            Some(25),
            Some(1),
            None,
            Some("descending"),
        )
        .await
        .expect("trustee audits");
    let messages = as_trustor.audit_messages.unwrap_or_default();
    assert!(
        messages
            .iter()
            .any(|m| m.user.as_ref().and_then(|u| u.id.as_deref()) == Some(PAT)),
        "{messages:?}"
    );
    let as_trustee = partner
        .post_orgauthorization_trustor_audits(
            &TrustorAuditQueryRequest {
                trustor_organization_id: Some(demo::ACME.to_owned()),
                trustee_user_ids: Some(vec![]),
                ..TrustorAuditQueryRequest::default()
            },
            Some(25),
            Some(1),
            None,
            None,
        )
        .await
        .expect("trustor audits");
    let theirs = as_trustee.audit_messages.unwrap_or_default();
    assert!(
        theirs
            .iter()
            .any(|m| m.user.as_ref().and_then(|u| u.id.as_deref()) == Some(PAT)),
        "{theirs:?}"
    );
}

#[tokio::test]
async fn seed_default_customer_care_trust() {
    let t = TestApp::spawn().await;
    let acme = t.acme_admin().await;
    let missing = acme
        .get_orgauthorization_trustees_default()
        .await
        .expect_err("no default trust yet");
    assert!(missing.is_not_found(), "{missing}");
    let made = acme
        .post_orgauthorization_trustees_default(Some(true), Some(false))
        .await
        .expect("default trust");
    assert_eq!(made.id.as_deref(), Some(CARE));
    let shown = acme
        .get_orgauthorization_trustees_default()
        .await
        .expect("default trust shown");
    assert_eq!(shown.id.as_deref(), Some(CARE));
    assert_eq!(shown.enabled, made.enabled);
}
