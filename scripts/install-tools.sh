#!/usr/bin/env bash
# Installs every tool the build and test scripts need, idempotently.
# A fresh machine needs only Rust via rustup, Node/npm, Go and gcc; this script adds:
#   - the wasm32-unknown-unknown Rust target
#   - rustfmt and clippy
#   - wasm-opt from the npm package binaryen 132 (pinned in package.json / package-lock.json)
#   - cosmwasm-check 3.0.10 (3.0.11 needs rustc 1.96)
#   (wasmd, the local chain, is built by scripts/chain.sh build: it needs only Go)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WASM_TARGET="wasm32-unknown-unknown"
BINARYEN_MAJOR="132"
COSMWASM_CHECK_VERSION="3.0.10"

step "install-tools: checking base tools (rustup, cargo, node, npm)"
require_cmd rustup cargo rustc node npm
info "$(rustc --version)"
info "node $(node --version), npm $(npm --version)"

step "install-tools: Rust target $WASM_TARGET"
if grep -qx "$WASM_TARGET" <<<"$(rustup target list --installed)"; then
  info "already installed"
else
  rustup target add "$WASM_TARGET"
fi

step "install-tools: rustfmt and clippy"
missing_components=()
installed_components="$(rustup component list --installed)"
for component in rustfmt clippy; do
  if ! grep -q "^${component}\(-\|$\)" <<<"$installed_components"; then
    missing_components+=("$component")
  fi
done
if ((${#missing_components[@]} > 0)); then
  rustup component add "${missing_components[@]}"
else
  info "already installed"
fi
cargo fmt --version >/dev/null 2>&1 || die "cargo fmt does not run after installing rustfmt"
cargo clippy --version >/dev/null 2>&1 || die "cargo clippy does not run after installing clippy"

step "install-tools: wasm-opt (npm binaryen $BINARYEN_MAJOR)"
wasm_opt_version() {
  # Prints e.g. "wasm-opt version 132 (version_132)"; empty when missing or broken.
  "$REPO_ROOT/node_modules/.bin/wasm-opt" --version 2>/dev/null || true
}
if [[ "$(wasm_opt_version)" =~ ^wasm-opt\ version\ ${BINARYEN_MAJOR}([^0-9]|$) ]]; then
  info "already installed: $(wasm_opt_version)"
else
  info "running npm ci (node_modules/.bin/wasm-opt missing or not version $BINARYEN_MAJOR)"
  npm ci --no-audit --no-fund
  found="$(wasm_opt_version)"
  [[ "$found" =~ ^wasm-opt\ version\ ${BINARYEN_MAJOR}([^0-9]|$) ]] ||
    die "node_modules/.bin/wasm-opt reports '${found:-nothing}', expected version $BINARYEN_MAJOR"
  info "installed: $found"
fi

step "install-tools: cosmwasm-check $COSMWASM_CHECK_VERSION"
cosmwasm_check_version() {
  # Prints e.g. "Contract checking 3.0.10"; keep only the version.
  { cosmwasm-check --version 2>/dev/null || true; } | awk '{print $NF}'
}
if [[ "$(cosmwasm_check_version)" == "$COSMWASM_CHECK_VERSION" ]]; then
  info "already installed: $(command -v cosmwasm-check)"
else
  info "installing (found '$(cosmwasm_check_version)'; this takes several minutes from cold)"
  cargo install cosmwasm-check --version "$COSMWASM_CHECK_VERSION" --locked
  found="$(cosmwasm_check_version)"
  [[ "$found" == "$COSMWASM_CHECK_VERSION" ]] ||
    die "cosmwasm-check reports '${found:-nothing}', expected $COSMWASM_CHECK_VERSION"
fi

step "install-tools: done"
