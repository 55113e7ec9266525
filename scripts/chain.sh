#!/usr/bin/env bash
# The local chain: one wasmd validator on loopback ports, run by the project itself; or, with
# `--validators N`, a network of N validators (one genesis, N gentxs) peered on loopback.
#
#   scripts/chain.sh build    fetch wasmd $WASMD_VERSION through the Go module proxy and build it
#                             into a cache outside the clone (reused when present)
#   scripts/chain.sh start    build if needed; resume the stopped chain on its data (same blocks,
#                             same accounts and contracts), or initialise a fresh one-validator
#                             network when there is none; start the node, wait for blocks,
#                             record its PID (no-op when already running)
#   scripts/chain.sh stop     stop exactly the recorded PID (the data stays for the next start)
#   scripts/chain.sh status   PID, height and block time of the running node
#   scripts/chain.sh reset    stop, delete the node's data, and start a fresh chain
#
# The node runs with CometBFT's default limits (RPC body 1,000,000 bytes, transaction 1 MiB),
# as a real chain's nodes do: nothing here may depend on raised ones (the client uploads codes
# compressed).
#
# Ports (loopback only, clear of a default node's 26656/26657/9090/1317):
#   CometBFT RPC 127.0.0.1:26757 (RWA_GATE_RPC_PORT), P2P 26756, ABCI 26758, gRPC 9190; the REST
#   API and pprof are off. Data and log: target/localnet/ (RWA_GATE_CHAIN_HOME).
# Accounts: the validator and the faucet of tests/fixtures/localnet.env (test fixtures only).
#
# A network of N validators (2 to 9; 4 tolerates one failed validator), beside the single node:
#
#   scripts/chain.sh --validators 4 start         resumes the stopped network on its data, or
#                                                 a fresh one in target/localnet-4/node0..3;
#                                                 every node started, waits until all produce
#   scripts/chain.sh --validators 4 stop          stops exactly the recorded PIDs
#   scripts/chain.sh --validators 4 status        each node's PID, RPC, height, catching up
#   scripts/chain.sh --validators 4 reset         stop, delete the network's data, start fresh
#   scripts/chain.sh --validators 4 nodes         the RPC addresses, comma-separated (RWA_GATE_NODE)
#   scripts/chain.sh --validators 4 kill I        SIGKILL node I (by its recorded PID)
#   scripts/chain.sh --validators 4 hang I        SIGSTOP node I: it keeps its sockets, answers nothing
#   scripts/chain.sh --validators 4 restart I     start node I again on its data (after kill or
#                                                 hang, which it ends first), waits for its RPC
#
# Node I listens on RPC 127.0.0.1:(26867 + 10 I) (RWA_GATE_NET_RPC_PORT for node 0), P2P one
# below, ABCI one above, gRPC 9290 + I; data and logs in target/localnet-N/ (RWA_GATE_NET_HOME).
# Validator I's key is the validator mnemonic at HD index I; the faucet is the single node's.
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
  toml_set "$config" "" log_level '"warn"'
  toml_set "$config" p2p laddr "\"tcp://127.0.0.1:$P2P_PORT\""
  toml_set "$config" p2p addr_book_strict false
  toml_set "$config" consensus timeout_commit '"300ms"'
  toml_set "$config" instrumentation prometheus false
  toml_set "$app" "" minimum-gas-prices "\"0$DENOM\""
  toml_set "$app" api enable false
  toml_set "$app" grpc address "\"127.0.0.1:$GRPC_PORT\""
}

# A node home that a previous start initialised (and that reset has not deleted).
has_data() {
  [[ -f "$1/config/genesis.json" && -d "$1/data" ]]
}

