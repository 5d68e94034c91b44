//! The emulator controls (`orgtrust serve --emulator`): moving the clock, putting the data back
//! to the fixture the server started with, injected faults, and the recent-request log. What
//! developers testing against orgtrust need and the real cloud never offers.

pub mod faults;
pub mod requests;
pub mod why;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use subtle::ConstantTimeEq;

use crate::app::App;
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::secret::Secret;
use crate::store::FixturePlan;

/// The farthest one clock move may go (about 100 years), so that dates stay printable.
const MAX_MOVE_DAYS: i64 = 36_500;

/// The emulator's state: the clock it moves, the fixture it resets to, the operator token,
/// the fault rules and the request log.
#[derive(Debug)]
pub struct Emulator {
    clock: Arc<SystemClock>,
    baseline: FixturePlan,
    operator_token: Option<Secret>,
    /// Injected faults.
    pub faults: faults::FaultSet,
    /// Recent requests.
    pub requests: requests::RequestLog,
}

impl Emulator {
    /// The controls over `clock` (the one the [`App`] runs on), resetting to `baseline` (the
    /// fixture plan applied at start; empty when none was), guarded by `operator_token` when set.
    pub fn new(
        clock: Arc<SystemClock>,
        baseline: FixturePlan,
        operator_token: Option<Secret>,
    ) -> Self {
        Self {
            clock,
            baseline,
            operator_token,
            faults: faults::FaultSet::default(),
            requests: requests::RequestLog::new(
                requests::DEFAULT_CAPACITY,
                requests::DEFAULT_BODY_BYTES,
            ),
        }
    }

    /// The same, keeping the last `entries` requests in the log and the first `body_bytes` of
    /// each body (none when 0).
    pub fn with_request_log(mut self, entries: usize, body_bytes: usize) -> Self {
        self.requests = requests::RequestLog::new(entries, body_bytes);
        self
    }

    /// Is a token required on the control endpoints?
    pub fn requires_token(&self) -> bool {
        self.operator_token.is_some()
    }

    /// Does `presented` (a bearer token, or nothing) open the controls? Always when no token is
    /// configured; otherwise only the configured one, compared in constant time.
    pub fn operator_allowed(&self, presented: Option<&str>) -> bool {
        match (&self.operator_token, presented) {
            (None, _) => true,
            (Some(expected), Some(given)) => {
                let (a, b) = (expected.expose().as_bytes(), given.as_bytes());
                // ct_eq on unequal lengths answers false at once; the length is not the secret.
                bool::from(a.ct_eq(b))
            }
            (Some(_), None) => false,
        }
    }

    /// The emulated now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// How far the emulated clock is from the system's.
    pub fn offset(&self) -> Duration {
        self.clock.offset()
    }

    /// Moves the clock by `seconds` (negative goes back); answers the new now.
    pub fn advance(&self, seconds: i64) -> Result<DateTime<Utc>> {
        if seconds.unsigned_abs() > (MAX_MOVE_DAYS * 86_400) as u64 {
            return Err(Error::invalid_value(
                "seconds",
                format!("at most {MAX_MOVE_DAYS} days either way"),
            ));
        }
        self.clock.advance(Duration::seconds(seconds));
        Ok(self.clock.now())
    }

    /// Sets the clock to `at`; answers the new now.
    pub fn set(&self, at: DateTime<Utc>) -> Result<DateTime<Utc>> {
        if (at - Utc::now()).num_days().abs() > MAX_MOVE_DAYS {
            return Err(Error::invalid_value(
                "now",
                format!("at most {MAX_MOVE_DAYS} days from the system time"),
            ));
        }
        self.clock.set(at);
        Ok(self.clock.now())
    }

    /// Puts every organization back to the fixture the server started with: everything not in
    /// it (organizations, entities, trusts, pairings, tokens, audit trail) is removed. Every
    /// issued token stops working.
    pub async fn reset_all(&self, app: &App) -> Result<()> {
        match &self.baseline.snapshot {
            // A snapshot loaded at start is the whole state to return to.
            Some(rows) => {
                app.store()
                    .import_tables(crate::snapshot::TABLES, rows)
                    .await?
            }
            None => app.store().reset(&self.baseline, None).await?,
        }
        app.admission.forget_windows();
        Ok(())
    }

    /// Puts one organization back to its fixture state, leaving the others' data alone, except
    /// the trusts and pairings between it and them (they belong to both sides, and are restored
    /// when the fixture has them). An organization that is not in the fixture is removed.
    /// Unknown to both the store and the fixture: 404.
    pub async fn reset_org(&self, app: &App, org: &OrgId) -> Result<()> {
        let fixture_org = self
            .baseline
            .organizations
            .iter()
            .find(|o| &o.org.id == org);
        if fixture_org.is_none() && app.store().organization(org).await?.is_none() {
            return Err(Error::not_found("organization", org));
        }
        let mut plan = FixturePlan {
            organizations: fixture_org.cloned().into_iter().collect(),
            customer_care: None,
            trusts: Vec::new(),
            snapshot: None,
        };
        for t in &self.baseline.trusts {
            let other = if &t.trustor_org_id == org {
                &t.trustee_org_id
            } else if &t.trustee_org_id == org {
                &t.trustor_org_id
            } else {
                continue;
            };
            // Restore the trust only when the other side still exists (it may have been reset
            // away); the organization itself exists again only if the fixture has it.
            if fixture_org.is_some() && app.store().organization(other).await?.is_some() {
                plan.trusts.push(t.clone());
            }
        }
        app.store().reset(&plan, Some(org)).await?;
        Ok(())
    }
}
