//! `/api/v2/orgauthorization`: pairings, trusts seen by the trustor (`trustees`) and by the
//! trustee (`trustors`), their users, groups, roles and cloned users. This module maps the domain
//! to the wire shapes; the handlers are in the submodules, one per URL group.

mod members;
pub mod pairings;
pub mod trustees;
pub mod trustors;

use std::collections::BTreeMap;

use orgtrust_api::{
    ClonedUser, Division, DomainEntityRef, DomainRole, GroupType, GroupVisibility, OrgUser,
    ResourcePermissionPolicy, RoleDivisionGrants, RoleDivisionPair, TrustGroup, TrustUser,
    TrustUserDetails, Trustee, TrusteeAuthorization, Trustor, UserAuthorization,
};
use orgtrust_core::audit::Actor;
use orgtrust_core::model::{self, UserState};
use orgtrust_core::orgauth::{
    self as domain, MemberAuthorization, MemberEntity, MemberView, TrustView,
};

use crate::routes::organizations;

/// Where the trustor-side resources live.
pub const TRUSTEES: &str = "/api/v2/orgauthorization/trustees";
/// Where the trustee-side resources live.
pub const TRUSTORS: &str = "/api/v2/orgauthorization/trustors";

/// The creator of a trust, pairing or member.
pub fn org_user(actor: &Actor) -> OrgUser {
    OrgUser {
        id: Some(actor.id.clone()),
        name: Some(actor.name.clone()),
        self_uri: (actor.kind == "user").then(|| format!("/api/v2/users/{}", actor.id)),
        ..Default::default()
    }
}

fn user_state(s: UserState) -> orgtrust_api::UserState {
    match s {
        UserState::Active => orgtrust_api::UserState::Active,
        UserState::Inactive => orgtrust_api::UserState::Inactive,
        UserState::Deleted => orgtrust_api::UserState::Deleted,
    }
}

fn division_ref(id: &str, name: Option<&str>) -> Division {
    Division {
        id: Some(id.to_owned()),
        name: name.map(str::to_owned),
        self_uri: Some(format!("/api/v2/authorization/divisions/{id}")),
    }
}

/// Fills the directory fields shared by every user-like wire type.
macro_rules! user_wire {
    ($ty:ident, $u:expr, $division_name:expr, { $($extra:tt)* }) => {{
        let u: &model::User = $u;
        $ty {
            id: Some(u.id.to_string()),
            name: Some(u.name.clone()),
            division: Some(division_ref(u.division_id.as_str(), $division_name)),
            department: u.department.clone(),
            email: Some(u.email.clone()),
            state: Some(user_state(u.state)),
            title: u.title.clone(),
            username: Some(u.email.clone()),
            version: Some(u.version),
            $($extra)*
            ..Default::default()
        }
    }};
}

/// A user named by a pairing.
pub fn pairing_user(u: &model::User, division_name: Option<&str>) -> OrgUser {
    user_wire!(OrgUser, u, division_name, { self_uri: Some(format!("/api/v2/users/{}", u.id)), })
}

/// A trust member user.
pub fn trust_user(view: &MemberView) -> Option<TrustUser> {
    let MemberEntity::User(u) = &view.entity else {
        return None;
    };
    Some(user_wire!(TrustUser, u, view.division_name.as_deref(), {
        trust_user_details: Some(TrustUserDetails {
            date_created: Some(view.member.date_created),
            created_by: Some(org_user(&view.member.created_by)),
        }),
        self_uri: Some(format!("/api/v2/users/{}", u.id)),
    }))
}

/// A group as a `TrustGroup`; `member` adds when and by whom it joined the trust.
pub fn trust_group(g: &model::Group, member: Option<&domain::TrustMember>) -> TrustGroup {
    TrustGroup {
        id: Some(g.id.to_string()),
        name: Some(g.name.clone()),
        description: g.description.clone(),
        member_count: Some(g.member_count),
        state: Some(if g.state == "deleted" {
            orgtrust_api::GroupState::Deleted
        } else {
            orgtrust_api::GroupState::Active
        }),
        version: Some(g.version),
        r#type: Some(if g.kind == "social" {
            GroupType::Social
        } else {
            GroupType::Official
        }),
        rules_visible: Some(g.rules_visible),
        visibility: Some(match g.visibility.as_str() {
            "members" => GroupVisibility::Members,
            "owners" => GroupVisibility::Owners,
            _ => GroupVisibility::Public,
        }),
        date_created: member.map(|m| m.date_created),
        created_by: member.map(|m| org_user(&m.created_by)),
        self_uri: Some(format!("/api/v2/groups/{}", g.id)),
        ..Default::default()
    }
}

