//! The administrator's subcommands (`orgtrust login`, `trustees`, `pairings`, ...), one module
//! per noun, all built on the `orgtrust-client` crate: they talk to any server over HTTP and
//! never reach into the server crates.
//!
//! Shared here: the global flags (`--profile`, `--json`), the error type and its exit statuses,
//! and the output helpers (tables for people, JSON for scripts, a progress bar for bulk work).

mod access;
mod audits;
mod clones;
mod directory;
mod login;
mod org;
mod output;
mod pairings;
mod profile;
mod trustee_users;
mod trustees;
mod trustors;

use std::fmt;

use clap::{Args, Subcommand};
use orgtrust_client::{Client, ClientError};

pub use output::Output;
use profile::Profiles;

/// The server a command talks to when neither `--server`, `ORGTRUST_SERVER` nor the profile
/// names one: what `orgtrust serve` listens on by default.
pub const DEFAULT_SERVER: &str = "http://127.0.0.1:8080";

/// Exit status of a usage error: bad flags (clap uses 2 as well), no such profile, not logged in.
pub const EXIT_USAGE: u8 = 2;
/// Exit status of an error answered by the server (an `ErrorBody` or an OAuth error).
pub const EXIT_API: u8 = 3;
/// Exit status when the server could not be reached (connection refused, timeout, TLS).
pub const EXIT_CONNECTION: u8 = 4;
/// Exit status of any other failure (the profiles file cannot be read or written, an answer
/// that does not decode).
pub const EXIT_OTHER: u8 = 1;

/// The administrator's subcommands, flattened into the binary's command list.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in and store the token in a named profile.
    Login(login::LoginArgs),
    /// Trusts this organization grants (the trustor's side).
    Trustees(Noun<trustees::Cmd>),
    /// Pairings: the trustee's half of a new trust.
    Pairings(Noun<pairings::Cmd>),
    /// Trustee users of a trust and the roles they hold here (the trustor's side).
    #[command(name = "trustee-users")]
    TrusteeUsers(Noun<trustee_users::Cmd>),
    /// Trusts other organizations grant this one (the trustee's side).
    Trustors(Noun<trustors::Cmd>),
    /// Cloned users of this organization's users in a trustor organization.
    Clones(Noun<clones::Cmd>),
    /// Audit events of trusts.
    Audits(Noun<audits::Cmd>),
    /// Who from other organizations can do what here (the access review).
    Access(Noun<access::Cmd>),
    /// This organization: details, features, settings, limits.
    Org(Noun<org::Cmd>),
    /// Users of this organization (those the profile may see).
    Users(Noun<directory::ListCmd>),
    /// Groups of this organization (those the profile may see).
    Groups(Noun<directory::ListCmd>),
    /// Roles of this organization: the ids and names `--role` and `--grant` take.
    Roles(Noun<directory::ListCmd>),
    /// Divisions of this organization: the ids and names `--grant` takes.
    Divisions(Noun<directory::ListCmd>),
}

/// A noun's subcommand with the global flags.
#[derive(Debug, Args)]
pub struct Noun<C: Subcommand> {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    cmd: C,
}

/// Flags every subcommand takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// The profile to use (see `orgtrust login`).
    #[arg(
        long,
        global = true,
        env = "ORGTRUST_PROFILE",
        default_value = "default"
    )]
    pub profile: String,
    /// Print JSON (the API's own shapes) instead of tables; errors become the `ErrorBody` JSON
    /// on stderr.
    #[arg(long, global = true)]
    pub json: bool,
}

/// Runs one subcommand and turns its outcome into the process exit status, printing any error
/// on stderr.
pub async fn run(cmd: Command) -> u8 {
    let (json, result) = match cmd {
        Command::Login(args) => (args.global.json, login::run(args).await),
        Command::Trustees(n) => dispatch(n, trustees::run).await,
        Command::Pairings(n) => dispatch(n, pairings::run).await,
        Command::TrusteeUsers(n) => dispatch(n, trustee_users::run).await,
        Command::Trustors(n) => dispatch(n, trustors::run).await,
        Command::Clones(n) => dispatch(n, clones::run).await,
        Command::Audits(n) => dispatch(n, audits::run).await,
        Command::Access(n) => dispatch(n, access::run).await,
        Command::Org(n) => dispatch(n, org::run).await,
        Command::Users(n) => dispatch(n, directory::users).await,
        Command::Groups(n) => dispatch(n, directory::groups).await,
        Command::Roles(n) => dispatch(n, directory::roles).await,
        Command::Divisions(n) => dispatch(n, directory::divisions).await,
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            e.report(json);
            e.exit_status()
        }
    }
}

