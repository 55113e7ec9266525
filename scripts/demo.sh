#!/usr/bin/env bash
# Demo: builds the wasm artifacts, then runs the issuance lifecycle step by step on
# cw-multi-test (tests/examples/lifecycle.rs) and prints its table.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "demo: building artifacts (scripts/build.sh)"
bash "$REPO_ROOT/scripts/build.sh"

step "demo: issuance lifecycle on cw-multi-test (cargo run -p rwa-gate-tests --example lifecycle)"
cargo run "${CARGO_LOCKED[@]}" -q -p rwa-gate-tests --example lifecycle

step "demo: done"
