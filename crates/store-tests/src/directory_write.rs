//! Conformance cases for the directory writes ([`DirectoryWriteStore`]): optimistic versions,
//! deletions and what goes with them (grants, memberships, tokens), refused deletions, bulk
//! grant changes and OAuth clients. Generated per backend by [`directory_write_suite!`].
//!
//! [`DirectoryWriteStore`]: orgtrust_core::store::DirectoryWriteStore
//! [`directory_write_suite!`]: crate::directory_write_suite

use chrono::{DateTime, Duration, Utc};
use orgtrust_core::audit::AuditEvent;
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::ids::{ClientId, DivisionId, GroupId, OrgId, RoleId, UserId};
use orgtrust_core::model::{Division, Grant, Group, OAuthClient, Role, Subject, User, UserState};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::secret::{hash_secret, verify_secret, PasswordHashString, Secret, TokenDigest};
use orgtrust_core::store::{
    constraints, GrantChange, GroupQuery, Store, StoreError, StoreResult, UserQuery, Window,
};
use orgtrust_core::token::{TokenRecord, TokenSubject};

use crate::{demo, event, uuid_like, ACME, PARTNER};

const HOME: &str = "a0000000-0000-4000-8000-000000000011";
const EMEA: &str = "a0000000-0000-4000-8000-000000000012";
const ADMIN: &str = "a0000000-0000-4000-8000-000000000021";
const VIEWER: &str = "a0000000-0000-4000-8000-000000000022";
const AUDITOR: &str = "a0000000-0000-4000-8000-000000000023";
const ANN: &str = "a0000000-0000-4000-8000-000000000031";
const EMIL: &str = "a0000000-0000-4000-8000-000000000032";
const ACME_ADMINS: &str = "a0000000-0000-4000-8000-000000000041";
const PAT: &str = "b0000000-0000-4000-8000-000000000031";

fn acme() -> OrgId {
    OrgId::new(ACME)
}

