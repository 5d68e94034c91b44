//! The storage traits: what the domain needs from a database, per aggregate, with no SQL in
//! sight. Each write method commits the change and its audit event in one transaction.
//!
//! Backends (`orgtrust-store-sqlite`, later PostgreSQL) also keep the per-organization
//! *authorization generation*: a counter bumped after every committed write that can change
//! anyone's effective permissions in that organization. The in-memory authorization index
//! compares it on every request, so a revocation is in force on the very next one.

mod audit_search;
mod auth_codes;
mod directory;
mod directory_write;
mod emulator;
mod limits;
mod ops;
mod org_admin;
mod reviews;
mod snapshot;
mod trust;

use std::collections::HashMap;

use async_trait::async_trait;

pub use audit_search::AuditSearchStore;
pub use auth_codes::{AuthCodeStore, PendingAuthorization, PendingKind};
pub use directory::DirectoryStore;
pub use directory_write::{
    constraints, DirectoryWriteStore, DivisionCounts, GrantChange, GroupQuery, UserQuery, Window,
};
pub use emulator::EmulatorStore;
pub use limits::LimitStore;
pub use ops::{OpsStore, PoolStats};
pub use org_admin::OrgAdminStore;
pub use reviews::{ReviewStore, TrustReview};
pub use snapshot::{Row, SnapshotStore, TableSpec};
pub use trust::{TrustSnapshot, TrustStore};

use chrono::{DateTime, Utc};

use crate::audit::AuditEvent;
use crate::ids::{ClientId, GroupId, OrgId, RoleId, UserId};
use crate::model::{
    Division, Grant, Group, OAuthClient, OrgState, Organization, Role, Subject, User, UserState,
};
use crate::secret::{PasswordHashString, TokenDigest};
use crate::token::TokenRecord;

/// A storage failure. Constraint violations are reported by name so the domain can turn them into
/// the right 409 or 400.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness or integrity constraint refused the write (nothing was written).
    #[error("constraint {constraint} refused the write")]
    Constraint {
        /// The constraint's stable name (e.g. `organizations.third_party_org_name`).
        constraint: String,
    },
    /// A write named an entity that does not exist (nothing was written).
    #[error("{what} [{id}] does not exist")]
    Missing {
        /// The kind of entity.
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// The database is unreachable or overloaded; retrying later may work.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// Anything else (a bug or corruption); logged, answered with 500.
    #[error("storage failure: {0}")]
    Internal(String),
}

/// Results of storage calls.
pub type StoreResult<T> = std::result::Result<T, StoreError>;

/// Everything the authorization index of one organization is built from.
#[derive(Debug, Clone, Default)]
pub struct AuthzSnapshot {
    /// The organization's state (`None` when it does not exist).
    pub org_state: Option<OrgState>,
    /// Every role with its permission patterns.
    pub roles: Vec<(RoleId, Vec<String>)>,
    /// Every user that is not deleted: id, name, state.
    pub users: Vec<(UserId, String, UserState)>,
    /// Every OAuth client: id, name, active, authorized scopes.
    pub clients: Vec<(ClientId, String, bool, Vec<String>)>,
    /// Group memberships.
    pub memberships: Vec<(GroupId, UserId)>,
    /// Every role grant of the organization's own subjects.
    pub grants: Vec<(Subject, Grant)>,
    /// The trusts in which the organization is the trustor, with their members' grants and
    /// clones (what trustee users may do here).
    pub trusts: Vec<TrustSnapshot>,
}

/// An OAuth client with its secret hash, for client authentication.
#[derive(Debug, Clone)]
pub struct ClientCredentials {
    /// The client.
    pub client: OAuthClient,
    /// argon2 hash of its secret.
    pub secret_hash: PasswordHashString,
}

/// A user with its password hash, for the password grant.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    /// The user.
    pub user: User,
    /// argon2 hash of the password, if one is set.
    pub password_hash: Option<PasswordHashString>,
}

