//! Conformance of the Organization Authorization storage (`TrustStore`): pairings, trusts with
//! their members, grants and clones, and the invariants that must hold under concurrent writers
//! (one trust per pairing, the member and clone limits, one trust per pair of organizations).

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use orgtrust_core::audit::Actor;
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::fixture;
use orgtrust_core::ids::{DivisionId, GroupId, OrgId, PairingId, RoleId, UserId};
use orgtrust_core::model::{Grant, User, UserState};
use orgtrust_core::orgauth::{ClonedUser, MemberKind, NewTrust, Pairing, TrustMember};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::store::{Store, StoreError};
use orgtrust_core::trust::Trust;

use crate::{demo, event, ACME, PARTNER};

mod repeated;
pub use repeated::races_repeated;
mod views;
pub use views::trust_views_page_with_both_organizations;

const CARE: &str = "c0000000-0000-4000-8000-000000000001";
const ACME_HOME: &str = "a0000000-0000-4000-8000-000000000011";
const ACME_EMEA: &str = "a0000000-0000-4000-8000-000000000012";
const ADMIN: &str = "a0000000-0000-4000-8000-000000000021";
const USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";
const PAT: &str = "b0000000-0000-4000-8000-000000000031";
const SAM: &str = "b0000000-0000-4000-8000-000000000032";
const SUPPORT: &str = "b0000000-0000-4000-8000-000000000041";
/// The organization of [`crowd`]: 30 users, more than the member limit.
const CROWD: &str = "d0000000-0000-4000-8000-000000000001";

/// Now, to the millisecond (what the stores keep).
fn now() -> DateTime<Utc> {
    let t = SystemClock::new().now();
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

fn actor() -> Actor {
    Actor {
        kind: "user",
        id: "a0000000-0000-4000-8000-000000000031".into(),
        name: "Ann Admin".into(),
    }
}

fn crowd_user(i: usize) -> String {
    format!("d0000000-0000-4000-8000-{:012}", 100 + i)
}

/// Adds the Crowd organization with 30 users to the demo data.
async fn crowd(store: &dyn Store) {
    let users: Vec<String> = (0..30)
        .map(|i| {
            format!(
                r#"{{"id": "{}", "name": "Crowd {i:02}", "email": "crowd{i}@crowd.example"}}"#,
                crowd_user(i)
            )
        })
        .collect();
    let doc = format!(
        r#"{{"organizations": [{{"id": "{CROWD}", "name": "Crowd Co", "thirdPartyOrgName": "crowd",
            "users": [{}]}}]}}"#,
        users.join(", ")
    );
    fixture::apply("crowd", &doc, store, &SystemClock::new())
        .await
        .expect("crowd fixture applies");
}

fn trust(trustor: &str, trustee: &str, pairing: Option<&PairingId>) -> Trust {
    Trust {
        trustor_org_id: OrgId::new(trustor),
        trustee_org_id: OrgId::new(trustee),
        enabled: true,
        date_created: now(),
        date_expired: None,
        created_by: actor(),
        pairing_id: pairing.map(|p| p.to_string()),
        uses_default_role: false,
        has_full_access: false,
        is_trusted_user: false,
    }
}

fn member(
    trustor: &str,
    trustee: &str,
    kind: MemberKind,
    id: &str,
    grants: &[Grant],
) -> TrustMember {
    TrustMember {
        trustor_org_id: OrgId::new(trustor),
        trustee_org_id: OrgId::new(trustee),
        kind,
        id: id.into(),
        date_created: now(),
        created_by: actor(),
        grants: grants.to_vec(),
    }
}

fn grant(role: &str, division: Option<&str>) -> Grant {
    Grant {
        role_id: RoleId::new(role),
        division: division.map_or(DivisionGrant::All, |d| {
            DivisionGrant::One(DivisionId::new(d))
        }),
    }
}

fn pairing(trustee: &str, users: &[&str], groups: &[&str]) -> Pairing {
    let created = now();
    Pairing {
        id: PairingId::generate(),
        trustee_org_id: OrgId::new(trustee),
        created_by: Actor {
            kind: "client",
            id: "partner-admin".into(),
            name: "Partner admin".into(),
        },
        date_created: created,
        date_expires: created + Duration::hours(48),
        user_ids: users.iter().map(|u| UserId::new(*u)).collect(),
        group_ids: groups.iter().map(|g| GroupId::new(*g)).collect(),
        used_by: None,
        date_used: None,
    }
}

/// A clone of trustee user `original` into `trustor`, with its user row.
fn clone_of(trustor: &str, trustee: &str, original: &str, n: usize) -> (ClonedUser, User) {
    let at = now();
    let id = UserId::generate();
    let name = format!("Clone {n:02}");
    let user = User {
        id: id.clone(),
        org_id: OrgId::new(trustor),
        name: name.clone(),
        email: format!("clone{n}@{trustee}.example"),
        division_id: DivisionId::new(ACME_HOME),
        state: UserState::Active,
        version: 1,
        title: None,
        department: None,
        date_created: at,
        date_modified: at,
    };
    let clone = ClonedUser {
        clone_id: id,
        name,
        trustor_org_id: OrgId::new(trustor),
        trustee_org_id: OrgId::new(trustee),
        trustee_user_id: UserId::new(original),
        date_created: at,
    };
    (clone, user)
}

