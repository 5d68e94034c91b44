//! `/api/v2/orgauthorization/pairings`: the trustee's trust requests.

use axum::extract::{Path, State};
use orgtrust_api::{TrustRequest, TrustRequestCreate};
use orgtrust_core::orgauth::PairingView;

use super::{org_user, pairing_user, trust_group};
use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::routes::organizations;
use crate::state::AppState;

fn to_wire(v: &PairingView) -> TrustRequest {
    TrustRequest {
        id: Some(v.pairing.id.to_string()),
        created_by: Some(org_user(&v.pairing.created_by)),
        date_created: Some(v.pairing.date_created),
        trustee: Some(organizations::to_wire(&v.trustee)),
        users: Some(
            v.users
                .iter()
                .map(|u| {
                    let division = v.divisions.iter().find(|d| d.id == u.division_id);
                    pairing_user(u, division.map(|d| d.name.as_str()))
                })
                .collect(),
        ),
        groups: Some(v.groups.iter().map(|g| trust_group(g, None)).collect()),
        self_uri: Some(format!(
            "/api/v2/orgauthorization/pairings/{}",
            v.pairing.id
        )),
    }
}

/// `POST /api/v2/orgauthorization/pairings`.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<TrustRequestCreate>,
) -> ApiResult<axum::Json<TrustRequest>> {
    let p = &auth.caller;
    let view = state
        .app
        .orgauth
        .create_pairing(
            p,
            &auth.meta,
            body.user_ids.unwrap_or_default(),
            body.group_ids.unwrap_or_default(),
        )
        .await?;
    Ok(axum::Json(to_wire(&view)))
}

/// `GET /api/v2/orgauthorization/pairings/{pairingId}`.
pub async fn get(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<TrustRequest>> {
    let p = &auth.caller;
    Ok(axum::Json(to_wire(
        &state.app.orgauth.pairing(p, &id).await?,
    )))
}
