//! Organization settings: the authentication settings (`/organizations/authentication/settings`,
//! the one source of truth that the deprecated `whitelist`, `embeddedintegration`,
//! `ipaddressauthentication`, `passwordrequirements` and `enforcescopes` routes read and write),
//! held per organization, cached in memory for the hot path and replaced after every write.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::audit::{diff, Target};
use crate::authz::Authorized;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::kept::Kept;
use crate::net::Cidr;
use crate::password::{PasswordPolicy, MAX_LENGTH};
use crate::request::RequestMeta;
use crate::settings::Settings;
use crate::store::Store;

/// Most CIDR blocks an IP allowlist may hold (Genesys documents 150).
pub const MAX_ALLOWLIST_CIDRS: usize = 150;

/// The highest minimum of one character class (digits, upper, lower, specials): together the
/// four stay within the longest password ([`MAX_LENGTH`]), so each field has a bound of its own
/// that the OpenAPI document can state (a rule on their sum could not be).
pub const MAX_CLASS_MINIMUM: i64 = MAX_LENGTH as i64 / 4;

/// Every setting of one organization, stored as one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrgSettings {
    /// Multi-factor authentication required for users.
    pub multifactor_authentication_required: bool,
    /// Whether the embedding domain allowlist is enabled.
    pub domain_allowlist_enabled: bool,
    /// Domains allowed to embed the applications.
    pub domain_allowlist: Vec<String>,
    /// IPv4 CIDR blocks allowed to authenticate and call the API (empty: all).
    pub ip_address_allowlist: Vec<String>,
    /// Password requirements.
    pub password_requirements: PasswordPolicy,
    /// APIs exempt from the inactivity timeout.
    pub inactivity_timeout_exclusions: Vec<String>,
    /// Universal logout.
    pub universal_logout: bool,
    /// `persistent` or `session`.
    pub token_storage_location: String,
    /// Whether OAuth scopes are enforced on the organization's tokens.
    pub enforce_scopes: bool,
}

impl Default for OrgSettings {
    fn default() -> Self {
        Self {
            multifactor_authentication_required: false,
            domain_allowlist_enabled: false,
            domain_allowlist: vec![],
            ip_address_allowlist: vec![],
            password_requirements: PasswordPolicy::default(),
            inactivity_timeout_exclusions: vec![],
            universal_logout: false,
            token_storage_location: "persistent".into(),
            enforce_scopes: false,
        }
    }
}

impl OrgSettings {
    /// The parsed allowlist (validated on write; an unparsable stored entry is skipped).
    pub fn allowlist(&self) -> Vec<Cidr> {
        self.ip_address_allowlist
            .iter()
            .filter_map(|c| Cidr::parse(c).ok())
            .collect()
    }
}

/// Is `ip` inside `allowlist`? (An empty allowlist allows every address; an unknown address is
/// allowed only then.)
pub fn allowed(allowlist: &[Cidr], ip: Option<std::net::IpAddr>) -> bool {
    allowlist.is_empty() || ip.is_some_and(|ip| allowlist.iter().any(|c| c.contains(ip)))
}

/// The settings of one organization as the hot path keeps them: the document, its allowlist
/// parsed once, and the authorization generation it was read at.
#[derive(Debug, Clone)]
pub(crate) struct CachedSettings {
    pub(crate) generation: u64,
    pub(crate) settings: Arc<OrgSettings>,
    pub(crate) allowlist: Arc<[Cidr]>,
}

/// A partial update of the password requirements (absent fields keep their value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PasswordRequirementsPatch {
    /// Minimum length.
    pub minimum_length: Option<i64>,
    /// Minimum digits.
    pub minimum_digits: Option<i64>,
    /// Minimum letters.
    pub minimum_letters: Option<i64>,
    /// Minimum upper-case letters.
    pub minimum_upper: Option<i64>,
    /// Minimum lower-case letters.
    pub minimum_lower: Option<i64>,
    /// Minimum special characters.
    pub minimum_specials: Option<i64>,
    /// Minimum age in seconds.
    pub minimum_age_seconds: Option<i64>,
    /// Expiration in days (0: never).
    pub expiration_days: Option<i64>,
}

