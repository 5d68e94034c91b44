#!/usr/bin/env bash
# The whole test suite: formatting and lints, the Rust tests, then the official-SDK conformance
# suites against a live server, on SQLite and on a throwaway PostgreSQL cluster, and the seed
# coverage table (conformance/COVERAGE.md). Installs what it needs (PostgreSQL, a JDK and Maven from
# the Debian packages if missing, a Python venv with pinned packages, the pinned npm packages with
# `npm ci`, the Java suite's pinned Maven artifacts and the Go suite's pinned modules).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== the repository stands alone: no tracked file reads outside it (scripts/standalone-check.py)"
python3 scripts/standalone-check.py
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== the committed console bundle is what its sources build"
scripts/console-check.sh
echo "== cargo doc of the client crate (a doc comment on every public item, no rustdoc warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked -p orgtrust-client --no-deps
echo "== a throwaway PostgreSQL cluster for the PostgreSQL suites"
PGDIR=$(mktemp -d /tmp/orgtrust-pg.XXXXXX)
# The SDK suites' servers log at debug level here, and their traffic is recorded, for the secret
# scan at the end (scripts/secret-scan.py); removed on exit with the test secrets it holds.
SCAN_DIR=$(mktemp -d /tmp/orgtrust-scan.XXXXXX)
trap 'scripts/pg-cluster.sh stop "$PGDIR"; rm -rf "$SCAN_DIR"' EXIT
ORGTRUST_TEST_PG_URL=$(scripts/pg-cluster.sh start "$PGDIR")
export ORGTRUST_TEST_PG_URL
echo "== cargo test"
cargo test --workspace --locked
echo "== cargo-fuzz: request parsers and the fixture loader, bounded (RELIABILITY.md)"
scripts/fuzz.sh
# The SDK suites' results (junit XML, seed declarations) and the Rust client's test run, read by
# conformance/coverage.py for conformance/COVERAGE.md.
RESULTS="$PWD/conformance/results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
echo "== the Rust client's tests again, their results kept for the coverage table"
cargo test --locked -p orgtrust-client > "$RESULTS/rust-client.txt"
echo "== building the server for the SDK suites"
cargo build --locked -p orgtrust
export ORGTRUST_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/orgtrust"

VENV="${ORGTRUST_VENV:-$PWD/target/conformance-venv}"
# A venv that no longer runs (moved with its target directory) is made again.
if ! "$VENV/bin/python" -m pip --version > /dev/null 2>&1; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r conformance/python/requirements.txt
(cd conformance/js && npm ci --no-audit --no-fund --silent)
if ! command -v mvn > /dev/null || ! command -v javac > /dev/null; then
  apt-get install -y -qq openjdk-17-jdk-headless maven > /dev/null
