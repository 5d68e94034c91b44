//! Users: listing (scoped to the divisions where the caller may view users), reading, creating,
//! editing with optimistic concurrency, deleting (which revokes the user's tokens at once),
//! setting passwords under the organization's policy, and the legacy role assignment.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::audit::{diff, Target};
use crate::authz::Authorized;
use crate::catalogue;
use crate::directory::Directory;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, RoleId, UserId};
use crate::model::{Grant, Role, Subject, User, UserState};
use crate::permission::DivisionGrant;
use crate::request::RequestMeta;
use crate::secret::{hash_secret, Secret};
use crate::store::{GrantChange, UserQuery, Window};
use crate::token::TokenSubject;

use super::{check_length, division_filter, optional, refused, required, stale};

const VIEW: &str = "directory:user:view";
const ADD: &str = "directory:user:add";
const EDIT: &str = "directory:user:edit";
const DELETE: &str = "directory:user:delete";
const SET_PASSWORD: &str = "directory:user:setPassword";

/// A user to create (`POST /api/v2/users`).
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    /// Full name (required).
    pub name: Option<String>,
    /// E-mail and username (required).
    pub email: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Division (the home division when absent).
    pub division_id: Option<DivisionId>,
    /// Initial state (active when absent; never deleted).
    pub state: Option<UserState>,
    /// Initial password (checked against the organization's policy).
    pub password: Option<Secret>,
}

/// A sparse change to a user (`PATCH /api/v2/users/{userId}`); `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    /// The version the caller read (required).
    pub version: Option<i32>,
    /// New name.
    pub name: Option<String>,
    /// New e-mail.
    pub email: Option<String>,
    /// New title (empty clears it).
    pub title: Option<String>,
    /// New department (empty clears it).
    pub department: Option<String>,
    /// New state (active or inactive).
    pub state: Option<UserState>,
    /// New division.
    pub division_id: Option<DivisionId>,
}

/// The roles granted to a user directly and everything the user may do
/// (`GET /api/v2/users/{subjectId}/roles`).
#[derive(Debug, Clone)]
pub struct UserRoles {
    /// The roles of the user's direct grants, by name.
    pub roles: Vec<Role>,
    /// Every catalogue permission the user holds (direct and group grants), sorted.
    pub permissions: Vec<String>,
}

fn snapshot(u: &User) -> Value {
    json!({
        "name": u.name,
        "email": u.email,
        "division": u.division_id.as_str(),
        "state": u.state.as_str(),
        "title": u.title,
        "department": u.department,
    })
}

fn target(u: &User) -> Target<'_> {
    Target {
        entity_type: "User",
        id: u.id.as_str(),
        name: Some(&u.name),
    }
}

