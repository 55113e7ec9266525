//! One test (at least) per rule of REGULATION.md, each covering the block and the remedy.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::types::LOOKBACK_SECONDS;
use rwa_gate::{FlagReason, IssuancePlan, Statement, Subject};
use rwa_gate_tests::*;

fn cleared_suite() -> Suite {
    let mut s = Suite::new().with_standard_oracles().build();
    s.clear_for_issuance(BOND);
    s
}

fn asset() -> Subject {
    Subject::Asset(BOND.into())
}

fn entity(id: &str) -> Subject {
    Subject::Entity(id.into())
}

// ---------------------------------------------------------------- R1: filing before business

#[test]
fn r1_mint_without_filing_is_refused() {
    let mut s = Suite::new().with_standard_oracles().build();
    s.attest_screening("screener", BOND).unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 100),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: the filing is attested; the same mint goes through.
    s.attest_filing("filer", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 100).unwrap();
    assert_eq!(s.balance(BOND, "holder"), 100);
}

#[test]
fn r1_filing_must_match_the_registered_plan_digest() {
    let mut s = Suite::new().with_standard_oracles().build();
    let expires_at = s.now().plus_seconds(DAY);
    let res = s.exec(
        "filer",
        ExecuteMsg::Attest {
            asset: BOND.into(),
            statement: Statement::Filing {
                filing_reference: "CSRC-2026-1".into(),
                plan_digest: digest("some other plan"),
                approved_supply: Uint128::new(10),
            },
            expires_at,
            evidence: evidence("filing"),
        },
    );
    assert_err(res, RegistryError::PlanDigestMismatch {});
}

#[test]
fn r1_plan_change_voids_earlier_filings() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "holder", 1).unwrap();
    s.exec(
        "issuer",
        ExecuteMsg::UpdatePlan {
            asset: BOND.into(),
            plan: IssuancePlan {
                max_supply: Uint128::new(MAX_SUPPLY),
                materials_digest: digest("bond-plan-v2"),
            },
        },
    )
    .unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: a filing of the new plan.
    s.attest_filing("filer", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

/// A filing attests one exact plan: going to another digest and back makes a third plan
/// version, which the first filing never attested.
#[test]
fn r1_a_plan_changed_and_changed_back_does_not_revive_its_filings() {
    let mut s = cleared_suite();
    let first = Suite::first_plan_seed(BOND);
    assert_eq!(s.attestation(1).plan_version, 0);
    s.update_plan(BOND, MAX_SUPPLY, "bond-plan-v2").unwrap();
    s.update_plan(BOND, MAX_SUPPLY, &first).unwrap();
    assert_eq!(s.asset(BOND).plan_version, 2);
    assert_eq!(s.asset(BOND).plan.materials_digest, digest(&first));
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: a filing of the plan as it stands now, recorded with its version.
    let res = s.attest_filing("filer", BOND).unwrap();
    assert_eq!(attr(&res, "plan_version").as_deref(), Some("2"));
    assert_eq!(s.attestation(3).plan_version, 2);
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

/// Raising the maximum supply under the same materials digest is a new plan: the filing of the
/// smaller plan no longer counts, so issuance cannot go past the plan that was filed.
#[test]
fn r1_raising_the_maximum_supply_voids_the_filing_of_the_smaller_plan() {
    let mut s = Suite::new().with_standard_oracles().build();
    let seed = Suite::first_plan_seed(BOND);
    s.update_plan(BOND, 500, &seed).unwrap();
    // The filing approves more than the plan: the plan maximum caps issuance.
    s.attest_filing_with("filer", BOND, 2_000, 30 * DAY)
        .unwrap();
    s.attest_screening("screener", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 500).unwrap();
    s.update_plan(BOND, 2_000, &seed).unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    assert_eq!(s.check(BOND, 1, Some("issuer")).cap, Uint128::new(2_000));
    // Remedy: a filing of the new plan.
    s.attest_filing_with("filer", BOND, 2_000, 30 * DAY)
        .unwrap();
    s.mint("issuer", BOND, "holder", 1_500).unwrap();
    assert_eq!(s.minted(BOND).minted, Uint128::new(2_000));
}

/// Re-submitting the plan in force is refused: it would void its filings for nothing.
#[test]
fn r1_an_identical_plan_is_refused_and_changes_nothing() {
    let mut s = cleared_suite();
    let seed = Suite::first_plan_seed(BOND);
    let before = s.app.dump_wasm_raw(&s.registry);
    assert_err(
        s.update_plan(BOND, MAX_SUPPLY, &seed),
        RegistryError::PlanUnchanged {},
    );
    assert_eq!(s.app.dump_wasm_raw(&s.registry), before);
    assert_eq!(s.asset(BOND).plan_version, 0);
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn r1_minting_beyond_the_filed_supply_is_refused() {
    let mut s = Suite::new().with_standard_oracles().build();
    s.attest_filing_with("filer", BOND, 500, 30 * DAY).unwrap();
    s.attest_screening("screener", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 500).unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::CapExceeded {
            cap: Uint128::new(500),
            minted: Uint128::new(500),
            requested: Uint128::new(1),
        }],
    );
    // Burning does not free room under the cap.
    s.exec_token(
        "holder",
        BOND,
        rwa_gate::token::ExecuteMsg::Burn {
            amount: Uint128::new(200),
        },
    )
    .unwrap();
    assert_eq!(s.supply(BOND), 300);
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::CapExceeded {
            cap: Uint128::new(500),
            minted: Uint128::new(500),
            requested: Uint128::new(1),
        }],
    );
    // Remedy: a filing approving more supply.
    s.attest_filing_with("filer", BOND, 800, 30 * DAY).unwrap();
    s.mint("issuer", BOND, "holder", 300).unwrap();
    assert_eq!(s.minted(BOND).minted, Uint128::new(800));
}

