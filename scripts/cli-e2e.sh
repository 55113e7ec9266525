#!/usr/bin/env bash
# The `rwa-gate` command line end to end on the local chain, asserted on its --json output and
# exit codes: a fresh deploy (and a second one finding the codes by checksum), oracles attesting
# from files, the issuer minting, a flag raised and `mint` refusing with the reason, a quorum of
# oracles clearing it and the mint going through, `status` at each state, `history` (with the
# mints); then the edges (bad addresses, ids, periods and amounts refused before sending, in the
# user's units; pausing everything and spending on a remote chain ask first; `-o json`; a stale
# deployment file named), the holder's token commands, `tx`, `list`, the owner's and the
# issuer's other operations; the holder side (eligibility statements, distribution terms in the
# plan, check-transfer refused with every reason and allowed, orders carried out once, a recovery);
# delegated statements (a statement key apart from the oracle's account, signed offline, relayed
# by another account; replays, late, rotated-away and other-registry statements refused; batches)
# and an R3 approval required by a plan.
#
#   scripts/cli-e2e.sh          the command line, then the TypeScript client's e2e (clients/ts)
#   scripts/cli-e2e.sh --no-ts  the command line only
#
# Assumes the local chain runs (scripts/chain.sh start) and the artifacts exist (scripts/build.sh).
# Starts no process that outlives it. Accounts: the faucet mnemonic of tests/fixtures/localnet.env
# at HD indices 900-914 (the test suites use others; 920-922 are unfunded holders), funded from index 0 with `rwa-gate dev fund`.
# JSON is read with node (jq is not assumed).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TS_E2E=1
case "${1:-}" in
  "") ;;
  --no-ts) TS_E2E=0 ;;
  *) die "usage: scripts/cli-e2e.sh [--no-ts]" ;;
esac

require_cmd cargo node
NODE_URL="${RWA_GATE_NODE:-http://127.0.0.1:26757}"
bash "$REPO_ROOT/scripts/chain.sh" status >/dev/null 2>&1 ||
  die "no local chain answers at $NODE_URL: run scripts/chain.sh start first"
[[ -f "$REPO_ROOT/artifacts/checksums.txt" ]] || die "artifacts/ is empty: run scripts/build.sh first"

step "cli-e2e: building the rwa-gate command line"
cargo build "${CARGO_LOCKED[@]}" -q -p rwa-gate-cli
BIN="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/debug/rwa-gate"
[[ -x "$BIN" ]] || die "no binary at $BIN"

W="$(mktemp -d "${TMPDIR:-/tmp}/rwa-gate-cli-e2e.XXXXXX")"
trap 'rm -rf "$W"' EXIT

# The key comes from a mnemonic file, never from the command line.
# shellcheck source=tests/fixtures/localnet.env
source "$REPO_ROOT/tests/fixtures/localnet.env"
MNEMONIC_FILE="$W/faucet.mnemonic"
(umask 077 && printf '%s\n' "$RWA_GATE_FAUCET_MNEMONIC" >"$MNEMONIC_FILE")
export RWA_GATE_MNEMONIC_FILE="$MNEMONIC_FILE" RWA_GATE_DEPLOYMENT="$W/deployment.json"
unset RWA_GATE_MNEMONIC RWA_GATE_ACCOUNT_INDEX

CHECKS=0
# rg EXPECTED_EXIT NAME INDEX ARGS...: runs `rwa-gate --json --account-index INDEX ARGS` and
# checks its exit code; stdout goes to $W/NAME.json, stderr to $W/NAME.err.
rg() {
  local want="$1" name="$2" index="$3"
  shift 3
  local rc=0
  "$BIN" --json --account-index "$index" "$@" >"$W/$name.json" 2>"$W/$name.err" || rc=$?
  if [[ "$rc" != "$want" ]]; then
    echo "--- stdout of $name" >&2
    cat "$W/$name.json" >&2
    echo "--- stderr of $name" >&2
    cat "$W/$name.err" >&2
    die "$name: rwa-gate $* exited $rc, expected $want"
  fi
  CHECKS=$((CHECKS + 1))
}

# check NAME JS-EXPRESSION: the expression, over `o` (the JSON of NAME), must be true.
check() {
  local name="$1" expr="$2"
  if ! node -e '
    const fs = require("fs");
    const o = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const ok = (new Function("o", "return (" + process.argv[2] + ");"))(o);
    if (!ok) { console.error(JSON.stringify(o, null, 2)); process.exit(1); }
  ' "$W/$name.json" "$expr"; then
    die "$name: expected $expr"
  fi
  CHECKS=$((CHECKS + 1))
}

# get NAME JS-EXPRESSION: prints the value.
get() {
  node -e '
    const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log((new Function("o", "return (" + process.argv[2] + ");"))(o));
  ' "$W/$1.json" "$2"
}

# The reason text printed on stderr must say it in words.
says() {
  local name="$1" text="$2"
  grep -q -- "$text" "$W/$name.err" || die "$name: stderr does not say \"$text\": $(cat "$W/$name.err")"
  CHECKS=$((CHECKS + 1))
}

OWNER=900 FILER=901 SCREENER=902 WATCHER=903 VOTER1=904 VOTER2=905 ISSUER=906 ALICE=907
addr() {
  "$BIN" address --account-index "$1"
}

