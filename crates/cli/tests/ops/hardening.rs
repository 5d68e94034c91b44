//! Bad input on both engines, through the binary as operators run it: the same answers on SQLite
//! and PostgreSQL, never a 5xx, nothing written, no ERROR in the log.

use reqwest::Method;
use serde_json::json;

use crate::support::{demo, fresh_pg_database, Api, Instance};

/// A database URL per engine: a SQLite file, and PostgreSQL when the test cluster is set.
async fn databases(what: &str) -> Vec<(String, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = format!("sqlite://{}", dir.path().join("orgtrust.db").display());
    let mut out = vec![(sqlite, Some(dir))];
    if let Some(pg) = fresh_pg_database(what).await {
        out.push((pg, None));
    }
    out
}

#[tokio::test]
async fn a_nul_in_any_string_is_refused_the_same_on_both_engines() {
    for (db, _dir) in databases("the NUL cases").await {
        let server = Instance::start(&db, &[]);
        let api = Api::new(&server.base);
        let token = api
            .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
            .await;
        let users_before = api
            .call(Method::GET, "/api/v2/users?pageSize=1", &token, None)
            .await
            .body["total"]
            .clone();
        // JSON bodies: 400 invalid.value naming the field.
        for (method, path, body, field) in [
            (
                Method::POST,
                "/api/v2/users",
                json!({"name": "a\u{0}b", "email": "nul@acme.example"}),
                "name",
            ),
            (
                Method::POST,
                "/api/v2/authorization/divisions",
                json!({"name": "EM\u{0}EA"}),
                "name",
            ),
            (
                Method::POST,
                "/api/v2/authorization/roles",
                json!({"name": "R", "permissionPolicies": [], "description": "\u{0}"}),
                "description",
            ),
            (
                Method::PATCH,
                "/api/v2/organizations/authentication/settings",
                json!({"domainAllowlist": ["a.example", "\u{0}"]}),
                "domainAllowlist[1]",
            ),
        ] {
            let r = api.call(method.clone(), path, &token, Some(body)).await;
            assert_eq!(r.status, 400, "{db}: {method} {path}: {}", r.text);
            assert_eq!(r.body["code"], "invalid.value", "{db}: {}", r.text);
            assert_eq!(r.body["messageParams"]["field"], field, "{db}: {}", r.text);
        }
        // A query value: 400 naming the parameter; an id in the path: not found.
        let r = api
            .call(Method::GET, "/api/v2/users?id=a%00b", &token, None)
            .await;
        assert_eq!(
            (r.status, r.body["code"].as_str()),
            (400, Some("invalid.value")),
            "{db}: {}",
            r.text
        );
        assert_eq!(r.body["messageParams"]["field"], "id", "{db}: {}", r.text);
        for path in [
            "/api/v2/users/a%00b",
            "/api/v2/orgauthorization/trustees/a%00b",
            "/api/v2/authorization/divisions/%00",
        ] {
            let r = api.call(Method::GET, path, &token, None).await;
            assert_eq!(
                (r.status, r.body["code"].as_str()),
                (404, Some("not.found")),
                "{db}: {path}: {}",
                r.text
            );
        }
        // The unauthenticated token endpoint: OAuth errors, no 500.
        let http = reqwest::Client::new();
        let token_url = format!("{}/oauth/token", server.base);
        let form = |fields: &[(&str, &str)]| http.post(&token_url).form(fields).send();
        let r = form(&[
            ("grant_type", "password"),
            ("client_id", "acme-admin\u{0}"),
            ("client_secret", "x"),
            ("username", "u"),
            ("password", "p"),
        ])
        .await
        .expect("send");
        assert_eq!(r.status().as_u16(), 400, "{db}");
        assert!(r.text().await.unwrap_or_default().contains("[client_id]"));
        let r = http
            .post(&token_url)
            .basic_auth(demo::ACME_CLIENT.0, Some(demo::ACME_CLIENT.1))
            .form(&[
                ("grant_type", "password"),
                ("username", "ann\u{0}@acme.example"),
                ("password", "p"),
            ])
            .send()
            .await
            .expect("send");
        assert_eq!(r.status().as_u16(), 400, "{db}");
        assert!(r.text().await.unwrap_or_default().contains("[username]"));
        let r = http
            .post(&token_url)
            .basic_auth("acme-\u{0}admin", Some("secret"))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .expect("send");
        assert_eq!(r.status().as_u16(), 401, "{db}");
        // Nothing was written, and nothing went wrong inside.
        let users_after = api
            .call(Method::GET, "/api/v2/users?pageSize=1", &token, None)
            .await
            .body["total"]
            .clone();
        assert_eq!(users_before, users_after, "{db}");
        let log = server.log_text();
        assert!(
            !log.contains("ERROR"),
            "{db}: the server logged an error:\n{log}"
        );
    }
}
