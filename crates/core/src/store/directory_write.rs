//! Managing the directory through the API: paged listings and the writes (users, groups, roles,
//! divisions, grants, OAuth clients). Every write commits its change and its audit event in one
//! transaction; a write that can change anyone's effective permissions also bumps the
//! organization's authorization generation after the commit.
//!
//! Stale versions and refused deletions come back as [`StoreError::Constraint`] with the names
//! in [`constraints`], so the domain maps them to 409 without parsing messages.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::audit::AuditEvent;
use crate::ids::{ClientId, DivisionId, GroupId, OrgId, RoleId, UserId};
use crate::model::{Division, Grant, Group, OAuthClient, Role, Subject, User, UserState};
use crate::secret::PasswordHashString;
use crate::store::{StoreError, StoreResult};

/// The names of the constraints the directory writes report besides the database's own
/// uniqueness indexes (`users_email`, `user_groups_name`, `roles_name`, `divisions_name`).
pub mod constraints {
    /// The version given is not the stored one (optimistic concurrency).
    pub const STALE_VERSION: &str = "version.stale";
    /// The division still holds users or groups.
    pub const DIVISION_IN_USE: &str = "divisions.in_use";
    /// The division is the organization's home division.
    pub const HOME_DIVISION: &str = "divisions.home";
}

/// A page of rows: how many to skip and how many to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Rows skipped.
    pub offset: i64,
    /// Rows returned at most.
    pub limit: i64,
}

/// Which users to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserQuery {
    /// Only users in these divisions (`None`: every division).
    pub divisions: Option<Vec<DivisionId>>,
    /// Only these users (`None`: any).
    pub ids: Option<Vec<UserId>>,
    /// Only members of this group.
    pub group: Option<GroupId>,
    /// Only users in this state.
    pub state: UserState,
    /// Sort by name descending instead of ascending.
    pub descending: bool,
}

/// Which groups to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupQuery {
    /// Only groups in these divisions (`None`: every division).
    pub divisions: Option<Vec<DivisionId>>,
    /// Only these groups (`None`: any).
    pub ids: Option<Vec<GroupId>>,
    /// Sort by name descending instead of ascending.
    pub descending: bool,
}

/// How a grant write changes a subject's grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantChange {
    /// Adds the grants (those already held are kept once).
    Add,
    /// Removes the grants (those not held are ignored).
    Remove,
    /// Replaces every grant of the subject with these.
    Replace,
}

/// The number of live objects in a division.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DivisionCounts {
    /// Users that are not deleted.
    pub users: i64,
    /// Groups that are not deleted.
    pub groups: i64,
}

/// Directory listings and writes.
#[async_trait]
pub trait DirectoryWriteStore: Send + Sync {
    /// A page of users and the total matching `query`.
    async fn list_users(
        &self,
        org: &OrgId,
        query: &UserQuery,
        window: Window,
    ) -> StoreResult<(Vec<User>, i64)>;
    /// A page of groups (not deleted) and the total matching `query`.
    async fn list_groups(
        &self,
        org: &OrgId,
        query: &GroupQuery,
        window: Window,
    ) -> StoreResult<(Vec<Group>, i64)>;
    /// The grants of one subject of `org`.
    async fn grants_of(&self, org: &OrgId, subject: &Subject) -> StoreResult<Vec<Grant>>;
    /// Live users and groups in a division.
    async fn division_counts(&self, org: &OrgId, id: &DivisionId) -> StoreResult<DivisionCounts>;
    /// An OAuth client of `org`.
    async fn client(&self, org: &OrgId, id: &ClientId) -> StoreResult<Option<OAuthClient>>;
    /// Every OAuth client of `org`, by name.
    async fn clients(&self, org: &OrgId) -> StoreResult<Vec<OAuthClient>>;

    /// Creates a user, with its password hash if one was given.
    async fn create_user(
        &self,
        user: &User,
        password: Option<&PasswordHashString>,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Stores `user` (its version already incremented) if the stored version is `expected`.
    async fn update_user(&self, user: &User, expected: i32, audit: &AuditEvent) -> StoreResult<()>;
    /// Marks a user deleted, drops its grants and memberships, and revokes its tokens.
    async fn delete_user(
        &self,
        org: &OrgId,
        id: &UserId,
        at: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Sets a user's password hash.
    async fn set_user_password(
        &self,
        org: &OrgId,
        id: &UserId,
        hash: &PasswordHashString,
        audit: &AuditEvent,
    ) -> StoreResult<()>;

    /// Adds, removes or replaces grants of a subject.
    async fn change_grants(
        &self,
        org: &OrgId,
        subject: &Subject,
        change: GrantChange,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()>;

    /// Creates a group.
    async fn create_group(&self, group: &Group, audit: &AuditEvent) -> StoreResult<()>;
    /// Stores `group` (its version already incremented) if the stored version is `expected`.
    async fn update_group(
        &self,
        group: &Group,
        expected: i32,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Marks a group deleted and drops its grants and memberships.
    async fn delete_group(&self, org: &OrgId, id: &GroupId, audit: &AuditEvent) -> StoreResult<()>;
    /// Adds members (bumping the group's version) if the stored version is `expected`.
    async fn add_group_members(
        &self,
        org: &OrgId,
        id: &GroupId,
        members: &[UserId],
        expected: i32,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Removes members (bumping the group's version).
    async fn remove_group_members(
        &self,
        org: &OrgId,
        id: &GroupId,
        members: &[UserId],
        audit: &AuditEvent,
    ) -> StoreResult<()>;

    /// Creates a role.
    async fn create_role(&self, role: &Role, audit: &AuditEvent) -> StoreResult<()>;
    /// Stores a role's name, description and permissions.
    async fn update_role(&self, role: &Role, audit: &AuditEvent) -> StoreResult<()>;
    /// Deletes a role; its grants go with it in the same transaction.
    async fn delete_role(&self, org: &OrgId, id: &RoleId, audit: &AuditEvent) -> StoreResult<()>;

    /// Creates a division.
    async fn create_division(&self, division: &Division, audit: &AuditEvent) -> StoreResult<()>;
    /// Stores a division's name and description.
    async fn update_division(&self, division: &Division, audit: &AuditEvent) -> StoreResult<()>;
    /// Deletes a division and the grants scoped to it; refused while it holds users or groups
    /// ([`constraints::DIVISION_IN_USE`]) or when it is the home division.
    async fn delete_division(
        &self,
        org: &OrgId,
        id: &DivisionId,
        audit: &AuditEvent,
    ) -> StoreResult<()>;

    /// Creates an OAuth client with its secret hash and grants.
    async fn create_client(
        &self,
        client: &OAuthClient,
        secret: &PasswordHashString,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Stores an OAuth client's settings and replaces its grants.
    async fn update_client(
        &self,
        client: &OAuthClient,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Deletes an OAuth client with its grants, and revokes its tokens.
    async fn delete_client(
        &self,
        org: &OrgId,
        id: &ClientId,
        at: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Replaces an OAuth client's secret hash.
    async fn set_client_secret(
        &self,
        org: &OrgId,
        id: &ClientId,
        secret: &PasswordHashString,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
}

impl StoreError {
    /// Is this the refusal of constraint `name`?
    pub fn is_constraint(&self, name: &str) -> bool {
        matches!(self, StoreError::Constraint { constraint } if constraint == name)
    }
}