fi
# The Java suite's Maven repository lives in the target directory: rebuilt from Maven Central when
# it is gone, reused (offline) when it is there.
M2="${CARGO_TARGET_DIR:-$PWD/target}/conformance-m2"
echo "== the Java SDK suite: its pinned artifacts, compiled once for both backends"
(cd conformance/java && mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$M2" test-compile)
# Go: the machine's, else the toolchain go.mod needs from the Go module proxy (the golang.org/toolchain
# module, fetched by Debian's older Go; unpacked into the target directory).
GO=$(command -v go || echo /usr/local/go/bin/go)
if ! "$GO" version > /dev/null 2>&1; then
  TOOLCHAIN="${CARGO_TARGET_DIR:-$PWD/target}/go-toolchain"
  if [ ! -x "$TOOLCHAIN/bin/go" ]; then
    apt-get install -y -qq golang-go > /dev/null
    dir=$(GOFLAGS=-modcacherw go mod download -json golang.org/toolchain@v0.0.1-go1.26.8.linux-amd64 | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
    rm -rf "$TOOLCHAIN" && cp -r "$dir" "$TOOLCHAIN" && chmod -R u+w,a+x "$TOOLCHAIN/bin" "$TOOLCHAIN/pkg/tool"
  fi
  GO="$TOOLCHAIN/bin/go"
fi
# The Go SDK's package is very large (its first compile takes minutes): the suite's test binary is
# compiled once, and run per backend.
GOTEST="${CARGO_TARGET_DIR:-$PWD/target}/conformance-go.test"
echo "== the Go SDK suite: its pinned modules, compiled once for both backends"
(cd conformance/go && "$GO" test -c -o "$GOTEST" .)

# Every suite runs even when one fails, so that the coverage table shows all of them.
failed=0
# The Python package (python/, docs/python.md) as a user gets it: the wheel (dev profile: the debug
# build above, not a second compile) installed into a fresh venv, never the source tree; then the
# package's and the examples' tests on its pytest plugin, also under xdist. ORGTRUST_BIN is unset
# so that the plugin runs the binary the wheel installed.
echo "== the Python package: wheel, fresh venv, ruff, its tests and the examples' (also -n 2)"
WHEEL=$(scripts/python-wheel.sh | tail -1)
PYVENV="${CARGO_TARGET_DIR:-$PWD/target}/python-test-venv"
rm -rf "$PYVENV" && python3 -m venv "$PYVENV"
"$PYVENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  -r examples/python/requirements.txt -r python/requirements-dev.txt "$WHEEL"
(cd python && "$PYVENV/bin/ruff" format --check . && "$PYVENV/bin/ruff" check .) || failed=1
(cd examples/python && "$PYVENV/bin/ruff" format --check . && "$PYVENV/bin/ruff" check .) || failed=1
(cd python && env -u ORGTRUST_BIN "$PYVENV/bin/python" -m pytest -q -p no:cacheprovider tests) || failed=1
(cd examples/python && env -u ORGTRUST_BIN "$PYVENV/bin/python" -m pytest -q -p no:cacheprovider) || failed=1
(cd examples/python && env -u ORGTRUST_BIN "$PYVENV/bin/python" -m pytest -q -p no:cacheprovider -n 2) || failed=1
# The reset each test starts with, timed (the 5 ms budget holds for release builds; this one is
# the debug build, so it is printed, not enforced: docs/python.md has the release figure).
env -u ORGTRUST_BIN "$PYVENV/bin/python" python/benchmarks/reset.py --max-ms 1000 || failed=1
echo "== schemathesis against the server's own OpenAPI document (RELIABILITY.md)"
scripts/schemathesis.sh || failed=1
for backend in sqlite postgres; do
  mkdir -p "$RESULTS/$backend"
  echo "== Python SDK conformance on $backend"
  (cd conformance/python && ORGTRUST_SECRET_SCAN_DIR="$SCAN_DIR" ORGTRUST_CONFORMANCE_BACKEND=$backend "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
    --junitxml="$RESULTS/$backend/python.xml") || failed=1
  echo "== JavaScript SDK conformance on $backend"
  (cd conformance/js && ORGTRUST_SECRET_SCAN_DIR="$SCAN_DIR" ORGTRUST_CONFORMANCE_BACKEND=$backend ORGTRUST_RESULTS_DIR="$RESULTS/$backend" node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=junit --test-reporter-destination="$RESULTS/$backend/js.xml") || failed=1
  echo "== Java SDK conformance on $backend"
  (cd conformance/java && ORGTRUST_SECRET_SCAN_DIR="$SCAN_DIR" ORGTRUST_CONFORMANCE_BACKEND=$backend ORGTRUST_RESULTS_DIR="$RESULTS/$backend" \
    mvn -B -Dstyle.color=never -Dmaven.repo.local="$M2" -Dorgtrust.reports="$RESULTS/$backend/java" surefire:test) || failed=1
  echo "== Go SDK conformance on $backend"
  (cd conformance/go && ORGTRUST_SECRET_SCAN_DIR="$SCAN_DIR" ORGTRUST_CONFORMANCE_BACKEND=$backend ORGTRUST_RESULTS_DIR="$RESULTS/$backend" \
    "$GOTEST" -test.v) || failed=1
done
echo "== secrets: every secret the SDK suites sent or received, searched in their servers' debug logs"
python3 scripts/secret-scan.py "$SCAN_DIR" || failed=1
echo "== browser tests (scripts/e2e.sh)"
scripts/e2e.sh || failed=1
echo "== seed coverage (conformance/COVERAGE.md, from the SQLite run)"
"$VENV/bin/python" conformance/coverage.py --results "$RESULTS/sqlite" --rust "$RESULTS/rust-client.txt" || failed=1
exit $failed
