//! Immediate revocation of cross-organization access: 1,000 revoke-then-retry trials through
//! the real server, the kind of revocation chosen at random each time (disabling the trust, its
//! expiry passing, removing the member or its roles, changing a role's permissions, removing the
//! user from the trusted group, removing the group from the trust, deleting the trust or the
//! user). Each trial first shows the token allowed, revokes, and retries at once: the retry must
//! be refused (401 `credentials.expired` where the trust no longer stands for the user, 403
//! where only a permission is gone). Then the grant is restored (the trust enabled again, its
//! expiry moved, the member or the group member added back, the user reactivated): the token
//! refused before stays refused (401 `bad.credentials`: a revoked credential stays revoked) and
//! the user signs in again. Zero stale allows, zero resurrections.

use std::collections::BTreeMap;

use orgtrust_api::codes;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::helpers::{demo, Reply, TestApp};
use crate::orgauthorization_support::{admins, partner_pairing, sam, OA};
use crate::trust_sign_in::{exchange, PARTNER_CLIENT};

const TRIALS: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    DisableTrust,
    ExpireTrust,
    RemoveMember,
    RemoveMemberRoles,
    ChangeRolePermissions,
    RemoveFromTrusteeGroup,
    RemoveGroupMember,
    DeleteTrust,
    DeleteUser,
    DeactivateUser,
}

const KINDS: [Kind; 10] = [
    Kind::DisableTrust,
    Kind::ExpireTrust,
    Kind::RemoveMember,
    Kind::RemoveMemberRoles,
    Kind::ChangeRolePermissions,
    Kind::RemoveFromTrusteeGroup,
    Kind::RemoveGroupMember,
    Kind::DeleteTrust,
    Kind::DeleteUser,
    Kind::DeactivateUser,
];

struct World<'a> {
    t: &'a TestApp,
    acme: String,
    partner: String,
    /// The role the trust grants ("Trial Viewer": `directory:user:view`).
    role: String,
    pat_home: String,
    sam_home: String,
    /// Pat (a direct member) and Sam (through Partner Support), acting in Acme.
    pat: String,
    sam: String,
    users_made: usize,
}

/// The request every trial retries: reading an EMEA user of Acme (`directory:user:view`).
fn probe() -> String {
    format!("/api/v2/users/{}", demo::ACME_EMIL)
}

async fn cross_token(t: &TestApp, home: &str) -> String {
    exchange(t, home, &[("target", demo::ACME)])
        .await
        .expect(200)
        .body["access_token"]
        .as_str()
        .expect("token")
        .to_owned()
}

fn trustee() -> String {
    format!("{OA}/trustees/{}", demo::PARTNER)
}

