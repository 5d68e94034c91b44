//! Every operation of the client against the recording server: the request it sends (method,
//! path, query with comma-joined arrays, JSON body) and the typed answer it decodes. The last
//! assertion checks that all 79 reference operations were exercised.

use chrono::{TimeZone, Utc};
use orgtrust_api::*;
use serde_json::json;

use crate::operations::OPERATIONS;
use crate::recorder::Recorder;

/// An id with characters that must be percent-encoded in a path segment.
const ODD: &str = "a/b c?";

fn trustee_json(id: &str) -> serde_json::Value {
    json!({"id": id, "enabled": true, "dateCreated": "2026-01-02T03:04:05.678Z",
           "organization": {"id": id, "name": "Partner Co"}})
}

fn listing(entities: serde_json::Value) -> serde_json::Value {
    json!({"entities": entities, "pageSize": 2, "pageNumber": 3, "total": 9, "pageCount": 5,
           "firstUri": "/x?pageSize=2&pageNumber=1", "selfUri": "/x?pageSize=2&pageNumber=3",
           "lastUri": "/x?pageSize=2&pageNumber=5"})
}

fn user_authorization() -> serde_json::Value {
    json!({"roles": [{"id": "role-1", "name": "Admin"}], "permissions": ["directory:user:view"]})
}

#[tokio::test]
async fn every_operation_sends_its_request_and_decodes_its_answer() {
    let r = Recorder::spawn().await;
    let c = r.client();
    orgauthorization_trusts(&r, &c).await;
    orgauthorization_members(&r, &c).await;
    orgauthorization_cloned_pairings_care_audits(&r, &c).await;
    organization_me_and_settings(&r, &c).await;
    organization_limits_migrations_fieldconfig(&r, &c).await;

    let all: std::collections::BTreeSet<&str> = OPERATIONS.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(all.len(), 79);
    let covered = r.covered();
    let missing: Vec<_> = all.difference(&covered).collect();
    assert!(missing.is_empty(), "operations not exercised: {missing:?}");
}

async fn orgauthorization_trusts(r: &Recorder, c: &orgtrust_client::Client) {
    // Trustor side: the trusts this organization granted.
    r.reply(
        200,
        listing(json!([trustee_json("t1"), trustee_json("t2")])),
    );
    let page = c
        .get_orgauthorization_trustees(Some(2), Some(3))
        .await
        .expect("call");
    r.expect(
        "getOrgauthorizationTrustees",
        &[],
        &[("pageSize", "2"), ("pageNumber", "3")],
        None,
    );
    assert_eq!(page.entities.len(), 2);
    assert_eq!(page.entities[1].id.as_deref(), Some("t2"));
    assert_eq!((page.page_number, page.page_count, page.total), (3, 5, 9));

    r.reply(200, listing(json!([])));
    c.get_orgauthorization_trustees(None, None)
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrustees", &[], &[], None);

    r.reply(200, trustee_json("t1"));
    let t = c.get_orgauthorization_trustee(ODD).await.expect("call");
    r.expect("getOrgauthorizationTrustee", &[ODD], &[], None);
    assert_eq!(t.enabled, Some(true));
    assert_eq!(
        t.date_created,
        Some(
            Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
                + chrono::Duration::milliseconds(678)
        )
    );

    r.reply(200, trustee_json("t1"));
    let body = TrustCreate {
        pairing_id: Some("pairing-1".into()),
        enabled: Some(true),
        users: Some(vec![TrustMemberCreate {
            id: Some("u1".into()),
            role_ids: Some(vec!["r1".into()]),
            role_divisions: None,
        }]),
        groups: None,
        date_expired: Some(Utc.with_ymd_and_hms(2027, 6, 30, 12, 0, 0).unwrap()),
    };
    let t = c.post_orgauthorization_trustees(&body).await.expect("call");
    r.expect(
        "postOrgauthorizationTrustees",
        &[],
        &[],
        Some(json!({"pairingId": "pairing-1", "enabled": true,
                    "users": [{"id": "u1", "roleIds": ["r1"]}],
                    "dateExpired": "2027-06-30T12:00:00.000Z"})),
    );
    assert_eq!(t.id.as_deref(), Some("t1"));

    r.reply(200, trustee_json("t1"));
    let update = TrustUpdate {
        enabled: Some(false),
        date_expired: None,
    };
    c.put_orgauthorization_trustee("t1", &update)
        .await
        .expect("call");
    r.expect(
        "putOrgauthorizationTrustee",
        &["t1"],
        &[],
        Some(json!({"enabled": false})),
    );

    r.no_content();
    c.delete_orgauthorization_trustee("t1").await.expect("call");
    r.expect("deleteOrgauthorizationTrustee", &["t1"], &[], None);

    r.no_content();
    c.delete_orgauthorization_trustees(&["t1", "t2", "t3"])
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrustees",
        &[],
        &[("id", "t1,t2,t3")],
        None,
    );

    // Trustee side: the trusts granted to this organization.
    r.reply(
        200,
        listing(json!([{"id": "o1", "enabled": true,
                                 "organization": {"id": "o1", "name": "Acme Corp"}}])),
    );
    let page = c
        .get_orgauthorization_trustors(Some(10), None)
        .await
        .expect("call");
    r.expect(
        "getOrgauthorizationTrustors",
        &[],
        &[("pageSize", "10")],
        None,
    );
    assert_eq!(page.entities[0].id.as_deref(), Some("o1"));

    r.reply(200, json!({"id": "o1", "enabled": true}));
    let t = c.get_orgauthorization_trustor("o1").await.expect("call");
    r.expect("getOrgauthorizationTrustor", &["o1"], &[], None);
    assert_eq!(t.enabled, Some(true));

    r.no_content();
    c.delete_orgauthorization_trustor("o1").await.expect("call");
    r.expect("deleteOrgauthorizationTrustor", &["o1"], &[], None);

    r.no_content();
    let ids: Vec<String> = vec!["o1".into(), "o2".into()];
    c.delete_orgauthorization_trustors(&ids)
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrustors",
        &[],
        &[("id", "o1,o2")],
        None,
    );
}

