//! Organization API models (`/api/v2/organizations/...`, `/api/v2/fieldconfig`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------------
// Organization
// ---------------------------------------------------------------------------------------------

/// An organization (`GET/PUT /api/v2/organizations/me`; also embedded in trusts and pairings).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    /// The globally unique identifier for the object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The default language for this organization. Example: 'en'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_language: Option<String>,
    /// The default country code for this organization. Example: 'US'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_country_code: Option<String>,
    /// The short name for the organization; globally unique and cannot be changed (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party_org_name: Option<String>,
    #[serde(
        default,
        rename = "thirdPartyURI",
        skip_serializing_if = "Option::is_none"
    )]
    pub third_party_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The state of features available for the organization (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<BTreeMap<String, bool>>,
    /// The current version of the organization (required on update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    /// The current state. Examples are active, inactive, deleted (read-only; an SDK's
    /// placeholder for a value it did not know reads as absent, see `unknown_as_none`).
    #[serde(
        default,
        deserialize_with = "unknown_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<OrganizationState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_site_id: Option<String>,
    /// Email address where support tickets are sent to.
    #[serde(
        default,
        rename = "supportURI",
        skip_serializing_if = "Option::is_none"
    )]
    pub support_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voicemail_enabled: Option<bool>,
    /// Organizations Originating Platform (read-only; SDK placeholders read as absent).
    #[serde(
        default,
        deserialize_with = "unknown_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub product_platform: Option<ProductPlatform>,
    /// The URI for this object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// The placeholders the SDKs put in place of enum values they do not know (Python,
/// .NET).
pub const OUTDATED_SDK_VALUES: [&str; 2] = ["outdated_sdk_version", "OutdatedSdkVersion"];

/// Reads a read-only enum property, taking an SDK's placeholder for an unknown value as absent.
/// The Python SDK turns enum values it does not know into `"outdated_sdk_version"` and sends
/// them back on a read-modify-write (`PUT /organizations/me` with the organization it just
/// read); the server ignores read-only properties there, so it must not refuse them either.
/// Any other value must still be one of the enum's.
fn unknown_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        None => Ok(None),
        Some(serde_json::Value::String(s)) if OUTDATED_SDK_VALUES.contains(&s.as_str()) => Ok(None),
        Some(v) => serde_json::from_value(v)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

/// `Organization.state`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum OrganizationState {
    /// `active`
    #[default]
    #[serde(rename = "active")]
    Active,
    /// `inactive`
    #[serde(rename = "inactive")]
    Inactive,
    /// `deleted`
    #[serde(rename = "deleted")]
    Deleted,
}

impl OrganizationState {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::Deleted => "deleted",
        }
    }
}

/// `Organization.productPlatform`: the organization's originating platform.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum ProductPlatform {
    /// `GenesysCloud`
    #[default]
    #[serde(rename = "GenesysCloud")]
    GenesysCloud,
    /// `PureCloud`
    #[serde(rename = "PureCloud")]
    PureCloud,
    /// `PureEngage`
    #[serde(rename = "PureEngage")]
    PureEngage,
    /// `PureEngageCloud`
    #[serde(rename = "PureEngageCloud")]
    PureEngageCloud,
    /// `PureConnect`
    #[serde(rename = "PureConnect")]
    PureConnect,
    /// `PureConnectCloud`
    #[serde(rename = "PureConnectCloud")]
    PureConnectCloud,
    /// `Unknown`
    #[serde(rename = "Unknown")]
    Unknown,
}

/// Body of the internal `POST /api/v2/organizations` (create an organization).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationCreate {
    /// Organization name (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Username of the first admin user (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_username: Option<String>,
    /// Password of the first admin user (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_password: Option<String>,
    /// Organization domain (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Globally unique short name (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party_org_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salesforce_client: Option<bool>,
    /// Initial feature toggles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_features: Option<BTreeMap<String, bool>>,
}

/// The 13 organization feature toggles (`PATCH /api/v2/organizations/features/{featureName}`
/// returns the whole set).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationFeatures {
    #[serde(
        default,
        rename = "realtimeCIC",
        skip_serializing_if = "Option::is_none"
    )]
    pub realtime_cic: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purecloud: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hipaa: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uc_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pci: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purecloud_voice: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xmpp_federation: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informal_photos: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_center: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unified_communications: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custserv: Option<bool>,
}