/// A partial update of the settings (absent fields keep their value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsPatch {
    /// Multi-factor authentication required.
    pub multifactor_authentication_required: Option<bool>,
    /// Domain allowlist enabled.
    pub domain_allowlist_enabled: Option<bool>,
    /// Domain allowlist.
    pub domain_allowlist: Option<Vec<String>>,
    /// IP allowlist.
    pub ip_address_allowlist: Option<Vec<String>>,
    /// Password requirements.
    pub password_requirements: Option<PasswordRequirementsPatch>,
    /// Inactivity timeout exclusions.
    pub inactivity_timeout_exclusions: Option<Vec<String>>,
    /// Universal logout.
    pub universal_logout: Option<bool>,
    /// Token storage location (`persistent` or `session`).
    pub token_storage_location: Option<String>,
    /// Enforce OAuth scopes.
    pub enforce_scopes: Option<bool>,
}

fn bounded(field: &str, value: i64, min: i64, max: i64) -> Result<u32> {
    if value < min || value > max {
        return Err(Error::invalid_value(
            field,
            format!("Value [{value}] is not valid for field [{field}]: it must be between {min} and {max}."),
        ));
    }
    Ok(value as u32)
}

impl PasswordRequirementsPatch {
    /// Applies the patch; the result may only be as strict as the Genesys floor or stricter
    /// (length at least 8, at least one lower, upper, digit and special character).
    fn apply(&self, policy: &mut PasswordPolicy) -> Result<()> {
        let max = MAX_LENGTH as i64;
        let f = "passwordRequirements";
        if let Some(v) = self.minimum_length {
            policy.minimum_length = bounded(&format!("{f}.minimumLength"), v, 8, max)?;
        }
        if let Some(v) = self.minimum_digits {
            policy.minimum_digits =
                bounded(&format!("{f}.minimumDigits"), v, 1, MAX_CLASS_MINIMUM)?;
        }
        if let Some(v) = self.minimum_letters {
            policy.minimum_letters = bounded(&format!("{f}.minimumLetters"), v, 0, max)?;
        }
        if let Some(v) = self.minimum_upper {
            policy.minimum_upper = bounded(&format!("{f}.minimumUpper"), v, 1, MAX_CLASS_MINIMUM)?;
        }
        if let Some(v) = self.minimum_lower {
            policy.minimum_lower = bounded(&format!("{f}.minimumLower"), v, 1, MAX_CLASS_MINIMUM)?;
        }
        if let Some(v) = self.minimum_specials {
            policy.minimum_specials =
                bounded(&format!("{f}.minimumSpecials"), v, 1, MAX_CLASS_MINIMUM)?;
        }
        if let Some(v) = self.minimum_age_seconds {
            policy.minimum_age_seconds =
                bounded(&format!("{f}.minimumAgeSeconds"), v, 0, i64::from(i32::MAX))?;
        }
        if let Some(v) = self.expiration_days {
            policy.expiration_days = bounded(&format!("{f}.expirationDays"), v, 0, 3650)?;
        }
        // Each class minimum is at most MAX_CLASS_MINIMUM: together they fit in MAX_LENGTH.
        Ok(())
    }
}

