//! `/api/v2/organizations/authentication/settings` and its deprecated aliases (`whitelist`,
//! `embeddedintegration`, `ipaddressauthentication`, `passwordrequirements`, `enforcescopes`):
//! every route reads and writes the one settings document of the caller's organization.

use axum::extract::State;
use orgtrust_api::{
    EmbeddedIntegration, EnforceScopesSetting, IpAddressAuthentication, OrgAuthSettings,
    OrgWhitelistSettings, PasswordRequirements, TokenStorageLocation,
};
use orgtrust_core::org_settings::{OrgSettings, PasswordRequirementsPatch, SettingsPatch};
use orgtrust_core::password::PasswordPolicy;

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::state::AppState;

fn requirements_to_wire(p: &PasswordPolicy) -> PasswordRequirements {
    let n = |v: u32| Some(i32::try_from(v).unwrap_or(i32::MAX));
    PasswordRequirements {
        minimum_length: n(p.minimum_length),
        minimum_digits: n(p.minimum_digits),
        minimum_letters: n(p.minimum_letters),
        minimum_upper: n(p.minimum_upper),
        minimum_lower: n(p.minimum_lower),
        minimum_specials: n(p.minimum_specials),
        minimum_age_seconds: n(p.minimum_age_seconds),
        expiration_days: n(p.expiration_days),
    }
}

fn requirements_patch(p: PasswordRequirements) -> PasswordRequirementsPatch {
    let n = |v: Option<i32>| v.map(i64::from);
    PasswordRequirementsPatch {
        minimum_length: n(p.minimum_length),
        minimum_digits: n(p.minimum_digits),
        minimum_letters: n(p.minimum_letters),
        minimum_upper: n(p.minimum_upper),
        minimum_lower: n(p.minimum_lower),
        minimum_specials: n(p.minimum_specials),
        minimum_age_seconds: n(p.minimum_age_seconds),
        expiration_days: n(p.expiration_days),
    }
}

/// The wire form of the settings.
pub fn to_wire(s: &OrgSettings) -> OrgAuthSettings {
    OrgAuthSettings {
        multifactor_authentication_required: Some(s.multifactor_authentication_required),
        domain_allowlist_enabled: Some(s.domain_allowlist_enabled),
        domain_allowlist: Some(s.domain_allowlist.clone()),
        ip_address_allowlist: Some(s.ip_address_allowlist.clone()),
        password_requirements: Some(requirements_to_wire(&s.password_requirements)),
        inactivity_timeout_exclusions: Some(s.inactivity_timeout_exclusions.clone()),
        universal_logout: Some(s.universal_logout),
        token_storage_location: Some(if s.token_storage_location == "session" {
            TokenStorageLocation::Session
        } else {
            TokenStorageLocation::Persistent
        }),
    }
}

async fn read(state: &AppState, auth: &Auth) -> ApiResult<OrgSettings> {
    let p = &auth.caller;
    Ok((*state.app.org_settings.settings(p).await?).clone())
}

async fn write(state: &AppState, auth: &Auth, patch: SettingsPatch) -> ApiResult<OrgSettings> {
    let p = &auth.caller;
    Ok((*state
        .app
        .org_settings
        .patch_settings(p, &auth.meta, &patch)
        .await?)
        .clone())
}