/// Opens the profile's client and runs the noun's handler with it.
async fn dispatch<C, F, Fut>(noun: Noun<C>, handler: F) -> (bool, Result<(), CliError>)
where
    C: Subcommand,
    F: FnOnce(Ctx, C) -> Fut,
    Fut: std::future::Future<Output = Result<(), CliError>>,
{
    let json = noun.global.json;
    let result = match Ctx::open(&noun.global) {
        Ok(ctx) => handler(ctx, noun.cmd).await,
        Err(e) => Err(e),
    };
    (json, result)
}

/// What a subcommand works with: a logged-in client and where to print.
pub struct Ctx {
    /// The client, carrying the profile's token.
    pub client: Client,
    /// Tables or JSON.
    pub out: Output,
}

impl Ctx {
    /// The client of the selected profile; refuses a missing profile or an expired token before
    /// any request is sent.
    fn open(global: &Global) -> Result<Self, CliError> {
        let profiles = Profiles::load(&Profiles::path()?)?;
        let profile = profiles.get(&global.profile).ok_or_else(|| {
            CliError::Usage(format!(
                "no profile {:?}: run `orgtrust login --profile {} ...` first",
                global.profile, global.profile
            ))
        })?;
        if profile.expired(chrono::Utc::now()) {
            return Err(CliError::Usage(format!(
                "the token of profile {:?} expired at {}: run `orgtrust login` again",
                global.profile, profile.expires_at
            )));
        }
        let client = Client::builder(&profile.server)
            .token(&profile.token)
            .build()
            .map_err(CliError::from)?;
        Ok(Self {
            client,
            out: Output::new(global.json),
        })
    }
}

/// Why a subcommand failed; decides the exit status.
#[derive(Debug)]
pub enum CliError {
    /// The command line or the local state does not allow the command.
    Usage(String),
    /// The server answered with an error.
    Api(ClientError),
    /// The server could not be reached.
    Connection(ClientError),
    /// Anything else.
    Other(String),
    /// Several items of a bulk command failed (each was reported as it happened).
    Bulk {
        /// How many items failed.
        failed: usize,
        /// How many there were.
        total: usize,
        /// The exit status of the first failure.
        status: u8,
    },
}

impl From<ClientError> for CliError {
    fn from(e: ClientError) -> Self {
        match e {
            ClientError::Api { .. } | ClientError::OAuth { .. } => Self::Api(e),
            ClientError::Transport(ref t) if t.status().is_none() => Self::Connection(e),
            ClientError::Config(msg) => Self::Usage(msg),
            other => Self::Other(other.to_string()),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m) | Self::Other(m) => f.write_str(m),
            Self::Api(e) => match e {
                ClientError::Api { status, body, .. } => write!(
                    f,
                    "{} (HTTP {status}, code {})",
                    body.message.as_deref().unwrap_or("(no message)"),
                    body.code.as_deref().unwrap_or("-")
                ),
                ClientError::OAuth { status, error } => write!(
                    f,
                    "{} (HTTP {status}, code {})",
                    error
                        .error_description
                        .as_deref()
                        .or(error.description.as_deref())
                        .unwrap_or("(no description)"),
                    error.error
                ),
                other => write!(f, "{other}"),
            },
            Self::Connection(e) => write!(f, "cannot reach the server: {}", source_chain(e)),
            Self::Bulk { failed, total, .. } => write!(f, "{failed} of {total} failed"),
        }
    }
}

impl CliError {
    /// The process exit status.
    pub fn exit_status(&self) -> u8 {
        match self {
            Self::Usage(_) => EXIT_USAGE,
            Self::Api(_) => EXIT_API,
            Self::Connection(_) => EXIT_CONNECTION,
            Self::Other(_) => EXIT_OTHER,
            Self::Bulk { status, .. } => *status,
        }
    }

