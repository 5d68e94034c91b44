//! Divisions: partitions of an organization that grants can be scoped to. A division that still
//! holds users or groups cannot be deleted (409), nor can the home division; deleting one drops
//! the grants scoped to it in the same transaction.

use serde_json::{json, Value};

use crate::audit::{diff, Target};
use crate::authz::Authorized;
use crate::directory::Directory;
use crate::error::{Error, Result};
use crate::ids::DivisionId;
use crate::model::Division;
use crate::request::RequestMeta;
use crate::store::DivisionCounts;

use super::{check_length, optional, refused, required};

fn snapshot(d: &Division) -> Value {
    json!({ "name": d.name, "description": d.description })
}

fn target(d: &Division) -> Target<'_> {
    Target {
        entity_type: "Division",
        id: d.id.as_str(),
        name: Some(&d.name),
    }
}

impl Directory {
    /// Every division of the caller's organization, by name.
    pub async fn divisions(&self, principal: &Authorized) -> Result<Vec<Division>> {
        Ok(self.store.divisions(&principal.org_id).await?)
    }

    /// One division.
    pub async fn division(&self, principal: &Authorized, id: &DivisionId) -> Result<Division> {
        self.store
            .division(&principal.org_id, id)
            .await?
            .ok_or_else(|| Error::not_found("division", id))
    }

    /// The organization's home division.
    pub async fn home_division(&self, principal: &Authorized) -> Result<Division> {
        self.store
            .divisions(&principal.org_id)
            .await?
            .into_iter()
            .find(|d| d.home)
            .ok_or_else(|| Error::not_found("division", "home"))
    }

    /// How many live users and groups a division holds.
    pub async fn division_counts(
        &self,
        principal: &Authorized,
        id: &DivisionId,
    ) -> Result<DivisionCounts> {
        Ok(self.store.division_counts(&principal.org_id, id).await?)
    }

    /// Creates a division.
    pub async fn create_division(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        name: Option<String>,
        description: Option<String>,
    ) -> Result<Division> {
        let name = required("name", name)?;
        check_length("name", &name)?;
        let division = Division {
            id: DivisionId::generate(),
            org_id: principal.org_id.clone(),
            name,
            description: optional(description),
            home: false,
        };
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "create",
            target(&division),
            diff(None, Some(&snapshot(&division))),
        );
        self.store
            .create_division(&division, &audit)
            .await
            .map_err(refused)?;
        Ok(division)
    }

    /// Renames or re-describes a division (`PUT`: the name is required).
    pub async fn update_division(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &DivisionId,
        name: Option<String>,
        description: Option<String>,
    ) -> Result<Division> {
        let before = self.division(principal, id).await?;
        let mut division = before.clone();
        division.name = required("name", name)?;
        check_length("name", &division.name)?;
        division.description = optional(description);
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "update",
            target(&division),
            diff(Some(&snapshot(&before)), Some(&snapshot(&division))),
        );
        self.store
            .update_division(&division, &audit)
            .await
            .map_err(refused)?;
        Ok(division)
    }

    /// Deletes an empty, non-home division (409 otherwise).
    pub async fn delete_division(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &DivisionId,
    ) -> Result<()> {
        let division = self.division(principal, id).await?;
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "delete",
            target(&division),
            diff(Some(&snapshot(&division)), None),
        );
        // The store re-checks emptiness inside the transaction, so a user created meanwhile
        // cannot be stranded in a deleted division.
        self.store
            .delete_division(&principal.org_id, id, &audit)
            .await
            .map_err(refused)
    }
}