impl OrganizationFeatures {
    /// Builds the feature set from the `Organization.features` map (unknown keys ignored).
    pub fn from_map(map: &BTreeMap<String, bool>) -> Self {
        let mut out = Self::default();
        for (key, value) in map {
            if let Ok(name) = key.parse::<FeatureName>() {
                *out.slot(name) = Some(*value);
            }
        }
        out
    }

    /// The features that are set, as an `Organization.features` map.
    pub fn to_map(&self) -> BTreeMap<String, bool> {
        FeatureName::ALL
            .iter()
            .filter_map(|name| self.get(*name).map(|v| (name.as_str().to_owned(), v)))
            .collect()
    }

    /// The value of one feature, if set.
    pub fn get(&self, name: FeatureName) -> Option<bool> {
        match name {
            FeatureName::RealtimeCic => self.realtime_cic,
            FeatureName::Purecloud => self.purecloud,
            FeatureName::Hipaa => self.hipaa,
            FeatureName::UcEnabled => self.uc_enabled,
            FeatureName::Pci => self.pci,
            FeatureName::PurecloudVoice => self.purecloud_voice,
            FeatureName::XmppFederation => self.xmpp_federation,
            FeatureName::Chat => self.chat,
            FeatureName::InformalPhotos => self.informal_photos,
            FeatureName::Directory => self.directory,
            FeatureName::ContactCenter => self.contact_center,
            FeatureName::UnifiedCommunications => self.unified_communications,
            FeatureName::Custserv => self.custserv,
        }
    }

    /// Sets one feature.
    pub fn set(&mut self, name: FeatureName, enabled: bool) {
        *self.slot(name) = Some(enabled);
    }

    fn slot(&mut self, name: FeatureName) -> &mut Option<bool> {
        match name {
            FeatureName::RealtimeCic => &mut self.realtime_cic,
            FeatureName::Purecloud => &mut self.purecloud,
            FeatureName::Hipaa => &mut self.hipaa,
            FeatureName::UcEnabled => &mut self.uc_enabled,
            FeatureName::Pci => &mut self.pci,
            FeatureName::PurecloudVoice => &mut self.purecloud_voice,
            FeatureName::XmppFederation => &mut self.xmpp_federation,
            FeatureName::Chat => &mut self.chat,
            FeatureName::InformalPhotos => &mut self.informal_photos,
            FeatureName::Directory => &mut self.directory,
            FeatureName::ContactCenter => &mut self.contact_center,
            FeatureName::UnifiedCommunications => &mut self.unified_communications,
            FeatureName::Custserv => &mut self.custserv,
        }
    }
}

/// The `featureName` path parameter of `PATCH /api/v2/organizations/features/{featureName}`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum FeatureName {
    /// `realtimeCIC`
    #[serde(rename = "realtimeCIC")]
    RealtimeCic,
    /// `purecloud`
    #[serde(rename = "purecloud")]
    Purecloud,
    /// `hipaa`
    #[serde(rename = "hipaa")]
    Hipaa,
    /// `ucEnabled`
    #[serde(rename = "ucEnabled")]
    UcEnabled,
    /// `pci`
    #[serde(rename = "pci")]
    Pci,
    /// `purecloudVoice`
    #[serde(rename = "purecloudVoice")]
    PurecloudVoice,
    /// `xmppFederation`
    #[serde(rename = "xmppFederation")]
    XmppFederation,
    /// `chat`
    #[serde(rename = "chat")]
    Chat,
    /// `informalPhotos`
    #[serde(rename = "informalPhotos")]
    InformalPhotos,
    /// `directory`
    #[serde(rename = "directory")]
    Directory,
    /// `contactCenter`
    #[serde(rename = "contactCenter")]
    ContactCenter,
    /// `unifiedCommunications`
    #[serde(rename = "unifiedCommunications")]
    UnifiedCommunications,
    /// `custserv`
    #[serde(rename = "custserv")]
    Custserv,
}