fn constraint(result: &Result<impl std::fmt::Debug, StoreError>) -> Option<&str> {
    match result {
        Err(StoreError::Constraint { constraint }) => Some(constraint),
        _ => None,
    }
}

async fn create(store: &dyn Store, new: NewTrust) -> Result<(), StoreError> {
    let org = new.trust.trustor_org_id.to_string();
    let trustee = new.trust.trustee_org_id.to_string();
    store
        .create_trusts(&[new], &[event(&org, "create", &trustee)])
        .await
}

/// Events of `org` about `entity`.
async fn events_about(store: &dyn Store, org: &str, entity: &str) -> Vec<String> {
    store
        .recent_audit_events(&OrgId::new(org), 500)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.entity_id == entity)
        .map(|e| e.action)
        .collect()
}

/// A pairing reads back as stored, with its event; an unknown one is absent.
pub async fn pairings_round_trip(store: &dyn Store) {
    demo(store).await;
    let p = pairing(PARTNER, &[PAT, SAM], &[SUPPORT]);
    store
        .insert_pairing(&p, &event(PARTNER, "create", p.id.as_str()))
        .await
        .expect("insert");
    let read = store.pairing(&p.id).await.expect("read").expect("pairing");
    assert_eq!(read, p);
    assert_eq!(
        events_about(store, PARTNER, p.id.as_str()).await,
        ["create"]
    );
    assert!(store
        .pairing(&PairingId::new("nope"))
        .await
        .expect("read")
        .is_none());
    let again = store
        .insert_pairing(&p, &event(PARTNER, "create", "again"))
        .await;
    assert!(constraint(&again).is_some(), "{again:?}");
    assert!(events_about(store, PARTNER, "again").await.is_empty());
}