step "cli-e2e: accounts at HD indices 900-907, funded from the faucet (908-912: the holder side)"
declare -A A
for who in OWNER FILER SCREENER WATCHER VOTER1 VOTER2 ISSUER ALICE; do
  A[$who]="$(addr "${!who}")"
  info "$who ${A[$who]}"
done
rg 0 fund 0 dev fund "${A[@]}"
check fund 'o.ok && o.funded.length === 8'

step "cli-e2e: the files the parties hold (only their sha256 goes on chain)"
printf 'negative list, version 1\n' >"$W/negative-list-v1.txt"
printf 'overseas issuance materials of bond, plan 1\n' >"$W/materials.txt"
printf 'materials of another plan\n' >"$W/other-materials.txt"
printf 'screening report: acme and holdco clean since 2023\n' >"$W/screening.txt"
printf 'court filing: ownership of the bond collateral disputed\n' >"$W/dispute.txt"
printf 'court ruling: the dispute is settled\n' >"$W/ruling.txt"

step "cli-e2e: deploy (fresh registry; codes found by checksum or stored once)"
rg 0 deploy "$OWNER" deploy --artifacts "$REPO_ROOT/artifacts" --negative-list "$W/negative-list-v1.txt"
check deploy 'o.ok && o.registry.startsWith("wasm1") && o.codes.length === 2'
check deploy 'o.deployment.codes["gated_token.wasm"].code_id > 0'
REGISTRY="$(get deploy o.registry)"
info "registry $REGISTRY"
rg 0 redeploy "$OWNER" --dry-run deploy --artifacts "$REPO_ROOT/artifacts" --negative-list "$W/negative-list-v1.txt"
check redeploy 'o.dry_run && o.codes.every(c => c.stored_now === false && c.code_id > 0)'
info "a second deploy finds both codes by checksum and stores nothing"
rg 2 deploy-again "$OWNER" deploy --artifacts "$REPO_ROOT/artifacts" --negative-list "$W/negative-list-v1.txt"
says deploy-again "already records registry"

step "cli-e2e: owner adds the oracles and approves the issuer"
rg 0 o-filer "$OWNER" owner add-oracle "${A[FILER]}" --scopes filing
rg 0 o-screener "$OWNER" owner add-oracle "${A[SCREENER]}" --scopes screening
for who in WATCHER VOTER1 VOTER2; do
  rg 0 "o-$who" "$OWNER" owner add-oracle "${A[$who]}" --scopes flags
done
rg 0 approve "$OWNER" owner approve-issuer "${A[ISSUER]}"
rg 3 not-owner "$ISSUER" owner approve-issuer "${A[ALICE]}"
check not-owner 'o.refused === true && o.ok === false && o.exit_code === 3'
says not-owner "The contract refused to approve issuer"

step "cli-e2e: issuer registers acme, holdco and the asset bond"
rg 0 e-acme "$ISSUER" issuer register-entity acme
rg 0 e-holdco "$ISSUER" issuer register-entity holdco
rg 0 asset "$ISSUER" issuer register-asset bond --filing-entity acme \
  --party holdco:controlling-shareholder --max-supply 1,000,000 --materials "$W/materials.txt" \
  --name "Bond Token" --symbol BOND
check asset 'o.token.startsWith("wasm1") && o.plan_digest.length === 64'

step "cli-e2e: status before any attestation: blocked, nothing attested"
rg 0 s-new 0 status bond
check s-new 'o.state === "blocked" && !o.allowed && o.filing.have === 0 && o.screening.have === 0'
check s-new 'o.reasons.some(r => r.code === "filing_quorum_not_met") && o.reasons.some(r => r.code === "screening_quorum_not_met")'
rg 4 m-early "$ISSUER" --dry-run issuer mint bond --amount 1000 --to "${A[ALICE]}"
check m-early 'o.allowed === false && o.sent === false && o.reasons.length >= 2'
says m-early "nothing was sent"

step "cli-e2e: oracles attest from files"
rg 2 f-wrong "$FILER" oracle attest-filing bond --reference CSRC-2026-0001 \
  --materials "$W/other-materials.txt" --max-supply 1,000,000 --valid-for 365d
says f-wrong "are not the current plan of asset bond"
# A filing names the whole plan it attests: the right materials with another maximum supply
# are refused before anything is sent.
rg 2 f-other-max "$FILER" oracle attest-filing bond --reference CSRC-2026-0001 \
  --materials "$W/materials.txt" --max-supply 2,000,000 --valid-for 365d
says f-other-max "a filing attests one exact plan"
rg 0 filing "$FILER" oracle attest-filing bond --reference CSRC-2026-0001 \
  --materials "$W/materials.txt" --max-supply 1,000,000 --valid-for 365d
check filing 'o.ok && Number(o.id) > 0 && o.plan_digest.length === 64'
rg 0 screening "$SCREENER" oracle attest-screening bond --evidence "$W/screening.txt" --valid-for 90d
check screening 'o.ok && Number(o.id) > 0 && o.subjects.join() === "acme,holdco"'

step "cli-e2e: status cleared; mint --dry-run answers and sends nothing; the issuer mints"
rg 0 s-cleared 0 status bond
check s-cleared 'o.state === "cleared" && o.allowed && o.reasons.length === 0'
check s-cleared 'o.filing.have === 1 && o.screening.have === 1 && o.filing.valid_until && o.flags.length === 0'
check s-cleared 'o.minted === "0" && o.cap === "1000000000000" && o.decimals === 6 && o.symbol === "BOND"'
rg 0 m-dry "$ISSUER" --dry-run issuer mint bond --amount 1000 --to "${A[ALICE]}"
check m-dry 'o.dry_run && o.allowed && !o.sent && o.gas_estimate > 0'
rg 0 m1 "$ISSUER" issuer mint bond --amount 1000 --to "${A[ALICE]}"
check m1 'o.sent && o.minted === "1000000000" && o.amount === "1000000000" && o.tx.length === 64'

