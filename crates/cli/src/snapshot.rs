//! `orgtrust export [--out FILE]` and `orgtrust import FILE`: the whole state of a running
//! server (started with `--emulator`) through `/_orgtrust/snapshot`, with the operator token.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use orgtrust_client::Client;

use crate::commands::CliError;

/// Where the server is and how to open its controls.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Base URL of the server (run with `--emulator`).
    #[arg(long, env = "ORGTRUST_SERVER", default_value = crate::commands::DEFAULT_SERVER)]
    server: String,
    /// The server's operator token, when it has one.
    #[arg(long, env = "ORGTRUST_OPERATOR_TOKEN", hide_env_values = true)]
    operator_token: Option<String>,
}

impl ServerArgs {
    pub(crate) fn client(&self) -> Result<Client, CliError> {
        crate::commands::check_server_url(&self.server)?;
        let mut builder = Client::builder(&self.server)
            // Snapshots carry the whole audit trail: give them time.
            .timeout(Duration::from_secs(600));
        if let Some(token) = self.operator_token.as_deref().filter(|t| !t.is_empty()) {
            builder = builder.token(token);
        }
        builder.build().map_err(CliError::from)
    }
}

/// `orgtrust export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    server: ServerArgs,
    /// Write the document to this file (replaced whole) instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// `orgtrust import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    server: ServerArgs,
    /// The snapshot document (from `orgtrust export` or `GET /_orgtrust/snapshot`).
    file: PathBuf,
}

async fn export(args: ExportArgs) -> Result<(), CliError> {
    let doc = args.server.client()?.export_snapshot().await?;
    let text = serde_json::to_string_pretty(&doc).map_err(|e| CliError::Other(e.to_string()))?;
    match &args.out {
        None => println!("{text}"),
        Some(path) => {
            // Written beside the target, then renamed: a failed export leaves no half file.
            let tmp = path.with_extension("partial");
            std::fs::write(&tmp, text.as_bytes())
                .and_then(|()| std::fs::rename(&tmp, path))
                .map_err(|e| CliError::Other(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("snapshot written to {}", path.display());
        }
    }
    Ok(())
}

async fn import(args: ImportArgs) -> Result<(), CliError> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", args.file.display())))?;
    let doc: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| CliError::Usage(format!("{} is not JSON: {e}", args.file.display())))?;
    args.server.client()?.import_snapshot(&doc).await?;
    eprintln!("snapshot {} imported", args.file.display());
    Ok(())
}

/// Runs `export`, answering the exit status (as the admin commands do).
pub async fn run_export(args: ExportArgs) -> u8 {
    finish(export(args).await)
}

/// Runs `import`, answering the exit status.
pub async fn run_import(args: ImportArgs) -> u8 {
    finish(import(args).await)
}

pub(crate) fn finish(result: Result<(), CliError>) -> u8 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            e.report(false);
            e.exit_status()
        }
    }
}
