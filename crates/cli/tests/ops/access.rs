//! The access review through the binary on both engines: the report, the history and a review
//! that lapses when the emulator's clock moves, answered the same on SQLite and PostgreSQL.

use reqwest::Method;
use serde_json::json;

use crate::support::{demo, fresh_pg_database, Api, Instance};

const OA: &str = "/api/v2/orgauthorization";
const ANN: &str = "a0000000-0000-4000-8000-000000000031";

#[tokio::test]
async fn report_history_and_a_lapsing_review_on_both_engines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut databases = vec![format!(
        "sqlite://{}",
        dir.path().join("orgtrust.db").display()
    )];
    databases.extend(fresh_pg_database("the access review on PostgreSQL").await);
    for db in databases {
        let server = Instance::start(&db, &["--emulator"]);
        let api = Api::new(&server.base);
        let acme = api
            .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
            .await;
        let partner = api
            .token(
                demo::PARTNER_CLIENT,
                &[("grant_type", "client_credentials")],
            )
            .await;
        let pairing = api
            .call(
                Method::POST,
                &format!("{OA}/pairings"),
                &partner,
                Some(json!({"userIds": [demo::PARTNER_PAT]})),
            )
            .await;
        let trust = api
            .call(
                Method::POST,
                &format!("{OA}/trustees"),
                &acme,
                Some(json!({"pairingId": pairing.body["id"], "enabled": true,
                    "users": [{"id": demo::PARTNER_PAT, "roleIds": [demo::ACME_USER_VIEWER_ROLE]}]})),
            )
            .await;
        assert_eq!(trust.status, 200, "{db}: {}", trust.text);

        let report = api
            .call(Method::GET, "/orgtrust/v1/access/report", &acme, None)
            .await;
        assert_eq!(report.status, 200, "{db}: {}", report.text);
        assert_eq!(report.body["total"], 1, "{db}: {}", report.text);
        assert_eq!(report.body["entities"][0]["user"]["name"], "Pat Partner");

        let review = api
            .call(
                Method::PUT,
                &format!("/orgtrust/v1/access/reviews/{}", demo::PARTNER),
                &acme,
                Some(json!({"intervalDays": 1, "reviewerId": ANN})),
            )
            .await;
        assert_eq!(review.status, 200, "{db}: {}", review.text);
        let moved = api
            .call(
                Method::POST,
                "/_orgtrust/clock/advance",
                "",
                Some(json!({"seconds": 2 * 86_400})),
            )
            .await;
        assert_eq!(moved.status, 200, "{db}: {}", moved.text);
        let acme = api
            .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
            .await;
        let trustee = api
            .call(
                Method::GET,
                &format!("{OA}/trustees/{}", demo::PARTNER),
                &acme,
                None,
            )
            .await;
        assert_eq!(trustee.body["enabled"], false, "{db}: {}", trustee.text);
        let history = api
            .call(
                Method::GET,
                "/orgtrust/v1/access/history?pageSize=500",
                &acme,
                None,
            )
            .await;
        let kinds: Vec<&str> = history.body["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .filter_map(|c| c["kind"].as_str())
            .collect();
        assert_eq!(kinds.first(), Some(&"granted"), "{db}: {}", history.text);
        assert_eq!(kinds.last(), Some(&"revoked"), "{db}: {}", history.text);
        assert!(
            !server.log_text().contains("ERROR"),
            "{db}: {}",
            server.log_text()
        );
    }
}
