//! Logging in: the OAuth token endpoint (`POST /oauth/token`) with the client-credentials,
//! password and token-exchange grants.

use orgtrust_api::{OAuthError, TokenResponse};
use reqwest::header::ACCEPT;

use crate::{correlation_id, error_body, Client, ClientError, Result};

/// The RFC 8693 token-exchange grant type.
pub const TOKEN_EXCHANGE_GRANT: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
/// The RFC 8693 token type of an access token (the `subject_token_type` sent).
pub const TOKEN_TYPE_ACCESS_TOKEN: &str = "urn:ietf:params:oauth:token-type:access_token";

impl Client {
    /// Logs in as an OAuth client (`grant_type=client_credentials`, client authenticated with
    /// HTTP Basic). The token is kept for the following calls and returned.
    ///
    /// # Errors
    /// [`ClientError::OAuth`] with `invalid_client` for a wrong id or secret.
    pub async fn login_client_credentials(
        &self,
        client_id: &str,
        client_secret: &str,
    ) -> Result<TokenResponse> {
        self.token_grant(
            client_id,
            client_secret,
            &[("grant_type", "client_credentials")],
        )
        .await
    }

    /// Logs in as a user of the client's organization (`grant_type=password`). With `target`
    /// (an organization id), asks for a token acting in that organization through a trust, as
    /// Genesys' `target` login parameter does. The token is kept and returned.
    ///
    /// # Errors
    /// [`ClientError::OAuth`] with `invalid_grant` for a wrong username or password.
    pub async fn login_password(
        &self,
        client_id: &str,
        client_secret: &str,
        username: &str,
        password: &str,
        target: Option<&str>,
    ) -> Result<TokenResponse> {
        let mut form = vec![
            ("grant_type", "password"),
            ("username", username),
            ("password", password),
        ];
        if let Some(t) = target {
            form.push(("target", t));
        }
        self.token_grant(client_id, client_secret, &form).await
    }

    /// Exchanges `subject_token` for a token acting in the organization `target` (RFC 8693:
    /// `grant_type=urn:ietf:params:oauth:grant-type:token-exchange`, `subject_token_type` an
    /// access token). The target is sent both as RFC 8693's `audience` and as Genesys' `target`
    /// so a server reading either understands it. The new token is kept and returned.
    ///
    /// # Errors
    /// [`ClientError::OAuth`] when the server refuses the exchange.
    pub async fn exchange_token(
        &self,
        client_id: &str,
        client_secret: &str,
        subject_token: &str,
        target: &str,
    ) -> Result<TokenResponse> {
        self.token_grant(
            client_id,
            client_secret,
            &[
                ("grant_type", TOKEN_EXCHANGE_GRANT),
                ("subject_token", subject_token),
                ("subject_token_type", TOKEN_TYPE_ACCESS_TOKEN),
                ("audience", target),
                ("target", target),
            ],
        )
        .await
    }

    /// `POST /oauth/token` with Basic client authentication; keeps the token on success.
    /// Never retried: a token request is a `POST`.
    async fn token_grant(
        &self,
        client_id: &str,
        client_secret: &str,
        form: &[(&str, &str)],
    ) -> Result<TokenResponse> {
        let resp = self
            .http
            .post(format!("{}/oauth/token", self.config.base_url))
            .header(ACCEPT, "application/json")
            .basic_auth(client_id, Some(client_secret))
            .form(form)
            .send()
            .await?;
        let status = resp.status().as_u16();
        let correlation_id = correlation_id(resp.headers());
        let text = resp.text().await?;
        if (200..300).contains(&status) {
            let token: TokenResponse =
                serde_json::from_str(&text).map_err(|e| ClientError::Decode {
                    status,
                    message: e.to_string(),
                })?;
            self.set_token(Some(token.access_token.clone()));
            return Ok(token);
        }
        // The token endpoint speaks RFC 6749 errors; anything else is a platform error body.
        match serde_json::from_str::<OAuthError>(&text) {
            Ok(error) if !error.error.is_empty() => Err(ClientError::OAuth { status, error }),
            _ => Err(ClientError::Api {
                status,
                body: Box::new(error_body(status, text)),
                correlation_id,
                retry_after: None,
            }),
        }
    }
}
