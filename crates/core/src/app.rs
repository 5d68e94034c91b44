//! The composition root: builds each domain service over the store, the clock and the settings,
//! passing each its dependencies, and holds them. The server holds one `Arc<App>` and calls the
//! services through it (`app.directory.list_groups(..)`); it never reaches the store directly.
//! What spans every service (the operational counters, readiness, the whole-state snapshot)
//! is answered here.

use std::sync::Arc;

use crate::access::AccessReview;
use crate::admission::Admission;
use crate::audit_search::AuditLog;
use crate::auth::Authentication;
use crate::authz::Authz;
use crate::clock::Clock;
use crate::directory::Directory;
use crate::emulator::why::Why;
use crate::escalation::Escalation;
use crate::limits::Limits;
use crate::lockout::Lockout;
use crate::ops::OpsSnapshot;
use crate::org_settings::OrgSettingsService;
use crate::organizations::Organizations;
use crate::orgauth::OrgAuthorization;
use crate::revocation::Revocation;
use crate::seed_document::FixtureError;
use crate::settings::Settings;
use crate::snapshot::SnapshotDoc;
use crate::store::Store;
use crate::token_cache::TokenCache;

/// The application: every domain service, built once and shared by every request.
pub struct App {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    settings: Arc<Settings>,
    tokens: Arc<TokenCache>,
    /// The authorization index of each organization (authz.rs).
    pub authz: Arc<Authz>,
    /// Organization settings (org_settings.rs, password_policy.rs).
    pub org_settings: Arc<OrgSettingsService>,
    /// The organizations' limits and limit change requests (limits.rs).
    pub limits: Arc<Limits>,
    /// Admission: allowlist, scopes and rate limits before each request (admission.rs).
    pub admission: Arc<Admission>,
    /// Sign-in lockout (lockout.rs).
    pub lockout: Arc<Lockout>,
    /// Authentication and tokens (auth.rs, trust_sign_in.rs, browser_sign_in.rs).
    pub auth: Arc<Authentication>,
    /// The directory (directory/).
    pub directory: Directory,
    /// Organizations and their migrations (organizations.rs, migrations.rs).
    pub organizations: Organizations,
    /// Organization authorization: pairings, trusts, members, clones (orgauth/).
    pub orgauth: OrgAuthorization,
    /// The audit trail as callers search it (audit_search.rs).
    pub audit: AuditLog,
    /// The emulator's explanations of refusals (emulator/why.rs).
    pub why: Why,
    /// The access review of trustor organizations (access.rs).
    pub access: AccessReview,
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
        let settings = Arc::new(settings);
        let tokens = Arc::new(TokenCache::default());
        let authz = Arc::new(Authz::new(store.clone()));
        let org_settings = Arc::new(OrgSettingsService::new(
            store.clone(),
            clock.clone(),
            settings.clone(),
        ));
        let limits = Arc::new(Limits::new(store.clone(), clock.clone()));
        let admission = Arc::new(Admission::new(
            clock.clone(),
            authz.clone(),
            org_settings.clone(),
            limits.clone(),
        ));
        let lockout = Arc::new(Lockout::new(store.clone(), clock.clone()));
        let auth = Arc::new(Authentication::new(
            store.clone(),
            clock.clone(),
            authz.clone(),
            settings.clone(),
            tokens.clone(),
            lockout.clone(),
            admission.clone(),
        ));
        let escalation = Escalation::new(store.clone(), authz.clone(), settings.clone());
        let revocation = Revocation::new(store.clone(), clock.clone(), authz.clone());
        Self {
            directory: Directory::new(
                store.clone(),
                clock.clone(),
                authz.clone(),
                tokens.clone(),
                escalation.clone(),
                revocation.clone(),
                org_settings.clone(),
            ),
            organizations: Organizations::new(store.clone(), clock.clone(), tokens.clone()),
            orgauth: OrgAuthorization::new(
                store.clone(),
                clock.clone(),
                authz.clone(),
                settings.clone(),
                limits.clone(),
                escalation,
                revocation,
            ),
            audit: AuditLog::new(store.clone(), authz.clone()),
            why: Why::new(store.clone(), clock.clone(), authz.clone(), auth.clone()),
            access: AccessReview::new(store.clone(), clock.clone(), authz.clone()),
            store,
            clock,
            settings,
            tokens,
            authz,
            org_settings,
            limits,
            admission,
            lockout,
            auth,
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

    /// The store (the emulator's resets write through it).
    pub(crate) fn store(&self) -> &dyn Store {
        &*self.store
    }

    /// The cache counters and pool use, read without I/O.
    pub fn ops_snapshot(&self) -> OpsSnapshot {
        OpsSnapshot {
            token_cache: self.tokens.stats.get(),
            permission_index: self.authz.stats.get(),
            pool: self.store.pool_stats(),
        }
    }

    /// Audit events in the trail (all instances), for `/metrics`.
    pub async fn audit_events_total(&self) -> crate::Result<u64> {
        Ok(self.store.audit_events_total().await?)
    }

    /// `Ok` when the database answers and its migrations are applied (`/readyz`).
    pub async fn readiness(&self) -> crate::Result<()> {
        Ok(self.store.readiness().await?)
    }

    /// The whole state as a snapshot document (`exportedAt`: the server clock).
    pub async fn export_snapshot(&self) -> crate::Result<SnapshotDoc> {
        Ok(crate::snapshot::export(&*self.store, self.clock.now()).await?)
    }

    /// Replaces the whole state by the snapshot `text` (all or nothing). A broken document is a
    /// 400 `invalid.value` naming the JSON path at fault; the previous state is then untouched.
    /// Afterwards no token of the old state works and rate windows start afresh.
    pub async fn import_snapshot(&self, source: &str, text: &str) -> crate::Result<()> {
        let invalid =
            |e: FixtureError| crate::error::Error::invalid_value(e.path.clone(), e.to_string());
        let doc = crate::snapshot::parse(source, text).map_err(invalid)?;
        crate::snapshot::import(&*self.store, source, &doc)
            .await
            .map_err(invalid)?;
        self.admission.forget_windows();
        Ok(())
    }
}
