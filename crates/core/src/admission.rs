//! Admission: what every authenticated API request passes before its handler runs, answered
//! from memory. The acting organization's IP allowlist, its OAuth scope enforcement, and the
//! request-rate limits (`platform.api` limits, the organization's effective values). A refused
//! request has had no effect, so SDKs that retry a 429 automatically (Python) never duplicate
//! a write.

use std::sync::Arc;

use dashmap::DashMap;

use crate::authz::Authz;
use crate::authz::{Principal, PrincipalKind};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::limits::{Limits, APP_USER_RATE, PLATFORM_API, TOKEN_RATE};
use crate::org_settings::allowed;
use crate::org_settings::OrgSettingsService;
use crate::permission::EffectivePermissions;
use crate::request::RequestMeta;
use crate::scopes::{restrict, ScopeRestriction};
use orgtrust_api::error::codes;

/// How many rate windows may be kept before old ones are swept.
const SWEEP_ABOVE: usize = 4096;

/// The in-memory state of admission: the rate-limit windows and the scope-restricted permissions
/// of tokens.
#[derive(Debug, Default)]
pub(crate) struct OrgRuntime {
    /// Counter key -> (minute window, requests admitted in it).
    windows: DashMap<String, (i64, i64)>,
    /// Token id -> its scope-restricted permissions, with the generations (acting organization,
    /// home organization) they were computed at.
    scoped: DashMap<String, (u64, u64, Arc<EffectivePermissions>)>,
}

/// An admitted request: the principal (its permissions narrowed to its client's scopes when the
/// organization enforces them) and what the scopes took away.
#[derive(Debug, Clone)]
pub struct Admitted {
    /// The caller.
    pub principal: Principal,
    /// Present when the organization enforces OAuth scopes.
    pub scopes: Option<Arc<ScopeRestriction>>,
}

impl OrgRuntime {
    /// Forgets every rate window (the emulator's reset starts them afresh).
    fn forget_windows(&self) {
        self.windows.clear();
    }

    /// Counts one request against `key` in the current minute, or refuses it (without counting)
    /// with the seconds until the window ends.
    fn take(&self, key: String, limit: i64, now_ms: i64) -> std::result::Result<(), u64> {
        let window = now_ms.div_euclid(60_000);
        if self.windows.len() > SWEEP_ABOVE {
            self.windows.retain(|_, (w, _)| *w >= window);
        }
        let mut entry = self.windows.entry(key).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= limit {
            let remaining_ms = (window + 1) * 60_000 - now_ms;
            return Err(((remaining_ms + 999) / 1000).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
    }
}

/// Admission: the checks every authenticated request passes before its handler (allowlist,
/// OAuth scopes, rate limits), answered from memory.
pub struct Admission {
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) authz: Arc<Authz>,
    pub(crate) org_settings: Arc<OrgSettingsService>,
    /// The organizations' rate limits.
    pub(crate) limits: Arc<Limits>,
    pub(crate) runtime: OrgRuntime,
}

impl Admission {
    /// The service, reading the organizations' settings from `org_settings` and their
    /// rate limits from `limits`.
    pub fn new(
        clock: Arc<dyn Clock>,
        authz: Arc<Authz>,
        org_settings: Arc<OrgSettingsService>,
        limits: Arc<Limits>,
    ) -> Self {
        Self {
            clock,
            authz,
            org_settings,
            limits,
            runtime: OrgRuntime::default(),
        }
    }

    /// Counts one request against `key` in the current minute, or refuses it with the seconds
    /// until the window ends (the token endpoint's limits count here too).
    pub(crate) fn take(
        &self,
        key: String,
        limit: i64,
        now_ms: i64,
    ) -> std::result::Result<(), u64> {
        self.runtime.take(key, limit, now_ms)
    }

