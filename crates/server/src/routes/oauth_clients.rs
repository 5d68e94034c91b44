//! `/api/v2/oauth/clients`: the organization's OAuth clients (integrations). The secret appears
//! only in the answers to creation and to `POST .../secret`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use orgtrust_api::{
    GrantType, OAuthClient, OAuthClientEntityListing, OAuthClientRequest, OAuthClientState,
    RoleDivision,
};
use orgtrust_core::directory::{ClientInput, ClientWithGrants, GrantPair};
use orgtrust_core::ids::ClientId;
use orgtrust_core::secret::Secret;

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::{Json, Query};
use crate::paging::Page;
use crate::routes::authorization::page_of;
use crate::state::AppState;

fn grant_type_str(g: GrantType) -> &'static str {
    match g {
        GrantType::Code => "CODE",
        GrantType::Token => "TOKEN",
        GrantType::Saml2Bearer => "SAML2-BEARER",
        GrantType::Password => "PASSWORD",
        GrantType::ClientCredentials => "CLIENT-CREDENTIALS",
    }
}

fn grant_type(s: &str) -> Option<GrantType> {
    Some(match s {
        "CODE" => GrantType::Code,
        "TOKEN" => GrantType::Token,
        "SAML2-BEARER" => GrantType::Saml2Bearer,
        "PASSWORD" => GrantType::Password,
        "CLIENT-CREDENTIALS" => GrantType::ClientCredentials,
        _ => return None,
    })
}

fn state_str(s: OAuthClientState) -> &'static str {
    match s {
        OAuthClientState::Active => "active",
        OAuthClientState::Disabled => "disabled",
        OAuthClientState::Inactive => "inactive",
    }
}

/// The wire form of a client, with its secret when it is being shown.
pub fn to_wire(c: &ClientWithGrants, secret: Option<&Secret>) -> OAuthClient {
    let client = &c.client;
    OAuthClient {
        id: Some(client.id.to_string()),
        name: Some(client.name.clone()),
        access_token_validity_seconds: Some(client.access_token_validity_seconds.unwrap_or(86_400)),
        description: client.description.clone(),
        registered_redirect_uri: Some(client.registered_redirect_uris.clone()),
        secret: secret.map(|s| s.expose().to_owned()),
        role_ids: None,
        date_created: Some(client.date_created),
        // A client registered for several grants (fixtures) shows the first; the API registers one.
        authorized_grant_type: client
            .authorized_grant_types
            .first()
            .and_then(|g| grant_type(g)),
        scope: Some(client.scope.clone()),
        role_divisions: Some(
            c.grants
                .iter()
                .map(|g| RoleDivision {
                    role_id: Some(g.role_id.to_string()),
                    division_id: Some(g.division.as_key().to_owned()),
                })
                .collect(),
        ),
        state: Some(match client.state.as_str() {
            "active" => OAuthClientState::Active,
            "disabled" => OAuthClientState::Disabled,
            _ => OAuthClientState::Inactive,
        }),
        self_uri: Some(format!("/api/v2/oauth/clients/{}", client.id)),
        ..OAuthClient::default()
    }
}

fn input(body: OAuthClientRequest) -> ClientInput {
    ClientInput {
        name: body.name,
        description: body.description,
        grant_type: body
            .authorized_grant_type
            .map(|g| grant_type_str(g).to_owned()),
        scope: body.scope,
        redirect_uris: body.registered_redirect_uri,
        validity_seconds: body.access_token_validity_seconds,
        state: body.state.map(|s| state_str(s).to_owned()),
        role_divisions: body.role_divisions.map(|pairs| {
            pairs
                .into_iter()
                .map(|p| GrantPair {
                    role_id: p.role_id,
                    division_id: p.division_id,
                })
                .collect()
        }),
        role_ids: body.role_ids,
    }
}

/// `GET /api/v2/oauth/clients`.
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    q: Query,
) -> ApiResult<axum::Json<OAuthClientEntityListing>> {
    let p = &auth.caller;
    let page = Page::from_query(&q, 25)?;
    let (clients, total) = page_of(&page, state.app.directory.oauth_clients(p).await?);
    let entities = clients.iter().map(|c| to_wire(c, None)).collect();
    Ok(axum::Json(page.listing(
        entities,
        total,
        "/api/v2/oauth/clients",
    )))
}

/// `GET /api/v2/oauth/clients/{clientId}` (never the secret).
pub async fn get(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<OAuthClient>> {
    let p = &auth.caller;
    let client = state
        .app
        .directory
        .oauth_client(p, &ClientId::new(id))
        .await?;
    Ok(axum::Json(to_wire(&client, None)))
}

/// `POST /api/v2/oauth/clients`: the answer carries the secret, once.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<OAuthClientRequest>,
) -> ApiResult<axum::Json<OAuthClient>> {
    let p = &auth.caller;
    let (client, secret) = state
        .app
        .directory
        .create_oauth_client(p, &auth.meta, input(body))
        .await?;
    Ok(axum::Json(to_wire(&client, Some(&secret))))
}

/// `PUT /api/v2/oauth/clients/{clientId}`.
pub async fn put(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(body): Json<OAuthClientRequest>,
) -> ApiResult<axum::Json<OAuthClient>> {
    let p = &auth.caller;
    let client = state
        .app
        .directory
        .update_oauth_client(p, &auth.meta, &ClientId::new(id), input(body))
        .await?;
    Ok(axum::Json(to_wire(&client, None)))
}

/// `DELETE /api/v2/oauth/clients/{clientId}`: its tokens stop working at once.
pub async fn delete(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let p = &auth.caller;
    state
        .app
        .directory
        .delete_oauth_client(p, &auth.meta, &ClientId::new(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v2/oauth/clients/{clientId}/secret`: a new secret, shown once.
pub async fn regenerate_secret(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<OAuthClient>> {
    let p = &auth.caller;
    let (client, secret) = state
        .app
        .directory
        .regenerate_oauth_client_secret(p, &auth.meta, &ClientId::new(id))
        .await?;
    Ok(axum::Json(to_wire(&client, Some(&secret))))
}
