//! Trusts: listing and reading from both sides, creating from a pairing or with Customer Care,
//! enabling, expiring and deleting (one or several, all or nothing).

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use orgtrust_api::codes;
use serde_json::{json, Value};

use crate::audit::{diff, Actor, AuditEvent, Target};
use crate::authz::{Authorized, PrincipalKind};
use crate::error::{Error, Result};
use crate::ids::{OrgId, PairingId, UserId};
use crate::model::Grant;
use crate::orgauth::members::MemberSpec;
use crate::orgauth::OrgAuthorization;
use crate::orgauth::{MemberKind, NewTrust, Pairing, Side, TrustMember, TrustView};
use crate::permission::DivisionGrant;
use crate::request::RequestMeta;
use crate::store::StoreError;
use crate::trust::Trust;

/// How long `autoExpire` keeps a Customer Care trust.
pub const CARE_AUTO_EXPIRE_DAYS: i64 = 30;

/// Body of `POST /trustees` in domain terms.
#[derive(Debug, Clone, Default)]
pub struct TrustInput {
    /// The pairing made by the trustee.
    pub pairing_id: Option<String>,
    /// Whether the trust is in force.
    pub enabled: Option<bool>,
    /// Trustee users with their roles.
    pub users: Vec<MemberSpec>,
    /// Trustee groups with their roles.
    pub groups: Vec<MemberSpec>,
    /// When the trust stops granting.
    pub date_expired: Option<DateTime<Utc>>,
}

/// Query flags of `POST /trustees/default` and `POST /trustees/care`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CareOptions {
    /// Grant the trustor's default Admin role to the Care organization.
    pub assign_default_role: bool,
    /// Expire the trust 30 days from now.
    pub auto_expire: bool,
    /// Grant Care full access (the default Admin role in every division).
    pub assign_full_access: bool,
    /// Make Care a Trusted User (recorded as `isTrustedUser`).
    pub allow_trusted_user_access: bool,
}

/// A trust's audited fields.
pub(crate) fn trust_json(t: &Trust) -> Value {
    json!({
        "enabled": t.enabled,
        "dateExpired": t.date_expired.map(|d| d.to_rfc3339()),
        "usesDefaultRole": t.uses_default_role,
        "hasFullAccess": t.has_full_access,
        "isTrustedUser": t.is_trusted_user,
    })
}

/// Maps the store's refusals of a trust creation to their codes.
fn creation_error(e: StoreError) -> Error {
    match &e {
        StoreError::Constraint { constraint } if constraint == "pairings.used" => Error::conflict(
            codes::PAIRING_USED,
            "The pairing was already used to create a trust; ask the trustee for a new one.",
        ),
        StoreError::Constraint { constraint } if constraint == "trusts.primary" => Error::conflict(
            codes::TRUST_ALREADY_EXISTS,
            "A trust with this trustee organization already exists.",
        ),
        _ => e.into(),
    }
}

