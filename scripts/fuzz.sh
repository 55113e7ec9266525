#!/usr/bin/env bash
# Fuzzes both contracts with cargo-fuzz (libFuzzer), each target for a bounded time.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]
#
# Defaults: 60 seconds, every target (registry_execute, registry_actions, token_execute).
# Installs what it needs: the nightly toolchain (cargo-fuzz needs -Z flags) and cargo-fuzz.
# Not part of CI (scripts/test.sh): it is a time-boxed search, not a check with a fixed answer.
# Corpora accumulate in fuzz/corpus/<target> (git-ignored); seeds are read from fuzz/seeds/.
# A crash leaves its input in fuzz/artifacts/<target>/ and makes this script fail; replay it with
#   RWA_FUZZ_TRACE=1 cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
# which prints every transaction and its outcome.
# Environment: FUZZ_JOBS (parallel libFuzzer jobs per target, default 1), FUZZ_SANITIZER
# (default "none": the contracts are safe Rust, so ASan only slows the search; "address" works).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
if ((${#TARGETS[@]} == 0)); then
  TARGETS=(registry_execute registry_actions token_execute)
fi
[[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || die "seconds-per-target must be a number, got '$SECONDS_PER_TARGET'"
SANITIZER="${FUZZ_SANITIZER:-none}"
JOBS="${FUZZ_JOBS:-1}"

step "fuzz: tools"
require_cmd rustup cargo
if ! rustup toolchain list | grep -q '^nightly'; then
  info "installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  info "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
info "$(cargo +nightly --version); $(cargo fuzz --version)"

cd "$REPO_ROOT/fuzz"
step "fuzz: build (sanitizer: $SANITIZER)"
cargo +nightly fuzz build -s "$SANITIZER" 2>&1 | tail -n 3 || die "fuzz build failed"

declare -A DICT=([registry_execute]="registry.dict")
# Structured targets decode a whole sequence from one input: let inputs grow long early.
declare -A EXTRA=([registry_actions]="-max_len=4096 -len_control=10" [token_execute]="-max_len=4096 -len_control=10")
STATUS=0
SUMMARY=()
for target in "${TARGETS[@]}"; do
  step "fuzz: $target for ${SECONDS_PER_TARGET}s"
  mkdir -p "corpus/$target" "artifacts/$target"
  args=(-max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048)
  if [[ -n "${DICT[$target]:-}" ]]; then
    args+=(-dict="${DICT[$target]}")
  fi
  if [[ -n "${EXTRA[$target]:-}" ]]; then
    read -r -a extra <<<"${EXTRA[$target]}"
    args+=("${extra[@]}")
  fi
  if ((JOBS > 1)); then
    args+=(-jobs="$JOBS" -workers="$JOBS")
  fi
  corpora=("corpus/$target")
  if [[ -d "seeds/$target" ]]; then
    corpora+=("seeds/$target")
  fi
  log="artifacts/$target/last-run.log"
  count_crashes() {
    find "artifacts/$target" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l
  }
  before="$(count_crashes)"
  set +e
  cargo +nightly fuzz run -s "$SANITIZER" "$target" "${corpora[@]}" -- "${args[@]}" >"$log" 2>&1
  rc=$?
  set -e
  runs="$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{s += $2} END {print s + 0}')"
  crashes=$(($(count_crashes) - before))
  cov="$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' || true)"
  line="$target: ${runs} executions in ${SECONDS_PER_TARGET}s, ${cov:-no coverage line}, exit $rc, new crash files: $crashes"
  info "$line"
  SUMMARY+=("$line")
  if ((rc != 0)); then
    STATUS=1
    grep -E 'panicked at|Test unit written|SUMMARY' "$log" | head -n 10 >&2 || true
  fi
done

step "fuzz: summary"
printf '    %s\n' "${SUMMARY[@]}"
exit "$STATUS"
