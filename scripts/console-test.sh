#!/usr/bin/env bash
# The compliance console in a real browser: a fresh chain of its own (its own ports and home, so
# it never meets another node), a deployment made through the `rwa-gate` command line (an oracle,
# an issuer, asset `bond` attested, minted, then flagged; asset `note` never attested), the
# console on it, and headless Chromium driven by playwright-core
# (packages/rwa-gate-console/browser-test/console.mjs). Installs Chromium (apt-get) and
# playwright-core (npm, into the target dir) when missing. Screenshots: artifacts/console-*.png.
# Everything it starts is stopped by PID on exit, failing or not.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export RWA_GATE_RPC_PORT="${RWA_GATE_CONSOLE_RPC_PORT:-26957}"
export RWA_GATE_GRPC_PORT="${RWA_GATE_CONSOLE_GRPC_PORT:-9390}"
TARGET="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
export RWA_GATE_CHAIN_HOME="$TARGET/localnet-console"
export RWA_GATE_NODE="http://127.0.0.1:$RWA_GATE_RPC_PORT"
PORT="${RWA_GATE_CONSOLE_PORT:-8471}"
CHAIN=(bash "$REPO_ROOT/scripts/chain.sh")

CONSOLE_PID=""
W="$(mktemp -d "${TMPDIR:-/tmp}/rwa-gate-console-test.XXXXXX")"
cleanup() {
  if [[ -n "$CONSOLE_PID" ]] && kill -0 "$CONSOLE_PID" 2>/dev/null; then
    kill "$CONSOLE_PID" 2>/dev/null || true
    wait "$CONSOLE_PID" 2>/dev/null || true
  fi
  "${CHAIN[@]}" stop >/dev/null 2>&1 || true
  rm -rf "$W"
}
trap cleanup EXIT

step "console-test: Chromium and playwright-core"
if [[ ! -x /usr/bin/chromium ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
NODE_DIR="$TARGET/console-browser"
if [[ ! -d "$NODE_DIR/node_modules/playwright-core" ]]; then
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --silent playwright-core@1.49.1 >/dev/null
fi
cp "$REPO_ROOT/packages/rwa-gate-console/browser-test/console.mjs" "$NODE_DIR/console.mjs"
info "$(/usr/bin/chromium --version 2>/dev/null), playwright-core $(node -p "require('$NODE_DIR/node_modules/playwright-core/package.json').version")"

[[ -f "$REPO_ROOT/artifacts/checksums.txt" ]] || bash "$REPO_ROOT/scripts/build.sh"
step "console-test: building the rwa-gate command line"
cargo build "${CARGO_LOCKED[@]}" -q -p rwa-gate-cli
BIN="$TARGET/debug/rwa-gate"

step "console-test: a fresh chain on RPC $RWA_GATE_RPC_PORT, gRPC $RWA_GATE_GRPC_PORT ($RWA_GATE_CHAIN_HOME)"
"${CHAIN[@]}" reset

step "console-test: deploying and running a story through the command line"
source "$REPO_ROOT/tests/fixtures/localnet.env"
(umask 077 && printf '%s\n' "$RWA_GATE_FAUCET_MNEMONIC" >"$W/faucet.mnemonic")
export RWA_GATE_MNEMONIC_FILE="$W/faucet.mnemonic" RWA_GATE_DEPLOYMENT="$W/deployment.json"
unset RWA_GATE_MNEMONIC RWA_GATE_ACCOUNT_INDEX
rg() { "$BIN" --quiet "$@" | tail -n 1 | sed 's/^/    /'; }
for f in negative-list materials screening dispute; do echo "$f $RANDOM" >"$W/$f.txt"; done
rg deploy --negative-list "$W/negative-list.txt"
ME="$("$BIN" address)"
rg owner add-oracle "$ME" --scopes filing,screening,flags
rg owner approve-issuer "$ME"
rg issuer register-entity acme
for asset in bond note; do
  rg issuer register-asset "$asset" --filing-entity acme --max-supply 1000000 \
    --materials "$W/materials.txt" --name "${asset^} Token" --symbol "${asset^^}"
done
rg oracle attest-filing bond --reference CSRC-2026-0001 --materials "$W/materials.txt" \
  --max-supply 1000000 --valid-for 365d
rg oracle attest-screening bond --evidence "$W/screening.txt" --valid-for 5d
rg issuer mint bond --amount 1000
ASOF_HEIGHT="$("$BIN" --json issuer mint bond --amount 2500 | node -pe 'JSON.parse(require("fs").readFileSync(0)).height')"
info "second mint at height $ASOF_HEIGHT"
rg oracle flag raise --asset bond --reason ownership-dispute --evidence "$W/dispute.txt"

step "console-test: the console on 127.0.0.1:$PORT"
"$BIN" console --port "$PORT" --index "$W/index.sqlite" >"$W/console.log" 2>&1 &
CONSOLE_PID=$!
for _ in $(seq 1 100); do
  grep -q '^console: ' "$W/console.log" 2>/dev/null && break
  kill -0 "$CONSOLE_PID" 2>/dev/null || { cat "$W/console.log" >&2; die "the console stopped"; }
  sleep 0.2
done
grep '^console: ' "$W/console.log" | sed 's/^/    /' || die "the console printed no address"
info "index: $(curl -s "http://127.0.0.1:$PORT/api/head")"

step "console-test: headless Chromium"
mkdir -p "$REPO_ROOT/artifacts"
CONSOLE_URL="http://127.0.0.1:$PORT/" ARTIFACTS="$REPO_ROOT/artifacts" ASOF_HEIGHT="$ASOF_HEIGHT" \
  ATTEST_CMD="'$BIN' --quiet oracle attest-screening bond --evidence '$W/screening.txt' --valid-for 30d" \
  node "$NODE_DIR/console.mjs"
step "console-test: done (artifacts/console-overview.png, console-asset.png, console-asset-live.png, console-asof.png)"
