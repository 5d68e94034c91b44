//! The password policy in force for an organization, asked for wherever a password is set
//! through the API.

use crate::app::App;
use crate::error::Result;
use crate::ids::OrgId;
use crate::password::PasswordPolicy;

impl App {
    /// The password policy of `org`.
    ///
    /// Every organization has the Genesys defaults for now: the Organization API (being built in
    /// parallel) makes the policy per organization, and this is the one method that will read it.
    pub async fn password_policy(&self, org: &OrgId) -> Result<PasswordPolicy> {
        let _ = org;
        Ok(PasswordPolicy::default())
    }
}
