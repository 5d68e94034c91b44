//! Crash safety: the real `orgtrust serve` on a SQLite file is killed with SIGKILL at random
//! moments while concurrent clients make audited writes, then restarted. After every kill the
//! database must pass `PRAGMA integrity_check`, hold every acknowledged write with its audit
//! event, and hold no write without its event nor an event without its write.
//!
//! `ORGTRUST_CRASH_KILLS` sets the number of kill points (default 200).

mod common;

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{client_token, free_port, sqlite_in, Served, ACME_CLIENT};
use parking_lot::Mutex;
use rand::Rng;
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};

/// Writers creating users concurrently, each with its own names.
const USER_WRITERS: usize = 6;

/// What the clients know: acknowledged writes only.
#[derive(Default)]
struct Acked {
    /// Ids of users whose creation was answered 200.
    users: BTreeSet<String>,
    /// The highest role description value acknowledged.
    role_counter: u64,
}

/// Counters for the report line.
#[derive(Default)]
struct Figures {
    kills: u64,
    attempted: Arc<AtomicU64>,
    acked: Arc<AtomicU64>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_during_audited_writes_loses_nothing_and_leaves_nothing_half_done() {
    let kills: u64 = std::env::var("ORGTRUST_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("tempdir");
    let (url, file) = sqlite_in(dir.path());
    let log = dir.path().join("serve.log");
    let port = free_port();

    // First start: the demo data, a token (tokens are stored, so it outlives restarts) and the
    // role whose description counts acknowledged updates.
    let served = Served::start(&url, port, "warn", &log);
    let http = reqwest::Client::new();
    let token = client_token(&http, &served.base, ACME_CLIENT).await;
    let role: Value = http
        .post(format!("{}/api/v2/authorization/roles", served.base))
        .bearer_auth(&token)
        .json(&json!({"name": "Crash Counter", "description": "0", "permissions": ["directory:user:view"]}))
        .send()
        .await
        .expect("create role")
        .json()
        .await
        .expect("role json");
    let role_id = role["id"].as_str().expect("role id").to_owned();
    served.kill();

    let acked = Arc::new(Mutex::new(Acked::default()));
    let mut figures = Figures::default();
    let started = Instant::now();
    let mut rng = rand::thread_rng();
    for round in 0..kills {
        let served = Served::start(&url, port, "warn", &log);
        // A fresh client per life of the server: no pooled connection to a dead process.
        let http = reqwest::Client::new();
        let mut tasks = Vec::new();
        for w in 0..USER_WRITERS {
            tasks.push(tokio::spawn(create_users(
                http.clone(),
                served.base.clone(),
                token.clone(),
                format!("r{round}w{w}"),
                acked.clone(),
                (figures.attempted.clone(), figures.acked.clone()),
            )));
        }
        tasks.push(tokio::spawn(update_role(
            http.clone(),
            served.base.clone(),
            token.clone(),
            role_id.clone(),
            acked.clone(),
        )));
        // The kill point: anywhere from the first requests to well into the writes.
        let delay = rng.gen_range(5..120);
        tokio::time::sleep(Duration::from_millis(delay)).await;
        served.kill();
        figures.kills += 1;
        for t in tasks {
            t.await.expect("writer task");
        }
        let snapshot = {
            let a = acked.lock();
            (a.users.clone(), a.role_counter)
        };
        verify(&file, &role_id, &snapshot.0, snapshot.1).await;
    }
    eprintln!(
        "crash safety: {} kill points, {} writes attempted, {} acknowledged, 0 lost, 0 half-done, integrity ok, {:.1} s",
        figures.kills,
        figures.attempted.load(Ordering::Relaxed),
        figures.acked.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
    assert!(
        figures.acked.load(Ordering::Relaxed) > 0,
        "no write was ever acknowledged: the kills came too early to test anything"
    );
}

/// Creates users until the server dies; records the acknowledged ones.
async fn create_users(
    http: reqwest::Client,
    base: String,
    token: String,
    tag: String,
    acked: Arc<Mutex<Acked>>,
    (attempted, acked_count): (Arc<AtomicU64>, Arc<AtomicU64>),
) {
    for n in 0.. {
        attempted.fetch_add(1, Ordering::Relaxed);
        let reply = http
            .post(format!("{base}/api/v2/users"))
            .bearer_auth(&token)
            .json(&json!({"name": format!("crash {tag} {n}"), "email": format!("crash-{tag}-{n}@crash.example")}))
            .send()
            .await;
        let Ok(reply) = reply else { return };
        let status = reply.status();
        let Ok(body) = reply.json::<Value>().await else {
            return;
        };
        assert_eq!(status, 200, "user creation refused: {body}");
        let id = body["id"].as_str().expect("user id").to_owned();
        acked.lock().users.insert(id);
        acked_count.fetch_add(1, Ordering::Relaxed);
    }
}

/// Updates the role's description to the next number, one update at a time, until the server
/// dies. Starts from the stored value: an update that committed without its answer counts.
async fn update_role(
    http: reqwest::Client,
    base: String,
    token: String,
    role_id: String,
    acked: Arc<Mutex<Acked>>,
) {
    let url = format!("{base}/api/v2/authorization/roles/{role_id}");
    let Ok(reply) = http.get(&url).bearer_auth(&token).send().await else {
        return;
    };
    let Ok(role) = reply.json::<Value>().await else {
        return;
    };
    let mut current: u64 = role["description"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .expect("numeric description");
    loop {
        let next = current + 1;
        let reply = http
            .put(&url)
            .bearer_auth(&token)
            .json(&json!({"name": "Crash Counter", "description": next.to_string(), "permissions": ["directory:user:view"]}))
            .send()
            .await;
        let Ok(reply) = reply else { return };
        let status = reply.status();
        let Ok(body) = reply.json::<Value>().await else {
            return;
        };
        assert_eq!(status, 200, "role update refused: {body}");
        let mut a = acked.lock();
        a.role_counter = a.role_counter.max(next);
        current = next;
    }
}

/// Opens the (dead) server's database and checks it against what the clients were told.
async fn verify(
    file: &std::path::Path,
    role_id: &str,
    acked_users: &BTreeSet<String>,
    acked_counter: u64,
) {
    let pool: SqlitePool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(SqliteConnectOptions::new().filename(file))
        .await
        .expect("open the database");

    let integrity: Vec<String> = sqlx::query("PRAGMA integrity_check")
        .fetch_all(&pool)
        .await
        .expect("integrity_check")
        .iter()
        .map(|r| r.get::<String, _>(0))
        .collect();
    assert_eq!(integrity, vec!["ok".to_owned()], "integrity_check failed");
    let fk = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&pool)
        .await
        .expect("foreign_key_check");
    assert!(fk.is_empty(), "foreign key violations after a crash");

    // Users: the stored ones and their creation events must match one to one.
    let stored: BTreeSet<String> = sqlx::query("SELECT id FROM users WHERE name LIKE 'crash %'")
        .fetch_all(&pool)
        .await
        .expect("users")
        .iter()
        .map(|r| r.get::<String, _>(0))
        .collect();
    let mut events: HashMap<String, u32> = HashMap::new();
    for r in sqlx::query(
        "SELECT entity_id FROM audit_events WHERE entity_type = 'User' AND action = 'create' AND entity_name LIKE 'crash %'",
    )
    .fetch_all(&pool)
    .await
    .expect("user events")
    {
        *events.entry(r.get::<String, _>(0)).or_default() += 1;
    }
    for id in &stored {
        assert_eq!(
            events.get(id),
            Some(&1),
            "user {id} is stored without exactly one creation event"
        );
    }
    for id in events.keys() {
        assert!(
            stored.contains(id),
            "creation event for user {id}, who is not stored"
        );
    }
    for id in acked_users {
        assert!(stored.contains(id), "acknowledged user {id} was lost");
    }

    // The role: its description counts its updates, and the last update event set it.
    let description: String = sqlx::query("SELECT description FROM roles WHERE id = ?")
        .bind(role_id)
        .fetch_one(&pool)
        .await
        .expect("role")
        .get(0);
    let value: u64 = description.parse().expect("numeric description");
    assert!(
        value >= acked_counter,
        "acknowledged role update {acked_counter} lost (stored {value})"
    );
    let updates: Vec<String> = sqlx::query(
        "SELECT changes FROM audit_events WHERE entity_type = 'Role' AND action = 'update' AND entity_id = ? ORDER BY seq",
    )
    .bind(role_id)
    .fetch_all(&pool)
    .await
    .expect("role events")
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect();
    assert_eq!(
        updates.len() as u64,
        value,
        "role updates and their events differ in number"
    );
    if let Some(last) = updates.last() {
        let changes: Value = serde_json::from_str(last).expect("changes json");
        let new = changes
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["property"] == "description")
            .map(|c| c["newValues"][0].clone());
        assert_eq!(
            new,
            Some(Value::String(description.clone())),
            "the last event does not match the stored role"
        );
    }
    pool.close().await;
}
