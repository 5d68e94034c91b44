//! Sign-in lockout: after [`MAX_FAILED_SIGN_INS`] consecutive wrong passwords a user is locked
//! for [`LOCKOUT`] (by the server clock), as Genesys documents. Every failure and every lock is
//! audited; a successful sign-in clears the count. While locked, attempts are not counted, and
//! only a caller who gives the right password is told of the lock: a wrong one answers
//! "Invalid login credentials." after the same argon2 work as for a username that does not
//! exist, so the lock reveals no account.
//!
//! The count is read, the password checked and the new count written as separate steps, so the
//! attempts of one user take turns through a [`SignInGates`] gate: concurrent guesses cannot all
//! pass the lock check before the first failure is written (without it, 40 parallel guesses
//! were 40 tries, not 6). Within one process; several instances over one PostgreSQL database
//! each take their own turns.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use dashmap::DashMap;

use crate::audit::{Actor, AuditEvent, Change};
use crate::clock::Clock;
use crate::ids::UserId;
use crate::login::LoginError;
use crate::model::{OAuthClient, User};
use crate::request::RequestMeta;
use crate::store::Store;

/// Per-user gates serializing password sign-in attempts.
#[derive(Debug, Default)]
pub struct SignInGates {
    gates: DashMap<UserId, Arc<tokio::sync::Mutex<()>>>,
}

impl SignInGates {
    /// The gate of `user`; hold its lock for the whole attempt. Dropping the returned handle
    /// forgets gates nobody waits on, so the map only holds users being signed in.
    pub(crate) fn gate(&self, user: &UserId) -> Gate<'_> {
        let mutex = self.gates.entry(user.clone()).or_default().clone();
        Gate {
            gates: self,
            user: user.clone(),
            mutex,
        }
    }
}

/// A handle on one user's gate (see [`SignInGates::gate`]).
#[derive(Debug)]
pub(crate) struct Gate<'a> {
    gates: &'a SignInGates,
    user: UserId,
    mutex: Arc<tokio::sync::Mutex<()>>,
}

impl Gate<'_> {
    /// Waits for this user's turn.
    pub(crate) async fn lock(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.mutex.lock().await
    }
}

impl Drop for Gate<'_> {
    fn drop(&mut self) {
        // Held only by the map and this handle: nobody waits, forget the gate (a waiter holds
        // a handle of its own, so the count would be higher).
        self.gates
            .gates
            .remove_if(&self.user, |_, m| Arc::strong_count(m) == 2);
    }
}

/// Consecutive failures that lock a user.
pub const MAX_FAILED_SIGN_INS: u32 = 6;

/// How long a lock lasts.
pub const LOCKOUT: Duration = Duration::minutes(5);

/// The sign-in record of a user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInState {
    /// Consecutive failures since the last success or lock.
    pub failures: u32,
    /// Locked until then.
    pub locked_until: Option<DateTime<Utc>>,
}

fn internal(e: impl Into<crate::Error>) -> LoginError {
    LoginError::Internal(e.into())
}

/// Sign-in lockout: failed password sign-ins counted per user, and the user locked out for a
/// while after too many.
pub struct Lockout {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    /// One gate per user signing in with a password: attempts for the same user take turns, so
    /// concurrent guesses cannot all read "not locked" before any failure is counted.
    pub(crate) sign_in_gates: SignInGates,
}

impl Lockout {
    /// The service over `store`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            sign_in_gates: SignInGates::default(),
        }
    }
}

impl Lockout {
    /// The user's sign-in record (none yet: no failures, not locked).
    pub(crate) async fn sign_in_state(&self, user: &User) -> Result<SignInState, LoginError> {
        Ok(self
            .store
            .sign_in_state(&user.id)
            .await
            .map_err(internal)?
            .unwrap_or_default())
    }

    /// The refusal of a user locked now, if `state` says so. Say it only to a caller who proved
    /// the password: anyone else gets the answer an unknown username gets.
    pub(crate) fn lock_refusal(&self, state: &SignInState) -> Option<LoginError> {
        let until = state
            .locked_until
            .filter(|until| *until > self.clock.now())?;
        Some(LoginError::InvalidGrant(format!(
            "The user is locked after {MAX_FAILED_SIGN_INS} failed sign-in attempts; try again after {}.",
            orgtrust_api::format_datetime(&until)
        )))
    }

    /// Counts a wrong password; the sixth in a row locks the user. Audited.
    pub(crate) async fn record_failed_sign_in(
        &self,
        client: &OAuthClient,
        user: &User,
        state: SignInState,
        meta: &RequestMeta,
    ) -> Result<(), LoginError> {
        let now = self.clock.now();
        let failures = state.failures + 1;
        let locks = failures >= MAX_FAILED_SIGN_INS;
        let next = if locks {
            SignInState {
                failures: 0,
                locked_until: Some(now + LOCKOUT),
            }
        } else {
            SignInState {
                failures,
                locked_until: None,
            }
        };
        let event = AuditEvent {
            id: crate::ids::new_uuid(),
            timestamp: now,
            org_id: user.org_id.clone(),
            home_org_id: user.org_id.clone(),
            actor: Actor {
                kind: "user",
                id: user.id.to_string(),
                name: user.name.clone(),
            },
            client_id: Some(client.id.clone()),
            action: if locks { "lock" } else { "login.failed" }.into(),
            entity_type: "user".into(),
            entity_id: user.id.to_string(),
            entity_name: Some(user.name.clone()),
            changes: vec![Change {
                property: "failedSignIns".into(),
                old_values: vec![state.failures.to_string()],
                new_values: vec![failures.to_string()],
            }],
            correlation_id: meta.correlation_id.clone(),
            remote_ip: meta.remote_ip.clone(),
        };
        self.store
            .put_sign_in_state(&user.org_id, &user.id, &next, &event)
            .await
            .map_err(internal)
    }

    /// Clears the failure count after a successful sign-in (no write when there is none).
    pub(crate) async fn record_sign_in(
        &self,
        user: &User,
        state: &SignInState,
    ) -> Result<(), LoginError> {
        if state.failures == 0 && state.locked_until.is_none() {
            return Ok(());
        }
        self.store
            .clear_sign_in_state(&user.id)
            .await
            .map_err(internal)
    }
}
