//! Roles: named sets of permission patterns. Only patterns that reach a permission the server
//! checks are accepted (400 `invalid.value` otherwise), so a typo cannot become a silent no-op.
//! A change of permissions or a deletion moves every holder's effective grants on the next
//! request; deleting a role removes its grants everywhere in the same transaction.

use serde_json::{json, Value};

use crate::audit::{diff, Target};
use crate::authz::Authorized;
use crate::catalogue;
use crate::directory::Directory;
use crate::error::{Error, Result};
use crate::ids::RoleId;
use crate::model::Role;
use crate::permission::Pattern;
use crate::request::RequestMeta;

use super::{check_length, optional, refused, required};

/// A role as the caller sends it; `None` fields are absent from the body.
#[derive(Debug, Clone, Default)]
pub struct RoleInput {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Permissions (`domain:entity:action`, `*` segments allowed).
    pub permissions: Option<Vec<String>>,
}

fn snapshot(r: &Role) -> Value {
    json!({
        "name": r.name,
        "description": r.description,
        "permissions": r.permissions,
    })
}

fn target(r: &Role) -> Target<'_> {
    Target {
        entity_type: "Role",
        id: r.id.as_str(),
        name: Some(&r.name),
    }
}

/// Checks permission patterns: each must parse and reach at least one known permission.
/// Returns them trimmed, sorted and without duplicates.
pub fn validate_permissions(permissions: Vec<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(permissions.len());
    for p in permissions {
        let p = p.trim().to_owned();
        let known = Pattern::parse(&p).is_ok_and(|pattern| catalogue::is_grantable(&pattern));
        if !known {
            return Err(Error::invalid_value(
                "permissions",
                format!("Permission [{p}] is not a known permission; see GET /api/v2/authorization/permissions."),
            ));
        }
        out.push(p);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

impl Directory {
    /// Every role of the caller's organization, by name.
    pub async fn roles(&self, principal: &Authorized) -> Result<Vec<Role>> {
        Ok(self.store.roles(&principal.org_id).await?)
    }

    /// One role.
    pub async fn role(&self, principal: &Authorized, id: &RoleId) -> Result<Role> {
        self.store
            .role(&principal.org_id, id)
            .await?
            .ok_or_else(|| Error::not_found("role", id))
    }

    /// Creates a role.
    pub async fn create_role(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        input: RoleInput,
    ) -> Result<Role> {
        let name = required("name", input.name)?;
        check_length("name", &name)?;
        let role = Role {
            id: RoleId::generate(),
            org_id: principal.org_id.clone(),
            name,
            description: optional(input.description),
            permissions: validate_permissions(input.permissions.unwrap_or_default())?,
            default_admin: false,
        };
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "create",
            target(&role),
            diff(None, Some(&snapshot(&role))),
        );
        self.store
            .create_role(&role, &audit)
            .await
            .map_err(refused)?;
        Ok(role)
    }

    /// Changes a role. With `replace` (PUT) the name is required and absent permissions mean
    /// none; without it (PATCH) absent fields are left alone.
    pub async fn update_role(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &RoleId,
        input: RoleInput,
        replace: bool,
    ) -> Result<Role> {
        let before = self.role(principal, id).await?;
        let mut role = before.clone();
        if replace || input.name.is_some() {
            role.name = required("name", input.name)?;
            check_length("name", &role.name)?;
        }
        if replace || input.description.is_some() {
            role.description = optional(input.description);
        }
        if replace || input.permissions.is_some() {
            role.permissions = validate_permissions(input.permissions.unwrap_or_default())?;
            self.escalation
                .check_role_edit(principal, id, &before.permissions, &role.permissions)
                .await?;
        }
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "update",
            target(&role),
            diff(Some(&snapshot(&before)), Some(&snapshot(&role))),
        );
        self.store
            .update_role(&role, &audit)
            .await
            .map_err(refused)?;
        Ok(role)
    }

    /// Deletes a role and every grant of it. The organization's default Admin role (the one
    /// Customer Care trusts are granted) cannot be deleted.
    pub async fn delete_role(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &RoleId,
    ) -> Result<()> {
        let role = self.role(principal, id).await?;
        if role.default_admin {
            return Err(Error::conflict(
                orgtrust_api::codes::GENERAL_CONFLICT,
                "The organization's default Admin role cannot be deleted.",
            ));
        }
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "delete",
            target(&role),
            diff(Some(&snapshot(&role)), None),
        );
        self.store
            .delete_role(&principal.org_id, id, &audit)
            .await
            .map_err(refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_are_checked_against_the_catalogue() {
        let ok = validate_permissions(vec![
            " directory:user:view".into(),
            "directory:*:view".into(),
            "directory:user:view".into(),
        ])
        .expect("valid");
        assert_eq!(ok, vec!["directory:*:view", "directory:user:view"]);
        for bad in ["directory:user:fly", "nope:*:*", "directory:user", ""] {
            assert!(validate_permissions(vec![bad.into()]).is_err(), "{bad}");
        }
    }
}
