//! One test per rule (R1-R10) on the optimized wasm in cosmwasm-vm, with the exact error texts.

use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::ExecuteMsg as RegistryMsg;
use rwa_gate::types::LOOKBACK_SECONDS;
use rwa_gate::{FlagReason, IssuancePlan, Statement, Subject};
use rwa_gate_vm_tests::scenario::*;

fn asset() -> Subject {
    Subject::Asset(BOND.to_string())
}

fn entity(id: &str) -> Subject {
    Subject::Entity(id.to_string())
}

/// Deployed, attested, one mint done.
fn cleared() -> (Deployment, String) {
    let mut d = Deployment::new();
    d.clear_bond();
    let holder = d.vm.addr("holder");
    d.issue(&holder, 1).unwrap();
    (d, holder)
}

#[test]
fn vm_r1_mint_without_filing_is_refused() {
    let mut d = Deployment::new();
    d.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER]).unwrap();
    let holder = d.vm.addr("holder");
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        "issuance denied: R1: 0 of 1 Filing attestations"
    );
}

#[test]
fn vm_r1_filing_must_match_the_registered_plan_digest() {
    let mut d = Deployment::new();
    let filer = d.filer.clone();
    let now = d.now();
    let err = d
        .registry_exec(
            &filer,
            &RegistryMsg::Attest {
                asset: BOND.into(),
                statement: Statement::Filing {
                    filing_reference: "CSRC-2026-0042".into(),
                    plan_digest: digest("another plan"),
                    approved_supply: Uint128::new(MAX_SUPPLY),
                },
                expires_at: Timestamp::from_seconds(now + DAY),
                evidence: evidence("filing receipt"),
            },
        )
        .unwrap_err();
    assert_eq!(err, "plan digest does not match the asset's current plan");
}

#[test]
fn vm_r1_minting_beyond_the_filed_supply_is_refused() {
    let mut d = Deployment::new();
    d.attest_filing(BOND, 500_000).unwrap();
    d.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER]).unwrap();
    let holder = d.vm.addr("holder");
    assert_eq!(
        d.issue(&holder, 500_001).unwrap_err(),
        "issuance denied: R1: cap 500000, minted 0, requested 500001"
    );
    d.issue(&holder, 500_000).unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        "issuance denied: R1: cap 500000, minted 500000, requested 1"
    );
}

#[test]
fn vm_r1_plan_change_voids_earlier_filings() {
    let (mut d, holder) = cleared();
    let issuer = d.issuer.clone();
    d.registry_exec(
        &issuer,
        &RegistryMsg::UpdatePlan {
            asset: BOND.into(),
            plan: IssuancePlan {
                max_supply: Uint128::new(MAX_SUPPLY),
                materials_digest: digest("amended plan"),
            },
        },
    )
    .unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        "issuance denied: R1: 0 of 1 Filing attestations"
    );
}

#[test]
fn vm_r2_significant_matter_suspends_issuance_until_a_newer_filing() {
    let (mut d, holder) = cleared();
    let issuer = d.issuer.clone();
    let report = d
        .registry_exec(
            &issuer,
            &RegistryMsg::ReportSignificantMatter {
                asset: BOND.into(),
                evidence: evidence("change of control"),
            },
        )
        .unwrap();
    let report = report.attr("report").unwrap().to_string();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        format!(
            "issuance denied: R1: 0 of 1 Filing attestations; \
             R2: significant matter {report} reported, no newer Filing attestation"
        )
    );
    d.attest_filing(BOND, MAX_SUPPLY).unwrap();
    d.issue(&holder, 1).unwrap();
}

#[test]
fn vm_r3_screening_must_cover_every_related_party() {
    let mut d = Deployment::new();
    d.attest_filing(BOND, MAX_SUPPLY).unwrap();
    assert_eq!(
        d.attest_screening(BOND, &[ACME, HOLDCO]).unwrap_err(),
        "screening does not cover entity founder"
    );
    let holder = d.vm.addr("holder");
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        "issuance denied: R3-R9: 0 of 1 Screening attestations"
    );
    d.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER]).unwrap();
    d.issue(&holder, 1).unwrap();
}

