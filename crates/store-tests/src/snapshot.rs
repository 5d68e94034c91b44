//! Snapshots: the whole state exported and imported, every carried table, on each backend and
//! from one backend to the other; a refused import changes nothing.

use chrono::Duration;
use orgtrust_core::clock::{Clock, SystemClock};
use orgtrust_core::fixture;
use orgtrust_core::ids::{ClientId, OrgId};
use orgtrust_core::secret::TokenDigest;
use orgtrust_core::snapshot::{self, SnapshotDoc};
use orgtrust_core::store::Store;
use orgtrust_core::token::{TokenRecord, TokenSubject};
use serde_json::{json, Value};

use crate::{event, uuid_like, ACME, DEMO, PARTNER};

const PAT: &str = "b0000000-0000-4000-8000-000000000031";
const SUPPORT: &str = "b0000000-0000-4000-8000-000000000041";
const VIEWER: &str = "a0000000-0000-4000-8000-000000000022";
const EMEA: &str = "a0000000-0000-4000-8000-000000000012";

async fn insert_token(store: &dyn Store, bearer: &str) -> TokenDigest {
    let now = SystemClock::new().now();
    let token = TokenRecord {
        id: uuid_like(),
        digest: TokenDigest::of(bearer),
        org_id: OrgId::new(ACME),
        home_org_id: OrgId::new(ACME),
        subject: TokenSubject::Client,
        client_id: ClientId::new("acme-admin"),
        cloned_user_id: None,
        issued_at: now,
        expires_at: now + Duration::hours(1),
        revoked_at: None,
    };
    store
        .insert_token(&token, &event(ACME, "login", &token.id))
        .await
        .expect("insert token");
    token.digest
}

async fn export(store: &dyn Store) -> Value {
    let doc = snapshot::export(store, SystemClock::new().now())
        .await
        .expect("export");
    let mut v = serde_json::to_value(doc).expect("json");
    v.as_object_mut().map(|o| o.remove("exportedAt"));
    v
}

/// The first place where two documents differ (JSON path and both values), if any.
pub fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                let (va, vb) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                if let Some(d) = first_difference(va, vb, &format!("{path}.{k}")) {
                    return Some(d);
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (va, vb))| first_difference(va, vb, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} <> {b}")),
    }
}

#[track_caller]
fn assert_same(a: &Value, b: &Value) {
    if let Some(d) = first_difference(a, b, "$") {
        panic!("the documents differ at {d}");
    }
}

async fn import(store: &dyn Store, doc: &Value) -> Result<(), fixture::FixtureError> {
    let doc: SnapshotDoc = serde_json::from_value(doc.clone()).expect("a document");
    snapshot::import(store, "test", &doc).await
}

