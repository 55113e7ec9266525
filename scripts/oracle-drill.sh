#!/usr/bin/env bash
# The oracle drill: the oracle agent (`rwa-gate oracle sync`) syncs thousands of decisions on the
# network of four validators while it is killed twice mid-batch (SIGKILL, by its PID, once a
# batch is in flight) and a validator is killed once (and restarted), then restarted until it
# is done; then the chain must equal the decisions exactly: nothing missing, nothing posted
# twice (every account's statement is its first, every asset has one screening by the oracle).
#
#   scripts/oracle-drill.sh            10,000 eligibility decisions and 1,000 screenings (1,000
#                                      assets registered first); writes artifacts/oracle-drill.json
#                                      and the table of docs/RELIABILITY.md (oracle-drill.sh markers)
#   scripts/oracle-drill.sh --short    500 and 50, in batches of 50 (scripts/test.sh); writes
#                                      artifacts/oracle-drill-short.json only
#   --eligibility N, --screenings M    other counts
#
# The setup and the check are tests/chain/examples/oracle_drill.rs; the agent is the CLI built
# here. Uses the four-validator network if it runs (and leaves it up), else makes a fresh one and
# stops it on every exit, failing or not, by its recorded PIDs; the agent is ended by its PID.
# Ports and home: RWA_GATE_NET_RPC_PORT, RWA_GATE_NET_GRPC_PORT, RWA_GATE_NET_HOME (chain.sh).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VALIDATORS=4
MODE=full
ELIGIBILITY=""
SCREENINGS=""
while (($#)); do
  case "$1" in
    --short) MODE=short ;;
    --eligibility | --screenings)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "$1 needs a number"
      [[ "$1" == --eligibility ]] && ELIGIBILITY="$2" || SCREENINGS="$2"
      shift
      ;;
    *) die "usage: scripts/oracle-drill.sh [--short] [--eligibility N] [--screenings M]" ;;
  esac
  shift
done
if [[ "$MODE" == short ]]; then
  ELIGIBILITY="${ELIGIBILITY:-500}" SCREENINGS="${SCREENINGS:-50}" BATCH=50
  REPORT="$REPO_ROOT/artifacts/oracle-drill-short.json"
else
  ELIGIBILITY="${ELIGIBILITY:-10000}" SCREENINGS="${SCREENINGS:-1000}" BATCH=100
  REPORT="$REPO_ROOT/artifacts/oracle-drill.json"
fi
[[ -f "$REPO_ROOT/artifacts/checksums.txt" ]] || die "artifacts/ is empty: run scripts/build.sh first"
# The agent's progress is read from its SQLite file with the sqlite3 shell (Debian's, installed
# when missing, as the console test installs Chromium).
if ! command -v sqlite3 >/dev/null 2>&1; then
  info "installing sqlite3 (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3 >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3 >/dev/null; }
fi
require_cmd sqlite3

