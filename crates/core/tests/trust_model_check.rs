//! Randomized model check of cross-organization authorization: random trustor roles, trusts
//! (state, expiry), members and their grants, trustee users, groups and memberships, clones and
//! requests. The server's decision (`cross_org_permissions` over `OrgIndex`es built from
//! snapshots, then `check` / `check_in`) is compared with a reference evaluator written here from
//! the rules, independently of the index: zero mismatches over at least 10,000 cases.
//!
//! The seed is fixed (override with `ORGTRUST_MODEL_SEED`) and printed with any mismatch.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use orgtrust_core::authz::cross_org_permissions;
use orgtrust_core::authz::OrgIndex;
use orgtrust_core::ids::{DivisionId, GroupId, OrgId, RoleId, UserId};
use orgtrust_core::model::{Grant, OrgState, Subject, UserState};
use orgtrust_core::orgauth::MemberKind;
use orgtrust_core::permission::{Denial, DivisionGrant, Requirement};
use orgtrust_core::store::{AuthzSnapshot, TrustSnapshot};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const CASES: usize = 10_000;
const REQUESTS_PER_CASE: usize = 8;

/// Permissions requests ask about.
const PERMISSIONS: &[&str] = &[
    "directory:user:view",
    "directory:user:edit",
    "directory:user:add",
    "directory:group:view",
    "authorization:role:view",
    "authorization:orgTrustee:view",
    "internal:organization:add",
];
/// Patterns roles may hold.
const PATTERNS: &[&str] = &[
    "directory:user:view",
    "directory:user:edit",
    "directory:group:view",
    "authorization:role:view",
    "internal:organization:add",
    "*",
    "*:*:*",
    "directory:*:view",
    "directory:user:*",
    "*:role:*",
    "internal:*:*",
];
/// A requirement an operation may name (static slices, as the operation table has them).
const REQUIREMENTS: &[Requirement] = &[
    Requirement::Any(&["directory:user:view", "directory:group:view"]),
    Requirement::All(&["directory:user:view", "directory:group:view"]),
    Requirement::Any(&["authorization:role:view", "internal:organization:add"]),
    Requirement::All(&["directory:user:edit", "authorization:role:view"]),
    Requirement::Any(&["authorization:orgTrustee:view"]),
];
const DIVISIONS: &[&str] = &["div-home", "div-emea", "div-apac"];

// ---------------------------------------------------------------- the random model

