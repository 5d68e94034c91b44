//! Operator commands and flags: `orgtrust backup <file>`, `orgtrust restore <file>` (SQLite; for
//! PostgreSQL use `pg_dump` / `pg_restore`, see docs/operating.md) and the log format (`--log-format`).

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};
use orgtrust_store_sqlite::SqliteStore;

/// The database flag shared by the operator commands (as for `serve`).
#[derive(Debug, Args)]
pub struct DatabaseArg {
    /// Database URL (`sqlite://path`).
    #[arg(
        long,
        env = "ORGTRUST_DATABASE_URL",
        default_value = "sqlite://orgtrust.db"
    )]
    database: String,
}

/// `orgtrust backup <file>`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist).
    file: PathBuf,
    #[command(flatten)]
    db: DatabaseArg,
}

/// `orgtrust restore <file>`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file written by `orgtrust backup`.
    file: PathBuf,
    /// Replace an existing database (still refused while a server has it open).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    db: DatabaseArg,
}

/// The path of an SQLite database URL, or an error naming the PostgreSQL tools.
fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    if crate::store::is_postgres(url) {
        anyhow::bail!(
            "backup and restore of PostgreSQL use pg_dump and pg_restore (see docs/operating.md)"
        );
    }
    crate::store::sqlite_file(url)
        .ok_or_else(|| anyhow::anyhow!("an in-memory database cannot be backed up or restored"))
}

/// Writes an online, consistent copy of the database (a server may be running).
pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    let path = sqlite_path(&args.db.database)?;
    anyhow::ensure!(path.exists(), "{} does not exist", path.display());
    let store = SqliteStore::open(&args.db.database)
        .await
        .with_context(|| format!("cannot open {}", path.display()))?;
    let done = store.backup_to(&args.file).await;
    store.close().await;
    done.with_context(|| format!("backup to {} failed", args.file.display()))?;
    orgtrust_store_sqlite::verify_backup(&args.file).await?;
    println!("backed up {} to {}", path.display(), args.file.display());
    Ok(())
}

/// Replaces the database with a verified backup.
pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    let path = sqlite_path(&args.db.database)?;
    orgtrust_store_sqlite::restore(&args.file, Path::new(&path), args.force)
        .await
        .with_context(|| format!("restore of {} refused", path.display()))?;
    println!("restored {} from {}", path.display(), args.file.display());
    Ok(())
}

/// Whether text log lines are coloured: only on a terminal, and not when `NO_COLOR` is set to
/// anything but the empty string (<https://no-color.org>).
fn colour(terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, with the request span's fields (`correlation_id`, `org_id`).
    Json,
}

/// The `--log-format` flag of `serve`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Log line format: `text` or `json`.
    #[arg(long, env = "ORGTRUST_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

impl LogArgs {
    /// Installs the global subscriber, filtered by `filter`, writing to stderr.
    pub fn init(&self, filter: &str) -> anyhow::Result<()> {
        let filter =
            tracing_subscriber::EnvFilter::try_new(filter).context("invalid --log filter")?;
        let builder = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_ansi(colour(
                std::io::IsTerminal::is_terminal(&std::io::stderr()),
                std::env::var_os("NO_COLOR").as_deref(),
            ))
            .with_writer(std::io::stderr);
        match self.log_format {
            LogFormat::Text => builder.init(),
            LogFormat::Json => builder
                .json()
                .with_current_span(true)
                .with_span_list(false)
                .init(),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::colour;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(colour(true, None));
        assert!(colour(true, Some(OsStr::new(""))));
        assert!(!colour(true, Some(OsStr::new("1"))));
        assert!(!colour(false, None));
    }
}