// ---------------------------------------------------------------- R2: significant matters

#[test]
fn r2_significant_matter_suspends_issuance_until_a_newer_filing() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "holder", 10).unwrap();
    let res = s
        .exec(
            "issuer",
            ExecuteMsg::ReportSignificantMatter {
                asset: BOND.into(),
                evidence: evidence("change of control"),
            },
        )
        .unwrap();
    let report: u64 = attr(&res, "report").unwrap().parse().unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 10),
        vec![
            Denial::FilingQuorumNotMet { have: 0, need: 1 },
            Denial::SignificantMatterPending { report },
        ],
    );
    // Remedy: a Filing attestation posted after the report.
    s.attest_filing("filer", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 10).unwrap();
    assert_eq!(s.balance(BOND, "holder"), 20);
}

#[test]
fn r2_a_filing_oracle_may_report_but_a_stranger_may_not() {
    let mut s = cleared_suite();
    let report = |by| ExecuteMsg::ReportSignificantMatter {
        asset: BOND.into(),
        evidence: evidence(by),
    };
    assert_err(
        s.exec("stranger", report("x")),
        RegistryError::Unauthorized {},
    );
    s.exec("filer", report("filer")).unwrap();
    assert!(!s.check(BOND, 1, Some("issuer")).allowed);
}

// ---------------------------------------------------------------- R3: screening, no personal data