#[derive(Debug, Clone)]
struct Model {
    now: DateTime<Utc>,
    /// Trustor roles: id -> patterns (a grant may name a role that no longer exists).
    roles: Vec<(String, Vec<&'static str>)>,
    trust: Option<TrustModel>,
    /// Trustee users: id -> state (`None`: deleted, absent from the snapshot).
    users: Vec<(String, Option<UserState>)>,
    /// Trustee groups that are live; memberships (group, user) in each of two versions of the
    /// trustee organization (the second is the first after a membership change).
    memberships: [Vec<(String, String)>; 2],
    /// Clones in the trustor: (clone id, original trustee user, clone user state in trustor).
    clones: Vec<(String, String, Option<UserState>)>,
    /// The clones' own trustor grants, directly and through one trustor group.
    clone_grants: Vec<(String, (String, Option<String>))>,
    clone_group_members: Vec<String>,
    clone_group_grants: Vec<(String, Option<String>)>,
}

/// A grant in the model: role id, division (`None`: all divisions).
type ModelGrant = (String, Option<String>);

#[derive(Debug, Clone)]
struct TrustModel {
    enabled: bool,
    date_expired: Option<DateTime<Utc>>,
    /// (kind, id, grants as (role, division or None for all)).
    members: Vec<(MemberKind, String, Vec<ModelGrant>)>,
}

fn random_grants(rng: &mut StdRng, roles: usize) -> Vec<(String, Option<String>)> {
    (0..rng.gen_range(0..=3))
        .map(|_| {
            // Role ids r0..r{roles}: the last one does not exist.
            let role = format!("r{}", rng.gen_range(0..=roles));
            let division = if rng.gen_bool(0.4) {
                None
            } else {
                Some((*DIVISIONS.choose(rng).expect("division")).to_owned())
            };
            (role, division)
        })
        .collect()
}

fn random_model(rng: &mut StdRng) -> Model {
    let now = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time");
    let role_count = rng.gen_range(1..=4);
    let roles = (0..role_count)
        .map(|i| {
            let n = rng.gen_range(0..=3);
            let patterns = PATTERNS.choose_multiple(rng, n).copied().collect();
            (format!("r{i}"), patterns)
        })
        .collect();
    let users: Vec<(String, Option<UserState>)> = (0..4)
        .map(|i| {
            let state = match rng.gen_range(0..10) {
                0 => None,
                1 => Some(UserState::Inactive),
                _ => Some(UserState::Active),
            };
            (format!("u{i}"), state)
        })
        .collect();
    let groups = ["g0", "g1", "g2"];
    let mut memberships = [vec![], vec![]];
    for g in groups {
        for (u, _) in &users {
            if rng.gen_bool(0.35) {
                memberships[0].push((g.to_owned(), u.clone()));
            }
        }
    }
    // The second version: one membership removed or added.
    memberships[1] = memberships[0].clone();
    if !memberships[1].is_empty() && rng.gen_bool(0.5) {
        let i = rng.gen_range(0..memberships[1].len());
        memberships[1].remove(i);
    } else {
        let g = (*groups.choose(rng).expect("group")).to_owned();
        let u = users.choose(rng).expect("user").0.clone();
        if !memberships[1].contains(&(g.clone(), u.clone())) {
            memberships[1].push((g, u));
        }
    }
    let trust = rng.gen_bool(0.9).then(|| {
        let date_expired = match rng.gen_range(0..6) {
            0 => Some(now - Duration::seconds(rng.gen_range(0..3600))),
            1 => Some(now + Duration::seconds(rng.gen_range(1..3600))),
            _ => None,
        };
        let mut members = vec![];
        for (u, _) in &users {
            if rng.gen_bool(0.55) {
                members.push((MemberKind::User, u.clone(), random_grants(rng, role_count)));
            }
        }
        // A member whose user is gone from the trustee altogether.
        if rng.gen_bool(0.1) {
            members.push((
                MemberKind::User,
                "u-gone".into(),
                random_grants(rng, role_count),
            ));
        }
        for g in groups.iter().chain(["g-gone"].iter()) {
            if rng.gen_bool(0.5) {
                members.push((
                    MemberKind::Group,
                    (*g).to_owned(),
                    random_grants(rng, role_count),
                ));
            }
        }
        if rng.gen_bool(0.1) {
            members.push((
                MemberKind::Organization,
                "trustee".into(),
                random_grants(rng, role_count),
            ));
        }
        TrustModel {
            enabled: rng.gen_bool(0.92),
            date_expired,
            members,
        }
    });
    let mut clones = vec![];
    for (u, _) in &users {
        if rng.gen_bool(0.25) {
            let state = if rng.gen_bool(0.85) {
                Some(UserState::Active)
            } else {
                Some(UserState::Inactive)
            };
            clones.push((format!("clone-{u}"), u.clone(), state));
        }
    }
    let mut clone_grants = vec![];
    let mut clone_group_members = vec![];
    for (c, _, _) in &clones {
        for g in random_grants(rng, role_count) {
            clone_grants.push((c.clone(), g));
        }
        if rng.gen_bool(0.5) {
            clone_group_members.push(c.clone());
        }
    }
    Model {
        now,
        roles,
        trust,
        users,
        memberships,
        clones,
        clone_grants,
        clone_group_members,
        clone_group_grants: random_grants(rng, role_count),
    }
}

// ---------------------------------------------------------------- the model as snapshots

fn division(d: &Option<String>) -> DivisionGrant {
    match d {
        None => DivisionGrant::All,
        Some(d) => DivisionGrant::One(DivisionId::new(d.as_str())),
    }
}

fn grant(role: &str, d: &Option<String>) -> Grant {
    Grant {
        role_id: RoleId::new(role),
        division: division(d),
    }
}

fn trustor_snapshot(m: &Model) -> AuthzSnapshot {
    let trusts = m
        .trust
        .iter()
        .map(|t| TrustSnapshot {
            trustee_org_id: OrgId::new("trustee"),
            enabled: t.enabled,
            date_created: m.now - Duration::days(1),
            date_expired: t.date_expired,
            members: t
                .members
                .iter()
                .map(|(k, id, gs)| {
                    (
                        *k,
                        id.clone(),
                        gs.iter().map(|(r, d)| grant(r, d)).collect(),
                    )
                })
                .collect(),
            // The store lists only clones whose user row is not deleted.
            clones: m
                .clones
                .iter()
                .map(|(c, o, _)| (UserId::new(c.as_str()), UserId::new(o.as_str())))
                .collect(),
        })
        .collect();
    let mut grants: Vec<(Subject, Grant)> = m
        .clone_grants
        .iter()
        .map(|(c, (r, d))| (Subject::User(UserId::new(c.as_str())), grant(r, d)))
        .collect();
    grants.extend(
        m.clone_group_grants
            .iter()
            .map(|(r, d)| (Subject::Group(GroupId::new("tg")), grant(r, d))),
    );
    AuthzSnapshot {
        org_state: Some(OrgState::Active),
        roles: m
            .roles
            .iter()
            .map(|(id, ps)| {
                (
                    RoleId::new(id.as_str()),
                    ps.iter().map(|p| (*p).to_owned()).collect(),
                )
            })
            .collect(),
        users: m
            .clones
            .iter()
            .filter_map(|(c, _, s)| Some((UserId::new(c.as_str()), c.clone(), (*s)?)))
            .collect(),
        clients: vec![],
        memberships: m
            .clone_group_members
            .iter()
            .map(|c| (GroupId::new("tg"), UserId::new(c.as_str())))
            .collect(),
        grants,
        trusts,
    }
}

fn trustee_snapshot(m: &Model, version: usize) -> AuthzSnapshot {
    AuthzSnapshot {
        org_state: Some(OrgState::Active),
        users: m
            .users
            .iter()
            .filter_map(|(u, s)| Some((UserId::new(u.as_str()), u.clone(), (*s)?)))
            .collect(),
        memberships: m.memberships[version]
            .iter()
            .map(|(g, u)| (GroupId::new(g.as_str()), UserId::new(u.as_str())))
            .collect(),
        ..AuthzSnapshot::default()
    }
}

// ---------------------------------------------------------------- the reference evaluator

/// Does a role pattern grant an exact permission? `*` is everything but `internal`; a `*`
/// domain never reaches `internal`.
fn ref_matches(pattern: &str, permission: &str) -> bool {
    let p: Vec<&str> = permission.split(':').collect();
    if pattern == "*" {
        return p[0] != "internal";
    }
    let q: Vec<&str> = pattern.split(':').collect();
    if q[0] == "*" && p[0] == "internal" {
        return false;
    }
    q.iter().zip(&p).all(|(a, b)| *a == "*" || a == b)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Decision {
    Refused,
    Allowed,
    DeniedAny,
    DeniedAll(Vec<String>),
    DeniedInDivision,
}

#[derive(Debug, Clone)]
struct Request {
    user: String,
    clone: Option<String>,
    /// A requirement, or one permission checked in one division.
    what: What,
}

#[derive(Debug, Clone)]
enum What {
    Operation(usize),
    InDivision(&'static str, &'static str),
}

fn reference(m: &Model, version: usize, r: &Request) -> Decision {
    let Some(trust) = &m.trust else {
        return Decision::Refused;
    };
    if !trust.enabled || trust.date_expired.is_some_and(|at| m.now >= at) {
        return Decision::Refused;
    }
    let active = m
        .users
        .iter()
        .any(|(u, s)| *u == r.user && *s == Some(UserState::Active));
    if !active {
        return Decision::Refused;
    }
    if let Some(c) = &r.clone {
        let ok = m
            .clones
            .iter()
            .any(|(cid, orig, s)| cid == c && *orig == r.user && *s == Some(UserState::Active));
        if !ok {
            return Decision::Refused;
        }
    }
    let my_groups: BTreeSet<&str> = m.memberships[version]
        .iter()
        .filter(|(_, u)| *u == r.user)
        .map(|(g, _)| g.as_str())
        .collect();
    let mut included = false;
    let mut grants: Vec<(String, Option<String>)> = vec![];
    for (kind, id, gs) in &trust.members {
        let applies = match kind {
            MemberKind::User => *id == r.user,
            MemberKind::Group => my_groups.contains(id.as_str()),
            MemberKind::Organization => true,
        };
        if applies {
            included = true;
            grants.extend(gs.iter().cloned());
        }
    }
    if !included {
        return Decision::Refused;
    }
    if let Some(c) = &r.clone {
        grants.extend(
            m.clone_grants
                .iter()
                .filter(|(cid, _)| cid == c)
                .map(|(_, g)| g.clone()),
        );
        if m.clone_group_members.contains(c) {
            grants.extend(m.clone_group_grants.iter().cloned());
        }
    }
    let roles: HashMap<&str, &Vec<&str>> =
        m.roles.iter().map(|(id, ps)| (id.as_str(), ps)).collect();
    // Held in `division` (None: in any division)?
    let holds = |perm: &str, division: Option<&str>| {
        grants.iter().any(|(role, d)| {
            let in_division = match (d, division) {
                (None, _) | (_, None) => true,
                (Some(g), Some(want)) => g == want,
            };
            in_division
                && roles
                    .get(role.as_str())
                    .is_some_and(|ps| ps.iter().any(|p| ref_matches(p, perm)))
        })
    };
    match &r.what {
        What::Operation(i) => match REQUIREMENTS[*i] {
            Requirement::None => Decision::Allowed,
            Requirement::Any(ps) => {
                if ps.iter().any(|p| holds(p, None)) {
                    Decision::Allowed
                } else {
                    Decision::DeniedAny
                }
            }
            Requirement::All(ps) => {
                let missing: Vec<String> = ps
                    .iter()
                    .filter(|p| !holds(p, None))
                    .map(|p| (*p).to_owned())
                    .collect();
                if missing.is_empty() {
                    Decision::Allowed
                } else {
                    Decision::DeniedAll(missing)
                }
            }
        },
        What::InDivision(perm, d) => {
            if holds(perm, Some(d)) {
                Decision::Allowed
            } else if holds(perm, None) {
                Decision::DeniedInDivision
            } else {
                Decision::DeniedAny
            }
        }
    }
}

// ---------------------------------------------------------------- the server's decision

fn server(trustor: &OrgIndex, trustee: &OrgIndex, now: DateTime<Utc>, r: &Request) -> Decision {
    let user = UserId::new(r.user.as_str());
    let clone = r.clone.as_deref().map(UserId::new);
    let Ok(perms) = cross_org_permissions(
        trustor,
        trustee,
        &OrgId::new("trustee"),
        &user,
        clone.as_ref(),
        now,
    ) else {
        return Decision::Refused;
    };
    let outcome = match &r.what {
        What::Operation(i) => perms.check(&REQUIREMENTS[*i]),
        What::InDivision(perm, d) => perms.check_in(perm, &DivisionId::new(*d)),
    };
    match outcome {
        Ok(()) => Decision::Allowed,
        Err(Denial::MissingAny(_)) => Decision::DeniedAny,
        Err(Denial::MissingAll(missing)) => Decision::DeniedAll(missing),
        Err(Denial::MissingInDivision { .. }) => Decision::DeniedInDivision,
    }
}

fn random_request(rng: &mut StdRng, m: &Model) -> Request {
    let user = if rng.gen_bool(0.05) {
        "u-gone".to_owned()
    } else {
        format!("u{}", rng.gen_range(0..4))
    };
    let clone = match rng.gen_range(0..6) {
        0 => Some(format!("clone-{user}")),
        1 => m.clones.choose(rng).map(|c| c.0.clone()),
        _ => None,
    };
    let what = if rng.gen_bool(0.5) {
        What::Operation(rng.gen_range(0..REQUIREMENTS.len()))
    } else {
        What::InDivision(
            PERMISSIONS.choose(rng).expect("permission"),
            DIVISIONS.choose(rng).expect("division"),
        )
    };
    Request { user, clone, what }
}

#[test]
fn cross_org_decisions_match_the_reference_evaluator() {
    let seed: u64 = std::env::var("ORGTRUST_MODEL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0061_7574_686f_7273);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut outcomes: HashMap<&'static str, usize> = HashMap::new();
    let mut checked = 0usize;
    for case in 0..CASES {
        let m = random_model(&mut rng);
        let trustor = OrgIndex::build(1, trustor_snapshot(&m));
        // The trustee at two generations: a membership change between them must be seen
        // through the trustor's memo.
        let trustees = [
            OrgIndex::build(10, trustee_snapshot(&m, 0)),
            OrgIndex::build(11, trustee_snapshot(&m, 1)),
        ];
        for i in 0..REQUESTS_PER_CASE {
            let version = usize::from(i >= REQUESTS_PER_CASE / 2);
            let r = random_request(&mut rng, &m);
            let expected = reference(&m, version, &r);
            let actual = server(&trustor, &trustees[version], m.now, &r);
            assert_eq!(
                actual, expected,
                "mismatch (seed {seed}, case {case}, request {i}, trustee version {version}):\n\
                 request {r:?}\nmodel {m:#?}"
            );
            // Asked again (memoised) the answer is the same.
            assert_eq!(server(&trustor, &trustees[version], m.now, &r), expected);
            *outcomes
                .entry(match expected {
                    Decision::Refused => "refused",
                    Decision::Allowed => "allowed",
                    Decision::DeniedAny => "denied (any)",
                    Decision::DeniedAll(_) => "denied (all)",
                    Decision::DeniedInDivision => "denied (division)",
                })
                .or_default() += 1;
            checked += 1;
        }
    }
    assert!(checked >= CASES);
    // The generator reaches every kind of outcome, often.
    for kind in [
        "refused",
        "allowed",
        "denied (any)",
        "denied (all)",
        "denied (division)",
    ] {
        assert!(
            outcomes.get(kind).copied().unwrap_or(0) > 500,
            "too few {kind} outcomes: {outcomes:?} (seed {seed})"
        );
    }
    println!("seed {seed}: {checked} decisions, zero mismatches: {outcomes:?}");
}
