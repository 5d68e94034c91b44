//! The directory service: users, groups, roles, divisions, role grants and OAuth clients, managed
//! through the API. One submodule per aggregate, each an `impl App` block.
//!
//! Every write checks what the operation table cannot (division-scoped permissions, the rules of
//! the entity), then hands the change and its audit event to the store in one call (one
//! transaction). The store bumps the organization's authorization generation after committing a
//! change that can move anyone's effective permissions, so it is in force on the next request.

mod clients;
mod divisions;
mod grants;
mod groups;
mod roles;
mod users;

pub use clients::{ClientInput, ClientWithGrants, GRANT_TYPES, STATES, VALIDITY_SECONDS};
pub use grants::{GrantEntry, GrantPair, SubjectGrants};
pub use groups::{GroupChanges, NewGroup};
pub use roles::RoleInput;
pub use users::{NewUser, UserChanges, UserRoles};

use orgtrust_api::codes;

use crate::authz::Authorized;
use crate::authz::Authz;
use crate::clock::Clock;
use crate::error::Error;
use crate::escalation::Escalation;
use crate::ids::DivisionId;
use crate::org_settings::OrgSettingsService;
use crate::permission::Scope;
use crate::revocation::Revocation;
use crate::store::Store;
use crate::store::{constraints, StoreError};
use crate::token_cache::TokenCache;
use std::sync::Arc;

/// Maps a refused directory write to the domain error: stale versions, duplicate names and
/// refused deletions are 409 `general.conflict`; a vanished entity is 404.
pub(crate) fn refused(e: StoreError) -> Error {
    match e {
        StoreError::Constraint { constraint } => {
            let message = match constraint.as_str() {
                constraints::STALE_VERSION => {
                    "The version supplied does not match the current version of the resource."
                }
                constraints::DIVISION_IN_USE => {
                    "The division still holds users or groups; move or delete them first."
                }
                constraints::HOME_DIVISION => "The home division cannot be deleted.",
                c if c.contains("email") => "A user with this email address already exists.",
                c if c.contains("name") => "An entity with this name already exists.",
                _ => "The change conflicts with the current state of the resource.",
            };
            Error::conflict(codes::GENERAL_CONFLICT, message)
        }
        StoreError::Missing { what, id } => Error::not_found(what, id),
        other => Error::Store(other),
    }
}

/// The 409 for a version that is not the stored one.
pub(crate) fn stale() -> Error {
    refused(StoreError::Constraint {
        constraint: constraints::STALE_VERSION.into(),
    })
}

/// The divisions in which the principal holds `permission`, as a listing filter: `None` for
/// every division, else the list (empty when the permission is held nowhere).
pub(crate) fn division_filter(principal: &Authorized, permission: &str) -> Option<Vec<DivisionId>> {
    match principal.permissions.scope(permission) {
        Some(Scope::All) => None,
        Some(Scope::Divisions(set)) => Some(set.into_iter().collect()),
        None => Some(vec![]),
    }
}

/// A required, trimmed, non-empty text field (400 `invalid.value` naming it otherwise).
pub(crate) fn required(field: &str, value: Option<String>) -> Result<String, Error> {
    match value.map(|v| v.trim().to_owned()) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(Error::invalid_value(field, format!("{field} is required."))),
    }
}

/// An optional text field: trimmed, empty meaning absent.
pub(crate) fn optional(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Longest name accepted for directory entities.
pub(crate) const MAX_NAME: usize = 255;

/// Checks a name's length.
pub(crate) fn check_length(field: &str, value: &str) -> Result<(), Error> {
    if value.chars().count() > MAX_NAME {
        return Err(Error::invalid_value(
            field,
            format!("{field} must be at most {MAX_NAME} characters."),
        ));
    }
    Ok(())
}

/// The directory of each organization: divisions, roles, users, groups, OAuth clients and their
/// grants, every write with its audit event.
pub struct Directory {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) authz: Arc<Authz>,
    /// Cached tokens of deleted users and clients are dropped at once.
    pub(crate) tokens: Arc<TokenCache>,
    pub(crate) escalation: Escalation,
    pub(crate) revocation: Revocation,
    /// The password requirements new passwords must meet.
    pub(crate) org_settings: Arc<OrgSettingsService>,
}

impl Directory {
    /// The service over `store`.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        authz: Arc<Authz>,
        tokens: Arc<TokenCache>,
        escalation: Escalation,
        revocation: Revocation,
        org_settings: Arc<OrgSettingsService>,
    ) -> Self {
        Self {
            store,
            clock,
            authz,
            tokens,
            escalation,
            revocation,
            org_settings,
        }
    }
}