    /// Prints the error on stderr: one `error:` line (plus the correlation id of an API error),
    /// or with `--json` the server's `ErrorBody` (or a body built like one).
    pub fn report(&self, json: bool) {
        if json {
            let value = match self {
                Self::Api(ClientError::Api { body, .. }) => {
                    serde_json::to_value(body).unwrap_or_default()
                }
                Self::Api(ClientError::OAuth { status, error }) => serde_json::json!({
                    "status": status,
                    "code": error.error,
                    "message": error.error_description.as_deref().or(error.description.as_deref()),
                }),
                other => serde_json::json!({
                    "status": serde_json::Value::Null,
                    "code": other.local_code(),
                    "message": other.to_string(),
                }),
            };
            eprintln!("{value}");
            return;
        }
        eprintln!("error: {self}");
        if let Self::Api(e) = self {
            if let Some(id) = e.correlation_id() {
                eprintln!("correlation id: {id}");
            }
        }
    }

    /// The `code` of a locally made error body (`--json`).
    fn local_code(&self) -> &'static str {
        match self {
            Self::Usage(_) => "cli.usage",
            Self::Connection(_) => "cli.connection",
            Self::Bulk { .. } => "cli.bulk.failed",
            Self::Api(_) | Self::Other(_) => "cli.error",
        }
    }
}

/// The error and its causes (`error sending request: connection refused`).
fn source_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let s = c.to_string();
        if !text.contains(&s) {
            text.push_str(": ");
            text.push_str(&s);
        }
        cause = c.source();
    }
    text
}

/// Parses `ROLE:DIVISION`, each an id or an exact name (resolved later by
/// [`directory::Names`]), `*` for every division. The division is after the last `:`, so a role
/// name may hold a colon.
pub fn parse_grant(s: &str) -> Result<orgtrust_api::RoleDivisionPair, String> {
    match s.rsplit_once(':') {
        Some((role, division)) if !role.is_empty() && !division.is_empty() => {
            Ok(orgtrust_api::RoleDivisionPair {
                role_id: Some(role.to_owned()),
                division_id: Some(division.to_owned()),
            })
        }
        _ => Err(format!(
            "expected ROLE:DIVISION (each an id or a name; DIVISION * for every division), got {s:?}"
        )),
    }
}

/// Checks that a server URL has its scheme: `127.0.0.1:8080` alone would be taken for a
/// relative URL or a scheme called `127.0.0.1`.
pub fn check_server_url(url: &str) -> Result<(), CliError> {
    if url.contains("://") {
        return Ok(());
    }
    Err(CliError::Usage(format!(
        "the server URL {url:?} has no scheme: add http://, as in http://{url}"
    )))
}

/// Parses an RFC 3339 date-time or a plain date (midnight UTC).
pub fn parse_date(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| format!("expected an RFC 3339 date-time or YYYY-MM-DD, got {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_is_well_formed() {
        // clap checks a command's flags only when it is used; check them all here.
        use clap::Subcommand as _;
        Command::augment_subcommands(clap::Command::new("orgtrust")).debug_assert();
    }

    #[test]
    fn grants_need_a_role_and_a_division() {
        let g = parse_grant("r1:*").expect("grant");
        assert_eq!(g.role_id.as_deref(), Some("r1"));
        assert_eq!(g.division_id.as_deref(), Some("*"));
        assert!(parse_grant("r1").is_err());
        assert!(parse_grant(":d").is_err());
        assert!(parse_grant("r1:").is_err());
        let g = parse_grant("Role: with colon:EMEA").expect("named grant");
        assert_eq!(g.role_id.as_deref(), Some("Role: with colon"));
        assert_eq!(g.division_id.as_deref(), Some("EMEA"));
    }

    #[test]
    fn dates_are_rfc3339_or_plain_days() {
        assert_eq!(
            parse_date("2030-01-02").expect("day").to_rfc3339(),
            "2030-01-02T00:00:00+00:00"
        );
        assert_eq!(
            parse_date("2030-01-02T03:04:05+01:00")
                .expect("time")
                .to_rfc3339(),
            "2030-01-02T02:04:05+00:00"
        );
        assert!(parse_date("tomorrow").is_err());
    }

    #[test]
    fn exit_statuses_tell_errors_apart() {
        assert_eq!(CliError::Usage(String::new()).exit_status(), EXIT_USAGE);
        assert_eq!(CliError::Other(String::new()).exit_status(), EXIT_OTHER);
        let api = ClientError::Api {
            status: 404,
            body: Box::default(),
            correlation_id: None,
            retry_after: None,
        };
        assert_eq!(CliError::from(api).exit_status(), EXIT_API);
        let config = ClientError::Config("bad".into());
        assert_eq!(CliError::from(config).exit_status(), EXIT_USAGE);
    }
}
