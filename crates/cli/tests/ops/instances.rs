//! Two `orgtrust serve` processes on one PostgreSQL database: a token issued by A is accepted by
//! B, and every kind of revocation made through A is in force on B at B's very next request (no
//! sleep, no waiting for the notification): logging out, a role taken from a user, the trust
//! disabled, the trustee user removed from the trust, the OAuth client deleted. Each trial first
//! shows B allowing, revokes through A, retries on B at once (must be refused), then restores.

use reqwest::Method;
use serde_json::json;

use crate::support::{demo, fresh_pg_database, Api, Instance};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Logout,
    RoleRemoved,
    TrustDisabled,
    TrusteeUserRemoved,
    ClientDeleted,
}

const KINDS: [Kind; 5] = [
    Kind::Logout,
    Kind::RoleRemoved,
    Kind::TrustDisabled,
    Kind::TrusteeUserRemoved,
    Kind::ClientDeleted,
];

const OA: &str = "/api/v2/orgauthorization";

fn emil_probe() -> String {
    format!("/api/v2/users/{}", demo::ACME_EMIL)
}

async fn emil_token(a: &Api) -> String {
    a.token(
        demo::ACME_CLIENT,
        &[
            ("grant_type", "password"),
            ("username", "emil@acme.example"),
            ("password", "Acme-emea-1!"),
        ],
    )
    .await
}

/// Pat acting in Acme through the trust (password grant with `target`).
async fn pat_in_acme(a: &Api) -> String {
    a.token(
        demo::PARTNER_CLIENT,
        &[
            ("grant_type", "password"),
            ("username", "pat@partner.example"),
            ("password", "Partner-pat-1!"),
            ("target", demo::ACME),
        ],
    )
    .await
}

#[tokio::test]
async fn revocations_through_one_instance_are_in_force_on_the_other_at_the_next_request() {
    let Some(db) = fresh_pg_database("the two-instance revocation test").await else {
        return;
    };
    let one = Instance::start(&db, &[]);
    let two = Instance::start(&db, &["--no-demo"]);
    let (a, b) = (Api::new(&one.base), Api::new(&two.base));
    let trials: usize = std::env::var("ORGTRUST_INSTANCE_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);

    // Setup through A: Acme trusts Partner Co, Pat holds User Viewer everywhere.
    let mut acme = a
        .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
        .await;
    let partner = a
        .token(
            demo::PARTNER_CLIENT,
            &[("grant_type", "client_credentials")],
        )
        .await;
    let pairing = a
        .call(
            Method::POST,
            &format!("{OA}/pairings"),
            &partner,
            Some(
                json!({"userIds": [demo::PARTNER_PAT], "groupIds": [demo::PARTNER_SUPPORT_GROUP]}),
            ),
        )
        .await;
    assert_eq!(pairing.status, 200, "{}", pairing.text);
    let trust = a
        .call(
            Method::POST,
            &format!("{OA}/trustees"),
            &acme,
            Some(json!({
                "pairingId": pairing.body["id"],
                "enabled": true,
                "users": [{"id": demo::PARTNER_PAT, "roleIds": [demo::ACME_USER_VIEWER_ROLE]}]
            })),
        )
        .await;
    assert_eq!(trust.status, 200, "{}", trust.text);
    let mut emil = emil_token(&a).await;
    let mut pat = pat_in_acme(&a).await;
    let trustee = format!("{OA}/trustees/{}", demo::PARTNER);
    let emil_grant =
        json!({"grants": [{"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": demo::ACME_EMEA}]});

    let mut stale = Vec::new();
    for trial in 0..trials {
        let kind = KINDS[trial % KINDS.len()];
        // A client-credentials token may make 300 requests a minute: the administrator's token
        // is renewed every 20 trials so that a fast machine never meets that limit.
        if trial > 0 && trial % 20 == 0 {
            acme = a
                .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
                .await;
        }
        // The token B is asked with, the probe, and the revocation made through A.
        let (token, probe) = match kind {
            Kind::Logout => (
                a.token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
                    .await,
                "/api/v2/organizations/me".to_owned(),
            ),
            Kind::RoleRemoved => (emil.clone(), emil_probe()),
            Kind::TrustDisabled | Kind::TrusteeUserRemoved => (pat.clone(), emil_probe()),
            Kind::ClientDeleted => {
                let created = a
                    .call(
                        Method::POST,
                        "/api/v2/oauth/clients",
                        &acme,
                        Some(json!({"name": format!("Trial {trial}"),
                            "authorizedGrantType": "CLIENT-CREDENTIALS",
                            "roleDivisions": [{"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": "*"}]})),
                    )
                    .await;
                assert_eq!(created.status, 200, "{}", created.text);
                let id = created.body["id"].as_str().expect("id").to_owned();
                let secret = created.body["secret"].as_str().expect("secret").to_owned();
                (
                    a.token((&id, &secret), &[("grant_type", "client_credentials")])
                        .await,
                    format!("/api/v2/oauth/clients/{id}"),
                )
            }
        };
        let probe_on_b = match kind {
            // The deleted client's own token reads the directory.
            Kind::ClientDeleted => "/api/v2/users".to_owned(),
            _ => probe.clone(),
        };
        let before = b.call(Method::GET, &probe_on_b, &token, None).await;
        assert_eq!(
            before.status, 200,
            "trial {trial} ({kind:?}): B refused a token issued by A before revoking: {}",
            before.text
        );

        let revoked = match kind {
            Kind::Logout => {
                a.call(Method::DELETE, "/api/v2/tokens/me", &token, None)
                    .await
            }
            Kind::RoleRemoved => {
                a.call(
                    Method::POST,
                    &format!(
                        "/api/v2/authorization/subjects/{}/bulkremove",
                        demo::ACME_EMIL
                    ),
                    &acme,
                    Some(emil_grant.clone()),
                )
                .await
            }
            Kind::TrustDisabled => {
                a.call(
                    Method::PUT,
                    &trustee,
                    &acme,
                    Some(json!({"enabled": false})),
                )
                .await
            }
            Kind::TrusteeUserRemoved => {
                a.call(
                    Method::DELETE,
                    &format!("{trustee}/users/{}", demo::PARTNER_PAT),
                    &acme,
                    None,
                )
                .await
            }
            Kind::ClientDeleted => a.call(Method::DELETE, &probe, &acme, None).await,
        };
        assert!(
            (200..300).contains(&revoked.status),
            "trial {trial} ({kind:?}): revocation through A failed: {}",
            revoked.text
        );

        // At once, no sleep: B's very next request.
        let after = b.call(Method::GET, &probe_on_b, &token, None).await;
        if (200..300).contains(&after.status) {
            stale.push(format!("trial {trial} ({kind:?}): {}", after.text));
        } else {
            let expected: &[u16] = match kind {
                Kind::RoleRemoved => &[403, 404],
                _ => &[401],
            };
            assert!(
                expected.contains(&after.status),
                "trial {trial} ({kind:?}): unexpected refusal {} {}",
                after.status,
                after.text
            );
        }

        // Restore for the next trial of this kind.
        match kind {
            Kind::RoleRemoved => {
                let r = a
                    .call(
                        Method::POST,
                        &format!("/api/v2/authorization/subjects/{}/bulkadd", demo::ACME_EMIL),
                        &acme,
                        Some(emil_grant.clone()),
                    )
                    .await;
                assert!((200..300).contains(&r.status), "{}", r.text);
                emil = emil_token(&a).await;
            }
            Kind::TrustDisabled => {
                let r = a
                    .call(Method::PUT, &trustee, &acme, Some(json!({"enabled": true})))
                    .await;
                assert_eq!(r.status, 200, "{}", r.text);
                // Enabling again does not revive the revoked token: Pat signs in again.
                let old = b.call(Method::GET, &probe_on_b, &token, None).await;
                assert_eq!(old.status, 401, "trial {trial}: {}", old.text);
                pat = pat_in_acme(&a).await;
            }
            Kind::TrusteeUserRemoved => {
                let r = a
                    .call(
                        Method::POST,
                        &format!("{trustee}/users"),
                        &acme,
                        Some(json!({"id": demo::PARTNER_PAT, "roleIds": [demo::ACME_USER_VIEWER_ROLE]})),
                    )
                    .await;
                assert_eq!(r.status, 200, "{}", r.text);
                pat = pat_in_acme(&a).await;
            }
            Kind::Logout | Kind::ClientDeleted => {}
        }
    }
    assert!(
        stale.is_empty(),
        "{} stale allows on B in {trials} trials:\n{}",
        stale.len(),
        stale.join("\n")
    );
    eprintln!("{trials} revoke-then-retry trials across two instances: zero stale allows");
}

/// The newest PostgreSQL client tools' directory (`/usr/lib/postgresql/<v>/bin`).
fn pg_bin() -> Option<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("pg_dump").exists())
        .collect();
    dirs.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    dirs.pop()
}

