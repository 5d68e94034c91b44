#!/usr/bin/env bash
# Builds the `orgtrust` Python wheel (python/: the orgtrust binary carried by maturin's
# `bindings = "bin"`, the Python API and the pytest plugin) into OUT_DIR (default
# $CARGO_TARGET_DIR/wheels, or target/wheels), and prints the wheel's path on its last line.
#
#   scripts/python-wheel.sh --release [OUT_DIR]   the wheel to hand out: optimized, stripped
#   scripts/python-wheel.sh [OUT_DIR]             the dev profile: reuses the debug build that
#                                                 `cargo build` / the test suite already made
#
# maturin is pinned (python/requirements-build.txt) and installed into a venv under the target
# directory, made again when it is gone.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=(--profile dev)
if [ "${1:-}" = "--release" ]; then
  profile=(--release --strip)
  shift
fi
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
OUT="${1:-$TARGET/wheels}"
VENV="$TARGET/python-build-venv"
if ! "$VENV/bin/python" -m pip --version > /dev/null 2>&1; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r python/requirements-build.txt
rm -rf "$OUT" && mkdir -p "$OUT"
# `--compatibility linux`: the binary links the build machine's glibc; a wheel for PyPI would be
# built in a manylinux container instead (docs/python.md).
# Run from python/: maturin reads python/pyproject.toml there, which names crates/cli/Cargo.toml.
(cd python && "$VENV/bin/maturin" build --quiet "${profile[@]}" --compatibility linux --out "$OUT" >&2)
ls "$OUT"/orgtrust-*.whl
