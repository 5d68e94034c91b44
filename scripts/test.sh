#!/usr/bin/env bash
# The whole test suite: formatting and lints, the Rust tests, then the official-SDK conformance
# suites against a live server, on SQLite and on a throwaway PostgreSQL cluster. Installs what it
# needs (PostgreSQL from the Debian packages if missing, a Python venv with pinned packages).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== a throwaway PostgreSQL cluster for the PostgreSQL suites"
PGDIR=$(mktemp -d /tmp/orgtrust-pg.XXXXXX)
trap 'scripts/pg-cluster.sh stop "$PGDIR"' EXIT
ORGTRUST_TEST_PG_URL=$(scripts/pg-cluster.sh start "$PGDIR")
export ORGTRUST_TEST_PG_URL
echo "== cargo test"
cargo test --workspace --locked
echo "== building the server for the SDK suites"
cargo build --locked -p orgtrust
export ORGTRUST_BIN="$PWD/target/debug/orgtrust"

VENV="${ORGTRUST_VENV:-$PWD/target/conformance-venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r conformance/python/requirements.txt
for backend in sqlite postgres; do
  echo "== Python SDK conformance on $backend"
  (cd conformance/python && ORGTRUST_CONFORMANCE_BACKEND=$backend "$VENV/bin/python" -m pytest -q -p no:cacheprovider)
done
(cd conformance/js && npm ci --no-audit --no-fund --silent)
for backend in sqlite postgres; do
  echo "== JavaScript SDK conformance on $backend"
  (cd conformance/js && ORGTRUST_CONFORMANCE_BACKEND=$backend node --test)
done