/// A trust is created with its members and grants and marks its pairing used; it is listed from
/// both sides, updated, and deleted with its members, grants and clones; both generations move.
pub async fn trusts_create_update_delete(store: &dyn Store) {
    demo(store).await;
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    let p = pairing(PARTNER, &[PAT], &[SUPPORT]);
    store
        .insert_pairing(&p, &event(PARTNER, "create", p.id.as_str()))
        .await
        .expect("pairing");
    let (before_acme, before_partner) = (
        store.authz_generation(&acme),
        store.authz_generation(&partner),
    );
    let t = trust(ACME, PARTNER, Some(&p.id));
    let members = vec![
        member(
            ACME,
            PARTNER,
            MemberKind::User,
            PAT,
            &[grant(USER_VIEWER, None)],
        ),
        member(
            ACME,
            PARTNER,
            MemberKind::Group,
            SUPPORT,
            &[
                grant(USER_VIEWER, Some(ACME_EMEA)),
                grant(ADMIN, Some(ACME_HOME)),
            ],
        ),
    ];
    create(
        store,
        NewTrust {
            trust: t.clone(),
            members: members.clone(),
        },
    )
    .await
    .expect("create");
    assert!(store.authz_generation(&acme) > before_acme);
    assert!(store.authz_generation(&partner) > before_partner);
    assert_eq!(
        store.trust(&acme, &partner).await.expect("read"),
        Some(t.clone())
    );
    let used = store.pairing(&p.id).await.expect("read").expect("pairing");
    assert_eq!(used.used_by, Some(acme.clone()));
    assert_eq!(used.date_used, Some(t.date_created));
    let by_role = |ms: &mut Vec<TrustMember>| {
        for m in ms.iter_mut() {
            m.grants
                .sort_by(|a, b| a.role_id.as_str().cmp(b.role_id.as_str()));
        }
    };
    let mut stored = store
        .all_trust_members(&acme, &partner)
        .await
        .expect("members");
    by_role(&mut stored);
    let mut expected = members.clone();
    expected.sort_by(|a, b| a.kind.as_str().cmp(b.kind.as_str()));
    by_role(&mut expected);
    assert_eq!(stored, expected);

    // Both views, paged by the other organization's name.
    create(
        store,
        NewTrust {
            trust: trust(ACME, CARE, None),
            members: vec![],
        },
    )
    .await
    .expect("care trust");
    let (page, total) = store.trusts_of_trustor(&acme, 0, 1).await.expect("page");
    assert_eq!(total, 2);
    assert_eq!(page.len(), 1);
    assert_eq!(
        page[0].trustee_org_id.as_str(),
        CARE,
        "Customer Care < Partner Co"
    );
    let (page, _) = store.trusts_of_trustor(&acme, 1, 1).await.expect("page");
    assert_eq!(page[0].trustee_org_id, partner);
    let (page, total) = store
        .trusts_of_trustee(&partner, 0, 25)
        .await
        .expect("page");
    assert_eq!((total, page.len()), (1, 1));
    assert_eq!(page[0].trustor_org_id, acme);
    let (page, total) = store.trusts_of_trustee(&acme, 0, 25).await.expect("page");
    assert_eq!((total, page.len()), (0, 0));

    // Update.
    let later = now() + Duration::days(3);
    let updated = Trust {
        enabled: false,
        date_expired: Some(later),
        ..t.clone()
    };
    let gen = store.authz_generation(&partner);
    store
        .update_trust(&updated, &event(ACME, "disable", PARTNER))
        .await
        .expect("update");
    assert!(store.authz_generation(&partner) > gen);
    assert_eq!(
        store.trust(&acme, &partner).await.expect("read"),
        Some(updated)
    );
    let absent = store
        .update_trust(
            &trust(PARTNER, ACME, None),
            &event(PARTNER, "update", "absent"),
        )
        .await;
    assert!(
        matches!(absent, Err(StoreError::Missing { .. })),
        "{absent:?}"
    );
    assert!(events_about(store, PARTNER, "absent").await.is_empty());

    // A clone, then the deletion takes members, grants and clones along.
    let (clone, user) = clone_of(ACME, PARTNER, PAT, 1);
    store
        .insert_cloned_user(
            &clone,
            &user,
            5,
            &event(ACME, "create", clone.clone_id.as_str()),
        )
        .await
        .expect("clone");
    let gen = (
        store.authz_generation(&acme),
        store.authz_generation(&partner),
    );
    let both = [
        (acme.clone(), partner.clone()),
        (acme.clone(), OrgId::new(CARE)),
    ];
    let missing = store
        .delete_trusts(
            &[both[0].clone(), (partner.clone(), acme.clone())],
            &[event(ACME, "delete", "refused")],
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::Missing { .. })),
        "{missing:?}"
    );
    assert!(
        store.trust(&acme, &partner).await.expect("read").is_some(),
        "all or none"
    );
    assert!(events_about(store, ACME, "refused").await.is_empty());
    store
        .delete_trusts(
            &both,
            &[event(ACME, "delete", PARTNER), event(ACME, "delete", CARE)],
        )
        .await
        .expect("delete");
    assert!(store.authz_generation(&acme) > gen.0);
    assert!(store.authz_generation(&partner) > gen.1);
    assert!(store.trust(&acme, &partner).await.expect("read").is_none());
    assert!(store
        .all_trust_members(&acme, &partner)
        .await
        .expect("members")
        .is_empty());
    assert!(store
        .cloned_user(&acme, &UserId::new(PAT))
        .await
        .expect("read")
        .is_none());
    assert!(store
        .user(&acme, &clone.clone_id)
        .await
        .expect("read")
        .is_none());
    assert_eq!(
        store.trusts_of_trustor(&acme, 0, 25).await.expect("page").1,
        0
    );

    // The pair can be trusted again; its old members do not come back.
    create(
        store,
        NewTrust {
            trust: trust(ACME, PARTNER, None),
            members: vec![],
        },
    )
    .await
    .expect("again");
    assert!(store
        .all_trust_members(&acme, &partner)
        .await
        .expect("members")
        .is_empty());
}

/// A used pairing or an existing trust refuses the whole creation; nothing of it is kept.
pub async fn trust_creation_refusals_write_nothing(store: &dyn Store) {
    demo(store).await;
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    let p = pairing(PARTNER, &[PAT], &[]);
    store
        .insert_pairing(&p, &event(PARTNER, "create", p.id.as_str()))
        .await
        .expect("pairing");
    create(
        store,
        NewTrust {
            trust: trust(ACME, PARTNER, Some(&p.id)),
            members: vec![],
        },
    )
    .await
    .expect("create");
    // The same pairing again, by another trustor, with a Care trust in the same write.
    let refused = store
        .create_trusts(
            &[
                NewTrust {
                    trust: trust(ACME, CARE, None),
                    members: vec![],
                },
                NewTrust {
                    trust: trust(CARE, PARTNER, Some(&p.id)),
                    members: vec![],
                },
            ],
            &[event(CARE, "create", "used")],
        )
        .await;
    assert_eq!(constraint(&refused), Some("pairings.used"), "{refused:?}");
    assert!(store
        .trust(&acme, &OrgId::new(CARE))
        .await
        .expect("read")
        .is_none());
    assert_eq!(
        store
            .pairing(&p.id)
            .await
            .expect("read")
            .expect("pairing")
            .used_by,
        Some(acme.clone())
    );
    // An existing trust: refused, and the new members are not added to it.
    let dup = create(
        store,
        NewTrust {
            trust: trust(ACME, PARTNER, None),
            members: vec![member(ACME, PARTNER, MemberKind::User, SAM, &[])],
        },
    )
    .await;
    assert_eq!(constraint(&dup), Some("trusts.primary"), "{dup:?}");
    assert!(store
        .all_trust_members(&acme, &partner)
        .await
        .expect("members")
        .is_empty());
    assert!(events_about(store, CARE, "used").await.is_empty());
    assert_eq!(events_about(store, ACME, PARTNER).await, ["create"]);
}

