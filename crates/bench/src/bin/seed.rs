//! The bench's seeding path: fills a database for the HTTP benchmarks through the store's public
//! API, in bulk, instead of a million HTTP calls.
//!
//! `seed DATABASE_URL [--trusts N] [--audit-events N]` applies one fixture (the demo data, plus
//! for the bench: an operator client of Acme that may implement limit change requests, a writer
//! user for the audited role writes, 40 more users in the EMEA division, N trustee organizations
//! trusted by Acme, and a trust from Acme to Partner Co), makes Pat Partner a member of that
//! trust with User Viewer in EMEA (the trustee user of the cross-organization request), then
//! records N audit events of Partner Co's users in Acme (`AuditStore::append_audit_events`: bulk
//! statements, in transactions of 20,000). Prints a JSON summary.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, Utc};
use orgtrust_core::audit::{Actor, AuditEvent, Change};
use orgtrust_core::clock::SystemClock;
use orgtrust_core::fixture;
use orgtrust_core::ids::{ClientId, DivisionId, OrgId, RoleId};
use orgtrust_core::model::Grant;
use orgtrust_core::orgauth::{MemberKind, TrustMember};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::store::Store;
use serde_json::{json, Value};

const DEMO: &str = include_str!("../../../../fixtures/demo.json");
const ACME: &str = "a0000000-0000-4000-8000-000000000001";
const ACME_EMEA: &str = "a0000000-0000-4000-8000-000000000012";
const ACME_USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";
const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
const PAT: (&str, &str) = ("b0000000-0000-4000-8000-000000000031", "Pat Partner");
const SAM: (&str, &str) = ("b0000000-0000-4000-8000-000000000032", "Sam Support");
/// Events of one write transaction.
const CHUNK: usize = 20_000;
/// One event in this many carries the word the selective phrase search looks for.
const RARE_EVERY: usize = 100_000;

/// The bench fixture: the demo plus what the scenarios need.
fn fixture(trusts: usize) -> anyhow::Result<String> {
    let mut doc: Value = serde_json::from_str(DEMO)?;
    let orgs = doc["organizations"]
        .as_array_mut()
        .context("demo organizations")?;
    let acme = orgs
        .iter_mut()
        .find(|o| o["id"] == ACME)
        .context("Acme in the demo")?;
    acme["roles"]
        .as_array_mut()
        .context("roles")?
        .push(json!({"name": "Bench Operator", "permissions": ["*", "internal:*:*"]}));
    acme["oauthClients"]
        .as_array_mut()
        .context("clients")?
        .push(
            json!({"id": "bench-operator", "secret": "bench-operator-secret",
                     "name": "Bench operator", "roles": ["Bench Operator"]}),
        );
    let users = acme["users"].as_array_mut().context("users")?;
    users.push(
        json!({"name": "Bench Writer", "email": "bench-writer@acme.example",
                      "division": "Home", "roles": ["User Viewer"]}),
    );
    for i in 0..40 {
        users.push(json!({"name": format!("EMEA Person {i:02}"),
                          "email": format!("emea-{i:02}@acme.example"), "division": "EMEA"}));
    }
    let mut trust_list = vec![json!({"trustor": ACME, "trustee": PARTNER})];
    for i in 0..trusts {
        let name = format!("Bench Trustee {i:04}");
        orgs.push(json!({"name": name, "thirdPartyOrgName": format!("bench-trustee-{i:04}")}));
        trust_list.push(json!({"trustor": ACME, "trustee": name}));
    }
    doc["trusts"] = Value::Array(trust_list);
    Ok(doc.to_string())
}

/// The `i`th of `n` synthetic audit events: Partner Co's users acting in Acme, spread over the
/// last 100 days, oldest first.
fn event(i: usize, n: usize, now: chrono::DateTime<Utc>) -> AuditEvent {
    const ACTIONS: [&str; 5] = ["update", "create", "update", "delete", "view"];
    const TYPES: [&str; 4] = ["user", "group", "role", "OrgTrusteeUser"];
    let (actor_id, actor_name) = if i % 3 == 0 { SAM } else { PAT };
    let span_ms = 100 * 86_400_000_i64;
    let timestamp =
        now - Duration::hours(1) - Duration::milliseconds(span_ms * (n - i) as i64 / n as i64);
    let entity_name = if i % RARE_EVERY == 7 {
        format!("Quokka Account {i}")
    } else {
        format!("Bench Entity {}", i % 5_000)
    };
    AuditEvent {
        id: uuid::Uuid::new_v4().to_string(),
        timestamp,
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(PARTNER),
        actor: Actor {
            kind: "user",
            id: actor_id.to_owned(),
            name: actor_name.to_owned(),
        },
        client_id: Some(ClientId::new("partner-admin")),
        action: ACTIONS[i % ACTIONS.len()].to_owned(),
        entity_type: TYPES[(i / 5) % TYPES.len()].to_owned(),
        entity_id: format!("e{:08}", i % 5_000),
        entity_name: Some(entity_name),
        changes: vec![Change {
            property: "state".into(),
            old_values: vec!["active".into()],
            new_values: vec![if i % 2 == 0 { "inactive" } else { "active" }.into()],
        }],
        correlation_id: uuid::Uuid::new_v4().to_string(),
        remote_ip: Some("127.0.0.1".into()),
    }
}

