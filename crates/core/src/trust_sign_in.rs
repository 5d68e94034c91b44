//! Signing in to another organization: a trustee user's token that acts in a trustor
//! organization, through the password grant with `target=<trustorOrgId>` (the parameter of the
//! Genesys login flow) or the RFC 8693 token exchange of the user's home token; and accepting such
//! a token on each request only while the trust stands and still includes the user.

use crate::audit::Actor;
use crate::auth::Authentication;
use crate::auth::{grant_types, Acting, IssuedToken, LoginError, TokenBounds};
use crate::authz::cross_org_permissions;
use crate::authz::{OrgIndex, Principal, PrincipalKind};
use crate::error::{Error, Result};
use crate::ids::{OrgId, UserId};
use crate::model::OAuthClient;
use crate::request::RequestMeta;
use crate::secret::{Secret, TokenDigest};
use crate::token::{TokenRecord, TokenSubject};

/// The RFC 8693 grant type.
pub const TOKEN_EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
/// The RFC 8693 token type of an access token (the only one accepted and issued).
pub const ACCESS_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:access_token";

/// A token exchange request (RFC 8693), in domain terms.
#[derive(Debug)]
pub struct TokenExchange<'a> {
    /// Client authentication, when the request carries it (it must be the subject token's
    /// client).
    pub client: Option<(String, Secret)>,
    /// The user's home token.
    pub subject_token: &'a str,
    /// `subject_token_type`, if given.
    pub subject_token_type: Option<&'a str>,
    /// `requested_token_type`, if given.
    pub requested_token_type: Option<&'a str>,
    /// The trustor organization's id (`target` or `audience`).
    pub target: &'a str,
}

impl Authentication {
    /// `grant_type=password&target=<trustorOrgId>`: the user signs in with its home credentials
    /// (through a client of its home organization) and receives a token acting in the trustor.
    /// A `target` naming the home organization is an ordinary password grant.
    pub async fn password_grant_to(
        &self,
        client_id: &str,
        secret: &Secret,
        username: &str,
        password: &Secret,
        target: &str,
        meta: &RequestMeta,
    ) -> Result<IssuedToken, LoginError> {
        let creds = self.authenticate_client(client_id, secret).await?;
        Self::require_grant_type(&creds, grant_types::PASSWORD)?;
        let target = OrgId::new(target);
        // The acting organization's allowlist governs the sign-in, before any password is
        // tried: the trustor's for a trustor, the home one's for home.
        self.require_address_for(&target, meta).await?;
        let user = self
            .verify_user_password(&creds, username, password, meta)
            .await?;
        if target == creds.client.org_id {
            let actor = Actor {
                kind: "user",
                id: user.id.to_string(),
                name: user.name.clone(),
            };
            return self
                .issue_for(
                    &creds.client,
                    TokenSubject::User(user.id),
                    actor,
                    meta,
                    None,
                    None,
                )
                .await;
        }
        let bounds = TokenBounds::default();
        self.sign_in_to(&creds.client, &user.id, &user.name, &target, bounds, meta)
            .await
            .map_err(|e| match e {
                LoginError::InvalidTarget(m) => LoginError::InvalidGrant(m),
                other => other,
            })
    }

    /// RFC 8693 token exchange: the user's home token for a token acting in the trustor.
    pub async fn token_exchange_grant(
        &self,
        request: TokenExchange<'_>,
        meta: &RequestMeta,
    ) -> Result<IssuedToken, LoginError> {
        if let Some(t) = request.subject_token_type {
            if t != ACCESS_TOKEN_TYPE {
                return Err(LoginError::InvalidRequest(format!(
                    "the subject_token_type [{t}] is not supported; use {ACCESS_TOKEN_TYPE}"
                )));
            }
        }
        if let Some(t) = request.requested_token_type {
            if t != ACCESS_TOKEN_TYPE {
                return Err(LoginError::InvalidRequest(format!(
                    "the requested_token_type [{t}] is not supported; use {ACCESS_TOKEN_TYPE}"
                )));
            }
        }
        let invalid_subject =
            || LoginError::InvalidGrant("The subject token is not valid.".to_owned());
        let principal = match self.authenticate(request.subject_token).await {
            Ok(p) => p,
            Err(Error::Store(e)) => return Err(LoginError::Internal(Error::Store(e))),
            Err(_) => return Err(invalid_subject()),
        };
        let PrincipalKind::User(user) = &principal.kind else {
            return Err(LoginError::InvalidGrant(
                "The subject token must be a user's token (client credentials cannot act in another organization).".to_owned(),
            ));
        };
        if principal.is_cross_org() {
            return Err(LoginError::InvalidGrant(
                "The subject token must act in the user's home organization.".to_owned(),
            ));
        }
        if let Some((id, secret)) = &request.client {
            let creds = self.authenticate_client(id, secret).await?;
            if creds.client.id != principal.client_id {
                return Err(LoginError::InvalidGrant(
                    "The subject token was not issued to this client.".to_owned(),
                ));
            }
        }
        let target = OrgId::new(request.target);
        if target == principal.org_id {
            return Err(LoginError::InvalidTarget(
                "The subject token already acts in that organization.".to_owned(),
            ));
        }
        let client = self
            .store
            .client_credentials(&principal.client_id)
            .await
            .map_err(|e| LoginError::Internal(e.into()))?
            .ok_or_else(invalid_subject)?
            .client;
        self.require_address_for(&target, meta).await?;
        let subject = self
            .token_record(&TokenDigest::of(request.subject_token))
            .await
            .map_err(|_| invalid_subject())?;
        self.sign_in_to(
            &client,
            user,
            &principal.name,
            &target,
            TokenBounds {
                not_after: Some(subject.expires_at),
                id: None,
            },
            meta,
        )
        .await
    }