/// Members: paged by name per kind, read with their grants, added once, replaced, removed; the
/// member limit counts users and groups that still exist, never the organization member.
pub async fn trust_members_round_trip(store: &dyn Store) {
    demo(store).await;
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    create(
        store,
        NewTrust {
            trust: trust(ACME, PARTNER, None),
            members: vec![],
        },
    )
    .await
    .expect("create");
    let put = |m: TrustMember, replace: bool, limit: u32, entity: &'static str| async move {
        store
            .put_trust_member(&m, replace, limit, &event(ACME, "add", entity))
            .await
    };
    let sam = member(
        ACME,
        PARTNER,
        MemberKind::User,
        SAM,
        &[grant(USER_VIEWER, None)],
    );
    let pat = member(
        ACME,
        PARTNER,
        MemberKind::User,
        PAT,
        &[grant(ADMIN, Some(ACME_EMEA))],
    );
    assert!(put(sam.clone(), false, 25, "sam").await.expect("put"));
    assert!(put(pat.clone(), false, 25, "pat").await.expect("put"));
    // At the limit: another user or group is refused, the organization member is not counted.
    let group = member(ACME, PARTNER, MemberKind::Group, SUPPORT, &[]);
    let over = put(group.clone(), false, 2, "over").await;
    assert_eq!(constraint(&over), Some("trust_members.limit"), "{over:?}");
    assert!(events_about(store, ACME, "over").await.is_empty());
    let org = member(ACME, PARTNER, MemberKind::Organization, PARTNER, &[]);
    assert!(put(org, false, 2, "org").await.expect("put"));
    assert!(put(group.clone(), false, 3, "group").await.expect("put"));

    // Paging by name (Pat Partner < Sam ...), per kind.
    let (page, total) = store
        .trust_members(&acme, &partner, MemberKind::User, 0, 1)
        .await
        .expect("page");
    assert_eq!(total, 2);
    assert_eq!(page, vec![pat.clone()]);
    let (page, _) = store
        .trust_members(&acme, &partner, MemberKind::User, 1, 25)
        .await
        .expect("page");
    assert_eq!(page, vec![sam.clone()]);
    let (page, total) = store
        .trust_members(&acme, &partner, MemberKind::Group, 0, 25)
        .await
        .expect("page");
    assert_eq!((page, total), (vec![group.clone()], 1));
    assert_eq!(
        store
            .trust_members(&acme, &partner, MemberKind::User, 2, 25)
            .await
            .expect("page"),
        (vec![], 2)
    );

    // Existing member: unchanged without replace, grants replaced with it.
    let sam2 = TrustMember {
        grants: vec![grant(ADMIN, None)],
        ..sam.clone()
    };
    assert!(!put(sam2.clone(), false, 25, "keep").await.expect("put"));
    assert_eq!(
        store
            .trust_member(&acme, &partner, MemberKind::User, SAM)
            .await
            .expect("read"),
        Some(sam.clone())
    );
    assert!(events_about(store, ACME, "keep").await.is_empty());
    assert!(!put(sam2.clone(), true, 2, "replace").await.expect("put"));
    assert_eq!(
        store
            .trust_member(&acme, &partner, MemberKind::User, SAM)
            .await
            .expect("read"),
        Some(sam2.clone())
    );
    let grants = [
        grant(USER_VIEWER, Some(ACME_HOME)),
        grant(USER_VIEWER, Some(ACME_EMEA)),
    ];
    store
        .set_trust_member_grants(
            &acme,
            &partner,
            MemberKind::User,
            SAM,
            &grants,
            &event(ACME, "update", SAM),
        )
        .await
        .expect("set grants");
    let read = store
        .trust_member(&acme, &partner, MemberKind::User, SAM)
        .await
        .expect("read")
        .expect("sam");
    let mut keys: Vec<&str> = read.grants.iter().map(|g| g.division.as_key()).collect();
    keys.sort_unstable();
    let mut want = vec![ACME_HOME, ACME_EMEA];
    want.sort_unstable();
    assert_eq!(keys, want);
    let missing = store
        .set_trust_member_grants(
            &acme,
            &partner,
            MemberKind::Group,
            "nope",
            &[],
            &event(ACME, "update", "nope"),
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::Missing { .. })),
        "{missing:?}"
    );

    // Removal.
    let gen = store.authz_generation(&partner);
    store
        .delete_trust_member(
            &acme,
            &partner,
            MemberKind::User,
            SAM,
            &event(ACME, "remove", SAM),
        )
        .await
        .expect("remove");
    assert!(store.authz_generation(&partner) > gen);
    assert!(store
        .trust_member(&acme, &partner, MemberKind::User, SAM)
        .await
        .expect("read")
        .is_none());
    let again = store
        .delete_trust_member(
            &acme,
            &partner,
            MemberKind::User,
            SAM,
            &event(ACME, "remove", "again"),
        )
        .await;
    assert!(
        matches!(again, Err(StoreError::Missing { .. })),
        "{again:?}"
    );
    assert!(events_about(store, ACME, "again").await.is_empty());
    // A trust that does not exist has no members to add.
    let none = put(
        member(PARTNER, ACME, MemberKind::User, "a", &[]),
        false,
        25,
        "none",
    )
    .await;
    assert!(matches!(none, Err(StoreError::Missing { .. })), "{none:?}");
    // Members of unknown users do not count and are not listed.
    let ghost = member(ACME, PARTNER, MemberKind::User, "ghost", &[]);
    assert!(put(ghost, false, 25, "ghost").await.expect("put"));
    assert_eq!(
        store
            .trust_members(&acme, &partner, MemberKind::User, 0, 25)
            .await
            .expect("page")
            .1,
        1
    );
    assert_eq!(
        store
            .all_trust_members(&acme, &partner)
            .await
            .expect("all")
            .len(),
        4
    );
}

