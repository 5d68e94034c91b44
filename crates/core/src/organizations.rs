//! The organization service.

use crate::app::App;
use crate::authz::Principal;
use crate::error::{Error, Result};
use crate::model::Organization;

impl App {
    /// The organization the caller acts in (`GET /api/v2/organizations/me`: any valid token).
    pub async fn organization_me(&self, principal: &Principal) -> Result<Organization> {
        self.store
            .organization(&principal.org_id)
            .await?
            .ok_or_else(|| Error::not_found("organization", &principal.org_id))
    }
}

impl App {
    /// The name of an organization (for references in responses).
    pub async fn organization_named(&self, id: &crate::ids::OrgId) -> Result<String> {
        Ok(self
            .store
            .organization(id)
            .await?
            .ok_or_else(|| Error::not_found("organization", id))?
            .name)
    }
}