/// A document with a row in every carried table: the demo with a trust, then what fixtures
/// cannot say added to its export (trust members with grants, a clone, pairings, settings,
/// migrations, limits, change requests).
pub async fn rich_document(store: &dyn Store) -> Value {
    let demo: Value = serde_json::from_str(DEMO).expect("demo");
    let mut doc = demo.clone();
    doc["trusts"] = json!([{"trustor": ACME, "trustee": PARTNER}]);
    fixture::apply("demo", &doc.to_string(), store, &SystemClock::new())
        .await
        .expect("demo with a trust");
    insert_token(store, "before-export").await;
    let mut doc = export(store).await;
    let acme = doc["organizations"]
        .as_array_mut()
        .expect("orgs")
        .iter_mut()
        .find(|o| o["id"] == ACME)
        .expect("acme");
    let clone_id = "a0000000-0000-4000-8000-0000000000c1";
    let mut clone = acme["users"][0].clone();
    clone["id"] = json!(clone_id);
    clone["email"] = json!("pat.clone@acme.example");
    clone["roles"] = json!([]);
    clone.as_object_mut().map(|o| o.remove("passwordHash"));
    acme["users"].as_array_mut().expect("users").push(clone);
    acme["settings"] = json!({"domainAllowlistEnabled": true, "domainAllowlist": ["acme.example"]});
    acme["migrations"] = json!([{"name": "divisionAwareTrustees", "enabled": false}]);
    acme["limitOverrides"] =
        json!([{"namespace": "platform.api", "key": "org.app.user.rate.per.minute", "value": 600}]);
    acme["limitChangeRequests"] = json!([{
        "id": "11111111-0000-4000-8000-000000000001", "namespace": "platform.api",
        "key": "org.app.user.rate.per.minute", "requestedValue": 600, "currentValue": 300,
        "description": "load test", "supportCaseUrl": "https://support.example/1",
        "status": "ChangeImplemented", "dateCreated": "2026-01-01T00:00:00.000Z",
        "dateCompleted": "2026-01-02T00:00:00.000Z",
        "statusHistory": [{"status": "Open"}], "approvals": []}]);
    let trust = &mut doc["trusts"][0];
    // In the order of an export (by kind, then id).
    trust["members"] = json!([
        {"kind": "group", "id": SUPPORT, "dateCreated": "2026-01-01T00:00:00.000Z",
         "createdByKind": "user", "createdById": "x", "createdByName": "X",
         "roles": [{"role": VIEWER, "divisions": [EMEA]}]},
        {"kind": "user", "id": PAT, "dateCreated": "2026-01-01T00:00:00.000Z",
         "createdByKind": "user", "createdById": "x", "createdByName": "X",
         "roles": [VIEWER]}]);
    trust["clonedUsers"] = json!([{"cloneUserId": clone_id, "trusteeUserId": PAT,
                                   "dateCreated": "2026-01-03T00:00:00.000Z"}]);
    trust["pairingId"] = json!("22222222-0000-4000-8000-000000000001");
    doc["pairings"] = json!([{
        "id": "22222222-0000-4000-8000-000000000001", "trusteeOrgId": PARTNER,
        "createdByKind": "user", "createdById": PAT, "createdByName": "Pat",
        "dateCreated": "2026-01-01T00:00:00.000Z", "dateExpires": "2026-01-03T00:00:00.000Z",
        "userIds": [PAT], "groupIds": [SUPPORT], "usedByOrgId": ACME,
        "dateUsed": "2026-01-02T00:00:00.000Z"}]);
    doc
}

/// Export, import, export gives the same document; tokens of the old state are gone; the
/// audit trail continues after the imported events; a refused import changes nothing.
pub async fn snapshot_round_trips(store: &dyn Store) {
    let doc = rich_document(store).await;
    let old = insert_token(store, "old-state").await;
    import(store, &doc).await.expect("import");
    assert_same(&export(store).await, &doc);
    assert!(store.token(&old).await.expect("read").is_none());
    // New events follow the imported ones.
    insert_token(store, "after-import").await;
    let after = export(store).await;
    let seqs: Vec<i64> = after["auditEvents"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["seq"].as_i64())
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    assert_eq!(
        seqs.len(),
        doc["auditEvents"].as_array().map_or(0, Vec::len) + 1
    );

    // Refused by the database at the last organization's users: nothing changes.
    let mut broken = doc.clone();
    let org = broken["organizations"]
        .as_array_mut()
        .expect("orgs")
        .iter_mut()
        .rev()
        .find(|o| o["users"].as_array().is_some_and(|u| !u.is_empty()))
        .expect("an organization with users");
    let users = org["users"].as_array_mut().expect("users");
    if users.len() < 2 {
        let mut twin = users[0].clone();
        twin["id"] = json!("ffffffff-0000-4000-8000-0000000000ff");
        users.push(twin);
    } else {
        let email = users[0]["email"].clone();
        let n = users.len();
        users[n - 1]["email"] = email;
        users[n - 1]["state"] = users[0]["state"].clone();
    }
    let e = import(store, &broken).await.expect_err("refused");
    assert_eq!(e.path, "$");
    assert_same(&export(store).await, &after);
}

/// A document exported from `from` and imported into `to` (another backend) reads back the
/// same from `to`.
pub async fn snapshot_moves_between_backends(from: &dyn Store, to: &dyn Store) {
    let doc = rich_document(from).await;
    import(from, &doc).await.expect("import into the source");
    let exported = export(from).await;
    import(to, &exported).await.expect("import into the target");
    assert_same(&export(to).await, &exported);
    // And back.
    import(from, &export(to).await).await.expect("back");
    assert_same(&export(from).await, &exported);
}

/// The snapshot cases of one backend.
#[macro_export]
macro_rules! snapshot_suite {
    ($make:expr) => {
        $crate::conformance_suite!(@cases $make; snapshot_round_trips);
    };
}
