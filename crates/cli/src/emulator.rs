//! The emulator flags of `orgtrust serve`: `--emulator`, `--operator-token`, `--seed`, and the
//! request log's bounds.

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Args;
use orgtrust_core::clock::SystemClock;
use orgtrust_core::emulator::Emulator;
use orgtrust_core::secret::Secret;
use orgtrust_core::store::FixturePlan;

/// The emulator controls under `/_orgtrust/` (see docs/emulator.md).
#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Turn on the emulator controls under /_orgtrust/ (clock, reset, faults, request log).
    #[arg(
        long,
        env = "ORGTRUST_EMULATOR",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    emulator: bool,
    /// The bearer token the controls require; needed when listening beyond loopback.
    #[arg(long, env = "ORGTRUST_OPERATOR_TOKEN", hide_env_values = true)]
    operator_token: Option<String>,
    /// Generate ids from this seed, the same from run to run (secrets stay random).
    #[arg(long, env = "ORGTRUST_SEED")]
    seed: Option<u64>,
    /// How many requests the emulator's request log keeps (the oldest go first).
    #[arg(
        long,
        env = "ORGTRUST_REQUEST_LOG_ENTRIES",
        default_value_t = orgtrust_core::emulator::requests::DEFAULT_CAPACITY as u64,
        value_parser = clap::value_parser!(u64)
            .range(1..=orgtrust_core::emulator::requests::MAX_CAPACITY as u64)
    )]
    request_log_entries: u64,
    /// How many bytes of each request body the request log keeps, secrets redacted (0: none).
    #[arg(
        long,
        env = "ORGTRUST_REQUEST_LOG_BODY_BYTES",
        default_value_t = orgtrust_core::emulator::requests::DEFAULT_BODY_BYTES
    )]
    request_log_body_bytes: usize,
}

impl EmulatorArgs {
    /// Checks the flags against the listening address and seeds the id generator; call before
    /// anything generates an id.
    pub fn prepare(&self, listen: SocketAddr) -> anyhow::Result<()> {
        if self.emulator && !listen.ip().is_loopback() && self.token().is_none() {
            anyhow::bail!(
                "--emulator on {listen} (beyond loopback) needs --operator-token (ORGTRUST_OPERATOR_TOKEN)"
            );
        }
        if self.token().is_some() && !self.emulator {
            anyhow::bail!("--operator-token only makes sense with --emulator");
        }
        if let Some(seed) = self.seed {
            orgtrust_core::ids::seed(seed);
        }
        Ok(())
    }

    fn token(&self) -> Option<&str> {
        self.operator_token
            .as_deref()
            .filter(|t| !t.trim().is_empty())
    }

    /// Are the emulator controls on?
    pub fn on(&self) -> bool {
        self.emulator
    }

    /// The controls, when `--emulator` is on, over the server's clock, resetting to `baseline`.
    pub fn build(&self, clock: Arc<SystemClock>, baseline: FixturePlan) -> Option<Arc<Emulator>> {
        self.emulator.then(|| {
            Arc::new(
                Emulator::new(
                    clock,
                    baseline,
                    self.token().map(|t| Secret::new(t.to_owned())),
                )
                .with_request_log(
                    self.request_log_entries as usize,
                    self.request_log_body_bytes,
                ),
            )
        })
    }
}
