//! Who may grant what. By default, as Genesys does, `authorization:grant:add` lets a caller grant
//! any role in any division, and `authorization:role:edit` lets it put any permission in a role:
//! either alone is Admin. Two guards, both off by default:
//!
//! - the organization's feature `divisionAwareRoleManagement` (the guard Genesys has): granting
//!   a role in a division needs `authorization:grant:add` in that division (in every division
//!   for a grant in all of them);
//! - the server's `--no-privilege-escalation` (`ORGTRUST_NO_PRIVILEGE_ESCALATION`), for
//!   operators of a self-hosted service: a caller may grant a role, or put a permission into a
//!   role, only where it holds every permission concerned itself (the rule of Kubernetes RBAC):
//!   a role's permissions in the divisions it is granted in; a role edit's added permissions in
//!   every division the role is granted in (to users, groups, clients or trust members). Trust
//!   member grants in a trustor follow the same rule, whoever makes them.
//!
//! A refusal is a 403 naming what the caller lacks. Only grants the subject does not hold yet
//! are checked, so a lesser administrator can still save a subject whose other grants it could
//! not make.

use crate::authz::Authorized;
use crate::authz::Authz;
use crate::error::{Error, Result};
use crate::ids::{OrgId, RoleId};
use crate::model::Grant;
use crate::permission::{DivisionGrant, Pattern};
use crate::settings::Settings;
use crate::store::Store;
use std::sync::Arc;

/// The organization feature of the division-aware guard.
pub const DIVISION_AWARE_ROLE_MANAGEMENT: &str = "divisionAwareRoleManagement";

const GRANT_ADD: &str = "authorization:grant:add";

/// The concrete permissions a role pattern gives: itself when exact, else every permission of
/// the catalogue it matches.
fn concrete(pattern: &Pattern) -> Vec<String> {
    if pattern.is_exact() {
        vec![pattern.to_string()]
    } else {
        crate::catalogue::names()
            .filter(|p| pattern.matches(p))
            .map(str::to_owned)
            .collect()
    }
}

fn place(division: &DivisionGrant) -> String {
    match division {
        DivisionGrant::All => "every division".to_owned(),
        DivisionGrant::One(d) => format!("division [{d}]"),
    }
}

/// The privilege-escalation rule (`--no-privilege-escalation`): a caller may grant, or put into
/// a role, only permissions it holds itself there.
#[derive(Clone)]
pub struct Escalation {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) authz: Arc<Authz>,
    pub(crate) settings: Arc<Settings>,
}

impl Escalation {
    /// The rule over the authorization index, in force when `settings` says so.
    pub fn new(store: Arc<dyn Store>, authz: Arc<Authz>, settings: Arc<Settings>) -> Self {
        Self {
            store,
            authz,
            settings,
        }
    }
}

impl Escalation {
    /// Refuses `new` grants (in the caller's acting organization) that the caller may not make:
    /// the division-aware guard when `directory` (role grants of the directory, not trust
    /// member grants) and the organization has it on, and `--no-privilege-escalation`.
    pub(crate) async fn check_new_grants(
        &self,
        principal: &Authorized,
        new: &[Grant],
        directory: bool,
    ) -> Result<()> {
        if new.is_empty() {
            return Ok(());
        }
        let org = &principal.org_id;
        if directory && self.division_aware_role_management(org).await? {
            for grant in new {
                match &grant.division {
                    DivisionGrant::One(d) => principal.require_in(GRANT_ADD, d)?,
                    DivisionGrant::All if !principal.permissions.has_for(GRANT_ADD, &grant.division) => {
                        return Err(Error::NotAuthorized(format!(
                            "Granting a role in every division needs [{GRANT_ADD}] in every division: this organization has division-aware role management on."
                        )))
                    }
                    DivisionGrant::All => {}
                }
            }
        }
        if !self.settings.no_privilege_escalation {
            return Ok(());
        }
        let index = self.authz.index(org).await?;
        for grant in new {
            let patterns = index.role_permissions(&grant.role_id).unwrap_or(&[]);
            for pattern in patterns {
                if let Some(missing) = concrete(pattern)
                    .into_iter()
                    .find(|p| !principal.permissions.has_for(p, &grant.division))
                {
                    return Err(Error::NotAuthorized(format!(
                        "You cannot grant the role [{}] in {}: it gives [{missing}], which you do not hold there (this server refuses privilege escalation).",
                        grant.role_id,
                        place(&grant.division)
                    )));
                }
            }
        }
        Ok(())
    }

    /// Under `--no-privilege-escalation`, refuses a role edit that adds a permission the caller
    /// does not hold in every division the role is granted in.
    pub(crate) async fn check_role_edit(
        &self,
        principal: &Authorized,
        role: &RoleId,
        before: &[String],
        after: &[String],
    ) -> Result<()> {
        if !self.settings.no_privilege_escalation {
            return Ok(());
        }
        let index = self.authz.index(&principal.org_id).await?;
        let divisions = index.role_grant_divisions(role);
        for added in after.iter().filter(|p| !before.contains(p)) {
            let Ok(pattern) = Pattern::parse(added) else {
                continue; // refused by validation already
            };
            for permission in concrete(&pattern) {
                if let Some(division) = divisions
                    .iter()
                    .find(|d| !principal.permissions.has_for(&permission, d))
                {
                    return Err(Error::NotAuthorized(format!(
                        "You cannot add [{added}] to the role: it gives [{permission}], which you do not hold in {} where the role is granted (this server refuses privilege escalation).",
                        place(division)
                    )));
                }
            }
        }
        Ok(())
    }

    /// Has `org` the division-aware role management feature on?
    async fn division_aware_role_management(&self, org: &OrgId) -> Result<bool> {
        Ok(self
            .store
            .organization(org)
            .await?
            .and_then(|o| o.features.get(DIVISION_AWARE_ROLE_MANAGEMENT).copied())
            .unwrap_or(false))
    }
}