/// Clones: created with their user row, listed by name, found by original, limited per trustor,
/// never twice for one original; deleted with their user row.
pub async fn cloned_users_round_trip(store: &dyn Store) {
    demo(store).await;
    crowd(store).await;
    let (acme, crowd_org) = (OrgId::new(ACME), OrgId::new(CROWD));
    for trustee in [PARTNER, CROWD] {
        create(
            store,
            NewTrust {
                trust: trust(ACME, trustee, None),
                members: vec![],
            },
        )
        .await
        .expect("create");
    }
    let (b, b_user) = clone_of(ACME, CROWD, &crowd_user(1), 2);
    let (a, a_user) = clone_of(ACME, CROWD, &crowd_user(0), 1);
    for (c, u) in [(&b, &b_user), (&a, &a_user)] {
        store
            .insert_cloned_user(c, u, 3, &event(ACME, "create", c.clone_id.as_str()))
            .await
            .expect("clone");
    }
    assert_eq!(
        store.cloned_users(&acme, &crowd_org).await.expect("list"),
        vec![a.clone(), b.clone()]
    );
    assert_eq!(
        store
            .cloned_user(&acme, &UserId::new(crowd_user(1)))
            .await
            .expect("read"),
        Some(b.clone())
    );
    assert_eq!(
        store.user(&acme, &a.clone_id).await.expect("read"),
        Some(a_user.clone())
    );
    // The same original again (another clone id and e-mail): refused by the clone link.
    let (dup, dup_user) = clone_of(ACME, CROWD, &crowd_user(1), 9);
    let refused = store
        .insert_cloned_user(&dup, &dup_user, 5, &event(ACME, "create", "dup"))
        .await;
    assert!(
        constraint(&refused).is_some_and(|c| c.starts_with("cloned_users.")),
        "{refused:?}"
    );
    assert!(store
        .user(&acme, &dup.clone_id)
        .await
        .expect("read")
        .is_none());
    // The limit counts the trustor's clones of every trust.
    let (p, p_user) = clone_of(ACME, PARTNER, PAT, 3);
    store
        .insert_cloned_user(&p, &p_user, 3, &event(ACME, "create", "third"))
        .await
        .expect("third clone");
    let (x, x_user) = clone_of(ACME, CROWD, &crowd_user(5), 4);
    let over = store
        .insert_cloned_user(&x, &x_user, 3, &event(ACME, "create", "over"))
        .await;
    assert_eq!(constraint(&over), Some("cloned_users.limit"), "{over:?}");
    assert!(events_about(store, ACME, "over").await.is_empty());
    assert!(store
        .user(&acme, &x.clone_id)
        .await
        .expect("read")
        .is_none());
    // No trust, no clone.
    let (n, n_user) = clone_of(PARTNER, ACME, "a", 5);
    let none = store
        .insert_cloned_user(&n, &n_user, 5, &event(PARTNER, "create", "none"))
        .await;
    assert!(matches!(none, Err(StoreError::Missing { .. })), "{none:?}");

    let gen = store.authz_generation(&crowd_org);
    store
        .delete_cloned_user(&a, &event(ACME, "delete", "a"))
        .await
        .expect("delete");
    assert!(store.authz_generation(&crowd_org) > gen);
    assert_eq!(
        store.cloned_users(&acme, &crowd_org).await.expect("list"),
        vec![b.clone()]
    );
    assert!(store
        .user(&acme, &a.clone_id)
        .await
        .expect("read")
        .is_none());
    let again = store
        .delete_cloned_user(&a, &event(ACME, "delete", "again"))
        .await;
    assert!(
        matches!(again, Err(StoreError::Missing { .. })),
        "{again:?}"
    );
    // Its original can be cloned again.
    let (a2, a2_user) = clone_of(ACME, CROWD, &crowd_user(0), 6);
    store
        .insert_cloned_user(&a2, &a2_user, 3, &event(ACME, "create", "a2"))
        .await
        .expect("clone again");
}

