#!/usr/bin/env bash
# The whole suite: tools, formatting, lints, tests, schema freshness, wasm build and check.
# Fails (non-zero) on the first failing step; never skips a step.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CURRENT_STEP="(start)"
trap 'status=$?; if ((status != 0)); then echo; echo "FAILED: step \"$CURRENT_STEP\" exited with status $status" >&2; fi' EXIT

run_step() {
  CURRENT_STEP="$1"
  shift
  step "test: $CURRENT_STEP"
  echo "    \$ $*"
  "$@"
}

run_step "install tools" bash "$REPO_ROOT/scripts/install-tools.sh"
run_step "cargo fmt" cargo fmt --all -- --check
# --all-features also lints the schema binaries (required-features = ["schema"]).
run_step "cargo clippy" cargo clippy "${CARGO_LOCKED[@]}" --workspace --all-targets --all-features -- -D warnings
run_step "schema check" bash "$REPO_ROOT/scripts/schema.sh" --check
# The wasm first: the VM-level tests (tests/vm) load the optimized artifacts.
run_step "wasm build and cosmwasm-check" bash "$REPO_ROOT/scripts/build.sh"
run_step "cargo test" cargo test "${CARGO_LOCKED[@]}" --workspace

CURRENT_STEP="(done)"
echo
echo "OK: all 6 steps passed (install tools, fmt, clippy, schema check, wasm build + cosmwasm-check, test)"
