//! The access review of a trustor organization: who from other organizations can do what here, in
//! which division, through which trust, member, role and group.
//!
//! The report is read from the same authorization indexes that decide requests: a trustee user
//! is in it exactly when [`cross_org_permissions`] lets the user act here now (the trust enabled
//! and not expired, the user active at home and a member by name, through a trusted group or
//! through the whole organization), and each row is one of the grants those permissions are
//! compiled from ([`TrustEntry::member_grants`]), plus the own grants of the user's clone (which a
//! token acting through the clone holds besides). So the report cannot say what the decisions do
//! not do.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::authz::{cross_org_permissions, Authorized, Authz, OrgIndex};
use crate::clock::Clock;
use crate::cross_org::{MemberPath, TrustEntry};
use crate::error::Result;
use crate::ids::{DivisionId, GroupId, OrgId, RoleId, UserId};
use crate::model::Grant;
use crate::permission::{DivisionGrant, Pattern};
use crate::store::Store;

/// What the report is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct AccessFilter {
    /// Only this trustee organization.
    pub trustee: Option<OrgId>,
    /// Only rows whose role grants this permission (a pattern of the role matches it).
    pub permission: Option<String>,
    /// Only rows that apply in this division (granted there or in all divisions).
    pub division: Option<DivisionId>,
}

/// How a row's grant reaches the trustee user.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessPath {
    /// A member of the trust: by name, through a group, or as the whole organization.
    Member(MemberPath),
    /// The own grants of the user's clone here (held when the token acts through the clone).
    Clone(UserId),
}

/// One row: a trustee user holding a role in a division here.
#[derive(Debug, Clone)]
pub struct AccessEntry {
    /// The trustee organization.
    pub trustee_org: OrgId,
    /// Its name.
    pub trustee_org_name: String,
    /// The trustee user.
    pub user: UserId,
    /// Its display name.
    pub user_name: String,
    /// How the grant reaches the user.
    pub path: AccessPath,
    /// The trustee group's name, for a grant through a group.
    pub group_name: Option<String>,
    /// The role (of this organization).
    pub role: RoleId,
    /// Its name.
    pub role_name: String,
    /// Where the role applies.
    pub division: DivisionGrant,
    /// The division's name (`All divisions` for every division).
    pub division_name: String,
    /// The role's permissions.
    pub permissions: Vec<String>,
    /// When the trust was made.
    pub trust_created: DateTime<Utc>,
    /// When it stops granting, if it does.
    pub trust_expires: Option<DateTime<Utc>>,
}

/// The names the rows carry, read once per report.
struct Names {
    roles: HashMap<RoleId, String>,
    divisions: HashMap<DivisionId, String>,
}

impl Names {
    fn division(&self, grant: &DivisionGrant) -> String {
        match grant {
            DivisionGrant::All => "All divisions".to_owned(),
            DivisionGrant::One(d) => self
                .divisions
                .get(d)
                .cloned()
                .unwrap_or_else(|| d.to_string()),
        }
    }
}

impl AccessFilter {
    fn keeps(&self, trustor: &OrgIndex, grant: &Grant) -> bool {
        let in_division = match (&self.division, &grant.division) {
            (None, _) | (Some(_), DivisionGrant::All) => true,
            (Some(wanted), DivisionGrant::One(d)) => wanted == d,
        };
        let grants_permission = self.permission.as_deref().is_none_or(|wanted| {
            trustor
                .role_permissions(&grant.role_id)
                .is_some_and(|patterns| patterns.iter().any(|p: &Pattern| p.matches(wanted)))
        });
        in_division && grants_permission
    }
}

/// The access review of trustor organizations.
pub struct AccessReview {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    authz: Arc<Authz>,
}

