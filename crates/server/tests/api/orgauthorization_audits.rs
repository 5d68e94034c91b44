//! `/api/v2/orgauthorization/trustees/audits` and `/api/v2/orgauthorization/trustor/audits`.
//!
//! Trusts come from the fixture's `trusts` (Acme trusts Partner; Customer Care trusted Partner,
//! now disabled and expired). Events of trustee users acting in a trustor cannot be produced
//! through the API yet (cross-organization sessions come with the next issue), so they are
//! recorded with the store's audited token write, which stores any event in the transaction of
//! its token; the events the API itself writes (token issuance) are the unrelated background.

use chrono::{DateTime, Duration, Utc};
use orgtrust_api::codes;
use orgtrust_core::audit::{Actor, AuditEvent, Change};
use orgtrust_core::ids::{ClientId, OrgId};
use orgtrust_core::secret::TokenDigest;
use orgtrust_core::store::TokenStore;
use orgtrust_core::token::{TokenRecord, TokenSubject};
use serde_json::{json, Value};

use crate::helpers::{demo, TestApp, DEMO};

const TRUSTEES: &str = "/api/v2/orgauthorization/trustees/audits";
const TRUSTOR: &str = "/api/v2/orgauthorization/trustor/audits";

/// The demo with trusts.
fn fixture() -> String {
    let mut doc: Value = serde_json::from_str(DEMO).expect("demo");
    doc["trusts"] = json!([
        {"trustor": "Acme Corp", "trustee": "Partner Co"},
        {"trustor": "Customer Care", "trustee": demo::PARTNER, "enabled": false,
         "dateExpired": "2020-01-01T00:00:00Z"}
    ]);
    doc.to_string()
}

fn at(hours: i64) -> DateTime<Utc> {
    orgtrust_api::parse_datetime("2026-11-20T10:00:00Z").expect("date") + Duration::hours(hours)
}

struct Ev {
    org: &'static str,
    home: &'static str,
    actor: (&'static str, &'static str),
    action: &'static str,
    entity: (&'static str, &'static str, Option<&'static str>),
    changes: Vec<Change>,
    hours: i64,
}

/// Records an event with the store's audited token write.
async fn record(t: &TestApp, e: Ev) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let event = AuditEvent {
        id: id.clone(),
        timestamp: at(e.hours),
        org_id: OrgId::new(e.org),
        home_org_id: OrgId::new(e.home),
        actor: Actor {
            kind: "user",
            id: e.actor.0.into(),
            name: e.actor.1.into(),
        },
        client_id: Some(ClientId::new("partner-admin")),
        action: e.action.into(),
        entity_type: e.entity.0.into(),
        entity_id: e.entity.1.into(),
        entity_name: e.entity.2.map(str::to_owned),
        changes: e.changes,
        correlation_id: format!("corr-{id}"),
        remote_ip: Some("127.0.0.1".into()),
    };
    let token = TokenRecord {
        id: uuid::Uuid::new_v4().to_string(),
        digest: TokenDigest::of(&id),
        org_id: OrgId::new(e.org),
        home_org_id: OrgId::new(e.home),
        subject: TokenSubject::User(orgtrust_core::ids::UserId::new(e.actor.0)),
        client_id: ClientId::new("partner-admin"),
        cloned_user_id: None,
        issued_at: event.timestamp,
        expires_at: event.timestamp,
        revoked_at: None,
    };
    t.store
        .insert_token(&token, &event)
        .await
        .expect("recorded");
    id
}

const PAT: (&str, &str) = (demo::PARTNER_PAT, "Pat Partner");
const SAM: (&str, &str) = (demo::PARTNER_SAM, "Sam Support");

