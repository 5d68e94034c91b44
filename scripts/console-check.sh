#!/usr/bin/env bash
# The committed console bundle (console/dist, embedded in the server binary so that `cargo build`
# needs no npm) must be exactly what `npm ci && npm run build` makes from the sources: rebuild it
# with the pinned toolchain and fail on any difference.
set -euo pipefail
cd "$(dirname "$0")/../console"
npm ci --no-audit --no-fund --silent
npm run --silent build > /dev/null
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "console/dist differs from a fresh build of console/ (run: cd console && npm ci && npm run build, then commit dist):" >&2
  git status --porcelain -- dist >&2
  git diff --stat -- dist >&2
  exit 1
fi
echo "console/dist is reproduced byte for byte"
