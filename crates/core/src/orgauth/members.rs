//! Trust members: the trustee users and groups of a trust and the trustor roles granted to them.
//! The trustor adds members with roles and sets or clears their roles; the trustee adds its own
//! users and groups (without roles until the trustor grants some) and removes them.

use serde_json::json;

use crate::audit::{diff, AuditEvent, Target};
use crate::authz::Authorized;
use crate::error::{Error, Result};
use crate::ids::{GroupId, OrgId, UserId};
use crate::model::{Grant, Group, User};
use crate::orgauth::OrgAuthorization;
use crate::orgauth::{MemberAuthorization, MemberKind, Side, TrustMember};
use crate::request::RequestMeta;
use crate::store::StoreError;

/// Roles named by a request: role ids granted in all divisions, and role/division pairs
/// (`*` as the division means all divisions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleSpec {
    /// `roleIds`.
    pub role_ids: Vec<String>,
    /// `roleDivisions.grants` as `(roleId, divisionId)`.
    pub role_divisions: Vec<(Option<String>, Option<String>)>,
}

/// A member named by a request (`TrustMemberCreate`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberSpec {
    /// The trustee user or group id.
    pub id: Option<String>,
    /// Its roles.
    pub roles: RoleSpec,
}

/// The directory entity behind a member.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberEntity {
    /// A trustee user.
    User(User),
    /// A trustee group.
    Group(Group),
}

/// A member with its user or group.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberView {
    /// The membership.
    pub member: TrustMember,
    /// The user or group.
    pub entity: MemberEntity,
    /// The name of the user's or group's division.
    pub division_name: Option<String>,
}

fn entity_type(kind: MemberKind) -> &'static str {
    match kind {
        MemberKind::Group => "OrgTrusteeGroup",
        _ => "OrgTrusteeUser",
    }
}

fn grants_json(grants: &[Grant]) -> serde_json::Value {
    json!({
        "grants": grants
            .iter()
            .map(|g| format!("{}@{}", g.role_id, g.division.as_key()))
            .collect::<Vec<_>>()
    })
}

fn missing_member(kind: MemberKind, id: &str) -> Error {
    Error::not_found(
        if kind == MemberKind::Group {
            "trustee group"
        } else {
            "trustee user"
        },
        id,
    )
}

impl OrgAuthorization {
    fn member_event(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        action: &str,
        target: Target<'_>,
        before: Option<&[Grant]>,
        after: Option<&[Grant]>,
    ) -> AuditEvent {
        let changes = diff(
            before.map(grants_json).as_ref(),
            after.map(grants_json).as_ref(),
        );
        p.audit_event(self.clock.now(), meta, action, target, changes)
    }

    async fn entity_of(
        &self,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
    ) -> Result<Option<MemberEntity>> {
        Ok(match kind {
            MemberKind::User => self
                .store
                .user(trustee, &UserId::new(id))
                .await?
                .map(MemberEntity::User),
            MemberKind::Group => self
                .store
                .group(trustee, &GroupId::new(id))
                .await?
                .map(MemberEntity::Group),
            MemberKind::Organization => None,
        })
    }

    /// A page of the users or groups of a trust, seen from `side`.
    pub async fn trust_members(
        &self,
        p: &Authorized,
        side: Side,
        other: &OrgId,
        kind: MemberKind,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<MemberView>, i64)> {
        let trust = self.trust_for(p, side, other).await?;
        let (members, total) = self
            .store
            .trust_members(
                &trust.trustor_org_id,
                &trust.trustee_org_id,
                kind,
                offset,
                limit,
            )
            .await?;
        let divisions = self.store.divisions(&trust.trustee_org_id).await?;
        let mut views = Vec::with_capacity(members.len());
        for member in members {
            if let Some(entity) = self
                .entity_of(&trust.trustee_org_id, kind, &member.id)
                .await?
            {
                let division_name = division_name(&divisions, &entity);
                views.push(MemberView {
                    member,
                    entity,
                    division_name,
                });
            }
        }
        Ok((views, total))
    }