/// An audit event of Acme for a write of `entity`.
fn audit(action: &str, entity: &str) -> AuditEvent {
    AuditEvent {
        entity_type: "directory".into(),
        ..event(ACME, action, entity)
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

fn sorted(mut grants: Vec<Grant>) -> Vec<Grant> {
    grants.sort();
    grants
}

fn refused_by(result: StoreResult<()>, constraint: &str) {
    assert!(
        matches!(&result, Err(e) if e.is_constraint(constraint)),
        "expected the refusal {constraint}, got {result:?}"
    );
}

fn missing(result: StoreResult<()>) {
    assert!(
        matches!(result, Err(StoreError::Missing { .. })),
        "expected Missing, got {result:?}"
    );
}

/// A constraint violation whose name mentions `part` (the backends name indexes differently).
fn conflict_on(result: StoreResult<()>, part: &str) {
    assert!(
        matches!(&result, Err(StoreError::Constraint { constraint }) if constraint.contains(part)),
        "expected a constraint on {part}, got {result:?}"
    );
}

/// The actions of Acme's most recent audit events, newest first.
async fn actions(store: &dyn Store, n: u32) -> Vec<String> {
    store
        .recent_audit_events(&acme(), n)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// Now, at the millisecond precision dates are stored with.
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(SystemClock::new().now().timestamp_millis()).unwrap_or_default()
}

fn new_user(id: &str, name: &str, email: &str, division: &str) -> User {
    let now = now();
    User {
        id: UserId::new(id),
        org_id: acme(),
        name: name.into(),
        email: email.into(),
        division_id: DivisionId::new(division),
        state: UserState::Active,
        version: 1,
        title: Some("Engineer".into()),
        department: None,
        date_created: now,
        date_modified: now,
    }
}

fn new_group(id: &str, name: &str, division: &str) -> Group {
    Group {
        id: GroupId::new(id),
        org_id: acme(),
        name: name.into(),
        description: Some("A group".into()),
        division_id: DivisionId::new(division),
        kind: "official".into(),
        visibility: "public".into(),
        rules_visible: true,
        state: "active".into(),
        version: 1,
        member_count: 0,
        date_created: now(),
    }
}

fn new_client(id: &str, name: &str) -> OAuthClient {
    OAuthClient {
        id: ClientId::new(id),
        org_id: acme(),
        name: name.into(),
        description: Some("An integration".into()),
        authorized_grant_types: vec!["CLIENT-CREDENTIALS".into()],
        scope: vec![],
        registered_redirect_uris: vec!["https://app.example/cb".into()],
        access_token_validity_seconds: Some(3600),
        state: "active".into(),
        date_created: now(),
    }
}

async fn issue_token(store: &dyn Store, bearer: &str, subject: TokenSubject, client: &str) {
    let now = SystemClock::new().now();
    let token = TokenRecord {
        id: uuid_like(),
        digest: TokenDigest::of(bearer),
        org_id: acme(),
        home_org_id: acme(),
        subject,
        client_id: ClientId::new(client),
        cloned_user_id: None,
        issued_at: now,
        expires_at: now + Duration::hours(1),
        revoked_at: None,
    };
    store
        .insert_token(&token, &event(ACME, "login", &token.id))
        .await
        .expect("insert token");
}

async fn revoked(store: &dyn Store, bearer: &str) -> bool {
    store
        .token(&TokenDigest::of(bearer))
        .await
        .expect("read token")
        .expect("token")
        .revoked_at
        .is_some()
}

fn every_user(state: UserState) -> UserQuery {
    UserQuery {
        divisions: None,
        ids: None,
        group: None,
        state,
        descending: false,
    }
}

const ALL: Window = Window {
    offset: 0,
    limit: 100,
};

/// Users are created, listed, patched under their version (a stale version is refused and
/// leaves nothing), and a duplicate email is refused.
pub async fn users_create_patch_and_refuse_stale_versions(store: &dyn Store) {
    demo(store).await;
    let org = acme();
    let mut zoe = new_user(&uuid_like(), "Zoe Zed", "zoe@acme.example", EMEA);
    let generation = store.authz_generation(&org);
    store
        .create_user(
            &zoe,
            Some(&PasswordHashString("hash-of-zoe".into())),
            &audit("create", zoe.id.as_str()),
        )
        .await
        .expect("create");
    assert!(store.authz_generation(&org) > generation);
    assert_eq!(
        store.user(&org, &zoe.id).await.expect("read"),
        Some(zoe.clone())
    );
    let creds = store
        .user_credentials(&org, "zoe@acme.example")
        .await
        .expect("read")
        .expect("credentials");
    assert_eq!(
        creds.password_hash.map(|h| h.0).as_deref(),
        Some("hash-of-zoe")
    );

    // Listings: by name, filtered by division and ids, paged with the total.
    let (users, total) = store
        .list_users(&org, &every_user(UserState::Active), ALL)
        .await
        .expect("list");
    assert_eq!(total, 3);
    assert_eq!(
        users.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        vec!["Ann Admin", "Emil Europe", "Zoe Zed"]
    );
    let emea = UserQuery {
        divisions: Some(vec![DivisionId::new(EMEA)]),
        descending: true,
        ..every_user(UserState::Active)
    };
    let (users, total) = store
        .list_users(
            &org,
            &emea,
            Window {
                offset: 1,
                limit: 1,
            },
        )
        .await
        .expect("list");
    assert_eq!(total, 2);
    assert_eq!(
        users.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        vec!["Emil Europe"]
    );
    let by_ids = UserQuery {
        ids: Some(vec![zoe.id.clone(), UserId::new(PAT)]),
        ..every_user(UserState::Active)
    };
    let (users, total) = store.list_users(&org, &by_ids, ALL).await.expect("list");
    assert_eq!((users.len(), total), (1, 1));
    let nowhere = UserQuery {
        divisions: Some(vec![]),
        ..every_user(UserState::Active)
    };
    assert_eq!(
        store.list_users(&org, &nowhere, ALL).await.expect("list").1,
        0
    );

    // A patch under the stored version lands; the same patch again is stale.
    zoe.name = "Zoe Zeta".into();
    zoe.division_id = DivisionId::new(HOME);
    zoe.version = 2;
    store
        .update_user(&zoe, 1, &audit("update", zoe.id.as_str()))
        .await
        .expect("update");
    assert_eq!(
        store.user(&org, &zoe.id).await.expect("read"),
        Some(zoe.clone())
    );
    let mut late = zoe.clone();
    late.name = "Zoe Late".into();
    refused_by(
        store
            .update_user(&late, 1, &audit("update", "stale-update"))
            .await,
        constraints::STALE_VERSION,
    );
    assert_eq!(
        store
            .user(&org, &zoe.id)
            .await
            .expect("read")
            .map(|u| u.name),
        Some("Zoe Zeta".into())
    );

    // Another live user with the same email is refused.
    let twin = new_user(&uuid_like(), "Zoe Twin", "zoe@acme.example", HOME);
    conflict_on(
        store
            .create_user(&twin, None, &audit("create", "twin-create"))
            .await,
        "email",
    );
    assert!(store.user(&org, &twin.id).await.expect("read").is_none());

    // New password; the refused writes left no events.
    store
        .set_user_password(
            &org,
            &zoe.id,
            &PasswordHashString("new-hash".into()),
            &audit("password", zoe.id.as_str()),
        )
        .await
        .expect("password");
    missing(
        store
            .set_user_password(
                &org,
                &UserId::new(PAT),
                &PasswordHashString("x".into()),
                &audit("password", "other-org"),
            )
            .await,
    );
    let events = store.recent_audit_events(&org, 10).await.expect("audit");
    assert!(events.iter().all(|e| !matches!(
        e.entity_id.as_str(),
        "stale-update" | "twin-create" | "other-org"
    )));
    assert_eq!(
        actions(store, 3).await,
        vec!["password", "update", "create"]
    );
}

/// Deleting a user drops its grants and memberships and revokes its tokens in the same write.
pub async fn deleting_a_user_revokes_its_tokens(store: &dyn Store) {
    demo(store).await;
    let org = acme();
    let ann = UserId::new(ANN);
    issue_token(
        store,
        "ann-bearer",
        TokenSubject::User(ann.clone()),
        "acme-admin",
    )
    .await;
    issue_token(store, "client-bearer", TokenSubject::Client, "acme-admin").await;
    let generation = store.authz_generation(&org);
    let at = SystemClock::new().now();
    store
        .delete_user(&org, &ann, at, &audit("delete", ANN))
        .await
        .expect("delete");
    assert!(store.authz_generation(&org) > generation);
    assert!(revoked(store, "ann-bearer").await);
    assert!(!revoked(store, "client-bearer").await);
    assert!(store.user(&org, &ann).await.expect("read").is_none());
    assert!(store
        .grants_of(&org, &Subject::User(ann.clone()))
        .await
        .expect("grants")
        .is_empty());
    assert!(store
        .group_member_ids(&org, &GroupId::new(ACME_ADMINS))
        .await
        .expect("members")
        .is_empty());
    let snapshot = store.authz_snapshot(&org).await.expect("snapshot");
    assert!(snapshot.users.iter().all(|(id, ..)| *id != ann));
    assert!(snapshot
        .grants
        .iter()
        .all(|(s, _)| *s != Subject::User(ann.clone())));
    // Kept as deleted, with its version moved, for the audit trail.
    let (deleted, _) = store
        .list_users(&org, &every_user(UserState::Deleted), ALL)
        .await
        .expect("list");
    assert_eq!(
        deleted
            .iter()
            .map(|u| (u.id.clone(), u.version))
            .collect::<Vec<_>>(),
        vec![(ann.clone(), 2)]
    );
    missing(
        store
            .delete_user(&org, &ann, at, &audit("delete", ANN))
            .await,
    );
    missing(
        store
            .delete_user(&org, &UserId::new(PAT), at, &audit("delete", PAT))
            .await,
    );
    assert_eq!(actions(store, 1).await, vec!["delete"]);
}

/// Groups: members are added under the group's version (only live users of the organization,
/// each once) and removed; a deleted group loses its members and grants.
pub async fn group_members_follow_the_version(store: &dyn Store) {
    demo(store).await;
    let org = acme();
    let mut group = new_group(&uuid_like(), "Builders", HOME);
    store
        .create_group(&group, &audit("create", group.id.as_str()))
        .await
        .expect("create");
    conflict_on(
        store
            .create_group(
                &new_group(&uuid_like(), "BUILDERS", EMEA),
                &audit("create", "dup-group"),
            )
            .await,
        "name",
    );
    let generation = store.authz_generation(&org);
    store
        .add_group_members(
            &org,
            &group.id,
            &[
                UserId::new(EMIL),
                UserId::new(ANN),
                UserId::new(EMIL),
                UserId::new(PAT),
                UserId::new("nobody"),
            ],
            1,
            &audit("addMembers", group.id.as_str()),
        )
        .await
        .expect("add");
    assert!(store.authz_generation(&org) > generation);
    assert_eq!(
        store
            .group_member_ids(&org, &group.id)
            .await
            .expect("members"),
        vec![UserId::new(ANN), UserId::new(EMIL)]
    );
    let read = store
        .group(&org, &group.id)
        .await
        .expect("read")
        .expect("group");
    assert_eq!((read.version, read.member_count), (2, 2));
    refused_by(
        store
            .add_group_members(
                &org,
                &group.id,
                &[UserId::new(ANN)],
                1,
                &audit("addMembers", "stale-add"),
            )
            .await,
        constraints::STALE_VERSION,
    );
    store
        .remove_group_members(
            &org,
            &group.id,
            &[UserId::new(EMIL), UserId::new("nobody")],
            &audit("removeMembers", group.id.as_str()),
        )
        .await
        .expect("remove");
    assert_eq!(
        store
            .group_member_ids(&org, &group.id)
            .await
            .expect("members"),
        vec![UserId::new(ANN)]
    );
    let members = UserQuery {
        group: Some(group.id.clone()),
        ..every_user(UserState::Active)
    };
    let (users, total) = store.list_users(&org, &members, ALL).await.expect("list");
    assert_eq!((users[0].id.clone(), total), (UserId::new(ANN), 1));

    // Patch under the version (now 3), then list.
    group.name = "Makers".into();
    group.version = 4;
    store
        .update_group(&group, 3, &audit("update", group.id.as_str()))
        .await
        .expect("update");
    refused_by(
        store
            .update_group(&group, 3, &audit("update", "stale-group"))
            .await,
        constraints::STALE_VERSION,
    );
    let query = GroupQuery {
        divisions: Some(vec![DivisionId::new(HOME)]),
        ids: None,
        descending: false,
    };
    let (groups, total) = store.list_groups(&org, &query, ALL).await.expect("list");
    assert_eq!(total, 2);
    assert_eq!(
        groups
            .iter()
            .map(|g| (g.name.as_str(), g.member_count))
            .collect::<Vec<_>>(),
        vec![("Acme Admins", 1), ("Makers", 1)]
    );

    // Deleting drops memberships and grants.
    let subject = Subject::Group(group.id.clone());
    store
        .change_grants(
            &org,
            &subject,
            GrantChange::Add,
            &[grant(VIEWER, None)],
            &audit("grant", group.id.as_str()),
        )
        .await
        .expect("grant");
    let generation = store.authz_generation(&org);
    store
        .delete_group(&org, &group.id, &audit("delete", group.id.as_str()))
        .await
        .expect("delete");
    assert!(store.authz_generation(&org) > generation);
    assert!(store.group(&org, &group.id).await.expect("read").is_none());
    assert!(store
        .grants_of(&org, &subject)
        .await
        .expect("grants")
        .is_empty());
    let snapshot = store.authz_snapshot(&org).await.expect("snapshot");
    assert!(snapshot.memberships.iter().all(|(g, _)| *g != group.id));
    assert_eq!(
        store.list_groups(&org, &query, ALL).await.expect("list").1,
        1
    );
    missing(
        store
            .delete_group(&org, &group.id, &audit("delete", group.id.as_str()))
            .await,
    );
    missing(
        store
            .remove_group_members(&org, &group.id, &[], &audit("removeMembers", "gone"))
            .await,
    );
}

/// Deleting a role takes every grant of it in the same write.
pub async fn deleting_a_role_takes_its_grants(store: &dyn Store) {
    demo(store).await;
    let org = acme();
    let mut role = Role {
        id: RoleId::new(uuid_like()),
        org_id: org.clone(),
        name: "Auditor Plus".into(),
        description: None,
        permissions: vec!["authorization:audit:view".into()],
        default_admin: false,
    };
    store
        .create_role(&role, &audit("create", role.id.as_str()))
        .await
        .expect("create");
    conflict_on(
        store
            .create_role(
                &Role {
                    id: RoleId::new(uuid_like()),
                    name: "auditor plus".into(),
                    ..role.clone()
                },
                &audit("create", "dup-role"),
            )
            .await,
        "name",
    );
    role.permissions.push("directory:user:view".into());
    role.description = Some("Audits and reads users".into());
    store
        .update_role(&role, &audit("update", role.id.as_str()))
        .await
        .expect("update");
    assert_eq!(
        store.role(&org, &role.id).await.expect("read"),
        Some(role.clone())
    );

    let emil = Subject::User(UserId::new(EMIL));
    let client = Subject::Client(ClientId::new("acme-admin"));
    for subject in [&emil, &client] {
        store
            .change_grants(
                &org,
                subject,
                GrantChange::Add,
                &[grant(role.id.as_str(), Some(EMEA))],
                &audit("grant", subject.id()),
            )
            .await
            .expect("grant");
    }
    assert_eq!(store.grants_of(&org, &emil).await.expect("grants").len(), 2);
    let generation = store.authz_generation(&org);
    store
        .delete_role(&org, &role.id, &audit("delete", role.id.as_str()))
        .await
        .expect("delete");
    assert!(store.authz_generation(&org) > generation);
    assert!(store.role(&org, &role.id).await.expect("read").is_none());
    assert_eq!(
        store.grants_of(&org, &emil).await.expect("grants"),
        vec![grant(VIEWER, Some(EMEA))]
    );
    assert_eq!(
        store.grants_of(&org, &client).await.expect("grants"),
        vec![grant(ADMIN, None)]
    );
    missing(
        store
            .delete_role(&org, &role.id, &audit("delete", role.id.as_str()))
            .await,
    );
    missing(
        store
            .update_role(&role, &audit("update", role.id.as_str()))
            .await,
    );
    missing(
        store
            .delete_role(
                &OrgId::new(PARTNER),
                &RoleId::new(ADMIN),
                &audit("delete", "other-org"),
            )
            .await,
    );
}

/// A division is deleted only when empty and not the home division; its grants go with it and
/// its deleted users move home.
pub async fn deleting_a_division_refuses_when_in_use(store: &dyn Store) {
    demo(store).await;
    let org = acme();
    let mut apac = Division {
        id: DivisionId::new(uuid_like()),
        org_id: org.clone(),
        name: "APAC".into(),
        description: None,
        home: false,
    };
    store
        .create_division(&apac, &audit("create", apac.id.as_str()))
        .await
        .expect("create");
    conflict_on(
        store
            .create_division(
                &Division {
                    id: DivisionId::new(uuid_like()),
                    name: "apac".into(),
                    ..apac.clone()
                },
                &audit("create", "dup-division"),
            )
            .await,
        "name",
    );
    apac.description = Some("Asia-Pacific".into());
    store
        .update_division(&apac, &audit("update", apac.id.as_str()))
        .await
        .expect("update");
    assert_eq!(
        store.division(&org, &apac.id).await.expect("read"),
        Some(apac.clone())
    );

    let kim = new_user(
        &uuid_like(),
        "Kim Kang",
        "kim@acme.example",
        apac.id.as_str(),
    );
    store
        .create_user(&kim, None, &audit("create", kim.id.as_str()))
        .await
        .expect("user");
    let group = new_group(&uuid_like(), "APAC team", apac.id.as_str());
    store
        .create_group(&group, &audit("create", group.id.as_str()))
        .await
        .expect("group");
    let counts = store.division_counts(&org, &apac.id).await.expect("counts");
    assert_eq!((counts.users, counts.groups), (1, 1));
    refused_by(
        store
            .delete_division(&org, &apac.id, &audit("delete", "in-use"))
            .await,
        constraints::DIVISION_IN_USE,
    );
    store
        .delete_group(&org, &group.id, &audit("delete", group.id.as_str()))
        .await
        .expect("delete group");
    refused_by(
        store
            .delete_division(&org, &apac.id, &audit("delete", "in-use"))
            .await,
        constraints::DIVISION_IN_USE,
    );
    refused_by(
        store
            .delete_division(&org, &DivisionId::new(HOME), &audit("delete", "home"))
            .await,
        constraints::HOME_DIVISION,
    );
    store
        .delete_user(
            &org,
            &kim.id,
            SystemClock::new().now(),
            &audit("delete", kim.id.as_str()),
        )
        .await
        .expect("delete user");
    let counts = store.division_counts(&org, &apac.id).await.expect("counts");
    assert_eq!((counts.users, counts.groups), (0, 0));

    let ann = Subject::User(UserId::new(ANN));
    store
        .change_grants(
            &org,
            &ann,
            GrantChange::Add,
            &[grant(VIEWER, Some(apac.id.as_str()))],
            &audit("grant", ANN),
        )
        .await
        .expect("grant");
    let generation = store.authz_generation(&org);
    store
        .delete_division(&org, &apac.id, &audit("delete", apac.id.as_str()))
        .await
        .expect("delete");
    assert!(store.authz_generation(&org) > generation);
    assert!(store
        .division(&org, &apac.id)
        .await
        .expect("read")
        .is_none());
    assert_eq!(
        store.grants_of(&org, &ann).await.expect("grants"),
        vec![grant(ADMIN, None)]
    );
    let (deleted, _) = store
        .list_users(&org, &every_user(UserState::Deleted), ALL)
        .await
        .expect("list");
    assert_eq!(deleted[0].division_id, DivisionId::new(HOME));
    missing(
        store
            .delete_division(&org, &apac.id, &audit("delete", apac.id.as_str()))
            .await,
    );
    let events = store.recent_audit_events(&org, 20).await.expect("audit");
    assert!(events
        .iter()
        .all(|e| !matches!(e.entity_id.as_str(), "in-use" | "home" | "dup-division")));
}

/// Grants are added (each kept once), removed (absent ones ignored) and replaced in bulk.
pub async fn grants_add_remove_and_replace(store: &dyn Store) {
    demo(store).await;
    let org = acme();
    let emil = Subject::User(UserId::new(EMIL));
    assert_eq!(
        store.grants_of(&org, &emil).await.expect("grants"),
        vec![grant(VIEWER, Some(EMEA))]
    );
    let change = |change, grants: Vec<Grant>| {
        let emil = emil.clone();
        let org = org.clone();
        async move {
            let generation = store.authz_generation(&org);
            store
                .change_grants(&org, &emil, change, &grants, &audit("grants", EMIL))
                .await
                .expect("change");
            assert!(store.authz_generation(&org) > generation);
            store.grants_of(&org, &emil).await.expect("grants")
        }
    };
    assert_eq!(
        change(
            GrantChange::Add,
            vec![
                grant(ADMIN, None),
                grant(VIEWER, Some(EMEA)),
                grant(ADMIN, None)
            ]
        )
        .await,
        sorted(vec![grant(ADMIN, None), grant(VIEWER, Some(EMEA))])
    );
    assert_eq!(
        change(
            GrantChange::Remove,
            vec![
                grant(ADMIN, None),
                grant(AUDITOR, None),
                grant(VIEWER, Some(HOME))
            ]
        )
        .await,
        vec![grant(VIEWER, Some(EMEA))]
    );
    assert_eq!(
        change(
            GrantChange::Replace,
            vec![grant(AUDITOR, Some(HOME)), grant(ADMIN, Some(EMEA))]
        )
        .await,
        sorted(vec![grant(AUDITOR, Some(HOME)), grant(ADMIN, Some(EMEA))])
    );
    assert_eq!(change(GrantChange::Replace, vec![]).await, vec![]);
    // Other subjects are untouched, and the grants are the organization's.
    assert_eq!(
        store
            .grants_of(&org, &Subject::User(UserId::new(ANN)))
            .await
            .expect("grants"),
        vec![grant(ADMIN, None)]
    );
    assert!(store
        .grants_of(&OrgId::new(PARTNER), &Subject::User(UserId::new(ANN)))
        .await
        .expect("grants")
        .is_empty());
    assert_eq!(
        actions(store, 4).await,
        vec!["grants", "grants", "grants", "grants"]
    );
}

/// OAuth clients: created with their grants, updated (grants replaced), secret rotated, and
/// deleted with their grants and tokens.
pub async fn oauth_clients_create_update_delete(store: &dyn Store) {
    demo(store).await;
    let org = acme();
    let mut client = new_client(&uuid_like(), "Billing sync");
    let secret = hash_secret(&Secret::new("billing-secret"));
    let generation = store.authz_generation(&org);
    store
        .create_client(
            &client,
            &secret,
            &[grant(VIEWER, Some(EMEA)), grant(AUDITOR, None)],
            &audit("create", client.id.as_str()),
        )
        .await
        .expect("create");
    assert!(store.authz_generation(&org) > generation);
    let read = store
        .client(&org, &client.id)
        .await
        .expect("read")
        .expect("client");
    assert_eq!(
        (
            read.name.as_str(),
            read.registered_redirect_uris.clone(),
            read.access_token_validity_seconds
        ),
        (
            "Billing sync",
            vec!["https://app.example/cb".to_owned()],
            Some(3600)
        )
    );
    assert!(store
        .client(&OrgId::new(PARTNER), &client.id)
        .await
        .expect("read")
        .is_none());
    assert_eq!(
        store
            .clients(&org)
            .await
            .expect("clients")
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        // The demo's own clients (its console client included), then the one created here.
        vec![
            "Acme Corp web console",
            "Acme admin integration",
            "Billing sync"
        ]
    );
    let subject = Subject::Client(client.id.clone());
    assert_eq!(
        store.grants_of(&org, &subject).await.expect("grants"),
        sorted(vec![grant(VIEWER, Some(EMEA)), grant(AUDITOR, None)])
    );

    client.name = "Billing export".into();
    client.scope = vec!["users:readonly".into()];
    client.access_token_validity_seconds = None;
    store
        .update_client(
            &client,
            &[grant(ADMIN, Some(HOME))],
            &audit("update", client.id.as_str()),
        )
        .await
        .expect("update");
    let read = store
        .client(&org, &client.id)
        .await
        .expect("read")
        .expect("client");
    assert_eq!(
        (
            read.name.as_str(),
            read.scope.clone(),
            read.access_token_validity_seconds
        ),
        ("Billing export", vec!["users:readonly".to_owned()], None)
    );
    assert_eq!(
        store.grants_of(&org, &subject).await.expect("grants"),
        vec![grant(ADMIN, Some(HOME))]
    );
    store
        .set_client_secret(
            &org,
            &client.id,
            &hash_secret(&Secret::new("rotated-secret")),
            &audit("secret", client.id.as_str()),
        )
        .await
        .expect("secret");
    let creds = store
        .client_credentials(&client.id)
        .await
        .expect("read")
        .expect("credentials");
    assert!(verify_secret(
        &Secret::new("rotated-secret"),
        &creds.secret_hash
    ));

    issue_token(
        store,
        "billing-bearer",
        TokenSubject::Client,
        client.id.as_str(),
    )
    .await;
    issue_token(store, "admin-bearer", TokenSubject::Client, "acme-admin").await;
    let generation = store.authz_generation(&org);
    store
        .delete_client(
            &org,
            &client.id,
            SystemClock::new().now(),
            &audit("delete", client.id.as_str()),
        )
        .await
        .expect("delete");
    assert!(store.authz_generation(&org) > generation);
    assert!(store
        .client(&org, &client.id)
        .await
        .expect("read")
        .is_none());
    assert!(store
        .grants_of(&org, &subject)
        .await
        .expect("grants")
        .is_empty());
    assert!(revoked(store, "billing-bearer").await);
    assert!(!revoked(store, "admin-bearer").await);
    missing(
        store
            .delete_client(
                &org,
                &client.id,
                SystemClock::new().now(),
                &audit("delete", client.id.as_str()),
            )
            .await,
    );
    missing(
        store
            .update_client(&client, &[], &audit("update", client.id.as_str()))
            .await,
    );
    missing(
        store
            .set_client_secret(&org, &client.id, &secret, &audit("secret", "gone"))
            .await,
    );
    assert_eq!(
        actions(store, 4).await,
        vec!["delete", "login", "login", "secret"]
    );
}

/// Concurrent replacements of one subject's grants all commit, and what stands is one of them,
/// whole. PostgreSQL runs them at once: without taking turns, a replacement that waited on
/// another's deletions kept the other's inserted rows beside its own, or they deadlocked.
pub async fn concurrent_grant_replacements_all_commit(store: &dyn Store) {
    demo(store).await;
    let org = acme();
    let emil = Subject::User(UserId::new(EMIL));
    let one = vec![grant(VIEWER, Some(EMEA))];
    let two = sorted(vec![grant(AUDITOR, None), grant(ADMIN, Some(EMEA))]);
    let replace = |grants: &Vec<Grant>| {
        let (org, emil, grants) = (org.clone(), emil.clone(), grants.clone());
        async move {
            store
                .change_grants(
                    &org,
                    &emil,
                    GrantChange::Replace,
                    &grants,
                    &audit("grants", EMIL),
                )
                .await
        }
    };
    for _ in 0..10 {
        let results = tokio::join!(
            replace(&one),
            replace(&two),
            replace(&one),
            replace(&two),
            replace(&one),
            replace(&two),
            replace(&one),
            replace(&two),
        );
        for result in [
            results.0, results.1, results.2, results.3, results.4, results.5, results.6, results.7,
        ] {
            result.expect("every replacement commits");
        }
        let now = sorted(store.grants_of(&org, &emil).await.expect("grants"));
        assert!(
            now == one || now == two,
            "a mix of two replacements: {now:?}"
        );
    }
}

/// Generates one `#[tokio::test]` per directory-write case, each on a fresh store from `$make`
/// (as [`conformance_suite!`](crate::conformance_suite)).
#[macro_export]
macro_rules! directory_write_suite {
    ($make:expr) => {
        $crate::conformance_suite!(@cases $make;
            users_create_patch_and_refuse_stale_versions, deleting_a_user_revokes_its_tokens,
            group_members_follow_the_version, deleting_a_role_takes_its_grants,
            deleting_a_division_refuses_when_in_use, grants_add_remove_and_replace,
            concurrent_grant_replacements_all_commit, oauth_clients_create_update_delete);
    };
}
