//! `orgtrust login`: client-credentials or password login (with `--target` a trustee user's
//! sign-in to a trustor organization), checked with `GET /api/v2/tokens/me`, then stored as a
//! named profile.

use std::io::BufRead;

use clap::Args;
use orgtrust_client::Client;
use serde_json::json;

use super::output::{opt, record, Output};
use super::profile::{Profile, Profiles};
use super::{CliError, Global};

/// Options of `orgtrust login`. Secrets are read from the environment (or stdin) rather than
/// the command line where possible, so they stay out of shell history and `ps`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    #[command(flatten)]
    pub global: Global,
    /// Base URL of the server (defaults to the profile's, else http://127.0.0.1:8080).
    #[arg(long, env = "ORGTRUST_SERVER")]
    server: Option<String>,
    /// OAuth client id (defaults to the profile's).
    #[arg(long, env = "ORGTRUST_CLIENT_ID")]
    client_id: Option<String>,
    /// OAuth client secret.
    #[arg(long, env = "ORGTRUST_CLIENT_SECRET", hide_env_values = true)]
    client_secret: Option<String>,
    /// Log in as this user (password grant) instead of as the client.
    #[arg(long, env = "ORGTRUST_USERNAME")]
    username: Option<String>,
    /// The user's password.
    #[arg(
        long,
        env = "ORGTRUST_PASSWORD",
        hide_env_values = true,
        requires = "username",
        conflicts_with = "password_stdin"
    )]
    password: Option<String>,
    /// Read the user's password from the first line of stdin.
    #[arg(long, requires = "username")]
    password_stdin: bool,
    /// Act in this (trustor) organization through a trust: a trustee user's sign-in.
    #[arg(long, requires = "username")]
    target: Option<String>,
}

/// Logs in and saves the profile.
pub async fn run(args: LoginArgs) -> Result<(), CliError> {
    let path = Profiles::path()?;
    let mut profiles = Profiles::load(&path)?;
    let name = args.global.profile.clone();
    let previous = profiles.get(&name).cloned();
    let server = args
        .server
        .or_else(|| previous.as_ref().map(|p| p.server.clone()))
        .unwrap_or_else(|| super::DEFAULT_SERVER.to_owned());
    super::check_server_url(&server)?;
    let client_id = args
        .client_id
        .or_else(|| previous.as_ref().map(|p| p.client_id.clone()))
        .ok_or_else(|| CliError::Usage("--client-id is required for a new profile".into()))?;
    let client_secret = args.client_secret.ok_or_else(|| {
        CliError::Usage("--client-secret (or ORGTRUST_CLIENT_SECRET) is required".into())
    })?;
    let password = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::Other(format!("cannot read the password from stdin: {e}")))?;
        Some(line.trim_end_matches(['\r', '\n']).to_owned())
    } else {
        args.password
    };

    let client = Client::new(&server)?;
    let issued_at = chrono::Utc::now();
    let token = match &args.username {
        Some(user) => {
            let password = password.ok_or_else(|| {
                CliError::Usage(
                    "--password, ORGTRUST_PASSWORD or --password-stdin is required with --username"
                        .into(),
                )
            })?;
            client
                .login_password(
                    &client_id,
                    &client_secret,
                    user,
                    &password,
                    args.target.as_deref(),
                )
                .await?
        }
        None => {
            client
                .login_client_credentials(&client_id, &client_secret)
                .await?
        }
    };
    let me = client.get_tokens_me().await?;
    let org = me.organization.clone().unwrap_or_default();
    let home = me.home_organization.clone().unwrap_or_default();
    let profile = Profile {
        server,
        client_id,
        username: args.username,
        organization_id: org.id.clone(),
        organization_name: org.name.clone(),
        target: args.target,
        token: token.access_token,
        expires_at: issued_at + chrono::Duration::seconds(token.expires_in.max(0)),
    };
    profiles.set(&name, profile.clone());
    profiles.save(&path)?;

    let summary = json!({
        "profile": name,
        "server": profile.server,
        "clientId": profile.client_id,
        "username": profile.username,
        "organization": {"id": org.id, "name": org.name},
        "homeOrganization": {"id": home.id, "name": home.name},
        "expiresAt": profile.expires_at,
        "file": path.display().to_string(),
    });
    Output::new(args.global.json).emit(&summary, |_| {
        record([
            ("profile", name.clone()),
            ("server", profile.server.clone()),
            (
                "as",
                opt(profile
                    .username
                    .as_deref()
                    .or(Some(profile.client_id.as_str()))),
            ),
            (
                "organization",
                format!("{} ({})", opt(org.name.as_deref()), opt(org.id.as_deref())),
            ),
            (
                "home organization",
                format!(
                    "{} ({})",
                    opt(home.name.as_deref()),
                    opt(home.id.as_deref())
                ),
            ),
            ("expires", super::output::date(Some(profile.expires_at))),
            ("saved in", path.display().to_string()),
        ])
    })
}