#[test]
fn vm_r3_screening_look_back_must_span_three_years() {
    let mut d = Deployment::new();
    let screener = d.screener.clone();
    let now = d.now();
    let err = d
        .registry_exec(
            &screener,
            &RegistryMsg::Attest {
                asset: BOND.into(),
                statement: Statement::Screening {
                    negative_list_version: 1,
                    subjects: vec![ACME.into(), HOLDCO.into(), FOUNDER.into()],
                    lookback_from: Timestamp::from_seconds(now - LOOKBACK_SECONDS + 1),
                },
                expires_at: Timestamp::from_seconds(now + DAY),
                evidence: evidence("screening report"),
            },
        )
        .unwrap_err();
    assert_eq!(err, "screening look-back must cover at least three years");
}

#[test]
fn vm_r4_entity_barred_from_financing_blocks_mint_until_cleared() {
    let (mut d, holder) = cleared();
    let flag = d
        .raise_flag(entity(ACME), FlagReason::BarredFromFinancing)
        .unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        format!("issuance denied: R4 barred_from_financing flag {flag} on entity acme")
    );
    d.clear_flag(flag).unwrap();
    d.issue(&holder, 1).unwrap();
}

#[test]
fn vm_r5_transfer_prohibited_by_law_blocks_mint_and_transfers() {
    let (mut d, holder) = cleared();
    let other = d.vm.addr("other");
    let flag = d
        .raise_flag(asset(), FlagReason::TransferProhibited)
        .unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        format!("issuance denied: R5 transfer_prohibited flag {flag} on asset bond")
    );
    assert_eq!(
        d.transfer(&holder, &other, 1).unwrap_err(),
        format!("transfers of asset bond are frozen by flags [{flag}]")
    );
    // Burns stay possible.
    let token = d.token.clone();
    d.vm.execute(
        &token,
        &holder,
        &rwa_gate::token::ExecuteMsg::Burn {
            amount: Uint128::new(1),
        },
    )
    .unwrap();
}

#[test]
fn vm_r6_negative_list_flag_blocks_mint_until_cleared() {
    let (mut d, holder) = cleared();
    let flag = d.raise_flag(asset(), FlagReason::NegativeList).unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        format!("issuance denied: R6 negative_list flag {flag} on asset bond")
    );
    d.clear_flag(flag).unwrap();
    d.issue(&holder, 1).unwrap();
}

#[test]
fn vm_r6_new_negative_list_version_voids_older_screenings() {
    let (mut d, holder) = cleared();
    d.owner_exec(&RegistryMsg::PublishNegativeList {
        version: 2,
        digest: digest("negative list 2"),
    })
    .unwrap();
    // Until refreshed, the clearance is stale (fail closed).
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        "issuance denied: clearance computed at epoch 0, registry is at epoch 1: refresh it"
    );
    let anyone = d.vm.addr("anyone");
    d.registry_exec(
        &anyone,
        &RegistryMsg::RefreshClearance { asset: BOND.into() },
    )
    .unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        "issuance denied: R3-R9: 0 of 1 Screening attestations"
    );
}

#[test]
fn vm_r7_national_security_flag_on_a_related_party_blocks_mint() {
    let (mut d, holder) = cleared();
    let flag = d
        .raise_flag(entity(HOLDCO), FlagReason::NationalSecurity)
        .unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        format!("issuance denied: R7 national_security flag {flag} on entity holdco")
    );
}

#[test]
fn vm_r8_offence_within_three_years_blocks_until_it_lapses() {
    let (mut d, holder) = cleared();
    let two_years_ago = d.now() - 730 * DAY;
    let flag = d
        .raise_flag(
            entity(FOUNDER),
            FlagReason::CriminalRecord {
                offence_date: Timestamp::from_seconds(two_years_ago),
            },
        )
        .unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        format!("issuance denied: R8 criminal_record flag {flag} on entity founder")
    );
    // 1,096 days after the offence the flag stops blocking by itself; fresh attestations then.
    d.vm.advance(366 * DAY);
    d.clear_bond();
    d.issue(&holder, 1).unwrap();
    // R8 goes on entities, not assets.
    assert_eq!(
        d.raise_flag(
            asset(),
            FlagReason::CriminalRecord {
                offence_date: Timestamp::from_seconds(two_years_ago),
            },
        )
        .unwrap_err(),
        "this flag reason applies to entities only"
    );
}