async fn orgauthorization_members(r: &Recorder, c: &orgtrust_client::Client) {
    // Trustee users, on the trustor side.
    r.reply(200, listing(json!([{"id": "u1", "name": "Pat"}])));
    let page = c
        .get_orgauthorization_trustee_users("t1", Some(25), Some(1))
        .await
        .expect("call");
    r.expect(
        "getOrgauthorizationTrusteeUsers",
        &["t1"],
        &[("pageSize", "25"), ("pageNumber", "1")],
        None,
    );
    assert_eq!(page.entities[0].name.as_deref(), Some("Pat"));

    r.reply(200, json!({"id": "u1", "name": "Pat"}));
    let u = c
        .get_orgauthorization_trustee_user("t1", ODD)
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrusteeUser", &["t1", ODD], &[], None);
    assert_eq!(u.id.as_deref(), Some("u1"));

    r.reply(200, json!({"id": "u1", "name": "Pat"}));
    let member = TrustMemberCreate {
        id: Some("u1".into()),
        role_ids: None,
        role_divisions: Some(RoleDivisionGrants {
            grants: Some(vec![RoleDivisionPair {
                role_id: Some("r1".into()),
                division_id: Some("*".into()),
            }]),
        }),
    };
    c.post_orgauthorization_trustee_users("t1", &member)
        .await
        .expect("call");
    r.expect(
        "postOrgauthorizationTrusteeUsers",
        &["t1"],
        &[],
        Some(
            json!({"id": "u1", "roleDivisions": {"grants": [{"roleId": "r1", "divisionId": "*"}]}}),
        ),
    );

    r.no_content();
    c.delete_orgauthorization_trustee_user("t1", "u1")
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrusteeUser",
        &["t1", "u1"],
        &[],
        None,
    );

    r.reply(200, user_authorization());
    let a = c
        .get_orgauthorization_trustee_user_roles("t1", "u1")
        .await
        .expect("call");
    r.expect(
        "getOrgauthorizationTrusteeUserRoles",
        &["t1", "u1"],
        &[],
        None,
    );
    assert_eq!(a.permissions, Some(vec!["directory:user:view".to_owned()]));
    assert_eq!(a.roles.as_ref().map(Vec::len), Some(1));

    r.reply(200, user_authorization());
    c.put_orgauthorization_trustee_user_roles("t1", "u1", &["r1", "r2"])
        .await
        .expect("call");
    r.expect(
        "putOrgauthorizationTrusteeUserRoles",
        &["t1", "u1"],
        &[],
        Some(json!(["r1", "r2"])),
    );

    r.reply(200, user_authorization());
    let grants = RoleDivisionGrants {
        grants: Some(vec![RoleDivisionPair {
            role_id: Some("r1".into()),
            division_id: Some("d1".into()),
        }]),
    };
    c.put_orgauthorization_trustee_user_roledivisions("t1", "u1", &grants)
        .await
        .expect("call");
    r.expect(
        "putOrgauthorizationTrusteeUserRoledivisions",
        &["t1", "u1"],
        &[],
        Some(json!({"grants": [{"roleId": "r1", "divisionId": "d1"}]})),
    );

    r.no_content();
    c.delete_orgauthorization_trustee_user_roles("t1", "u1")
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrusteeUserRoles",
        &["t1", "u1"],
        &[],
        None,
    );

    // Trustee groups, on the trustor side.
    r.reply(
        200,
        listing(json!([{"id": "g1", "name": "Partner Support"}])),
    );
    let page = c
        .get_orgauthorization_trustee_groups("t1", None, Some(2))
        .await
        .expect("call");
    r.expect(
        "getOrgauthorizationTrusteeGroups",
        &["t1"],
        &[("pageNumber", "2")],
        None,
    );
    assert_eq!(page.entities[0].name.as_deref(), Some("Partner Support"));

    r.reply(200, json!({"id": "g1", "name": "Partner Support"}));
    let g = c
        .get_orgauthorization_trustee_group("t1", "g1")
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrusteeGroup", &["t1", "g1"], &[], None);
    assert_eq!(g.id.as_deref(), Some("g1"));

    r.reply(200, json!({"id": "g1"}));
    let member = TrustMemberCreate {
        id: Some("g1".into()),
        role_ids: Some(vec!["r1".into()]),
        role_divisions: None,
    };
    c.post_orgauthorization_trustee_groups("t1", &member)
        .await
        .expect("call");
    r.expect(
        "postOrgauthorizationTrusteeGroups",
        &["t1"],
        &[],
        Some(json!({"id": "g1", "roleIds": ["r1"]})),
    );

    r.no_content();
    c.delete_orgauthorization_trustee_group("t1", "g1")
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrusteeGroup",
        &["t1", "g1"],
        &[],
        None,
    );

    r.reply(200, user_authorization());
    c.get_orgauthorization_trustee_group_roles("t1", "g1")
        .await
        .expect("call");
    r.expect(
        "getOrgauthorizationTrusteeGroupRoles",
        &["t1", "g1"],
        &[],
        None,
    );

    r.reply(200, user_authorization());
    let roles: Vec<String> = vec!["r3".into()];
    c.put_orgauthorization_trustee_group_roles("t1", "g1", &roles)
        .await
        .expect("call");
    r.expect(
        "putOrgauthorizationTrusteeGroupRoles",
        &["t1", "g1"],
        &[],
        Some(json!(["r3"])),
    );

    r.reply(200, user_authorization());
    c.put_orgauthorization_trustee_group_roledivisions("t1", "g1", &grants)
        .await
        .expect("call");
    r.expect(
        "putOrgauthorizationTrusteeGroupRoledivisions",
        &["t1", "g1"],
        &[],
        Some(json!({"grants": [{"roleId": "r1", "divisionId": "d1"}]})),
    );

    r.no_content();
    c.delete_orgauthorization_trustee_group_roles("t1", "g1")
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrusteeGroupRoles",
        &["t1", "g1"],
        &[],
        None,
    );

    // Trusted users and groups, on the trustee side.
    r.reply(200, listing(json!([{"id": "u1"}])));
    c.get_orgauthorization_trustor_users("o1", Some(5), Some(2))
        .await
        .expect("call");
    r.expect(
        "getOrgauthorizationTrustorUsers",
        &["o1"],
        &[("pageSize", "5"), ("pageNumber", "2")],
        None,
    );

    r.reply(200, json!({"id": "u1", "name": "Pat"}));
    let u = c
        .get_orgauthorization_trustor_user("o1", "u1")
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrustorUser", &["o1", "u1"], &[], None);
    assert_eq!(u.name.as_deref(), Some("Pat"));

    r.reply(200, json!({"id": "u1"}));
    c.put_orgauthorization_trustor_user("o1", "u1")
        .await
        .expect("call");
    r.expect("putOrgauthorizationTrustorUser", &["o1", "u1"], &[], None);

    r.no_content();
    c.delete_orgauthorization_trustor_user("o1", "u1")
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrustorUser",
        &["o1", "u1"],
        &[],
        None,
    );

    r.reply(200, listing(json!([{"id": "g1"}])));
    let page = c
        .get_orgauthorization_trustor_groups("o1", None, None)
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrustorGroups", &["o1"], &[], None);
    assert_eq!(page.entities.len(), 1);

    r.reply(200, json!({"id": "g1", "name": "Support"}));
    c.get_orgauthorization_trustor_group("o1", "g1")
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrustorGroup", &["o1", "g1"], &[], None);

    r.reply(200, json!({"id": "g1"}));
    let g = c
        .put_orgauthorization_trustor_group("o1", "g1")
        .await
        .expect("call");
    r.expect("putOrgauthorizationTrustorGroup", &["o1", "g1"], &[], None);
    assert_eq!(g.id.as_deref(), Some("g1"));

    r.no_content();
    c.delete_orgauthorization_trustor_group("o1", "g1")
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrustorGroup",
        &["o1", "g1"],
        &[],
        None,
    );
}