/// Runs `n` writes at once on a multi-threaded runtime and returns their results in order.
async fn at_once<T, F, Fut>(
    store: &Arc<dyn Store>,
    n: usize,
    write: F,
) -> Vec<Result<T, StoreError>>
where
    T: Send + 'static,
    F: Fn(Arc<dyn Store>, usize) -> Fut,
    Fut: std::future::Future<Output = Result<T, StoreError>> + Send + 'static,
{
    // Every task waits at the barrier, so the writes start together.
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let write = write(store.clone(), i);
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                write.await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(n);
    for t in tasks {
        results.push(t.await.expect("task"));
    }
    results
}

/// 30 users added at once to a trust limited to 25: exactly 25 are added.
pub async fn race_member_limit(store: Arc<dyn Store>) {
    demo(&*store).await;
    crowd(&*store).await;
    create(
        &*store,
        NewTrust {
            trust: trust(ACME, CROWD, None),
            members: vec![],
        },
    )
    .await
    .expect("create");
    let results = at_once(&store, 30, |s, i| async move {
        let m = member(
            ACME,
            CROWD,
            MemberKind::User,
            &crowd_user(i),
            &[grant(USER_VIEWER, None)],
        );
        s.put_trust_member(&m, false, 25, &event(ACME, "add", &crowd_user(i)))
            .await
    })
    .await;
    let added = results.iter().filter(|r| matches!(r, Ok(true))).count();
    let refused = results
        .iter()
        .filter(|r| constraint(r) == Some("trust_members.limit"))
        .count();
    assert_eq!((added, refused), (25, 5), "{results:?}");
    let (_, total) = store
        .trust_members(
            &OrgId::new(ACME),
            &OrgId::new(CROWD),
            MemberKind::User,
            0,
            100,
        )
        .await
        .expect("page");
    assert_eq!(total, 25);
}

/// One member added ten times at once: it is new once, and stored once with its grants.
pub async fn race_same_member(store: Arc<dyn Store>) {
    demo(&*store).await;
    create(
        &*store,
        NewTrust {
            trust: trust(ACME, PARTNER, None),
            members: vec![],
        },
    )
    .await
    .expect("create");
    let results = at_once(&store, 10, |s, i| async move {
        let m = member(
            ACME,
            PARTNER,
            MemberKind::User,
            PAT,
            &[grant(USER_VIEWER, None)],
        );
        s.put_trust_member(&m, i % 2 == 0, 25, &event(ACME, "add", PAT))
            .await
    })
    .await;
    assert_eq!(
        results.iter().filter(|r| matches!(r, Ok(true))).count(),
        1,
        "{results:?}"
    );
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let all = store
        .all_trust_members(&OrgId::new(ACME), &OrgId::new(PARTNER))
        .await
        .expect("members");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].grants, vec![grant(USER_VIEWER, None)]);
}

/// Two trustors create a trust from one pairing at once: one wins, the other is told the
/// pairing was used.
pub async fn race_one_pairing(store: Arc<dyn Store>) {
    demo(&*store).await;
    let p = pairing(PARTNER, &[PAT], &[]);
    store
        .insert_pairing(&p, &event(PARTNER, "create", p.id.as_str()))
        .await
        .expect("pairing");
    let id = p.id.clone();
    let results = at_once(&store, 2, move |s, i| {
        let id = id.clone();
        async move {
            let trustor = if i == 0 { ACME } else { CARE };
            let new = NewTrust {
                trust: trust(trustor, PARTNER, Some(&id)),
                members: vec![member(trustor, PARTNER, MemberKind::User, PAT, &[])],
            };
            create(&*s, new).await
        }
    })
    .await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| constraint(r) == Some("pairings.used")),
        "{results:?}"
    );
    let winner = if results[0].is_ok() { ACME } else { CARE };
    let loser = if results[0].is_ok() { CARE } else { ACME };
    let partner = OrgId::new(PARTNER);
    assert!(store
        .trust(&OrgId::new(winner), &partner)
        .await
        .expect("read")
        .is_some());
    assert!(store
        .trust(&OrgId::new(loser), &partner)
        .await
        .expect("read")
        .is_none());
    assert_eq!(
        store
            .pairing(&p.id)
            .await
            .expect("read")
            .expect("pairing")
            .used_by,
        Some(OrgId::new(winner))
    );
}