/// Pat and Sam in Acme; Pat in Customer Care; Care's Casey in Acme (no trust Acme-Care).
async fn trail(t: &TestApp) -> Vec<String> {
    let mut ids = Vec::new();
    ids.push(
        record(
            t,
            Ev {
                org: demo::ACME,
                home: demo::PARTNER,
                actor: PAT,
                action: "update",
                entity: ("user", demo::ACME_EMIL, Some("Emil Europe")),
                changes: vec![Change {
                    property: "title".into(),
                    old_values: vec!["Analyst".into()],
                    new_values: vec!["Lead".into()],
                }],
                hours: 1,
            },
        )
        .await,
    );
    ids.push(
        record(
            t,
            Ev {
                org: demo::ACME,
                home: demo::PARTNER,
                actor: SAM,
                action: "create",
                entity: ("group", "g-1", Some("Night Shift")),
                changes: vec![],
                hours: 2,
            },
        )
        .await,
    );
    ids.push(
        record(
            t,
            Ev {
                org: demo::ACME,
                home: demo::PARTNER,
                actor: PAT,
                action: "delete",
                entity: ("group", "g-1", Some("Night Shift")),
                changes: vec![],
                hours: 3,
            },
        )
        .await,
    );
    ids.push(
        record(
            t,
            Ev {
                org: demo::CARE,
                home: demo::PARTNER,
                actor: PAT,
                action: "update",
                entity: ("user", "care-user", Some("Casey Care")),
                changes: vec![],
                hours: 4,
            },
        )
        .await,
    );
    ids.push(
        record(
            t,
            Ev {
                org: demo::ACME,
                home: demo::CARE,
                actor: ("casey", "Casey Care"),
                action: "update",
                entity: ("user", demo::ACME_EMIL, Some("Emil Europe")),
                changes: vec![],
                hours: 5,
            },
        )
        .await,
    );
    ids
}

fn messages(body: &Value) -> Vec<String> {
    body["auditMessages"]
        .as_array()
        .expect("auditMessages")
        .iter()
        .map(|m| m["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn the_trustor_sees_what_trustee_users_did_in_it() {
    let t = TestApp::spawn_with(&fixture()).await;
    let ids = trail(&t).await;
    let acme = t.acme_admin().await;
    let reply = t
        .post(
            &format!("{TRUSTEES}?pageSize=25&pageNumber=1&sortBy=timestamp&sortOrder=descending"),
            &acme,
            json!({"trusteeOrganizationIds": [demo::PARTNER], "trusteeUserIds": [],
                   "facets": [{"name": "action", "type": "STRING"}, {"name": "userId", "type": "STRING"}]}),
        )
        .await
        .expect(200);
    let b = &reply.body;
    // Only Partner's users in Acme: not Pat in Care, not Care's Casey in Acme, and none of the
    // logins the API wrote (Acme's own client in Acme).
    assert_eq!(
        messages(b),
        vec![ids[2].clone(), ids[1].clone(), ids[0].clone()]
    );
    assert_eq!(
        (
            b["pageNumber"].as_i64(),
            b["pageSize"].as_i64(),
            b["total"].as_i64(),
            b["pageCount"].as_i64()
        ),
        (Some(1), Some(25), Some(3), Some(1))
    );
    let oldest = &b["auditMessages"][2];
    assert_eq!(oldest["user"]["id"], demo::PARTNER_PAT);
    assert_eq!(oldest["user"]["name"], "Pat Partner");
    assert_eq!(oldest["user"]["display"], "Pat Partner (Partner Co)");
    assert_eq!(oldest["serviceName"], "orgtrust");
    assert_eq!(oldest["level"], "USER");
    assert_eq!(oldest["status"], "SUCCESS");
    assert_eq!(oldest["action"], "update");
    assert_eq!(oldest["timestamp"], "2026-11-20T11:00:00.000Z");
    assert_eq!(oldest["receivedTimestamp"], "2026-11-20T11:00:00.000Z");
    assert_eq!(oldest["correlationId"], format!("corr-{}", ids[0]));
    assert_eq!(
        oldest["entity"],
        json!({"type": "user", "id": demo::ACME_EMIL, "name": "Emil Europe",
               "selfUri": format!("/api/v2/users/{}", demo::ACME_EMIL)})
    );
    assert_eq!(
        oldest["changes"],
        json!([{"property": "title", "oldValues": ["Analyst"], "newValues": ["Lead"]}])
    );
    assert_eq!(
        b["facetInfo"],
        json!([
            {"name": "action", "entries": [
                {"value": "create", "count": 1}, {"value": "delete", "count": 1}, {"value": "update", "count": 1}]},
            {"name": "userId", "entries": [
                {"value": demo::PARTNER_PAT, "count": 2}, {"value": demo::PARTNER_SAM, "count": 1}]}
        ])
    );

    // One user only.
    let reply = t
        .post(
            TRUSTEES,
            &acme,
            json!({"trusteeOrganizationIds": [demo::PARTNER], "trusteeUserIds": [demo::PARTNER_SAM]}),
        )
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[1].clone()]);
}

