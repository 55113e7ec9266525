#!/usr/bin/env bash
# Builds both contracts to optimized, VM-valid wasm in artifacts/, writes artifacts/checksums.txt
# and validates the result with cosmwasm-check against the capabilities of the target chains.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONTRACTS=(compliance_registry gated_token cw20_receiver)
# Osmosis v27 (wasmd v0.53.0, wasmvm v2.1.3): see docs/DESIGN.md, "Toolchain".
CAPABILITIES="iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,osmosis"

bash "$REPO_ROOT/scripts/install-tools.sh"

TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
mkdir -p "$TARGET_DIR"
TARGET_DIR="$(cd "$TARGET_DIR" && pwd -P)"
WASM_DIR="$TARGET_DIR/wasm32-unknown-unknown/release"
ARTIFACTS="$REPO_ROOT/artifacts"
WASM_OPT="$REPO_ROOT/node_modules/.bin/wasm-opt"

step "build: cargo build --release (wasm32-unknown-unknown)"
# Strip symbols and remap absolute paths so that the same sources give the same bytes in any
# clone path, cargo home or target dir. The flags are passed through CARGO_ENCODED_RUSTFLAGS
# (separated by 0x1f) so that paths containing spaces survive; it takes precedence over RUSTFLAGS.
# rustc applies the last matching remap, so the target dir (wherever it is) maps to
# /rwa-gate/target, exactly what the default target dir inside the repo maps to.
rustflags=(
  "-C" "link-arg=-s"
  "--remap-path-prefix=$REPO_ROOT=/rwa-gate"
  "--remap-path-prefix=$CARGO_HOME_DIR=/cargo"
  "--remap-path-prefix=$TARGET_DIR=/rwa-gate/target"
)
encoded="$(printf '%s\x1f' "${rustflags[@]}")"
unset RUSTFLAGS
# The registry has a profile of its own (opt-level "z", Cargo.toml): its code is not on the mint
# path, and bytes are what it is short of. The token and the receiver keep opt-level 3.
CARGO_ENCODED_RUSTFLAGS="${encoded%$'\x1f'}" \
  cargo build "${CARGO_LOCKED[@]}" --release --lib --target wasm32-unknown-unknown \
  -p gated-token -p cw20-receiver
CARGO_ENCODED_RUSTFLAGS="${encoded%$'\x1f'}" \
  cargo build "${CARGO_LOCKED[@]}" --profile wasm-registry --lib --target wasm32-unknown-unknown \
  -p compliance-registry

step "build: wasm-opt -Os (lowering bulk-memory and sign-ext for the CosmWasm VM)"
mkdir -p "$ARTIFACTS"
for name in "${CONTRACTS[@]}"; do
  in="$WASM_DIR/$name.wasm"
  [[ "$name" == compliance_registry ]] && in="$TARGET_DIR/wasm32-unknown-unknown/wasm-registry/$name.wasm"
  out="$ARTIFACTS/$name.wasm"
  [[ -f "$in" ]] || die "cargo produced no $in"
  rm -f "$out"
  "$WASM_OPT" -Os --enable-bulk-memory --enable-sign-ext \
    --llvm-memory-copy-fill-lowering --signext-lowering "$in" -o "$out"
  info "$name.wasm: $(stat -c %s "$in") bytes (cargo) -> $(stat -c %s "$out") bytes (wasm-opt)"
done

step "build: artifacts/checksums.txt"
(
  cd "$ARTIFACTS"
  sha256sum "${CONTRACTS[@]/%/.wasm}" | LC_ALL=C sort -k2 >checksums.txt.tmp
  mv checksums.txt.tmp checksums.txt
)
sed 's/^/    /' "$ARTIFACTS/checksums.txt"

step "build: sizes"
for name in "${CONTRACTS[@]}"; do
  printf '    %-34s %8d bytes\n' "artifacts/$name.wasm" "$(stat -c %s "$ARTIFACTS/$name.wasm")"
done

step "build: cosmwasm-check (capabilities: $CAPABILITIES)"
wasm_files=()
for name in "${CONTRACTS[@]}"; do
  wasm_files+=("$ARTIFACTS/$name.wasm")
done
if ! cosmwasm-check --available-capabilities "$CAPABILITIES" "${wasm_files[@]}"; then
  die "cosmwasm-check rejected the artifacts"
fi

step "build: done (artifacts/ holds ${CONTRACTS[*]/%/.wasm} and checksums.txt)"
