//! Storage of the organization itself and its settings: editing and terminating organizations,
//! creating new ones, the settings document, sign-in lockout records and migration states.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::audit::AuditEvent;
use crate::ids::{OrgId, UserId};
use crate::lockout::SignInState;
use crate::model::Organization;
use crate::org_settings::OrgSettings;
use crate::store::{FixtureOrg, StoreResult};

/// Organization administration.
#[async_trait]
pub trait OrgAdminStore: Send + Sync {
    /// Replaces the editable fields, features and version of an organization if its stored
    /// version is still `expected_version`; `false` (nothing written) when it is not.
    async fn update_organization(
        &self,
        org: &Organization,
        expected_version: i32,
        audit: &AuditEvent,
    ) -> StoreResult<bool>;
    /// Creates an organization with its divisions, roles, users and grants.
    async fn create_organization(&self, org: &FixtureOrg, audit: &AuditEvent) -> StoreResult<()>;
    /// Marks an organization deleted and revokes every token acting in it or issued to its
    /// subjects; bumps its authorization generation.
    async fn terminate_organization(
        &self,
        org: &OrgId,
        at: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// The settings of an organization (`None` until first written: the defaults).
    async fn org_settings(&self, org: &OrgId) -> StoreResult<Option<OrgSettings>>;
    /// Stores the settings; bumps the organization's authorization generation after commit
    /// (the allowlist and scope enforcement change what its tokens may do).
    async fn put_org_settings(
        &self,
        org: &OrgId,
        settings: &OrgSettings,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// A user's sign-in record.
    async fn sign_in_state(&self, user: &UserId) -> StoreResult<Option<SignInState>>;
    /// Stores a user's sign-in record after a failure, with its audit event.
    async fn put_sign_in_state(
        &self,
        org: &OrgId,
        user: &UserId,
        state: &SignInState,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
    /// Forgets a user's failures after a successful sign-in.
    async fn clear_sign_in_state(&self, user: &UserId) -> StoreResult<()>;
    /// The migration states an organization has set, by name.
    async fn migration_states(&self, org: &OrgId) -> StoreResult<HashMap<String, bool>>;
    /// Sets a migration state.
    async fn set_migration_state(
        &self,
        org: &OrgId,
        name: &str,
        enabled: bool,
        audit: &AuditEvent,
    ) -> StoreResult<()>;
}
