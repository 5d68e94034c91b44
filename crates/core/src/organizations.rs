//! The organization service.

use crate::authz::Authorized;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::kept::Kept;
use crate::model::Organization;
use crate::store::Store;
use crate::token_cache::TokenCache;
use std::sync::Arc;

/// Organizations: creating, reading, updating and terminating them, their names as others see
/// them, and their migrations.
pub struct Organizations {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    /// Cached tokens of a terminated organization are dropped at once.
    pub(crate) tokens: Arc<TokenCache>,
    /// (viewer, organization) -> the organization's name, at the viewer's generation.
    pub(crate) names: Kept<(OrgId, OrgId), String>,
}

impl Organizations {
    /// The service over `store`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, tokens: Arc<TokenCache>) -> Self {
        Self {
            store,
            clock,
            tokens,
            names: Kept::default(),
        }
    }
}

impl Organizations {
    /// The generation of the caller's organization's state as this instance knows it: it moves
    /// after every committed write to the organization's permissions, settings, trusts or row, or
    /// to a trust partner's row (THE RULE of the stores). What is derived from that state may be
    /// kept as long as the generation, read before the state was, has not moved.
    pub fn org_generation(&self, caller: &Authorized) -> u64 {
        self.store.authz_generation(&caller.org_id)
    }

    /// The organization the caller acts in (`GET /api/v2/organizations/me`: any valid token).
    pub async fn organization_me(&self, principal: &Authorized) -> Result<Organization> {
        self.store
            .organization(&principal.org_id)
            .await?
            .ok_or_else(|| Error::not_found("organization", &principal.org_id))
    }
}

impl Organizations {
    /// The name of organization `id` as the caller's request shows it (references in responses):
    /// `id` is the caller's organization itself or one of its trust partners. Kept from memory
    /// while the caller's organization's generation has not moved: a rename bumps the
    /// organization and every trust partner (THE RULE), so does making or deleting a trust, and
    /// that generation is the one this request synchronised on every backend.
    pub async fn organization_name(
        &self,
        caller: &Authorized,
        id: &crate::ids::OrgId,
    ) -> Result<String> {
        let viewer = &caller.org_id;
        let generation = self.store.authz_generation(viewer);
        let key = (viewer.clone(), id.clone());
        if let Some(name) = self.names.get(&key, generation) {
            return Ok(name);
        }
        let name = self
            .store
            .organization(id)
            .await?
            .ok_or_else(|| Error::not_found("organization", id))?
            .name;
        self.names.keep(key, generation, name.clone());
        Ok(name)
    }
}

/// The editable fields of `PUT /api/v2/organizations/me` (absent ones keep their value;
/// `thirdPartyOrgName`, `features`, `productPlatform` and `state` are not editable there).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrganizationUpdate {
    /// The version the caller read (required; a stale one is a 409).
    pub version: Option<i32>,
    /// Display name.
    pub name: Option<String>,
    /// Default language.
    pub default_language: Option<String>,
    /// Default country code.
    pub default_country_code: Option<String>,
    /// Third-party URI.
    pub third_party_uri: Option<String>,
    /// Domain.
    pub domain: Option<String>,
    /// Default site id.
    pub default_site_id: Option<String>,
    /// Support URI.
    pub support_uri: Option<String>,
    /// Voicemail enabled.
    pub voicemail_enabled: Option<bool>,
}

/// The body of the internal `POST /api/v2/organizations`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewOrganization {
    /// Name (required).
    pub name: Option<String>,
    /// The first administrator's username, an e-mail (required).
    pub admin_username: Option<String>,
    /// The first administrator's password (required; the default password policy applies).
    pub admin_password: Option<crate::secret::Secret>,
    /// Domain (required).
    pub domain: Option<String>,
    /// Globally unique short name (required).
    pub third_party_org_name: Option<String>,
    /// Initial feature switches.
    pub features: std::collections::BTreeMap<String, bool>,
}

fn non_empty(value: &Option<String>, field: &str) -> Result<String> {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() && v.chars().count() <= 200 => Ok(v.to_owned()),
        Some(_) => Err(Error::invalid_value(
            field,
            format!("The field [{field}] must be 1 to 200 characters."),
        )),
        None => Err(Error::invalid_value(
            field,
            format!("The field [{field}] is required."),
        )),
    }
}