/// Checks and normalises an e-mail address (stored lower-case: it is also the username).
fn email(value: Option<String>) -> Result<String> {
    let email = required("email", value)?.to_lowercase();
    let valid = email.chars().all(|c| !c.is_whitespace())
        && matches!(email.split_once('@'), Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
    if !valid {
        return Err(Error::invalid_value(
            "email",
            format!("[{email}] is not a valid email address."),
        ));
    }
    check_length("email", &email)?;
    Ok(email)
}

impl Directory {
    /// The division a new entity goes to: the one named (which must exist), else home.
    pub(crate) async fn division_or_home(
        &self,
        principal: &Authorized,
        field: &str,
        id: Option<DivisionId>,
    ) -> Result<DivisionId> {
        match id {
            Some(id) => match self.store.division(&principal.org_id, &id).await? {
                Some(d) => Ok(d.id),
                None => Err(Error::invalid_value(
                    field,
                    format!("Division [{id}] does not exist."),
                )),
            },
            None => Ok(self.home_division(principal).await?.id),
        }
    }

    /// A live user of the caller's organization (404 otherwise).
    async fn live_user(&self, principal: &Authorized, id: &UserId) -> Result<User> {
        self.store
            .user(&principal.org_id, id)
            .await?
            .ok_or_else(|| Error::not_found("user", id))
    }

    /// A page of the organization's users in `state`, only from divisions where the caller
    /// holds `directory:user:view` (the total counts only those).
    pub async fn list_users(
        &self,
        principal: &Authorized,
        ids: Option<Vec<UserId>>,
        state: UserState,
        descending: bool,
        window: Window,
    ) -> Result<(Vec<User>, i64)> {
        let query = UserQuery {
            divisions: division_filter(principal, VIEW),
            ids,
            group: None,
            state,
            descending,
        };
        Ok(self
            .store
            .list_users(&principal.org_id, &query, window)
            .await?)
    }

    /// One user (403 `missing.division.permission` when it is in a division the caller may not
    /// view).
    pub async fn user(&self, principal: &Authorized, id: &UserId) -> Result<User> {
        let user = self.live_user(principal, id).await?;
        principal.require_in(VIEW, &user.division_id)?;
        Ok(user)
    }

    /// The calling user (`GET /api/v2/users/me`). A client-credentials token has no user: 400,
    /// as Genesys answers.
    pub async fn user_me(&self, principal: &Authorized) -> Result<User> {
        let Some(id) = principal.user_id() else {
            return Err(Error::bad_request(
                orgtrust_api::codes::BAD_REQUEST,
                "This request requires a user context. Client credentials cannot be used for requests to this resource.",
            ));
        };
        self.store
            .user(&principal.home_org_id, id)
            .await?
            .ok_or_else(|| Error::not_found("user", id))
    }

    /// Creates a user in the named division (or home), with `directory:user:add` there.
    pub async fn create_user(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        new: NewUser,
    ) -> Result<User> {
        let name = required("name", new.name)?;
        check_length("name", &name)?;
        let email = email(new.email)?;
        let division_id = self
            .division_or_home(principal, "divisionId", new.division_id)
            .await?;
        principal.require_in(ADD, &division_id)?;
        let state = match new.state {
            None => UserState::Active,
            Some(UserState::Deleted) => {
                return Err(Error::invalid_value(
                    "state",
                    "A user cannot be created deleted.",
                ))
            }
            Some(s) => s,
        };
        let hash = match &new.password {
            Some(pw) => {
                self.org_settings
                    .password_policy(&principal.org_id)
                    .await?
                    .check("password", pw.expose())?;
                Some(hash_secret(pw))
            }
            None => None,
        };
        let now = self.clock.now();
        let user = User {
            id: UserId::generate(),
            org_id: principal.org_id.clone(),
            name,
            email,
            division_id,
            state,
            version: 1,
            title: optional(new.title),
            department: optional(new.department),
            date_created: now,
            date_modified: now,
        };
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "create",
            target(&user),
            diff(None, Some(&snapshot(&user))),
        );
        self.store
            .create_user(&user, hash.as_ref(), &audit)
            .await
            .map_err(refused)?;
        Ok(user)
    }

    /// Applies a sparse change with the caller's version (409 when stale). Moving a user needs
    /// `directory:user:edit` in both divisions.
    pub async fn update_user(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &UserId,
        changes: UserChanges,
    ) -> Result<User> {
        let before = self.live_user(principal, id).await?;
        principal.require_in(EDIT, &before.division_id)?;
        let version = changes
            .version
            .ok_or_else(|| Error::invalid_value("version", "version is required."))?;
        if version != before.version {
            return Err(stale());
        }
        let mut user = before.clone();
        if let Some(name) = changes.name {
            user.name = required("name", Some(name))?;
            check_length("name", &user.name)?;
        }
        if let Some(e) = changes.email {
            user.email = email(Some(e))?;
        }
        if let Some(t) = changes.title {
            user.title = optional(Some(t));
        }
        if let Some(d) = changes.department {
            user.department = optional(Some(d));
        }
        match changes.state {
            Some(UserState::Deleted) => {
                return Err(Error::invalid_value(
                    "state",
                    "Delete the user to set it deleted.",
                ))
            }
            Some(s) => user.state = s,
            None => {}
        }
        if let Some(division) = changes.division_id {
            if division != before.division_id {
                user.division_id = self
                    .division_or_home(principal, "division.id", Some(division))
                    .await?;
                principal.require_in(EDIT, &user.division_id)?;
            }
        }
        user.version = before.version + 1;
        user.date_modified = self.clock.now();
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "update",
            target(&user),
            diff(Some(&snapshot(&before)), Some(&snapshot(&user))),
        );
        if before.state != UserState::Active && user.state == UserState::Active {
            // Active again: the tokens refused meanwhile stay refused (revocation.rs).
            self.revocation
                .revoke_before_user_restore(&user.org_id, &user.id)
                .await?;
        }
        self.store
            .update_user(&user, before.version, &audit)
            .await
            .map_err(refused)?;
        Ok(user)
    }

    /// Marks a user deleted and revokes its tokens: they are refused from the next request on.
    pub async fn delete_user(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &UserId,
    ) -> Result<()> {
        let user = self.live_user(principal, id).await?;
        principal.require_in(DELETE, &user.division_id)?;
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "delete",
            target(&user),
            diff(Some(&snapshot(&user)), None),
        );
        self.store
            .delete_user(&principal.org_id, id, self.clock.now(), &audit)
            .await
            .map_err(refused)?;
        let subject = TokenSubject::User(id.clone());
        self.tokens.entries.retain(|_, (_, t)| t.subject != subject);
        Ok(())
    }

    /// Sets a user's password (`directory:user:setPassword` in the user's division), checked
    /// against the organization's policy (400 naming the failed rule).
    pub async fn set_user_password(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &UserId,
        password: Option<Secret>,
    ) -> Result<()> {
        let user = self.live_user(principal, id).await?;
        principal.require_in(SET_PASSWORD, &user.division_id)?;
        let password = password
            .ok_or_else(|| Error::invalid_value("newPassword", "newPassword is required."))?;
        self.org_settings
            .password_policy(&principal.org_id)
            .await?
            .check("newPassword", password.expose())?;
        let hash = hash_secret(&password);
        let audit =
            principal.audit_event(self.clock.now(), meta, "setPassword", target(&user), vec![]);
        self.store
            .set_user_password(&principal.org_id, id, &hash, &audit)
            .await
            .map_err(refused)
    }

    /// The user's directly granted roles and effective permissions.
    pub async fn user_roles(&self, principal: &Authorized, id: &UserId) -> Result<UserRoles> {
        let user = self.live_user(principal, id).await?;
        let grants = self
            .store
            .grants_of(&principal.org_id, &Subject::User(user.id.clone()))
            .await?;
        let roles = self.store.roles(&principal.org_id).await?;
        self.user_roles_of(principal, &user.id, &grants, roles)
            .await
    }

    /// The answer of the user-roles operations from the user's grants and the organization's
    /// roles (read once by the caller).
    async fn user_roles_of(
        &self,
        principal: &Authorized,
        user: &UserId,
        grants: &[Grant],
        roles: Vec<Role>,
    ) -> Result<UserRoles> {
        let held: BTreeSet<&RoleId> = grants.iter().map(|g| &g.role_id).collect();
        let roles = roles.into_iter().filter(|r| held.contains(&r.id)).collect();
        let index = self.authz.index(&principal.org_id).await?;
        let permissions = index
            .effective(&Subject::User(user.clone()))
            .listed(catalogue::names());
        Ok(UserRoles { roles, permissions })
    }

    /// Sets a user's roles (`PUT /api/v2/users/{subjectId}/roles`): roles not listed are removed
    /// in every division, listed roles already held keep their divisions, new ones are granted
    /// in the home division.
    pub async fn set_user_roles(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &UserId,
        role_ids: Vec<String>,
    ) -> Result<UserRoles> {
        // An active user (the usual case) and its own grants from the organization's index
        // (current: it holds every acknowledged write, names included; no round trip); any
        // other user (inactive, deleted, unknown: 404) from the store. Grants sorted as the
        // store lists them.
        let index = self.authz.index(&principal.org_id).await?;
        let held = index
            .active_user(id)
            .zip(index.own_grants(id))
            .map(|(name, grants)| {
                let mut grants = grants.to_vec();
                grants.sort();
                (name.to_owned(), grants)
            });
        drop(index);
        let subject = Subject::User(id.clone());
        let (name, current) = match held {
            Some(held) => held,
            None => {
                let user = self.live_user(principal, id).await?;
                let grants = self.store.grants_of(&principal.org_id, &subject).await?;
                (user.name, grants)
            }
        };
        let roles = self.store.roles(&principal.org_id).await?;
        let mut wanted: Vec<RoleId> = Vec::new();
        for (i, rid) in role_ids.iter().enumerate() {
            let rid = RoleId::new(rid.trim());
            if !roles.iter().any(|r| r.id == rid) {
                return Err(Error::invalid_value(
                    format!("[{i}]"),
                    format!("Role [{rid}] does not exist."),
                ));
            }
            if !wanted.contains(&rid) {
                wanted.push(rid);
            }
        }
        let mut grants: Vec<Grant> = current
            .iter()
            .filter(|g| wanted.contains(&g.role_id))
            .cloned()
            .collect();
        // The home division is read only when a role is newly granted.
        let mut home: Option<DivisionId> = None;
        for rid in &wanted {
            if !grants.iter().any(|g| &g.role_id == rid) {
                let home = match &home {
                    Some(home) => home.clone(),
                    None => home.insert(self.home_division(principal).await?.id).clone(),
                };
                grants.push(Grant {
                    role_id: rid.clone(),
                    division: DivisionGrant::One(home),
                });
            }
        }
        grants.sort();
        let new: Vec<Grant> = grants
            .iter()
            .filter(|g| !current.contains(g))
            .cloned()
            .collect();
        self.escalation
            .check_new_grants(principal, &new, true)
            .await?;
        let before: Vec<String> = current.iter().map(super::grants::grant_key).collect();
        let after: Vec<String> = grants.iter().map(super::grants::grant_key).collect();
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "replaceGrants",
            Target {
                entity_type: "User",
                id: id.as_str(),
                name: Some(&name),
            },
            diff(
                Some(&json!({ "grants": before })),
                Some(&json!({ "grants": after })),
            ),
        );
        self.store
            .change_grants(
                &principal.org_id,
                &subject,
                GrantChange::Replace,
                &grants,
                &audit,
            )
            .await
            .map_err(refused)?;
        self.user_roles_of(principal, id, &grants, roles).await
    }
}
