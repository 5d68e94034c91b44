//! Admission: what every authenticated API request passes before its handler runs, answered
//! from memory. The acting organization's IP allowlist, its OAuth scope enforcement, and the
//! request-rate limits (`platform.api` limits, the organization's effective values). A refused
//! request has had no effect, so SDKs that retry a 429 automatically (Python) never duplicate
//! a write.

use std::collections::HashMap;
use std::sync::Arc;

use dashmap::DashMap;

use crate::app::{App, RequestMeta};
use crate::authz::{Principal, PrincipalKind};
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::limits::{APP_USER_RATE, PLATFORM_API, TOKEN_RATE};
use crate::org_settings::{allowed, CachedSettings};
use crate::permission::EffectivePermissions;
use crate::scopes::{restrict, ScopeRestriction};
use orgtrust_api::error::codes;

/// How many rate windows may be kept before old ones are swept.
const SWEEP_ABOVE: usize = 4096;

/// An organization's limit overrides by (namespace, key).
pub type LimitOverrides = Arc<HashMap<(String, String), i64>>;

/// Values derived from an organization's state, each kept with the generation read before that
/// state was (THE RULE of the stores) and answered only while the generation is still the same.
#[derive(Debug)]
pub(crate) struct Kept<K: Eq + std::hash::Hash, V>(DashMap<K, (u64, V)>);

impl<K: Eq + std::hash::Hash, V> Default for Kept<K, V> {
    fn default() -> Self {
        Self(DashMap::new())
    }
}

impl<K: Eq + std::hash::Hash, V: Clone> Kept<K, V> {
    /// The value kept for `key` when it was read at `generation`.
    pub(crate) fn get(&self, key: &K, generation: u64) -> Option<V> {
        self.0
            .get(key)
            .filter(|kept| kept.0 == generation)
            .map(|kept| kept.1.clone())
    }

    /// Keeps `value`, read at `generation`, unless a request that read a later generation
    /// already kept its own (generations only grow).
    pub(crate) fn keep(&self, key: K, generation: u64, value: V) {
        match self.0.entry(key) {
            dashmap::Entry::Occupied(mut kept) if kept.get().0 < generation => {
                kept.insert((generation, value));
            }
            dashmap::Entry::Occupied(_) => {}
            dashmap::Entry::Vacant(slot) => {
                slot.insert((generation, value));
            }
        }
    }
}

/// The in-memory state of the organization settings: caches keyed by each organization's
/// authorization generation (bumped by the store on every settings or limit write) and the
/// rate-limit windows.
#[derive(Debug, Default)]
pub struct OrgRuntime {
    pub(crate) settings: Kept<OrgId, CachedSettings>,
    pub(crate) limits: Kept<OrgId, LimitOverrides>,
    /// (viewer, organization) -> the organization's name, at the viewer's generation
    /// (`App::organization_name`).
    pub(crate) names: Kept<(OrgId, OrgId), String>,
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
    pub(crate) fn forget_windows(&self) {
        self.windows.clear();
    }

    /// Counts one request against `key` in the current minute, or refuses it (without counting)
    /// with the seconds until the window ends.
    pub(crate) fn take(
        &self,
        key: String,
        limit: i64,
        now_ms: i64,
    ) -> std::result::Result<(), u64> {
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

impl App {
    /// Admits an authenticated request in its acting organization, or refuses it: 401
    /// `ip.not.authorized` from an address outside the organization's IP allowlist (trustee users acting there included),
    /// 429 with `Retry-After` over the rate limit. Nothing is counted for a refused request.
    pub async fn admit(&self, principal: Principal, meta: &RequestMeta) -> Result<Admitted> {
        let org = principal.org_id.clone();
        let cached = self.cached_settings(&org).await?;
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
                .org_runtime
                .scoped
                .get(&principal.token_id)
                .filter(|m| (m.0, m.1) == generations)
                .map(|m| m.2.clone());
            principal.permissions = match memo {
                Some(p) => p,
                None => {
                    let restricted = Arc::new(restrict(&unscoped, &granted));
                    if self.org_runtime.scoped.len() > SWEEP_ABOVE {
                        self.org_runtime.scoped.clear();
                    }
                    self.org_runtime.scoped.insert(
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
        let limit = self.effective_limit(&org, PLATFORM_API, key).await?;
        let now_ms = self.clock.now().timestamp_millis();
        if let Err(retry_after_secs) = self.org_runtime.take(counter, limit, now_ms) {
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
        let cached = self.cached_settings(org).await?;
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

    #[test]
    fn a_kept_value_answers_only_at_its_generation_and_a_later_one_wins() {
        let kept: Kept<&str, &str> = Kept::default();
        kept.keep("org", 2, "at 2");
        assert_eq!(kept.get(&"org", 2), Some("at 2"));
        assert_eq!(kept.get(&"org", 3), None);
        // A slow request that read generation 1 does not replace what generation 2 kept.
        kept.keep("org", 1, "at 1");
        assert_eq!(kept.get(&"org", 2), Some("at 2"));
        kept.keep("org", 3, "at 3");
        assert_eq!(kept.get(&"org", 3), Some("at 3"));
        assert_eq!(kept.get(&"other", 3), None);
    }
}
