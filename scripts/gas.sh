#!/usr/bin/env bash
# The gas report: gas_used of real transactions on the local wasmd chain, the gated token beside
# cw20-base 2.0.0 (same chain, same accounts, same run) — tests/chain/examples/gas_report.rs.
#   1. builds the contracts (scripts/build.sh) and the baseline (scripts/baseline.sh), so the
#      report never measures stale artifacts;
#   2. starts the local chain unless one is running (and stops it afterwards if it started it);
#   3. writes artifacts/gas-report.json and prints the table of docs/GAS.md.
# Registering the 10,000 assets of mint_10k_assets takes a few minutes;
# RWA_GATE_GAS_ASSETS=100 gives a quick (smaller) run.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$REPO_ROOT/scripts/build.sh"
bash "$REPO_ROOT/scripts/baseline.sh"

trap stop_started_chain EXIT
use_or_start_chain

step "gas: gas_used on the local chain (cargo run -p rwa-gate-chain-tests --example gas_report)"
cargo run "${CARGO_LOCKED[@]}" -q -p rwa-gate-chain-tests --example gas_report

step "gas: done (artifacts/gas-report.json)"
