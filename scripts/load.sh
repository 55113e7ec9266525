#!/usr/bin/env bash
# Load and faults on a network of four validators, through the project's chain client
# (tests/chain/examples/load.rs): several oracle and issuer accounts send attestations, flags,
# mints and transfers against all four nodes while validators are killed, hung and restarted by
# PID; then every transaction is checked to be included exactly once (by hash on every node,
# and by each account's sequence), the registry and the tokens against a model of what was
# sent (on every node, at one height), and the app hash of every node at one height.
#
#   scripts/load.sh            the full run: 1,200 transactions; kills validator 3 and restarts
#                              it, then hangs (SIGSTOP) the node a client talks to, kills it and
#                              restarts it. Writes artifacts/load-report.json and the table of
#                              docs/RELIABILITY.md (between its load.sh markers).
#   scripts/load.sh --short    the short run of scripts/test.sh: 300 transactions; kills the
#                              node a client talks to and restarts it. Writes
#                              artifacts/load-report-short.json only.
#   --txs N, --max-seconds S   override the count and the time bound of the load.
#
# Bounded: the load stops after N transactions or S seconds (default 900; 300 short), the
# checks after their own time limits, and the whole driver is killed after S + 600 s. Uses the
# four-validator network if it is running (and leaves it up), else starts a fresh one
# (scripts/chain.sh --validators 4 reset) and stops it on every exit, failing or not, by its
# recorded PIDs; the driver itself is ended by its PID too. Exits non-zero on any lost or
# duplicated transaction, any divergence between nodes, or any mismatch with the model.
# Needs the artifacts of scripts/build.sh.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VALIDATORS=4
MODE=full
TXS=""
MAX_SECONDS=""
while (($#)); do
  case "$1" in
    --short) MODE=short ;;
    --txs)
      TXS="${2:-}"
      shift
      ;;
    --max-seconds)
      MAX_SECONDS="${2:-}"
      shift
      ;;
    *) die "usage: scripts/load.sh [--short] [--txs N] [--max-seconds S]" ;;
  esac
  shift
done
if [[ "$MODE" == short ]]; then
  TXS="${TXS:-300}"
  MAX_SECONDS="${MAX_SECONDS:-300}"
  FAULTS=short
  REPORT="$REPO_ROOT/artifacts/load-report-short.json"
else
  TXS="${TXS:-1200}"
  MAX_SECONDS="${MAX_SECONDS:-900}"
  FAULTS=full
  REPORT="$REPO_ROOT/artifacts/load-report.json"
fi
[[ "$TXS" =~ ^[0-9]+$ && "$MAX_SECONDS" =~ ^[0-9]+$ ]] || die "--txs and --max-seconds take numbers"
[[ -f "$REPO_ROOT/artifacts/checksums.txt" ]] || die "artifacts/ is empty: run scripts/build.sh first"

CHAIN=(bash "$REPO_ROOT/scripts/chain.sh" --validators "$VALIDATORS")
finish() {
  local status=$?
  stop_load_run
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

build_load_driver load
use_or_reset_network load

step "load: $TXS transactions, faults '$FAULTS', at most $MAX_SECONDS s of load ($(date -u +%H:%M:%S))"
TABLE="$(mktemp "${TMPDIR:-/tmp}/rwa-gate-load-table.XXXXXX")"
LABEL="commit $(measured_commit), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
run_load_driver "the load run" --nodes "$NODES" --validators "$VALIDATORS" --txs "$TXS" \
  --max-seconds "$MAX_SECONDS" --faults "$FAULTS" --report "$REPORT" --table "$TABLE" \
  --label "$LABEL"

if [[ "$MODE" == full ]]; then
  write_reliability_table load.sh
fi
step "load: done ($REPORT)"
