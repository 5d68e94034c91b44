//! Authentication: the OAuth token grants, and turning a bearer token into a [`Principal`].
//!
//! Validating a token costs one SHA-256 and two hash-map lookups after its first use: the token
//! record is cached by digest, and the subject's grants come from the authorization index. A
//! revoked token is dropped from the cache at once; a deleted user or client disappears from the
//! index at the next generation, so its tokens are refused on the very next request.

use std::sync::Arc;

use crate::admission::Admission;
use crate::audit::{Actor, AuditEvent, Target};
use crate::authz::Authz;
use crate::authz::{Authorized, Principal, PrincipalKind};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::ids::ClientId;
use crate::lockout::Lockout;
use crate::model::{Subject, UserState};
use crate::request::RequestMeta;
use crate::secret::{new_bearer_token, verify_against_nothing, Secret, TokenDigest};
use crate::settings::Settings;
use crate::store::ClientCredentials;
use crate::store::Store;
use crate::token::{TokenRecord, TokenSubject};
use crate::token_cache::TokenCache;
use crate::verified_secrets::VerifiedSecrets;

pub use crate::login::LoginError;
pub use crate::settings::TokenGrantLimits;

/// Grant types an OAuth client may be authorized for (Genesys spelling).
pub mod grant_types {
    /// `client_credentials`.
    pub const CLIENT_CREDENTIALS: &str = "CLIENT-CREDENTIALS";
    /// `password` (resource owner).
    pub const PASSWORD: &str = "PASSWORD";
}

/// A freshly issued token: the bearer string (shown once) and its lifetime.
#[derive(Debug)]
pub struct IssuedToken {
    /// The bearer string.
    pub access_token: Secret,
    /// Seconds until it expires.
    pub expires_in: i64,
    /// RFC 8693: the type of a token issued by a token exchange.
    pub issued_token_type: Option<&'static str>,
}

/// What bounds a token beyond its subject and client: a latest expiry (the subject token of an
/// exchange), and a fixed id (the token of an authorization code, so that a replay of the code
/// can find and revoke it: RFC 6749 §4.1.2).
#[derive(Debug, Clone, Default)]
pub(crate) struct TokenBounds {
    /// The token may not outlive this.
    pub not_after: Option<chrono::DateTime<chrono::Utc>>,
    /// The token's id, when it must be known before it is issued.
    pub id: Option<String>,
}

/// Where a token issued to a trustee user acts instead of its home organization.
#[derive(Debug, Clone)]
pub(crate) struct Acting {
    /// The trustor organization.
    pub org_id: crate::ids::OrgId,
    /// The clone the user acts through, if it has one there.
    pub cloned_user_id: Option<crate::ids::UserId>,
    /// The token may not outlive this (the subject token of an exchange).
    pub not_after: Option<chrono::DateTime<chrono::Utc>>,
}

/// How long an expired token is kept before the sweep deletes it: meanwhile it is refused as
/// `credentials.expired` (after, as unknown: `bad.credentials`).
pub const TOKEN_SWEEP_GRACE: chrono::Duration = chrono::Duration::hours(1);

/// Authentication and tokens: the token grants (client credentials, password, authorization code,
/// trust sign-in), bearer tokens to principals through the token cache, revocation of one token.
pub struct Authentication {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) authz: Arc<Authz>,
    pub(crate) settings: Arc<Settings>,
    /// Token records by digest (shared with the services that drop cached tokens).
    pub(crate) tokens: Arc<TokenCache>,
    /// Client secrets and passwords verified by argon2 once (verified_secrets.rs).
    pub(crate) verified_secrets: VerifiedSecrets,
    pub(crate) lockout: Arc<Lockout>,
    pub(crate) admission: Arc<Admission>,
}

impl Authentication {
    /// The service: it checks sign-ins against `lockout` and the token endpoint's rates and
    /// allowlists through `admission`.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        authz: Arc<Authz>,
        settings: Arc<Settings>,
        tokens: Arc<TokenCache>,
        lockout: Arc<Lockout>,
        admission: Arc<Admission>,
    ) -> Self {
        Self {
            store,
            clock,
            authz,
            settings,
            tokens,
            verified_secrets: VerifiedSecrets::default(),
            lockout,
            admission,
        }
    }

    /// The settings the service was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}

impl Authentication {
    /// Deletes the tokens that expired more than [`TOKEN_SWEEP_GRACE`] ago (by this server's
    /// clock, the emulated one in the emulator); how many.
    pub async fn sweep_expired_tokens(&self) -> Result<u64> {
        Ok(self
            .store
            .delete_expired_tokens(self.clock.now() - TOKEN_SWEEP_GRACE)
            .await?)
    }