step "cli-e2e: a flag is raised; mint refuses with the reason; status shows the flag"
rg 0 flag "$WATCHER" oracle flag raise --asset bond --reason ownership-dispute --evidence "$W/dispute.txt"
FLAG="$(get flag o.flag)"
check flag 'o.flag > 0 && o.rule === "R5"'
rg 0 s-flagged 0 status bond
check s-flagged "o.state === 'blocked' && o.flags.length === 1 && o.flags[0].id === $FLAG && o.flags[0].status === 'active'"
check s-flagged "o.reasons.length === 1 && o.reasons[0].code === 'flagged' && o.reasons[0].detail.flagged.flag === $FLAG"
rg 4 m-flagged "$ISSUER" issuer mint bond --amount 500 --to "${A[ALICE]}"
check m-flagged "!o.sent && o.reasons[0].code === 'flagged'"
says m-flagged "R5: flag $FLAG (ownership dispute) on asset bond"
says m-flagged "nothing was sent"

step "cli-e2e: the raiser cannot vote; a quorum of two other flag oracles clears the flag"
rg 3 v-raiser "$WATCHER" oracle flag vote-clear "$FLAG" --conclusion "$W/ruling.txt"
says v-raiser "The contract refused to clear flag $FLAG"
rg 0 v1 "$VOTER1" oracle flag vote-clear "$FLAG" --conclusion "$W/ruling.txt"
check v1 'o.cleared === false && o.votes === "1" && o.need === "2"'
rg 0 s-one-vote 0 status bond
check s-one-vote 'o.state === "blocked" && o.flags[0].clear_votes === 1'
rg 0 v2 "$VOTER2" oracle flag vote-clear "$FLAG" --conclusion "$W/ruling.txt"
check v2 'o.cleared === true'
rg 0 s-cleared-again 0 status bond
check s-cleared-again 'o.state === "cleared" && o.flags.length === 0 && o.minted === "1000000000"'
rg 0 m2 "$ISSUER" issuer mint bond --amount 500 --to "${A[ALICE]}"
check m2 'o.sent && o.minted === "1500000000"'

step "cli-e2e: the owner pauses and unpauses the asset"
rg 0 pause "$OWNER" owner pause --asset bond
rg 0 s-paused 0 status bond
check s-paused 'o.state === "blocked" && o.paused && o.reasons.some(r => r.code === "asset_paused")'
rg 0 unpause "$OWNER" owner unpause --asset bond
rg 0 s-final 0 status bond
check s-final 'o.state === "cleared" && o.minted === "1500000000" && o.remaining === "998500000000"'

step "cli-e2e: several nodes: a first node that refuses connections is passed over"
# Nothing listens on port 1; the client goes on to the real node.
FAILOVER_NODES="http://127.0.0.1:1,$NODE_URL"
rg 0 s-failover 0 --node "$FAILOVER_NODES" status bond
check s-failover 'o.state === "cleared" && o.minted === "1500000000" && o.remaining === "998500000000"'
rg 0 m-failover "$ISSUER" --node "$FAILOVER_NODES" --dry-run issuer mint bond --amount 1 --to "${A[ALICE]}"
check m-failover 'o.dry_run && o.allowed && !o.sent && o.gas_estimate > 0'

step "cli-e2e: history pages through attestations and flags"
rg 0 history 0 history bond --page-size 1
check history "o.attestations.length === 2 && o.flags.length === 1 && o.flags[0].status === 'cleared'"
check history 'o.pages_read >= 5'
check history 'o.mints.length === 2 && o.mints[0].amount === "1000000000" && o.mints[1].minted === "1500000000"'

step "cli-e2e: the edges: bad input is refused before anything is sent, in the user's terms"
# A valid bech32 address of another chain, and a valid contract address nothing lives at.
COSMOS_ADDRESS=cosmos1qurswpc8qurswpc8qurswpc8qurswpc8nn86qp
NO_CONTRACT=wasm1pyysjzgfpyysjzgfpyysjzgfpyysjzgfpyysjzgfpyysjzgfpyysepv5jx
rg 2 bad-address "$ISSUER" issuer mint bond --amount 1 --to wasm1notanaddress
check bad-address 'o.exit_code === 2 && !o.refused'
says bad-address "is not a valid address"
rg 2 wrong-prefix "$ISSUER" issuer mint bond --amount 1 --to "$COSMOS_ADDRESS"
says wrong-prefix "has the wrong prefix"
rg 2 bad-entity "$ISSUER" issuer register-entity "ACME Corp"
says bad-entity "invalid entity id"
rg 2 too-long "$FILER" oracle attest-filing bond --reference CSRC-2026-0002 \
  --materials "$W/materials.txt" --max-supply 1,000,000 --valid-for 400d
says too-long "at most 365 days"
rg 2 short-lookback "$SCREENER" oracle attest-screening bond --evidence "$W/screening.txt" \
  --valid-for 90d --lookback 365d
