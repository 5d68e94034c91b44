//! `orgtrust requests`: the request log of a running server (started with `--emulator`),
//! filtered as `/_orgtrust/requests` filters it, or only counted (`--count`), so that a shell
//! script verifies what its code called (docs/emulator.md, "Verifying requests").

use clap::Args;
use orgtrust_client::RequestQuery;

use crate::commands::CliError;
use crate::snapshot::{finish, ServerArgs};

/// `orgtrust requests`.
#[derive(Debug, Args)]
pub struct RequestsArgs {
    #[command(flatten)]
    server: ServerArgs,
    /// Only this method.
    #[arg(long)]
    method: Option<String>,
    /// Only paths matching this pattern (`*` one segment, `**` any number).
    #[arg(long)]
    path: Option<String>,
    /// Only this status (204) or class (4xx).
    #[arg(long)]
    status: Option<String>,
    /// Only requests acting in this organization (its id).
    #[arg(long)]
    organization: Option<String>,
    /// Only requests with this query parameter, NAME or NAME=VALUE (repeatable).
    #[arg(long = "query-param")]
    query_params: Vec<String>,
    /// Only requests whose (redacted) body contains this text (repeatable).
    #[arg(long = "body-contains")]
    body_contains: Vec<String>,
    /// Only JSON bodies with this value, PATH or PATH=VALUE (`$.enabled=true`; repeatable).
    #[arg(long = "body-json-path")]
    body_json_paths: Vec<String>,
    /// Print only how many requests match.
    #[arg(long)]
    count: bool,
    /// The most requests to print, newest first.
    #[arg(long, default_value_t = 100)]
    limit: u32,
}

async fn requests(args: RequestsArgs) -> Result<(), CliError> {
    let client = args.server.client()?;
    let q = RequestQuery {
        method: args.method,
        path: args.path,
        status: args.status,
        organization: args.organization,
        query_params: args.query_params,
        body_contains: args.body_contains,
        body_json_paths: args.body_json_paths,
    };
    if args.count {
        println!("{}", client.count_requests(&q).await?);
        return Ok(());
    }
    let listed = client.requests(&q, args.limit).await?;
    let text = serde_json::to_string_pretty(&listed).map_err(|e| CliError::Other(e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// Runs `requests`, answering the exit status.
pub async fn run(args: RequestsArgs) -> u8 {
    finish(requests(args).await)
}