    /// Forgets every rate window (a reset or a snapshot import starts them afresh).
    pub fn forget_windows(&self) {
        self.runtime.forget_windows();
    }
}

impl Admission {
    /// Admits an authenticated request in its acting organization, or refuses it: 401
    /// `ip.not.authorized` from an address outside the organization's IP allowlist (trustee users acting there included),
    /// 429 with `Retry-After` over the rate limit. Nothing is counted for a refused request.
    pub async fn admit(&self, principal: Principal, meta: &RequestMeta) -> Result<Admitted> {
        let org = principal.org_id.clone();
        let cached = self.org_settings.cached_settings(&org).await?;
        let ip = meta.remote_ip.as_deref().and_then(|s| s.parse().ok());
        if !allowed(&cached.allowlist, ip) {
            // 401, not 403: client code reads 401 as "sign in again (from elsewhere)" and 403 as
            // "a permission is missing"; the published Swagger lists this code among the 401s.
            return Err(Error::unauthenticated(
                codes::IP_NOT_AUTHORIZED,
                format!(
                    "The IP address [{}] is not authorized to access this organization.",
                    meta.remote_ip.as_deref().unwrap_or("unknown")
                ),
            ));
        }

        let mut principal = principal;
        let scopes = if cached.settings.enforce_scopes {
            let index = self.authz.index(&principal.home_org_id).await?;
            let granted = index.client_scopes(&principal.client_id).to_vec();
            let unscoped = principal.permissions.clone();
            // Both inputs of the intersection only change with a generation: compute it once
            // per token and generation pair.
            let generations = (cached.generation, index.generation());
            let memo = self
                .runtime
                .scoped
                .get(&principal.token_id)
                .filter(|m| (m.0, m.1) == generations)
                .map(|m| m.2.clone());
            principal.permissions = match memo {
                Some(p) => p,
                None => {
                    let restricted = Arc::new(restrict(&unscoped, &granted));
                    if self.runtime.scoped.len() > SWEEP_ABOVE {
                        self.runtime.scoped.clear();
                    }
                    self.runtime.scoped.insert(
                        principal.token_id.clone(),
                        (generations.0, generations.1, restricted.clone()),
                    );
                    restricted
                }
            };
            Some(Arc::new(ScopeRestriction {
                scopes: granted,
                unscoped,
            }))
        } else {
            None
        };

        let (key, counter) = match &principal.kind {
            PrincipalKind::Client => (TOKEN_RATE, format!("token:{}", principal.token_id)),
            PrincipalKind::User(user) => (
                APP_USER_RATE,
                format!("user:{org}:{user}:{}", principal.client_id),
            ),
        };
        let limit = self.limits.effective_limit(&org, PLATFORM_API, key).await?;
        let now_ms = self.clock.now().timestamp_millis();
        if let Err(retry_after_secs) = self.runtime.take(counter, limit, now_ms) {
            return Err(Error::RateLimited {
                retry_after_secs,
                key: key.to_owned(),
                namespace: PLATFORM_API.to_owned(),
                value: limit,
            });
        }
        Ok(Admitted { principal, scopes })
    }

    /// Is `ip` allowed to request tokens for `org`? (The token endpoint's check.)
    pub async fn address_allowed(&self, org: &OrgId, ip: Option<&str>) -> Result<bool> {
        let cached = self.org_settings.cached_settings(org).await?;
        Ok(allowed(&cached.allowlist, ip.and_then(|s| s.parse().ok())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_refuse_without_counting_and_reset() {
        let rt = OrgRuntime::default();
        let t0 = 1_700_000_000_000_i64 - 1_700_000_000_000_i64 % 60_000;
        assert!(rt.take("k".into(), 2, t0).is_ok());
        assert!(rt.take("k".into(), 2, t0 + 1).is_ok());
        assert_eq!(rt.take("k".into(), 2, t0 + 30_000), Err(30));
        assert_eq!(rt.take("k".into(), 2, t0 + 59_500), Err(1));
        assert!(rt.take("k".into(), 2, t0 + 60_000).is_ok());
        assert!(rt.take("other".into(), 2, t0).is_ok());
    }
}