/// What happened to a trust, for its audit event.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TrustChange<'a> {
    /// Created.
    Created(&'a Trust),
    /// Changed from the first to the second.
    Updated(&'a Trust, &'a Trust),
    /// Deleted.
    Deleted(&'a Trust),
}

impl OrgAuthorization {
    /// The audit event of a change to a trust, recorded by the acting side: `create`, `delete`,
    /// or for an update `enable`, `disable` or `update`.
    pub(crate) fn trust_event(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        side: Side,
        other_name: &str,
        change: TrustChange<'_>,
    ) -> AuditEvent {
        let (action, trust, before, after) = match change {
            TrustChange::Created(t) => ("create", t, None, Some(t)),
            TrustChange::Deleted(t) => ("delete", t, Some(t), None),
            TrustChange::Updated(b, a) => {
                let action = match (b.enabled, a.enabled) {
                    (false, true) => "enable",
                    (true, false) => "disable",
                    _ => "update",
                };
                (action, a, Some(b), Some(a))
            }
        };
        let (entity_type, id) = match side {
            Side::Trustor => ("OrgTrustee", trust.trustee_org_id.as_str()),
            Side::Trustee => ("OrgTrustor", trust.trustor_org_id.as_str()),
        };
        let changes = diff(
            before.map(trust_json).as_ref(),
            after.map(trust_json).as_ref(),
        );
        p.audit_event(
            self.clock.now(),
            meta,
            action,
            Target {
                entity_type,
                id,
                name: Some(other_name),
            },
            changes,
        )
    }

    /// `GET /trustees`: the trusts in which the caller's organization is the trustor.
    pub async fn list_trustees(
        &self,
        p: &Authorized,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<TrustView>, i64)> {
        // One query for the page with both organizations of each trust (not one per trust).
        Ok(self.store.trustee_views(&p.org_id, offset, limit).await?)
    }

    /// `GET /trustors`: the trusts in which the caller's organization is the trustee, each with
    /// what the calling user holds there.
    pub async fn list_trustors(
        &self,
        p: &Authorized,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<(TrustView, Vec<String>)>, i64)> {
        let (page, total) = self.store.trustor_views(&p.org_id, offset, limit).await?;
        let mut views = Vec::with_capacity(page.len());
        for v in page {
            let permissions = self.caller_permissions_in(p, &v.trust).await?;
            views.push((v, permissions));
        }
        Ok((views, total))
    }

    /// `GET /trustees/{trusteeOrgId}`.
    pub async fn trustee(&self, p: &Authorized, trustee: &OrgId) -> Result<TrustView> {
        let trust = self.trust_for(p, Side::Trustor, trustee).await?;
        self.view_of(trust).await
    }

    /// `GET /trustors/{trustorOrgId}`, with the permissions the calling trustee user holds in
    /// the trustor through the trust (none for a client-credentials caller).
    pub async fn trustor(
        &self,
        p: &Authorized,
        trustor: &OrgId,
    ) -> Result<(TrustView, Vec<String>)> {
        let trust = self.trust_for(p, Side::Trustee, trustor).await?;
        let permissions = self.caller_permissions_in(p, &trust).await?;
        Ok((self.view_of(trust).await?, permissions))
    }

    async fn caller_permissions_in(&self, p: &Authorized, trust: &Trust) -> Result<Vec<String>> {
        let PrincipalKind::User(user) = &p.kind else {
            return Ok(vec![]);
        };
        if p.home_org_id != trust.trustee_org_id {
            return Ok(vec![]);
        }
        // The same evaluation that admits the user's requests in the trustor (through its
        // clone there when it has one), so what is shown is exactly what is enforced.
        let (trustor, trustee) = (&trust.trustor_org_id, &trust.trustee_org_id);
        let clone = self.authz.clone_in(trustor, trustee, user).await?;
        Ok(
            match self
                .authz
                .cross_org_permissions(trustor, trustee, user, clone.as_ref(), self.clock.now())
                .await?
            {
                Ok(permissions) => permissions.listed(crate::catalogue::names()),
                Err(_) => vec![],
            },
        )
    }

    /// `POST /trustees`: the trustor creates the trust from the trustee's pairing.
    pub async fn create_trust(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        input: TrustInput,
    ) -> Result<TrustView> {
        let pairing_id = input
            .pairing_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                Error::bad_request(codes::PAIRING_ID_REQUIRED, "A valid pairingId is required.")
            })?;
        let enabled = input
            .enabled
            .ok_or_else(|| Error::invalid_value("enabled", "enabled is required."))?;
        // The pairing first: a request naming a malformed or unknown one is told so, not that it
        // lacks users.
        if uuid::Uuid::try_parse(pairing_id).is_err() {
            return Err(Error::bad_request(
                codes::PAIRING_ID_REQUIRED,
                format!("A valid pairingId is required: [{pairing_id}] is not a pairing id."),
            )
            .at_field("pairingId"));
        }
        let pairing = self
            .store
            .pairing(&PairingId::new(pairing_id))
            .await?
            .ok_or_else(|| {
                Error::bad_request(
                    codes::PAIRING_ID_REQUIRED,
                    format!("A valid pairingId is required: no pairing [{pairing_id}] was found."),
                )
                .at_field("pairingId")
            })?;
        if input.users.is_empty() && input.groups.is_empty() {
            return Err(Error::bad_request(
                codes::TRUSTEE_USER_REQUIRED,
                "At least one trustee user is required.",
            ));
        }
        if pairing.trustee_org_id == p.org_id {
            return Err(Error::bad_request(
                codes::SELF_TRUST_NOT_ALLOWED,
                "The pairing trustee organization id cannot match the creator of the trust's organization id.",
            ));
        }
        let now = self.clock.now();
        if pairing.used_by.is_some() {
            return Err(creation_error(StoreError::Constraint {
                constraint: "pairings.used".into(),
            }));
        }
        if now >= pairing.date_expires {
            return Err(Error::bad_request(
                codes::PAIRING_EXPIRED,
                "The pairing has expired (pairings can be used for 48 hours); ask the trustee for a new one.",
            ));
        }
        let trustee = pairing.trustee_org_id.clone();
        if self.store.trust(&p.org_id, &trustee).await?.is_some() {
            return Err(creation_error(StoreError::Constraint {
                constraint: "trusts.primary".into(),
            }));
        }
        if let Some(at) = input.date_expired {
            if at <= now {
                return Err(Error::invalid_value(
                    "dateExpired",
                    "dateExpired must be in the future.",
                ));
            }
        }
        let count = input.users.len() + input.groups.len();
        let limit = self.trust_member_limit(&p.org_id).await?;
        if count > limit as usize {
            return Err(Self::member_limit_error(limit));
        }
        let actor = p.actor();
        let members = self
            .pairing_members(&p.org_id, &pairing, &input, now, &actor)
            .await?;
        let trust = Trust {
            trustor_org_id: p.org_id.clone(),
            trustee_org_id: trustee.clone(),
            enabled,
            date_created: now,
            date_expired: input.date_expired,
            created_by: actor,
            pairing_id: Some(pairing.id.to_string()),
            uses_default_role: false,
            has_full_access: false,
            is_trusted_user: false,
        };
        let trustee_org = self.org_required(&trustee).await?;
        let audit = self.trust_event(
            p,
            meta,
            Side::Trustor,
            &trustee_org.name,
            TrustChange::Created(&trust),
        );
        // Tokens from an earlier trust between the two stay revoked (revocation.rs).
        self.revocation
            .revoke_before_trust_restore(&trust.trustor_org_id, &trust.trustee_org_id)
            .await?;
        self.store
            .create_trusts(
                &[NewTrust {
                    trust: trust.clone(),
                    members,
                }],
                &[audit],
            )
            .await
            .map_err(creation_error)?;
        self.view_of(trust).await
    }

    /// The members of a new trust: the users and groups the pairing names, each once, each with
    /// the grants (roles of the trustor) it is given.
    async fn pairing_members(
        &self,
        trustor: &OrgId,
        pairing: &Pairing,
        input: &TrustInput,
        now: DateTime<Utc>,
        actor: &Actor,
    ) -> Result<Vec<TrustMember>> {
        let trustee = &pairing.trustee_org_id;
        let mut members = Vec::with_capacity(input.users.len() + input.groups.len());
        for (kind, specs, field) in [
            (MemberKind::User, &input.users, "users"),
            (MemberKind::Group, &input.groups, "groups"),
        ] {
            let mut seen = HashSet::new();
            for (i, spec) in specs.iter().enumerate() {
                let id_field = format!("{field}[{i}].id");
                let id = spec
                    .id
                    .as_deref()
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| Error::invalid_value(&id_field, "id is required."))?;
                if !seen.insert(id.to_owned()) {
                    return Err(Error::invalid_value(
                        &id_field,
                        format!("[{id}] is listed twice."),
                    ));
                }
                let named = match kind {
                    MemberKind::User => pairing.user_ids.iter().any(|u| u.as_str() == id),
                    _ => pairing.group_ids.iter().any(|g| g.as_str() == id),
                };
                if !named || !self.member_exists(trustee, kind, id).await? {
                    return Err(Error::invalid_value(
                        &id_field,
                        format!("[{id}] is not among the {field} the pairing names."),
                    ));
                }
                let grants = self
                    .resolve_trust_grants(trustor, &spec.roles, &format!("{field}[{i}]."))
                    .await?;
                members.push(TrustMember {
                    trustor_org_id: trustor.clone(),
                    trustee_org_id: trustee.clone(),
                    kind,
                    id: id.to_owned(),
                    date_created: now,
                    created_by: actor.clone(),
                    grants,
                });
            }
        }
        Ok(members)
    }

    /// `PUT /trustees/{trusteeOrgId}`: sets `enabled` and `dateExpired` (absent clears it).
    pub async fn update_trust(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        trustee: &OrgId,
        enabled: Option<bool>,
        date_expired: Option<DateTime<Utc>>,
    ) -> Result<TrustView> {
        let before = self.trust_for(p, Side::Trustor, trustee).await?;
        let enabled =
            enabled.ok_or_else(|| Error::invalid_value("enabled", "enabled is required."))?;
        let after = Trust {
            enabled,
            date_expired,
            ..before.clone()
        };
        let view = self.view_of(after.clone()).await?;
        let audit = self.trust_event(
            p,
            meta,
            Side::Trustor,
            &view.trustee.name,
            TrustChange::Updated(&before, &after),
        );
        if after.enabled && after.is_active(self.clock.now()) {
            // Enabled again, or its expiry moved: the tokens refused meanwhile stay refused.
            self.revocation
                .revoke_before_trust_restore(&before.trustor_org_id, &before.trustee_org_id)
                .await?;
        }
        self.store
            .update_trust(&after, &audit)
            .await
            .map_err(|e| match e {
                StoreError::Missing { .. } => Error::not_found("trust", trustee),
                e => e.into(),
            })?;
        Ok(view)
    }

    /// `DELETE /trustees?id=..` (trustor side) and `DELETE /trustors?id=..` (trustee side): all
    /// or nothing; an id without a trust is a 400 that names it. One id is `DELETE /{id}`, whose
    /// unknown id is a 404 instead (`bulk` false).
    pub async fn delete_trusts(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        side: Side,
        ids: &[String],
        bulk: bool,
    ) -> Result<()> {
        let mut unique: Vec<&String> = Vec::new();
        for id in ids {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        if unique.is_empty() {
            return Err(Error::invalid_value(
                "id",
                "At least one organization id is required.",
            ));
        }
        let mut keys = Vec::with_capacity(unique.len());
        let mut audits = Vec::with_capacity(unique.len());
        for id in unique {
            let other = OrgId::new(id.as_str());
            let trust = match self.trust_for(p, side, &other).await {
                Ok(t) => t,
                Err(Error::NotFound { .. }) if bulk => {
                    return Err(Error::invalid_value(
                        "id",
                        format!("There is no trust with organization [{id}]; nothing was deleted."),
                    ))
                }
                Err(e) => return Err(e),
            };
            let other_name = self.org_required(&other).await?.name;
            audits.push(self.trust_event(p, meta, side, &other_name, TrustChange::Deleted(&trust)));
            keys.push((trust.trustor_org_id, trust.trustee_org_id));
        }
        self.store
            .delete_trusts(&keys, &audits)
            .await
            .map_err(|e| match e {
                StoreError::Missing { id, .. } if bulk => Error::invalid_value(
                    "id",
                    format!("There is no trust with organization [{id}]; nothing was deleted."),
                ),
                StoreError::Missing { id, .. } => Error::not_found("trust", id),
                e => e.into(),
            })
    }

    /// The configured Customer Care organizations (`GET /trustees/care`).
    pub async fn care_orgs(&self, _caller: &Authorized) -> Result<Vec<OrgId>> {
        self.customer_care_orgs().await
    }

    async fn customer_care_orgs(&self) -> Result<Vec<OrgId>> {
        Ok(self.store.customer_care_orgs().await?)
    }

    /// `GET /trustees/default`: the trust with the (first) Customer Care organization, or 404.
    pub async fn default_care_trust(&self, p: &Authorized) -> Result<TrustView> {
        let care = self.customer_care_orgs().await?;
        let first = care
            .first()
            .ok_or_else(|| Error::not_found("Customer Care trust", "default"))?;
        let trust = self
            .store
            .trust(&p.org_id, first)
            .await?
            .ok_or_else(|| Error::not_found("Customer Care trust", first))?;
        self.view_of(trust).await
    }

    /// `POST /trustees/default` (`all` false: the first Care organization) and
    /// `POST /trustees/care` (`all` true: every Care organization but the caller's own), without
    /// a pairing. All or nothing: an existing trust with one of them is a 409.
    pub async fn create_care_trusts(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        all: bool,
        options: CareOptions,
    ) -> Result<Vec<TrustView>> {
        let mut care = self.customer_care_orgs().await?;
        if care.is_empty() {
            return Err(Error::bad_request(
                codes::BAD_REQUEST,
                "No Customer Care organization is configured on this server.",
            ));
        }
        if !all {
            care.truncate(1);
        }
        care.retain(|c| *c != p.org_id);
        if care.is_empty() {
            return Err(Error::bad_request(
                codes::SELF_TRUST_NOT_ALLOWED,
                "An organization cannot trust itself.",
            ));
        }
        let now = self.clock.now();
        let grants: Vec<Grant> = if options.assign_default_role || options.assign_full_access {
            let admin = self
                .store
                .roles(&p.org_id)
                .await?
                .into_iter()
                .find(|r| r.default_admin)
                .ok_or_else(|| {
                    Error::invalid_value(
                        if options.assign_default_role {
                            "assignDefaultRole"
                        } else {
                            "assignFullAccess"
                        },
                        "Your organization has no default Admin role to grant.",
                    )
                })?;
            vec![Grant {
                role_id: admin.id,
                division: DivisionGrant::All,
            }]
        } else {
            vec![]
        };
        let actor = p.actor();
        let mut trusts = Vec::with_capacity(care.len());
        let mut audits = Vec::with_capacity(care.len());
        for org in &care {
            let care_org = self.org_required(org).await?;
            if self.store.trust(&p.org_id, org).await?.is_some() {
                return Err(Error::conflict(
                    codes::TRUST_ALREADY_EXISTS,
                    format!(
                        "A trust with Customer Care [{}] already exists.",
                        care_org.name
                    ),
                ));
            }
            let trust = Trust {
                trustor_org_id: p.org_id.clone(),
                trustee_org_id: org.clone(),
                enabled: true,
                date_created: now,
                date_expired: options
                    .auto_expire
                    .then(|| now + Duration::days(CARE_AUTO_EXPIRE_DAYS)),
                created_by: actor.clone(),
                pairing_id: None,
                uses_default_role: options.assign_default_role,
                has_full_access: options.assign_full_access,
                is_trusted_user: options.allow_trusted_user_access,
            };
            // The Care organization as a whole is the member: every Care user holds the grant,
            // including engineers who join Care after the trust was made.
            let members = if grants.is_empty() {
                vec![]
            } else {
                vec![TrustMember {
                    trustor_org_id: p.org_id.clone(),
                    trustee_org_id: org.clone(),
                    kind: MemberKind::Organization,
                    id: org.to_string(),
                    date_created: now,
                    created_by: actor.clone(),
                    grants: grants.clone(),
                }]
            };
            audits.push(self.trust_event(
                p,
                meta,
                Side::Trustor,
                &care_org.name,
                TrustChange::Created(&trust),
            ));
            trusts.push(NewTrust { trust, members });
        }
        for t in &trusts {
            self.revocation
                .revoke_before_trust_restore(&t.trust.trustor_org_id, &t.trust.trustee_org_id)
                .await?;
        }
        self.store
            .create_trusts(&trusts, &audits)
            .await
            .map_err(creation_error)?;
        let mut views = Vec::with_capacity(trusts.len());
        for t in trusts {
            views.push(self.view_of(t.trust).await?);
        }
        Ok(views)
    }

    /// Does a user or group of the trustee organization exist?
    pub(crate) async fn member_exists(
        &self,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
    ) -> Result<bool> {
        Ok(match kind {
            MemberKind::User => self.store.user(trustee, &UserId::new(id)).await?.is_some(),
            MemberKind::Group => self.store.group(trustee, &id.into()).await?.is_some(),
            MemberKind::Organization => id == trustee.as_str(),
        })
    }

    /// The 400 for a trust that would hold more users and groups than `limit`.
    pub(crate) fn member_limit_error(limit: u32) -> Error {
        Error::bad_request(
            codes::MAX_ENTITY_COUNT_REACHED,
            format!("A trust can hold at most {limit} trustee users and groups."),
        )
    }
}
