//! The audited write path's index maintenance: after a grant change the organization's index is
//! brought forward with the changed subject's grants alone (no snapshot), and the change (grant
//! or revocation) is still in force on the very next request (THE RULE); a change of anything
//! else in between makes the index read a full snapshot again.

use serde_json::json;

use crate::helpers::{demo, TestApp};
use orgtrust_api::codes;

const PW: &str = "Write-path-1!";

#[tokio::test]
async fn grant_changes_bring_the_index_forward_and_are_in_force_at_once() {
    let t = TestApp::spawn().await;
    let admin = t.acme_admin().await;
    let id = t
        .create_acme_user(
            &admin,
            "Wes Writer",
            "wes@acme.example",
            PW,
            demo::ACME_HOME,
        )
        .await;
    let token = t.acme_user_token("wes@acme.example", PW).await;
    let roles = format!("/api/v2/users/{id}/roles");
    t.get("/api/v2/users", &token)
        .await
        .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    let advanced = t.app.authz.advanced();
    for round in 0..3 {
        // Granted: in force on the next request of the user's own token.
        let put = t
            .put(&roles, &admin, json!([demo::ACME_USER_VIEWER_ROLE]))
            .await
            .expect(200);
        assert_eq!(put.body["roles"][0]["name"], "User Viewer", "round {round}");
        t.get("/api/v2/users", &token).await.expect(200);
        // Revoked: refused on the next request.
        let put = t.put(&roles, &admin, json!([])).await.expect(200);
        assert_eq!(put.body["roles"], json!([]), "round {round}");
        assert_eq!(put.body["permissions"], json!([]), "round {round}");
        t.get("/api/v2/users", &token)
            .await
            .expect_error(403, codes::MISSING_ANY_PERMISSIONS);
    }
    assert!(
        t.app.authz.advanced() >= advanced + 6,
        "each grant change brought the index forward without a snapshot"
    );

    // The roles answer lists the grants the index now holds, with their divisions kept.
    t.put(&roles, &admin, json!([demo::ACME_USER_VIEWER_ROLE]))
        .await
        .expect(200);
    let got = t.get(&roles, &admin).await.expect(200);
    assert_eq!(got.body["roles"].as_array().map(Vec::len), Some(1));
    let audit = t.audit_actions(demo::ACME, &id).await;
    assert_eq!(
        audit.iter().filter(|a| *a == "replaceGrants").count(),
        7,
        "{audit:?}"
    );

    // A change that is not a grant change (the user deleted) in between: the index reads a
    // snapshot, and the deleted user's token is refused at once.
    t.delete(&format!("/api/v2/users/{id}"), &admin)
        .await
        .expect(200);
    t.get("/api/v2/users", &token)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
}