#[tokio::test]
async fn pg_dump_and_pg_restore_into_a_new_database_serve_the_data() {
    let Some(db) = fresh_pg_database("the pg_dump/pg_restore test").await else {
        return;
    };
    let Some(bin) = pg_bin() else {
        panic!("ORGTRUST_TEST_PG_URL is set but pg_dump is not installed");
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let dump = dir.path().join("orgtrust.dump");
    {
        let server = Instance::start(&db, &[]);
        let a = Api::new(&server.base);
        let admin = a
            .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
            .await;
        let r = a
            .call(
                Method::POST,
                "/api/v2/groups",
                &admin,
                Some(json!({"name": "Dumped", "type": "official", "visibility": "public", "rulesVisible": true})),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        // pg_dump takes one consistent snapshot, so the server may go on running meanwhile.
        let out = std::process::Command::new(bin.join("pg_dump"))
            .args(["--format=custom", "--file"])
            .arg(&dump)
            .arg(format!("--dbname={db}"))
            .output()
            .expect("pg_dump");
        assert!(
            out.status.success(),
            "pg_dump: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let restored = fresh_pg_database("the pg_restore target")
        .await
        .expect("url");
    let out = std::process::Command::new(bin.join("pg_restore"))
        .args(["--no-owner", "--exit-on-error"])
        .arg(format!("--dbname={restored}"))
        .arg(&dump)
        .output()
        .expect("pg_restore");
    assert!(
        out.status.success(),
        "pg_restore: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let server = Instance::start(&restored, &["--no-demo"]);
    let b = Api::new(&server.base);
    assert_eq!(b.get_plain("/readyz").await.status, 200);
    let admin = b
        .token(demo::ACME_CLIENT, &[("grant_type", "client_credentials")])
        .await;
    let groups = b
        .call(Method::GET, "/api/v2/groups?pageSize=100", &admin, None)
        .await;
    assert_eq!(groups.status, 200, "{}", groups.text);
    assert!(
        groups.body["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .any(|g| g["name"] == "Dumped"),
        "{}",
        groups.text
    );
}