/// Organizations.
#[async_trait]
pub trait OrgStore: Send + Sync {
    /// One organization.
    async fn organization(&self, id: &OrgId) -> StoreResult<Option<Organization>>;
    /// How many organizations exist (zero on a new database).
    async fn organization_count(&self) -> StoreResult<u64>;
}

/// Reads of the directory needed to authenticate.
#[async_trait]
pub trait CredentialStore: Send + Sync {
    /// An OAuth client and its secret hash, whatever its organization.
    async fn client_credentials(&self, id: &ClientId) -> StoreResult<Option<ClientCredentials>>;
    /// A user of `org` by e-mail (case-insensitive), with its password hash.
    async fn user_credentials(
        &self,
        org: &OrgId,
        email: &str,
    ) -> StoreResult<Option<UserCredentials>>;
}

/// What the authorization index is built from, and the generation that tells it to rebuild.
#[async_trait]
pub trait AuthzStore: Send + Sync {
    /// The current authorization generation of `org` (in memory, no I/O).
    fn authz_generation(&self, org: &OrgId) -> u64;
    /// Everything the index of `org` needs.
    async fn authz_snapshot(&self, org: &OrgId) -> StoreResult<AuthzSnapshot>;
    /// What moved the generation of `org` after `since`, when that was only the grants of some
    /// subjects: the current generation and those subjects (every one of them; the index then
    /// reads their grants again instead of a snapshot). `None` when anything else may have
    /// changed, or the store does not know (in memory, no I/O).
    fn authz_changes(&self, org: &OrgId, since: u64) -> Option<(u64, Vec<Subject>)> {
        let _ = (org, since);
        None
    }
}

/// Issued tokens.
#[async_trait]
pub trait TokenStore: Send + Sync {
    /// The revocation generation (in memory, no I/O): it moves whenever a token is revoked, on any
    /// instance sharing the database, so cached token records are re-read before use.
    fn token_generation(&self) -> u64;
    /// Stores a new token with its audit event.
    async fn insert_token(&self, token: &TokenRecord, audit: &AuditEvent) -> StoreResult<()>;
    /// A token by digest (revoked ones included; the caller checks).
    async fn token(&self, digest: &TokenDigest) -> StoreResult<Option<TokenRecord>>;
    /// Marks a token revoked, with its audit event.
    async fn revoke_token(&self, digest: &TokenDigest, audit: &AuditEvent) -> StoreResult<()>;
    /// Marks revoked at `at` every unrevoked token `selector` takes, moving the revocation
    /// generation when any; how many. (A side effect of the write that restores a grant, or of
    /// a replayed authorization code; that write carries the audit event.)
    async fn revoke_tokens(&self, selector: &TokenSelector, at: DateTime<Utc>) -> StoreResult<u64>;
    /// Deletes the tokens that expired before `before` (revoked or not: an expired token is
    /// refused whatever its row says); how many.
    async fn delete_expired_tokens(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}

/// Which tokens [`TokenStore::revoke_tokens`] takes: those matching every field that is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenSelector {
    /// Tokens of subjects of this organization (users or clients at home there).
    pub home_org_id: Option<OrgId>,
    /// Tokens acting in this organization.
    pub org_id: Option<OrgId>,
    /// Tokens acting anywhere but at home (trustee users in trustors).
    pub cross_org_only: bool,
    /// Tokens of this user.
    pub user_id: Option<UserId>,
    /// Tokens issued through this OAuth client.
    pub client_id: Option<ClientId>,
    /// The token with this id.
    pub token_id: Option<String>,
    /// Tokens issued before this instant.
    pub issued_before: Option<DateTime<Utc>>,
}

/// Reading the audit trail back.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// The most recent events of `org` (acting organization), newest first.
    async fn recent_audit_events(&self, org: &OrgId, limit: u32) -> StoreResult<Vec<AuditEvent>>;

    /// Appends many events at once, in one transaction, with bulk statements: the bench's
    /// seeding and imports (never a request's write, which records its event with the change).
    /// The stored events are exactly those each write would have recorded.
    async fn append_audit_events(&self, events: &[AuditEvent]) -> StoreResult<()>;
}

