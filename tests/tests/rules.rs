//! The rule tests that only cw-multi-test can run: long jumps in time (days, years) and byte for
//! byte storage checks. Every rule R1–R10 is written once as a scenario in
//! `rwa_gate_tests::scenarios` and runs on multi-test (tests/tests/scenarios.rs, `rN_…`) and on
//! the local chain (tests/chain/tests/rules.rs, `chain_rN_…`).

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::Timestamp;
use rwa_gate::{FlagReason, Subject};
use rwa_gate_tests::*;

fn cleared_suite() -> Suite {
    let mut s = Suite::new().with_standard_oracles().build();
    s.clear_for_issuance(BOND);
    s
}

fn entity(id: &str) -> Subject {
    Subject::Entity(id.into())
}

// ---------------------------------------------------------------- R1: filing before business

/// The refusal of an identical plan (scenario `r1_an_identical_plan_is_refused_and_changes_nothing`)
/// leaves every byte of the registry's storage as it was.
#[test]
fn r1_an_identical_plan_leaves_the_registry_storage_unchanged() {
    let mut s = cleared_suite();
    let seed = Suite::first_plan_seed(BOND);
    let before = s.app.dump_wasm_raw(&s.registry);
    assert_err(
        s.update_plan(BOND, MAX_SUPPLY, &seed),
        RegistryError::PlanUnchanged {},
    );
    assert_eq!(s.app.dump_wasm_raw(&s.registry), before);
}

// ---------------------------------------------------------------- R8: criminal record, 3 years

/// The day boundary: an offence 2 years and 360 days back blocks on day 1,095 after it and
/// stops blocking on day 1,096 (3 × 365 days + 1 leap day), by the clock alone.
#[test]
fn r8_block_lapses_on_day_1096_after_the_offence() {
    let mut s = Suite::new().with_standard_oracles().build();
    let reason = FlagReason::CriminalRecord {
        offence_date: s.now().minus_seconds(2 * YEAR + 360 * DAY),
    };
    let flag = s
        .raise_flag("watcher", entity(ACME), reason.clone())
        .unwrap();
    s.advance(5 * DAY);
    s.clear_for_issuance(BOND);
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(ACME),
            reason,
        }],
    );
    s.advance(DAY);
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

// ---------------------------------------------------------------- R9: under investigation

/// Ten years later, with fresh attestations, an investigation still blocks: only a cleared
/// flag lifts it.
#[test]
fn r9_an_investigation_still_blocks_ten_years_later() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("auditor-1", FLAGS)
        .with_oracle("auditor-2", FLAGS)
        .build();
    s.clear_for_issuance(BOND);
    let flag = s
        .raise_flag("watcher", entity(HOLDCO), FlagReason::UnderInvestigation)
        .unwrap();
    s.advance(10 * YEAR);
    s.clear_for_issuance(BOND);
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(HOLDCO),
            reason: FlagReason::UnderInvestigation,
        }],
    );
    s.clear_flag("auditor-1", flag).unwrap();
    s.clear_flag("auditor-2", flag).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

// ---------------------------------------------------------------- R10: fail closed, explainable

/// Thirty days on, both attestations have expired at the same instant and the refusal names
/// both.
#[test]
fn r10_both_attestations_expire_after_their_30_days() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "holder", 1).unwrap();
    let expiry = s.now().plus_seconds(30 * DAY);
    s.advance(30 * DAY);
    let expired = Timestamp::from_seconds(expiry.seconds());
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![
            Denial::FilingExpired { at: expired },
            Denial::ScreeningExpired { at: expired },
        ],
    );
    // Remedy: fresh attestations.
    s.clear_for_issuance(BOND);
    s.mint("issuer", BOND, "holder", 1).unwrap();
}
