//! Replay and ordering: evidence counts only for what, when and by whom it was given.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::Uint128;
use rwa_gate::registry::AttestMsg;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::{PartyRole, StatementMsg};
use rwa_gate_tests::*;

fn two_assets() -> Suite {
    let mut s = Suite::new().with_standard_oracles().build();
    s.register_asset("note", ACME, &[(HOLDCO, PartyRole::ControllingShareholder)])
        .unwrap();
    s
}

#[test]
fn an_attestation_of_one_asset_never_counts_for_another() {
    let mut s = two_assets();
    s.clear_for_issuance(BOND);
    assert_refused(
        s.mint("issuer", "note", "holder", 1),
        vec![
            Denial::FilingQuorumNotMet { have: 0, need: 1 },
            Denial::ScreeningQuorumNotMet { have: 0, need: 1 },
        ],
    );
    // Replaying the bond's filing statement (same plan digest) on the note is refused: the
    // digest is bound to the asset's own plan.
    let bond_plan = s.asset(BOND).plan;
    let note_plan_version = s.asset("note").plan_version;
    let expires_at = s.now().plus_seconds(DAY);
    assert_fails(
        s.exec(
            "filer",
            &ExecuteMsg::Attest(AttestMsg {
                asset: "note".into(),
                statement: StatementMsg::Filing {
                    filing_reference: "CSRC-2026-bond".into(),
                    plan: bond_plan,
                    approved_supply: Uint128::new(10),
                },
                expires_at,
                evidence: evidence("replayed"),
            }),
        ),
        RegistryError::PlanMismatch {
            current_version: note_plan_version,
        },
    );
    // The bond's clearance is untouched by the note's own attestations, and vice versa.
    s.clear_for_issuance("note");
    assert_ne!(
        s.clearance("note").filing.attestations,
        s.clearance(BOND).filing.attestations
    );
}

#[test]
fn a_significant_matter_report_voids_every_older_filing_of_every_oracle() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("filer-2", FILING)
        .build();
    s.clear_for_issuance(BOND);
    s.attest_filing("filer-2", BOND).unwrap();
    s.exec(
        "filer-2",
        &ExecuteMsg::ReportSignificantMatter {
            asset: BOND.into(),
            evidence: evidence("matter"),
        },
    )
    .unwrap();
    let d = s.check(BOND, 1, Some("issuer"));
    assert_eq!(
        d.reasons,
        vec![
            Denial::FilingQuorumNotMet { have: 0, need: 1 },
            Denial::SignificantMatterPending { report: 1 },
        ]
    );
    s.attest_filing("filer-2", BOND).unwrap();
    assert!(s.check(BOND, 1, Some("issuer")).allowed);
}

#[test]
fn removing_an_oracle_takes_its_attestations_out_at_once() {
    let mut s = Suite::new().with_standard_oracles().build();
    s.clear_for_issuance(BOND);
    let filer = s.addr("filer").to_string();
    s.exec_owner(&ExecuteMsg::RemoveOracle { address: filer })
        .unwrap();
    // No refresh needed for the denial: the epoch moved, so the old clearance stops counting
    // in the very next block.
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::ClearanceStale {
            epoch: 0,
            current: 1,
        }],
    );
    s.refresh(BOND).unwrap();
    assert_eq!(s.clearance(BOND).filing.attestations, Vec::<u64>::new());
}

#[test]
fn the_same_oracle_never_counts_twice_toward_a_quorum() {
    let mut s = Suite::new()
        .with_oracle("filer", ALL)
        .with_oracle("watcher", FLAGS)
        .with_attestation_quorum(2)
        .build();
    for _ in 0..3 {
        s.attest_filing("filer", BOND).unwrap();
        s.attest_screening("filer", BOND).unwrap();
        s.advance(60);
    }
    let c = s.clearance(BOND);
    assert_eq!(
        (c.filing.attestations.len(), c.screening.attestations.len()),
        (1, 1)
    );
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![
            Denial::FilingQuorumNotMet { have: 1, need: 2 },
            Denial::ScreeningQuorumNotMet { have: 1, need: 2 },
        ],
    );
}