    /// Refuses a sign-in to `org` from outside its IP allowlist (an unknown organization has
    /// none; the trust check refuses it next).
    pub(crate) async fn require_address_for(
        &self,
        org: &OrgId,
        meta: &RequestMeta,
    ) -> Result<(), LoginError> {
        let index = self.authz.index(org).await?;
        if !index.org_active() {
            return Ok(());
        }
        if self
            .admission
            .address_allowed(org, meta.remote_ip.as_deref())
            .await?
        {
            Ok(())
        } else {
            Err(LoginError::AddressNotAllowed(format!(
                "the IP address [{}] is not allowed to authenticate with organization [{org}]",
                meta.remote_ip.as_deref().unwrap_or("unknown")
            )))
        }
    }

    /// Issues the cross-organization token, if a standing trust of `target` includes the user
    /// (through its clone there when it has one).
    pub(crate) async fn sign_in_to(
        &self,
        client: &OAuthClient,
        user: &UserId,
        user_name: &str,
        target: &OrgId,
        bounds: TokenBounds,
        meta: &RequestMeta,
    ) -> Result<IssuedToken, LoginError> {
        let not_after = bounds.not_after;
        let home = &client.org_id;
        let trustor_index = self.authz.index(target).await?;
        let refused = |why: &str| {
            LoginError::InvalidTarget(format!(
                "The user cannot act in organization [{target}]: {why}."
            ))
        };
        if !trustor_index.org_active() {
            return Err(refused("no such active organization"));
        }
        let clone = trustor_index.trusts().clone_of(home, user).cloned();
        let trustee_index = self.authz.index(home).await?;
        cross_org_permissions(
            &trustor_index,
            &trustee_index,
            home,
            user,
            clone.as_ref(),
            self.clock.now(),
        )
        .map_err(|r| refused(r.describe()))?;
        let actor = Actor {
            kind: "user",
            id: user.to_string(),
            name: user_name.to_owned(),
        };
        let acting = Acting {
            org_id: target.clone(),
            cloned_user_id: clone,
            not_after,
        };
        let mut issued = self
            .issue_for(
                client,
                TokenSubject::User(user.clone()),
                actor,
                meta,
                Some(acting),
                bounds.id,
            )
            .await?;
        if not_after.is_some() {
            issued.issued_token_type = Some(ACCESS_TOKEN_TYPE);
        }
        Ok(issued)
    }

    /// The principal of a cross-organization token, or 401 `credentials.expired` when the trust
    /// no longer stands or no longer includes the user. `trustor` is the acting organization's
    /// (already current) index.
    pub(crate) async fn authenticate_cross_org(
        &self,
        record: &TokenRecord,
        trustor: &OrgIndex,
    ) -> Result<Principal> {
        let home = self.authz.index(&record.home_org_id).await?;
        if !home.org_active() {
            return Err(Error::credentials_expired());
        }
        let TokenSubject::User(user) = &record.subject else {
            return Err(Error::credentials_expired());
        };
        let client_name = home
            .active_client(&record.client_id)
            .ok_or_else(Error::credentials_expired)?
            .to_owned();
        let name = home
            .active_user(user)
            .ok_or_else(Error::credentials_expired)?
            .to_owned();
        // A token issued under a trust that was since deleted does not revive when the two
        // organizations make a new one.
        let trust = trustor
            .trusts()
            .trust(&record.home_org_id)
            .ok_or_else(Error::credentials_expired)?;
        if trust.date_created > record.issued_at {
            return Err(Error::credentials_expired());
        }
        let permissions = cross_org_permissions(
            trustor,
            &home,
            &record.home_org_id,
            user,
            record.cloned_user_id.as_ref(),
            self.clock.now(),
        )
        .map_err(|_| Error::credentials_expired())?;
        Ok(Principal {
            org_id: record.org_id.clone(),
            home_org_id: record.home_org_id.clone(),
            kind: PrincipalKind::User(user.clone()),
            name,
            client_id: record.client_id.clone(),
            client_name,
            cloned_user_id: record.cloned_user_id.clone(),
            token_id: record.id.clone(),
            permissions,
        })
    }
}