impl FeatureName {
    /// All feature names, in spec order.
    pub const ALL: [FeatureName; 13] = [
        Self::RealtimeCic,
        Self::Purecloud,
        Self::Hipaa,
        Self::UcEnabled,
        Self::Pci,
        Self::PurecloudVoice,
        Self::XmppFederation,
        Self::Chat,
        Self::InformalPhotos,
        Self::Directory,
        Self::ContactCenter,
        Self::UnifiedCommunications,
        Self::Custserv,
    ];

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RealtimeCic => "realtimeCIC",
            Self::Purecloud => "purecloud",
            Self::Hipaa => "hipaa",
            Self::UcEnabled => "ucEnabled",
            Self::Pci => "pci",
            Self::PurecloudVoice => "purecloudVoice",
            Self::XmppFederation => "xmppFederation",
            Self::Chat => "chat",
            Self::InformalPhotos => "informalPhotos",
            Self::Directory => "directory",
            Self::ContactCenter => "contactCenter",
            Self::UnifiedCommunications => "unifiedCommunications",
            Self::Custserv => "custserv",
        }
    }
}

impl std::str::FromStr for FeatureName {
    type Err = ();

    /// Parses the exact wire spelling.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|name| name.as_str() == s)
            .ok_or(())
    }
}

/// Body of `PATCH /api/v2/organizations/features/{featureName}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FeatureState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

// ---------------------------------------------------------------------------------------------
// Authentication settings
// ---------------------------------------------------------------------------------------------

/// Organization authentication settings (`GET/PATCH /api/v2/organizations/authentication/settings`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrgAuthSettings {
    /// Indicates whether multi-factor authentication is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multifactor_authentication_required: Option<bool>,
    /// Indicates whether the domain allowlist is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_allowlist_enabled: Option<bool>,
    /// The list of domains that will be allowed to embed Genesys Cloud applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_allowlist: Option<Vec<String>>,
    /// The list of IP addresses that will be allowed to authenticate with Genesys Cloud.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address_allowlist: Option<Vec<String>>,
    /// The password requirements for the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_requirements: Option<PasswordRequirements>,
    /// The list of exempt apis from inactivity timeout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inactivity_timeout_exclusions: Option<Vec<String>>,
    /// Indicates whether universal logout is enabled for the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub universal_logout: Option<bool>,
    /// The browser storage location used for authentication tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_storage_location: Option<TokenStorageLocation>,
}

/// `OrgAuthSettings.tokenStorageLocation`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum TokenStorageLocation {
    /// `persistent`
    #[default]
    #[serde(rename = "persistent")]
    Persistent,
    /// `session`
    #[serde(rename = "session")]
    Session,
}

/// Password rules of the organization (also the internal `/organizations/passwordrequirements`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PasswordRequirements {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_length: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_digits: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_letters: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_upper: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_lower: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_specials: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_age_seconds: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_days: Option<i32>,
}

/// Legacy IP allowlist (`/api/v2/organizations/ipaddressauthentication`), an alias of
/// `OrgAuthSettings.ipAddressAllowlist`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IpAddressAuthentication {
    /// CIDR blocks allowed to authenticate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_whitelist: Option<Vec<String>>,
}

/// Legacy embedding allowlist (`/api/v2/organizations/whitelist`), an alias of
/// `OrgAuthSettings.domainAllowlistEnabled/domainAllowlist`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrgWhitelistSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_whitelist: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_whitelist: Option<Vec<String>>,
}

/// Legacy embedding allowlist (`/api/v2/organizations/embeddedintegration`), same shape as
/// [`OrgWhitelistSettings`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmbeddedIntegration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_whitelist: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_whitelist: Option<Vec<String>>,
}

/// Internal OAuth scope enforcement toggle (`/api/v2/organizations/enforcescopes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnforceScopesSetting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforce_scopes: Option<bool>,
}

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/// One limit value (`key` in `namespace`); also `ErrorBody.limit` on 429 responses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Limit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Limit namespace, e.g. `platform.api` (kept as a string: the spec's enum keeps growing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
}

/// The limits of one namespace (`GET /api/v2/organizations/limits/namespaces/{ns}[/defaults]`);
/// not paged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LimitsEntityListing {
    #[serde(default)]
    pub entities: Vec<Limit>,
}

/// Limit documentation (`GET /api/v2/organizations/limits/docs`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LimitDocumentation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespaces: Option<Vec<NamespaceDocs>>,
}

/// Documentation of one limits namespace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NamespaceDocs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Vec<LimitDocs>>,
}

/// Documentation of one limit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LimitDocs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Whether the limit can be changed by a change request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configurable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trackable: Option<bool>,
}

/// Free-trial limit documentation (`GET /api/v2/organizations/limits/docs/freetrial`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FreeTrialLimitDocs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespaces: Option<Vec<FreeTrialNamespace>>,
}

/// Free-trial documentation of one limits namespace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FreeTrialNamespace {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Vec<FreeTrialLimit>>,
}