fn flag(args: &[String], name: &str, default: usize) -> anyhow::Result<usize> {
    match args.iter().position(|a| a == name) {
        Some(i) => Ok(args
            .get(i + 1)
            .with_context(|| format!("{name} needs a value"))?
            .parse()?),
        None => Ok(default),
    }
}

async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(orgtrust_store_postgres::PgStore::open(url).await?))
    } else {
        Ok(Arc::new(
            orgtrust_store_sqlite::SqliteStore::open(url).await?,
        ))
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args
        .get(1)
        .filter(|a| !a.starts_with("--"))
        .context("usage: seed DATABASE_URL [--trusts N] [--audit-events N]")?
        .clone();
    let trusts = flag(&args, "--trusts", 500)?;
    let audit_events = flag(&args, "--audit-events", 1_000_000)?;
    let store = open(&url).await?;
    let clock = SystemClock::new();

    let started = Instant::now();
    fixture::apply("bench", &fixture(trusts)?, &*store, &clock).await?;
    let system = Actor {
        kind: "system",
        id: String::new(),
        name: "bench seed".into(),
    };
    let now = Utc::now();
    let member = TrustMember {
        trustor_org_id: OrgId::new(ACME),
        trustee_org_id: OrgId::new(PARTNER),
        kind: MemberKind::User,
        id: PAT.0.to_owned(),
        date_created: now,
        created_by: system.clone(),
        grants: vec![Grant {
            role_id: RoleId::new(ACME_USER_VIEWER),
            division: DivisionGrant::One(DivisionId::new(ACME_EMEA)),
        }],
    };
    let audit = AuditEvent {
        id: uuid::Uuid::new_v4().to_string(),
        timestamp: now,
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(ACME),
        actor: system,
        client_id: None,
        action: "create".into(),
        entity_type: "OrgTrusteeUser".into(),
        entity_id: PAT.0.into(),
        entity_name: Some(PAT.1.into()),
        changes: vec![],
        correlation_id: uuid::Uuid::new_v4().to_string(),
        remote_ip: None,
    };
    store.put_trust_member(&member, true, 25, &audit).await?;
    let fixture_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut done = 0;
    while done < audit_events {
        let end = (done + CHUNK).min(audit_events);
        let chunk: Vec<AuditEvent> = (done..end).map(|i| event(i, audit_events, now)).collect();
        store.append_audit_events(&chunk).await?;
        done = end;
        if done % 200_000 == 0 {
            eprintln!("seed: {done} audit events");
        }
    }
    let audit_seconds = started.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({"trusts": trusts + 1, "fixtureSeconds": fixture_seconds,
               "auditEvents": audit_events, "auditSeconds": audit_seconds,
               "auditEventsPerSecond": audit_events as f64 / audit_seconds.max(1e-9),
               "rareEvents": (0..audit_events).filter(|i| i % RARE_EVERY == 7).count()})
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bench fixture stays valid as the fixture format evolves, and seeding yields what the
    /// scenarios rely on (the trusts to list, the trustee member, the events to search).
    #[tokio::test]
    async fn seeds_a_small_database() {
        let store: Arc<dyn Store> = Arc::new(
            orgtrust_store_sqlite::SqliteStore::open("sqlite::memory:")
                .await
                .expect("open"),
        );
        fixture::apply(
            "bench",
            &fixture(3).expect("fixture"),
            &*store,
            &SystemClock::new(),
        )
        .await
        .expect("applies");
        let (_, total) = store
            .trusts_of_trustor(&OrgId::new(ACME), 0, 25)
            .await
            .expect("trusts");
        assert_eq!(total, 4);
        let now = Utc::now();
        let events: Vec<AuditEvent> = (0..10).map(|i| event(i, 10, now)).collect();
        store.append_audit_events(&events).await.expect("events");
        let stored = store
            .recent_audit_events(&OrgId::new(ACME), 100)
            .await
            .expect("read");
        assert_eq!(stored.len(), 10);
        assert!(stored.iter().all(|e| e.home_org_id.as_str() == PARTNER));
        assert!(stored
            .iter()
            .any(|e| e.entity_name.as_deref() == Some("Quokka Account 7")));
    }
}
