//! The trusts listings' page read with both organizations in one query (issue 11): the same
//! trusts in the same order as `trusts_of_trustor`/`trusts_of_trustee`, the organizations as
//! `organization` reads them, and the order following a rename of the other organization.

use orgtrust_core::ids::OrgId;
use orgtrust_core::orgauth::{NewTrust, TrustView};
use orgtrust_core::store::Store;

use super::{create, trust, CARE};
use crate::{demo, event, ACME, PARTNER};

async fn org(store: &dyn Store, id: &str) -> orgtrust_core::model::Organization {
    store
        .organization(&OrgId::new(id))
        .await
        .expect("read")
        .expect("organization")
}

fn others(page: &[TrustView]) -> Vec<&str> {
    page.iter()
        .map(|v| v.trust.trustee_org_id.as_str())
        .collect()
}

/// Pages by the trustee's name (then id) with both organizations, the total on every page
/// (also past the end), the trustee's side likewise, and a renamed organization moves.
pub async fn trust_views_page_with_both_organizations(store: &dyn Store) {
    demo(store).await;
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    for trustee in [PARTNER, CARE] {
        create(
            store,
            NewTrust {
                trust: trust(ACME, trustee, None),
                members: vec![],
            },
        )
        .await
        .expect("trust");
    }
    create(
        store,
        NewTrust {
            trust: trust(PARTNER, CARE, None),
            members: vec![],
        },
    )
    .await
    .expect("trust");

    let (page, total) = store.trustee_views(&acme, 0, 25).await.expect("page");
    assert_eq!(total, 2);
    assert_eq!(
        others(&page),
        vec![CARE, PARTNER],
        "Customer Care < Partner Co"
    );
    let (plain, _) = store.trusts_of_trustor(&acme, 0, 25).await.expect("page");
    assert_eq!(
        page.iter().map(|v| v.trust.clone()).collect::<Vec<_>>(),
        plain,
        "the same trusts as trusts_of_trustor"
    );
    let (acme_org, care_org, partner_org) = (
        org(store, ACME).await,
        org(store, CARE).await,
        org(store, PARTNER).await,
    );
    assert_eq!(page[0].trustor, acme_org);
    assert_eq!(page[0].trustee, care_org);
    assert_eq!(page[1].trustee, partner_org);

    let (page, total) = store.trustee_views(&acme, 1, 1).await.expect("page");
    assert_eq!((others(&page), total), (vec![PARTNER], 2));
    let (page, total) = store.trustee_views(&acme, 5, 25).await.expect("page");
    assert_eq!(
        (page.len(), total),
        (0, 2),
        "past the end: no rows, the total"
    );
    let (page, total) = store.trustee_views(&partner, 0, 25).await.expect("page");
    assert_eq!((others(&page), total), (vec![CARE], 1));

    let (page, total) = store
        .trustor_views(&OrgId::new(CARE), 0, 25)
        .await
        .expect("page");
    assert_eq!(total, 2);
    let trustors: Vec<&str> = page
        .iter()
        .map(|v| v.trust.trustor_org_id.as_str())
        .collect();
    assert_eq!(trustors, vec![ACME, PARTNER], "Acme Corp < Partner Co");
    assert_eq!(page[0].trustee, care_org);
    assert_eq!(page[1].trustor, partner_org);
    let (page, total) = store.trustor_views(&acme, 0, 25).await.expect("page");
    assert_eq!((page.len(), total), (0, 0));

    // Renaming Customer Care puts it last on Acme's listing (and Acme keeps its first place on
    // Care's, renamed or not).
    let mut renamed = care_org.clone();
    renamed.name = "Zeta Care".into();
    renamed.version = care_org.version + 1;
    assert!(store
        .update_organization(&renamed, care_org.version, &event(CARE, "update", CARE))
        .await
        .expect("rename"));
    let (page, _) = store.trustee_views(&acme, 0, 25).await.expect("page");
    assert_eq!(others(&page), vec![PARTNER, CARE]);
    assert_eq!(page[1].trustee.name, "Zeta Care");
    let (plain, _) = store.trusts_of_trustor(&acme, 0, 25).await.expect("page");
    assert_eq!(plain[1].trustee_org_id.as_str(), CARE, "both reads agree");
    let mut acme_renamed = acme_org.clone();
    acme_renamed.name = "Zulu Acme".into();
    acme_renamed.version = acme_org.version + 1;
    assert!(store
        .update_organization(
            &acme_renamed,
            acme_org.version,
            &event(ACME, "update", ACME)
        )
        .await
        .expect("rename"));
    let (page, _) = store
        .trustor_views(&OrgId::new(CARE), 0, 25)
        .await
        .expect("page");
    let trustors: Vec<&str> = page
        .iter()
        .map(|v| v.trust.trustor_org_id.as_str())
        .collect();
    assert_eq!(trustors, vec![PARTNER, ACME], "Partner Co < Zulu Acme");
    assert_eq!(page[1].trustor.name, "Zulu Acme");
}
