//! The floor of the HTTP benchmarks: a bare axum server with no middleware, no authentication and
//! no domain code, so that orgtrust's figures can be read as a ratio of what axum and SQLite
//! alone do on the same machine in the same run.
//!
//! `floor --listen 127.0.0.1:PORT --body FILE --sqlite PATH` serves
//! - `GET /floor/json`: the bytes of FILE as `application/json` (the bench uses the very body
//!   orgtrust answers to the trustees listing, so both send the same bytes);
//! - `GET /floor/sqlite`: one SQLite point query by primary key (a different key each request)
//!   on a pool of 4 read-only connections in WAL mode, as orgtrust's reader pool, its row
//!   returned as JSON.

use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anyhow::Context;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::Row;

/// Rows of the point-query table.
const ROWS: u64 = 10_000;

struct Floor {
    body: axum::body::Bytes,
    pool: SqlitePool,
    next: AtomicU64,
}

async fn json(State(floor): State<Arc<Floor>>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        floor.body.clone(),
    )
}

async fn point_query(State(floor): State<Arc<Floor>>) -> axum::response::Response {
    let id = (floor.next.fetch_add(1, Ordering::Relaxed) % ROWS) as i64;
    let row = sqlx::query("SELECT id, name, state FROM items WHERE id = ?")
        .bind(id)
        .fetch_optional(&floor.pool)
        .await;
    match row {
        Ok(Some(r)) => axum::Json(serde_json::json!({
            "id": r.get::<i64, _>("id"),
            "name": r.get::<String, _>("name"),
            "state": r.get::<String, _>("state"),
        }))
        .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn arg(args: &[String], name: &str) -> anyhow::Result<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .with_context(|| format!("missing {name} VALUE"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let listen = SocketAddr::from_str(&arg(&args, "--listen")?)?;
    anyhow::ensure!(
        listen.ip().is_loopback(),
        "the floor listens on loopback only"
    );
    let body = std::fs::read(arg(&args, "--body")?).context("reading --body")?;
    let path = arg(&args, "--sqlite")?;

    let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal);
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, state TEXT NOT NULL)",
    )
    .execute(&writer)
    .await?;
    let mut tx = writer.begin().await?;
    for id in 0..ROWS as i64 {
        sqlx::query("INSERT OR REPLACE INTO items (id, name, state) VALUES (?, ?, 'active')")
            .bind(id)
            .bind(format!("Item {id}"))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options.read_only(true))
        .await?;

    let floor = Arc::new(Floor {
        body: body.into(),
        pool,
        next: AtomicU64::new(0),
    });
    let app = Router::new()
        .route("/floor/json", get(json))
        .route("/floor/sqlite", get(point_query))
        .with_state(floor);
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("floor listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