async fn orgauthorization_cloned_pairings_care_audits(r: &Recorder, c: &orgtrust_client::Client) {
    // Cloned users.
    let cloned = json!({"id": "clone-1", "name": "Pat", "trustor": {"id": "o1"}});
    r.reply(200, json!({"total": 1, "entities": [cloned.clone()]}));
    let list = c
        .get_orgauthorization_trustee_clonedusers("t1")
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrusteeClonedusers", &["t1"], &[], None);
    assert_eq!((list.total, list.entities.len()), (Some(1), 1));

    r.no_content();
    c.delete_orgauthorization_trustee_cloneduser("t1", "clone-1")
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrusteeCloneduser",
        &["t1", "clone-1"],
        &[],
        None,
    );

    r.reply(200, json!({"total": 1, "entities": [cloned.clone()]}));
    c.get_orgauthorization_trustor_clonedusers("o1")
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrustorClonedusers", &["o1"], &[], None);

    r.reply(200, cloned.clone());
    let u = c
        .get_orgauthorization_trustor_cloneduser("o1", "u1")
        .await
        .expect("call");
    r.expect(
        "getOrgauthorizationTrustorCloneduser",
        &["o1", "u1"],
        &[],
        None,
    );
    assert_eq!(u.trustor.and_then(|t| t.id).as_deref(), Some("o1"));

    r.reply(200, cloned);
    c.put_orgauthorization_trustor_cloneduser("o1", "u1")
        .await
        .expect("call");
    r.expect(
        "putOrgauthorizationTrustorCloneduser",
        &["o1", "u1"],
        &[],
        None,
    );

    r.no_content();
    c.delete_orgauthorization_trustor_cloneduser("o1", "u1")
        .await
        .expect("call");
    r.expect(
        "deleteOrgauthorizationTrustorCloneduser",
        &["o1", "u1"],
        &[],
        None,
    );

    // Pairings.
    r.reply(
        200,
        json!({"id": "pairing-1", "dateCreated": "2026-01-02T03:04:05.000Z",
                        "trustee": {"id": "t1", "name": "Partner Co"}}),
    );
    let create = TrustRequestCreate {
        user_ids: Some(vec!["u1".into()]),
        group_ids: Some(vec!["g1".into()]),
    };
    let p = c
        .post_orgauthorization_pairings(&create)
        .await
        .expect("call");
    r.expect(
        "postOrgauthorizationPairings",
        &[],
        &[],
        Some(json!({"userIds": ["u1"], "groupIds": ["g1"]})),
    );
    assert_eq!(p.id.as_deref(), Some("pairing-1"));
    assert_eq!(
        p.trustee.and_then(|t| t.name).as_deref(),
        Some("Partner Co")
    );

    r.reply(200, json!({"id": "pairing-1"}));
    c.get_orgauthorization_pairing("pairing-1")
        .await
        .expect("call");
    r.expect("getOrgauthorizationPairing", &["pairing-1"], &[], None);

    // Customer Care.
    r.reply(200, trustee_json("care"));
    let t = c
        .get_orgauthorization_trustees_default()
        .await
        .expect("call");
    r.expect("getOrgauthorizationTrusteesDefault", &[], &[], None);
    assert_eq!(t.id.as_deref(), Some("care"));

    r.reply(200, trustee_json("care"));
    c.post_orgauthorization_trustees_default(Some(true), Some(false))
        .await
        .expect("call");
    r.expect(
        "postOrgauthorizationTrusteesDefault",
        &[],
        &[("assignDefaultRole", "true"), ("autoExpire", "false")],
        None,
    );

    r.reply(200, trustee_json("care"));
    c.post_orgauthorization_trustees_default(None, None)
        .await
        .expect("call");
    r.expect("postOrgauthorizationTrusteesDefault", &[], &[], None);

    r.reply(
        200,
        json!({"entities": [{"id": "care", "selfUri": "/api/v2/organizations/care"}]}),
    );
    let refs = c.get_orgauthorization_trustees_care().await.expect("call");
    r.expect("getOrgauthorizationTrusteesCare", &[], &[], None);
    assert_eq!(refs.entities[0].id.as_deref(), Some("care"));

    r.reply(200, listing(json!([trustee_json("care")])));
    let page = c
        .post_orgauthorization_trustees_care(Some(true), None, Some(false), Some(true))
        .await
        .expect("call");
    r.expect(
        "postOrgauthorizationTrusteesCare",
        &[],
        &[
            ("assignDefaultRole", "true"),
            ("assignFullAccess", "false"),
            ("allowTrustedUserAccess", "true"),
        ],
        None,
    );
    assert_eq!(page.entities[0].id.as_deref(), Some("care"));

    // Audits.
    let audit_page = json!({"pageNumber": 1, "pageSize": 25, "total": 1, "pageCount": 1,
                            "auditMessages": [{"id": "m1", "action": "create"}]});
    r.reply(200, audit_page.clone());
    let q = TrusteeAuditQueryRequest {
        trustee_organization_ids: Some(vec!["t1".into()]),
        trustee_user_ids: Some(vec![]),
        start_date: Some(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
        end_date: None,
        query_phrase: None,
        facets: None,
        filters: None,
    };
    let res = c
        .post_orgauthorization_trustees_audits(
            &q,
            Some(25),
            Some(1),
            Some("timestamp"),
            Some("ascending"),
        )
        .await
        .expect("call");
    r.expect(
        "postOrgauthorizationTrusteesAudits",
        &[],
        &[
            ("pageSize", "25"),
            ("pageNumber", "1"),
            ("sortBy", "timestamp"),
            ("sortOrder", "ascending"),
        ],
        Some(
            json!({"trusteeOrganizationIds": ["t1"], "trusteeUserIds": [],
                    "startDate": "2026-01-01T00:00:00.000Z"}),
        ),
    );
    assert_eq!(res.total, Some(1));
    assert_eq!(res.audit_messages.map(|m| m.len()), Some(1));

    r.reply(200, audit_page);
    let q = TrustorAuditQueryRequest {
        trustor_organization_id: Some("o1".into()),
        trustee_user_ids: Some(vec!["u1".into()]),
        ..Default::default()
    };
    c.post_orgauthorization_trustor_audits(&q, None, None, None, None)
        .await
        .expect("call");
    r.expect(
        "postOrgauthorizationTrustorAudits",
        &[],
        &[],
        Some(json!({"trustorOrganizationId": "o1", "trusteeUserIds": ["u1"]})),
    );
}

