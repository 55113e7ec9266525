#!/usr/bin/env bash
# The local chain: one wasmd validator on loopback ports, run by the project itself.
#
#   scripts/chain.sh build    fetch wasmd $WASMD_VERSION through the Go module proxy and build it
#                             into a cache outside the clone (reused when present)
#   scripts/chain.sh start    build if needed, initialise a fresh one-validator network, start the
#                             node, wait for blocks, record its PID (no-op when already running)
#   scripts/chain.sh stop     stop exactly the recorded PID
#   scripts/chain.sh status   PID, height and block time of the running node
#   scripts/chain.sh reset    stop, then delete the node's data
#
# Ports (loopback only, clear of a default node's 26656/26657/9090/1317):
#   CometBFT RPC 127.0.0.1:26757 (RWA_GATE_RPC_PORT), P2P 26756, ABCI 26758, gRPC 9190; the REST
#   API and pprof are off. Data and log: target/localnet/ (RWA_GATE_CHAIN_HOME).
# Accounts: the validator and the faucet of tests/fixtures/localnet.env (test fixtures only).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WASMD_MODULE="github.com/CosmWasm/wasmd"
WASMD_VERSION="v0.70.3"
CACHE_DIR="${RWA_GATE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rwa-gate}"
WASMD_DIR="$CACHE_DIR/wasmd-$WASMD_VERSION"
WASMD_BIN="$WASMD_DIR/bin/wasmd"
CHAIN_HOME="${RWA_GATE_CHAIN_HOME:-$REPO_ROOT/target/localnet}"
NODE_HOME="$CHAIN_HOME/node0"
PID_FILE="$CHAIN_HOME/wasmd.pid"
LOG_FILE="$CHAIN_HOME/wasmd.log"
RPC_PORT="${RWA_GATE_RPC_PORT:-26757}"
P2P_PORT="$((RPC_PORT - 1))"
ABCI_PORT="$((RPC_PORT + 1))"
GRPC_PORT="${RWA_GATE_GRPC_PORT:-9190}"
RPC_URL="http://127.0.0.1:$RPC_PORT"

# shellcheck source=tests/fixtures/localnet.env
source "$REPO_ROOT/tests/fixtures/localnet.env"
CHAIN_ID="$RWA_GATE_CHAIN_ID"
DENOM="$RWA_GATE_DENOM"

# The binary loads libwasmvm from its own directory (copied there by `build`).
wasmd() {
  LD_LIBRARY_PATH="$WASMD_DIR/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$WASMD_BIN" "$@"
}

wasmd_works() {
  [[ -x "$WASMD_BIN" ]] && wasmd version >/dev/null 2>&1
}

# Prints a line every 30 s while the given PID runs, so a long build never looks hung.
progress_while() {
  local pid="$1" what="$2" started=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    sleep 30
    kill -0 "$pid" 2>/dev/null && info "$what: still running ($((SECONDS - started)) s)"
  done
  return 0
}

cmd_build() {
  step "chain: wasmd $WASMD_VERSION"
  if wasmd_works; then
    info "cached: $WASMD_BIN"
    return 0
  fi
  require_cmd go
  mkdir -p "$CACHE_DIR"
  info "go mod download $WASMD_MODULE@$WASMD_VERSION (checksums verified against go.sum / sum.golang.org)"
  local json src
  json="$(cd "$CACHE_DIR" && GOFLAGS=-mod=mod go mod download -json "$WASMD_MODULE@$WASMD_VERSION")" ||
    die "go mod download $WASMD_MODULE@$WASMD_VERSION failed"
  src="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$json")"
  [[ -n "$src" && -d "$src" ]] || die "go mod download printed no module directory: $json"
  # The module cache is read-only, and wasmd's go.mod has replace directives, so
  # `go install module@version` refuses: build a writable copy instead.
  local build_dir="$CACHE_DIR/wasmd-$WASMD_VERSION.build"
  rm -rf "$build_dir"
  cp -r "$src" "$build_dir"
  chmod -R u+w "$build_dir"
  info "go build ./cmd/wasmd (about 11 minutes on 2 cores from cold; progress every 30 s)"
  local started=$SECONDS
  (cd "$build_dir" && exec go build -o "$build_dir/wasmd" ./cmd/wasmd) \
    >"$CACHE_DIR/wasmd-build.log" 2>&1 &
  local pid=$!
  progress_while "$pid" "go build"
  if ! wait "$pid"; then
    tail -n 30 "$CACHE_DIR/wasmd-build.log" >&2
    die "go build of wasmd failed (log: $CACHE_DIR/wasmd-build.log)"
  fi
  info "built in $((SECONDS - started)) s"
  # libwasmvm ships in the wasmvm module; keep a copy beside the binary.
  local wasmvm_version lib
  wasmvm_version="$(cd "$build_dir" && go list -m -f '{{.Version}}' github.com/CosmWasm/wasmvm/v3)"
  lib="$(cd "$build_dir" && go list -m -f '{{.Dir}}' github.com/CosmWasm/wasmvm/v3)/internal/api/libwasmvm.$(uname -m).so"
  [[ -f "$lib" ]] || die "libwasmvm not found at $lib"
  rm -rf "$WASMD_DIR"
  mkdir -p "$WASMD_DIR/bin" "$WASMD_DIR/lib"
  cp "$lib" "$WASMD_DIR/lib/"
  mv "$build_dir/wasmd" "$WASMD_BIN"
  rm -rf "$build_dir"
  wasmd_works || die "the built wasmd does not run"
  info "wasmd $WASMD_VERSION, wasmvm $wasmvm_version: $WASMD_BIN"
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Only our node: the PID must still be a wasmd started with our home.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--home $NODE_HOME" || return 1
  echo "$pid"
}

