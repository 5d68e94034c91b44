//! `/api/v2/organizations`: the organization itself.

use axum::extract::State;
use orgtrust_api::{Organization, OrganizationState, ProductPlatform};
use orgtrust_core::model::{self, OrgState};

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::operations as op;
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
pub async fn get_me(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<Organization>> {
    let p = auth.authorize(&op::GET_ORGANIZATIONS_ME)?;
    Ok(axum::Json(to_wire(&state.app.organization_me(p).await?)))
}
