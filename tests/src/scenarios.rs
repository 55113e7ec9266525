//! The rule scenarios, written once against [`Backend`] and run on cw-multi-test
//! (`tests/tests/scenarios.rs`, `rN_…`) and on the local chain (`tests/chain/tests/rules.rs`,
//! `chain_rN_…`), with the regressions of issue 10 that a chain can run (token wasm admin, link
//! allowances, related parties). What only multi-test can check (long jumps in time, storage
//! byte for byte) stays in `tests/tests/rules.rs` and beside the feature's tests.
//!
//! A real chain cannot jump in time, so time-dependent scenarios use instants a few seconds
//! from now (an expiry, an R8 offence whose three years run out in a few seconds) and let the
//! backend wait: a chain waits for block time to pass, multi-test moves its clock.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::{Binary, Timestamp, Uint128};
use gated_token::ContractError as TokenError;
use rwa_gate::cw20::Cw20ReceiveMsg;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::token::{AssetInfoResponse, ExecuteMsg as TokenMsg, QueryMsg as TokenQuery};
use rwa_gate::types::LOOKBACK_SECONDS;
use rwa_gate::MAX_ASSETS_PER_ENTITY;
use rwa_gate::{Denial, FlagReason, FlagStatus, IssuancePlan, PartyRole, StatementMsg, Subject};

use crate::backend::{
    assert_fails, assert_refused, evidence, first_plan_seed, not_admin, Backend, Deployment,
};
use crate::{digest, ACME, BOND, DAY, FOUNDER, HOLDCO, MAX_SUPPLY, YEAR};
use rwa_gate::registry::{AttestMsg, RevokeMsg};

/// Seconds a short-lived instant lies ahead: long enough for the transactions that must land
/// before it on a chain (about three blocks a second), short enough to wait for.
pub const SHORTLY: u64 = 8;

fn asset() -> Subject {
    Subject::Asset(BOND.into())
}

fn entity(id: &str) -> Subject {
    Subject::Entity(id.into())
}

fn cleared<B: Backend>(b: B) -> Deployment<B> {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    d.clear_for_issuance(BOND);
    d
}

// ------------------------------------------------------------------ R1: filing before business

pub fn r1_mint_without_filing_is_refused<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    d.attest_screening("screener", BOND).unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 100),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: the filing is attested; the same mint goes through.
    d.attest_filing("filer", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 100).unwrap();
    assert_eq!(d.balance(BOND, "holder"), 100);
}

pub fn r1_filing_must_match_the_registered_plan_digest<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    let expires_at = d.now().plus_seconds(DAY);
    let current = d.asset(BOND);
    let res = d.exec(
        "filer",
        &ExecuteMsg::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Filing {
                filing_reference: "CSRC-2026-1".into(),
                plan: IssuancePlan {
                    materials_digest: digest("some other plan"),
                    ..current.plan
                },
                approved_supply: Uint128::new(10),
            },
            expires_at,
            evidence: evidence("filing"),
        }),
    );
    assert_fails(
        res,
        RegistryError::PlanMismatch {
            current_version: current.plan_version,
        },
    );
    assert!(!d.check(BOND, 1, Some("issuer")).allowed);
}

pub fn r1_plan_change_voids_earlier_filings<B: Backend>(b: B) {
    let mut d = cleared(b);
    d.mint("issuer", BOND, "holder", 1).unwrap();
    d.exec(
        "issuer",
        &ExecuteMsg::UpdatePlan {
            asset: BOND.into(),
            plan: IssuancePlan {
                approvals: vec![],
                max_supply: Uint128::new(MAX_SUPPLY),
                materials_digest: digest("bond-plan-v2"),
                terms: None,
            },
        },
    )
    .unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: a filing of the new plan.
    d.attest_filing("filer", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
    assert_eq!(d.balance(BOND, "holder"), 2);
}

/// A filing attests one exact plan: going to another digest and back makes a third plan
/// version, which the first filing never attested.
pub fn r1_a_plan_changed_and_changed_back_does_not_revive_its_filings<B: Backend>(b: B) {
    let mut d = cleared(b);
    let first = first_plan_seed(BOND);
    assert_eq!(d.attestation(1).plan_version, 0);
    d.update_plan(BOND, MAX_SUPPLY, "bond-plan-v2").unwrap();
    d.update_plan(BOND, MAX_SUPPLY, &first).unwrap();
    let plan = d.asset(BOND);
    assert_eq!(plan.plan_version, 2);
    assert_eq!(plan.plan.materials_digest, digest(&first));
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: a filing of the plan as it stands now, recorded with its version.
    let receipt = d.attest_filing("filer", BOND).unwrap();
    assert_eq!(receipt.attr("plan_version"), Some("2"));
    assert_eq!(d.attestation(3).plan_version, 2);
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

/// Raising the maximum supply under the same materials digest is a new plan: the filing of the
/// smaller plan no longer counts, so issuance cannot go past the plan that was filed.
pub fn r1_raising_the_maximum_supply_voids_the_filing_of_the_smaller_plan<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    let seed = first_plan_seed(BOND);
    d.update_plan(BOND, 500, &seed).unwrap();
    // The filing approves more than the plan: the plan maximum caps issuance.
    d.attest_filing_with("filer", BOND, 2_000, 30 * DAY)
        .unwrap();
    d.attest_screening("screener", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 500).unwrap();
    d.update_plan(BOND, 2_000, &seed).unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    assert_eq!(d.check(BOND, 1, Some("issuer")).cap, Uint128::new(2_000));
    // Remedy: a filing of the new plan.
    d.attest_filing_with("filer", BOND, 2_000, 30 * DAY)
        .unwrap();
    d.mint("issuer", BOND, "holder", 1_500).unwrap();
    assert_eq!(d.minted(BOND).minted, Uint128::new(2_000));
}

/// A Filing names the exact plan it attests, every field of it. The oracle reviewed the plan as
/// registered; while its Filing is in flight the issuer raises the maximum supply but keeps the
/// digest. The Filing arrives naming the plan it reviewed and is refused: it never counts for
/// a plan the oracle did not see. A Filing of the plan now in force is accepted.
pub fn r1_a_filing_in_flight_for_a_plan_changed_under_it_is_refused<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    let reviewed = d.asset(BOND).plan;
    let seed = first_plan_seed(BOND);
    d.update_plan(BOND, MAX_SUPPLY * 2, &seed).unwrap();
    let changed = d.asset(BOND);
    assert_eq!(changed.plan.materials_digest, reviewed.materials_digest);
    let filing = |plan: IssuancePlan, expires_at| {
        ExecuteMsg::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Filing {
                filing_reference: "CSRC-2026-1".into(),
                plan,
                approved_supply: Uint128::new(MAX_SUPPLY * 2),
            },
            expires_at,
            evidence: evidence("filing"),
        })
    };
    let expires_at = d.now().plus_seconds(DAY);
    assert_fails(
        d.exec("filer", &filing(reviewed, expires_at)),
        RegistryError::PlanMismatch {
            current_version: changed.plan_version,
        },
    );
    d.attest_screening("screener", BOND).unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    d.exec("filer", &filing(changed.plan, expires_at)).unwrap();
    d.mint("issuer", BOND, "holder", MAX_SUPPLY + 1).unwrap();
}