/// Free-trial documentation of one limit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FreeTrialLimit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
}

/// Body of the internal `POST /api/v2/organizations/limits/changerequests`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LimitChangeRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Limit key to be overridden (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Namespace the key belongs to (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Requested limit value (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_value: Option<f64>,
    /// Description of the need for the limit change request (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The support case url created by Care (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_case_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// A limit change request (`GET /api/v2/organizations/limits/changerequests/{requestId}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LimitChangeRequestDetails {
    /// The globally unique identifier for the object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Limit key to be overridden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Namespace the key belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Requested limit value for a given key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_value: Option<f64>,
    /// Description of the need for the limit change request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The support case url created by Care.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_case_url: Option<String>,
    /// Current status of the limit change request (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LimitChangeRequestStatus>,
    /// Current limit value for a given key (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_value: Option<f64>,
    /// The date of the limit change request creation (read-only).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_created: Option<DateTime<Utc>>,
    /// List of statuses that a limit change request has gone through (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_history: Option<Vec<StatusChange>>,
    /// The date of completion (ChangeImplemented, Rejected, or RollbackImplemented; read-only).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_completed: Option<DateTime<Utc>>,
    /// The reason for rejecting the limit override request (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<LimitRejectReason>,
    /// The approval breakdown for this override request (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_namespaces: Option<Vec<ApprovalNamespace>>,
    /// The URI for this object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// Status of a limit change request (also the `status` query parameter of
/// `GET /api/v2/organizations/limits/changerequests`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum LimitChangeRequestStatus {
    /// `Approved`
    #[serde(rename = "Approved")]
    Approved,
    /// `Rejected`
    #[serde(rename = "Rejected")]
    Rejected,
    /// `Rollback`
    #[serde(rename = "Rollback")]
    Rollback,
    /// `Pending`
    #[serde(rename = "Pending")]
    Pending,
    /// `Open`
    #[default]
    #[serde(rename = "Open")]
    Open,
    /// `SecondaryApprovalNamespacesAdded`
    #[serde(rename = "SecondaryApprovalNamespacesAdded")]
    SecondaryApprovalNamespacesAdded,
    /// `ReviewerApproved`
    #[serde(rename = "ReviewerApproved")]
    ReviewerApproved,
    /// `ReviewerRejected`
    #[serde(rename = "ReviewerRejected")]
    ReviewerRejected,
    /// `ReviewerRollback`
    #[serde(rename = "ReviewerRollback")]
    ReviewerRollback,
    /// `ImplementingChange`
    #[serde(rename = "ImplementingChange")]
    ImplementingChange,
    /// `ChangeImplemented`
    #[serde(rename = "ChangeImplemented")]
    ChangeImplemented,
    /// `ImplementingRollback`
    #[serde(rename = "ImplementingRollback")]
    ImplementingRollback,
    /// `RollbackImplemented`
    #[serde(rename = "RollbackImplemented")]
    RollbackImplemented,
}

impl LimitChangeRequestStatus {
    /// All statuses, in spec order.
    pub const ALL: [LimitChangeRequestStatus; 13] = [
        Self::Approved,
        Self::Rejected,
        Self::Rollback,
        Self::Pending,
        Self::Open,
        Self::SecondaryApprovalNamespacesAdded,
        Self::ReviewerApproved,
        Self::ReviewerRejected,
        Self::ReviewerRollback,
        Self::ImplementingChange,
        Self::ChangeImplemented,
        Self::ImplementingRollback,
        Self::RollbackImplemented,
    ];

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "Approved",
            Self::Rejected => "Rejected",
            Self::Rollback => "Rollback",
            Self::Pending => "Pending",
            Self::Open => "Open",
            Self::SecondaryApprovalNamespacesAdded => "SecondaryApprovalNamespacesAdded",
            Self::ReviewerApproved => "ReviewerApproved",
            Self::ReviewerRejected => "ReviewerRejected",
            Self::ReviewerRollback => "ReviewerRollback",
            Self::ImplementingChange => "ImplementingChange",
            Self::ChangeImplemented => "ChangeImplemented",
            Self::ImplementingRollback => "ImplementingRollback",
            Self::RollbackImplemented => "RollbackImplemented",
        }
    }

    /// Whether `dateCompleted` is set on reaching this status.
    pub fn is_completed(self) -> bool {
        matches!(
            self,
            Self::ChangeImplemented | Self::Rejected | Self::RollbackImplemented
        )
    }
}

