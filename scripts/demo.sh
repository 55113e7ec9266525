#!/usr/bin/env bash
# Demo: builds the wasm artifacts, then runs the issuance lifecycle step by step on
# cw-multi-test (tests/examples/lifecycle.rs) and prints its table.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "demo: building artifacts (scripts/build.sh)"
bash "$REPO_ROOT/scripts/build.sh"

# The optimized wasm in cosmwasm-vm, the VM the chain embeds: the chain apps themselves
# (osmosis-test-tube, neutron-test-tube) do not build here (docs/GAS.md).
step "demo: issuance lifecycle on the optimized wasm (cargo run -p rwa-gate-vm-tests --example demo)"
cargo run "${CARGO_LOCKED[@]}" -q -p rwa-gate-vm-tests --example demo

step "demo: done"