/// Re-submitting the plan in force is refused: it would void its filings for nothing. (That
/// the refusal leaves the registry's storage byte for byte unchanged is checked on multi-test,
/// `r1_an_identical_plan_leaves_the_registry_storage_unchanged`.)
pub fn r1_an_identical_plan_is_refused_and_changes_nothing<B: Backend>(b: B) {
    let mut d = cleared(b);
    let seed = first_plan_seed(BOND);
    let before = d.asset(BOND);
    assert_fails(
        d.update_plan(BOND, MAX_SUPPLY, &seed),
        RegistryError::PlanUnchanged {},
    );
    assert_eq!(d.asset(BOND), before);
    assert_eq!(before.plan_version, 0);
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

pub fn r1_minting_beyond_the_filed_supply_is_refused<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    d.attest_filing_with("filer", BOND, 500, 30 * DAY).unwrap();
    d.attest_screening("screener", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 500).unwrap();
    let over = || {
        vec![Denial::CapExceeded {
            cap: Uint128::new(500),
            minted: Uint128::new(500),
            requested: Uint128::new(1),
        }]
    };
    assert_refused(d.mint("issuer", BOND, "holder", 1), over());
    // Burning does not free room under the cap.
    d.burn("holder", BOND, 200).unwrap();
    assert_eq!(d.supply(BOND), 300);
    assert_refused(d.mint("issuer", BOND, "holder", 1), over());
    // Remedy: a filing approving more supply.
    d.attest_filing_with("filer", BOND, 800, 30 * DAY).unwrap();
    d.mint("issuer", BOND, "holder", 300).unwrap();
    assert_eq!(d.minted(BOND).minted, Uint128::new(800));
}

// ------------------------------------------------------------------ R2: significant matters

pub fn r2_significant_matter_suspends_issuance_until_a_newer_filing<B: Backend>(b: B) {
    let mut d = cleared(b);
    d.mint("issuer", BOND, "holder", 10).unwrap();
    let receipt = d
        .exec(
            "issuer",
            &ExecuteMsg::ReportSignificantMatter {
                asset: BOND.into(),
                evidence: evidence("change of control"),
            },
        )
        .unwrap();
    let report: u64 = receipt.attr("report").unwrap().parse().unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 10),
        vec![
            Denial::FilingQuorumNotMet { have: 0, need: 1 },
            Denial::SignificantMatterPending { report },
        ],
    );
    // A stranger may not report.
    assert_fails(
        d.exec(
            "stranger",
            &ExecuteMsg::ReportSignificantMatter {
                asset: BOND.into(),
                evidence: evidence("x"),
            },
        ),
        RegistryError::Unauthorized {},
    );
    // Remedy: a Filing attestation posted after the report.
    d.attest_filing("filer", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 10).unwrap();
    assert_eq!(d.balance(BOND, "holder"), 20);
}

pub fn r2_a_filing_oracle_may_report_but_a_stranger_may_not<B: Backend>(b: B) {
    let mut d = cleared(b);
    let report = |by: &str| ExecuteMsg::ReportSignificantMatter {
        asset: BOND.into(),
        evidence: evidence(by),
    };
    assert_fails(
        d.exec("stranger", &report("x")),
        RegistryError::Unauthorized {},
    );
    assert!(d.check(BOND, 1, Some("issuer")).allowed);
    d.exec("filer", &report("filer")).unwrap();
    assert!(!d.check(BOND, 1, Some("issuer")).allowed);
}