#[tokio::test]
async fn the_trustee_sees_what_its_users_did_in_a_trustor() {
    let t = TestApp::spawn_with(&fixture()).await;
    let ids = trail(&t).await;
    let partner = t.partner_admin().await;
    let reply = t
        .post(
            &format!("{TRUSTOR}?sortOrder=ascending"),
            &partner,
            json!({"trustorOrganizationId": demo::ACME, "trusteeUserIds": [demo::PARTNER_PAT]}),
        )
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[0].clone(), ids[2].clone()]);
    // A disabled, expired trust still lets the trustee read its history.
    let reply = t
        .post(
            TRUSTOR,
            &partner,
            json!({"trustorOrganizationId": demo::CARE, "trusteeUserIds": []}),
        )
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[3].clone()]);
    // And the trustor of that trust its side.
    let care = t.client_token("care-admin", "care-admin-secret").await;
    let reply = t
        .post(
            TRUSTEES,
            &care,
            json!({"trusteeOrganizationIds": [demo::PARTNER], "trusteeUserIds": []}),
        )
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[3].clone()]);
}

/// The names in `display` and the trust check are answered from memory: both follow the next
/// rename and the trust's deletion.
#[tokio::test]
async fn names_and_the_trust_check_follow_renames_and_deletions() {
    let t = TestApp::spawn_with(&fixture()).await;
    trail(&t).await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;
    let ask =
        json!({"trusteeOrganizationIds": [demo::PARTNER], "trusteeUserIds": [demo::PARTNER_SAM]});
    let display = |body: &Value| body["auditMessages"][0]["user"]["display"].clone();
    let reply = t.post(TRUSTEES, &acme, ask.clone()).await.expect(200);
    assert_eq!(display(&reply.body), "Sam Support (Partner Co)");

    t.rename_org(&partner, "Partner Renamed").await;
    let reply = t.post(TRUSTEES, &acme, ask.clone()).await.expect(200);
    assert_eq!(display(&reply.body), "Sam Support (Partner Renamed)");
    let reply = t
        .post(
            TRUSTOR,
            &partner,
            json!({"trustorOrganizationId": demo::ACME, "trusteeUserIds": [demo::PARTNER_SAM]}),
        )
        .await
        .expect(200);
    assert_eq!(display(&reply.body), "Sam Support (Partner Renamed)");

    t.delete(
        &format!("/api/v2/orgauthorization/trustors/{}", demo::ACME),
        &partner,
    )
    .await
    .expect(204);
    t.post(TRUSTEES, &acme, ask)
        .await
        .expect_error(400, codes::INVALID_VALUE);
}