says short-lookback "must look back at least 1096 days"
rg 2 too-precise "$ISSUER" --dry-run issuer mint bond --amount 0.0000001
says too-precise "more decimal places than the token's 6"
rg 0 m-units "$ISSUER" --dry-run issuer mint bond --amount 1.5 --to "${A[ALICE]}"
check m-units 'o.allowed && !o.sent && o.amount === "1500000" && o.decimals === 6'
info "pausing everything asks first; without a terminal it needs --yes"
rg 2 pause-all "$OWNER" owner pause </dev/null
says pause-all "Pass --yes"
rg 0 pause-all-yes "$OWNER" owner pause --yes
rg 0 s-all-paused 0 status bond
check s-all-paused 'o.globally_paused && o.reasons.some(r => r.code === "issuance_paused")'
rg 0 unpause-all "$OWNER" owner unpause
info "a chain that is not local asks before spending"
rg 2 remote "$ISSUER" --node "http://127.0.0.2:1,$NODE_URL" refresh bond </dev/null
says remote "it spends fees"
info "-o json is --json"
"$BIN" -o json status bond >"$W/o-json.json" 2>"$W/o-json.err"
check o-json 'o.ok && o.asset === "bond" && o.symbol === "BOND"'
info "a deployment file whose registry the chain does not have is named stale"
node -e 'const fs=require("fs"); const d=JSON.parse(fs.readFileSync(process.argv[1])); d.registry=process.argv[2]; fs.writeFileSync(process.argv[3], JSON.stringify(d))' \
  "$RWA_GATE_DEPLOYMENT" "$NO_CONTRACT" "$W/stale-deployment.json"
rg 1 stale 0 --deployment "$W/stale-deployment.json" status bond
check stale 'o.stale_deployment === true'
says stale "is stale: its registry $NO_CONTRACT does not exist"

step "cli-e2e: holders: balance, transfer, burn (whole token units), a transaction by hash"
rg 0 bal-alice 0 token balance bond "${A[ALICE]}"
check bal-alice 'o.balance === "1500000000" && o.balance_units === "1500"'
rg 0 transfer "$ALICE" token transfer bond --to "${A[ISSUER]}" --amount 1.5
check transfer 'o.amount === "1500000" && o.tx.length === 64'
rg 0 burn "$ALICE" token burn bond --amount 0.25
check burn 'o.amount === "250000"'
rg 0 bal-after "$ALICE" token balance bond
check bal-after 'o.balance === "1498250000" && o.balance_units === "1498.25"'
rg 0 tx 0 tx "$(get transfer o.tx)"
check tx "o.succeeded && o.height === $(get transfer o.height) && o.events.some(e => e.attributes.action === 'transfer')"
rg 2 bad-tx 0 tx not-a-hash

step "cli-e2e: listing assets, oracles, flags"
rg 0 l-assets 0 list assets
check l-assets 'o.assets.length === 1 && o.assets[0].id === "bond" && o.assets[0].status === "active"'
rg 0 l-oracles 0 list oracles
check l-oracles 'o.oracles.length === 5 && o.oracles.every(x => x.status === "active")'
rg 0 l-flags 0 list flags --asset bond
check l-flags "o.flags.length === 1 && o.flags[0].id === $FLAG && o.flags[0].status === 'cleared'"
rg 0 l-active 0 list flags --asset bond --active
check l-active 'o.flags.length === 0'

step "cli-e2e: the owner's and the issuer's other operations"
rg 0 scopes "$OWNER" owner set-scopes "${A[VOTER2]}" --scopes flags,screening
rg 0 suspend "$OWNER" owner suspend-oracle "${A[SCREENER]}"
rg 0 l-suspended 0 list oracles
check l-suspended "o.oracles.some(x => x.address === '${A[SCREENER]}' && x.status === 'suspended')"
check l-suspended "o.oracles.some(x => x.address === '${A[VOTER2]}' && x.scopes.screening && x.scopes.flags)"
rg 0 reactivate "$OWNER" owner reactivate-oracle "${A[SCREENER]}"
rg 0 remove "$OWNER" owner remove-oracle "${A[VOTER2]}"
rg 0 refresh "$ISSUER" refresh bond
rg 0 s-refreshed 0 status bond
check s-refreshed 'o.state === "cleared" && !o.stale'
rg 0 pauser "$OWNER" owner set-pauser "${A[VOTER1]}"
rg 0 pause-by-pauser "$VOTER1" owner pause --asset bond
rg 0 unpause-bond "$OWNER" owner unpause --asset bond
rg 0 no-pauser "$OWNER" owner set-pauser --none
rg 3 pauser-gone "$VOTER1" owner pause --asset bond
rg 0 propose "$OWNER" owner transfer-ownership "${A[ALICE]}"
rg 0 cancel "$OWNER" owner cancel-ownership-transfer
rg 3 accept-cancelled "$ALICE" owner accept-ownership
rg 0 renounce-dry "$OWNER" --dry-run owner renounce-ownership
check renounce-dry 'o.dry_run && o.would_succeed'
TOKEN_CODE="$(get deploy 'o.deployment.codes["gated_token.wasm"].code_id')"
rg 0 migrate "$OWNER" owner migrate-tokens --code-id "$TOKEN_CODE"
check migrate 'o.migrated === "1" && o.last === "bond"'
rg 0 add-minter "$ISSUER" issuer add-minter bond "${A[ALICE]}"
rg 0 remove-minter "$ISSUER" issuer remove-minter bond "${A[ALICE]}"
rg 0 link "$ISSUER" issuer set-link-allowance holdco --issuer "${A[ALICE]}" --limit 1
rg 0 note "$ISSUER" issuer register-asset note --filing-entity acme --max-supply 10 \
  --materials "$W/other-materials.txt" --name "Note Token" --symbol NOTE --decimals 2
