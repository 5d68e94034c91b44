#!/usr/bin/env bash
# The browser tests (e2e/): Debian's Chromium driven by playwright-core (no browser download),
# against a freshly built `orgtrust`. Installs Chromium with apt-get when missing and the pinned
# npm packages with `npm ci`. Screenshots land in e2e/artifacts/ (ORGTRUST_E2E_ARTIFACTS).
# Uses ORGTRUST_BIN when set (scripts/test.sh builds it), else builds the debug binary.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (apt-get)"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ -z "${ORGTRUST_BIN:-}" ]; then
  cargo build --locked -p orgtrust
  export ORGTRUST_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/orgtrust"
fi
(cd e2e && npm ci --no-audit --no-fund --silent)
echo "== browser tests (e2e/)"
cd e2e && node --test --test-concurrency=1 --test-reporter=spec
