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

/// What a change did to the access of other organizations' users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Access where there was none: a trust made or enabled, a member added with roles, roles
    /// given to a member that had none.
    Granted,
    /// More roles or divisions for a member, or a later (or no) expiry.
    Widened,
    /// Fewer roles or divisions for a member, or an earlier expiry.
    Narrowed,
    /// Roles both added and taken away in one write.
    Changed,
    /// No access any more: a trust disabled or deleted, a member removed or left with no roles.
    Revoked,
}

/// One change to the access, read from the audit trail.
#[derive(Debug, Clone)]
pub struct AccessChange {
    /// When.
    pub timestamp: DateTime<Utc>,
    /// What it did.
    pub kind: ChangeKind,
    /// `OrgTrustee` (the trust), `OrgTrusteeUser` or `OrgTrusteeGroup` (a member).
    pub entity_type: String,
    /// The trustee organization (a trust), user or group (a member).
    pub entity_id: String,
    /// Its name.
    pub entity_name: Option<String>,
    /// The audit action (`create`, `enable`, `rolesUpdated`, ...).
    pub action: String,
    /// Grants added (`role@division`, divisions `*` for all).
    pub added: Vec<String>,
    /// Grants taken away.
    pub removed: Vec<String>,
    /// Who made the change.
    pub actor: crate::audit::Actor,
    /// The audit event.
    pub event_id: String,
}

/// The entity types whose events change the access of trustee users.
const ACCESS_ENTITIES: [&str; 3] = ["OrgTrustee", "OrgTrusteeUser", "OrgTrusteeGroup"];

/// The values of one property of an event's before/after summary.
fn property<'a>(
    event: &'a crate::audit::AuditEvent,
    name: &str,
) -> Option<&'a crate::audit::Change> {
    event.changes.iter().find(|c| c.property == name)
}

/// What one audit event did to the access, when it did anything.
fn classify(event: crate::audit::AuditEvent) -> Option<AccessChange> {
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let kind = if event.entity_type == "OrgTrustee" {
        match event.action.as_str() {
            "create" | "enable" => ChangeKind::Granted,
            "delete" | "disable" => ChangeKind::Revoked,
            _ => {
                // Of a trust's other properties only the expiry moves access (RFC 3339 in UTC,
                // so the text orders as the time).
                let expiry = property(&event, "dateExpired")?;
                let later = match (expiry.old_values.first(), expiry.new_values.first()) {
                    (_, None) => true,
                    (None, Some(_)) => false,
                    (Some(old), Some(new)) => new > old,
                };
                if later {
                    ChangeKind::Widened
                } else {
                    ChangeKind::Narrowed
                }
            }
        }
    } else {
        let grants = property(&event, "grants")?;
        added = grants
            .new_values
            .iter()
            .filter(|g| !grants.old_values.contains(g))
            .cloned()
            .collect();
        removed = grants
            .old_values
            .iter()
            .filter(|g| !grants.new_values.contains(g))
            .cloned()
            .collect();
        match (
            grants.old_values.is_empty(),
            grants.new_values.is_empty(),
            added.is_empty(),
            removed.is_empty(),
        ) {
            (true, false, _, _) => ChangeKind::Granted,
            (false, true, _, _) => ChangeKind::Revoked,
            (_, _, false, true) => ChangeKind::Widened,
            (_, _, true, false) => ChangeKind::Narrowed,
            (_, _, false, false) => ChangeKind::Changed,
            (_, _, true, true) => return None,
        }
    };
    Some(AccessChange {
        timestamp: event.timestamp,
        kind,
        entity_type: event.entity_type,
        entity_id: event.entity_id,
        entity_name: event.entity_name,
        action: event.action,
        added,
        removed,
        actor: event.actor,
        event_id: event.id,
    })
}