rg 0 parties "$ISSUER" issuer set-parties note --party holdco:other
check parties 'o.related_parties.join() === "holdco"'
rg 2 retire-ask "$ISSUER" issuer retire-asset note </dev/null
rg 0 retire "$ISSUER" issuer retire-asset note --yes
rg 0 s-retired 0 status note
check s-retired 'o.retired && o.reasons.some(r => r.code === "asset_retired") && o.decimals === 2'
rg 0 approve-alice "$OWNER" owner approve-issuer "${A[ALICE]}"
rg 0 revoke-issuer "$OWNER" owner revoke-issuer "${A[ALICE]}"
rg 3 revoked-registers "$ALICE" issuer register-entity alice-co

step "cli-e2e: the holder side: eligibility, distribution terms, check-transfer, orders, recovery"
ELIG=908 ORDERS=909 BOB=910 CAROL=911 BOB2=912
for who in ELIG ORDERS BOB CAROL BOB2; do
  A[$who]="$(addr "${!who}")"
done
rg 0 fund-holders 0 dev fund "${A[ELIG]}" "${A[ORDERS]}" "${A[BOB]}" "${A[CAROL]}" "${A[BOB2]}"
rg 0 o-elig "$OWNER" owner add-oracle "${A[ELIG]}" --scopes eligibility
rg 0 o-orders "$OWNER" owner add-oracle "${A[ORDERS]}" --scopes orders
rg 0 el-params "$OWNER" --dry-run owner set-params --eligibility-validity 180d
check el-params 'o.dry_run && o.would_succeed'
printf 'overseas issuance materials of fund\n' >"$W/fund-materials.txt"
printf 'KYC file of a holder\n' >"$W/kyc.txt"
printf 'KYC withdrawn\n' >"$W/kyc-withdrawn.txt"
HOLDER_BOB="$(printf 'holder bob' | sha256sum | cut -d' ' -f1)"
HOLDER_CAROL="$(printf 'holder carol' | sha256sum | cut -d' ' -f1)"
info "an asset whose plan admits professional and institutional holders, not US ones"
rg 2 bad-terms "$ISSUER" --dry-run issuer register-asset fund --filing-entity acme --max-supply 1000000 \
  --materials "$W/fund-materials.txt" --name "Fund Token" --symbol FUND --max-holders 0
says bad-terms "limits must be above zero"
rg 0 fund "$ISSUER" issuer register-asset fund --filing-entity acme --max-supply 1000000 \
  --materials "$W/fund-materials.txt" --name "Fund Token" --symbol FUND \
  --classes professional,institutional --exclude-jurisdiction US --max-balance 600
check fund 'o.terms.classes.join() === "professional,institutional" && o.terms.excluded_jurisdictions.join() === "US" && o.terms.max_balance === "600000000"'
rg 0 fund-filing "$FILER" oracle attest-filing fund --reference CSRC-2026-0009 \
  --materials "$W/fund-materials.txt" --max-supply 1000000 --valid-for 365d
rg 0 fund-screening "$SCREENER" oracle attest-screening fund --evidence "$W/screening.txt" --valid-for 90d
rg 0 el-none 0 eligibility "${A[BOB]}"
check el-none 'o.eligible === false && o.standing === "none" && o.statement === null'
info "mint asks whether the recipient may hold too: every reason, nothing sent"
rg 4 mint-ineligible "$ISSUER" issuer mint fund --amount 500 --to "${A[BOB]}"
check mint-ineligible '!o.sent && o.reasons.length === 1 && o.reasons[0].code === "not_eligible"'
says mint-ineligible "R1 terms: ${A[BOB]} has no eligibility statement"
info "the eligibility oracle attests bob (professional, HK) and carol (retail, US)"
rg 2 el-too-long "$ELIG" oracle attest-eligibility "${A[BOB]}" --holder "$HOLDER_BOB" \
  --class professional --jurisdiction HK --valid-for 400d --evidence "$W/kyc.txt"
says el-too-long "at most 365 days"
rg 0 el-dry "$ELIG" --dry-run oracle attest-eligibility "${A[BOB]}" --holder "$HOLDER_BOB" \
  --class professional --jurisdiction hk --expires-in 180d --evidence "$W/kyc.txt"
check el-dry 'o.dry_run && o.would_succeed'
rg 0 el-bob "$ELIG" oracle attest-eligibility "${A[BOB]}" --holder "$HOLDER_BOB" \
  --class professional --jurisdiction hk --valid-for 180d --evidence "$W/kyc.txt"
check el-bob 'o.ok && Number(o.id) > 0 && o.jurisdiction === "HK" && o.class === "professional"'
rg 0 el-carol "$ELIG" oracle attest-eligibility "${A[CAROL]}" --holder "$HOLDER_CAROL" \
  --class retail --jurisdiction US --expires-at "@$(($(date +%s) + 100 * 86400))" --evidence "$W/kyc.txt"
