//! The `orgtrust` binary: `orgtrust serve` runs the server. Thin by design: configuration is
//! parsed here and everything else lives in the library crates.

mod commands;
mod emulator;
mod ops;
mod requests;
mod serve;
mod snapshot;
mod store;

use clap::{Parser, Subcommand};

/// orgtrust: organizations and cross-organization trust, Genesys Cloud Platform API v2 compatible.
#[derive(Debug, Parser)]
#[command(name = "orgtrust", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API.
    Serve(serve::ServeArgs),
    /// Write an online copy of an SQLite database (a server may be running).
    Backup(ops::BackupArgs),
    /// Replace an SQLite database with a backup (refused while a server has it open).
    Restore(ops::RestoreArgs),
    /// Apply the database migrations without serving.
    Migrate {
        /// Database URL (as for `serve`).
        #[arg(
            long,
            env = "ORGTRUST_DATABASE_URL",
            default_value = "sqlite://orgtrust.db"
        )]
        database: String,
    },
    /// Export the whole state of a server run with --emulator (a snapshot document).
    Export(snapshot::ExportArgs),
    /// Replace the whole state of a server run with --emulator by a snapshot document.
    Import(snapshot::ImportArgs),
    /// The request log of a server run with --emulator, filtered, or counted with --count.
    Requests(requests::RequestsArgs),
    #[command(flatten)]
    Admin(commands::Command),
}

/// mimalloc: per-thread heaps with free lists that go back to the thread that allocated, where
/// glibc's arenas lock across threads (tokio's workers free what another worker allocated) and
/// keep freed memory resident after a burst of connections (BENCHMARKS.md, "What limits").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve::run(args).await,
        Command::Backup(args) => ops::backup(args).await,
        Command::Restore(args) => ops::restore(args).await,
        Command::Export(a) => std::process::exit(snapshot::run_export(a).await.into()),
        Command::Import(a) => std::process::exit(snapshot::run_import(a).await.into()),
        Command::Requests(a) => std::process::exit(requests::run(a).await.into()),
        Command::Admin(cmd) => std::process::exit(commands::run(cmd).await.into()),
        Command::Migrate { database } => migrate(&database).await,
    };
    // One line with the causes, never a backtrace (RUST_BACKTRACE is for panics), exit 1.
    if let Err(e) = result {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

async fn migrate(database: &str) -> anyhow::Result<()> {
    let (store, _created) = store::OpenStore::open(database).await?;
    store.close().await;
    println!("migrations applied to {}", store::redact(database));
    Ok(())
}