# Ends a node this script launched and that did not come up (by its PID).
end_launched() {
  local pid="$1"
  kill "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

# Waits for a new block (height 2 or more, and above the first height the node answers with,
# which is where a resumed chain stopped); on failure shows the log, ends the node and dies.
wait_for_blocks() {
  local pid="$1" deadline=$((SECONDS + 90)) height="" first=""
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "---- last lines of $LOG_FILE ----" >&2
      tail -n 40 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      die "wasmd exited during start-up"
    fi
    height="$(rpc_height)"
    [[ -n "$first" || -z "$height" ]] || first="$height"
    if [[ -n "$height" ]] && ((height >= 2 && height > first)); then
      info "producing blocks: height $height, PID $pid, RPC $RPC_URL, chain id $CHAIN_ID"
      return 0
    fi
    sleep 0.5
  done
  echo "---- last lines of $LOG_FILE ----" >&2
  tail -n 40 "$LOG_FILE" >&2
  end_launched "$pid"
  die "wasmd produced no block within 90 s"
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
  if has_data "$NODE_HOME"; then
    step "chain: resuming the stopped chain in $NODE_HOME (scripts/chain.sh reset starts a fresh one)"
  else
    (init_network)
    : >"$LOG_FILE"
  fi
  step "chain: starting wasmd (log: $LOG_FILE)"
  echo "---- start $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$LOG_FILE"
  HOME="$CHAIN_HOME" LD_LIBRARY_PATH="$WASMD_DIR/lib" \
    setsid "$WASMD_BIN" start --home "$NODE_HOME" >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  # Interrupted or failing before the node produces blocks: it is stopped, by its PID.
  trap 'end_launched '"$pid" EXIT
  wait_for_blocks "$pid"
  trap - EXIT
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
  cmd_start
}

# ---- a network of several validators -------------------------------------------------------

NET_SIZE=1
NET_HOME=""
NET_RPC_BASE="${RWA_GATE_NET_RPC_PORT:-26867}"
NET_GRPC_BASE="${RWA_GATE_NET_GRPC_PORT:-9290}"

net_rpc_port() { echo "$((NET_RPC_BASE + 10 * $1))"; }
net_rpc_url() { echo "http://127.0.0.1:$(net_rpc_port "$1")"; }
net_node_home() { echo "$NET_HOME/node$1"; }
net_pid_file() { echo "$NET_HOME/node$1.pid"; }
net_log_file() { echo "$NET_HOME/node$1.log"; }

# The PID of node I when it is alive and is a wasmd started with node I's home (a stopped,
# hung process counts as alive).
net_pid() {
  local i="$1" file pid
  file="$(net_pid_file "$i")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # The trailing space keeps node1 from matching node10's command line.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--home $(net_node_home "$i") " || return 1
  echo "$pid"
}

net_status_json() {
  curl -sf --max-time 2 "$(net_rpc_url "$1")/status" 2>/dev/null || true
}

net_height() {
  sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' <<<"$(net_status_json "$1")"
}

net_check_index() {
  local i="$1"
  [[ "$i" =~ ^[0-9]+$ ]] && ((i < NET_SIZE)) || die "node index must be 0..$((NET_SIZE - 1)), not '$i'"
}

net_init() {
  step "chain: initialising a fresh network of $NET_SIZE validators ($CHAIN_ID) in $NET_HOME"
  rm -rf "$NET_HOME"
  mkdir -p "$NET_HOME"
  # Client commands read $HOME/.wasmd/client.toml whatever --home says: give them their own HOME.
  export HOME="$NET_HOME"
  local i home first gentx_dir ids=()
  first="$(net_node_home 0)"
  gentx_dir="$NET_HOME/gentx"
  mkdir -p "$gentx_dir"
  for ((i = 0; i < NET_SIZE; i++)); do
    home="$(net_node_home "$i")"
    wasmd init "node$i" --chain-id "$CHAIN_ID" --default-denom "$DENOM" --home "$home" >/dev/null 2>&1
    echo "$RWA_GATE_VALIDATOR_MNEMONIC" |
      wasmd keys add validator --recover --index "$i" --keyring-backend test --home "$home" >/dev/null 2>&1
    ids+=("$(wasmd comet show-node-id --home "$home")")
  done
  # One genesis, written by node 0: every validator's account and the faucet.
  local k0=(--keyring-backend test --home "$first") faucet address
  echo "$RWA_GATE_FAUCET_MNEMONIC" | wasmd keys add faucet --recover "${k0[@]}" >/dev/null 2>&1
  faucet="$(wasmd keys show faucet -a "${k0[@]}")"
  for ((i = 0; i < NET_SIZE; i++)); do
    home="$(net_node_home "$i")"
    address="$(wasmd keys show validator -a --keyring-backend test --home "$home")"
    wasmd genesis add-genesis-account "$address" "1000000000000$DENOM" "${k0[@]}" >/dev/null
    info "validator $i: $address, node id ${ids[$i]}"
  done
  wasmd genesis add-genesis-account "$faucet" "1000000000000000$DENOM" "${k0[@]}" >/dev/null
  # Each validator signs its own gentx against that genesis, with its own consensus key.
  for ((i = 0; i < NET_SIZE; i++)); do
    home="$(net_node_home "$i")"
    ((i == 0)) || cp "$first/config/genesis.json" "$home/config/genesis.json"
    wasmd genesis gentx validator "100000000$DENOM" --chain-id "$CHAIN_ID" --moniker "node$i" \
      --ip 127.0.0.1 --p2p-port "$(($(net_rpc_port "$i") - 1))" --node-id "${ids[$i]}" \
      --keyring-backend test --home "$home" --output-document "$gentx_dir/gentx-node$i.json" \
      >/dev/null 2>&1 || die "gentx of validator $i failed"
  done
  wasmd genesis collect-gentxs --gentx-dir "$gentx_dir" --home "$first" >/dev/null 2>&1 ||
    die "collect-gentxs failed"
  wasmd genesis validate-genesis --home "$first" >/dev/null
  info "faucet $faucet; genesis with $NET_SIZE gentxs"

  local peers rpc
  for ((i = 0; i < NET_SIZE; i++)); do
    home="$(net_node_home "$i")"
    ((i == 0)) || cp "$first/config/genesis.json" "$home/config/genesis.json"
    peers=""
    local j
    for ((j = 0; j < NET_SIZE; j++)); do
      ((j == i)) && continue
      peers+="${peers:+,}${ids[$j]}@127.0.0.1:$(($(net_rpc_port "$j") - 1))"
    done
    rpc="$(net_rpc_port "$i")"
    local config="$home/config/config.toml" app="$home/config/app.toml"
    toml_set "$config" "" moniker "\"node$i\""
    toml_set "$config" "" proxy_app "\"tcp://127.0.0.1:$((rpc + 1))\""
    toml_set "$config" rpc laddr "\"tcp://127.0.0.1:$rpc\""
    toml_set "$config" rpc pprof_laddr '""'
    toml_set "$config" "" log_level '"warn"'
    toml_set "$config" p2p laddr "\"tcp://127.0.0.1:$((rpc - 1))\""
    toml_set "$config" p2p persistent_peers "\"$peers\""
    toml_set "$config" p2p addr_book_strict false
    # Every peer is 127.0.0.1: without this CometBFT keeps one peer per IP.
    toml_set "$config" p2p allow_duplicate_ip true
    # Loopback peers answer in microseconds: a round whose proposer is down is given up after
    # 1 s instead of the default 3 s.
    toml_set "$config" consensus timeout_propose '"1s"'
    toml_set "$config" consensus timeout_commit '"300ms"'
    toml_set "$config" instrumentation prometheus false
    toml_set "$app" "" minimum-gas-prices "\"0$DENOM\""
    toml_set "$app" api enable false
    toml_set "$app" grpc address "\"127.0.0.1:$((NET_GRPC_BASE + i))\""
  done
}

# Starts node I's wasmd on its data and records its PID.
net_launch() {
  local i="$1" home log pid
  home="$(net_node_home "$i")"
  log="$(net_log_file "$i")"
  echo "---- start $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$log"
  HOME="$NET_HOME" LD_LIBRARY_PATH="$WASMD_DIR/lib" \
    setsid "$WASMD_BIN" start --home "$home" >>"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$(net_pid_file "$i")"
  info "node $i: PID $pid, RPC $(net_rpc_url "$i"), log $log"
}

# Waits until node I's RPC answers (and, with a minimum height, reaches it).
net_wait_rpc() {
  local i="$1" min_height="${2:-0}" timeout="${3:-90}" pid height deadline
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if ! pid="$(net_pid "$i")"; then
      echo "---- last lines of $(net_log_file "$i") ----" >&2
      tail -n 40 "$(net_log_file "$i")" >&2
      die "node $i exited during start-up"
    fi
    height="$(net_height "$i")"
    if [[ -n "$height" ]] && ((height >= min_height)); then
      return 0
    fi
    sleep 0.5
  done
  echo "---- last lines of $(net_log_file "$i") ----" >&2
  tail -n 40 "$(net_log_file "$i")" >&2
  die "node $i did not answer at height >= $min_height within $timeout s"
}

# Ends node I's process: SIGTERM (with SIGCONT, so a hung node receives it), SIGKILL after 20 s.
net_end() {
  local i="$1" pid deadline
  pid="$(net_pid "$i")" || {
    rm -f "$(net_pid_file "$i")"
    return 0
  }
  kill -TERM "$pid" 2>/dev/null || true
  kill -CONT "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    info "node $i still running after 20 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(net_pid_file "$i")"
  info "node $i stopped (PID $pid)"
}

net_start() {
  local i running=0
  for ((i = 0; i < NET_SIZE; i++)); do
    net_pid "$i" >/dev/null && running=$((running + 1))
  done
  if ((running == NET_SIZE)); then
    step "chain: network of $NET_SIZE already running ($NET_HOME)"
    net_status || true
    return 0
  fi
  ((running == 0)) || die "only $running of $NET_SIZE nodes run: 'scripts/chain.sh --validators $NET_SIZE stop' first"
  cmd_build
  require_cmd curl
  for ((i = 0; i < NET_SIZE; i++)); do
    if curl -sf --max-time 2 "$(net_rpc_url "$i")/status" >/dev/null 2>&1; then
      die "something else already answers on $(net_rpc_url "$i"): stop it or set RWA_GATE_NET_RPC_PORT"
    fi
  done
  local resumed=1
  for ((i = 0; i < NET_SIZE; i++)); do
    has_data "$(net_node_home "$i")" || resumed=0
  done
  if ((resumed)); then
    step "chain: resuming the stopped network of $NET_SIZE in $NET_HOME (reset starts a fresh one)"
  else
    (net_init)
    for ((i = 0; i < NET_SIZE; i++)); do
      : >"$(net_log_file "$i")"
    done
  fi
  step "chain: starting $NET_SIZE validators"
  # A failure past this point leaves no node behind.
  trap 'net_stop_quiet' EXIT
  for ((i = 0; i < NET_SIZE; i++)); do
    net_launch "$i"
  done
  for ((i = 0; i < NET_SIZE; i++)); do
    net_wait_rpc "$i" 2 120
  done
  # Answering is not producing (a resumed node answers at the height it stopped at).
  net_wait_rpc 0 "$(($(net_height 0) + 1))" 120
  trap - EXIT
  local heights=""
  for ((i = 0; i < NET_SIZE; i++)); do
    heights+=" node$i=$(net_height "$i")"
  done
  info "producing blocks:$heights; chain id $CHAIN_ID"
  info "RWA_GATE_NODE=$(net_nodes)"
}

net_stop_quiet() {
  local i
  for ((i = 0; i < NET_SIZE; i++)); do
    net_end "$i"
  done
}

net_stop() {
  step "chain: stopping the network of $NET_SIZE ($NET_HOME)"
  net_stop_quiet
}

net_status() {
  local i pid status height catching up=0 state
  echo "network of $NET_SIZE validators, chain id $CHAIN_ID, home $NET_HOME"
  for ((i = 0; i < NET_SIZE; i++)); do
    if pid="$(net_pid "$i")"; then
      state="$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
      status="$(net_status_json "$i")"
      height="$(sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' <<<"$status")"
      catching="$(sed -n 's/.*"catching_up":\(true\|false\).*/\1/p' <<<"$status")"
      if [[ "$state" == "T" ]]; then
        echo "node $i: PID $pid, $(net_rpc_url "$i"), hung (stopped by a signal)"
      elif [[ -n "$height" ]]; then
        echo "node $i: PID $pid, $(net_rpc_url "$i"), height $height, catching up ${catching:-?}"
      else
        echo "node $i: PID $pid, $(net_rpc_url "$i"), RPC not answering"
      fi
      up=$((up + 1))
    else
      echo "node $i: down ($(net_rpc_url "$i"))"
    fi
  done
  ((up == NET_SIZE)) || return 3
}

net_nodes() {
  local i list=""
  for ((i = 0; i < NET_SIZE; i++)); do
    list+="${list:+,}$(net_rpc_url "$i")"
  done
  echo "$list"
}

net_kill() {
  local i="$1" pid
  net_check_index "$i"
  pid="$(net_pid "$i")" || die "node $i is not running"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.1
  done
  rm -f "$(net_pid_file "$i")"
  echo "node $i killed (SIGKILL, PID $pid)"
}

net_hang() {
  local i="$1" pid
  net_check_index "$i"
  pid="$(net_pid "$i")" || die "node $i is not running"
  kill -STOP "$pid"
  echo "node $i hung (SIGSTOP, PID $pid)"
}

net_restart() {
  local i="$1"
  net_check_index "$i"
  [[ -d "$(net_node_home "$i")/data" ]] || die "node $i has no data: start the network first"
  net_end "$i" >/dev/null
  net_launch "$i"
  net_wait_rpc "$i" 0 120
  echo "node $i answers again at height $(net_height "$i")"
}

net_main() {
  ((NET_SIZE >= 2 && NET_SIZE <= 9)) || die "--validators must be 1 to 9, not $NET_SIZE"
  NET_HOME="${RWA_GATE_NET_HOME:-$REPO_ROOT/target/localnet-$NET_SIZE}"
  local cmd="${1:-}"
  case "$cmd" in
    build) cmd_build ;;
    start) net_start ;;
    stop) net_stop ;;
    status) net_status ;;
    reset)
      net_stop
      rm -rf "$NET_HOME"
      step "chain: data deleted ($NET_HOME)"
      net_start
      ;;
    nodes) net_nodes ;;
    kill | hang | restart)
      [[ $# -eq 2 ]] || die "usage: scripts/chain.sh --validators $NET_SIZE $cmd NODE_INDEX"
      "net_$cmd" "$2"
      ;;
    *)
      echo "usage: scripts/chain.sh --validators N build|start|stop|status|reset|nodes|kill I|hang I|restart I" >&2
      exit 2
      ;;
  esac
}

ARGS=()
while (($#)); do
  case "$1" in
    --validators)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--validators needs a number"
      NET_SIZE="$2"
      shift 2
      ;;
    --validators=*)
      NET_SIZE="${1#--validators=}"
      [[ "$NET_SIZE" =~ ^[0-9]+$ ]] || die "--validators needs a number"
      shift
      ;;
    *)
      ARGS+=("$1")
      shift
      ;;
  esac
done
set -- "${ARGS[@]+"${ARGS[@]}"}"
if ((NET_SIZE != 1)); then
  net_main "$@"
  exit $?
fi

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  *)
    echo "usage: scripts/chain.sh [--validators N] build|start|stop|status|reset" >&2
    exit 2
    ;;
esac
