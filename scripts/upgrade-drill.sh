#!/usr/bin/env bash
# The upgrade drill: an operator upgrades while the chain is busy. On the network of four
# validators it deploys the last tagged release, puts the load driver's load on it, and in the
# middle of the load stores this checkout's codes and migrates the registry and then every
# token to them (tests/chain/examples/load, --upgrade-artifacts). At the end it checks what
# scripts/load.sh checks (every transaction included exactly once, the registry and the tokens
# equal to the model on every node, one app hash) and that every asset's clearance and
# check_issuance answer read the same just before and just after the migration.
#
#   scripts/upgrade-drill.sh            the full drill: 1,200 transactions, codes stored after
#                                       35% of them, the migration after 50%. Writes
#                                       artifacts/upgrade-drill-report.json and the table of
#                                       docs/RELIABILITY.md (between its upgrade-drill.sh markers).
#   scripts/upgrade-drill.sh --short    300 transactions; writes
#                                       artifacts/upgrade-drill-report-short.json only.
#   --from TAG           the release deployed first (default v0.4.0; its messages are spoken
#                        until the migration, see --dialect of the load driver)
#   --txs N, --max-seconds S, --store-at F, --migrate-at F, --faults none|short|full
#
# The release's codes are built by its own scripts/build.sh in a `git worktree add` of the tag
# under target/upgrade-drill/ (removed afterwards; its artifacts are kept there and reused, a
# tag does not change). Needs this checkout's artifacts (scripts/build.sh). Uses the network of
# four validators if it is running (and leaves it up), else starts a fresh one and stops it on
# every exit, failing or not, by its recorded PIDs; the driver is ended by its PID too.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VALIDATORS=4
MODE=full
FROM=v0.4.0
TXS=""
MAX_SECONDS=""
STORE_AT=0.35
MIGRATE_AT=0.5
FAULTS=none
usage="usage: scripts/upgrade-drill.sh [--short] [--from TAG] [--txs N] [--max-seconds S] [--store-at F] [--migrate-at F] [--faults none|short|full]"
while (($#)); do
  case "$1" in
    --short) MODE=short ;;
    --from | --txs | --max-seconds | --store-at | --migrate-at | --faults)
      [[ $# -ge 2 ]] || die "$1 needs a value"
      case "$1" in
        --from) FROM="$2" ;;
        --txs) TXS="$2" ;;
        --max-seconds) MAX_SECONDS="$2" ;;
        --store-at) STORE_AT="$2" ;;
        --migrate-at) MIGRATE_AT="$2" ;;
        --faults) FAULTS="$2" ;;
      esac
      shift
      ;;
    *) die "$usage" ;;
  esac
  shift
done
if [[ "$MODE" == short ]]; then
  TXS="${TXS:-300}"
  MAX_SECONDS="${MAX_SECONDS:-300}"
  REPORT="$REPO_ROOT/artifacts/upgrade-drill-report-short.json"
else
  TXS="${TXS:-1200}"
  MAX_SECONDS="${MAX_SECONDS:-900}"
  REPORT="$REPO_ROOT/artifacts/upgrade-drill-report.json"
fi
[[ "$TXS" =~ ^[0-9]+$ && "$MAX_SECONDS" =~ ^[0-9]+$ ]] || die "--txs and --max-seconds take numbers"
[[ -f "$REPO_ROOT/artifacts/checksums.txt" ]] || die "artifacts/ is empty: run scripts/build.sh first"
git -C "$REPO_ROOT" rev-parse -q --verify "refs/tags/$FROM" >/dev/null || die "no git tag $FROM"
case "$FROM" in
  v0.2.*) DIALECT=v0.2 ;;
  # v0.3.0 and v0.4.0 read this checkout's messages: their new fields are left out of the JSON
  # when unused, and the oracle actions' shared structs write the same JSON as before.
  v0.3.* | v0.4.*) DIALECT=current ;;
  *) die "the load driver speaks the messages of v0.2.x, v0.3.x, v0.4.x and this checkout, not of $FROM" ;;
esac

