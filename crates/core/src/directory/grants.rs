//! Role grants of a subject (user, group or OAuth client of the organization), each a role in one
//! division or in all (`*`): reading them, and adding, removing or replacing them in bulk.

use serde_json::json;

use crate::audit::{diff, Target};
use crate::authz::Authorized;
use crate::directory::Directory;
use crate::error::{Error, Result};
use crate::ids::{ClientId, DivisionId, GroupId, RoleId, UserId};
use crate::model::{Division, Grant, Role, Subject};
use crate::permission::DivisionGrant;
use crate::request::RequestMeta;
use crate::store::GrantChange;

use super::refused;

/// A role/division pair as sent (`{"roleId", "divisionId"}`; `*` is every division).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrantPair {
    /// The role.
    pub role_id: Option<String>,
    /// The division, or `*`.
    pub division_id: Option<String>,
}

/// One grant with the role and division it names.
#[derive(Debug, Clone)]
pub struct GrantEntry {
    /// The grant.
    pub grant: Grant,
    /// Its role.
    pub role: Role,
    /// Its division (`None` for every division).
    pub division: Option<Division>,
}

/// The grants of one subject (`GET /api/v2/authorization/subjects/{subjectId}`).
#[derive(Debug, Clone)]
pub struct SubjectGrants {
    /// The subject.
    pub subject: Subject,
    /// Its display name.
    pub name: String,
    /// Its grants, by role name.
    pub grants: Vec<GrantEntry>,
}

/// The audit spelling of a grant: `role@division`.
pub(crate) fn grant_key(g: &Grant) -> String {
    format!("{}@{}", g.role_id, g.division.as_key())
}

impl Directory {
    /// Finds the subject with this id among the organization's users, groups and clients.
    pub(crate) async fn subject_named(
        &self,
        principal: &Authorized,
        id: &str,
    ) -> Result<(Subject, String)> {
        let org = &principal.org_id;
        if let Some(u) = self.store.user(org, &UserId::new(id)).await? {
            return Ok((Subject::User(u.id), u.name));
        }
        if let Some(g) = self.store.group(org, &GroupId::new(id)).await? {
            return Ok((Subject::Group(g.id), g.name));
        }
        if let Some(c) = self.store.client(org, &ClientId::new(id)).await? {
            return Ok((Subject::Client(c.id), c.name));
        }
        Err(Error::not_found("subject", id))
    }

    /// Checks role/division pairs against the organization (400 `invalid.value` naming the
    /// pair's field), returning the grants sorted and without duplicates.
    pub(crate) async fn resolve_grants(
        &self,
        principal: &Authorized,
        field: &str,
        pairs: Vec<GrantPair>,
    ) -> Result<Vec<Grant>> {
        let roles = self.store.roles(&principal.org_id).await?;
        let divisions = self.store.divisions(&principal.org_id).await?;
        let mut grants = Vec::with_capacity(pairs.len());
        for (i, pair) in pairs.into_iter().enumerate() {
            let role_id = RoleId::new(pair.role_id.unwrap_or_default().trim());
            if !roles.iter().any(|r| r.id == role_id) {
                return Err(Error::invalid_value(
                    format!("{field}[{i}].roleId"),
                    format!("Role [{role_id}] does not exist."),
                ));
            }
            let division = match pair.division_id.as_deref().map(str::trim) {
                Some("*") => DivisionGrant::All,
                Some(d) if divisions.iter().any(|x| x.id.as_str() == d) => {
                    DivisionGrant::One(DivisionId::new(d))
                }
                other => {
                    return Err(Error::invalid_value(
                        format!("{field}[{i}].divisionId"),
                        format!("Division [{}] does not exist.", other.unwrap_or("")),
                    ))
                }
            };
            grants.push(Grant { role_id, division });
        }
        grants.sort();
        grants.dedup();
        Ok(grants)
    }

    /// Attaches roles and divisions to grants (grants of vanished roles are left out).
    pub(crate) async fn describe_grants(
        &self,
        principal: &Authorized,
        grants: Vec<Grant>,
    ) -> Result<Vec<GrantEntry>> {
        let roles = self.store.roles(&principal.org_id).await?;
        let divisions = self.store.divisions(&principal.org_id).await?;
        let mut out: Vec<GrantEntry> = grants
            .into_iter()
            .filter_map(|grant| {
                let role = roles.iter().find(|r| r.id == grant.role_id)?.clone();
                let division = match &grant.division {
                    DivisionGrant::All => None,
                    DivisionGrant::One(d) => Some(divisions.iter().find(|x| &x.id == d)?.clone()),
                };
                Some(GrantEntry {
                    grant,
                    role,
                    division,
                })
            })
            .collect();
        out.sort_by(|a, b| a.role.name.cmp(&b.role.name).then(a.grant.cmp(&b.grant)));
        Ok(out)
    }

    /// The grants of a user, group or client of the caller's organization.
    pub async fn subject_grants(&self, principal: &Authorized, id: &str) -> Result<SubjectGrants> {
        let (subject, name) = self.subject_named(principal, id).await?;
        let grants = self.store.grants_of(&principal.org_id, &subject).await?;
        Ok(SubjectGrants {
            grants: self.describe_grants(principal, grants).await?,
            subject,
            name,
        })
    }

    /// Adds, removes or replaces a subject's grants (`bulkadd`, `bulkremove`, `bulkreplace`).
    pub async fn change_subject_grants(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &str,
        change: GrantChange,
        pairs: Option<Vec<GrantPair>>,
    ) -> Result<()> {
        let (subject, name) = self.subject_named(principal, id).await?;
        let pairs = pairs.ok_or_else(|| Error::invalid_value("grants", "grants is required."))?;
        let grants = self.resolve_grants(principal, "grants", pairs).await?;
        if change != GrantChange::Remove {
            let current = self.store.grants_of(&principal.org_id, &subject).await?;
            let new: Vec<Grant> = grants
                .iter()
                .filter(|g| !current.contains(g))
                .cloned()
                .collect();
            self.escalation
                .check_new_grants(principal, &new, true)
                .await?;
        }
        let keys: Vec<String> = grants.iter().map(grant_key).collect();
        let (action, changes) = match change {
            GrantChange::Add => ("addGrants", diff(None, Some(&json!({ "grants": keys })))),
            GrantChange::Remove => ("removeGrants", diff(Some(&json!({ "grants": keys })), None)),
            GrantChange::Replace => {
                let before: Vec<String> = self
                    .store
                    .grants_of(&principal.org_id, &subject)
                    .await?
                    .iter()
                    .map(grant_key)
                    .collect();
                (
                    "replaceGrants",
                    diff(
                        Some(&json!({ "grants": before })),
                        Some(&json!({ "grants": keys })),
                    ),
                )
            }
        };
        let entity_type = match &subject {
            Subject::User(_) => "User",
            Subject::Group(_) => "Group",
            Subject::Client(_) => "OAuthClient",
        };
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            action,
            Target {
                entity_type,
                id: subject.id(),
                name: Some(&name),
            },
            changes,
        );
        self.store
            .change_grants(&principal.org_id, &subject, change, &grants, &audit)
            .await
            .map_err(refused)
    }
}
