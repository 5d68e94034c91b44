//! The password policy of an organization: its stored password requirements (the Genesys
//! defaults until an administrator changes them), checked wherever a password is set.

use crate::error::Result;
use crate::ids::OrgId;
use crate::org_settings::OrgSettingsService;
use crate::password::PasswordPolicy;

impl OrgSettingsService {
    /// The password requirements of `org`, from memory after the first read.
    pub async fn password_policy(&self, org: &OrgId) -> Result<PasswordPolicy> {
        Ok(self.org_settings(org).await?.password_requirements.clone())
    }
}
