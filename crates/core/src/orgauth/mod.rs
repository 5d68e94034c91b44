//! Organization Authorization: pairings, trusts seen from both sides, trust members with the
//! trustor roles granted to them, Customer Care trusts and cloned users.
//!
//! Every service here acts for the caller's organization only: a trustor reads and changes the
//! trusts in which it is the trustor (`/trustees/...`), a trustee those in which it is the trustee
//! (`/trustors/...`). A trust of any other pair of organizations reads as absent (404).
//! The handler has already checked the operation's permissions.

mod clones;
mod members;
mod pairings;
mod trusts;

use chrono::{DateTime, Utc};

use crate::audit::Actor;
use crate::authz::Authorized;
use crate::authz::Authz;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::escalation::Escalation;
use crate::ids::{GroupId, OrgId, PairingId, RoleId, UserId};
use crate::limits::{self, Limits};
use crate::model::{Grant, Organization, Role};
use crate::revocation::Revocation;
use crate::settings::Settings;
use crate::store::Store;
use crate::trust::Trust;
use std::sync::Arc;

pub use crate::model::MemberKind;

pub use members::{MemberEntity, MemberSpec, MemberView, RoleSpec};
pub use pairings::PairingView;
pub use trusts::{CareOptions, TrustInput};

/// A pairing (trust request) made by a trustee organization.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairing {
    /// Its id (the secret the trustee hands to the trustor out of band).
    pub id: PairingId,
    /// The organization asking to be trusted.
    pub trustee_org_id: OrgId,
    /// Who made it.
    pub created_by: Actor,
    /// When it was made.
    pub date_created: DateTime<Utc>,
    /// When it stops being usable.
    pub date_expires: DateTime<Utc>,
    /// The trustee users it names.
    pub user_ids: Vec<UserId>,
    /// The trustee groups it names.
    pub group_ids: Vec<GroupId>,
    /// The trustor that used it, once used.
    pub used_by: Option<OrgId>,
    /// When it was used.
    pub date_used: Option<DateTime<Utc>>,
}

/// A trustee user, group or organization of a trust, with its trustor-role grants.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustMember {
    /// The trustor.
    pub trustor_org_id: OrgId,
    /// The trustee.
    pub trustee_org_id: OrgId,
    /// User, group or organization.
    pub kind: MemberKind,
    /// The user, group or organization id (in the trustee organization).
    pub id: String,
    /// When it was added.
    pub date_created: DateTime<Utc>,
    /// Who added it.
    pub created_by: Actor,
    /// Trustor roles granted to it.
    pub grants: Vec<Grant>,
}

/// A trust with the members it is created with.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTrust {
    /// The trust.
    pub trust: Trust,
    /// Its first members with their grants.
    pub members: Vec<TrustMember>,
}

/// A trustee user cloned into a trustor organization.
#[derive(Debug, Clone, PartialEq)]
pub struct ClonedUser {
    /// The clone: a user of the trustor organization.
    pub clone_id: UserId,
    /// The clone's display name (the original's).
    pub name: String,
    /// The trustor it lives in.
    pub trustor_org_id: OrgId,
    /// The trustee the original belongs to.
    pub trustee_org_id: OrgId,
    /// The original trustee user.
    pub trustee_user_id: UserId,
    /// When it was made.
    pub date_created: DateTime<Utc>,
}

/// A trust with both organizations, ready to be shown from either side.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustView {
    /// The trust.
    pub trust: Trust,
    /// The trustor organization.
    pub trustor: Organization,
    /// The trustee organization.
    pub trustee: Organization,
}

/// Roles of a member and what they amount to in the trustor (`UserAuthorization`).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberAuthorization {
    /// The roles granted (each once, by name).
    pub roles: Vec<Role>,
    /// The catalogue permissions the grants amount to, sorted.
    pub permissions: Vec<String>,
    /// The grants themselves: each role with the division it applies in.
    pub grants: Vec<Grant>,
}

/// Which side of a trust the caller is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The caller's organization is the trustor (`/trustees/...`).
    Trustor,
    /// The caller's organization is the trustee (`/trustors/...`).
    Trustee,
}

impl Side {
    /// `(trustor, trustee)` for the caller's organization and the other one named in the path.
    pub fn key<'a>(self, mine: &'a OrgId, other: &'a OrgId) -> (&'a OrgId, &'a OrgId) {
        match self {
            Side::Trustor => (mine, other),
            Side::Trustee => (other, mine),
        }
    }
}

/// Organization authorization: pairings, trusts from both sides, their members and grants, and
/// cloned users.
pub struct OrgAuthorization {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) authz: Arc<Authz>,
    pub(crate) settings: Arc<Settings>,
    /// The organizations' limits (members per trust, cloned users).
    pub(crate) limits: Arc<Limits>,
    pub(crate) escalation: Escalation,
    pub(crate) revocation: Revocation,
}

impl OrgAuthorization {
    /// The service over `store`.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        authz: Arc<Authz>,
        settings: Arc<Settings>,
        limits: Arc<Limits>,
        escalation: Escalation,
        revocation: Revocation,
    ) -> Self {
        Self {
            store,
            clock,
            authz,
            settings,
            limits,
            escalation,
            revocation,
        }
    }
}

impl OrgAuthorization {
    /// The most trustee users and groups a trust of `trustor` may hold: the organization's
    /// implemented limit change request for `authorization`/`max.members.per.trust` if it has
    /// one, else the server setting (the documented 25).
    pub(crate) async fn trust_member_limit(&self, trustor: &OrgId) -> Result<u32> {
        let limit = self
            .limits
            .limit_override(
                trustor,
                limits::AUTHORIZATION,
                limits::MAX_MEMBERS_PER_TRUST,
            )
            .await?;
        Ok(limit.map_or(self.settings.max_trust_members, |l| {
            u32::try_from(l.max(0)).unwrap_or(u32::MAX)
        }))
    }