// ------------------------------------------------------------------ R3: screening, no personal data

pub fn r3_screening_is_required_and_must_cover_every_related_party<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    d.attest_filing("filer", BOND).unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::ScreeningQuorumNotMet { have: 0, need: 1 }],
    );
    // A screening that leaves out the ultimate controller is refused.
    let res = d.attest_screening_with(
        "screener",
        BOND,
        vec![ACME.into(), HOLDCO.into()],
        LOOKBACK_SECONDS,
        30 * DAY,
    );
    assert_fails(
        res,
        RegistryError::ScreeningMissesSubject {
            entity: FOUNDER.into(),
        },
    );
    // Remedy: a complete screening.
    d.attest_screening("screener", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

/// Three years (1,095 days) are not enough: the look-back spans 1,096 days, leap day included.
pub fn r3_screening_look_back_must_span_three_years<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    d.attest_filing("filer", BOND).unwrap();
    let all = || vec![ACME.into(), HOLDCO.into(), FOUNDER.into()];
    assert_fails(
        d.attest_screening_with("screener", BOND, all(), 3 * YEAR, 30 * DAY),
        RegistryError::LookbackTooShort {},
    );
    assert!(!d.check(BOND, 1, Some("issuer")).allowed);
    d.attest_screening_with("screener", BOND, all(), LOOKBACK_SECONDS, 30 * DAY)
        .unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

/// Evidence that is not a digest (personal data) never reaches the chain.
pub fn r3_only_digests_go_on_chain<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    let expires_at = d.now().plus_seconds(DAY);
    let res = d.exec(
        "screener",
        &ExecuteMsg::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Screening {
                negative_list_version: 1,
                subjects: vec![ACME.into(), HOLDCO.into(), FOUNDER.into()],
                lookback_from: Timestamp::from_seconds(0),
            },
            expires_at,
            evidence: rwa_gate::Evidence {
                digest: "Zhang San, ID 110101199003077777".into(),
                uri: None,
            },
        }),
    );
    assert_fails(
        res,
        RegistryError::InvalidInput(rwa_gate::validate::InvalidInput::Digest {
            field: "attestation evidence",
        }),
    );
    assert_eq!(d.clearance(BOND).screening.attestations, Vec::<u64>::new());
}

// ------------------------------------------------------------------ R4-R7: adverse flags

pub fn r4_entity_barred_from_financing_blocks_mint_until_cleared<B: Backend>(b: B) {
    let mut d = Deployment::on(b)
        .with_standard_oracles()
        .with_auditors()
        .build();
    d.clear_for_issuance(BOND);
    let flag = d
        .raise_flag("watcher", entity(ACME), FlagReason::BarredFromFinancing)
        .unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(ACME),
            reason: FlagReason::BarredFromFinancing,
        }],
    );
    // Remedy: two oracles other than the raiser agree to clear it; one is not enough.
    d.clear_flag("auditor-1", flag).unwrap();
    assert!(!d.check(BOND, 1, Some("issuer")).allowed);
    d.clear_flag("auditor-2", flag).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

pub fn r4_asset_barred_from_financing_blocks_mint<B: Backend>(b: B) {
    let mut d = cleared(b);
    let flag = d
        .raise_flag("watcher", asset(), FlagReason::BarredFromFinancing)
        .unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: asset(),
            reason: FlagReason::BarredFromFinancing,
        }],
    );
    d.clear_flag("owner", flag).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

pub fn r5_disputed_asset_blocks_mint_and_freezes_transfers<B: Backend>(b: B) {
    let mut d = cleared(b);
    d.mint("issuer", BOND, "alice", 100).unwrap();
    let flag = d
        .raise_flag("watcher", asset(), FlagReason::OwnershipDispute)
        .unwrap();
    assert_refused(
        d.mint("issuer", BOND, "alice", 1),
        vec![Denial::Flagged {
            flag,
            subject: asset(),
            reason: FlagReason::OwnershipDispute,
        }],
    );
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        TokenError::TransfersFrozen {
            asset: BOND.into(),
            flags: vec![flag],
        },
    );
    // Burns stay possible; a refused transfer moved nothing.
    d.burn("alice", BOND, 1).unwrap();
    assert_eq!((d.balance(BOND, "alice"), d.balance(BOND, "bob")), (99, 0));
    // Remedy: the owner clears the dispute; minting and transfers resume.
    d.clear_flag("owner", flag).unwrap();
    d.transfer("alice", BOND, "bob", 10).unwrap();
    d.mint("issuer", BOND, "alice", 1).unwrap();
    assert_eq!((d.balance(BOND, "alice"), d.balance(BOND, "bob")), (90, 10));
}

pub fn r5_transfer_prohibited_by_law_blocks_mint_and_transfers<B: Backend>(b: B) {
    let mut d = cleared(b);
    d.mint("issuer", BOND, "alice", 100).unwrap();
    let flag = d
        .raise_flag("watcher", asset(), FlagReason::TransferProhibited)
        .unwrap();
    assert_refused(
        d.mint("issuer", BOND, "alice", 1),
        vec![Denial::Flagged {
            flag,
            subject: asset(),
            reason: FlagReason::TransferProhibited,
        }],
    );
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        TokenError::TransfersFrozen {
            asset: BOND.into(),
            flags: vec![flag],
        },
    );
    d.clear_flag("owner", flag).unwrap();
    d.transfer("alice", BOND, "bob", 10).unwrap();
    assert_eq!((d.balance(BOND, "alice"), d.balance(BOND, "bob")), (90, 10));
}

