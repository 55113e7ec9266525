#!/usr/bin/env bash
# Regenerates schema/<contract>/ from the contracts' schema binaries (cosmwasm-schema write_api!).
#   scripts/schema.sh          regenerate schema/compliance-registry and schema/gated-token
#   scripts/schema.sh --check  regenerate into a temp dir and fail if the committed schema/ differs
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHECK=0
case "${1:-}" in
  "") ;;
  --check) CHECK=1 ;;
  *) die "usage: scripts/schema.sh [--check]" ;;
esac
(($# <= 1)) || die "usage: scripts/schema.sh [--check]"

CONTRACTS=(compliance-registry gated-token)

TMP="$(mktemp -d "${TMPDIR:-/tmp}/rwa-gate-schema.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

for contract in "${CONTRACTS[@]}"; do
  step "schema: generating $contract (bin schema-$contract)"
  # write_api! writes into ./schema of the current directory (the <name>.json API file, raw/,
  # and cw_schema/): run it in an empty directory and take everything it wrote.
  workdir="$TMP/run-$contract"
  mkdir -p "$workdir"
  # Its per-file "Exported ..." lines name the temp dir: keep them in a log, shown on failure.
  if ! (
    cd "$workdir"
    cargo run "${CARGO_LOCKED[@]}" -q --manifest-path "$REPO_ROOT/Cargo.toml" \
      -p "$contract" --features schema --bin "schema-$contract"
  ) >"$TMP/$contract.log" 2>&1; then
    cat "$TMP/$contract.log" >&2
    die "schema-$contract failed"
  fi
  [[ -d "$workdir/schema" ]] || die "schema-$contract wrote no ./schema directory"
  [[ -f "$workdir/schema/$contract.json" ]] || die "schema-$contract wrote no schema/$contract.json"
  mkdir -p "$TMP/out"
  mv "$workdir/schema" "$TMP/out/$contract"
  info "wrote $(find "$TMP/out/$contract" -type f | wc -l) files: $contract.json, raw/*.json, cw_schema/..."
done

if ((CHECK)); then
  step "schema: comparing with the committed schema/"
  stale=0
  for contract in "${CONTRACTS[@]}"; do
    if [[ ! -d "$REPO_ROOT/schema/$contract" ]]; then
      echo "schema/$contract is missing" >&2
      stale=1
    elif ! diff -r "$REPO_ROOT/schema/$contract" "$TMP/out/$contract"; then
      stale=1
    fi
  done
  if ((stale)); then
    die "schema/ is stale: run scripts/schema.sh"
  fi
  info "schema/ is up to date"
else
  step "schema: installing into schema/"
  mkdir -p "$REPO_ROOT/schema"
  for contract in "${CONTRACTS[@]}"; do
    # Replace the whole directory so that files of removed messages do not linger.
    rm -rf "$REPO_ROOT/schema/$contract"
    cp -R "$TMP/out/$contract" "$REPO_ROOT/schema/$contract"
    info "schema/$contract/ updated"
  done
fi

step "schema: done"