rg 0 el-bob-read 0 eligibility "${A[BOB]}"
check el-bob-read 'o.eligible && o.standing === "eligible" && o.statement.class === "professional" && o.statement.holder.length === 64'
rg 0 mint-bob "$ISSUER" issuer mint fund --amount 500 --to "${A[BOB]}"
check mint-bob 'o.sent && o.minted === "500000000"'
info "check-transfer: refused with every reason, exit 4"
rg 4 ct-carol "$BOB" check-transfer fund --to "${A[CAROL]}" --amount 100
check ct-carol '!o.allowed && !o.sent && o.reasons.map(r => r.code).sort().join() === "class_not_admitted,jurisdiction_excluded"'
says ct-carol "class retail of ${A[CAROL]} is not admitted"
says ct-carol "jurisdiction US of ${A[CAROL]} is excluded"
rg 4 ct-alice 0 check-transfer fund --from "${A[BOB]}" --to "${A[ALICE]}" --amount 100
check ct-alice 'o.reasons.length === 1 && o.reasons[0].code === "not_eligible"'
info "token transfer asks the token first: refused, every reason, nothing sent"
rg 4 tr-carol "$BOB" token transfer fund --to "${A[CAROL]}" --amount 100
check tr-carol '!o.allowed && !o.sent && o.reasons.length === 2'
says tr-carol "so nothing was sent"
info "terms: a narrowing is in force at once; a widening waits for a filing of the plan"
rg 0 narrow "$ISSUER" issuer update-plan fund --max-balance 550
check narrow 'o.terms.max_balance === "550000000" && o.terms_pending === "false"'
rg 0 s-narrowed 0 status fund
check s-narrowed 'o.state === "cleared" && o.terms.max_balance === "550000000" && !o.terms_pending'
rg 0 widen "$ISSUER" issuer update-plan fund --classes all --exclude-jurisdiction none
check widen 'o.terms.classes === null && o.terms.excluded_jurisdictions.length === 0 && o.terms.max_balance === "550000000" && o.terms_pending === "true"'
rg 0 s-widened 0 status fund
check s-widened 'o.state === "blocked" && o.terms_pending && o.reasons.some(r => r.code === "filing_quorum_not_met")'
rg 4 ct-pending "$BOB" check-transfer fund --to "${A[CAROL]}" --amount 100
check ct-pending 'o.reasons.map(r => r.code).sort().join() === "class_not_admitted,jurisdiction_excluded"'
rg 0 fund-refiling "$FILER" oracle attest-filing fund --reference CSRC-2026-0010 \
  --materials "$W/fund-materials.txt" --max-supply 1000000 --valid-for 365d
rg 0 ct-allowed "$BOB" check-transfer fund --to "${A[CAROL]}" --amount 100
check ct-allowed 'o.allowed && o.reasons.length === 0 && o.amount === "100000000"'
rg 0 tr-allowed "$BOB" token transfer fund --to "${A[CAROL]}" --amount 100
info "revocation, a new statement, the account's history"
rg 0 el-revoke "$ELIG" oracle revoke-eligibility "${A[CAROL]}" --evidence "$W/kyc-withdrawn.txt"
rg 4 ct-revoked "$BOB" check-transfer fund --to "${A[CAROL]}" --amount 1
check ct-revoked 'o.reasons[0].code === "eligibility_revoked"'
rg 0 el-carol-again "$ELIG" oracle attest-eligibility "${A[CAROL]}" --holder "$HOLDER_CAROL" \
  --class institutional --jurisdiction SG --valid-for 90d --evidence "$W/kyc.txt"
check el-carol-again "o.superseded === '$(get el-carol o.id)'"
rg 0 el-carol-history 0 eligibility "${A[CAROL]}" --history
check el-carol-history 'o.eligible && o.statement.class === "institutional" && o.history.length === 1 && o.history[0].status === "revoked" && !o.history[0].superseded'
info "an order: attested, carried out once, refused the second time; one to an ineligible account refused"
printf 'court order 2026/77: carol gives 50 FUND to bob\n' >"$W/order.txt"
rg 0 order "$ORDERS" oracle attest-order fund --order "$W/order.txt" --uri https://court.example/2026-77 \
  --from "${A[CAROL]}" --to "${A[BOB]}" --amount 50
ORDER="$(get order o.order)"
rg 0 order-read 0 order "$ORDER"
check order-read '!o.executed && o.amount === "50000000" && o.asset === "fund"'
rg 0 order-exec "$ISSUER" issuer execute-order "$ORDER"
rg 3 order-again "$ISSUER" issuer execute-order "$ORDER"
says order-again "was already carried out"
rg 0 order-done 0 order "$ORDER"
check order-done 'o.executed && o.executed_at'
ORDER2="$(printf 'order to alice' | sha256sum | cut -d' ' -f1)"
rg 0 order2 "$ORDERS" oracle attest-order fund --order "$ORDER2" --from "${A[CAROL]}" --to "${A[ALICE]}" --amount 1
rg 3 order2-exec "$ISSUER" issuer execute-order "$ORDER2"
says order2-exec "movement denied: R1 terms: ${A[ALICE]} has no eligibility statement"
ORDER3="$(printf 'order for more than carol holds' | sha256sum | cut -d' ' -f1)"
rg 0 order3 "$ORDERS" oracle attest-order fund --order "$ORDER3" --from "${A[CAROL]}" --to "${A[BOB]}" --amount 1000
rg 2 order3-exec "$ISSUER" issuer execute-order "$ORDER3"
says order3-exec "holds only 50 FUND: nothing was sent"
info "a recovery: bob's holdings move to his new account, attested for the same holder"
rg 0 el-bob2 "$ELIG" oracle attest-eligibility "${A[BOB2]}" --holder "$HOLDER_BOB" \
  --class professional --jurisdiction HK --valid-for 180d --evidence "$W/kyc.txt"
