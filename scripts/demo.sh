#!/usr/bin/env bash
# The main job: build the contracts, start the local wasmd chain (or use the one running), deploy,
# and run the issuance lifecycle step by step on it (tests/chain/examples/demo.rs): who does what,
# allowed or refused with every reason, each transaction's hash and gas. Writes
# artifacts/demo-transcript.json. Stops the chain node if (and only if) it started it.
# On a fresh machine the first run also builds wasmd (about 11 minutes on 2 cores).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "demo: building the contracts (scripts/build.sh)"
bash "$REPO_ROOT/scripts/build.sh"

trap stop_started_chain EXIT
use_or_start_chain

step "demo: compiling the demo (cargo build -p rwa-gate-chain-tests --example demo)"
cargo build "${CARGO_LOCKED[@]}" -q -p rwa-gate-chain-tests --example demo

step "demo: the issuance lifecycle on the local chain"
cargo run "${CARGO_LOCKED[@]}" -q -p rwa-gate-chain-tests --example demo

step "demo: done (artifacts/demo-transcript.json)"
