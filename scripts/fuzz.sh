#!/usr/bin/env bash
# cargo-fuzz over the request parsers and the fixture loader (fuzz/), bounded in time. Installs the
# pinned cargo-fuzz into the target dir, builds on stable Rust (RUSTC_BOOTSTRAP=1 unlocks the
# nightly-only flags cargo-fuzz passes), runs each target ORGTRUST_FUZZ_SECONDS (default 20) on a
# copy of its seed corpus, and prints the executions. A crash fails the script and leaves the
# reproducer in fuzz/artifacts/<target>/ (replay: `cargo fuzz run <target> <file>`).
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_FUZZ_VERSION=0.13.1
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
TOOLS="$TARGET_DIR/tools"
if [ "$("$TOOLS/bin/cargo-fuzz" --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --root "$TOOLS"
fi
export PATH="$TOOLS/bin:$PATH"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="$TARGET_DIR/fuzz"
SECONDS_EACH="${ORGTRUST_FUZZ_SECONDS:-20}"
# Safe Rust only (unsafe_code is forbidden): AddressSanitizer would find nothing and cost time.
FLAGS=(--sanitizer none --debug-assertions --fuzz-dir fuzz)
cargo fuzz build "${FLAGS[@]}"
total=0
for target in request_body query fixture; do
  corpus=$(mktemp -d)
  cp -r "fuzz/corpus/$target/." "$corpus/"
  log=$(mktemp)
  if ! cargo fuzz run "${FLAGS[@]}" "$target" "$corpus" -- \
      -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=1024 -timeout=10 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz: $target FAILED (reproducer in fuzz/artifacts/$target/)"
    exit 1
  fi
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -n 1)
  echo "fuzz: $target ${runs:-?} executions in ${SECONDS_EACH}s, no crash"
  total=$((total + ${runs:-0}))
  rm -rf "$corpus" "$log"
done
echo "fuzz: $total executions in all"