/// Validates an IP allowlist: IPv4 CIDR blocks of public addresses, as Genesys accepts them;
/// loopback only when `allow_loopback` (the emulator, so local tests can lock themselves in).
fn validate_allowlist(list: &[String], allow_loopback: bool) -> Result<Vec<String>> {
    let field = "ipAddressAllowlist";
    if list.len() > MAX_ALLOWLIST_CIDRS {
        return Err(Error::invalid_value(
            field,
            format!("The IP allowlist holds at most {MAX_ALLOWLIST_CIDRS} CIDR blocks."),
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    for entry in list {
        let entry = entry.trim();
        let cidr = Cidr::parse(entry).map_err(|_| {
            Error::invalid_value(
                field,
                format!("Value [{entry}] is not a valid IPv4 CIDR block (e.g. 203.0.113.0/24)."),
            )
        })?;
        if !cidr.is_ipv4() {
            return Err(Error::invalid_value(
                field,
                format!("Value [{entry}] is not an IPv4 CIDR block: only IPv4 is supported."),
            ));
        }
        if let Some((range, kind)) = cidr.non_public_v4() {
            let loopback_allowed = allow_loopback
                && kind == "loopback"
                && Cidr::parse(range).is_ok_and(|loopback| cidr.within(&loopback));
            if !loopback_allowed {
                let hint = if kind == "loopback" {
                    " (loopback is accepted only by the emulator, `orgtrust serve --emulator`)"
                } else {
                    ""
                };
                return Err(Error::invalid_value(
                    field,
                    format!("Value [{entry}] is not a public IPv4 address range: it takes in the {kind} range {range}{hint}. Only public IPv4 addresses can be allowed."),
                ));
            }
        }
        if !out.iter().any(|e: &String| e == entry) {
            out.push(entry.to_owned());
        }
    }
    Ok(out)
}

impl SettingsPatch {
    /// The settings after the patch, validated (`allow_loopback`: loopback blocks may be in the
    /// IP allowlist, the emulator's setting).
    fn apply(&self, current: &OrgSettings, allow_loopback: bool) -> Result<OrgSettings> {
        let mut s = current.clone();
        if let Some(v) = self.multifactor_authentication_required {
            s.multifactor_authentication_required = v;
        }
        if let Some(v) = self.domain_allowlist_enabled {
            s.domain_allowlist_enabled = v;
        }
        if let Some(v) = &self.domain_allowlist {
            if let Some(bad) = v
                .iter()
                .find(|d| d.trim().is_empty() || d.contains(char::is_whitespace))
            {
                return Err(Error::invalid_value(
                    "domainAllowlist",
                    format!("Value [{bad}] is not a domain."),
                ));
            }
            s.domain_allowlist = v.clone();
        }
        if let Some(v) = &self.ip_address_allowlist {
            s.ip_address_allowlist = validate_allowlist(v, allow_loopback)?;
        }
        if let Some(p) = &self.password_requirements {
            p.apply(&mut s.password_requirements)?;
        }
        if let Some(v) = &self.inactivity_timeout_exclusions {
            s.inactivity_timeout_exclusions = v.clone();
        }
        if let Some(v) = self.universal_logout {
            s.universal_logout = v;
        }
        if let Some(v) = &self.token_storage_location {
            if v != "persistent" && v != "session" {
                return Err(Error::invalid_value(
                    "tokenStorageLocation",
                    format!("Value [{v}] is not valid. Allowable values are: persistent, session"),
                ));
            }
            s.token_storage_location = v.clone();
        }
        if let Some(v) = self.enforce_scopes {
            s.enforce_scopes = v;
        }
        Ok(s)
    }
}

/// Organization settings (IP allowlist, password requirements, scope enforcement...): read
/// through a cache kept per authorization generation, and patched with an audit event.
pub struct OrgSettingsService {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) settings: Arc<Settings>,
    /// Each organization's settings with its parsed allowlist, at the generation read.
    pub(crate) kept: Kept<OrgId, CachedSettings>,
}

impl OrgSettingsService {
    /// The service over `store`; `settings` says whether loopback blocks may be allowed.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, settings: Arc<Settings>) -> Self {
        Self {
            store,
            clock,
            settings,
            kept: Kept::default(),
        }
    }
}

impl OrgSettingsService {
    /// The settings of the caller's organization (defaults until first written), from memory
    /// after the first read.
    pub async fn settings(&self, caller: &Authorized) -> Result<Arc<OrgSettings>> {
        self.org_settings(&caller.org_id).await
    }

    /// The settings of `org` (defaults until first written), from memory after the first read.
    pub(crate) async fn org_settings(&self, org: &OrgId) -> Result<Arc<OrgSettings>> {
        Ok(self.cached_settings(org).await?.settings)
    }

    /// The cached settings of `org`, read again when its authorization generation moved (the
    /// store bumps it on every settings write, so a copy from an older generation may be stale).
    pub(crate) async fn cached_settings(&self, org: &OrgId) -> Result<CachedSettings> {
        let generation = self.store.authz_generation(org);
        if let Some(kept) = self.kept.get(org, generation) {
            return Ok(kept);
        }
        let settings = Arc::new(self.store.org_settings(org).await?.unwrap_or_default());
        let cached = CachedSettings {
            generation,
            allowlist: settings.allowlist().into(),
            settings,
        };
        self.kept.keep(org.clone(), generation, cached.clone());
        Ok(cached)
    }

    /// Applies a partial update of the caller's organization settings, refusing an IP allowlist
    /// that would shut out the caller's own address; records the change and its audit event in
    /// one transaction; returns the new settings.
    pub async fn patch_settings(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        patch: &SettingsPatch,
    ) -> Result<Arc<OrgSettings>> {
        let org = &principal.org_id;
        let current = self.org_settings(org).await?;
        let next = patch.apply(&current, self.settings.loopback_in_allowlists)?;
        if *current == next {
            return Ok(current);
        }
        if next.ip_address_allowlist != current.ip_address_allowlist {
            let ip = meta.remote_ip.as_deref().and_then(|s| s.parse().ok());
            if !allowed(&next.allowlist(), ip) {
                return Err(Error::invalid_value(
                    "ipAddressAllowlist",
                    format!(
                        "The IP allowlist must include the address you are calling from [{}], or you would be locked out.",
                        meta.remote_ip.as_deref().unwrap_or("unknown")
                    ),
                ));
            }
        }
        let before = serde_json::to_value(&*current).ok();
        let after = serde_json::to_value(&next).ok();
        let event = principal.audit_event(
            self.clock.now(),
            meta,
            "update",
            Target {
                entity_type: "OrganizationSettings",
                id: org.as_str(),
                name: None,
            },
            diff(before.as_ref(), after.as_ref()),
        );
        // The store bumps the organization's authorization generation after the commit: the
        // allowlist and scope enforcement change what every token of the organization may do.
        self.store.put_org_settings(org, &next, &event).await?;
        self.org_settings(org).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_validates() {
        let s = OrgSettings::default();
        let mut p = SettingsPatch {
            ip_address_allowlist: Some(vec!["203.0.113.0/24".into(), "198.51.100.7".into()]),
            ..Default::default()
        };
        assert_eq!(
            p.apply(&s, false).expect("ok").ip_address_allowlist.len(),
            2
        );
        // Public IPv4 only (Genesys); loopback only where allowed (the emulator).
        p.ip_address_allowlist = Some(vec!["10.0.0.0/8".into()]);
        assert!(p.apply(&s, true).is_err());
        p.ip_address_allowlist = Some(vec!["127.0.0.0/8".into()]);
        assert!(p.apply(&s, false).is_err());
        assert!(p.apply(&s, true).is_ok());
        p.ip_address_allowlist = Some(vec!["0.0.0.0/0".into()]);
        assert!(p.apply(&s, true).is_err());
        p.ip_address_allowlist = Some(vec!["2001:db8::/32".into()]);
        assert!(p.apply(&s, false).is_err());
        p.ip_address_allowlist = Some(vec!["10.0.0.0/40".into()]);
        assert!(p.apply(&s, false).is_err());
        p.ip_address_allowlist = Some((0..151).map(|i| format!("8.8.{i}.0/24")).collect());
        assert!(p.apply(&s, false).is_err());
        let p = SettingsPatch {
            password_requirements: Some(PasswordRequirementsPatch {
                minimum_length: Some(4),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert!(p.apply(&s, false).is_err());
        let class = |n| SettingsPatch {
            password_requirements: Some(PasswordRequirementsPatch {
                minimum_upper: Some(n),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert!(class(MAX_CLASS_MINIMUM).apply(&s, false).is_ok());
        assert!(class(MAX_CLASS_MINIMUM + 1).apply(&s, false).is_err());
    }
}
