//! The rule tests that only cw-multi-test can run: long jumps in time (days, years) and byte for
//! byte storage checks. Every rule R1–R10 is written once as a scenario in
//! `rwa_gate_tests::scenarios` and runs on multi-test (tests/tests/scenarios.rs, `rN_…`) and on
//! the local chain (tests/chain/tests/rules.rs, `chain_rN_…`).

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::AttestMsg;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::{FlagReason, Params, StatementMsg, Subject, LOOKBACK_SECONDS};
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
    let seed = first_plan_seed(BOND);
    let before = s.storage(&s.registry);
    assert_fails(
        s.update_plan(BOND, MAX_SUPPLY, &seed),
        RegistryError::PlanUnchanged {},
    );
    assert_eq!(s.storage(&s.registry), before);
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
    assert_refused(
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
    assert_refused(
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
    assert_refused(
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

// ---------------------------------------------------------------- every time rule to the nanosecond

/// Moves the block clock forward by `nanos`: time rules hold in the block time's own unit.
fn advance_nanos(s: &mut Suite, nanos: u64) {
    s.app_mut().update_block(|b| {
        b.time = b.time.plus_nanos(nanos);
        b.height += 1;
    });
}

/// R8: an offence committed at a fraction of a second blocks until three years after it to that
/// same fraction, not from the whole second before.
#[test]
fn r8_an_offence_lapses_three_years_after_it_to_the_nanosecond() {
    let mut s = cleared_suite();
    let offence_date = s
        .now()
        .minus_seconds(LOOKBACK_SECONDS)
        .plus_nanos(600_000_000);
    let lapses_at = s.now().plus_nanos(600_000_000);
    let flag = s
        .raise_flag(
            "watcher",
            entity(FOUNDER),
            FlagReason::CriminalRecord { offence_date },
        )
        .unwrap();
    assert_eq!(s.flag(flag).reason.lapses_at(), Some(lapses_at));
    assert!(!s.check(BOND, 1, Some("issuer")).allowed);
    advance_nanos(&mut s, 599_999_999);
    assert!(
        !s.check(BOND, 1, Some("issuer")).allowed,
        "one nanosecond early"
    );
    s.mint("issuer", BOND, "holder", 1).unwrap_err();
    advance_nanos(&mut s, 1);
    assert!(s.check(BOND, 1, Some("issuer")).allowed);
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

fn filing_until(s: &mut Suite, expires_at: Timestamp) -> Result<Receipt, String> {
    let plan = s.asset(BOND).plan;
    s.exec(
        "filer",
        &ExecuteMsg::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Filing {
                filing_reference: "CSRC-2026-bond".into(),
                plan,
                approved_supply: Uint128::new(APPROVED_SUPPLY),
            },
            expires_at,
            evidence: evidence("filing"),
        }),
    )
}

/// R10: an attestation valid one nanosecond longer than its kind's maximum is refused; exactly
/// the maximum is accepted.
#[test]
fn r10_an_attestation_valid_a_nanosecond_past_the_maximum_is_refused() {
    let mut s = Suite::new().with_standard_oracles().build();
    let max_seconds = Params::default().max_validity.filing;
    let too_far = s.now().plus_seconds(max_seconds).plus_nanos(1);
    assert_fails(
        filing_until(&mut s, too_far),
        RegistryError::ExpiryTooFar { max_seconds },
    );
    let at_most = s.now().plus_seconds(max_seconds);
    filing_until(&mut s, at_most).unwrap();
}

fn screening_from(s: &mut Suite, lookback_from: Timestamp) -> Result<Receipt, String> {
    let now = s.now();
    s.exec(
        "screener",
        &ExecuteMsg::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Screening {
                negative_list_version: 1,
                subjects: vec![ACME.into(), HOLDCO.into(), FOUNDER.into()],
                lookback_from,
            },
            expires_at: now.plus_seconds(DAY),
            evidence: evidence("screening"),
        }),
    )
}

/// R3: a screening whose look-back falls one nanosecond short of three years is refused; exactly
/// three years is accepted.
#[test]
fn r3_a_screening_look_back_a_nanosecond_short_is_refused() {
    let mut s = Suite::new().with_standard_oracles().build();
    let short = s.now().minus_seconds(LOOKBACK_SECONDS).plus_nanos(1);
    assert_fails(
        screening_from(&mut s, short),
        RegistryError::LookbackTooShort {},
    );
    let full = s.now().minus_seconds(LOOKBACK_SECONDS);
    screening_from(&mut s, full).unwrap();
}