#[test]
fn r3_screening_is_required_and_must_cover_every_related_party() {
    let mut s = Suite::new().with_standard_oracles().build();
    s.attest_filing("filer", BOND).unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::ScreeningQuorumNotMet { have: 0, need: 1 }],
    );
    // A screening that leaves out the ultimate controller is refused.
    let res = s.attest_screening_with(
        "screener",
        BOND,
        vec![ACME.into(), HOLDCO.into()],
        LOOKBACK_SECONDS,
        30 * DAY,
    );
    assert_err(
        res,
        RegistryError::ScreeningMissesSubject {
            entity: FOUNDER.into(),
        },
    );
    // Remedy: a complete screening.
    s.attest_screening("screener", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn r3_screening_look_back_must_span_three_years() {
    let mut s = Suite::new().with_standard_oracles().build();
    let subjects = vec![ACME.into(), HOLDCO.into(), FOUNDER.into()];
    let res = s.attest_screening_with("screener", BOND, subjects.clone(), 3 * YEAR, 30 * DAY);
    assert_err(res, RegistryError::LookbackTooShort {});
    s.attest_screening_with("screener", BOND, subjects, LOOKBACK_SECONDS, 30 * DAY)
        .unwrap();
}

#[test]
fn r3_only_digests_go_on_chain() {
    let mut s = Suite::new().with_standard_oracles().build();
    let expires_at = s.now().plus_seconds(DAY);
    let plan_digest = s.asset(BOND).plan.materials_digest;
    let res = s.exec(
        "filer",
        ExecuteMsg::Attest {
            asset: BOND.into(),
            statement: Statement::Filing {
                filing_reference: "CSRC-2026-1".into(),
                plan_digest,
                approved_supply: Uint128::new(10),
            },
            expires_at,
            evidence: rwa_gate::Evidence {
                digest: "Zhang San, ID 110101199003077777".into(),
                uri: None,
            },
        },
    );
    assert_err(
        res,
        RegistryError::InvalidInput(rwa_gate::validate::InvalidInput::Digest {
            field: "attestation evidence",
        }),
    );
}

// ---------------------------------------------------------------- R4–R7: adverse flags

#[test]
fn r4_entity_barred_from_financing_blocks_mint_until_cleared() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("auditor-1", FLAGS)
        .with_oracle("auditor-2", FLAGS)
        .build();
    s.clear_for_issuance(BOND);
    let flag = s
        .raise_flag("watcher", entity(ACME), FlagReason::BarredFromFinancing)
        .unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(ACME),
            reason: FlagReason::BarredFromFinancing,
        }],
    );
    // Remedy: two oracles other than the raiser agree to clear it.
    s.clear_flag("auditor-1", flag).unwrap();
    assert!(s.mint("issuer", BOND, "holder", 1).is_err());
    s.clear_flag("auditor-2", flag).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn r4_asset_barred_from_financing_blocks_mint() {
    let mut s = cleared_suite();
    let flag = s
        .raise_flag("watcher", asset(), FlagReason::BarredFromFinancing)
        .unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: asset(),
            reason: FlagReason::BarredFromFinancing,
        }],
    );
    s.clear_flag("owner", flag).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn r5_disputed_asset_blocks_mint_and_freezes_transfers() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "alice", 100).unwrap();
    let flag = s
        .raise_flag("watcher", asset(), FlagReason::OwnershipDispute)
        .unwrap();
    assert_denied(
        s.mint("issuer", BOND, "alice", 1),
        vec![Denial::Flagged {
            flag,
            subject: asset(),
            reason: FlagReason::OwnershipDispute,
        }],
    );
    assert_err(
        s.transfer("alice", BOND, "bob", 10),
        gated_token::ContractError::TransfersFrozen {
            asset: BOND.into(),
            flags: vec![flag],
        },
    );
    // Remedy: the owner clears the dispute; minting and transfers resume.
    s.clear_flag("owner", flag).unwrap();
    s.transfer("alice", BOND, "bob", 10).unwrap();
    s.mint("issuer", BOND, "alice", 1).unwrap();
    assert_eq!((s.balance(BOND, "alice"), s.balance(BOND, "bob")), (91, 10));
}

#[test]
fn r5_transfer_prohibited_by_law_blocks_mint_and_transfers() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "alice", 100).unwrap();
    let flag = s
        .raise_flag("watcher", asset(), FlagReason::TransferProhibited)
        .unwrap();
    assert!(!s.check(BOND, 1, Some("issuer")).allowed);
    assert_err(
        s.transfer("alice", BOND, "bob", 10),
        gated_token::ContractError::TransfersFrozen {
            asset: BOND.into(),
            flags: vec![flag],
        },
    );
    s.clear_flag("owner", flag).unwrap();
    s.transfer("alice", BOND, "bob", 10).unwrap();
}

#[test]
fn r6_negative_list_flag_blocks_mint_until_cleared() {
    let mut s = cleared_suite();
    let flag = s
        .raise_flag("watcher", asset(), FlagReason::NegativeList)
        .unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: asset(),
            reason: FlagReason::NegativeList,
        }],
    );
    s.clear_flag("owner", flag).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn r6_new_negative_list_version_voids_older_screenings() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "holder", 1).unwrap();
    s.exec(
        "screener",
        ExecuteMsg::PublishNegativeList {
            version: 2,
            digest: digest("negative-list-v2"),
        },
    )
    .unwrap();
    // The registry-wide change fails closed until the clearance is refreshed...
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::ClearanceStale {
            epoch: 0,
            current: 1,
        }],
    );
    // ...and once refreshed, the old screening no longer counts.
    s.refresh(BOND).unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::ScreeningQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: a screening against version 2.
    s.attest_screening("screener", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn r7_national_security_flag_on_a_related_party_blocks_mint() {
    let mut s = cleared_suite();
    let flag = s
        .raise_flag("watcher", entity(HOLDCO), FlagReason::NationalSecurity)
        .unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(HOLDCO),
            reason: FlagReason::NationalSecurity,
        }],
    );
    s.clear_flag("owner", flag).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

// ---------------------------------------------------------------- R8: criminal record, 3 years

fn criminal_record(s: &Suite, years_ago: u64, extra_days: u64) -> FlagReason {
    FlagReason::CriminalRecord {
        offence_date: s.now().minus_seconds(years_ago * YEAR + extra_days * DAY),
    }
}