/// The kinds of directory entity a fixture names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A division, by name.
    Division,
    /// A role, by name.
    Role,
    /// A user, by e-mail.
    User,
    /// A group, by name.
    Group,
    /// An OAuth client (always named by id).
    Client,
}

/// One organization of a fixture, every id resolved.
#[derive(Debug, Clone)]
pub struct FixtureOrg {
    /// The organization (created, or its fixture fields updated).
    pub org: Organization,
    /// Its divisions.
    pub divisions: Vec<Division>,
    /// Its roles.
    pub roles: Vec<Role>,
    /// Its users, with a new password hash when the fixture sets one.
    pub users: Vec<(User, Option<PasswordHashString>)>,
    /// Its groups with their members (the fixture's list replaces the stored one).
    pub groups: Vec<(Group, Vec<UserId>)>,
    /// Its OAuth clients with their secret hashes.
    pub clients: Vec<(OAuthClient, PasswordHashString)>,
    /// The grants of every subject the fixture names (replacing their stored grants).
    pub grants: Vec<(Subject, Vec<Grant>)>,
}

/// A whole fixture, ready to apply in one transaction.
#[derive(Debug, Clone, Default)]
pub struct FixturePlan {
    /// The organizations.
    pub organizations: Vec<FixtureOrg>,
    /// The Customer Care organizations, when the fixture names them.
    pub customer_care: Option<Vec<OrgId>>,
    /// Trusts to create, or whose `enabled` and `date_expired` to update.
    pub trusts: Vec<crate::trust::Trust>,
    /// When the fixture was a snapshot: its rows (`crate::snapshot::TABLES`), which replace the
    /// whole state instead of the upserts above (the emulator's reset returns to them).
    pub snapshot: Option<std::sync::Arc<Vec<Vec<Row>>>>,
}

/// Applying fixtures.
#[async_trait]
pub trait FixtureStore: Send + Sync {
    /// The id of the organization named `name`, if one exists.
    async fn org_id_by_name(&self, name: &str) -> StoreResult<Option<OrgId>>;
    /// The ids of existing entities of `org` by natural key (name, or e-mail for users).
    async fn ids_by_natural_key(
        &self,
        org: &OrgId,
        kind: EntityKind,
    ) -> StoreResult<HashMap<String, String>>;
    /// The organization owning an entity id of `kind` (to refuse ids that belong elsewhere).
    async fn owner_of(&self, kind: EntityKind, id: &str) -> StoreResult<Option<OrgId>>;
    /// Upserts everything in one transaction: all of it or nothing.
    async fn apply_fixture(&self, plan: &FixturePlan) -> StoreResult<()>;
}

/// Server-wide settings.
#[async_trait]
pub trait SettingsStore: Send + Sync {
    /// The Customer Care organizations.
    async fn customer_care_orgs(&self) -> StoreResult<Vec<OrgId>>;
}

/// Everything a backend provides. (One trait per aggregate; a new one goes in both lists.)
pub trait Store:
    OrgStore
    + CredentialStore
    + DirectoryStore
    + TrustStore
    + DirectoryWriteStore
    + AuthzStore
    + TokenStore
    + AuditStore
    + AuditSearchStore
    + FixtureStore
    + SettingsStore
    + OrgAdminStore
    + LimitStore
    + AuthCodeStore
    + OpsStore
    + EmulatorStore
    + SnapshotStore
    + ReviewStore
    + 'static
{
}

impl<T> Store for T where
    T: OrgStore
        + CredentialStore
        + DirectoryStore
        + TrustStore
        + DirectoryWriteStore
        + AuthzStore
        + TokenStore
        + AuditStore
        + AuditSearchStore
        + FixtureStore
        + SettingsStore
        + OrgAdminStore
        + LimitStore
        + AuthCodeStore
        + OpsStore
        + EmulatorStore
        + SnapshotStore
        + ReviewStore
        + 'static
{
}
