#!/usr/bin/env bash
# Line coverage of the contracts and the shared crate by the whole test suite (unit tests of
# each crate and the cw-multi-test suites in tests/), measured with cargo-llvm-cov.
#
#   scripts/coverage.sh            per-file summary + uncovered lines of contracts/ and packages/
#   scripts/coverage.sh --html     also writes an HTML report to <target>/llvm-cov/html
#
# Installs what it needs: the llvm-tools-preview rustup component and cargo-llvm-cov.
# Test code itself (src/tests*, tests/, schema binaries) is left out of the figures.
# Writes <target>/llvm-cov/lcov.info and <target>/llvm-cov/summary.txt.
# Not part of CI (scripts/test.sh); the figures are quoted in docs/SECURITY.md.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HTML=0
for arg in "$@"; do
  case "$arg" in
    --html) HTML=1 ;;
    *) die "unknown argument '$arg' (usage: scripts/coverage.sh [--html])" ;;
  esac
done

step "coverage: tools"
require_cmd rustup cargo
if ! rustup component list --installed | grep -q '^llvm-tools'; then
  info "adding rustup component llvm-tools-preview"
  rustup component add llvm-tools-preview
fi
if ! cargo llvm-cov --version >/dev/null 2>&1; then
  info "installing cargo-llvm-cov"
  cargo install cargo-llvm-cov --locked
fi
info "$(cargo llvm-cov --version)"

TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
OUT="$TARGET_DIR/llvm-cov"
mkdir -p "$OUT"
# Only the code under test counts: not the tests, the test crate or the schema generators.
IGNORE='(/tests?\.rs$|/src/tests/|^'"$REPO_ROOT"'/tests/|/src/bin/|/\.cargo/|/rustc/)'

step "coverage: run the workspace's tests instrumented"
cargo llvm-cov clean --workspace >/dev/null 2>&1 || true
# tests/chain runs the optimized wasm on the local chain: it measures nothing natively and needs
# a running node, so it is left out (COVERAGE_EXCLUDE, space-separated packages, overrides this).
EXCLUDE=()
for pkg in ${COVERAGE_EXCLUDE-rwa-gate-chain-tests}; do
  if cargo metadata --no-deps --format-version 1 "${CARGO_LOCKED[@]}" | grep -q "\"name\":\"$pkg\""; then
    EXCLUDE+=(--exclude "$pkg")
  fi
done
# --no-fail-fast: a failing test must not hide the coverage of the others; the script still
# fails at the end when any test failed.
TESTS_STATUS=0
cargo llvm-cov "${CARGO_LOCKED[@]}" --workspace "${EXCLUDE[@]}" --no-report --no-fail-fast \
  2>&1 | tee "$OUT/tests.log" || TESTS_STATUS=$?

step "coverage: per-file summary"
cargo llvm-cov report --summary-only --ignore-filename-regex "$IGNORE" | tee "$OUT/summary.txt"
cargo llvm-cov report --lcov --output-path "$OUT/lcov.info" --ignore-filename-regex "$IGNORE"
if ((HTML)); then
  cargo llvm-cov report --html --output-dir "$OUT" --ignore-filename-regex "$IGNORE"
  info "HTML report: $OUT/html/index.html"
fi

step "coverage: uncovered lines (contracts/, packages/rwa-gate/)"
awk -v root="$REPO_ROOT/" '
  /^SF:/ { file = substr($0, 4); sub(root, "", file); lines = ""; hit = 0; total = 0; next }
  /^DA:/ {
    split(substr($0, 4), a, ",")
    total++
    if (a[2] == 0) { lines = lines (lines == "" ? "" : ",") a[1] } else { hit++ }
    next
  }
  /^end_of_record/ {
    if (file ~ /^(contracts|packages\/rwa-gate)\//) {
      all_hit += hit; all_total += total
      printf "    %-55s %4d/%-4d lines %6.2f%%  %s\n", file, hit, total, (total ? 100 * hit / total : 100), (lines == "" ? "" : "uncovered: " lines)
    }
  }
  END { if (all_total) printf "    %-55s %4d/%-4d lines %6.2f%%\n", "TOTAL (contracts + packages/rwa-gate)", all_hit, all_total, 100 * all_hit / all_total }
' "$OUT/lcov.info" | tee "$OUT/uncovered.txt"
info "lcov: $OUT/lcov.info"
if ((TESTS_STATUS != 0)); then
  echo >&2
  echo "WARNING: some tests failed (coverage above still counts every test that ran):" >&2
  grep -E '^test .* FAILED$|^error: test failed' "$OUT/tests.log" >&2 || true
  exit "$TESTS_STATUS"
fi
