#!/usr/bin/env bash
# The whole suite: tools, formatting, lints, schema and TypeScript-client freshness, the fuzz
# crate compiling, the wasm build and its check, the baseline (cw20-base), the local wasmd
# chain, then every test — unit, cw-multi-test, the chain suite on the optimized artifacts, the
# `rwa-gate` command line and TypeScript client end to end on the chain, and a short load with
# faults on a network of four validators (scripts/load.sh --short: a few hundred transactions,
# one validator killed and restarted; fails on any lost or duplicated transaction or any
# divergence between nodes), and a short drill of the oracle agent (scripts/oracle-drill.sh --short).
# Fails (non-zero) on the first failing step; never skips one: if the chain cannot be built or
# started, it fails loudly. The nodes it starts are stopped by their PIDs on every exit, failing
# tests included.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CURRENT_STEP="(start)"
finish() {
  local status=$?
  stop_started_chain
  if ((status != 0)); then
    echo
    echo "FAILED: step \"$CURRENT_STEP\" exited with status $status" >&2
  fi
}
trap finish EXIT

run_step() {
  CURRENT_STEP="$1"
  shift
  step "test: $CURRENT_STEP ($(date -u +%H:%M:%S))"
  echo "    \$ $*"
  "$@"
}

run_step "install tools" bash "$REPO_ROOT/scripts/install-tools.sh"
run_step "cargo fmt" cargo fmt --all -- --check
# --all-features also lints the schema binaries (required-features = ["schema"]).
run_step "cargo clippy" cargo clippy "${CARGO_LOCKED[@]}" --workspace --all-targets --all-features -- -D warnings
run_step "schema check" bash "$REPO_ROOT/scripts/schema.sh" --check
# The fuzz crate is outside the workspace (cargo-fuzz wants its own); it must keep compiling
# against the contracts it drives, even though fuzzing itself (scripts/fuzz.sh) is time-boxed
# and not part of this suite.
run_step "fuzz crate compiles" cargo check --locked -q --manifest-path "$REPO_ROOT/fuzz/Cargo.toml"
run_step "typescript client check" bash "$REPO_ROOT/scripts/ts-client.sh" --check
run_step "wasm build and cosmwasm-check" bash "$REPO_ROOT/scripts/build.sh"
run_step "baseline cw20-base 2.0.0" bash "$REPO_ROOT/scripts/baseline.sh"
run_step "wasmd build" bash "$REPO_ROOT/scripts/chain.sh" build

run_step "local chain" use_or_start_chain

run_step "cargo test" cargo test "${CARGO_LOCKED[@]}" --workspace
run_step "command line and typescript end to end" bash "$REPO_ROOT/scripts/cli-e2e.sh"
# Its own four-validator network, on ports of its own, started and stopped by load.sh.
run_step "load and faults on four validators (short)" bash "$REPO_ROOT/scripts/load.sh" --short
# The oracle agent on its own fresh four-validator network: killed twice mid-batch, a validator
# killed once; the chain must then equal the decisions exactly.
run_step "oracle agent drill on four validators (short)" bash "$REPO_ROOT/scripts/oracle-drill.sh" --short
# Its own chain, on ports of its own, started and stopped by console-test.sh.
run_step "compliance console in headless Chromium" bash "$REPO_ROOT/scripts/console-test.sh"

CURRENT_STEP="(done)"
echo
echo "OK: all 15 steps passed (install tools, fmt, clippy, schema check, fuzz crate compiles, typescript client check, wasm build + cosmwasm-check, baseline, wasmd build, local chain, test, command line e2e, load with faults, oracle agent drill, console in a browser)"
