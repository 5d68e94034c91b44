//! The access review (`/orgtrust/v1/access/report`) agrees with the decisions: random trust
//! grants (roles and divisions) to a direct member (Pat) and to a trusted group, random group
//! membership (Sam) and trust state, written through the API; then the report's rows predict, for
//! each trustee user and each request of `trust_model_check::REQUESTS`, whether the user acting in
//! Acme is allowed, and real requests with real tokens must answer as predicted. A user the report
//! does not list cannot sign in to Acme at all.

use orgtrust_core::permission::Pattern;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::helpers::{demo, TestApp};
use crate::orgauthorization_support::{acme_trusts_partner, pat, sam, OA};
use crate::trust_model_check::{body_grants, random_grants, REQUESTS, TRUST_AUDITOR};
use crate::trust_sign_in::exchange;

const REPORT: &str = "/orgtrust/v1/access/report";
const CASES: usize = 40;

/// Does a row grant `permission` on an entity of `division` (any division when `None`)?
fn row_allows(row: &Value, permission: &str, division: Option<&str>) -> bool {
    let in_division = match (row["division"]["id"].as_str(), division) {
        (Some("*"), _) | (Some(_), None) => true,
        (Some(d), Some(wanted)) => d == wanted,
        (None, _) => false,
    };
    let grants = row["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(Value::as_str)
        .filter_map(|p| Pattern::parse(p).ok())
        .any(|p| p.matches(permission));
    in_division && grants
}

fn rows_of<'a>(report: &'a Value, user: &str) -> Vec<&'a Value> {
    report["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|r| r["user"]["id"] == user)
        .collect()
}

#[tokio::test]
async fn the_report_predicts_every_decision() {
    let seed: u64 = std::env::var("ORGTRUST_ACCESS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(11);
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let roles = vec![
        demo::ACME_ADMIN_ROLE.to_owned(),
        demo::ACME_USER_VIEWER_ROLE.to_owned(),
        TRUST_AUDITOR.to_owned(),
    ];
    let (pat_home, sam_home) = (pat(&t).await, sam(&t).await);
    let trustee = format!("{OA}/trustees/{}", demo::PARTNER);
    let group = format!("/api/v2/groups/{}", demo::PARTNER_SUPPORT_GROUP);
    let mut sam_in_group = true;
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut allowed, mut refused, mut absent) = (0, 0, 0);
    for case in 0..CASES {
        if case % 5 == 0 {
            // A new rate-limit window.
            t.clock.advance(chrono::Duration::seconds(61));
        }
        for (path, grants) in [
            (
                format!("{trustee}/users/{}", demo::PARTNER_PAT),
                random_grants(&mut rng, &roles),
            ),
            (
                format!("{trustee}/groups/{}", demo::PARTNER_SUPPORT_GROUP),
                random_grants(&mut rng, &roles),
            ),
        ] {
            if grants.is_empty() {
                t.delete(&format!("{path}/roles"), &a.acme)
                    .await
                    .expect(204);
            } else {
                t.put(
                    &format!("{path}/roledivisions"),
                    &a.acme,
                    body_grants(&grants),
                )
                .await
                .expect(200);
            }
        }
        let want_sam_in_group = rng.gen_bool(0.75);
        if want_sam_in_group != sam_in_group {
            let version = t.get(&group, &a.partner).await.expect(200).body["version"]
                .as_i64()
                .expect("version");
            if want_sam_in_group {
                t.post(
                    &format!("{group}/members"),
                    &a.partner,
                    json!({"memberIds": [demo::PARTNER_SAM], "version": version}),
                )
                .await
                .expect(202);
            } else {
                t.delete(
                    &format!("{group}/members?ids={}", demo::PARTNER_SAM),
                    &a.partner,
                )
                .await
                .expect(202);
            }
            sam_in_group = want_sam_in_group;
        }
        let enabled = rng.gen_bool(0.8);
        t.put(&trustee, &a.acme, json!({"enabled": enabled}))
            .await
            .expect(200);

        let report = t
            .get(&format!("{REPORT}?pageSize=500"), &a.acme)
            .await
            .expect(200)
            .body;
        for (who, user, home) in [
            ("Pat", demo::PARTNER_PAT, &pat_home),
            ("Sam", demo::PARTNER_SAM, &sam_home),
        ] {
            let rows = rows_of(&report, user);
            let signed_in = exchange(&t, home, &[("target", demo::ACME)]).await;
            if signed_in.status != 200 {
                assert!(
                    rows.is_empty(),
                    "seed {seed}, case {case}: {who} cannot act in Acme ({}) but the report \
                     lists {rows:?}",
                    signed_in.text
                );
                absent += 1;
                continue;
            }
            let token = signed_in.body["access_token"].as_str().expect("token");
            for (path, permission, division) in REQUESTS {
                let predicted = rows.iter().any(|r| row_allows(r, permission, *division));
                let got = t.get(path, token).await;
                assert_eq!(
                    got.status.is_success(),
                    predicted,
                    "seed {seed}, case {case}: {who} GET {path} answered {} but the report rows \
                     {rows:?} predict {}",
                    got.text,
                    if predicted { "allowed" } else { "refused" }
                );
                if predicted {
                    allowed += 1;
                } else {
                    refused += 1;
                }
            }
        }
    }
    // Every kind of outcome is reached.
    assert!(
        allowed > 20 && refused > 20 && absent > 5,
        "{allowed} {refused} {absent}"
    );
    println!("seed {seed}: {allowed} allowed and {refused} refused requests as the report predicted; {absent} users absent from it could not sign in");
}

