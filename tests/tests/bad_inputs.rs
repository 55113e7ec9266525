//! The bad-input sweep: hostile inputs to every execute message of both contracts.
//!
//! The cases live in `rwa_gate_tests::sweep`, one module per feature; each test below runs the
//! cases of one feature. Every case is sent from a fresh fixture (`rwa_gate_tests::sweep::Fixture`)
//! by a sender that is entitled to send the message, so the input alone is at fault. Each must
//! fail with exactly the expected typed error (the contract's `ContractError`,
//! `rwa_gate::validate::InvalidInput`, the address API's error, or serde's text for malformed
//! JSON), and must leave the raw storage of the registry and of both tokens byte-for-byte
//! unchanged.

use rwa_gate::{FlagReason, Subject, LOOKBACK_SECONDS, MAX_ACTIVE_FLAGS_PER_SUBJECT};
use rwa_gate_tests::sweep::case::{run, Case};
use rwa_gate_tests::sweep::{
    allowances, approvals, assets, attestations, batches, delegation, every_message, flags,
    governance, holders, json, oracles, token, Fixture, MESSAGES,
};
use rwa_gate_tests::*;

type Feature = fn(&mut Fixture) -> Vec<Case>;

/// Every feature's cases, named.
const FEATURES: &[(&str, Feature)] = &[
    ("every message", every_message::cases),
    ("malformed JSON and nested unknown fields", json::cases),
    ("ownership, parameters, issuers, pause", governance::cases),
    ("oracles", oracles::cases),
    ("entities, assets, plans, reports, minters", assets::cases),
    (
        "attestations, revocations, negative list",
        attestations::cases,
    ),
    ("flags", flags::cases),
    ("token: transfer, burn, send, mint", token::cases),
    ("token: allowances", allowances::cases),
    (
        "holders: eligibility, orders, recovery, terms",
        holders::cases,
    ),
    ("batches of oracle actions", batches::cases),
    ("signing keys and relayed statements", delegation::cases),
    ("R3 approvals", approvals::cases),
];

/// Runs the cases of one feature and lists every one that misbehaves.
fn check(feature: Feature) {
    let cases = feature(&mut Fixture::new());
    let wrong = run(&cases);
    assert!(
        wrong.is_empty(),
        "{} of {} hostile inputs misbehave:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_message_refuses_funds_and_unknown_fields() {
    check(every_message::cases);
}

#[test]
fn malformed_json_and_unknown_nested_fields_are_refused() {
    check(json::cases);
}

#[test]
fn hostile_governance_inputs_get_typed_errors_and_change_nothing() {
    check(governance::cases);
}

#[test]
fn hostile_oracle_inputs_get_typed_errors_and_change_nothing() {
    check(oracles::cases);
}

#[test]
fn hostile_asset_inputs_get_typed_errors_and_change_nothing() {
    check(assets::cases);
}

#[test]
fn hostile_attestation_inputs_get_typed_errors_and_change_nothing() {
    check(attestations::cases);
}

#[test]
fn hostile_flag_inputs_get_typed_errors_and_change_nothing() {
    check(flags::cases);
}

#[test]
fn hostile_token_inputs_get_typed_errors_and_change_nothing() {
    check(token::cases);
}

#[test]
fn hostile_allowance_inputs_get_typed_errors_and_change_nothing() {
    check(allowances::cases);
}

#[test]
fn hostile_holder_inputs_get_typed_errors_and_change_nothing() {
    check(holders::cases);
}

#[test]
fn hostile_batches_name_every_refused_action_and_change_nothing() {
    check(batches::cases);
}

#[test]
fn hostile_keys_and_relayed_statements_get_typed_errors_and_change_nothing() {
    check(delegation::cases);
}

#[test]
fn hostile_approval_inputs_get_typed_errors_and_change_nothing() {
    check(approvals::cases);
}

/// The sweep's size, so that a case lost in a refactoring fails here: 462 cases before the list
/// was split by feature, plus one with funds and one with an unknown field for each of the 5
/// messages that the one list of every message (`MESSAGES`) added to the sweep, and for the
/// token's `update_freeze`, plus a flag quorum only the raiser could complete and a Filing that
/// names its plan's digest with another maximum supply; then the holder side (issue 19): one
/// with funds and one with an unknown field for each of its 8 messages, and the 137 cases of
/// `holders` (29 attest_eligibility, 18 revoke_eligibility, 23 attest_order, 3 execute_order,
/// 19 recover_account, 13 update_plan with bad terms, 32 of the token's registry-only
/// messages); then oracles at scale (issue 20): one with funds and one with an unknown field for
/// each of its 6 rows, the 109 cases of `batches` (3 empty or oversize, 7 with refused actions
/// named by index, 52 hostile attestations and revocations and the 47 hostile eligibility
/// statements and revocations, each as a batch of one), the 86 of `delegation` (10 malformed
/// keys, 12 signatures that do not verify, 10 refused for the nonce, the deadline, the oracle's
/// standing or its key, 7 for what the statement holds, and the 47 hostile eligibility actions
/// relayed), and the 47 of `approvals` (4 plans, 12 unscoped oracles, 12 bad statements, 13
/// parameters, 6 malformed JSON).
#[test]
fn the_sweep_keeps_every_case() {
    let mut fx = Fixture::new();
    let total: usize = FEATURES.iter().map(|(_, cases)| cases(&mut fx).len()).sum();
    assert_eq!(MESSAGES.len(), 48 + 8 + 6);
    assert_eq!(total, 462 + 2 * 6 + 2 + 2 * 8 + 137 + 2 * 6 + 109 + 86 + 47);
    assert_eq!(holders::cases(&mut fx).len(), 137);
    assert_eq!(batches::cases(&mut fx).len(), 3 + 7 + 52 + 47);
    assert_eq!(delegation::cases(&mut fx).len(), 10 + 12 + 10 + 7 + 47);
    assert_eq!(approvals::cases(&mut fx).len(), 4 + 12 + 12 + 13 + 6);
}

/// R8 flags lapse by themselves three years after the offence and then no longer block, so
/// nobody needs to clear them. Were they to keep their slot among the 8 active flags of their
/// subject, 8 lapsed flags would stop any flag at all from being raised on that entity, and an
/// investigation (R9) opened later could not block its issuance: a new flag retires the lapsed
/// ones of its subject first (`retire_lapsed`).
#[test]
fn lapsed_criminal_records_do_not_crowd_out_new_flags() {
    let mut fx = Fixture::new();
    let founder = Subject::Entity(FOUNDER.into());
    // Offences committed just inside the three-year window: blocking today, lapsed in 11 days.
    let offence_date = fx.s.now().minus_seconds(LOOKBACK_SECONDS - 10 * DAY);
    for _ in 0..MAX_ACTIVE_FLAGS_PER_SUBJECT {
        fx.s.raise_flag(
            "watcher",
            founder.clone(),
            FlagReason::CriminalRecord { offence_date },
        )
        .expect("R8 flag within the window");
    }
    fx.s.advance(11 * DAY);
    assert!(
        fx.s.check(BOND, 1, Some("minter")).allowed,
        "lapsed R8 flags no longer block"
    );
    let investigation =
        fx.s.raise_flag("watcher", founder.clone(), FlagReason::UnderInvestigation);
    let flag = match investigation {
        Ok(flag) => flag,
        Err(e) => panic!("an R9 flag on {FOUNDER} is refused because of lapsed R8 flags: {e}"),
    };
    assert_refused(
        fx.s.mint("minter", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: founder,
            reason: FlagReason::UnderInvestigation,
        }],
    );
}