impl std::str::FromStr for LimitChangeRequestStatus {
    type Err = ();

    /// Parses the exact wire spelling.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == s)
            .ok_or(())
    }
}

/// The reason for rejecting a limit change request.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum LimitRejectReason {
    /// `AlternativeExists`
    #[serde(rename = "AlternativeExists")]
    AlternativeExists,
    /// `IncreaseNotRequired`
    #[serde(rename = "IncreaseNotRequired")]
    IncreaseNotRequired,
    /// `PlatformMisuse`
    #[serde(rename = "PlatformMisuse")]
    PlatformMisuse,
    /// `PlatformStability`
    #[serde(rename = "PlatformStability")]
    PlatformStability,
    /// `OtherReason`
    #[default]
    #[serde(rename = "OtherReason")]
    OtherReason,
}

/// One status transition of a limit change request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// The date of this status change (read-only).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_status_changed: Option<DateTime<Utc>>,
    /// The status the change request transitioned to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LimitChangeRequestStatus>,
    /// The status the change request transitioned from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_status: Option<LimitChangeRequestStatus>,
    /// The namespace for the status change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// A short message describing the status change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The reason for rejecting the limit override request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<LimitRejectReason>,
}

/// The approval state of one namespace of a limit change request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalNamespace {
    /// The namespace of the associated approvers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The current namespace approval status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LimitChangeRequestStatus>,
    /// The type of namespace approval.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<ApprovalNamespaceType>,
}

/// `ApprovalNamespace.type`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum ApprovalNamespaceType {
    /// `Primary`
    #[default]
    #[serde(rename = "Primary")]
    Primary,
    /// `Secondary`
    #[serde(rename = "Secondary")]
    Secondary,
    /// `System`
    #[serde(rename = "System")]
    System,
}

/// Body of the internal `PATCH /api/v2/organizations/limits/changerequests/{requestId}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LimitChangeRequestUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LimitChangeRequestStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<LimitRejectReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_approval_namespaces: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// `GET /api/v2/organizations/limits/changerequests` (cursor-style, no page counts).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LimitChangeRequestsEntityListing {
    #[serde(default)]
    pub entities: Vec<LimitChangeRequestDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_uri: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Migrations (internal)
// ---------------------------------------------------------------------------------------------

/// An internal organization migration (`GET /api/v2/organizations/migrations/{name}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Migration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// When the migration became available (typed as a plain string in the internal SDK).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_available: Option<DateTime<Utc>>,
    /// When the migration is forced (typed as a plain string in the internal SDK).
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_due: Option<DateTime<Utc>>,
    /// Whether the organization may toggle it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configurable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// `GET /api/v2/organizations/migrations` (not paged).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MigrationListing {
    #[serde(default)]
    pub entities: Vec<Migration>,
}

/// `GET /api/v2/organizations/migrations/{name}/state`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MigrationState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// Body of `PATCH /api/v2/organizations/migrations/{name}` (inferred schema).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MigrationUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// The `migrationType` query parameter of `GET /api/v2/organizations/migrations`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum MigrationType {
    /// `Enabled`
    #[serde(rename = "Enabled")]
    Enabled,
    /// `Disabled`
    #[serde(rename = "Disabled")]
    Disabled,
    /// `All`
    #[default]
    #[serde(rename = "All")]
    All,
}

// ---------------------------------------------------------------------------------------------
// Field configuration
// ---------------------------------------------------------------------------------------------

/// Field configuration of an entity type (`GET /api/v2/fieldconfig?type=`; deprecated).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FieldConfig {
    /// The globally unique identifier for the object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<FieldConfigEntityType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<Section>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<String>,
    /// The URI for this object (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// `FieldConfig.entityType`, also the `type` query parameter of `GET /api/v2/fieldconfig`
/// (an unknown value is a 400 `bad.entity.type`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum FieldConfigEntityType {
    /// `person`
    #[default]
    #[serde(rename = "person")]
    Person,
    /// `group`
    #[serde(rename = "group")]
    Group,
    /// `org`
    #[serde(rename = "org")]
    Org,
}

/// A section of a [`FieldConfig`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_list: Option<Vec<FieldList>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// One field of a [`Section`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FieldList {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_labels: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_keys: Option<Vec<String>>,
    /// Free-form field parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeatable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr: Option<bool>,
}
