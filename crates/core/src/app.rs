//! The application: the store, the clock, the authorization indexes, the token cache and the
//! settings, with the domain services as methods (one module per service). The server holds one
//! `Arc<App>` and never reaches the store directly.

use std::sync::Arc;

use chrono::Duration;
use dashmap::DashMap;

use crate::audit::{AuditEvent, Change, Target};
use crate::authz::{Authorized, Authz};
use crate::clock::Clock;
use crate::ids::OrgId;
use crate::secret::TokenDigest;
use crate::store::Store;
use crate::token::TokenRecord;

/// Tunables of the domain rules.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Default lifetime of issued tokens.
    pub token_lifetime: Duration,
    /// Proxies whose `X-Forwarded-For` is believed (the client address is otherwise the TCP
    /// peer).
    pub trusted_proxies: Vec<crate::net::Cidr>,
    /// Most trustee users and groups one trust may hold (the documented 25).
    pub max_trust_members: u32,
    /// Most cloned users one trustor organization may hold (the documented 5).
    pub max_cloned_users: u32,
    /// How long a pairing can be used after it was made (the documented 48 hours).
    pub pairing_ttl: Duration,
    /// Loopback blocks may be in an organization's IP allowlist (the emulator: local tests can
    /// lock themselves in); otherwise only public IPv4 ranges, as Genesys accepts.
    pub loopback_in_allowlists: bool,
    /// The token endpoint's limits per minute (per OAuth client, per client address).
    pub token_grant_limits: crate::auth::TokenGrantLimits,
    /// A caller may grant, or put into a role, only permissions it holds itself there
    /// (`--no-privilege-escalation`, escalation.rs).
    pub no_privilege_escalation: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            token_lifetime: Duration::seconds(86_400),
            trusted_proxies: Vec::new(),
            max_trust_members: 25,
            max_cloned_users: 5,
            pairing_ttl: Duration::hours(48),
            loopback_in_allowlists: false,
            token_grant_limits: crate::auth::TokenGrantLimits::default(),
            no_privilege_escalation: false,
        }
    }
}

/// Facts about the request a service records in audit events.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    /// The `ININ-Correlation-Id` of the request.
    pub correlation_id: String,
    /// The caller's address.
    pub remote_ip: Option<String>,
}

/// The application state shared by every request.
pub struct App {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) authz: Authz,
    /// Token records by digest, with the revocation generation they were read at.
    pub(crate) tokens: DashMap<TokenDigest, (u64, Arc<TokenRecord>)>,
    pub(crate) settings: Settings,
    pub(crate) org_runtime: crate::admission::OrgRuntime,
    /// Token cache hits and store reads (`/metrics`).
    pub(crate) token_cache_stats: crate::ops::HitCounter,
    /// One gate per user signing in with a password: attempts for the same user take turns, so
    /// concurrent guesses cannot all read "not locked" before any failure is counted.
    pub(crate) sign_in_gates: crate::lockout::SignInGates,
    /// Client secrets and passwords verified by argon2 once (verified_secrets.rs).
    pub(crate) verified_secrets: crate::verified_secrets::VerifiedSecrets,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("settings", &self.settings)
            .field("cached_tokens", &self.tokens.len())
            .finish()
    }
}

impl App {
    /// Assembles the application over a store and a clock.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, settings: Settings) -> Self {
        Self {
            authz: Authz::new(store.clone()),
            store,
            clock,
            tokens: DashMap::new(),
            settings,
            org_runtime: crate::admission::OrgRuntime::default(),
            token_cache_stats: crate::ops::HitCounter::default(),
            sign_in_gates: crate::lockout::SignInGates::default(),
            verified_secrets: crate::verified_secrets::VerifiedSecrets::default(),
        }
    }

    /// The clock.
    pub fn clock(&self) -> &dyn Clock {
        &*self.clock
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// An audit event for something `principal` did in its acting organization.
    pub fn audit_event(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        action: &str,
        target: Target<'_>,
        changes: Vec<Change>,
    ) -> AuditEvent {
        let actor = principal.actor();
        AuditEvent {
            id: crate::ids::new_uuid(),
            timestamp: self.clock.now(),
            org_id: principal.org_id.clone(),
            home_org_id: principal.home_org_id.clone(),
            actor,
            client_id: Some(principal.client_id.clone()),
            action: action.to_owned(),
            entity_type: target.entity_type.to_owned(),
            entity_id: target.id.to_owned(),
            entity_name: target.name.map(str::to_owned),
            changes,
            correlation_id: meta.correlation_id.clone(),
            remote_ip: meta.remote_ip.clone(),
        }
    }

    /// The most recent audit events of an organization (newest first).
    pub async fn recent_audit_events(
        &self,
        org: &OrgId,
        limit: u32,
    ) -> crate::Result<Vec<AuditEvent>> {
        Ok(self.store.recent_audit_events(org, limit).await?)
    }
}
