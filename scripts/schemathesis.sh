#!/usr/bin/env bash
# Schemathesis against the server's own document (GET /api/v2/docs/swagger): a live server on the
# demo fixture (in-memory SQLite, loopback only), authenticated as acme-admin (client
# credentials, see schemathesis/hooks.py), every operation, all checks, a bounded number of
# examples per operation; schemathesis/summary.py counts the requests and fails on findings.
# Usage: scripts/schemathesis.sh [max-examples per operation, default 5: ~8,000 requests]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
EXAMPLES="${1:-5}"
BIN="${ORGTRUST_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/debug/orgtrust}"
VENV="${ORGTRUST_SCHEMATHESIS_VENV:-${CARGO_TARGET_DIR:-$PWD/target}/schemathesis-venv}"
# A venv that was moved (its scripts name the old path) no longer runs: make it again.
if ! "$VENV/bin/schemathesis" --version >/dev/null 2>&1; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r scripts/schemathesis/requirements.txt
fi
OUT="${ORGTRUST_SCHEMATHESIS_OUT:-$(mktemp -d /tmp/orgtrust-schemathesis.XXXXXX)}"
SERVER=
trap 'if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi' EXIT
# A fresh server (in-memory SQLite, demo fixture) per pass, so one pass's changes (say, an IP
# allow-list that shuts out 127.0.0.1) cannot blind the next.
start_server() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  BASE="http://127.0.0.1:$PORT"
  "$BIN" serve --listen "127.0.0.1:$PORT" --database 'sqlite::memory:' --log warn >> "$OUT/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -fsS "$BASE/api/v2/docs/swagger" > "$OUT/swagger.json" 2>/dev/null && return; sleep 0.2; done
  echo "the server did not start: $OUT/server.log"; exit 1
}
# Operations that end the session (deleteTokensMe revokes the token in use; enforcing OAuth
# scopes or an IP allow-list shuts the scope-less client out of everything) or need the platform
# operator (internal:* permissions) run in passes of their own; deleting the operator's own
# organization ends that session too, so it runs last and alone.
SESSION='deleteTokensMe'
POLICY='putOrganizationsEnforcescopes|putOrganizationsIpaddressauthentication|putOrganizationsWhitelist|patchOrganizationsAuthenticationSettings'
PLATFORM='postOrganizations|postOrganizationsLimitsChangerequests|patchOrganizationsLimitsChangerequest'
TEARDOWN='deleteOrganizationsMe'
run() {
  start_server
  # From $OUT, where hypothesis and schemathesis keep their caches.
  (cd "$OUT" && ORGTRUST_BASE="$BASE" PYTHONPATH="$ROOT/scripts/schemathesis" SCHEMATHESIS_HOOKS=hooks \
  "$VENV/bin/schemathesis" run "$BASE/api/v2/docs/swagger" --url "$BASE" \
    --checks all --max-examples "$EXAMPLES" \
    --workers 2 --request-timeout 10 --suppress-health-check all --seed 1 \
    --report ndjson --report-dir "$OUT/$1" --no-color "${@:2}") || true
}
run acme --exclude-operation-id-regex "^($SESSION|$POLICY|$PLATFORM|$TEARDOWN)\$"
run session --include-operation-id-regex "^($SESSION)\$"
run policy --include-operation-id-regex "^($POLICY)\$"
ORGTRUST_CLIENT=platform-operator ORGTRUST_SECRET=platform-operator-secret \
  run platform --include-operation-id-regex "^($PLATFORM)\$"
ORGTRUST_CLIENT=platform-operator ORGTRUST_SECRET=platform-operator-secret \
  run teardown --include-operation-id-regex "^($TEARDOWN)\$"
status=0
"$VENV/bin/python" scripts/schemathesis/summary.py "$OUT/acme" "$OUT/session" "$OUT/policy" "$OUT/platform" "$OUT/teardown" || status=1
if grep -q "panicked" "$OUT/server.log"; then echo "the server panicked: $OUT/server.log"; status=1; fi
echo "schemathesis output: $OUT"
exit $status
