//! `POST /oauth/token`: the token endpoint the SDKs call (client credentials and password grants,
//! the password grant with `target` and the RFC 8693 token exchange into a trustor organization,
//! the authorization code grant of the browser sign-in),
//! answering in RFC 6749 JSON rather than `ErrorBody`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use orgtrust_api::{oauth_errors, OAuthError, TokenResponse};
use orgtrust_core::auth::LoginError;
use orgtrust_core::browser_sign_in::CodeExchange;
use orgtrust_core::secret::Secret;
use orgtrust_core::trust_sign_in::{TokenExchange, TOKEN_EXCHANGE};

use crate::extract::Meta;
use crate::state::AppState;

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut response = (status, axum::Json(OAuthError::new(error, description))).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"orgtrust\""),
        );
    }
    response
}

/// The RFC 6749 response for a refused token request.
fn login_error(e: LoginError) -> Response {
    match e {
        LoginError::InvalidClient => oauth_error(
            StatusCode::UNAUTHORIZED,
            oauth_errors::INVALID_CLIENT,
            "client authentication failed",
        ),
        LoginError::InvalidGrant(m) => {
            oauth_error(StatusCode::BAD_REQUEST, oauth_errors::INVALID_GRANT, &m)
        }
        LoginError::UnsupportedGrantType(g) => oauth_error(
            StatusCode::BAD_REQUEST,
            oauth_errors::UNSUPPORTED_GRANT_TYPE,
            &format!("grant type [{g}] is not supported"),
        ),
        LoginError::UnauthorizedClient(m) => oauth_error(
            StatusCode::BAD_REQUEST,
            oauth_errors::UNAUTHORIZED_CLIENT,
            &m,
        ),
        LoginError::InvalidRequest(m) => {
            oauth_error(StatusCode::BAD_REQUEST, oauth_errors::INVALID_REQUEST, &m)
        }
        LoginError::InvalidTarget(m) => {
            oauth_error(StatusCode::BAD_REQUEST, oauth_errors::INVALID_TARGET, &m)
        }
        LoginError::AddressNotAllowed(m) => oauth_error(StatusCode::FORBIDDEN, "access_denied", &m),
        e @ LoginError::TooManyRequests {
            retry_after_secs, ..
        } => {
            let mut response = oauth_error(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                &e.to_string(),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            response
        }
        LoginError::Internal(e) => {
            tracing::error!(error = %e, "token request failed");
            oauth_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "the server could not issue a token",
            )
        }
    }
}

/// The form fields of a token request.
struct Form(Vec<(String, String)>);

impl Form {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn require(&self, name: &str) -> Result<&str, LoginError> {
        self.get(name).filter(|v| !v.is_empty()).ok_or_else(|| {
            LoginError::InvalidRequest(format!("the parameter [{name}] is required"))
        })
    }
}

/// Client authentication: HTTP Basic, or `client_id`/`client_secret` in the form.
fn client_auth(headers: &HeaderMap, form: &Form) -> Result<(String, Secret), LoginError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let value = value.to_str().map_err(|_| LoginError::InvalidClient)?;
        let (scheme, encoded) = value.split_once(' ').ok_or(LoginError::InvalidClient)?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return Err(LoginError::InvalidClient);
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| LoginError::InvalidClient)?;
        let decoded = String::from_utf8(decoded).map_err(|_| LoginError::InvalidClient)?;
        // No client id or secret holds a NUL (core::input): such a header names no client.
        if decoded.contains('\0') {
            return Err(LoginError::InvalidClient);
        }
        let (id, secret) = decoded.split_once(':').ok_or(LoginError::InvalidClient)?;
        return Ok((id.to_owned(), Secret::new(secret)));
    }
    match (form.get("client_id"), form.get("client_secret")) {
        (Some(id), Some(secret)) => Ok((id.to_owned(), Secret::new(secret))),
        _ => Err(LoginError::InvalidClient),
    }
}

/// Does the request try to authenticate a client (Basic header or `client_id` in the form)?
fn has_client_auth(headers: &HeaderMap, form: &Form) -> bool {
    headers.contains_key(header::AUTHORIZATION) || form.get("client_id").is_some()
}

