//! The rule scenarios, written once against [`Backend`] and run on cw-multi-test
//! (`tests/tests/rules.rs`, `rN_…`) and on the local chain (`tests/chain`, `chain_rN_…`).
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
use rwa_gate::{Denial, FlagReason, FlagStatus, IssuancePlan, Statement, Subject};

use crate::backend::{assert_fails, assert_refused, evidence, Backend, Deployment};
use crate::{digest, ACME, BOND, DAY, FOUNDER, HOLDCO, MAX_SUPPLY, YEAR};

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
    let res = d.exec(
        "filer",
        &ExecuteMsg::Attest {
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
    assert_fails(res, RegistryError::PlanDigestMismatch {});
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
                max_supply: Uint128::new(MAX_SUPPLY),
                materials_digest: digest("bond-plan-v2"),
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
    // So is one that looks back less than three years.
    let all = vec![ACME.into(), HOLDCO.into(), FOUNDER.into()];
    assert_fails(
        d.attest_screening_with("screener", BOND, all, 3 * YEAR, 30 * DAY),
        RegistryError::LookbackTooShort {},
    );
    // And evidence that is not a digest (personal data) never reaches the chain.
    let expires_at = d.now().plus_seconds(DAY);
    let res = d.exec(
        "screener",
        &ExecuteMsg::Attest {
            asset: BOND.into(),
            statement: Statement::Screening {
                negative_list_version: 1,
                subjects: vec![ACME.into(), HOLDCO.into(), FOUNDER.into()],
                lookback_from: Timestamp::from_seconds(0),
            },
            expires_at,
            evidence: rwa_gate::Evidence {
                digest: "Zhang San, ID 110101199003077777".into(),
                uri: None,
            },
        },
    );
    assert_fails(
        res,
        RegistryError::InvalidInput(rwa_gate::validate::InvalidInput::Digest {
            field: "attestation evidence",
        }),
    );
    // Remedy: a complete screening.
    d.attest_screening("screener", BOND).unwrap();
    d.mint("issuer", BOND, "holder", 1).unwrap();
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

pub fn r6_new_negative_list_version_voids_older_screenings<B: Backend>(b: B) {
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
        &ExecuteMsg::Revoke {
            id,
            evidence: evidence("filing withdrawn"),
        },
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