#[test]
fn r8_offence_two_years_ago_blocks_mint() {
    let mut s = cleared_suite();
    let reason = criminal_record(&s, 2, 0);
    let flag = s
        .raise_flag("watcher", entity(FOUNDER), reason.clone())
        .unwrap();
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(FOUNDER),
            reason,
        }],
    );
}

#[test]
fn r8_offence_three_years_and_a_day_ago_does_not_block() {
    let mut s = cleared_suite();
    // 3 × 365 days + 1 leap day + 1 day.
    let reason = criminal_record(&s, 3, 2);
    s.raise_flag("watcher", entity(FOUNDER), reason).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn r8_block_lapses_by_itself_three_years_after_the_offence() {
    let mut s = Suite::new().with_standard_oracles().build();
    // The offence lies 2 years and 360 days back: it blocks for 6 more days (3 × 365 + 1 leap day).
    let reason = criminal_record(&s, 2, 360);
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

#[test]
fn r8_is_raised_on_entities_not_assets() {
    let mut s = cleared_suite();
    let reason = criminal_record(&s, 1, 0);
    assert_err(
        s.raise_flag("watcher", asset(), reason),
        RegistryError::FlagReasonNotForAssets {},
    );
    let future = FlagReason::CriminalRecord {
        offence_date: s.now().plus_seconds(DAY),
    };
    assert_err(
        s.raise_flag("watcher", entity(ACME), future),
        RegistryError::OffenceInFuture {},
    );
}

// ---------------------------------------------------------------- R9: under investigation

#[test]
fn r9_investigation_blocks_until_cleared_with_a_conclusion() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("auditor-1", FLAGS)
        .with_oracle("auditor-2", FLAGS)
        .build();
    s.clear_for_issuance(BOND);
    let flag = s
        .raise_flag("watcher", entity(HOLDCO), FlagReason::UnderInvestigation)
        .unwrap();
    // Time alone never lifts it.
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
    // The raiser alone cannot clear it.
    assert_err(
        s.clear_flag("watcher", flag),
        RegistryError::RaiserCannotClear {},
    );
    s.clear_flag("auditor-1", flag).unwrap();
    s.clear_flag("auditor-2", flag).unwrap();
    let cleared = s.flag(flag);
    assert_eq!(cleared.status, rwa_gate::FlagStatus::Cleared);
    assert_eq!(
        cleared.conclusion,
        Some(evidence("investigation concluded"))
    );
    assert_eq!(cleared.clear_votes.len(), 2);
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

// ---------------------------------------------------------------- R10: fail closed, explainable

#[test]
fn r10_expired_evidence_denies_issuance() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "holder", 1).unwrap();
    let screening_expiry = s.now().plus_seconds(30 * DAY);
    s.advance(30 * DAY);
    let expired = Timestamp::from_seconds(screening_expiry.seconds());
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

#[test]
fn r10_revoked_evidence_denies_issuance() {
    let mut s = Suite::new().with_standard_oracles().build();
    let res = s.attest_filing("filer", BOND).unwrap();
    let id: u64 = attr(&res, "id").unwrap().parse().unwrap();
    s.attest_screening("screener", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
    s.exec(
        "filer",
        ExecuteMsg::Revoke {
            id,
            evidence: evidence("filing withdrawn"),
        },
    )
    .unwrap();
    assert!(s.attestation(id).revoked_at.is_some());
    assert_denied(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
}

#[test]
fn r10_every_denial_is_listed_and_explained() {
    let mut s = Suite::new().with_standard_oracles().build();
    let flag = s
        .raise_flag("watcher", asset(), FlagReason::OwnershipDispute)
        .unwrap();
    s.exec_owner(ExecuteMsg::Pause { asset: None }).unwrap();
    let d = s.check(BOND, 0, Some("stranger"));
    let stranger = s.addr("stranger");
    assert!(!d.allowed);
    assert_eq!(
        d.reasons,
        vec![
            Denial::IssuancePaused,
            Denial::ZeroAmount,
            Denial::NotMinter { address: stranger },
            Denial::FilingQuorumNotMet { have: 0, need: 1 },
            Denial::ScreeningQuorumNotMet { have: 0, need: 1 },
            Denial::Flagged {
                flag,
                subject: asset(),
                reason: FlagReason::OwnershipDispute
            },
        ]
    );
    s.mint_agrees_with_check("stranger", BOND, 0);
}
