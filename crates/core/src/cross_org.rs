//! Cross-organization principals: what a trustee user may do in a trustor organization.
//!
//! Answered from memory, like every other check. The trustor's authorization index holds its
//! trusts (state, expiry, members with their trustor grants, clones: [`TrustIndex`]); the
//! trustee's index says whether the user is still active and which groups it belongs to. The
//! compiled permissions are memoised per (trustee organization, user, clone) in the trustor's
//! index together with the trustee index generation they were computed at, so a membership change
//! in the trustee organization is seen on the next request, and any trust write (which bumps the
//! trustor's generation) replaces the whole trustor index. Expiry is compared with the clock on
//! every call: nothing is written when a trust expires.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use dashmap::DashMap;

use crate::ids::{GroupId, OrgId, UserId};
use crate::model::Grant;
use crate::model::MemberKind;
use crate::permission::EffectivePermissions;
use crate::store::TrustSnapshot;

/// Why a trustee user may not act in a trustor organization (the token is refused with 401
/// `credentials.expired`, the sign-in with `invalid_grant`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustRefusal {
    /// No trust between the two organizations (never made, or deleted).
    NoTrust,
    /// The trust is disabled.
    Disabled,
    /// The trust's `dateExpired` has passed.
    Expired,
    /// The trustee user is deleted or not active in its home organization.
    UserInactive,
    /// The trust names neither the user, nor a group it belongs to, nor its whole organization.
    NotIncluded,
    /// The token acts through a clone that no longer exists.
    CloneGone,
}

impl TrustRefusal {
    /// A sentence for error descriptions.
    pub fn describe(self) -> &'static str {
        match self {
            TrustRefusal::NoTrust => "the organization does not trust the user's organization",
            TrustRefusal::Disabled => "the trust is disabled",
            TrustRefusal::Expired => "the trust has expired",
            TrustRefusal::UserInactive => "the user is not active in its organization",
            TrustRefusal::NotIncluded => {
                "the trust includes neither the user nor a group the user belongs to"
            }
            TrustRefusal::CloneGone => "the cloned user the token acts through no longer exists",
        }
    }
}

/// One trust of the trustor, as the index holds it.
#[derive(Debug)]
pub struct TrustEntry {
    /// Whether the trust is enabled.
    pub enabled: bool,
    /// When the trust was created.
    pub date_created: DateTime<Utc>,
    /// When it stops granting.
    pub date_expired: Option<DateTime<Utc>>,
    users: HashMap<String, Vec<Grant>>,
    groups: HashMap<String, Vec<Grant>>,
    organization: Option<Vec<Grant>>,
    /// Original trustee user -> its clone in the trustor.
    pub(crate) clones: HashMap<UserId, UserId>,
}

impl TrustEntry {
    /// Enabled and not expired at `now`.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.enabled && self.date_expired.is_none_or(|at| now < at)
    }
}

impl TrustEntry {
    /// What the trust grants `user` of the trustee (whose index is `trustee`): its own grants,
    /// those of the trust's groups it belongs to and the organization-wide member's; `None` when
    /// the trust names neither the user, nor one of its groups, nor its whole organization. The
    /// trust's state is not looked at here.
    pub fn grants_for(&self, trustee_groups: &[GroupId], user: &UserId) -> Option<Vec<Grant>> {
        let direct = self.users.get(user.as_str());
        let through_groups: Vec<&Vec<Grant>> = trustee_groups
            .iter()
            .filter_map(|g| self.groups.get(g.as_str()))
            .collect();
        if direct.is_none() && through_groups.is_empty() && self.organization.is_none() {
            return None;
        }
        let mut grants: Vec<Grant> = direct
            .into_iter()
            .chain(through_groups)
            .chain(self.organization.as_ref())
            .flatten()
            .cloned()
            .collect();
        grants.sort();
        grants.dedup();
        Some(grants)
    }
}

/// Which member of a trust a grant reaches a trustee user through.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum MemberPath {
    /// The user is a member by name.
    User,
    /// Through a group of the trustee organization that is a member.
    Group(GroupId),
    /// The whole trustee organization is a member.
    Organization,
}