#[tokio::test]
async fn the_report_names_the_member_role_and_division_and_filters() {
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let report = t.get(REPORT, &a.acme).await.expect(200).body;
    // Pat by name with User Viewer everywhere; Sam through Partner Support with User Viewer in
    // EMEA (trust_body).
    let rows: Vec<(String, String, String, String, String)> = report["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|r| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            (
                s(&r["user"]["name"]),
                s(&r["via"]),
                s(&r["group"]["name"]),
                s(&r["role"]["name"]),
                s(&r["division"]["name"]),
            )
        })
        .collect();
    let (pat_name, sam_name) = ("Pat Partner", "Sam Support");
    assert_eq!(report["total"], 2, "{report}");
    assert!(
        rows.contains(&(
            pat_name.into(),
            "user".into(),
            "".into(),
            "User Viewer".into(),
            "All divisions".into()
        )),
        "{rows:?}"
    );
    assert!(
        rows.contains(&(
            sam_name.into(),
            "group".into(),
            "Partner Support".into(),
            "User Viewer".into(),
            "EMEA".into()
        )),
        "{rows:?}"
    );
    assert_eq!(
        report["entities"][0]["trusteeOrganization"]["name"],
        "Partner Co"
    );

    let count = |q: &str| {
        let t = &t;
        let token = a.acme.clone();
        let q = q.to_owned();
        async move {
            t.get(&format!("{REPORT}?{q}"), &token)
                .await
                .expect(200)
                .body["total"]
                .clone()
        }
    };
    assert_eq!(count(&format!("divisionId={}", demo::ACME_HOME)).await, 1);
    assert_eq!(count(&format!("divisionId={}", demo::ACME_EMEA)).await, 2);
    assert_eq!(count("permission=directory:user:view").await, 2);
    assert_eq!(count("permission=authorization:role:add").await, 0);
    assert_eq!(count(&format!("trusteeOrgId={}", demo::CARE)).await, 0);
    let page = t
        .get(&format!("{REPORT}?pageSize=1&pageNumber=2"), &a.acme)
        .await
        .expect(200)
        .body;
    assert_eq!(
        (
            page["entities"].as_array().map(Vec::len),
            page["pageCount"].clone()
        ),
        (Some(1), json!(2))
    );

    // Disabled, the trust grants nothing: the report is empty.
    t.put(
        &format!("{OA}/trustees/{}", demo::PARTNER),
        &a.acme,
        json!({"enabled": false}),
    )
    .await
    .expect(200);
    assert_eq!(count("").await, 0);
    // The trustee's side sees only its own organization's trustees (none).
    assert_eq!(t.get(REPORT, &a.partner).await.expect(200).body["total"], 0);
}
