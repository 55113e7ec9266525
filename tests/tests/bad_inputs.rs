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
    allowances, assets, attestations, every_message, flags, governance, holders, json, oracles,
    token, Fixture, MESSAGES,
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

/// The sweep's size, so that a case lost in a refactoring fails here: 462 cases before the list
/// was split by feature, plus one with funds and one with an unknown field for each of the 5
/// messages that the one list of every message (`MESSAGES`) added to the sweep, and for the
/// token's `update_freeze`, plus a flag quorum only the raiser could complete and a Filing that
/// names its plan's digest with another maximum supply; then the holder side (issue 19): one
/// with funds and one with an unknown field for each of its 8 messages, and the 137 cases of
/// `holders` (29 attest_eligibility, 18 revoke_eligibility, 23 attest_order, 3 execute_order,
/// 19 recover_account, 13 update_plan with bad terms, 32 of the token's registry-only
/// messages).
#[test]
fn the_sweep_keeps_every_case() {
    let mut fx = Fixture::new();
    let total: usize = FEATURES.iter().map(|(_, cases)| cases(&mut fx).len()).sum();
    assert_eq!(MESSAGES.len(), 48 + 8);
    assert_eq!(total, 462 + 2 * 6 + 2 + 2 * 8 + 137);
    assert_eq!(holders::cases(&mut fx).len(), 137);
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