pub fn r6_negative_list_flag_blocks_mint_until_cleared<B: Backend>(b: B) {
    let mut d = cleared(b);
    d.mint("issuer", BOND, "holder", 1).unwrap();
    let flag = d
        .raise_flag("watcher", asset(), FlagReason::NegativeList)
        .unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: asset(),
            reason: FlagReason::NegativeList,
        }],
    );
    d.clear_flag("owner", flag).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

pub fn r6_new_negative_list_version_voids_older_screenings<B: Backend>(b: B) {
    let mut d = cleared(b);
    d.mint("issuer", BOND, "holder", 1).unwrap();
    d.exec(
        "screener",
        &ExecuteMsg::PublishNegativeList {
            version: 2,
            digest: digest("negative-list-v2"),
        },
    )
    .unwrap();
    // The registry-wide change fails closed until the clearance is refreshed...
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::ClearanceStale {
            epoch: 0,
            current: 1,
        }],
    );
    // ...and once refreshed, the old screening no longer counts.
    d.refresh(BOND).unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::ScreeningQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: a screening against version 2.
    d.attest_screening("screener", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

pub fn r7_national_security_flag_on_a_related_party_blocks_mint<B: Backend>(b: B) {
    let mut d = cleared(b);
    let flag = d
        .raise_flag("watcher", entity(HOLDCO), FlagReason::NationalSecurity)
        .unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(HOLDCO),
            reason: FlagReason::NationalSecurity,
        }],
    );
    d.clear_flag("owner", flag).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

// ------------------------------------------------------------------ R8: crimes within three years

pub fn r8_block_lapses_by_itself_three_years_after_the_offence<B: Backend>(b: B) {
    let mut d = cleared(b);
    // The offence's three years (1,096 days) run out a few seconds from now.
    let lapses_at = d.now().plus_seconds(SHORTLY);
    let reason = FlagReason::CriminalRecord {
        offence_date: lapses_at.minus_seconds(LOOKBACK_SECONDS),
    };
    // Never on an asset.
    assert_fails(
        d.raise_flag("watcher", asset(), reason.clone()),
        RegistryError::FlagReasonNotForAssets {},
    );
    let flag = d
        .raise_flag("watcher", entity(FOUNDER), reason.clone())
        .unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(FOUNDER),
            reason,
        }],
    );
    // Nobody clears it: time alone lifts it.
    d.backend.wait_until(lapses_at);
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

