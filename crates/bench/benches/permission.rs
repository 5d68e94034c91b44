//! The permission check (`EffectivePermissions::check_in`, what every division-scoped request
//! asks of the authorization index) at 100 to 100,000 grants, beside `cedar-policy` answering the
//! same question over the equivalent model, in the same run.
//!
//! The model: a subject holds N grants, each a permission in one division (N/10 permissions in
//! 10 divisions). The question: may it do permission P in division D? A quarter of the questions
//! are answered no. orgtrust compiles the grants into its index once (as `OrgIndex::effective`
//! does, memoised per subject); Cedar gets one policy, `permit(principal, action, resource) when
//! { principal in resource };`, with each grant an entity `Grant::"P@D"` that is a parent of the
//! user (relations as entity data, Cedar's advice for role models), the request asking about the
//! resource `Grant::"P@D"`. Entities and requests are built once, outside the timing.
//!
//! Besides criterion's report, each engine's per-check p50/p99 are timed one call at a time
//! (including about 20 ns of clock reads) and printed as one JSON line `micro-result {...}`, also
//! written to `$BENCH_MICRO_OUT` when set; scripts/bench.sh reads it.
//!
//! Run: `cargo bench -p orgtrust-bench --features micro --bench permission`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityId, EntityTypeName, EntityUid, PolicySet,
    Request,
};
use criterion::{BenchmarkId, Criterion};
use orgtrust_core::ids::DivisionId;
use orgtrust_core::permission::{DivisionGrant, EffectivePermissions, Pattern};
use serde_json::json;

const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];
const DIVISIONS: usize = 10;
const QUERIES: usize = 1024;

fn permission(i: usize) -> String {
    format!("bench{}:entity{}:view", i % 97, i)
}

fn division(d: usize) -> String {
    format!("d0000000-0000-4000-8000-{d:012}")
}

/// The questions: (permission, division, expected answer).
fn queries(n: usize) -> Vec<(String, String, bool)> {
    let perms = n / DIVISIONS;
    (0..QUERIES)
        .map(|q| {
            let p = (q * 7919) % perms;
            let d = (q * 31) % DIVISIONS;
            if q % 4 == 3 {
                // Held, but not in this division (grants are in divisions 0..10; ask in 10+).
                (permission(p), division(DIVISIONS + d), false)
            } else {
                (permission(p), division(d), true)
            }
        })
        .collect()
}

fn ours(n: usize) -> EffectivePermissions {
    let mut e = EffectivePermissions::none();
    for p in 0..n / DIVISIONS {
        let pattern = Pattern::parse(&permission(p)).expect("pattern");
        for d in 0..DIVISIONS {
            e.grant(
                std::iter::once(&pattern),
                &DivisionGrant::One(DivisionId::new(division(d))),
            );
        }
    }
    e
}

fn uid(kind: &str, id: &str) -> EntityUid {
    EntityUid::from_type_name_and_id(
        kind.parse::<EntityTypeName>().expect("type name"),
        EntityId::new(id),
    )
}

struct Cedar {
    policies: PolicySet,
    entities: Entities,
    requests: Vec<(Request, bool)>,
}

fn cedar(n: usize, qs: &[(String, String, bool)]) -> Cedar {
    let policies: PolicySet = "permit(principal, action, resource) when { principal in resource };"
        .parse()
        .expect("policy");
    let mut grants = Vec::with_capacity(n);
    let mut parents = Vec::with_capacity(n);
    for p in 0..n / DIVISIONS {
        for d in 0..DIVISIONS {
            let id = format!("{}@{}", permission(p), division(d));
            parents.push(json!({"type": "Grant", "id": id}));
            grants.push(json!({"uid": {"type": "Grant", "id": id}, "attrs": {}, "parents": []}));
        }
    }
    grants.push(json!({"uid": {"type": "User", "id": "u"}, "attrs": {}, "parents": parents}));
    let entities =
        Entities::from_json_value(serde_json::Value::Array(grants), None).expect("entities");
    let requests = qs
        .iter()
        .map(|(p, d, expected)| {
            let request = Request::new(
                uid("User", "u"),
                uid("Action", "check"),
                uid("Grant", &format!("{p}@{d}")),
                Context::empty(),
                None,
            )
            .expect("request");
            (request, *expected)
        })
        .collect();
    Cedar {
        policies,
        entities,
        requests,
    }
}

fn percentiles(mut samples: Vec<u64>) -> (f64, f64) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize] as f64;
    (at(0.50), at(0.99))
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let authorizer = Authorizer::new();
    let mut results = Vec::new();
    for n in SIZES {
        let qs = queries(n);
        let ids: Vec<(String, DivisionId, bool)> = qs
            .iter()
            .map(|(p, d, e)| (p.clone(), DivisionId::new(d.clone()), *e))
            .collect();
        let index = ours(n);
        let model = cedar(n, &qs);
        // Both engines must answer the same questions the same way.
        for ((p, d, expected), (request, _)) in ids.iter().zip(&model.requests) {
            assert_eq!(index.check_in(p, d).is_ok(), *expected, "orgtrust {p} {d}");
            let decision = authorizer
                .is_authorized(request, &model.policies, &model.entities)
                .decision();
            assert_eq!(decision == Decision::Allow, *expected, "cedar {p} {d}");
        }

        let mut group = c.benchmark_group("permission_check");
        group.bench_with_input(BenchmarkId::new("orgtrust", n), &n, |b, _| {
            let mut i = 0;
            b.iter(|| {
                let (p, d, _) = &ids[i % QUERIES];
                i += 1;
                black_box(index.check_in(black_box(p), black_box(d)).is_ok())
            })
        });
        group.bench_with_input(BenchmarkId::new("cedar", n), &n, |b, _| {
            let mut i = 0;
            b.iter(|| {
                let (request, _) = &model.requests[i % QUERIES];
                i += 1;
                black_box(
                    authorizer
                        .is_authorized(black_box(request), &model.policies, &model.entities)
                        .decision(),
                )
            })
        });
        group.finish();

        // One call at a time, for the tail.
        let calls = 200_000;
        let mut ours_ns = Vec::with_capacity(calls);
        let mut cedar_ns = Vec::with_capacity(calls);
        for i in 0..calls {
            let (p, d, _) = &ids[i % QUERIES];
            let t = Instant::now();
            black_box(index.check_in(black_box(p), black_box(d)).is_ok());
            ours_ns.push(t.elapsed().as_nanos() as u64);
        }
        for i in 0..calls / 4 {
            let (request, _) = &model.requests[i % QUERIES];
            let t = Instant::now();
            black_box(
                authorizer
                    .is_authorized(black_box(request), &model.policies, &model.entities)
                    .decision(),
            );
            cedar_ns.push(t.elapsed().as_nanos() as u64);
        }
        let (o50, o99) = percentiles(ours_ns);
        let (c50, c99) = percentiles(cedar_ns);
        results.push(json!({"grants": n,
            "orgtrust": {"p50Ns": o50, "p99Ns": o99},
            "cedar": {"p50Ns": c50, "p99Ns": c99}}));
    }
    c.final_summary();
    let out = json!({"permissionCheck": results});
    println!("micro-result {out}");
    if let Ok(path) = std::env::var("BENCH_MICRO_OUT") {
        std::fs::write(path, out.to_string()).expect("writing BENCH_MICRO_OUT");
    }
}
