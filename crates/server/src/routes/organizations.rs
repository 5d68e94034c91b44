//! `/api/v2/organizations`: the organization itself.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use orgtrust_api::{
    FeatureState, Organization, OrganizationCreate, OrganizationFeatures, OrganizationState,
    ProductPlatform,
};
use orgtrust_core::model::{self, OrgState};
use orgtrust_core::organizations::{NewOrganization, OrganizationUpdate};
use orgtrust_core::secret::Secret;

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, OptionalJson};
use crate::response_cache::Read;
use crate::state::AppState;

/// The wire form of an organization.
pub fn to_wire(o: &model::Organization) -> Organization {
    Organization {
        id: Some(o.id.to_string()),
        name: Some(o.name.clone()),
        default_language: Some(o.default_language.clone()),
        default_country_code: Some(o.default_country_code.clone()),
        third_party_org_name: Some(o.third_party_org_name.clone()),
        third_party_uri: o.third_party_uri.clone(),
        domain: o.domain.clone(),
        features: Some(o.features.clone()),
        version: Some(o.version),
        state: Some(match o.state {
            OrgState::Active => OrganizationState::Active,
            OrgState::Inactive => OrganizationState::Inactive,
            OrgState::Deleted => OrganizationState::Deleted,
        }),
        default_site_id: o.default_site_id.clone(),
        support_uri: o.support_uri.clone(),
        voicemail_enabled: o.voicemail_enabled,
        product_platform: Some(ProductPlatform::GenesysCloud),
        self_uri: Some("/api/v2/organizations/me".into()),
    }
}

/// `GET /api/v2/organizations/me` (any valid token).
/// The same for every caller of the organization, so its answer is kept per generation
/// (response_cache.rs).
pub async fn get_me(State(state): State<AppState>, auth: Auth) -> ApiResult<Response> {
    let p = &auth.caller;
    let generation = state.app.organizations.org_generation(p);
    let fill =
        async { Ok::<_, ApiError>(to_wire(&state.app.organizations.organization_me(p).await?)) };
    state
        .responses
        .answer(&p.org_id, generation, Read::OrganizationMe, fill)
        .await
}

/// `PUT /api/v2/organizations/me`: needs the current `version`; read-only fields are ignored.
pub async fn put_me(
    State(state): State<AppState>,
    auth: Auth,
    OptionalJson(body): OptionalJson<Organization>,
) -> ApiResult<axum::Json<Organization>> {
    let p = &auth.caller;
    let body = body.unwrap_or_default();
    let update = OrganizationUpdate {
        version: body.version,
        name: body.name,
        default_language: body.default_language,
        default_country_code: body.default_country_code,
        third_party_uri: body.third_party_uri,
        domain: body.domain,
        default_site_id: body.default_site_id,
        support_uri: body.support_uri,
        voicemail_enabled: body.voicemail_enabled,
    };
    let org = state
        .app
        .organizations
        .update_organization_me(p, &auth.meta, &update)
        .await?;
    Ok(axum::Json(to_wire(&org)))
}

/// `PATCH /api/v2/organizations/features/{featureName}` with `{"enabled": bool}`.
pub async fn patch_feature(
    State(state): State<AppState>,
    auth: Auth,
    Path(feature): Path<String>,
    Json(body): Json<FeatureState>,
) -> ApiResult<axum::Json<OrganizationFeatures>> {
    let p = &auth.caller;
    let features = state
        .app
        .organizations
        .set_feature(p, &auth.meta, &feature, body.enabled)
        .await?;
    Ok(axum::Json(OrganizationFeatures::from_map(&features)))
}

/// The internal `POST /api/v2/organizations`.
pub async fn post(
    State(state): State<AppState>,
    auth: Auth,
    OptionalJson(body): OptionalJson<OrganizationCreate>,
) -> ApiResult<axum::Json<Organization>> {
    let p = &auth.caller;
    let body = body.unwrap_or_default();
    let new = NewOrganization {
        name: body.name,
        admin_username: body.admin_username,
        admin_password: body.admin_password.map(Secret::new),
        domain: body.domain,
        third_party_org_name: body.third_party_org_name,
        features: body.organization_features.unwrap_or_default(),
    };
    let org = state
        .app
        .organizations
        .create_organization(p, &auth.meta, &new)
        .await?;
    let mut wire = to_wire(&org);
    // The caller is not in the new organization, so `/organizations/me` is not its address.
    wire.self_uri = None;
    Ok(axum::Json(wire))
}

/// The internal `DELETE /api/v2/organizations/me`: terminates the caller's organization.
pub async fn delete_me(State(state): State<AppState>, auth: Auth) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .organizations
        .terminate_organization_me(p, &auth.meta)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
