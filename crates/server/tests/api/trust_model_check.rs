//! End to end randomized check of cross-organization decisions: random trust grants (roles and
//! divisions) to a direct member (Pat) and to a trusted group, random group membership in the
//! trustee (Sam), random trust state, all written through the API into SQLite; then requests
//! with existing trustor tokens whose status and code are compared with a reference evaluator
//! written here. (The 10,000-case model check over the indexes is
//! `crates/core/tests/trust_model_check.rs`; this one proves the store and HTTP path agree.)

use orgtrust_api::codes;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::helpers::{demo, TestApp};
use crate::orgauthorization_support::{acme_trusts_partner, pat, sam, OA};
use crate::trust_sign_in::exchange;

const CASES: usize = 300;
pub const TRUST_AUDITOR: &str = "a0000000-0000-4000-8000-000000000023";

/// A request and the permission it needs: (path, permission, division of the entity if any);
/// also the requests the access report is checked against (`access_review.rs`).
pub const REQUESTS: &[(&str, &str, Option<&str>)] = &[
    (
        "/api/v2/users/a0000000-0000-4000-8000-000000000031",
        "directory:user:view",
        Some(demo::ACME_HOME),
    ),
    (
        "/api/v2/users/a0000000-0000-4000-8000-000000000032",
        "directory:user:view",
        Some(demo::ACME_EMEA),
    ),
    (
        "/api/v2/authorization/roles",
        "authorization:role:view",
        None,
    ),
    (
        "/api/v2/orgauthorization/trustees",
        "authorization:orgTrustee:view",
        None,
    ),
    ("/api/v2/groups", "directory:group:view", None),
];

/// What each role grants (the demo's Acme roles and the Role Reader made here).
fn role_grants(role: &str, reader: &str, permission: &str) -> bool {
    match role {
        demo::ACME_ADMIN_ROLE => !permission.starts_with("internal:"),
        demo::ACME_USER_VIEWER_ROLE => {
            permission == "directory:user:view" || permission == "directory:group:view"
        }
        TRUST_AUDITOR => [
            "authorization:orgTrustee:view",
            "authorization:orgTrusteeUser:view",
            "authorization:orgTrusteeGroup:view",
            "authorization:audit:view",
        ]
        .contains(&permission),
        r if r == reader => permission == "authorization:role:view",
        _ => false,
    }
}

pub type Grants = Vec<(String, String)>;

pub fn random_grants(rng: &mut StdRng, roles: &[String]) -> Grants {
    let divisions = [demo::ACME_HOME, demo::ACME_EMEA, "*"];
    let mut grants: Grants = (0..rng.gen_range(0..=2))
        .map(|_| {
            (
                roles.choose(rng).expect("role").clone(),
                (*divisions.choose(rng).expect("division")).to_owned(),
            )
        })
        .collect();
    grants.sort();
    grants.dedup();
    grants
}

fn expected(
    enabled: bool,
    included: bool,
    grants: &Grants,
    reader: &str,
    (_, permission, division): (&str, &str, Option<&str>),
) -> (u16, &'static str) {
    if !enabled || !included {
        return (401, codes::CREDENTIALS_EXPIRED);
    }
    let holds = |want: Option<&str>| {
        grants.iter().any(|(role, d)| {
            role_grants(role, reader, permission)
                && (d == "*" || want.is_none_or(|w| w == d.as_str()))
        })
    };
    if holds(division) {
        (200, "")
    } else if holds(None) {
        (403, codes::MISSING_DIVISION_PERMISSION)
    } else {
        (403, codes::MISSING_ANY_PERMISSIONS)
    }
}

pub fn body_grants(grants: &Grants) -> Value {
    json!({"grants": grants.iter().map(|(r, d)| json!({"roleId": r, "divisionId": d})).collect::<Vec<_>>()})
}

