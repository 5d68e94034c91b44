//! The issue's races, repeated many times on one database: each repetition makes organizations
//! of its own (a small fixture without secrets, so nothing is hashed) and races on them: 30
//! member additions against the 25-member limit, two role replacements of one member, two
//! trustors creating a trust from one pairing, one organization-member (Care) trust created
//! twice at once. Every repetition must end with exactly one winner and nothing half-written.

use std::sync::Arc;

use orgtrust_core::clock::SystemClock;
use orgtrust_core::fixture;
use orgtrust_core::ids::OrgId;
use orgtrust_core::orgauth::{MemberKind, NewTrust};
use orgtrust_core::store::Store;

use super::{at_once, constraint, create, events_about, grant, member, pairing, trust};
use crate::{event, uuid_like};

/// One repetition's organizations: four trustors with a role each, one trustee with 30 users.
struct Orgs {
    trustors: [String; 4],
    roles: [String; 4],
    trustee: String,
    users: Vec<String>,
}

async fn orgs(store: &dyn Store, rep: usize) -> Orgs {
    let trustors: [String; 4] = std::array::from_fn(|_| uuid_like());
    let roles: [String; 4] = std::array::from_fn(|_| uuid_like());
    let trustee = uuid_like();
    let users: Vec<String> = (0..30).map(|_| uuid_like()).collect();
    let mut docs: Vec<String> = trustors
        .iter()
        .zip(&roles)
        .enumerate()
        .map(|(i, (org, role))| {
            format!(
                r#"{{"id": "{org}", "name": "Trustor {rep} {i}", "thirdPartyOrgName": "t{rep}x{i}",
                    "roles": [{{"id": "{role}", "name": "Viewer", "permissions": ["directory:user:view"]}}]}}"#
            )
        })
        .collect();
    let people: Vec<String> = users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            format!(r#"{{"id": "{u}", "name": "Person {i:02}", "email": "p{i}@r{rep}.example"}}"#)
        })
        .collect();
    docs.push(format!(
        r#"{{"id": "{trustee}", "name": "Trustee {rep}", "thirdPartyOrgName": "e{rep}", "users": [{}]}}"#,
        people.join(", ")
    ));
    let doc = format!(r#"{{"organizations": [{}]}}"#, docs.join(", "));
    fixture::apply("rep", &doc, store, &SystemClock::new())
        .await
        .expect("repetition fixture applies");
    Orgs {
        trustors,
        roles,
        trustee,
        users,
    }
}

/// Runs the four races `reps` times on `store`.
pub async fn races_repeated(store: Arc<dyn Store>, reps: usize) {
    for rep in 0..reps {
        let o = orgs(&*store, rep).await;
        let e = o.trustee.clone();

        // 30 additions against the 25-member limit.
        let (t, role) = (o.trustors[0].clone(), o.roles[0].clone());
        create(
            &*store,
            NewTrust {
                trust: trust(&t, &e, None),
                members: vec![],
            },
        )
        .await
        .expect("create");
        let users = Arc::new(o.users.clone());
        let results = at_once(&store, 30, {
            let (t, e, role, users) = (t.clone(), e.clone(), role.clone(), users.clone());
            move |s, i| {
                let m = member(&t, &e, MemberKind::User, &users[i], &[grant(&role, None)]);
                let ev = event(&t, "add", &users[i]);
                async move { s.put_trust_member(&m, false, 25, &ev).await }
            }
        })
        .await;
        let added = results.iter().filter(|r| matches!(r, Ok(true))).count();
        let refused = results
            .iter()
            .filter(|r| constraint(r) == Some("trust_members.limit"))
            .count();
        assert_eq!((added, refused), (25, 5), "rep {rep}: {results:?}");
        let members = store
            .all_trust_members(&OrgId::new(&t), &OrgId::new(&e))
            .await
            .expect("members");
        assert_eq!(members.len(), 25, "rep {rep}");

        // Two role replacements of one member at once: it exists once, with one of the two.
        let (t, role) = (o.trustors[1].clone(), o.roles[1].clone());
        create(
            &*store,
            NewTrust {
                trust: trust(&t, &e, None),
                members: vec![],
            },
        )
        .await
        .expect("create");
        let results = at_once(&store, 2, {
            let (t, e, role, user) = (t.clone(), e.clone(), role.clone(), o.users[0].clone());
            move |s, _| {
                let m = member(&t, &e, MemberKind::User, &user, &[grant(&role, None)]);
                let ev = event(&t, "rolesUpdated", &user);
                async move { s.put_trust_member(&m, true, 25, &ev).await }
            }
        })
        .await;
        assert!(results.iter().all(Result::is_ok), "rep {rep}: {results:?}");
        assert_eq!(
            results.iter().filter(|r| matches!(r, Ok(true))).count(),
            1,
            "rep {rep}: {results:?}"
        );
        let members = store
            .all_trust_members(&OrgId::new(&t), &OrgId::new(&e))
            .await
            .expect("members");
        assert_eq!(members.len(), 1, "rep {rep}");
        assert_eq!(members[0].grants, vec![grant(&role, None)], "rep {rep}");

        // Two trustors, one pairing: one trust.
        let p = pairing(&e, &[o.users[0].as_str()], &[]);
        store
            .insert_pairing(&p, &event(&e, "create", p.id.as_str()))
            .await
            .expect("pairing");
        let contenders = [o.trustors[2].clone(), o.trustors[3].clone()];
        let results = at_once(&store, 2, {
            let (contenders, e, id, user) = (
                contenders.clone(),
                e.clone(),
                p.id.clone(),
                o.users[0].clone(),
            );
            move |s, i| {
                let new = NewTrust {
                    trust: trust(&contenders[i], &e, Some(&id)),
                    members: vec![member(&contenders[i], &e, MemberKind::User, &user, &[])],
                };
                async move { create(&*s, new).await }
            }
        })
        .await;
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "rep {rep}: {results:?}"
        );
        assert!(
            results
                .iter()
                .any(|r| constraint(r) == Some("pairings.used")),
            "rep {rep}: {results:?}"
        );
        let mut trusts = 0;
        for c in &contenders {
            if store
                .trust(&OrgId::new(c), &OrgId::new(&e))
                .await
                .expect("read")
                .is_some()
            {
                trusts += 1;
            }
        }
        assert_eq!(trusts, 1, "rep {rep}");

        // The trustee trusts an organization as a whole (the Care shape) twice at once.
        let care = o.trustors[0].clone();
        let results = at_once(&store, 2, {
            let (e, care) = (e.clone(), care.clone());
            move |s, _| {
                let new = NewTrust {
                    trust: trust(&e, &care, None),
                    members: vec![member(&e, &care, MemberKind::Organization, &care, &[])],
                };
                async move { create(&*s, new).await }
            }
        })
        .await;
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "rep {rep}: {results:?}"
        );
        assert!(
            results
                .iter()
                .any(|r| constraint(r) == Some("trusts.primary")),
            "rep {rep}: {results:?}"
        );
        assert_eq!(
            events_about(&*store, &e, &care).await,
            ["create"],
            "rep {rep}"
        );
        let members = store
            .all_trust_members(&OrgId::new(&e), &OrgId::new(&care))
            .await
            .expect("members");
        assert_eq!(members.len(), 1, "rep {rep}");
    }
}
