//! Organization migrations (internal): a catalogue of named platform migrations, each with its
//! per-organization enabled state. Configurable ones may be switched by the organization; the
//! others follow their default (they are switched by the platform on their due date).

use chrono::{DateTime, TimeZone, Utc};

use crate::audit::{Change, Target};
use crate::authz::Authorized;
use crate::error::{Error, Result};
use crate::organizations::Organizations;
use crate::request::RequestMeta;

/// A migration of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MigrationDef {
    /// Its name (the path parameter).
    pub name: &'static str,
    /// A display name.
    pub display_name: &'static str,
    /// What it changes.
    pub description: &'static str,
    /// Where it is documented.
    pub documentation_link: &'static str,
    /// Available since (epoch seconds).
    pub available: i64,
    /// Forced on this date (epoch seconds), if any.
    pub due: Option<i64>,
    /// Whether the organization may switch it.
    pub configurable: bool,
    /// Hidden from listings unless `includeHidden=true`.
    pub hidden: bool,
    /// Its state until switched.
    pub enabled_by_default: bool,
}

/// The catalogue.
pub const MIGRATIONS: &[MigrationDef] = &[
    MigrationDef {
        name: "authSettingsApi",
        display_name: "Authentication settings API",
        description: "Moves the allowlist, IP and password settings to /api/v2/organizations/authentication/settings; the deprecated routes stay as aliases.",
        documentation_link: "https://developer.genesys.cloud/organization/organization/",
        available: 1_686_182_400,
        due: Some(1_735_689_600),
        configurable: false,
        hidden: false,
        enabled_by_default: true,
    },
    MigrationDef {
        name: "divisionAwareTrustees",
        display_name: "Division-aware trustee grants",
        description: "Trustee users and groups can be granted roles in single divisions of the trustor organization.",
        documentation_link: "https://help.mypurecloud.com/articles/about-authorized-organizations/",
        available: 1_577_836_800,
        due: None,
        configurable: true,
        hidden: false,
        enabled_by_default: true,
    },
    MigrationDef {
        name: "oauthScopeEnforcement",
        display_name: "OAuth scope enforcement readiness",
        description: "Marks the organization as ready for OAuth scope enforcement (see /api/v2/organizations/enforcescopes).",
        documentation_link: "https://help.mypurecloud.com/articles/enabling-oauth-scope-enforcement/",
        available: 1_640_995_200,
        due: None,
        configurable: true,
        hidden: false,
        enabled_by_default: false,
    },
    MigrationDef {
        name: "platformTokenDigests",
        display_name: "Token digest storage",
        description: "Bearer tokens are stored only as SHA-256 digests.",
        documentation_link: "https://developer.genesys.cloud/authorization/platform-auth/",
        available: 1_609_459_200,
        due: Some(1_609_459_200),
        configurable: false,
        hidden: true,
        enabled_by_default: true,
    },
];

/// A migration as an organization sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationView {
    /// The catalogue entry.
    pub def: &'static MigrationDef,
    /// Enabled for this organization.
    pub enabled: bool,
}

impl MigrationView {
    /// When it became available.
    pub fn date_available(&self) -> DateTime<Utc> {
        Utc.timestamp_opt(self.def.available, 0)
            .single()
            .unwrap_or_default()
    }

    /// When it is due.
    pub fn date_due(&self) -> Option<DateTime<Utc>> {
        self.def.due.and_then(|d| Utc.timestamp_opt(d, 0).single())
    }
}

/// Which migrations a listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MigrationFilter {
    /// Enabled only.
    Enabled,
    /// Disabled only.
    Disabled,
    /// All.
    #[default]
    All,
}

fn find(name: &str) -> Result<&'static MigrationDef> {
    MIGRATIONS
        .iter()
        .find(|m| m.name == name)
        .ok_or_else(|| Error::not_found("migration", name))
}

impl Organizations {
    /// The migrations of the caller's organization.
    pub async fn migrations(
        &self,
        principal: &Authorized,
        filter: MigrationFilter,
        include_hidden: bool,
    ) -> Result<Vec<MigrationView>> {
        let states = self.store.migration_states(&principal.org_id).await?;
        Ok(MIGRATIONS
            .iter()
            .filter(|m| include_hidden || !m.hidden)
            .map(|def| MigrationView {
                def,
                enabled: states
                    .get(def.name)
                    .copied()
                    .unwrap_or(def.enabled_by_default),
            })
            .filter(|m| match filter {
                MigrationFilter::All => true,
                MigrationFilter::Enabled => m.enabled,
                MigrationFilter::Disabled => !m.enabled,
            })
            .collect())
    }

    /// One migration of the caller's organization (hidden ones included: they are named).
    pub async fn migration(&self, principal: &Authorized, name: &str) -> Result<MigrationView> {
        let def = find(name)?;
        let states = self.store.migration_states(&principal.org_id).await?;
        Ok(MigrationView {
            def,
            enabled: states
                .get(def.name)
                .copied()
                .unwrap_or(def.enabled_by_default),
        })
    }

    /// Switches a configurable migration (400 for the others). Audited.
    pub async fn set_migration(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        name: &str,
        enabled: Option<bool>,
    ) -> Result<MigrationView> {
        let current = self.migration(principal, name).await?;
        let enabled = enabled
            .ok_or_else(|| Error::invalid_value("enabled", "The field [enabled] is required."))?;
        if !current.def.configurable {
            return Err(Error::bad_request(
                orgtrust_api::codes::BAD_REQUEST,
                format!("The migration [{name}] is not configurable."),
            ));
        }
        if current.enabled == enabled {
            return Ok(current);
        }
        let event = principal.audit_event(
            self.clock.now(),
            meta,
            "update",
            Target {
                entity_type: "Migration",
                id: name,
                name: Some(current.def.display_name),
            },
            vec![Change {
                property: "enabled".into(),
                old_values: vec![current.enabled.to_string()],
                new_values: vec![enabled.to_string()],
            }],
        );
        self.store
            .set_migration_state(&principal.org_id, name, enabled, &event)
            .await?;
        Ok(MigrationView {
            def: current.def,
            enabled,
        })
    }
}
