# shellcheck shell=bash
# Shared helpers for the rwa-gate scripts. Sourced, never executed.
# Sets REPO_ROOT (physical path of the repository root) and cds there.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export REPO_ROOT
cd "$REPO_ROOT"

# Tools installed by `cargo install` live here; make sure they are found.
CARGO_HOME_DIR="$(cd "${CARGO_HOME:-$HOME/.cargo}" 2>/dev/null && pwd -P || echo "${CARGO_HOME:-$HOME/.cargo}")"
export CARGO_HOME_DIR
case ":$PATH:" in
  *":$CARGO_HOME_DIR/bin:"*) ;;
  *) export PATH="$CARGO_HOME_DIR/bin:$PATH" ;;
esac

# Pass --locked to cargo whenever the lock file is committed.
CARGO_LOCKED=()
if [[ -f "$REPO_ROOT/Cargo.lock" ]]; then
  CARGO_LOCKED=(--locked)
fi

step() {
  echo
  echo "==> $*"
}

info() {
  echo "    $*"
}

die() {
  echo "ERROR: $*" >&2
  exit 1
}

require_cmd() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || die "required command '$cmd' not found on PATH"
  done
}

# Uses the local chain if one is running; otherwise starts it and remembers that this script
# did, so that `stop_started_chain` (called from the script's EXIT trap, failing or not) stops
# exactly that node, by its PID, and never one it found running.
STARTED_CHAIN=0
use_or_start_chain() {
  if bash "$REPO_ROOT/scripts/chain.sh" status >/dev/null 2>&1; then
    step "using the local chain that is already running (it stays up)"
    return 0
  fi
  bash "$REPO_ROOT/scripts/chain.sh" start
  STARTED_CHAIN=1
}

stop_started_chain() {
  if ((STARTED_CHAIN)); then
    bash "$REPO_ROOT/scripts/chain.sh" stop || true
  fi
}

# ---- the load driver's runs on a network of validators (scripts/load.sh, scripts/upgrade-drill.sh)
# Each script sets CHAIN=(bash scripts/chain.sh --validators N), MAX_SECONDS and REPORT; these
# keep what a run started, so that stop_load_run ends exactly that, by PID.
LOAD_PID=""
STARTED_NET=0
TABLE=""

# Stops what a load run started: the driver, then the network if the run started it; removes
# the run's table. Called from the scripts' EXIT traps, failing runs included.
stop_load_run() {
  if [[ -n "$LOAD_PID" ]] && kill -0 "$LOAD_PID" 2>/dev/null; then
    echo "    stopping the load driver (PID $LOAD_PID)"
    kill "$LOAD_PID" 2>/dev/null || true
    wait "$LOAD_PID" 2>/dev/null || true
  fi
  if ((STARTED_NET)); then
    "${CHAIN[@]}" stop || true
  fi
  [[ -z "$TABLE" ]] || rm -f "$TABLE"
}

# Builds the load driver (tests/chain/examples/load); sets BIN. $1 names the script in progress.
build_load_driver() {
  step "$1: building the load driver (cargo build -p rwa-gate-chain-tests --example load)"
  cargo build "${CARGO_LOCKED[@]}" -q -p rwa-gate-chain-tests --example load
  BIN="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/debug/examples/load"
  [[ -x "$BIN" ]] || die "no load driver at $BIN"
}

# Uses the network if it runs (and leaves it up), else makes a fresh one (reset deletes a
# stopped one's data first: the run measures from genesis) for stop_load_run to stop; sets NODES.
use_or_reset_network() {
  if "${CHAIN[@]}" status >/dev/null 2>&1; then
    step "$1: using the network of $VALIDATORS validators that is already running (it stays up)"
  else
    STARTED_NET=1
    "${CHAIN[@]}" reset
  fi
  NODES="$("${CHAIN[@]}" nodes)"
}

# The commit a run measures, said to be modified when the tree differs from it.
measured_commit() {
  local commit
  commit="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if ! git -C "$REPO_ROOT" diff --quiet HEAD -- 2>/dev/null; then
    commit="$commit with uncommitted changes"
  fi
  echo "$commit"
}

# Runs the load driver with the arguments given, bounded by MAX_SECONDS + 600 s (the driver
# bounds its own load and checks; this bounds everything else). $1 names the run for errors.
run_load_driver() {
  local what="$1" rc=0
  shift
  timeout --signal=TERM "$((MAX_SECONDS + 600))" "$BIN" "$@" &
  LOAD_PID=$!
  wait "$LOAD_PID" || rc=$?
  LOAD_PID=""
  ((rc != 124)) || die "the load driver did not finish within $((MAX_SECONDS + 600)) s"
  ((rc == 0)) || die "$what failed (exit $rc): see $REPORT"
}

# Puts TABLE between the lines <!-- $1: begin --> and <!-- $1: end --> of docs/RELIABILITY.md.
write_reliability_table() {
  local doc="$REPO_ROOT/docs/RELIABILITY.md"
  [[ -f "$doc" ]] && grep -q "^<!-- $1: begin -->\$" "$doc" || return 0
  awk -v table="$TABLE" -v begin="<!-- $1: begin -->" -v end="<!-- $1: end -->" '
    $0 == begin { print; while ((getline line < table) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }
  ' "$doc" >"$doc.tmp"
  mv "$doc.tmp" "$doc"
  info "the table of $doc is updated"
}