rpc_height() {
  local status
  status="$(curl -sf --max-time 2 "$RPC_URL/status" 2>/dev/null || true)"
  sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' <<<"$status"
}

# Edits `key = value` under [section] of a TOML file (first match only).
toml_set() {
  local file="$1" section="$2" key="$3" value="$4"
  awk -v section="[$section]" -v key="$key" -v value="$value" '
    BEGIN { in_section = (section == "[]") }
    /^\[/ { in_section = ($0 == section) }
    in_section && !done && $0 ~ "^" key "[[:space:]]*=" { print key " = " value; done = 1; next }
    { print }
    END { if (!done) exit 3 }
  ' "$file" >"$file.tmp" || die "$file: no key '$key' in [$section]"
  mv "$file.tmp" "$file"
}

init_network() {
  step "chain: initialising a fresh network ($CHAIN_ID) in $NODE_HOME"
  rm -rf "$NODE_HOME"
  mkdir -p "$NODE_HOME"
  # Client commands read $HOME/.wasmd/client.toml whatever --home says: give them their own HOME.
  export HOME="$CHAIN_HOME"
  local k=(--keyring-backend test --home "$NODE_HOME")
  wasmd init node0 --chain-id "$CHAIN_ID" --default-denom "$DENOM" --home "$NODE_HOME" >/dev/null 2>&1
  echo "$RWA_GATE_VALIDATOR_MNEMONIC" | wasmd keys add validator --recover "${k[@]}" >/dev/null 2>&1
  echo "$RWA_GATE_FAUCET_MNEMONIC" | wasmd keys add faucet --recover "${k[@]}" >/dev/null 2>&1
  local validator faucet
  validator="$(wasmd keys show validator -a "${k[@]}")"
  faucet="$(wasmd keys show faucet -a "${k[@]}")"
  wasmd genesis add-genesis-account "$validator" "1000000000000$DENOM" "${k[@]}" >/dev/null
  wasmd genesis add-genesis-account "$faucet" "1000000000000000$DENOM" "${k[@]}" >/dev/null
  wasmd genesis gentx validator "100000000$DENOM" --chain-id "$CHAIN_ID" "${k[@]}" >/dev/null 2>&1
  wasmd genesis collect-gentxs --home "$NODE_HOME" >/dev/null 2>&1
  wasmd genesis validate-genesis --home "$NODE_HOME" >/dev/null
  info "validator $validator, faucet $faucet"

  local config="$NODE_HOME/config/config.toml" app="$NODE_HOME/config/app.toml"
  toml_set "$config" "" proxy_app "\"tcp://127.0.0.1:$ABCI_PORT\""
  toml_set "$config" rpc laddr "\"tcp://127.0.0.1:$RPC_PORT\""
  toml_set "$config" rpc pprof_laddr '""'
  # A stored contract travels hex-encoded in a simulation and base64 in a broadcast: the
  # defaults (1 MB) refuse a 700 kB wasm.
  toml_set "$config" rpc max_body_bytes 8000000
  toml_set "$config" mempool max_tx_bytes 4194304
  toml_set "$config" "" log_level '"warn"'
  toml_set "$config" p2p laddr "\"tcp://127.0.0.1:$P2P_PORT\""
  toml_set "$config" p2p addr_book_strict false
  toml_set "$config" consensus timeout_commit '"300ms"'
  toml_set "$config" instrumentation prometheus false
  toml_set "$app" "" minimum-gas-prices "\"0$DENOM\""
  toml_set "$app" api enable false
  toml_set "$app" grpc address "\"127.0.0.1:$GRPC_PORT\""
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    step "chain: already running (PID $pid, $RPC_URL, height $(rpc_height))"
    return 0
  fi
  cmd_build
  require_cmd curl
  if curl -sf --max-time 2 "$RPC_URL/status" >/dev/null 2>&1; then
    die "something else already answers on $RPC_URL: stop it or set RWA_GATE_RPC_PORT"
  fi
  (init_network)
  step "chain: starting wasmd (log: $LOG_FILE)"
  : >"$LOG_FILE"
  HOME="$CHAIN_HOME" LD_LIBRARY_PATH="$WASMD_DIR/lib" \
    setsid "$WASMD_BIN" start --home "$NODE_HOME" >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  local deadline=$((SECONDS + 90)) height=""
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "---- last lines of $LOG_FILE ----" >&2
      tail -n 40 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      die "wasmd exited during start-up"
    fi
    height="$(rpc_height)"
    if [[ -n "$height" ]] && ((height >= 2)); then
      info "producing blocks: height $height, PID $pid, RPC $RPC_URL, chain id $CHAIN_ID"
      return 0
    fi
    sleep 0.5
  done
  echo "---- last lines of $LOG_FILE ----" >&2
  tail -n 40 "$LOG_FILE" >&2
  kill "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  die "wasmd produced no block within 90 s"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    step "chain: not running"
    return 0
  fi
  step "chain: stopping wasmd (PID $pid)"
  kill "$pid"
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    info "still running after 20 s: SIGKILL"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  info "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    local status
    status="$(curl -sf --max-time 2 "$RPC_URL/status" || true)"
    echo "running: PID $pid, RPC $RPC_URL, chain id $CHAIN_ID"
    echo "height: $(sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' <<<"$status")"
    echo "block time: $(sed -n 's/.*"latest_block_time":"\([^"]*\)".*/\1/p' <<<"$status")"
  else
    echo "not running (RPC $RPC_URL)"
    return 3
  fi
}

cmd_reset() {
  cmd_stop
  rm -rf "$NODE_HOME" "$LOG_FILE"
  step "chain: data deleted ($NODE_HOME)"
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  *)
    echo "usage: scripts/chain.sh build|start|stop|status|reset" >&2
    exit 2
    ;;
esac