/// The same Customer Care trust created twice at once: one is created, the other is refused as
/// existing, and only one creation is audited.
pub async fn race_care_trust_twice(store: Arc<dyn Store>) {
    demo(&*store).await;
    let results = at_once(&store, 2, |s, _| async move {
        let new = NewTrust {
            trust: trust(ACME, CARE, None),
            members: vec![member(
                ACME,
                CARE,
                MemberKind::Organization,
                CARE,
                &[grant(ADMIN, None)],
            )],
        };
        create(&*s, new).await
    })
    .await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| constraint(r) == Some("trusts.primary")),
        "{results:?}"
    );
    assert_eq!(events_about(&*store, ACME, CARE).await, ["create"]);
    let all = store
        .all_trust_members(&OrgId::new(ACME), &OrgId::new(CARE))
        .await
        .expect("members");
    assert_eq!(all.len(), 1);
}

/// Ten users cloned at once into a trustor allowed five clones: exactly five are made.
pub async fn race_clone_limit(store: Arc<dyn Store>) {
    demo(&*store).await;
    crowd(&*store).await;
    for trustee in [PARTNER, CROWD] {
        create(
            &*store,
            NewTrust {
                trust: trust(ACME, trustee, None),
                members: vec![],
            },
        )
        .await
        .expect("create");
    }
    // Clones through two trusts of one trustor compete for the same limit.
    let results = at_once(&store, 10, |s, i| async move {
        let (trustee, original) = match i {
            3 => (PARTNER, PAT.to_owned()),
            6 => (PARTNER, SAM.to_owned()),
            _ => (CROWD, crowd_user(i)),
        };
        let (clone, user) = clone_of(ACME, trustee, &original, 10 + i);
        s.insert_cloned_user(
            &clone,
            &user,
            5,
            &event(ACME, "create", clone.clone_id.as_str()),
        )
        .await
    })
    .await;
    let made = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .iter()
        .filter(|r| constraint(r) == Some("cloned_users.limit"))
        .count();
    assert_eq!((made, refused), (5, 5), "{results:?}");
    let acme = OrgId::new(ACME);
    let total = store
        .cloned_users(&acme, &OrgId::new(CROWD))
        .await
        .expect("list")
        .len()
        + store
            .cloned_users(&acme, &OrgId::new(PARTNER))
            .await
            .expect("list")
            .len();
    assert_eq!(total, 5);
}

/// A clone and its trust deleted at once, several times over: the trust deletion always
/// succeeds, the clone deletion succeeds or finds the clone gone, and neither write fails
/// otherwise (no deadlock between them).
pub async fn race_clone_and_trust_deletion(store: Arc<dyn Store>) {
    demo(&*store).await;
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    for round in 0..8 {
        create(
            &*store,
            NewTrust {
                trust: trust(ACME, PARTNER, None),
                members: vec![member(ACME, PARTNER, MemberKind::User, PAT, &[])],
            },
        )
        .await
        .expect("create");
        let (clone, user) = clone_of(ACME, PARTNER, PAT, 20 + round);
        store
            .insert_cloned_user(&clone, &user, 5, &event(ACME, "create", "clone"))
            .await
            .expect("clone");
        let results = at_once(&store, 2, move |s, i| {
            let clone = clone.clone();
            async move {
                if i == 0 {
                    s.delete_cloned_user(&clone, &event(ACME, "delete", "clone"))
                        .await
                } else {
                    s.delete_trusts(
                        &[(OrgId::new(ACME), OrgId::new(PARTNER))],
                        &[event(ACME, "delete", PARTNER)],
                    )
                    .await
                }
            }
        })
        .await;
        assert!(results[1].is_ok(), "{results:?}");
        assert!(
            matches!(results[0], Ok(()) | Err(StoreError::Missing { .. })),
            "{results:?}"
        );
        assert!(store.trust(&acme, &partner).await.expect("read").is_none());
        assert!(store
            .cloned_users(&acme, &partner)
            .await
            .expect("list")
            .is_empty());
    }
}

