//! Browser sign-in (`GET/POST /oauth/authorize`): the grants the Genesys login service offers
//! browser apps. The authorization code grant (with PKCE S256, required for clients that do not
//! authenticate at the token endpoint) and the implicit grant, the redirect URI checked against
//! the client's registered ones, `state` echoed, and `target` or a chosen organization to act in
//! a trustor organization (through [`crate::trust_sign_in`]).
//!
//! Codes and "choose an organization" tickets are random secrets handed to the browser; the store
//! keeps only their SHA-256 digests, takes each once, and refuses them after a short lifetime by
//! the App clock. The password is checked with the lockout rules of [`crate::lockout`]; the IP
//! allowlist of the organization the token will act in governs, as for the password grant.

use base64::Engine;
use chrono::Duration;
use sha2::{Digest, Sha256};

use crate::audit::{Actor, AuditEvent};
use crate::auth::Authentication;
use crate::auth::{IssuedToken, LoginError, TokenBounds};
use crate::error::Error;
use crate::ids::{ClientId, OrgId, UserId};
use crate::model::OAuthClient;
use crate::request::RequestMeta;
use crate::secret::{new_bearer_token, Secret, TokenDigest};
use crate::store::{ClientCredentials, PendingAuthorization, PendingKind, TokenSelector};
use crate::token::TokenSubject;

/// The authorization code grant type a client must be registered for (Genesys spelling).
pub const CODE_GRANT: &str = "CODE";
/// The implicit grant type a client must be registered for (Genesys spelling).
pub const TOKEN_GRANT: &str = "TOKEN";
/// How long an authorization code can be exchanged.
pub const CODE_TTL: Duration = Duration::minutes(2);
/// How long a signed-in user has to choose the organization to act in.
pub const CHOICE_TTL: Duration = Duration::minutes(10);

/// The query of an authorization request, as received.
#[derive(Debug, Clone, Default)]
pub struct AuthorizeParams {
    /// `code` or `token`.
    pub response_type: Option<String>,
    /// The OAuth client.
    pub client_id: Option<String>,
    /// Where to send the result; one of the client's registered redirect URIs.
    pub redirect_uri: Option<String>,
    /// Echoed on the redirect.
    pub state: Option<String>,
    /// PKCE challenge (BASE64URL of the verifier's SHA-256).
    pub code_challenge: Option<String>,
    /// PKCE method: only `S256` is accepted.
    pub code_challenge_method: Option<String>,
    /// A trustor organization to act in ("switch organization").
    pub target: Option<String>,
}

/// What the authorization asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    /// Authorization code (query `code`).
    Code,
    /// Implicit (fragment `access_token`).
    Token,
}

impl ResponseType {
    /// The OAuth spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Token => "token",
        }
    }
}

/// A valid authorization request.
#[derive(Debug, Clone)]
pub struct Authorization {
    /// The client (active, registered for the grant).
    pub client: OAuthClient,
    /// The redirect URI (exactly one of the client's registered ones).
    pub redirect_uri: String,
    /// Code or token.
    pub response_type: ResponseType,
    /// The client's state.
    pub state: Option<String>,
    /// The PKCE challenge.
    pub code_challenge: Option<String>,
    /// The organization asked for with `target`.
    pub target: Option<OrgId>,
}

/// A redirect back to the client: `params` go in the query (code) or the fragment (token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRedirect {
    /// The registered redirect URI.
    pub redirect_uri: String,
    /// Whether the parameters go in the fragment (implicit grant).
    pub fragment: bool,
    /// The parameters, in order.
    pub params: Vec<(&'static str, String)>,
}

impl ClientRedirect {
    fn error(a: &Authorization, error: &'static str, description: impl Into<String>) -> Self {
        let mut params = vec![
            ("error", error.to_owned()),
            ("error_description", description.into()),
        ];
        if let Some(s) = &a.state {
            params.push(("state", s.clone()));
        }
        Self {
            redirect_uri: a.redirect_uri.clone(),
            fragment: a.response_type == ResponseType::Token,
            params,
        }
    }
}

