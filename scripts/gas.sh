#!/usr/bin/env bash
# The gas report: gas_used of real transactions on the local wasmd chain, the gated token beside
# cw20-base 2.0.0 (same chain, same accounts, same run) — tests/chain/examples/gas_report.rs.
#   1. builds the contracts (scripts/build.sh) and the baseline (scripts/baseline.sh), so the
#      report never measures stale artifacts;
#   2. starts the local chain unless one is running (and stops it afterwards if it started it);
#   3. writes artifacts/gas-report.json and prints the tables of docs/GAS.md; the codes table
#      (bytes, headroom under 819,200, store gas) is written into docs/GAS.md between its
#      gas.sh markers.
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

DOC="$REPO_ROOT/docs/GAS.md"
CODES="$REPO_ROOT/artifacts/gas-codes.md"
if [[ -f "$CODES" && -f "$DOC" ]] && grep -q '^<!-- gas.sh codes: begin -->$' "$DOC"; then
  awk -v table="$CODES" '
    /^<!-- gas.sh codes: begin -->$/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
    /^<!-- gas.sh codes: end -->$/ { skip = 0 }
    !skip { print }
  ' "$DOC" >"$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
  info "the codes table of $DOC is updated"
fi

step "gas: done (artifacts/gas-report.json)"
