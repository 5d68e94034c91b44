//! Storage of trusts, their pairings, members, grants and cloned users.
//!
//! Every write commits its change and audit event in one transaction and then bumps the
//! authorization generation of both organizations of the trust.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::audit::AuditEvent;
use crate::ids::{OrgId, PairingId, UserId};
use crate::model::{Grant, User};
use crate::orgauth::{ClonedUser, MemberKind, NewTrust, Pairing, TrustMember, TrustView};
use crate::store::StoreResult;
use crate::trust::Trust;

/// One trust as the trustor's authorization index needs it: its state, every member with its
/// grants (whether or not the user or group still exists: the trustee's index decides that), and
/// its live clones.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustSnapshot {
    /// The trustee organization.
    pub trustee_org_id: OrgId,
    /// Whether the trust is enabled.
    pub enabled: bool,
    /// When the trust was created (tokens issued before belong to an earlier trust).
    pub date_created: DateTime<Utc>,
    /// When it stops granting.
    pub date_expired: Option<DateTime<Utc>>,
    /// Every member (user, group or organization id in the trustee) with its trustor grants.
    pub members: Vec<(MemberKind, String, Vec<Grant>)>,
    /// Clones whose user row is not deleted: (clone user id, original trustee user id).
    pub clones: Vec<(UserId, UserId)>,
}

/// Trusts.
#[async_trait]
pub trait TrustStore: Send + Sync {
    /// The trust in which `trustor` trusts `trustee`, whatever its state.
    async fn trust(&self, trustor: &OrgId, trustee: &OrgId) -> StoreResult<Option<Trust>>;

    /// A page of the trusts in which `trustor` is the trustor (by trustee name), and the total.
    async fn trusts_of_trustor(
        &self,
        trustor: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<Trust>, i64)>;
    /// A page of the trusts in which `trustee` is the trustee (by trustor name), and the total.
    async fn trusts_of_trustee(
        &self,
        trustee: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<Trust>, i64)>;
    /// The page of `trusts_of_trustor` with both organizations of each trust, read in one
    /// query (the listings' path), and the total.
    async fn trustee_views(
        &self,
        trustor: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<TrustView>, i64)>;
    /// The page of `trusts_of_trustee` with both organizations of each trust, read in one
    /// query, and the total.
    async fn trustor_views(
        &self,
        trustee: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<TrustView>, i64)>;

    /// Stores a new pairing.
    async fn insert_pairing(&self, pairing: &Pairing, audit: &AuditEvent) -> StoreResult<()>;
    /// A pairing by id.
    async fn pairing(&self, id: &PairingId) -> StoreResult<Option<Pairing>>;

    /// Creates trusts with their members and grants, all or none. A trust with a `pairing_id`
    /// marks that pairing used by its trustor; a pairing already used refuses the whole write with
    /// `Constraint { constraint: "pairings.used" }`, an existing trust with `"trusts.primary"`.
    async fn create_trusts(&self, trusts: &[NewTrust], audits: &[AuditEvent]) -> StoreResult<()>;
    /// Updates `enabled` and `date_expired` of a trust (`Missing` when it is gone).
    async fn update_trust(&self, trust: &Trust, audit: &AuditEvent) -> StoreResult<()>;
    /// Deletes trusts `(trustor, trustee)` with their members, grants and clones, all or none
    /// (`Missing` naming the first that does not exist).
    async fn delete_trusts(
        &self,
        trusts: &[(OrgId, OrgId)],
        audits: &[AuditEvent],
    ) -> StoreResult<()>;

    /// A page of the members of one kind whose user or group still exists, by name, with their
    /// grants; and the total.
    async fn trust_members(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        kind: MemberKind,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<TrustMember>, i64)>;
    /// One member with its grants.
    async fn trust_member(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
    ) -> StoreResult<Option<TrustMember>>;
    /// Every member of a trust with its grants (what the trust grants, per user and group).
    async fn all_trust_members(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
    ) -> StoreResult<Vec<TrustMember>>;
    /// Adds a member. When it exists already: with `replace_grants` its grants are replaced by
    /// the member's, otherwise nothing changes. A new user or group beyond `max_members` users and
    /// groups refuses the write with `Constraint { constraint: "trust_members.limit" }`.
    /// Returns whether the member was new.
    async fn put_trust_member(
        &self,
        member: &TrustMember,
        replace_grants: bool,
        max_members: u32,
        audit: &AuditEvent,
    ) -> StoreResult<bool>;
    /// Replaces a member's grants (`Missing` when it is not a member).
    async fn set_trust_member_grants(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Removes a member and its grants (`Missing` when it is not a member).
    async fn delete_trust_member(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
        audit: &AuditEvent,
    ) -> StoreResult<()>;

    /// The cloned users of a trust, by name.
    async fn cloned_users(&self, trustor: &OrgId, trustee: &OrgId) -> StoreResult<Vec<ClonedUser>>;
    /// The clone of a trustee user in a trustor organization.
    async fn cloned_user(
        &self,
        trustor: &OrgId,
        trustee_user: &UserId,
    ) -> StoreResult<Option<ClonedUser>>;
    /// Creates the clone and its user row in the trustor. Beyond `max_per_org` clones in the
    /// trustor the write is refused with `Constraint { constraint: "cloned_users.limit" }`.
    async fn insert_cloned_user(
        &self,
        clone: &ClonedUser,
        user: &User,
        max_per_org: u32,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Deletes a clone (its user row is marked deleted).
    async fn delete_cloned_user(&self, clone: &ClonedUser, audit: &AuditEvent) -> StoreResult<()>;
}