#[tokio::test]
async fn random_trust_states_over_http_match_the_reference() {
    let seed: u64 = std::env::var("ORGTRUST_HTTP_MODEL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let t = TestApp::spawn().await;
    let a = acme_trusts_partner(&t).await;
    let reader = t
        .post(
            "/api/v2/authorization/roles",
            &a.acme,
            json!({"name": "Role Reader", "permissions": ["authorization:role:view"]}),
        )
        .await
        .expect(200)
        .body["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let roles = vec![
        demo::ACME_ADMIN_ROLE.to_owned(),
        demo::ACME_USER_VIEWER_ROLE.to_owned(),
        TRUST_AUDITOR.to_owned(),
        reader.clone(),
    ];
    let token_of = |reply: crate::helpers::Reply| {
        reply.expect(200).body["access_token"]
            .as_str()
            .expect("token")
            .to_owned()
    };
    let pat_home = pat(&t).await;
    let sam_home = sam(&t).await;
    let mut pat_token = token_of(exchange(&t, &pat_home, &[("target", demo::ACME)]).await);
    let mut sam_token = token_of(exchange(&t, &sam_home, &[("target", demo::ACME)]).await);
    // A write that restores access (the trust enabled again, Sam back in the group) leaves the
    // tokens refused meanwhile revoked: the user signs in again (revocation.rs).
    let mut was_enabled = true;
    let (mut pat_stale, mut sam_stale) = (false, false);
    let trustee = format!("{OA}/trustees/{}", demo::PARTNER);
    let group = format!("/api/v2/groups/{}", demo::PARTNER_SUPPORT_GROUP);
    let mut sam_in_group = true;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut checked = 0;
    let mut revoked_cases = 0;
    let mut outcomes: std::collections::BTreeMap<(u16, &str), usize> = Default::default();
    for case in 0..CASES {
        if case % 10 == 0 {
            // A new rate-limit window.
            t.clock.advance(chrono::Duration::seconds(61));
        }
        let pat_grants = random_grants(&mut rng, &roles);
        let group_grants = random_grants(&mut rng, &roles);
        let enabled = rng.gen_bool(0.8);
        let want_sam_in_group = rng.gen_bool(0.75);
        for (path, grants) in [
            (
                format!("{trustee}/users/{}", demo::PARTNER_PAT),
                &pat_grants,
            ),
            (
                format!("{trustee}/groups/{}", demo::PARTNER_SUPPORT_GROUP),
                &group_grants,
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
                    body_grants(grants),
                )
                .await
                .expect(200);
            }
        }
        if want_sam_in_group != sam_in_group {
            if want_sam_in_group {
                sam_stale = true;
                let version = t.get(&group, &a.partner).await.expect(200).body["version"]
                    .as_i64()
                    .expect("version");
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
        t.put(&trustee, &a.acme, json!({"enabled": enabled}))
            .await
            .expect(200);
        if enabled && !was_enabled {
            pat_stale = true;
            sam_stale = true;
        }
        was_enabled = enabled;
        // A revoked token stays refused; its user signs in again once the trust admits them.
        for (stale, token, home, admitted) in [
            (&mut pat_stale, &mut pat_token, &pat_home, enabled),
            (
                &mut sam_stale,
                &mut sam_token,
                &sam_home,
                enabled && sam_in_group,
            ),
        ] {
            if *stale {
                t.get(REQUESTS[0].0, token)
                    .await
                    .expect_error(401, codes::BAD_CREDENTIALS);
                if admitted {
                    *token = token_of(exchange(&t, home, &[("target", demo::ACME)]).await);
                    *stale = false;
                }
            }
        }

        // Pat is a direct member and in no trusted group; Sam only through the group.
        let mut sam_grants = group_grants.clone();
        sam_grants.sort();
        let people = [
            ("Pat", &pat_token, true, {
                let mut g = pat_grants.clone();
                g.sort();
                g
            }),
            ("Sam", &sam_token, sam_in_group, sam_grants),
        ];
        for (who, token, included, grants) in &people {
            if (*who == "Pat" && pat_stale) || (*who == "Sam" && sam_stale) {
                // Refused as revoked (checked above) until the user can sign in again.
                revoked_cases += REQUESTS.len();
                continue;
            }
            for request in REQUESTS {
                let want = expected(enabled, *included, grants, &reader, *request);
                let got = t.get(request.0, token).await;
                let got_code = if got.status.is_success() {
                    ""
                } else {
                    got.code()
                };
                assert_eq!(
                    (got.status.as_u16(), got_code),
                    want,
                    "seed {seed}, case {case}: {who} GET {} with grants {grants:?}, trust \
                     enabled {enabled}, included {included}: {}",
                    request.0,
                    got.text
                );
                checked += 1;
                *outcomes.entry(want).or_default() += 1;
            }
        }
    }
    assert_eq!(checked + revoked_cases, CASES * 2 * REQUESTS.len());
    // Every kind of outcome is reached, often.
    assert_eq!(outcomes.len(), 4, "{outcomes:?}");
    assert!(outcomes.values().all(|n| *n >= 50), "{outcomes:?}");
    println!("seed {seed}: {checked} HTTP decisions match the reference: {outcomes:?} ({revoked_cases} more refused as revoked tokens)");
}
