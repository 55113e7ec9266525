#!/usr/bin/env bash
# The typed TypeScript client in clients/ts/ (an npm package of its own, locked by its
# package-lock.json): src/generated/ is generated from schema/ by @cosmwasm/ts-codegen.
#   scripts/ts-client.sh          install the locked packages, regenerate src/generated/, tsc --noEmit,
#                                 the unit tests (the signer against tests/fixtures' shared vector)
#   scripts/ts-client.sh --check  regenerate into a temp dir and fail if src/generated/ differs
#                                 (stale), then tsc --noEmit (strict)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHECK=0
case "${1:-}" in
  "") ;;
  --check) CHECK=1 ;;
  *) die "usage: scripts/ts-client.sh [--check]" ;;
esac
(($# <= 1)) || die "usage: scripts/ts-client.sh [--check]"
require_cmd node npm

TS="$REPO_ROOT/clients/ts"
cd "$TS"

# The locked packages, installed again whenever package-lock.json changed since the last install.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "ts-client: npm ci (clients/ts/package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/rwa-gate-ts.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

step "ts-client: generating from schema/ (@cosmwasm/ts-codegen $(node -p 'require("@cosmwasm/ts-codegen/package.json").version'))"
OUT_DIR="$TMP/generated" node codegen.cjs >"$TMP/codegen.log" 2>&1 || {
  cat "$TMP/codegen.log" >&2
  die "ts-codegen failed"
}

if ((CHECK)); then
  step "ts-client: comparing with the committed clients/ts/src/generated/"
  if ! diff -r "$TS/src/generated" "$TMP/generated"; then
    die "clients/ts/src/generated/ is stale: run scripts/ts-client.sh"
  fi
  info "clients/ts/src/generated/ is up to date"
else
  rm -rf "$TS/src/generated"
  cp -R "$TMP/generated" "$TS/src/generated"
  info "clients/ts/src/generated/ updated: $(ls "$TS/src/generated" | tr '\n' ' ')"
fi

step "ts-client: tsc --noEmit (strict)"
npx --no-install tsc --noEmit
info "type-checks"

step "ts-client: unit tests (node --test: statements signed to the Rust client's bytes)"
npx --no-install tsc
node --test dist/delegation.test.js >"$TMP/test.log" 2>&1 || {
  cat "$TMP/test.log" >&2
  die "ts-client unit tests failed"
}
info "$(grep -E '^# (pass|fail)' "$TMP/test.log" | tr '\n' ' ')"