impl World<'_> {
    async fn create_trust(&mut self) {
        let pairing = partner_pairing(self.t, &self.partner).await;
        self.t
            .post(
                &format!("{OA}/trustees"),
                &self.acme,
                json!({
                    "pairingId": pairing,
                    "enabled": true,
                    "users": [{"id": demo::PARTNER_PAT, "roleIds": [self.role]}],
                    "groups": [{"id": demo::PARTNER_SUPPORT_GROUP,
                                "roleDivisions": {"grants": [{"roleId": self.role, "divisionId": demo::ACME_EMEA}]}}]
                }),
            )
            .await
            .expect(200);
        // Tokens issued under the deleted trust stay refused; sign in again.
        self.pat = cross_token(self.t, &self.pat_home).await;
        self.sam = cross_token(self.t, &self.sam_home).await;
    }

    async fn allowed(&self, token: &str, what: &str) {
        let r = self.t.get(&probe(), token).await;
        assert_eq!(
            r.status.as_u16(),
            200,
            "before revoking ({what}): {}",
            r.text
        );
    }

    /// The retry right after a revocation: refused with `status`, never allowed.
    async fn refused(&self, token: &str, status: u16, what: &str) -> Reply {
        let r = self.t.get(&probe(), token).await;
        assert!(
            !r.status.is_success(),
            "STALE ALLOW after {what}: {} {}",
            r.status,
            r.text
        );
        assert_eq!(r.status.as_u16(), status, "after {what}: {}", r.text);
        if what == "DeleteUser" {
            // Deleting a user revokes all its tokens in the same transaction (the directory's
            // rule), cross-organization ones included: a revoked token is `bad.credentials`.
            r.expect_error(401, codes::BAD_CREDENTIALS)
        } else if status == 401 {
            r.expect_error(401, codes::CREDENTIALS_EXPIRED)
        } else {
            r.expect_error(403, codes::MISSING_ANY_PERMISSIONS)
        }
    }

    /// After the grant was restored: the token refused before stays refused, as a revoked
    /// credential (never allowed again).
    async fn stays_revoked(&self, token: &str, what: &str) {
        let r = self.t.get(&probe(), token).await;
        assert!(
            !r.status.is_success(),
            "RESURRECTED after restoring {what}: {} {}",
            r.status,
            r.text
        );
        r.expect_error(401, codes::BAD_CREDENTIALS);
    }

    /// A home token after its user was made active again: still refused.
    async fn stays_revoked_home(&self, token: &str, what: &str) {
        let r = self.t.get("/api/v2/users/me", token).await;
        assert!(
            !r.status.is_success(),
            "RESURRECTED at home after restoring {what}: {}",
            r.text
        );
        r.expect_error(401, codes::BAD_CREDENTIALS);
    }

    /// Pat signs in to Acme again (the old token stays revoked).
    async fn pat_again(&mut self, what: &str) {
        let old = std::mem::take(&mut self.pat);
        self.stays_revoked(&old, what).await;
        self.pat = cross_token(self.t, &self.pat_home).await;
    }

    /// Sam signs in to Acme again (the old token stays revoked).
    async fn sam_again(&mut self, what: &str) {
        let old = std::mem::take(&mut self.sam);
        self.stays_revoked(&old, what).await;
        self.sam = cross_token(self.t, &self.sam_home).await;
    }

    fn server_now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + self.t.clock.offset()
    }

    async fn trial(&mut self, kind: Kind) {
        let t = self.t;
        let what = format!("{kind:?}");
        match kind {
            Kind::DisableTrust => {
                self.allowed(&self.pat, &what).await;
                self.allowed(&self.sam, &what).await;
                t.put(&trustee(), &self.acme, json!({"enabled": false}))
                    .await
                    .expect(200);
                self.refused(&self.pat, 401, &what).await;
                self.refused(&self.sam, 401, &what).await;
                t.put(&trustee(), &self.acme, json!({"enabled": true}))
                    .await
                    .expect(200);
                self.pat_again(&what).await;
                self.sam_again(&what).await;
            }
            Kind::ExpireTrust => {
                let at = (self.server_now() + chrono::Duration::seconds(10)).to_rfc3339();
                t.put(
                    &trustee(),
                    &self.acme,
                    json!({"enabled": true, "dateExpired": at}),
                )
                .await
                .expect(200);
                self.allowed(&self.pat, &what).await;
                self.allowed(&self.sam, &what).await;
                // No write happens when it expires: only the clock moves.
                t.clock.advance(chrono::Duration::seconds(11));
                self.refused(&self.pat, 401, &what).await;
                self.refused(&self.sam, 401, &what).await;
                t.put(&trustee(), &self.acme, json!({"enabled": true}))
                    .await
                    .expect(200);
                self.pat_again(&what).await;
                self.sam_again(&what).await;
            }
            Kind::RemoveMember => {
                self.allowed(&self.pat, &what).await;
                t.delete(
                    &format!("{}/users/{}", trustee(), demo::PARTNER_PAT),
                    &self.acme,
                )
                .await
                .expect(204);
                self.refused(&self.pat, 401, &what).await;
                self.allowed(&self.sam, "the group member is unaffected")
                    .await;
                t.post(
                    &format!("{}/users", trustee()),
                    &self.acme,
                    json!({"id": demo::PARTNER_PAT, "roleIds": [self.role]}),
                )
                .await
                .expect(200);
                self.pat_again(&what).await;
                self.allowed(&self.sam, "the group member is unaffected")
                    .await;
            }
            Kind::RemoveMemberRoles => {
                let roles = format!("{}/users/{}/roles", trustee(), demo::PARTNER_PAT);
                self.allowed(&self.pat, &what).await;
                t.delete(&roles, &self.acme).await.expect(204);
                self.refused(&self.pat, 403, &what).await;
                t.put(&roles, &self.acme, json!([self.role]))
                    .await
                    .expect(200);
            }
            Kind::ChangeRolePermissions => {
                let role = format!("/api/v2/authorization/roles/{}", self.role);
                self.allowed(&self.pat, &what).await;
                self.allowed(&self.sam, &what).await;
                t.patch(
                    &role,
                    &self.acme,
                    json!({"permissions": ["directory:group:view"]}),
                )
                .await
                .expect(200);
                self.refused(&self.pat, 403, &what).await;
                self.refused(&self.sam, 403, &what).await;
                t.patch(
                    &role,
                    &self.acme,
                    json!({"permissions": ["directory:user:view"]}),
                )
                .await
                .expect(200);
            }
            Kind::RemoveFromTrusteeGroup => {
                let group = format!("/api/v2/groups/{}", demo::PARTNER_SUPPORT_GROUP);
                self.allowed(&self.sam, &what).await;
                t.delete(
                    &format!("{group}/members?ids={}", demo::PARTNER_SAM),
                    &self.partner,
                )
                .await
                .expect(202);
                self.refused(&self.sam, 401, &what).await;
                let version = t.get(&group, &self.partner).await.expect(200).body["version"]
                    .as_i64()
                    .expect("version");
                t.post(
                    &format!("{group}/members"),
                    &self.partner,
                    json!({"memberIds": [demo::PARTNER_SAM], "version": version}),
                )
                .await
                .expect(202);
                self.sam_again(&what).await;
            }
            Kind::RemoveGroupMember => {
                self.allowed(&self.sam, &what).await;
                t.delete(
                    &format!("{}/groups/{}", trustee(), demo::PARTNER_SUPPORT_GROUP),
                    &self.acme,
                )
                .await
                .expect(204);
                self.refused(&self.sam, 401, &what).await;
                t.post(
                    &format!("{}/groups", trustee()),
                    &self.acme,
                    json!({"id": demo::PARTNER_SUPPORT_GROUP,
                           "roleDivisions": {"grants": [{"roleId": self.role, "divisionId": demo::ACME_EMEA}]}}),
                )
                .await
                .expect(200);
                self.sam_again(&what).await;
                self.allowed(&self.pat, "the direct member is unaffected")
                    .await;
            }
            Kind::DeactivateUser => {
                let user = format!("/api/v2/users/{}", demo::PARTNER_PAT);
                let set_state = |state: &'static str| {
                    let (t, partner, user) = (t, self.partner.clone(), user.clone());
                    async move {
                        let version = t.get(&user, &partner).await.expect(200).body["version"]
                            .as_i64()
                            .expect("version");
                        t.patch(&user, &partner, json!({"state": state, "version": version}))
                            .await
                            .expect(200);
                    }
                };
                self.allowed(&self.pat, &what).await;
                set_state("inactive").await;
                self.refused(&self.pat, 401, &what).await;
                set_state("active").await;
                // Both of Pat's tokens stay revoked: at home and in Acme. Pat signs in again.
                let old_home = self.pat_home.clone();
                self.stays_revoked_home(&old_home, &what).await;
                self.pat_home = crate::orgauthorization_support::pat(t).await;
                self.pat_again(&what).await;
            }
            Kind::DeleteTrust => {
                self.allowed(&self.pat, &what).await;
                self.allowed(&self.sam, &what).await;
                t.delete(&trustee(), &self.acme).await.expect(204);
                self.refused(&self.pat, 401, &what).await;
                self.refused(&self.sam, 401, &what).await;
                let (old_pat, old_sam) = (self.pat.clone(), self.sam.clone());
                self.create_trust().await;
                // A new trust does not revive tokens issued under the deleted one.
                self.stays_revoked(&old_pat, "the trust made again").await;
                self.stays_revoked(&old_sam, "the trust made again").await;
            }
            Kind::DeleteUser => {
                self.users_made += 1;
                let n = self.users_made;
                let email = format!("trial{n}@partner.example");
                let password = "Partner-trial-1!";
                let user = t
                    .post(
                        "/api/v2/users",
                        &self.partner,
                        json!({"name": format!("Trial {n}"), "email": email, "password": password}),
                    )
                    .await
                    .expect(200)
                    .body["id"]
                    .as_str()
                    .expect("id")
                    .to_owned();
                t.post(
                    &format!("{}/users", trustee()),
                    &self.acme,
                    json!({"id": user, "roleIds": [self.role]}),
                )
                .await
                .expect(200);
                let home = t.password_token(PARTNER_CLIENT, &email, password).await;
                let token = cross_token(t, &home).await;
                self.allowed(&token, &what).await;
                t.delete(&format!("/api/v2/users/{user}"), &self.partner)
                    .await
                    .expect(200);
                self.refused(&token, 401, &what).await;
            }
        }
    }
}

