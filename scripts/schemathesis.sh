#!/usr/bin/env bash
# Schemathesis against the server's own document (GET /api/v2/docs/swagger): a live server on the
# demo fixture (in-memory SQLite, loopback only), authenticated as acme-admin (client
# credentials), every operation, all checks, a bounded number of examples per operation.
# Operations that end the session (deleteTokensMe revokes the token, deleteOrganizationsMe
# deletes Acme) run in a second, last pass so they do not blind the first one.
# Usage: scripts/schemathesis.sh [max-examples per operation, default 5: ~8,000 requests]
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES="${1:-5}"
BIN="${ORGTRUST_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/debug/orgtrust}"
VENV="${ORGTRUST_SCHEMATHESIS_VENV:-${CARGO_TARGET_DIR:-$PWD/target}/schemathesis-venv}"
if [ ! -x "$VENV/bin/schemathesis" ]; then
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
token() {
  curl -fsS -u acme-admin:acme-admin-secret -d grant_type=client_credentials "$BASE/oauth/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
LAST='deleteTokensMe|deleteOrganizationsMe'
run() {
  start_server
  "$VENV/bin/schemathesis" run "$BASE/api/v2/docs/swagger" --url "$BASE" \
    -H "Authorization: Bearer $(token)" --checks all --max-examples "$EXAMPLES" \
    --workers 2 --request-timeout 10 --suppress-health-check all --seed 1 \
    --report ndjson --report-dir "$OUT/$1" --no-color "${@:2}" || true
  # Was the session still alive at the end (else the pass only saw 401s)?
  if ! token > /dev/null; then echo "pass $1 ended with acme-admin locked out"; fi
}
run first --exclude-operation-id-regex "^($LAST)\$"
run last --include-operation-id-regex "^($LAST)\$"
status=0
"$VENV/bin/python" scripts/schemathesis/summary.py "$OUT/first" "$OUT/last" || status=1
if grep -q "panicked" "$OUT/server.log"; then echo "the server panicked: $OUT/server.log"; status=1; fi
echo "schemathesis output: $OUT"
exit $status
