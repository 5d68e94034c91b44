//! The tunables of the domain rules, read once at start (flags, environment, file) and handed
//! to the services that apply them.

use chrono::Duration;

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
    pub token_grant_limits: TokenGrantLimits,
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
            token_grant_limits: TokenGrantLimits::default(),
            no_privilege_escalation: false,
        }
    }
}

/// The token endpoint's limits, per minute: the API's limit counts requests per token, so
/// without these anyone holding a client secret could mint fresh budgets (and a token row and an
/// audit event each). Zero means no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenGrantLimits {
    /// Token requests naming one OAuth client.
    pub per_client: i64,
    /// Token requests from one client address.
    pub per_address: i64,
}

impl Default for TokenGrantLimits {
    fn default() -> Self {
        Self {
            per_client: 300,
            per_address: 1200,
        }
    }
}