impl AccessReview {
    /// What changed in the access of other organizations' users in the caller's organization
    /// between `from` and `to` (inclusive), oldest first, from the audit trail.
    pub async fn history(
        &self,
        caller: &Authorized,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<AccessChange>> {
        use crate::audit_search::{AuditField, AuditFilter, AuditQuery, SortOrder, TextOp};
        const PAGE: u32 = 500;
        let mut query = AuditQuery {
            org_id: caller.org_id.clone(),
            home_org_ids: vec![caller.org_id.clone()],
            actor_ids: vec![],
            from,
            to,
            words: vec![],
            filters: vec![AuditFilter {
                field: AuditField::EntityType,
                op: TextOp::In,
                values: ACCESS_ENTITIES.iter().map(|s| (*s).to_owned()).collect(),
            }],
            facets: vec![],
            sort: SortOrder::Ascending,
            offset: 0,
            limit: PAGE,
        };
        let mut changes = Vec::new();
        loop {
            let page = self.store.search_audit_events(&query).await?;
            let fetched = page.events.len() as u64;
            changes.extend(page.events.into_iter().filter_map(classify));
            query.offset += fetched;
            if fetched < u64::from(PAGE) || query.offset >= page.total {
                return Ok(changes);
            }
        }
    }
}

/// The longest review interval a trustor may require (ten years).
pub const MAX_REVIEW_DAYS: u32 = 3650;

/// The audit entity of a trust's review (its id the trustee organization's).
const REVIEW_ENTITY: &str = "OrgTrusteeReview";

fn review_json(r: &crate::store::TrustReview) -> serde_json::Value {
    serde_json::json!({
        "intervalDays": r.interval_days,
        "reviewerId": r.reviewer_user_id.as_str(),
        "dateDue": r.due.to_rfc3339(),
    })
}

impl AccessReview {
    /// Requires the trust with `trustee` to be confirmed every `interval_days` by `reviewer` (a
    /// user of the caller's organization); the first confirmation is due `interval_days` from now.
    pub async fn require_review(
        &self,
        caller: &Authorized,
        meta: &crate::request::RequestMeta,
        trustee: &OrgId,
        interval_days: u32,
        reviewer: &UserId,
    ) -> Result<crate::store::TrustReview> {
        use crate::error::Error;
        if !(1..=MAX_REVIEW_DAYS).contains(&interval_days) {
            return Err(Error::invalid_value(
                "intervalDays",
                format!("intervalDays must be between 1 and {MAX_REVIEW_DAYS}."),
            ));
        }
        let org = &caller.org_id;
        let trust = self
            .store
            .trust(org, trustee)
            .await?
            .ok_or_else(|| Error::not_found("trust", trustee))?;
        let reviewer_user = self.store.user(org, reviewer).await?;
        if reviewer_user.is_none_or(|u| u.state != crate::model::UserState::Active) {
            return Err(Error::invalid_value(
                "reviewerId",
                "The reviewer must be an active user of this organization.",
            ));
        }
        let now = self.clock.now();
        let before = self
            .store
            .reviews(org)
            .await?
            .into_iter()
            .find(|r| &r.trustee_org_id == trustee);
        let review = crate::store::TrustReview {
            trustor_org_id: org.clone(),
            trustee_org_id: trust.trustee_org_id,
            interval_days,
            reviewer_user_id: reviewer.clone(),
            last_confirmed: now,
            due: now + chrono::Duration::days(i64::from(interval_days)),
            lapsed: None,
        };
        let audit = caller.audit_event(
            now,
            meta,
            if before.is_some() {
                "reviewUpdated"
            } else {
                "reviewRequired"
            },
            crate::audit::Target {
                entity_type: REVIEW_ENTITY,
                id: trustee.as_str(),
                name: None,
            },
            crate::audit::diff(
                before.as_ref().map(review_json).as_ref(),
                Some(&review_json(&review)),
            ),
        );
        self.store
            .put_review(&review, &audit)
            .await
            .map_err(|e| match e {
                crate::store::StoreError::Missing { .. } => Error::not_found("trust", trustee),
                e => e.into(),
            })?;
        Ok(review)
    }

    /// The reviews the caller's organization requires, after disabling the trusts whose review
    /// has lapsed (so what is shown follows the clock).
    pub async fn reviews(&self, caller: &Authorized) -> Result<Vec<crate::store::TrustReview>> {
        self.lapse_due_in(&caller.org_id).await?;
        Ok(self.store.reviews(&caller.org_id).await?)
    }

    /// The named reviewer confirms the trust with `trustee` is still needed: the next
    /// confirmation is due a full interval from now. A lapsed review starts again, but the trust
    /// it disabled stays disabled until an administrator enables it.
    pub async fn confirm_review(
        &self,
        caller: &Authorized,
        meta: &crate::request::RequestMeta,
        trustee: &OrgId,
    ) -> Result<crate::store::TrustReview> {
        use crate::error::Error;
        let org = &caller.org_id;
        self.lapse_due_in(org).await?;
        let before = self
            .store
            .reviews(org)
            .await?
            .into_iter()
            .find(|r| &r.trustee_org_id == trustee)
            .ok_or_else(|| Error::not_found("trust review", trustee))?;
        if caller.user_id() != Some(&before.reviewer_user_id) || caller.is_cross_org() {
            return Err(Error::NotAuthorized(
                "Only the trust's named reviewer may confirm its review.".into(),
            ));
        }
        let now = self.clock.now();
        let review = crate::store::TrustReview {
            last_confirmed: now,
            due: now + chrono::Duration::days(i64::from(before.interval_days)),
            lapsed: None,
            ..before.clone()
        };
        let audit = caller.audit_event(
            now,
            meta,
            "reviewConfirmed",
            crate::audit::Target {
                entity_type: REVIEW_ENTITY,
                id: trustee.as_str(),
                name: None,
            },
            crate::audit::diff(Some(&review_json(&before)), Some(&review_json(&review))),
        );
        self.store.put_review(&review, &audit).await?;
        Ok(review)
    }

