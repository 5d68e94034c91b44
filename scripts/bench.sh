#!/usr/bin/env bash
# The benchmarks, in one run on loopback (see BENCHMARKS.md): the permission-check
# micro-benchmark beside Cedar (criterion), then bench/run.py: the bare-axum floors, orgtrust
# (release) on SQLite and on a throwaway PostgreSQL cluster, WireMock and Prism on the same
# listing. Installs what it needs: wrk (Debian), the peers (npm ci in bench/), PostgreSQL (via
# scripts/pg-cluster.sh). Prints the table and writes bench/results/latest.json.
# Options (environment): BENCH_DURATION (s per scenario, default 5), BENCH_CONNECTIONS (64),
# BENCH_AUDIT_EVENTS (1000000), BENCH_PG_AUDIT_EVENTS (same), BENCH_TRUSTS (500), BENCH_NO_PG=1, BENCH_NO_MICRO=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

if ! command -v wrk >/dev/null; then
  echo "== installing wrk" >&2
  (apt-get update -qq && apt-get install -y -qq wrk) >&2
fi
echo "== installing the peers (npm ci in bench/)" >&2
(cd bench && npm ci --no-audit --no-fund --silent)

echo "== building the release binaries" >&2
# Built apart, so that orgtrust is built with exactly its own dependency features (as users build
# it), not unified with the bench tools'.
cargo build --release --locked -p orgtrust
cargo build --release --locked -p orgtrust-bench --bins

mkdir -p bench/results
if [ -z "${BENCH_NO_MICRO:-}" ]; then
  echo "== permission check: orgtrust beside cedar-policy (criterion)" >&2
  BENCH_MICRO_OUT="$PWD/bench/results/micro.json" \
    cargo bench --locked -p orgtrust-bench --features micro --bench permission >&2
  export BENCH_MICRO="$PWD/bench/results/micro.json"
fi

if [ -z "${BENCH_NO_PG:-}" ]; then
  PGDIR=$(mktemp -d /tmp/orgtrust-bench-pg.XXXXXX)
  trap 'scripts/pg-cluster.sh stop "$PGDIR"' EXIT
  BENCH_PG_URL=$(scripts/pg-cluster.sh start "$PGDIR")
  export BENCH_PG_URL
fi

python3 bench/run.py