#[tokio::test]
async fn a_thousand_revocations_leave_no_stale_allow() {
    let seed: u64 = std::env::var("ORGTRUST_REVOCATION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let t = TestApp::spawn().await;
    let a = admins(&t).await;
    let role = t
        .post(
            "/api/v2/authorization/roles",
            &a.acme,
            json!({"name": "Trial Viewer", "permissions": ["directory:user:view"]}),
        )
        .await
        .expect(200)
        .body["id"]
        .as_str()
        .expect("role id")
        .to_owned();
    let pat_home = crate::orgauthorization_support::pat(&t).await;
    let sam_home = sam(&t).await;
    let mut world = World {
        t: &t,
        acme: a.acme.clone(),
        partner: a.partner.clone(),
        role,
        pat_home,
        sam_home,
        pat: String::new(),
        sam: String::new(),
        users_made: 0,
    };
    world.create_trust().await;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut done: BTreeMap<Kind, usize> = BTreeMap::new();
    for trial in 0..TRIALS {
        if trial % 20 == 0 {
            // A new rate-limit window (300 requests per minute per user and client).
            t.clock.advance(chrono::Duration::seconds(61));
        }
        let kind = KINDS[rng.gen_range(0..KINDS.len())];
        eprintln!("trial {trial} (seed {seed}): {kind:?}");
        world.trial(kind).await;
        *done.entry(kind).or_default() += 1;
    }
    assert_eq!(done.values().sum::<usize>(), TRIALS);
    assert_eq!(done.len(), KINDS.len(), "every kind was tried: {done:?}");
    println!("seed {seed}: {TRIALS} revoke-then-retry trials, zero stale allows: {done:?}");
}
