//! `/api/v2/tokens/me`: who the caller is, and revoking the caller's own token.

use axum::extract::State;
use axum::http::StatusCode;
use orgtrust_api::{Entity, NamedEntity, OrgOAuthClient, TokenInfo, TokenInfoClonedUser};

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::state::AppState;

/// `GET /api/v2/tokens/me`.
pub async fn get_me(State(state): State<AppState>, auth: Auth) -> ApiResult<axum::Json<TokenInfo>> {
    let p = &auth.caller;
    let org = state
        .app
        .organizations
        .organization_name(p, &p.org_id)
        .await?;
    let home = state
        .app
        .organizations
        .organization_name(p, &p.home_org_id)
        .await?;
    Ok(axum::Json(TokenInfo {
        organization: Some(NamedEntity {
            id: Some(p.org_id.to_string()),
            name: Some(org.clone()),
        }),
        home_organization: Some(NamedEntity {
            id: Some(p.home_org_id.to_string()),
            name: Some(home.clone()),
        }),
        authorized_scope: Some(state.app.auth.authorized_scope(p).await?),
        // The SDK's TokenInfoClonedUser names the original native user and its organization.
        cloned_user: p.cloned_user_id.as_ref().map(|_| TokenInfoClonedUser {
            id: p.user_id().map(ToString::to_string),
            organization: Some(Entity {
                id: Some(p.home_org_id.to_string()),
            }),
        }),
        date_token_idles: None,
        oauth_client: Some(OrgOAuthClient {
            id: Some(p.client_id.to_string()),
            name: Some(p.client_name.clone()),
            organization: Some(NamedEntity {
                id: Some(p.home_org_id.to_string()),
                name: Some(home),
            }),
            ..OrgOAuthClient::default()
        }),
    }))
}

/// `DELETE /api/v2/tokens/me`.
pub async fn delete_me(State(state): State<AppState>, auth: Auth) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .auth
        .revoke_token(auth.bearer.expose(), p, &auth.meta)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