fn org_json(o: &Organization) -> serde_json::Value {
    serde_json::json!({
        "name": o.name, "defaultLanguage": o.default_language,
        "defaultCountryCode": o.default_country_code, "thirdPartyURI": o.third_party_uri,
        "domain": o.domain, "defaultSiteId": o.default_site_id, "supportURI": o.support_uri,
        "voicemailEnabled": o.voicemail_enabled, "features": o.features, "state": o.state.as_str(),
        "version": o.version,
    })
}

impl Organizations {
    async fn save_organization(
        &self,
        principal: &Authorized,
        meta: &crate::RequestMeta,
        before: &Organization,
        after: Organization,
        action: &str,
    ) -> Result<Organization> {
        let event = principal.audit_event(
            self.clock.now(),
            meta,
            action,
            crate::audit::Target {
                entity_type: "Organization",
                id: before.id.as_str(),
                name: Some(&after.name),
            },
            crate::audit::diff(Some(&org_json(before)), Some(&org_json(&after))),
        );
        if !self
            .store
            .update_organization(&after, before.version, &event)
            .await?
        {
            return Err(stale_version());
        }
        Ok(after)
    }

    /// `PUT /api/v2/organizations/me`: updates the caller's organization if `version` is the
    /// current one, and bumps it.
    pub async fn update_organization_me(
        &self,
        principal: &Authorized,
        meta: &crate::RequestMeta,
        update: &OrganizationUpdate,
    ) -> Result<Organization> {
        let current = self.organization_me(principal).await?;
        let version = update.version.ok_or_else(|| {
            Error::invalid_value(
                "version",
                "The field [version] is required to update the organization.",
            )
        })?;
        if version != current.version {
            return Err(stale_version());
        }
        let mut next = current.clone();
        if update.name.is_some() {
            next.name = non_empty(&update.name, "name")?;
        }
        if update.default_language.is_some() {
            next.default_language = non_empty(&update.default_language, "defaultLanguage")?;
        }
        if update.default_country_code.is_some() {
            next.default_country_code =
                non_empty(&update.default_country_code, "defaultCountryCode")?;
        }
        for (target, value) in [
            (&mut next.third_party_uri, &update.third_party_uri),
            (&mut next.domain, &update.domain),
            (&mut next.default_site_id, &update.default_site_id),
            (&mut next.support_uri, &update.support_uri),
        ] {
            if value.is_some() {
                *target = value.clone().filter(|v| !v.trim().is_empty());
            }
        }
        if update.voicemail_enabled.is_some() {
            next.voicemail_enabled = update.voicemail_enabled;
        }
        next.version = current.version + 1;
        self.save_organization(principal, meta, &current, next, "update")
            .await
    }

    /// `PATCH /api/v2/organizations/features/{featureName}`: switches one feature; returns them
    /// all. An unknown feature is a 400.
    pub async fn set_feature(
        &self,
        principal: &Authorized,
        meta: &crate::RequestMeta,
        feature: &str,
        enabled: Option<bool>,
    ) -> Result<std::collections::BTreeMap<String, bool>> {
        if !crate::model::DEFAULT_FEATURES
            .iter()
            .any(|(name, _)| *name == feature)
        {
            return Err(Error::invalid_value(
                "featureName",
                format!("The feature [{feature}] does not exist."),
            ));
        }
        let enabled = enabled
            .ok_or_else(|| Error::invalid_value("enabled", "The field [enabled] is required."))?;
        let current = self.organization_me(principal).await?;
        if current.features.get(feature) == Some(&enabled) {
            return Ok(current.features);
        }
        let mut next = current.clone();
        next.features.insert(feature.to_owned(), enabled);
        next.version = current.version + 1;
        Ok(self
            .save_organization(principal, meta, &current, next, "update")
            .await?
            .features)
    }

