//! What an operator does with one instance over SQLite: structured logs, readiness, and backup
//! and restore under concurrent writes.

use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use reqwest::Method;
use serde_json::{json, Value};
use sqlx::Connection;

use crate::support::{demo, Api, Instance};

fn orgtrust(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orgtrust"))
        .args(args)
        .env_remove("ORGTRUST_DATABASE_URL")
        .output()
        .expect("run orgtrust")
}

#[tokio::test]
async fn json_log_lines_carry_the_correlation_id_and_the_organization() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = format!("sqlite://{}", dir.path().join("logs.db").display());
    let server = Instance::start(&db, &["--log-format", "json"]);
    let api = Api::new(&server.base);
    let token = api
        .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
        .await;
    let reply = api
        .call(Method::GET, "/api/v2/organizations/me", &token, None)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let correlation = reply.headers["inin-correlation-id"]
        .to_str()
        .expect("header")
        .to_owned();

    // The request line is written as the response leaves; give the writer a moment.
    let mut line = None;
    for _ in 0..100 {
        line = server.log_text().lines().find_map(|l| {
            let v: Value = serde_json::from_str(l).ok()?;
            (v["span"]["correlation_id"] == correlation.as_str()).then_some(v)
        });
        if line.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let line =
        line.unwrap_or_else(|| panic!("no JSON line for {correlation}: {}", server.log_text()));
    assert_eq!(line["span"]["org_id"], demo::ACME);
    assert_eq!(line["span"]["path"], "/api/v2/organizations/me");
    assert_eq!(line["fields"]["message"], "served");
    assert_eq!(line["fields"]["status"], 200);
    assert_eq!(line["level"], "INFO");
    // Every line is JSON.
    for l in server.log_text().lines() {
        serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
    }
}

#[tokio::test]
async fn readyz_answers_503_when_a_migration_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ready.db");
    let db = format!("sqlite://{}", path.display());
    let server = Instance::start(&db, &[]);
    let api = Api::new(&server.base);
    let health = api.get_plain("/healthz").await;
    assert_eq!((health.status, &health.body["status"]), (200, &json!("ok")));
    let ready = api.get_plain("/readyz").await;
    assert_eq!(ready.status, 200, "{}", ready.text);

    // Forget the last migration: the database no longer matches this build.
    let mut conn = sqlx::SqliteConnection::connect(&db).await.expect("open");
    sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .execute(&mut conn)
    .await
    .expect("delete");
    conn.close().await.expect("close");
    let ready = api.get_plain("/readyz").await;
    assert_eq!(ready.status, 503, "{}", ready.text);
    assert_eq!(ready.body["code"], "service.unavailable");
    assert_eq!(ready.body["status"], 503);
    assert_eq!(
        ready.body["contextId"].as_str(),
        ready.headers["inin-correlation-id"].to_str().ok()
    );
    // Still alive.
    assert_eq!(api.get_plain("/healthz").await.status, 200);
}

#[tokio::test]
async fn backup_under_concurrent_writes_restores_and_serves_the_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let live = dir.path().join("live.db");
    let live_url = format!("sqlite://{}", live.display());
    let server = Instance::start(&live_url, &[]);
    let api = Api::new(&server.base);
    let admin = api
        .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
        .await;

    // A group written before the backup starts must be in it.
    let before = api
        .call(
            Method::POST,
            "/api/v2/groups",
            &admin,
            Some(json!({"name": "Before Backup", "type": "official", "visibility": "public", "rulesVisible": true})),
        )
        .await;
    assert_eq!(before.status, 200, "{}", before.text);

    // Writers keep creating groups while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (api, admin, stop, written) =
            (api.clone(), admin.clone(), stop.clone(), written.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let r = api
                    .call(
                        Method::POST,
                        "/api/v2/groups",
                        &admin,
                        Some(json!({"name": format!("During {n}"), "type": "official", "visibility": "public", "rulesVisible": true})),
                    )
                    .await;
                assert_eq!(r.status, 200, "{}", r.text);
                written.fetch_add(1, Ordering::Relaxed);
                n += 1;
            }
        })
    };
    while written.load(Ordering::Relaxed) < 3 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let backup = dir.path().join("backup.db");
    let out = tokio::task::spawn_blocking({
        let (backup, live_url) = (backup.clone(), live_url.clone());
        move || {
            orgtrust(&[
                "backup",
                backup.to_str().expect("utf-8"),
                "--database",
                &live_url,
            ])
        }
    })
    .await
    .expect("join");
    stop.store(true, Ordering::Relaxed);
    writer.await.expect("writer");
    assert!(
        out.status.success(),
        "backup failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A second backup to the same file is refused (never overwrites).
    let again = orgtrust(&[
        "backup",
        backup.to_str().expect("utf-8"),
        "--database",
        &live_url,
    ]);
    assert!(!again.status.success());

    // Restoring over the running server's database: refused without --force, and refused with
    // it while the server has the file open.
    let refused = orgtrust(&[
        "restore",
        backup.to_str().expect("utf-8"),
        "--database",
        &live_url,
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    let in_use = orgtrust(&[
        "restore",
        backup.to_str().expect("utf-8"),
        "--force",
        "--database",
        &live_url,
    ]);
    assert!(!in_use.status.success());
    assert!(
        String::from_utf8_lossy(&in_use.stderr).contains("in use"),
        "{}",
        String::from_utf8_lossy(&in_use.stderr)
    );
    // Not a database: refused.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").expect("write");
    let restored_url = format!("sqlite://{}", dir.path().join("restored.db").display());
    assert!(!orgtrust(&[
        "restore",
        junk.to_str().expect("utf-8"),
        "--database",
        &restored_url
    ])
    .status
    .success());

    // Restore into a new file and serve it: the data is there.
    let out = orgtrust(&[
        "restore",
        backup.to_str().expect("utf-8"),
        "--database",
        &restored_url,
    ]);
    assert!(
        out.status.success(),
        "restore failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(server);
    let restored = Instance::start(&restored_url, &[]);
    let api = Api::new(&restored.base);
    let admin = api
        .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
        .await;
    let groups = api
        .call(Method::GET, "/api/v2/groups?pageSize=500", &admin, None)
        .await;
    assert_eq!(groups.status, 200, "{}", groups.text);
    let names: Vec<&str> = groups.body["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|g| g["name"].as_str())
        .collect();
    assert!(names.contains(&"Before Backup"), "{names:?}");
    // The copy is one consistent snapshot: the groups written during the backup form a prefix.
    let during = names.iter().filter(|n| n.starts_with("During ")).count();
    for i in 0..during {
        assert!(
            names.contains(&format!("During {i}").as_str()),
            "gap at {i}: {names:?}"
        );
    }
    assert!(during >= 3, "{names:?}");
}
