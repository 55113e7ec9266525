#!/usr/bin/env bash
# Builds both contracts to optimized, VM-valid wasm in artifacts/, writes artifacts/checksums.txt,
# checks each code against its size budget and validates the result with cosmwasm-check against
# the capabilities of the target chains.
#
#   scripts/build.sh                  build, size budget, cosmwasm-check
#   scripts/build.sh --sizes-only     only the size budget, on the artifacts already built
#   scripts/build.sh --test-budget    shows that the budget check fails one byte over a budget
#                                     and passes at it, on the artifacts already built
#
# The size budget: wasmd refuses a code over MaxWasmSize (819,200 bytes by default), and every
# feature still to come needs room below that. Each code has a budget (650,000 bytes, the
# registry 740,000, unless RWA_GATE_BUDGET_<NAME> says otherwise); the
# build fails when a code passes its budget, so growth is seen the day it happens.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONTRACTS=(compliance_registry gated_token cw20_receiver)
# Osmosis v27 (wasmd v0.53.0, wasmvm v2.1.3): see docs/DESIGN.md, "Toolchain".
CAPABILITIES="iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,osmosis"

MAX_WASM_SIZE=819200
DEFAULT_BUDGET=650000

MODE=build
case "${1:-}" in
  "") ;;
  --sizes-only) MODE=sizes ;;
  --test-budget) MODE=test-budget ;;
  *) die "usage: scripts/build.sh [--sizes-only | --test-budget]" ;;
esac

ARTIFACTS="$REPO_ROOT/artifacts"

# The registry's own budget since v0.4.0: the 130 kB that v0.3.0 freed under it (769,917 ->
# 639,913 bytes) were made for the holder side, which took 77 kB of them (eligibility
# statements, distribution terms, orders, recovery); 740,000 keeps 79 kB (10%) under wasmd's
# limit for what comes next. docs/GAS.md, "Code size".
REGISTRY_BUDGET=740000

# The budget of contract NAME in bytes: RWA_GATE_BUDGET_<NAME in capitals>, else its default.
budget_of() {
  local var="RWA_GATE_BUDGET_${1^^}"
  local default=$DEFAULT_BUDGET
  [[ "$1" == compliance_registry ]] && default=$REGISTRY_BUDGET
  echo "${!var:-$default}"
}

# Every budget given must be a number (checked here: a die inside $(budget_of) would only
# end the subshell).
for name in "${CONTRACTS[@]}"; do
  [[ "$(budget_of "$name")" =~ ^[0-9]+$ ]] ||
    die "RWA_GATE_BUDGET_${name^^} must be a number of bytes, not '$(budget_of "$name")'"
done

# Prints each code's bytes, budget and headroom under MAX_WASM_SIZE; fails naming every code
# over its budget (or over MAX_WASM_SIZE, whatever its budget says).
check_sizes() {
  local name bytes budget over=()
  printf '    %-24s %9s %9s %22s\n' "code" "bytes" "budget" "headroom under $MAX_WASM_SIZE"
  for name in "${CONTRACTS[@]}"; do
    [[ -f "$ARTIFACTS/$name.wasm" ]] || die "no $ARTIFACTS/$name.wasm: run scripts/build.sh first"
    bytes="$(stat -c %s "$ARTIFACTS/$name.wasm")"
    budget="$(budget_of "$name")"
    printf '    %-24s %9d %9d %22d\n' "$name.wasm" "$bytes" "$budget" "$((MAX_WASM_SIZE - bytes))"
    if ((bytes > budget || bytes > MAX_WASM_SIZE)); then
      over+=("$name.wasm is $bytes bytes, $((bytes - budget)) over its budget of $budget")
    fi
  done
  if ((${#over[@]})); then
    local line
    for line in "${over[@]}"; do
      echo "    OVER BUDGET: $line" >&2
    done
    return 1
  fi
}

# The check against itself: a budget equal to each code's size passes, and for each code a
# budget one byte below its size fails.
test_budget() {
  local name bytes at_size=()
  for name in "${CONTRACTS[@]}"; do
    bytes="$(stat -c %s "$ARTIFACTS/$name.wasm" 2>/dev/null)" ||
      die "no $ARTIFACTS/$name.wasm: run scripts/build.sh first"
    at_size+=("RWA_GATE_BUDGET_${name^^}=$bytes")
  done
  (export "${at_size[@]}" && check_sizes >/dev/null 2>&1) ||
    die "budget test: the artifacts failed budgets equal to their own sizes"
  info "budgets equal to the sizes: passes"
  for name in "${CONTRACTS[@]}"; do
    bytes="$(stat -c %s "$ARTIFACTS/$name.wasm")"
    if (export "${at_size[@]}" "RWA_GATE_BUDGET_${name^^}=$((bytes - 1))" &&
      check_sizes >/dev/null 2>&1); then
      die "budget test: $name.wasm ($bytes bytes) passed a budget of $((bytes - 1))"
    fi
    info "$name.wasm one byte over its budget ($((bytes - 1))): fails"
  done
}

case "$MODE" in
  sizes)
    step "build: sizes against their budgets (artifacts/ as built)"
    check_sizes || die "a code is over its size budget (see above)"
    exit 0
    ;;
  test-budget)
    step "build: the size budget check, failing and passing"
    test_budget
    step "build: the budget check fails over a budget and passes at it"
    exit 0
    ;;
esac

bash "$REPO_ROOT/scripts/install-tools.sh"

TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
mkdir -p "$TARGET_DIR"
TARGET_DIR="$(cd "$TARGET_DIR" && pwd -P)"
WASM_DIR="$TARGET_DIR/wasm32-unknown-unknown/release"
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

step "build: cosmwasm-check (capabilities: $CAPABILITIES)"
wasm_files=()
for name in "${CONTRACTS[@]}"; do
  wasm_files+=("$ARTIFACTS/$name.wasm")
done
if ! cosmwasm-check --available-capabilities "$CAPABILITIES" "${wasm_files[@]}"; then
  die "cosmwasm-check rejected the artifacts"
fi

# Last, so that an over-budget build still leaves valid, checked artifacts to look into.
step "build: sizes against their budgets"
check_sizes || die "a code is over its size budget (see above)"

step "build: done (artifacts/ holds ${CONTRACTS[*]/%/.wasm} and checksums.txt)"
