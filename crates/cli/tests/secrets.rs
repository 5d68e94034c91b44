//! Secrets never reach the log: the real `orgtrust serve` runs with `--log debug` while a
//! representative slice of the API is driven through it (every token grant including password,
//! password with target and token exchange; client creation with its secret and a grant with it;
//! user creation with a password, a password change and sign-ins; pairings and trusts; wrong
//! secrets, wrong passwords and forged tokens; revocation). Then the captured log is searched for
//! every secret, password and token that was handed out or used: zero hits. The stdout banner
//! may show the demo fixture's own client secrets (that is its purpose) and nothing else.

mod common;

use common::{client_token, free_port, sqlite_in, Served, ACME_CLIENT};
use serde_json::{json, Value};

const PARTNER_CLIENT: (&str, &str) = ("partner-admin", "partner-admin-secret");
const EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
const ACME: &str = "a0000000-0000-4000-8000-000000000001";
const PAT: &str = "b0000000-0000-4000-8000-000000000031";
const SUPPORT_GROUP: &str = "b0000000-0000-4000-8000-000000000041";
const USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";

/// A caller that remembers every secret it sends or receives.
struct Driver {
    http: reqwest::Client,
    base: String,
    secrets: Vec<String>,
}

impl Driver {
    fn keep(&mut self, secret: &str) -> String {
        self.secrets.push(secret.to_owned());
        secret.to_owned()
    }

    async fn token(&mut self, basic: Option<(&str, &str)>, form: &[(&str, &str)]) -> (u16, Value) {
        if let Some((_, secret)) = basic {
            self.keep(secret);
        }
        for (k, v) in form {
            if matches!(*k, "password" | "subject_token" | "client_secret") {
                self.keep(v);
            }
        }
        let mut req = self
            .http
            .post(format!("{}/oauth/token", self.base))
            .form(form);
        if let Some((id, secret)) = basic {
            req = req.basic_auth(id, Some(secret));
        }
        let reply = req.send().await.expect("token request");
        let status = reply.status().as_u16();
        let body: Value = reply.json().await.expect("token json");
        if let Some(t) = body["access_token"].as_str() {
            self.keep(t);
        }
        (status, body)
    }

    async fn granted(&mut self, basic: Option<(&str, &str)>, form: &[(&str, &str)]) -> String {
        let (status, body) = self.token(basic, form).await;
        assert_eq!(status, 200, "{body}");
        body["access_token"].as_str().expect("token").to_owned()
    }

    async fn call(
        &mut self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Value {
        self.keep(token);
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let reply = req.send().await.expect("request");
        let status = reply.status();
        let text = reply.text().await.expect("body");
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_password_or_token_appears_in_the_debug_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (url, _) = sqlite_in(dir.path());
    let log = dir.path().join("serve.log");
    let served = Served::start(&url, free_port(), "debug", &log);
    let mut d = Driver {
        http: reqwest::Client::new(),
        base: served.base.clone(),
        secrets: Vec::new(),
    };
    let get = reqwest::Method::GET;
    let post = reqwest::Method::POST;
    let put = reqwest::Method::PUT;

    // Client credentials, the demo's.
    let acme = client_token(&d.http, &d.base, ACME_CLIENT).await;
    d.keep(&acme);
    d.keep(ACME_CLIENT.1);
    let partner = d
        .granted(
            Some(PARTNER_CLIENT),
            &[("grant_type", "client_credentials")],
        )
        .await;

    // A new client: its secret (shown once) and a grant with it, Basic and in the form.
    let client = d
        .call(
            post.clone(),
            "/api/v2/oauth/clients",
            &acme,
            Some(json!({
            "name": "Secret Keeper", "authorizedGrantType": "CLIENT-CREDENTIALS",
            "roleDivisions": [{"roleId": USER_VIEWER, "divisionId": "*"}]})),
        )
        .await;
    let client_id = client["id"].as_str().expect("client id").to_owned();
    let client_secret = d.keep(client["secret"].as_str().expect("client secret"));
    let keeper = d
        .granted(
            Some((&client_id, &client_secret)),
            &[("grant_type", "client_credentials")],
        )
        .await;
    d.call(get.clone(), "/api/v2/users", &keeper, None).await;
    d.granted(
        None,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &client_id),
            ("client_secret", &client_secret),
        ],
    )
    .await;

    // A new user with a password; sign-ins, a wrong password, a password change.
    let first_password = d.keep("Keeper-first-pass-1!");
    let user = d
        .call(
            post.clone(),
            "/api/v2/users",
            &acme,
            Some(json!({
            "name": "Kim Keeper", "email": "kim@acme.example", "password": first_password})),
        )
        .await;
    let user_id = user["id"].as_str().expect("user id").to_owned();
    d.granted(
        Some(ACME_CLIENT),
        &[
            ("grant_type", "password"),
            ("username", "kim@acme.example"),
            ("password", &first_password),
        ],
    )
    .await;
    let (status, _) = d
        .token(
            Some(ACME_CLIENT),
            &[
                ("grant_type", "password"),
                ("username", "kim@acme.example"),
                ("password", "Wrong-guess-77!"),
            ],
        )
        .await;
    assert_eq!(status, 400);
    let second_password = d.keep("Keeper-second-pass-2!");
    d.call(
        post.clone(),
        &format!("/api/v2/users/{user_id}/password"),
        &acme,
        Some(json!({"newPassword": second_password})),
    )
    .await;
    d.granted(
        Some(ACME_CLIENT),
        &[
            ("grant_type", "password"),
            ("username", "kim@acme.example"),
            ("password", &second_password),
        ],
    )
    .await;