    /// One user or group of a trust, seen from `side` (404 when it is not a member).
    pub async fn trust_member(
        &self,
        p: &Authorized,
        side: Side,
        other: &OrgId,
        kind: MemberKind,
        id: &str,
    ) -> Result<MemberView> {
        let trust = self.trust_for(p, side, other).await?;
        let member = self
            .store
            .trust_member(&trust.trustor_org_id, &trust.trustee_org_id, kind, id)
            .await?
            .ok_or_else(|| missing_member(kind, id))?;
        let entity = self
            .entity_of(&trust.trustee_org_id, kind, id)
            .await?
            .ok_or_else(|| missing_member(kind, id))?;
        let divisions = self.store.divisions(&trust.trustee_org_id).await?;
        let division_name = division_name(&divisions, &entity);
        Ok(MemberView {
            member,
            entity,
            division_name,
        })
    }

    /// `POST /trustees/{id}/users|groups`: the trustor adds a trustee user or group with roles
    /// (an existing member gets the roles given, replacing its own).
    pub async fn add_member_as_trustor(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        trustee: &OrgId,
        kind: MemberKind,
        spec: MemberSpec,
    ) -> Result<MemberView> {
        let trust = self.trust_for(p, Side::Trustor, trustee).await?;
        let id = spec
            .id
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::invalid_value("id", "id is required."))?
            .to_owned();
        let entity = self.entity_of(trustee, kind, &id).await?.ok_or_else(|| {
            Error::invalid_value(
                "id",
                format!(
                    "[{id}] is not a {} of the trustee organization.",
                    if kind == MemberKind::Group {
                        "group"
                    } else {
                        "user"
                    }
                ),
            )
        })?;
        let grants = self
            .resolve_trust_grants(&p.org_id, &spec.roles, "")
            .await?;
        let member = TrustMember {
            trustor_org_id: trust.trustor_org_id.clone(),
            trustee_org_id: trust.trustee_org_id.clone(),
            kind,
            id: id.clone(),
            date_created: self.clock.now(),
            created_by: p.actor(),
            grants: grants.clone(),
        };
        let before = self
            .store
            .trust_member(&trust.trustor_org_id, &trust.trustee_org_id, kind, &id)
            .await?;
        let audit = self.member_event(
            p,
            meta,
            if before.is_some() {
                "rolesUpdated"
            } else {
                "create"
            },
            target(kind, &id, &entity),
            before.as_ref().map(|m| m.grants.as_slice()),
            Some(&grants),
        );
        let limit = self.trust_member_limit(&trust.trustor_org_id).await?;
        let held = before.as_ref().map_or(&[][..], |m| m.grants.as_slice());
        let new: Vec<Grant> = grants
            .iter()
            .filter(|g| !held.contains(g))
            .cloned()
            .collect();
        self.escalation.check_new_grants(p, &new, false).await?;
        self.revoke_before_member_added(&member).await?;
        self.store
            .put_trust_member(&member, true, limit, &audit)
            .await
            .map_err(|e| member_write_error(e, limit))?;
        self.trust_member(p, Side::Trustor, trustee, kind, &id)
            .await
    }

    /// `PUT /trustors/{id}/users|groups/{memberId}`: the trustee adds one of its own users or
    /// groups (no roles until the trustor grants some; an existing member is left as it is).
    pub async fn add_member_as_trustee(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        trustor: &OrgId,
        kind: MemberKind,
        id: &str,
    ) -> Result<MemberView> {
        let trust = self.trust_for(p, Side::Trustee, trustor).await?;
        let entity = self
            .entity_of(&p.org_id, kind, id)
            .await?
            .ok_or_else(|| missing_member(kind, id))?;
        let member = TrustMember {
            trustor_org_id: trust.trustor_org_id.clone(),
            trustee_org_id: trust.trustee_org_id.clone(),
            kind,
            id: id.to_owned(),
            date_created: self.clock.now(),
            created_by: p.actor(),
            grants: vec![],
        };
        let audit = self.member_event(
            p,
            meta,
            "create",
            target(kind, id, &entity),
            None,
            Some(&[]),
        );
        let limit = self.trust_member_limit(&trust.trustor_org_id).await?;
        self.revoke_before_member_added(&member).await?;
        self.store
            .put_trust_member(&member, false, limit, &audit)
            .await
            .map_err(|e| member_write_error(e, limit))?;
        self.trust_member(p, Side::Trustee, trustor, kind, id).await
    }

    /// Before `member` joins its trust: the tokens in the trustor of the users it brings who
    /// cannot act there now stay revoked (revocation.rs).
    async fn revoke_before_member_added(&self, member: &TrustMember) -> Result<()> {
        let users = match member.kind {
            MemberKind::User => vec![UserId::new(member.id.clone())],
            MemberKind::Group => {
                self.store
                    .group_member_ids(&member.trustee_org_id, &GroupId::new(member.id.clone()))
                    .await?
            }
            _ => return Ok(()),
        };
        self.revocation
            .revoke_before_member_restore(&member.trustor_org_id, &member.trustee_org_id, &users)
            .await
    }

    /// Removes a user or group from a trust, from either side.
    pub async fn remove_member(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        side: Side,
        other: &OrgId,
        kind: MemberKind,
        id: &str,
    ) -> Result<()> {
        let view = self.trust_member(p, side, other, kind, id).await?;
        let audit = self.member_event(
            p,
            meta,
            "delete",
            target(kind, id, &view.entity),
            Some(&view.member.grants),
            None,
        );
        let m = &view.member;
        self.store
            .delete_trust_member(&m.trustor_org_id, &m.trustee_org_id, kind, id, &audit)
            .await
            .map_err(|e| match e {
                StoreError::Missing { .. } => missing_member(kind, id),
                e => e.into(),
            })
    }

    /// `GET /trustees/{id}/users|groups/{memberId}/roles`.
    pub async fn member_authorization(
        &self,
        p: &Authorized,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
    ) -> Result<MemberAuthorization> {
        let view = self
            .trust_member(p, Side::Trustor, trustee, kind, id)
            .await?;
        self.authorization_of(&p.org_id, &view.member.grants).await
    }

    /// `PUT .../roles` and `PUT .../roledivisions` (replace) and `DELETE .../roles` (an empty
    /// spec: clear).
    pub async fn set_member_roles(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
        spec: &RoleSpec,
    ) -> Result<MemberAuthorization> {
        let view = self
            .trust_member(p, Side::Trustor, trustee, kind, id)
            .await?;
        let grants = self.resolve_trust_grants(&p.org_id, spec, "").await?;
        let new: Vec<Grant> = grants
            .iter()
            .filter(|g| !view.member.grants.contains(g))
            .cloned()
            .collect();
        self.escalation.check_new_grants(p, &new, false).await?;
        let action = if grants.is_empty() {
            "rolesRemoved"
        } else {
            "rolesUpdated"
        };
        let audit = self.member_event(
            p,
            meta,
            action,
            target(kind, id, &view.entity),
            Some(&view.member.grants),
            Some(&grants),
        );
        self.store
            .set_trust_member_grants(&p.org_id, trustee, kind, id, &grants, &audit)
            .await
            .map_err(|e| match e {
                StoreError::Missing { .. } => missing_member(kind, id),
                e => e.into(),
            })?;
        self.authorization_of(&p.org_id, &grants).await
    }
}

fn member_write_error(e: StoreError, limit: u32) -> Error {
    match &e {
        StoreError::Constraint { constraint } if constraint == "trust_members.limit" => {
            OrgAuthorization::member_limit_error(limit)
        }
        StoreError::Missing { what, id } => Error::not_found(what, id),
        _ => e.into(),
    }
}

fn entity_name(e: &MemberEntity) -> &str {
    match e {
        MemberEntity::User(u) => &u.name,
        MemberEntity::Group(g) => &g.name,
    }
}

fn target<'a>(kind: MemberKind, id: &'a str, entity: &'a MemberEntity) -> Target<'a> {
    Target {
        entity_type: entity_type(kind),
        id,
        name: Some(entity_name(entity)),
    }
}

fn division_name(divisions: &[crate::model::Division], entity: &MemberEntity) -> Option<String> {
    let id = match entity {
        MemberEntity::User(u) => &u.division_id,
        MemberEntity::Group(g) => &g.division_id,
    };
    divisions
        .iter()
        .find(|d| &d.id == id)
        .map(|d| d.name.clone())
}