    /// The most cloned users `trustor` may hold (`authorization`/`max.cloned.users`, else the
    /// server setting, the documented 5).
    pub(crate) async fn cloned_user_limit(&self, trustor: &OrgId) -> Result<u32> {
        let limit = self
            .limits
            .limit_override(trustor, limits::AUTHORIZATION, limits::MAX_CLONED_USERS)
            .await?;
        Ok(limit.map_or(self.settings.max_cloned_users, |l| {
            u32::try_from(l.max(0)).unwrap_or(u32::MAX)
        }))
    }

    /// An organization that must exist (a trust or pairing names it).
    async fn org_required(&self, id: &OrgId) -> Result<Organization> {
        self.store
            .organization(id)
            .await?
            .ok_or_else(|| Error::not_found("organization", id))
    }

    /// The trust `side` of the caller names with `other`, or 404.
    async fn trust_for(&self, p: &Authorized, side: Side, other: &OrgId) -> Result<Trust> {
        let (trustor, trustee) = side.key(&p.org_id, other);
        self.store
            .trust(trustor, trustee)
            .await?
            .ok_or_else(|| Error::not_found("trust", other))
    }

    /// Both organizations of a trust.
    async fn view_of(&self, trust: Trust) -> Result<TrustView> {
        let trustor = self.org_required(&trust.trustor_org_id).await?;
        let trustee = self.org_required(&trust.trustee_org_id).await?;
        Ok(TrustView {
            trust,
            trustor,
            trustee,
        })
    }

    /// Resolves role grants named by a request against the trustor's roles and divisions:
    /// unknown ids are a 400 naming the field.
    async fn resolve_trust_grants(
        &self,
        trustor: &OrgId,
        spec: &RoleSpec,
        field: &str,
    ) -> Result<Vec<Grant>> {
        let roles = self.store.roles(trustor).await?;
        let divisions = self.store.divisions(trustor).await?;
        let known_role = |id: &str| roles.iter().any(|r| r.id.as_str() == id);
        let mut grants = Vec::new();
        for (i, role) in spec.role_ids.iter().enumerate() {
            if !known_role(role) {
                return Err(Error::invalid_value(
                    format!("{field}roleIds[{i}]"),
                    format!("Role [{role}] does not exist in the trustor organization."),
                ));
            }
            grants.push(Grant {
                role_id: RoleId::new(role.clone()),
                division: crate::permission::DivisionGrant::All,
            });
        }
        for (i, (role, division)) in spec.role_divisions.iter().enumerate() {
            let role_field = format!("{field}roleDivisions.grants[{i}].roleId");
            let division_field = format!("{field}roleDivisions.grants[{i}].divisionId");
            let role = role
                .as_deref()
                .ok_or_else(|| Error::invalid_value(&role_field, "roleId is required."))?;
            let division = division
                .as_deref()
                .ok_or_else(|| Error::invalid_value(&division_field, "divisionId is required."))?;
            if !known_role(role) {
                return Err(Error::invalid_value(
                    role_field,
                    format!("Role [{role}] does not exist in the trustor organization."),
                ));
            }
            let division = if division == "*" {
                crate::permission::DivisionGrant::All
            } else if divisions.iter().any(|d| d.id.as_str() == division) {
                crate::permission::DivisionGrant::One(division.into())
            } else {
                return Err(Error::invalid_value(
                    division_field,
                    format!("Division [{division}] does not exist in the trustor organization."),
                ));
            };
            grants.push(Grant {
                role_id: RoleId::new(role),
                division,
            });
        }
        grants.sort();
        grants.dedup();
        Ok(grants)
    }

    /// What a set of grants amounts to in the trustor: the roles and the catalogue permissions.
    async fn authorization_of(
        &self,
        trustor: &OrgId,
        grants: &[Grant],
    ) -> Result<MemberAuthorization> {
        let index = self.authz.index(trustor).await?;
        let permissions = index
            .compile(grants.iter())
            .listed(crate::catalogue::names());
        let all = self.store.roles(trustor).await?;
        let roles = all
            .into_iter()
            .filter(|r| grants.iter().any(|g| g.role_id == r.id))
            .collect();
        Ok(MemberAuthorization {
            roles,
            permissions,
            grants: grants.to_vec(),
        })
    }

    /// The grants a trustee user holds through the trust: its own, its groups' (membership read
    /// live from the trustee organization) and the organization-wide member's. Nothing when the
    /// trust is disabled or expired, or the user is not active. Read from the authorization
    /// indexes, as every request is (`core::cross_org`).
    pub async fn trust_grants_for_user(&self, trust: &Trust, user: &UserId) -> Result<Vec<Grant>> {
        let now = self.clock.now();
        if !trust.is_active(now) {
            return Ok(vec![]);
        }
        let trustor_index = self.authz.index(&trust.trustor_org_id).await?;
        let trustee_index = self.authz.index(&trust.trustee_org_id).await?;
        if trustee_index.active_user(user).is_none() {
            return Ok(vec![]);
        }
        Ok(trustor_index
            .trusts()
            .trust(&trust.trustee_org_id)
            .filter(|entry| entry.is_active(now))
            .and_then(|entry| entry.grants_for(trustee_index.groups_of(user), user))
            .unwrap_or_default())
    }
}