/// Every write of a trust, its members or clones moves the authorization generation of both
/// organizations as `observer` sees it (the writing store itself, or another instance on the
/// same database).
pub async fn trust_writes_reach(writer: &dyn Store, observer: &dyn Store) {
    demo(writer).await;
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    let p = pairing(PARTNER, &[PAT], &[]);
    writer
        .insert_pairing(&p, &event(PARTNER, "create", p.id.as_str()))
        .await
        .expect("pairing");
    let t = trust(ACME, PARTNER, Some(&p.id));
    let sam = member(ACME, PARTNER, MemberKind::User, SAM, &[]);
    let (clone, user) = clone_of(ACME, PARTNER, PAT, 1);
    for step in 0..9 {
        let before = (
            observer.authz_generation(&acme),
            observer.authz_generation(&partner),
        );
        let e = event(ACME, "write", PARTNER);
        let (name, done) = match step {
            0 => (
                "create_trusts",
                writer
                    .create_trusts(
                        &[NewTrust {
                            trust: t.clone(),
                            members: vec![member(ACME, PARTNER, MemberKind::User, PAT, &[])],
                        }],
                        &[e],
                    )
                    .await,
            ),
            1 => (
                "update_trust",
                writer
                    .update_trust(
                        &Trust {
                            enabled: false,
                            ..t.clone()
                        },
                        &e,
                    )
                    .await,
            ),
            2 => (
                "put_trust_member",
                writer.put_trust_member(&sam, false, 25, &e).await.map(drop),
            ),
            3 => (
                "set_trust_member_grants",
                writer
                    .set_trust_member_grants(
                        &acme,
                        &partner,
                        MemberKind::User,
                        SAM,
                        &[grant(ADMIN, None)],
                        &e,
                    )
                    .await,
            ),
            4 => (
                "delete_trust_member",
                writer
                    .delete_trust_member(&acme, &partner, MemberKind::User, SAM, &e)
                    .await,
            ),
            5 => (
                "insert_cloned_user",
                writer.insert_cloned_user(&clone, &user, 5, &e).await,
            ),
            6 => (
                "delete_cloned_user",
                writer.delete_cloned_user(&clone, &e).await,
            ),
            7 => (
                "put_trust_member (replace)",
                writer.put_trust_member(&sam, true, 25, &e).await.map(drop),
            ),
            _ => (
                "delete_trusts",
                writer
                    .delete_trusts(&[(acme.clone(), partner.clone())], &[e])
                    .await,
            ),
        };
        done.unwrap_or_else(|err| panic!("{name}: {err:?}"));
        // Another instance learns of the change a moment after the commit.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while observer.authz_generation(&acme) <= before.0
            || observer.authz_generation(&partner) <= before.1
        {
            assert!(
                std::time::Instant::now() < deadline,
                "{name} did not move both generations"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }
}

/// Every trust write moves both organizations' generations.
pub async fn trust_writes_move_both_generations(store: &dyn Store) {
    trust_writes_reach(store, store).await;
}

/// Trust reviews: upserted with their event, listed per trustor, due by date until lapsed,
/// refused for a trust that does not exist, and deleted with their trust.
pub async fn trust_reviews_round_trip(store: &dyn Store) {
    use orgtrust_core::store::TrustReview;
    demo(store).await;
    let (acme, partner) = (OrgId::new(ACME), OrgId::new(PARTNER));
    let at = now();
    let review = TrustReview {
        trustor_org_id: acme.clone(),
        trustee_org_id: partner.clone(),
        interval_days: 30,
        reviewer_user_id: UserId::new("a0000000-0000-4000-8000-000000000031"),
        last_confirmed: at,
        due: at + Duration::days(30),
        lapsed: None,
    };
    let refused = store
        .put_review(&review, &event(ACME, "reviewRequired", "no-trust"))
        .await;
    assert!(
        matches!(refused, Err(StoreError::Missing { .. })),
        "{refused:?}"
    );
    assert!(events_about(store, ACME, "no-trust").await.is_empty());

    create(
        store,
        NewTrust {
            trust: trust(ACME, PARTNER, None),
            members: vec![],
        },
    )
    .await
    .expect("trust");
    store
        .put_review(&review, &event(ACME, "reviewRequired", PARTNER))
        .await
        .expect("put");
    assert_eq!(
        store.reviews(&acme).await.expect("list"),
        vec![review.clone()]
    );
    assert!(store.reviews(&partner).await.expect("list").is_empty());
    // Replacing keeps one row.
    let replaced = TrustReview {
        interval_days: 7,
        due: at + Duration::days(7),
        ..review.clone()
    };
    store
        .put_review(&replaced, &event(ACME, "reviewUpdated", PARTNER))
        .await
        .expect("replace");
    assert_eq!(
        store.reviews(&acme).await.expect("list"),
        vec![replaced.clone()]
    );

    assert!(store.due_reviews(at).await.expect("due").is_empty());
    let later = at + Duration::days(8);
    assert_eq!(
        store.due_reviews(later).await.expect("due"),
        vec![replaced.clone()]
    );
    store
        .mark_review_lapsed(&acme, &partner, later)
        .await
        .expect("lapse");
    assert!(store.due_reviews(later).await.expect("due").is_empty());
    let lapsed = store.reviews(&acme).await.expect("list");
    assert_eq!(
        lapsed[0].lapsed.map(|t| t.timestamp_millis()),
        Some(later.timestamp_millis())
    );

    assert!(store
        .delete_review(&acme, &partner, &event(ACME, "reviewRemoved", PARTNER))
        .await
        .expect("delete"));
    assert!(!store
        .delete_review(&acme, &partner, &event(ACME, "reviewRemoved", "again"))
        .await
        .expect("delete again"));
    assert!(events_about(store, ACME, "again").await.is_empty());

    // A review goes with its trust.
    store
        .put_review(&review, &event(ACME, "reviewRequired", PARTNER))
        .await
        .expect("put again");
    store
        .delete_trusts(
            &[(acme.clone(), partner.clone())],
            &[event(ACME, "delete", PARTNER)],
        )
        .await
        .expect("delete trust");
    assert!(store.reviews(&acme).await.expect("list").is_empty());
}