async fn organization_me_and_settings(r: &Recorder, c: &orgtrust_client::Client) {
    let org = json!({"id": "a1", "name": "Acme Corp", "thirdPartyOrgName": "acme", "version": 3,
                     "state": "active", "features": {"pci": true}});
    r.reply(200, org.clone());
    let me = c.get_organizations_me().await.expect("call");
    r.expect("getOrganizationsMe", &[], &[], None);
    assert_eq!(me.name.as_deref(), Some("Acme Corp"));
    assert_eq!(me.state, Some(OrganizationState::Active));

    r.reply(200, org.clone());
    let body = Organization {
        name: Some("Acme Corp".into()),
        version: Some(3),
        ..Default::default()
    };
    c.put_organizations_me(&body).await.expect("call");
    r.expect(
        "putOrganizationsMe",
        &[],
        &[],
        Some(json!({"name": "Acme Corp", "version": 3})),
    );

    r.no_content();
    c.delete_organizations_me().await.expect("call");
    r.expect("deleteOrganizationsMe", &[], &[], None);

    r.reply(200, org);
    let create = OrganizationCreate {
        name: Some("New Org".into()),
        admin_username: Some("admin@new.example".into()),
        admin_password: Some("Secret-1!".into()),
        domain: Some("new".into()),
        third_party_org_name: Some("new".into()),
        ..Default::default()
    };
    c.post_organizations(&create).await.expect("call");
    r.expect(
        "postOrganizations",
        &[],
        &[],
        Some(
            json!({"name": "New Org", "adminUsername": "admin@new.example",
                    "adminPassword": "Secret-1!", "domain": "new", "thirdPartyOrgName": "new"}),
        ),
    );

    r.reply(200, json!({"pci": true, "hipaa": false}));
    let f = c
        .patch_organizations_feature(
            FeatureName::Pci,
            &FeatureState {
                enabled: Some(true),
            },
        )
        .await
        .expect("call");
    r.expect(
        "patchOrganizationsFeature",
        &["pci"],
        &[],
        Some(json!({"enabled": true})),
    );
    assert_eq!((f.pci, f.hipaa), (Some(true), Some(false)));

    r.reply(
        200,
        json!({"multifactorAuthenticationRequired": true, "domainAllowlist": ["acme.example"]}),
    );
    let s = c
        .get_organizations_authentication_settings()
        .await
        .expect("call");
    r.expect("getOrganizationsAuthenticationSettings", &[], &[], None);
    assert_eq!(s.multifactor_authentication_required, Some(true));

    r.reply(200, json!({"multifactorAuthenticationRequired": false}));
    let patch = OrgAuthSettings {
        multifactor_authentication_required: Some(false),
        ..Default::default()
    };
    c.patch_organizations_authentication_settings(&patch)
        .await
        .expect("call");
    r.expect(
        "patchOrganizationsAuthenticationSettings",
        &[],
        &[],
        Some(json!({"multifactorAuthenticationRequired": false})),
    );

    r.reply(200, json!({"minimumLength": 12, "minimumDigits": 1}));
    let p = c
        .get_organizations_passwordrequirements()
        .await
        .expect("call");
    r.expect("getOrganizationsPasswordrequirements", &[], &[], None);
    assert_eq!(p.minimum_length, Some(12));

    r.reply(200, json!({"minimumLength": 14}));
    let body = PasswordRequirements {
        minimum_length: Some(14),
        ..Default::default()
    };
    c.put_organizations_passwordrequirements(&body)
        .await
        .expect("call");
    r.expect(
        "putOrganizationsPasswordrequirements",
        &[],
        &[],
        Some(json!({"minimumLength": 14})),
    );

    r.reply(200, json!({"networkWhitelist": ["10.0.0.0/8"]}));
    let ip = c
        .get_organizations_ipaddressauthentication()
        .await
        .expect("call");
    r.expect("getOrganizationsIpaddressauthentication", &[], &[], None);
    assert_eq!(ip.network_whitelist, Some(vec!["10.0.0.0/8".to_owned()]));

    r.reply(200, json!({"networkWhitelist": []}));
    let body = IpAddressAuthentication {
        network_whitelist: Some(vec![]),
    };
    c.put_organizations_ipaddressauthentication(&body)
        .await
        .expect("call");
    r.expect(
        "putOrganizationsIpaddressauthentication",
        &[],
        &[],
        Some(json!({"networkWhitelist": []})),
    );

    r.reply(
        200,
        json!({"enableWhitelist": true, "domainWhitelist": ["acme.example"]}),
    );
    let w = c.get_organizations_whitelist().await.expect("call");
    r.expect("getOrganizationsWhitelist", &[], &[], None);
    assert_eq!(w.enable_whitelist, Some(true));

    r.reply(200, json!({"enableWhitelist": false}));
    let body = OrgWhitelistSettings {
        enable_whitelist: Some(false),
        domain_whitelist: None,
    };
    c.put_organizations_whitelist(&body).await.expect("call");
    r.expect(
        "putOrganizationsWhitelist",
        &[],
        &[],
        Some(json!({"enableWhitelist": false})),
    );

    r.reply(
        200,
        json!({"enableWhitelist": true, "domainWhitelist": ["*.acme.example"]}),
    );
    let e = c
        .get_organizations_embeddedintegration()
        .await
        .expect("call");
    r.expect("getOrganizationsEmbeddedintegration", &[], &[], None);
    assert_eq!(e.domain_whitelist, Some(vec!["*.acme.example".to_owned()]));

    r.reply(200, json!({"enableWhitelist": false}));
    let body = EmbeddedIntegration {
        enable_whitelist: Some(false),
        domain_whitelist: Some(vec!["x.example".into()]),
    };
    c.put_organizations_embeddedintegration(&body)
        .await
        .expect("call");
    r.expect(
        "putOrganizationsEmbeddedintegration",
        &[],
        &[],
        Some(json!({"enableWhitelist": false, "domainWhitelist": ["x.example"]})),
    );

    r.reply(200, json!({"enforceScopes": true}));
    let s = c.get_organizations_enforcescopes().await.expect("call");
    r.expect("getOrganizationsEnforcescopes", &[], &[], None);
    assert_eq!(s.enforce_scopes, Some(true));

    r.reply(200, json!({"enforceScopes": false}));
    let body = EnforceScopesSetting {
        enforce_scopes: Some(false),
    };
    c.put_organizations_enforcescopes(&body)
        .await
        .expect("call");
    r.expect(
        "putOrganizationsEnforcescopes",
        &[],
        &[],
        Some(json!({"enforceScopes": false})),
    );
}