/// Why an authorization request cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum AuthorizeError {
    /// The client or redirect URI cannot be trusted: shown on an error page, never redirected.
    #[error("{0}")]
    Page(String),
    /// RFC 6749 4.1.2.1 / 4.2.2.1: the error goes back to the (valid) redirect URI.
    #[error("redirected error")]
    Redirect(ClientRedirect),
    /// The sign-in form is shown again with this message (wrong credentials, locked user,
    /// address outside the allowlist, expired ticket).
    #[error("{0}")]
    SignIn(String),
    /// Something failed inside.
    #[error(transparent)]
    Internal(#[from] Error),
}

/// An organization the signed-in user may act in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgChoice {
    /// The organization.
    pub org_id: OrgId,
    /// Its name.
    pub name: String,
    /// Whether it is the user's home organization.
    pub home: bool,
}

/// The result of signing in.
#[derive(Debug)]
pub enum SignInOutcome {
    /// Send the browser back to the client.
    Redirect(ClientRedirect),
    /// The user trusts elsewhere: show the choice, carrying `ticket`.
    Choose {
        /// The single-use choice ticket.
        ticket: Secret,
        /// The user's name, for the page.
        user_name: String,
        /// Home first, then the trustors.
        choices: Vec<OrgChoice>,
    },
}

/// The parameters of `grant_type=authorization_code`.
#[derive(Debug)]
pub struct CodeExchange<'a> {
    /// Client authentication, when the request carries a secret.
    pub client: Option<(String, Secret)>,
    /// `client_id` of the form (public clients).
    pub client_id: Option<&'a str>,
    /// The code.
    pub code: &'a str,
    /// Must equal the authorization's redirect URI when given.
    pub redirect_uri: Option<&'a str>,
    /// PKCE verifier.
    pub code_verifier: Option<&'a str>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// RFC 7636: 43 to 128 characters of `[A-Za-z0-9-._~]`.