/// The RFC 8693 parameters: `subject_token`, its type, and the trustor organization as
/// `target` (the Genesys login flow's name) or `audience` (RFC 8693's); both must agree.
fn exchange_request(
    form: &Form,
    client: Option<(String, Secret)>,
) -> Result<TokenExchange<'_>, LoginError> {
    let subject_token = form.require("subject_token")?;
    let target = match (
        form.get("target").filter(|t| !t.is_empty()),
        form.get("audience").filter(|t| !t.is_empty()),
    ) {
        (Some(t), Some(a)) if t != a => {
            return Err(LoginError::InvalidRequest(
                "the parameters [target] and [audience] name different organizations".into(),
            ))
        }
        (Some(t), _) | (None, Some(t)) => t,
        (None, None) => {
            return Err(LoginError::InvalidRequest(
                "the parameter [target] (or [audience]) is required".into(),
            ))
        }
    };
    Ok(TokenExchange {
        client,
        subject_token,
        subject_token_type: form.get("subject_token_type"),
        requested_token_type: form.get("requested_token_type"),
        target,
    })
}

/// `POST /oauth/token`.
pub async fn token(
    State(state): State<AppState>,
    Meta(meta): Meta,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body) {
        Ok(pairs) => Form(pairs),
        Err(_) => {
            return login_error(LoginError::InvalidRequest(
                "the body must be application/x-www-form-urlencoded".into(),
            ))
        }
    };
    // Where input enters, once (core::input): no NUL in a parameter.
    if let Some(name) =
        orgtrust_core::input::nul_in_pairs(form.0.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    {
        return login_error(LoginError::InvalidRequest(format!(
            "the parameter [{name}] contains a NUL character (U+0000), which is not allowed"
        )));
    }
    // The token endpoint's own limit, before anything is verified or written.
    // Client authentication is read once (its only refusal is `invalid_client`): its client id
    // is what the limit counts, and each grant below takes it when it needs it.
    let parsed_client = client_auth(&headers, &form).ok();
    let client_id = parsed_client.as_ref().map(|(id, _)| id.as_str());
    if let Err(e) = state.app.auth.admit_token_request(client_id, &meta) {
        return login_error(e);
    }
    let authenticated = || parsed_client.clone().ok_or(LoginError::InvalidClient);
    let result = async {
        let grant_type = form.require("grant_type")?;
        if grant_type == TOKEN_EXCHANGE {
            // The subject token is the credential; client authentication is optional (RFC 8693).
            let client = if has_client_auth(&headers, &form) {
                Some(authenticated()?)
            } else {
                None
            };
            return state
                .app
                .auth
                .token_exchange_grant(exchange_request(&form, client)?, &meta)
                .await;
        }
        if grant_type == "authorization_code" {
            // Browser apps with PKCE send only client_id; confidential clients authenticate.
            let client = if headers.contains_key(header::AUTHORIZATION)
                || form.get("client_secret").is_some()
            {
                Some(authenticated()?)
            } else {
                None
            };
            let exchange = CodeExchange {
                client,
                client_id: form.get("client_id").filter(|v| !v.is_empty()),
                code: form.require("code")?,
                redirect_uri: form.get("redirect_uri").filter(|v| !v.is_empty()),
                code_verifier: form.get("code_verifier").filter(|v| !v.is_empty()),
            };
            return state.app.auth.authorization_code_grant(exchange, &meta).await;
        }
        let (client_id, secret) = authenticated()?;
        match grant_type {
            "client_credentials" => {
                if form.get("target").is_some_and(|t| !t.is_empty()) {
                    // Trusts admit users; a client acts only in its own organization.
                    return Err(LoginError::InvalidRequest(
                        "the parameter [target] is for users (password grant or token exchange), not client credentials".into(),
                    ));
                }
                state
                    .app
                    .auth
                    .client_credentials_grant(&client_id, &secret, &meta)
                    .await
            }
            "password" => {
                let username = form.require("username")?;
                let password = Secret::new(form.require("password")?);
                match form.get("target").filter(|t| !t.is_empty()) {
                    Some(target) => {
                        state
                            .app
                            .auth
                            .password_grant_to(
                                &client_id, &secret, username, &password, target, &meta,
                            )
                            .await
                    }
                    None => {
                        state
                            .app
                            .auth
                            .password_grant(&client_id, &secret, username, &password, &meta)
                            .await
                    }
                }
            }

            other => Err(LoginError::UnsupportedGrantType(other.to_owned())),
        }
    }
    .await;
    match result {
        Ok(issued) => {
            let mut body = TokenResponse::bearer(issued.access_token.expose(), issued.expires_in);
            body.issued_token_type = issued.issued_token_type.map(str::to_owned);
            let mut response = axum::Json(body).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(e) => login_error(e),
    }
}