#[test]
fn vm_r9_investigation_blocks_until_cleared_by_a_quorum_of_other_oracles() {
    let (mut d, holder) = cleared();
    let flag = d
        .raise_flag(entity(ACME), FlagReason::UnderInvestigation)
        .unwrap();
    let refused = format!("issuance denied: R9 under_investigation flag {flag} on entity acme");
    assert_eq!(d.issue(&holder, 1).unwrap_err(), refused);
    // The raiser cannot vote; one other oracle is not a quorum of two.
    let (watcher, watcher2) = (d.watcher.clone(), d.watcher2.clone());
    let vote = RegistryMsg::ClearFlag {
        id: flag,
        conclusion: evidence("investigation closed"),
    };
    assert_eq!(
        d.registry_exec(&watcher, &vote).unwrap_err(),
        "the oracle that raised a flag cannot vote to clear it"
    );
    let outcome = d.registry_exec(&watcher2, &vote).unwrap();
    assert_eq!(outcome.attr("action"), Some("vote_clear_flag"));
    assert_eq!(d.issue(&holder, 1).unwrap_err(), refused);
    // The owner clears at once.
    d.clear_flag(flag).unwrap();
    d.issue(&holder, 1).unwrap();
}

#[test]
fn vm_r10_expired_and_revoked_evidence_deny_issuance() {
    let mut d = Deployment::new();
    let filing = d.attest_filing(BOND, MAX_SUPPLY).unwrap();
    d.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER]).unwrap();
    let holder = d.vm.addr("holder");
    d.issue(&holder, 1).unwrap();
    // Revoked: no longer relied on.
    let filer = d.filer.clone();
    d.registry_exec(
        &filer,
        &RegistryMsg::Revoke {
            id: filing.attr("id").unwrap().parse().unwrap(),
            evidence: evidence("filing withdrawn"),
        },
    )
    .unwrap();
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        "issuance denied: R1: 0 of 1 Filing attestations"
    );
    // Expired: denied by the clock alone.
    d.attest_filing(BOND, MAX_SUPPLY).unwrap();
    let expiry = d.now() + SCREENING_VALIDITY;
    d.vm.advance(SCREENING_VALIDITY);
    assert_eq!(
        d.issue(&holder, 1).unwrap_err(),
        format!("issuance denied: R3-R9: Screening attestation expired at {expiry}")
    );
}

#[test]
fn vm_r10_every_denial_is_listed_and_mint_agrees_with_check_issuance() {
    let mut d = Deployment::new();
    let flag = d.raise_flag(asset(), FlagReason::OwnershipDispute).unwrap();
    d.owner_exec(&RegistryMsg::Pause { asset: None }).unwrap();
    let stranger = d.vm.addr("stranger");
    let refused = d.mint(&stranger, &stranger, 0).unwrap_err();
    assert_eq!(
        refused,
        format!(
            "issuance denied: issuance is paused; amount is zero; \
             {stranger} is not a minter of this asset; R1: 0 of 1 Filing attestations; \
             R3-R9: 0 of 1 Screening attestations; R5 ownership_dispute flag {flag} on asset bond"
        )
    );
    // The registry's check_issuance (for the issuer) lists the same reasons but the minter's.
    let decision = d.check_issuance(0);
    assert_eq!(decision.reasons.len(), 5);
    // An unknown asset denies.
    let answer: rwa_gate::Decision =
        d.vm.query(
            &d.registry,
            &rwa_gate::registry::QueryMsg::CheckIssuance {
                asset: "nothing".into(),
                amount: Uint128::new(1),
                minter: None,
            },
        )
        .unwrap();
    assert!(!answer.allowed);
    assert_eq!(
        rwa_gate::policy::describe(&answer.reasons),
        "issuance is paused; no clearance recorded for this asset"
    );
}