    // Pairing and trust, then a trustee signs in to the trustor both ways.
    let pairing = d
        .call(
            post.clone(),
            "/api/v2/orgauthorization/pairings",
            &partner,
            Some(json!({"userIds": [PAT], "groupIds": [SUPPORT_GROUP]})),
        )
        .await;
    let pairing_id = pairing["id"].as_str().expect("pairing id").to_owned();
    d.call(
        post.clone(),
        "/api/v2/orgauthorization/trustees",
        &acme,
        Some(json!({
        "pairingId": pairing_id, "enabled": true,
        "users": [{"id": PAT, "roleIds": [USER_VIEWER]}]})),
    )
    .await;
    d.call(
        get.clone(),
        "/api/v2/orgauthorization/trustors",
        &partner,
        None,
    )
    .await;
    d.call(
        put.clone(),
        &format!("/api/v2/orgauthorization/trustees/{PARTNER}"),
        &acme,
        Some(json!({"enabled": true})),
    )
    .await;
    let pat = d
        .granted(
            Some(PARTNER_CLIENT),
            &[
                ("grant_type", "password"),
                ("username", "pat@partner.example"),
                ("password", "Partner-pat-1!"),
            ],
        )
        .await;
    let in_acme = d
        .granted(
            Some(PARTNER_CLIENT),
            &[
                ("grant_type", "password"),
                ("username", "pat@partner.example"),
                ("password", "Partner-pat-1!"),
                ("target", ACME),
            ],
        )
        .await;
    d.call(get.clone(), "/api/v2/users", &in_acme, None).await;
    let exchanged = d
        .granted(
            None,
            &[
                ("grant_type", EXCHANGE),
                ("subject_token", &pat),
                ("target", ACME),
            ],
        )
        .await;
    d.call(get.clone(), "/api/v2/tokens/me", &exchanged, None)
        .await;

    // Refusals: a wrong client secret, a forged token, a revoked token.
    let (status, _) = d
        .token(
            Some((&client_id, "not-the-secret-xyz")),
            &[("grant_type", "client_credentials")],
        )
        .await;
    assert_eq!(status, 401);
    let forged = d.keep("forged-token-0123456789abcdef");
    let reply = d
        .http
        .get(format!("{}/api/v2/organizations/me", d.base))
        .bearer_auth(&forged)
        .send()
        .await
        .expect("forged");
    assert_eq!(reply.status(), 401);
    d.call(reqwest::Method::DELETE, "/api/v2/tokens/me", &keeper, None)
        .await;
    let reply = d
        .http
        .get(format!("{}/api/v2/organizations/me", d.base))
        .bearer_auth(&keeper)
        .send()
        .await
        .expect("revoked");
    assert_eq!(reply.status(), 401);

    served.kill();
    let logged = std::fs::read_to_string(&log).expect("log");
    assert!(
        logged.contains("DEBUG"),
        "the server did not log at debug level: nothing was tested"
    );
    let banner = std::fs::read_to_string(log.with_extension("stdout")).unwrap_or_default();
    d.secrets.sort();
    d.secrets.dedup();
    let demo_secrets = ["acme-admin-secret", "partner-admin-secret"];
    for secret in &d.secrets {
        assert!(
            !logged.contains(secret.as_str()),
            "the log holds a secret: {secret}"
        );
        if !demo_secrets.contains(&secret.as_str()) {
            assert!(
                !banner.contains(secret.as_str()),
                "stdout holds a secret: {secret}"
            );
        }
    }
    // At rest: the database (and its write-ahead log) holds none of them in plaintext, and
    // every stored password and client secret is an argon2id hash.
    let (_, db_file) = sqlite_in(dir.path());
    let mut stored = std::fs::read(&db_file).expect("database file");
    stored.extend(std::fs::read(db_file.with_extension("db-wal")).unwrap_or_default());
    for secret in &d.secrets {
        let needle = secret.as_bytes();
        assert!(
            !stored.windows(needle.len()).any(|w| w == needle),
            "the database holds a secret in plaintext: {secret}"
        );
    }
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(&db_file),
    )
    .await
    .expect("open the database");
    let hashes: Vec<(String, String)> = sqlx::query_as(
        "SELECT 'user ' || email, password_hash FROM users WHERE password_hash IS NOT NULL
         UNION ALL SELECT 'client ' || id, secret_hash FROM oauth_clients",
    )
    .fetch_all(&pool)
    .await
    .expect("hashes");
    assert!(
        hashes.len() >= 10,
        "too few credentials stored: {}",
        hashes.len()
    );
    for (who, hash) in &hashes {
        assert!(
            hash.starts_with("$argon2id$"),
            "{who} is not stored as an argon2id hash"
        );
    }
    pool.close().await;

    eprintln!(
        "secrets: {} stored credentials all argon2id; {} distinct secrets, passwords and tokens searched in {} log lines and the database file: 0 hits",
        hashes.len(),
        d.secrets.len(),
        logged.lines().count()
    );
}
