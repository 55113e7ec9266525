#!/usr/bin/env bash
# The main job: build the contracts, start the local wasmd chain (or use the one running), deploy,
# and run the issuance lifecycle step by step on it (tests/chain/examples/demo.rs): who does what,
# allowed or refused with every reason, each transaction's hash and gas. Writes
# artifacts/demo-transcript.json. Stops the chain node if (and only if) it started it.
# On a fresh machine the first run also builds wasmd (about 11 minutes on 2 cores).
#   scripts/demo.sh --keep-chain   leaves the chain up and ends by starting the compliance
#                                  console on it (127.0.0.1:${RWA_GATE_CONSOLE_PORT:-8470}),
#                                  printing its address and PID
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "demo: building the contracts (scripts/build.sh)"
bash "$REPO_ROOT/scripts/build.sh"

KEEP_CHAIN=0
case "${1:-}" in
  "") ;;
  --keep-chain) KEEP_CHAIN=1 ;;
  *) die "usage: scripts/demo.sh [--keep-chain]" ;;
esac

((KEEP_CHAIN)) || trap stop_started_chain EXIT
use_or_start_chain

step "demo: compiling the demo (cargo build -p rwa-gate-chain-tests --example demo)"
cargo build "${CARGO_LOCKED[@]}" -q -p rwa-gate-chain-tests --example demo

step "demo: the issuance lifecycle on the local chain"
cargo run "${CARGO_LOCKED[@]}" -q -p rwa-gate-chain-tests --example demo

step "demo: done (artifacts/demo-transcript.json)"

if ((KEEP_CHAIN)); then
  step "demo: the compliance console on the demo's chain (it stays up with the chain)"
  cargo build "${CARGO_LOCKED[@]}" -q -p rwa-gate-cli
  REGISTRY="$(node -pe 'require("./artifacts/demo-transcript.json").registry')"
  LOG="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/demo-console.log"
  # The index is of this chain only: a chain made afresh reuses the same addresses.
  rm -f "${CARGO_TARGET_DIR:-$REPO_ROOT/target}"/demo-console.sqlite*
  nohup "${CARGO_TARGET_DIR:-$REPO_ROOT/target}/debug/rwa-gate" console --registry "$REGISTRY" \
    --node "${RWA_GATE_NODE:-http://127.0.0.1:${RWA_GATE_RPC_PORT:-26757}}" \
    --port "${RWA_GATE_CONSOLE_PORT:-8470}" --from-height 1 \
    --index "${CARGO_TARGET_DIR:-$REPO_ROOT/target}/demo-console.sqlite" >"$LOG" 2>&1 &
  CONSOLE_PID=$!
  for _ in $(seq 1 150); do
    grep -q '^console: ' "$LOG" 2>/dev/null && break
    kill -0 "$CONSOLE_PID" 2>/dev/null || { cat "$LOG" >&2; die "the console stopped"; }
    sleep 0.2
  done
  grep '^console: ' "$LOG" || die "the console printed no address (log: $LOG)"
  info "console PID $CONSOLE_PID (stop it with: kill $CONSOLE_PID; the chain: scripts/chain.sh stop)"
fi
