//! `orgtrust serve`: open the store, apply fixtures (or the demo on a new database), serve until
//! SIGINT or SIGTERM, then drain.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use orgtrust_core::clock::SystemClock;
use orgtrust_core::fixture;
use orgtrust_core::{App, Settings};
use orgtrust_server::Server;

use crate::store::OpenStore;

/// The demo fixture (`fixtures/demo.json`), embedded in the binary.
const DEMO_FIXTURE: &str = include_str!("../../../fixtures/demo.json");

/// Options of `orgtrust serve`; each also reads from the environment.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "ORGTRUST_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Database URL: `sqlite://path` (created if missing), `sqlite::memory:`, or
    /// `postgres://user:password@host/db`.
    #[arg(
        long,
        env = "ORGTRUST_DATABASE_URL",
        default_value = "sqlite://orgtrust.db"
    )]
    database: String,
    /// A fixture file applied at start (idempotently).
    #[arg(long, env = "ORGTRUST_FIXTURE")]
    fixture: Option<PathBuf>,
    /// Do not load the demo data into a new, empty database.
    #[arg(long, env = "ORGTRUST_NO_DEMO")]
    no_demo: bool,
    /// Lifetime of issued tokens, in seconds.
    #[arg(long, env = "ORGTRUST_TOKEN_LIFETIME", default_value_t = 86_400)]
    token_lifetime: i64,
    /// Proxies whose `X-Forwarded-For` is believed: comma-separated CIDR blocks (the client
    /// address is otherwise the TCP peer).
    #[arg(
        long = "trusted-proxy",
        env = "ORGTRUST_TRUSTED_PROXIES",
        default_value = ""
    )]
    trusted_proxies: String,
    /// A caller may grant a role, or put a permission into one, only where it holds every
    /// permission concerned itself (off: as Genesys, `authorization:grant:add` alone may grant
    /// Admin).
    #[arg(
        long,
        env = "ORGTRUST_NO_PRIVILEGE_ESCALATION",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    no_privilege_escalation: bool,
    /// Token requests per minute naming one OAuth client (0: no limit).
    #[arg(long, env = "ORGTRUST_TOKEN_RATE_PER_CLIENT", default_value_t = orgtrust_core::auth::TokenGrantLimits::default().per_client)]
    token_rate_per_client: i64,
    /// Token requests per minute from one client address (0: no limit).
    #[arg(long, env = "ORGTRUST_TOKEN_RATE_PER_ADDRESS", default_value_t = orgtrust_core::auth::TokenGrantLimits::default().per_address)]
    token_rate_per_address: i64,
    /// The emulator controls.
    #[command(flatten)]
    emulator: crate::emulator::EmulatorArgs,
    /// Log filter (`info`, `debug`, `orgtrust_server=debug`, ...).
    #[arg(long, env = "ORGTRUST_LOG", default_value = "info")]
    log: String,
    #[command(flatten)]
    log_format: crate::ops::LogArgs,
}

/// Runs the server until a signal stops it.
pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    args.log_format.init(&args.log)?;

    // Settings and the port first: a bad flag or a busy port stops the start before anything
    // is written.
    let settings = Settings {
        token_lifetime: chrono::Duration::seconds(args.token_lifetime),
        trusted_proxies: orgtrust_core::net::parse_cidr_list(&args.trusted_proxies)
            .context("invalid --trusted-proxy")?,
        loopback_in_allowlists: args.emulator.on(),
        no_privilege_escalation: args.no_privilege_escalation,
        token_grant_limits: orgtrust_core::auth::TokenGrantLimits {
            per_client: args.token_rate_per_client.max(0),
            per_address: args.token_rate_per_address.max(0),
        },
        ..Settings::default()
    };
    args.emulator.prepare(args.listen)?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let (opened, created) = OpenStore::open(&args.database).await?;
    let (server, demo_clients) = match start(&args, &opened, listener, settings).await {
        Ok(started) => started,
        Err(e) => {
            // A failed start leaves no database behind that it created.
            opened.close().await;
            created.discard();
            return Err(e);
        }
    };
    let addr = server.local_addr()?;
    tracing::info!(%addr, "orgtrust listening on http://{addr}");
    if !demo_clients.is_empty() {
        println!("Demo data loaded. Get a token with any demo client, e.g.:");
        for c in &demo_clients {
            let Some(secret) = c.secret.as_ref().filter(|_| c.browser_grant.is_none()) else {
                continue;
            };
            println!(
                "  # {} ({})\n  curl -s -u {}:{} -d grant_type=client_credentials http://{addr}/oauth/token",
                c.client_name,
                c.org_name,
                c.client_id,
                secret.expose()
            );
        }
        println!("then: curl -s -H \"Authorization: Bearer <access_token>\" http://{addr}/api/v2/organizations/me");
        for c in demo_clients.iter().filter(|c| c.browser_grant.is_some()) {
            println!(
                "Web console for {}: http://{addr}/console/?client_id={}",
                c.org_name, c.client_id
            );
        }
    }
    server.run_until_stopped(shutdown_signal()).await?;
    opened.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Applies the fixture (or the demo data to a new database) and builds the server on
/// `listener`; answers it with the demo clients to announce.
async fn start(
    args: &ServeArgs,
    opened: &OpenStore,
    listener: tokio::net::TcpListener,
    settings: Settings,
) -> anyhow::Result<(Server, Vec<fixture::FixtureClient>)> {
    let store = opened.as_dyn();
    let clock = Arc::new(SystemClock::new());
    let fresh = store.organization_count().await? == 0;

    let mut demo_clients = Vec::new();
    // The plan applied at start is what the emulator's reset returns to.
    let mut baseline = Default::default();
    if let Some(path) = &args.fixture {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read fixture {}", path.display()))?;
        (_, baseline) =
            fixture::apply_planned(&path.display().to_string(), &text, &*store, &*clock).await?;
        tracing::info!(fixture = %path.display(), "fixture applied");
    } else if fresh && !args.no_demo {
        let (doc, plan) = fixture::apply_planned("demo", DEMO_FIXTURE, &*store, &*clock).await?;
        baseline = plan;
        demo_clients = doc.clients();
        tracing::info!("demo data loaded into the new database");
    }

    let emulator = args.emulator.build(clock.clone(), baseline);
    let app = Arc::new(App::new(store.clone(), clock, settings));
    let mut server = Server::from_listener(listener, app);
    if let Some(emulator) = emulator {
        server = server.with_emulator(emulator);
        tracing::info!("emulator controls on under /_orgtrust/");
    }
    Ok((server, demo_clients))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: draining in-flight requests");
}