impl TrustEntry {
    /// What the trust grants `user` (a member of `trustee_groups` at home) with the member each
    /// grant comes through, whatever the trust's state (the members [`TrustEntry::grants_for`]
    /// unites).
    pub fn member_grants(
        &self,
        trustee_groups: &[GroupId],
        user: &UserId,
    ) -> Vec<(MemberPath, Grant)> {
        let direct = self
            .users
            .get(user.as_str())
            .into_iter()
            .flatten()
            .map(|g| (MemberPath::User, g.clone()));
        let through_groups = trustee_groups.iter().flat_map(|group| {
            self.groups
                .get(group.as_str())
                .into_iter()
                .flatten()
                .map(move |g| (MemberPath::Group(group.clone()), g.clone()))
        });
        let organization = self
            .organization
            .iter()
            .flatten()
            .map(|g| (MemberPath::Organization, g.clone()));
        direct.chain(through_groups).chain(organization).collect()
    }

    /// The trustee groups the trust names as members.
    pub fn member_groups(&self) -> Vec<GroupId> {
        self.groups.keys().map(GroupId::new).collect()
    }

    /// [`TrustEntry::member_grants`] with the member named for people (`user`, `group <id>` or
    /// `organization`): for explanations of refusals.
    pub fn grant_sources(&self, trustee_groups: &[GroupId], user: &UserId) -> Vec<(String, Grant)> {
        self.member_grants(trustee_groups, user)
            .into_iter()
            .map(|(path, g)| {
                let via = match path {
                    MemberPath::User => "user".to_owned(),
                    MemberPath::Group(group) => format!("group {group}"),
                    MemberPath::Organization => "organization".to_owned(),
                };
                (via, g)
            })
            .collect()
    }
}

type MemoKey = (OrgId, UserId, Option<UserId>);

/// The trusts of one trustor organization, and the memoised permissions of trustee users.
#[derive(Debug, Default)]
pub struct TrustIndex {
    /// Shared by the indexes of later generations that only changed grants in the organization
    /// (`OrgIndex::with_grants`): the trusts themselves did not change.
    trusts: Arc<HashMap<OrgId, TrustEntry>>,
    /// (trustee, user, clone) -> (trustee index generation, permissions or `None` when the
    /// trust does not include the user).
    pub(crate) memo: DashMap<MemoKey, (u64, Option<Arc<EffectivePermissions>>)>,
}

impl TrustIndex {
    /// Every grant the trusts make in the trustor, to any member (for who-may-edit checks).
    pub(crate) fn member_grants(&self) -> impl Iterator<Item = &Grant> {
        self.trusts.values().flat_map(|t| {
            t.users
                .values()
                .chain(t.groups.values())
                .chain(t.organization.iter())
                .flatten()
        })
    }

    /// Builds the trust part of a trustor's index.
    pub fn build(snapshots: Vec<TrustSnapshot>) -> Self {
        let trusts = snapshots
            .into_iter()
            .map(|t| {
                let mut entry = TrustEntry {
                    enabled: t.enabled,
                    date_created: t.date_created,
                    date_expired: t.date_expired,
                    users: HashMap::new(),
                    groups: HashMap::new(),
                    organization: None,
                    clones: t
                        .clones
                        .into_iter()
                        .map(|(clone, original)| (original, clone))
                        .collect(),
                };
                for (kind, id, grants) in t.members {
                    match kind {
                        MemberKind::User => entry.users.entry(id).or_default().extend(grants),
                        MemberKind::Group => entry.groups.entry(id).or_default().extend(grants),
                        MemberKind::Organization => entry
                            .organization
                            .get_or_insert_with(Vec::new)
                            .extend(grants),
                    }
                }
                (t.trustee_org_id, entry)
            })
            .collect();
        Self {
            trusts: Arc::new(trusts),
            memo: DashMap::new(),
        }
    }

    /// The same trusts with nothing memoised: for an index whose organization's own grants
    /// changed (a clone's grants are part of the memoised permissions).
    pub(crate) fn without_memo(&self) -> Self {
        Self {
            trusts: self.trusts.clone(),
            memo: DashMap::new(),
        }
    }

    /// Every trust, by trustee organization.
    pub fn iter(&self) -> impl Iterator<Item = (&OrgId, &TrustEntry)> {
        self.trusts.iter()
    }

    /// The trust with `trustee`, if there is one.
    pub fn trust(&self, trustee: &OrgId) -> Option<&TrustEntry> {
        self.trusts.get(trustee)
    }

    /// The live clone of a trustee user, if it has one.
    pub fn clone_of(&self, trustee: &OrgId, user: &UserId) -> Option<&UserId> {
        self.trusts.get(trustee)?.clones.get(user)
    }
}
