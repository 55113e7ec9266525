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