async fn organization_limits_migrations_fieldconfig(r: &Recorder, c: &orgtrust_client::Client) {
    let details = json!({"id": "cr1", "key": "k", "namespace": "platform.api", "requestedValue": 500.0,
                         "status": "Open", "description": "more", "supportCaseUrl": "https://x"});
    r.reply(200, json!({"entities": [details.clone()]}));
    let list = c
        .get_organizations_limits_changerequests(
            Some(1_700_000_000_000),
            Some(1_800_000_000_000),
            Some(LimitChangeRequestStatus::Open),
            Some(50),
            &["statusHistory"],
        )
        .await
        .expect("call");
    r.expect(
        "getOrganizationsLimitsChangerequests",
        &[],
        &[
            ("after", "1700000000000"),
            ("before", "1800000000000"),
            ("status", "Open"),
            ("pageSize", "50"),
            ("expand", "statusHistory"),
        ],
        None,
    );
    assert_eq!(
        list.entities[0].status,
        Some(LimitChangeRequestStatus::Open)
    );

    r.reply(200, json!({"entities": []}));
    c.get_organizations_limits_changerequests::<&str>(None, None, None, None, &[])
        .await
        .expect("call");
    r.expect("getOrganizationsLimitsChangerequests", &[], &[], None);

    r.reply(200, details.clone());
    let d = c
        .get_organizations_limits_changerequest("cr1")
        .await
        .expect("call");
    r.expect("getOrganizationsLimitsChangerequest", &["cr1"], &[], None);
    assert_eq!(d.requested_value, Some(500.0));

    r.reply(200, details.clone());
    let body = LimitChangeRequest {
        key: Some("k".into()),
        namespace: Some("platform.api".into()),
        requested_value: Some(500.0),
        ..Default::default()
    };
    c.post_organizations_limits_changerequests(&body)
        .await
        .expect("call");
    r.expect(
        "postOrganizationsLimitsChangerequests",
        &[],
        &[],
        Some(json!({"key": "k", "namespace": "platform.api", "requestedValue": 500.0})),
    );

    r.reply(200, details);
    let body = LimitChangeRequestUpdate {
        status: Some(LimitChangeRequestStatus::Rejected),
        reject_reason: Some(LimitRejectReason::PlatformMisuse),
        ..Default::default()
    };
    c.patch_organizations_limits_changerequest("cr1", &body)
        .await
        .expect("call");
    r.expect(
        "patchOrganizationsLimitsChangerequest",
        &["cr1"],
        &[],
        Some(json!({"status": "Rejected", "rejectReason": "PlatformMisuse"})),
    );

    r.reply(
        200,
        json!({"url": "https://docs", "namespaces": [{"name": "platform.api"}]}),
    );
    let docs = c.get_organizations_limits_docs().await.expect("call");
    r.expect("getOrganizationsLimitsDocs", &[], &[], None);
    assert_eq!(docs.url.as_deref(), Some("https://docs"));

    r.reply(
        200,
        json!({"namespaces": [{"name": "platform.api", "friendlyName": "Platform API"}]}),
    );
    let docs = c
        .get_organizations_limits_docs_freetrial()
        .await
        .expect("call");
    r.expect("getOrganizationsLimitsDocsFreetrial", &[], &[], None);
    assert_eq!(docs.namespaces.map(|n| n.len()), Some(1));

    r.reply(
        200,
        json!({"entities": [{"key": "k", "namespace": "platform.api", "value": 300}]}),
    );
    let l = c
        .get_organizations_limits_namespace("platform.api")
        .await
        .expect("call");
    r.expect(
        "getOrganizationsLimitsNamespace",
        &["platform.api"],
        &[],
        None,
    );
    assert_eq!(l.entities[0].value, Some(300));

    r.reply(200, json!({"entities": [{"key": "k", "value": 100}]}));
    c.get_organizations_limits_namespace_defaults("platform.api")
        .await
        .expect("call");
    r.expect(
        "getOrganizationsLimitsNamespaceDefaults",
        &["platform.api"],
        &[],
        None,
    );

    r.reply(
        200,
        json!({"entities": [{"name": "platform.api"}], "pageSize": 100}),
    );
    let v = c
        .get_organizations_limits_namespaces(Some(100), Some(1))
        .await
        .expect("call");
    r.expect(
        "getOrganizationsLimitsNamespaces",
        &[],
        &[("pageSize", "100"), ("pageNumber", "1")],
        None,
    );
    assert_eq!(v["entities"][0]["name"], "platform.api");

    r.reply(200, json!({"entities": [{"name": "m1", "enabled": true}]}));
    let m = c
        .get_organizations_migrations(Some(MigrationType::Enabled), Some(true), Some(false))
        .await
        .expect("call");
    r.expect(
        "getOrganizationsMigrations",
        &[],
        &[
            ("migrationType", "Enabled"),
            ("includeHidden", "true"),
            ("includeDetails", "false"),
        ],
        None,
    );
    assert_eq!(m.entities[0].name.as_deref(), Some("m1"));

    r.reply(200, json!({"name": "m1", "enabled": false}));
    let m = c
        .get_organizations_migration("m1", Some(true))
        .await
        .expect("call");
    r.expect(
        "getOrganizationsMigration",
        &["m1"],
        &[("includeDetails", "true")],
        None,
    );
    assert_eq!(m.enabled, Some(false));

    r.reply(200, json!({"enabled": true}));
    let s = c
        .get_organizations_migration_state("m1")
        .await
        .expect("call");
    r.expect("getOrganizationsMigrationState", &["m1"], &[], None);
    assert_eq!(s.enabled, Some(true));

    r.reply(200, json!({"name": "m1", "enabled": true}));
    let v = c
        .patch_organizations_migration(
            "m1",
            &MigrationUpdate {
                enabled: Some(true),
            },
        )
        .await
        .expect("call");
    r.expect(
        "patchOrganizationsMigration",
        &["m1"],
        &[],
        Some(json!({"enabled": true})),
    );
    assert_eq!(v["enabled"], true);

    r.reply(
        200,
        json!({"id": "fc1", "entityType": "person", "sections": []}),
    );
    let f = c
        .get_fieldconfig(FieldConfigEntityType::Person)
        .await
        .expect("call");
    r.expect("getFieldconfig", &[], &[("type", "person")], None);
    assert_eq!(f.entity_type, Some(FieldConfigEntityType::Person));
}