rg 0 recover "$ISSUER" issuer recover fund --lost "${A[BOB]}" --replacement "${A[BOB2]}"
check recover 'o.amount === "450000000" && o.lost && o.replacement'
rg 0 bal-bob2 0 token balance fund "${A[BOB2]}"
check bal-bob2 'o.balance === "450000000"'
rg 0 el-lost 0 eligibility "${A[BOB]}"
check el-lost '!o.eligible && o.standing === "lost"'
rg 4 ct-lost "$BOB2" check-transfer fund --to "${A[BOB]}" --amount 1
check ct-lost 'o.reasons[0].code === "account_lost"'

step "cli-e2e: delegated statements: a signing key kept apart, statements signed offline, relayed; batches; R3 approvals"
SIGNER=913 RELAYER=914
for who in SIGNER RELAYER; do
  A[$who]="$(addr "${!who}")"
done
rg 0 fund-deleg 0 dev fund "${A[SIGNER]}" "${A[RELAYER]}"
rg 0 o-signer "$OWNER" owner add-oracle "${A[SIGNER]}" --scopes eligibility,cross-border-investment
check o-signer 'o.ok'
# Two statement keys, kept in files of their own (secp256k1 secrets as hex: test keys only).
KEY1="$W/statement-1.key" KEY2="$W/statement-2.key"
(umask 077 && printf 'holder-side key one' | sha256sum | cut -d' ' -f1 >"$KEY1")
(umask 077 && printf 'holder-side key two' | sha256sum | cut -d' ' -f1 >"$KEY2")
printf 'cross-border investment approval NDRC-2026-1\n' >"$W/approval.txt"
HOLDER_DAN="$(printf 'holder dan' | sha256sum | cut -d' ' -f1)"
DAN="$(addr 920)" ERIN="$(addr 921)" FRANK="$(addr 922)"

info "R3: an asset whose plan names the cross-border investment approval is blocked until it is attested"
rg 0 asset-r3 "$ISSUER" issuer register-asset r3bond --filing-entity acme --max-supply 1000 \
  --materials "$W/materials.txt" --name "R3 Bond" --symbol RTHREE --approval cross-border-investment
check asset-r3 'o.approvals.length === 1 && o.approvals[0] === "cross_border_investment"'
rg 0 s-r3-before 0 status r3bond
check s-r3-before 'o.state === "blocked" && o.reasons.some(r => r.code === "approval_quorum_not_met" && r.detail.approval_quorum_not_met.approval === "cross_border_investment") && o.approvals[0].have === 0'

info "the oracle registers a statement key that is not its account's"
rg 0 set-key "$SIGNER" oracle set-signing-key --signing-key-file "$KEY1"
PK1="$(get set-key o.public_key)"
check set-key "o.ok && o.oracle === '${A[SIGNER]}' && o.public_key.length === 66"

info "signed offline: no node is asked (--node points nowhere)"
rg 0 sign1 "$SIGNER" --node http://127.0.0.1:9 oracle sign --offline --out "$W/s1.json" \
  --signing-key-file "$KEY1" --nonce 11 --deadline 1h \
  attest r3bond --kind cross-border-investment --reference NDRC-2026-1 --valid-for 300d --evidence "$W/approval.txt"
check sign1 "o.ok && o.nonce === 11 && o.actions === 1 && o.public_key === '$PK1' && o.registry === '$REGISTRY' && !o.nonce_checked"
rg 0 relay1 "$RELAYER" relay "$W/s1.json"
check relay1 "o.ok && o.action === 'relay' && o.oracle === '${A[SIGNER]}' && o.nonce === 11 && o.tx.length === 64 && o.gas_used > 0"
info "relayed by ${A[RELAYER]}: tx $(get relay1 o.tx), gas used $(get relay1 o.gas_used)"
rg 0 s-r3-after 0 status r3bond
check s-r3-after '!o.reasons.some(r => r.code === "approval_quorum_not_met") && o.approvals[0].have === 1'

info "refused: the same statement again (its nonce is used)"
rg 3 relay-replay "$RELAYER" relay "$W/s1.json"
says relay-replay "The contract refused to relay the statement of oracle ${A[SIGNER]} (nonce 11): nonce 11 was already used. Nothing was sent."

info "refused: a statement past its deadline"
LATE="$(($(date +%s) - 60))"
rg 0 sign-late "$SIGNER" oracle sign --offline --out "$W/late.json" --signing-key-file "$KEY1" \
  --nonce 12 --deadline "@$LATE" revoke-eligibility "$DAN" --evidence "$W/kyc-withdrawn.txt"
rg 3 relay-late "$RELAYER" relay "$W/late.json"
says relay-late "(nonce 12): the statement's deadline ${LATE}000000000 has passed. Nothing was sent."

info "refused: a statement signed with a key the oracle rotated away from"
rg 0 sign-old "$SIGNER" oracle sign --offline --out "$W/old.json" --signing-key-file "$KEY1" --nonce 13 \
  attest-eligibility "$DAN" --holder "$HOLDER_DAN" --class professional --jurisdiction HK --valid-for 30d --evidence "$W/kyc.txt"