    /// Counts a token request against the limits of its client address and (when it names one)
    /// its OAuth client in the current minute, or refuses it before anything is verified or
    /// written. Counted per process (issue: limits shared across instances).
    pub fn admit_token_request(
        &self,
        client_id: Option<&str>,
        meta: &RequestMeta,
    ) -> Result<(), LoginError> {
        let limits = self.settings.token_grant_limits;
        let now_ms = self.clock.now().timestamp_millis();
        let runtime = &self.admission;
        if let Some(ip) = meta.remote_ip.as_deref().filter(|_| limits.per_address > 0) {
            runtime
                .take(format!("grant-address:{ip}"), limits.per_address, now_ms)
                .map_err(|retry_after_secs| LoginError::TooManyRequests {
                    retry_after_secs,
                    per: "from this address",
                })?;
        }
        if let Some(client) = client_id.filter(|_| limits.per_client > 0) {
            runtime
                .take(format!("grant-client:{client}"), limits.per_client, now_ms)
                .map_err(|retry_after_secs| LoginError::TooManyRequests {
                    retry_after_secs,
                    per: "for this client",
                })?;
        }
        Ok(())
    }

    pub(crate) async fn authenticate_client(
        &self,
        client_id: &str,
        secret: &Secret,
    ) -> Result<ClientCredentials, LoginError> {
        let Some(creds) = self
            .store
            .client_credentials(&ClientId::new(client_id))
            .await
            .map_err(|e| LoginError::Internal(e.into()))?
        else {
            // As slow as a wrong secret: client ids are not enumerable by timing.
            verify_against_nothing(secret);
            return Err(LoginError::InvalidClient);
        };
        // The secret first, the state after: a disabled client answers in the same time. Only
        // the first request with this secret against this stored hash pays argon2.
        let verified = self.verified_secrets.verify(
            &format!("client:{}", creds.client.id),
            secret,
            &creds.secret_hash,
        );
        if !verified || creds.client.state != "active" {
            return Err(LoginError::InvalidClient);
        }
        let index = self.authz.index(&creds.client.org_id).await?;
        if !index.org_active() {
            return Err(LoginError::InvalidClient);
        }
        Ok(creds)
    }

    /// Refuses a token request from outside the organization's IP allowlist.
    pub(crate) async fn require_allowed_address(
        &self,
        creds: &ClientCredentials,
        meta: &RequestMeta,
    ) -> Result<(), LoginError> {
        if self
            .admission
            .address_allowed(&creds.client.org_id, meta.remote_ip.as_deref())
            .await?
        {
            Ok(())
        } else {
            Err(LoginError::AddressNotAllowed(format!(
                "the IP address [{}] is not allowed to authenticate with this organization",
                meta.remote_ip.as_deref().unwrap_or("unknown")
            )))
        }
    }

    pub(crate) fn require_grant_type(
        creds: &ClientCredentials,
        grant: &str,
    ) -> Result<(), LoginError> {
        if creds
            .client
            .authorized_grant_types
            .iter()
            .any(|g| g == grant)
        {
            Ok(())
        } else {
            Err(LoginError::UnauthorizedClient(format!(
                "the client is not authorized for the {grant} grant"
            )))
        }
    }

    /// `grant_type=client_credentials`: a token for the client itself, in its organization.
    pub async fn client_credentials_grant(
        &self,
        client_id: &str,
        secret: &Secret,
        meta: &RequestMeta,
    ) -> Result<IssuedToken, LoginError> {
        let creds = self.authenticate_client(client_id, secret).await?;
        Self::require_grant_type(&creds, grant_types::CLIENT_CREDENTIALS)?;
        self.require_allowed_address(&creds, meta).await?;
        let actor = Actor {
            kind: "client",
            id: creds.client.id.to_string(),
            name: creds.client.name.clone(),
        };
        self.issue(&creds, TokenSubject::Client, actor, meta).await
    }

    /// `grant_type=password`: a token for a user of the client's organization.
    pub async fn password_grant(
        &self,
        client_id: &str,
        secret: &Secret,
        username: &str,
        password: &Secret,
        meta: &RequestMeta,
    ) -> Result<IssuedToken, LoginError> {
        let creds = self.authenticate_client(client_id, secret).await?;
        Self::require_grant_type(&creds, grant_types::PASSWORD)?;
        self.require_allowed_address(&creds, meta).await?;
        let user = self
            .verify_user_password(&creds, username, password, meta)
            .await?;
        let actor = Actor {
            kind: "user",
            id: user.id.to_string(),
            name: user.name.clone(),
        };
        self.issue(&creds, TokenSubject::User(user.id), actor, meta)
            .await
    }

