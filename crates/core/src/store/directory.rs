//! Reads of the directory (users, groups, roles, divisions) that every API group needs. Reads are
//! scoped to an organization: an id of another organization reads as absent, so it is a 404.

use async_trait::async_trait;

use crate::ids::{DivisionId, GroupId, OrgId, RoleId, UserId};
use crate::model::{Division, Group, Role, User};
use crate::store::StoreResult;

/// Directory reads.
#[async_trait]
pub trait DirectoryStore: Send + Sync {
    /// A user of `org` that is not deleted.
    async fn user(&self, org: &OrgId, id: &UserId) -> StoreResult<Option<User>>;
    /// The users of `org` among `ids` that are not deleted (in no particular order).
    async fn users_by_ids(&self, org: &OrgId, ids: &[UserId]) -> StoreResult<Vec<User>>;
    /// A group of `org` that is not deleted.
    async fn group(&self, org: &OrgId, id: &GroupId) -> StoreResult<Option<Group>>;
    /// The groups of `org` among `ids` that are not deleted.
    async fn groups_by_ids(&self, org: &OrgId, ids: &[GroupId]) -> StoreResult<Vec<Group>>;
    /// The members of a group (not deleted users).
    async fn group_member_ids(&self, org: &OrgId, id: &GroupId) -> StoreResult<Vec<UserId>>;
    /// A role of `org`.
    async fn role(&self, org: &OrgId, id: &RoleId) -> StoreResult<Option<Role>>;
    /// Every role of `org`, by name.
    async fn roles(&self, org: &OrgId) -> StoreResult<Vec<Role>>;
    /// A division of `org`.
    async fn division(&self, org: &OrgId, id: &DivisionId) -> StoreResult<Option<Division>>;
    /// Every division of `org`, by name.
    async fn divisions(&self, org: &OrgId) -> StoreResult<Vec<Division>>;
}