pub fn r8_offence_more_than_three_years_ago_does_not_block<B: Backend>(b: B) {
    let mut d = cleared(b);
    let offence_date = d.now().minus_seconds(LOOKBACK_SECONDS + DAY);
    d.raise_flag(
        "watcher",
        entity(FOUNDER),
        FlagReason::CriminalRecord { offence_date },
    )
    .unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

pub fn r8_is_raised_on_entities_not_assets<B: Backend>(b: B) {
    let mut d = cleared(b);
    let a_year_ago = FlagReason::CriminalRecord {
        offence_date: d.now().minus_seconds(YEAR),
    };
    assert_fails(
        d.raise_flag("watcher", asset(), a_year_ago),
        RegistryError::FlagReasonNotForAssets {},
    );
    let future = FlagReason::CriminalRecord {
        offence_date: d.now().plus_seconds(DAY),
    };
    assert_fails(
        d.raise_flag("watcher", entity(ACME), future),
        RegistryError::OffenceInFuture {},
    );
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

// ------------------------------------------------------------------ R9: under investigation

pub fn r9_investigation_blocks_until_cleared_with_a_conclusion<B: Backend>(b: B) {
    let mut d = Deployment::on(b)
        .with_standard_oracles()
        .with_auditors()
        .build();
    d.clear_for_issuance(BOND);
    let flag = d
        .raise_flag("watcher", entity(HOLDCO), FlagReason::UnderInvestigation)
        .unwrap();
    let refused = || {
        vec![Denial::Flagged {
            flag,
            subject: entity(HOLDCO),
            reason: FlagReason::UnderInvestigation,
        }]
    };
    // Time alone never lifts it.
    let later = d.now().plus_seconds(2);
    d.backend.wait_until(later);
    assert_refused(d.mint("issuer", BOND, "holder", 1), refused());
    // The raiser cannot clear its own flag, nor can a stranger.
    assert_fails(
        d.clear_flag("watcher", flag),
        RegistryError::RaiserCannotClear {},
    );
    assert_fails(
        d.clear_flag("stranger", flag),
        RegistryError::Unauthorized {},
    );
    d.clear_flag("auditor-1", flag).unwrap();
    assert_refused(d.mint("issuer", BOND, "holder", 1), refused());
    d.clear_flag("auditor-2", flag).unwrap();
    let cleared = d.flag(flag);
    assert_eq!(cleared.status, FlagStatus::Cleared);
    assert_eq!(
        cleared.conclusion,
        Some(evidence("investigation concluded"))
    );
    assert_eq!(cleared.clear_votes.len(), 2);
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

// ------------------------------------------------------------------ R10: fail closed, explainable

pub fn r10_expired_evidence_denies_issuance<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    let expires_at = d.now().plus_seconds(SHORTLY);
    d.attest_filing_with("filer", BOND, MAX_SUPPLY, SHORTLY)
        .unwrap();
    let subjects = d.asset(BOND).subjects().map(str::to_string).collect();
    d.attest_screening_with("screener", BOND, subjects, LOOKBACK_SECONDS, 30 * DAY)
        .unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
    d.backend.wait_until(expires_at);
    let at = d.attestation(1).expires_at;
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingExpired { at }],
    );
    // Remedy: a fresh filing.
    d.attest_filing("filer", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

pub fn r10_revoked_evidence_denies_issuance<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    let receipt = d.attest_filing("filer", BOND).unwrap();
    let id: u64 = receipt.attr("id").unwrap().parse().unwrap();
    d.attest_screening("screener", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
    d.exec(
        "filer",
        &ExecuteMsg::Revoke(RevokeMsg {
            id,
            evidence: evidence("filing withdrawn"),
        }),
    )
    .unwrap();
    assert!(d.attestation(id).revoked_at.is_some());
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
}

pub fn r10_every_denial_is_listed_and_the_mint_agrees_with_check_issuance<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    let flag = d
        .raise_flag("watcher", asset(), FlagReason::OwnershipDispute)
        .unwrap();
    d.exec("owner", &ExecuteMsg::Pause { asset: None }).unwrap();
    let decision = d.check(BOND, 0, Some("stranger"));
    let stranger = cosmwasm_std::Addr::unchecked(d.addr("stranger"));
    assert!(!decision.allowed);
    assert_eq!(
        decision.reasons,
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
    // The token's mint runs the same function: it fails with exactly those reasons.
    assert_refused(d.mint("stranger", BOND, "holder", 0), decision.reasons);
}

// ------------------------------------------------------------------ the lifecycle

/// Register, attest, mint with a receipt, transfer, flag, freeze, clear, expire, re-attest,
/// reach the cap, burn: each step's outcome and every refusal's reasons.
pub fn lifecycle_from_registration_to_the_cap<B: Backend>(b: B) {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    let info: AssetInfoResponse = d.query_token(BOND, &TokenQuery::AssetInfo {});
    assert_eq!(info.asset, BOND);
    assert_eq!(info.registry.as_str(), d.registry);

    // Registered, not attested: refused with every reason.
    assert_refused(
        d.mint("issuer", BOND, "alice", 100),
        vec![
            Denial::FilingQuorumNotMet { have: 0, need: 1 },
            Denial::ScreeningQuorumNotMet { have: 0, need: 1 },
        ],
    );

    // Attested: the mint goes through and its receipt names the attestations relied on.
    let filing = d.attest_filing("filer", BOND).unwrap();
    let screening_expires = d.now().plus_seconds(SHORTLY);
    let subjects = d.asset(BOND).subjects().map(str::to_string).collect();
    let screening = d
        .attest_screening_with("screener", BOND, subjects, LOOKBACK_SECONDS, SHORTLY)
        .unwrap();
    let receipt = d.mint("issuer", BOND, "alice", 100).unwrap();
    assert_eq!(receipt.attr("action"), Some("mint"));
    assert_eq!(receipt.attr("minted"), Some("100"));
    assert_eq!(receipt.attr("filings"), filing.attr("id"));
    assert_eq!(receipt.attr("screenings"), screening.attr("id"));
    d.transfer("alice", BOND, "bob", 40).unwrap();
    assert_eq!((d.balance(BOND, "alice"), d.balance(BOND, "bob")), (60, 40));

    // The screening lapses by the clock alone.
    d.backend.wait_until(screening_expires);
    let at = d.attestation(2).expires_at;
    assert_refused(
        d.mint("issuer", BOND, "alice", 1),
        vec![Denial::ScreeningExpired { at }],
    );
    d.attest_screening("screener", BOND).unwrap();

    // An ownership dispute: mint refused, transfers frozen, a refused call leaves no trace.
    let flag = d
        .raise_flag("watcher", asset(), FlagReason::OwnershipDispute)
        .unwrap();
    assert_fails(
        d.transfer("alice", BOND, "bob", 1),
        TokenError::TransfersFrozen {
            asset: BOND.into(),
            flags: vec![flag],
        },
    );
    assert_eq!((d.balance(BOND, "alice"), d.balance(BOND, "bob")), (60, 40));
    d.clear_flag("owner", flag).unwrap();

    // Cap: cumulative, burns do not free room.
    d.mint("issuer", BOND, "bob", MAX_SUPPLY - 100).unwrap();
    d.burn("bob", BOND, 10).unwrap();
    assert_eq!(d.supply(BOND), MAX_SUPPLY - 10);
    let decision = d.check(BOND, 1, Some("issuer"));
    assert_eq!(
        decision.reasons,
        vec![Denial::CapExceeded {
            cap: Uint128::new(MAX_SUPPLY),
            minted: Uint128::new(MAX_SUPPLY),
            requested: Uint128::new(1),
        }]
    );
    assert_refused(d.mint("issuer", BOND, "alice", 1), decision.reasons);
}

// ------------------------------------------------------------------ cw20 send

/// `send` delivers exactly the `Cw20ReceiveMsg` to the receiver; a receiver that fails rolls
/// the whole send back.
pub fn send_delivers_the_receive_message_and_a_failing_receiver_rolls_it_back<B: Backend>(b: B) {
    let mut d = cleared(b);
    d.mint("issuer", BOND, "alice", 100).unwrap();
    let receiver = d.backend.deploy_receiver();
    let token = d.token(BOND);
    let send = |msg: &[u8]| TokenMsg::Send {
        contract: receiver.clone(),
        amount: Uint128::new(30),
        msg: Binary::from(msg),
    };
    d.exec_token("alice", BOND, &send(b"hello")).unwrap();
    let received: Vec<Cw20ReceiveMsg> = {
        let bytes = d
            .backend
            .query_json(&receiver, br#"{"received":{}}"#.to_vec())
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    };
    let alice = d.addr("alice");
    assert_eq!(
        received,
        vec![Cw20ReceiveMsg {
            sender: alice,
            amount: Uint128::new(30),
            msg: Binary::from(b"hello".as_slice()),
        }]
    );
    let receiver_balance = |d: &mut Deployment<B>| {
        let r: rwa_gate::cw20::BalanceResponse = d.query_token(
            BOND,
            &TokenQuery::Balance {
                address: receiver.clone(),
            },
        );
        r.balance.u128()
    };
    assert_eq!(receiver_balance(&mut d), 30);
    // The receiver refuses: the whole send is undone, the token's debit included.
    let res = d.exec_token("alice", BOND, &send(b"fail"));
    assert!(
        res.as_ref().is_err_and(|e| e.contains("receiver refuses")),
        "{res:?} (token {token})"
    );
    assert_eq!(d.balance(BOND, "alice"), 70);
    assert_eq!(receiver_balance(&mut d), 30);
}

// ------------------------------------------------------------------ token wasm admin (issue 10, 2)

/// The attack of issue 10 (item 2): a former owner, after handing ownership over, migrates a
/// token outside the gate (to code that credits itself, and back). The registry is every token's
/// wasm admin, so nobody migrates a token directly, and only the current owner migrates them,
/// through the registry. (multi-test also checks the token's admin, its code id and its storage:
/// tests/tests/migration.rs.)
pub fn a_former_owner_cannot_migrate_a_token_and_the_new_owner_can_through_the_registry<
    B: Backend,
>(
    b: B,
) {
    let mut d = cleared(b);
    d.mint("issuer", BOND, "holder", 10).unwrap();
    let new_owner = d.addr("next-owner");
    d.exec("owner", &ExecuteMsg::ProposeOwner { new_owner })
        .unwrap();
    d.exec("next-owner", &ExecuteMsg::AcceptOwnership {})
        .unwrap();
    let code = d.backend.token_code_id();
    let not_admin = not_admin(d.backend.name(), &d.registry);
    // The former owner: neither directly (x/wasm) nor through the registry.
    assert_fails(d.migrate_token_directly("owner", BOND, code), &not_admin);
    assert_fails(
        d.migrate_tokens("owner", code),
        RegistryError::Unauthorized {},
    );
    // Nor may the new owner bypass the registry.
    assert_fails(
        d.migrate_token_directly("next-owner", BOND, code),
        &not_admin,
    );
    // Through the registry, the new owner migrates the token; it keeps its balances and its gate.
    let receipt = d.migrate_tokens("next-owner", code).unwrap();
    assert_eq!(receipt.attr("migrated"), Some("1"));
    assert_eq!(
        receipt.attr("to_version"),
        Some(gated_token::CONTRACT_VERSION)
    );
    assert_eq!(d.balance(BOND, "holder"), 10);
    d.mint("issuer", BOND, "holder", 1).unwrap();
    // Once ownership is renounced, nobody can migrate a token again.
    d.exec("next-owner", &ExecuteMsg::RenounceOwnership {})
        .unwrap();
    assert_fails(
        d.migrate_tokens("next-owner", code),
        RegistryError::Unauthorized {},
    );
    assert_fails(
        d.migrate_token_directly("next-owner", BOND, code),
        &not_admin,
    );
}

// ------------------------------------------------------------------ link allowances (issue 10, 3)

/// A second approved issuer with its own entity.
pub const ISSUER2: &str = "issuer2";
pub const OTHERCO: &str = "otherco";

/// The bond of `issuer` (on acme, with holdco and founder), and `issuer2` approved with its own
/// entity `otherco`.
pub fn two_issuers<B: Backend>(b: B) -> Deployment<B> {
    let mut d = Deployment::on(b).with_standard_oracles().build();
    d.approve_issuer(ISSUER2).unwrap();
    d.register_entity_as(ISSUER2, OTHERCO).unwrap();
    d
}

/// The attack of issue 10 (item 3): another issuer names `holdco` (registered by `issuer`) as a
/// related party of its own assets until holdco's 32 slots are full, and `issuer` can no longer
/// register assets on its own entity. Without an allowance not one link is made, and `issuer`
/// keeps every slot for itself. (multi-test also checks that each of 32 refused attempts leaves
/// the registry's storage unchanged: tests/tests/parties.rs.)
pub fn another_issuer_cannot_use_up_an_entitys_slots<B: Backend>(b: B) {
    let mut d = two_issuers(b);
    let holdco = [(HOLDCO, PartyRole::ControllingShareholder)];
    for i in 0..2 {
        assert_fails(
            d.register_asset_as(ISSUER2, &format!("squat-{i}"), OTHERCO, &holdco),
            RegistryError::LinkNotAllowed {
                id: HOLDCO.into(),
                limit: 0,
            },
        );
    }
    assert_eq!(d.entity(HOLDCO).assets, 1);
    assert_eq!(d.entity(OTHERCO).assets, 0);
    // holdco's own issuer fills every remaining slot (the bond holds one).
    for i in 1..MAX_ASSETS_PER_ENTITY {
        d.register_asset(&format!("own-{i}"), HOLDCO, &[]).unwrap();
    }
    assert_eq!(d.entity(HOLDCO).assets, MAX_ASSETS_PER_ENTITY);
    assert_fails(
        d.register_asset("one-too-many", HOLDCO, &[]),
        RegistryError::EntityAssetLimit { id: HOLDCO.into() },
    );
}

// ------------------------------------------------------------------ related parties change (issue 10, 4)

pub const NEWCO: &str = "newco";

fn bond_parties_with(extra: &str) -> Vec<(&str, PartyRole)> {
    vec![
        (HOLDCO, PartyRole::ControllingShareholder),
        (FOUNDER, PartyRole::UltimateController),
        (extra, PartyRole::ControllingShareholder),
    ]
}

fn cleared_with_newco<B: Backend>(b: B) -> Deployment<B> {
    let mut d = cleared(b);
    d.register_entity(NEWCO).unwrap();
    d
}

/// A screening covers the parties it names: once a party joins that it did not cover, it stops
/// counting at once, until a screening of the new set is posted.
pub fn a_screening_that_misses_a_new_party_stops_counting_at_once<B: Backend>(b: B) {
    let mut d = cleared_with_newco(b);
    d.mint("issuer", BOND, "holder", 1).unwrap();
    let receipt = d
        .update_parties("issuer", BOND, &bond_parties_with(NEWCO))
        .unwrap();
    assert_eq!(receipt.attr("joined"), Some("1"));
    assert_eq!(
        d.asset(BOND).subjects().collect::<Vec<_>>(),
        vec![ACME, HOLDCO, FOUNDER, NEWCO]
    );
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::ScreeningQuorumNotMet { have: 0, need: 1 }],
    );
    // Remedy: a screening of the new set.
    d.attest_screening("screener", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

/// A flag on an entity that becomes a related party blocks the asset at once (and a flag raised
/// on it afterwards reaches the asset: the entity is linked to it).
pub fn a_flag_on_a_new_party_blocks_at_once<B: Backend>(b: B) {
    let mut d = cleared_with_newco(b);
    let flag = d
        .raise_flag("watcher", entity(NEWCO), FlagReason::UnderInvestigation)
        .unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
    d.update_parties("issuer", BOND, &bond_parties_with(NEWCO))
        .unwrap();
    // A screening of the new set (newco included), so that only the flag can deny.
    d.attest_screening("screener", BOND).unwrap();
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::Flagged {
            flag,
            subject: entity(NEWCO),
            reason: FlagReason::UnderInvestigation,
        }],
    );
    d.clear_flag("owner", flag).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
    let receipt = d
        .exec(
            "watcher",
            &ExecuteMsg::RaiseFlag {
                subject: entity(NEWCO),
                reason: FlagReason::NationalSecurity,
                evidence: evidence("finding"),
            },
        )
        .unwrap();
    assert_eq!(receipt.attr("assets_recomputed"), Some("1"));
    assert!(!d.check(BOND, 1, Some("issuer")).allowed);
}

/// A flag on a party that leaves stops blocking this asset, and still blocks the others it is a
/// party of; the entity's link to the asset is gone both ways.
pub fn a_flag_on_a_removed_party_stops_blocking_that_asset<B: Backend>(b: B) {
    let mut d = cleared_with_newco(b);
    d.register_asset("fund", ACME, &[(FOUNDER, PartyRole::UltimateController)])
        .unwrap();
    d.clear_for_issuance("fund");
    let flag = d
        .raise_flag("watcher", entity(FOUNDER), FlagReason::UnderInvestigation)
        .unwrap();
    let founder_flagged = vec![Denial::Flagged {
        flag,
        subject: entity(FOUNDER),
        reason: FlagReason::UnderInvestigation,
    }];
    assert_refused(d.mint("issuer", BOND, "holder", 1), founder_flagged.clone());
    assert_eq!(d.entity(FOUNDER).assets, 2);
    d.update_parties(
        "issuer",
        BOND,
        &[(HOLDCO, PartyRole::ControllingShareholder)],
    )
    .unwrap();
    // The flag no longer blocks the bond, but the issuer's word alone does not lift the block:
    // the screening was of the old set of parties, and an oracle must screen the new one.
    assert_refused(
        d.mint("issuer", BOND, "holder", 1),
        vec![Denial::ScreeningQuorumNotMet { have: 0, need: 1 }],
    );
    d.attest_screening("screener", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
    assert_refused(d.mint("issuer", "fund", "holder", 1), founder_flagged);
    assert_eq!(d.entity(FOUNDER).assets, 1);
    let receipt = d
        .exec(
            "watcher",
            &ExecuteMsg::RaiseFlag {
                subject: entity(FOUNDER),
                reason: FlagReason::NationalSecurity,
                evidence: evidence("finding"),
            },
        )
        .unwrap();
    assert_eq!(receipt.attr("assets_recomputed"), Some("1"));
    d.mint("issuer", BOND, "holder", 1).unwrap();
}

/// An update of the bond's related parties that must be refused: what it tries, who sends it,
/// the new list, and the error.
pub struct RefusedPartyUpdate {
    pub what: &'static str,
    pub sender: &'static str,
    pub parties: Vec<(String, PartyRole)>,
    pub error: RegistryError,
}

impl RefusedPartyUpdate {
    pub fn parties(&self) -> Vec<(&str, PartyRole)> {
        self.parties.iter().map(|(e, r)| (e.as_str(), *r)).collect()
    }
}

/// Every check of registration, applied to an update of the bond's parties on a
/// [`two_issuers`] deployment with `newco` registered by `issuer`.
pub fn refused_party_updates() -> Vec<RefusedPartyUpdate> {
    let list = |parties: &[(&str, PartyRole)]| -> Vec<(String, PartyRole)> {
        parties.iter().map(|(e, r)| (e.to_string(), *r)).collect()
    };
    let case = |what, sender, parties: Vec<(String, PartyRole)>, error| RefusedPartyUpdate {
        what,
        sender,
        parties,
        error,
    };
    vec![
        case(
            "17 parties",
            "issuer",
            (0..17)
                .map(|i| (format!("p{i}"), PartyRole::Other))
                .collect(),
            RegistryError::TooManyRelatedParties { max: 16 },
        ),
        case(
            "a party twice",
            "issuer",
            list(&[(NEWCO, PartyRole::Other), (NEWCO, PartyRole::Other)]),
            RegistryError::DuplicateParty { id: NEWCO.into() },
        ),
        case(
            "the filing entity as a party",
            "issuer",
            list(&[(ACME, PartyRole::Other)]),
            RegistryError::DuplicateParty { id: ACME.into() },
        ),
        case(
            "the same parties",
            "issuer",
            list(&[
                (HOLDCO, PartyRole::ControllingShareholder),
                (FOUNDER, PartyRole::UltimateController),
            ]),
            RegistryError::RelatedPartiesUnchanged {},
        ),
        case(
            "an unknown entity",
            "issuer",
            list(&[(HOLDCO, PartyRole::Other), ("ghost", PartyRole::Other)]),
            RegistryError::EntityNotFound { id: "ghost".into() },
        ),
        case(
            "another issuer's entity without an allowance",
            "issuer",
            list(&[(OTHERCO, PartyRole::Other)]),
            RegistryError::LinkNotAllowed {
                id: OTHERCO.into(),
                limit: 0,
            },
        ),
        case(
            "by another issuer",
            ISSUER2,
            list(&[(HOLDCO, PartyRole::Other)]),
            RegistryError::Unauthorized {},
        ),
        case(
            "by a stranger",
            "stranger",
            list(&[(HOLDCO, PartyRole::Other)]),
            RegistryError::Unauthorized {},
        ),
        case(
            "by an oracle",
            "watcher",
            list(&[(HOLDCO, PartyRole::Other)]),
            RegistryError::Unauthorized {},
        ),
    ]
}

/// What an update of the bond's parties may touch: the asset and the entities' links.
fn party_records<B: Backend>(d: &mut Deployment<B>) -> Vec<String> {
    let mut records = vec![format!("{:?}", d.asset(BOND))];
    for e in [ACME, HOLDCO, FOUNDER, NEWCO, OTHERCO] {
        records.push(format!("{:?}", d.entity(e)));
    }
    records
}

/// Every bound and check of registration holds for an update, which changes nothing when it
/// fails. (multi-test also checks that each refusal leaves the registry's storage byte for byte
/// unchanged: tests/tests/parties.rs.)
pub fn updated_parties_keep_every_bound<B: Backend>(b: B) {
    let mut d = two_issuers(b);
    d.register_entity(NEWCO).unwrap();
    for case in refused_party_updates() {
        let before = party_records(&mut d);
        assert_fails(
            d.update_parties(case.sender, BOND, &case.parties()),
            &case.error,
        );
        assert_eq!(party_records(&mut d), before, "{}", case.what);
    }

    // An entity whose slots are full cannot join.
    for i in 0..MAX_ASSETS_PER_ENTITY {
        d.register_asset(&format!("n-{i}"), NEWCO, &[]).unwrap();
    }
    let before = party_records(&mut d);
    assert_fails(
        d.update_parties("issuer", BOND, &bond_parties_with(NEWCO)),
        RegistryError::EntityAssetLimit { id: NEWCO.into() },
    );
    assert_eq!(party_records(&mut d), before);

    // A revoked issuer may no longer change them; the owner may.
    let address = d.addr("issuer");
    d.exec("owner", &ExecuteMsg::RevokeIssuer { address })
        .unwrap();
    assert_fails(
        d.update_parties("issuer", BOND, &[(HOLDCO, PartyRole::Other)]),
        RegistryError::Unauthorized {},
    );
    d.update_parties("owner", BOND, &[(HOLDCO, PartyRole::Other)])
        .unwrap();
    assert_eq!(d.entity(FOUNDER).assets, 0);
    // A retired asset keeps its parties.
    d.exec("owner", &ExecuteMsg::RetireAsset { asset: BOND.into() })
        .unwrap();
    assert_fails(
        d.update_parties("owner", BOND, &[(FOUNDER, PartyRole::Other)]),
        RegistryError::AssetRetired { id: BOND.into() },
    );
}
