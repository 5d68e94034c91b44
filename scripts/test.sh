#!/usr/bin/env bash
# The whole test suite: formatting and lints, the Rust tests, then the official-SDK conformance
# suites against a live server. Installs what it needs (a Python venv with pinned packages).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
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
echo "== Python SDK conformance"
(cd conformance/python && "$VENV/bin/python" -m pytest -q -p no:cacheprovider)
echo "== JavaScript SDK conformance"
(cd conformance/js && npm ci --no-audit --no-fund --silent && node --test)
