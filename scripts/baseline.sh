#!/usr/bin/env bash
# Builds the baseline, cw20-base 2.0.0 from crates.io (baseline/, a cargo workspace of its own),
# with the same release profile and wasm-opt step as the contracts, into artifacts/cw20_base.wasm.
# The chain suite compares the gated token's cw20 answers with it; the gas report measures both.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Osmosis v27 (wasmd v0.53.0, wasmvm v2.1.3): docs/DESIGN.md, "Toolchain".
CAPABILITIES="iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,osmosis"
# cw20-base 2.0.0's instantiate aborts in the VM with cosmwasm-std 2.0.0; 2.3.x works.
BASELINE_STD="2.3.6"

TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
mkdir -p "$TARGET_DIR"
TARGET_DIR="$(cd "$TARGET_DIR" && pwd -P)"
BASELINE_TARGET="$TARGET_DIR/baseline"
WASM_OPT="$REPO_ROOT/node_modules/.bin/wasm-opt"
[[ -x "$WASM_OPT" ]] || bash "$REPO_ROOT/scripts/install-tools.sh"

step "baseline: cw20-base 2.0.0 (cosmwasm-std $BASELINE_STD), release profile of the contracts"
(
  cd "$REPO_ROOT/baseline"
  cargo update --quiet -p cosmwasm-std --precise "$BASELINE_STD"
  unset RUSTFLAGS
  CARGO_TARGET_DIR="$BASELINE_TARGET" CARGO_ENCODED_RUSTFLAGS="-Clink-arg=-s" \
    cargo build --locked --release --lib --target wasm32-unknown-unknown
)
in="$BASELINE_TARGET/wasm32-unknown-unknown/release/cw20_base_baseline.wasm"
out="$REPO_ROOT/artifacts/cw20_base.wasm"
[[ -f "$in" ]] || die "cargo produced no $in"
mkdir -p "$REPO_ROOT/artifacts"
rm -f "$out"
"$WASM_OPT" -Os --enable-bulk-memory --enable-sign-ext \
  --llvm-memory-copy-fill-lowering --signext-lowering "$in" -o "$out"
info "cw20_base.wasm: $(stat -c %s "$in") bytes (cargo) -> $(stat -c %s "$out") bytes (wasm-opt)"
cosmwasm-check --available-capabilities "$CAPABILITIES" "$out" >/dev/null ||
  die "cosmwasm-check rejected artifacts/cw20_base.wasm"