impl AccessReview {
    /// The service over the store, the clock and the authorization indexes.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, authz: Arc<Authz>) -> Self {
        Self {
            store,
            clock,
            authz,
        }
    }

    /// The effective access of other organizations' users in the caller's organization, sorted
    /// by trustee organization, user, role and division.
    pub async fn report(
        &self,
        caller: &Authorized,
        filter: &AccessFilter,
    ) -> Result<Vec<AccessEntry>> {
        let trustor_id = &caller.org_id;
        let trustor = self.authz.index(trustor_id).await?;
        let names = Names {
            roles: self
                .store
                .roles(trustor_id)
                .await?
                .into_iter()
                .map(|r| (r.id, r.name))
                .collect(),
            divisions: self
                .store
                .divisions(trustor_id)
                .await?
                .into_iter()
                .map(|d| (d.id, d.name))
                .collect(),
        };
        let now = self.clock.now();
        let mut rows = Vec::new();
        for (trustee_id, trust) in trustor.trusts().iter() {
            if filter.trustee.as_ref().is_some_and(|t| t != trustee_id) {
                continue;
            }
            let trustee = self.authz.index(trustee_id).await?;
            let trustee_name = self
                .store
                .organization(trustee_id)
                .await?
                .map_or_else(|| trustee_id.to_string(), |o| o.name);
            let group_names = self.group_names(trustee_id, trust).await?;
            for (user, user_name) in trustee.active_users() {
                // Exactly the users the requests would let act here now.
                if cross_org_permissions(&trustor, &trustee, trustee_id, user, None, now).is_err() {
                    continue;
                }
                let member = trust
                    .member_grants(trustee.groups_of(user), user)
                    .into_iter()
                    .map(|(path, g)| (AccessPath::Member(path), g));
                let clone = trustor.trusts().clone_of(trustee_id, user).cloned();
                let cloned = clone
                    .into_iter()
                    .filter(|c| trustor.active_user(c).is_some())
                    .flat_map(|c| {
                        trustor
                            .user_grants(&c)
                            .into_iter()
                            .map(move |g| (AccessPath::Clone(c.clone()), g))
                    });
                for (path, grant) in member.chain(cloned) {
                    if !filter.keeps(&trustor, &grant) {
                        continue;
                    }
                    let group_name = match &path {
                        AccessPath::Member(MemberPath::Group(g)) => group_names.get(g).cloned(),
                        _ => None,
                    };
                    rows.push(AccessEntry {
                        trustee_org: trustee_id.clone(),
                        trustee_org_name: trustee_name.clone(),
                        user: user.clone(),
                        user_name: user_name.to_owned(),
                        path,
                        group_name,
                        role_name: names
                            .roles
                            .get(&grant.role_id)
                            .cloned()
                            .unwrap_or_else(|| grant.role_id.to_string()),
                        permissions: trustor
                            .role_permissions(&grant.role_id)
                            .unwrap_or_default()
                            .iter()
                            .map(ToString::to_string)
                            .collect(),
                        division_name: names.division(&grant.division),
                        role: grant.role_id,
                        division: grant.division,
                        trust_created: trust.date_created,
                        trust_expires: trust.date_expired,
                    });
                }
            }
        }
        rows.sort_by(|a, b| {
            (
                &a.trustee_org_name,
                &a.user_name,
                &a.role_name,
                &a.division_name,
                &a.path,
            )
                .cmp(&(
                    &b.trustee_org_name,
                    &b.user_name,
                    &b.role_name,
                    &b.division_name,
                    &b.path,
                ))
        });
        rows.dedup_by(|a, b| {
            (&a.trustee_org, &a.user, &a.path, &a.role, &a.division)
                == (&b.trustee_org, &b.user, &b.path, &b.role, &b.division)
        });
        Ok(rows)
    }

    /// The names of the trustee groups a trust names.
    async fn group_names(
        &self,
        trustee: &OrgId,
        trust: &TrustEntry,
    ) -> Result<HashMap<GroupId, String>> {
        let ids = trust.member_groups();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        Ok(self
            .store
            .groups_by_ids(trustee, &ids)
            .await?
            .into_iter()
            .map(|g| (g.id, g.name))
            .collect())
    }
}