    /// Checks a user's password in the client's organization (with the lockout rules) and
    /// records the sign-in; the user, or `invalid_grant`.
    pub(crate) async fn verify_user_password(
        &self,
        creds: &ClientCredentials,
        username: &str,
        password: &Secret,
        meta: &RequestMeta,
    ) -> Result<crate::model::User, LoginError> {
        let refused = || LoginError::InvalidGrant("Invalid login credentials.".into());
        let user = self
            .store
            .user_credentials(&creds.client.org_id, username)
            .await
            .map_err(|e| LoginError::Internal(e.into()))?;
        // An unknown user, or one without a password, costs the same argon2 work as a wrong
        // password: usernames are not enumerable by timing.
        let Some((user, hash)) = user.and_then(|u| u.password_hash.clone().map(|h| (u, h))) else {
            // And the same reads: the sign-in record a known user's attempt reads first.
            let _ = self
                .store
                .sign_in_state(&crate::ids::UserId::new(crate::ids::random_uuid()))
                .await;
            verify_against_nothing(password);
            return Err(refused());
        };
        let hash = &hash;
        // One attempt at a time per user, from the lock check to the count (lockout.rs).
        let gate = self.lockout.sign_in_gates.gate(&user.user.id);
        let _turn = gate.lock().await;
        let sign_ins = self.lockout.sign_in_state(&user.user).await?;
        // The password before the lock, and the lock said only to a caller who proved the
        // password: a locked user's wrong password answers as an unknown user's does, in the
        // same argon2 time, so the lockout tells nobody which usernames exist.
        let proven =
            self.verified_secrets
                .verify(&format!("user:{}", user.user.id), password, hash);
        if let Some(locked) = self.lockout.lock_refusal(&sign_ins) {
            return Err(if proven { locked } else { refused() });
        }
        if !proven {
            self.lockout
                .record_failed_sign_in(&creds.client, &user.user, sign_ins, meta)
                .await?;
            return Err(refused());
        }
        if user.user.state != UserState::Active {
            return Err(refused());
        }
        self.lockout.record_sign_in(&user.user, &sign_ins).await?;
        Ok(user.user)
    }

    async fn issue(
        &self,
        creds: &ClientCredentials,
        subject: TokenSubject,
        actor: Actor,
        meta: &RequestMeta,
    ) -> Result<IssuedToken, LoginError> {
        self.issue_for(&creds.client, subject, actor, meta, None, None)
            .await
    }

    /// Issues a token for `subject` through `client`: in the client's organization, or with
    /// `acting` in a trustor organization (a trustee user signing in there); with the id `id`
    /// when given (else a new one).
    pub(crate) async fn issue_for(
        &self,
        client: &crate::model::OAuthClient,
        subject: TokenSubject,
        actor: Actor,
        meta: &RequestMeta,
        acting: Option<Acting>,
        id: Option<String>,
    ) -> Result<IssuedToken, LoginError> {
        let now = self.clock.now();
        let lifetime = client
            .access_token_validity_seconds
            .map_or(self.settings.token_lifetime, chrono::Duration::seconds);
        let mut expires_at = now + lifetime;
        if let Some(cap) = acting.as_ref().and_then(|a| a.not_after) {
            expires_at = expires_at.min(cap);
        }
        let (org_id, cloned_user_id) = match acting {
            Some(a) => (a.org_id, a.cloned_user_id),
            None => (client.org_id.clone(), None),
        };
        let bearer = new_bearer_token();
        let record = TokenRecord {
            id: id.unwrap_or_else(crate::ids::new_uuid),
            digest: TokenDigest::of(bearer.expose()),
            org_id,
            home_org_id: client.org_id.clone(),
            subject,
            client_id: client.id.clone(),
            cloned_user_id,
            issued_at: now,
            expires_at,
            revoked_at: None,
        };
        let audit = AuditEvent {
            id: crate::ids::new_uuid(),
            timestamp: now,
            org_id: record.org_id.clone(),
            home_org_id: record.home_org_id.clone(),
            actor,
            client_id: Some(client.id.clone()),
            action: "login".into(),
            entity_type: "token".into(),
            entity_id: record.id.clone(),
            entity_name: None,
            changes: vec![],
            correlation_id: meta.correlation_id.clone(),
            remote_ip: meta.remote_ip.clone(),
        };
        self.store
            .insert_token(&record, &audit)
            .await
            .map_err(|e| LoginError::Internal(e.into()))?;
        self.tokens.entries.insert(
            record.digest,
            (self.store.token_generation(), Arc::new(record)),
        );
        Ok(IssuedToken {
            access_token: bearer,
            expires_in: (expires_at - now).num_seconds().max(0),
            issued_token_type: None,
        })
    }