#[tokio::test]
async fn organizations_without_a_trust_are_refused_by_name() {
    let t = TestApp::spawn_with(&fixture()).await;
    trail(&t).await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;
    // Care has events in Acme, but Acme does not trust Care.
    let reply = t
        .post(
            TRUSTEES,
            &acme,
            json!({"trusteeOrganizationIds": [demo::PARTNER, demo::CARE], "trusteeUserIds": []}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(
        reply.body["message"]
            .as_str()
            .unwrap_or("")
            .contains(demo::CARE),
        "{}",
        reply.text
    );
    // The caller's own organization is not its trustee.
    t.post(
        TRUSTEES,
        &acme,
        json!({"trusteeOrganizationIds": [demo::ACME], "trusteeUserIds": []}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    // Partner does not trust Acme: Acme is not a trustee asking about trustor Partner.
    t.post(
        TRUSTOR,
        &acme,
        json!({"trustorOrganizationId": demo::PARTNER, "trusteeUserIds": []}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    let reply = t
        .post(
            TRUSTOR,
            &partner,
            json!({"trustorOrganizationId": demo::PLATFORM, "trusteeUserIds": []}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(reply.body["message"]
        .as_str()
        .unwrap_or("")
        .contains(demo::PLATFORM));
}

#[tokio::test]
async fn required_fields_and_permissions() {
    let t = TestApp::spawn_with(&fixture()).await;
    let acme = t.acme_admin().await;
    t.post(
        TRUSTEES,
        &acme,
        json!({"trusteeOrganizationIds": [demo::PARTNER]}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.post(TRUSTEES, &acme, json!({"trusteeUserIds": []}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.post(
        TRUSTEES,
        &acme,
        json!({"trusteeOrganizationIds": [], "trusteeUserIds": []}),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    t.post(TRUSTOR, &acme, json!({"trusteeUserIds": []}))
        .await
        .expect_error(400, codes::INVALID_VALUE);
    t.call(reqwest::Method::POST, TRUSTOR, Some(&acme), None)
        .await
        .expect_error(400, codes::MISSING_REQUEST_BODY);
    t.call(reqwest::Method::POST, TRUSTOR, None, Some(json!({})))
        .await
        .expect_error(401, codes::AUTHENTICATION_REQUIRED);
    // Emil has no authorization:audit:view.
    let emil = t
        .password_token(
            ("acme-admin", "acme-admin-secret"),
            "emil@acme.example",
            "Acme-emea-1!",
        )
        .await;
    for path in [TRUSTEES, TRUSTOR] {
        let reply = t
            .post(
                path,
                &emil,
                json!({"trusteeOrganizationIds": [demo::PARTNER], "trustorOrganizationId": demo::PARTNER,
                       "trusteeUserIds": []}),
            )
            .await
            .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
        assert!(reply.text.contains("authorization:audit:view"));
    }
}

#[tokio::test]
async fn paging_sorting_and_dates() {
    let t = TestApp::spawn_with(&fixture()).await;
    let mut ids = Vec::new();
    for hours in 0..30 {
        ids.push(
            record(
                &t,
                Ev {
                    org: demo::ACME,
                    home: demo::PARTNER,
                    actor: PAT,
                    action: "update",
                    entity: ("user", demo::ACME_EMIL, Some("Emil Europe")),
                    changes: vec![],
                    hours,
                },
            )
            .await,
        );
    }
    let acme = t.acme_admin().await;
    let body =
        json!({"trusteeOrganizationIds": [demo::PARTNER], "trusteeUserIds": [demo::PARTNER_PAT]});
    let reply = t
        .post(
            &format!("{TRUSTEES}?pageSize=10&pageNumber=3"),
            &acme,
            body.clone(),
        )
        .await
        .expect(200);
    assert_eq!(reply.body["total"], 30);
    assert_eq!(reply.body["pageCount"], 3);
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(messages(&reply.body), newest_first[20..30].to_vec());
    let reply = t
        .post(
            &format!("{TRUSTEES}?pageSize=10&sortOrder=ascending"),
            &acme,
            body.clone(),
        )
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), ids[0..10].to_vec());
    for bad in [
        "sortBy=action",
        "sortOrder=sideways",
        "pageSize=501",
        "pageSize=0",
        "pageNumber=0",
    ] {
        t.post(&format!("{TRUSTEES}?{bad}"), &acme, body.clone())
            .await
            .expect_error(400, codes::INVALID_VALUE);
    }

    // startDate/endDate are inclusive; the Python SDK's isoformat() is accepted.
    let mut windowed = body.clone();
    windowed["startDate"] = json!("2026-11-20T15:00:00+00:00");
    windowed["endDate"] = json!("2026-11-20T17:00:00.000Z");
    let reply = t.post(TRUSTEES, &acme, windowed).await.expect(200);
    assert_eq!(
        messages(&reply.body),
        vec![ids[7].clone(), ids[6].clone(), ids[5].clone()]
    );
    let mut bad = body.clone();
    bad["startDate"] = json!("yesterday");
    t.post(TRUSTEES, &acme, bad)
        .await
        .expect_error(400, codes::INVALID_DATE);
    let mut reversed = body.clone();
    reversed["startDate"] = json!("2026-11-21T00:00:00Z");
    reversed["endDate"] = json!("2026-11-20T00:00:00Z");
    t.post(TRUSTEES, &acme, reversed)
        .await
        .expect_error(400, codes::INVALID_VALUE);

    // DATE filters and a DATE facet (per day).
    let mut filtered = body.clone();
    filtered["filters"] = json!([{"name": "timestamp", "type": "DATE", "operator": "between",
                                  "values": ["2026-11-21T00:00:00Z", "2026-11-21T01:59:59Z"]}]);
    filtered["facets"] = json!([{"name": "timestamp", "type": "DATE"}]);
    let reply = t.post(TRUSTEES, &acme, filtered).await.expect(200);
    assert_eq!(
        messages(&reply.body),
        vec![ids[15].clone(), ids[14].clone()]
    );
    assert_eq!(
        reply.body["facetInfo"],
        json!([{"name": "timestamp", "entries": [{"value": "2026-11-21", "count": 2}]}])
    );
    let mut facets = body.clone();
    facets["facets"] = json!([{"name": "timestamp", "type": "DATE"}]);
    let reply = t
        .post(&format!("{TRUSTEES}?pageSize=1"), &acme, facets)
        .await
        .expect(200);
    assert_eq!(
        reply.body["facetInfo"][0]["entries"],
        json!([{"value": "2026-11-20", "count": 14}, {"value": "2026-11-21", "count": 16}])
    );
}

#[tokio::test]
async fn phrases_and_filters() {
    let t = TestApp::spawn_with(&fixture()).await;
    let ids = trail(&t).await;
    let acme = t.acme_admin().await;
    let search = |extra: Value| {
        let mut body = json!({"trusteeOrganizationIds": [demo::PARTNER], "trusteeUserIds": []});
        for (k, v) in extra.as_object().expect("object") {
            body[k] = v.clone();
        }
        body
    };
    let reply = t
        .post(TRUSTEES, &acme, search(json!({"queryPhrase": "analyst"})))
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[0].clone()]);
    let reply = t
        .post(
            TRUSTEES,
            &acme,
            search(json!({"queryPhrase": "night shift"})),
        )
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[2].clone(), ids[1].clone()]);
    // Casey's event in Acme mentions Emil too, but Care is not a trustee of Acme.
    let reply = t
        .post(TRUSTEES, &acme, search(json!({"queryPhrase": "Emil"})))
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[0].clone()]);

    let reply = t
        .post(
            TRUSTEES,
            &acme,
            search(json!({"filters": [
                {"name": "entityType", "type": "STRING", "operator": "eq", "values": ["group"]},
                {"name": "action", "type": "STRING", "operator": "notEquals", "values": ["create"]}]})),
        )
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[2].clone()]);
    let reply = t
        .post(
            TRUSTEES,
            &acme,
            search(json!({"filters": [
                {"name": "userId", "type": "STRING", "operator": "in", "values": [demo::PARTNER_SAM, "nobody"]}]})),
        )
        .await
        .expect(200);
    assert_eq!(messages(&reply.body), vec![ids[1].clone()]);
    let reply = t
        .post(
            TRUSTEES,
            &acme,
            search(json!({"filters": [{"name": "colour", "type": "STRING", "operator": "eq", "values": ["red"]}]})),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(reply.text.contains("colour"));
    let reply = t
        .post(
            TRUSTEES,
            &acme,
            search(json!({"filters": [{"name": "action", "type": "STRING", "operator": "like", "values": ["x"]}]})),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(reply.text.contains("like"));
    t.post(
        TRUSTEES,
        &acme,
        search(json!({"facets": [{"name": "action", "type": "SOMETHING"}]})),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    // The `Facet` model requires `type` as well as `name`.
    let reply = t
        .post(
            TRUSTEES,
            &acme,
            search(json!({"facets": [{"name": "action"}]})),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(
        reply.body["messageParams"]["field"], "facets[0].type",
        "{}",
        reply.text
    );
}