/// A trust member group.
pub fn trust_group_of(view: &MemberView) -> Option<TrustGroup> {
    match &view.entity {
        MemberEntity::Group(g) => Some(trust_group(g, Some(&view.member))),
        MemberEntity::User(_) => None,
    }
}

/// The trustor's view of a trust.
pub fn trustee_wire(v: &TrustView) -> Trustee {
    let t = &v.trust;
    Trustee {
        id: Some(t.trustee_org_id.to_string()),
        enabled: Some(t.enabled),
        uses_default_role: Some(t.uses_default_role),
        has_full_access: Some(t.has_full_access),
        is_trusted_user: Some(t.is_trusted_user),
        date_created: Some(t.date_created),
        date_expired: t.date_expired,
        created_by: Some(org_user(&t.created_by)),
        organization: Some(organizations::to_wire(&v.trustee)),
        self_uri: Some(format!("{TRUSTEES}/{}", t.trustee_org_id)),
    }
}

/// The trustee's view of a trust, with what the caller holds in the trustor.
pub fn trustor_wire(v: &TrustView, permissions: Vec<String>) -> Trustor {
    let t = &v.trust;
    Trustor {
        id: Some(t.trustor_org_id.to_string()),
        enabled: Some(t.enabled),
        date_created: Some(t.date_created),
        created_by: Some(org_user(&t.created_by)),
        organization: Some(organizations::to_wire(&v.trustor)),
        authorization: Some(TrusteeAuthorization {
            permissions: Some(permissions),
        }),
        date_expired: t.date_expired,
        self_uri: Some(format!("{TRUSTORS}/{}", t.trustor_org_id)),
    }
}

/// `UserAuthorization`: the roles, the permissions they amount to, those permissions as
/// policies (one per domain and entity, with its actions), and (an extension) the grants as
/// role/division pairs.
pub fn user_authorization(a: &MemberAuthorization) -> UserAuthorization {
    let mut policies: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for p in &a.permissions {
        let mut parts = p.splitn(3, ':');
        if let (Some(d), Some(e), Some(act)) = (parts.next(), parts.next(), parts.next()) {
            policies
                .entry((d.to_owned(), e.to_owned()))
                .or_default()
                .push(act.to_owned());
        }
    }
    UserAuthorization {
        roles: Some(
            a.roles
                .iter()
                .map(|r| DomainRole {
                    id: Some(r.id.to_string()),
                    name: Some(r.name.clone()),
                })
                .collect(),
        ),
        unused_roles: None,
        permissions: Some(a.permissions.clone()),
        permission_policies: Some(
            policies
                .into_iter()
                .map(|((domain, entity), actions)| ResourcePermissionPolicy {
                    domain: Some(domain),
                    entity_name: Some(entity),
                    action_set: Some(actions),
                    allow_conditions: Some(false),
                    ..Default::default()
                })
                .collect(),
        ),
        role_divisions: Some(RoleDivisionGrants {
            grants: Some(
                a.grants
                    .iter()
                    .map(|g| RoleDivisionPair {
                        role_id: Some(g.role_id.to_string()),
                        division_id: Some(g.division.as_key().to_owned()),
                    })
                    .collect(),
            ),
        }),
    }
}

/// A cloned user.
pub fn cloned_user(c: &domain::ClonedUser) -> ClonedUser {
    ClonedUser {
        id: Some(c.clone_id.to_string()),
        name: Some(c.name.clone()),
        trustor: Some(DomainEntityRef {
            id: Some(c.trustor_org_id.to_string()),
            name: None,
            self_uri: Some(format!("{TRUSTORS}/{}", c.trustor_org_id)),
        }),
        self_uri: Some(format!(
            "{TRUSTORS}/{}/clonedusers/{}",
            c.trustor_org_id, c.trustee_user_id
        )),
    }
}