fn valid_pkce_string(s: &str) -> bool {
    (43..=128).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// BASE64URL(SHA256(verifier)) without padding.
fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn internal(e: impl Into<Error>) -> AuthorizeError {
    AuthorizeError::Internal(e.into())
}

impl Authentication {
    /// Checks an authorization request: the client and redirect URI first (a failure there is
    /// an error page), then everything else (a failure is redirected to the client).
    pub async fn validate_authorization(
        &self,
        q: &AuthorizeParams,
    ) -> Result<Authorization, AuthorizeError> {
        let client_id = non_empty(&q.client_id)
            .ok_or_else(|| AuthorizeError::Page("The parameter client_id is required.".into()))?;
        let unknown = || AuthorizeError::Page(format!("Unknown OAuth client [{client_id}]."));
        let creds = self
            .store
            .client_credentials(&ClientId::new(client_id))
            .await
            .map_err(internal)?
            .ok_or_else(unknown)?;
        let client = creds.client;
        if client.state != "active" || !self.authz.index(&client.org_id).await?.org_active() {
            return Err(unknown());
        }
        let redirect_uri = match non_empty(&q.redirect_uri) {
            Some(uri)
                if client
                    .registered_redirect_uris
                    .iter()
                    .any(|r| crate::redirect_uri::matches(r, uri)) =>
            {
                uri.to_owned()
            }
            Some(uri) => {
                return Err(AuthorizeError::Page(format!(
                    "The redirect URI [{uri}] is not registered for the OAuth client [{client_id}]."
                )))
            }
            None => match client.registered_redirect_uris.as_slice() {
                [only] => only.clone(),
                _ => {
                    return Err(AuthorizeError::Page(
                        "The parameter redirect_uri is required: the client registers several redirect URIs, or none.".into(),
                    ))
                }
            },
        };
        let response_type = match q.response_type.as_deref() {
            Some("code") => ResponseType::Code,
            Some("token") => ResponseType::Token,
            _ => ResponseType::Code,
        };
        let mut a = Authorization {
            client,
            redirect_uri,
            response_type,
            state: q.state.clone().filter(|s| !s.is_empty()),
            code_challenge: None,
            target: non_empty(&q.target).map(OrgId::new),
        };
        match q.response_type.as_deref() {
            Some("code" | "token") => {}
            None | Some("") => {
                return Err(AuthorizeError::Redirect(ClientRedirect::error(
                    &a,
                    "invalid_request",
                    "The parameter response_type is required.",
                )))
            }
            Some(other) => {
                return Err(AuthorizeError::Redirect(ClientRedirect::error(
                    &a,
                    "unsupported_response_type",
                    format!("The response type [{other}] is not supported; use code or token."),
                )))
            }
        }
        let grant = match response_type {
            ResponseType::Code => CODE_GRANT,
            ResponseType::Token => TOKEN_GRANT,
        };
        if !a.client.authorized_grant_types.iter().any(|g| g == grant) {
            return Err(AuthorizeError::Redirect(ClientRedirect::error(
                &a,
                "unauthorized_client",
                format!("The client is not authorized for the {grant} grant."),
            )));
        }
        if response_type == ResponseType::Code {
            match (
                non_empty(&q.code_challenge),
                non_empty(&q.code_challenge_method),
            ) {
                (None, None) => {}
                (None, Some(_)) => {
                    return Err(AuthorizeError::Redirect(ClientRedirect::error(
                        &a,
                        "invalid_request",
                        "The parameter code_challenge is required with code_challenge_method.",
                    )))
                }
                // `plain` would hand the verifier itself to the browser's history; refused.
                (Some(challenge), Some("S256")) if valid_pkce_string(challenge) => {
                    a.code_challenge = Some(challenge.to_owned());
                }
                (Some(_), Some("S256")) => {
                    return Err(AuthorizeError::Redirect(ClientRedirect::error(
                        &a,
                        "invalid_request",
                        "The code_challenge must be 43 to 128 characters of [A-Za-z0-9-._~].",
                    )))
                }
                (Some(_), _) => {
                    return Err(AuthorizeError::Redirect(ClientRedirect::error(
                        &a,
                        "invalid_request",
                        "The code_challenge_method must be S256 (plain is not supported).",
                    )))
                }
            }
        }
        Ok(a)
    }

    /// Signs the user in for a valid authorization: password with lockout, the acting
    /// organization's allowlist, then a code, a token, or the choice of organization.
    pub async fn browser_sign_in(
        &self,
        a: &Authorization,
        username: &str,
        password: &Secret,
        meta: &RequestMeta,
    ) -> Result<SignInOutcome, AuthorizeError> {
        let home = a.client.org_id.clone();
        let acting = a.target.clone().unwrap_or_else(|| home.clone());
        self.sign_in_address(&acting, meta).await?;
        let creds = self
            .store
            .client_credentials(&a.client.id)
            .await
            .map_err(internal)?
            .ok_or_else(|| AuthorizeError::Page("The OAuth client no longer exists.".into()))?;
        let user = self
            .verify_user_password(&creds, username, password, meta)
            .await
            .map_err(|e| match e {
                LoginError::Internal(e) => AuthorizeError::Internal(e),
                // Wrong credentials or a locked user: the message the password grant gives.
                other => AuthorizeError::SignIn(other.to_string()),
            })?;
        if a.target.is_some() {
            return self
                .complete(a, &creds, &user.id, &user.name, acting, meta)
                .await
                .map(SignInOutcome::Redirect);
        }
        let choices = self.org_choices(&home, &user.id).await?;
        if choices.len() == 1 {
            return self
                .complete(a, &creds, &user.id, &user.name, home, meta)
                .await
                .map(SignInOutcome::Redirect);
        }
        let ticket = new_bearer_token();
        self.store_pending(
            a,
            PendingKind::Choice,
            &ticket,
            &user.id,
            &user.name,
            None,
            meta,
        )
        .await?;
        Ok(SignInOutcome::Choose {
            ticket,
            user_name: user.name,
            choices,
        })
    }

    /// The organizations `user` of `home` may act in: home, then every trustor whose standing
    /// trust includes the user, by name.
    pub async fn org_choices(
        &self,
        home: &OrgId,
        user: &UserId,
    ) -> Result<Vec<OrgChoice>, AuthorizeError> {
        let home_org = self
            .store
            .organization(home)
            .await
            .map_err(internal)?
            .ok_or_else(|| AuthorizeError::Page("The organization no longer exists.".into()))?;
        let mut out = vec![OrgChoice {
            org_id: home.clone(),
            name: home_org.name,
            home: true,
        }];
        let (trusts, _) = self
            .store
            .trusts_of_trustee(home, 0, 1000)
            .await
            .map_err(internal)?;
        let mut trustors = Vec::new();
        for t in trusts {
            let clone = self.authz.clone_in(&t.trustor_org_id, home, user).await?;
            if self
                .authz
                .cross_org_permissions(
                    &t.trustor_org_id,
                    home,
                    user,
                    clone.as_ref(),
                    self.clock.now(),
                )
                .await?
                .is_err()
            {
                continue;
            }
            if let Some(org) = self
                .store
                .organization(&t.trustor_org_id)
                .await
                .map_err(internal)?
            {
                trustors.push(OrgChoice {
                    org_id: org.id,
                    name: org.name,
                    home: false,
                });
            }
        }
        trustors.sort_by(|a, b| a.name.cmp(&b.name));
        out.extend(trustors);
        Ok(out)
    }

    /// The chosen organization for a choice ticket: the ticket is taken (single use), the
    /// authorization re-checked, then a code or token as for a direct sign-in.
    pub async fn browser_choose(
        &self,
        ticket: &Secret,
        org: &str,
        meta: &RequestMeta,
    ) -> Result<ClientRedirect, AuthorizeError> {
        let expired = || {
            AuthorizeError::Page("The sign-in expired or was already used; sign in again.".into())
        };
        let pending = self
            .store
            .take_pending_authorization(&TokenDigest::of(ticket.expose()), self.clock.now())
            .await
            .map_err(internal)?
            .filter(|p| p.kind == PendingKind::Choice)
            .ok_or_else(expired)?;
        let creds = self
            .store
            .client_credentials(&pending.client_id)
            .await
            .map_err(internal)?
            .ok_or_else(expired)?;
        let a = Authorization {
            client: creds.client.clone(),
            redirect_uri: pending.redirect_uri.clone(),
            response_type: if pending.response_type == "token" {
                ResponseType::Token
            } else {
                ResponseType::Code
            },
            state: pending.state.clone(),
            code_challenge: pending.code_challenge.clone(),
            target: None,
        };
        if creds.client.state != "active" {
            return Err(expired());
        }
        let index = self.authz.index(&pending.org_id).await?;
        let name = index
            .active_user(&pending.user_id)
            .ok_or_else(expired)?
            .to_owned();
        let target = OrgId::new(org);
        self.sign_in_address(&target, meta).await?;
        self.complete(&a, &creds, &pending.user_id, &name, target, meta)
            .await
    }

    /// Refuses a sign-in from outside `org`'s allowlist, on the form.
    async fn sign_in_address(&self, org: &OrgId, meta: &RequestMeta) -> Result<(), AuthorizeError> {
        self.require_address_for(org, meta)
            .await
            .map_err(|e| match e {
                LoginError::Internal(e) => AuthorizeError::Internal(e),
                other => AuthorizeError::SignIn(other.to_string()),
            })
    }

    /// Finishes a signed-in authorization acting in `acting`: a code (the trust checked now
    /// and again at the exchange) or a token, redirected to the client; a refused trust is
    /// `access_denied`.
    async fn complete(
        &self,
        a: &Authorization,
        creds: &ClientCredentials,
        user: &UserId,
        user_name: &str,
        acting: OrgId,
        meta: &RequestMeta,
    ) -> Result<ClientRedirect, AuthorizeError> {
        let home = &a.client.org_id;
        let target = (acting != *home).then_some(acting);
        if let Some(t) = &target {
            let clone = self.authz.clone_in(t, home, user).await?;
            if let Err(why) = self
                .authz
                .cross_org_permissions(t, home, user, clone.as_ref(), self.clock.now())
                .await?
            {
                return Err(AuthorizeError::Redirect(ClientRedirect::error(
                    a,
                    "access_denied",
                    format!(
                        "The user cannot act in organization [{t}]: {}.",
                        why.describe()
                    ),
                )));
            }
        }
        match a.response_type {
            ResponseType::Code => {
                let code = new_bearer_token();
                self.store_pending(a, PendingKind::Code, &code, user, user_name, target, meta)
                    .await?;
                let mut params = vec![("code", code.expose().to_owned())];
                if let Some(s) = &a.state {
                    params.push(("state", s.clone()));
                }
                Ok(ClientRedirect {
                    redirect_uri: a.redirect_uri.clone(),
                    fragment: false,
                    params,
                })
            }
            ResponseType::Token => {
                let issued = self
                    .issue_browser_token(&creds.client, user, user_name, target, meta, None)
                    .await
                    .map_err(|e| match e {
                        LoginError::Internal(e) => AuthorizeError::Internal(e),
                        other => AuthorizeError::Redirect(ClientRedirect::error(
                            a,
                            "access_denied",
                            other.to_string(),
                        )),
                    })?;
                let mut params = vec![
                    ("access_token", issued.access_token.expose().to_owned()),
                    ("expires_in", issued.expires_in.to_string()),
                    ("token_type", "bearer".to_owned()),
                ];
                if let Some(s) = &a.state {
                    params.push(("state", s.clone()));
                }
                Ok(ClientRedirect {
                    redirect_uri: a.redirect_uri.clone(),
                    fragment: true,
                    params,
                })
            }
        }
    }

    /// A token for the user at home, or in `target` through the trust; with the id `id` when
    /// given (an authorization code's token, [`code_token_id`]).
    async fn issue_browser_token(
        &self,
        client: &OAuthClient,
        user: &UserId,
        user_name: &str,
        target: Option<OrgId>,
        meta: &RequestMeta,
        id: Option<String>,
    ) -> Result<IssuedToken, LoginError> {
        match target {
            Some(t) => {
                let bounds = TokenBounds {
                    not_after: None,
                    id,
                };
                self.sign_in_to(client, user, user_name, &t, bounds, meta)
                    .await
            }
            None => {
                let actor = Actor {
                    kind: "user",
                    id: user.to_string(),
                    name: user_name.to_owned(),
                };
                self.issue_for(
                    client,
                    TokenSubject::User(user.clone()),
                    actor,
                    meta,
                    None,
                    id,
                )
                .await
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn store_pending(
        &self,
        a: &Authorization,
        kind: PendingKind,
        secret: &Secret,
        user: &UserId,
        user_name: &str,
        target: Option<OrgId>,
        meta: &RequestMeta,
    ) -> Result<(), AuthorizeError> {
        let now = self.clock.now();
        let ttl = match kind {
            PendingKind::Code => CODE_TTL,
            PendingKind::Choice => CHOICE_TTL,
        };
        let pending = PendingAuthorization {
            digest: TokenDigest::of(secret.expose()),
            kind,
            client_id: a.client.id.clone(),
            org_id: a.client.org_id.clone(),
            user_id: user.clone(),
            redirect_uri: a.redirect_uri.clone(),
            response_type: a.response_type.as_str().to_owned(),
            state: a.state.clone(),
            code_challenge: a.code_challenge.clone(),
            target_org_id: target.clone(),
            created_at: now,
            expires_at: now + ttl,
        };
        let event = AuditEvent {
            id: uuid::Uuid::new_v4().to_string(),
            timestamp: now,
            org_id: a.client.org_id.clone(),
            home_org_id: a.client.org_id.clone(),
            actor: Actor {
                kind: "user",
                id: user.to_string(),
                name: user_name.to_owned(),
            },
            client_id: Some(a.client.id.clone()),
            action: match kind {
                PendingKind::Code => "authorize",
                PendingKind::Choice => "authorize.choose",
            }
            .into(),
            entity_type: "user".into(),
            entity_id: user.to_string(),
            entity_name: Some(user_name.to_owned()),
            changes: vec![],
            correlation_id: meta.correlation_id.clone(),
            remote_ip: meta.remote_ip.clone(),
        };
        self.store
            .insert_pending_authorization(&pending, &event)
            .await
            .map_err(internal)
    }

    /// `grant_type=authorization_code`: the code taken once, its client, redirect URI and PKCE
    /// verifier checked, then the same token as the other grants (in the trustor when the
    /// authorization named one, the trust checked again).
    pub async fn authorization_code_grant(
        &self,
        req: CodeExchange<'_>,
        meta: &RequestMeta,
    ) -> Result<IssuedToken, LoginError> {
        let invalid = |m: &str| LoginError::InvalidGrant(m.to_owned());
        // Authenticate the client before spending the code, so a wrong secret does not burn it.
        let authenticated = match &req.client {
            Some((id, secret)) => Some(self.authenticate_client(id, secret).await?),
            None => None,
        };
        let digest = TokenDigest::of(req.code);
        let taken = self
            .store
            .take_pending_authorization(&digest, self.clock.now())
            .await
            .map_err(|e| LoginError::Internal(e.into()))?
            .filter(|p| p.kind == PendingKind::Code);
        let Some(pending) = taken else {
            // A code used before: the token its first redemption got is revoked (RFC 6749
            // §4.1.2). That token's id is derived from the code, so nothing else is kept.
            let selector = TokenSelector {
                token_id: Some(code_token_id(&digest)),
                ..TokenSelector::default()
            };
            let revoked = self
                .store
                .revoke_tokens(&selector, self.clock.now())
                .await
                .map_err(|e| LoginError::Internal(e.into()))?;
            if revoked > 0 {
                tracing::warn!(
                    token_id = %code_token_id(&digest),
                    "an authorization code was redeemed again: the token of its first redemption is revoked"
                );
            }
            return Err(invalid(
                "The authorization code is invalid, expired or already used.",
            ));
        };
        match (&authenticated, req.client_id) {
            (Some(c), _) if c.client.id != pending.client_id => {
                return Err(invalid(
                    "The authorization code was issued to another client.",
                ))
            }
            (Some(_), _) => {}
            (None, Some(id)) if id == pending.client_id.as_str() => {
                if pending.code_challenge.is_none() {
                    // Without PKCE only the client secret proves the caller is the client.
                    return Err(LoginError::InvalidClient);
                }
            }
            (None, Some(_)) => {
                return Err(invalid(
                    "The authorization code was issued to another client.",
                ))
            }
            (None, None) => return Err(LoginError::InvalidClient),
        }
        if let Some(uri) = req.redirect_uri {
            if uri != pending.redirect_uri {
                return Err(invalid(
                    "The redirect_uri differs from the one of the authorization request.",
                ));
            }
        }
        match (&pending.code_challenge, req.code_verifier) {
            (Some(challenge), Some(verifier)) => {
                if !valid_pkce_string(verifier) || s256(verifier) != *challenge {
                    return Err(invalid(
                        "The code_verifier does not match the code_challenge.",
                    ));
                }
            }
            (Some(_), None) => {
                return Err(LoginError::InvalidRequest(
                    "The parameter [code_verifier] is required: the authorization used PKCE."
                        .into(),
                ))
            }
            (None, Some(_)) => {
                return Err(invalid(
                    "The authorization did not use PKCE; a code_verifier cannot be checked.",
                ))
            }
            (None, None) => {}
        }
        let client = match authenticated {
            Some(c) => c.client,
            None => {
                let c = self
                    .store
                    .client_credentials(&pending.client_id)
                    .await
                    .map_err(|e| LoginError::Internal(e.into()))?
                    .ok_or(LoginError::InvalidClient)?
                    .client;
                if c.state != "active" {
                    return Err(LoginError::InvalidClient);
                }
                c
            }
        };
        if !client
            .authorized_grant_types
            .iter()
            .any(|g| g == CODE_GRANT)
        {
            return Err(LoginError::UnauthorizedClient(format!(
                "the client is not authorized for the {CODE_GRANT} grant"
            )));
        }
        let home = self.authz.index(&pending.org_id).await?;
        let name = home
            .active_user(&pending.user_id)
            .ok_or_else(|| invalid("The user can no longer sign in."))?
            .to_owned();
        let acting = pending
            .target_org_id
            .clone()
            .unwrap_or_else(|| pending.org_id.clone());
        self.require_address_for(&acting, meta).await?;
        self.issue_browser_token(
            &client,
            &pending.user_id,
            &name,
            pending.target_org_id,
            meta,
            Some(code_token_id(&digest)),
        )
        .await
        .map_err(|e| match e {
            LoginError::InvalidTarget(m) => LoginError::InvalidGrant(m),
            other => other,
        })
    }
}

/// The id of the token an authorization code is exchanged for: derived from the code's digest
/// (SHA-256 again, so the id, which audit events show, tells nothing of the code), so that a
/// second redemption finds the first one's token without a record of it.
fn code_token_id(code: &TokenDigest) -> String {
    let derived = Sha256::new()
        .chain_update(b"orgtrust authorization-code token id\0")
        .chain_update(code.0)
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&derived[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            s256(verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert!(valid_pkce_string(verifier));
        assert!(!valid_pkce_string("short"));
        assert!(!valid_pkce_string(&"a".repeat(129)));
        assert!(!valid_pkce_string(&format!("{}+", "a".repeat(43))));
    }
}
