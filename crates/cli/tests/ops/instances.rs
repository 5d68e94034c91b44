//! Three `orgtrust serve` processes on one PostgreSQL database: a token issued by A is accepted by
//! B and C, and every kind of revocation made through A is in force on the other two at their very
//! next request (no sleep, no waiting for the notification): logging out, a role taken from a user,
//! the trust disabled, the trustee user removed from the trust, the OAuth client deleted. Each
//! trial first shows the retried instance (B or C in turn) allowing, revokes through A, retries
//! there at once (must be refused, never allowed), then restores. Some trials pause the retried
//! instance (SIGSTOP) across the revocation and resume it (SIGCONT) before the retry; others cut
//! its database connections (a relay between it and PostgreSQL, `DbLink`) across the revocation:
//! then the retry may be refused as unavailable (503), and after the link is back the refusal must
//! be the revocation's.

use reqwest::Method;
use serde_json::json;

use crate::support::{demo, fresh_pg_database, Api, DbLink, Instance};

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

/// What happens to the retried instance between the allowed request and the revocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trouble {
    None,
    /// SIGSTOP before the revocation, SIGCONT after it answered.
    Paused,
    /// Its database connections cut before the revocation, restored after the retry.
    Cut,
}

fn trouble(trial: usize) -> Trouble {
    match trial % 25 {
        5 | 18 => Trouble::Paused,
        11 => Trouble::Cut,
        _ => Trouble::None,
    }
}

// Three processes and the relays' tasks: the relays must run while the test thread waits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revocations_through_one_instance_are_in_force_on_the_others_at_the_next_request() {
    let Some(db) = fresh_pg_database("the three-instance revocation test").await else {
        return;
    };
    // The token endpoint's own limits are not under test: a fast machine would meet them.
    let unlimited = [
        "--token-rate-per-client",
        "0",
        "--token-rate-per-address",
        "0",
    ];
    let one = Instance::start(&db, &unlimited);
    let links = [DbLink::start(&db).await, DbLink::start(&db).await];
    let rest = [&unlimited[..], &["--no-demo"]].concat();
    let others = [
        Instance::start(&links[0].url, &rest),
        Instance::start(&links[1].url, &rest),
    ];
    let a = Api::new(&one.base);
    let apis = [Api::new(&others[0].base), Api::new(&others[1].base)];
    let trials: usize = std::env::var("ORGTRUST_INSTANCE_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);

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
    let mut unavailable = 0;
    for trial in 0..trials {
        let kind = KINDS[trial % KINDS.len()];
        // The retried instance: B and C in turn (every kind meets both: 5 kinds, 2 instances).
        let (b, instance, link) = (&apis[trial % 2], &others[trial % 2], &links[trial % 2]);
        let trouble = trouble(trial);
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
        match trouble {
            Trouble::Paused => instance.signal("STOP"),
            Trouble::Cut => link.cut(),
            Trouble::None => {}
        }

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

        if trouble == Trouble::Paused {
            instance.signal("CONT");
        }

        // At once, no sleep: B's very next request.
        let mut after = b.call(Method::GET, &probe_on_b, &token, None).await;
        if trouble == Trouble::Cut {
            // Without its database the instance may refuse as unavailable, never allow; once the
            // link is back it answers as the others do.
            if after.status == 503 {
                unavailable += 1;
            } else if (200..300).contains(&after.status) {
                stale.push(format!("trial {trial} ({kind:?}, cut): {}", after.text));
            }
            link.restore();
            let started = std::time::Instant::now();
            loop {
                after = b.call(Method::GET, &probe_on_b, &token, None).await;
                if after.status != 503 {
                    break;
                }
                assert!(
                    started.elapsed() < std::time::Duration::from_secs(60),
                    "trial {trial}: the instance did not recover its database: {}",
                    after.text
                );
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        }
        if (200..300).contains(&after.status) {
            stale.push(format!(
                "trial {trial} ({kind:?}, {trouble:?}): {}",
                after.text
            ));
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
        "{} stale allows in {trials} trials:\n{}",
        stale.len(),
        stale.join("\n")
    );
    let paused = (0..trials)
        .filter(|t| trouble(*t) == Trouble::Paused)
        .count();
    let cut = (0..trials).filter(|t| trouble(*t) == Trouble::Cut).count();
    eprintln!(
        "{trials} revoke-then-retry trials across three instances ({paused} paused across the \
         revocation, {cut} with the database cut, {unavailable} of those answered 503): zero stale \
         allows"
    );
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
