#!/usr/bin/env bash
# Retakes docs/console.png, the console's member editor (a trust's page, a member's roles per
# division being changed), from the end-to-end test that drives it (console-members.test.js):
# the same steps, so the picture shows what the test checks. Uses ORGTRUST_BIN like
# scripts/e2e.sh (else builds the debug binary); needs Chromium (scripts/e2e.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ORGTRUST_BIN:-}" ]; then
  cargo build --locked -p orgtrust
  export ORGTRUST_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/orgtrust"
fi
(cd e2e && npm ci --no-audit --no-fund --silent)
export ORGTRUST_DOCS_PNG="$PWD/docs/console.png"
cd e2e && node --test --test-concurrency=1 --test-name-pattern="a trust's members" console-members.test.js
echo "docs/console.png retaken"