    /// The internal `POST /api/v2/organizations`: a new active organization with a home
    /// division, an Admin role (every non-internal permission) and its first administrator.
    pub async fn create_organization(
        &self,
        principal: &Authorized,
        meta: &crate::RequestMeta,
        new: &NewOrganization,
    ) -> Result<Organization> {
        use crate::ids::{DivisionId, OrgId, RoleId, UserId};
        use crate::model::{Division, Grant, Role, Subject, User, UserState};
        use crate::permission::DivisionGrant;

        let name = non_empty(&new.name, "name")?;
        let short = non_empty(&new.third_party_org_name, "thirdPartyOrgName")?;
        if !short
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(Error::invalid_value(
                "thirdPartyOrgName",
                "The short name may hold only letters, digits, '-' and '_'.",
            ));
        }
        let domain = non_empty(&new.domain, "domain")?;
        let admin = non_empty(&new.admin_username, "adminUsername")?;
        if !admin.contains('@') {
            return Err(Error::invalid_value(
                "adminUsername",
                format!("[{admin}] is not an e-mail address."),
            ));
        }
        let password = new.admin_password.as_ref().ok_or_else(|| {
            Error::invalid_value("adminPassword", "The field [adminPassword] is required.")
        })?;
        // A new organization has the default requirements.
        crate::password::PasswordPolicy::default().check("adminPassword", password.expose())?;
        for key in new.features.keys() {
            if !crate::model::DEFAULT_FEATURES.iter().any(|(n, _)| n == key) {
                return Err(Error::invalid_value(
                    "organizationFeatures",
                    format!("The feature [{key}] does not exist."),
                ));
            }
        }

        let now = self.clock.now();
        let mut org = Organization::new(OrgId::generate(), name, short, now);
        org.domain = Some(domain);
        org.features.extend(new.features.clone());
        let home = Division {
            id: DivisionId::generate(),
            org_id: org.id.clone(),
            name: "Home".into(),
            description: Some("The home division".into()),
            home: true,
        };
        let role = Role {
            id: RoleId::generate(),
            org_id: org.id.clone(),
            name: "Admin".into(),
            description: Some("Every permission of the organization".into()),
            permissions: vec!["*".into()],
            default_admin: true,
        };
        let user = User {
            id: UserId::generate(),
            org_id: org.id.clone(),
            name: admin.clone(),
            email: admin,
            division_id: home.id.clone(),
            state: UserState::Active,
            version: 1,
            title: None,
            department: None,
            date_created: now,
            date_modified: now,
        };
        let grants = vec![(
            Subject::User(user.id.clone()),
            vec![Grant {
                role_id: role.id.clone(),
                division: DivisionGrant::All,
            }],
        )];
        let plan = crate::store::FixtureOrg {
            org: org.clone(),
            divisions: vec![home],
            roles: vec![role],
            users: vec![(user, Some(crate::secret::hash_secret(password)))],
            groups: vec![],
            clients: vec![],
            grants,
        };
        let event = principal.audit_event(
            self.clock.now(),
            meta,
            "create",
            crate::audit::Target {
                entity_type: "Organization",
                id: org.id.as_str(),
                name: Some(&org.name),
            },
            crate::audit::diff(None, Some(&org_json(&org))),
        );
        self.store
            .create_organization(&plan, &event)
            .await
            .map_err(|e| match e {
                crate::store::StoreError::Constraint { constraint }
                    if constraint.contains("third_party_org_name") =>
                {
                    Error::conflict(
                        orgtrust_api::codes::GENERAL_CONFLICT,
                        "An organization with this thirdPartyOrgName already exists.",
                    )
                }
                other => other.into(),
            })?;
        Ok(org)
    }

    /// The internal `DELETE /api/v2/organizations/me`: terminates the caller's organization.
    /// Its state becomes `deleted`, its tokens are revoked (and refused from the next request),
    /// its records are kept for audit.
    pub async fn terminate_organization_me(
        &self,
        principal: &Authorized,
        meta: &crate::RequestMeta,
    ) -> Result<()> {
        let org = self.organization_me(principal).await?;
        let event = principal.audit_event(
            self.clock.now(),
            meta,
            "delete",
            crate::audit::Target {
                entity_type: "Organization",
                id: org.id.as_str(),
                name: Some(&org.name),
            },
            vec![crate::audit::Change {
                property: "state".into(),
                old_values: vec![org.state.as_str().into()],
                new_values: vec![crate::model::OrgState::Deleted.as_str().into()],
            }],
        );
        self.store
            .terminate_organization(&org.id, self.clock.now(), &event)
            .await?;
        self.tokens
            .entries
            .retain(|_, (_, t)| t.org_id != org.id && t.home_org_id != org.id);
        Ok(())
    }
}

fn stale_version() -> Error {
    Error::conflict(
        orgtrust_api::codes::GENERAL_CONFLICT,
        "The version supplied does not match the current version of the organization.",
    )
}