DRILL_DIR="$REPO_ROOT/target/upgrade-drill"
RELEASE_SRC="$DRILL_DIR/$FROM-src"
RELEASE_ARTIFACTS="$DRILL_DIR/$FROM-artifacts"
CHAIN=(bash "$REPO_ROOT/scripts/chain.sh" --validators "$VALIDATORS")
finish() {
  local status=$?
  stop_load_run
  if [[ -d "$RELEASE_SRC" ]]; then
    git -C "$REPO_ROOT" worktree remove --force "$RELEASE_SRC" 2>/dev/null || rm -rf "$RELEASE_SRC"
    git -C "$REPO_ROOT" worktree prune 2>/dev/null || true
  fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

# The release's optimized codes, built by the release's own build script from the tag.
build_release() {
  if [[ -f "$RELEASE_ARTIFACTS/checksums.txt" ]]; then
    step "upgrade-drill: the codes of $FROM, built before ($RELEASE_ARTIFACTS)"
    sed 's/^/    /' "$RELEASE_ARTIFACTS/checksums.txt"
    return 0
  fi
  step "upgrade-drill: building the codes of $FROM (git worktree add of the tag, its scripts/build.sh)"
  mkdir -p "$DRILL_DIR"
  rm -rf "$RELEASE_SRC"
  git -C "$REPO_ROOT" worktree prune
  git -C "$REPO_ROOT" worktree add --detach "$RELEASE_SRC" "$FROM" >/dev/null
  # The release's build needs wasm-opt from node_modules: the same pinned binaryen as here.
  [[ -d "$REPO_ROOT/node_modules" ]] && ln -s "$REPO_ROOT/node_modules" "$RELEASE_SRC/node_modules"
  # Budgets are this checkout's rule, not the release's: its build must not be held to them.
  # A target dir of its own: cargo names a workspace's path crates by their path inside the
  # workspace, so the release's crates would overwrite this checkout's in a shared one.
  CARGO_TARGET_DIR="$DRILL_DIR/target" RWA_GATE_BUDGET_COMPLIANCE_REGISTRY=819200 \
    RWA_GATE_BUDGET_GATED_TOKEN=819200 RWA_GATE_BUDGET_CW20_RECEIVER=819200 \
    bash "$RELEASE_SRC/scripts/build.sh"
  mkdir -p "$RELEASE_ARTIFACTS.tmp"
  cp "$RELEASE_SRC"/artifacts/{compliance_registry,gated_token}.wasm "$RELEASE_SRC/artifacts/checksums.txt" \
    "$RELEASE_ARTIFACTS.tmp/"
  rm -rf "$RELEASE_ARTIFACTS"
  mv "$RELEASE_ARTIFACTS.tmp" "$RELEASE_ARTIFACTS"
}

build_release

build_load_driver upgrade-drill
use_or_reset_network upgrade-drill

COMMIT="$(measured_commit)"
LABEL="$FROM ($(git -C "$REPO_ROOT" rev-parse --short "$FROM^{commit}")) upgraded to commit $COMMIT, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
step "upgrade-drill: $TXS transactions on $FROM; store at $STORE_AT, migrate at $MIGRATE_AT of them; faults '$FAULTS' ($(date -u +%H:%M:%S))"
TABLE="$(mktemp "${TMPDIR:-/tmp}/rwa-gate-drill-table.XXXXXX")"
started=$SECONDS
run_load_driver "the upgrade drill" --nodes "$NODES" --validators "$VALIDATORS" --txs "$TXS" \
  --max-seconds "$MAX_SECONDS" --faults "$FAULTS" --artifacts "$RELEASE_ARTIFACTS" \
  --dialect "$DIALECT" --upgrade-artifacts "$REPO_ROOT/artifacts" --store-at "$STORE_AT" \
  --migrate-at "$MIGRATE_AT" --report "$REPORT" --table "$TABLE" --label "$LABEL"
echo "| drill wall time (driver: setup, load, upgrade, checks) | $((SECONDS - started)) s |" >>"$TABLE"

if [[ "$MODE" == full ]]; then
  write_reliability_table upgrade-drill.sh
fi
step "upgrade-drill: done ($REPORT)"