rg 0 rotate "$SIGNER" oracle set-signing-key --signing-key-file "$KEY2"
check rotate "o.public_key !== '$PK1'"
rg 3 relay-old "$RELAYER" relay "$W/old.json"
says relay-old "(nonce 13): the signature does not verify with the oracle's signing key for this chain and registry. Nothing was sent."

info "refused before sending: a statement for another registry"
rg 0 sign-other "$SIGNER" oracle sign --offline --out "$W/other.json" --signing-key-file "$KEY2" \
  --registry "${A[ALICE]}" attest-eligibility "$DAN" --holder "$HOLDER_DAN" --class professional \
  --jurisdiction HK --valid-for 30d --evidence "$W/kyc.txt"
rg 2 relay-other "$RELAYER" relay "$W/other.json"
says relay-other "is signed for registry ${A[ALICE]}, not this deployment's registry $REGISTRY: its signature would not verify here. Nothing was sent."

info "a batch of three eligibility statements by the oracle itself, all or nothing"
KYC_DIGEST="$(sha256sum "$W/kyc.txt" | cut -d' ' -f1)"
EXPIRES_NS="$((($(date +%s) + 30 * 86400) * 1000000000))"
eligibility() {
  printf '{"attest_eligibility":{"account":"%s","holder":"%s","class":"professional","jurisdiction":"HK","expires_at":"%s","evidence":{"digest":"%s","uri":null}}}' \
    "$1" "$(printf 'holder %s' "$1" | sha256sum | cut -d' ' -f1)" "$EXPIRES_NS" "$KYC_DIGEST"
}
printf '[%s,%s,%s]\n' "$(eligibility "$DAN")" "$(eligibility "$ERIN")" "$(eligibility "$FRANK")" >"$W/three-statements.json"
printf '[%s,{"revoke":{"id":999999,"evidence":{"digest":"%s","uri":null}}}]\n' "$(eligibility "$DAN")" \
  "$KYC_DIGEST" >"$W/one-refused.json"
rg 3 batch-refused "$SIGNER" oracle batch "$W/one-refused.json"
says batch-refused "batch refused, nothing recorded: action 1: attestation 999999 not found. Nothing was sent."
rg 0 el-dan-before 0 eligibility "$DAN"
check el-dan-before '!o.eligible'
rg 0 batch "$SIGNER" oracle batch "$W/three-statements.json"
check batch 'o.ok && o.action === "batch" && o.actions === 3 && o.gas_used > 0'
info "batch of 3: tx $(get batch o.tx), gas used $(get batch o.gas_used)"
rg 0 el-dan 0 eligibility "$DAN"
check el-dan 'o.eligible'

info "the same list signed online (the nonce checked unused with the registry) and relayed"
rg 0 sign-list "$SIGNER" oracle sign --out "$W/list.json" --signing-key-file "$KEY2" --actions "$W/three-statements.json"
check sign-list 'o.nonce_checked && o.actions === 3'
rg 0 relay-list "$RELAYER" relay "$W/list.json"
check relay-list 'o.ok && o.actions === 3'
info "relayed 3: tx $(get relay-list o.tx), gas used $(get relay-list o.gas_used)"

if ((TS_E2E)); then
  step "cli-e2e: the TypeScript client (clients/ts, CosmJS) reads the clearance, checks and mints"
  bash "$REPO_ROOT/scripts/ts-client.sh" --check
  (cd "$REPO_ROOT/clients/ts" && npx --no-install tsc)
  ts() {
    local want="$1" name="$2"
    shift 2
    local rc=0
    node "$REPO_ROOT/clients/ts/dist/e2e.js" --deployment "$RWA_GATE_DEPLOYMENT" "$@" \
      >"$W/$name.json" 2>"$W/$name.err" || rc=$?
    [[ "$rc" == "$want" ]] || die "$name: e2e.js $* exited $rc, expected $want: $(cat "$W/$name.err" "$W/$name.json")"
    CHECKS=$((CHECKS + 1))
  }
  ts 0 ts-mint --asset bond --amount 250 --recipient "${A[ALICE]}" --account-index "$ISSUER"
  check ts-mint 'o.allowed && o.sent && o.minted === "1500000250" && o.clearance.filings.length === 1 && o.tx.length === 64'
  info "minted 250 through the generated client: $(get ts-mint o.tx)"
  rg 0 flag2 "$WATCHER" oracle flag raise --entity holdco --reason under-investigation --evidence "$W/dispute.txt"
  ts 0 ts-denied --asset bond --amount 250 --recipient "${A[ALICE]}" --account-index "$ISSUER" --expect denied
  check ts-denied "!o.allowed && !o.sent && o.reasons[0].flagged.flag === $(get flag2 o.flag) && o.clearance.blockers.length === 1"
  rg 0 s-entity-flag 0 status bond
  check s-entity-flag "o.state === 'blocked' && o.flags[0].subject === 'entity holdco' && o.flags[0].rule === 'R9' && o.minted === '1500000250'"
fi

step "cli-e2e: the key never appears in any output"
first_words="$(printf '%s' "$RWA_GATE_FAUCET_MNEMONIC" | cut -d' ' -f1-3)"
if grep -rqF -- "$first_words" "$W"/*.json "$W"/*.err; then
  die "the mnemonic appears in the command line's output"
fi

echo "OK: cli-e2e: $CHECKS checks passed (registry $REGISTRY)"
