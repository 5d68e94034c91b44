//! Time comes from a [`Clock`], never from the system directly, so tests and the emulator can move
//! time forward and watch pairings, trusts and tokens expire.

use chrono::{DateTime, Duration, Utc};
use parking_lot::RwLock;

/// The source of "now" for every time-dependent rule.
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock, optionally shifted by an offset (used by tests and the emulator controls).
#[derive(Debug, Default)]
pub struct SystemClock {
    offset: RwLock<Duration>,
}

impl SystemClock {
    /// A clock that follows the system time.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves this clock forward (or back, with a negative duration) relative to the system time.
    pub fn advance(&self, by: Duration) {
        *self.offset.write() += by;
    }

    /// Moves this clock to `at` (forward or back); it keeps running from there.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.offset.write() = at - Utc::now();
    }

    /// The current shift from the system time.
    pub fn offset(&self) -> Duration {
        *self.offset.read()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.read()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward() {
        let clock = SystemClock::new();
        let before = clock.now();
        clock.advance(Duration::days(31));
        assert!(clock.now() - before >= Duration::days(31));
    }

    #[test]
    fn setting_moves_now_to_the_instant() {
        let clock = SystemClock::new();
        let at = Utc::now() + Duration::days(400);
        clock.set(at);
        let drift = clock.now() - at;
        assert!(drift >= Duration::zero() && drift < Duration::seconds(5));
    }
}