/// `GET /api/v2/organizations/authentication/settings`.
pub async fn get_settings(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<OrgAuthSettings>> {
    let s = read(&state, &auth).await?;
    Ok(axum::Json(to_wire(&s)))
}

/// `PATCH /api/v2/organizations/authentication/settings` (absent fields keep their value).
pub async fn patch_settings(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<OrgAuthSettings>,
) -> ApiResult<axum::Json<OrgAuthSettings>> {
    let patch = SettingsPatch {
        multifactor_authentication_required: body.multifactor_authentication_required,
        domain_allowlist_enabled: body.domain_allowlist_enabled,
        domain_allowlist: body.domain_allowlist,
        ip_address_allowlist: body.ip_address_allowlist,
        password_requirements: body.password_requirements.map(requirements_patch),
        inactivity_timeout_exclusions: body.inactivity_timeout_exclusions,
        universal_logout: body.universal_logout,
        token_storage_location: body.token_storage_location.map(|t| match t {
            TokenStorageLocation::Persistent => "persistent".to_owned(),
            TokenStorageLocation::Session => "session".to_owned(),
        }),
        enforce_scopes: None,
    };
    let s = write(&state, &auth, patch).await?;
    Ok(axum::Json(to_wire(&s)))
}

fn domain_patch(enable: Option<bool>, domains: Option<Vec<String>>) -> SettingsPatch {
    SettingsPatch {
        domain_allowlist_enabled: enable,
        domain_allowlist: domains,
        ..SettingsPatch::default()
    }
}

/// `GET /api/v2/organizations/whitelist` (deprecated alias of the domain allowlist).
pub async fn get_whitelist(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<OrgWhitelistSettings>> {
    let s = read(&state, &auth).await?;
    Ok(axum::Json(OrgWhitelistSettings {
        enable_whitelist: Some(s.domain_allowlist_enabled),
        domain_whitelist: Some(s.domain_allowlist),
    }))
}

/// `PUT /api/v2/organizations/whitelist`.
pub async fn put_whitelist(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<OrgWhitelistSettings>,
) -> ApiResult<axum::Json<OrgWhitelistSettings>> {
    let patch = domain_patch(body.enable_whitelist, body.domain_whitelist);
    let s = write(&state, &auth, patch).await?;
    Ok(axum::Json(OrgWhitelistSettings {
        enable_whitelist: Some(s.domain_allowlist_enabled),
        domain_whitelist: Some(s.domain_allowlist),
    }))
}

/// `GET /api/v2/organizations/embeddedintegration` (deprecated alias of the domain allowlist).
pub async fn get_embedded_integration(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<EmbeddedIntegration>> {
    let s = read(&state, &auth).await?;
    Ok(axum::Json(EmbeddedIntegration {
        enable_whitelist: Some(s.domain_allowlist_enabled),
        domain_whitelist: Some(s.domain_allowlist),
    }))
}

/// `PUT /api/v2/organizations/embeddedintegration`.
pub async fn put_embedded_integration(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<EmbeddedIntegration>,
) -> ApiResult<axum::Json<EmbeddedIntegration>> {
    let patch = domain_patch(body.enable_whitelist, body.domain_whitelist);
    let s = write(&state, &auth, patch).await?;
    Ok(axum::Json(EmbeddedIntegration {
        enable_whitelist: Some(s.domain_allowlist_enabled),
        domain_whitelist: Some(s.domain_allowlist),
    }))
}

/// `GET /api/v2/organizations/ipaddressauthentication` (deprecated alias of the IP allowlist).
pub async fn get_ip_address_authentication(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<IpAddressAuthentication>> {
    let s = read(&state, &auth).await?;
    Ok(axum::Json(IpAddressAuthentication {
        network_whitelist: Some(s.ip_address_allowlist),
    }))
}

/// `PUT /api/v2/organizations/ipaddressauthentication`.
pub async fn put_ip_address_authentication(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<IpAddressAuthentication>,
) -> ApiResult<axum::Json<IpAddressAuthentication>> {
    // A PUT replaces: an absent list is the empty one (every address allowed).
    let patch = SettingsPatch {
        ip_address_allowlist: Some(body.network_whitelist.unwrap_or_default()),
        ..SettingsPatch::default()
    };
    let s = write(&state, &auth, patch).await?;
    Ok(axum::Json(IpAddressAuthentication {
        network_whitelist: Some(s.ip_address_allowlist),
    }))
}

/// `GET /api/v2/organizations/passwordrequirements` (internal, deprecated alias).
pub async fn get_password_requirements(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<PasswordRequirements>> {
    let s = read(&state, &auth).await?;
    Ok(axum::Json(requirements_to_wire(&s.password_requirements)))
}

/// `PUT /api/v2/organizations/passwordrequirements`.
pub async fn put_password_requirements(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<PasswordRequirements>,
) -> ApiResult<axum::Json<PasswordRequirements>> {
    let patch = SettingsPatch {
        password_requirements: Some(requirements_patch(body)),
        ..SettingsPatch::default()
    };
    let s = write(&state, &auth, patch).await?;
    Ok(axum::Json(requirements_to_wire(&s.password_requirements)))
}

/// `GET /api/v2/organizations/enforcescopes` (internal, deprecated).
pub async fn get_enforce_scopes(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<EnforceScopesSetting>> {
    let s = read(&state, &auth).await?;
    Ok(axum::Json(EnforceScopesSetting {
        enforce_scopes: Some(s.enforce_scopes),
    }))
}

/// `PUT /api/v2/organizations/enforcescopes`: from the next request, tokens of the organization
/// hold their role permissions intersected with their client's authorized scopes.
pub async fn put_enforce_scopes(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<EnforceScopesSetting>,
) -> ApiResult<axum::Json<EnforceScopesSetting>> {
    let enforce = body.enforce_scopes.ok_or_else(|| {
        crate::error::ApiError::invalid_value(
            "enforceScopes",
            "",
            "The field [enforceScopes] is required.",
        )
    })?;
    let patch = SettingsPatch {
        enforce_scopes: Some(enforce),
        ..SettingsPatch::default()
    };
    let s = write(&state, &auth, patch).await?;
    Ok(axum::Json(EnforceScopesSetting {
        enforce_scopes: Some(s.enforce_scopes),
    }))
}