    /// Stops requiring reviews of the trust with `trustee` (404 when none was required).
    pub async fn remove_review(
        &self,
        caller: &Authorized,
        meta: &crate::request::RequestMeta,
        trustee: &OrgId,
    ) -> Result<()> {
        let audit = caller.audit_event(
            self.clock.now(),
            meta,
            "reviewRemoved",
            crate::audit::Target {
                entity_type: REVIEW_ENTITY,
                id: trustee.as_str(),
                name: None,
            },
            vec![],
        );
        if self
            .store
            .delete_review(&caller.org_id, trustee, &audit)
            .await?
        {
            Ok(())
        } else {
            Err(crate::error::Error::not_found("trust review", trustee))
        }
    }

    /// Disables every enabled trust whose review is due and unconfirmed, each with an audit event
    /// of the system (`disable`, as the trust's own disabling records it), and marks the review
    /// lapsed. Runs on the server's sweep and when the emulator's clock moves. Returns how many
    /// trusts it disabled.
    pub async fn lapse_due(&self) -> Result<usize> {
        self.lapse(None).await
    }

    /// [`AccessReview::lapse_due`] for one trustor's reviews only: what a request reading or
    /// confirming that organization's reviews does first, so that it sees the clock's verdict
    /// without doing the sweep's work for every other organization.
    async fn lapse_due_in(&self, trustor: &OrgId) -> Result<usize> {
        self.lapse(Some(trustor)).await
    }

    async fn lapse(&self, only: Option<&OrgId>) -> Result<usize> {
        let now = self.clock.now();
        let mut disabled = 0;
        let due = self.store.due_reviews(now).await?;
        for review in due
            .into_iter()
            .filter(|r| only.is_none_or(|o| &r.trustor_org_id == o))
        {
            let (trustor, trustee) = (&review.trustor_org_id, &review.trustee_org_id);
            if let Some(trust) = self.store.trust(trustor, trustee).await? {
                if trust.enabled {
                    let after = crate::trust::Trust {
                        enabled: false,
                        ..trust.clone()
                    };
                    let name = self.store.organization(trustee).await?.map(|o| o.name);
                    let mut changes = crate::audit::diff(
                        Some(&serde_json::json!({"enabled": true})),
                        Some(&serde_json::json!({"enabled": false})),
                    );
                    changes.push(crate::audit::Change {
                        property: "reviewLapsed".into(),
                        old_values: vec![],
                        new_values: vec![review.due.to_rfc3339()],
                    });
                    let audit = crate::audit::AuditEvent {
                        id: crate::ids::new_uuid(),
                        timestamp: now,
                        org_id: trustor.clone(),
                        home_org_id: trustor.clone(),
                        actor: crate::audit::Actor {
                            kind: "system",
                            id: String::new(),
                            name: "orgtrust access review".into(),
                        },
                        client_id: None,
                        action: "disable".into(),
                        entity_type: "OrgTrustee".into(),
                        entity_id: trustee.to_string(),
                        entity_name: name,
                        changes,
                        correlation_id: crate::ids::new_uuid(),
                        remote_ip: None,
                    };
                    self.store.update_trust(&after, &audit).await?;
                    disabled += 1;
                }
            }
            self.store.mark_review_lapsed(trustor, trustee, now).await?;
        }
        Ok(disabled)
    }
}

impl AccessReview {
    /// The trustee organization's and the reviewer's names of one of the caller's reviews (ids
    /// when gone).
    pub async fn review_names(
        &self,
        _caller: &Authorized,
        r: &crate::store::TrustReview,
    ) -> Result<(String, String)> {
        let trustee = self
            .store
            .organization(&r.trustee_org_id)
            .await?
            .map_or_else(|| r.trustee_org_id.to_string(), |o| o.name);
        let reviewer = self
            .store
            .user(&r.trustor_org_id, &r.reviewer_user_id)
            .await?
            .map_or_else(|| r.reviewer_user_id.to_string(), |u| u.name);
        Ok((trustee, reviewer))
    }
}