    pub(crate) async fn token_record(&self, digest: &TokenDigest) -> Result<Arc<TokenRecord>> {
        // Read the generation before the store, as for the authorization index: a revocation
        // committed in between moves it again and the record is re-read next time.
        let generation = self.store.token_generation();
        if let Some(entry) = self.tokens.entries.get(digest) {
            if entry.0 == generation {
                self.tokens.stats.hit();
                return Ok(entry.1.clone());
            }
        }
        self.tokens.stats.miss();
        let record = Arc::new(
            self.store
                .token(digest)
                .await?
                .ok_or_else(Error::bad_credentials)?,
        );
        self.tokens
            .entries
            .insert(*digest, (generation, record.clone()));
        Ok(record)
    }

    /// Turns a bearer token into a principal, or refuses it (401).
    pub async fn authenticate(&self, bearer: &str) -> Result<Principal> {
        let digest = TokenDigest::of(bearer);
        let token_generation = self.store.token_generation();
        let record = self.token_record(&digest).await?;
        // Several instances on one database: bring the generations of the organizations this
        // token depends on (and the token generation) up to date with every commit so far, so a
        // revocation made through another instance is in force now, not when its notification
        // arrives. One indexed round trip on PostgreSQL; nothing on SQLite. A revocation seen by the
        // sync moved the token generation: then the record is read again.
        self.store
            .sync_generations(&[&record.org_id, &record.home_org_id])
            .await?;
        let record = if self.store.token_generation() == token_generation {
            record
        } else {
            self.token_record(&digest).await?
        };
        if record.revoked_at.is_some() {
            return Err(Error::bad_credentials());
        }
        if record.expires_at <= self.clock.now() {
            return Err(Error::credentials_expired());
        }
        let index = self.authz.index(&record.org_id).await?;
        if !index.org_active() {
            // A terminated organization's tokens are refused.
            return Err(Error::credentials_expired());
        }
        if record.org_id != record.home_org_id {
            return self.authenticate_cross_org(&record, &index).await;
        }
        let client_name = index
            .active_client(&record.client_id)
            .ok_or_else(Error::credentials_expired)?
            .to_owned();
        let (kind, name, subject) = match &record.subject {
            TokenSubject::Client => (
                PrincipalKind::Client,
                client_name.clone(),
                Subject::Client(record.client_id.clone()),
            ),
            TokenSubject::User(user) => {
                let name = index
                    .active_user(user)
                    .ok_or_else(Error::credentials_expired)?
                    .to_owned();
                (
                    PrincipalKind::User(user.clone()),
                    name,
                    Subject::User(user.clone()),
                )
            }
        };
        Ok(Principal {
            org_id: record.org_id.clone(),
            home_org_id: record.home_org_id.clone(),
            kind,
            name,
            client_id: record.client_id.clone(),
            client_name,
            cloned_user_id: record.cloned_user_id.clone(),
            token_id: record.id.clone(),
            permissions: index.effective(&subject),
        })
    }

    /// Revokes the caller's own token (`DELETE /api/v2/tokens/me`).
    pub async fn revoke_token(
        &self,
        bearer: &str,
        principal: &Authorized,
        meta: &RequestMeta,
    ) -> Result<()> {
        let digest = TokenDigest::of(bearer);
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "logout",
            Target {
                entity_type: "token",
                id: &principal.token_id,
                name: None,
            },
            vec![],
        );
        self.store.revoke_token(&digest, &audit).await?;
        self.tokens.entries.remove(&digest);
        Ok(())
    }
}

impl Authentication {
    /// The OAuth scopes the caller's client is authorized for (`TokenInfo.authorizedScope`).
    pub async fn authorized_scope(&self, principal: &Authorized) -> Result<Vec<String>> {
        let index = self.authz.index(&principal.home_org_id).await?;
        Ok(index.client_scopes(&principal.client_id).to_vec())
    }
}