CHAIN=(bash "$REPO_ROOT/scripts/chain.sh" --validators "$VALIDATORS")
TARGET="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
OUT="$REPO_ROOT/target/oracle-drill-$MODE"
DB="$OUT/agent.sqlite3"
AGENT_PID=""
KILLED_NODE=""
finish() {
  local status=$?
  if [[ -n "$AGENT_PID" ]] && kill -0 "$AGENT_PID" 2>/dev/null; then
    echo "    stopping the agent (PID $AGENT_PID)"
    kill "$AGENT_PID" 2>/dev/null || true
    wait "$AGENT_PID" 2>/dev/null || true
  fi
  # A validator the drill killed comes back before a network it did not start is left up.
  if [[ -n "$KILLED_NODE" ]] && ((!STARTED_NET)); then
    "${CHAIN[@]}" restart "$KILLED_NODE" >/dev/null 2>&1 || true
  fi
  stop_load_run
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

step "oracle-drill: building the CLI and the drill's setup (cargo build)"
cargo build "${CARGO_LOCKED[@]}" -q -p rwa-gate-cli -p rwa-gate-chain-tests --example oracle_drill
CLI="$TARGET/debug/rwa-gate"
DRILL="$TARGET/debug/examples/oracle_drill"
use_or_reset_network oracle-drill

step "oracle-drill: setup: registry, oracle, $SCREENINGS assets, $ELIGIBILITY + $SCREENINGS decisions ($(date -u +%H:%M:%S))"
rm -rf "$OUT"
mkdir -p "$OUT"
"$DRILL" setup --nodes "$NODES" --artifacts "$REPO_ROOT/artifacts" --out "$OUT" \
  --eligibility "$ELIGIBILITY" --screenings "$SCREENINGS"

included() { sqlite3 "$DB" "SELECT count(*) FROM txs WHERE state = 'included'" 2>/dev/null || echo 0; }
in_flight() { sqlite3 "$DB" "SELECT count(*) FROM txs WHERE state = 'in_flight'" 2>/dev/null || echo 0; }

# Starts the agent in the background (its output appended to the run's log); sets AGENT_PID.
RUNS=0
start_agent() {
  RUNS=$((RUNS + 1))
  echo "---- run $RUNS $(date -u +%H:%M:%S)" >>"$OUT/agent.log"
  "$CLI" oracle sync "$OUT/decisions.jsonl" --db "$DB" --batch-size "$BATCH" --progress --json \
    --node "$NODES" --deployment "$OUT/deployment.json" --mnemonic-file "$OUT/oracle.mnemonic" \
    --account-index 9001 >>"$OUT/agent.out" 2>>"$OUT/agent.log" &
  AGENT_PID=$!
  info "agent run $RUNS: PID $AGENT_PID"
}

# Waits until at least $1 batches are included and one is in flight (mid-batch); fails after 600 s
# or when the agent exits first.
wait_mid_batch() {
  local want="$1" deadline=$((SECONDS + 600))
  while ((SECONDS < deadline)); do
    kill -0 "$AGENT_PID" 2>/dev/null || die "the agent exited before $want batches were included"
    if (($(included) >= want && $(in_flight) >= 1)); then
      return 0
    fi
    sleep 0.05
  done
  die "no batch in flight after $want included within 600 s"
}

kill_agent() {
  kill -KILL "$AGENT_PID"
  wait "$AGENT_PID" 2>/dev/null || true
  info "agent killed (SIGKILL, PID $AGENT_PID) with $(included) batches included, $(in_flight) in flight"
  KILLS+=("agent after $(included) batches (in flight: $(in_flight))")
  AGENT_PID=""
}

TOTAL_BATCHES=$(((ELIGIBILITY + BATCH - 1) / BATCH + (SCREENINGS + 49) / 50))
K1=$((TOTAL_BATCHES / 6 + 1))
K2=$((TOTAL_BATCHES / 3 + 1))
K3=$((TOTAL_BATCHES / 2 + 1))
KILLS=()
step "oracle-drill: the agent, $TOTAL_BATCHES batches; killed after $K1 and $K3, validator 2 killed after $K2 ($(date -u +%H:%M:%S))"
started=$SECONDS
start_agent
wait_mid_batch "$K1"
kill_agent
start_agent
wait_mid_batch "$K2"
"${CHAIN[@]}" kill 2
KILLED_NODE=2
KILLS+=("validator 2 after $(included) batches")
wait_mid_batch "$K3"
kill_agent
"${CHAIN[@]}" restart 2
KILLED_NODE=""
KILLS+=("validator 2 restarted after $(included) batches")
for attempt in 1 2 3; do
  start_agent
  rc=0
  wait "$AGENT_PID" || rc=$?
  AGENT_PID=""
  ((rc == 0)) && break
  info "agent run $RUNS exited $rc (tail of $OUT/agent.log):"
  tail -n 5 "$OUT/agent.log" | sed 's/^/      /'
  ((attempt < 3)) || die "the agent did not finish in 3 runs"
done
wall=$((SECONDS - started))

step "oracle-drill: the chain against the decisions ($(date -u +%H:%M:%S))"
checked="$("$DRILL" check --nodes "$NODES" --out "$OUT")"
info "$checked"

# Figures from the agent's database: every transaction it signed, and what became of it.
txs="$(sqlite3 "$DB" "SELECT count(*) FROM txs WHERE state = 'included'")"
other="$(sqlite3 "$DB" "SELECT group_concat(state || ' ' || n, ', ') FROM (SELECT state, count(*) n FROM txs WHERE state != 'included' GROUP BY state)")"
gas_rows="$(sqlite3 -separator ' ' "$DB" "SELECT json_extract(a.value, '\$.kind'), count(*), CAST(sum(t.gas_used * 1.0 / json_array_length(t.actions)) / count(*) AS INTEGER) FROM txs t, json_each(t.actions) a WHERE t.state = 'included' GROUP BY 1 ORDER BY 1")"
gas_json="$(awk 'BEGIN{printf "{"} {printf "%s\"%s\": {\"decisions\": %s, \"gas_per_decision\": %s}", (NR>1?", ":""), $1, $2, $3} END{printf "}"}' <<<"$gas_rows")"
gas_words="$(awk '{printf "%s%s %s a decision (%s decisions)", (NR>1?"; ":""), $1, $3, $2}' <<<"$gas_rows")"
kills_json="$(printf '%s\n' "${KILLS[@]}" | awk 'BEGIN{printf "["} {printf "%s\"%s\"", (NR>1?", ":""), $0} END{printf "]"}')"
mkdir -p "$(dirname "$REPORT")"
cat >"$REPORT" <<EOF
{"mode": "$MODE", "measured": "commit $(measured_commit), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores",
 "eligibility": $ELIGIBILITY, "screenings": $SCREENINGS, "batch": $BATCH, "wall_seconds": $wall,
 "agent_runs": $RUNS, "transactions_included": $txs, "transactions_not_included": "${other:-none}",
 "gas": $gas_json, "faults": $kills_json, "check": $checked}
EOF
info "figures: $REPORT"
cat "$REPORT"

if [[ "$MODE" == full ]]; then
  TABLE="$(mktemp "${TMPDIR:-/tmp}/rwa-gate-oracle-drill.XXXXXX")"
  cat >"$TABLE" <<EOF
| figure | value |
|---|---|
| measured | commit $(measured_commit), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 4 validators |
| decisions | $ELIGIBILITY eligibility, $SCREENINGS screenings (batches of $BATCH and 50) |
| wall time (agent runs, kills and restarts included) | $wall s over $RUNS agent runs |
| transactions included / signed but never included | $txs / ${other:-none} |
| gas per decision | $gas_words |
| faults | $(printf '%s; ' "${KILLS[@]}") |
| the chain against the decisions | $checked |
EOF
  write_reliability_table oracle-drill.sh
fi
step "oracle-drill: done"
